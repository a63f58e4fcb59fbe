//! Where a request stands.

/// The status of a request, derived from its event log (see [`super::RequestState`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Submitted online (or by fax/email), receipt not yet confirmed with the applicant (Art. 31(三)).
    Registered,
    /// Receipt date fixed; waiting for a handler.
    Confirmed,
    /// The applicant was asked to clarify (补正, Art. 30); the reply clock waits for the correction.
    Clarifying,
    /// A handler works on it.
    Processing,
    /// At least one consultation (征求意见, Art. 32/34) is open; its time is not counted.
    Consulting,
    /// A fee notice (收费通知) was issued and is not paid yet.
    AwaitingPayment,
    /// The agency decided; the reply letter is written.
    Decided,
    /// The reply reached the applicant.
    Delivered,
    /// Filed (归档).
    Closed,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Registered,
        Status::Confirmed,
        Status::Clarifying,
        Status::Processing,
        Status::Consulting,
        Status::AwaitingPayment,
        Status::Decided,
        Status::Delivered,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Registered => "registered",
            Status::Confirmed => "confirmed",
            Status::Clarifying => "clarifying",
            Status::Processing => "processing",
            Status::Consulting => "consulting",
            Status::AwaitingPayment => "awaiting_payment",
            Status::Decided => "decided",
            Status::Delivered => "delivered",
            Status::Closed => "closed",
        }
    }

    /// Chinese label, as staff and the applicant see it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Registered => "待确认收到",
            Status::Confirmed => "已受理",
            Status::Clarifying => "待申请人补正",
            Status::Processing => "办理中",
            Status::Consulting => "征求意见中",
            Status::AwaitingPayment => "待缴纳信息处理费",
            Status::Decided => "已作出答复",
            Status::Delivered => "答复已送达",
            Status::Closed => "已办结",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the agency still owes a reply (the statutory clock is running or waiting).
    pub fn awaits_reply(self) -> bool {
        matches!(
            self,
            Status::Registered
                | Status::Confirmed
                | Status::Clarifying
                | Status::Processing
                | Status::Consulting
                | Status::AwaitingPayment
        )
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}
