//! Bulk import of an existing site's catalogue: one item per JSONL line or CSV row, with the
//! column names of the JSON keys. Valid lines load even when others fail; each failure names the
//! line and the field. Batches commit in one transaction each; a re-run skips every `source_id`
//! already imported for the agency, so it imports nothing twice. Imported items keep their
//! published date and get index numbers in file order.
//!
//! An import goes through the same gate as a draft: every row is scanned for secrets (its text
//! and its attachments' text). A row with hits is held at 保密审查 and listed in the summary;
//! a clean row waits at 签发, or is published at once only when the importer chose
//! [`CleanRows::Publish`] (audited as `import_publish`). A row whose attachment cannot be read, a
//! published date in the future or before the written date, is a line error and imports nothing.

use std::path::Path;

use gongkai_core::calendar::iso_date;
use gongkai_core::field::FieldErrors;
use gongkai_files::blob::BlobStore;
use gongkai_files::extract;
use serde::Deserialize;
use serde_json::json;

use super::drafts::bind_item_fields;
use super::item::ItemForm;
use super::{outbox, secrecy, workflow};
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;
use gongkai_core::catalogue::review::Status;

/// Lines per transaction.
pub const BATCH: usize = 500;

/// One item as it appears in an import file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRow {
    pub source_id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body: String,
    pub category: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub doc_number: String,
    #[serde(default)]
    pub written: String,
    #[serde(default)]
    pub formed: String,
    pub published: String,
    #[serde(default)]
    pub keywords: Keywords,
    #[serde(default)]
    pub validity: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub attachments: Keywords,
}

/// One column of an import file: its name (the JSON key, the CSV header), its label, whether a
/// row must give it, and what it holds. `gongkai import items --help` and the README list these.
pub struct Column {
    pub name: &'static str,
    pub label: &'static str,
    pub required: bool,
    pub meaning: &'static str,
}

/// The columns of an import file, in [`ItemRow`]'s order.
pub const COLUMNS: &[Column] = &[
    Column {
        name: "source_id",
        label: "原编号",
        required: true,
        meaning: "the old site's id of the item; a re-run skips ids already imported",
    },
    Column { name: "title", label: "标题", required: true, meaning: "the title" },
    Column { name: "summary", label: "内容概述", required: false, meaning: "a summary" },
    Column {
        name: "body",
        label: "正文",
        required: false,
        meaning: "the body, HTML (scripts and handlers are removed)",
    },
    Column {
        name: "category",
        label: "公开类别",
        required: true,
        meaning: "Art. 20 (一)–(十五) or Art. 21: a key (art20.2), a short name (机构职能) or a citation (第二十条第（一）项)",
    },
    Column {
        name: "subject",
        label: "主题分类",
        required: false,
        meaning: "a subject of the 主题分类 tree, e.g. 综合政务\\政务公开",
    },
    Column {
        name: "issuer", label: "发布机构", required: false, meaning: "the issuing body (default: the agency)"
    },
    Column {
        name: "doc_number",
        label: "发文字号",
        required: false,
        meaning: "e.g. 浩办发〔2025〕57号; refused when the agency already used it",
    },
    Column {
        name: "written",
        label: "成文日期",
        required: false,
        meaning: "a date: 2024-01-02, 2024/1/2, 2024年1月2日 or 2024-01-02 09:30",
    },
    Column {
        name: "formed",
        label: "形成日期",
        required: false,
        meaning: "the day the information was formed or changed (Art. 26), a date",
    },
    Column {
        name: "published",
        label: "发布日期",
        required: true,
        meaning: "the day the old site published it, a date; not in the future, not before 成文日期",
    },
    Column {
        name: "keywords",
        label: "关键词",
        required: false,
        meaning: "a JSON list, or one text separated by ; 、 or ,",
    },
    Column { name: "validity", label: "有效性", required: false, meaning: "有效 (default), 失效 or 废止" },
    Column {
        name: "kind", label: "文件类型", required: false, meaning: "规章, 行政规范性文件 or 其他 (default)"
    },
    Column {
        name: "attachments",
        label: "附件",
        required: false,
        meaning: "file paths relative to the import file's folder, as a list or separated by ;",
    },
];

/// The label of column `name` (`title` → `标题`), or the name itself.
pub fn column_label(name: &str) -> &str {
    COLUMNS.iter().find(|c| c.name == name).map_or(name, |c| c.label)
}

/// A list given as a JSON array of texts or as one text separated by `;` / `、` / `,` (CSV).
#[derive(Debug, Clone, Default)]
pub enum Keywords {
    #[default]
    None,
    List(Vec<String>),
    Text(String),
}

impl<'de> Deserialize<'de> for Keywords {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Keywords;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("文字，或文字的列表")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Keywords, E> {
                Ok(Keywords::Text(v.to_owned()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Keywords, E> {
                Ok(Keywords::None)
            }
            fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Keywords, E> {
                Ok(Keywords::None)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Keywords, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(Keywords::List(items))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Keywords {
    pub fn items(&self) -> Vec<String> {
        match self {
            Keywords::None => Vec::new(),
            Keywords::List(v) => v.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            Keywords::Text(s) => {
                s.split([';', '；', '、', ',', '，']).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
            }
        }
    }
}

/// A line that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第{}行 {}：{}", self.line, self.field, self.message)
    }
}

/// What becomes of an imported row the secrecy scan found clean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CleanRows {
    /// Published at once with its original date (the importer's explicit choice).
    Publish,
    /// Waits at 签发 for an approver.
    AwaitSignOff,
}

/// A row held at 保密审查 because the scan found something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub line: usize,
    pub source_id: String,
    pub item_id: i64,
    /// Unresolved secrecy hits.
    pub hits: usize,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub imported: usize,
    /// Of the imported rows: published now, waiting at 签发, held at 保密审查.
    pub published: usize,
    pub awaiting_sign_off: usize,
    pub held: Vec<Held>,
    pub already_present: usize,
    pub errors: Vec<LineError>,
}

impl Summary {
    /// The distinct lines with an error.
    pub fn failed_lines(&self) -> usize {
        self.errors.iter().map(|e| e.line).collect::<std::collections::BTreeSet<_>>().len()
    }
}

/// Reads a date as spreadsheets write it: `2024-01-02`, `2024/1/2`, `2024.1.2`, `2024年1月2日`,
/// each optionally followed by a time (`2024-01-02 09:30`, which is dropped).
pub fn parse_import_date(text: &str) -> Option<time::Date> {
    let day = text.trim().split([' ', 'T']).next()?.trim();
    let normal: String = day
        .trim_end_matches('日')
        .chars()
        .map(|c| if matches!(c, '年' | '月' | '/' | '.') { '-' } else { c })
        .collect();
    let parts: Vec<&str> = normal.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return None };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// A date column in the ISO form the item form reads, when it is one of the spreadsheet forms.
fn iso_or_as_is(text: &str) -> String {
    parse_import_date(text).map(iso_date::format).unwrap_or_else(|| text.to_owned())
}

/// Reads a file into numbered records (JSONL, or CSV by extension); unreadable lines become errors.
pub fn read_file(path: &Path) -> Result<Vec<(usize, std::result::Result<ItemRow, LineError>)>> {
    let text =
        std::fs::read(path).map_err(|e| Error::field("file", "文件", format!("无法读取{}：{e}", path.display())))?;
    // Decoded, not extracted: an import file is records (any size), not an attachment.
    let text = extract::decode_text(&text);
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    Ok(if is_csv { read_csv(&text) } else { read_jsonl(&text) })
}

pub fn read_jsonl(text: &str) -> Vec<(usize, std::result::Result<ItemRow, LineError>)> {
    read_jsonl_as(text)
}

/// Numbered JSON lines read as `T` (blank lines skipped, a leading BOM ignored); a line that
/// does not parse becomes an error naming the field serde names.
pub fn read_jsonl_as<T: serde::de::DeserializeOwned>(text: &str) -> Vec<(usize, std::result::Result<T, LineError>)> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let line = i + 1;
            let mut de = serde_json::Deserializer::from_str(l);
            let not_json = |e: &serde_json::Error| LineError {
                line,
                field: "行".into(),
                message: format!("不是一行有效的JSON（第{}列附近）", e.column()),
            };
            let parsed = match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Ok(value) => de.end().map(|()| value).map_err(|e| not_json(&e)),
                Err(e) => {
                    let path = e.path().to_string();
                    let inner = e.into_inner();
                    if inner.is_syntax() || inner.is_eof() {
                        Err(not_json(&inner))
                    } else {
                        Err(line_error(line, &path, &strip_position(&inner.to_string())))
                    }
                }
            };
            (line, parsed)
        })
        .collect()
}

/// serde_json's message without its ` at line 1 column 9`.
fn strip_position(message: &str) -> String {
    message.split(" at line ").next().unwrap_or(message).to_owned()
}

/// The line error for a serde message about the field at `path` (`.` or empty: the whole row),
/// in Chinese, naming the column.
fn line_error(line: usize, path: &str, message: &str) -> LineError {
    let quoted = || message.split('`').nth(1).unwrap_or_default().to_owned();
    let (field, text) = if message.starts_with("missing field") {
        let name = quoted();
        let text = format!("缺少必填列{name}（{}）", column_label(&name));
        (name, text)
    } else if message.starts_with("unknown field") {
        let name = quoted();
        let known: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        (name.clone(), format!("未知的列{name}，可用的列：{}", known.join("、")))
    } else {
        let name = path.trim_start_matches('.').split(['.', '[']).next().unwrap_or_default().to_owned();
        let expected = if message.contains("expected a string") {
            "应为文字".to_owned()
        } else if message.contains("文字，或文字的列表") {
            "应为文字，或文字的列表".to_owned()
        } else if message.contains("expected struct") || message.contains("expected a map") {
            "每行应为一个JSON对象（{\"列名\": \"值\", …}）".to_owned()
        } else {
            format!("无法读取（{message}）")
        };
        match name.as_str() {
            "" => ("行".to_owned(), expected),
            name => (name.to_owned(), format!("{}（{name}）{expected}", column_label(name))),
        }
    };
    LineError { line, field, message: text }
}

/// Rows of a CSV file, numbered by the file line each starts on (a quoted field may span lines).
pub fn read_csv(text: &str) -> Vec<(usize, std::result::Result<ItemRow, LineError>)> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return vec![(1, Err(LineError { line: 1, field: "表头".into(), message: format!("无法读取表头：{e}") }))];
        }
    };
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers counted from byte offsets, forward only: the reader's own positions count
    // the blank lines it skips as the record's start.
    let (mut counted_to, mut line_at) = (0usize, 1usize);
    loop {
        let read = reader.read_record(&mut record);
        let start = record.position().map_or(text.len(), |p| p.byte() as usize).min(text.len());
        let start = start + text[start..].bytes().take_while(|b| matches!(b, b'\n' | b'\r')).count();
        if start >= counted_to {
            line_at += text.as_bytes()[counted_to..start].iter().filter(|b| **b == b'\n').count();
            counted_to = start;
        }
        let line = line_at;
        match read {
            Ok(false) => break,
            Ok(true) if record.len() != headers.len() => out.push((
                line,
                Err(LineError {
                    line,
                    field: "行".into(),
                    message: format!("本行有{}列，表头有{}列：请检查是否缺少分隔符或引号", record.len(), headers.len()),
                }),
            )),
            Ok(true) => {
                let row = record.deserialize::<ItemRow>(Some(&headers)).map_err(|e| {
                    let column = match e.kind() {
                        csv::ErrorKind::Deserialize { err, .. } => {
                            err.field().and_then(|i| headers.get(i as usize)).unwrap_or_default().to_owned()
                        }
                        _ => String::new(),
                    };
                    let message = match e.kind() {
                        csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
                        _ => e.to_string(),
                    };
                    line_error(line, &column, &message)
                });
                out.push((line, row));
            }
            Err(e) => {
                out.push((line, Err(LineError { line, field: "行".into(), message: format!("无法读取：{e}") })));
                break;
            }
        }
    }
    out
}

fn form_of(r: &ItemRow) -> ItemForm {
    ItemForm {
        title: r.title.clone(),
        summary: r.summary.clone(),
        body: r.body.clone(),
        category: r.category.clone(),
        subject: r.subject.clone(),
        issuer: r.issuer.clone(),
        doc_number: r.doc_number.clone(),
        written_on: iso_or_as_is(&r.written),
        formed_on: iso_or_as_is(&r.formed),
        keywords: r.keywords.items().join("、"),
        validity: r.validity.clone(),
        kind: r.kind.clone(),
        ..Default::default()
    }
}

fn field_errors(line: usize, errors: FieldErrors) -> Vec<LineError> {
    errors.0.into_iter().map(|e| LineError { line, field: e.field, message: e.message }).collect()
}

/// Imports records into `agency_id`; `base_dir` resolves attachment paths; `clean` says what
/// becomes of rows the secrecy scan finds clean; `progress` is called after each batch with the
/// number of lines done.
#[allow(clippy::too_many_arguments)]
pub async fn import(
    db: &Db,
    blobs: Option<&BlobStore>,
    actor: &Actor,
    agency_id: i64,
    records: Vec<(usize, std::result::Result<ItemRow, LineError>)>,
    base_dir: &Path,
    clean: CleanRows,
    mut progress: impl FnMut(usize),
) -> Result<Summary> {
    let today = timestamp::today_in_china();
    let calendar = crate::calendar::for_agency(db, &crate::agency::get(db, agency_id).await?).await?;
    let mut summary = Summary::default();
    let mut done = 0;
    for batch in records.chunks(BATCH) {
        let mut tx = db.begin().await?;
        let mut ids = Vec::new();
        // Published, waiting at 签发, held at 保密审查.
        let mut batch_counts = (0usize, 0usize, 0usize);
        for (line, record) in batch {
            let line = *line;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    summary.errors.push(e.clone());
                    continue;
                }
            };
            if record.source_id.trim().is_empty() {
                summary
                    .errors
                    .push(LineError { line, field: "source_id".into(), message: "source_id不能为空".into() });
                continue;
            }
            let exists: Option<i64> =
                sqlx::query_scalar("select id from items where agency_id = $1 and source_id = $2")
                    .bind(agency_id)
                    .bind(record.source_id.trim())
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_some() {
                summary.already_present += 1;
                continue;
            }
            let fields = match form_of(record).parse() {
                Ok(f) => f,
                Err(errors) => {
                    summary.errors.extend(field_errors(line, errors));
                    continue;
                }
            };
            let line_error = |field: &str, message: String| LineError { line, field: field.into(), message };
            let Some(published) = parse_import_date(&record.published) else {
                summary.errors.push(line_error(
                    "published",
                    format!(
                        "发布日期“{}”无法识别：应为如2024-01-02、2024/1/2或2024年1月2日的日期",
                        record.published.trim()
                    ),
                ));
                continue;
            };
            if published > today {
                summary
                    .errors
                    .push(line_error("published", format!("发布日期{published}晚于今天，不能导入尚未发布的信息")));
                continue;
            }
            if let Some(written) = fields.written_on
                && published < written
            {
                summary.errors.push(line_error("published", format!("发布日期{published}早于成文日期{written}")));
                continue;
            }
            match super::drafts::ensure_doc_number_free(&mut tx, agency_id, fields.doc_number.as_deref(), None).await {
                Ok(()) => {}
                Err(Error::Invalid(errors)) => {
                    summary.errors.extend(field_errors(line, errors));
                    continue;
                }
                Err(e) => return Err(e),
            }
            let mut files = Vec::new();
            let mut unreadable = false;
            for rel in record.attachments.items() {
                let path = base_dir.join(&rel);
                match std::fs::read(&path) {
                    Ok(bytes) => files.push((rel, bytes)),
                    Err(e) => {
                        unreadable = true;
                        summary.errors.push(line_error(
                            "attachments",
                            format!("无法读取附件{rel}：{e}（本行未导入，补上附件后重新导入即可）"),
                        ));
                    }
                }
            }
            if unreadable {
                continue;
            }
            let index_number = workflow::issue_index_number(&mut tx, agency_id, published).await?;
            let workdays = fields.formed_on.and_then(|f| calendar.workdays_between(f, published).ok());
            let now = timestamp::now();
            let insert = sqlx::query_scalar(
                "insert into items (title, summary, body, body_text, category, subject, issuer, doc_number, written_on,
                    formed_on, keywords, validity, kind, effective_on, expires_on, in_system_column,
                    agency_id, status, created_by, created_at, updated_at, source_id, published_on, published_at,
                    index_number, publish_workdays)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'secrecy_review', $18, $19, $19,
                    $20, $21, null, $22, $23) returning id",
            );
            let id: i64 = bind_item_fields!(insert, fields)
                .bind(agency_id)
                .bind(actor.to_string())
                .bind(&now)
                .bind(record.source_id.trim())
                .bind(iso_date::format(published))
                .bind(&index_number)
                .bind(workdays)
                .fetch_one(&mut *tx)
                .await?;
            for (name, bytes) in files {
                let Some(blobs) = blobs else { break };
                let (text, problem) = super::attachments::read_text(&name, &bytes);
                let stored = blobs.put(bytes.into()).await.map_err(|e| Error::Internal(format!("blob store: {e}")))?;
                let filename = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_owned();
                sqlx::query(
                    "insert into item_attachments (item_id, filename, blob_key, size, content_type, extracted_text,
                        text_problem, created_at)
                     values ($1, $2, $3, $4, 'application/octet-stream', $5, $6, $7)",
                )
                .bind(id)
                .bind(filename)
                .bind(&stored.key)
                .bind(stored.size as i64)
                .bind(text)
                .bind(problem)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
            }
            // The gate: the same scan a draft gets; a hit holds the row at 保密审查.
            secrecy::rescan(&mut tx, db.secrecy_key(), id).await?;
            let hits = secrecy::unresolved_count(&mut tx, id).await?;
            let status = match (hits, clean) {
                (0, CleanRows::Publish) => Status::Published,
                (0, CleanRows::AwaitSignOff) => Status::SignOff,
                _ => Status::SecrecyReview,
            };
            if status != Status::SecrecyReview {
                let published_at = (status == Status::Published).then(|| timestamp::china_midnight(published));
                sqlx::query("update items set status = $1, published_at = $2 where id = $3")
                    .bind(status.as_str())
                    .bind(published_at)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            match status {
                Status::Published => {
                    outbox::push(&mut tx, "item", id, "upsert").await?;
                    batch_counts.0 += 1;
                }
                Status::SignOff => batch_counts.1 += 1,
                _ => {
                    summary.held.push(Held { line, source_id: record.source_id.trim().to_owned(), item_id: id, hits });
                    batch_counts.2 += 1;
                }
            }
            ids.push(id);
        }
        if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
            let after = json!({"imported": ids.len(), "first_item": first, "last_item": last,
                "published": batch_counts.0, "awaiting_sign_off": batch_counts.1, "held_for_secrecy_review": batch_counts.2});
            let change = Change {
                agency_id: Some(agency_id),
                entity: "item",
                entity_id: format!("{first}-{last}"),
                action: if clean == CleanRows::Publish { "import_publish" } else { "import" },
                before: None,
                after: Some(after),
            };
            audit::append(&mut tx, actor, change).await?;
        }
        tx.commit().await?;
        summary.imported += ids.len();
        summary.published += batch_counts.0;
        summary.awaiting_sign_off += batch_counts.1;
        done += batch.len();
        progress(done);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(rows: Vec<(usize, std::result::Result<ItemRow, LineError>)>) -> Vec<(usize, String, String)> {
        rows.into_iter().filter_map(|(_, r)| r.err()).map(|e| (e.line, e.field, e.message)).collect()
    }

    #[test]
    fn json_errors_name_the_column_in_chinese_not_serde() {
        let text = concat!(
            r#"{"source_id":"1","title":"甲","category":"机构职能","published":"2024-01-02","keywords":5}"#,
            "\n\n",
            r#"{"source_id":"2","title":7,"category":"机构职能","published":"2024-01-02"}"#,
            "\n",
            r#"{"source_id":"3","category":"机构职能","published":"2024-01-02","colour":"红"}"#,
            "\n",
            r#"{"source_id":"4","category":"#,
        );
        let got = errors(read_jsonl(text));
        assert_eq!(got[0], (1, "keywords".into(), "关键词（keywords）应为文字，或文字的列表".into()));
        assert_eq!(got[1], (3, "title".into(), "标题（title）应为文字".into()));
        assert_eq!(got[2].0, 4);
        assert!(got[2].2.starts_with("未知的列colour，可用的列：source_id、title"), "{:?}", got[2]);
        assert_eq!(got[3].0, 5);
        assert!(got[3].2.starts_with("不是一行有效的JSON"), "{:?}", got[3]);
        for (_, _, message) in &got {
            assert!(!message.contains("untagged") && !message.contains("invalid type"), "{message}");
        }
    }

    #[test]
    fn csv_rows_are_numbered_by_the_line_they_start_on() {
        let text = "source_id,title,category,published\n1,\"两行\n标题\",机构职能,2024-01-02\n\n2,乙,机构职能\n3,丙,机构职能,2024-01-03\n";
        let rows = read_csv(text);
        let lines: Vec<usize> = rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 5, 6]);
        assert!(rows[0].1.as_ref().unwrap().title.contains('\n'));
        let got = errors(rows);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 5);
        assert!(got[0].2.contains("本行有3列，表头有4列"), "{:?}", got[0]);
        let missing = errors(read_csv("source_id,category,published\n1,机构职能,2024-01-02\n"));
        assert_eq!(missing, [(2, "title".into(), "缺少必填列title（标题）".into())]);
    }

    #[test]
    fn an_import_file_is_not_bounded_like_an_attachment() {
        // 20,000 rows of a real catalogue run to millions of characters: more than an
        // attachment's 4,000,000, which must not apply here. Full-width text is kept as typed.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("items.csv");
        let body = "政".repeat(1000);
        let mut text = String::from("source_id,title,body,category,published\n");
        for i in 0..4200 {
            text.push_str(&format!("r{i},第{i}号通知（２０２４）,{body},机构职能,2024-01-02\n"));
        }
        std::fs::write(&path, text).unwrap();
        let rows = read_file(&path).unwrap();
        assert_eq!(rows.len(), 4200);
        assert!(rows.iter().all(|(_, r)| r.is_ok()));
        assert_eq!(rows[7].1.as_ref().unwrap().title, "第7号通知（２０２４）");
    }

    #[test]
    fn every_row_field_is_a_listed_column() {
        let row = r#"{"source_id":"1","title":"甲","category":"机构职能","published":"2024-01-02"}"#;
        let mut value: serde_json::Value = serde_json::from_str(row).unwrap();
        for column in COLUMNS {
            value[column.name] = serde_json::json!("");
        }
        serde_json::from_value::<ItemRow>(value).expect("every listed column is a field");
        assert_eq!(COLUMNS.iter().filter(|c| c.required).count(), 4);
    }
}
