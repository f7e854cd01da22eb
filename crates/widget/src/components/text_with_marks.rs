//! Text with highlighted matches, always as text nodes (never parsed as markup).

use crate::display::highlight_runs;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextWithMarksProps {
    pub text: AttrValue,
    /// Byte ranges of `text` to highlight.
    pub matches: Vec<(usize, usize)>,
}

#[function_component(TextWithMarks)]
pub fn text_with_marks(props: &TextWithMarksProps) -> Html {
    highlight_runs(&props.text, &props.matches)
        .into_iter()
        .map(|(run, is_match)| {
            if is_match {
                html! { <mark class="jobsift-mark">{ run.to_owned() }</mark> }
            } else {
                html! { { run.to_owned() } }
            }
        })
        .collect()
}
