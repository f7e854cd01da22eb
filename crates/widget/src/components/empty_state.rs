//! No results: say so, and offer the filters whose removal would bring results back.

use crate::chips::Chip;
use crate::context::WidgetContext;
use crate::labels::fill;
use crate::state::{Action, SearchState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub chips: Vec<Chip>,
    pub has_text: bool,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let suggestion = |text: String, action: Action| {
        let dispatch = props.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()));
        html! { <li><button type="button" class="jobsift-link-button" {onclick}>{ text }</button></li> }
    };
    html! {
        <div class="jobsift-empty">
            <p class="jobsift-empty-heading">{ labels.no_results.clone() }</p>
            if !props.chips.is_empty() || props.has_text {
                <p>{ labels.no_results_hint.clone() }</p>
                <ul class="jobsift-suggestions">
                    { for props.chips.iter().map(|chip| suggestion(
                        fill(&labels.remove_suggestion, &[("filter", &chip.text)]),
                        chip.remove.clone(),
                    )) }
                    if props.has_text {
                        { suggestion(labels.clear_search.clone(), Action::SetText(String::new())) }
                    }
                </ul>
            }
        </div>
    }
}
