//! The narrative sections of a report (一、总体情况, 五、存在的主要问题及改进情况,
//! 六、其他需要报告的事项), from its top-level headings (`一、` … `十、`), in display form.
//!
//! Pre-2019 reports have their own headings: what comes before the problems heading is the
//! overview, what comes after it (下一步工作, 20XX年工作重点) stays with the problems. Lines of
//! the tables are never part of a section.

use gongkai_core::report::sections::Sections;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bucket {
    Preamble,
    Overview,
    Table,
    Problems,
    Other,
}

fn heading(line: &str) -> Option<Bucket> {
    let numeral: String = line.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    if numeral.is_empty()
        || numeral.chars().count() > 2
        || !line[numeral.len()..].starts_with('、')
        || line.chars().count() > 40
    {
        return None;
    }
    Some(if line.contains("总体情况") || line.contains("概述") {
        Bucket::Overview
    } else if line.contains("主动公开政府信息情况")
        || line.contains("收到和处理")
        || line.contains("行政复议、行政诉讼")
    {
        Bucket::Table
    } else if line.contains("其他需要报告") {
        Bucket::Other
    } else if line.contains("问题") {
        Bucket::Problems
    } else {
        Bucket::Preamble
    })
}

/// The sections, skipping the lines for which `in_table` is true.
pub fn sections(display: &[String], matching: &[String], in_table: impl Fn(usize) -> bool) -> Sections {
    let mut overview = Vec::new();
    let mut problems = Vec::new();
    let mut other = Vec::new();
    let mut preamble = Vec::new();
    let mut bucket = Bucket::Preamble;
    let mut seen_problems = false;
    let mut any_heading = false;
    let mut seen_overview = false;
    for (i, (d, m)) in display.iter().zip(matching).enumerate() {
        if in_table(i) {
            continue;
        }
        if let Some(h) = heading(m) {
            any_heading = true;
            bucket = match h {
                // Another heading: with the overview before the problems, with them after.
                Bucket::Preamble if seen_problems => Bucket::Problems,
                Bucket::Preamble => Bucket::Overview,
                h => h,
            };
            seen_problems |= bucket == Bucket::Problems;
            seen_overview |= h == Bucket::Overview;
            if bucket == Bucket::Table {
                continue;
            }
        }
        match bucket {
            Bucket::Preamble => preamble.push(d.as_str()),
            Bucket::Overview => overview.push(d.as_str()),
            Bucket::Problems => problems.push(d.as_str()),
            Bucket::Other => other.push(d.as_str()),
            Bucket::Table => {}
        }
    }
    // Without an overview heading, the text before the first heading introduces the report.
    if !any_heading || !seen_overview {
        preamble.extend(overview);
        overview = preamble;
    }
    Sections { overview: overview.join("\n"), problems: problems.join("\n"), other: other.join("\n") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_split_the_report_and_tables_are_left_out() {
        let lines: Vec<String> = [
            "一、总体情况",
            "(一)主动公开情况。",
            "二、主动公开政府信息情况",
            "规章 | 0",
            "五、存在的主要问题及改进情况",
            "一是…",
            "六、其他需要报告的事项",
            "未收取信息处理费。",
        ]
        .map(String::from)
        .to_vec();
        let s = sections(&lines, &lines, |i| i == 3);
        assert_eq!(s.overview, "一、总体情况\n(一)主动公开情况。");
        assert_eq!(s.problems, "五、存在的主要问题及改进情况\n一是…");
        assert_eq!(s.other, "六、其他需要报告的事项\n未收取信息处理费。");
    }
}
