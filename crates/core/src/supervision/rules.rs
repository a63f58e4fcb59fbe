//! The limits supervision applies, as data with their sources, and the monthly ranking's
//! deduction weights. Every value can be changed in the `[supervision]` table of `gongkai.toml`;
//! [`Rules::describe`] prints the rules in force, and the monthly notice quotes them.
//!
//! Defaults:
//! - publication within **20 working days** of the document's making (条例 第二十六条);
//! - a request is "due soon" within **3 working days** of its reply deadline;
//! - column update limits of the website inspection (国办秘函〔2019〕19号, 单项否决 4): 动态、要闻
//!   columns within **2 weeks**, 通知公告 and 政策文件 columns within **6 months**; only the
//!   catalogue's 法规文件 column (Art. 20 (一)) is a 政策文件 column by default, since this
//!   platform has no news column of its own — map more in the config;
//! - an enquiry must be answered within **3 months** (the same indicator, 单项否决 5), looking at
//!   the year before the day judged;
//! - the ranking's weights are gongkai's own choice (no national weights exist for a monthly
//!   notice) and are printed with every notice.

use serde::Deserialize;

use crate::field::{FieldError, FieldErrors};
use crate::law::categories;

/// The key of the 政府信息公开制度 column, which is not an Art. 20 category.
pub const SYSTEM_COLUMN: &str = "system";

/// What kind of column an update limit is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ColumnKind {
    #[serde(rename = "动态要闻")]
    News,
    #[serde(rename = "通知公告")]
    Notice,
    #[serde(rename = "政策文件")]
    Policy,
}

impl ColumnKind {
    pub fn label(self) -> &'static str {
        match self {
            ColumnKind::News => "动态要闻",
            ColumnKind::Notice => "通知公告",
            ColumnKind::Policy => "政策文件",
        }
    }
}

/// How long a column may go without a new item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Days(u32),
    Months(u32),
}

impl Limit {
    /// `2周`, `14天`, `6个月`.
    pub fn label(self) -> String {
        match self {
            Limit::Days(d) if d % 7 == 0 => format!("{}周", d / 7),
            Limit::Days(d) => format!("{d}天"),
            Limit::Months(m) => format!("{m}个月"),
        }
    }

    /// The earliest publication date that still counts as fresh on `as_of`.
    pub fn fresh_since(self, as_of: time::Date) -> time::Date {
        match self {
            Limit::Days(d) => as_of - time::Duration::days(i64::from(d)),
            Limit::Months(m) => super::period::months_before(as_of, m),
        }
    }
}

/// One column's update limit: a catalogue category key (`art20.1`) or `system`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRule {
    pub column: String,
    pub kind: ColumnKind,
    pub limit: Limit,
}

/// Deductions from 100 points per problem, for the monthly ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub overdue_request: u32,
    pub closed_late: u32,
    pub late_item: u32,
    pub stale_column: u32,
    pub empty_column: u32,
    pub unanswered_enquiry: u32,
    pub report_missing: u32,
    pub report_late: u32,
    pub report_findings: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            overdue_request: 5,
            closed_late: 2,
            late_item: 1,
            stale_column: 5,
            empty_column: 2,
            unanswered_enquiry: 3,
            report_missing: 20,
            report_late: 10,
            report_findings: 5,
        }
    }
}

/// Everything supervision applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub publish_workdays: u32,
    pub due_soon_workdays: u32,
    pub enquiry_months: u32,
    pub columns: Vec<ColumnRule>,
    pub weights: Weights,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            publish_workdays: 20,
            due_soon_workdays: 3,
            enquiry_months: 3,
            columns: vec![ColumnRule { column: "art20.1".into(), kind: ColumnKind::Policy, limit: Limit::Months(6) }],
            weights: Weights::default(),
        }
    }
}

/// The `[supervision]` table of the config file; absent keys keep their defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    pub publish_workdays: Option<u32>,
    pub due_soon_workdays: Option<u32>,
    pub enquiry_months: Option<u32>,
    /// Replaces the default column limits when given.
    pub columns: Option<Vec<ColumnConfig>>,
    pub weights: Option<Weights>,
}

/// One `[[supervision.columns]]` entry: `column = "art20.1"`, `kind = "政策文件"`, and `days` or `months`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnConfig {
    pub column: String,
    pub kind: ColumnKind,
    pub days: Option<u32>,
    pub months: Option<u32>,
}

impl RulesConfig {
    /// The rules, or every mistake named by its key.
    pub fn rules(&self) -> Result<Rules, FieldErrors> {
        let defaults = Rules::default();
        let mut errors = FieldErrors::new();
        let positive = |errors: &mut FieldErrors, key: &str, label: &str, v: Option<u32>, default: u32| match v {
            Some(0) => {
                errors.push(FieldError::new(key, label, format!("{label}必须大于0")));
                default
            }
            Some(v) => v,
            None => default,
        };
        let publish_workdays = positive(
            &mut errors,
            "supervision.publish_workdays",
            "主动公开时限（工作日）",
            self.publish_workdays,
            defaults.publish_workdays,
        );
        let due_soon_workdays = positive(
            &mut errors,
            "supervision.due_soon_workdays",
            "即将到期提示（工作日）",
            self.due_soon_workdays,
            defaults.due_soon_workdays,
        );
        let enquiry_months = positive(
            &mut errors,
            "supervision.enquiry_months",
            "留言答复时限（月）",
            self.enquiry_months,
            defaults.enquiry_months,
        );
        let columns = match &self.columns {
            None => defaults.columns,
            Some(list) => list.iter().enumerate().filter_map(|(i, c)| c.rule(i, &mut errors)).collect(),
        };
        let rules = Rules {
            publish_workdays,
            due_soon_workdays,
            enquiry_months,
            columns,
            weights: self.weights.unwrap_or_default(),
        };
        if errors.is_empty() { Ok(rules) } else { Err(errors) }
    }
}

impl ColumnConfig {
    fn rule(&self, i: usize, errors: &mut FieldErrors) -> Option<ColumnRule> {
        let key = format!("supervision.columns[{i}]");
        if self.column != SYSTEM_COLUMN && categories::by_key(&self.column).is_none() {
            errors.push(FieldError::new(
                &key,
                "栏目",
                format!("栏目“{}”不存在，应为 art20.1 至 art20.15、art21 或 system", self.column),
            ));
            return None;
        }
        let limit = match (self.days, self.months) {
            (Some(d), None) if d > 0 => Limit::Days(d),
            (None, Some(m)) if m > 0 => Limit::Months(m),
            _ => {
                errors.push(FieldError::new(
                    &key,
                    "更新时限",
                    format!("栏目“{}”的更新时限须且只须填写 days 或 months 之一，且大于0", self.column),
                ));
                return None;
            }
        };
        Some(ColumnRule { column: self.column.clone(), kind: self.kind, limit })
    }
}

/// The Chinese name of a column key.
pub fn column_name(key: &str) -> &'static str {
    if key == SYSTEM_COLUMN {
        "政府信息公开制度"
    } else {
        categories::by_key(key).map_or("未知栏目", |c| c.short)
    }
}

impl Rules {
    /// The rules in force, one Chinese sentence each, as the notice prints them.
    pub fn describe(&self) -> Vec<String> {
        let w = &self.weights;
        let mut lines = vec![
            format!(
                "主动公开时限：政府信息自形成或者变更之日起{}个工作日内公开（《政府信息公开条例》第二十六条），超过即计为逾期公开。",
                self.publish_workdays
            ),
            "依申请公开：在法定答复期限内未作出答复的计为逾期未办结；答复日期晚于答复期限的计为逾期办结。".to_owned(),
            format!("即将到期：距答复期限不超过{}个工作日。", self.due_soon_workdays),
        ];
        for c in &self.columns {
            lines.push(format!(
                "栏目更新：{}（{}类栏目）{}内应有更新（国办秘函〔2019〕19号）。",
                column_name(&c.column),
                c.kind.label(),
                c.limit.label()
            ));
        }
        lines.push("空白栏目：适用本单位的公开栏目中没有任何已公开信息的，计为空白栏目。".to_owned());
        lines.push(format!(
            "互动回应：近一年内收到的咨询留言超过{}个月未答复的，计为超期未回应（国办秘函〔2019〕19号）。",
            self.enquiry_months
        ));
        lines.push("年度报告：乡镇和政府部门于1月31日前、县级以上人民政府于3月31日前公布上一年度报告（条例第四十九条、第五十条）。".to_owned());
        lines.push(format!(
            "排名得分：满分100分，逾期未办结申请每件扣{}分，逾期办结每件扣{}分，逾期公开信息每条扣{}分，栏目未按时更新每个扣{}分，空白栏目每个扣{}分，超期未回应留言每条扣{}分，年报逾期未公布扣{}分、逾期公布扣{}分、存在勾稽问题扣{}分，最低0分；得分相同按单位名称排序。扣分标准为本平台设定，可配置。",
            w.overdue_request, w.closed_late, w.late_item, w.stale_column, w.empty_column, w.unanswered_enquiry, w.report_missing, w.report_late, w.report_findings
        ));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_follow_the_regulation_and_the_inspection_indicators() {
        let r = Rules::default();
        assert_eq!((r.publish_workdays, r.due_soon_workdays, r.enquiry_months), (20, 3, 3));
        assert_eq!(r.columns[0].limit.label(), "6个月");
        let text = r.describe().join("\n");
        assert!(text.contains("20个工作日内公开"), "{text}");
        assert!(text.contains("法规文件（政策文件类栏目）6个月内应有更新"), "{text}");
        assert!(text.contains("超过3个月未答复"), "{text}");
    }

    #[test]
    fn a_config_replaces_columns_and_names_each_mistake() {
        let config = RulesConfig {
            columns: Some(vec![
                ColumnConfig { column: "art20.12".into(), kind: ColumnKind::News, days: Some(14), months: None },
                ColumnConfig { column: "art99".into(), kind: ColumnKind::Notice, days: None, months: Some(6) },
                ColumnConfig { column: "art20.1".into(), kind: ColumnKind::Policy, days: Some(3), months: Some(6) },
            ]),
            enquiry_months: Some(0),
            ..Default::default()
        };
        let errors = config.rules().unwrap_err();
        let messages: Vec<&str> = errors.0.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(errors.0.len(), 3, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("“art99”不存在")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("days 或 months 之一")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("留言答复时限（月）必须大于0")), "{messages:?}");

        let ok = RulesConfig {
            columns: Some(vec![ColumnConfig {
                column: "art20.12".into(),
                kind: ColumnKind::News,
                days: Some(14),
                months: None,
            }]),
            ..Default::default()
        };
        let rules = ok.rules().unwrap();
        assert_eq!(
            rules.columns,
            vec![ColumnRule { column: "art20.12".into(), kind: ColumnKind::News, limit: Limit::Days(14) }]
        );
        assert!(rules.describe().join("").contains("应急管理（动态要闻类栏目）2周内应有更新"));
    }

    #[test]
    fn limits_count_back_from_the_day_judged() {
        use time::macros::date;
        assert_eq!(Limit::Days(14).fresh_since(date!(2026 - 11 - 22)), date!(2026 - 11 - 08));
        assert_eq!(Limit::Months(6).fresh_since(date!(2026 - 08 - 31)), date!(2026 - 02 - 28));
    }
}
