//! Property test over random request histories: every compiled year passes every rule, carries
//! over into the next, and each cell equals an independent count over the history.

use time::{Date, Duration};

use super::rules::{check_carry_over, check_table3};
use super::table3::{COLUMNS, RequestFacts, compile, leaf_rows};
use crate::request::applicant::ApplicantKind;
use crate::request::outcome::{Outcome, ReportFormat};

/// xorshift64*: a small deterministic generator, so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn history(rng: &mut Rng, n: usize) -> Vec<RequestFacts> {
    let base = Date::from_calendar_date(2019, time::Month::January, 1).unwrap();
    (0..n)
        .map(|_| {
            // Many receipts and decisions around year ends.
            let received = base + Duration::days(rng.below(365 * 6) as i64);
            let applicant = ApplicantKind::ALL[rng.below(ApplicantKind::ALL.len() as u64) as usize];
            let decided = (rng.below(5) != 0).then(|| {
                let on = received + Duration::days(rng.below(60) as i64);
                let choices = Outcome::available_in(on.year());
                (on, choices[rng.below(choices.len() as u64) as usize])
            });
            RequestFacts { applicant, received, decided }
        })
        .collect()
}

fn year_of(d: Date) -> i32 {
    d.year()
}

#[test]
fn every_compiled_year_balances_carries_over_and_matches_an_independent_count() {
    for seed in 1..=40u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let requests = history(&mut rng, 300);
        let mut last = None;
        for year in 2019..=2024 {
            let format = ReportFormat::for_year(year).unwrap();
            let t = compile(format, year, &requests);
            assert_eq!(check_table3(format, &t), vec![], "seed {seed} year {year}");
            if let Some(prev) = &last {
                assert_eq!(check_carry_over(prev, &t), vec![], "seed {seed} year {year}");
            }
            for column in COLUMNS {
                let mine = |r: &&RequestFacts| column == "total" || r.applicant.key() == column;
                let count =
                    |f: &dyn Fn(&RequestFacts) -> bool| requests.iter().filter(mine).filter(|r| f(r)).count() as i64;
                let decided_year = |r: &RequestFacts| r.decided.map(|(d, _)| year_of(d));
                assert_eq!(
                    t.get("received", column),
                    count(&|r| year_of(r.received) == year),
                    "seed {seed} {year} received {column}"
                );
                assert_eq!(
                    t.get("carried_in", column),
                    count(&|r| year_of(r.received) < year && decided_year(r).is_none_or(|y| y >= year)),
                    "seed {seed} {year} carried_in {column}"
                );
                assert_eq!(
                    t.get("carried_over", column),
                    count(&|r| year_of(r.received) <= year && decided_year(r).is_none_or(|y| y > year)),
                    "seed {seed} {year} carried_over {column}"
                );
                for row in leaf_rows(format) {
                    let expected = count(
                        &|r| matches!(r.decided, Some((d, o)) if year_of(d) == year && o.report_row(format) == row),
                    );
                    assert_eq!(t.get(row, column), expected, "seed {seed} {year} {row} {column}");
                }
            }
            last = Some(t);
        }
    }
}

#[test]
fn a_broken_table_names_the_rule_and_the_cells() {
    let requests = vec![RequestFacts {
        applicant: ApplicantKind::NaturalPerson,
        received: Date::from_calendar_date(2024, time::Month::March, 1).unwrap(),
        decided: Some((Date::from_calendar_date(2024, time::Month::March, 20).unwrap(), Outcome::Granted)),
    }];
    let mut t = compile(ReportFormat::F2021, 2024, &requests);
    assert_eq!((t.get("received", "natural_person"), t.get("granted", "total")), (1, 1));
    t.0.get_mut("granted").unwrap().insert("natural_person".into(), 2);
    let findings = check_table3(ReportFormat::F2021, &t);
    let rules: Vec<(&str, &str)> = findings.iter().map(|f| (f.rule, f.r#where.as_str())).collect();
    assert_eq!(rules, [("table3.results_sum", "table3.*.natural_person"), ("table3.row_sum", "table3.granted.total")]);
    assert_eq!(findings[0].message, "自然人：办理结果各项之和为2，但(七)总计为1");
}

#[test]
fn in_the_2019_format_the_other_outcomes_fold_into_one_row() {
    let d = |m, day| Date::from_calendar_date(2020, m, day).unwrap();
    let requests = [Outcome::OtherFeeUnpaid, Outcome::Other, Outcome::OtherNoClarification].map(|o| RequestFacts {
        applicant: ApplicantKind::Business,
        received: d(time::Month::May, 1),
        decided: Some((d(time::Month::May, 30), o)),
    });
    let t = compile(ReportFormat::F2019, 2020, &requests);
    assert_eq!(t.get("other", "business"), 3);
    assert!(!t.0.contains_key("other.fee_unpaid"));
}

#[test]
fn table4_counts_the_cases_filed_in_the_year_by_their_result_at_its_end() {
    use super::model::{AppealFacts, compile_table4};
    use super::rules::check_table4;
    let d = |y, m, day| Date::from_calendar_date(y, m, day).unwrap();
    let appeals = vec![
        AppealFacts {
            kind: "reconsideration".into(),
            filed: d(2024, time::Month::March, 1),
            result: "upheld".into(),
            result_on: Some(d(2024, time::Month::May, 1)),
        },
        AppealFacts {
            kind: "reconsideration".into(),
            filed: d(2024, time::Month::November, 1),
            result: "corrected".into(),
            result_on: Some(d(2025, time::Month::January, 20)),
        },
        AppealFacts {
            kind: "litigation_direct".into(),
            filed: d(2024, time::Month::June, 1),
            result: "pending".into(),
            result_on: None,
        },
        AppealFacts {
            kind: "litigation_direct".into(),
            filed: d(2023, time::Month::June, 1),
            result: "other".into(),
            result_on: Some(d(2024, time::Month::June, 1)),
        },
    ];
    let t = compile_table4(2024, &appeals);
    assert_eq!(
        (t["reconsideration"]["upheld"], t["reconsideration"]["pending"], t["reconsideration"]["total"]),
        (1, 1, 2),
        "decided after the year: pending"
    );
    assert_eq!(
        (t["litigation_direct"]["pending"], t["litigation_direct"]["total"]),
        (1, 1),
        "filed in 2023: not in 2024"
    );
    assert_eq!(check_table4(&t), vec![]);
    let mut broken = t.clone();
    broken.get_mut("reconsideration").unwrap().insert("total".into(), 3);
    assert_eq!(check_table4(&broken)[0].rule, "table4.block_sum");
}
