//! What someone asks of an item in the review chain.

use time::OffsetDateTime;

/// A command to the review chain; [`super::decide`] turns it into events or a refusal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// 提交: the author sends a draft to secrecy review.
    Submit,
    /// 保密审查通过.
    PassSecrecy,
    /// 审核通过.
    PassReview,
    /// 签发: publish now, or at `publish_at` when that is in the future. Beyond the Art. 26 limit
    /// the approver gives `late_reason`; a draft with no 形成日期 gets `formed_on` here.
    SignOff {
        #[serde(default, with = "time::serde::rfc3339::option")]
        publish_at: Option<OffsetDateTime>,
        #[serde(default)]
        late_reason: String,
        #[serde(default, with = "crate::calendar::iso_date::option")]
        formed_on: Option<time::Date>,
    },
    /// 退回: send back to the author from any review step, with a reason.
    Return { reason: String },
    /// 定时发布: the system publishes a scheduled item whose time has come.
    PublishDue,
    /// 撤回: take a published (or scheduled) item off, with a reason.
    Withdraw { reason: String },
    /// 修订: revise a published item (a revision goes through the chain while the published
    /// version stays online), or take a withdrawn item back to draft.
    Revise,
    /// 废止/失效: a published document ceases to apply on `on`, by the document `basis`; its
    /// page stays, with a banner.
    Repeal {
        validity: crate::catalogue::validity::Validity,
        #[serde(default, with = "crate::calendar::iso_date::option")]
        on: Option<time::Date>,
        #[serde(default)]
        basis: String,
    },
}

impl Command {
    /// Machine name (`sign_off`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Command::Submit => "submit",
            Command::PassSecrecy => "pass_secrecy",
            Command::PassReview => "pass_review",
            Command::SignOff { .. } => "sign_off",
            Command::Return { .. } => "return",
            Command::PublishDue => "publish_due",
            Command::Withdraw { .. } => "withdraw",
            Command::Revise => "revise",
            Command::Repeal { .. } => "repeal",
        }
    }

    /// Chinese name, as on the button (`签发`).
    pub fn label(&self) -> &'static str {
        match self {
            Command::Submit => "提交",
            Command::PassSecrecy => "保密审查通过",
            Command::PassReview => "审核通过",
            Command::SignOff { .. } => "签发",
            Command::Return { .. } => "退回",
            Command::PublishDue => "定时发布",
            Command::Withdraw { .. } => "撤回",
            Command::Revise => "修订",
            Command::Repeal { .. } => "废止或失效",
        }
    }
}
