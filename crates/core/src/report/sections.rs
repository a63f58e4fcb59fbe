//! The narrative sections of the report (一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的
//! 事项) and the draft gongkai writes for them from the year's figures, for the agency to edit.
//!
//! A draft marks what only people can say with [`TO_FILL`]; publication is refused while the
//! marker is still in a section (`sections.unfinished`).

use super::rules::{Finding, Severity};
use super::table2::Table2;
use super::table3::Table3;
use crate::request::outcome::{Outcome, ReportFormat};

/// Marks a passage of a draft that the agency must write before publishing.
pub const TO_FILL: &str = "【待填写】";

/// The section headings of both formats (spec §2.2; the heading of 五 follows Art. 50(四)).
pub const HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The sub-items of 一、总体情况 (国办公开办函〔2021〕30号, also used for 2019–2020 reports).
pub const OVERVIEW_ITEMS: [&str; 5] =
    ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"];

/// The three narrative sections, as plain text with paragraphs separated by blank lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sections {
    /// 一、总体情况 (with its sub-items (一)–(五)).
    pub overview: String,
    /// 五、存在的主要问题及改进情况.
    pub problems: String,
    /// 六、其他需要报告的事项.
    pub other: String,
}

/// Figures the draft states besides the tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DraftFacts {
    /// Catalogue items published in the year.
    pub items_published: i64,
    /// Of which published within 20 working days of their making (Art. 26).
    pub items_on_time: i64,
    /// 信息处理费 actually paid in the year, in 元, and by how many requests.
    pub fees_paid_yuan: i64,
    pub fees_paid_requests: i64,
    /// Enquiries and complaints answered on the portal in the year.
    pub messages_answered: i64,
}

/// The draft of the three sections for a report whose tables are compiled.
pub fn draft(
    format: ReportFormat,
    agency: &str,
    year: i32,
    t2: &Table2,
    t3: &Table3,
    t4_total: (i64, i64),
    facts: DraftFacts,
) -> Sections {
    let total = |row: &str| t3.get(row, "total");
    let (docs_key, docs_label) = match format {
        ReportFormat::F2021 => ("normative_documents.issued", "制发行政规范性文件"),
        ReportFormat::F2019 => ("normative_documents.made", "制作规范性文件"),
    };
    let mut outcomes: Vec<String> = Outcome::ALL
        .iter()
        .filter(|o| o.in_format(format))
        .filter_map(|o| {
            let n = total(o.key());
            let label = o.label().split(['（', '(']).next().unwrap_or(o.label());
            (n > 0).then(|| {
                if o.group_label() == o.label() {
                    format!("{label}{n}件")
                } else {
                    format!("{}（{label}）{n}件", o.group_label())
                }
            })
        })
        .collect();
    if outcomes.is_empty() {
        outcomes.push("无".into());
    }
    let (reconsideration, litigation) = t4_total;
    let overview = [
        OVERVIEW_ITEMS[0].to_owned(),
        format!(
            "{year}年，{agency}通过政府信息公开平台主动公开政府信息{}条，其中在信息形成或者变更之日起20个工作日内公开{}条；{docs_label}{}件。{TO_FILL}（主动公开的重点领域和做法）",
            facts.items_published,
            facts.items_on_time,
            t2.display(docs_key),
        ),
        OVERVIEW_ITEMS[1].to_owned(),
        format!(
            "{year}年共收到政府信息公开申请{}件，上年结转{}件；本年度办结{}件，其中{}；结转下年度继续办理{}件。",
            total("received"),
            total("carried_in"),
            total("results_total"),
            outcomes.join("、"),
            total("carried_over"),
        ),
        OVERVIEW_ITEMS[2].to_owned(),
        format!("{TO_FILL}（政府信息管理：公开属性认定、保密审查、政策文件清理等）"),
        OVERVIEW_ITEMS[3].to_owned(),
        format!("{TO_FILL}（政府信息公开平台建设：政府网站公开专栏、政务新媒体等）。本年度在线答复公众留言{}件。", facts.messages_answered),
        OVERVIEW_ITEMS[4].to_owned(),
        format!(
            "{TO_FILL}（监督保障：工作考核、社会评议和责任追究结果情况）。本年度因政府信息公开工作被申请行政复议{reconsideration}件，被提起行政诉讼{litigation}件。"
        ),
    ]
    .join("\n\n");
    let problems = format!("{TO_FILL}（本年度政府信息公开工作存在的主要问题，以及改进情况和下一步工作措施）");
    let other = if facts.fees_paid_requests == 0 {
        "根据《政府信息公开信息处理费管理办法》，本机关本年度未收取信息处理费。".to_owned()
    } else {
        format!(
            "根据《政府信息公开信息处理费管理办法》，本机关本年度对{}件政府信息公开申请收取信息处理费共计{}元。",
            facts.fees_paid_requests, facts.fees_paid_yuan
        )
    };
    Sections { overview, problems, other }
}

/// `sections.unfinished`: a section still holds [`TO_FILL`], or is empty.
pub fn check(sections: &Sections) -> Vec<Finding> {
    [
        ("overview", HEADINGS[0], &sections.overview),
        ("problems", HEADINGS[4], &sections.problems),
        ("other", HEADINGS[5], &sections.other),
    ]
    .into_iter()
    .filter_map(|(key, heading, text)| {
        let marks = text.matches(TO_FILL).count() as i64;
        let empty = text.trim().is_empty();
        (marks > 0 || empty).then(|| Finding {
            rule: "sections.unfinished",
            severity: Severity::Error,
            r#where: format!("sections.{key}"),
            expected: 0,
            actual: marks,
            message: if empty {
                format!("{heading}尚未填写")
            } else {
                format!("{heading}中还有{marks}处“{TO_FILL}”需要填写")
            },
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use time::Date;

    use super::*;
    use crate::report::table3::{RequestFacts, compile};
    use crate::request::applicant::ApplicantKind;

    #[test]
    fn the_draft_states_the_years_figures_and_marks_what_people_must_write() {
        let d = |m, day| Date::from_calendar_date(2024, m, day).unwrap();
        let requests = [Outcome::Granted, Outcome::Granted, Outcome::UnableNotHeld].map(|o| RequestFacts {
            applicant: ApplicantKind::NaturalPerson,
            received: d(time::Month::March, 1),
            decided: Some((d(time::Month::March, 20), o)),
        });
        let mut requests = requests.to_vec();
        requests.push(RequestFacts {
            applicant: ApplicantKind::Business,
            received: d(time::Month::December, 30),
            decided: None,
        });
        let t3 = compile(ReportFormat::F2021, 2024, &requests);
        let facts = DraftFacts {
            items_published: 120,
            items_on_time: 118,
            fees_paid_yuan: 0,
            fees_paid_requests: 0,
            messages_answered: 3,
        };
        let s = draft(ReportFormat::F2021, "浩口乡人民政府", 2024, &Table2::default(), &t3, (1, 0), facts);
        assert!(s.overview.contains("2024年共收到政府信息公开申请4件，上年结转0件；本年度办结3件，其中予以公开2件、无法提供（本机关不掌握相关政府信息）1件；结转下年度继续办理1件。"), "{}", s.overview);
        assert!(s.overview.contains("主动公开政府信息120条，其中在信息形成或者变更之日起20个工作日内公开118条"));
        assert!(s.overview.contains("被申请行政复议1件"));
        assert_eq!(s.other, "根据《政府信息公开信息处理费管理办法》，本机关本年度未收取信息处理费。");
        let findings = check(&s);
        assert_eq!(
            findings.iter().map(|f| f.r#where.as_str()).collect::<Vec<_>>(),
            ["sections.overview", "sections.problems"]
        );
        assert_eq!(findings[0].actual, 4);
        let done =
            Sections {
                overview: s.overview.replace(TO_FILL, ""), problems: "无重大问题。".into(), other: s.other
            };
        assert_eq!(check(&done), vec![]);
        assert_eq!(check(&Sections { other: " ".into(), ..done })[0].message, "六、其他需要报告的事项尚未填写");
    }
}
