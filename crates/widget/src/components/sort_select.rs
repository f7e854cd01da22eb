//! Sort order: relevance, newest, highest salary.

use crate::context::WidgetContext;
use crate::state::{Action, SearchState, Sort};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SortSelectProps {
    pub sort: Sort,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

#[function_component(SortSelect)]
pub fn sort_select(props: &SortSelectProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let select_id = context.id("sort");
    // `selected` is an attribute, and a browser stops reading it once the visitor has
    // picked an option: after Back or Forward the menu would show the old order. The
    // select's value is set instead.
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(props.sort, move |sort| {
            if let Some(element) = select.cast::<HtmlSelectElement>() {
                element.set_value(sort.key());
            }
        });
    }
    let onchange = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: Event| {
            let key = event.target_unchecked_into::<HtmlSelectElement>().value();
            dispatch.dispatch(Action::SetSort(Sort::parse(&key).unwrap_or_default()));
        })
    };
    let label_of = |sort: Sort| match sort {
        Sort::Relevance => labels.sort_relevance().to_owned(),
        Sort::Newest => labels.sort_newest().to_owned(),
        Sort::Salary => labels.sort_salary().to_owned(),
    };
    html! {
        <div class="jobsift-sort">
            <label for={select_id.clone()}>{ labels.sort_label().to_owned() }</label>
            <select id={select_id} class="jobsift-select" ref={select} {onchange}>
                { for Sort::ALL.into_iter().map(|sort| html! {
                    <option value={sort.key()} selected={sort == props.sort}>{ label_of(sort) }</option>
                }) }
            </select>
        </div>
    }
}
