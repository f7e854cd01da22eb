//! One job: title linking to the post, organisation, location, remote badge, salary,
//! employment type, dates, tags, highlighted snippet, apply button. Everything from the
//! post is rendered as text; links pass `safe_href` or are not links at all.

use crate::chips::{value_text, ValueWording};
use crate::context::WidgetContext;
use crate::display::{highlight_runs, iso_date, safe_href};
use crate::labels::fill;
use crate::loader::IndexHandle;
use yew::prelude::*;

/// The facets whose values a card shows as badges, named as the index's schema names them,
/// so that the site's value labels read the same on the card as in the facet panel.
const EMPLOYMENT_TYPE_FACET: &str = "type";
const TAGS_FACET: &str = "tags";

/// A hit, pointing into the shared index rather than copying the post.
#[derive(Clone, Debug, PartialEq)]
pub struct CardData {
    pub index: IndexHandle,
    pub id: usize,
    pub title_matches: Vec<(usize, usize)>,
    pub snippet: Option<(String, Vec<(usize, usize)>)>,
    /// Whether the post's fields are in the index (a chunked index fetches them): part
    /// of the props so that the card renders again when they arrive.
    pub has_fields: bool,
}

#[derive(Properties, PartialEq)]
pub struct ResultCardProps {
    pub card: CardData,
}

/// Holds a card's place while its content is not there yet (keyed by the post, like
/// the card that replaces it).
pub fn placeholder(id: usize) -> Html {
    html! {
        <li key={id} class="jobsift-card jobsift-card-pending" aria-hidden="true">
            <span class="jobsift-card-placeholder"></span>
        </li>
    }
}

#[function_component(ResultCard)]
pub fn result_card(props: &ResultCardProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let Some(doc) = props.card.index.0.doc(props.card.id as u32) else {
        // A chunked index whose block with this post is on its way.
        return placeholder(props.card.id);
    };
    let title = marked_text(&doc.title, &props.card.title_matches);
    let expired = doc.deadline.is_some_and(|deadline| deadline < context.today);
    html! {
        <li class="jobsift-card" data-expired={expired.then_some("")}>
            <h3 class="jobsift-card-title">
                { match safe_href(&doc.url) {
                    Some(href) => html! { <a class="jobsift-card-link" {href}>{ title }</a> },
                    None => title,
                } }
            </h3>
            <p class="jobsift-card-meta">
                if let Some(org) = doc.organisation_besides_title() {
                    <span class="jobsift-org">{ org.to_owned() }</span>
                }
                if let Some(location) = doc.location_besides_remote() {
                    <span class="jobsift-location">{ location.to_owned() }</span>
                }
                if doc.remote {
                    <span class="jobsift-badge jobsift-remote">{ labels.remote().to_owned() }</span>
                }
                if expired {
                    <span class="jobsift-badge jobsift-closed">{ labels.closed().to_owned() }</span>
                }
                if let Some(kind) = doc.employment_type {
                    <span class="jobsift-badge jobsift-type">{ value_text(&context, EMPLOYMENT_TYPE_FACET, ValueWording::EmploymentType, kind.as_str()) }</span>
                }
            </p>
            if let Some(salary) = &doc.salary {
                <p class="jobsift-salary-text" title={salary.text.clone()}>{ fill(labels.per_year(), &[("salary", &salary.range_text())]) }</p>
            }
            if let Some((text, matches)) = &props.card.snippet {
                <p class="jobsift-snippet">{ marked_text(text, matches) }</p>
            } else if !doc.summary.is_empty() {
                <p class="jobsift-snippet">{ doc.summary.clone() }</p>
            }
            if !doc.tags.is_empty() {
                <ul class="jobsift-tags">
                    { for doc.tags.iter().map(|tag| html! { <li class="jobsift-tag">{ value_text(&context, TAGS_FACET, ValueWording::AsIndexed, tag) }</li> }) }
                </ul>
            }
            <div class="jobsift-card-footer">
                <p class="jobsift-dates">
                    if let Some(date) = doc.date {
                        <span>{ labels.posted().to_owned() }{ " " }<time datetime={iso_date(date)}>{ iso_date(date) }</time></span>
                    }
                    if let Some(deadline) = doc.deadline {
                        <span class="jobsift-deadline" data-expired={expired.then_some("")}>
                            { labels.deadline().to_owned() }{ " " }<time datetime={iso_date(deadline)}>{ iso_date(deadline) }</time>
                        </span>
                    }
                </p>
                if let Some(href) = doc.apply_url.as_deref().and_then(safe_href) {
                    <a class="jobsift-button jobsift-apply" {href} rel="noopener noreferrer nofollow" target="_blank">
                        { labels.apply().to_owned() }
                        <span class="jobsift-visually-hidden">{ ": " }{ doc.title.clone() }</span>
                    </a>
                }
            </div>
        </li>
    }
}

/// Text with its matches in `<mark>`s, always as text nodes (never parsed as markup).
/// A function, not a component: its props changed whenever the card's did, so as a
/// component it saved no renders and cost 0.5 KB of wasm (no speed change measured).
fn marked_text(text: &str, matches: &[(usize, usize)]) -> Html {
    highlight_runs(text, matches)
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
