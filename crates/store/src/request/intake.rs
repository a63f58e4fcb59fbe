//! Receiving a request: the public online form and the JSON API (`online`, receipt to be
//! confirmed, Art. 31(三)), and staff registration of requests received in person, by post, by
//! fax or by email (receipt date fixed at once by the Art. 31 rule of the channel).
//!
//! [`IntakeForm`] holds the raw strings; `IntakeForm::parse` checks every field and reports
//! each problem in Chinese naming the field; [`submit`] stores the request, its first events,
//! its attachments, the audit record and the notifications in one transaction, and only then
//! returns the tracking code and query password.

use gongkai_core::calendar::iso_date;
use gongkai_core::field::{FieldError, FieldErrors};
use gongkai_core::request::applicant::{self, ApplicantKind, Delivery, FormWanted, IdType};
use gongkai_core::request::receipt::{self, Channel, ReceiptFacts};
use gongkai_core::request::workflow::Event;
use gongkai_files::BlobStore;
use gongkai_files::extract;
use rand::Rng;
use time::Date;

use super::query_key::QueryKey;
use super::{notify, workflow};
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;

/// Largest attachment of a request (a scan of an ID card or a letter).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// Most attachments on one request.
pub const MAX_ATTACHMENTS: usize = 5;
/// Longest description of the information sought.
const MAX_DESCRIPTION_CHARS: usize = 2000;

/// The raw fields of the form or API body (empty string = not given).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct IntakeForm {
    pub applicant_type: String,
    pub applicant_name: String,
    pub id_type: String,
    pub id_number: String,
    /// Organisations only: 法定代表人 or 负责人, and the contact person (联系人).
    pub legal_representative: String,
    pub contact_person: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub info_title: String,
    pub doc_number: String,
    pub description: String,
    pub form: String,
    pub delivery: String,
    /// Staff registration only.
    pub channel: String,
    pub submitted_on: String,
    pub signed_for_on: String,
    pub confirmed_on: String,
}

/// A checked request, ready to store.
#[derive(Debug, Clone)]
pub struct Intake {
    pub applicant_type: ApplicantKind,
    pub applicant_name: String,
    pub id_type: IdType,
    pub id_number: String,
    /// Empty for a natural person.
    pub legal_representative: String,
    /// Empty for a natural person.
    pub contact_person: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub info_title: String,
    pub doc_number: String,
    pub description: String,
    pub form: FormWanted,
    pub delivery: Delivery,
    pub channel: Channel,
    pub submitted_on: Date,
    /// Fixed at registration for the channels whose receipt needs no confirmation step.
    pub received_on: Option<Date>,
}

/// An attachment as uploaded.
#[derive(Debug, Clone)]
pub struct Upload {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// Who typed the form in: the applicant online (submitted today, receipt confirmed later), or
/// staff registering a request received another way (channel and Art. 31 dates given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Online,
    ByStaff,
}

/// What the applicant keeps to follow the request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Receipt {
    #[serde(skip)]
    pub id: i64,
    pub tracking_code: String,
    pub query_password: String,
}

/// Refuses text that looks like markup (`<script`, `<a href`, `</p>`); a lone `<` as in
/// `面积<100平方米` is fine. Stored text is escaped when shown either way.
fn check_no_markup(errors: &mut FieldErrors, field: &str, label: &str, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let tag = chars.windows(2).any(|w| w[0] == '<' && (w[1].is_ascii_alphabetic() || w[1] == '/' || w[1] == '!'));
    if tag || text.to_ascii_lowercase().contains("javascript:") {
        errors.push(FieldError::new(field, label, format!("{label}不能包含网页代码（如<script>），请只填写文字")));
    }
}

fn text(errors: &mut FieldErrors, field: &str, label: &str, value: &str, required: bool, max: usize) -> String {
    let v = value.trim().to_owned();
    if required && v.is_empty() {
        errors.push(FieldError::new(field, label, format!("请填写{label}")));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, label, format!("{label}不能超过{max}个字")));
    } else {
        check_no_markup(errors, field, label, &v);
    }
    v
}

fn date(errors: &mut FieldErrors, field: &str, label: &str, value: &str) -> Option<Date> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    match iso_date::parse(v) {
        Ok(d) => Some(d),
        Err(invalid) => {
            let message =
                invalid.reason_for(label).unwrap_or_else(|| format!("{label}应为“年-月-日”格式，如2025-09-26"));
            errors.push(FieldError::new(field, label, message));
            None
        }
    }
}

impl IntakeForm {
    /// Checks an online submission from the public (channel `online`, submitted `today`).
    pub fn parse_online(&self, today: Date) -> std::result::Result<Intake, FieldErrors> {
        self.parse(Entry::Online, today)
    }

    /// Checks a registration by staff: the channel and the dates the Art. 31 rule needs.
    pub fn parse_registration(&self, today: Date) -> std::result::Result<Intake, FieldErrors> {
        self.parse(Entry::ByStaff, today)
    }

    fn parse(&self, entry: Entry, today: Date) -> std::result::Result<Intake, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = ApplicantKind::parse(self.applicant_type.trim()).map_err(|e| errors.push(e)).ok();
        let applicant_name = text(&mut errors, "applicant_name", "申请人姓名或名称", &self.applicant_name, true, 100);
        let id_type = IdType::parse(self.id_type.trim()).map_err(|e| errors.push(e)).ok();
        let id_number = match (kind, id_type) {
            (Some(k), Some(t)) => {
                let number =
                    applicant::validate_id(k, t, &self.id_number).map_err(|e| errors.push(e)).unwrap_or_default();
                if t == IdType::ResidentId
                    && !number.is_empty()
                    && let Err(e) = applicant::born_by(&number, today)
                {
                    errors.push(e);
                }
                number
            }
            _ => String::new(),
        };
        // Asked of organisations (the standard application form's 法定代表人 and 联系人); a
        // natural person's form has no such lines, so whatever was typed there is dropped.
        let organisation = kind.is_some_and(|k| k.is_organisation());
        let (legal_representative, contact_person) = if organisation {
            (
                text(&mut errors, "legal_representative", "法定代表人或负责人", &self.legal_representative, false, 50),
                text(&mut errors, "contact_person", "联系人", &self.contact_person, false, 50),
            )
        } else {
            (String::new(), String::new())
        };
        let phone = text(&mut errors, "phone", "联系电话", &self.phone, false, 30);
        if !phone.is_empty() && !phone.chars().all(|c| c.is_ascii_digit() || "-+ ()（）转".contains(c)) {
            errors.push(FieldError::new("phone", "联系电话", "联系电话只能包含数字、“-”和“+”"));
        }
        let email = text(&mut errors, "email", "电子邮箱", &self.email, false, 100);
        if !email.is_empty() && !gongkai_core::field::looks_like_email(&email) {
            errors.push(FieldError::new("email", "电子邮箱", "电子邮箱格式不正确"));
        }
        let address = text(&mut errors, "address", "通信地址", &self.address, false, 200);
        if phone.is_empty() && email.is_empty() && address.is_empty() {
            errors.push(FieldError::new("phone", "联系电话", "请至少填写一种联系方式（联系电话、电子邮箱或通信地址）"));
        }
        let info_title = text(&mut errors, "info_title", "所需信息名称", &self.info_title, false, 200);
        let doc_number = text(&mut errors, "doc_number", "文号", &self.doc_number, false, 100);
        let description =
            text(&mut errors, "description", "所需信息的内容描述", &self.description, true, MAX_DESCRIPTION_CHARS);
        let form = FormWanted::parse(self.form.trim()).map_err(|e| errors.push(e)).ok();
        let delivery = Delivery::parse(self.delivery.trim()).map_err(|e| errors.push(e)).ok();
        match delivery {
            Some(Delivery::Email) if email.is_empty() => {
                errors.push(FieldError::new("email", "电子邮箱", "选择电子邮件获取时请填写电子邮箱"))
            }
            Some(Delivery::Post) if address.is_empty() => {
                errors.push(FieldError::new("address", "通信地址", "选择邮寄时请填写通信地址"))
            }
            _ => {}
        }
        let (channel, submitted_on, received_on) = match entry {
            Entry::Online => (Some(Channel::Online), Some(today), None),
            Entry::ByStaff => {
                let channel = Channel::parse(self.channel.trim()).map_err(|e| errors.push(e)).ok();
                let before_dates = errors.0.len();
                let submitted = date(&mut errors, "submitted_on", "提交日期", &self.submitted_on);
                let facts = ReceiptFacts {
                    submitted,
                    signed_for: date(&mut errors, "signed_for_on", "签收日期", &self.signed_for_on),
                    confirmed: date(&mut errors, "confirmed_on", "确认日期", &self.confirmed_on),
                };
                let unreadable = errors.0.len() > before_dates;
                if submitted.is_none() {
                    errors.push(FieldError::new("submitted_on", "提交日期", "请填写提交日期"));
                }
                for (d, field, label) in [
                    (facts.submitted, "submitted_on", "提交日期"),
                    (facts.signed_for, "signed_for_on", "签收日期"),
                    (facts.confirmed, "confirmed_on", "确认日期"),
                ] {
                    if d.is_some_and(|d| d > today) {
                        errors.push(FieldError::new(field, label, format!("{label}不能晚于今天")));
                    }
                }
                let received = match channel {
                    // Unless a date was unreadable (already reported), say which date the rule needs.
                    Some(c) if !unreadable => receipt::receipt_date(c, &facts).map_err(|e| errors.push(e)).ok(),
                    _ => None,
                };
                (channel, submitted, received)
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Intake {
            applicant_type: kind.expect("checked"),
            applicant_name,
            id_type: id_type.expect("checked"),
            id_number,
            legal_representative,
            contact_person,
            phone,
            email,
            address,
            info_title,
            doc_number,
            description,
            form: form.expect("checked"),
            delivery: delivery.expect("checked"),
            channel: channel.expect("checked"),
            submitted_on: submitted_on.expect("checked"),
            received_on,
        })
    }
}

/// Checks uploads of a request: at most [`MAX_ATTACHMENTS`], each a PDF or an image of at most
/// [`MAX_ATTACHMENT_BYTES`] whose content matches its name.
pub fn check_uploads(uploads: &[Upload]) -> std::result::Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if uploads.len() > MAX_ATTACHMENTS {
        errors.push(FieldError::new("attachment", "附件", format!("附件最多{MAX_ATTACHMENTS}个")));
    }
    for u in uploads {
        let ext = u.filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if let Err(e) = extract::check_upload(&u.filename, &u.bytes, MAX_ATTACHMENT_BYTES) {
            errors.push(FieldError::new("attachment", "附件", e.to_string()));
        } else if !["pdf", "jpg", "jpeg", "png"].contains(&ext.as_str()) {
            errors.push(FieldError::new(
                "attachment",
                "附件",
                format!("附件“{}”的类型不允许：身份证明等附件只能上传PDF、JPG或PNG", u.filename),
            ));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A tracking code: the submission date and six random characters (`20251009-7K3MQZ`).
fn tracking_code(on: Date) -> String {
    let mut rng = rand::rng();
    let tail: String = (0..6).map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char).collect();
    format!("{:04}{:02}{:02}-{tail}", on.year(), on.month() as u8, on.day())
}

/// A query password of eight characters without look-alikes (0/O, 1/I/l).
fn query_password() -> String {
    let mut rng = rand::rng();
    (0..8).map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char).collect()
}

/// Stores a checked request with its uploads for `agency_id` in a transaction of its own;
/// returns once it is committed. The online and staff intake go through
/// [`super::group_commit::IntakeQueue`], which commits requests arriving together at once.
pub async fn submit(
    db: &Db,
    blobs: &BlobStore,
    actor: &Actor,
    agency_id: i64,
    intake: Intake,
    uploads: Vec<Upload>,
    key: &QueryKey,
) -> Result<Receipt> {
    let agency = crate::agency::get(db, agency_id).await?;
    let ready = prepare(blobs, actor, agency, intake, uploads).await?;
    write_alone(db, &ready, key).await
}

/// Writes a prepared request in a transaction of its own.
pub(crate) async fn write_alone(db: &Db, ready: &Prepared, key: &QueryKey) -> Result<Receipt> {
    let mut tx = db.begin().await?;
    let calendar = crate::calendar::for_agency_in(&mut tx, &ready.agency).await?;
    let (receipt, change) = write(&mut tx, ready, &calendar, key).await?;
    audit::append(&mut tx, &ready.actor, change).await?;
    tx.commit().await?;
    Ok(receipt)
}

/// A request checked, its agency looked up and its uploads stored: what [`write()`] needs.
pub struct Prepared {
    pub(crate) actor: Actor,
    pub(crate) agency: crate::agency::Agency,
    intake: Intake,
    stored: Vec<(String, String, usize)>,
}

/// Everything before the transaction: the uploads checked and put in the blob store. (The calendar is read inside the transaction, on its connection: on PostgreSQL reads
/// and writes share one pool, and a transaction waiting for a second connection deadlocks the
/// pool under load.)
pub async fn prepare(
    blobs: &BlobStore,
    actor: &Actor,
    agency: crate::agency::Agency,
    intake: Intake,
    uploads: Vec<Upload>,
) -> Result<Prepared> {
    check_uploads(&uploads).map_err(Error::Invalid)?;
    let mut stored = Vec::new();
    for u in uploads {
        let size = u.bytes.len();
        let blob = blobs.put(u.bytes.into()).await.map_err(|e| Error::Internal(format!("blob store: {e}")))?;
        stored.push((u.filename, blob.key, size));
    }
    Ok(Prepared { actor: actor.clone(), agency, intake, stored })
}

/// Writes a prepared request, its first events, attachments and notifications in `tx`, with
/// the agency's `calendar` read in `tx` ([`crate::calendar::for_agency_in`]), and returns its
/// receipt (which holds once `tx` commits) and its audit record, which the caller appends (once
/// for a whole batch, see [`super::group_commit`]).
pub async fn write(
    tx: &mut crate::db::Tx,
    ready: &Prepared,
    calendar: &gongkai_core::calendar::Calendar,
    key: &QueryKey,
) -> Result<(Receipt, Change<'static>)> {
    let Prepared { actor, agency, intake, stored } = ready;
    let agency_id = agency.id;
    let password = query_password();
    let now = timestamp::now();
    // A tracking code already taken (one in 887 million a day) is drawn again; the insert
    // itself tells, so no statement is spent checking first.
    let (id, code) = loop {
        let code = tracking_code(intake.submitted_on);
        if let Some(id) = insert_request(tx, ready, &code, key.hash(&code, &password), &now).await? {
            break (id, code);
        }
    };
    for (filename, key, size) in stored {
        let content_type = crate::catalogue::attachments::content_type(filename);
        sqlx::query("insert into request_attachments (request_id, filename, blob_key, size, content_type, created_at) values ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(filename)
            .bind(key)
            .bind(*size as i64)
            .bind(content_type)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
    }
    let mut events =
        vec![Event::Registered { channel: intake.channel.key().to_owned(), submitted: intake.submitted_on }];
    if let Some(received) = intake.received_on {
        events.push(Event::Confirmed { received });
    }
    workflow::append(tx, actor, id, &events).await?;
    let request = workflow::derive_new(tx, id, calendar, &events).await?;
    let change = Change {
        agency_id: Some(agency_id),
        entity: "request",
        entity_id: id.to_string(),
        action: "submit",
        before: None,
        after: Some(
            serde_json::json!({"tracking_code": code, "channel": intake.channel.key(), "status": request.status}),
        ),
    };
    notify::to_person(
        tx,
        agency_id,
        &intake.email,
        &agency.name,
        "已收到您的政府信息公开申请",
        &format!(
            "您向{}提出的政府信息公开申请已收到，查询码：{}。请凭查询码和查询密码在网站查询办理进度。",
            agency.name, code
        ),
    )
    .await?;
    notify::to_agency(
        tx,
        agency_id,
        "新的政府信息公开申请",
        &format!("收到政府信息公开申请{code}（{}），请及时登记办理。", intake.channel.label()),
    )
    .await?;
    Ok((Receipt { id, tracking_code: code, query_password: password }, change))
}

/// Inserts the request row under `code`; `None` when the code is taken.
async fn insert_request(
    tx: &mut crate::db::Tx,
    ready: &Prepared,
    code: &str,
    password_hash: String,
    now: &str,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "insert into requests (agency_id, tracking_code, password_hash, channel, applicant_type, applicant_name, id_type, id_number,
            phone, email, address, info_title, doc_number, description, form_wanted, delivery, status, submitted_on,
            created_by, created_at, updated_at, legal_representative, contact_person)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'registered', $17, $18, $19, $19, $20, $21)
         on conflict (tracking_code) do nothing returning id",
    )
    .bind(ready.agency.id)
    .bind(code)
    .bind(password_hash)
    .bind(ready.intake.channel.key())
    .bind(ready.intake.applicant_type.key())
    .bind(&ready.intake.applicant_name)
    .bind(ready.intake.id_type.key())
    .bind(&ready.intake.id_number)
    .bind(&ready.intake.phone)
    .bind(&ready.intake.email)
    .bind(&ready.intake.address)
    .bind(&ready.intake.info_title)
    .bind(&ready.intake.doc_number)
    .bind(&ready.intake.description)
    .bind(ready.intake.form.key())
    .bind(ready.intake.delivery.key())
    .bind(iso_date::format(ready.intake.submitted_on))
    .bind(ready.actor.to_string())
    .bind(now)
    .bind(&ready.intake.legal_representative)
    .bind(&ready.intake.contact_person)
    .fetch_optional(&mut **tx)
    .await?)
}
