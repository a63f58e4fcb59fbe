//! The monthly supervision notice (一月一通报) as files, checked the way a reader would: the PDF
//! through poppler (`pdftotext`, `pdfinfo`, `pdftoppm`), the DOCX through its XML and, when
//! installed, LibreOffice. Unit names holding typst syntax must print as typed.
//!
//! Missing tools skip the check with a note, unless `GONGKAI_REQUIRE_PDF_TOOLS=1` (poppler) or
//! `GONGKAI_REQUIRE_LIBREOFFICE=1` (LibreOffice) is set, where a missing tool fails the test.

#[allow(dead_code)]
use std::path::Path;

use crate::report_support::{
    POPPLER_ENV, libreoffice_to_pdf, pdftoppm_one_png_per_page, pdftotext, run, squeeze, xml_text, zip_entry,
};
use gongkai_core::agency::Level;
use gongkai_core::supervision::figures::{AgencyFacts, Totals, columns_of};
use gongkai_core::supervision::notice::Notice;
use gongkai_core::supervision::{Figures, Month, Rules};
use gongkai_export::{notice_docx, notice_pdf};
use time::macros::date;

/// Names a template must not evaluate.
const HOSTILE: [&str; 3] = ["#set text(red)乡人民政府", "$x$镇人民政府", "*粗*街道办事处"];

/// Units enough to run the table onto a second page: the hostile three, a clean township, and
/// departments with figures that cost them points.
fn names() -> Vec<String> {
    let mut names: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    names.push("浩口乡人民政府".into());
    names.extend((1..=26).map(|i| format!("浩县第{i}局")));
    names
}

fn notice() -> Notice {
    let as_of = date!(2026 - 10 - 31);
    let rules = Rules::default();
    let filled =
        || columns_of(Level::Township).into_iter().map(|k| (k.to_string(), Some(date!(2026 - 10 - 01)))).collect();
    let names = names();
    let figures: Vec<Figures> = (0..names.len() as u32)
        .map(|i| {
            let facts = AgencyFacts {
                column_latest: filled(),
                report_published_on: Some(date!(2026 - 01 - 20)),
                requests_closed: i % 4 + 1,
                requests_closed_late: i % 3,
                items_published: 10 + i,
                items_late: i % 5,
                ..Default::default()
            };
            Figures::judge(&facts, Level::Township, &rules, as_of)
        })
        .collect();
    let units: Vec<(&str, &Figures)> = names.iter().map(String::as_str).zip(&figures).collect();
    let totals = Totals::of(&figures);
    Notice::build("浩县人民政府", Month::parse("2026-10").unwrap(), as_of, &units, &totals, &rules)
}

/// Texts every rendering shows: title, issuer line, every unit name, the rules heading and a
/// rule, the closing date.
fn expected_texts(notice: &Notice) -> Vec<String> {
    let mut texts = vec![
        notice.title.clone(),
        "（截至2026年10月31日）".into(),
        "评分及统计规则".into(),
        "政府信息自形成或者变更之日起20个工作日内公开".into(),
        "2026年10月31日".into(),
        "扣分明细".into(),
    ];
    texts.extend(notice.rows.iter().map(|r| r.cells[1].clone()));
    texts
}

/// Each row's rank, unit and score in that order (cells are read left to right).
fn rank_name_score(notice: &Notice) -> Vec<String> {
    notice.rows.iter().map(|r| format!("{}{}{}", r.rank, r.cells[1], r.score)).collect()
}

fn assert_shows(text: &str, expected: &[String], what: &str) {
    let text = squeeze(text);
    let missing: Vec<_> = expected.iter().filter(|e| !text.contains(&squeeze(e))).collect();
    assert!(missing.is_empty(), "{what} lacks {missing:?}; got {text}");
}

/// The text of page `page` alone (`-raw`, as `pdftotext` in the support module).
fn page_text(pdf: &Path, page: usize) -> Option<String> {
    let page = page.to_string();
    let args =
        ["-f".as_ref(), page.as_ref(), "-l".as_ref(), page.as_ref(), "-raw".as_ref(), pdf.as_os_str(), "-".as_ref()];
    let out = run("pdftotext", &args, POPPLER_ENV)?;
    Some(String::from_utf8(out.stdout).unwrap())
}

/// `(width, height)` of the first page in points, from `pdfinfo`.
fn page_size(pdf: &Path) -> Option<(f64, f64)> {
    let out = run("pdfinfo", &[pdf.as_os_str()], POPPLER_ENV)?;
    let info = String::from_utf8(out.stdout).unwrap();
    let line = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    let mut numbers = line.split_whitespace().filter_map(|w| w.parse::<f64>().ok());
    Some((numbers.next().unwrap(), numbers.next().unwrap()))
}

#[test]
fn the_pdf_is_landscape_shows_every_unit_literally_and_repeats_the_header_on_each_page() {
    let notice = notice();
    let bytes = notice_pdf(&notice).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let Some(text) = pdftotext(&path) else { return };
    assert_shows(&text, &expected_texts(&notice), "PDF");
    assert_shows(&text, &rank_name_score(&notice), "PDF rows");
    for name in HOSTILE {
        assert!(squeeze(&text).contains(&squeeze(name)), "{name} printed as typed; got {text}");
    }
    let (width, height) = page_size(&path).unwrap();
    assert!((width - 841.89).abs() < 1.0 && (height - 595.28).abs() < 1.0, "A4 landscape: {width} x {height}");
    let pages = pdftoppm_one_png_per_page(&path).unwrap();
    let table_pages: Vec<usize> = (2..=pages)
        .filter(|&page| {
            let text = squeeze(&page_text(&path, page).unwrap());
            let has_rows = notice.rows.iter().any(|r| text.contains(&squeeze(&r.cells[1])));
            assert!(
                !has_rows || (text.contains("排名单位得分") && text.contains("扣分明细")),
                "page {page} repeats the header above its rows; got {text}"
            );
            has_rows
        })
        .collect();
    assert!(!table_pages.is_empty(), "the table runs onto a second page ({pages} pages)");
}

#[test]
fn the_docx_is_landscape_with_every_unit_and_a_repeating_header_row() {
    let notice = notice();
    let xml = zip_entry(&notice_docx(&notice).unwrap(), "word/document.xml");
    assert!(xml.contains("w:orient=\"landscape\""), "landscape page");
    assert!(xml.contains("w:w=\"16838\"") && xml.contains("w:h=\"11906\""), "A4 turned sideways");
    assert_eq!(xml.matches("<w:tbl>").count(), 1, "one table");
    let rows: Vec<&str> = xml.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), notice.rows.len() + 1, "a header row and one row per unit");
    assert!(
        rows[0].contains("<w:tblHeader />") && xml.matches("<w:tblHeader />").count() == 1,
        "only the header row repeats"
    );
    for row in &rows {
        assert_eq!(row.matches("<w:tc>").count(), 11, "eleven cells in {row}");
    }
    assert!(xml.contains("w:eastAsia=\"宋体\""));
    let text = xml_text(&xml);
    assert_shows(&text, &expected_texts(&notice), "DOCX");
    assert_shows(&text, &rank_name_score(&notice), "DOCX rows");
    for name in HOSTILE {
        assert!(text.contains(name), "{name} in the DOCX");
    }
    assert!(
        xml.contains("1.</w:t><w:tab />") && text.contains(&format!("1.{}", notice.rules[0])),
        "the rules are numbered"
    );
}

#[test]
fn the_docx_converted_by_libreoffice_shows_the_notice() {
    let notice = notice();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("notice.docx");
    std::fs::write(&docx, notice_docx(&notice).unwrap()).unwrap();
    let Some(pdf) = libreoffice_to_pdf(&docx) else {
        return;
    };
    let Some(text) = pdftotext(&pdf) else { return };
    assert_shows(&text, &expected_texts(&notice), "DOCX→PDF");
    let (width, height) = page_size(&pdf).unwrap();
    assert!(width > height, "landscape: {width} x {height}");
    let pages = pdftoppm_one_png_per_page(&pdf).unwrap();
    for page in 2..=pages {
        let text = squeeze(&page_text(&pdf, page).unwrap());
        if notice.rows.iter().any(|r| text.contains(&squeeze(&r.cells[1]))) {
            assert!(text.contains("扣分明细"), "page {page} repeats the header above its rows; got {text}");
        }
    }
}

/// Writes the notice to `$GONGKAI_SAMPLE_DIR` (default /tmp/notice-sample) for a person to look
/// at, e.g. `pdftoppm -png -r 50 notice.pdf page`.
#[test]
#[ignore = "writes files for a person to look at"]
fn write_samples() {
    let dir = std::env::var("GONGKAI_SAMPLE_DIR").unwrap_or_else(|_| "/tmp/notice-sample".into());
    std::fs::create_dir_all(&dir).unwrap();
    let notice = notice();
    std::fs::write(format!("{dir}/notice.pdf"), notice_pdf(&notice).unwrap()).unwrap();
    std::fs::write(format!("{dir}/notice.docx"), notice_docx(&notice).unwrap()).unwrap();
}
