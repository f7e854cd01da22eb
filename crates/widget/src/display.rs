//! Turning index values into what a card shows: safe links, dates, money, highlights.

use jobsift_core::Date;

/// An href that is safe to render, or `None`: the decision is core's `is_safe_link` (http,
/// https, mailto, or relative: post URLs can be site-relative), the same rule `jobsift
/// verify` applies. The href is rendered as the browser would read it anyway (spaces and
/// controls around it dropped, tabs and line breaks removed).
pub fn safe_href(raw: &str) -> Option<String> {
    jobsift_core::is_safe_link(raw, true).then(|| jobsift_core::link_as_browsers_read_it(raw))
}

/// `2017-08-26`: unambiguous in every language, and sortable at a glance.
pub fn iso_date(date: Date) -> String {
    let (year, month, day) = date.ymd();
    format!("{year:04}-{month:02}-{day:02}")
}

/// Money and counts as core spells them for every front end ("$65,000", "1,048").
pub use jobsift_core::document::{dollar_range, dollars, grouped};

/// Splits `text` into (segment, is_match) runs for `<mark>` highlighting. Ranges are
/// byte offsets; ranges that overlap, run past the end or split a character are
/// clamped or skipped instead of panicking, since they come from a file on a server.
pub fn highlight_runs<'a>(text: &'a str, ranges: &[(usize, usize)]) -> Vec<(&'a str, bool)> {
    let mut sorted: Vec<(usize, usize)> = ranges.to_vec();
    // Offsets within one snippet or title: each fits in 32 bits.
    jobsift_core::sort::by_key(&mut sorted, |&(start, end)| (start as u64) << 32 | end as u64);
    let mut runs = Vec::new();
    let mut cursor = 0;
    for (start, end) in sorted {
        let start = start.max(cursor);
        let end = end.min(text.len());
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > cursor {
            runs.push((&text[cursor..start], false));
        }
        runs.push((&text[start..end], true));
        cursor = end;
    }
    if cursor < text.len() {
        runs.push((&text[cursor..], false));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_schemes_and_relative_links_pass() {
        assert_eq!(safe_href("https://example.org/apply").as_deref(), Some("https://example.org/apply"));
        assert_eq!(safe_href("mailto:jobs@example.org").as_deref(), Some("mailto:jobs@example.org"));
        assert_eq!(safe_href("/jobs/2017/data-lead/").as_deref(), Some("/jobs/2017/data-lead/"));
        for hostile in ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "\u{1}javascript:x", "data:text/html,<b>", "vbscript:x", ""] {
            assert_eq!(safe_href(hostile), None, "{hostile:?} must be refused");
        }
    }

    #[test]
    fn highlight_runs_survive_bad_ranges() {
        let runs = highlight_runs("data analyst", &[(0, 4), (2, 6), (30, 40)]);
        assert_eq!(runs, vec![("data", true), (" a", true), ("nalyst", false)]);
        assert_eq!(highlight_runs("café", &[(3, 4)]), vec![("café", false)]);
    }

    #[test]
    fn iso_dates_are_zero_padded() {
        assert_eq!(iso_date(Date::from_ymd(2017, 8, 6).unwrap()), "2017-08-06");
    }
}
