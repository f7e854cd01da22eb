//! Word lists for organisation names, roles and places. Chosen by hand to match the kinds of
//! names seen on the real board (progressive nonprofits, campaigns, unions, data vendors);
//! role words are weighted by how often each appears in the real titles.

pub const ORG_ADJECTIVES: &[&str] = &[
    "Progressive", "United", "American", "National", "New", "Blue", "Green", "Civic", "Open", "Common",
    "Future", "People's", "Working", "Democratic", "Equal", "Fair", "Forward", "Grassroots", "Bright",
    "Northern", "Southern", "Western", "Coastal", "Prairie", "Mountain", "Liberty", "Justice", "Rising",
    "Unified", "Modern", "Public", "Community", "Digital", "Independent", "Small", "First", "Next",
];

pub const ORG_NOUNS: &[&str] = &[
    "Voter", "Climate", "Action", "Vote", "Labor", "Health", "Education", "Housing", "Immigrant",
    "Women's", "Youth", "Election", "Ballot", "Data", "Organizing", "Rights", "Power", "Families",
    "Workers", "Change", "Democracy", "Water", "Energy", "Citizens", "Neighbors", "Progress", "Census",
    "Engagement", "Policy", "Research", "Media", "Tech", "Majority", "Turnout", "Civic", "Earth",
];

pub const ORG_SUFFIXES: &[&str] = &[
    "Alliance", "Project", "Fund", "Coalition", "Network", "Campaign", "Institute", "Center",
    "Collective", "Federation", "Foundation", "Council", "Committee", "Initiative", "Partnership",
    "Union", "Association", "League", "Caucus", "Lab",
];

pub const FIRM_WORDS: &[&str] = &[
    "Northstar", "Bluebird", "Keystone", "Civitas", "Meridian", "Lighthouse", "Cardinal", "Harbor",
    "Summit", "Catalyst", "Beacon", "Compass", "Granite", "Redwood", "Aspen", "Hudson", "Lakeshore",
    "Sequoia", "Tidewater", "Anchor", "Ridgeline", "Pioneer", "Cascade", "Evergreen", "Mosaic",
    "Vantage", "Paragon", "Lodestar", "Sextant", "Bellwether", "Fieldstone", "Parkway", "Sterling",
];

pub const FIRM_SUFFIXES: &[&str] = &[
    "Strategies", "Analytics", "Labs", "Partners", "Group", "Research", "Digital", "Data",
    "Consulting", "Insights", "Solutions", "Technologies", "Media", "Communications",
];

pub const STATES: &[(&str, &str)] = &[
    ("Alabama", "AL"), ("Arizona", "AZ"), ("California", "CA"), ("Colorado", "CO"), ("Florida", "FL"),
    ("Georgia", "GA"), ("Illinois", "IL"), ("Iowa", "IA"), ("Kentucky", "KY"), ("Maine", "ME"),
    ("Maryland", "MD"), ("Massachusetts", "MA"), ("Michigan", "MI"), ("Minnesota", "MN"),
    ("Missouri", "MO"), ("Nevada", "NV"), ("New Hampshire", "NH"), ("New Mexico", "NM"),
    ("New York", "NY"), ("North Carolina", "NC"), ("Ohio", "OH"), ("Oregon", "OR"),
    ("Pennsylvania", "PA"), ("South Carolina", "SC"), ("Texas", "TX"), ("Virginia", "VA"),
    ("Washington", "WA"), ("Wisconsin", "WI"),
];

pub const STATE_GROUPS: &[&str] = &[
    "Democratic Party", "Organizing Project", "Voter Alliance", "AFL-CIO", "Conservation Voters",
    "Working Families", "Civic Engagement Table", "Progressive Caucus", "Young Democrats",
];

pub const SURNAMES: &[&str] = &[
    "Rivera", "Nguyen", "Johnson", "Okafor", "Martinez", "Kim", "Patel", "Williams", "Brown", "Garcia",
    "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Moore", "Jackson", "Lee", "Harris", "Clark",
    "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Hill", "Adams", "Baker",
];

pub const OFFICES: &[&str] = &["Congress", "Senate", "Governor", "Mayor", "State Senate", "Attorney General", "President"];

/// (word, weight): seniority that may open a role title.
pub const ROLE_SENIORITY: &[(&str, u32)] = &[
    ("Senior", 70), ("Deputy", 42), ("Sr.", 34), ("Lead", 29), ("Associate", 20), ("Regional", 11),
    ("National", 20), ("Junior", 6), ("Principal", 4), ("Chief", 5), ("Head of", 6),
];

/// (word, weight): the domain of a role.
pub const ROLE_DOMAINS: &[(&str, u32)] = &[
    ("Data", 588), ("Analytics", 111), ("Research", 56), ("Technology", 39), ("Software", 37),
    ("Political", 28), ("Digital", 23), ("Targeting", 23), ("Product", 22), ("Database", 21),
    ("Data Science", 12), ("Reporting", 14), ("Systems", 12), ("Voter File", 7), ("Polling", 7),
    ("Survey", 7), ("Field Data", 6), ("Client Services", 6), ("Infrastructure", 8), ("Full Stack", 12),
    ("Front End", 6), ("DevOps", 5), ("Evaluation", 5), ("Organizing", 11), ("Training", 10),
    ("VAN", 12), ("IT", 8), ("Data & Analytics", 30), ("Data & Technology", 12),
];

/// (word, weight, employment type implied by the word): the position a role names.
pub const ROLE_POSITIONS: &[(&str, u32)] = &[
    ("Director", 216), ("Manager", 150), ("Analyst", 112), ("Associate", 86), ("Engineer", 79),
    ("Specialist", 54), ("Coordinator", 48), ("Scientist", 37), ("Developer", 21), ("Strategist", 17),
    ("Administrator", 17), ("Assistant", 17), ("Fellow", 10), ("Intern", 9), ("Architect", 8),
    ("Consultant", 5), ("Technologist", 5), ("Organizer", 4),
];

/// (location line as written, weight, whether it says remote), weighted as on the real board.
pub const LOCATIONS: &[(&str, u32, bool)] = &[
    ("Remote", 50, true), ("Washington, DC", 48, false), ("Not listed", 24, false),
    ("Washington, D.C.", 7, false), ("Washington, DC or Remote", 7, true), ("Seattle, WA", 6, false),
    ("Chicago, IL", 6, false), ("New York, NY", 5, false), ("New York City", 4, false),
    ("Oakland, CA", 3, false), ("San Francisco, CA", 3, false), ("Atlanta, GA", 3, false),
    ("DC preferred, remote for the right candidate", 3, true), ("Denver, CO", 2, false),
    ("New York City or remote", 2, true), ("Los Angeles, CA", 2, false), ("Philadelphia, PA", 2, false),
    ("Madison, WI", 2, false), ("Phoenix, AZ", 2, false), ("Austin, TX", 2, false),
    ("Boston, MA", 2, false), ("Minneapolis, MN", 2, false), ("St. Paul, MN", 2, false),
    ("Richmond, VA", 2, false), ("Boulder, CO", 2, false), ("Remote, anywhere in the continental U.S.", 2, true),
    ("Detroit, MI", 1, false), ("Milwaukee, WI", 1, false), ("Raleigh, NC", 1, false),
    ("Columbus, OH", 1, false), ("Des Moines, IA", 1, false), ("Las Vegas, NV", 1, false),
    ("Portland, OR", 1, false), ("Miami, FL", 1, false), ("Pittsburgh, PA", 1, false),
    ("Nashville, TN", 1, false), ("Baltimore, MD", 1, false), ("Houston, TX", 1, false),
    ("Brooklyn, NY", 1, false), ("Albuquerque, NM", 1, false), ("Washington, DC area", 1, false),
];

/// Sentences that say a job can be done remotely, for posts without a remote `Location:` line.
pub const REMOTE_SENTENCES: &[&str] = &[
    "This position can be remote.",
    "Remote candidates will be considered.",
    "This is a remote position open to candidates anywhere in the U.S.",
    "The team works remotely, with occasional travel.",
];

pub const SECTION_HEADINGS: &[&str] = &[
    "Responsibilities", "Qualifications", "What you'll do", "About you", "Requirements",
    "Preferred qualifications", "Benefits", "About the role", "Key responsibilities", "Who you are",
];

pub const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];
