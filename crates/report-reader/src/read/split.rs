//! Recovering cells whose digits ran together (`5000005` for `5 0 0 0 0 0 5`): every way to cut
//! the runs into the row's number of cells (no cell with a leading zero, none longer than 9
//! digits), kept when the row's sum rules hold (table 三: the six applicant columns sum to 总计;
//! table 四: each block's four results sum to its 总计).
//!
//! The search is bounded: it visits at most [`BUDGET`] cut positions, so a long run of digits
//! costs the same as a short one; when the budget runs out the row is reported as ambiguous
//! with what was found, never guessed.

/// The most cut positions one row's search may visit.
pub const BUDGET: usize = 20_000;
/// The most candidates kept (and shown in an ambiguity).
pub const MAX_CANDIDATES: usize = 8;
const MAX_DIGITS: usize = 9;

/// `sum(cells[parts]) == cells[total]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumRule {
    pub parts: Vec<usize>,
    pub total: usize,
}

/// What the search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Splits {
    /// Cuts into the right number of cells (at most [`MAX_CANDIDATES`]).
    pub structural: Vec<Vec<String>>,
    /// How many structural cuts there are in all (up to the budget).
    pub structural_count: usize,
    /// Those that also satisfy every sum rule (at most [`MAX_CANDIDATES`]).
    pub satisfying: Vec<Vec<String>>,
    pub satisfying_count: usize,
    /// The budget ran out before the search was complete.
    pub exhausted: bool,
}

impl Splits {
    /// The one reading the cells allow: the only cut, or else the only cut satisfying the rules.
    pub fn unique(&self) -> Option<&Vec<String>> {
        if self.exhausted {
            return None;
        }
        if self.structural_count == 1 {
            return self.structural.first();
        }
        (self.satisfying_count == 1).then(|| &self.satisfying[0])
    }

    /// The readings to report when there is no unique one.
    pub fn candidates(&self) -> &[Vec<String>] {
        if self.satisfying_count > 0 { &self.satisfying } else { &self.structural }
    }
}

/// Cuts `runs` (numbers as written, in order) into `cells` cells.
pub fn split(runs: &[String], cells: usize, rules: &[SumRule]) -> Splits {
    let mut search =
        Search { runs, cells, rules, visited: 0, parts: Vec::with_capacity(cells), found: Splits::default() };
    let fits = {
        let min: usize = runs.len();
        let max: usize = runs.iter().map(|r| if splittable(r) { r.len() } else { 1 }).sum();
        (min..=max).contains(&cells)
    };
    if fits {
        search.walk(0, 0);
    }
    search.found
}

fn splittable(run: &str) -> bool {
    run.bytes().all(|b| b.is_ascii_digit())
}

struct Search<'a> {
    runs: &'a [String],
    cells: usize,
    rules: &'a [SumRule],
    visited: usize,
    parts: Vec<String>,
    found: Splits,
}

impl Search<'_> {
    /// Cuts run `r` from byte `at` on.
    fn walk(&mut self, r: usize, at: usize) {
        if self.found.exhausted {
            return;
        }
        self.visited += 1;
        if self.visited > BUDGET {
            self.found.exhausted = true;
            return;
        }
        if r == self.runs.len() {
            if self.parts.len() == self.cells {
                self.record();
            }
            return;
        }
        let run = &self.runs[r];
        if at == run.len() {
            self.walk(r + 1, 0);
            return;
        }
        // Cells still to make must fit in what is left.
        let left_here = run.len() - at;
        let later_min = self.runs.len() - r - 1;
        let later_max: usize = self.runs[r + 1..].iter().map(|x| if splittable(x) { x.len() } else { 1 }).sum();
        let need = self.cells.saturating_sub(self.parts.len());
        if !splittable(run) {
            if need < 1 + later_min {
                return;
            }
            self.parts.push(run.clone());
            self.walk(r + 1, 0);
            self.parts.pop();
            return;
        }
        if need < 1 + later_min || need > left_here + later_max {
            return;
        }
        let rest = &run[at..];
        let longest = if rest.starts_with('0') { 1 } else { rest.len().min(MAX_DIGITS) };
        for len in 1..=longest {
            self.parts.push(rest[..len].to_owned());
            self.walk(r, at + len);
            self.parts.pop();
            if self.found.exhausted {
                return;
            }
        }
    }

    fn record(&mut self) {
        self.found.structural_count += 1;
        if self.found.structural.len() < MAX_CANDIDATES {
            self.found.structural.push(self.parts.clone());
        }
        let value = |i: usize| self.parts[i].parse::<i64>().ok();
        let holds = self.rules.iter().all(|rule| {
            let sum: Option<i64> = rule.parts.iter().map(|&i| value(i)).sum();
            sum.is_some() && sum == value(rule.total)
        });
        if holds {
            self.found.satisfying_count += 1;
            if self.found.satisfying.len() < MAX_CANDIDATES {
                self.found.satisfying.push(self.parts.clone());
            }
        }
    }
}

/// The sum rule of a table 三 row: six applicant columns, then 总计.
pub fn row_rule() -> Vec<SumRule> {
    vec![SumRule { parts: (0..6).collect(), total: 6 }]
}

/// The sum rules of table 四's fifteen cells: three blocks of four results and a 总计.
pub fn block_rules() -> Vec<SumRule> {
    (0..3).map(|b| SumRule { parts: (b * 5..b * 5 + 4).collect(), total: b * 5 + 4 }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_run_of_single_digits_has_one_cut() {
        let s = split(&runs(&["5000005"]), 7, &row_rule());
        assert_eq!(s.unique().unwrap(), &runs(&["5", "0", "0", "0", "0", "0", "5"]));
    }

    #[test]
    fn the_row_rule_picks_the_one_cut_that_sums() {
        // 20 0 0 0 0 0 20: "200000020" also cuts as 2 0 0 0 0 0 020 (leading zero: refused) or
        // 200 0 0 0 0 2 0 (does not sum).
        let s = split(&runs(&["200000020"]), 7, &row_rule());
        assert!(s.structural_count > 1);
        assert_eq!(s.unique().unwrap(), &runs(&["20", "0", "0", "0", "0", "0", "20"]));
    }

    #[test]
    fn two_cuts_that_both_sum_are_ambiguous() {
        // 1 0 10 0 0 0 11 and 10 1 0 0 0 0 11 both read "101000011".
        let s = split(&runs(&["101000011"]), 7, &row_rule());
        assert_eq!(s.unique(), None);
        assert!(s.candidates().contains(&runs(&["1", "0", "10", "0", "0", "0", "11"])));
        assert!(s.candidates().contains(&runs(&["10", "1", "0", "0", "0", "0", "11"])));
    }

    #[test]
    fn a_huge_run_stops_at_the_budget() {
        let long = "1".repeat(60);
        let s = split(&runs(&[&long]), 15, &block_rules());
        assert!(s.exhausted && s.unique().is_none());
    }

    #[test]
    fn runs_already_separated_are_cut_only_where_needed() {
        let s = split(&runs(&["5", "00000", "5"]), 7, &row_rule());
        assert_eq!(s.unique().unwrap(), &runs(&["5", "0", "0", "0", "0", "0", "5"]));
    }
}
