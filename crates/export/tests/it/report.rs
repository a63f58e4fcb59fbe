//! The annual report's four file renderings, checked the way a reader would: the PDF through
//! poppler (`pdftotext`, `pdftoppm`), the DOCX through LibreOffice (converted to PDF, then
//! `pdftotext`) and its XML, the XLSX and CSV as bytes.
//!
//! Missing tools skip the check with a note, unless `GONGKAI_REQUIRE_PDF_TOOLS=1` (poppler) or
//! `GONGKAI_REQUIRE_LIBREOFFICE=1` (LibreOffice) is set, where a missing tool fails the test.

use std::time::Instant;

use crate::report_support::{
    assert_has_labels, labels, libreoffice_to_pdf, pages, pdftoppm_one_png_per_page, pdftotext, report, squeeze,
    xml_text, zip_entry,
};
use gongkai_core::report::layout::{self, Block};
use gongkai_core::report::sections::HEADINGS;
use gongkai_core::report::table2;
use gongkai_core::report::table3;
use gongkai_core::request::outcome::ReportFormat;
use gongkai_export::{report_csv, report_docx, report_pdf, report_xlsx};

#[test]
fn the_pdf_shows_title_sections_and_every_table_label_and_converts_to_one_png_per_page() {
    for format in [ReportFormat::F2021, ReportFormat::F2019] {
        let report = report(format);
        let bytes = report_pdf(&layout::document(&report, None)).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, &bytes).unwrap();
        let Some(text) = pdftotext(&path) else { return };
        assert!(squeeze(&text).contains(&report.title()), "title; got {text}");
        assert_has_labels(&text, format, "PDF");
        assert!(text.contains("12.5"), "the fee amount is printed");
        let pages = pdftoppm_one_png_per_page(&path).unwrap();
        assert!((2..=8).contains(&pages), "{pages} pages");
    }
}

#[test]
fn the_pdf_prints_typst_syntax_in_report_text_literally() {
    let hostile = r#"#panic("x") $x^2$ #set page(width: 1cm) ] [ *bold* _em_ // not a comment \ @ref <label>"#;
    let mut report = report(ReportFormat::F2021);
    report.sections.problems = hostile.into();
    report.agency = "#panic(\"agency\")]".into();
    let mut blocks = layout::document(&report, Some("更正说明：$1$ #emph[y]"));
    if let Some(Block::Table(grid)) = blocks.iter_mut().find(|b| matches!(b, Block::Table(_))) {
        grid.rows[2][0].text = "#strong[cell] $".into();
    }
    let bytes = report_pdf(&blocks).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).unwrap();
    let Some(text) = pdftotext(&path) else { return };
    let text = squeeze(&text);
    for expected in [hostile, "#panic(\"agency\")]", "更正说明：$1$ #emph[y]", "#strong[cell] $"] {
        assert!(text.contains(&squeeze(expected)), "{expected:?} printed as is; got {text}");
    }
    assert!(pages(&path).is_some());
}

#[test]
fn the_docx_has_merged_cells_east_asian_fonts_and_every_label() {
    for format in [ReportFormat::F2021, ReportFormat::F2019] {
        let report = report(format);
        let xml = zip_entry(
            &report_docx(&layout::document(&report, Some("更正说明：更正了表三。"))).unwrap(),
            "word/document.xml",
        );
        assert_eq!(xml.matches("<w:tbl>").count(), 3, "three tables");
        assert!(xml.contains("<w:gridSpan w:val=\"7\""), "申请人情况 spans the seven columns");
        assert!(xml.contains("<w:vMerge w:val=\"restart\""), "merges down start");
        assert!(xml.contains("<w:vMerge w:val=\"continue\""), "and continue");
        assert!(xml.contains("w:eastAsia=\"宋体\""));
        assert!(xml.contains("w:w=\"11906\"") && xml.contains("w:h=\"16838\""), "A4 page");
        assert!(xml.contains("更正说明：更正了表三。"));
        let year = format!("{}年政府信息公开工作年度报告", report.year);
        assert!(
            xml.contains(&format!("{}</w:t>", report.agency)) && xml.contains(&year),
            "title broken before the year"
        );
        let text = xml_text(&xml);
        for label in labels(format) {
            assert!(text.contains(label), "{label} in the DOCX ({format:?})");
        }
    }
}

/// Each continuation of a vertical merge sits under the cell that starts it: per row, the grid
/// columns covered (gridSpan summed) equal the table's columns.
#[test]
fn every_docx_table_row_covers_the_whole_grid() {
    let report = report(ReportFormat::F2021);
    let xml = zip_entry(&report_docx(&layout::document(&report, None)).unwrap(), "word/document.xml");
    assert_eq!(xml.matches("<w:tbl>").count(), 3, "tables 二, 三 and 四");
    for ((table, columns), headings) in xml.split("<w:tbl>").skip(1).zip([4, 10, 15]).zip([0, 3, 3]) {
        let table = &table[..table.find("</w:tbl>").unwrap()];
        assert_eq!(table.matches("<w:gridCol ").count(), columns);
        // The rows of headings lead the table and repeat on each page it runs onto; 表二, in
        // sections each with its own headings, repeats none.
        let marked: Vec<bool> = table.split("<w:tr>").skip(1).map(|row| row.contains("<w:tblHeader />")).collect();
        assert_eq!(marked.iter().take_while(|m| **m).count(), headings, "{columns} columns: {marked:?}");
        assert_eq!(marked.iter().filter(|m| **m).count(), headings, "{marked:?}");
        for row in table.split("<w:tr>").skip(1) {
            let cells = row.matches("<w:tc>").count();
            let spans: usize = row
                .split("<w:gridSpan w:val=\"")
                .skip(1)
                .map(|s| s[..s.find('"').unwrap()].parse::<usize>().unwrap() - 1)
                .sum();
            assert_eq!(cells + spans, columns, "row {row}");
        }
    }
}

#[test]
fn the_docx_converted_by_libreoffice_shows_the_tables_with_chinese_text() {
    let report = report(ReportFormat::F2021);
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    std::fs::write(&docx, report_docx(&layout::document(&report, None)).unwrap()).unwrap();
    let Some(pdf) = libreoffice_to_pdf(&docx) else { return };
    let Some(text) = pdftotext(&pdf) else { return };
    assert!(squeeze(&text).contains(&report.title()));
    assert_has_labels(&text, ReportFormat::F2021, "DOCX→PDF");
    pdftoppm_one_png_per_page(&pdf).unwrap();
}

#[test]
fn the_xlsx_has_a_report_sheet_and_one_sheet_per_table_with_the_labels() {
    for format in [ReportFormat::F2021, ReportFormat::F2019] {
        let report = report(format);
        let bytes = report_xlsx(&report).unwrap();
        let workbook = zip_entry(&bytes, "xl/workbook.xml");
        let sheets: Vec<&str> = workbook.split("<sheet name=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
        assert_eq!(sheets, ["报告", "表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]);
        let strings = zip_entry(&bytes, "xl/sharedStrings.xml");
        for label in labels(format).into_iter().filter(|l| !HEADINGS.contains(l)) {
            let escaped = label.replace('"', "&quot;");
            assert!(strings.contains(label) || strings.contains(&escaped), "{label} in the XLSX ({format:?})");
        }
        assert!(strings.contains(&report.title()) && strings.contains(format.name_zh()));
        let table3 = zip_entry(&bytes, "xl/worksheets/sheet3.xml");
        assert!(
            table3.contains("<mergeCell ref=\"A2:C4\"/>"),
            "the note spans three rows and columns under the caption"
        );
        let merged = |xml: &str| xml.matches("<mergeCell ").count();
        assert!(merged(&table3) > 10 && merged(&zip_entry(&bytes, "xl/worksheets/sheet4.xml")) > 5);
        assert!(zip_entry(&bytes, "xl/worksheets/sheet2.xml").contains("<v>12.5</v>"), "figures are numbers");
    }
}

#[test]
fn the_csv_starts_with_a_bom_and_has_one_line_per_value_cell() {
    for format in [ReportFormat::F2021, ReportFormat::F2019] {
        let report = report(format);
        let bytes = report_csv(&report);
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "表格,行,列,键,数值");
        let cells = table2::cells(format).len() + table3::rows(format).len() * 7 + 15;
        assert_eq!(lines.len(), 1 + cells, "{format:?}");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(records.iter().all(|r| r.len() == 5));
        let keys: std::collections::BTreeSet<&str> = records.iter().map(|r| r.get(3).unwrap()).collect();
        assert_eq!(keys.len(), cells, "every key once");
        let secret = records.iter().find(|r| &r[3] == "table3.withheld.state_secret.business").unwrap();
        assert_eq!(&secret[0], "表三");
        assert_eq!(&secret[1], "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密");
        assert_eq!(&secret[2], "申请人情况 / 法人或其他组织 / 商业企业");
        assert_eq!(&secret[4], report.table3.get("withheld.state_secret", "business").to_string());
        let fees = records.iter().find(|r| r[3].starts_with("table2.fees.")).unwrap();
        assert_eq!((&fees[0], &fees[1]), ("表二", "第二十条第（八）项 / 行政事业性收费"));
    }
}

/// Writes the reports to `$GONGKAI_SAMPLE_DIR` (default /tmp/report-sample) for a person to look
/// at, e.g. `pdftoppm -png -r 70 report-2021.pdf page`.
#[test]
#[ignore = "writes files for a person to look at"]
fn write_samples() {
    let dir = std::env::var("GONGKAI_SAMPLE_DIR").unwrap_or_else(|_| "/tmp/report-sample".into());
    std::fs::create_dir_all(&dir).unwrap();
    for format in [ReportFormat::F2021, ReportFormat::F2019] {
        let report = report(format);
        let blocks = layout::document(&report, None);
        let name = format!("{dir}/report-{}", format.key());
        std::fs::write(format!("{name}.pdf"), report_pdf(&blocks).unwrap()).unwrap();
        std::fs::write(format!("{name}.docx"), report_docx(&blocks).unwrap()).unwrap();
        std::fs::write(format!("{name}.xlsx"), report_xlsx(&report).unwrap()).unwrap();
        std::fs::write(format!("{name}.csv"), report_csv(&report)).unwrap();
    }
}

/// `cargo test -p gongkai-export --release --test report -- --ignored --nocapture timings`.
#[test]
#[ignore = "prints timings; run by hand"]
fn timings() {
    let report = report(ReportFormat::F2021);
    let blocks = layout::document(&report, None);
    let start = Instant::now();
    report_pdf(&blocks).unwrap();
    eprintln!("first PDF (loads fonts, cold caches): {:?}", start.elapsed());
    let runs = 10;
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..runs {
            f();
        }
        start.elapsed() / runs
    };
    eprintln!("warm PDF, same report: {:?}", time(&|| drop(report_pdf(&blocks).unwrap())));
    let counter = std::cell::Cell::new(0);
    let varied = || {
        counter.set(counter.get() + 1);
        let mut changed = report.clone();
        changed.agency = format!("浩县第{}人民政府", counter.get());
        let granted = changed.table3.0.get_mut("granted").unwrap();
        granted.insert("natural_person".into(), counter.get());
        drop(report_pdf(&layout::document(&changed, None)).unwrap());
    };
    eprintln!("warm PDF, title and a cell changing each time: {:?}", time(&varied));
    eprintln!("DOCX: {:?}", time(&|| drop(report_docx(&blocks).unwrap())));
    eprintln!("XLSX: {:?}", time(&|| drop(report_xlsx(&report).unwrap())));
    eprintln!("CSV: {:?}", time(&|| drop(report_csv(&report))));
    eprintln!("layout::document: {:?}", time(&|| drop(layout::document(&report, None))));
}
