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
pub use labelled::labelled_line;
pub use location::{location, Place};
pub use salary::salary;
pub use summary::summary;
pub use title::{split_title, TitleParts};
