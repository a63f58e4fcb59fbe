//! A plain table as an XLSX workbook (rust_xlsxwriter): one sheet, a bold heading row frozen at
//! the top, every cell text. For lists staff take to Excel, such as the request ledger (台账).

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::ExportError;

const FONT: &str = "宋体";

/// The workbook of one sheet named `sheet` with `headings` and `rows`.
pub fn table_xlsx(sheet: &str, headings: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
    build(sheet, headings, rows).map_err(|err| ExportError::Xlsx(err.to_string()))
}

fn build(sheet: &str, headings: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_font_name(FONT).set_bold();
    let plain = Format::new().set_font_name(FONT);
    let ws = workbook.add_worksheet().set_name(sheet)?;
    for (col, heading) in (0u16..).zip(headings) {
        ws.write_string_with_format(0, col, *heading, &bold)?;
        ws.set_column_width(col, 16)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (row, cells) in (1u32..).zip(rows) {
        for (col, text) in (0u16..).zip(cells) {
            ws.write_string_with_format(row, col, text, &plain)?;
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workbook_is_a_zip_holding_the_sheet_and_its_strings() {
        let bytes = table_xlsx("台账", &["source_id", "received"], &[vec!["A-1".into(), "2025-09-26".into()]]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut shared = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/sharedStrings.xml").unwrap(), &mut shared).unwrap();
        assert!(shared.contains("A-1") && shared.contains("2025-09-26") && shared.contains("source_id"));
        let mut book = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut book).unwrap();
        assert!(book.contains("台账"));
    }
}
