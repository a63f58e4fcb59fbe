//! 索引号 (index number) schemes: how an agency's index numbers are built, and building one.
//!
//! The national baseline (《政府信息公开目录系统实施指引(试行)》, spec §5.1) is a 20-character
//! string `前段码/后段码`: the 9-character 组织机构代码, `/`, a 4-digit year, a dash and a
//! 5-digit serial (`000014349/2017-00110`). Since the 统一社会信用代码 replaced the organisation
//! code, most sites put the 18-character credit code in front (`11441700007280420Y/2021-00050`),
//! and local schemes vary (`11341702486344515H/202110-00013`, `pjsrmzf-2019-000223`; spec §5.2).
//! So the scheme is configurable per agency; the default is [`DEFAULT_SCHEME`].
//!
//! A scheme is literal text with placeholders:
//!
//! | placeholder | becomes |
//! |---|---|
//! | `{credit_code}` | the agency's 18-character 统一社会信用代码 |
//! | `{org_code}` | the 9-character 组织机构代码 inside it (characters 9–17) |
//! | `{YYYY}` / `{MM}` | year / two-digit month of the date passed (the publication date) |
//! | `{NNNNN}`, `{NNNNNN}`, … | the serial, zero-padded to as many digits as there are `N`s (1–10) |
//!
//! A scheme must contain `{YYYY}` and exactly one serial placeholder. Index numbers are issued
//! once and never change (the guide: "一经生成不因发布机构变更而更改"); keeping them unique is
//! the caller's counter's job, per [`serial_period`].

use std::fmt::Write as _;

use time::Date;

use crate::agency::CreditCode;
use crate::field::FieldError;

/// `{credit_code}/{YYYY}-{NNNNN}`, e.g. `11441700007280420Y/2021-00050`.
pub const DEFAULT_SCHEME: &str = "{credit_code}/{YYYY}-{NNNNN}";

const SCHEME_FIELD: &str = "index_scheme";
const SCHEME_LABEL: &str = "索引号规则";
const PLACEHOLDERS: &str = "{credit_code}、{org_code}、{YYYY}、{MM}、{NNNNN}（N的个数为流水号位数）";
const MAX_WIDTH: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    CreditCode,
    OrgCode,
    Year,
    Month,
    Serial { width: usize },
}

/// A checked scheme, ready to format index numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    parts: Vec<Part>,
}

impl Scheme {
    /// Checks a scheme: braces balanced, only known placeholders, `{YYYY}` present, exactly one
    /// serial placeholder.
    pub fn parse(scheme: &str) -> Result<Scheme, FieldError> {
        let err = |message: String| FieldError::new(SCHEME_FIELD, SCHEME_LABEL, message);
        if scheme.trim().is_empty() {
            return Err(err(format!("{SCHEME_LABEL}不能为空")));
        }
        let mut parts = Vec::new();
        let mut rest = scheme;
        while !rest.is_empty() {
            let brace = rest.find(['{', '}']).unwrap_or(rest.len());
            if brace > 0 {
                parts.push(Part::Literal(rest[..brace].to_owned()));
            }
            rest = &rest[brace..];
            if rest.starts_with('}') {
                return Err(err(format!("{SCHEME_LABEL}中的“}}”没有对应的“{{”")));
            }
            if rest.is_empty() {
                break;
            }
            let Some(close) = rest.find('}') else {
                return Err(err(format!("{SCHEME_LABEL}中的“{{”没有对应的“}}”")));
            };
            let name = &rest[1..close];
            parts.push(match name {
                "credit_code" => Part::CreditCode,
                "org_code" => Part::OrgCode,
                "YYYY" => Part::Year,
                "MM" => Part::Month,
                n if !n.is_empty() && n.len() <= MAX_WIDTH && n.bytes().all(|b| b == b'N') => {
                    Part::Serial { width: n.len() }
                }
                _ => return Err(err(format!("{SCHEME_LABEL}中的“{{{name}}}”不是可用的占位符，可用：{PLACEHOLDERS}"))),
            });
            rest = &rest[close + 1..];
        }
        if !parts.contains(&Part::Year) {
            return Err(err(format!("{SCHEME_LABEL}缺少年份占位符“{{YYYY}}”")));
        }
        match parts.iter().filter(|p| matches!(p, Part::Serial { .. })).count() {
            0 => Err(err(format!("{SCHEME_LABEL}缺少流水号占位符，如“{{NNNNN}}”"))),
            1 => Ok(Scheme { parts }),
            _ => Err(err(format!("{SCHEME_LABEL}只能有一个流水号占位符"))),
        }
    }

    /// Digits of the serial.
    pub fn serial_width(&self) -> usize {
        self.parts.iter().find_map(|p| if let Part::Serial { width } = p { Some(*width) } else { None }).unwrap_or(0)
    }

    /// The largest serial the scheme can hold (`99999` for `{NNNNN}`).
    pub fn max_serial(&self) -> u64 {
        10u64.pow(self.serial_width() as u32) - 1
    }

    /// Builds the index number of the `serial`-th item of the period (see [`serial_period`]) of
    /// `date`, for the agency with `credit_code`.
    pub fn format(&self, credit_code: &str, date: Date, serial: u32) -> Result<String, FieldError> {
        const FIELD: &str = "index_number";
        const LABEL: &str = "索引号";
        let code = CreditCode::parse(credit_code)?;
        if serial == 0 {
            return Err(FieldError::new(FIELD, LABEL, format!("{LABEL}流水号从1开始，不能为0")));
        }
        if u64::from(serial) > self.max_serial() {
            let width = self.serial_width();
            return Err(FieldError::new(
                FIELD,
                LABEL,
                format!("{LABEL}流水号{serial}超出{width}位（最大{}），请修改索引号规则", self.max_serial()),
            ));
        }
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::CreditCode => out.push_str(code.as_str()),
                Part::OrgCode => out.push_str(&code.as_str()[8..17]),
                Part::Year => write!(out, "{:04}", date.year()).expect("writing to a String"),
                Part::Month => write!(out, "{:02}", u8::from(date.month())).expect("writing to a String"),
                Part::Serial { width } => write!(out, "{serial:0width$}").expect("writing to a String"),
            }
        }
        Ok(out)
    }

    /// Whether the scheme shows the month, so that serials may restart each month.
    pub fn has_month(&self) -> bool {
        self.parts.contains(&Part::Month)
    }
}

/// Checks a scheme (see [`Scheme::parse`]); errors name 索引号规则.
pub fn validate_scheme(scheme: &str) -> Result<(), FieldError> {
    Scheme::parse(scheme).map(|_| ())
}

/// Builds one index number: `scheme` filled with the agency's `credit_code` (checked), the year
/// (and month) of `date`, and `serial` zero-padded to the scheme's width. A serial of 0 or one
/// wider than the scheme allows is an error naming 索引号.
pub fn format(scheme: &str, credit_code: &str, date: Date, serial: u32) -> Result<String, FieldError> {
    Scheme::parse(scheme)?.format(credit_code, date, serial)
}

/// The period within which serials must be unique for `scheme`: the year (`2021`), or year and
/// month (`2021-10`) when the scheme shows the month. A counter per agency and period (or per
/// year only, which is also unique) feeds [`format()`].
pub fn serial_period(scheme: &str, date: Date) -> Result<String, FieldError> {
    let scheme = Scheme::parse(scheme)?;
    Ok(if scheme.has_month() {
        format!("{:04}-{:02}", date.year(), u8::from(date.month()))
    } else {
        format!("{:04}", date.year())
    })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    const CODE: &str = "11441700007280420Y";

    #[test]
    fn the_default_scheme_gives_the_yangjiang_example() {
        assert_eq!(format(DEFAULT_SCHEME, CODE, date!(2021 - 03 - 04), 50).unwrap(), "11441700007280420Y/2021-00050");
    }

    #[test]
    fn the_2008_baseline_with_the_organisation_code_is_twenty_characters() {
        let n = format("{org_code}/{YYYY}-{NNNNN}", CODE, date!(2017 - 06 - 08), 110).unwrap();
        assert_eq!(n, "007280420/2017-00110");
        assert_eq!(n.chars().count(), 20);
    }

    #[test]
    fn local_schemes_with_month_and_six_digit_serials_work() {
        let n = format("{credit_code}/{YYYY}{MM}-{NNNNN}", "11341702486344515H", date!(2021 - 10 - 01), 13).unwrap();
        assert_eq!(n, "11341702486344515H/202110-00013");
        assert_eq!(format("pjsrmzf-{YYYY}-{NNNNNN}", CODE, date!(2019 - 01 - 01), 223).unwrap(), "pjsrmzf-2019-000223");
    }

    #[test]
    fn a_serial_wider_than_the_scheme_is_refused() {
        assert_eq!(format(DEFAULT_SCHEME, CODE, date!(2021 - 01 - 01), 99_999).unwrap(), format!("{CODE}/2021-99999"));
        let err = format(DEFAULT_SCHEME, CODE, date!(2021 - 01 - 01), 100_000).unwrap_err();
        assert_eq!(err.field, "index_number");
        assert_eq!(err.message, "索引号流水号100000超出5位（最大99999），请修改索引号规则");
        assert!(format(DEFAULT_SCHEME, CODE, date!(2021 - 01 - 01), 0).is_err());
        assert!(format("{YYYY}-{NNNNNNNNNN}", CODE, date!(2021 - 01 - 01), u32::MAX).is_ok());
    }

    #[test]
    fn an_invalid_credit_code_is_refused_with_its_own_message() {
        let err = format(DEFAULT_SCHEME, "11441700007280420X", date!(2021 - 01 - 01), 1).unwrap_err();
        assert_eq!(err.field, "credit_code");
    }

    #[test]
    fn schemes_without_year_or_serial_or_with_unknown_placeholders_are_refused() {
        let msg = |s: &str| validate_scheme(s).unwrap_err().message;
        assert_eq!(msg("{credit_code}/{NNNNN}"), "索引号规则缺少年份占位符“{YYYY}”");
        assert_eq!(msg("{credit_code}/{YYYY}"), "索引号规则缺少流水号占位符，如“{NNNNN}”");
        assert_eq!(msg("{YYYY}-{NNNNN}-{NNN}"), "索引号规则只能有一个流水号占位符");
        assert!(msg("{credit}/{YYYY}-{NNNNN}").starts_with("索引号规则中的“{credit}”不是可用的占位符，可用："));
        assert!(msg("{YYYY}-{NNNNNNNNNNN}").starts_with("索引号规则中的“{NNNNNNNNNNN}”"));
        assert_eq!(
            msg("{YYYY-{NNNNN}"),
            "索引号规则中的“{YYYY-{NNNNN}”不是可用的占位符，可用：{credit_code}、{org_code}、{YYYY}、{MM}、{NNNNN}（N的个数为流水号位数）"
        );
        assert_eq!(msg("{YYYY}-{NNNNN"), "索引号规则中的“{”没有对应的“}”");
        assert_eq!(msg("YYYY}-{NNNNN}"), "索引号规则中的“}”没有对应的“{”");
        assert_eq!(msg(" "), "索引号规则不能为空");
        assert_eq!(validate_scheme("pjsrmzf-{YYYY}-{NNNNNN}"), Ok(()));
        assert_eq!(validate_scheme(DEFAULT_SCHEME), Ok(()));
    }

    #[test]
    fn serials_restart_per_year_or_per_month_when_the_scheme_shows_it() {
        assert_eq!(serial_period(DEFAULT_SCHEME, date!(2021 - 10 - 01)).unwrap(), "2021");
        assert_eq!(serial_period("{credit_code}/{YYYY}{MM}-{NNNNN}", date!(2021 - 10 - 01)).unwrap(), "2021-10");
    }
}
