//! The monthly supervision notice (一月一通报, `gongkai_core::supervision::notice::Notice`) as
//! files, on A4 landscape since its ranking table has eleven columns:
//!
//! - `pdf`: [`notice_pdf`] typesets it with typst (`notice.typ`, shared engine);
//! - `docx`: [`notice_docx`] writes a Word document whose table header repeats on every page.
//!
//! This file holds what both print the same way: the line under the title, the closing date,
//! the rules heading and each column's width and alignment.

mod docx;
mod pdf;

pub use docx::notice_docx;
pub use pdf::notice_pdf;

use gongkai_core::supervision::notice::Notice;

/// The heading above the numbered rules.
const RULES_HEADING: &str = "评分及统计规则";

/// The line under the title: `浩县人民政府　（截至2026年10月31日）`.
fn subtitle(notice: &Notice) -> String {
    format!("{}　（截至{}）", notice.issuer, notice.as_of)
}

/// A column's share of the table width and whether it reads from the left: unit names and the
/// deduction details are text, every other column a short figure or status.
fn column_layout(label: &str) -> (f64, bool) {
    match label {
        "单位" => (7.5, true),
        "扣分明细" => (13.0, true),
        "上年度年报" => (5.0, false),
        "排名" | "得分" => (2.5, false),
        _ => (3.2, false),
    }
}

/// Each row's cells, exactly one per column (a short row is padded with blanks), so a cell never
/// lands under the wrong heading.
fn cells(notice: &Notice) -> impl Iterator<Item = Vec<&str>> {
    let width = notice.columns.len();
    notice.rows.iter().map(move |row| {
        let mut cells: Vec<&str> = row.cells.iter().map(String::as_str).take(width).collect();
        cells.resize(width, "");
        cells
    })
}
