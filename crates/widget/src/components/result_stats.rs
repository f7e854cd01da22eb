//! Result count and time taken, announced to screen readers through a live region.

use crate::context::WidgetContext;
use crate::display::grouped;
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
        labels.result_count_one().to_owned()
    } else {
        fill(labels.result_count_many(), &[("count", &grouped(props.total, labels.thousands_separator()))])
    };
    let took = fill(labels.took(), &[("ms", &tenths(props.elapsed_ms))]);
    html! {
        <p class="jobsift-stats">
            // Only the count is live: announcing the time on every keystroke is noise.
            <span class="jobsift-count" role="status" aria-live="polite" aria-atomic="true">{ count }</span>
            <span class="jobsift-took">{ " " }{ took }</span>
        </p>
    }
}

/// `ms` with one decimal ("0.4"). Done with integers because `{:.1}` on an f64 links
/// core's float printing (Grisu/Dragon code and its power-of-ten tables, about 30 KB
/// of wasm) for this one figure.
fn tenths(ms: f64) -> String {
    let tenths = (ms.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::tenths;

    #[test]
    fn one_decimal_like_float_formatting() {
        assert_eq!(tenths(0.0), "0.0");
        assert_eq!(tenths(0.44), "0.4");
        assert_eq!(tenths(1.96), "2.0");
        assert_eq!(tenths(12.25), format!("{:.1}", 12.3));
    }
}
