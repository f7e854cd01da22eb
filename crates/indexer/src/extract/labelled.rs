//! "Label: value" lines such as "Salary: $60,000 to $70,000" or "**Location:** Remote".

/// The value of the first line of `body` that reads "Label: value", the label compared
/// case-insensitively.
///
/// List markers, heading marks and quote marks before the label are ignored, and so is
/// bold or italic emphasis around the label (`**Salary:** …`, `**Salary**: …`, `__Salary__:`).
/// When the label stands alone on its line ("SALARY RANGE:" with the figure below it, as
/// in 2018-12-04-dailykosdev.md) the next non-blank line is the value, unless that line is
/// itself a label. A label line with no value at all gives `Some("")`.
pub fn labelled_line<'a>(body: &'a str, label: &str) -> Option<&'a str> {
    LabelledLines::new(body).get(label)
}

/// The "Label: value" lines of a body, found in one pass, for extractors that try many
/// labels: looking each label up costs a walk over the few label lines rather than over
/// the whole body.
pub struct LabelledLines<'a> {
    lines: Vec<&'a str>,
    /// Each line that has a colon: its label as written (emphasis and white space around
    /// it removed) and what follows the colon.
    labelled: Vec<LabelLine<'a>>,
}

struct LabelLine<'a> {
    label: &'a str,
    after_colon: &'a str,
    line_index: usize,
}

impl<'a> LabelledLines<'a> {
    pub fn new(body: &'a str) -> LabelledLines<'a> {
        let lines: Vec<&str> = body.lines().collect();
        let labelled = lines
            .iter()
            .enumerate()
            .filter(|(_, line)| line.contains(':'))
            .filter_map(|(line_index, line)| {
                let rest = strip_line_markers(line).trim_start_matches(['*', '_']);
                let (before_colon, after_colon) = rest.split_once(':')?;
                // "**Salary**:", "Salary :": emphasis, then white space, before the colon.
                let label = before_colon.trim_end().trim_end_matches(['*', '_']);
                Some(LabelLine { label, after_colon, line_index })
            })
            .collect();
        LabelledLines { lines, labelled }
    }

    /// The value of the first line labelled `label` (see [`labelled_line`]).
    pub fn get(&self, label: &str) -> Option<&'a str> {
        let label = label.trim();
        if label.is_empty() {
            return None;
        }
        let found = self.labelled.iter().find(|line| line.label.eq_ignore_ascii_case(label))?;
        let value = strip_emphasis_marks(found.after_colon);
        if !value.is_empty() {
            return Some(value);
        }
        let next = self.lines[found.line_index + 1..].iter().map(|line| line.trim()).find(|line| !line.is_empty());
        Some(match next {
            Some(next) if !looks_like_label_line(next) => strip_emphasis_marks(next),
            _ => "",
        })
    }
}

/// The line without leading white space, list bullets, heading marks or quote marks.
fn strip_line_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    loop {
        let stripped = rest
            .strip_prefix("* ")
            .or_else(|| rest.strip_prefix("- "))
            .or_else(|| rest.strip_prefix("+ "))
            .or_else(|| rest.strip_prefix('>'))
            .or_else(|| rest.strip_prefix('#'))
            .or_else(|| rest.strip_prefix('•'));
        match stripped {
            Some(next) => rest = next.trim_start(),
            None => return rest,
        }
    }
}

/// A value without emphasis marks at either end and without surrounding white space.
fn strip_emphasis_marks(value: &str) -> &str {
    value.trim().trim_matches(['*', '_']).trim()
}

/// A line that opens with a short "Label:" of its own ("Location: Remote").
fn looks_like_label_line(line: &str) -> bool {
    let rest = strip_line_markers(line).trim_start_matches(['*', '_']);
    match rest.find(':') {
        Some(colon) => {
            let label = &rest[..colon];
            colon <= 40
                && !label.contains('$')
                && label.chars().next().is_some_and(char::is_alphabetic)
                && !label.contains("http")
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_label_lines() {
        // 2020-10-07-TechPrincipalData.md
        let body = "Nice-to-haves\n* Experience with Graph databases (e.g: Neo4j, Neptune)\n\nSalary: Not Listed\n\nLocation: Washington, DC; Sacramento, CA; Salt Lake City, UT; Durham, NC; Austin, TX; New York City, NY or Remote\n";
        assert_eq!(labelled_line(body, "salary"), Some("Not Listed"));
        assert_eq!(
            labelled_line(body, "Location"),
            Some("Washington, DC; Sacramento, CA; Salt Lake City, UT; Durham, NC; Austin, TX; New York City, NY or Remote")
        );
        assert_eq!(labelled_line(body, "Deadline"), None);
    }

    #[test]
    fn markers_and_bold() {
        assert_eq!(labelled_line("**Salary:** $55,000", "Salary"), Some("$55,000"));
        assert_eq!(labelled_line("**Salary**: $55,000", "Salary"), Some("$55,000"));
        assert_eq!(labelled_line("* Salary: $45,000", "Salary"), Some("$45,000"));
        assert_eq!(labelled_line("## Location: Remote", "location"), Some("Remote"));
        // 2020-09-11-ACEDigDataDir.md
        assert_eq!(labelled_line("* Salary Range: $65,000-$79,000 commensurate with experience", "Salary range"), Some("$65,000-$79,000 commensurate with experience"));
        // 2017-12-21-AIinterns.md has a tab after the colon.
        assert_eq!(labelled_line("Compensation: \t$13.25/hour", "Compensation"), Some("$13.25/hour"));
    }

    #[test]
    fn a_longer_label_is_not_the_short_one() {
        assert_eq!(labelled_line("Salary range: $1\nSalary: $2", "Salary"), Some("$2"));
        assert_eq!(labelled_line("Salary is commensurate with experience.", "Salary"), None);
    }

    #[test]
    fn value_on_the_next_line() {
        // 2018-12-04-dailykosdev.md
        assert_eq!(labelled_line("SALARY RANGE: \n$100,000 - $110,000\n", "Salary range"), Some("$100,000 - $110,000"));
        // 2018-08-12-nddemdataintern.md
        assert_eq!(labelled_line("Pay:  \n\n$1,500 per month", "pay"), Some("$1,500 per month"));
        assert_eq!(labelled_line("Salary:\nLocation: Remote", "Salary"), Some(""));
        assert_eq!(labelled_line("Salary:", "Salary"), Some(""));
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert_eq!(labelled_line("Sé: x", "Salary"), None);
        assert_eq!(labelled_line("€€€€€€€€", "Salary"), None);
        assert_eq!(labelled_line("", ""), None);
    }
}
