//! Disclosure requests on the portal: the online application form (Art. 29, usable on a phone and
//! without JavaScript), the receipt with the tracking code and query password, and the status
//! page that shows the applicant the status, the deadline and the replies, nothing else.
//!
//! Pages with personal data are never cached (`Cache-Control: no-store`); the query password is
//! posted, never put in a URL.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use gongkai_core::field::FieldErrors;
use gongkai_core::request::applicant::{ApplicantKind, Delivery, FormWanted, IdType};
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::Event;
use gongkai_store::agency::{self, Agency};
use gongkai_store::request::intake::{self, IntakeForm, Receipt, Upload};
use gongkai_store::request::queries;
use gongkai_store::request::row::Request;
use gongkai_store::request::workflow;
use gongkai_store::{Actor, Error, timestamp};
use serde::Deserialize;

use super::Chrome;
use super::preferences::Prefs;
use crate::admin::{HtmlForm, Opt};
use crate::error::{WebError, WebResult};
use crate::state::AppState;
use crate::view;

fn private(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

/// The choices of the form, with the current value selected.
pub(crate) struct Choices {
    pub kinds: Vec<Opt>,
    pub id_types: Vec<Opt>,
    pub forms: Vec<Opt>,
    pub deliveries: Vec<Opt>,
}

impl Choices {
    pub(crate) fn of(f: &IntakeForm) -> Self {
        Self {
            kinds: ApplicantKind::ALL
                .iter()
                .map(|k| Opt { value: k.key(), label: k.label(), selected: f.applicant_type == k.key() })
                .collect(),
            id_types: IdType::ALL
                .iter()
                .map(|k| Opt { value: k.key(), label: k.label(), selected: f.id_type == k.key() })
                .collect(),
            forms: FormWanted::ALL
                .iter()
                .map(|k| Opt { value: k.key(), label: k.label(), selected: f.form == k.key() })
                .collect(),
            deliveries: Delivery::ALL
                .iter()
                .map(|k| Opt { value: k.key(), label: k.label(), selected: f.delivery == k.key() })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "portal/apply.html")]
struct ApplyPage {
    chrome: Chrome,
    agency: Agency,
    form: IntakeForm,
    choices: Choices,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "portal/receipt.html")]
struct ReceiptPage {
    chrome: Chrome,
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
        chrome: Chrome::new(&state.site, Some(&agency), prefs),
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
                uploads.push(Upload {
                    filename: filename.rsplit(['/', '\\']).next().unwrap_or(&filename).to_owned(),
                    bytes: bytes.to_vec(),
                });
            }
            continue;
        }
        let value = field.text().await.map_err(|_| broken())?;
        let slot = match name.as_str() {
            "applicant_type" => &mut form.applicant_type,
            "applicant_name" => &mut form.applicant_name,
            "id_type" => &mut form.id_type,
            "id_number" => &mut form.id_number,
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
    let result = match form.parse_online(timestamp::today_in_china()) {
        Ok(intake) => intake::submit(&state.db, &state.blobs, &Actor::Public, agency.id, intake, uploads).await,
        Err(errors) => Err(Error::Invalid(errors)),
    };
    let chrome = Chrome::new(&state.site, Some(&agency), prefs);
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

/// What the applicant may see of the log: no staff names, no internal opinions.
pub(crate) fn public_steps(events: &[Event]) -> Vec<PublicStep> {
    events
        .iter()
        .filter_map(|e| {
            let text = match e {
                Event::Registered { .. } => "申请已提交".to_owned(),
                Event::Confirmed { received } => format!("已确认收到申请，收到申请之日为{received}"),
                Event::ClarificationRequested { matters, reply_by, .. } => {
                    format!("请补正：{matters}（补正期限至{reply_by}）")
                }
                Event::CorrectionReceived { .. } => "已收到补正后的申请".into(),
                Event::ConsultationStarted { .. } => "正在征求意见（所需时间不计入答复期限）".into(),
                Event::ConsultationEnded { .. } => "征求意见已结束".into(),
                Event::Extended { days, .. } => format!("答复期限延长{days}个工作日"),
                Event::FeeNoticeIssued { amount_yuan, pay_by, .. } => {
                    format!("需缴纳信息处理费{amount_yuan}元，缴费期限至{pay_by}")
                }
                Event::FeePaid { .. } => "已缴纳信息处理费".into(),
                Event::Decided { .. } => "已作出答复".into(),
                Event::Delivered { .. } => "答复已送达".into(),
                Event::Closed { .. } => "已办结".into(),
                Event::Reopened { .. } => "重新办理".into(),
                Event::ClarificationExpired { .. } | Event::FeeExpired { .. } => e.describe(),
                Event::Assigned { .. } | Event::Supervised { .. } => return None,
            };
            Some(PublicStep { date: e.day().to_string(), text })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portal/request_status.html")]
struct StatusPage {
    chrome: Chrome,
    lookup_code: String,
    found: Option<(Request, String, Vec<PublicStep>, bool)>,
    outcome_label: String,
    errors: FieldErrors,
}

pub async fn status_form(State(state): State<AppState>, prefs: Prefs) -> WebResult<Response> {
    let page = StatusPage {
        chrome: Chrome::new(&state.site, None, prefs),
        lookup_code: String::new(),
        found: None,
        outcome_label: String::new(),
        errors: FieldErrors::new(),
    };
    Ok(private(view::page(&page)))
}

pub async fn status(State(state): State<AppState>, prefs: Prefs, HtmlForm(q): HtmlForm<Lookup>) -> WebResult<Response> {
    let chrome = Chrome::new(&state.site, None, prefs);
    match queries::by_code_and_password(&state.db, &q.tracking_code, &q.password).await {
        Ok(request) => {
            let events: Vec<Event> =
                workflow::events(&state.db, request.id).await?.iter().filter_map(|e| e.parsed()).collect();
            let agency = agency::get(&state.db, request.agency_id).await?;
            let has_letter = request.outcome.is_some();
            let outcome_label = request
                .outcome
                .as_deref()
                .and_then(|k| Outcome::parse(k).ok())
                .map(|o| o.label().to_owned())
                .unwrap_or_default();
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
    let format = crate::letters::Format::parse(&q.format)?;
    let request = queries::by_code_and_password(&state.db, &q.tracking_code, &q.password).await?;
    let (filename, bytes) = crate::letters::letter(&state, &Actor::Public, &request, format).await?;
    Ok(crate::letters::download(&filename, format, bytes))
}
