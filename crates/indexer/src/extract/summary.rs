//! A short plain-text summary for result cards.

use super::text::truncate_chars;

/// Lines that only point at a link ("Job description here", "See more and apply here").
const LINK_CALLS: &[&str] = &["job description here", "apply here", "see more", "click here", "read more", "more info here", "learn more"];

/// Labels of fact lines shown elsewhere on the card, so not repeated in the summary.
const FACT_LABELS: &[&str] = &[
    "salary", "salary range", "location", "locations", "compensation", "deadline", "application deadline", "pay",
    "note", "job title", "title", "grade", "status", "type", "reports to", "start date", "tags",
];

/// Lines this short without a full stop are headings ("Responsibilities", "About Us").
const HEADING_MAX_CHARS: usize = 40;

/// The first meaningful sentences of the body, at most `max_chars` characters: link-call
/// lines, fact lines ("Salary: …"), headings and list items are skipped; a longer text is
/// cut on a word boundary and ends with "…".
pub fn summary(body: &str, max_chars: usize) -> String {
    if max_chars == 0 {
        return String::new();
    }
    let mut text = String::new();
    for line in body.lines().map(str::trim).filter(|line| is_meaningful(line)) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.extend(line.chars().map(displayable));
        if text.chars().count() > max_chars {
            break;
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    // Room for the ellipsis, then back to the last word boundary.
    let room = truncate_chars(&text, max_chars - 1);
    let ends_on_word_boundary = text[room.len()..].starts_with(' ');
    let cut = match room.rfind(' ') {
        _ if ends_on_word_boundary => room,
        Some(space) if space > 0 => &room[..space],
        _ => room,
    };
    let cut = cut.trim_end_matches([',', ';', ':', '-', '–', '(', ' ']);
    format!("{cut}…")
}

fn is_meaningful(line: &str) -> bool {
    if line.is_empty() || line.starts_with(['-', '*', '•', '|', '#']) {
        return false;
    }
    let lower = line.to_lowercase();
    if LINK_CALLS.iter().any(|call| lower.contains(call)) && line.chars().count() < 80 {
        return false;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return false;
    }
    if let Some(colon) = lower.find(':') {
        if FACT_LABELS.contains(&lower[..colon].trim()) {
            return false;
        }
    }
    let ends_sentence = line.ends_with(['.', '!', '?', '"', '”', ')']);
    ends_sentence || line.chars().count() > HEADING_MAX_CHARS
}

/// Control characters never reach a card. U+0092 is the Windows-1252 apostrophe some
/// posts carry decoded as Latin-1 (see the corpus README), so it becomes one.
fn displayable(c: char) -> char {
    match c {
        '\u{0092}' => '’',
        c if c.is_control() => ' ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_link_lines_and_facts() {
        // 2017-08-28-aimultiple.md
        let body = "The Analyst Institute is hiring!\nJob description here.\nWe are looking for a Community Engagement Director to manage the Analyst Institute team.";
        assert_eq!(
            summary(body, 200),
            "The Analyst Institute is hiring! We are looking for a Community Engagement Director to manage the Analyst Institute team."
        );
        let body = "Salary: $50,000\nLocation: Remote\nResponsibilities\n- Build things\nWe build tools for organisers.";
        assert_eq!(summary(body, 200), "We build tools for organisers.");
    }

    #[test]
    fn cuts_on_a_word_boundary() {
        // 2020-10-07-TechPrincipalData.md
        let body = "tech co. is a platform for advocates to create, power, and cultivate communities at local and national levels.";
        let cut = summary(body, 40);
        assert_eq!(cut, "tech co. is a platform for advocates to…");
        assert!(cut.chars().count() <= 40);
        assert_eq!(summary(body, 0), "");
        assert_eq!(summary("Supercalifragilistic expialidocious words.", 5), "Supe…");
        assert_eq!(summary("ééééééééééééééééééééééééééééééééééééééééééééééééééé.", 3), "éé…");
    }

    #[test]
    fn control_characters_are_cleaned() {
        assert_eq!(summary("We\u{0092}re hiring a data lead for the cycle.", 100), "We’re hiring a data lead for the cycle.");
        assert_eq!(summary("Tab\there and a bell\u{7} in a sentence.", 100), "Tab here and a bell in a sentence.");
    }
}
