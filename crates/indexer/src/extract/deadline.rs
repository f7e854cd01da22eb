//! Application deadline from the text: "through June 19, 2020", "close on November 1st",
//! "deadline 12/11/19", "by Tuesday, September 12".

use super::text::{contains_any_word, floor_boundary, line_range, sentence_ranges};
use jobsift_core::Date;
use std::ops::Range;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("sept", 9), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];

const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Words that put a sentence about applying (a date in it may be the deadline). Dates in
/// other sentences are terms of the job ("run through November 2020", "start by
/// December 1st", "funded through at least November 6, 2020").
const APPLYING_WORDS: &[&str] = &[
    "apply", "applying", "application", "applications", "applicant", "applicants", "deadline", "resume", "resumes",
    "submit", "submitted", "send", "email", "e-mail", "submission", "submissions", "cover letter", "received", "accepted", "accepting",
    "close", "closes", "closing", "due by", "due on", "due date", "considered", "consideration",
];

/// Words right before a date that make it a limit: "by", "through", "no later than",
/// "deadline:", "close on".
const LIMIT_WORDS: &[&str] = &[
    "by", "through", "thru", "before", "until", "till", "no later than", "deadline", "due", "close", "closes",
    "closing",
];

/// Words between the limit word and the date that make the date something else: the
/// earliest reply ("not be emailing folks … until at least January 8"), the start or
/// end of the job ("start by December 1st", "ends November 10, 2020").
const NOT_A_LIMIT: &[&str] = &[
    "at least", "start", "starts", "starting", "begin", "begins", "beginning", "run", "runs", "last", "lasts",
    "funded", "ends", "end", "employment",
];

/// Real posts name a few dates; the bound keeps hostile input linear.
const MAX_DATES_TRIED: usize = 1_000;

/// Lines up to this long are read whole rather than sentence by sentence.
const FACT_LINE_BYTES: usize = 80;

/// How far before a date its limit word may be: room for "deadline for this role is
/// 11:59pm ET on Tuesday, ".
const LIMIT_WINDOW_BYTES: usize = 48;

/// The application deadline: the first date in a sentence about applying that follows a
/// limit word. A date without a year takes the post's year, or the next year when it
/// would fall before the post; without a post date such a date is unknown.
pub fn deadline(body: &str, post_date: Option<Date>) -> Option<Date> {
    let lower = body.to_ascii_lowercase();
    let mut found_dates = dates_in(&lower);
    found_dates.sort_by_key(|date| date.span.start);
    found_dates.into_iter().take(MAX_DATES_TRIED).find_map(|found| {
        // A short fact line ("Closing Date/Time: Fri. 02/02/18") is read whole, as the
        // dots of its abbreviations would cut it into sentences.
        let line = line_range(&lower, found.span.start);
        let context = if line.len() <= FACT_LINE_BYTES { line } else { sentence_of(&lower, found.span.start) };
        let context_text = &lower[context.clone()];
        let about_applying = contains_any_word(context_text, APPLYING_WORDS) || context_text.contains("deadline");
        if !about_applying || !limit_word_before(&lower, context.start, found.span.start) {
            return None;
        }
        resolve(found, post_date)
    })
}

/// A date as written: a year only when the text has one.
#[derive(Clone, Debug)]
struct WrittenDate {
    year: Option<i32>,
    month: u32,
    day: u32,
    span: Range<usize>,
}

fn resolve(found: WrittenDate, post_date: Option<Date>) -> Option<Date> {
    match found.year {
        Some(year) => Date::from_ymd(year, found.month, found.day),
        None => {
            let post_date = post_date?;
            let year = post_date.year();
            let date = Date::from_ymd(year, found.month, found.day)
                // February 29 in a year without one: the deadline is read in the next leap year
                // only if that is the next year; otherwise it is not a date.
                .or_else(|| Date::from_ymd(year.checked_add(1)?, found.month, found.day))?;
            if date < post_date {
                Date::from_ymd(year.checked_add(1)?, found.month, found.day)
            } else {
                Some(date)
            }
        }
    }
}

fn sentence_of(lower: &str, at: usize) -> Range<usize> {
    let line = line_range(lower, at);
    sentence_ranges(&lower[line.clone()])
        .into_iter()
        .map(|range| line.start + range.start..line.start + range.end)
        .find(|range| range.contains(&at))
        .unwrap_or(line)
}

fn limit_word_before(lower: &str, sentence_start: usize, at: usize) -> bool {
    let window_start = floor_boundary(lower, at.saturating_sub(LIMIT_WINDOW_BYTES)).max(sentence_start);
    // Whole words only: the window may start inside a word.
    let Some(window) = lower.get(window_start..at) else { return false };
    let window = match window.find(' ') {
        Some(space) if window_start > sentence_start => &window[space..],
        _ => window,
    };
    contains_any_word(window, LIMIT_WORDS) && !contains_any_word(window, NOT_A_LIMIT)
}

/// Every date in the lower-cased text: "june 19, 2020", "nov. 1st", "tuesday, september
/// 12", "12/11/19".
fn dates_in(lower: &str) -> Vec<WrittenDate> {
    let mut dates = Vec::new();
    let bytes = lower.as_bytes();
    let mut previous_in_word = false;
    // Byte by byte, decoding only non-ASCII characters: this loop sees every byte of every
    // post. A UTF-8 continuation byte belongs to the character before it.
    for (at, &byte) in bytes.iter().enumerate() {
        let in_word = match byte {
            0..=0x7F => byte.is_ascii_alphanumeric(),
            0x80..=0xBF => continue,
            _ => lower[at..].chars().next().is_some_and(char::is_alphanumeric),
        };
        let word_start = !previous_in_word;
        previous_in_word = in_word;
        if !word_start {
            continue;
        }
        let c = byte as char;
        if c.is_ascii_alphabetic() {
            if let Some(date) = month_day_year(lower, at) {
                dates.push(date);
            }
        } else if c.is_ascii_digit() && !matches!(bytes.get(at.wrapping_sub(1)), Some(b'/' | b'.' | b'$' | b',')) {
            if let Some(date) = iso_date(lower, at).or_else(|| day_month_year(lower, at)).or_else(|| numeric_date(lower, at)) {
                dates.push(date);
            }
        }
    }
    dates
}

/// "june 19, 2020", "november 1st", "sept. 12 2019", "dec 31st, 2018".
fn month_day_year(lower: &str, at: usize) -> Option<WrittenDate> {
    let rest = &lower[at..];
    // Most words start with a letter no month starts with; skip them before comparing names.
    if !matches!(rest.as_bytes().first(), Some(b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')) {
        return None;
    }
    // The whole word, compared with each name: one comparison per name rather than one
    // per name at every word that starts like a month.
    let word_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    // A word that goes on in a non-ASCII letter or digit is no month name.
    if rest[word_len..].starts_with(|c: char| !c.is_ascii() && c.is_alphanumeric()) || !(3..=9).contains(&word_len) {
        return None;
    }
    let word = &rest[..word_len];
    let &(_, month) = MONTHS.iter().find(|(name, _)| *name == word)?;
    let mut i = at + word_len;
    i += skip(&lower[i..], ".");
    i += skip_spaces(&lower[i..]);
    let (day, day_len) = number(&lower[i..], 2)?;
    i += day_len;
    i += ordinal_suffix_len(&lower[i..]);
    if lower[i..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let (year, end) = year_after(lower, i);
    let start = weekday_before(lower, at).unwrap_or(at);
    Some(WrittenDate { year, month, day, span: start..end })
}

/// "2021-02-15".
fn iso_date(lower: &str, at: usize) -> Option<WrittenDate> {
    let text = lower.get(at..at + 10)?;
    let end_ok = !lower[at + 10..].starts_with(|c: char| c.is_ascii_digit());
    let date = Date::parse_iso(text).filter(|_| end_ok)?;
    let (year, month, day) = date.ymd();
    Some(WrittenDate { year: Some(year), month, day, span: at..at + 10 })
}

/// "15 february 2021", "1st feb. 2021", "15 june" (the way most of the world writes it).
fn day_month_year(lower: &str, at: usize) -> Option<WrittenDate> {
    let (day, day_len) = number(&lower[at..], 2)?;
    let mut i = at + day_len;
    i += ordinal_suffix_len(&lower[i..]);
    let spaces = skip_spaces(&lower[i..]);
    if spaces == 0 {
        return None;
    }
    i += spaces;
    let word_len = lower[i..].bytes().take_while(u8::is_ascii_alphabetic).count();
    let &(_, month) = MONTHS.iter().find(|(name, _)| *name == &lower[i..i + word_len])?;
    i += word_len;
    i += skip(&lower[i..], ".");
    if lower[i..].starts_with(|c: char| c.is_alphanumeric()) || !(1..=31).contains(&day) {
        return None;
    }
    let (year, end) = year_after(lower, i);
    // "18 may apply": May only with its year.
    if month == 5 && year.is_none() {
        return None;
    }
    Some(WrittenDate { year, month, day, span: at..end })
}

/// A year of four digits after a date's day or month (", 2021", " 2021"), and where the
/// date ends: at the year, or at `from` when there is none.
fn year_after(lower: &str, from: usize) -> (Option<i32>, usize) {
    let after_comma = from + skip(&lower[from..], ",");
    let year_at = after_comma + skip_spaces(&lower[after_comma..]);
    match number(&lower[year_at..], 4) {
        Some((value, 4)) if !lower[year_at + 4..].starts_with(|c: char| c.is_ascii_digit()) => (i32::try_from(value).ok(), year_at + 4),
        _ => (None, from),
    }
}

/// The length of "st", "nd", "rd" or "th" at the start of `text`, else 0.
fn ordinal_suffix_len(text: &str) -> usize {
    ["st", "nd", "rd", "th"].iter().find(|suffix| text.starts_with(**suffix)).map_or(0, |suffix| suffix.len())
}

/// "12/11/19", "6/1/2020", "6/1".
fn numeric_date(lower: &str, at: usize) -> Option<WrittenDate> {
    let (month, month_len) = number(&lower[at..], 2)?;
    let mut i = at + month_len;
    i += skip(&lower[i..], "/");
    if i == at + month_len {
        return None;
    }
    let (day, day_len) = number(&lower[i..], 2)?;
    i += day_len;
    let mut year = None;
    if lower[i..].starts_with('/') {
        let (value, len) = number(&lower[i + 1..], 4)?;
        year = match len {
            2 => Some(2000 + value as i32),
            4 => Some(value as i32),
            _ => return None,
        };
        i += 1 + len;
    }
    if lower[i..].starts_with(|c: char| c.is_ascii_digit() || c == '/') {
        return None;
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(WrittenDate { year, month, day, span: at..i })
}

/// "tuesday, " right before a month name: the date's written start, so that the limit
/// word ("by") is found before the weekday.
fn weekday_before(lower: &str, at: usize) -> Option<usize> {
    let before = lower[..at].trim_end_matches([' ', ',']);
    WEEKDAYS.iter().find_map(|day| before.strip_suffix(day).map(str::len))
}

/// A run of up to `max_digits` ASCII digits at the start of `text`, and its length.
fn number(text: &str, max_digits: usize) -> Option<(u32, usize)> {
    let len = text.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > max_digits {
        return None;
    }
    Some((text[..len].parse().ok()?, len))
}

fn skip(text: &str, mark: &str) -> usize {
    if text.starts_with(mark) { mark.len() } else { 0 }
}

fn skip_spaces(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        Date::from_ymd(y, m, d)
    }

    #[test]
    fn dates_with_years() {
        // 2018-03-… "Resumes will be accepted through March 30, 2018 and reviewed …"
        assert_eq!(deadline("Application process: Resumes will be accepted through March 30, 2018 and reviewed", None), ymd(2018, 3, 30));
        assert_eq!(deadline("Application Deadline: Feb 12, 2018", None), ymd(2018, 2, 12));
        assert_eq!(deadline("DEADLINE TO APPLY: MAY 10, 2018", None), ymd(2018, 5, 10));
        assert_eq!(
            deadline("To apply, e-mail a letter, your resume, cover letter, and a list of references to Juan Penalosa at  jobs@floridadems.org by 5:00 pm on January 5, 2019 and use Political Director as the subject line.", None),
            ymd(2019, 1, 5)
        );
        assert_eq!(deadline("Apply through June 19, 2020.", None), ymd(2020, 6, 19));
        assert_eq!(deadline("Note: deadline 12/11/19", None), ymd(2019, 12, 11));
        assert_eq!(deadline("Deadline: 2021-02-15", None), ymd(2021, 2, 15));
        assert_eq!(deadline("Applications close on 2021-02-01.", None), ymd(2021, 2, 1));
        assert_eq!(deadline("Closing date: 15 February 2021", None), ymd(2021, 2, 15));
        assert_eq!(deadline("Deadline: 1st February 2021", None), ymd(2021, 2, 1));
        assert_eq!(deadline("Apply by 3 May 2021.", None), ymd(2021, 5, 3));
        assert_eq!(deadline("Deadline: 2021-02-151", None), None);
    }

    #[test]
    fn day_first_dates_need_a_real_month() {
        let posted = Date::from_ymd(2021, 1, 10);
        assert_eq!(deadline("Apply by 15 Feb.", posted), ymd(2021, 2, 15));
        assert_eq!(deadline("Send your resume by 18 may apply later", posted), None);
        assert_eq!(deadline("Apply by 3 months from now", posted), None);
    }

    #[test]
    fn dates_without_years_take_the_posts_year() {
        let posted = Date::from_ymd(2017, 8, 29);
        // 2017-08-29-aflciodataarch.md
        assert_eq!(
            deadline("submit your resume and cover letter to https://aflcio.hirecentric.com/jobs/124441.html by Tuesday, September 12. If you", posted),
            ymd(2017, 9, 12)
        );
        assert_eq!(deadline("Applications close on November 1st.", posted), ymd(2017, 11, 1));
        // Before the post date: next year.
        let december = Date::from_ymd(2018, 12, 14);
        assert_eq!(deadline("Application Deadline: February 15th.", december), ymd(2019, 2, 15));
        assert_eq!(deadline("Application Deadline: February 15th.", None), None);
    }

    #[test]
    fn terms_of_the_job_are_not_deadlines() {
        assert_eq!(deadline("This is a temporary position through November 30th, 2018.", None), None);
        assert_eq!(deadline("The new team member can start by December 1st.", Date::from_ymd(2018, 10, 1)), None);
        assert_eq!(deadline("This position will be funded through at least November 6, 2020.", None), None);
        assert_eq!(deadline("Positions run through November 2018.", None), None);
        assert_eq!(deadline("We received 100 applications in 2019.", None), None);
    }

    #[test]
    fn reply_dates_and_job_end_dates_are_not_deadlines() {
        // 2018-01-08-AVMIdata.md
        assert_eq!(
            deadline("Due to the holidays, please note that we will not be emailing folks about next steps until at least January 8, 2018", None),
            None
        );
        // 2020-06-26-EPPACTechSpecialist.md
        assert_eq!(deadline("Employment Terms: Full-Time, Temporary Position (ends November 10, 2020), apply soon", None), None);
        // 2018-12-28-seiu-data-systems-analytics.md
        assert_eq!(deadline("The application deadline for this role is 11:59pm ET on Tuesday, January 15, 2019.", None), ymd(2019, 1, 15));
        // 2018-01-24-city-san-diego-data-science-coordinator.md
        assert_eq!(deadline("Closing Date/Time: Fri. 02/02/18 11:59 PM Pacific Time", None), ymd(2018, 2, 2));
        // 2018-01-20-dssgfellow.md
        assert_eq!(deadline("Due date is January 31, 2018", None), ymd(2018, 1, 31));
        // 2020-07-16-MNDFLData.md
        assert_eq!(deadline("Application Deadline: Wednesday July 22nd, 2020", None), ymd(2020, 7, 22));
    }

    #[test]
    fn the_first_deadline_wins() {
        // "… We will accept applications through July 18, although we strongly encourage
        // applicants to apply by July 7 …"
        let posted = Date::from_ymd(2019, 6, 20);
        assert_eq!(
            deadline("Application process: We will accept applications through July 18, although we strongly encourage applicants to apply by July 7", posted),
            ymd(2019, 7, 18)
        );
    }

    #[test]
    fn impossible_dates_and_odd_input() {
        assert_eq!(deadline("Apply by February 30, 2019", None), None);
        assert_eq!(deadline("Apply by 13/40/19", None), None);
        for text in ["", "by", "apply by may", "apply by may 99999", "apply by 1/", "apply by é1/2", "apply by jan 1, 99999"] {
            let _ = deadline(text, Some(Date(i32::MAX)));
            let _ = deadline(text, Some(Date(i32::MIN)));
        }
    }
}
