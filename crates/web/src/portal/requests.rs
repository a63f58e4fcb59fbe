//! Disclosure requests on the portal: the online application form (Art. 29, usable on a phone and
//! without JavaScript), the receipt with the tracking code and query password, and the status
//! page that shows the applicant the status, the deadline and the replies, nothing else.
//!
//! Pages with personal data are never cached (`Cache-Control: no-store`); the query password is
//! posted, never put in a URL.

use crate::extract::Path;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use gongkai_core::field::FieldErrors;
use gongkai_core::request::applicant::{ApplicantKind, Delivery, FormWanted, IdType};
use gongkai_core::request::workflow::{Audience, Event, Status};
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::intake::{IntakeForm, Receipt, Upload};
use gongkai_store::request::row::Request;
use gongkai_store::request::workflow;
use serde::Deserialize;

use super::PageFrame;
use super::preferences::Prefs;
use crate::admin::{HtmlForm, SelectOption};
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

pub(crate) fn private(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

/// The choices of the form, with the current value selected.
pub(crate) struct Choices {
    pub kinds: Vec<SelectOption>,
    pub id_types: Vec<SelectOption>,
    pub forms: Vec<SelectOption>,
    pub deliveries: Vec<SelectOption>,
}

impl Choices {
    pub(crate) fn of(f: &IntakeForm) -> Self {
        Self {
            kinds: ApplicantKind::ALL
                .iter()
                .map(|k| SelectOption { value: k.key(), label: k.label(), selected: f.applicant_type == k.key() })
                .collect(),
            id_types: IdType::ALL
                .iter()
                .map(|k| SelectOption { value: k.key(), label: k.label(), selected: f.id_type == k.key() })
                .collect(),
            forms: FormWanted::ALL
                .iter()
                .map(|k| SelectOption { value: k.key(), label: k.label(), selected: f.form == k.key() })
                .collect(),
            deliveries: Delivery::ALL
                .iter()
                .map(|k| SelectOption { value: k.key(), label: k.label(), selected: f.delivery == k.key() })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "portal/apply.html")]
struct ApplyPage {
    chrome: PageFrame,
    agency: Agency,
    form: IntakeForm,
    choices: Choices,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "portal/receipt.html")]
struct ReceiptPage {
    chrome: PageFrame,
    agency: Agency,
    receipt: Receipt,
}

pub async fn form(State(state): State<AppState>, prefs: Prefs, Path(code): Path<String>) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    let form = IntakeForm {
        applicant_type: "natural_person".into(),
        id_type: "resident_id".into(),
        form: "electronic".into(),
        delivery: "online".into(),
        ..Default::default()
    };
    let page = ApplyPage {
        chrome: PageFrame::new(&state.site, Some(&agency), prefs),
        choices: Choices::of(&form),
        agency,
        form,
        errors: FieldErrors::new(),
    };
    Ok(private(view::page(&page)))
}

/// Reads the multipart form: text fields into the [`IntakeForm`], files into uploads.
pub(crate) async fn read_multipart(mut multipart: Multipart) -> Result<(IntakeForm, Vec<Upload>), Error> {
    let broken = || Error::field("attachment", "附件", "表单上传不完整，请重试");
    let mut form = IntakeForm::default();
    let mut uploads = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|_| broken())? {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(filename) = field.file_name().map(str::to_owned) {
            let bytes = field.bytes().await.map_err(|_| broken())?;
            if !filename.is_empty() && !bytes.is_empty() {
                let filename =
                    crate::input_guard::clean_filename(filename.rsplit(['/', '\\']).next().unwrap_or(&filename));
                uploads.push(Upload { filename, bytes: bytes.to_vec() });
            }
            continue;
        }
        let value = field.text().await.map_err(|_| broken())?;
        crate::input_guard::check_field(&name, &value)?;
        let slot = match name.as_str() {
            "applicant_type" => &mut form.applicant_type,
            "applicant_name" => &mut form.applicant_name,
            "id_type" => &mut form.id_type,
            "id_number" => &mut form.id_number,
            "legal_representative" => &mut form.legal_representative,
            "contact_person" => &mut form.contact_person,
            "phone" => &mut form.phone,
            "email" => &mut form.email,
            "address" => &mut form.address,
            "info_title" => &mut form.info_title,
            "doc_number" => &mut form.doc_number,
            "description" => &mut form.description,
            "form" => &mut form.form,
            "delivery" => &mut form.delivery,
            "channel" => &mut form.channel,
            "submitted_on" => &mut form.submitted_on,
            "signed_for_on" => &mut form.signed_for_on,
            "confirmed_on" => &mut form.confirmed_on,
            _ => continue,
        };
        *slot = value;
    }
    Ok((form, uploads))
}

pub async fn submit(
    State(state): State<AppState>,
    prefs: Prefs,
    Path(code): Path<String>,
    multipart: Multipart,
) -> WebResult<Response> {
    let agency = agency::by_code(&state.db, &code).await?;
    let (form, uploads) = read_multipart(multipart).await?;
    let result = gongkai_app::requests::intake::submit_online(&state.app, agency.clone(), &form, uploads).await;
    let chrome = PageFrame::new(&state.site, Some(&agency), prefs);
    match result {
        Ok(receipt) => {
            Ok(private(view::page_with_status(StatusCode::CREATED, &ReceiptPage { chrome, agency, receipt })))
        }
        Err(Error::Invalid(errors)) => {
            let page = ApplyPage { chrome, choices: Choices::of(&form), agency, form, errors };
            Ok(private(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Lookup {
    tracking_code: String,
    password: String,
}

/// One line of the applicant's view of the history.
pub(crate) struct PublicStep {
    pub date: String,
    pub text: String,
}

/// What the applicant may see of the log: no staff names, no internal opinions (the wording is
/// the core's, [`Audience::Applicant`]).
pub(crate) fn public_steps(events: &[Event]) -> Vec<PublicStep> {
    events
        .iter()
        .filter_map(|e| {
            let text = e.describe_for(Audience::Applicant)?;
            Some(PublicStep { date: gongkai_core::calendar::iso_date::format(e.day()), text })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portal/request_status.html")]
struct StatusPage {
    chrome: PageFrame,
    lookup_code: String,
    found: Option<(Request, String, Vec<PublicStep>, bool)>,
    outcome_label: String,
    errors: FieldErrors,
}

pub async fn status_form(State(state): State<AppState>, prefs: Prefs) -> WebResult<Response> {
    let page = StatusPage {
        chrome: PageFrame::new(&state.site, None, prefs),
        lookup_code: String::new(),
        found: None,
        outcome_label: String::new(),
        errors: FieldErrors::new(),
    };
    Ok(private(view::page(&page)))
}

pub async fn status(State(state): State<AppState>, prefs: Prefs, HtmlForm(q): HtmlForm<Lookup>) -> WebResult<Response> {
    let chrome = PageFrame::new(&state.site, None, prefs);
    match gongkai_app::requests::records::for_applicant(&state.app, &q.tracking_code, &q.password).await {
        Ok(request) => {
            let events: Vec<Event> =
                workflow::events(&state.db, request.id).await?.into_iter().map(|e| e.event).collect();
            let agency = agency::get(&state.db, request.agency_id).await?;
            let has_letter = request.outcome.is_some();
            let outcome_label = request.outcome.map(|o| o.label().to_owned()).unwrap_or_default();
            let page = StatusPage {
                chrome,
                lookup_code: q.tracking_code,
                found: Some((request, agency.name, public_steps(&events), has_letter)),
                outcome_label,
                errors: FieldErrors::new(),
            };
            Ok(private(view::page(&page)))
        }
        Err(Error::Invalid(errors)) => {
            let page =
                StatusPage { chrome, lookup_code: q.tracking_code, found: None, outcome_label: String::new(), errors };
            Ok(private(view::page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
        Err(e) => Err(WebError::App(e)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LetterQuery {
    tracking_code: String,
    password: String,
    format: String,
}

/// The applicant's download of the reply letter.
pub async fn letter(State(state): State<AppState>, HtmlForm(q): HtmlForm<LetterQuery>) -> WebResult<Response> {
    let format = gongkai_app::letters::Format::parse(&q.format)?;
    let file =
        gongkai_app::requests::records::letter_for_applicant(&state.app, &q.tracking_code, &q.password, format).await?;
    Ok(crate::letters::download(file))
}
