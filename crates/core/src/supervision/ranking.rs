//! The monthly notice's ranking (一月一通报): 100 points less the weighted problems of each
//! agency, highest first; equal scores share a rank (1, 2, 2, 4) and are ordered by name.

use super::figures::{Figures, ReportStatus};
use super::rules::Weights;

/// One deduction: what, how many, how many points in all.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Deduction {
    pub label: &'static str,
    pub count: u32,
    pub points: u32,
}

/// The problems of one agency's figures that cost points, with their points.
pub fn deductions(f: &Figures, w: &Weights) -> Vec<Deduction> {
    let report_missing = u32::from(matches!(f.report, ReportStatus::Missing { .. }));
    let report_late = u32::from(matches!(f.report, ReportStatus::Late { .. }));
    let report_findings = u32::from(!f.report_findings.is_empty());
    [
        ("逾期未办结申请", f.requests_overdue, w.overdue_request),
        ("逾期办结申请", f.requests_closed_late, w.closed_late),
        ("逾期公开信息", f.items_late, w.late_item),
        ("未按时更新栏目", f.stale_columns.len() as u32, w.stale_column),
        ("空白栏目", f.empty_columns.len() as u32, w.empty_column),
        ("超期未回应留言", f.enquiries_overdue, w.unanswered_enquiry),
        ("年报逾期未公布", report_missing, w.report_missing),
        ("年报逾期公布", report_late, w.report_late),
        ("年报存在勾稽问题", report_findings, w.report_findings),
    ]
    .into_iter()
    .filter(|(_, count, _)| *count > 0)
    .map(|(label, count, weight)| Deduction { label, count, points: count.saturating_mul(weight) })
    .collect()
}

/// 100 less the deductions, at least 0.
pub fn score(deductions: &[Deduction]) -> u32 {
    100u32.saturating_sub(deductions.iter().map(|d| d.points).fold(0, u32::saturating_add))
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ranked<T> {
    pub rank: usize,
    pub score: u32,
    pub deductions: Vec<Deduction>,
    pub who: T,
}

/// Ranks `(name, figures, who)` entries.
pub fn rank<'a, T>(entries: impl IntoIterator<Item = (&'a str, &'a Figures, T)>, w: &Weights) -> Vec<Ranked<T>> {
    let mut scored: Vec<(&str, Ranked<T>)> = entries
        .into_iter()
        .map(|(name, f, who)| {
            let deductions = deductions(f, w);
            (name, Ranked { rank: 0, score: score(&deductions), deductions, who })
        })
        .collect();
    scored.sort_by(|a, b| b.1.score.cmp(&a.1.score).then_with(|| a.0.cmp(b.0)));
    let mut previous: Option<u32> = None;
    let mut rank = 0;
    scored
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut r))| {
            if previous != Some(r.score) {
                rank = i + 1;
                previous = Some(r.score);
            }
            r.rank = rank;
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::Level;
    use crate::supervision::figures::AgencyFacts;
    use crate::supervision::rules::Rules;
    use time::macros::date;

    fn judged(facts: AgencyFacts) -> Figures {
        let all: Vec<_> = super::super::figures::columns_of(Level::Department)
            .into_iter()
            .map(|k| (k.to_string(), Some(date!(2026 - 11 - 01))))
            .collect();
        let facts = AgencyFacts {
            column_latest: all.into_iter().collect(),
            report_published_on: Some(date!(2026 - 01 - 10)),
            ..facts
        };
        Figures::judge(&facts, Level::Department, &Rules::default(), date!(2026 - 11 - 22))
    }

    #[test]
    fn every_problem_costs_its_weight_and_the_score_stops_at_zero() {
        let clean = judged(AgencyFacts::default());
        assert!(deductions(&clean, &Weights::default()).is_empty());
        assert_eq!(score(&deductions(&clean, &Weights::default())), 100);

        let f = judged(AgencyFacts { requests_overdue: 2, items_late: 3, enquiries_overdue: 1, ..Default::default() });
        let d = deductions(&f, &Weights::default());
        assert_eq!(
            d.iter().map(|d| (d.label, d.count, d.points)).collect::<Vec<_>>(),
            [("逾期未办结申请", 2, 10), ("逾期公开信息", 3, 3), ("超期未回应留言", 1, 3)]
        );
        assert_eq!(score(&d), 84);

        let hopeless = judged(AgencyFacts { requests_overdue: 40, ..Default::default() });
        assert_eq!(score(&deductions(&hopeless, &Weights::default())), 0);
    }

    #[test]
    fn equal_scores_share_a_rank_and_are_ordered_by_name() {
        let good = judged(AgencyFacts::default());
        let bad = judged(AgencyFacts { requests_overdue: 1, ..Default::default() });
        let ranked = rank([("乙局", &bad, 2), ("丙局", &good, 3), ("甲局", &good, 1)], &Weights::default());
        let order: Vec<(usize, u32, i32)> = ranked.iter().map(|r| (r.rank, r.score, r.who)).collect();
        // 丙 sorts before 甲 by code point; both have 100 and share rank 1; 乙 is third.
        assert_eq!(order, [(1, 100, 3), (1, 100, 1), (3, 95, 2)]);
    }
}
