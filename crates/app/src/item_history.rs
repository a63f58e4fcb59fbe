//! The history of a catalogue item as staff read it: every step in time order — its creation (or
//! import), edits, attachments added and removed, the secrecy reviewer's redact and confirm
//! decisions, and the review chain's events — each with who (name and roles) and when (China
//! time). The review chain's steps come from the item's event log; the rest from the audit log,
//! which records every change to an item and cannot be rewritten quietly.

use gongkai_core::calendar::china_time::Moment;
use gongkai_core::catalogue::secrecy::HitKind;
use gongkai_store::Result;
use gongkai_store::actor::StoredActor;
use gongkai_store::audit::{self, AuditEntry};
use gongkai_store::catalogue::item::Item;
use gongkai_store::catalogue::workflow::ItemEvent;
use gongkai_store::db::Db;
use gongkai_store::staff::{self, People};
use serde_json::Value;

/// One line of an item's history.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HistoryLine {
    pub at: Moment,
    pub actor: StoredActor,
    /// What happened, in Chinese.
    pub what: String,
}

/// The history of `item` (whose review events are `events`), oldest first, and the names of the
/// people in it.
pub async fn of_item(db: &Db, item: &Item, events: &[ItemEvent]) -> Result<(Vec<HistoryLine>, People)> {
    let created = match (&item.source_id, item.revision_of) {
        (Some(source), _) => format!("批量导入（原网站编号{source}）"),
        (None, Some(_)) => "从现行版本建立修订稿（现行版本照常公开）".to_owned(),
        (None, None) => "新建草稿".to_owned(),
    };
    let mut lines = vec![HistoryLine { at: item.created_at, actor: item.created_by.clone(), what: created }];
    let records = audit::of_entity(db, "item", &item.id.to_string()).await?;
    lines.extend(
        records.iter().filter_map(|r| describe(r).map(|what| HistoryLine { at: r.at, actor: r.actor.clone(), what })),
    );
    lines.extend(events.iter().map(|e| HistoryLine { at: e.at, actor: e.actor.clone(), what: e.event.describe() }));
    // Stable: at the same moment, creation first, then the audit record, then the review event.
    lines.sort_by_key(|line| line.at);
    let people = staff::people(db, lines.iter().map(|l| &l.actor)).await?;
    Ok((lines, people))
}

/// The history line of an audit record, for the records the event log does not hold (the review
/// chain's own records and the creation, told from the item, give none).
fn describe(record: &AuditEntry) -> Option<String> {
    let after = record.after.as_ref();
    let text = |v: Option<&Value>, key: &str| v.and_then(|v| v.get(key)).and_then(Value::as_str).map(str::to_owned);
    Some(match record.action.as_str() {
        "update" => "修改草稿".to_owned(),
        "add_attachment" => {
            format!("上传附件{}", text(after, "filename").map(|f| format!("“{f}”")).unwrap_or_default())
        }
        "remove_attachment" => {
            let name = text(record.before.as_ref(), "filename").map(|f| format!("“{f}”")).unwrap_or_default();
            format!("删除附件{name}")
        }
        "resolve_secrecy_hit" => {
            let kind = text(after, "kind").and_then(|k| k.parse::<HitKind>().ok()).map_or("其他", HitKind::label);
            match text(after, "resolution").as_deref() {
                Some("redacted") => format!("保密审查提示（{kind}）：已遮盖"),
                _ => {
                    format!("保密审查提示（{kind}）：确认无需处理，理由：{}", text(after, "reason").unwrap_or_default())
                }
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(action: &str, before: Option<Value>, after: Option<Value>) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: Moment::now(),
            actor: StoredActor::parse("system").unwrap(),
            agency_id: None,
            entity: "item".into(),
            entity_id: "1".into(),
            action: action.into(),
            before,
            after,
        }
    }

    #[test]
    fn decisions_and_attachments_read_in_chinese_and_chain_records_are_left_to_the_event_log() {
        let redacted = record(
            "resolve_secrecy_hit",
            None,
            Some(serde_json::json!({"hit": 3, "kind": "resident_id", "resolution": "redacted", "reason": null})),
        );
        assert_eq!(describe(&redacted).unwrap(), "保密审查提示（身份证号码）：已遮盖");
        let confirmed = record(
            "resolve_secrecy_hit",
            None,
            Some(
                serde_json::json!({"hit": 4, "kind": "address", "resolution": "confirmed", "reason": "本机关办公地址"}),
            ),
        );
        assert_eq!(describe(&confirmed).unwrap(), "保密审查提示（住址门牌号）：确认无需处理，理由：本机关办公地址");
        let removed =
            record("remove_attachment", Some(serde_json::json!({"attachment": 2, "filename": "名单.pdf"})), None);
        assert_eq!(describe(&removed).unwrap(), "删除附件“名单.pdf”");
        assert_eq!(describe(&record("submitted", None, None)), None);
        assert_eq!(describe(&record("create", None, None)), None);
    }
}
