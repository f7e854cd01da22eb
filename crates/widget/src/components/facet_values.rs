//! A facet of string values (tags, organisation, location, remote, employment type) as
//! checkboxes with counts. Selected values combine with OR or AND per the schema; the
//! counts come from the engine, which computes them disjunctively (a facet's own
//! selection does not shrink its own counts), so the numbers always mean "what ticking
//! this would give".

use crate::chips::{value_text, ValueWording};
use crate::context::WidgetContext;
use crate::display::grouped;
use crate::labels::fill;
use crate::state::{Action, SearchState};
use jobsift_core::text::{fold, value_key};
use std::sync::Arc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Values shown before "show more"; long lists also get a filter box.
const COLLAPSED_VALUES: usize = 8;

#[derive(Clone, Debug, PartialEq)]
pub struct ValueRow {
    /// Shared with the engine's response: a facet can list thousands of values.
    pub value: Arc<str>,
    pub count: usize,
    pub selected: bool,
}

#[derive(Properties, PartialEq)]
pub struct FacetValuesProps {
    pub name: AttrValue,
    pub heading: AttrValue,
    pub wording: ValueWording,
    pub rows: Vec<ValueRow>,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(FacetValues)]
pub fn facet_values(props: &FacetValuesProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let expanded = use_state(|| false);
    let value_filter = use_state(String::new);
    // Folded like search terms (lowercase, Latin diacritics removed), so "cafe" finds
    // "Café"; reusing the engine's fold also keeps `str::to_lowercase` out of the wasm.
    let needle = fold(&value_filter);
    // And by the key that merged a value's spellings ("Blue Labs" into "BlueLabs"), so
    // that the spelling the facet no longer shows still finds it.
    let needle_key = value_key(&value_filter);
    let matching: Vec<&ValueRow> = props
        .rows
        .iter()
        .filter(|row| {
            needle.is_empty() || {
                let text = value_text(&context, &props.name, props.wording, &row.value);
                contains(&fold(&text), &needle) || (!needle_key.is_empty() && contains(&value_key(&text), &needle_key))
            }
        })
        .collect();
    let none_match = !needle.is_empty() && matching.is_empty();
    // Selected values always stay visible, so a visitor can untick what they ticked.
    let visible: Vec<&ValueRow> = if *expanded || !needle.is_empty() {
        matching
    } else {
        matching.iter().enumerate().filter(|(i, row)| *i < COLLAPSED_VALUES || row.selected).map(|(_, row)| *row).collect()
    };
    let on_filter = {
        let value_filter = value_filter.clone();
        Callback::from(move |event: InputEvent| value_filter.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let toggle_expanded = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let group_id = context.id(&format!("facet-{}", props.name));
    html! {
        <fieldset class="jobsift-facet" id={group_id}>
            <legend class="jobsift-facet-heading">{ props.heading.clone() }</legend>
            // A filter typed while the list was long stays visible when the list gets
            // short, or the facet would show nothing with no way to clear it.
            if props.rows.len() > COLLAPSED_VALUES || !value_filter.is_empty() {
                <input
                    type="search"
                    class="jobsift-facet-filter"
                    aria-label={fill(labels.filter_values(), &[("facet", &props.heading)])}
                    placeholder={fill(labels.filter_values(), &[("facet", &props.heading)])}
                    value={(*value_filter).clone()}
                    oninput={on_filter}
                />
            }
            if none_match {
                <p class="jobsift-facet-none" role="status">{ fill(labels.no_values_match(), &[("filter", value_filter.trim())]) }</p>
            }
            <ul class="jobsift-values">
                { for visible.into_iter().map(|row| {
                    let dispatch = props.dispatch.clone();
                    let action = Action::ToggleValue { facet: props.name.to_string(), value: row.value.to_string() };
                    let onchange = Callback::from(move |_: Event| dispatch.dispatch(action.clone()));
                    let text = value_text(&context, &props.name, props.wording, &row.value);
                    html! {
                        <li class="jobsift-value">
                            <label class="jobsift-value-label" data-empty={(row.count == 0 && !row.selected).then_some("")}>
                                <input type="checkbox" class="jobsift-checkbox" checked={row.selected} {onchange}
                                    data-value={row.value.to_string()} />
                                <span class="jobsift-value-text">{ text }</span>
                                <span class="jobsift-value-count">{ grouped(row.count, context.labels.thousands_separator()) }</span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if props.rows.len() > COLLAPSED_VALUES && needle.is_empty() {
                <button type="button" class="jobsift-link-button" aria-expanded={expanded.to_string()} onclick={toggle_expanded}>
                    { if *expanded { labels.show_less().to_owned() } else { labels.show_more().to_owned() } }
                </button>
            }
        </fieldset>
    }
}

/// Whether `needle` occurs in `text`. Facet values are short, so a plain scan does; `str`'s
/// own search (two-way) would be the only use of 1 KB of wasm.
fn contains(text: &str, needle: &str) -> bool {
    needle.is_empty() || text.as_bytes().windows(needle.len()).any(|window| window == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn contains_finds_a_needle_anywhere_and_only_there() {
        assert!(contains("washington dc", "dc") && contains("washington dc", "wash") && contains("washington dc", "ton d"));
        assert!(contains("cafe", "") && contains("", ""));
        assert!(!contains("dc", "washington") && !contains("washington", "dc") && !contains("", "a"));
    }
}
