//! CSV of an annual report in long format: one line per value cell of tables 二, 三 and 四, with
//! the labels the printed table gives it, so a spreadsheet or a script can filter and pivot.
//!
//! Columns `表格,行,列,键,数值`: the table (表二/表三/表四), the row and column labels read off
//! the grid (outermost first, joined with " / "), the model key (`table3.granted.total`) and the
//! cell as printed (blank when the report has no value). UTF-8 with a byte order mark, which
//! Excel needs to read the file as UTF-8.

use gongkai_core::report::layout::grids;
use gongkai_core::report::model::Report;

/// The UTF-8 byte order mark.
const BOM: &[u8] = "\u{feff}".as_bytes();
const HEADER: [&str; 5] = ["表格", "行", "列", "键", "数值"];

/// Renders the report's cells as CSV.
pub fn report_csv(report: &Report) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    // Writing to a Vec cannot fail, and the layout's grids are well formed (tested in core).
    writer.write_record(HEADER).expect("write to memory");
    for grid in grids(report) {
        let table = grid.caption.split_whitespace().next().unwrap_or_default().to_owned();
        for cell in grid.value_cells().expect("the report layout is well formed") {
            writer
                .write_record([&table, &cell.row_label, &cell.column_label, &cell.key, &cell.text])
                .expect("write to memory");
        }
    }
    writer.into_inner().expect("flush to memory")
}
