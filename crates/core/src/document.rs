//! The job document: what the indexer extracts from one post and the index stores.

use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One job post, with its fields extracted and normalised.
///
/// Every field but `title`, `url` and `body` may be unknown, because real posts leave
/// most of them out; unknown is `None` (or empty), never a guessed default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The post's title as written ("AFL-CIO: Senior Strategist & Analytics Lead").
    pub title: String,
    /// The hiring organisation, from an "Org: Role" title or front matter.
    pub organisation: Option<String>,
    /// The role, the part of the title that is not the organisation.
    pub role: Option<String>,
    /// Where the post lives on the site (absolute with a base URL, else site-relative).
    pub url: String,
    /// The apply link: http, https or mailto only.
    pub apply_url: Option<String>,
    /// Posting date (front matter beats the file name).
    pub date: Option<Date>,
    /// Application deadline, when the text states one.
    pub deadline: Option<Date>,
    pub salary: Option<Salary>,
    /// Location as written ("Washington, DC", "Remote").
    pub location: Option<String>,
    /// True when the post says the job can be done remotely.
    pub remote: bool,
    pub employment_type: Option<EmploymentType>,
    /// Tags, case-folded, aliases applied, sorted and without duplicates.
    pub tags: Vec<String>,
    /// A short plain-text summary for result cards.
    pub summary: String,
    /// The post's whole body as plain text (Markdown and HTML removed): searched, and
    /// the source of snippets.
    pub body: String,
    /// Extra facets mapped from front-matter keys by the site's configuration.
    pub extra: BTreeMap<String, ExtraValue>,
}

/// A salary normalised to a yearly range in US dollars.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Salary {
    /// Lower bound per year, whole dollars.
    pub min: u32,
    /// Upper bound per year, whole dollars; equal to `min` for a single figure.
    pub max: u32,
    /// The period the post stated the figure in; yearly figures are annualised from it.
    pub period: SalaryPeriod,
    /// The text the figure was read from ("$60,000 to $70,000"), shown to visitors.
    pub text: String,
}

impl Salary {
    /// "$48,000 – $54,000", or "$40,000" when the range is one figure: what the widget's
    /// cards and the CLI's text show (per year, in US dollars).
    pub fn range_text(&self) -> String {
        if self.min == self.max {
            dollars(self.min)
        } else {
            dollar_range(self.min, self.max)
        }
    }
}

/// `$48,000 – $54,000`, both ends written out.
pub fn dollar_range(low: u32, high: u32) -> String {
    format!("{} – {}", dollars(low), dollars(high))
}

/// `$65,000`: salaries are normalised to US dollars per year by the indexer.
pub fn dollars(amount: u32) -> String {
    format!("${}", grouped(amount as usize, ","))
}

/// `number` with its thousands set apart by `separator` ("1,048").
pub fn grouped(number: usize, separator: &str) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

impl Document {
    /// The location to show beside a remote badge: `None` when it says no more than the
    /// badge ("Remote"), so that a card does not read "Remote · Remote".
    pub fn location_besides_remote(&self) -> Option<&str> {
        self.location.as_deref().filter(|location| !(self.remote && location.trim().eq_ignore_ascii_case("remote")))
    }

    /// The organisation to show under the title: `None` when the title names it as one
    /// side of its colon, so that a card does not name it twice. Boards write it first
    /// ("AFL-CIO: Sr. Data Engineer"), after a note ("[Deadline soon] Code for America: …",
    /// "Deadline soon: Acme: …") or last ("Director of Data & Analytics: Amy McGrath for
    /// Senate").
    pub fn organisation_besides_title(&self) -> Option<&str> {
        let organisation = self.organisation.as_deref()?;
        let named = organisation.trim();
        if named.is_empty() {
            return Some(organisation);
        }
        let leads = |text: &str| {
            let text = text.trim_start();
            text.get(..named.len()).is_some_and(|start| start.eq_ignore_ascii_case(named))
                && text[named.len()..].trim_start().starts_with(':')
        };
        let title = self.title.trim();
        let after_bracketed_note = title.strip_prefix('[').and_then(|rest| rest.split_once(']')).map(|(_, after)| after);
        let after_first_colon = title.split_once(':').map(|(_, after)| after);
        let ends_title = title.len() >= named.len()
            && title.get(title.len() - named.len()..).is_some_and(|end| end.eq_ignore_ascii_case(named))
            && title[..title.len() - named.len()].trim_end().ends_with(':');
        let in_title = leads(title) || after_bracketed_note.is_some_and(leads) || after_first_colon.is_some_and(leads) || ends_title;
        (!in_title).then_some(organisation)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SalaryPeriod {
    Year,
    Month,
    Week,
    Day,
    Hour,
}

impl SalaryPeriod {
    /// How many of this period make a working year (2,080 hours: 52 weeks of 40 hours).
    pub fn per_year(self) -> u32 {
        match self {
            SalaryPeriod::Year => 1,
            SalaryPeriod::Month => 12,
            SalaryPeriod::Week => 52,
            SalaryPeriod::Day => 260,
            SalaryPeriod::Hour => 2_080,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SalaryPeriod::Year => "year",
            SalaryPeriod::Month => "month",
            SalaryPeriod::Week => "week",
            SalaryPeriod::Day => "day",
            SalaryPeriod::Hour => "hour",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Temporary,
    Contract,
    Internship,
    Fellowship,
    Volunteer,
}

impl EmploymentType {
    pub const ALL: [EmploymentType; 7] = [
        EmploymentType::FullTime,
        EmploymentType::PartTime,
        EmploymentType::Temporary,
        EmploymentType::Contract,
        EmploymentType::Internship,
        EmploymentType::Fellowship,
        EmploymentType::Volunteer,
    ];

    /// The stable key used in facets, URLs and `--filter` ("full-time").
    pub fn as_str(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "full-time",
            EmploymentType::PartTime => "part-time",
            EmploymentType::Temporary => "temporary",
            EmploymentType::Contract => "contract",
            EmploymentType::Internship => "internship",
            EmploymentType::Fellowship => "fellowship",
            EmploymentType::Volunteer => "volunteer",
        }
    }

    /// How the type reads in English ("Full-time"), where a site has not labelled it.
    pub fn label(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "Full-time",
            EmploymentType::PartTime => "Part-time",
            EmploymentType::Temporary => "Temporary",
            EmploymentType::Contract => "Contract",
            EmploymentType::Internship => "Internship",
            EmploymentType::Fellowship => "Fellowship",
            EmploymentType::Volunteer => "Volunteer",
        }
    }

    pub fn parse(key: &str) -> Option<EmploymentType> {
        EmploymentType::ALL.into_iter().find(|t| t.as_str() == key)
    }
}

/// The value of a configured extra facet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExtraValue {
    Text(String),
    List(Vec<String>),
    Number(f64),
    Date(Date),
    Bool(bool),
}

/// Whether a browser would follow `url` only to a page or a mail client: http(s) and
/// mailto, or (where `relative_allowed`) a link without a scheme, such as a post's path.
///
/// The scheme is read the way browsers read it (WHATWG URL): control characters and spaces
/// around the URL are dropped and tabs and line breaks inside it removed, so
/// " java\tscript:" is a script link; a scheme is a letter, then letters, digits, `+`, `-`
/// or `.`, then `:`. Absolute links (`relative_allowed` false: apply links) must also be
/// free of control characters and spaces, as a well-formed link is.
pub fn is_safe_link(url: &str, relative_allowed: bool) -> bool {
    let parsed = link_as_browsers_read_it(url);
    if parsed.is_empty() {
        return false;
    }
    let scheme_end = parsed.find(':').filter(|&colon| {
        let scheme = &parsed[..colon];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let Some(colon) = scheme_end else { return relative_allowed };
    if !relative_allowed && url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let rest = &parsed[colon + 1..];
    match parsed[..colon].to_ascii_lowercase().as_str() {
        "http" | "https" => rest.starts_with("//") && rest.len() > 2,
        "mailto" => rest.contains('@'),
        _ => false,
    }
}

/// `url` as a browser reads it before anything else: control characters and spaces around
/// it dropped, tabs and line breaks inside it removed (WHATWG URL parsing).
pub fn link_as_browsers_read_it(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

#[cfg(test)]
mod link_tests {
    use super::is_safe_link;

    #[test]
    fn only_page_and_mail_links_are_safe() {
        for url in ["https://example.org/a", "HTTP://example.org", "mailto:jobs@example.org"] {
            assert!(is_safe_link(url, false), "{url}");
        }
        // Apply links are absolute and well formed; post URLs may be paths with spaces.
        assert!(!is_safe_link("https://example.org/a b", false));
        assert!(is_safe_link("https://example.org/a b", true));
        for url in ["/jobs/2020/01/01/x.html", "jobs/x", "x?time=10:30", "#top", "/jobs/a b.html", "1st:thing"] {
            assert!(is_safe_link(url, true), "{url}");
            assert!(!is_safe_link(url, false), "{url}");
        }
        for url in [
            "javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "\u{b}java\rscript:x", "\0javascript:x",
            "vbscript:msgbox(1)", "data:text/html,<script>x</script>", "https:", "mailto:nobody", "", " \u{1}",
            "jav\nascript:x", "view-source:https://x.org",
        ] {
            assert!(!is_safe_link(url, true), "{url:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salary(min: u32, max: u32) -> Salary {
        Salary { min, max, period: SalaryPeriod::Year, text: String::new() }
    }

    #[test]
    fn an_organisation_leading_the_title_is_not_named_again() {
        let doc = |title: &str, organisation: Option<&str>| Document {
            title: title.into(),
            organisation: organisation.map(Into::into),
            ..Document::default()
        };
        assert_eq!(doc("AFL-CIO: Sr. Data Engineer", Some("AFL-CIO")).organisation_besides_title(), None);
        assert_eq!(doc("afl-cio : Engineer", Some("AFL-CIO")).organisation_besides_title(), None);
        assert_eq!(doc("Data Engineer", Some("AFL-CIO")).organisation_besides_title(), Some("AFL-CIO"));
        assert_eq!(doc("AFL-CIO Data Engineer", Some("AFL-CIO")).organisation_besides_title(), Some("AFL-CIO"), "no colon: the title does not name it as its organisation");
        assert_eq!(doc("SEIU 32BJ: Organizer", Some("SEIU")).organisation_besides_title(), Some("SEIU"), "another organisation's name starts the same");
        assert_eq!(doc("Café: Cook", Some("Café")).organisation_besides_title(), None);
        assert_eq!(doc("É: Cook", Some("Éa")).organisation_besides_title(), Some("Éa"));
        assert_eq!(doc("Organizer", None).organisation_besides_title(), None);
        // After a board's note, or on the title's right side.
        assert_eq!(doc("[Deadline soon] Code for America: Software Engineering Apprentice", Some("Code for America")).organisation_besides_title(), None);
        assert_eq!(doc("Deadline soon: Acme: Data Analyst", Some("Acme")).organisation_besides_title(), None);
        assert_eq!(doc("Director of Data & Analytics: Amy McGrath for Senate", Some("Amy McGrath for Senate")).organisation_besides_title(), None);
        assert_eq!(doc("Data Fellowship: united nations ", Some("United Nations")).organisation_besides_title(), None);
        // Named elsewhere in the title, not as a side of a colon: shown.
        assert_eq!(doc("[Acme] Data Analyst", Some("Acme")).organisation_besides_title(), Some("Acme"));
        assert_eq!(doc("Data Analyst at Acme", Some("Acme")).organisation_besides_title(), Some("Acme"));
        assert_eq!(doc("Lead: Acme Data Team", Some("Acme")).organisation_besides_title(), Some("Acme"));
        assert_eq!(doc("Lead: É", Some("x")).organisation_besides_title(), Some("x"), "the title's end cut inside a character");
        assert_eq!(doc("Cook", Some("  ")).organisation_besides_title(), Some("  "));
    }

    #[test]
    fn employment_types_read_as_their_keys_in_words() {
        for kind in EmploymentType::ALL {
            assert_eq!(kind.label().to_lowercase(), kind.as_str(), "{kind:?}");
            assert!(kind.label().starts_with(|c: char| c.is_uppercase()), "{kind:?}");
            assert_eq!(EmploymentType::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn salaries_read_as_dollars_with_thousands_grouped() {
        assert_eq!(salary(0, 950).range_text(), "$0 – $950");
        assert_eq!(salary(65_000, 1_250_000).range_text(), "$65,000 – $1,250,000");
        assert_eq!(salary(50_000, 50_000).range_text(), "$50,000");
        assert_eq!(dollar_range(50_000, 50_000), "$50,000 – $50,000");
        assert_eq!(grouped(104_857, "."), "104.857");
        assert_eq!(grouped(1_048_576, "\u{202f}"), "1\u{202f}048\u{202f}576");
        assert_eq!(grouped(999, ","), "999");
    }

    #[test]
    fn a_location_that_only_says_remote_is_left_to_the_badge() {
        let post = |location: &str, remote: bool| Document { location: Some(location.into()), remote, ..Document::default() };
        assert_eq!(post(" remote ", true).location_besides_remote(), None);
        assert_eq!(post("Remote", false).location_besides_remote(), Some("Remote"));
        assert_eq!(post("New York City or remote", true).location_besides_remote(), Some("New York City or remote"));
    }
}
