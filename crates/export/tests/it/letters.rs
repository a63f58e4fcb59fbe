//! The two renderers, checked the way a reader would: unzip the DOCX and read its XML; run the
//! PDF through poppler's `pdftotext` / `pdfinfo`.
//!
//! PDF checks need poppler-utils. Without it they skip with a note, unless
//! `GONGKAI_REQUIRE_PDF_TOOLS=1` (CI), where a missing tool fails the test.

use std::io::Read;
use std::process::Command;
use std::time::Instant;

use gongkai_export::{Letter, docx, pdf};

fn sample() -> Letter {
    Letter {
        issuer: "浩县人民政府".into(),
        title: "政府信息公开申请答复书".into(),
        reference: "浩府依复〔2025〕20251009-7K3MQZ号".into(),
        salutation: "张三：".into(),
        paragraphs: vec![
            "本机关于2025年10月9日收到您通过浩县政府信息公开平台提交的政府信息公开申请，\
             申请获取“2024年度浩县城区道路改造工程招标文件及中标结果”。经审查，现答复如下："
                .into(),
            "您申请获取的信息属于本机关公开范围内的政府信息。根据《中华人民共和国政府信息公开条例》\
             第三十六条第二项的规定，本机关向您提供该信息，详见附件。"
                .into(),
            "如对本答复不服，可以自收到本答复之日起六十日内向浩州市人民政府申请行政复议，\
             或者在六个月内向浩县人民法院提起行政诉讼。"
                .into(),
            "特此告知。".into(),
        ],
        signature: "浩县人民政府".into(),
        date: "2025年11月10日".into(),
    }
}

fn document_xml(docx_bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx_bytes)).expect("DOCX is a zip");
    let mut xml = String::new();
    archive.by_name("word/document.xml").expect("word/document.xml in the DOCX").read_to_string(&mut xml).unwrap();
    xml
}

/// Runs a poppler tool on the PDF and returns its stdout; `None` (skip) if poppler is missing.
fn poppler(tool: &str, pdf_bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf_bytes).unwrap();
    let mut command = Command::new(tool);
    command.arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    match command.output() {
        Ok(out) => {
            assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
            Some(String::from_utf8(out.stdout).expect("poppler prints UTF-8"))
        }
        Err(err) if std::env::var("GONGKAI_REQUIRE_PDF_TOOLS").as_deref() == Ok("1") => {
            panic!(
                "{tool} is required (GONGKAI_REQUIRE_PDF_TOOLS=1) but could not run: {err}; apt-get install poppler-utils"
            )
        }
        Err(err) => {
            eprintln!("skipping PDF text check: {tool} not available ({err}); apt-get install poppler-utils");
            None
        }
    }
}

/// Text without whitespace: pdftotext breaks lines (and may space out justified CJK text).
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn docx_is_a_zip_whose_document_holds_the_title_the_body_and_east_asian_fonts() {
    let letter = sample();
    let xml = document_xml(&docx(&letter).unwrap());
    assert!(xml.contains("政府信息公开申请答复书"));
    assert!(xml.contains("浩府依复〔2025〕20251009-7K3MQZ号"));
    assert!(xml.contains("本机关向您提供该信息，详见附件。"));
    assert!(xml.contains("w:eastAsia=\"宋体\""), "run fonts name the East Asian font");
    assert!(xml.contains("w:firstLine=\"640\""), "body paragraphs indent two 三号 characters");
    assert!(xml.contains("w:jc w:val=\"right\""), "signature and date are right-aligned");
    assert!(xml.contains("w:w=\"11906\"") && xml.contains("w:h=\"16838\""), "A4 page");
}

#[test]
fn docx_escapes_markup_in_user_text() {
    let mut letter = sample();
    letter.paragraphs = vec!["a </w:t><w:t>b & <c>".into()];
    let xml = document_xml(&docx(&letter).unwrap());
    assert!(
        xml.contains("a &lt;/w:t>&lt;w:t>b &amp; &lt;c>") || xml.contains("a &lt;/w:t&gt;&lt;w:t&gt;b &amp; &lt;c&gt;")
    );
}

#[test]
fn docx_leaves_out_an_empty_reference_line_and_keeps_line_breaks() {
    let mut letter = sample();
    letter.reference.clear();
    letter.paragraphs = vec!["第一行\n第二行".into()];
    let xml = document_xml(&docx(&letter).unwrap());
    assert!(!xml.contains("浩府依复"));
    assert!(xml.contains("第一行</w:t>"));
    assert!(xml.contains("<w:br w:type=\"textWrapping\" />") || xml.contains("<w:br w:type=\"textWrapping\"/>"));
}

#[test]
fn pdf_is_a_pdf_whose_text_is_the_chinese_letter() {
    let letter = sample();
    let bytes = pdf(&letter).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "starts with %PDF");
    let Some(text) = poppler("pdftotext", &bytes) else {
        return;
    };
    let text = squeeze(&text);
    for expected in [
        "浩县人民政府",
        "政府信息公开申请答复书",
        "浩府依复〔2025〕20251009-7K3MQZ号",
        "张三：",
        &letter.paragraphs[1],
        "2025年11月10日",
    ] {
        assert!(text.contains(&squeeze(expected)), "PDF text lacks {expected:?}; got {text}");
    }
}

#[test]
fn pdf_prints_typst_syntax_in_user_text_literally() {
    let mut letter = sample();
    let hostile = r#"#set page(width: 1cm) ] [ "quoted" #let x = 1 \ $x$ *bold* // not a comment"#;
    letter.paragraphs = vec![hostile.into()];
    letter.salutation = "#set text(size: 1pt)]".into();
    let bytes = pdf(&letter).unwrap();
    let Some(text) = poppler("pdftotext", &bytes) else {
        return;
    };
    assert!(squeeze(&text).contains(&squeeze(hostile)), "hostile paragraph printed as is; got {text}");
    assert!(squeeze(&text).contains("#settext(size:1pt)]"), "salutation printed as is; got {text}");
    let Some(info) = poppler("pdfinfo", &bytes) else {
        return;
    };
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "page is still A4: {info}");
}

#[test]
fn pdf_leaves_out_an_empty_reference_and_breaks_lines_inside_a_paragraph() {
    let mut letter = sample();
    letter.reference.clear();
    letter.paragraphs = vec!["第一行\n第二行".into()];
    let bytes = pdf(&letter).unwrap();
    let Some(text) = poppler("pdftotext", &bytes) else {
        return;
    };
    assert!(!text.contains("浩府依复"));
    assert!(text.contains("第一行\n第二行"), "the newline is a line break: {text}");
}

#[test]
fn twenty_letters_in_a_row_all_render() {
    for i in 0..20 {
        let mut letter = sample();
        letter.salutation = format!("申请人{i}：");
        letter.paragraphs.push(format!("这是第{i}封答复书。"));
        let bytes = pdf(&letter).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        assert!(docx(&letter).unwrap().starts_with(b"PK"));
    }
}

#[test]
fn a_long_letter_runs_onto_a_second_page() {
    let mut letter = sample();
    letter.paragraphs = vec![letter.paragraphs[0].clone(); 12];
    let bytes = pdf(&letter).unwrap();
    let Some(info) = poppler("pdfinfo", &bytes) else {
        return;
    };
    assert!(info.lines().any(|l| l.starts_with("Pages:") && !l.ends_with(" 1")), "{info}");
}

/// `cargo test -p gongkai-export --release -- --ignored --nocapture timings` for the figures.
#[test]
#[ignore = "prints timings; run by hand"]
fn timings() {
    let letter = sample();
    let start = Instant::now();
    pdf(&letter).unwrap();
    eprintln!("first PDF (loads fonts, cold caches): {:?}", start.elapsed());
    let runs = 20;
    let start = Instant::now();
    for _ in 0..runs {
        pdf(&letter).unwrap();
    }
    eprintln!("warm PDF: {:?} per letter", start.elapsed() / runs);
    let mut varied = letter.clone();
    let start = Instant::now();
    for i in 0..runs {
        varied.salutation = format!("申请人{i}：");
        pdf(&varied).unwrap();
    }
    eprintln!("warm PDF, text changing each time: {:?} per letter", start.elapsed() / runs);
    let start = Instant::now();
    for _ in 0..runs {
        docx(&letter).unwrap();
    }
    eprintln!("DOCX: {:?} per letter", start.elapsed() / runs);
    eprintln!("sizes: PDF {} bytes, DOCX {} bytes", pdf(&letter).unwrap().len(), docx(&letter).unwrap().len());
    eprintln!("resident memory after {} PDFs: {}", 2 * runs + 2, resident());
    for i in 0..500 {
        varied.salutation = format!("申请人{i}：");
        pdf(&varied).unwrap();
    }
    eprintln!("resident memory after 500 more: {}", resident());
}

fn resident() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with("VmRSS")).unwrap_or("VmRSS: ?").to_owned()
}

/// Writes the sample letter to `$GONGKAI_SAMPLE_DIR` (default /tmp/letter-sample) for eyeballing,
/// e.g. `pdftoppm -png -r 60 letter.pdf letter`.
#[test]
#[ignore = "writes files for a person to look at"]
fn write_sample() {
    let dir = std::env::var("GONGKAI_SAMPLE_DIR").unwrap_or_else(|_| "/tmp/letter-sample".into());
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(format!("{dir}/letter.pdf"), pdf(&sample()).unwrap()).unwrap();
    std::fs::write(format!("{dir}/letter.docx"), docx(&sample()).unwrap()).unwrap();
}

#[test]
fn pdf_text_keeps_the_reference_number_intact() {
    let bytes = pdf(&sample()).unwrap();
    let Some(text) = poppler("pdftotext", &bytes) else {
        return;
    };
    assert!(text.contains("浩府依复〔2025〕20251009-7K3MQZ号"), "no gap inserted around digits: {text}");
}
