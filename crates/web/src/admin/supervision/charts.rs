//! Drawing the dashboard's charts: the series the store counted become
//! [`gongkai_core::supervision::chart`] layouts, coloured here (presentation attributes, so the
//! site's content security policy, which forbids inline styles, does not get in the way).

use gongkai_core::supervision::Month;
use gongkai_core::supervision::chart::{self, Chart, Series};
use gongkai_store::supervision::series::{MonthFigures, OUTCOME_GROUPS};

/// Colour-blind-safe fills (Okabe–Ito), by series index within a chart.
const OUTCOME_FILLS: [&str; 6] = ["#009E73", "#56B4E9", "#D55E00", "#E69F00", "#CC79A7", "#595959"];
const ITEM_FILLS: [&str; 2] = ["#0072B2", "#D55E00"];
pub const LINE: &str = "#0072B2";

/// A chart and the fill of each of its series.
pub struct Drawn {
    pub chart: Chart,
    pub fills: Vec<&'static str>,
    /// `id` of the SVG title, for `aria-labelledby`.
    pub id: &'static str,
}

impl Drawn {
    /// The fill of series `series` (templates pass it by value or by reference).
    pub fn fill(&self, series: impl std::borrow::Borrow<usize>) -> &'static str {
        self.fills.get(*series.borrow()).copied().unwrap_or(LINE)
    }
}

/// The three charts of the last twelve months.
pub fn draw(months: &[(Month, MonthFigures)]) -> Vec<Drawn> {
    let labels: Vec<String> = months.iter().map(|(m, _)| format!("{}月", m.month)).collect();
    let range = match (months.first(), months.last()) {
        (Some((a, _)), Some((b, _))) => format!("（{}—{}）", a.label(), b.label()),
        _ => String::new(),
    };
    let outcomes: Vec<Series> = OUTCOME_GROUPS
        .iter()
        .enumerate()
        .map(|(i, g)| Series {
            name: (*g).to_owned(),
            values: months.iter().map(|(_, f)| f64::from(f.answered[i])).collect(),
        })
        .collect();
    let items = vec![
        Series {
            name: "按时公开".into(),
            values: months
                .iter()
                .map(|(_, f)| f64::from(f.items_published - f.items_late.min(f.items_published)))
                .collect(),
        },
        Series { name: "逾期公开".into(), values: months.iter().map(|(_, f)| f64::from(f.items_late)).collect() },
    ];
    let rates: Vec<Option<f64>> = months
        .iter()
        .map(|(_, f)| {
            let total = f.answered_total();
            (total > 0).then(|| f64::from(total - f.answered_late.min(total)) * 100.0 / f64::from(total))
        })
        .collect();
    vec![
        Drawn {
            chart: chart::stacked_bars(&format!("每月办结申请（按办理结果）{range}"), &labels, &outcomes),
            fills: OUTCOME_FILLS.to_vec(),
            id: "chart-outcomes",
        },
        Drawn {
            chart: chart::stacked_bars(&format!("每月主动公开信息{range}"), &labels, &items),
            fills: ITEM_FILLS.to_vec(),
            id: "chart-items",
        },
        Drawn {
            chart: chart::rate_line(&format!("按时办结率{range}"), &labels, &rates),
            fills: vec![LINE],
            id: "chart-rate",
        },
    ]
}
