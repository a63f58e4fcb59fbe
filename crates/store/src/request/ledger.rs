//! Import of a historical request ledger (台账), one request a JSON line:
//!
//! ```json
//! {"source_id":"2023-001","received":"2023-12-20","channel":"post","applicant_type":"natural_person",
//!  "applicant_name":"张三","description":"…","closed":"2024-01-10","outcome":"granted"}
//! ```
//!
//! Each valid line becomes a request whose event log states what the ledger knows (registered
//! and received on `received`; decided with `outcome` and closed on `closed`), so report counts
//! and carried-over requests come out of the same events as live requests. Re-running skips
//! lines whose `source_id` is already present for the agency; bad lines are reported with their
//! line number and field, and the others still load (one transaction per line).

use gongkai_core::calendar::iso_date;
use gongkai_core::request::applicant::ApplicantKind;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::receipt::Channel;
use gongkai_core::request::workflow::Event;
use time::Date;

use super::workflow;
use crate::actor::Actor;
use crate::audit::{self, Change};
use crate::catalogue::import::{LineError, Summary, read_jsonl_as};
use crate::db::Db;
use crate::error::Result;
use crate::timestamp;

/// One ledger line as written.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerLine {
    pub source_id: String,
    pub received: String,
    pub channel: String,
    pub applicant_type: String,
    pub applicant_name: String,
    pub description: String,
    #[serde(default)]
    pub closed: Option<String>,
    #[serde(default)]
    pub outcome: Option<String>,
}

/// A checked ledger line.
struct Checked {
    source_id: String,
    received: Date,
    channel: Channel,
    kind: ApplicantKind,
    name: String,
    description: String,
    closed: Option<Date>,
    outcome: Option<Outcome>,
}

fn check(line: usize, l: &LedgerLine) -> std::result::Result<Checked, LineError> {
    let err = |field: &str, message: String| LineError { line, field: field.to_owned(), message };
    let text = |field: &str, label: &str, v: &str| {
        if v.trim().is_empty() { Err(err(field, format!("{label}不能为空"))) } else { Ok(v.trim().to_owned()) }
    };
    let source_id = text("source_id", "source_id", &l.source_id)?;
    let received =
        iso_date::parse(l.received.trim()).map_err(|_| err("received", "收到日期应为有效的“年-月-日”".into()))?;
    let channel = Channel::parse(l.channel.trim()).map_err(|e| err("channel", e.message))?;
    let kind = ApplicantKind::parse(l.applicant_type.trim()).map_err(|e| err("applicant_type", e.message))?;
    let name = text("applicant_name", "申请人", &l.applicant_name)?;
    let description = text("description", "申请内容", &l.description)?;
    let closed = match l.closed.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(iso_date::parse(s).map_err(|_| err("closed", "办结日期应为有效的“年-月-日”".into()))?),
        None => None,
    };
    if closed.is_some_and(|c| c < received) {
        return Err(err("closed", "办结日期不能早于收到日期".into()));
    }
    let outcome = match l.outcome.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(key) => {
            let year = closed.unwrap_or(received).year();
            Some(Outcome::for_ledger(key, year).map_err(|e| err("outcome", e.message))?)
        }
        None => None,
    };
    if closed.is_some() && outcome.is_none() {
        return Err(err("outcome", "已办结的申请须填写答复类型（outcome）".into()));
    }
    Ok(Checked { source_id, received, channel, kind, name, description, closed, outcome })
}

/// Reads JSONL into numbered lines; unreadable lines become errors.
pub fn read_jsonl(text: &str) -> Vec<(usize, std::result::Result<LedgerLine, LineError>)> {
    read_jsonl_as(text)
}

/// The columns of a ledger file, in order: the keys of [`LedgerLine`].
pub const COLUMNS: [&str; 8] =
    ["source_id", "received", "channel", "applicant_type", "applicant_name", "description", "closed", "outcome"];

/// The headings of the ledger for people (the spreadsheet staff open), column by column as
/// [`COLUMNS`].
pub const LABELS: [&str; 8] =
    ["原编号", "收到申请日期", "申请方式", "申请人类型", "申请人姓名或名称", "申请内容", "办结日期", "处理结果"];

/// A ledger line as people read it: the keys of channel, applicant type and outcome given as
/// their Chinese names (a value that does not read stays as it is).
pub fn for_people(l: &LedgerLine) -> Vec<String> {
    let year = iso_date::parse(l.closed.as_deref().unwrap_or(&l.received).trim()).map(|d| d.year()).ok();
    let outcome = l.outcome.as_deref().map(|key| match year.and_then(|y| Outcome::for_ledger(key.trim(), y).ok()) {
        Some(outcome) => outcome.label().to_owned(),
        None => key.to_owned(),
    });
    vec![
        l.source_id.clone(),
        l.received.clone(),
        Channel::parse(l.channel.trim()).map(|c| c.label().to_owned()).unwrap_or_else(|_| l.channel.clone()),
        ApplicantKind::parse(l.applicant_type.trim())
            .map(|k| k.label().to_owned())
            .unwrap_or_else(|_| l.applicant_type.clone()),
        l.applicant_name.clone(),
        l.description.clone(),
        l.closed.clone().unwrap_or_default(),
        outcome.unwrap_or_default(),
    ]
}

/// Reads a CSV ledger with a header row of [`COLUMNS`] (a leading BOM ignored; line numbers
/// count the header as line 1).
pub fn read_csv(text: &str) -> Vec<(usize, std::result::Result<LedgerLine, LineError>)> {
    let mut reader =
        csv::ReaderBuilder::new().flexible(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .deserialize::<LedgerLine>()
        .enumerate()
        .map(|(i, row)| {
            let line = i + 2;
            let row = row.map(|mut l| {
                // An empty cell is an absent value, as in JSONL.
                l.closed = l.closed.filter(|s| !s.trim().is_empty());
                l.outcome = l.outcome.filter(|s| !s.trim().is_empty());
                l
            });
            (line, row.map_err(|e| LineError { line, field: "行".into(), message: format!("无法解析：{e}") }))
        })
        .collect()
}

/// Reads a ledger file by its name: `.csv` as CSV, anything else as JSONL.
pub fn read_file(name: &str, text: &str) -> Vec<(usize, std::result::Result<LedgerLine, LineError>)> {
    if name.to_ascii_lowercase().ends_with(".csv") { read_csv(text) } else { read_jsonl(text) }
}

/// The ledger lines of an agency's requests that have a receipt day, oldest first, in the form
/// [`import`] reads back (a request without a source id is named by its tracking code).
pub async fn export(db: &Db, agency_id: i64) -> Result<Vec<LedgerLine>> {
    type Row = (String, Option<String>, String, String, String, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "select tracking_code, source_id, received_on, channel, applicant_type, applicant_name, description, decided_on, outcome
         from requests where agency_id = $1 and received_on is not null order by received_on, id",
    )
    .bind(agency_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, source, received, channel, kind, name, description, decided, outcome)| LedgerLine {
            source_id: source.filter(|s| !s.is_empty()).unwrap_or(code),
            received,
            channel,
            applicant_type: kind,
            applicant_name: name,
            description,
            closed: decided,
            outcome,
        })
        .collect())
}

/// A ledger as CSV (UTF-8 with a BOM, so Excel reads the Chinese), header [`COLUMNS`].
pub fn to_csv(lines: &[LedgerLine]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    let _ = writer.write_record(COLUMNS);
    for l in lines {
        let _ = writer.write_record([
            l.source_id.as_str(),
            &l.received,
            &l.channel,
            &l.applicant_type,
            &l.applicant_name,
            &l.description,
            l.closed.as_deref().unwrap_or(""),
            l.outcome.as_deref().unwrap_or(""),
        ]);
    }
    writer.into_inner().unwrap_or_default()
}

/// Imports ledger lines for `agency_id`; `progress(done)` after each line.
pub async fn import(
    db: &Db,
    actor: &Actor,
    agency_id: i64,
    lines: Vec<(usize, std::result::Result<LedgerLine, LineError>)>,
    mut progress: impl FnMut(usize),
) -> Result<Summary> {
    let agency = crate::agency::get(db, agency_id).await?;
    let calendar = crate::calendar::for_agency(db, &agency).await?;
    let mut summary = Summary::default();
    for (done, (line, parsed)) in lines.into_iter().enumerate() {
        progress(done);
        let checked = match parsed.and_then(|l| check(line, &l)) {
            Ok(c) => c,
            Err(e) => {
                summary.errors.push(e);
                continue;
            }
        };
        let mut tx = db.begin().await?;
        let present: Option<i64> =
            sqlx::query_scalar("select id from requests where agency_id = $1 and source_id = $2")
                .bind(agency_id)
                .bind(&checked.source_id)
                .fetch_optional(&mut *tx)
                .await?;
        if present.is_some() {
            summary.already_present += 1;
            continue;
        }
        let now = timestamp::now();
        let code = format!("TZ-{}", checked.source_id);
        let id: i64 = sqlx::query_scalar(
            "insert into requests (agency_id, tracking_code, password_hash, channel, applicant_type, applicant_name, id_type, id_number,
                description, form_wanted, delivery, status, submitted_on, source_id, created_by, created_at, updated_at)
             values ($1, $2, '', $3, $4, $5, 'other', '', $6, 'paper', 'post', 'registered', $7, $8, $9, $10, $10) returning id",
        )
        .bind(agency_id)
        .bind(format!("{agency_id}-{code}"))
        .bind(checked.channel.key())
        .bind(checked.kind.key())
        .bind(&checked.name)
        .bind(&checked.description)
        .bind(iso_date::format(checked.received))
        .bind(&checked.source_id)
        .bind(actor.to_string())
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let mut events = vec![
            Event::Registered { channel: checked.channel.key().into(), submitted: checked.received },
            Event::Confirmed { received: checked.received },
        ];
        if let Some(outcome) = checked.outcome {
            let on = checked.closed.unwrap_or(checked.received);
            events.push(Event::Decided {
                outcome: outcome.key().into(),
                on,
                basis: outcome.legal_basis().unwrap_or("").into(),
                reasons: "历史台账导入".into(),
                responsible_agency: None,
            });
            if let Some(closed) = checked.closed {
                events.push(Event::Delivered { on: closed, method: "历史台账导入".into() });
                events.push(Event::Closed { on: closed });
            }
        }
        workflow::append(&mut tx, actor, id, &events).await?;
        workflow::refresh(&mut tx, id, &calendar).await?;
        let change = Change {
            agency_id: Some(agency_id),
            entity: "request",
            entity_id: id.to_string(),
            action: "import",
            before: None,
            after: Some(serde_json::json!({"source_id": checked.source_id})),
        };
        audit::append(&mut tx, actor, change).await?;
        tx.commit().await?;
        summary.imported += 1;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_read_names_where_the_file_has_keys() {
        let line = LedgerLine {
            source_id: "2025-001".into(),
            received: "2025-03-03".into(),
            channel: "post".into(),
            applicant_type: "natural_person".into(),
            applicant_name: "张三".into(),
            description: "某项目批复".into(),
            closed: Some("2025-03-20".into()),
            outcome: Some("nonsense".into()),
        };
        let row = for_people(&line);
        assert_eq!(row.len(), LABELS.len());
        assert_eq!((row[2].as_str(), row[3].as_str()), (Channel::Post.label(), ApplicantKind::NaturalPerson.label()));
        assert_ne!(row[2], "post");
        assert_eq!(row[7], "nonsense", "a value that does not read stays as it is");
    }
}
