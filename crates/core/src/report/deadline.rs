//! When the report of a year is due (条例 第四十九条、第五十条), as data:
//!
//! - every agency publishes its own report of the previous year by **31 January** (Art. 49);
//! - a local government at county level or above (here: levels province, city, county) publishes
//!   the report of 本级政府, compiled from its departments', by **31 March** (Art. 50).
//!
//! The 2008 regulation had 31 March for everyone; reports for years before 2019 are due under it.

use time::{Date, Month};

use crate::agency::level::Level;

/// The statutory deadline of the report of `year` for an agency at `level`, and the article.
pub fn due(level: Level, year: i32) -> (Date, &'static str) {
    let next = year + 1;
    let date = |m, d| Date::from_calendar_date(next, m, d).expect("valid date");
    if year < 2019 {
        return (date(Month::March, 31), "《政府信息公开条例》（2008年）第三十一条");
    }
    match level {
        Level::Province | Level::City | Level::County => (date(Month::March, 31), "《政府信息公开条例》第五十条"),
        Level::Township | Level::Department => (date(Month::January, 31), "《政府信息公开条例》第四十九条"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departments_and_townships_by_31_january_governments_by_31_march() {
        let d = |y, m, day| Date::from_calendar_date(y, m, day).unwrap();
        assert_eq!(due(Level::Township, 2025).0, d(2026, Month::January, 31));
        assert_eq!(due(Level::Department, 2025).0, d(2026, Month::January, 31));
        assert_eq!(due(Level::County, 2025), (d(2026, Month::March, 31), "《政府信息公开条例》第五十条"));
        assert_eq!(due(Level::Township, 2018).0, d(2019, Month::March, 31));
    }
}
