//! Employment type: full-time, part-time, temporary, contract, internship, fellowship, volunteer.

use super::labelled::LabelledLines;
use super::text::{contains_word, sentence_ranges, WordSet};
use std::sync::LazyLock;
use jobsift_core::EmploymentType;

/// Title words, in priority order: a "Data Fellow" title is a fellowship whatever the
/// body says about hours. "Consultant" is not among them: consulting firms use it as a
/// rank of permanent staff ("Clarity: VP/Senior Consultant").
const TITLE_WORDS: &[(&str, EmploymentType)] = &[
    ("internship", EmploymentType::Internship),
    ("internships", EmploymentType::Internship),
    ("intern", EmploymentType::Internship),
    ("interns", EmploymentType::Internship),
    ("fellowship", EmploymentType::Fellowship),
    ("fellowships", EmploymentType::Fellowship),
    ("fellow", EmploymentType::Fellowship),
    ("fellows", EmploymentType::Fellowship),
    ("volunteer", EmploymentType::Volunteer),
    ("volunteers", EmploymentType::Volunteer),
    ("temporary", EmploymentType::Temporary),
    ("temp", EmploymentType::Temporary),
    ("seasonal", EmploymentType::Temporary),
    ("part-time", EmploymentType::PartTime),
    ("part time", EmploymentType::PartTime),
    ("contract", EmploymentType::Contract),
    ("contractor", EmploymentType::Contract),
    ("contractors", EmploymentType::Contract),
    ("freelance", EmploymentType::Contract),
    ("rfp", EmploymentType::Contract),
    ("full-time", EmploymentType::FullTime),
    ("full time", EmploymentType::FullTime),
];

/// Body phrases that state the type of the advertised job, in priority order: a post
/// that says "This is a temporary full time position" is temporary, one that says
/// "part-time, may grow to full-time" is part-time. The phrases are narrower than the
/// title words because bodies mention other jobs ("full-time interns receive …",
/// "manage our contractors").
const BODY_PHRASES: &[(&str, EmploymentType)] = &[
    ("this internship", EmploymentType::Internship),
    ("paid internship", EmploymentType::Internship),
    ("unpaid internship", EmploymentType::Internship),
    ("an internship", EmploymentType::Internship),
    ("internship program", EmploymentType::Internship),
    ("this fellowship", EmploymentType::Fellowship),
    ("the fellowship", EmploymentType::Fellowship),
    ("a fellowship", EmploymentType::Fellowship),
    ("volunteer position", EmploymentType::Volunteer),
    ("volunteer role", EmploymentType::Volunteer),
    ("unpaid position", EmploymentType::Volunteer),
    ("temporary", EmploymentType::Temporary),
    ("short-term", EmploymentType::Temporary),
    ("short term", EmploymentType::Temporary),
    ("term-limited", EmploymentType::Temporary),
    ("term limited", EmploymentType::Temporary),
    ("term position", EmploymentType::Temporary),
    ("seasonal", EmploymentType::Temporary),
    ("contract position", EmploymentType::Contract),
    ("contract role", EmploymentType::Contract),
    ("contract basis", EmploymentType::Contract),
    ("contract job", EmploymentType::Contract),
    ("contract-to-hire", EmploymentType::Contract),
    ("independent contractor", EmploymentType::Contract),
    ("consulting position", EmploymentType::Contract),
    ("consultant position", EmploymentType::Contract),
    ("consulting contract", EmploymentType::Contract),
    ("is a contract", EmploymentType::Contract),
    ("contract is", EmploymentType::Contract),
    ("contracts are", EmploymentType::Contract),
    ("month contract", EmploymentType::Contract),
    ("months contract", EmploymentType::Contract),
    ("contract term", EmploymentType::Contract),
    ("freelance", EmploymentType::Contract),
    ("1099", EmploymentType::Contract),
    ("part-time", EmploymentType::PartTime),
    ("part time", EmploymentType::PartTime),
    ("full-time", EmploymentType::FullTime),
    ("full time", EmploymentType::FullTime),
    ("fulltime", EmploymentType::FullTime),
];

/// Words that make a sentence about the advertised job itself ("This is a full-time
/// position"), as opposed to benefits or other staff ("full-time interns receive …").
const JOB_WORDS: &[&str] = &[
    "position", "positions", "role", "job", "opportunity", "employment", "this is", "hiring", "seeking", "seeks",
    "recruiting", "looking for", "status", "type", "schedule", "basis", "contract", "assignment", "engagement",
    "program", "classification",
];

const TYPE_LABELS: &[&str] = &[
    "employment type", "position type", "job type", "type", "status", "employment status", "schedule", "hours",
    "classification", "employment terms",
];

/// The employment type: a word of the title first ("Data Fellow", "Summer Intern"), then a
/// "Type:"/"Status:" line, then the phrases of the body's sentences that speak of the job.
pub fn employment_type(title: &str, body: &str) -> Option<EmploymentType> {
    let title_lower = title.to_lowercase();
    if let Some(kind) = first_in_priority(&title_lower, TITLE_WORDS) {
        return Some(kind);
    }
    let label_lines = LabelledLines::new(body);
    for label in TYPE_LABELS {
        if let Some(value) = label_lines.get(label) {
            if let Some(kind) = first_in_priority(&value.to_lowercase(), TITLE_WORDS) {
                return Some(kind);
            }
        }
    }
    let body_lower = body.to_lowercase();
    let mut occurrences = BODY_PHRASE_SET.occurrences(&body_lower).peekable();
    occurrences.peek()?;
    let sentences = sentence_ranges(&body_lower);
    let sentence_of = |at: usize, len: usize| {
        let index = sentences.partition_point(|range| range.end <= at);
        sentences.get(index).filter(|range| range.start <= at && at + len <= range.end).map(|_| index)
    };
    // Whether a sentence speaks of the advertised job, decided only for the sentences
    // that state a type: most of a post never needs it.
    let mut about_the_job: Vec<Option<bool>> = vec![None; sentences.len()];
    // The first phrase in priority order that some sentence about the job states.
    let mut best: Option<usize> = None;
    for (phrase_index, at) in occurrences {
        if best.is_some_and(|best| best <= phrase_index) {
            continue;
        }
        let (phrase, kind) = BODY_PHRASES[phrase_index];
        let Some(index) = sentence_of(at, phrase.len()) else { continue };
        let sentence = &body_lower[sentences[index].clone()];
        let about = *about_the_job[index].get_or_insert_with(|| JOB_WORD_SET.contains_any(sentence) || opens_with_a_type(sentence));
        if !about || (kind == EmploymentType::FullTime && mentions_other_staff(sentence, phrase)) {
            continue;
        }
        best = Some(phrase_index);
    }
    best.map(|index| BODY_PHRASES[index].1)
}

static JOB_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(JOB_WORDS.iter().copied()));
static BODY_PHRASE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(BODY_PHRASES.iter().map(|&(phrase, _)| phrase)));

/// A line or sentence that opens with the type, as a fact line does ("Full Time New
/// York, NY", "* Full time, non exempt, equity + benefits").
fn opens_with_a_type(sentence: &str) -> bool {
    let opening = sentence.trim_start().trim_start_matches(['*', '-', '•', ' ', '\t']);
    // Most sentences open with two letters no phrase opens with: one table lookup rules
    // them out before each phrase is compared.
    let Some(&[first, second]) = opening.as_bytes().get(..2).map(|b| <&[u8; 2]>::try_from(b).expect("two bytes")) else {
        return false;
    };
    PHRASE_OPENINGS[usize::from(u16::from_be_bytes([first, second]))]
        && BODY_PHRASES.iter().any(|(phrase, _)| opening.starts_with(phrase) && contains_word(opening, phrase))
}

/// Which two-byte openings some body phrase (all longer than two bytes) starts with.
static PHRASE_OPENINGS: LazyLock<Vec<bool>> = LazyLock::new(|| {
    let mut table = vec![false; 1 << 16];
    for (phrase, _) in BODY_PHRASES {
        let bytes = phrase.as_bytes();
        table[usize::from(u16::from_be_bytes([bytes[0], bytes[1]]))] = true;
    }
    table
});

fn first_in_priority(lower: &str, words: &[(&str, EmploymentType)]) -> Option<EmploymentType> {
    words.iter().find(|(word, _)| contains_word(lower, word)).map(|&(_, kind)| kind)
}

/// "full-time staff", "full-time interns": the phrase describes other people; "potential
/// full time data analyst position" (2019-11-20-verifiedconsultant.md): a later job.
fn mentions_other_staff(sentence: &str, phrase: &str) -> bool {
    sentence.match_indices(phrase).all(|(at, _)| {
        let next = sentence[at + phrase.len()..].split_whitespace().next().unwrap_or("");
        let next = next.trim_matches(|c: char| !c.is_alphanumeric());
        let previous = sentence[..at].split_whitespace().next_back().unwrap_or("");
        matches!(next, "staff" | "employees" | "interns" | "equivalent" | "equivalents" | "fte" | "team" | "members" | "workers")
            || matches!(previous, "potential" | "possible" | "eventual" | "future" | "to")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use EmploymentType::*;

    #[test]
    fn from_the_title() {
        assert_eq!(employment_type("Voting Information Project Data Fellow", ""), Some(Fellowship));
        // 2017-12-21-AIinterns.md
        assert_eq!(employment_type("Analyst Institute: Analytics & Research internships", "This is a full-time position."), Some(Internship));
        assert_eq!(employment_type("Analyst Institute: Data Wrangling Project Contractors", ""), Some(Contract));
        assert_eq!(employment_type("DPI: Part-Time Data Consultant", ""), Some(PartTime));
        assert_eq!(employment_type("Org: International Data Manager", ""), None);
    }

    #[test]
    fn from_the_body() {
        // 2017-09-12-seiuinditech.md
        assert_eq!(
            employment_type("SEIU: Tech Lead", "Applications will be reviewed on a rolling basis. This position is full-time, with a minimum salary of $45,000."),
            Some(FullTime)
        );
        assert_eq!(
            employment_type("Org: Data Director", "This is a temporary full time position through November 30th, 2018."),
            Some(Temporary)
        );
        // 2020-06-22-FairTaxData.md
        assert_eq!(
            employment_type("Fair Tax: Data Director", "The Data Director is a contract position. This work begins as soon as possible."),
            Some(Contract)
        );
        assert_eq!(employment_type("Org: Analyst", "Status: Part-time, 20 hours a week"), Some(PartTime));
        // seeds/003_a822d4ce9f1506fb.txt
        assert_eq!(
            employment_type("Org: Data Director", "Employment Terms: Full-Time, Temporary Position (ends November 10, 2020), a part-time position will be considered"),
            Some(Temporary)
        );
        // 2019-07-24-ndtcentry.md
        assert_eq!(
            employment_type("NDTC: Data Analyst", "Salary: $20.00 per hour. Contracts are 3-months with a possible extension to 6-months."),
            Some(Contract)
        );
        // 2017-11-09-gsgdatalyst.md
        assert_eq!(employment_type("GSG: Data Analyst", "Full Time New York, NY\nAbout us"), Some(FullTime));
        // 2018-03-01-SEIUUHW.md
        assert_eq!(employment_type("SEIU-UHW: Data Analyst", "Classification: Full-time, Permanent, Exempt"), Some(FullTime));
        // 2017-12-19-cocivicdata.md
        assert_eq!(
            employment_type("Colorado Civic Roundtable: Data Manager", "The Roundtable seeks a full-time Data and Targeting Manager to join a dynamic team."),
            Some(FullTime)
        );
        // 2017-09-12-clarityvp.md
        assert_eq!(employment_type("Clarity: VP/Senior Consultant", ""), None);
    }

    #[test]
    fn mentions_of_other_people_do_not_count() {
        // 2018-08-16-stonesintern.md
        assert_eq!(employment_type("Org: Data Manager", "Full-time interns receive a $1,250 monthly stipend."), None);
        assert_eq!(employment_type("Org: Data Manager", "Our team of 12 full-time staff is growing and hiring."), None);
        assert_eq!(employment_type("Org: Data Manager", "We work with contractors."), None);
        // 2019-11-20-verifiedconsultant.md
        assert_eq!(
            employment_type("Verified Voting: Data Analyst Consultant", "At the conclusion of the project, we will evaluate for engagement in potential full time data analyst position."),
            None
        );
        // 2018-01-24-city-san-diego-data-science-coordinator.md
        assert_eq!(
            employment_type("City of San Diego: Data Science Coordinator", "Nothing in this job posting constitutes an expressed or implied contract for employment with the City."),
            None
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", "full-time", "Ｆull-time", "position full-time€", "\u{0092}"] {
            let _ = employment_type(text, text);
        }
    }
}
