//! Local overrides: days a province, city or county orders off or on, on top of the national notice.
//!
//! Examples: a provincial COVID-19 extension of 春节 (not in the national data), a local festival, a
//! typhoon closure, or a local make-up working day. An override replaces whatever the national
//! notice says about its date; at most one override per date (a second one is an error, not a
//! silent "last one wins").

use serde::{Deserialize, Serialize};
use time::Date;

use super::iso_date;

/// A locally ordered change to one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    #[serde(with = "iso_date")]
    pub date: Date,
    pub kind: OverrideKind,
    /// Why, as shown in deadline explanations (e.g. `台风停工`).
    pub reason: String,
    /// Who ordered it, usually with the document number (e.g. `省人民政府办公厅 X政办发〔2020〕3号`).
    pub ordered_by: String,
}

/// Whether an override makes its day a day off or a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideKind {
    /// The day is off, even if it is Monday–Friday or a national 调休 working day.
    ExtraOffDay,
    /// The day is a working day, even if it is a weekend or a national off day.
    ExtraWorkday,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn an_override_reads_from_json_with_snake_case_kinds() {
        let json = r#"{"date":"2020-02-03","kind":"extra_off_day","reason":"疫情防控延长春节假期","ordered_by":"某省人民政府"}"#;
        let o: Override = serde_json::from_str(json).unwrap();
        assert_eq!(o.date, date!(2020 - 02 - 03));
        assert_eq!(o.kind, OverrideKind::ExtraOffDay);
        assert_eq!(serde_json::to_string(&o).unwrap(), json);
    }
}
