//! The statutory periods of the disclosure regulation, as versioned data ("law is data").
//!
//! | | 2008 (国务院令第492号) | 2019 (国务院令第711号) |
//! |---|---|---|
//! | in force from | 2008-05-01 | 2019-05-15 |
//! | reply | 15 working days (Art. 24) | 20 working days (Art. 33) |
//! | longest extension | 15 working days (Art. 24) | 20 working days (Art. 33) |
//! | clarification notice (补正告知) | none fixed (Art. 21(四)) | 7 working days (Art. 30) |
//! | consultation opinions due | none fixed (Art. 23) | 15 working days (Art. 32, 34) |
//!
//! Both exclude consultation time from the reply period (2008 Art. 24 ¶3, 2019 Art. 33 ¶2). The
//! 2008 column was read from the full text of the 2007 decree; the 2019 column from the 2019 text
//! (spec §1.2).

use time::Date;
use time::macros::date;

/// One version of the statutory periods. All periods are in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// English name, used in error messages.
    pub name: &'static str,
    /// Chinese name with the decree number.
    pub name_zh: &'static str,
    /// First day the version applies to (by date the application was received).
    pub effective_from: Date,
    /// Reply period.
    pub reply_workdays: u32,
    /// Longest extension of the reply period.
    pub max_extension_workdays: u32,
    /// Period for the one-time notice asking the applicant to clarify, if the version fixes one.
    pub clarification_notice_workdays: Option<u32>,
    /// Period for a third party or other agency to give its opinion, if the version fixes one.
    pub consultation_workdays: Option<u32>,
}

impl Rules {
    /// 《政府信息公开条例》 of 2007, in force 2008-05-01 to 2019-05-14.
    pub const REGULATION_2008: Rules = Rules {
        name: "2008 Regulation (State Council Decree No. 492)",
        name_zh: "《中华人民共和国政府信息公开条例》（国务院令第492号，2008年5月1日施行）",
        effective_from: date!(2008 - 05 - 01),
        reply_workdays: 15,
        max_extension_workdays: 15,
        clarification_notice_workdays: None,
        consultation_workdays: None,
    };

    /// 《政府信息公开条例》 as revised in 2019, in force from 2019-05-15.
    pub const REGULATION_2019: Rules = Rules {
        name: "2019 Regulation (State Council Decree No. 711)",
        name_zh: "《中华人民共和国政府信息公开条例》（2019年修订，国务院令第711号，2019年5月15日施行）",
        effective_from: date!(2019 - 05 - 15),
        reply_workdays: 20,
        max_extension_workdays: 20,
        clarification_notice_workdays: Some(7),
        consultation_workdays: Some(15),
    };

    /// Every version, oldest first.
    pub const VERSIONS: &'static [Rules] = &[Self::REGULATION_2008, Self::REGULATION_2019];

    /// The version for an application received on `received`, or `None` before 2008-05-01.
    ///
    /// Assumption (not verified against a transitional provision): an application is handled under
    /// the version in force on the day it was received.
    pub fn in_force_on(received: Date) -> Option<&'static Rules> {
        Self::VERSIONS.iter().rev().find(|rules| rules.effective_from <= received)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_chosen_by_the_date_of_receipt() {
        assert_eq!(Rules::in_force_on(date!(2008 - 04 - 30)), None);
        assert_eq!(Rules::in_force_on(date!(2008 - 05 - 01)), Some(&Rules::REGULATION_2008));
        assert_eq!(Rules::in_force_on(date!(2019 - 05 - 14)), Some(&Rules::REGULATION_2008));
        assert_eq!(Rules::in_force_on(date!(2019 - 05 - 15)), Some(&Rules::REGULATION_2019));
        assert_eq!(Rules::in_force_on(date!(2026 - 01 - 01)), Some(&Rules::REGULATION_2019));
    }

    #[test]
    fn the_2019_regulation_has_twenty_plus_twenty_seven_and_fifteen() {
        let r = Rules::REGULATION_2019;
        assert_eq!(
            (r.reply_workdays, r.max_extension_workdays, r.clarification_notice_workdays, r.consultation_workdays),
            (20, 20, Some(7), Some(15))
        );
        assert_eq!((Rules::REGULATION_2008.reply_workdays, Rules::REGULATION_2008.max_extension_workdays), (15, 15));
    }
}
