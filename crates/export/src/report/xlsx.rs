//! XLSX rendering of an annual report (rust_xlsxwriter): a first sheet 报告 with the title,
//! agency, year and format, then one sheet per table laid out like the printed grid — the caption
//! on the first row, the grid below it with its merged cells merged, figures as numbers (so they
//! sum in Excel), blanks left blank. A sheet is not a page: a column is as wide as its widest
//! single-column cell (up to [`MAX_CHARACTERS`]), and a row whose text wraps gets the height of
//! its lines, since spreadsheet programs do not grow rows by themselves. Each sheet prints on A4,
//! one page wide.

use gongkai_core::report::layout::{CellKind, Grid, Placed, grids};
use gongkai_core::report::model::Report;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::widths::characters;
use crate::ExportError;

/// Sheet names, in the order of the tables.
const TABLE_SHEETS: [&str; 3] = ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼"];
const FONT: &str = "宋体";
/// Excel column width units per character (a CJK character of 10.5 pt is about two units).
const UNITS_PER_CHARACTER: f64 = 2.0;
/// Widest column, in characters: longer labels wrap.
const MAX_CHARACTERS: f64 = 16.0;
/// Narrowest column, and the width of a column of figures, in characters.
const MIN_CHARACTERS: f64 = 4.0;
/// Height of a line of 10.5 pt text, in points.
const LINE_HEIGHT: f64 = 14.0;
/// Excel's paper size code for A4.
const A4: u8 = 9;

/// Renders the report as an XLSX workbook.
pub fn report_xlsx(report: &Report) -> Result<Vec<u8>, ExportError> {
    build(report).map_err(|err| ExportError::Xlsx(err.to_string()))
}

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("报告")?;
    let bold = Format::new().set_font_name(FONT).set_bold();
    let plain = Format::new().set_font_name(FONT);
    let facts = [
        ("标题", report.title()),
        ("机关", report.agency.clone()),
        ("年度", report.year.to_string()),
        ("格式", report.format.name_zh().to_owned()),
    ];
    for (row, (name, value)) in (0u32..).zip(facts) {
        sheet.write_string_with_format(row, 0, name, &bold)?;
        sheet.write_string_with_format(row, 1, value, &plain)?;
    }
    sheet.set_column_width(0, 8)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_paper_size(A4).set_print_fit_to_pages(1, 0);

    for (name, grid) in TABLE_SHEETS.iter().zip(grids(report)) {
        let sheet = workbook.add_worksheet().set_name(*name)?;
        write_grid(sheet, &grid)?;
    }
    workbook.save_to_buffer()
}

fn write_grid(sheet: &mut Worksheet, grid: &Grid) -> Result<(), XlsxError> {
    let placed = grid.placements().map_err(|err| XlsxError::ParameterError(err.to_string()))?;
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_size(10.5)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let header = base.clone().set_bold().set_align(FormatAlign::Center);
    let label = base.clone().set_align(FormatAlign::Left);
    let centred = base.clone().set_align(FormatAlign::Center);

    let last_col = (grid.columns - 1) as u16;
    let caption = Format::new().set_font_name(FONT).set_font_size(12).set_bold().set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, last_col, &grid.caption, &caption)?;
    const TOP: u32 = 1;

    for p in &placed {
        let format = match p.cell.kind {
            CellKind::Header => &header,
            CellKind::Label if p.cell.rowspan == 1 && p.cell.colspan < 3 => &label,
            CellKind::Label | CellKind::Value => &centred,
        };
        let (row, col) = (TOP + p.row as u32, p.col as u16);
        let (last_row, last_col) = (row + u32::from(p.cell.rowspan) - 1, col + p.cell.colspan - 1);
        let text = &p.cell.text;
        let number = (p.cell.kind == CellKind::Value).then(|| p.cell.text.trim().parse::<f64>().ok()).flatten();
        let merged = (last_row, last_col) != (row, col);
        if merged {
            // Writes the text into the first cell; a figure overwrites it below.
            sheet.merge_range(row, col, last_row, last_col, if number.is_some() { "" } else { text }, format)?;
        }
        if let Some(n) = number {
            sheet.write_number_with_format(row, col, n, format)?;
        } else if !merged && p.cell.text.is_empty() {
            sheet.write_blank(row, col, format)?;
        } else if !merged {
            sheet.write_string_with_format(row, col, text, format)?;
        }
    }

    let widths = column_characters(&placed, grid.columns);
    for (col, characters) in (0u16..).zip(&widths) {
        sheet.set_column_width(col, characters * UNITS_PER_CHARACTER + 1.0)?;
    }
    for (row, lines) in (TOP..).zip(row_lines(&placed, &widths, grid.rows.len())) {
        if lines > 1 {
            sheet.set_row_height(row, f64::from(lines) * LINE_HEIGHT + 4.0)?;
        }
    }
    if grid.header_rows > 0 {
        sheet.set_repeat_rows(TOP, TOP + grid.header_rows as u32 - 1)?;
    }
    sheet.set_paper_size(A4);
    if grid.columns > 10 {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Characters each column shows on a line: its widest single-column cell, within
/// [`MIN_CHARACTERS`]..=[`MAX_CHARACTERS`].
fn column_characters(placed: &[Placed], columns: usize) -> Vec<f64> {
    let mut widths = vec![MIN_CHARACTERS; columns];
    for p in placed.iter().filter(|p| p.cell.colspan == 1 && p.cell.kind != CellKind::Value) {
        widths[p.col] = widths[p.col].max(characters(&p.cell.text).min(MAX_CHARACTERS));
    }
    widths
}

/// Lines of the tallest one-row cell of each row, wrapped in the width of its columns.
fn row_lines(placed: &[Placed], widths: &[f64], rows: usize) -> Vec<u32> {
    let mut lines = vec![1; rows];
    for p in placed.iter().filter(|p| p.cell.rowspan == 1) {
        let width: f64 = widths[p.col..p.col + usize::from(p.cell.colspan)].iter().sum();
        let needed = (characters(&p.cell.text) / width).ceil().max(1.0) as u32;
        lines[p.row] = lines[p.row].max(needed);
    }
    lines
}
