//! The step forms of the request page, drawn from the command catalogue
//! ([`gongkai_core::request::workflow::catalogue`]): one form per step the staff member may take
//! now, one control per field of the command, in the order and with the labels the catalogue
//! gives. Nothing here names a particular command except for its default values.

use gongkai_core::calendar::iso_date;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::catalogue::{FieldKind, Spec};
use gongkai_core::request::workflow::{Kind, RequestState};
use gongkai_store::request::row::Request;

use super::SelectOption;

/// How a field is drawn.
pub enum Widget {
    /// A one-line input (`numeric`: a number).
    Line {
        numeric: bool,
        placeholder: &'static str,
    },
    Area,
    Select(Vec<OwnedOption>),
}

/// A choice whose label may be computed (an open consultation).
pub struct OwnedOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl From<SelectOption> for OwnedOption {
    fn from(o: SelectOption) -> Self {
        OwnedOption { value: o.value.to_owned(), label: o.label.to_owned(), selected: o.selected }
    }
}

/// One control of a step form.
pub struct FieldView {
    /// The element id, unique on the page (`extend-reason`).
    pub id: String,
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub widget: Widget,
}

/// One step form.
pub struct StepView {
    pub key: &'static str,
    pub label: &'static str,
    pub fields: Vec<FieldView>,
}

/// The forms of `steps` on `request` in `state`; `me_name` fills the handler field.
pub fn forms(
    steps: &[&'static Spec],
    request: &Request,
    state: &RequestState,
    today: time::Date,
    me_name: &str,
) -> Vec<StepView> {
    steps.iter().map(|spec| form(spec, request, state, today, me_name)).collect()
}

fn form(spec: &'static Spec, request: &Request, state: &RequestState, today: time::Date, me_name: &str) -> StepView {
    let fields = spec
        .fields
        .iter()
        .map(|f| {
            let value = default_value(spec.kind, f.name, request, today, me_name);
            let widget = match f.kind {
                FieldKind::Date => Widget::Line { numeric: false, placeholder: "年-月-日" },
                FieldKind::Text => Widget::Line { numeric: false, placeholder: "" },
                FieldKind::Count => Widget::Line { numeric: true, placeholder: "" },
                FieldKind::LongText => Widget::Area,
                FieldKind::Choice(choices) => Widget::Select(
                    choices
                        .iter()
                        .map(|(k, l)| OwnedOption { value: (*k).into(), label: (*l).into(), selected: *k == value })
                        .collect(),
                ),
                FieldKind::Outcome => Widget::Select(
                    Outcome::available_in(today.year())
                        .into_iter()
                        .map(|o| OwnedOption { value: o.key().into(), label: o.label().into(), selected: false })
                        .collect(),
                ),
                FieldKind::OpenConsultation => Widget::Select(
                    state
                        .consultations
                        .iter()
                        .filter(|c| c.end.is_none())
                        .map(|c| OwnedOption {
                            value: c.no.to_string(),
                            label: format!("{}：{}", c.no, c.party),
                            selected: false,
                        })
                        .collect(),
                ),
            };
            FieldView { id: format!("{}-{}", spec.key, f.name), name: f.name, label: f.label, value, widget }
        })
        .collect();
    StepView { key: spec.key, label: spec.label, fields }
}

/// What a field holds when the form opens.
fn default_value(kind: Kind, field: &str, request: &Request, today: time::Date, me_name: &str) -> String {
    match (kind, field) {
        (Kind::Confirm, "received") => iso_date::format(request.submitted_on),
        (_, "on") => iso_date::format(today),
        (Kind::Assign, "handler") => me_name.to_owned(),
        (Kind::Extend, "days") => "20".into(),
        (Kind::Decide, "basis") => "《中华人民共和国政府信息公开条例》".into(),
        (Kind::Deliver, "method") => request.delivery.label().to_owned(),
        _ => String::new(),
    }
}
