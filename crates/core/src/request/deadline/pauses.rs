//! Consultation pauses: the working days on which the reply clock stands still (Art. 33 ¶2).
//!
//! A consultation sent on `start` pauses every working day `d` with `start < d ≤ end`, where `end`
//! is the day the last opinion arrived or, while none has, the last day of the statutory period for
//! opinions (`start` + 15 working days, Art. 32 and 34). The start day itself was already running
//! (the clock does not stop retroactively) and the day the last opinion arrives is not counted.
//! Overlapping consultations simply pause the union of their days.
//!
//! A fee notice whose payment time is not counted (see `request::fee`) pauses the same way: every
//! working day after the notice up to the payment, or while unpaid up to the last day to pay.

use time::Date;

use super::case::{Consultation, FeeWait};
use super::error::DeadlineError;
use super::rules::Rules;
use crate::calendar::Calendar;

/// What stops the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseKind {
    Consultation,
    Fee,
}

/// One consultation or fee wait with its effective end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub kind: PauseKind,
    pub start: Date,
    pub end: Date,
    /// Whether `end` is the statutory limit because no opinion (or payment) has arrived yet.
    pub end_is_limit: bool,
}

impl Pause {
    /// The Chinese reason shown for a paused day.
    pub fn describe(&self) -> String {
        match (self.kind, self.end_is_limit) {
            (PauseKind::Consultation, true) => {
                format!("征求意见期间（{}起，尚未收到意见，按法定期限计至{}）", self.start, self.end)
            }
            (PauseKind::Consultation, false) => format!("征求意见期间（{}起，{}收到意见）", self.start, self.end),
            (PauseKind::Fee, true) => {
                format!("等待缴纳信息处理费（{}发出收费通知，尚未缴费，按缴费期限计至{}）", self.start, self.end)
            }
            (PauseKind::Fee, false) => {
                format!("等待缴纳信息处理费（{}发出收费通知，{}缴费）", self.start, self.end)
            }
        }
    }

    fn covers(&self, date: Date) -> bool {
        self.start < date && date <= self.end
    }
}

/// Resolves the consultations of a case (already validated) into pauses.
pub fn pauses(cal: &Calendar, rules: &Rules, consultations: &[Consultation]) -> Result<Vec<Pause>, DeadlineError> {
    consultations
        .iter()
        .map(|c| {
            let (end, end_is_limit) = match (c.end, rules.consultation_workdays) {
                (Some(end), _) => (end, false),
                (None, Some(limit)) => (cal.add_workdays(c.start, limit)?, true),
                (None, None) => {
                    return Err(DeadlineError::OpenConsultationWithoutLimit { start: c.start, rules: rules.name });
                }
            };
            Ok(Pause { kind: PauseKind::Consultation, start: c.start, end, end_is_limit })
        })
        .collect()
}

/// The pause of a fee wait: to the payment, or while unpaid to the last day to pay.
pub fn fee_pause(fee: &FeeWait) -> Pause {
    let (end, end_is_limit) = match fee.paid {
        Some(paid) => (paid, false),
        None => (fee.pay_by, true),
    };
    Pause { kind: PauseKind::Fee, start: fee.notified, end, end_is_limit }
}

/// The first pause covering `date`, if any.
pub fn pause_on(pauses: &[Pause], date: Date) -> Option<&Pause> {
    pauses.iter().find(|p| p.covers(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn an_open_consultation_lasts_fifteen_working_days() {
        let cal = Calendar::embedded();
        let open = [Consultation { start: date!(2025 - 11 - 05), end: None }];
        let p = pauses(&cal, &Rules::REGULATION_2019, &open).unwrap();
        // Thu 11-06 … Wed 11-26: 15 working days, no holiday in between.
        assert_eq!(
            p[0],
            Pause {
                kind: PauseKind::Consultation,
                start: date!(2025 - 11 - 05),
                end: date!(2025 - 11 - 26),
                end_is_limit: true
            }
        );
        assert!(!p[0].covers(date!(2025 - 11 - 05)));
        assert!(p[0].covers(date!(2025 - 11 - 26)));
        assert!(!p[0].covers(date!(2025 - 11 - 27)));
    }
}
