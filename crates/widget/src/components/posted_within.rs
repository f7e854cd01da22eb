//! "Posted within": any time, or the last 7/30/90/365 days (relative to "today").

use crate::context::WidgetContext;
use crate::labels::fill;
use crate::state::{Action, SearchState, POSTED_WITHIN_DAYS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PostedWithinProps {
    pub heading: AttrValue,
    pub days: Option<u32>,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(PostedWithin)]
pub fn posted_within(props: &PostedWithinProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let group_name = context.id("posted");
    let choices = std::iter::once(None).chain(POSTED_WITHIN_DAYS.into_iter().map(Some));
    html! {
        <fieldset class="jobsift-facet">
            <legend class="jobsift-facet-heading">{ props.heading.clone() }</legend>
            <ul class="jobsift-values">
                { for choices.map(|choice| {
                    let dispatch = props.dispatch.clone();
                    let onchange = Callback::from(move |_: Event| dispatch.dispatch(Action::SetPostedWithin(choice)));
                    let text = match choice {
                        None => labels.any_time().to_owned(),
                        Some(days) => fill(labels.last_days(), &[("days", &days.to_string())]),
                    };
                    html! {
                        <li class="jobsift-value">
                            <label class="jobsift-value-label">
                                <input type="radio" class="jobsift-radio" name={group_name.clone()}
                                    value={choice.map(|d| d.to_string()).unwrap_or_default()}
                                    checked={props.days == choice} {onchange} />
                                <span class="jobsift-value-text">{ text }</span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
        </fieldset>
    }
}
