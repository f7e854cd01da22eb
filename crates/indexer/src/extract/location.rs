//! Location and the remote flag.

use super::labelled::LabelledLines;
use super::text::{contains_any_word, sentence_ranges, truncate_chars, word_positions, WordSet};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Where a job is, as written, and whether it can be done remotely.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub location: Option<String>,
    pub remote: bool,
}

const MAX_LOCATION_CHARS: usize = 80;

const LOCATION_LABELS: &[&str] = &["location", "locations", "position location", "job location", "location(s)"];

/// Values of a location line that say nothing about the place.
const UNKNOWN_LOCATIONS: &[&str] = &["not listed", "unlisted", "not stated", "n/a", "na", "tbd", "none", "see below", "various"];

/// Words of a location line that say the job can be done from elsewhere ("Location:
/// Flexible. She Should Run is a mostly virtual team." in seeds/002). "Flexible" counts
/// only as the whole first sentence: "Flexible but Washington, DC, or Philadelphia, PA"
/// and "Geographically flexible within Massachusetts" name the places to choose from.
const REMOTE_IN_LOCATION_LINE: &[&str] = &["remote", "remotely", "anywhere", "virtual"];

/// Phrases that deny remote work. They win over any positive mention, because a post
/// that says "This is not a remote position" may still talk of remote staff elsewhere.
const NOT_REMOTE: &[&str] = &[
    "not remote",
    "no remote",
    "non-remote",
    "not a remote",
    "not be remote",
    "cannot be remote",
    "can't be remote",
    "not open to remote",
    "not a remote-friendly",
    "remote work is not",
    "remote work isn't",
    "remote is not",
    "remote isn't",
    "not eligible for remote",
    "not available for remote",
    "not offer remote",
];

/// Phrases that say the job can be done away from the office wherever they stand.
/// "Remote work" alone is not one: it is as often a duty ("optimizing remote work").
const REMOTE_PHRASES: &[&str] = &[
    "remotely", "work from home", "work from anywhere", "telecommute", "telecommuting", "telework", "teleworking",
    "all-remote", "remote-friendly", "remote-first", "regardless of location", "remote work is possible",
    "remote work is available", "remote work is an option", "remote work will be considered", "remote work is permitted",
];

/// Every remote phrase, and "remote" itself, contains one of these: a text with none of
/// them says nothing of remote work, which a few fast substring searches establish.
const REMOTE_PHRASE_HINTS: &[&str] = &["remote", "work from", "telecommut", "telework", "regardless of location"];

// Both lists are looked for in whole bodies: one pass each rather than one per phrase.
static NOT_REMOTE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NOT_REMOTE.iter().copied()));
static REMOTE_PHRASE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(REMOTE_PHRASES.iter().copied()));

/// Words just before "remote" that make it about where the job is done.
const REMOTE_BEFORE: &[&str] = &[
    "or", "fully", "100%", "be", "is", "all", "consider", "considering", "to", "potential", "possibly", "optional",
    "partially", "partly", "completely", "entirely", "work", "/", "(", "-", "–", "as", "location:", "candidates", "potentially",
    "offer", "offers", "permanent", "allow", "allows",
];

/// Words just after "remote" that make it about where the job is done.
const REMOTE_AFTER: &[&str] = &[
    "position", "positions", "role", "roles", "job", "jobs", "possible", "ok", "okay", "friendly", "-friendly",
    "optional", "eligible", "candidates", "candidate", "applicants", "applicant", "for", "within", "during",
    "first", "opportunity", "working", "available", "considered", "options", "option", "is", "(", "/",
    "only", "allowed", "acceptable", "preferred", "anywhere", "in", "from", "organization", "organisation",
    "company", "firm", "workplace", "environment",
];

/// The post's location and remote flag. The location is the value of the location line
/// the caller found (or this function finds: "Location:", "Position Location:", …), cut
/// to its first sentence, or the place that line names when it is a sentence ("The
/// position is located in Maine …"). Without a line, in this order: a place named after
/// "based in", "located in", "position in", "office in" or "relocate to"; a "(City, ST)"
/// in the title; "in our Washington, DC office"; the first "in City, ST" of the body.
/// A remote post with no place gets "Remote".
///
/// Remote is true when the location line, the title or a sentence of the body says the
/// job can be done remotely ("Remote", "remote-friendly", "fully remote", "can be
/// remote", "100% remote during COVID"), unless the post denies it ("not remote", "no
/// remote", "Remote work is not possible for this position").
pub fn location(body: &str, location_line: Option<&str>, title: &str) -> Place {
    let line = location_line.or_else(|| {
        let label_lines = LabelledLines::new(body);
        LOCATION_LABELS.iter().find_map(|label| label_lines.get(label))
    });
    let line = line.map(str::trim).filter(|line| !line.is_empty());
    let denied = [body, title, line.unwrap_or("")].iter().any(|text| denies_remote(text));
    let remote = !denied
        && (line.is_some_and(location_line_says_remote)
            || mentions_remote_work(title)
            || mentions_remote_work(body));
    // A location line written as a sentence ("The position is located in Maine with the
    // ability to work remotely") gives the place it names.
    let mut location = line
        .and_then(|line| place_in_text(line).or_else(|| clean_location(line)))
        .or_else(|| place_in_text(body))
        .or_else(|| place_in_parentheses(title))
        .or_else(|| office_place(body))
        .or_else(|| city_and_state_after_in(body))
        .or_else(|| place_on_its_own_line(body))
        .or_else(|| place_before_based(body))
        .or_else(|| place_ending_title(title))
        .or_else(|| known_city_after_in(body));
    if location.is_none() && remote {
        location = Some("Remote".to_owned());
    }
    Place { location, remote }
}

fn location_line_says_remote(line: &str) -> bool {
    let lower = line.to_lowercase();
    let first_sentence = first_sentence_of_place(&lower).trim().trim_end_matches('.');
    contains_any_word(&lower, REMOTE_IN_LOCATION_LINE) || first_sentence == "flexible"
}

fn denies_remote(text: &str) -> bool {
    let lower = text.to_lowercase();
    // Every denial names "remote": most posts are ruled out by one fast substring search.
    if !lower.contains("remote") {
        return false;
    }
    NOT_REMOTE_SET.contains_any(&lower)
        || (lower.contains("remote") && lower.contains("not possible") && remote_not_possible(&lower))
}

/// "Remote work is not possible for this position" and the like, within one sentence.
fn remote_not_possible(lower: &str) -> bool {
    sentence_ranges(lower).into_iter().any(|range| {
        let sentence = &lower[range];
        sentence.find("remote").zip(sentence.find("not possible")).is_some_and(|(remote, not)| remote < not)
    })
}

/// Whether the text uses "remote" about where the job is done: "or remote", "fully
/// remote", "remote position", "open to remote candidates". Other uses ("remote
/// training", "remote repositories", "manage remote data staff") are not.
fn mentions_remote_work(text: &str) -> bool {
    // ASCII lower-casing keeps byte offsets, so `text[at..]` still shows the original case.
    let lower = text.to_ascii_lowercase();
    if !REMOTE_PHRASE_HINTS.iter().any(|hint| lower.contains(hint)) {
        return false;
    }
    if REMOTE_PHRASE_SET.contains_any(&lower) {
        return true;
    }
    let about_the_job = word_positions(&lower, "remote").any(|at| {
        let word_before = lower[..at].split_whitespace().next_back();
        let after = lower[at + "remote".len()..].trim_start();
        let next_word = after.split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == ';').next().unwrap_or("");
        let line_ends = after.is_empty() || after.starts_with(['\n', '.', ',', ';', ')']);
        // "Miami, Remote · Cofounder": a capitalised Remote in a list of places.
        let listed_place = text[at..].starts_with("Remote");
        let before_ok = word_before.is_some_and(|word| {
            REMOTE_BEFORE.contains(&word) || word.ends_with('/') || word.ends_with(':') || (listed_place && word.ends_with(','))
        });
        let starts_line = lower[..at].trim_end_matches([' ', '\t', '*', '-', '(']).ends_with('\n') || lower[..at].trim().is_empty();
        let after_ok = REMOTE_AFTER.contains(&next_word) || next_word.starts_with('-') || next_word.starts_with('(') || next_word.starts_with('/');
        before_ok || after_ok || (line_ends && starts_line)
    });
    about_the_job
}

/// The location line's value cut to its first sentence, or `None` when it states no place.
fn clean_location(line: &str) -> Option<String> {
    let first_sentence = first_sentence_of_place(line);
    let value = first_sentence.trim().trim_end_matches(['.', ';', ',']).trim();
    let lower = value.to_lowercase();
    // A link line under an empty "Location:" (2020-02-14-texdemfindata.md) is no place.
    let link_call = ["apply here", "see more", "job description", "http"].iter().any(|call| lower.contains(call));
    if value.is_empty() || link_call || UNKNOWN_LOCATIONS.contains(&lower.as_str()) || lower.starts_with("not listed") {
        return None;
    }
    Some(truncate_chars(value, MAX_LOCATION_CHARS).trim_end().to_owned())
}

/// The text up to the first full stop that ends a sentence ("Oakland, CA. Some travel
/// required."); the dots of "St. Louis", "D.C." and "U.S." do not, nor a dot typed for
/// the comma before a state code that ends the line ("Columbus. OH").
fn first_sentence_of_place(line: &str) -> &str {
    let mut from = 0;
    while let Some(dot) = line[from..].find(". ").map(|i| from + i) {
        let word_before = line[..dot].rsplit([' ', ',']).next().unwrap_or("");
        let letters = word_before.chars().filter(|c| c.is_alphabetic()).count();
        let state_code = letters == 2 && word_before.chars().all(|c| c.is_ascii_uppercase());
        let after = line[dot + 2..].trim().trim_end_matches('.');
        let state_code_ends_line = after.len() == 2 && after.chars().all(|c| c.is_ascii_uppercase());
        if (letters > 2 || state_code) && !matches!(word_before, "Ste") && !state_code_ends_line {
            return &line[..dot];
        }
        from = dot + 2;
    }
    line
}

/// A place named after a phrase that locates the job: "based in Washington, DC",
/// "located in Oakland, CA", "position in Durham, NC", "willing to relocate to Nashville, TN".
fn place_in_text(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    // No trigger can overlap another (none ends the way one begins), so one pass finds
    // every occurrence of each, in order.
    PLACE_TRIGGERS.find_iter(&lower).find_map(|found| capitalised_place(&body[found.end()..]))
}

static PLACE_TRIGGERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(["based in ", "based out of ", "located in ", "position in ", "office in ", "relocate to "])
        .expect("literal phrases always compile")
});

/// A "City, ST" in parentheses in the title ("Deputy Data Director (Richmond, VA)").
fn place_in_parentheses(title: &str) -> Option<String> {
    let open = title.rfind('(')?;
    let inner = title[open + 1..].split(')').next()?;
    capitalised_place(inner).filter(|place| is_city_and_state(place))
}

/// A place named as the job's office: "in our Washington, DC office", "in the
/// Washington, D.C. office’s Data & Technology Department".
fn office_place(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    if !lower.contains(" office") {
        return None;
    }
    OFFICE_TRIGGERS.find_iter(&lower).find_map(|found| {
        let start = found.end();
        let place = capitalised_place(&body[start..])?;
        let directly_before_office =
            body[start..].starts_with(place.as_str()) && lower.get(start + place.len()..).is_some_and(|rest| rest.starts_with(" office"));
        directly_before_office.then_some(place)
    })
}

static OFFICE_TRIGGERS: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(["in our ", "in the ", "at our ", "at the "]).expect("literal phrases always compile"));

/// The first "in City, ST" of the body ("seeking a Strategic Research Analyst in
/// Washington, D.C. to support campaigns"): the state makes it a place, not a name.
fn city_and_state_after_in(body: &str) -> Option<String> {
    body.match_indices(" in ")
        .filter_map(|(at, _)| capitalised_place(&body[at + 4..]))
        .find(|place| is_city_and_state(place))
}

/// A line that is a place and nothing else, or ends in one after a dash: "Chicago, IL,
/// United States" under the title; "Deputy Data Director, Democratic Party of Virginia -
/// Richmond, VA". The comma keeps out names that merely hold a place ("Ohio Voice").
fn place_on_its_own_line(body: &str) -> Option<String> {
    body.lines().find_map(|line| {
        let line = line.trim().trim_matches(['*', '_', '#', ' ']);
        // A place is a tail of at most 48 characters (192 bytes) with a comma in it, so a
        // line whose last comma is further from its end (prose, most lines) is passed over
        // before the searches below: they were a tenth of a large build's time.
        let end = line.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
        if end.rfind(',').is_none_or(|comma| end.len() - comma > 48 * 4) {
            return None;
        }
        let part = [" - ", " – ", " — ", " | "].iter().filter_map(|dash| line.rsplit_once(dash)).map(|(_, tail)| tail).next().unwrap_or(line);
        let part = part.trim().trim_end_matches('.');
        let looks_like_a_place = part.contains(',') && part.chars().count() <= 48 && {
            let words: Vec<&str> = part.split_whitespace().collect();
            words.len() <= 6 && words.iter().all(|word| word.chars().next().is_some_and(char::is_uppercase))
        };
        let known = if looks_like_a_place { jobsift_core::place::known_places(part) } else { Vec::new() };
        // "Full Time New York, NY" and "SQL DBA, Somerville, MA" hold a place but are not
        // one (the tables keep an unknown city before a state code as written, so its
        // name is held to the length of "Salt Lake City").
        let is_the_place = |place: &String| {
            place.split(", ").next().is_some_and(|name| name.split_whitespace().count() <= 3) && after_place_name(part, place).is_some()
        };
        known.iter().any(is_the_place).then(|| part.to_owned())
    })
}

/// What follows the name of `place` ("Chicago, IL" → "Chicago") when `text` starts with
/// it (ignoring case and dots), or `None` when it does not.
fn after_place_name<'t>(text: &'t str, place: &str) -> Option<&'t str> {
    let name = place.split(", ").next().unwrap_or(place).replace('.', "");
    let text_without_dots: String = text.chars().filter(|c| *c != '.').collect();
    let starts = text_without_dots.get(..name.len()).is_some_and(|head| head.eq_ignore_ascii_case(&name));
    let rest = text_without_dots.get(name.len()..)?;
    let whole_word = !rest.starts_with(|c: char| c.is_alphanumeric());
    // Back in `text`: skip as many characters, dots included, as the name took.
    let taken = text.char_indices().filter(|(_, c)| *c != '.').nth(name.chars().count()).map_or(text.len(), |(at, _)| at);
    (starts && whole_word).then(|| &text[taken..])
}

/// "Full-time, Ohio-based", "a DC-based nonprofit": the place before "-based", if the
/// tables know it ("Cloud-based" is not a place).
fn place_before_based(body: &str) -> Option<String> {
    body.match_indices("-based").find_map(|(at, _)| {
        let before = &body[..at];
        let start = before.rfind(|c: char| c.is_whitespace() || c == '(' || c == '"').map_or(0, |i| i + 1);
        let word = &before[start..];
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        jobsift_core::place::known_places(word).into_iter().next()
    })
}

/// A place ending the title after a comma or dash: "re:Power: Data & Analytics Camp,
/// Atlanta".
fn place_ending_title(title: &str) -> Option<String> {
    let (_, tail) = [", ", " - ", " – "].iter().filter_map(|dash| title.rsplit_once(dash)).max_by_key(|(head, _)| head.len())?;
    let tail = tail.trim();
    let capitalised = tail.split_whitespace().count() <= 4 && tail.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !capitalised {
        return None;
    }
    let known = jobsift_core::place::known_places(tail);
    (!known.is_empty()).then(|| tail.to_owned())
}

/// A city the tables know after " in ", written without its state's comma: "located
/// just blocks from the White House in Washington D.C.". Cities only: "in Ohio politics"
/// says where the work is about, not where it is done; and no comma, which
/// `city_and_state_after_in` has read already, and which here starts a list ("members in
/// New York, California, …").
fn known_city_after_in(body: &str) -> Option<String> {
    body.match_indices(" in ").find_map(|(at, _)| {
        let place = capitalised_place(&body[at + 4..]).filter(|place| !place.contains(','))?;
        // A city: its name and nothing but a state code or "City" after it ("in Washington
        // D.C.", "in New York City", not "in the New York Times"), or a short name in
        // capitals that the tables know as one ("in DC", "in NYC").
        let is_short_name = place.len() <= 3 && place.chars().all(|c| c.is_ascii_uppercase());
        let is_the_city = |known: &String| {
            known.contains(", ")
                && (is_short_name || after_place_name(&place, known).is_some_and(|rest| {
                    let rest = rest.trim().replace('.', "");
                    rest.is_empty() || rest == "City" || (rest.len() == 2 && rest.chars().all(|c| c.is_ascii_uppercase()))
                }))
        };
        jobsift_core::place::known_places(&place).iter().any(is_the_city).then_some(place)
    })
}

/// "Washington, DC", "Washington, D.C.", "Durham, NC": a name, a comma and a US state
/// code.
fn is_city_and_state(place: &str) -> bool {
    let Some((_, state)) = place.rsplit_once(", ") else { return false };
    let letters: String = state.chars().filter(|c| *c != '.').collect();
    letters.len() == 2 && letters.chars().all(|c| c.is_ascii_uppercase())
}

/// The run of capitalised words at the start of `text`, with one ", State" part:
/// "Washington, DC or remote" → "Washington, DC"; "our Oakland, CA office" → "Oakland, CA".
fn capitalised_place(text: &str) -> Option<String> {
    let text = ["our ", "the ", "either "].iter().find_map(|skip| text.strip_prefix(skip)).unwrap_or(text);
    // "based in EFF's San Francisco office": the owner is not part of the place.
    let text = match text.split_once(' ') {
        Some((owner, rest)) if owner.ends_with("'s") || owner.ends_with("’s") => rest,
        _ => text,
    };
    let line = text.split('\n').next().unwrap_or("");
    let mut taken: Vec<&str> = Vec::new();
    let mut commas = 0;
    for raw in line.split(' ') {
        let word = raw.trim_end_matches([',', '.', ';', ':', ')']);
        if !word.chars().next().is_some_and(char::is_uppercase) || taken.len() >= 5 {
            break;
        }
        taken.push(raw);
        let is_abbreviation = word.contains('.');
        match raw.as_bytes()[word.len()..].first() {
            None => {}
            Some(b',') if commas == 0 => commas += 1,
            // "St. Louis" goes on; "D.C." ends the place, as its dot may end the sentence too
            // ("located in Washington, D.C. Must be willing to travel").
            Some(b'.') if matches!(word, "St" | "Ste" | "Mt" | "Ft") => {}
            Some(b'.') if is_abbreviation => break,
            Some(_) => break,
        }
    }
    let place = taken.join(" ");
    let place = place.trim_end_matches([',', ';', ':', ')']);
    // A sentence's full stop is not part of the place, an abbreviation's ("D.C.") is.
    let place = match place.strip_suffix('.') {
        Some(stripped) if !stripped.rsplit(' ').next().unwrap_or("").contains('.') => stripped,
        _ => place,
    };
    let place = place.trim_end_matches(',');
    (!place.is_empty()).then(|| place.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(body: &str, title: &str) -> (Option<String>, bool) {
        let place = location(body, None, title);
        (place.location, place.remote)
    }

    #[test]
    fn location_lines() {
        assert_eq!(place("Location: Washington, DC", ""), (Some("Washington, DC".into()), false));
        assert_eq!(place("Location: Remote", ""), (Some("Remote".into()), true));
        assert_eq!(place("Location: Not listed", ""), (None, false));
        // 2020-02-14-texdemfindata.md
        assert_eq!(place("Location:\nSee more and apply here", "").0, None);
        assert_eq!(place("Location: Oakland, CA. Some travel required.", "").0.as_deref(), Some("Oakland, CA"));
        // 2019-11-23-ohdemfellow.md: a dot typed for the comma.
        assert_eq!(place("Location: Columbus. OH", "").0.as_deref(), Some("Columbus. OH"));
        assert_eq!(jobsift_core::place::places("Columbus. OH"), ["Columbus, OH"]);
        assert_eq!(place("Location: Remote. US citizens only.", "").0.as_deref(), Some("Remote"));
        // 2020-10-07-TechPrincipalData.md
        let line = "Washington, DC; Sacramento, CA; Salt Lake City, UT; Durham, NC; Austin, TX; New York City, NY or Remote";
        let found = location("", Some(line), "tech co.: Principal Data Engineer");
        assert!(found.remote);
        assert_eq!(found.location.as_deref(), Some(truncate_chars(line, MAX_LOCATION_CHARS).trim_end()));
        assert_eq!(
            place("Location: Position can be based anywhere in the continental U.S. May require some travel.", ""),
            // "U.S." could end the sentence or not; the line is kept whole rather than cut
            // inside a place name such as "St. Louis".
            (Some("Position can be based anywhere in the continental U.S. May require some travel".into()), true)
        );
        // 2018-06-13-wearemodepdata.md
        assert_eq!(
            place("Location: St. Louis, MO; Kansas City, MO; Columbia, MO; Springfield, MO", "").0.as_deref(),
            Some("St. Louis, MO; Kansas City, MO; Columbia, MO; Springfield, MO")
        );
        assert!(place("Location: Phoenix, AZ but remote during COVID-19", "").1);
        // seeds/002_fb7cfde8064f4d96.txt
        assert!(place("Location: Flexible. She Should Run is a mostly virtual team. Close proximity to EST time zone preferred.", "").1);
        assert!(place("Location: Flexible", "").1);
        // 2019-11-02-sunrisedata.md, 2020-06-15-mvtorgdata.md
        assert!(!place("Location: Flexible but Washington, DC, or Philadelphia, PA", "").1);
        assert!(!place("Location: Geographically flexible within Massachusetts", "").1);
        assert!(place("Location: DC preferred, remote for the right candidate", "").1);
    }

    #[test]
    fn the_quick_checks_cover_every_phrase() {
        assert!(NOT_REMOTE.iter().all(|phrase| phrase.contains("remote")));
        assert!(REMOTE_PHRASES.iter().all(|phrase| REMOTE_PHRASE_HINTS.iter().any(|hint| phrase.contains(hint))));
    }

    #[test]
    fn remote_in_the_body() {
        // 2018-06-04-indivisassocdata.md
        assert!(place("Candidates may be based in Washington, DC or remote. Applications will be reviewed on a rolling basis.", "").1);
        assert!(place("This is a remote position. Work from anywhere in U.S.", "").1);
        assert!(place("Empower Engine is a small, all-remote political technology firm.", "").1);
        assert!(place("This position can be fully remote and does not require relocation.", "").1);
        assert!(place("Phoenix office, 100% remote during COVID.", "").1);
        assert!(place("We are a remote-friendly team.", "").1);
        // 2018-03-15-civicprofullstack.md
        assert!(place("Miami, Remote · Cofounder", "").1);
        // 2020-04-22-faircountdatcoord.md
        assert!(place("Due to COVID-19, Fair Count’s 25+ employees, are all teleworking.", "").1);
        // 2017-10-30-dncmult.md
        assert!(place("Some are based in DC, some offer remote work.", "").1);
        assert!(place("", "Org: Data Director (Remote)").1);
    }

    #[test]
    fn remote_that_is_not_about_the_job() {
        // 2019-03-27-ourrevfullstack.md
        assert!(!place("* Workflows, including optimizing remote work", "").1);
        assert!(!place("* Manage remote data staff", "").1);
        assert!(!place("* Provide hands-on and remote training and support to field team", "").1);
        assert!(!place("Experience with version control including Git, and remote repositories like GitHub", "").1);
    }

    #[test]
    fn denied_remote() {
        // 2018-05-15-tnvictoryasstdata.md
        assert_eq!(
            place("Deputy Data Director must be willing to relocate to Nashville, TN and work hours typical of campaigns.", "").0.as_deref(),
            Some("Nashville, TN")
        );
        // 2018-05-31-effstafftech.md
        assert!(!place("This is not a remote position; if you live elsewhere and cannot move to the San Francisco area, please do not apply.", "").1);
        assert!(!place("Remote work is not possible for this position.", "").1);
        assert!(!place("Location: DC, no remote", "").1);
    }

    #[test]
    fn places_named_in_the_body() {
        // 2018-06-04-indivisassocdata.md
        assert_eq!(place("Candidates may be based in Washington, DC or remote.", "").0.as_deref(), Some("Washington, DC"));
        assert_eq!(place("The role is based out of our Oakland, CA office or remote within the US.", "").0.as_deref(), Some("Oakland, CA"));
        // 2020-10-07-TechPrincipalData.md
        assert_eq!(
            place("This is a full-time position in Durham, NC; Salt Lake City, UT", "").0.as_deref(),
            Some("Durham, NC")
        );
        assert_eq!(place("an office in Washington, D.C. with staff", "").0.as_deref(), Some("Washington, D.C."));
        // 2017-12-14-fofdepdata.md
        assert_eq!(
            place("The Deputy Data Director position is located in Washington, D.C. Must be willing to occasionally travel.", "").0.as_deref(),
            Some("Washington, D.C.")
        );
        assert_eq!(place("This role is based in St. Louis, MO.", "").0.as_deref(), Some("St. Louis, MO"));
        // 2018-05-15-tnvictoryasstdata.md
        assert_eq!(
            place("Deputy Data Director must be willing to relocate to Nashville, TN and work hours typical of campaigns.", "").0.as_deref(),
            Some("Nashville, TN")
        );
        // 2018-05-31-effstafftech.md
        assert_eq!(
            place("This Staff Technologist role is a full-time position based in EFF's San Francisco office.", "").0.as_deref(),
            Some("San Francisco")
        );
        // 2020-07-07-MAVData.md
        assert_eq!(
            place("Location: The position is located in Maine with the ability to work remotely with regular travel", "").0.as_deref(),
            Some("Maine")
        );
        // 2018-03-08-gqrrintern.md
        assert_eq!(
            place("GQR has an opening for a paid internship in our Washington, DC office on our political analytics team.", "").0.as_deref(),
            Some("Washington, DC")
        );
        // 2018-06-26-seiustratresearchanalyst.md
        assert_eq!(
            place("Change to Win is seeking a Strategic Research Analyst in Washington, D.C.  to support campaigns", "").0.as_deref(),
            Some("Washington, D.C.")
        );
        // 2018-02-21-va-dem-deputy-data.md
        assert_eq!(
            location("", None, "Democratic Party of Virginia: Deputy Data Director (Richmond, VA)").location.as_deref(),
            Some("Richmond, VA")
        );
        assert_eq!(place("We work in Many Different Ways.", "").0, None);
        // 2018-10-22-jobsupdate.md: not a place.
        assert_eq!(place("for those of you looking for work in the Progressive & electoral space", "").0, None);
        assert_eq!(place("based in the area", "").0, None);
    }

    #[test]
    fn places_stated_without_a_location_phrase() {
        // 2017-11-14-ptpdata.md, 2018-05-14-dpvadepdata.md: a line that is a place.
        assert_eq!(place("Data Analyst\n\nChicago, IL, United States\n\nAbout us", "").0.as_deref(), Some("Chicago, IL, United States"));
        assert_eq!(place("Deputy Data Director, Democratic Party of Virginia - Richmond, VA \nMore", "").0.as_deref(), Some("Richmond, VA"));
        // 2017-11-09-gsgdatalyst.md and a skills line hold a place but are not one.
        assert_eq!(place("Full Time New York, NY\nAre you passionate", "").0, None);
        assert_eq!(place("SQL DBA, Somerville, MA", "").0, None);
        assert_eq!(place("Ohio Voice\nData, Digital", "").0, None);
        // 2017-12-14-ohiovoicedata.md
        assert_eq!(place("Full-time, Ohio-based", "").0.as_deref(), Some("Ohio"));
        assert_eq!(place("Cloud-based tools. Community-based work.", "").0, None);
        // 2019-07-12repowerdacatl.md
        assert_eq!(place("", "re:Power: Data & Analytics Camp, Atlanta").0.as_deref(), Some("Atlanta"));
        assert_eq!(place("", "Acme: Data Analyst, Senior").0, None);
        // 2019-01-12-sbdigitdatafellow.md; 2018-03-08-antidefamationleague.md
        assert_eq!(place("located just blocks from the White House in Washington D.C., specializes", "").0.as_deref(), Some("Washington D.C."));
        assert_eq!(place("Positions can be in DC or NYC.", "").0.as_deref(), Some("DC"));
        assert_eq!(place("as read in the New York Times", "").0, None);
        assert_eq!(place("We have members in New York, California, and Ohio.", "").0, None);
        assert_eq!(place("experience in Ohio politics", "").0, None);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", "remote", "Remote", "based in ", "based in É", "based in A,", "Location:", "ремоте remote€", "-based", "É-based", "in D.", "x, Y - Z,"] {
            let _ = location(text, Some(text), text);
        }
    }
}
