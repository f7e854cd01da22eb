//! Organisation and role from "Org: Role" titles.

use super::text::contains_word;

/// The two halves of a post title.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TitleParts {
    pub organisation: Option<String>,
    pub role: Option<String>,
}

/// Job nouns, singular: a title half that ends in one ("Lead Data Architect") or names
/// one followed by "of" ("Director of Data & Analytics") reads as a role. Plurals are
/// left out on purpose, because organisations are named after groups of people
/// ("Operating Engineers", "Hart Research Associates", "Union of Concerned Scientists").
const ROLE_NOUNS: &[&str] = &[
    "administrator", "analyst", "architect", "assistant", "associate", "chief", "consultant",
    "coordinator", "designer", "developer", "director", "engineer", "fellow", "head", "intern",
    "fellowship", "internship", "lead", "manager", "officer", "organizer", "president", "producer", "programmer",
    "researcher", "scientist", "specialist", "strategist", "technologist", "vp", "writer",
];

/// Splits a title into organisation and role.
///
/// The split is at the first colon followed by white space, so colons inside a name
/// survive ("re:power: Principal, Data & Analytics" → "re:power"). When the left half
/// reads as a role and the right half does not, the title is reversed ("Director of Data
/// & Analytics: Amy McGrath for Senate"). Without a colon the whole title is the role.
pub fn split_title(title: &str) -> TitleParts {
    let title = without_bracketed_note(title.trim());
    let Some((left, right)) = split_at_separator(title) else {
        return TitleParts { organisation: None, role: non_empty(title) };
    };
    let (left, right) = (without_joined_note(left.trim()), right.trim());
    if is_announcement(left) || is_note(left) {
        // The rest is a title of its own: "Deadline soon: Acme: Data Analyst".
        return split_title(right);
    }
    if ends_in_openings(left) {
        // A roundup: "Presidential Campaign (and other!) Jobs: A 2020 Primary Update".
        return TitleParts { organisation: None, role: non_empty(title) };
    }
    let (organisation, role) = if reads_as_role(left) && !reads_as_role(right) && !lists_openings(right) {
        (right, left)
    } else {
        (left, right)
    };
    match (non_empty(organisation), non_empty(role)) {
        // "Org:" alone or ": Role" alone: what is there is kept as the role, since a role
        // is the more useful of the two to search.
        (Some(organisation), None) => TitleParts { organisation: None, role: Some(organisation) },
        (organisation, role) => TitleParts { organisation, role },
    }
}

/// Board notes the moderator put before a title: "Deadline soon: …", "Reposted: …",
/// and the kinds of post a board writes there: "Hiring: …", "Remote: …", "Internship: …".
const ANNOUNCEMENTS: &[&str] = &[
    "deadline", "deadline soon", "deadline extended", "extended", "repost", "reposted", "updated", "update",
    "new", "urgent", "reminder", "last chance", "closing soon", "now hiring", "hiring", "we're hiring",
    "we are hiring", "job", "job opening", "opening", "new job", "vacancy", "position", "remote", "remote job",
    "internship", "fellowship", "volunteer",
];

/// A title without a leading bracketed note ("[Deadline soon] Code for America: …").
fn without_bracketed_note(title: &str) -> &str {
    if let Some(rest) = title.strip_prefix('[') {
        if let Some((note, after)) = rest.split_once(']') {
            if is_announcement(note) && !after.trim().is_empty() {
                return after.trim();
            }
        }
    }
    title
}

fn is_announcement(half: &str) -> bool {
    ANNOUNCEMENTS.contains(&half.trim().to_lowercase().as_str())
}

/// What a board's moderator heads their own posts with: "Mod note: Our #1 Birthday
/// Wish", "Moderator's Note: Job descriptions & salaries". Such a post has no
/// organisation; a job after one is read as a title of its own.
const NOTES: &[&str] = &[
    "note", "mod note", "mods note", "mod's note", "moderator note", "moderators note", "moderator's note",
    "admin note", "editor's note", "editors note", "board note", "announcement", "psa",
];

fn is_note(half: &str) -> bool {
    // Posts write the apostrophe both ways ("Mod’s note").
    NOTES.contains(&half.trim().to_lowercase().replace('\u{2019}', "'").as_str())
}

/// The organisation a note was joined to: "Moderator's note & Meso Solutions" → "Meso
/// Solutions".
fn without_joined_note(half: &str) -> &str {
    for joint in [" & ", " and "] {
        if let Some((note, rest)) = half.split_once(joint) {
            if is_note(note) && !rest.trim().is_empty() {
                return rest.trim();
            }
        }
    }
    half
}

fn split_at_separator(title: &str) -> Option<(&str, &str)> {
    let spaced = title
        .char_indices()
        .find(|&(at, c)| c == ':' && title[at + 1..].starts_with(char::is_whitespace));
    let at = match spaced {
        Some((at, _)) => at,
        // "Org:Role" with no space at all: the last colon, as names with a colon
        // ("re:power") come first.
        None => title.rfind(':')?,
    };
    Some((&title[..at], &title[at + 1..]))
}

fn reads_as_role(half: &str) -> bool {
    let lower = half.to_ascii_lowercase();
    let last_word = last_word(&lower);
    // "Director of …": most titles have no " of", and the check below builds a phrase per noun.
    ROLE_NOUNS.contains(&last_word)
        || (lower.contains(" of") && ROLE_NOUNS.iter().any(|noun| contains_word(&lower, &format!("{noun} of"))))
}

/// Words that make a title half a list of openings ("multiple jobs - Client success,
/// engineers"): such a right half is not taken for the organisation, even when the left
/// half reads as a role ("Organizer" is also a company).
const OPENINGS_WORDS: &[&str] = &["jobs", "positions", "roles", "openings", "vacancies"];

fn lists_openings(half: &str) -> bool {
    half.to_ascii_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| OPENINGS_WORDS.contains(&word))
}

/// Whether a title half ends in a word for openings ("Campaign Jobs"): the name of a
/// list, not of an organisation ("Jobs With Justice" is one).
fn ends_in_openings(half: &str) -> bool {
    OPENINGS_WORDS.contains(&last_word(&half.to_ascii_lowercase()))
}

/// The last run of letters and digits ("" when there is none).
fn last_word(text: &str) -> &str {
    text.split(|c: char| !c.is_alphanumeric()).rfind(|word| !word.is_empty()).unwrap_or("")
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(title: &str) -> (Option<String>, Option<String>) {
        let parts = split_title(title);
        (parts.organisation, parts.role)
    }

    fn some(text: &str) -> Option<String> {
        Some(text.to_owned())
    }

    #[test]
    fn org_then_role() {
        // 2017-08-26-aflciolead.md
        assert_eq!(parts("AFL-CIO: Senior Strategist & Analytics Lead"), (some("AFL-CIO"), some("Senior Strategist & Analytics Lead")));
        // 2020-10-07-TechPrincipalData.md
        assert_eq!(parts("tech co.: Principal Data Engineer"), (some("tech co."), some("Principal Data Engineer")));
    }

    #[test]
    fn colon_inside_the_organisation_name() {
        // 2019-07-12repowerdacatl.md
        assert_eq!(parts("re:power: Principal, Data & Analytics"), (some("re:power"), some("Principal, Data & Analytics")));
    }

    #[test]
    fn several_colons_split_at_the_first() {
        assert_eq!(
            parts("Analyst Institute: Meta-Analysis Roles: Research Manager and Data Scientist"),
            (some("Analyst Institute"), some("Meta-Analysis Roles: Research Manager and Data Scientist"))
        );
    }

    #[test]
    fn a_list_of_openings_is_not_the_organisation() {
        // 2017-09-21-organizermultiple.md: "Organizer" is the company (and a role noun);
        // the right half lists openings, so the title is not reversed.
        assert_eq!(
            parts("Organizer: multiple jobs - Client success, engineers"),
            (some("Organizer"), some("multiple jobs - Client success, engineers"))
        );
        assert_eq!(parts("Organizer: open positions"), (some("Organizer"), some("open positions")));
        assert_eq!(parts("Lead Organizer: Acme Union"), (some("Acme Union"), some("Lead Organizer")), "still reversed");
    }

    #[test]
    fn reversed_titles() {
        assert_eq!(
            parts("Director of Data & Analytics: Amy McGrath for Senate"),
            (some("Amy McGrath for Senate"), some("Director of Data & Analytics"))
        );
    }

    #[test]
    fn board_notes_are_not_organisations() {
        // 2018-01-20-dssgfellow.md
        assert_eq!(
            parts("Deadline soon: Data Science for Social Good Fellowship & Mentors"),
            (None, some("Data Science for Social Good Fellowship & Mentors"))
        );
        // 2019-02-06-codeforamsoftengapp.md
        assert_eq!(
            parts("[Deadline soon] Code for America: Software Engineering Apprentice"),
            (some("Code for America"), some("Software Engineering Apprentice"))
        );
        assert_eq!(parts("Deadline soon: Acme: Data Analyst"), (some("Acme"), some("Data Analyst")));
        assert_eq!(parts("Remote: Data Engineer"), (None, some("Data Engineer")));
        assert_eq!(parts("Hiring: Acme Corp: Analyst"), (some("Acme Corp"), some("Analyst")));
        assert_eq!(parts("Job Opening: Data Director"), (None, some("Data Director")));
        assert_eq!(parts("Internship: Data Analyst"), (None, some("Data Analyst")));
        // 2018-03-10-unochafellow.md: reversed, with the programme first.
        assert_eq!(
            parts("Data Fellowship: United Nations Office for the Coordination of Humanitarian Affairs"),
            (some("United Nations Office for the Coordination of Humanitarian Affairs"), some("Data Fellowship"))
        );
    }

    #[test]
    fn a_moderators_note_has_no_organisation() {
        // 2020-09-10-pdjrebuild.md, 2019-03-30-modnotepreshiringmarch.md, 2018-09-14-modnotejds.md
        assert_eq!(parts("Mod note: Our #1 Birthday Wish"), (None, some("Our #1 Birthday Wish")));
        assert_eq!(parts("Mod’s note: 2020 Presidential campaign jobs"), (None, some("2020 Presidential campaign jobs")));
        assert_eq!(parts("Moderator's Note: Job descriptions & salaries"), (None, some("Job descriptions & salaries")));
        assert_eq!(parts("Moderator note: vacation"), (None, some("vacation")));
        // 2020-01-28-mesosearch.md
        assert_eq!(parts("Moderator's note & Meso Solutions: Search Associate"), (some("Meso Solutions"), some("Search Associate")));
        assert_eq!(parts("Note: Acme: Data Analyst"), (some("Acme"), some("Data Analyst")));
        assert_eq!(parts("Notes & Queries: Editor"), (some("Notes & Queries"), some("Editor")), "only a note is taken off");
        assert_eq!(parts("Johnson & Johnson: Analyst"), (some("Johnson & Johnson"), some("Analyst")));
    }

    #[test]
    fn a_roundup_of_jobs_has_no_organisation() {
        // 2020-02-11-preshiringprimaries.md
        let roundup = "Presidential Campaign (and other!) Jobs: A 2020 Primary Update";
        assert_eq!(parts(roundup), (None, some(roundup)));
        assert_eq!(parts("Summer Jobs: Ten campaigns hiring"), (None, some("Summer Jobs: Ten campaigns hiring")));
        assert_eq!(parts("Jobs With Justice: Data Manager"), (some("Jobs With Justice"), some("Data Manager")));
    }

    #[test]
    fn organisations_named_after_jobs_are_not_reversed() {
        assert_eq!(parts("Analyst Institute: multiple jobs"), (some("Analyst Institute"), some("multiple jobs")));
        assert_eq!(parts("Operating Engineers: Data & Digital Strategist"), (some("Operating Engineers"), some("Data & Digital Strategist")));
        assert_eq!(
            parts("The Committee of Interns and Residents: Data and Dues Coordinator"),
            (some("The Committee of Interns and Residents"), some("Data and Dues Coordinator"))
        );
    }

    #[test]
    fn no_colon_is_all_role() {
        assert_eq!(parts("Voting Information Project Data Fellow"), (None, some("Voting Information Project Data Fellow")));
        assert_eq!(parts("  "), (None, None));
        assert_eq!(parts("Org:"), (None, some("Org")));
        assert_eq!(parts(": Analyst"), (None, some("Analyst")));
    }
}
