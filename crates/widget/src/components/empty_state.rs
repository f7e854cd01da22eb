//! No results: say so, and offer the filters whose removal would bring results back.

use crate::chips::Chip;
use crate::context::WidgetContext;
use crate::focus::{focus_search_box_after, FEW_TRIES};
use crate::state::{Action, SearchState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    /// The removals that would bring results back, worded as suggestions.
    pub suggestions: Vec<Chip>,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let suggestion = |text: String, action: Action| {
        let dispatch = props.dispatch.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            focus_search_box_after(&event, FEW_TRIES);
            dispatch.dispatch(action.clone())
        });
        html! { <li><button type="button" class="jobsift-link-button" {onclick}>{ text }</button></li> }
    };
    html! {
        <div class="jobsift-empty">
            <p class="jobsift-empty-heading">{ labels.no_results().to_owned() }</p>
            if !props.suggestions.is_empty() {
                <p>{ labels.no_results_hint().to_owned() }</p>
                <ul class="jobsift-suggestions">
                    { for props.suggestions.iter().map(|chip| suggestion(chip.text.clone(), chip.remove.clone())) }
                </ul>
            }
        </div>
    }
}
