//! Job-field extraction: organisation and role, salary, location and remote, employment
//! type, application deadline, apply link and summary, read from a post's title and plain
//! text.
//!
//! Every function here is pure and total: post text is untrusted, so each one returns
//! "unknown" (`None`, `false`, an empty string) rather than guessing, and none of them
//! panics on any input. The rules come from the real board in `shared/corpus/`; unit tests
//! quote the posts they were written from.
//!
//! The scanners are hand-written rather than regular expressions because each rule needs
//! a little context (the sentence around a figure, the line before it, the words before a
//! date) that is clearer as code than as a pattern.

mod apply;
mod deadline;
mod employment;
mod labelled;
mod location;
mod salary;
mod summary;
mod text;
mod title;

pub use apply::apply_link;
pub use deadline::deadline;
pub use employment::employment_type;
pub use labelled::{labelled_line, LabelledLines};
pub use location::{location, Place};
pub use salary::{is_plausible_yearly, salary};
pub use summary::summary;
pub use title::{split_title, TitleParts};

#[cfg(test)]
mod tests {
    use super::*;
    use jobsift_core::Date;

    /// Pieces that the scanners treat specially, mixed with multi-byte characters so that
    /// every slicing path meets a char boundary it must respect.
    const PIECES: &[&str] = &[
        "$", "1", "9", "0", ",", ".", "k", "K", "-", "–", " ", "\n", "/", ":", "@", "(", ")", "é", "€", "’",
        "\u{0092}", "$60,000", " to ", " per hour", "/month", "Salary: ", "Location: ", "remote", "not ",
        "apply by ", "June ", "12/11/", "Tuesday, ", "1st", "2020", "https://", "mailto:", "[", "](", "**",
        "full-time", "intern", "Org: ", "million", "401(k)", "D.C. ", "St. ", "based in ", "deadline ",
    ];

    /// A deterministic generator (64-bit LCG): the same inputs on every run.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> usize {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as usize
        }
    }

    #[test]
    fn no_extractor_panics_on_generated_text() {
        let mut random = Lcg(0x5eed);
        for _ in 0..4_000 {
            let length = random.next() % 40;
            let text: String = (0..length).map(|_| PIECES[random.next() % PIECES.len()]).collect();
            let links = vec![(text.clone(), text.clone())];
            let _ = split_title(&text);
            let line = labelled_line(&text, "salary");
            if let Some(found) = salary(&text, line) {
                assert!(found.min <= found.max && found.min >= 10_000 && found.max <= 1_000_000, "{text:?} gave {found:?}");
                assert!(found.text.chars().count() <= 80);
            }
            let _ = location(&text, labelled_line(&text, "location"), &text);
            let _ = employment_type(&text, &text);
            let _ = deadline(&text, Date::from_ymd(2020, 6, 1));
            if let Some(link) = apply_link(&links, &text) {
                let scheme = link.split(':').next().unwrap_or("").to_ascii_lowercase();
                assert!(matches!(scheme.as_str(), "http" | "https" | "mailto"), "{text:?} gave {link}");
            }
            let max_chars = random.next() % 60;
            assert!(summary(&text, max_chars).chars().count() <= max_chars);
        }
    }
}
