//! Art. 26 as the approver meets it at 签发: information is published within 20 working days of
//! being formed or changed (《政府信息公开条例》第二十六条). Before signing off, the approver sees the
//! count of publishing today; beyond the limit a reason is required and kept in the item's log
//! ([`super::Event::SignedOff`]); a draft with no 形成日期 asks for it at sign-off.

use time::Date;

use crate::calendar::Calendar;

/// The Art. 26 limit, in working days (《政府信息公开条例》2019 revision, Art. 26).
pub const ART26_WORKDAYS: i64 = 20;

/// Where a sign-off stands against Art. 26.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOffTiming {
    /// Published `today`, `workdays` working days after `formed`: within the limit or beyond it.
    Counted { formed: Date, workdays: i64, late: bool },
    /// The draft gives no 形成日期, so the limit cannot be checked.
    FormedDateMissing,
}

impl SignOffTiming {
    /// The timing of publishing on `today` information formed on `formed` (`None` when the
    /// calendar does not cover the span, so nothing can be said).
    pub fn of(formed: Option<Date>, today: Date, calendar: &Calendar) -> Option<SignOffTiming> {
        let Some(formed) = formed else { return Some(SignOffTiming::FormedDateMissing) };
        calendar.workdays_between(formed, today).ok().map(|workdays| SignOffTiming::Counted {
            formed,
            workdays,
            late: workdays > ART26_WORKDAYS,
        })
    }

    /// The working days counted when beyond the limit.
    pub fn late_by(self) -> Option<i64> {
        match self {
            SignOffTiming::Counted { workdays, late: true, .. } => Some(workdays),
            _ => None,
        }
    }
}

/// A sign-off beyond the Art. 26 limit, as the item's log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LateSignOff {
    /// Working days from 形成日期 to the sign-off.
    pub workdays: i64,
    /// Why it is late, in the approver's words.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_count_is_late_past_twenty_working_days_and_a_missing_date_says_so() {
        let calendar = Calendar::embedded();
        // 2025-03-03 (Mon) + 20 working days = 2025-03-31 (Mon).
        let within = SignOffTiming::of(Some(date!(2025 - 03 - 03)), date!(2025 - 03 - 31), &calendar).unwrap();
        assert_eq!(within, SignOffTiming::Counted { formed: date!(2025 - 03 - 03), workdays: 20, late: false });
        assert_eq!(within.late_by(), None);
        let late = SignOffTiming::of(Some(date!(2025 - 03 - 03)), date!(2025 - 04 - 01), &calendar).unwrap();
        assert_eq!(late.late_by(), Some(21));
        assert_eq!(SignOffTiming::of(None, date!(2025 - 04 - 01), &calendar), Some(SignOffTiming::FormedDateMissing));
    }
}
