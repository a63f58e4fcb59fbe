//! The audit log as people read it: who did what to which record, in Chinese, with China-time
//! moments, names and the recorded values by their labels. The chain itself (hashes, raw text)
//! is [`gongkai_store::audit`]'s; this module only describes its entries.

use gongkai_core::agency::policy::Permission;
use gongkai_core::calendar::china_time::Moment;
use gongkai_core::catalogue::review::{self, ACTIONS};
use gongkai_core::request::workflow::Kind;
use gongkai_store::Result;
use gongkai_store::audit::{self, AuditEntry};
use gongkai_store::staff;
use serde_json::Value;

use crate::principal::Principal;
use crate::services::App;

/// One entry, described.
pub struct AuditLine {
    pub seq: i64,
    pub at: Moment,
    pub who: String,
    /// `申请`, `主动公开信息` …
    pub object: &'static str,
    /// The console page of the record, when it has one.
    pub link: Option<String>,
    /// `作出答复`, `签发` …
    pub action: String,
    /// The recorded values after the change, by their labels (`状态：办理中；答复期限：2025-11-20`).
    pub summary: String,
}

/// The latest `limit` entries about the principal's agency and those below it.
pub async fn recent(app: &App, who: &Principal, limit: i64) -> Result<Vec<AuditLine>> {
    let member = who.staff().ok_or(gongkai_store::Error::Forbidden)?;
    who.authorize(Permission::ReadAuditLog, &member.agency)?;
    let entries = audit::recent(&app.db, &member.agency.path, limit).await?;
    let people = staff::people(&app.db, entries.iter().map(|e| &e.actor)).await?;
    Ok(entries
        .iter()
        .map(|e| AuditLine {
            seq: e.id,
            at: e.at,
            who: people.label(&e.actor),
            object: object_label(&e.entity),
            link: link(e),
            action: action_label(&e.entity, &e.action),
            summary: e.after.as_ref().map(summary).unwrap_or_default(),
        })
        .collect())
}

fn object_label(entity: &str) -> &'static str {
    match entity {
        "agency" => "机关",
        "staff" => "工作人员账号",
        "session" => "登录",
        "api_token" => "接口令牌",
        "item" => "主动公开信息",
        "request" => "依申请公开申请",
        "appeal" => "行政复议、行政诉讼",
        "message" => "咨询、举报投诉",
        "letter_template" => "答复书模板",
        "calendar_override" => "本地工作日调整",
        "calendar_year" => "年度节假日安排",
        "report" => "年度报告",
        "report_figures" => "年度报告数据",
        "report_texts" => "年度报告文字",
        _ => "其他记录",
    }
}

fn link(e: &AuditEntry) -> Option<String> {
    let id: i64 = e.entity_id.parse().ok()?;
    Some(match e.entity.as_str() {
        "agency" => format!("/admin/agencies/{id}"),
        "staff" => format!("/admin/staff/{id}"),
        "item" => format!("/admin/items/{id}"),
        "request" => format!("/admin/requests/{id}"),
        _ => return None,
    })
}

fn action_label(entity: &str, action: &str) -> String {
    let common = match action {
        "create" => Some("新建"),
        "update" => Some("修改"),
        "save" => Some("保存"),
        "import" => Some("批量导入"),
        "login" => Some("登录"),
        "logout" => Some("退出"),
        "set_password" => Some("设置密码"),
        "load" => Some("载入"),
        "revoke" => Some("撤销"),
        "reply" => Some("答复"),
        "publish" => Some("发布"),
        "open_amendment" => Some("发起更正"),
        "add_attachment" => Some("添加附件"),
        "remove_attachment" => Some("删除附件"),
        "resolve_secrecy_hit" => Some("处理保密审查提示"),
        "archive_letter" => Some("归档答复书"),
        "submit" if entity == "request" => Some("提交申请"),
        "publish_due" => Some("定时发布"),
        _ => None,
    };
    if let Some(label) = common {
        return label.to_owned();
    }
    if entity == "request"
        && let Ok(kind) = Kind::from_key(action)
    {
        return kind.label().to_owned();
    }
    if entity == "item"
        && let Some(a) = ACTIONS.iter().find(|a| a.key == action)
    {
        return a.label.to_owned();
    }
    "其他操作".to_owned()
}

/// The labels of the fields summaries record.
fn field_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "status" => "状态",
        "reply_due" => "答复期限",
        "title" => "标题",
        "name" => "名称",
        "days" => "有效天数",
        "display_name" => "姓名",
        "username" => "用户名",
        "roles" => "角色",
        "active" => "启用",
        "level" => "层级",
        "credit_code" => "统一社会信用代码",
        "tracking_code" => "查询码",
        "channel" => "收到方式",
        "index_number" => "索引号",
        "year" => "年度",
        "version" => "版本",
        "reason" => "理由",
        "date" => "日期",
        "kind" => "类型",
        "count" => "数量",
        "imported" => "导入条数",
        "events" => "记录的步骤",
        "filename" => "文件名",
        "outcome" => "答复类型",
        _ => return None,
    })
}

fn value_label(key: &str, value: &Value) -> String {
    match (key, value) {
        ("status", Value::String(s)) => gongkai_core::request::workflow::Status::parse(s)
            .map(|st| st.label().to_owned())
            .or_else(|| s.parse::<review::Status>().ok().map(|st| st.label().to_owned()))
            .unwrap_or_else(|| s.clone()),
        ("channel", Value::String(s)) => gongkai_core::request::receipt::Channel::parse(s)
            .map(|c| c.label().to_owned())
            .unwrap_or_else(|_| s.clone()),
        ("level", Value::String(s)) => {
            s.parse::<gongkai_core::agency::Level>().map(|l| l.label().to_owned()).unwrap_or_else(|_| s.clone())
        }
        ("roles", Value::String(s)) => {
            gongkai_core::agency::Roles::from_stored(s).map(|r| r.labels()).unwrap_or_else(|_| s.clone())
        }
        ("outcome", Value::String(s)) => gongkai_core::request::outcome::Outcome::parse(s)
            .map(|o| o.label().to_owned())
            .unwrap_or_else(|_| s.clone()),
        ("events", Value::Array(kinds)) => {
            kinds.iter().filter_map(Value::as_str).map(event_label).collect::<Vec<_>>().join("、")
        }
        ("active", Value::Bool(b)) => if *b { "是" } else { "否" }.to_owned(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Bool(b)) => if *b { "是" } else { "否" }.to_owned(),
        _ => String::new(),
    }
}

/// A request event's kind as a label (`confirmed` → 确认收到).
fn event_label(kind: &str) -> &'static str {
    match kind {
        "registered" => "登记",
        "confirmed" => "确认收到",
        "clarification_requested" => "告知补正",
        "correction_received" => "收到补正",
        "clarification_expired" => "逾期未补正",
        "assigned" => "分配经办人",
        "consultation_started" => "征求意见",
        "consultation_ended" => "结束征求意见",
        "extended" => "延长答复期限",
        "fee_notice_issued" => "发出收费通知",
        "fee_paid" => "缴费",
        "fee_expired" => "逾期未缴费",
        "decided" => "作出答复",
        "delivered" => "送达",
        "closed" => "办结",
        "reopened" => "重新办理",
        "supervised" => "督办",
        _ => "其他",
    }
}

/// `状态：办理中；答复期限：2025-11-20` from a recorded summary; fields without a label are left out.
fn summary(after: &Value) -> String {
    let Value::Object(map) = after else { return String::new() };
    map.iter()
        .filter_map(|(k, v)| {
            let label = field_label(k)?;
            let value = value_label(k, v);
            (!value.is_empty()).then(|| format!("{label}：{value}"))
        })
        .collect::<Vec<_>>()
        .join("；")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_name_fields_and_values_in_chinese() {
        let after = serde_json::json!({"status": "processing", "reply_due": "2025-11-20", "events": ["confirmed", "assigned"], "hash": "x"});
        assert_eq!(summary(&after), "记录的步骤：确认收到、分配经办人；答复期限：2025-11-20；状态：办理中");
        assert_eq!(action_label("request", "extend"), "延长答复期限");
        assert_eq!(action_label("item", "sign_off"), "签发");
        assert_eq!(action_label("staff", "set_password"), "设置密码");
    }
}
