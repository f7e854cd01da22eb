//! The result cards.

use super::result_card::{CardData, ResultCard};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultListProps {
    pub cards: Vec<CardData>,
}

#[function_component(ResultList)]
pub fn result_list(props: &ResultListProps) -> Html {
    html! {
        <ol class="jobsift-results-list">
            { for props.cards.iter().map(|card| html! {
                <ResultCard key={card.id} card={card.clone()} />
            }) }
        </ol>
    }
}
