//! jobsift-synth: seeded, deterministic synthetic job posts for benchmarks and scale tests.
//!
//! Distributions are measured on the real Progressive Data Jobs board
//! (`crates/synth/tools/measure_corpus.py` writes [`tables`]): tag frequencies and tags per
//! post, "Org: Role" titles over about one organisation per two posts, salary formats and how
//! often posts state one, `Location:` lines and remote mentions, body length, and body words
//! drawn from the board's word frequencies. No post text is copied beyond single words.
//!
//! Every post is generated from its own random stream (seed, post number), so the same seed
//! gives the same bytes, any post can be produced without the ones before it, and
//! [`posts`] stays lazy for a million posts.

mod rng;
pub mod tables;
mod words;

use jobsift_core::{Date, Document, EmploymentType, Salary, SalaryPeriod};
use rng::{pick_weighted, Rng, WeightedTable};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

/// One generated post as a Jekyll `_posts` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticPost {
    /// `YYYY-MM-DD-slug.md`, unique within one generated set.
    pub file_name: String,
    /// The whole file: YAML front matter (layout, title, tags) and a Markdown body.
    pub text: String,
}

/// `count` posts generated lazily from `seed`; `nth` and `skip` jump without generating.
pub fn posts(count: usize, seed: u64) -> impl ExactSizeIterator<Item = SyntheticPost> {
    Posts { generator: Arc::new(Generator::new(count, seed)), next: 0, end: count }
}

struct Posts {
    generator: Arc<Generator>,
    next: usize,
    end: usize,
}

impl Iterator for Posts {
    type Item = SyntheticPost;

    fn next(&mut self) -> Option<SyntheticPost> {
        if self.next >= self.end {
            return None;
        }
        let post = self.generator.generate(self.next).post;
        self.next += 1;
        Some(post)
    }

    fn nth(&mut self, n: usize) -> Option<SyntheticPost> {
        self.next = self.next.saturating_add(n).min(self.end);
        self.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Posts {}

/// The same posts as [`posts`], as the documents an indexer extracts from them, for engine
/// benchmarks that skip parsing.
pub fn documents(count: usize, seed: u64) -> Vec<Document> {
    let generator = Generator::new(count, seed);
    (0..count).map(|index| generator.generate(index).document).collect()
}

/// The same posts paired with their documents, for tests that compare extraction with truth.
pub fn posts_with_documents(count: usize, seed: u64) -> impl Iterator<Item = (SyntheticPost, Document)> {
    let generator = Arc::new(Generator::new(count, seed));
    (0..count).map(move |index| {
        let generated = generator.generate(index);
        (generated.post, generated.document)
    })
}

/// Writes `count` posts into `dir` (created if missing), one file at a time.
pub fn write_posts(dir: &Path, count: usize, seed: u64) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for post in posts(count, seed) {
        let mut file = io::BufWriter::new(fs::File::create(dir.join(&post.file_name))?);
        file.write_all(post.text.as_bytes())?;
        file.flush()?;
    }
    Ok(())
}

/// Range of post dates on the real board.
const FIRST_DAY: (i32, u32, u32) = (2017, 8, 26);
const LAST_DAY: (i32, u32, u32) = (2020, 10, 7);

/// Organisations per post on the real board (540 over 1,048).
const ORGS_PER_POST: f64 = 540.0 / 1_048.0;

// Shares of posts, measured on the real board (1,047 parseable posts).
/// `Salary:` line with a figure (340 of 1,047).
const SHARE_SALARY_LINE: f64 = 0.325;
/// `Salary: Not listed` (123 of 1,047).
const SHARE_SALARY_NOT_LISTED: f64 = 0.117;
/// A figure only in the prose, with no `Salary:` line.
const SHARE_SALARY_IN_PROSE: f64 = 0.09;
/// `Location:` line (350 of 1,047).
const SHARE_LOCATION_LINE: f64 = 0.334;
/// A remote sentence in the body of posts without a remote location line.
const SHARE_REMOTE_SENTENCE: f64 = 0.10;
/// "[See more and apply here](…)" 742, "[Job description here](…)" 79, neither the rest.
const SHARE_SEE_MORE_LINK: f64 = 0.709;
const SHARE_JOB_DESCRIPTION_LINK: f64 = 0.075;
/// Titles "Role: Org" (reversed) and titles without an organisation, about 1% together.
const SHARE_REVERSED_TITLE: f64 = 0.007;
const SHARE_TITLE_WITHOUT_ORG: f64 = 0.005;
/// Tags written as a bare string rather than a list (12 of 1,046).
const SHARE_BARE_STRING_TAGS: f64 = 0.011;
/// A stated application deadline.
const SHARE_DEADLINE: f64 = 0.10;

/// The ways a salary figure is written, weighted by how often each shape occurs.
#[derive(Clone, Copy, Debug)]
enum SalaryShape {
    /// "$76,500"
    Single,
    /// "$60,000 to $70,000"
    RangeTo,
    /// "$60,000 - $70,000"
    RangeDash,
    /// "$60,000-$70,000"
    RangeTight,
    /// "$70k/year"
    KiloPerYear,
    /// "$55k - $65k"
    KiloRange,
    /// "$55,000 per year"
    PerYear,
    /// "$25/hour"
    Hourly,
    /// "$22.50 per hour"
    HourlyCents,
    /// "$4,500/month"
    Monthly,
}

const SALARY_SHAPES: &[(SalaryShape, u32)] = &[
    (SalaryShape::Single, 51),
    (SalaryShape::RangeTo, 26),
    (SalaryShape::RangeDash, 56),
    (SalaryShape::RangeTight, 38),
    (SalaryShape::KiloPerYear, 10),
    (SalaryShape::KiloRange, 14),
    (SalaryShape::PerYear, 13),
    (SalaryShape::Hourly, 8),
    (SalaryShape::HourlyCents, 7),
    (SalaryShape::Monthly, 22),
];

/// Explicit employment-type sentences; posts with an intern or fellow role get theirs from it.
const EMPLOYMENT_SENTENCES: &[((Option<EmploymentType>, &str), u32)] = &[
    ((Some(EmploymentType::FullTime), "This is a full-time position with benefits."), 20),
    ((Some(EmploymentType::PartTime), "This is a part-time position."), 2),
    ((Some(EmploymentType::Contract), "This is a contract position."), 3),
    ((Some(EmploymentType::Temporary), "This is a temporary position through the election."), 3),
    ((None, ""), 72),
];

struct Generated {
    post: SyntheticPost,
    document: Document,
}

/// Tables shared by all posts of one generated set.
struct Generator {
    seed: u64,
    org_pool: u64,
    first_day: i32,
    day_span: u64,
    vocabulary: WeightedTable,
    /// Posts without tags, and the number of tagged posts on the board.
    share_untagged: f64,
    tagged_posts: f64,
}

const SALT_POST: u64 = 0x706F_7374;
const SALT_ORG: u64 = 0x6F72_6700;

impl Generator {
    fn new(count: usize, seed: u64) -> Generator {
        let first_day = date(FIRST_DAY).0;
        let all_posts: u32 = tables::TAG_COUNTS.iter().map(|(_, posts)| posts).sum();
        let untagged = tables::TAG_COUNTS.iter().find(|(tags, _)| *tags == 0).map_or(0, |(_, posts)| *posts);
        let last_day = date(LAST_DAY).0;
        Generator {
            seed,
            org_pool: ((count as f64 * ORGS_PER_POST).ceil() as u64).max(8),
            first_day,
            day_span: (last_day - first_day + 1) as u64,
            vocabulary: WeightedTable::new(tables::VOCABULARY.iter().map(|(_, n)| u64::from(*n))),
            share_untagged: f64::from(untagged) / f64::from(all_posts),
            tagged_posts: f64::from(all_posts - untagged),
        }
    }

    fn generate(&self, index: usize) -> Generated {
        let mut rng = Rng::for_item(self.seed, SALT_POST, index as u64);
        let post_date = Date(self.first_day + rng.below(self.day_span) as i32);

        // A few organisations post often, most once or twice, as on the real board.
        let org_number = (self.org_pool as f64 * rng.unit().powf(1.6)) as u64;
        let org = organisation_name(self.seed, org_number);
        let role = role_title(&mut rng);
        let title_shape = rng.unit();
        let (title, organisation) = if title_shape < SHARE_TITLE_WITHOUT_ORG {
            (role.text.clone(), None)
        } else if title_shape < SHARE_TITLE_WITHOUT_ORG + SHARE_REVERSED_TITLE {
            (format!("{}: {}", role.text, org), Some(org.clone()))
        } else {
            (format!("{}: {}", org, role.text), Some(org.clone()))
        };

        let tags = self.tags(&mut rng, &role);
        let slug = format!("{}-{}-{}", slugify(&org), slugify(&role.text), index);
        let (y, m, d) = post_date.ymd();
        let file_name = format!("{y:04}-{m:02}-{d:02}-{slug}.md");
        let url = format!("/{y:04}/{m:02}/{d:02}/{slug}.html");

        let mut body = Body::default();
        let target_words = body_length(&mut rng);
        let mut facts = Facts::default();

        // Opening paragraph: who is hiring, then filler prose.
        let mut opening = match rng.below(3) {
            0 => format!("{org} is hiring a {}.", role.text),
            1 => format!("{org} seeks a {} to join its team.", role.text),
            _ => format!("The {} will join {org} and report to the director.", role.text),
        };
        for _ in 0..rng.range(1, 3) {
            opening.push(' ');
            opening.push_str(&self.sentence(&mut rng));
        }
        body.paragraph(&opening);

        // Fact lines come early, as on the board ("Location:", "Salary:").
        if rng.chance(SHARE_LOCATION_LINE) {
            let (place, _, says_remote) = *pick_weighted3(&mut rng, words::LOCATIONS);
            body.line(&format!("Location: {place}"));
            if place != "Not listed" {
                facts.location = Some(place.to_owned());
            }
            facts.remote |= says_remote;
        }
        let salary_roll = rng.unit();
        if salary_roll < SHARE_SALARY_LINE {
            let salary = salary(&mut rng);
            body.line(&format!("Salary: {}", salary.text));
            facts.salary = Some(salary);
        } else if salary_roll < SHARE_SALARY_LINE + SHARE_SALARY_NOT_LISTED {
            body.line("Salary: Not listed");
        } else if salary_roll < SHARE_SALARY_LINE + SHARE_SALARY_NOT_LISTED + SHARE_SALARY_IN_PROSE {
            let salary = salary(&mut rng);
            body.paragraph(&format!("The salary for this position is {}, with full benefits.", salary.text));
            facts.salary = Some(salary);
        }
        if !facts.remote && rng.chance(SHARE_REMOTE_SENTENCE) {
            let sentence = *rng.pick(words::REMOTE_SENTENCES);
            body.paragraph(sentence);
            facts.remote = true;
        }

        // Role words name internships and fellowships; otherwise a sentence may state the type.
        let (stated_type, type_sentence) = *pick_weighted(&mut rng, EMPLOYMENT_SENTENCES);
        facts.employment_type = role.employment_type.or(stated_type);
        if role.employment_type.is_none() && stated_type.is_some() {
            body.paragraph(type_sentence);
        }

        // The rest of the body: prose paragraphs and bulleted sections up to the length drawn.
        while body.words < target_words {
            if rng.chance(0.35) {
                body.line(&format!("**{}**", rng.pick(words::SECTION_HEADINGS)));
                let bullets: Vec<String> = (0..rng.range(3, 8)).map(|_| self.phrase(&mut rng, 5, 14)).collect();
                body.bullets(&bullets);
            } else {
                let sentences: Vec<String> = (0..rng.range(2, 5)).map(|_| self.sentence(&mut rng)).collect();
                body.paragraph(&sentences.join(" "));
            }
        }

        if rng.chance(SHARE_DEADLINE) {
            let deadline = Date(post_date.0 + rng.range(14, 60) as i32);
            let (dy, dm, dd) = deadline.ymd();
            body.paragraph(&format!(
                "Applications will be accepted through {} {dd}, {dy}.",
                words::MONTHS[dm as usize - 1]
            ));
            facts.deadline = Some(deadline);
        }

        let link_roll = rng.unit();
        let apply_target = format!("https://{}.org/careers/{}", slugify(&org), slugify(&role.text));
        if link_roll < SHARE_SEE_MORE_LINK {
            body.link("See more and apply here", &apply_target);
            facts.apply_url = Some(apply_target);
        } else if link_roll < SHARE_SEE_MORE_LINK + SHARE_JOB_DESCRIPTION_LINK {
            body.link("Job description here", &apply_target);
            facts.apply_url = Some(apply_target);
        }

        let text = front_matter(&title, &tags, &mut rng) + &body.markdown;
        let mut document_tags: Vec<String> = tags.iter().map(|t| t.to_lowercase()).collect();
        document_tags.sort();
        document_tags.dedup();
        let summary = summary_of(&opening);
        let document = Document {
            title,
            organisation,
            role: Some(role.text),
            url,
            apply_url: facts.apply_url,
            date: Some(post_date),
            deadline: facts.deadline,
            salary: facts.salary,
            location: facts.location,
            remote: facts.remote,
            employment_type: facts.employment_type,
            tags: document_tags,
            summary,
            body: body.plain,
            extra: BTreeMap::new(),
        };
        Generated { post: SyntheticPost { file_name, text }, document }
    }

    fn tags(&self, rng: &mut Rng, role: &Role) -> Vec<String> {
        if rng.chance(self.share_untagged) {
            return Vec::new();
        }
        // Each tag independently with its share among tagged posts: every tag's frequency
        // and the mean tag count come out as on the board (drawing a count and then tags
        // without replacement starves the frequent tags).
        let mut chosen: Vec<&str> =
            tables::TAGS.iter().filter(|(_, posts)| rng.chance(f64::from(*posts) / self.tagged_posts)).map(|(tag, _)| *tag).collect();
        // Posters often tag a role by its kind ("analyst" for analysts); half the time here,
        // so the tag shares stay close to the board's.
        if let Some(tag) = role.implied_tag {
            if !chosen.contains(&tag) && rng.chance(0.5) {
                chosen.push(tag);
            }
        }
        chosen.into_iter().map(str::to_owned).collect()
    }

    fn word(&self, rng: &mut Rng) -> &'static str {
        tables::VOCABULARY[self.vocabulary.sample(rng)].0
    }

    fn phrase(&self, rng: &mut Rng, min_words: u64, max_words: u64) -> String {
        let count = rng.range(min_words, max_words);
        let mut phrase = String::new();
        for i in 0..count {
            let word = self.word(rng);
            if i == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    phrase.extend(first.to_uppercase());
                    phrase.push_str(chars.as_str());
                }
            } else {
                phrase.push(' ');
                phrase.push_str(word);
                if i + 1 < count && rng.chance(0.06) {
                    phrase.push(',');
                }
            }
        }
        phrase
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let mut sentence = self.phrase(rng, 8, 22);
        sentence.push('.');
        sentence
    }
}

fn date((y, m, d): (i32, u32, u32)) -> Date {
    Date::from_ymd(y, m, d).expect("constant dates are valid")
}

/// `pick_weighted` for tables whose weight is the middle of three fields.
fn pick_weighted3<'a, A, C>(rng: &mut Rng, items: &'a [(A, u32, C)]) -> &'a (A, u32, C) {
    let total: u64 = items.iter().map(|(_, w, _)| u64::from(*w)).sum();
    let mut target = rng.below(total);
    for item in items {
        let weight = u64::from(item.1);
        if target < weight {
            return item;
        }
        target -= weight;
    }
    unreachable!("target is below the total weight")
}

#[derive(Default)]
struct Facts {
    location: Option<String>,
    remote: bool,
    salary: Option<Salary>,
    employment_type: Option<EmploymentType>,
    deadline: Option<Date>,
    apply_url: Option<String>,
}

/// The body written twice: as Markdown for the post file and as the plain text an indexer
/// derives from it (paragraphs and lines, no Markdown syntax).
#[derive(Default)]
struct Body {
    markdown: String,
    plain: String,
    words: usize,
}

impl Body {
    fn block(&mut self, markdown: &str, plain: &str) {
        if !self.markdown.is_empty() {
            self.markdown.push_str("\n\n");
            self.plain.push_str("\n\n");
        }
        self.markdown.push_str(markdown);
        self.plain.push_str(plain);
        self.words += plain.split_whitespace().count();
    }

    fn paragraph(&mut self, text: &str) {
        self.block(text, text);
    }

    fn line(&mut self, text: &str) {
        self.block(text, text.trim_matches('*'));
    }

    fn bullets(&mut self, items: &[String]) {
        let markdown: Vec<String> = items.iter().map(|item| format!("* {item}")).collect();
        self.block(&markdown.join("\n"), &items.join("\n"));
    }

    fn link(&mut self, label: &str, target: &str) {
        self.block(&format!("[{label}]({target})"), label);
    }
}

fn front_matter(title: &str, tags: &[String], rng: &mut Rng) -> String {
    let mut text = format!("---\nlayout: single\ntitle:  \"{}\"\n", title.replace('"', "\\\""));
    if tags.len() == 1 || (!tags.is_empty() && rng.chance(SHARE_BARE_STRING_TAGS)) {
        text.push_str(&format!("tags: {}\n", tags.join(", ")));
    } else if !tags.is_empty() {
        text.push_str("tags: \n");
        for tag in tags {
            text.push_str(&format!("    - {tag}\n"));
        }
    }
    text.push_str("---\n\n");
    text
}

/// The opening sentences up to about 200 characters, cut at a sentence end.
fn summary_of(opening: &str) -> String {
    let mut summary = String::new();
    for sentence in opening.split_inclusive(". ") {
        if !summary.is_empty() && summary.len() + sentence.len() > 200 {
            break;
        }
        summary.push_str(sentence);
    }
    summary.trim_end().to_owned()
}

struct Role {
    text: String,
    employment_type: Option<EmploymentType>,
    implied_tag: Option<&'static str>,
}

fn role_title(rng: &mut Rng) -> Role {
    let position = *pick_weighted(rng, words::ROLE_POSITIONS);
    let domain = *pick_weighted(rng, words::ROLE_DOMAINS);
    let roll = rng.unit();
    let text = if roll < 0.03 {
        "Multiple positions".to_owned()
    } else if roll < 0.15 && position == "Director" {
        format!("Director of {domain}")
    } else if roll < 0.50 {
        format!("{} {domain} {position}", pick_weighted(rng, words::ROLE_SENIORITY))
    } else {
        format!("{domain} {position}")
    };
    let employment_type = match position {
        "Intern" if !text.starts_with("Multiple") => Some(EmploymentType::Internship),
        "Fellow" if !text.starts_with("Multiple") => Some(EmploymentType::Fellowship),
        _ => None,
    };
    let implied_tag = match position {
        "Analyst" => Some("analyst"),
        "Engineer" | "Developer" => Some("tech"),
        "Intern" => Some("intern"),
        "Director" if rng.chance(0.3) => Some("executive"),
        _ => None,
    };
    Role { text, employment_type, implied_tag }
}

/// The name of organisation number `number`: the same number gives the same name in a set.
fn organisation_name(seed: u64, number: u64) -> String {
    let mut rng = Rng::for_item(seed, SALT_ORG, number);
    match rng.below(100) {
        0..=29 => format!(
            "{} {} {}",
            rng.pick(words::ORG_ADJECTIVES),
            rng.pick(words::ORG_NOUNS),
            rng.pick(words::ORG_SUFFIXES)
        ),
        30..=44 => {
            let (state, _) = rng.pick(words::STATES);
            format!("{state} {}", rng.pick(words::STATE_GROUPS))
        }
        45..=56 => {
            // Acronyms such as unions and vendors use ("SEIU", "NGP VAN").
            let letters = rng.range(3, 5);
            (0..letters).map(|_| (b'A' + rng.below(26) as u8) as char).collect()
        }
        57..=64 => format!("{} for {}", rng.pick(words::SURNAMES), rng.pick(words::OFFICES)),
        65..=84 => format!("{} {}", rng.pick(words::FIRM_WORDS), rng.pick(words::FIRM_SUFFIXES)),
        _ => format!("{} {}", rng.pick(words::ORG_NOUNS), rng.pick(words::ORG_SUFFIXES)),
    }
}

/// Draws a body length in words from the board's measured quantiles, linear between them.
fn body_length(rng: &mut Rng) -> usize {
    let level = rng.below(1_000) as u32;
    let levels = tables::BODY_WORD_QUANTILE_LEVELS;
    let values = tables::BODY_WORD_QUANTILES;
    let upper = levels.partition_point(|&l| l <= level).clamp(1, levels.len() - 1);
    let (l0, l1) = (levels[upper - 1], levels[upper]);
    let (v0, v1) = (values[upper - 1] as f64, values[upper] as f64);
    let fraction = f64::from(level - l0) / f64::from(l1 - l0);
    (v0 + (v1 - v0) * fraction).round() as usize
}

/// A yearly base salary, skewed toward the board's typical $45k–$90k.
fn yearly_base(rng: &mut Rng) -> u32 {
    let base = 38_000.0 + 112_000.0 * rng.unit().powf(1.8);
    ((base / 500.0).round() * 500.0) as u32
}

fn thousands(amount: u32) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn salary(rng: &mut Rng) -> Salary {
    let shape = *pick_weighted(rng, SALARY_SHAPES);
    let low = yearly_base(rng);
    // Ranges span 8–30% above the low end, rounded to $1,000 (the board's usual steps).
    let high = ((f64::from(low) * (1.08 + 0.22 * rng.unit()) / 1_000.0).round() * 1_000.0) as u32;
    let yearly = |min: u32, max: u32, text: String| Salary { min, max, period: SalaryPeriod::Year, text };
    match shape {
        SalaryShape::Single => yearly(low, low, format!("${}", thousands(low))),
        SalaryShape::RangeTo => yearly(low, high, format!("${} to ${}", thousands(low), thousands(high))),
        SalaryShape::RangeDash => yearly(low, high, format!("${} - ${}", thousands(low), thousands(high))),
        SalaryShape::RangeTight => yearly(low, high, format!("${}-${}", thousands(low), thousands(high))),
        SalaryShape::PerYear => yearly(low, low, format!("${} per year", thousands(low))),
        SalaryShape::KiloPerYear => {
            let k = low / 1_000;
            yearly(k * 1_000, k * 1_000, format!("${k}k/year"))
        }
        SalaryShape::KiloRange => {
            let (k_low, k_high) = (low / 1_000, high / 1_000);
            yearly(k_low * 1_000, k_high * 1_000, format!("${k_low}k - ${k_high}k"))
        }
        SalaryShape::Hourly => {
            let rate = rng.range(15, 45) as u32;
            let year = rate * SalaryPeriod::Hour.per_year();
            Salary { min: year, max: year, period: SalaryPeriod::Hour, text: format!("${rate}/hour") }
        }
        SalaryShape::HourlyCents => {
            let cents = rng.range(1_500, 4_500) as u32 / 25 * 25;
            let year = cents * SalaryPeriod::Hour.per_year() / 100;
            let text = format!("${}.{:02} per hour", cents / 100, cents % 100);
            Salary { min: year, max: year, period: SalaryPeriod::Hour, text }
        }
        SalaryShape::Monthly => {
            let month = low / 12 / 100 * 100;
            let year = month * SalaryPeriod::Month.per_year();
            Salary { min: year, max: year, period: SalaryPeriod::Month, text: format!("${}/month", thousands(month)) }
        }
    }
}

/// Lower-case ASCII letters and digits only, as in the board's file names ("aclusofteng").
fn slugify(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests;
