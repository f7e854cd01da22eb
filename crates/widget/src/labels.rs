//! Every visitor-facing string, overridable from JavaScript (`labels` option) so a site
//! can run the widget in another language. Facet headings come from the index's schema
//! and are overridden through `facet_labels`.

/// Defines `Labels` from one list of (field, option key, English default), so that a
/// key and its accessor cannot drift apart. `Options::read` sets a label through
/// [`Labels::slot`] by its key: serde's derive for every field (a field visitor for names,
/// bytes and indexes, and a slot per field) was a few KB of the widget's wasm.
macro_rules! labels {
    ($($(#[$doc:meta])* $field:ident, $key:literal, $default:literal;)*) => {
        /// Where each label is in `Labels`, in the order of the list below.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum Slot {
            $($field,)*
        }

        /// Each label's option key, in slot order.
        const KEYS: &[&str] = &[$($key),*];
        /// Each label's English default, in slot order.
        const DEFAULTS: &[&str] = &[$($default),*];

        /// The labels in slot order: a list rather than a field each, so that creating,
        /// cloning and dropping them is one loop, not one step per label in the wasm.
        #[derive(Clone, Debug)]
        #[cfg_attr(test, derive(PartialEq))]
        pub struct Labels([String; KEYS.len()]);

        impl Default for Labels {
            fn default() -> Self {
                Labels(std::array::from_fn(|at| DEFAULTS[at].to_owned()))
            }
        }

        impl Labels {
            $($(#[$doc])* pub fn $field(&self) -> &str {
                &self.0[Slot::$field as usize]
            })*

            /// The label an option key (`searchLabel`) names.
            pub fn slot(&mut self, key: &str) -> Option<&mut String> {
                let at = KEYS.iter().position(|known| *known == key)?;
                self.0.get_mut(at)
            }
        }

        #[cfg(test)]
        const FIELDS_AND_KEYS: &[(&str, &str)] = &[$((stringify!($field), $key)),*];
    };
}

labels! {
    search_label, "searchLabel", "Search jobs";
    search_placeholder, "searchPlaceholder", "Job title, organisation, skill…";
    /// `{count}` and `{ms}` are replaced.
    /// Sets apart the thousands of every count ("1,048 jobs"; "." or a narrow space in
    /// other languages).
    thousands_separator, "thousandsSeparator", ",";
    result_count_one, "resultCountOne", "1 job";
    result_count_many, "resultCountMany", "{count} jobs";
    took, "took", "in {ms} ms";
    loading, "loading", "Loading jobs…";
    error_heading, "errorHeading", "The job search could not start.";
    retry, "retry", "Try again";
    filters, "filters", "Filters";
    show_filters, "showFilters", "Show filters";
    hide_filters, "hideFilters", "Hide filters";
    /// Closes the filters on a phone; `{count}` is replaced.
    show_results, "showResults", "Show jobs ({count})";
    current_filters, "currentFilters", "Current filters";
    clear_all, "clearAll", "Clear all";
    /// `{filter}` is replaced by the chip's text.
    remove_filter, "removeFilter", "Remove filter {filter}";
    sort_label, "sortLabel", "Sort by";
    sort_relevance, "sortRelevance", "Relevance";
    sort_newest, "sortNewest", "Newest";
    sort_salary, "sortSalary", "Highest salary";
    load_more, "loadMore", "Show more jobs";
    /// `{shown}` and `{total}` are replaced.
    showing, "showing", "Showing {shown} of {total}";
    no_results, "noResults", "No jobs match.";
    no_results_hint, "noResultsHint", "Try fewer words or remove a filter:";
    /// `{filter}` is replaced.
    remove_suggestion, "removeSuggestion", "Remove “{filter}”";
    clear_search, "clearSearch", "Clear the search text";
    apply, "apply", "Apply";
    remote, "remote", "Remote";
    posted, "posted", "Posted";
    deadline, "deadline", "Deadline";
    /// On a card whose deadline has passed: said in words, not by style alone.
    closed, "closed", "Closed";
    /// The results' heading, for screen readers (the cards' titles are headings under it).
    results_heading, "resultsHeading", "Jobs";
    /// A button, shown when focused, that takes keyboard users past the filters.
    skip_to_results, "skipToResults", "Skip to results";
    /// A card's salary; `{salary}` is replaced by the yearly range.
    per_year, "perYear", "{salary} / year";
    salary_min, "salaryMin", "Minimum salary";
    salary_max, "salaryMax", "Maximum salary";
    salary_unknown, "salaryUnknown", "Include jobs without a salary";
    posted_within, "postedWithin", "Posted within";
    any_time, "anyTime", "Any time";
    /// `{days}` is replaced.
    last_days, "lastDays", "Last {days} days";
    hide_expired, "hideExpired", "Hide jobs whose deadline has passed";
    filter_values, "filterValues", "Filter {facet}";
    /// Under a facet's value filter that matches none; `{filter}` is replaced.
    no_values_match, "noValuesMatch", "None match “{filter}”";
    show_more, "showMore", "Show more";
    show_less, "showLess", "Show less";
    yes, "yes", "Yes";
    no, "no", "No";
    unknown, "unknown", "Not stated";
    histogram, "histogram", "Number of jobs by salary";
}

/// Replaces `{name}` placeholders; the template comes from the site owner, the values
/// from the widget, and everything ends up as text nodes, never markup. One pass over the
/// template: a value that itself reads like a placeholder (a visitor's filter text) stays
/// as it is, and a brace that names no value is kept.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after
            .find('}')
            .and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]).map(|(_, value)| (close, value)));
        match named {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(fill("{shown} of {total}", &[("shown", "20"), ("total", "311")]), "20 of 311");
        assert_eq!(fill("{n} + {n}", &[("n", "1")]), "1 + 1");
    }

    #[test]
    fn fill_keeps_what_names_no_value_and_never_fills_a_value() {
        assert_eq!(fill("{a} {unknown} {", &[("a", "A")]), "A {unknown} {");
        assert_eq!(fill("{{a}}", &[("a", "A")]), "{A}");
        // A visitor's filter text that looks like a placeholder is shown as typed.
        assert_eq!(fill("None match “{filter}” of {total}", &[("filter", "{total}"), ("total", "3")]), "None match “{total}” of 3");
    }

    /// Each key is its field's name in camelCase, as the JavaScript options spell them,
    /// and every key sets its own field.
    #[test]
    fn every_label_has_its_camel_case_key() {
        let mut labels = Labels::default();
        for (field, key) in FIELDS_AND_KEYS {
            let camel: String = field.split('_').enumerate().map(|(i, part)| if i == 0 { part.to_owned() } else { part[..1].to_uppercase() + &part[1..] }).collect();
            assert_eq!(*key, camel);
            *labels.slot(key).unwrap() = format!("set {key}");
        }
        let debug = format!("{labels:?}");
        assert_eq!(debug.matches("set ").count(), FIELDS_AND_KEYS.len(), "{debug}");
        assert_eq!(labels.slot("noSuchLabel"), None);
    }
}
