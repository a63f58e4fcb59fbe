//! Server-side chart geometry: stacked bars (requests by outcome, items published) and a rate
//! line (on-time rate), laid out in SVG user units. The web adapter only draws what is here;
//! the numbers stay in [`Chart::rows`] for the table beside every chart, so the chart works
//! without JavaScript and its content is readable without sight.

/// Canvas size and margins, in SVG user units.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 40.0;

/// One series: a name for the legend and one value per label.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Index of the series, for its colour class (`s0` …).
    pub series: usize,
    /// `2026年10月 予以公开：12`, the bar's tooltip and accessible name.
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub y: f64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct XLabel {
    pub x: f64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub title: String,
}

/// A chart laid out, with its data as rows for the table beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// The accessible summary (`aria-label`): the title and the total.
    pub summary: String,
    pub bars: Vec<Bar>,
    /// A rate line: its polyline segments (a gap where a month has no value) and points.
    pub lines: Vec<String>,
    pub points: Vec<Point>,
    pub ticks: Vec<Tick>,
    pub x_labels: Vec<XLabel>,
    pub legend: Vec<String>,
    /// Header of the data table: the label column, then one per series.
    pub columns: Vec<String>,
    /// One row per label: the label, then each value as shown.
    pub rows: Vec<Vec<String>>,
    pub plot_left: f64,
    pub plot_right: f64,
    pub plot_bottom: f64,
}

/// The smallest 1, 2 or 5 × 10^k at or above `v` (at least 1).
fn nice_ceiling(v: f64) -> f64 {
    if v <= 1.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * magnitude).find(|c| *c >= v).unwrap_or(10.0 * magnitude)
}

fn plot_height() -> f64 {
    HEIGHT - TOP - BOTTOM
}

fn y_of(value: f64, max: f64) -> f64 {
    TOP + plot_height() * (1.0 - value / max)
}

/// The axis of counts up to `v`: a step of 1, 2 or 5 × 10^k (at least 1, counts are whole)
/// giving at most five intervals, and the axis maximum, a whole number of steps at or above `v`.
fn count_axis(v: f64) -> (f64, f64) {
    let step = nice_ceiling(v / 5.0);
    ((v / step).ceil().max(1.0) * step, step)
}

/// Grid lines from 0 to `max` every `step`.
fn ticks(max: f64, step: f64, unit: &str) -> Vec<Tick> {
    let intervals = (max / step).round() as u32;
    (0..=intervals)
        .map(|i| {
            let v = step * f64::from(i);
            Tick { y: y_of(v, max), label: format!("{}{unit}", trim(v)) }
        })
        .collect()
}

fn trim(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { format!("{v:.1}") }
}

fn slot(labels: usize) -> f64 {
    (WIDTH - LEFT - RIGHT) / labels.max(1) as f64
}

fn x_labels(labels: &[String]) -> Vec<XLabel> {
    let w = slot(labels.len());
    labels.iter().enumerate().map(|(i, l)| XLabel { x: LEFT + w * (i as f64 + 0.5), text: l.clone() }).collect()
}

fn empty(title: &str, labels: &[String], columns: Vec<String>, rows: Vec<Vec<String>>) -> Chart {
    Chart {
        title: title.to_owned(),
        summary: String::new(),
        bars: Vec::new(),
        lines: Vec::new(),
        points: Vec::new(),
        ticks: Vec::new(),
        x_labels: x_labels(labels),
        legend: Vec::new(),
        columns,
        rows,
        plot_left: LEFT,
        plot_right: WIDTH - RIGHT,
        plot_bottom: TOP + plot_height(),
    }
}

/// Bars of `series` stacked per label (`labels` are the x axis, e.g. months).
pub fn stacked_bars(title: &str, labels: &[String], series: &[Series]) -> Chart {
    let totals: Vec<f64> =
        (0..labels.len()).map(|i| series.iter().map(|s| s.values.get(i).copied().unwrap_or(0.0)).sum()).collect();
    let (max, step) = count_axis(totals.iter().copied().fold(0.0, f64::max));
    let columns = std::iter::once("月份".to_owned())
        .chain(series.iter().map(|s| s.name.clone()))
        .chain(["合计".to_owned()])
        .collect();
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            std::iter::once(l.clone())
                .chain(series.iter().map(|s| trim(s.values.get(i).copied().unwrap_or(0.0))))
                .chain([trim(totals[i])])
                .collect()
        })
        .collect();
    let mut chart = empty(title, labels, columns, rows);
    let w = slot(labels.len());
    for (i, label) in labels.iter().enumerate() {
        let mut base = 0.0;
        for (s, serie) in series.iter().enumerate() {
            let v = serie.values.get(i).copied().unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let (top, bottom) = (y_of(base + v, max), y_of(base, max));
            chart.bars.push(Bar {
                x: LEFT + w * i as f64 + w * 0.15,
                y: top,
                width: w * 0.7,
                height: bottom - top,
                series: s,
                title: format!("{label} {}：{}", serie.name, trim(v)),
            });
            base += v;
        }
    }
    chart.ticks = ticks(max, step, "");
    chart.legend = series.iter().map(|s| s.name.clone()).collect();
    chart.summary = format!("{}，共{}", title, trim(totals.iter().sum()));
    chart
}

/// A percentage line over `labels`; `None` leaves a gap (no data that month).
pub fn rate_line(title: &str, labels: &[String], values: &[Option<f64>]) -> Chart {
    let columns = vec!["月份".to_owned(), title.to_owned()];
    let rows = labels
        .iter()
        .zip(values)
        .map(|(l, v)| vec![l.clone(), v.map_or("—".to_owned(), |v| format!("{v:.1}%"))])
        .collect();
    let mut chart = empty(title, labels, columns, rows);
    let w = slot(labels.len());
    let mut segment: Vec<String> = Vec::new();
    for (i, (label, v)) in labels.iter().zip(values).enumerate() {
        match v {
            Some(v) => {
                let (x, y) = (LEFT + w * (i as f64 + 0.5), y_of(v.clamp(0.0, 100.0), 100.0));
                segment.push(format!("{x:.1},{y:.1}"));
                chart.points.push(Point { x, y, title: format!("{label}：{v:.1}%") });
            }
            None if !segment.is_empty() => chart.lines.push(std::mem::take(&mut segment).join(" ")),
            None => {}
        }
    }
    if !segment.is_empty() {
        chart.lines.push(segment.join(" "));
    }
    chart.ticks = ticks(100.0, 25.0, "%");
    chart.legend = vec![title.to_owned()];
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    chart.summary = match known.last() {
        Some(last) => format!("{title}，最近一个有数据的月份为{last:.1}%"),
        None => format!("{title}，暂无数据"),
    };
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (1..=n).map(|m| format!("{m}月")).collect()
    }

    #[test]
    fn stacked_bars_rise_from_the_axis_in_proportion() {
        let series = [
            Series { name: "予以公开".into(), values: vec![3.0, 0.0] },
            Series { name: "不予公开".into(), values: vec![1.0, 2.0] },
        ];
        let chart = stacked_bars("申请办理结果", &labels(2), &series);
        // Max total 4 → axis 0, 1, 2, 3, 4; the first month's two bars stack to the top line.
        let ticks: Vec<&str> = chart.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ticks, ["0", "1", "2", "3", "4"]);
        let first: Vec<&Bar> = chart.bars.iter().filter(|b| b.title.starts_with("1月")).collect();
        assert_eq!(first.len(), 2);
        let bottom = chart.plot_bottom;
        assert!((first[0].y + first[0].height - bottom).abs() < 1e-9, "the first series sits on the axis");
        assert!((first[1].y + first[1].height - first[0].y).abs() < 1e-9, "the second stacks on the first");
        let stacked = first[0].height + first[1].height;
        assert!((stacked - plot_height()).abs() < 1e-9);
        // A zero value draws nothing but still appears in the table.
        assert_eq!(chart.bars.iter().filter(|b| b.title.starts_with("2月")).count(), 1);
        assert_eq!(chart.rows[1], ["2月", "0", "2", "2"]);
        assert_eq!(chart.columns, ["月份", "予以公开", "不予公开", "合计"]);
        assert_eq!(chart.summary, "申请办理结果，共6");
    }

    #[test]
    fn a_rate_line_breaks_where_a_month_has_no_data() {
        let chart = rate_line("按时办结率", &labels(4), &[Some(100.0), None, Some(50.0), Some(75.0)]);
        assert_eq!(chart.lines.len(), 2);
        assert_eq!(chart.points.len(), 3);
        assert!((chart.points[0].y - TOP).abs() < 1e-9, "100% is the top of the plot");
        assert_eq!(chart.rows[1], ["2月", "—"]);
        assert_eq!(chart.rows[2], ["3月", "50.0%"]);
        assert!(chart.summary.ends_with("75.0%"));
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(12.0), 20.0);
        assert_eq!(nice_ceiling(480.0), 500.0);
        assert_eq!(nice_ceiling(5000.0), 5000.0);
    }

    #[test]
    fn count_axes_step_by_whole_nice_numbers() {
        assert_eq!(count_axis(0.0), (1.0, 1.0));
        assert_eq!(count_axis(3.0), (3.0, 1.0), "not 1.25, 2.5, 3.75 requests");
        assert_eq!(count_axis(14.0), (15.0, 5.0));
        assert_eq!(count_axis(480.0), (500.0, 100.0));
        let labels: Vec<String> = ticks(3.0, 1.0, "").into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["0", "1", "2", "3"]);
    }
}
