//! The review chain's commands as people meet them: for each, its form key, the label on its
//! button, the fields it asks for, and the sample the console uses to ask [`super::decide`]
//! whether it applies now. The console, the staff API and the parser all read this table.

use time::OffsetDateTime;

use super::{Command, Status};
use crate::field::FieldError;

/// One command people may send (the system's [`Command::PublishDue`] is not among them).
#[derive(Debug, Clone, Copy)]
pub struct Action {
    /// Form and API name (`sign_off`).
    pub key: &'static str,
    /// The label on the button (`签发`).
    pub label: &'static str,
    /// Whether it needs a reason (`reason`).
    pub needs_reason: bool,
    /// Whether it takes an optional publication time (`publish_at`).
    pub takes_time: bool,
}

/// Every command people send, in the order the console offers them.
pub const ACTIONS: &[Action] = &[
    Action { key: "submit", label: "提交保密审查", needs_reason: false, takes_time: false },
    Action { key: "pass_secrecy", label: "保密审查通过", needs_reason: false, takes_time: false },
    Action { key: "pass_review", label: "审核通过", needs_reason: false, takes_time: false },
    Action { key: "sign_off", label: "签发", needs_reason: false, takes_time: true },
    Action { key: "return", label: "退回修改", needs_reason: true, takes_time: false },
    Action { key: "withdraw", label: "撤回", needs_reason: true, takes_time: false },
    Action { key: "revise", label: "修订", needs_reason: false, takes_time: false },
    Action { key: "repeal", label: "废止或失效", needs_reason: true, takes_time: false },
];

impl Action {
    /// The command with placeholder values, to ask whether it applies to an item in a status.
    pub fn sample(&self) -> Command {
        let mut command = Command::from_action(self.key, "理由", None).expect("every listed key parses");
        if let Command::Repeal { on, .. } = &mut command {
            *on = Some(time::Date::MIN);
        }
        command
    }

    /// Whether the command applies to an item in `status` (its values aside).
    pub fn applies_to(&self, status: Status) -> bool {
        let ctx = super::Context { now: OffsetDateTime::UNIX_EPOCH, unresolved_secrecy_hits: 0, sign_off: None };
        super::decide(status, &self.sample(), &ctx).is_ok()
    }
}

impl Command {
    /// The command named `key` with its values; an unknown key is a field error naming the
    /// choices.
    pub fn from_action(key: &str, reason: &str, publish_at: Option<OffsetDateTime>) -> Result<Command, FieldError> {
        Ok(match key.trim() {
            "submit" => Command::Submit,
            "pass_secrecy" => Command::PassSecrecy,
            "pass_review" => Command::PassReview,
            "sign_off" => Command::SignOff { publish_at, late_reason: reason.trim().to_owned(), formed_on: None },
            "return" => Command::Return { reason: reason.trim().to_owned() },
            "withdraw" => Command::Withdraw { reason: reason.trim().to_owned() },
            "revise" => Command::Revise,
            // The validity and the date come from their own fields (the application layer).
            "repeal" => Command::Repeal {
                validity: crate::catalogue::validity::Validity::Repealed,
                on: None,
                basis: reason.trim().to_owned(),
            },
            other => {
                let keys: Vec<&str> = ACTIONS.iter().map(|a| a.key).collect();
                return Err(FieldError::new(
                    "command",
                    "操作",
                    format!("未知的操作“{other}”，可选：{}", keys.join("、")),
                ));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_parses_to_the_command_of_its_key() {
        for a in ACTIONS {
            assert_eq!(a.sample().as_str(), a.key);
        }
        assert!(Command::from_action("publish_due", "", None).is_err(), "the system's command is not offered");
    }

    #[test]
    fn actions_apply_in_the_statuses_of_the_table() {
        let sign_off = ACTIONS.iter().find(|a| a.key == "sign_off").unwrap();
        assert!(sign_off.applies_to(Status::SignOff));
        assert!(!sign_off.applies_to(Status::Review));
        let back = ACTIONS.iter().find(|a| a.key == "return").unwrap();
        assert!(back.applies_to(Status::SecrecyReview) && !back.applies_to(Status::Draft));
    }
}
