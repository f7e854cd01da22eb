//! Every visitor-facing string, overridable from JavaScript (`labels` option) so a site
//! can run the widget in another language. Facet headings come from the index's schema
//! and are overridden through `facet_labels`.

use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Labels {
    pub search_label: String,
    pub search_placeholder: String,
    /// `{count}` and `{ms}` are replaced.
    pub result_count_one: String,
    pub result_count_many: String,
    pub took: String,
    pub loading: String,
    pub error_heading: String,
    pub retry: String,
    pub filters: String,
    pub show_filters: String,
    pub hide_filters: String,
    pub current_filters: String,
    pub clear_all: String,
    /// `{filter}` is replaced by the chip's text.
    pub remove_filter: String,
    pub sort_label: String,
    pub sort_relevance: String,
    pub sort_newest: String,
    pub sort_salary: String,
    pub load_more: String,
    /// `{shown}` and `{total}` are replaced.
    pub showing: String,
    pub no_results: String,
    pub no_results_hint: String,
    /// `{filter}` is replaced.
    pub remove_suggestion: String,
    pub clear_search: String,
    pub apply: String,
    pub remote: String,
    pub posted: String,
    pub deadline: String,
    pub salary_min: String,
    pub salary_max: String,
    pub salary_unknown: String,
    pub posted_within: String,
    pub any_time: String,
    /// `{days}` is replaced.
    pub last_days: String,
    pub hide_expired: String,
    pub filter_values: String,
    pub show_more: String,
    pub show_less: String,
    pub yes: String,
    pub no: String,
    pub unknown: String,
    pub histogram: String,
}

impl Default for Labels {
    fn default() -> Self {
        let s = |text: &str| text.to_owned();
        Labels {
            search_label: s("Search jobs"),
            search_placeholder: s("Job title, organisation, skill…"),
            result_count_one: s("1 job"),
            result_count_many: s("{count} jobs"),
            took: s("in {ms} ms"),
            loading: s("Loading jobs…"),
            error_heading: s("The job search could not start."),
            retry: s("Try again"),
            filters: s("Filters"),
            show_filters: s("Show filters"),
            hide_filters: s("Hide filters"),
            current_filters: s("Current filters"),
            clear_all: s("Clear all"),
            remove_filter: s("Remove filter {filter}"),
            sort_label: s("Sort by"),
            sort_relevance: s("Relevance"),
            sort_newest: s("Newest"),
            sort_salary: s("Highest salary"),
            load_more: s("Show more jobs"),
            showing: s("Showing {shown} of {total}"),
            no_results: s("No jobs match."),
            no_results_hint: s("Try fewer words or remove a filter:"),
            remove_suggestion: s("Remove “{filter}”"),
            clear_search: s("Clear the search text"),
            apply: s("Apply"),
            remote: s("Remote"),
            posted: s("Posted"),
            deadline: s("Deadline"),
            salary_min: s("Minimum salary"),
            salary_max: s("Maximum salary"),
            salary_unknown: s("Include jobs without a salary"),
            posted_within: s("Posted within"),
            any_time: s("Any time"),
            last_days: s("Last {days} days"),
            hide_expired: s("Hide jobs whose deadline has passed"),
            filter_values: s("Filter {facet}"),
            show_more: s("Show more"),
            show_less: s("Show less"),
            yes: s("Yes"),
            no: s("No"),
            unknown: s("Not stated"),
            histogram: s("Number of jobs by salary"),
        }
    }
}

/// Replaces `{name}` placeholders; the template comes from the site owner, the values
/// from the widget, and everything ends up as text nodes, never markup.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(fill("{shown} of {total}", &[("shown", "20"), ("total", "311")]), "20 of 311");
    }

    #[test]
    fn partial_overrides_keep_the_other_defaults() {
        let labels: Labels = serde_json_like(r#"{"searchLabel":"Jobs suchen"}"#);
        assert_eq!(labels.search_label, "Jobs suchen");
        assert_eq!(labels.clear_all, Labels::default().clear_all);
    }

    fn serde_json_like(json: &str) -> Labels {
        // A tiny test-only parse through serde's value model avoids a JSON dependency.
        let value: std::collections::BTreeMap<String, String> = json
            .trim_matches(|c| c == '{' || c == '}')
            .split(',')
            .map(|pair| {
                let (k, v) = pair.split_once(':').unwrap();
                (k.trim_matches('"').to_owned(), v.trim_matches('"').to_owned())
            })
            .collect();
        use serde::de::value::{Error, MapDeserializer};
        Labels::deserialize(MapDeserializer::<_, Error>::new(value.into_iter())).unwrap()
    }
}
