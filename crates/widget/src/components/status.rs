//! The loading and error states shown before there are results.

use crate::context::WidgetContext;
use crate::focus::{focus_search_box_after, MANY_TRIES};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    /// `None` while loading; the message when loading failed.
    pub error: Option<String>,
    pub on_retry: Callback<()>,
}

#[function_component(Status)]
pub fn status(props: &StatusProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    match &props.error {
        None => html! {
            <div class="jobsift-status jobsift-loading" role="status">
                <span class="jobsift-spinner" aria-hidden="true"></span>
                { labels.loading().to_owned() }
            </div>
        },
        Some(message) => {
            let on_retry = props.on_retry.reform(|event: MouseEvent| {
                // Loading again replaces this message; the search box is where a visitor
                // goes on once the index is here.
                focus_search_box_after(&event, MANY_TRIES);
            });
            html! {
                <div class="jobsift-status jobsift-error" role="alert">
                    <p class="jobsift-error-heading">{ labels.error_heading().to_owned() }</p>
                    <p class="jobsift-error-message">{ message.clone() }</p>
                    <button type="button" class="jobsift-button" onclick={on_retry}>{ labels.retry().to_owned() }</button>
                </div>
            }
        }
    }
}
