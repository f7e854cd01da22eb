//! The result cards.

use super::result_card::{placeholder, CardData, ResultCard};
use crate::hooks::AfterNextPaint;
use crate::scroll;
use web_sys::Element;
use yew::prelude::*;

/// Cards brought up to date in the frame that shows new results, until the page has been
/// seen: then as many as reached into the window at the last paint. Below them, a new
/// post's card is a placeholder and a post already shown keeps its card as painted, until
/// that frame has been painted. Building and laying out all twenty of a page of new cards
/// made the keystroke's frame half as long again, for cards the visitor could not see yet
/// (10k posts, BENCHMARKS.md, session 13); so did marking a second letter in the same
/// twenty posts' cards ("d" then "da", session 18).
const FIRST_FRAME_CARDS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct ResultListProps {
    pub cards: Vec<CardData>,
}

/// What the last painted frame showed.
struct Painted {
    /// The cards on the page.
    cards: Vec<CardData>,
    /// How many cards, from the first, reached into the window.
    in_view: usize,
}

#[function_component(ResultList)]
pub fn result_list(props: &ResultListProps) -> Html {
    let list = use_node_ref();
    let painted = use_mut_ref(|| Painted { cards: Vec::new(), in_view: FIRST_FRAME_CARDS });
    let repaint = use_force_update();
    {
        let (list, painted, cards) = (list.clone(), painted.clone(), props.cards.clone());
        // Not when only `has_fields` changed: a chunked index's blocks arrive in many
        // batches, each of which would put off the next frame's catching up again.
        let shown_text: Vec<_> = props.cards.iter().map(|card| (card.id, card.title_matches.clone(), card.snippet.clone())).collect();
        use_effect_with(shown_text, move |_| {
            let after = AfterNextPaint::new(move || {
                let mut painted = painted.borrow_mut();
                painted.cards = cards;
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
    let mut behind = false;
    let items: Vec<Html> = props
        .cards
        .iter()
        .enumerate()
        .map(|(position, card)| {
            let shown = if position < painted.in_view {
                Some(card)
            } else {
                // A post whose fields have just arrived is shown at once: its painted card
                // was a placeholder, which the visitor would see stay below the first cards.
                painted.cards.iter().find(|old| old.id == card.id).map(|old| if old.has_fields == card.has_fields { old } else { card })
            };
            behind |= shown != Some(card);
            match shown {
                Some(shown) => html! { <ResultCard key={card.id} card={shown.clone()} /> },
                None => placeholder(card.id),
            }
        })
        .collect();
    {
        // Once every card is drawn as itself, the list is as long as when the page was
        // left: the place to go back to the visitor's scroll position.
        let complete = !behind && props.cards.iter().all(|card| card.has_fields);
        use_effect_with(complete, |complete| {
            if *complete {
                scroll::restore_once();
            }
        });
    }
    // Tells tests and benchmarks that cards below the window are still to be brought up
    // to date (placeholders, or cards as the last frame showed them).
    html! {
        <ol class="jobsift-results-list" ref={list} data-behind={behind.then_some("")}>
            { items }
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
