//! A catalogue item as stored, the form people type, and its validation.

use gongkai_core::calendar::iso_date;
use gongkai_core::catalogue::doc_number;
use gongkai_core::catalogue::review::Status;
use gongkai_core::catalogue::validity::{DocKind, Validity};
use gongkai_core::field::{FieldError, FieldErrors, optional_text, required_text};
use gongkai_core::law::{categories, subjects};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::actor::StoredActor;
use gongkai_core::calendar::china_time::Moment;

/// A stored item, decoded.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: i64,
    pub agency_id: i64,
    pub status: Status,
    pub title: String,
    pub summary: Option<String>,
    pub body: String,
    pub body_text: String,
    /// An Art. 20/21 key (`art20.1`, see [`categories`]).
    pub category: String,
    /// A 主题分类 path (`综合政务\政务公开`).
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    #[serde(with = "iso_date::option")]
    pub written_on: Option<Date>,
    #[serde(with = "iso_date::option")]
    pub formed_on: Option<Date>,
    #[serde(with = "iso_date::option")]
    pub published_on: Option<Date>,
    pub published_at: Option<Moment>,
    pub scheduled_at: Option<Moment>,
    pub keywords: Option<String>,
    pub validity: Validity,
    pub kind: DocKind,
    #[serde(with = "iso_date::option")]
    pub effective_on: Option<Date>,
    #[serde(with = "iso_date::option")]
    pub expires_on: Option<Date>,
    pub in_system_column: bool,
    pub index_number: Option<String>,
    pub publish_workdays: Option<i64>,
    pub source_id: Option<String>,
    /// For a revision: the published item it revises (see [`super::revision`]).
    pub revision_of: Option<i64>,
    /// For an item 废止 or 失效: the document that decided it.
    pub repealed_by: Option<String>,
    pub created_by: StoredActor,
    pub created_at: Moment,
    pub updated_at: Moment,
}

crate::from_row!(Item, "items", |r| Ok(Item {
    id: r.id(),
    agency_id: r.int("agency_id")?,
    status: r.parsed("status")?,
    title: r.text("title")?,
    summary: r.opt_text("summary")?,
    body: r.text("body")?,
    body_text: r.text("body_text")?,
    category: r.text("category")?,
    subject: r.opt_text("subject")?,
    issuer: r.opt_text("issuer")?,
    doc_number: r.opt_text("doc_number")?,
    written_on: r.opt_date("written_on")?,
    formed_on: r.opt_date("formed_on")?,
    published_on: r.opt_date("published_on")?,
    published_at: r.opt_moment("published_at")?,
    scheduled_at: r.opt_moment("scheduled_at")?,
    keywords: r.opt_text("keywords")?,
    validity: r.parsed("validity")?,
    kind: r.parsed("kind")?,
    effective_on: r.opt_date("effective_on")?,
    expires_on: r.opt_date("expires_on")?,
    in_system_column: r.flag("in_system_column")?,
    index_number: r.opt_text("index_number")?,
    publish_workdays: r.opt_int("publish_workdays")?,
    source_id: r.opt_text("source_id")?,
    revision_of: r.opt_int("revision_of")?,
    repealed_by: r.opt_text("repealed_by")?,
    created_by: r.actor("created_by")?,
    created_at: r.moment("created_at")?,
    updated_at: r.moment("updated_at")?,
}));

impl Item {
    pub fn status(&self) -> Status {
        self.status
    }

    pub fn status_label(&self) -> &'static str {
        self.status.label()
    }

    pub fn category_label(&self) -> &'static str {
        categories::by_key(&self.category).map(|c| c.short).unwrap_or("其他")
    }

    pub fn validity_label(&self) -> &'static str {
        self.validity.label()
    }

    pub fn kind_label(&self) -> &'static str {
        self.kind.label()
    }

    /// The 主题分类 as people read it: `民政、扶贫、救灾 › 社会福利`.
    pub fn subject_label(&self) -> Option<String> {
        self.subject.as_deref().map(|s| s.replace('\\', " › "))
    }

    /// The metadata block's cells besides the title, two to a row, leaving out those with no
    /// value (a row of one cell spans the row).
    pub fn metadata_rows(&self) -> Vec<Vec<(&'static str, String)>> {
        let date = |d: Option<time::Date>| d.map(iso_date::format);
        let cells: Vec<(&'static str, String)> = [
            ("索引号", self.index_number.clone()),
            ("主题分类", self.subject_label()),
            ("发文机关", self.issuer.clone()),
            ("成文日期", date(self.written_on)),
            ("发文字号", self.doc_number.clone()),
            ("发布日期", date(self.published_on)),
            ("生效日期", date(self.effective_on)),
            (self.end_label(), date(self.expires_on)),
            ("有效性", Some(self.validity_label().to_owned())),
            ("主题词", self.keywords.clone()),
        ]
        .into_iter()
        .filter_map(|(label, value)| value.filter(|v| !v.trim().is_empty()).map(|v| (label, v)))
        .collect();
        cells.chunks(2).map(<[_]>::to_vec).collect()
    }

    /// When it was published, as the page's byline says it: `2025-05-06 09:30` (China time), or
    /// the day alone when no time of day is known (a date-only import stores midnight).
    pub fn publication_label(&self) -> String {
        use gongkai_core::calendar::china_time::{OFFSET, plain_minute};
        match self.published_at {
            Some(m) if m.0.to_offset(OFFSET).time() == time::Time::MIDNIGHT => iso_date::format(m.date()),
            Some(m) => plain_minute(m.0),
            None => String::new(),
        }
    }

    /// The year of publication, when published.
    pub fn published_year(&self) -> Option<i32> {
        self.published_on.map(|d| d.year())
    }

    /// Published later than Art. 26's 20 working days after it was formed or changed.
    pub fn is_late(&self) -> bool {
        self.publish_workdays.is_some_and(|d| d > 20)
    }

    /// The name of the end date in the metadata block: 失效日期 for a lapsed document, else 废止日期.
    pub fn end_label(&self) -> &'static str {
        if self.validity == Validity::Expired { "失效日期" } else { "废止日期" }
    }

    /// The portal's banner over a document no longer in force: `本文件已于2026年3月1日废止，依据：…。`
    pub fn repeal_banner(&self) -> Option<String> {
        if self.validity == Validity::InForce {
            return None;
        }
        let when = self.expires_on.map(|d| format!("于{}", iso_date::chinese(d))).unwrap_or_default();
        let basis = self.repealed_by.as_deref().map(|b| format!("，依据：{b}")).unwrap_or_default();
        Some(format!("本文件已{when}{}{basis}。", self.validity.label()))
    }

    pub fn keyword_list(&self) -> Vec<&str> {
        self.keywords.as_deref().unwrap_or("").split(['、', ',', '，', ' ']).filter(|k| !k.is_empty()).collect()
    }
}

/// The item form as typed by a person (every field a string).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ItemForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: String,
    pub subject: String,
    pub issuer: String,
    pub doc_number: String,
    pub written_on: String,
    pub formed_on: String,
    pub keywords: String,
    pub validity: String,
    pub kind: String,
    pub effective_on: String,
    pub expires_on: String,
    pub in_system_column: Option<String>,
    /// For a policy interpretation (政策解读): index numbers of the documents it interprets.
    pub interprets: String,
}

/// A validated item form.
#[derive(Debug, Clone)]
pub struct ItemFields {
    pub title: String,
    pub summary: Option<String>,
    /// Sanitised HTML.
    pub body: String,
    pub body_text: String,
    pub category: &'static str,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub written_on: Option<Date>,
    pub formed_on: Option<Date>,
    pub keywords: Option<String>,
    pub validity: Validity,
    pub kind: DocKind,
    pub effective_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub in_system_column: bool,
    /// Index numbers of the documents this item interprets.
    pub interprets: Vec<String>,
}

fn date_field(e: &mut FieldErrors, field: &str, label: &str, value: &str) -> Option<Date> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match iso_date::parse(value) {
        Ok(d) => Some(d),
        Err(invalid) => {
            let message =
                invalid.reason_for(label).unwrap_or_else(|| format!("{label}应为有效的“年-月-日”，如 2025-03-01"));
            e.push(FieldError::new(field, label, message));
            None
        }
    }
}

impl ItemForm {
    pub fn parse(&self) -> Result<ItemFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = required_text(&mut e, "title", "标题", &self.title, 300);
        let summary = optional_text(&mut e, "summary", "内容概述", &self.summary, 2000);
        let body = crate::catalogue::drafts::sanitise(&self.body);
        if body.chars().count() > 500_000 {
            e.push(FieldError::new("body", "正文", "正文过长：最多50万字"));
        }
        let body_text = crate::catalogue::drafts::plain_text(&body);
        let category = match categories::parse("category", &self.category) {
            Ok(c) => Some(c.key),
            Err(err) => {
                e.push(err);
                None
            }
        };
        let subject = match self.subject.trim() {
            "" => None,
            s => match subjects::parse(s) {
                Ok(subject) => Some(subject.to_string()),
                Err(err) => {
                    e.push(err);
                    None
                }
            },
        };
        let issuer = optional_text(&mut e, "issuer", "发文机关", &self.issuer, 300);
        let doc_number = match self.doc_number.trim() {
            "" => None,
            s => match doc_number::parse(s) {
                Ok(n) => Some(n.to_string()),
                Err(err) => {
                    e.push(err);
                    None
                }
            },
        };
        let written_on = date_field(&mut e, "written_on", "成文日期", &self.written_on);
        let formed_on = date_field(&mut e, "formed_on", "形成或变更日期", &self.formed_on);
        let keywords = optional_text(&mut e, "keywords", "主题词", &self.keywords, 200);
        let validity = match self.validity.trim() {
            "" => Some(Validity::InForce),
            s => s.parse::<Validity>().map_err(|m| e.push(FieldError::new("validity", "有效性", m.to_string()))).ok(),
        };
        let kind = match self.kind.trim() {
            "" => Some(DocKind::Other),
            s => s.parse::<DocKind>().map_err(|m| e.push(FieldError::new("kind", "文件类型", m.to_string()))).ok(),
        };
        let effective_on = date_field(&mut e, "effective_on", "生效日期", &self.effective_on);
        let expires_on = date_field(&mut e, "expires_on", "失效或废止日期", &self.expires_on);
        if let (Some(a), Some(b)) = (effective_on, expires_on)
            && b < a
        {
            e.push(FieldError::new("expires_on", "失效或废止日期", "失效或废止日期不能早于生效日期"));
        }
        if let (Some(w), Some(f)) = (written_on, formed_on)
            && f < w
        {
            e.push(FieldError::new("formed_on", "形成或变更日期", "形成或变更日期不能早于成文日期"));
        }
        e.into_result()?;
        Ok(ItemFields {
            title,
            summary,
            body,
            body_text,
            category: category.expect("checked"),
            subject,
            issuer,
            doc_number,
            written_on,
            formed_on,
            keywords,
            validity: validity.expect("checked"),
            kind: kind.expect("checked"),
            effective_on,
            expires_on,
            in_system_column: self.in_system_column.is_some(),
            interprets: self
                .interprets
                .split([',', '，', '、', ' ', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }

    /// The form pre-filled from a stored item.
    pub fn from_item(item: &Item) -> Self {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let d = |v: &Option<Date>| v.map(iso_date::format).unwrap_or_default();
        Self {
            title: item.title.clone(),
            summary: s(&item.summary),
            body: item.body.clone(),
            category: item.category.clone(),
            subject: s(&item.subject),
            issuer: s(&item.issuer),
            doc_number: s(&item.doc_number),
            written_on: d(&item.written_on),
            formed_on: d(&item.formed_on),
            keywords: s(&item.keywords),
            validity: item.validity.as_str().to_owned(),
            kind: item.kind.as_str().to_owned(),
            effective_on: d(&item.effective_on),
            expires_on: d(&item.expires_on),
            in_system_column: item.in_system_column.then(|| "1".into()),
            interprets: String::new(),
        }
    }
}
