//! What happened to an item: the entries of its append-only event log, and how each moves the
//! status.

use time::OffsetDateTime;

use super::Status;

/// One entry of an item's event log. Serialised with a `type` tag and RFC 3339 timestamps:
/// `{"type":"published","at":"2025-01-02T01:00:00Z"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Submitted,
    SecrecyPassed,
    ReviewPassed,
    /// The approver signed off for publication at `publish_at` (now, or a future time). Always
    /// followed by [`Event::Published`] or [`Event::Scheduled`].
    ///
    /// `formed_on` is the 形成日期 the approver gave at sign-off to a draft without one; `late`
    /// records a sign-off beyond the Art. 26 limit and its reason.
    SignedOff {
        #[serde(with = "time::serde::rfc3339")]
        publish_at: OffsetDateTime,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::calendar::iso_date::option")]
        formed_on: Option<time::Date>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        late: Option<super::LateSignOff>,
    },
    Scheduled {
        #[serde(with = "time::serde::rfc3339")]
        publish_at: OffsetDateTime,
    },
    Published {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    Returned {
        from: Status,
        reason: String,
    },
    Withdrawn {
        reason: String,
    },
    /// A withdrawn item taken back to draft.
    Revised,
    /// A revision of this published item was opened (the item stays published).
    RevisionOpened,
    /// A signed-off revision replaced this item's public version; the replaced one is kept as
    /// version `replaced_version`.
    RevisionPublished {
        replaced_version: i64,
    },
    /// This revision was published: copied into item `into`.
    Merged {
        into: i64,
    },
    /// 废止/失效 on `on` by the document `basis` (the item stays published, with a banner).
    Repealed {
        validity: crate::catalogue::validity::Validity,
        #[serde(with = "crate::calendar::iso_date")]
        on: time::Date,
        basis: String,
    },
}

impl Event {
    /// The line this event adds to an item's history, in Chinese (times in China time).
    pub fn describe(&self) -> String {
        use crate::calendar::china_time::minute_label;
        match self {
            Event::Submitted => "提交保密审查".into(),
            Event::SecrecyPassed => "保密审查通过".into(),
            Event::ReviewPassed => "审核通过".into(),
            Event::SignedOff { publish_at, formed_on, late } => {
                let mut line = format!("签发，发布时间{}", minute_label(*publish_at));
                if let Some(formed) = formed_on {
                    line.push_str(&format!("；签发时补填形成日期{}", crate::calendar::iso_date::chinese(*formed)));
                }
                if let Some(late) = late {
                    line.push_str(&format!(
                        "；距形成日期{}个工作日，超过《条例》第二十六条规定的20个工作日，理由：{}",
                        late.workdays, late.reason
                    ));
                }
                line
            }
            Event::Scheduled { publish_at } => format!("定时发布：{}", minute_label(*publish_at)),
            Event::Published { at } => format!("已发布（{}）", minute_label(*at)),
            Event::Returned { from, reason } => format!("在“{}”环节退回修改：{reason}", from.label()),
            Event::Withdrawn { reason } => format!("撤回：{reason}"),
            Event::Revised => "退回起草修订".into(),
            Event::RevisionOpened => "开始修订：修订稿办理期间，现行版本照常公开".into(),
            Event::RevisionPublished { replaced_version } => {
                format!("修订稿签发发布，替换现行版本（原版本存为第{replaced_version}版）")
            }
            Event::Merged { .. } => "修订稿已发布，替换现行版本".into(),
            Event::Repealed { validity, on, basis } => {
                format!("{}：自{}起，依据{basis}", validity.label(), crate::calendar::iso_date::chinese(*on))
            }
        }
    }
}

/// The status after `event`. Total and unchecked: events come from [`super::decide`], which
/// checked them against the status when they were made. [`Event::SignedOff`] leaves the status as
/// it is; the event after it moves it.
pub fn apply(status: Status, event: &Event) -> Status {
    match event {
        Event::Submitted => Status::SecrecyReview,
        Event::SecrecyPassed => Status::Review,
        Event::ReviewPassed => Status::SignOff,
        Event::SignedOff { .. } => status,
        Event::Scheduled { .. } => Status::Scheduled,
        Event::Published { .. } => Status::Published,
        Event::Returned { .. } | Event::Revised => Status::Draft,
        Event::Withdrawn { .. } => Status::Withdrawn,
        Event::RevisionOpened | Event::Repealed { .. } => status,
        Event::RevisionPublished { .. } => Status::Published,
        Event::Merged { .. } => Status::Superseded,
    }
}

/// The status of an item with this event log (a new item is a [`Status::Draft`]).
pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Status {
    events.into_iter().fold(Status::Draft, apply)
}

/// The publication time of a scheduled item: the `publish_at` of the last [`Event::Scheduled`],
/// if nothing has moved the item since.
pub fn scheduled_for<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<OffsetDateTime> {
    events.into_iter().fold(None, |scheduled, event| match event {
        Event::Scheduled { publish_at } => Some(*publish_at),
        Event::SignedOff { .. } => scheduled,
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn events_serialise_with_a_type_tag_and_rfc3339_times() {
        let event = Event::Published { at: datetime!(2025-01-02 09:00 +08:00) };
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(json, r#"{"type":"published","at":"2025-01-02T09:00:00+08:00"}"#);
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
        let returned = Event::Returned { from: Status::Review, reason: "请补充附件".into() };
        let json = serde_json::to_string(&returned).unwrap();
        assert_eq!(json, r#"{"type":"returned","from":"review","reason":"请补充附件"}"#);
        assert_eq!(serde_json::to_string(&Event::Revised).unwrap(), r#"{"type":"revised"}"#);
    }

    #[test]
    fn replaying_a_log_gives_the_status_and_the_pending_schedule() {
        let at = datetime!(2025-03-01 08:00 UTC);
        let log = [
            Event::Submitted,
            Event::SecrecyPassed,
            Event::ReviewPassed,
            Event::SignedOff { publish_at: at, formed_on: None, late: None },
            Event::Scheduled { publish_at: at },
        ];
        assert_eq!(replay(&log), Status::Scheduled);
        assert_eq!(scheduled_for(&log), Some(at));
        let published: Vec<Event> = log.iter().cloned().chain([Event::Published { at }]).collect();
        assert_eq!(replay(&published), Status::Published);
        assert_eq!(scheduled_for(&published), None);
    }
}
