//! The apply link: http, https or mailto only.

use super::text::{contains_any_word, sentence_ranges};

/// Link texts that invite the reader to apply or read the full ad ("See more and apply
/// here", "Job description here").
const APPLY_LINK_TEXTS: &[&str] = &[
    "apply", "application", "job description", "see more", "more info", "more information", "learn more",
    "full description", "details", "posting", "job listing", "here",
];

/// Hosts and path words of job postings, for links whose text is the role's name
/// ("[Data Engineer](https://…taleo.net/…)").
const JOB_POSTING_MARKS: &[&str] = &[
    "apply", "job", "jobs", "career", "careers", "greenhouse.io", "lever.co", "workable.com", "recruitee.com",
    "bamboohr.com", "jobvite.com", "icims.com", "idealist.org", "taleo.net", "hirecentric.com", "smartrecruiters",
    "applytojob", "breezy.hr", "paycomonline", "ziprecruiter", "indeed.com", "linkedin.com/jobs", "forms.gle",
    "docs.google.com/forms", "typeform.com",
];

/// Words of a body sentence about applying, where a bare URL or address is the apply link.
const APPLYING_WORDS: &[&str] = &[
    "apply", "applying", "application", "applications", "submit", "send", "email", "e-mail", "resume", "resumes",
    "cover letter", "interested", "candidates", "contact",
];

/// The apply link: the first Markdown link (text, target) whose text invites applying,
/// else the first whose target is a job posting, else the first http(s) URL or e-mail
/// address in a body sentence about applying (an address becomes a `mailto:` link).
/// Only http, https and mailto targets are ever returned; relative, `javascript:` and
/// `data:` targets and empty targets `()` are skipped.
pub fn apply_link(markdown_links: &[(String, String)], body: &str) -> Option<String> {
    let usable: Vec<(&str, &str)> = markdown_links
        .iter()
        .filter_map(|(text, target)| usable_target(target).map(|target| (text.as_str(), target)))
        .collect();
    let inviting = usable.iter().find(|(text, _)| contains_any_word(&text.to_lowercase(), APPLY_LINK_TEXTS));
    let posting = || {
        usable.iter().find(|(_, target)| {
            let lower = target.to_ascii_lowercase();
            JOB_POSTING_MARKS.iter().any(|mark| lower.contains(mark))
        })
    };
    inviting
        .or_else(posting)
        .map(|(_, target)| (*target).to_owned())
        .or_else(|| link_in_applying_sentence(body))
}

/// The target, trimmed, if it is an absolute http, https or mailto link.
fn usable_target(target: &str) -> Option<&str> {
    let target = target.trim().trim_start_matches('<').trim_end_matches('>');
    if target.is_empty() || target.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let scheme_end = target.find(':')?;
    let scheme = &target[..scheme_end];
    let rest = &target[scheme_end + 1..];
    let allowed = match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => rest.starts_with("//") && rest.len() > 2,
        "mailto" => rest.contains('@'),
        _ => false,
    };
    allowed.then_some(target)
}

fn link_in_applying_sentence(body: &str) -> Option<String> {
    // Only a sentence with an address or a URL can give a link; most have neither, and
    // that is cheaper to see than the applying words.
    if !body.contains(['@', ':']) {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    sentence_ranges(&lower)
        .into_iter()
        .filter(|range| {
            let sentence = &lower[range.clone()];
            sentence.contains('@') || sentence.contains("http://") || sentence.contains("https://")
        })
        .filter(|range| contains_any_word(&lower[range.clone()], APPLYING_WORDS))
        .find_map(|range| first_link_in(&body[range.clone()], &lower[range]))
}

/// The first http(s) URL or e-mail address in `text` (`lower` is its lower-cased copy).
fn first_link_in(text: &str, lower: &str) -> Option<String> {
    let url_at = ["http://", "https://"].iter().filter_map(|scheme| lower.find(scheme)).min();
    if let Some((email_at, address)) = first_email(text) {
        if url_at.is_none_or(|url_at| email_at < url_at) {
            return Some(format!("mailto:{address}"));
        }
    }
    let url = &text[url_at?..];
    let end = url.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`')).unwrap_or(url.len());
    let url = url[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '*']);
    usable_target(url).map(str::to_owned)
}

/// The first e-mail address in `text` and its position.
fn first_email(text: &str) -> Option<(usize, String)> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let is_domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    text.match_indices('@').find_map(|(at, _)| {
        let local_start = text[..at].rfind(|c: char| !is_local(c)).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        let local = text[local_start..at].trim_start_matches('.');
        let domain_end = text[at + 1..].find(|c: char| !is_domain(c)).map_or(text.len(), |i| at + 1 + i);
        let domain = text[at + 1..domain_end].trim_end_matches(['.', '-']);
        let valid = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        valid.then(|| (at - local.len(), format!("{local}@{domain}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(text, target)| (text.to_string(), target.to_string())).collect()
    }

    #[test]
    fn inviting_link_text() {
        // 2020-10-07-TechPrincipalData.md
        let found = apply_link(&links(&[("See more and apply here", "https://boards.greenhouse.io/techco/jobs/4904909002")]), "");
        assert_eq!(found.as_deref(), Some("https://boards.greenhouse.io/techco/jobs/4904909002"));
        // 2017-08-29-aflciodataarch.md
        let found = apply_link(
            &links(&[("tech co.", "https://techco.example"), ("Job description here", "https://aflcio.hirecentric.com/jobs/124441.html")]),
            "",
        );
        assert_eq!(found.as_deref(), Some("https://aflcio.hirecentric.com/jobs/124441.html"));
    }

    #[test]
    fn only_safe_schemes() {
        assert_eq!(apply_link(&links(&[("Apply here", "javascript:alert(1)")]), ""), None);
        assert_eq!(apply_link(&links(&[("Apply here", "data:text/html,hi")]), ""), None);
        assert_eq!(apply_link(&links(&[("Apply here", "/jobs/1")]), ""), None);
        assert_eq!(apply_link(&links(&[("See more and apply here", "")]), ""), None);
        assert_eq!(apply_link(&links(&[("Apply", "HTTPS://Example.org/Jobs")]), "").as_deref(), Some("HTTPS://Example.org/Jobs"));
        assert_eq!(apply_link(&links(&[("Apply", "mailto:jobs@example.org")]), "").as_deref(), Some("mailto:jobs@example.org"));
        assert_eq!(apply_link(&links(&[("Apply", "http://")]), ""), None);
    }

    #[test]
    fn job_posting_targets() {
        // 2019-11-23-gmmbmult.md
        let found = apply_link(
            &links(&[("Data Engineer", "https://chp.tbe.taleo.net/chp03/ats/careers/requisition.jsp?org=FLEISHMAN&cws=38&rid=4160")]),
            "",
        );
        assert!(found.unwrap().contains("taleo.net"));
        assert_eq!(apply_link(&links(&[("our website", "https://example.org/")]), ""), None);
    }

    #[test]
    fn fallback_to_the_body() {
        // 2017-08-29-aflciodataarch.md
        let body = "If you're at all interested in applying, we urge you to begin the application process and submit your resume and cover letter to https://aflcio.hirecentric.com/jobs/124441.html by Tuesday, September 12. I also suggest reading Annie’s guide: https://anniejw6.gitbooks.io/jobs-proganalytics/";
        assert_eq!(apply_link(&[], body).as_deref(), Some("https://aflcio.hirecentric.com/jobs/124441.html"));
        // 2019-11-20-verifiedconsultant.md
        let body = "Please submit resume and short cover letter regarding your interest in the position to: jobs@verifiedvoting.org. This position pays $50/hour.";
        assert_eq!(apply_link(&[], body).as_deref(), Some("mailto:jobs@verifiedvoting.org"));
        assert_eq!(apply_link(&[], "Our site is https://example.org."), None);
        assert_eq!(apply_link(&[], "To apply, see https://example.org/jobs)."), Some("https://example.org/jobs".into()));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["@", "apply @", "apply a@b", "apply €@€.com", "apply x@y.c", "apply https://", "apply é@é.éé", "apply .@a.bc"] {
            let _ = apply_link(&links(&[(text, text)]), text);
        }
        assert_eq!(apply_link(&[], "apply to x@y.c"), None);
    }
}
