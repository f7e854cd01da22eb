//! The search box: searches on every keystroke.

use crate::context::WidgetContext;
use crate::state::{Action, SearchState};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub text: AttrValue,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let input_id = context.id("q");
    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: InputEvent| {
            // The mark lets benchmarks measure keystroke-to-painted-results.
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark("jobsift-input");
            }
            dispatch.dispatch(Action::SetText(event.target_unchecked_into::<HtmlInputElement>().value()));
        })
    };
    let onsubmit = Callback::from(|event: SubmitEvent| event.prevent_default());
    html! {
        <form class="jobsift-search" role="search" {onsubmit}>
            <label class="jobsift-search-label" for={input_id.clone()}>{ labels.search_label().to_owned() }</label>
            <input
                id={input_id}
                class="jobsift-search-input"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder={labels.search_placeholder().to_owned()}
                value={props.text.clone()}
                {oninput}
            />
        </form>
    }
}
