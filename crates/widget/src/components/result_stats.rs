//! Result count and time taken, announced to screen readers through a live region.

use crate::context::WidgetContext;
use crate::labels::fill;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultStatsProps {
    pub total: usize,
    pub elapsed_ms: f64,
}

#[function_component(ResultStats)]
pub fn result_stats(props: &ResultStatsProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let count = if props.total == 1 {
        labels.result_count_one.clone()
    } else {
        fill(&labels.result_count_many, &[("count", &props.total.to_string())])
    };
    let took = fill(&labels.took, &[("ms", &format!("{:.1}", props.elapsed_ms))]);
    html! {
        <p class="jobsift-stats">
            // Only the count is live: announcing the time on every keystroke is noise.
            <span class="jobsift-count" role="status" aria-live="polite" aria-atomic="true">{ count }</span>
            <span class="jobsift-took">{ " " }{ took }</span>
        </p>
    }
}
