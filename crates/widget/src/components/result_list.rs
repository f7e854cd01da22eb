//! The result cards.

use super::result_card::{placeholder, CardData, ResultCard};
use crate::hooks::AfterNextPaint;
use web_sys::Element;
use yew::prelude::*;

/// New cards built in the frame that shows new results, until the page has been seen:
/// then as many as reached into the window at the last paint. The other new cards are
/// placeholders until that frame has been painted. Building and laying out all twenty
/// of a page of new cards made the keystroke's frame half as long again, for cards the
/// visitor could not see yet (10k posts, BENCHMARKS.md, session 13).
const FIRST_FRAME_CARDS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct ResultListProps {
    pub cards: Vec<CardData>,
}

/// What the last painted frame showed.
struct Painted {
    /// The posts whose cards were on the page.
    ids: Vec<usize>,
    /// How many cards, from the first, reached into the window.
    in_view: usize,
}

#[function_component(ResultList)]
pub fn result_list(props: &ResultListProps) -> Html {
    let list = use_node_ref();
    let painted = use_mut_ref(|| Painted { ids: Vec::new(), in_view: FIRST_FRAME_CARDS });
    let repaint = use_force_update();
    {
        let ids: Vec<usize> = props.cards.iter().map(|card| card.id).collect();
        let (list, painted) = (list.clone(), painted.clone());
        use_effect_with(ids, move |ids| {
            let ids = ids.clone();
            let after = AfterNextPaint::new(move || {
                let mut painted = painted.borrow_mut();
                painted.ids = ids;
                if let Some(list) = list.cast::<Element>() {
                    painted.in_view = cards_in_view(&list);
                }
                drop(painted);
                repaint.force_update();
            });
            move || drop(after)
        });
    }
    let painted = painted.borrow();
    html! {
        <ol class="jobsift-results-list" ref={list}>
            { for props.cards.iter().enumerate().map(|(position, card)| {
                if position >= painted.in_view && !painted.ids.contains(&card.id) {
                    placeholder(card.id)
                } else {
                    html! { <ResultCard key={card.id} card={card.clone()} /> }
                }
            }) }
        </ol>
    }
}

/// The cards up to the last one whose top is above the window's bottom edge. Read just
/// after a paint, when the layout is clean, so reading it costs no layout.
fn cards_in_view(list: &Element) -> usize {
    let bottom = web_sys::window().and_then(|window| window.inner_height().ok()).and_then(|height| height.as_f64()).unwrap_or(0.0);
    let mut in_view = 0;
    let mut card = list.first_element_child();
    while let Some(element) = card {
        if element.get_bounding_client_rect().top() >= bottom {
            break;
        }
        in_view += 1;
        card = element.next_element_sibling();
    }
    in_view
}
