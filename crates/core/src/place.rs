//! The places a location names: the values of the Location facet.
//!
//! Posts write one place many ways: "DC", "Washington, DC", "Wahsington, DC",
//! "WASHINGTON, DC - NEW YORK, NY - REMOTE FOR THE RIGHT CANDIDATE", "Preference for NYC
//! or DC, but will consider remote". A card shows the location as written, but a facet
//! of those strings splits one city into many values, and a visitor who ticks
//! "Washington, DC" misses the posts that wrote "DC". [`places`] reads the places a
//! location names, each in one spelling:
//!
//! * a US city as "City, ST" ("Madison, Wisconsin" → "Madison, WI", "NYC" → "New York, NY");
//! * a US state named without a city as its name ("AZ, CO" → "Arizona", "Colorado");
//! * a city abroad as "City, Country", and a country as its name ("U.S." → "United States").
//!
//! A state or country is left out when a city in it is named too, and work arrangements
//! ("Remote", "Flexible") are not places: the Remote facet has them. A short location
//! that names none of these ("Columbus", "Berlin") is kept as written, so that a board
//! outside these tables still gets a facet.
//!
//! Only the build reads this (facet values are written into the index), so its tables
//! cost the widget nothing.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// US states, the District of Columbia and Puerto Rico: (postal code, name).
const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"),
    ("PA", "Pennsylvania"), ("PR", "Puerto Rico"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"),
    ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
];

/// US cities: (names a post writes, the name shown, state code, whether the name alone
/// says which city). Names alone are listed only where one city is what a job post
/// means by it: "Portland", "Columbus" or "Richmond" need their state, and are still
/// listed for a canonical spelling when one is given ("New York City, NY" → "New York").
const CITIES: &[(&[&str], &str, &str, bool)] = &[
    (&["new york", "new york city", "nyc", "manhattan", "brooklyn", "queens", "bronx", "the bronx", "staten island"], "New York", "NY", true),
    (&["washington", "washington dc"], "Washington", "DC", false),
    (&["los angeles"], "Los Angeles", "CA", true),
    (&["san francisco", "sf"], "San Francisco", "CA", true),
    (&["bay area", "san francisco bay area", "sf bay area", "san francisco bay"], "San Francisco Bay Area", "CA", true),
    (&["chicago"], "Chicago", "IL", true),
    (&["houston"], "Houston", "TX", true),
    (&["phoenix"], "Phoenix", "AZ", true),
    (&["philadelphia", "philly"], "Philadelphia", "PA", true),
    (&["san antonio"], "San Antonio", "TX", true),
    (&["san diego"], "San Diego", "CA", true),
    (&["dallas"], "Dallas", "TX", true),
    (&["san jose"], "San Jose", "CA", true),
    (&["austin"], "Austin", "TX", true),
    (&["jacksonville"], "Jacksonville", "FL", true),
    (&["fort worth"], "Fort Worth", "TX", true),
    (&["charlotte"], "Charlotte", "NC", true),
    (&["indianapolis"], "Indianapolis", "IN", true),
    (&["seattle"], "Seattle", "WA", true),
    (&["denver"], "Denver", "CO", true),
    (&["nashville"], "Nashville", "TN", true),
    (&["oklahoma city"], "Oklahoma City", "OK", true),
    (&["el paso"], "El Paso", "TX", true),
    (&["boston"], "Boston", "MA", true),
    (&["las vegas"], "Las Vegas", "NV", true),
    (&["detroit"], "Detroit", "MI", true),
    (&["memphis"], "Memphis", "TN", true),
    (&["louisville"], "Louisville", "KY", true),
    (&["baltimore"], "Baltimore", "MD", true),
    (&["milwaukee"], "Milwaukee", "WI", true),
    (&["albuquerque"], "Albuquerque", "NM", true),
    (&["tucson"], "Tucson", "AZ", true),
    (&["fresno"], "Fresno", "CA", true),
    (&["sacramento"], "Sacramento", "CA", true),
    (&["atlanta"], "Atlanta", "GA", true),
    (&["omaha"], "Omaha", "NE", true),
    (&["colorado springs"], "Colorado Springs", "CO", true),
    (&["raleigh"], "Raleigh", "NC", true),
    (&["long beach"], "Long Beach", "CA", true),
    (&["virginia beach"], "Virginia Beach", "VA", true),
    (&["miami"], "Miami", "FL", true),
    (&["oakland"], "Oakland", "CA", true),
    (&["minneapolis"], "Minneapolis", "MN", true),
    (&["tulsa"], "Tulsa", "OK", true),
    (&["tampa", "tampa bay"], "Tampa", "FL", true),
    (&["new orleans"], "New Orleans", "LA", true),
    (&["wichita"], "Wichita", "KS", true),
    (&["cleveland"], "Cleveland", "OH", true),
    (&["honolulu"], "Honolulu", "HI", true),
    (&["st louis", "saint louis"], "St. Louis", "MO", true),
    (&["pittsburgh"], "Pittsburgh", "PA", true),
    (&["cincinnati"], "Cincinnati", "OH", true),
    (&["st paul", "saint paul"], "St. Paul", "MN", true),
    (&["buffalo"], "Buffalo", "NY", true),
    (&["durham"], "Durham", "NC", true),
    (&["madison"], "Madison", "WI", true),
    (&["orlando"], "Orlando", "FL", true),
    (&["greensboro"], "Greensboro", "NC", true),
    (&["boise"], "Boise", "ID", true),
    (&["salt lake city"], "Salt Lake City", "UT", true),
    (&["des moines"], "Des Moines", "IA", true),
    (&["little rock"], "Little Rock", "AR", true),
    (&["baton rouge"], "Baton Rouge", "LA", true),
    (&["hartford"], "Hartford", "CT", true),
    (&["providence"], "Providence", "RI", true),
    (&["harrisburg"], "Harrisburg", "PA", true),
    (&["tallahassee"], "Tallahassee", "FL", true),
    (&["topeka"], "Topeka", "KS", true),
    (&["lansing"], "Lansing", "MI", true),
    (&["olympia"], "Olympia", "WA", true),
    (&["annapolis"], "Annapolis", "MD", true),
    (&["trenton"], "Trenton", "NJ", true),
    (&["newark"], "Newark", "NJ", true),
    (&["jersey city"], "Jersey City", "NJ", true),
    (&["montpelier"], "Montpelier", "VT", true),
    (&["cheyenne"], "Cheyenne", "WY", true),
    (&["bismarck"], "Bismarck", "ND", true),
    (&["juneau"], "Juneau", "AK", true),
    (&["anchorage"], "Anchorage", "AK", true),
    (&["santa fe"], "Santa Fe", "NM", true),
    (&["carson city"], "Carson City", "NV", true),
    (&["jefferson city"], "Jefferson City", "MO", true),
    (&["reno"], "Reno", "NV", true),
    (&["spokane"], "Spokane", "WA", true),
    (&["knoxville"], "Knoxville", "TN", true),
    (&["chattanooga"], "Chattanooga", "TN", true),
    (&["savannah"], "Savannah", "GA", true),
    (&["fort lauderdale"], "Fort Lauderdale", "FL", true),
    (&["berkeley"], "Berkeley", "CA", true),
    (&["palo alto"], "Palo Alto", "CA", true),
    (&["ann arbor"], "Ann Arbor", "MI", true),
    (&["boulder"], "Boulder", "CO", true),
];

/// Countries: (names a post writes, the name shown).
const COUNTRIES: &[(&[&str], &str)] = &[
    (&["united states", "united states of america", "us", "usa", "nationwide"], "United States"),
    (&["canada"], "Canada"),
    (&["mexico"], "Mexico"),
    (&["united kingdom", "uk", "great britain", "britain", "england", "scotland", "wales"], "United Kingdom"),
    (&["ireland"], "Ireland"),
    (&["germany"], "Germany"),
    (&["france"], "France"),
    (&["spain"], "Spain"),
    (&["portugal"], "Portugal"),
    (&["italy"], "Italy"),
    (&["netherlands", "the netherlands"], "Netherlands"),
    (&["belgium"], "Belgium"),
    (&["switzerland"], "Switzerland"),
    (&["sweden"], "Sweden"),
    (&["denmark"], "Denmark"),
    (&["norway"], "Norway"),
    (&["poland"], "Poland"),
    (&["brazil"], "Brazil"),
    (&["argentina"], "Argentina"),
    (&["colombia"], "Colombia"),
    (&["chile"], "Chile"),
    (&["peru"], "Peru"),
    (&["india"], "India"),
    (&["china"], "China"),
    (&["japan"], "Japan"),
    (&["south korea"], "South Korea"),
    (&["philippines", "the philippines"], "Philippines"),
    (&["singapore"], "Singapore"),
    (&["australia"], "Australia"),
    (&["new zealand"], "New Zealand"),
    (&["kenya"], "Kenya"),
    (&["nigeria"], "Nigeria"),
    (&["ghana"], "Ghana"),
    (&["south africa"], "South Africa"),
    (&["israel"], "Israel"),
];

const UNITED_STATES: &str = "United States";

/// Words that are not part of a city's name: a run of capitalised words before a state
/// ends at the last of them ("Preferably Brooklyn, NY" → Brooklyn; "Remote, TX" → Texas).
/// A location made of them names no place ("Flexible", "Multiple Locations").
const NOT_PLACE_WORDS: &[&str] = &[
    "remote", "remotely", "flexible", "anywhere", "preferably", "preferred", "preference", "presumably", "mostly",
    "ideally", "strongly", "strong", "multiple", "various", "position", "positions", "location", "locations",
    "office", "offices", "hq", "headquarters", "based", "hybrid", "onsite", "on-site", "virtual", "travel",
    "region", "regions", "must", "available", "candidates", "candidate", "applicants", "all", "any", "open",
    "not", "stated", "tbd", "work", "home", "from", "until", "during", "statewide", "considered", "optional",
    "possible", "potential", "only", "required", "and", "or", "but", "with", "within", "the", "our", "in",
];

/// Words that make a short location a part of somewhere ("Southeast Michigan", "Central
/// Phoenix"): such a location is not kept as written when it names nothing known.
const REGION_WORDS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast", "northwest",
    "southeast", "southwest", "central", "greater", "metro", "area", "county", "upstate", "downstate",
];

/// A location longer than this many words is prose: only its first words are read.
const MAX_WORDS: usize = 64;
/// The longest name in the tables, in words ("united states of america").
const MAX_NAME_WORDS: usize = 4;
/// A city's name before its state has at most this many words ("Salt Lake City").
const MAX_CITY_WORDS: usize = 4;
/// A location kept as written when it names nothing known has at most this many words.
const MAX_UNKNOWN_WORDS: usize = 3;

/// One place a location names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// A US city: its name and state code.
    City(String, &'static str),
    /// A US state named without a city: its code.
    State(&'static str),
    /// A city abroad: its name and country.
    CityAbroad(String, &'static str),
    Country(&'static str),
}

impl Place {
    fn value(&self) -> String {
        match self {
            // "Washington, DC" is how the District is known, not "District of Columbia".
            Place::City(city, state) => format!("{city}, {state}"),
            Place::State(code) => state_name(code).to_owned(),
            Place::CityAbroad(city, country) => format!("{city}, {country}"),
            Place::Country(country) => (*country).to_owned(),
        }
    }
}

/// What a name in the tables means.
#[derive(Clone, Copy)]
enum Meaning {
    /// `CITIES[i]`.
    City(usize),
    State(&'static str),
    Country(&'static str),
}

/// Every name of the tables, keyed as [`Word::key`] writes words. A name can mean
/// several things ("new york", "washington").
static NAMES: LazyLock<HashMap<String, Vec<Meaning>>> = LazyLock::new(|| {
    let mut names: HashMap<String, Vec<Meaning>> = HashMap::new();
    for &(code, name) in STATES {
        names.entry(name.to_lowercase()).or_default().push(Meaning::State(code));
    }
    for (index, &(aliases, ..)) in CITIES.iter().enumerate() {
        for alias in aliases {
            names.entry((*alias).to_owned()).or_default().push(Meaning::City(index));
        }
    }
    for &(aliases, country) in COUNTRIES {
        for alias in aliases {
            names.entry((*alias).to_owned()).or_default().push(Meaning::Country(country));
        }
    }
    names
});

fn state_name(code: &str) -> &'static str {
    STATES.iter().find(|(c, _)| *c == code).map_or("", |(_, name)| name)
}

fn state_of_code(word: &str) -> Option<&'static str> {
    STATES.iter().map(|(code, _)| *code).find(|code| *code == word)
}

/// What separates a word from the one before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    Space,
    Comma,
    /// Anything else: ";", "/", "(", " - ", ":", "&"…
    Break,
}

struct Word<'a> {
    text: &'a str,
    /// Lower case, without dots: "D.C." → "dc", "St." → "st".
    key: String,
    gap: Gap,
}

impl Word<'_> {
    /// Written with a capital ("Boston", "NYC"), as place names are.
    fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Every letter a capital ("DC", "U.S.").
    fn is_upper(&self) -> bool {
        self.text.chars().any(char::is_alphabetic) && !self.text.chars().any(char::is_lowercase)
    }

    fn has_digit(&self) -> bool {
        self.text.chars().any(|c| c.is_ascii_digit())
    }

    /// A state's postal code written as one ("OR", not "or").
    fn state_code(&self) -> Option<&'static str> {
        (self.is_upper() && self.key.len() == 2).then(|| state_of_code(&self.key.to_ascii_uppercase())).flatten()
    }
}

fn words(location: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut gap = Gap::Space;
    let mut start = None;
    let is_word_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-');
    for (at, c) in location.char_indices().chain(std::iter::once((location.len(), ' '))) {
        if is_word_char(c) {
            start.get_or_insert(at);
            continue;
        }
        if let Some(from) = start.take() {
            // "Miami-Dade" and "D.C." are one word; a dash or dot on its own or at an
            // edge ("DC -", "Remote." ) is punctuation.
            let text = location[from..at].trim_matches(|c| matches!(c, '-' | '\'' | '’'));
            let text = if text.ends_with('.') && text.matches('.').count() == 1 && !matches!(text, "St." | "Ft." | "Mt.") {
                &text[..text.len() - 1]
            } else {
                text
            };
            if text.chars().any(char::is_alphanumeric) {
                let key = text.chars().filter(|&c| c != '.').map(|c| if c == '’' { '\'' } else { c }).collect::<String>().to_lowercase();
                words.push(Word { text, key, gap });
                gap = Gap::Space;
                if words.len() == MAX_WORDS {
                    break;
                }
            } else {
                gap = Gap::Break;
            }
        }
        gap = match (gap, c) {
            (_, ' ' | '\t') => gap,
            (Gap::Space, ',') => Gap::Comma,
            (_, c) if c.is_whitespace() && c != '\n' => gap,
            _ => Gap::Break,
        };
    }
    words
}

/// The Location facet's values for a location as written: the places it names, each in
/// one spelling (see the module's documentation), sorted, without duplicates.
pub fn places(location: &str) -> Vec<String> {
    let words = words(location);
    let known = known_in_words(&words);
    if known.is_empty() {
        let all_caps = words.iter().all(Word::is_upper);
        return unknown_place(&words, all_caps).into_iter().collect();
    }
    known
}

/// The places of `text` that the tables know (no location kept as written): for text
/// that may not be a location at all ("Ohio-based", a line that may be a place).
pub fn known_places(text: &str) -> Vec<String> {
    known_in_words(&words(text))
}

fn known_in_words(words: &[Word]) -> Vec<String> {
    let all_caps = words.iter().all(Word::is_upper);
    let capitalised = |word: &Word| all_caps || word.is_capitalised();
    let mut used = vec![false; words.len()];
    let mut found: Vec<Place> = Vec::new();

    // A city and the state or country after it ("Madison, Wisconsin", "Austin TX",
    // "Lisbon, Portugal"), read from the end so that "Washington, DC" pairs before
    // "Washington" could be taken for the state after "New York City, Washington, DC".
    for at in (1..words.len()).rev() {
        if used[at] {
            continue;
        }
        let Some((length, designator)) = designator_at(words, at, &used, capitalised) else { continue };
        let comma = words[at].gap == Gap::Comma;
        let code_without_comma = words[at].gap == Gap::Space
            && words[at].state_code().is_some()
            && words.get(at + length).is_none_or(|next| next.gap != Gap::Space);
        if !(comma || code_without_comma) {
            continue;
        }
        let run = city_run(words, at, &used, capitalised);
        if run.is_empty() {
            // "Remote, TX": a code after a comma with no city before it is the state.
            if let (true, Some(code)) = (comma, words[at].state_code()) {
                found.push(state_alone(code));
                used[at] = true;
            }
            continue;
        }
        let name_words = &words[run.clone()];
        let key = name_words.iter().map(|w| w.key.as_str()).collect::<Vec<_>>().join(" ");
        let place = match designator {
            Designator::State(code) => match city_in_state(&key, code) {
                Some(city) => Place::City(city.to_owned(), code),
                // Two states ("Colorado, New Mexico") or two codes ("AZ, CO") are a list.
                None if is_state_or_country(&key) || (name_words.len() == 1 && name_words[0].state_code().is_some()) => continue,
                None if code == "DC" => Place::City("Washington".to_owned(), code),
                None => Place::City(written_name(name_words), code),
            },
            Designator::Country(country) => {
                if is_state_or_country(&key) || NAMES.contains_key(key.as_str()) || (name_words.len() == 1 && name_words[0].key.len() <= 2) {
                    continue;
                }
                Place::CityAbroad(written_name(name_words), country)
            }
        };
        found.push(place);
        used[run.start..at + length].iter_mut().for_each(|u| *u = true);
    }

    // Names on their own: cities, states, countries.
    let mut at = 0;
    while at < words.len() {
        if used[at] {
            at += 1;
            continue;
        }
        match name_at(words, at, &used, capitalised) {
            Some((length, place)) => {
                if let Some(place) = place {
                    found.push(place);
                }
                used[at..at + length].iter_mut().for_each(|u| *u = true);
                at += length;
            }
            None => at += 1,
        }
    }

    // A state or country is not a place of its own when a city in it is named.
    let cities_in = |state: &str| found.iter().any(|p| matches!(p, Place::City(_, s) if *s == state));
    let in_us = found.iter().any(|p| matches!(p, Place::City(..) | Place::State(_)));
    let abroad_in = |country: &str| found.iter().any(|p| matches!(p, Place::CityAbroad(_, c) if *c == country));
    let kept: BTreeSet<String> = found
        .iter()
        .filter(|place| match place {
            Place::State(code) => !cities_in(code),
            Place::Country(country) if *country == UNITED_STATES => !in_us,
            Place::Country(country) => !abroad_in(country),
            _ => true,
        })
        .map(Place::value)
        .collect();
    kept.into_iter().collect()
}

/// A state named without a city; for the District, its city.
fn state_alone(code: &'static str) -> Place {
    match code {
        "DC" => Place::City("Washington".to_owned(), code),
        _ => Place::State(code),
    }
}

#[derive(Clone, Copy)]
enum Designator {
    State(&'static str),
    Country(&'static str),
}

/// What the `length` words from `at` name in the tables, if they can be a name (written
/// with capitals, not split by punctuation, not yet read), and whether it is a short one
/// ("US", "NYC"), which counts only in capitals.
fn name_of_span<'n>(words: &[Word], at: usize, length: usize, used: &[bool], capitalised: &impl Fn(&Word) -> bool) -> Option<(&'n [Meaning], bool)> {
    let span = &words[at..at + length];
    let can_be_a_name = span.iter().enumerate().all(|(i, w)| (i == 0 || w.gap == Gap::Space) && (capitalised(w) || w.key == "of"));
    if !can_be_a_name || used[at..at + length].iter().any(|&u| u) {
        return None;
    }
    let key = span.iter().map(|w| w.key.as_str()).collect::<Vec<_>>().join(" ");
    let meanings: &'n [Meaning] = NAMES.get(key.as_str())?;
    let short = length == 1 && span[0].key.len() <= 3;
    (!short || span[0].is_upper()).then_some((meanings, short))
}

/// A state (code or name) or a country starting at `at`, with its length in words.
fn designator_at(words: &[Word], at: usize, used: &[bool], capitalised: impl Fn(&Word) -> bool) -> Option<(usize, Designator)> {
    if let Some(code) = words[at].state_code() {
        return Some((1, Designator::State(code)));
    }
    for length in (1..=MAX_NAME_WORDS.min(words.len() - at)).rev() {
        let Some((meanings, short)) = name_of_span(words, at, length, used, &capitalised) else { continue };
        let designator = meanings.iter().find_map(|meaning| match meaning {
            Meaning::State(code) if !short => Some(Designator::State(code)),
            Meaning::Country(country) => Some(Designator::Country(country)),
            _ => None,
        });
        if let Some(designator) = designator {
            return Some((length, designator));
        }
    }
    None
}

/// The capitalised words right before `at`, back to a comma or other break, after the
/// last word that is not part of a name, at most [`MAX_CITY_WORDS`].
fn city_run(words: &[Word], at: usize, used: &[bool], capitalised: impl Fn(&Word) -> bool) -> std::ops::Range<usize> {
    let mut start = at;
    while start > 0 {
        let word = &words[start - 1];
        let ok = !used[start - 1]
            && capitalised(word)
            && !word.has_digit()
            && !NOT_PLACE_WORDS.contains(&word.key.as_str())
            && at - start < MAX_CITY_WORDS;
        if !ok {
            break;
        }
        start -= 1;
        if word.gap != Gap::Space {
            break;
        }
    }
    start..at
}

/// The city of `state` a name means, in its shown spelling ("new york city", NY → "New
/// York"), also when one letter is dropped, added, changed or swapped in a long name
/// ("San Franciso, CA").
fn city_in_state(key: &str, state: &str) -> Option<&'static str> {
    let exact = NAMES.get(key).and_then(|meanings| {
        meanings.iter().find_map(|meaning| match *meaning {
            Meaning::City(index) if CITIES[index].2 == state => Some(CITIES[index].1),
            _ => None,
        })
    });
    exact.or_else(|| {
        let long_enough = key.chars().count() >= MIN_CORRECTED_CHARS;
        CITIES.iter().filter(|city| long_enough && city.2 == state).find_map(|&(aliases, name, ..)| {
            aliases.iter().any(|alias| at_most_one_edit(key, alias)).then_some(name)
        })
    })
}

/// A misspelt city name is corrected only from this many letters: a slip in a short
/// name may well be another town.
const MIN_CORRECTED_CHARS: usize = 6;

/// Whether `a` becomes `b` by at most one dropped, added, changed or swapped character.
fn at_most_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let common_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (&a[common_start..], &b[common_start..]);
    let same_after = |skip_a: usize, skip_b: usize| a_rest.get(skip_a..).is_some() && a_rest.get(skip_a..) == b_rest.get(skip_b..);
    a_rest.is_empty() && b_rest.len() <= 1
        || b_rest.is_empty() && a_rest.len() <= 1
        || same_after(1, 1)
        || same_after(1, 0)
        || same_after(0, 1)
        || (a_rest.len() >= 2 && b_rest.len() >= 2 && a_rest[0] == b_rest[1] && a_rest[1] == b_rest[0] && a_rest[2..] == b_rest[2..])
}

fn is_state_or_country(key: &str) -> bool {
    NAMES.get(key).is_some_and(|meanings| meanings.iter().any(|m| matches!(m, Meaning::State(_) | Meaning::Country(_))))
}

/// A name of the tables starting at `at`, longest first, with its length in words; the
/// place is `None` for a name that says nothing alone ("Washington").
fn name_at(words: &[Word], at: usize, used: &[bool], capitalised: impl Fn(&Word) -> bool) -> Option<(usize, Option<Place>)> {
    if let Some(code) = words[at].state_code() {
        // A code alone is a state only in a list ("AZ, CO") or as the whole location:
        // elsewhere "OR", "IN" or "ME" may be words in capitals. "DC" is always the District.
        let listed = |other: Option<&Word>, gap: Gap| other.is_some_and(|w| w.state_code().is_some()) && gap == Gap::Comma;
        let in_list = listed(at.checked_sub(1).map(|i| &words[i]), words[at].gap)
            || listed(words.get(at + 1), words.get(at + 1).map_or(Gap::Break, |w| w.gap))
            || listed_with_and(words, at);
        let place = (code == "DC" || words.len() == 1 || in_list).then(|| state_alone(code));
        return Some((1, place));
    }
    for length in (1..=MAX_NAME_WORDS.min(words.len() - at)).rev() {
        let Some((meanings, _)) = name_of_span(words, at, length, used, &capitalised) else { continue };
        let next_is_state = words.get(at + length).is_some_and(|next| next.gap == Gap::Space && next.key == "state");
        let city = meanings.iter().find_map(|m| match *m {
            Meaning::City(index) if CITIES[index].3 => Some(index),
            _ => None,
        });
        let state = meanings.iter().find_map(|m| match *m {
            Meaning::State(code) => Some(code),
            _ => None,
        });
        let country = meanings.iter().find_map(|m| match *m {
            Meaning::Country(country) => Some(country),
            _ => None,
        });
        let place = match (city, state) {
            // "New York State", "Washington State".
            (_, Some(code)) if next_is_state => return Some((length + 1, Some(Place::State(code)))),
            // "New York" alone is the city in a job post.
            (Some(index), _) => Some(Place::City(CITIES[index].1.to_owned(), CITIES[index].2)),
            // "Washington" alone may be the state or the District.
            (None, Some("WA")) => None,
            (None, Some(code)) => Some(Place::State(code)),
            (None, None) => country.map(Place::Country),
        };
        return Some((length, place));
    }
    None
}

/// A code in "…, NV and NC": listed with "and"/"or" before or after it.
fn listed_with_and(words: &[Word], at: usize) -> bool {
    let joined = |a: usize, b: usize| {
        words.get(b).is_some_and(|w| matches!(w.key.as_str(), "and" | "or") && w.text.chars().all(char::is_lowercase))
            && words.get(a).is_some_and(|w| w.state_code().is_some())
    };
    (at >= 2 && joined(at - 2, at - 1)) || joined(at + 2, at + 1)
}

/// A short location that names nothing known, kept as written ("Columbus", "Berlin"),
/// or `None` when it is not a place's name (lower-case words, work arrangements,
/// regions).
fn unknown_place(words: &[Word], all_caps: bool) -> Option<String> {
    let looks_like_a_name = !words.is_empty()
        && words.len() <= MAX_UNKNOWN_WORDS
        && words.iter().all(|w| {
            (all_caps || w.is_capitalised())
                && !w.has_digit()
                && w.gap != Gap::Break
                && !NOT_PLACE_WORDS.contains(&w.key.as_str())
                && !REGION_WORDS.contains(&w.key.as_str())
        });
    looks_like_a_name.then(|| {
        let mut name = String::new();
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                name.push_str(if word.gap == Gap::Comma { ", " } else { " " });
            }
            name.push_str(&title_case_if_upper(word.text, all_caps));
        }
        name
    })
}

/// A city's name as the post wrote it, in title case when the post wrote it in capitals.
fn written_name(words: &[Word]) -> String {
    let all_caps = words.iter().all(Word::is_upper);
    words.iter().map(|w| title_case_if_upper(w.text, all_caps)).collect::<Vec<_>>().join(" ")
}

fn title_case_if_upper(word: &str, upper: bool) -> String {
    if !upper {
        return word.to_owned();
    }
    let mut out = String::with_capacity(word.len());
    let mut at_start = true;
    for c in word.chars() {
        if at_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        at_start = !c.is_alphanumeric();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::places;

    /// Locations as the real board's posts write them, and the places they name.
    #[test]
    fn real_locations_name_their_places() {
        let cases: &[(&str, &[&str])] = &[
            ("Washington, DC", &["Washington, DC"]),
            ("DC", &["Washington, DC"]),
            ("Washington, D.C.", &["Washington, DC"]),
            ("Wahsington, DC", &["Washington, DC"]),
            ("San Franciso, CA", &["San Francisco, CA"]),
            ("Pittsburg, PA", &["Pittsburgh, PA"]),
            ("Chicgao, IL", &["Chicago, IL"]),
            ("Reno, CA", &["Reno, CA"]),
            ("Washington DC", &["Washington, DC"]),
            ("Washington, DC, BlueLabs", &["Washington, DC"]),
            ("Washington, DC or Remote", &["Washington, DC"]),
            ("DC preferred, remote for the right candidate", &["Washington, DC"]),
            ("DC metro area or major Asian metropolitan hub", &["Washington, DC"]),
            ("Not stated, Presumably Washington, DC", &["Washington, DC"]),
            ("Strong preference for our Washington, DC office (near McPherson Square)", &["Washington, DC"]),
            ("Remote", &[]),
            ("Flexible", &[]),
            ("Multiple locations", &[]),
            ("This is a remote position", &[]),
            ("Central & Southern Regions", &[]),
            ("New York City", &["New York, NY"]),
            ("NYC", &["New York, NY"]),
            ("New York", &["New York, NY"]),
            ("New York, New York", &["New York, NY"]),
            ("New York City, NY", &["New York, NY"]),
            ("Brooklyn, NY or remote", &["New York, NY"]),
            ("Preferably Brooklyn, NY, but we’re open to remote candidates within the US", &["New York, NY"]),
            ("Preference for NYC or DC, but will consider remote", &["New York, NY", "Washington, DC"]),
            ("WASHINGTON, DC - NEW YORK, NY - REMOTE FOR THE RIGHT CANDIDATE", &["New York, NY", "Washington, DC"]),
            ("New York City, Washington, DC, or Tampa Bay, FL", &["New York, NY", "Tampa, FL", "Washington, DC"]),
            ("Washington, DC, New York", &["New York, NY", "Washington, DC"]),
            ("Chicago, Philadelphia, or Washington, DC", &["Chicago, IL", "Philadelphia, PA", "Washington, DC"]),
            ("Madison, Wisconsin", &["Madison, WI"]),
            ("Madison", &["Madison, WI"]),
            ("Raleigh, North Carolina (temporarily remote due to COVID-19)", &["Raleigh, NC"]),
            ("Kansas City, MO", &["Kansas City, MO"]),
            ("St. Louis, MO; Kansas City, MO; Columbia, MO; Springfield, MO", &["Columbia, MO", "Kansas City, MO", "Springfield, MO", "St. Louis, MO"]),
            ("St Paul, MN", &["St. Paul, MN"]),
            ("Remote, but ability to work in St Paul is preferred", &["St. Paul, MN"]),
            ("Salt Lake City, UT; Austin TX; Sacramento, CA", &["Austin, TX", "Sacramento, CA", "Salt Lake City, UT"]),
            ("Remote anywhere in the US (Los Angeles, CA or Portland, OR preferred)", &["Los Angeles, CA", "Portland, OR"]),
            ("Multiple: Bay Area, CA; Houston, TX; Miami, FL; Seattle, WA", &["Houston, TX", "Miami, FL", "San Francisco Bay Area, CA", "Seattle, WA"]),
            ("San Francisco Bay", &["San Francisco Bay Area, CA"]),
            ("Remote - Colorado, New Mexico, Minnesota, Louisiana, and North Carolina", &["Colorado", "Louisiana", "Minnesota", "New Mexico", "North Carolina"]),
            ("AZ, CO", &["Arizona", "Colorado"]),
            ("Preference for locations within our ten states (AZ, CO, FL, MD, ME, MI, NV, NC", &["Arizona", "Colorado", "Florida", "Maine", "Maryland", "Michigan", "Nevada", "North Carolina"]),
            ("Remote, TX", &["Texas"]),
            ("Remote, DC", &["Washington, DC"]),
            ("Florida, South Florida a plus", &["Florida"]),
            ("South Florida/Miami, FL", &["Miami, FL"]),
            ("South Florida (Palm Beach, Broward, or Miami-Dade County)", &["Florida"]),
            ("Cook County (Chicago area), IL", &["Chicago, IL"]),
            ("Arizona - (Phoenix?)", &["Phoenix, AZ"]),
            ("Central Phoenix", &["Phoenix, AZ"]),
            ("Kansas, presumably Topeka", &["Topeka, KS"]),
            ("Southern California (Los Angeles/San Diego), Northern California (San Francisco/", &["Los Angeles, CA", "San Diego, CA", "San Francisco, CA"]),
            ("Twin Cities or elsewhere in Minnesota, although open to candidates working remot", &["Minnesota"]),
            ("Northern Virginia or Richmond", &["Virginia"]),
            ("Carnegie Mellon University (Pittsburgh)", &["Pittsburgh, PA"]),
            ("Boulder County, CO", &["Boulder County, CO"]),
            ("Flexible but Washington, DC, or Philadelphia, PA is strongly preferred", &["Philadelphia, PA", "Washington, DC"]),
            ("Position can be based anywhere in the continental U.S. May require some travel", &["United States"]),
            ("Anywhere within the US", &["United States"]),
            ("Nationwide", &["United States"]),
            ("Lisbon, Portugal", &["Lisbon, Portugal"]),
            ("Vancouver, Canada", &["Vancouver, Canada"]),
            ("Brazil, West Africa", &["Brazil"]),
            ("Columbus", &["Columbus"]),
            ("Midtown Village", &["Midtown Village"]),
            ("Southeast Michigan", &["Michigan"]),
            ("Geographically flexible within Massachusetts", &["Massachusetts"]),
            ("Seattle, Washington", &["Seattle, WA"]),
            ("Washington State", &["Washington"]),
            ("Portland, ME", &["Portland, ME"]),
            ("", &[]),
        ];
        let mut wrong = String::new();
        for (location, expected) in cases {
            let found = places(location);
            if found != *expected {
                wrong.push_str(&format!("{location:?}: {found:?}, expected {expected:?}\n"));
            }
        }
        assert!(wrong.is_empty(), "\n{wrong}");
    }

    #[test]
    fn one_edit_is_a_slip() {
        use super::at_most_one_edit;
        for (a, b) in [("boston", "boston"), ("bostn", "boston"), ("bosston", "boston"), ("bostom", "boston"), ("bostno", "boston"), ("", "a")] {
            assert!(at_most_one_edit(a, b) && at_most_one_edit(b, a), "{a} {b}");
        }
        for (a, b) in [("bstn", "boston"), ("boston", "austin"), ("obstno", "boston"), ("", "ab")] {
            assert!(!at_most_one_edit(a, b) && !at_most_one_edit(b, a), "{a} {b}");
        }
    }

    #[test]
    fn hostile_and_long_locations_give_bounded_answers() {
        let long = "Boston, MA; ".repeat(10_000);
        assert_eq!(places(&long), ["Boston, MA"]);
        for text in ["\u{0}", ",,,,", "- - -", "''", "’", "St.", ". . .", "DC-", "NY NY NY", "O'Hare, IL"] {
            let values = places(text);
            assert!(values.iter().all(|v| !v.trim().is_empty()), "{text:?}: {values:?}");
        }
    }
}
