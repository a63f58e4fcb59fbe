//! The facts of one request that move its deadline, as read from JSON, and their validation.
//!
//! ```json
//! {"received": "2025-09-26",
//!  "clarification": {"requested": "2025-09-30", "received": "2025-10-15"},
//!  "consultations": [{"start": "2025-10-20", "end": "2025-11-03"}, {"start": "2025-11-05"}],
//!  "extension_days": 20,
//!  "fee": {"notified": "2025-11-10", "pay_by": "2025-12-08", "paid": "2025-11-20"}}
//! ```
//!
//! `fee` is a fee notice (收费通知) when the fee rules stop the reply clock while the applicant
//! pays: from the notice to the payment, or while unpaid to the last day to pay (`pay_by`).
//!
//! After a reconsideration decision or judgment orders a new reply, `received` is the order's
//! date and `reply_workdays` the period it set (absent: the regulation's 20 working days).
//!
//! Unknown keys are refused (a misspelt `extention_days` must not silently give a shorter
//! deadline). Only `received` is required. [`Case::validate`] checks the order of the dates and the
//! extension against the [`Rules`].

use serde::{Deserialize, Serialize};
use time::Date;

use super::error::DeadlineError;
use super::rules::Rules;
use crate::calendar::iso_date;

/// The deadline-relevant facts of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Day the application counts as received (收到申请之日, Art. 31).
    #[serde(with = "iso_date")]
    pub received: Date,
    /// The one-time request to clarify (补正, Art. 30), if made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clarification: Option<Clarification>,
    /// Consultations of third parties or other agencies (Art. 32, 34); their time is not counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consultations: Vec<Consultation>,
    /// Approved extension of the reply period (延期, Art. 33), in working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_days: Option<u32>,
    /// A reply period set by a reconsideration decision or judgment ordering a new reply, in
    /// working days, counted from `received` (then the order's date); absent: the regulation's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_workdays: Option<u32>,
    /// A fee notice whose payment time is not counted (信息处理费, see `request::fee`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeWait>,
}

/// A fee notice issued on `notified`, payable by `pay_by`, paid on `paid` if it has been.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeWait {
    #[serde(with = "iso_date")]
    pub notified: Date,
    #[serde(with = "iso_date")]
    pub pay_by: Date,
    #[serde(default, with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    pub paid: Option<Date>,
}

/// A clarification: asked for on `requested`; the corrected application arrived on `received`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clarification {
    #[serde(with = "iso_date")]
    pub requested: Date,
    #[serde(with = "iso_date")]
    pub received: Date,
}

/// A consultation (征求意见): sent on `start`; the last opinion arrived on `end`, if it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    #[serde(with = "iso_date")]
    pub start: Date,
    #[serde(default, with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

impl Case {
    /// A case with only a date of receipt.
    pub fn received_on(received: Date) -> Self {
        Self {
            received,
            clarification: None,
            consultations: Vec::new(),
            extension_days: None,
            reply_workdays: None,
            fee: None,
        }
    }

    /// Reads a case from JSON; every problem is one line naming the key or value.
    pub fn from_json(json: &str) -> Result<Self, DeadlineError> {
        serde_json::from_str(json).map_err(|e| DeadlineError::InvalidJson { message: e.to_string() })
    }

    /// Where the reply clock starts: the receipt, or the receipt of the corrected application.
    pub fn clock_start(&self) -> Date {
        self.clarification.map_or(self.received, |c| c.received)
    }

    /// The extension in working days (0 when none).
    pub fn extension(&self) -> u32 {
        self.extension_days.unwrap_or(0)
    }

    /// Checks the order of the dates and the extension. Same-day steps are allowed.
    pub fn validate(&self, rules: &Rules) -> Result<(), DeadlineError> {
        if let Some(c) = self.clarification {
            if c.requested < self.received {
                return Err(DeadlineError::ClarificationBeforeReceipt {
                    requested: c.requested,
                    received: self.received,
                });
            }
            if c.received < c.requested {
                return Err(DeadlineError::CorrectionBeforeRequest { corrected: c.received, requested: c.requested });
            }
        }
        for c in &self.consultations {
            if c.start < self.received {
                return Err(DeadlineError::ConsultationBeforeReceipt { start: c.start, received: self.received });
            }
            match c.end {
                Some(end) if end < c.start => {
                    return Err(DeadlineError::ConsultationEndsBeforeStart { start: c.start, end });
                }
                None if rules.consultation_workdays.is_none() => {
                    return Err(DeadlineError::OpenConsultationWithoutLimit { start: c.start, rules: rules.name });
                }
                _ => {}
            }
        }
        if let Some(f) = self.fee {
            if f.notified < self.received {
                return Err(DeadlineError::FeeBeforeReceipt { notified: f.notified, received: self.received });
            }
            if f.pay_by <= f.notified || f.paid.is_some_and(|p| p < f.notified) {
                return Err(DeadlineError::FeeDatesOutOfOrder { notified: f.notified, pay_by: f.pay_by, paid: f.paid });
            }
        }
        let days = self.extension();
        if days > rules.max_extension_workdays {
            return Err(DeadlineError::ExtensionTooLong { days, max: rules.max_extension_workdays, rules: rules.name });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const EXAMPLE: &str = r#"{"received":"2025-09-26","clarification":{"requested":"2025-09-30","received":"2025-10-15"},"consultations":[{"start":"2025-10-20","end":"2025-11-03"},{"start":"2025-11-05"}],"extension_days":20}"#;

    #[test]
    fn the_documented_example_reads_and_writes_back_unchanged() {
        let case = Case::from_json(EXAMPLE).unwrap();
        assert_eq!(case.clock_start(), date!(2025 - 10 - 15));
        assert_eq!(case.consultations[1].end, None);
        assert_eq!(serde_json::to_string(&case).unwrap(), EXAMPLE);
        assert_eq!(case.validate(&Rules::REGULATION_2019), Ok(()));
    }

    #[test]
    fn only_the_date_of_receipt_is_required() {
        let case = Case::from_json(r#"{"received":"2025-01-20"}"#).unwrap();
        assert_eq!(case, Case::received_on(date!(2025 - 01 - 20)));
        assert_eq!(case.clock_start(), date!(2025 - 01 - 20));
        assert_eq!(case.extension(), 0);
    }

    #[test]
    fn bad_json_is_one_line_naming_the_problem() {
        let message = |json: &str| Case::from_json(json).unwrap_err().to_string();
        let unknown = message(r#"{"received":"2025-01-20","extention_days":5}"#);
        assert!(unknown.contains("unknown field `extention_days`"), "{unknown}");
        let impossible = message(r#"{"received":"2025-02-30"}"#);
        assert!(impossible.contains(r#"invalid date "2025-02-30""#), "{impossible}");
        let negative = message(r#"{"received":"2025-01-20","extension_days":-1}"#);
        assert!(negative.contains("-1"), "{negative}");
        assert!(message(r#"{"clarification":null}"#).contains("missing field `received`"));
        assert!(message("").starts_with("invalid case JSON: EOF"));
        let nested = message(r#"{"received":"2025-01-20","consultations":[{"start":"2025-01-21","stop":"x"}]}"#);
        assert!(nested.contains("unknown field `stop`"), "{nested}");
        for m in [unknown, impossible, negative, nested] {
            assert!(!m.contains('\n'), "{m}");
        }
    }

    #[test]
    fn dates_out_of_order_are_refused() {
        let rules = Rules::REGULATION_2019;
        let check = |json: &str| Case::from_json(json).unwrap().validate(&rules).unwrap_err();
        assert_eq!(
            check(r#"{"received":"2025-09-26","clarification":{"requested":"2025-09-25","received":"2025-10-15"}}"#),
            DeadlineError::ClarificationBeforeReceipt {
                requested: date!(2025 - 09 - 25),
                received: date!(2025 - 09 - 26)
            }
        );
        assert_eq!(
            check(r#"{"received":"2025-09-26","clarification":{"requested":"2025-09-30","received":"2025-09-29"}}"#),
            DeadlineError::CorrectionBeforeRequest {
                corrected: date!(2025 - 09 - 29),
                requested: date!(2025 - 09 - 30)
            }
        );
        assert_eq!(
            check(r#"{"received":"2025-09-26","consultations":[{"start":"2025-10-20","end":"2025-10-17"}]}"#),
            DeadlineError::ConsultationEndsBeforeStart { start: date!(2025 - 10 - 20), end: date!(2025 - 10 - 17) }
        );
        assert_eq!(
            check(r#"{"received":"2025-09-26","consultations":[{"start":"2025-09-25"}]}"#),
            DeadlineError::ConsultationBeforeReceipt { start: date!(2025 - 09 - 25), received: date!(2025 - 09 - 26) }
        );
        assert_eq!(
            check(r#"{"received":"2025-09-26","extension_days":21}"#),
            DeadlineError::ExtensionTooLong { days: 21, max: 20, rules: Rules::REGULATION_2019.name }
        );
    }

    #[test]
    fn same_day_steps_are_allowed() {
        let json = r#"{"received":"2025-09-26","clarification":{"requested":"2025-09-26","received":"2025-09-26"},
            "consultations":[{"start":"2025-09-26","end":"2025-09-26"}],"extension_days":20}"#;
        assert_eq!(Case::from_json(json).unwrap().validate(&Rules::REGULATION_2019), Ok(()));
    }

    #[test]
    fn an_open_consultation_needs_a_statutory_limit() {
        let case = Case::from_json(r#"{"received":"2018-09-26","consultations":[{"start":"2018-10-08"}]}"#).unwrap();
        assert!(matches!(
            case.validate(&Rules::REGULATION_2008),
            Err(DeadlineError::OpenConsultationWithoutLimit { .. })
        ));
        assert_eq!(case.validate(&Rules::REGULATION_2019), Ok(()));
    }
}
