//! Where a catalogue item stands in the review chain.

use std::fmt;
use std::str::FromStr;

/// The status of an item. Only [`Status::Published`] items are on the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 起草中: being written; also where returned and revised items go.
    Draft,
    /// 待保密审查: submitted, waiting for the secrecy reviewer.
    SecrecyReview,
    /// 待审核: passed secrecy review, waiting for the content reviewer.
    Review,
    /// 待签发: reviewed, waiting for the approver.
    SignOff,
    /// 定时发布: signed off for publication at a later time.
    Scheduled,
    /// 已发布.
    Published,
    /// 已撤回: taken off the portal, with a reason.
    Withdrawn,
    /// 已替换: a revision that was signed off and copied into the item it revised (the public
    /// item keeps its page and index number; this row keeps the revision's own history).
    Superseded,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::SecrecyReview,
        Status::Review,
        Status::SignOff,
        Status::Scheduled,
        Status::Published,
        Status::Withdrawn,
        Status::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::SecrecyReview => "secrecy_review",
            Status::Review => "review",
            Status::SignOff => "sign_off",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
            Status::Withdrawn => "withdrawn",
            Status::Superseded => "superseded",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "起草中",
            Status::SecrecyReview => "待保密审查",
            Status::Review => "待审核",
            Status::SignOff => "待签发",
            Status::Scheduled => "定时发布",
            Status::Published => "已发布",
            Status::Withdrawn => "已撤回",
            Status::Superseded => "修订已发布",
        }
    }

    /// Whether the item is waiting for someone in the chain (secrecy review, review, sign-off).
    pub fn is_in_review(self) -> bool {
        matches!(self, Status::SecrecyReview | Status::Review | Status::SignOff)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL.into_iter().find(|st| st.as_str() == s).ok_or_else(|| format!("未知的发布状态：{s}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_names_and_serde() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>().unwrap(), s);
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(Status::SignOff.label(), "待签发");
        assert_eq!("signed".parse::<Status>().unwrap_err(), "未知的发布状态：signed");
    }
}
