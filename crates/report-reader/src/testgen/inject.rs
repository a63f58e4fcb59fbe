//! Inconsistencies injected into a consistent generated report, one at a time, each with the
//! rule that must find it.

use gongkai_core::report::table3::COLUMNS;

use super::Rng;
use super::model::GenReport;

/// One injected inconsistency: the rule that must report it, and the `where` it must name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injected {
    pub rule: &'static str,
    pub r#where: String,
}

fn bump(v: i64, rng: &mut Rng) -> i64 {
    v + 1 + rng.below(3) as i64
}

/// Breaks one rule of `r` (chosen by `kind`, modulo the kinds of its format); returns what must
/// be found.
pub fn inject(r: &mut GenReport, kind: u64, rng: &mut Rng) -> Injected {
    if r.format.tables().is_some() {
        let c = COLUMNS[rng.below(6) as usize];
        match kind % 6 {
            0 => {
                // Carried over one too many in one column (and in the total column).
                for col in [c, "total"] {
                    let v = r.table3.get_mut("carried_over").unwrap().get_mut(col).unwrap();
                    *v += 1;
                }
                Injected { rule: "table3.balance", r#where: format!("table3.*.{c}") }
            }
            1 => {
                // A result counted in one column's leaf row but not in its (七)总计.
                for col in [c, "total"] {
                    *r.table3.get_mut("granted").unwrap().get_mut(col).unwrap() += 1;
                }
                Injected { rule: "table3.results_sum", r#where: format!("table3.*.{c}") }
            }
            2 => {
                let row = ["granted", "unable.not_held", "received", "carried_over"][rng.below(4) as usize];
                let v = r.table3.get_mut(row).unwrap().get_mut("total").unwrap();
                *v = bump(*v, rng);
                Injected { rule: "table3.row_sum", r#where: format!("table3.{row}.total") }
            }
            3 => {
                let block =
                    ["reconsideration", "litigation_direct", "litigation_after_reconsideration"][rng.below(3) as usize];
                let v = r.table4.get_mut(block).unwrap().get_mut("total").unwrap();
                *v = bump(*v, rng);
                if block == "reconsideration" {
                    set_stated(r, "table4.reconsideration.total", None);
                }
                Injected { rule: "table4.block_sum", r#where: format!("table4.{block}.total") }
            }
            4 => {
                let v = r.stated.iter_mut().find(|(k, _)| k == "table3.received.total").unwrap();
                v.1 = bump(v.1, rng);
                Injected { rule: "text.table_mismatch", r#where: "table3.received.total".into() }
            }
            _ => {
                let key = format!("table3.partially_granted.{c}");
                r.blanks.insert(key.clone());
                Injected { rule: "table3.missing", r#where: key }
            }
        }
    } else {
        let stat = |r: &mut GenReport, k: &str| r.stats.iter().position(|(key, _)| key == k);
        match kind % 5 {
            0 => {
                let i = stat(r, "requests.received").unwrap();
                r.stats[i].1 = (r.stats[i].1.as_i64().unwrap() + 1).into();
                set_stated(r, "stats.requests.received", None);
                Injected { rule: "stats.requests_by_channel", r#where: "stats.requests.received".into() }
            }
            1 => {
                let i = stat(r, "org.staff").or_else(|| stat(r, "requests.closed")).unwrap();
                let key = r.stats[i].0.clone();
                r.stats[i].1 = (r.stats[i].1.as_i64().unwrap() + 2).into();
                let rule = if key == "org.staff" { "stats.staff" } else { "stats.closed" };
                Injected { rule, r#where: format!("stats.{key}") }
            }
            2 => {
                let i = stat(r, "reconsideration.total").unwrap();
                r.stats[i].1 = (r.stats[i].1.as_i64().unwrap() + 1).into();
                Injected { rule: "stats.review", r#where: "stats.reconsideration.total".into() }
            }
            3 => {
                let sum: i64 =
                    r.stats.iter().filter(|(k, _)| k.starts_with("channels.")).map(|(_, v)| v.as_i64().unwrap()).sum();
                let i = stat(r, "proactive.total").unwrap();
                r.stats[i].1 = (sum + 1).into();
                set_stated(r, "stats.proactive.total", None);
                Injected { rule: "stats.channels", r#where: "stats.proactive.total".into() }
            }
            _ => {
                let v = r.stated.iter_mut().find(|(k, _)| k == "stats.channels.website").unwrap();
                v.1 = bump(v.1, rng);
                Injected { rule: "text.table_mismatch", r#where: "stats.channels.website".into() }
            }
        }
    }
}

/// Keeps the narrative in step with a changed cell (`None`: state the table's new value).
fn set_stated(r: &mut GenReport, key: &str, value: Option<i64>) {
    let table_value = crate::testgen::model::value_of(r, key);
    if let Some(s) = r.stated.iter_mut().find(|(k, _)| k == key) {
        s.1 = value.or(table_value).unwrap_or(s.1);
    }
}
