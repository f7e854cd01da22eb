//! "Hide jobs whose deadline has passed" (posts without a deadline stay).

use crate::context::WidgetContext;
use crate::state::{Action, SearchState};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HideExpiredProps {
    pub hide: bool,
    pub heading: AttrValue,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(HideExpired)]
pub fn hide_expired(props: &HideExpiredProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let onchange = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: Event| {
            dispatch.dispatch(Action::SetHideExpired(event.target_unchecked_into::<HtmlInputElement>().checked()))
        })
    };
    html! {
        <fieldset class="jobsift-facet">
            <legend class="jobsift-facet-heading">{ props.heading.clone() }</legend>
            <label class="jobsift-value-label">
                <input type="checkbox" class="jobsift-checkbox jobsift-hide-expired" checked={props.hide} {onchange} />
                <span class="jobsift-value-text">{ context.labels.hide_expired().to_owned() }</span>
            </label>
        </fieldset>
    }
}
