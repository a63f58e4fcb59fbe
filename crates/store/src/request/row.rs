//! A stored request. The columns after `delivery` are derived from the event log and rewritten
//! with every event, so lists and supervision can filter on them; the log stays the truth.

use gongkai_core::request::workflow::Status;

/// One row of `requests`.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Request {
    pub id: i64,
    pub agency_id: i64,
    pub tracking_code: String,
    #[serde(skip)]
    pub password_hash: String,
    pub channel: String,
    pub applicant_type: String,
    pub applicant_name: String,
    pub id_type: String,
    pub id_number: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub info_title: String,
    pub doc_number: String,
    pub description: String,
    pub form_wanted: String,
    pub delivery: String,
    pub status: String,
    pub submitted_on: String,
    pub received_on: Option<String>,
    pub clarification_notice_due: Option<String>,
    pub reply_due: Option<String>,
    pub handler: Option<String>,
    pub outcome: Option<String>,
    pub decided_on: Option<String>,
    pub fee_yuan: Option<i64>,
    pub source_id: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Request {
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Registered)
    }

    /// The ID number with all but the first 3 and last 2 characters masked, for lists and the
    /// public status page.
    pub fn masked_id(&self) -> String {
        let chars: Vec<char> = self.id_number.chars().collect();
        if chars.len() <= 5 {
            return "＊".repeat(chars.len());
        }
        let mut out: String = chars[..3].iter().collect();
        out.push_str(&"＊".repeat(chars.len() - 5));
        out.extend(&chars[chars.len() - 2..]);
        out
    }

    /// Whether the reply is late on `today` (`status awaiting a reply and due < today`).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status().awaits_reply() && self.reply_due.as_deref().is_some_and(|due| due < today)
    }
}

/// One stored event of a request.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct StoredEvent {
    pub id: i64,
    pub request_id: i64,
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub event: String,
}

impl StoredEvent {
    pub fn parsed(&self) -> Option<gongkai_core::request::workflow::Event> {
        serde_json::from_str(&self.event).ok()
    }
}
