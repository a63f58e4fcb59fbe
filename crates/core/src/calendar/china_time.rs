//! Dates and moments as people in China read them: China time (UTC+8, no daylight saving), dates
//! as `2025年10月9日`, moments as `2026年12月2日 13:13`. Timestamps are stored in UTC; every page,
//! letter and message shows them through here.

use time::{Date, OffsetDateTime, UtcOffset};

/// China Standard Time.
pub const OFFSET: UtcOffset = time::macros::offset!(+8);

/// The date in China at `moment`.
pub fn date_of(moment: OffsetDateTime) -> Date {
    moment.to_offset(OFFSET).date()
}

/// `2025年10月9日`.
pub fn date_label(date: Date) -> String {
    format!("{}年{}月{}日", date.year(), u8::from(date.month()), date.day())
}

/// `2026年12月2日 13:13` in China time.
pub fn minute_label(moment: OffsetDateTime) -> String {
    let t = moment.to_offset(OFFSET);
    format!("{} {:02}:{:02}", date_label(t.date()), t.hour(), t.minute())
}

/// `2026-12-02 13:13` in China time: the form of a government page's `PubDate` meta tag.
pub fn plain_minute(moment: OffsetDateTime) -> String {
    let t = moment.to_offset(OFFSET);
    format!("{} {:02}:{:02}", crate::calendar::iso_date::format(t.date()), t.hour(), t.minute())
}

/// `2026-12-02T13:13+08:00`, for the `datetime` attribute of `<time>` (machine readable).
pub fn machine_minute(moment: OffsetDateTime) -> String {
    let t = moment.to_offset(OFFSET);
    format!("{}T{:02}:{:02}+08:00", crate::calendar::iso_date::format(t.date()), t.hour(), t.minute())
}

/// `2025-03-01 09:00` (or `2025-03-01T09:00`) read as China time; None when it is not that shape.
pub fn parse_minute(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim().replace('T', " ");
    let (d, t) = text.split_once(' ')?;
    let date = crate::calendar::iso_date::parse(d).ok()?;
    let (h, m) = t.trim().split_once(':')?;
    let time = time::Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()?;
    Some(time::PrimitiveDateTime::new(date, time).assume_offset(OFFSET))
}

/// A moment as gongkai stores and shows it: UTC inside, China time to people. `Display` writes
/// [`minute_label`], so a template that prints a `Moment` shows `2026年12月2日 13:13`, never UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(pub OffsetDateTime);

impl Moment {
    pub fn now() -> Moment {
        Moment(OffsetDateTime::now_utc())
    }

    /// The date in China.
    pub fn date(self) -> Date {
        date_of(self.0)
    }

    /// For `<time datetime="…">`.
    pub fn machine(self) -> String {
        machine_minute(self.0)
    }

    /// RFC 3339 in UTC (`2026-12-02T05:13:12Z`): feeds and other machine formats.
    pub fn rfc3339(self) -> String {
        self.0
            .to_offset(time::UtcOffset::UTC)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }

    /// RFC 2822 in China time (`Wed, 02 Dec 2026 13:13:12 +0800`): RSS 2.0's dates.
    pub fn rfc2822(self) -> String {
        self.0.to_offset(OFFSET).format(&time::format_description::well_known::Rfc2822).unwrap_or_default()
    }
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&minute_label(self.0))
    }
}

impl serde::Serialize for Moment {
    /// RFC 3339 in UTC, as stored (the API's machine form).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.0.format(&time::format_description::well_known::Rfc3339).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn utc_moments_are_shown_in_china_time() {
        let t = datetime!(2026-12-02 05:13:12 UTC);
        assert_eq!(minute_label(t), "2026年12月2日 13:13");
        assert_eq!(machine_minute(t), "2026-12-02T13:13+08:00");
        assert_eq!(date_of(datetime!(2026-12-31 16:00 UTC)), date!(2027 - 01 - 01));
    }

    #[test]
    fn feeds_get_their_protocols_date_forms() {
        let m = Moment(datetime!(2026-12-02 05:13:12 UTC));
        assert_eq!(m.rfc3339(), "2026-12-02T05:13:12Z");
        assert_eq!(m.rfc2822(), "Wed, 02 Dec 2026 13:13:12 +0800");
    }

    #[test]
    fn a_moment_displays_in_china_time() {
        assert_eq!(Moment(datetime!(2026-12-02 05:13:12 UTC)).to_string(), "2026年12月2日 13:13");
        assert_eq!(
            serde_json::to_string(&Moment(datetime!(2026-12-02 05:13:12 UTC))).unwrap(),
            "\"2026-12-02T05:13:12Z\""
        );
    }

    #[test]
    fn dates_have_no_leading_zeros() {
        assert_eq!(date_label(date!(2025 - 03 - 01)), "2025年3月1日");
    }
}
