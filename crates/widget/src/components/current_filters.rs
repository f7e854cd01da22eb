//! "Current filters": one removable chip per active filter, and "clear all".

use crate::chips::Chip;
use crate::context::WidgetContext;
use crate::focus::{focus_search_box_after, focus_when, nth_when, widget_of, FEW_TRIES};
use crate::labels::fill;
use crate::state::{Action, SearchState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CurrentFiltersProps {
    pub chips: Vec<Chip>,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(CurrentFilters)]
pub fn current_filters(props: &CurrentFiltersProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    if props.chips.is_empty() {
        return html! {};
    }
    let clear_all = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: MouseEvent| {
            focus_search_box_after(&event, FEW_TRIES);
            dispatch.dispatch(Action::ClearFilters)
        })
    };
    let chip_count = props.chips.len();
    html! {
        <div class="jobsift-chips" role="group" aria-label={labels.current_filters().to_owned()}>
            <ul class="jobsift-chip-list">
                { for props.chips.iter().enumerate().map(|(at, chip)| {
                    let dispatch = props.dispatch.clone();
                    let remove = chip.remove.clone();
                    let onclick = Callback::from(move |event: MouseEvent| {
                        // Focus goes to the chip that takes this one's place, or to the
                        // search box when this was the last.
                        if chip_count == 1 {
                            focus_search_box_after(&event, FEW_TRIES);
                        } else if let Some(root) = widget_of(&event) {
                            focus_when(root, FEW_TRIES, move |root| nth_when(root, ".jobsift-chip", at, |count| count < chip_count));
                        }
                        dispatch.dispatch(remove.clone())
                    });
                    html! {
                        <li>
                            <button type="button" class="jobsift-chip" {onclick}
                                aria-label={fill(labels.remove_filter(), &[("filter", &chip.text)])}>
                                <span>{ chip.text.clone() }</span>
                                <span class="jobsift-chip-x" aria-hidden="true">{ "×" }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="jobsift-link-button" onclick={clear_all}>{ labels.clear_all().to_owned() }</button>
        </div>
    }
}
