//! Salary: a yearly US-dollar range read from a "Salary:" line or from pay sentences.

use super::labelled::LabelledLines;
use super::text::{
    contains_any_word, contains_word, floor_boundary, line_range, previous_line, sentence_ranges, truncate_chars, word_at,
    MAX_LINE_CONTEXT,
};
use jobsift_core::{Salary, SalaryPeriod};
use std::ops::Range;

/// Yearly figures outside this range are not pay: below it they are stipends, phone
/// allowances or unlabelled hourly rates ("Salary: $60-$80"); above it, budgets.
const MIN_YEARLY_DOLLARS: u64 = 10_000;
const MAX_YEARLY_DOLLARS: u64 = 1_000_000;
const MAX_TEXT_CHARS: usize = 80;
/// How many words either side of a figure can say it is not pay ("$50,000 in City-paid
/// life insurance").
const NEIGHBOUR_WORDS: usize = 5;
/// More integer digits than this is not a salary, and keeps the arithmetic far from overflow.
const MAX_INTEGER_DIGITS: usize = 9;
/// Real posts have a few dozen figures at most; see [`salaries`].
const MAX_FIGURES_TRIED: usize = 1_000;
/// A paragraph listing pay by level or place has a handful of lines.
const MAX_SIBLING_LINES: usize = 40;

/// Whether `dollars` a year can be pay, by the bounds the text's figures must meet.
pub fn is_plausible_yearly(dollars: f64) -> bool {
    (MIN_YEARLY_DOLLARS as f64..=MAX_YEARLY_DOLLARS as f64).contains(&dollars)
}

/// Labels whose line states pay, tried after the caller's salary line. The figures on
/// such a line may be written without "$" ("Salary: 67,968.00 - 110,222.00").
const PAY_LABELS: &[&str] = &[
    "salary",
    "salary range",
    "expected salary range",
    "hiring salary range",
    "salary and benefits",
    "salary & benefits",
    "base salary",
    "starting salary",
    "compensation",
    "compensation range",
    "pay",
    "pay range",
    "pay rate",
    "wage",
    "wage scale",
    "stipend",
];

/// Words that make a sentence about pay; a figure in the body counts only in such a
/// sentence (or under such a heading), so that "$7 million organization" or "$100
/// monthly cell phone bill reimbursement" in a benefits list are not read as a salary.
const PAY_WORDS: &[&str] = &[
    "salary", "salaries", "salaried", "pay", "pays", "paid", "compensation", "wage", "wages", "stipend",
    "earn", "earns", "rate", "range", "starting", "starts", "annual", "annually", "hourly", "monthly",
    "per year", "per hour", "per month", "income",
];

/// Words right after a figure that make it something other than pay.
const NOT_PAY_AFTER: &[&str] = &[
    "million", "billion", "trillion", "m", "mm", "bn", "mil", "insurance", "reimbursement", "cell", "phone",
    "funding", "budget", "organization", "organisation", "raised", "in grants", "donation", "donations",
    // Another currency: the US-dollar figure is the one kept.
    "cad", "eur", "gbp", "aud",
];

/// Words right before a figure that make it something other than pay.
const NOT_PAY_BEFORE: &[&str] = &[
    "budget", "raised", "raise", "revenue", "funding", "donate", "donated", "donation", "grant", "grants",
    "worth", "valued", "chip in", "invested", "operating", "bonus", "bonuses", "take-home", "commission",
];

/// The text after a figure that states the period it is paid in, longest first so that
/// "/hour" is tried before "/h".
const PERIOD_AFTER: &[(&str, SalaryPeriod)] = &[
    ("per hour", SalaryPeriod::Hour),
    ("per hr", SalaryPeriod::Hour),
    ("an hour", SalaryPeriod::Hour),
    ("a hour", SalaryPeriod::Hour),
    ("hourly", SalaryPeriod::Hour),
    ("/hour", SalaryPeriod::Hour),
    ("/ hour", SalaryPeriod::Hour),
    ("/hr", SalaryPeriod::Hour),
    ("/h", SalaryPeriod::Hour),
    ("per day", SalaryPeriod::Day),
    ("a day", SalaryPeriod::Day),
    ("daily", SalaryPeriod::Day),
    ("/day", SalaryPeriod::Day),
    ("/ day", SalaryPeriod::Day),
    ("per week", SalaryPeriod::Week),
    ("a week", SalaryPeriod::Week),
    ("weekly", SalaryPeriod::Week),
    ("/week", SalaryPeriod::Week),
    ("/ week", SalaryPeriod::Week),
    ("/wk", SalaryPeriod::Week),
    ("per month", SalaryPeriod::Month),
    ("a month", SalaryPeriod::Month),
    ("monthly", SalaryPeriod::Month),
    ("/month", SalaryPeriod::Month),
    ("/ month", SalaryPeriod::Month),
    ("/mo", SalaryPeriod::Month),
    ("per year", SalaryPeriod::Year),
    ("per annum", SalaryPeriod::Year),
    ("a year", SalaryPeriod::Year),
    ("annually", SalaryPeriod::Year),
    ("annualized", SalaryPeriod::Year),
    ("annual", SalaryPeriod::Year),
    ("yearly", SalaryPeriod::Year),
    ("p.a.", SalaryPeriod::Year),
    ("/year", SalaryPeriod::Year),
    ("/ year", SalaryPeriod::Year),
    ("/yr", SalaryPeriod::Year),
    ("/y", SalaryPeriod::Year),
];

/// Period words before a figure in the same sentence ("Monthly salary for this role will
/// range from $4000 to $5000").
const PERIOD_BEFORE: &[(&str, SalaryPeriod)] = &[
    ("hourly", SalaryPeriod::Hour),
    ("per hour", SalaryPeriod::Hour),
    ("monthly", SalaryPeriod::Month),
    ("per month", SalaryPeriod::Month),
    ("weekly", SalaryPeriod::Week),
];

/// The salary of a post, from the caller's salary line (the value of its "Salary:" line)
/// first, then other pay lines ("Compensation:", "Salary range:"), then the first figure
/// in a sentence about pay. Figures are annualised with [`SalaryPeriod::per_year`];
/// implausible yearly figures are dropped. "Salary: Not listed" has no figure and gives
/// nothing from that line.
///
/// When the figure's line is part of `body` (the caller passed a slice of it, as
/// [`super::labelled_line`] returns), the range widens over the rest of its sentence and
/// the other lines of its paragraph that list pay by level or place; an owned copy of the
/// line is read alone.
pub fn salary(body: &str, salary_line: Option<&str>) -> Option<Salary> {
    let label_lines = LabelledLines::new(body);
    let labelled = salary_line.into_iter().chain(PAY_LABELS.iter().filter_map(|label| label_lines.get(label)));
    let (found, text, at) = labelled
        .filter_map(|line| first_salary(line, Mode::Labelled).map(|(found, at)| (found, line, at)))
        .next()
        .or_else(|| first_salary(body, Mode::Body).map(|(found, at)| (found, body, at)))?;
    Some(match offset_in(body, text) {
        Some(text_offset) => widen_over_paragraph(body, text_offset + at, found),
        None => found,
    })
}

/// Where `part` starts in `whole`, when `part` is a slice of it (as the value of a
/// labelled line of the body is).
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let whole_start = whole.as_ptr() as usize;
    let part_start = part.as_ptr() as usize;
    let inside = part_start >= whole_start && part_start + part.len() <= whole_start + whole.len();
    inside.then(|| part_start - whole_start)
}

/// Widens a salary over the rest of its sentence and the other lines of its paragraph
/// when they list more pay of the same kind, so that a post paying by level or by place
/// gives its lowest to highest figure ("Junior: $55k-$75k" / "Senior: $75k-$90k" in
/// 2019-09-12-ngpvandataservices.md; the hourly rates by degree in
/// 2018-09-13-cbppintern.md; "$110,000-$125,000 for mid-level; USD $125,000-$145,000 for
/// senior level" in 2019-10-21-halasofteng.md). Only figures in the same
/// period and within a factor of three of the first are taken, so a benefit listed
/// under the salary ("$10,000 professional development fund") does not count.
fn widen_over_paragraph(body: &str, at: usize, mut found: Salary) -> Salary {
    let paragraph = paragraph_range(body, at);
    let own_line = line_range(body, at);
    let own_sentence = sentence_around(body, at);
    let mut texts = vec![found.text.clone()];
    let (first_min, first_max) = (u64::from(found.min), u64::from(found.max));
    let mut line_start = paragraph.start;
    for line in body[paragraph.clone()].split('\n').take(MAX_SIBLING_LINES) {
        let line_range_here = line_start..line_start + line.len();
        line_start += line.len() + 1;
        for (sibling, position) in all_salaries(line, Mode::Sibling(found.period)) {
            // On the figure's own line, only the figures after it in its sentence
            // ("$50,000 to $65,000 and for senior positions … $65,000 to $100,000").
            let position = line_range_here.start + position;
            if line_range_here.start == own_line.start && !(position > at && own_sentence.contains(&position)) {
                continue;
            }
            let (min, max) = (u64::from(sibling.min), u64::from(sibling.max));
            let comparable = sibling.period == found.period && min.saturating_mul(3) >= first_min && max <= first_max.saturating_mul(3);
            if comparable {
                found.min = found.min.min(sibling.min);
                found.max = found.max.max(sibling.max);
                texts.push(sibling.text);
            }
        }
    }
    // The phrases that fit in the text limit whole, rather than one cut mid-word.
    let mut joined = texts[0].clone();
    for text in &texts[1..] {
        if joined.chars().count() + 2 + text.chars().count() > MAX_TEXT_CHARS {
            break;
        }
        joined.push_str("; ");
        joined.push_str(text);
    }
    found.text = joined;
    found
}

/// The lines around `at` up to the nearest blank lines.
fn paragraph_range(text: &str, at: usize) -> Range<usize> {
    let line = line_range(text, at);
    let window_start = floor_boundary(text, line.start.saturating_sub(MAX_LINE_CONTEXT));
    let window_end = floor_boundary(text, line.end.saturating_add(MAX_LINE_CONTEXT)).max(line.end);
    let start = text[window_start..line.start].rfind("\n\n").map_or(window_start, |i| window_start + i + 2);
    let end = text[line.end..window_end].find("\n\n").map_or(window_end, |i| line.end + i);
    start..end
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The value of a pay line: every figure there is about pay.
    Labelled,
    /// Free text: a figure needs "$" or "k" and a sentence about pay.
    Body,
    /// Another line of a paragraph already known to state pay in this period: a figure
    /// needs "$" or "k", and one without a period of its own is taken in this one.
    Sibling(SalaryPeriod),
}

/// A number as written: "$76,500", "$60K", "67,968.00", "$15.25".
#[derive(Clone, Copy, Debug)]
struct Figure {
    cents: u64,
    dollar_sign: bool,
    thousands_suffix: bool,
    digit_groups: bool,
    span: (usize, usize),
}

impl Figure {
    fn whole_dollars(&self) -> u64 {
        self.cents / 100
    }
}

/// The first salary in `text` and the position of its figure.
fn first_salary(text: &str, mode: Mode) -> Option<(Salary, usize)> {
    salaries(text, mode).next()
}

fn all_salaries(text: &str, mode: Mode) -> Vec<(Salary, usize)> {
    salaries(text, mode).collect()
}

/// Every salary in `text`, in order, with the position of its figure. At most
/// [`MAX_FIGURES_TRIED`] figures are read, which bounds the work on hostile input.
fn salaries(text: &str, mode: Mode) -> impl Iterator<Item = (Salary, usize)> + '_ {
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    let mut figures_tried = 0;
    std::iter::from_fn(move || {
        let bytes = text.as_bytes();
        while at < bytes.len() && figures_tried < MAX_FIGURES_TRIED {
            let start = at;
            let byte = bytes[start];
            let starts_figure = byte == b'$' || (byte.is_ascii_digit() && !glued_to_previous(text, start));
            if !starts_figure {
                at += 1;
                continue;
            }
            figures_tried += 1;
            match read_phrase(text, &lower, start, mode) {
                Some(phrase) => {
                    at = phrase.end.max(start + 1);
                    if let Some(found) = phrase.salary {
                        return Some((found, start));
                    }
                }
                None => at += 1,
            }
        }
        None
    })
}

/// A figure or range read at one position: the salary it gives if it is one, and where
/// it ends so that the scan resumes after it (not inside "$50-70,000").
struct Phrase {
    salary: Option<Salary>,
    end: usize,
}

fn read_phrase(text: &str, lower: &str, at: usize, mode: Mode) -> Option<Phrase> {
    let mut low = read_figure(text, at)?;
    let mut high = read_range_end(text, lower, low.span.1);
    if let Some(high) = high.as_mut() {
        share_thousands(&mut low, high);
    }
    let figures_end = high.map_or(low.span.1, |high| high.span.1);
    let after_period = period_after(lower, figures_end);
    let end = after_period.map_or(figures_end, |(_, end)| end);
    let phrase = |salary| Some(Phrase { salary, end });

    if !is_figure_accepted(&low, mode) || followed_by_any(lower, figures_end, NOT_PAY_AFTER) {
        return phrase(None);
    }
    let sentence = sentence_around(text, at);
    if mode != Mode::Labelled && preceded_by_any(lower, sentence.start, at, NOT_PAY_BEFORE) {
        return phrase(None);
    }
    if mode == Mode::Body && !is_about_pay(text, lower, &sentence, at, after_period.is_some()) {
        return phrase(None);
    }
    let unstated_period = match mode {
        Mode::Sibling(period) => period,
        Mode::Labelled | Mode::Body => SalaryPeriod::Year,
    };
    let period = match after_period {
        Some((period, _)) => period,
        None => period_before(lower, &sentence, at).unwrap_or(unstated_period),
    };
    let low_yearly = yearly_dollars(low.cents, period)?;
    let high_yearly = match high.map(|high| yearly_dollars(high.cents, period)) {
        // A smaller second figure is not the top of a range ("$65,000 - 10% bonus").
        Some(Some(high_yearly)) if high_yearly >= low_yearly => high_yearly,
        _ => low_yearly,
    };
    // Exact in f64: nine integer digits at most, annualised, stay far below 2^53.
    if !(is_plausible_yearly(low_yearly as f64) && is_plausible_yearly(high_yearly as f64)) {
        return phrase(None);
    }
    let written = truncate_chars(text[low.span.0..end].trim(), MAX_TEXT_CHARS).trim_end();
    phrase(Some(Salary {
        min: u32::try_from(low_yearly).ok()?,
        max: u32::try_from(high_yearly).ok()?,
        period,
        text: written.to_owned(),
    }))
}

/// A digit right after a word character or a number mark is inside something else
/// ("COVID-19", "401(k)", the "000" of "60,000", "35/hrs").
fn glued_to_previous(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '$' | '/' | '-' | '(' | '%'))
}

/// Reads "$" (optionally followed by one space), digits with thousands commas, up to two
/// decimals and a "k" suffix, starting at `at`.
fn read_figure(text: &str, at: usize) -> Option<Figure> {
    // Another currency's amount is not a salary in dollars ("£40,000 per annum",
    // "€55,000", "65,000 EUR"); the index's salaries are yearly dollars.
    if text[..at].trim_end_matches([' ', '\u{a0}']).ends_with(OTHER_CURRENCY_SIGNS) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut i = at;
    let dollar_sign = bytes.get(i) == Some(&b'$');
    if dollar_sign {
        i += 1;
        if matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
    }
    let integer_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || (bytes[i] == b',' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))) {
        i += 1;
    }
    if i == integer_start {
        return None;
    }
    let integer_digits = thousands_digits(&text[integer_start..i])?;
    let digit_groups = text[integer_start..i].contains(',');
    let mut cents: u64 = integer_digits.parse::<u64>().ok()?.checked_mul(100)?;
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        let fraction_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let fraction = &text[fraction_start..i];
        let tenths = u64::from(fraction.as_bytes()[0] - b'0');
        let hundredths = fraction.as_bytes().get(1).map_or(0, |d| u64::from(d - b'0'));
        cents = cents.checked_add(tenths * 10 + hundredths)?;
    }
    let thousands_suffix = matches!(bytes.get(i), Some(b'k' | b'K')) && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
    if thousands_suffix {
        i += 1;
        cents = cents.checked_mul(1_000)?;
        if bytes.get(i) == Some(&b'+') {
            i += 1;
        }
    }
    let after = text[i..].trim_start_matches([' ', '\u{a0}']);
    let named_after = after.get(..3).is_some_and(|code| OTHER_CURRENCY_CODES.iter().any(|other| code.eq_ignore_ascii_case(other)))
        && !after[3..].starts_with(|c: char| c.is_ascii_alphabetic());
    if named_after || after.starts_with(OTHER_CURRENCY_SIGNS) {
        return None;
    }
    Some(Figure { cents, dollar_sign, thousands_suffix, digit_groups, span: (at, i) })
}

const OTHER_CURRENCY_SIGNS: [char; 5] = ['£', '€', '¥', '₹', '₩'];
const OTHER_CURRENCY_CODES: [&str; 8] = ["eur", "gbp", "chf", "jpy", "inr", "sek", "nok", "dkk"];

/// The digits of a number written with thousands commas, or `None` if the grouping is
/// not a number. One slipped key in the last group is read the way it was meant,
/// because posts do it ("$58,5000 annually", "$55,0000", "$75,00 and $90,000"): a
/// four-digit last group ending in 0 loses that 0, a two-digit one gains a 0.
fn thousands_digits(written: &str) -> Option<String> {
    let groups: Vec<&str> = written.split(',').collect();
    let mut digits = String::with_capacity(written.len());
    let last = groups.len() - 1;
    for (index, group) in groups.iter().enumerate() {
        let fixed: &str = if index == 0 {
            if groups.len() > 1 && group.len() > 3 {
                return None;
            }
            group
        } else if group.len() == 3 {
            group
        } else if index == last && group.len() == 4 && group.ends_with('0') {
            &group[..3]
        } else if index == last && group.len() == 2 {
            digits.push_str(group);
            "0"
        } else {
            return None;
        };
        digits.push_str(fixed);
    }
    let significant = digits.trim_start_matches('0');
    (significant.len() <= MAX_INTEGER_DIGITS).then_some(digits)
}

/// The upper figure of a range after the figure ending at `from`: "- $70,000",
/// "to $70,000", "and 80k", "–130k".
fn read_range_end(text: &str, lower: &str, from: usize) -> Option<Figure> {
    let rest = lower.get(from..)?;
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let mut at = from + (rest.len() - trimmed.len());
    let separator_len = ["-", "–", "—", "‒", "―", "‑", "−", "~"]
        .iter()
        .find(|dash| trimmed.starts_with(**dash))
        .map(|dash| dash.len())
        .or_else(|| ["to ", "and "].iter().find(|word| trimmed.starts_with(**word)).map(|word| word.len()))?;
    at += separator_len;
    let after = &lower[at..];
    at += after.len() - after.trim_start_matches([' ', '\t']).len();
    read_figure(text, at)
}

/// "$120–130k" and "$50-70,000" write the thousands once, on one end of the range.
fn share_thousands(low: &mut Figure, high: &mut Figure) {
    if low.whole_dollars() < 1_000 && high.whole_dollars() >= 1_000 && !low.thousands_suffix {
        let scaled = low.cents.saturating_mul(1_000);
        if scaled <= high.cents {
            low.cents = scaled;
            low.thousands_suffix = high.thousands_suffix;
        }
    } else if low.thousands_suffix && !high.thousands_suffix && high.whole_dollars() < 1_000 {
        high.cents = high.cents.saturating_mul(1_000);
        high.thousands_suffix = true;
    }
}

fn is_figure_accepted(figure: &Figure, mode: Mode) -> bool {
    if figure.dollar_sign {
        return true;
    }
    // "401k" and "403b" are retirement plans, not 401 thousand dollars.
    let retirement_plan = figure.thousands_suffix && matches!(figure.cents, 40_100_000 | 40_300_000);
    let bare_figure_ok = match mode {
        Mode::Labelled => figure.thousands_suffix || (figure.digit_groups && figure.whole_dollars() >= 1_000),
        Mode::Body | Mode::Sibling(_) => figure.thousands_suffix,
    };
    bare_figure_ok && !retirement_plan
}

/// The period stated right after the figures, and where its words end.
fn period_after(lower: &str, from: usize) -> Option<(SalaryPeriod, usize)> {
    let rest = lower.get(from..)?;
    let mut skipped = rest.len() - rest.trim_start().len();
    for filler in ["usd", "salary"] {
        if word_at(lower, from + skipped, filler) {
            skipped += filler.len();
            skipped += lower[from + skipped..].len() - lower[from + skipped..].trim_start().len();
        }
    }
    let at = from + skipped;
    PERIOD_AFTER.iter().find_map(|&(words, period)| {
        let ends_cleanly = !lower[at..].get(words.len()..).unwrap_or("").starts_with(char::is_alphanumeric);
        (lower[at..].starts_with(words) && ends_cleanly).then_some((period, at + words.len()))
    })
}

/// A period word earlier in the sentence than the figure at `at`.
fn period_before(lower: &str, sentence: &Range<usize>, at: usize) -> Option<SalaryPeriod> {
    let before = lower.get(sentence.start..at)?;
    PERIOD_BEFORE.iter().find(|(words, _)| contains_word(before, words)).map(|&(_, period)| period)
}

fn yearly_dollars(cents: u64, period: SalaryPeriod) -> Option<u64> {
    let yearly_cents = cents.checked_mul(u64::from(period.per_year()))?;
    Some(yearly_cents.checked_add(50)? / 100)
}

fn sentence_around(text: &str, at: usize) -> Range<usize> {
    let line = line_range(text, at);
    sentence_ranges(&text[line.clone()])
        .into_iter()
        .map(|range| line.start + range.start..line.start + range.end)
        .find(|range| range.contains(&at))
        .unwrap_or(line)
}

/// Whether the figure at `at` is stated as pay: its sentence speaks of pay, or it states a
/// period ("$15/h"), or it opens a line under a pay heading ("Salary" then "$165,000").
fn is_about_pay(text: &str, lower: &str, sentence: &Range<usize>, at: usize, states_period: bool) -> bool {
    if states_period || contains_any_word(&lower[sentence.clone()], PAY_WORDS) {
        return true;
    }
    let line = line_range(text, at);
    let first_sentence_of_line = sentence.start == line.start;
    first_sentence_of_line
        && previous_line(lower, line.start).is_some_and(|heading| contains_any_word(heading, PAY_WORDS))
}

/// Whether one of `words` is among the few words after `from`, before the clause ends
/// or another figure starts ("$60,000 salary + $100 monthly cell phone stipend" is pay;
/// "$100 monthly cell phone bill reimbursement" is not).
fn followed_by_any(lower: &str, from: usize, words: &[&str]) -> bool {
    let Some(rest) = lower.get(from..) else { return false };
    let clause = rest.split(['.', ';', '\n', '(', '$', '+', ',']).next().unwrap_or("");
    let window: Vec<&str> = clause.split_whitespace().take(NEIGHBOUR_WORDS).collect();
    contains_any_word(&window.join(" "), words)
}

/// Whether one of `words` is among the few words before `at` in its sentence.
fn preceded_by_any(lower: &str, sentence_start: usize, at: usize, words: &[&str]) -> bool {
    let Some(before) = lower.get(sentence_start..at) else { return false };
    let mut window: Vec<&str> = before.split_whitespace().rev().take(NEIGHBOUR_WORDS).collect();
    window.reverse();
    contains_any_word(&window.join(" "), words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::labelled::labelled_line;

    fn range(body: &str, line: Option<&str>) -> Option<(u32, u32, SalaryPeriod)> {
        salary(body, line).map(|s| (s.min, s.max, s.period))
    }

    const YEAR: SalaryPeriod = SalaryPeriod::Year;

    #[test]
    fn salary_lines() {
        // 2020-06-16-CatalistBDA.md style lines, taken from the corpus's "Salary:" lines.
        assert_eq!(range("", Some("$76,500")), Some((76_500, 76_500, YEAR)));
        assert_eq!(range("", Some("$60,000 to $70,000")), Some((60_000, 70_000, YEAR)));
        assert_eq!(range("", Some("$70,000 – $85,000")), Some((70_000, 85_000, YEAR)));
        assert_eq!(range("", Some("$72K - $80K (Offers will vary based on experience)")), Some((72_000, 80_000, YEAR)));
        assert_eq!(range("", Some("$120–130k, equity of 0.2–0.5%")), Some((120_000, 130_000, YEAR)));
        assert_eq!(range("", Some("between 60k and 80k")), Some((60_000, 80_000, YEAR)));
        assert_eq!(range("", Some("67,968.00 - 110,222.00")), Some((67_968, 110_222, YEAR)));
        assert_eq!(range("", Some("$57,701.72 - $81,303.44")), Some((57_702, 81_303, YEAR)));
        assert_eq!(range("", Some("$84,000 - 110,000")), Some((84_000, 110_000, YEAR)));
        assert_eq!(range("", Some("$ 60,000-70,000")), Some((60_000, 70_000, YEAR)));
        assert_eq!(range("", Some("$105k+ commensurate with location and experience")), Some((105_000, 105_000, YEAR)));
        assert_eq!(range("", Some("$65,000-$79,000 p.a. commensurate with experience")), Some((65_000, 79_000, YEAR)));
    }

    #[test]
    fn periods_are_annualised() {
        let hour = SalaryPeriod::Hour;
        let month = SalaryPeriod::Month;
        assert_eq!(range("", Some("$25/hour")), Some((52_000, 52_000, hour)));
        assert_eq!(range("", Some("$15.00 per hour")), Some((31_200, 31_200, hour)));
        assert_eq!(range("", Some("$6,000/month")), Some((72_000, 72_000, month)));
        assert_eq!(range("", Some("$4,000-$4,500/month")), Some((48_000, 54_000, month)));
        assert_eq!(range("", Some("$7500 - $12,500 monthly")), Some((90_000, 150_000, month)));
        assert_eq!(range("", Some("$6-10,000 per month")), Some((72_000, 120_000, month)));
        assert_eq!(range("", Some("$6,000 - $6,500/ month")), Some((72_000, 78_000, month)));
        // 2019-02-19-cacdatafellow.md
        assert_eq!(range("$13.25 an hour for 20 hours a week", None), Some((27_560, 27_560, hour)));
        // 2019-01-12-sbdigitdatafellow.md
        assert_eq!(range("Please attach your resume and cover letter.\n$15/h", None), Some((31_200, 31_200, hour)));
        // 2018-04-10-ptpdepdata.md: the period comes before the figures.
        assert_eq!(
            range("* Monthly salary for this role will range from $4000 to $5000 (based on qualifications)", None),
            Some((48_000, 60_000, month))
        );
        // 2019-09-11 style: "$40,360 for 35/hrs a week" is a yearly figure.
        assert_eq!(range("", Some("$40,360 for 35/hrs a week (working over 7 hours a day will be paid as overtime)")), Some((40_360, 40_360, YEAR)));
    }

    #[test]
    fn the_original_text_is_kept() {
        let found = salary("", Some("$50,400 per year ($4,200/month)")).unwrap();
        assert_eq!(found.text, "$50,400 per year");
        let found = salary("Salary: $4,000-$4,500/month", None).unwrap();
        assert_eq!(found.text, "$4,000-$4,500/month");
        let long = format!("${}", "1".repeat(5)) + &" x".repeat(100);
        assert!(salary("", Some(&long)).unwrap().text.chars().count() <= MAX_TEXT_CHARS);
    }

    #[test]
    fn not_listed_and_vague_lines() {
        assert_eq!(range("Salary: Not listed", Some("Not listed")), None);
        assert_eq!(range("", Some("Commensurate with experience")), None);
        // 2019-12-05-tmcdtstratdec2019.md: no period, too small for a year.
        assert_eq!(range("", Some("$60-$80")), None);
    }

    #[test]
    fn body_sentences_about_pay() {
        // 2017-08-29-aflciodataarch.md
        assert_eq!(range("This position pays $82,966. The formal job description is below.", None), Some((82_966, 82_966, YEAR)));
        // 2017-12-14-ohiovoicedata.md
        assert_eq!(
            range("Starting salary for this position is $50-70,000 annually, based on qualifications and experience,", None),
            Some((50_000, 70_000, YEAR))
        );
        // 2019-03-26-sandersdata.md: the figure sits under a "Salary" heading.
        assert_eq!(range("long hours on nights and weekends\n\nSalary\n$165,000\n", None), Some((165_000, 165_000, YEAR)));
        // 2018-12-04-dailykosdev.md
        assert_eq!(range("SALARY RANGE: \n$100,000 - $110,000\n", None), Some((100_000, 110_000, YEAR)));
        // 2018-06-13-forwardtogeterhdataanalyst.md
        assert_eq!(range("Compensation: $55-$65,000, plus full benefits and generous PTO", None), Some((55_000, 65_000, YEAR)));
        // 2019-11-23-gmmbmult.md
        assert_eq!(range("- Data Engineer Salary: $85 - 110K", None), Some((85_000, 110_000, YEAR)));
    }

    #[test]
    fn other_currencies_are_not_dollars() {
        assert_eq!(range("", Some("£40,000 per annum")), None);
        assert_eq!(range("", Some("€55,000 - €65,000")), None);
        assert_eq!(range("", Some("65,000 EUR a year")), None);
        assert_eq!(range("The salary is 50k GBP.", None), None);
        assert_eq!(range("", Some("$40,000 per year")), Some((40_000, 40_000, SalaryPeriod::Year)));
        assert_eq!(range("", Some("60,000 Europe-based")), Some((60_000, 60_000, SalaryPeriod::Year)));
    }

    #[test]
    fn money_that_is_not_pay() {
        // 2019-02-06-jstreetdataassoc.md
        assert_eq!(range("J Street is now a $7 million organization with a national staff of 70.", None), None);
        // 2018-01-24-city-san-diego-data-science-coordinator.md
        assert_eq!(
            range("The City has a combined Fiscal Year 2018 operating budget of approximately $3.6 billion and employs more than 11,000 employees.", None),
            None
        );
        assert_eq!(
            range("eligible for participation in the City's Flexible Benefits Plan; $50,000 in City-paid life insurance", None),
            None
        );
        // 2020-06-26-LITData.md: the stipend after the salary does not spoil it.
        assert_eq!(
            range("", Some("$60,0000 salary + $100 monthly cell phone stipend + $250 monthly wifi +")),
            Some((60_000, 60_000, YEAR))
        );
        // 2018-05-15-tnvictoryasstdata.md
        assert_eq!(
            range("Other information: Salary and benefits are set at $3,250/month through the election, including medical, vision, and dental insurance benefits at no cost to the employee.", None),
            Some((39_000, 39_000, SalaryPeriod::Month))
        );
        // 2017-12-14-fofdepdata.md
        assert_eq!(range("Benefits:\n$100 Monthly Cell Phone Bill Reimbursement", None), None);
        // 2018-05-11-flippabledatafellow.md
        assert_eq!(range("Since November 2016, we have raised nearly $1,000,000 and deployed thousands of volunteers", None), None);
        // "401(k)" and "401k" are retirement plans.
        assert_eq!(range("Salary is commensurate with experience. Benefits include health and 401k.", None), None);
        assert_eq!(range("Salary: competitive, with 401(k) match", Some("competitive, with 401(k) match")), None);
        // A figure with no sentence about pay around it.
        assert_eq!(range("We trained $50,000 worth of volunteers", None), None);
    }

    #[test]
    fn pay_listed_by_level_or_place_is_widened() {
        // 2019-09-12-ngpvandataservices.md
        let body = "Salary Range (dependent on experience): \nJunior: $55k-$75k\nSenior: $75k-$90k\n\n\nAbout us";
        assert_eq!(range(body, None), Some((55_000, 90_000, YEAR)));
        // 2018-09-13-cbppintern.md: the doctoral range takes the paragraph's hourly period.
        let body = "Compensation\nDoctoral students may receive between $15.25 - $18.25, depending on progress.\nStudents with a Master’s or Law degree receive $16.25 per hour.\nGraduate students receive $15.25 per hour.\nStudents with a Bachelor's degree receive $14.25 per hour.\nUndergraduate students receive $13.25 per hour.\n\nThese amounts of compensation are effective as of May 21, 2018.";
        assert_eq!(range(body, None), Some((27_560, 37_960, SalaryPeriod::Hour)));
        assert_eq!(salary(body, None).unwrap().text, "$16.25 per hour; $15.25 - $18.25; $15.25 per hour; $14.25 per hour");
        // A labelled line of the body widens too; a benefit below it does not count.
        let body = "Salary: $60,000\n$10,000 professional development fund\nSalary for senior hires: $70,000";
        assert_eq!(range(body, labelled_line(body, "salary")), Some((60_000, 70_000, YEAR)));
        // The rest of the figure's sentence widens it (2019-10-21-halasofteng.md,
        // 2019-06-24-AIanalysts2019.md); a later sentence of its line does not.
        let body = "Salary: $110,000-$125,000 for mid-level; USD $125,000-$145,000 for senior level";
        assert_eq!(range(body, labelled_line(body, "salary")), Some((110_000, 145_000, YEAR)));
        let body = "Salary for junior positions ranges from $50,000 to $65,000 and for senior positions ranges from $65,000 to $100,000, depending on experience.";
        assert_eq!(range(body, None), Some((50_000, 100_000, YEAR)));
        let body = "This position pays $82,966. Our last director was paid $120,000.";
        assert_eq!(range(body, None), Some((82_966, 82_966, YEAR)));
        // Separate paragraphs are separate.
        assert_eq!(range("Salary: $60,000\n\nThe board pays $90,000 to vendors.", None), Some((60_000, 60_000, YEAR)));
        // 2020-06-22-StandEarthData.md: the Canadian-dollar range is not taken.
        assert_eq!(
            range("", Some("Salary will likely be within the range of $41,250 to $65,000.00 USD or $53,625.00 - 76,500.00 CAD")),
            Some((41_250, 65_000, YEAR))
        );
    }

    #[test]
    fn slipped_keys_in_thousands() {
        assert_eq!(range("", Some("$58,5000 annually")), Some((58_500, 58_500, YEAR)));
        assert_eq!(range("", Some("$50,000 - $55,0000")), Some((50_000, 55_000, YEAR)));
        assert_eq!(range("", Some("between $75,00 and $90,000")), Some((75_000, 90_000, YEAR)));
        assert_eq!(range("", Some("$1,2,3")), None);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for text in [
            "$",
            "$ ",
            "$9999999999999999999999999",
            "$99,999,999,999,999,999k",
            "$1.",
            "$1.5k-",
            "€$5€k",
            "$5–",
            "salary $€",
            "19,99999999999999999999999 per hour",
        ] {
            let _ = salary(text, Some(text));
        }
        assert_eq!(range("", Some("$2,000,000")), None);
    }
}
