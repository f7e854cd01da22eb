//! The result cards.

use super::result_card::{placeholder, CardData, ResultCard};
use crate::hooks::AfterNextPaint;
use yew::prelude::*;

/// Cards built in the frame that shows new results; new cards after them are
/// placeholders until that frame has been painted. A visitor's window shows the first
/// few, and building and laying out the other fifteen of a page of new cards made the
/// keystroke's frame half as long again (10k posts, BENCHMARKS.md, session 13).
const FIRST_FRAME_CARDS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct ResultListProps {
    pub cards: Vec<CardData>,
}

#[function_component(ResultList)]
pub fn result_list(props: &ResultListProps) -> Html {
    // The posts whose cards were on the page when the last frame was painted.
    let painted = use_mut_ref(Vec::<usize>::new);
    let repaint = use_force_update();
    {
        let ids: Vec<usize> = props.cards.iter().map(|card| card.id).collect();
        let painted = painted.clone();
        use_effect_with(ids, move |ids| {
            let ids = ids.clone();
            let after = AfterNextPaint::new(move || {
                *painted.borrow_mut() = ids;
                repaint.force_update();
            });
            move || drop(after)
        });
    }
    let painted = painted.borrow();
    html! {
        <ol class="jobsift-results-list">
            { for props.cards.iter().enumerate().map(|(position, card)| {
                if position >= FIRST_FRAME_CARDS && !painted.contains(&card.id) {
                    placeholder(card.id)
                } else {
                    html! { <ResultCard key={card.id} card={card.clone()} /> }
                }
            }) }
        </ol>
    }
}
