//! The step forms of the request page, drawn from the command catalogue
//! ([`gongkai_core::request::workflow::catalogue`]): one form per step the staff member may take
//! now, one control per field of the command, in the order and with the labels the catalogue
//! gives. Nothing here names a particular command except for its default values.

use gongkai_core::calendar::iso_date;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::catalogue::{FieldKind, Spec};
use gongkai_core::request::workflow::{Kind, RequestState};
use gongkai_store::agency::Agency;
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

/// What the step forms of one request are drawn from.
pub struct FormContext<'a> {
    pub request: &'a Request,
    pub agency: &'a Agency,
    pub state: &'a RequestState,
    pub today: time::Date,
    /// The signed-in staff member's name (the handler field's default when they handle requests).
    pub me_name: &'a str,
    /// The agency's handlers, for the handler list.
    pub handlers: &'a [String],
}

/// The forms of `steps` in `cx`.
pub fn forms(steps: &[&'static Spec], cx: &FormContext) -> Vec<StepView> {
    steps.iter().map(|spec| form(spec, cx)).collect()
}

fn form(spec: &'static Spec, cx: &FormContext) -> StepView {
    let (state, today) = (cx.state, cx.today);
    let fields = spec
        .fields
        .iter()
        .map(|f| {
            let value = default_value(spec.kind, f.name, cx);
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
                FieldKind::Handler => Widget::Select(
                    cx.handlers
                        .iter()
                        .map(|name| OwnedOption { value: name.clone(), label: name.clone(), selected: *name == value })
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
fn default_value(kind: Kind, field: &str, cx: &FormContext) -> String {
    let request = cx.request;
    match (kind, field) {
        (Kind::Confirm, "received") => iso_date::format(request.submitted_on),
        (_, "on") => iso_date::format(cx.today),
        (Kind::Assign, "handler") => cx.me_name.to_owned(),
        (Kind::IssueFeeNotice, "payment_method") => cx.agency.fee_payment_method.clone().unwrap_or_default(),
        (Kind::Extend, "days") => "20".into(),
        (Kind::Decide, "basis") => "《中华人民共和国政府信息公开条例》".into(),
        (Kind::Deliver, "method") => request.delivery.label().to_owned(),
        _ => String::new(),
    }
}
