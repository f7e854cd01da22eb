//! Salary range: minimum and maximum inputs over a histogram of the matching jobs'
//! salaries. Bar heights are classes in tenths (`jobsift-h0` … `jobsift-h10`) because a
//! strict Content-Security-Policy blocks inline `style` attributes.

use crate::context::WidgetContext;
use crate::display::{dollar_range, dollars, grouped};
use crate::state::{Action, SearchState};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct HistogramBar {
    pub low: f64,
    pub high: f64,
    pub count: usize,
}

#[derive(Properties, PartialEq)]
pub struct SalaryRangeProps {
    pub heading: AttrValue,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub include_unknown: bool,
    /// The lowest and highest salary among the matching jobs, as input hints.
    pub bounds: Option<(f64, f64)>,
    pub bars: Vec<HistogramBar>,
    /// Matching jobs that state no salary.
    pub unknown: usize,
    pub dispatch: UseReducerDispatcher<SearchState>,
}

/// Reads a dollar amount the way people type it ("65,000", "65000", " $65000 ",
/// "65000.50", "65k", "52.5K"; cents are dropped, huge amounts saturate). Parsed as
/// integers: going through `f64` linked core's float parser and its power-of-five tables
/// into the wasm.
fn parse_amount(text: &str) -> Option<u32> {
    let digits: String = text.chars().filter(|c| !matches!(c, ',' | '$' | ' ' | '_')).collect();
    let (digits, scale) = match digits.strip_suffix(['k', 'K']) {
        Some(thousands) => (thousands, 1_000u32),
        None => (digits.as_str(), 1),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |digits: &str| digits.bytes().fold(0u32, |amount, digit| amount.saturating_mul(10).saturating_add(u32::from(digit - b'0')));
    // The fraction's dollars: "52.5k" is 52,500; a fraction of a dollar is dropped.
    let fraction_dollars = match scale {
        1_000 => number(&format!("{fraction:0<3}")[..3]),
        _ => 0,
    };
    Some(number(whole).saturating_mul(scale).saturating_add(fraction_dollars))
}

#[function_component(SalaryRange)]
pub fn salary_range(props: &SalaryRangeProps) -> Html {
    let context = use_context::<WidgetContext>().expect("WidgetContext is provided by App");
    let labels = &context.labels;
    let (min_id, max_id) = (context.id("salary-min"), context.id("salary-max"));
    // `change`, not `input`: a half-typed "6" must not filter to $6 and push history.
    // Text that is no amount, or a minimum above the maximum, is marked invalid and
    // changes nothing: the filter in force stays, rather than going without a word.
    let on_bound = |make: fn(Option<u32>) -> Action, other: Option<u32>, crosses: fn(u32, u32) -> bool| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let text = input.value();
            let amount = parse_amount(&text);
            let crossed = amount.zip(other).is_some_and(|(amount, other)| crosses(amount, other));
            if (amount.is_none() && !text.trim().is_empty()) || crossed {
                let _ = input.set_attribute("aria-invalid", "true");
                return;
            }
            let _ = input.remove_attribute("aria-invalid");
            dispatch.dispatch(make(amount))
        })
    };
    // When the range changes from elsewhere (a chip removed, "Clear all", Back), text the
    // boxes refused goes with the invalid mark: the boxes show the range in force.
    let (min_box, max_box) = (use_node_ref(), use_node_ref());
    {
        let boxes = [(min_box.clone(), props.min), (max_box.clone(), props.max)];
        use_effect_with((props.min, props.max), move |_| {
            for (node, amount) in boxes {
                if let Some(input) = node.cast::<HtmlInputElement>() {
                    input.set_value(&amount.map(|a| a.to_string()).unwrap_or_default());
                    let _ = input.remove_attribute("aria-invalid");
                }
            }
        });
    }
    let on_unknown = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: Event| {
            dispatch.dispatch(Action::SetSalaryIncludeUnknown(event.target_unchecked_into::<HtmlInputElement>().checked()))
        })
    };
    let tallest = props.bars.iter().map(|bar| bar.count).max().unwrap_or(0).max(1);
    // A bar is in range when some of its salaries are: the $60k–$80k bar is out at a
    // minimum of $80,000.
    let in_range = |bar: &HistogramBar| {
        props.min.is_none_or(|min| bar.high > min as f64) && props.max.is_none_or(|max| bar.low <= max as f64)
    };
    // The axis is labelled with the bars' own edges, not the salaries' extremes.
    let axis = props.bars.first().zip(props.bars.last()).map(|(first, last)| (dollars(first.low as u32), dollars(last.high as u32)));
    let (low_hint, high_hint) = props.bounds.map(|(lo, hi)| (dollars(lo as u32), dollars(hi as u32))).unwrap_or_default();
    html! {
        <fieldset class="jobsift-facet jobsift-salary">
            <legend class="jobsift-facet-heading">{ props.heading.clone() }</legend>
            if !props.bars.is_empty() {
                <div class="jobsift-histogram" role="img" aria-label={labels.histogram().to_owned()}>
                    { for props.bars.iter().map(|bar| {
                        // Round up so that any non-empty bucket stays visible.
                        let tenths = (bar.count * 10).div_ceil(tallest);
                        html! { <span class="jobsift-bar" data-height={tenths.to_string()} data-in={in_range(bar).then_some("")} title={format!("{}: {}", dollar_range(bar.low as u32, bar.high as u32), grouped(bar.count, labels.thousands_separator()))}></span> }
                    }) }
                </div>
                if let Some((low_edge, high_edge)) = axis {
                    <div class="jobsift-histogram-axis" aria-hidden="true">
                        <span>{ low_edge }</span><span>{ high_edge }</span>
                    </div>
                }
            }
            <div class="jobsift-range-inputs">
                <label for={min_id.clone()} class="jobsift-range-label">{ labels.salary_min().to_owned() }</label>
                <input id={min_id} ref={min_box} class="jobsift-range-input" type="text" inputmode="numeric"
                    placeholder={low_hint}
                    value={props.min.map(|v| v.to_string()).unwrap_or_default()}
                    onchange={on_bound(Action::SetSalaryMin, props.max, |min, max| min > max)} />
                <label for={max_id.clone()} class="jobsift-range-label">{ labels.salary_max().to_owned() }</label>
                <input id={max_id} ref={max_box} class="jobsift-range-input" type="text" inputmode="numeric"
                    placeholder={high_hint}
                    value={props.max.map(|v| v.to_string()).unwrap_or_default()}
                    onchange={on_bound(Action::SetSalaryMax, props.min, |max, min| max < min)} />
            </div>
            <label class="jobsift-value-label">
                <input type="checkbox" class="jobsift-checkbox" checked={props.include_unknown} onchange={on_unknown} />
                <span class="jobsift-value-text">{ labels.salary_unknown().to_owned() }</span>
                <span class="jobsift-value-count">{ grouped(props.unknown, labels.thousands_separator()) }</span>
            </label>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_amount;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_amount("65,000"), Some(65_000));
        assert_eq!(parse_amount(" $80000 "), Some(80_000));
        assert_eq!(parse_amount(""), None);
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("lots"), None);
        assert_eq!(parse_amount("65000.50"), Some(65_000));
        assert_eq!(parse_amount("99999999999"), Some(u32::MAX));
        assert_eq!(parse_amount("."), None);
        assert_eq!(parse_amount("65k"), Some(65_000));
        assert_eq!(parse_amount("$52.5K"), Some(52_500));
        assert_eq!(parse_amount("52.125k"), Some(52_125));
        assert_eq!(parse_amount("1e5"), None);
        assert_eq!(parse_amount("k"), None);
    }
}
