//! The active filters as removable "chips", shared by the current-filters bar and the
//! empty state's suggestions.

use crate::context::WidgetContext;
use crate::display::{dollar_range, dollars};
use crate::labels::fill;
use crate::state::{Action, SearchState};
use jobsift_core::schema::{FacetKind, FacetSource, FacetSpec, Schema};
use jobsift_core::EmploymentType;

#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    pub text: String,
    pub remove: Action,
}

/// How a facet's values read where the site has not labelled them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueWording {
    /// As the index has them (tags, organisations, places).
    AsIndexed,
    /// "true"/"false" as yes/no.
    YesNo,
    /// "full-time" as "Full-time" (a site words them in other languages through
    /// `valueLabels`).
    EmploymentType,
}

impl ValueWording {
    pub fn of(spec: &FacetSpec) -> ValueWording {
        match (spec.kind, &spec.source) {
            (FacetKind::Bool, _) => ValueWording::YesNo,
            (_, FacetSource::EmploymentType) => ValueWording::EmploymentType,
            _ => ValueWording::AsIndexed,
        }
    }
}

/// A facet value as visitors read it: the site's label for it (`valueLabels`), else the
/// widget's wording for its kind.
pub fn value_text(context: &WidgetContext, facet: &str, wording: ValueWording, value: &str) -> String {
    if let Some(label) = context.value_labels.get(facet, value) {
        return label.to_owned();
    }
    let labels = &context.labels;
    match (wording, value) {
        (ValueWording::YesNo, "true") => labels.yes().to_owned(),
        (ValueWording::YesNo, "false") => labels.no().to_owned(),
        (_, jobsift_core::search::UNKNOWN_VALUE) => labels.unknown().to_owned(),
        (ValueWording::EmploymentType, _) => match EmploymentType::parse(value) {
            Some(kind) => kind.label().to_owned(),
            None => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

pub fn active_chips(context: &WidgetContext, schema: &Schema, state: &SearchState) -> Vec<Chip> {
    let labels = &context.labels;
    let mut chips = Vec::new();
    for (facet, values) in state.selected.iter() {
        // Only values the search applies: a stale or hand-made link's "f.salary=100000"
        // names a range facet, which is filtered through its own controls.
        let Some(spec) = schema.facet(facet).filter(|spec| !spec.kind.is_range()) else { continue };
        let heading = context.facet_label(&spec.name, &spec.label);
        for value in values {
            chips.push(Chip {
                text: format!("{heading}: {}", value_text(context, facet, ValueWording::of(spec), value)),
                remove: Action::RemoveValue { facet: facet.clone(), value: value.clone() },
            });
        }
    }
    if state.has_salary_range() {
        let range = match (state.salary_min, state.salary_max) {
            (Some(min), Some(max)) => dollar_range(min, max),
            (Some(min), None) => format!("≥ {}", dollars(min)),
            (None, Some(max)) => format!("≤ {}", dollars(max)),
            (None, None) => String::new(),
        };
        let heading = schema.facet_fed_by(&FacetSource::Salary)
            .map(|f| context.facet_label(&f.name, &f.label))
            .unwrap_or_else(|| labels.salary_min().to_owned());
        chips.push(Chip { text: format!("{heading}: {range}"), remove: Action::ClearSalary });
    }
    if let Some(days) = state.posted_within {
        let heading = schema.facet_fed_by(&FacetSource::Posted)
            .map(|f| context.posted_heading(&f.name, &f.label))
            .unwrap_or_else(|| labels.posted_within().to_owned());
        chips.push(Chip {
            text: format!("{heading}: {}", fill(labels.last_days(), &[("days", &days.to_string())])),
            remove: Action::SetPostedWithin(None),
        });
    }
    if state.hide_expired {
        chips.push(Chip { text: labels.hide_expired().to_owned(), remove: Action::SetHideExpired(false) });
    }
    chips
}
