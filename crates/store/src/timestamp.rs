//! Timestamps as stored: RFC 3339 in UTC with microseconds, so that text order is time order.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Today's date in China (UTC+8), the date every statutory period counts from.
pub fn today_in_china() -> time::Date {
    OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date()
}

/// A stored timestamp shown in China time as `YYYY-MM-DD HH:MM` (the stored text when unparsable).
pub fn china_minutes(stored: &str) -> String {
    match OffsetDateTime::parse(stored, &Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(time::macros::offset!(+8));
            format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
        }
        Err(_) => stored.to_owned(),
    }
}

/// The date in China of a stored timestamp.
pub fn china_date_of(stored: &str) -> Option<time::Date> {
    OffsetDateTime::parse(stored, &Rfc3339).ok().map(|t| t.to_offset(time::macros::offset!(+8)).date())
}

/// Midnight at the start of a date in China, as stored.
pub fn china_midnight(date: time::Date) -> String {
    format(time::PrimitiveDateTime::new(date, time::Time::MIDNIGHT).assume_offset(time::macros::offset!(+8)))
}

/// A stored timestamp read back (None when it is not RFC 3339).
pub fn parse(stored: &str) -> Option<gongkai_core::calendar::china_time::Moment> {
    OffsetDateTime::parse(stored, &Rfc3339).ok().map(gongkai_core::calendar::china_time::Moment)
}

/// Now, as stored.
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

pub fn format(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let t = t.replace_nanosecond(t.microsecond() * 1000).expect("microseconds are valid nanoseconds");
    t.format(&Rfc3339).expect("a UTC timestamp always formats")
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_shown_in_china_time() {
        assert_eq!(super::china_minutes("2026-11-22T09:40:05.1Z"), "2026-11-22 17:40");
        assert_eq!(super::china_midnight(time::macros::date!(2025 - 03 - 01)), "2025-02-28T16:00:00Z");
        assert_eq!(
            super::china_minutes(&super::china_midnight(time::macros::date!(2025 - 03 - 01))),
            "2025-03-01 00:00"
        );
    }

    #[test]
    fn stored_timestamps_are_utc_and_sortable() {
        let t = time::macros::datetime!(2025-01-02 03:04:05.123456789 +08:00);
        assert_eq!(super::format(t), "2025-01-01T19:04:05.123456Z");
    }
}
