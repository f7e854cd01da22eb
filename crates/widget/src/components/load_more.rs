//! "Show more jobs": grows the list by a page, keeping what the visitor has seen.

use crate::context::WidgetContext;
use crate::display::grouped;
use crate::focus::{focus_when, nth_when, widget_of, FEW_TRIES};
use crate::labels::fill;
use crate::state::{Action, SearchState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoadMoreProps {
    pub shown: usize,
    pub total: usize,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(LoadMore)]
pub fn load_more(props: &LoadMoreProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let onclick = {
        let dispatch = props.dispatch.clone();
        let shown = props.shown;
        Callback::from(move |event: MouseEvent| {
            // Focus moves to the first new card's link: the button moves below the new
            // cards (or goes, on the last page), and the visitor reads on from there.
            if let Some(root) = widget_of(&event) {
                focus_when(root, FEW_TRIES, move |root| {
                    let card = nth_when(root, ".jobsift-card", shown, |count| count > shown)?;
                    card.query_selector(".jobsift-card-link").ok()?
                });
            }
            dispatch.dispatch(Action::LoadMore)
        })
    };
    let showing = fill(labels.showing(), &[("shown", &grouped(props.shown, labels.thousands_separator())), ("total", &grouped(props.total, labels.thousands_separator()))]);
    html! {
        <div class="jobsift-more">
            <p class="jobsift-showing">{ showing }</p>
            if props.shown < props.total {
                <button type="button" class="jobsift-button jobsift-more-button" {onclick}>{ labels.load_more().to_owned() }</button>
            }
        </div>
    }
}
