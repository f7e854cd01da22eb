//! Every visitor-facing string, overridable from JavaScript (`labels` option) so a site
//! can run the widget in another language. Facet headings come from the index's schema
//! and are overridden through `facet_labels`.

#[derive(Clone, Debug, PartialEq)]
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

impl Labels {
    /// The label named by its JavaScript (camelCase) key, for the `labels` option.
    /// Matched by hand rather than derived with serde: a derived deserializer and its
    /// error formatting cost the wasm several KB for what is a flat list of strings.
    pub fn by_key_mut(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "searchLabel" => &mut self.search_label,
            "searchPlaceholder" => &mut self.search_placeholder,
            "resultCountOne" => &mut self.result_count_one,
            "resultCountMany" => &mut self.result_count_many,
            "took" => &mut self.took,
            "loading" => &mut self.loading,
            "errorHeading" => &mut self.error_heading,
            "retry" => &mut self.retry,
            "filters" => &mut self.filters,
            "showFilters" => &mut self.show_filters,
            "hideFilters" => &mut self.hide_filters,
            "currentFilters" => &mut self.current_filters,
            "clearAll" => &mut self.clear_all,
            "removeFilter" => &mut self.remove_filter,
            "sortLabel" => &mut self.sort_label,
            "sortRelevance" => &mut self.sort_relevance,
            "sortNewest" => &mut self.sort_newest,
            "sortSalary" => &mut self.sort_salary,
            "loadMore" => &mut self.load_more,
            "showing" => &mut self.showing,
            "noResults" => &mut self.no_results,
            "noResultsHint" => &mut self.no_results_hint,
            "removeSuggestion" => &mut self.remove_suggestion,
            "clearSearch" => &mut self.clear_search,
            "apply" => &mut self.apply,
            "remote" => &mut self.remote,
            "posted" => &mut self.posted,
            "deadline" => &mut self.deadline,
            "salaryMin" => &mut self.salary_min,
            "salaryMax" => &mut self.salary_max,
            "salaryUnknown" => &mut self.salary_unknown,
            "postedWithin" => &mut self.posted_within,
            "anyTime" => &mut self.any_time,
            "lastDays" => &mut self.last_days,
            "hideExpired" => &mut self.hide_expired,
            "filterValues" => &mut self.filter_values,
            "showMore" => &mut self.show_more,
            "showLess" => &mut self.show_less,
            "yes" => &mut self.yes,
            "no" => &mut self.no,
            "unknown" => &mut self.unknown,
            "histogram" => &mut self.histogram,
            _ => return None,
        })
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
        let mut labels = Labels::default();
        *labels.by_key_mut("searchLabel").unwrap() = "Jobs suchen".into();
        assert_eq!(labels.search_label, "Jobs suchen");
        assert_eq!(labels.clear_all, Labels::default().clear_all);
        assert!(labels.by_key_mut("search_label").is_none(), "keys are camelCase, as in JavaScript");
    }

    #[test]
    fn every_label_has_its_camel_case_key() {
        let mut labels = Labels::default();
        *labels.by_key_mut("histogram").unwrap() = "x".into();
        *labels.by_key_mut("noResultsHint").unwrap() = "y".into();
        *labels.by_key_mut("removeSuggestion").unwrap() = "z".into();
        assert_eq!((labels.histogram.as_str(), labels.no_results_hint.as_str(), labels.remove_suggestion.as_str()), ("x", "y", "z"));
    }
}
