//! The findings of an audit of published annual reports as an XLSX workbook (rust_xlsxwriter):
//! a sheet 发现的问题 with one row per finding, a sheet 无法确定的数字 with one row per
//! ambiguity (cells whose digits ran together), and a sheet 文件 with one row per audited file,
//! so a file with nothing to report still shows that it was read.
//!
//! The input is plain rows of text and numbers, already in Chinese: this crate renders and does
//! not depend on the reader (`gongkai-report-reader`, with its HTML parser and converters); the caller
//! maps its output to rows. Expected and actual figures are numbers (blank when unknown), so
//! they can be sorted and summed.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::ExportError;

/// One audited file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditedFile {
    pub file: String,
    /// e.g. "2021年版".
    pub format: String,
    pub year: Option<i32>,
    pub agency: String,
    pub errors: usize,
    pub warnings: usize,
    /// Why the file could not be audited, or "".
    pub note: String,
}

/// One finding, with the file it was found in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingRow {
    pub file: String,
    pub format: String,
    pub year: Option<i32>,
    pub agency: String,
    /// The rule id, e.g. `table3.results_sum`.
    pub rule: String,
    /// 错误 or 提示.
    pub severity: String,
    /// The cell key(s) the finding names, e.g. `table3.*.natural_person`.
    pub location: String,
    pub expected: Option<i64>,
    pub actual: Option<i64>,
    pub message: String,
}

/// Cells whose digits can be read in more than one way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AmbiguityRow {
    pub file: String,
    pub location: String,
    /// Each reading, its values separated by spaces (e.g. "2 0 0 0 0 0 2").
    pub candidates: Vec<String>,
}

/// Everything the workbook holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditSheets {
    pub files: Vec<AuditedFile>,
    pub findings: Vec<FindingRow>,
    pub ambiguities: Vec<AmbiguityRow>,
}

const FONT: &str = "宋体";
const FINDING_HEADINGS: [(&str, f64); 10] = [
    ("文件", 28.0),
    ("格式", 12.0),
    ("年度", 6.0),
    ("机关", 24.0),
    ("规则", 22.0),
    ("严重程度", 9.0),
    ("位置", 34.0),
    ("应为", 8.0),
    ("实为", 8.0),
    ("说明", 60.0),
];
const AMBIGUITY_HEADINGS: [(&str, f64); 3] = [("文件", 28.0), ("位置", 30.0), ("可能的读法", 60.0)];
const FILE_HEADINGS: [(&str, f64); 7] =
    [("文件", 28.0), ("格式", 12.0), ("年度", 6.0), ("机关", 24.0), ("错误", 6.0), ("提示", 6.0), ("说明", 60.0)];

/// Renders the findings workbook.
pub fn audit_findings_xlsx(sheets: &AuditSheets) -> Result<Vec<u8>, ExportError> {
    build(sheets).map_err(|err| ExportError::Xlsx(err.to_string()))
}

fn build(sheets: &AuditSheets) -> Result<Vec<u8>, XlsxError> {
    let plain = Format::new().set_font_name(FONT).set_text_wrap().set_align(FormatAlign::Top);
    let mut workbook = Workbook::new();

    let sheet = headed(workbook.add_worksheet().set_name("发现的问题")?, &FINDING_HEADINGS)?;
    for (row, f) in (1u32..).zip(&sheets.findings) {
        for (col, text) in [
            (0, &f.file),
            (1, &f.format),
            (3, &f.agency),
            (4, &f.rule),
            (5, &f.severity),
            (6, &f.location),
            (9, &f.message),
        ] {
            sheet.write_string_with_format(row, col, text, &plain)?;
        }
        for (col, n) in [(2, f.year.map(i64::from)), (7, f.expected), (8, f.actual)] {
            number(sheet, row, col, n, &plain)?;
        }
    }

    let sheet = headed(workbook.add_worksheet().set_name("无法确定的数字")?, &AMBIGUITY_HEADINGS)?;
    for (row, a) in (1u32..).zip(&sheets.ambiguities) {
        sheet.write_string_with_format(row, 0, &a.file, &plain)?;
        sheet.write_string_with_format(row, 1, &a.location, &plain)?;
        sheet.write_string_with_format(row, 2, a.candidates.join("；或 "), &plain)?;
    }

    let sheet = headed(workbook.add_worksheet().set_name("文件")?, &FILE_HEADINGS)?;
    for (row, f) in (1u32..).zip(&sheets.files) {
        for (col, text) in [(0, &f.file), (1, &f.format), (3, &f.agency), (6, &f.note)] {
            sheet.write_string_with_format(row, col, text, &plain)?;
        }
        for (col, n) in [(2, f.year.map(i64::from)), (4, Some(f.errors as i64)), (5, Some(f.warnings as i64))] {
            number(sheet, row, col, n, &plain)?;
        }
    }
    workbook.save_to_buffer()
}

/// Writes the bold heading row, sets the column widths and freezes the heading.
fn headed<'a>(sheet: &'a mut Worksheet, headings: &[(&str, f64)]) -> Result<&'a mut Worksheet, XlsxError> {
    let bold = Format::new().set_font_name(FONT).set_bold();
    for (col, (heading, width)) in (0u16..).zip(headings) {
        sheet.write_string_with_format(0, col, *heading, &bold)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// A figure as a number, or a blank cell when unknown (never 0).
fn number(sheet: &mut Worksheet, row: u32, col: u16, n: Option<i64>, format: &Format) -> Result<(), XlsxError> {
    match n {
        Some(n) => sheet.write_number_with_format(row, col, n as f64, format).map(|_| ()),
        None => sheet.write_blank(row, col, format).map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workbook_is_a_zip_with_the_three_sheets() {
        let sheets = AuditSheets {
            files: vec![AuditedFile {
                file: "a.html".into(),
                format: "2021年版".into(),
                year: Some(2021),
                errors: 1,
                ..Default::default()
            }],
            findings: vec![FindingRow {
                file: "a.html".into(),
                rule: "table3.results_sum".into(),
                severity: "错误".into(),
                location: "table3.*.natural_person".into(),
                expected: Some(5),
                actual: Some(4),
                message: "自然人：办理结果各项之和为5，但(七)总计为4".into(),
                ..Default::default()
            }],
            ambiguities: vec![AmbiguityRow {
                file: "a.html".into(),
                location: "table3.granted".into(),
                candidates: vec!["2 0 0 0 0 0 2".into(), "20 0 0 0 0 0 20".into()],
            }],
        };
        let bytes = audit_findings_xlsx(&sheets).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let workbook = read(&mut zip, "xl/workbook.xml");
        for name in ["发现的问题", "无法确定的数字", "文件"] {
            assert!(workbook.contains(name), "sheet {name}");
        }
        let strings = read(&mut zip, "xl/sharedStrings.xml");
        for text in ["table3.results_sum", "应为", "错误", "20 0 0 0 0 0 20"] {
            assert!(strings.contains(text), "{text} in {strings}");
        }
    }

    fn read(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> String {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    }

    #[test]
    fn an_empty_audit_still_has_its_headings() {
        let bytes = audit_findings_xlsx(&AuditSheets::default()).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
