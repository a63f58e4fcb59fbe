//! The answer: the two due dates and a day-by-day explanation of how the reply date was counted.
//!
//! ```json
//! {"clarification_notice_due": "2025-10-13", "reply_due": "…", "provisional": false,
//!  "explanation": [{"date": "2025-10-16", "kind": "counted", "n": 1, "reason": "工作日"},
//!                  {"date": "2025-10-18", "kind": "skipped", "reason": "周末"},
//!                  {"date": "2025-10-21", "kind": "paused", "reason": "征求意见期间（2025-10-20起，2025-11-03收到意见）"}]}
//! ```
//!
//! Invariant: the explanation lists every day after the clock start up to and including
//! `reply_due`, and its counted days are numbered 1..=reply period + extension, the last one on
//! `reply_due`.

use serde::Serialize;
use time::Date;

use crate::calendar::iso_date;

/// The deadlines of one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// Last day for the one-time clarification notice (Art. 30); `null` under a regulation that
    /// fixes no such period (2008).
    #[serde(with = "iso_date::option")]
    pub clarification_notice_due: Option<Date>,
    /// Last day for the reply (Art. 33), extension and consultation pauses included.
    #[serde(with = "iso_date")]
    pub reply_due: Date,
    /// `true` when a date was counted with estimated holidays (next year's notice not published
    /// yet, see [`crate::calendar::estimate`]): shown as 预估 wherever the dates appear, and
    /// recomputed when the notice is loaded.
    pub provisional: bool,
    /// The reply period before any extension (20 working days, or what an order set): counted
    /// days numbered above it belong to the extension.
    pub base_workdays: u32,
    /// After a 补正, the working days that had run from the receipt to the notice: the clock then
    /// started again from zero on the day the corrected application arrived (Art. 30).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before_restart: Option<BeforeRestart>,
    pub explanation: Vec<TimelineDay>,
}

/// The first run of the clock, before a 补正 restarted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BeforeRestart {
    #[serde(with = "iso_date")]
    pub received: Date,
    /// The day the 补正 notice was given.
    #[serde(with = "iso_date")]
    pub requested: Date,
    /// The day the corrected application arrived: the new clock start.
    #[serde(with = "iso_date")]
    pub corrected: Date,
    /// Working days after `received` up to and including `requested`.
    pub workdays: u32,
}

impl BeforeRestart {
    /// `2025年9月26日收到申请，至2025年9月30日告知补正已过2个工作日；2025年10月15日收到补正后的申请，答复期限自该日重新计算。`
    pub fn describe(&self) -> String {
        format!(
            "{}收到申请，至{}告知补正已过{}个工作日；{}收到补正后的申请，答复期限自该日重新计算，此前的{}个工作日不计入。",
            iso_date::chinese(self.received),
            iso_date::chinese(self.requested),
            self.workdays,
            iso_date::chinese(self.corrected),
            self.workdays
        )
    }
}

/// One day of the reply period and why it did or did not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineDay {
    #[serde(with = "iso_date")]
    pub date: Date,
    pub kind: TimelineKind,
    /// Ordinal of a counted day (1-based); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// In Chinese: `工作日`, `调休上班（春节）`, `周末`, `春节`, `征求意见期间（…）`.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimelineKind {
    /// A working day that counts toward the reply period.
    Counted,
    /// A working day inside a consultation: the clock is paused.
    Paused,
    /// Not a working day (weekend, holiday, local off day).
    Skipped,
}

impl Deadlines {
    /// Whether counted day `n` lies in the extension rather than the base period.
    pub fn in_extension(&self, n: u32) -> bool {
        n > self.base_workdays
    }

    /// How many working days had been counted by the end of `day` (0 before the clock starts).
    pub fn counted_by(&self, day: time::Date) -> usize {
        self.explanation.iter().filter(|t| t.kind == TimelineKind::Counted && t.date <= day).count()
    }

    /// Number of counted days in the explanation.
    pub fn counted_days(&self) -> usize {
        self.explanation.iter().filter(|day| day.kind == TimelineKind::Counted).count()
    }
}
