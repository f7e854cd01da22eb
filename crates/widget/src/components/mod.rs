//! One function component per file.

pub mod app;
pub mod current_filters;
pub mod empty_state;
pub mod facet_panel;
pub mod facet_values;
pub mod hide_expired;
pub mod load_more;
pub mod posted_within;
pub mod result_card;
pub mod result_list;
pub mod result_stats;
pub mod salary_range;
pub mod search_box;
pub mod sort_select;
pub mod status;
