//! Sample attachments built in the test, byte for byte: DOCX and XLSX zipped with the `zip`
//! crate, PDFs written by hand (objects, content stream, xref table).

#![allow(dead_code)] // each test binary uses a different part of this module

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// A zip archive of the given parts, deflated.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        writer.start_file(*name, SimpleFileOptions::default()).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const CONTENT_TYPES_DOCX: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS_DOCX: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A DOCX whose `word/document.xml` has this `<w:body>` content.
pub fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES_DOCX.as_bytes()),
        ("_rels/.rels", RELS_DOCX.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// A report-like DOCX: Chinese runs split mid-phrase, a tab, a line break, an entity, a tracked
/// deletion and a field code (neither of which is text), and a paragraph tab stop (not a tab).
pub fn chinese_docx() -> Vec<u8> {
    docx(concat!(
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
        r#"<w:r><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr><w:t>某市人民政府</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve">办公室 </w:t></w:r><w:r><w:tab/><w:t>关于印发</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>政府信息公开&amp;年度报告</w:t></w:r><w:r><w:br/><w:t>第二行&#x3002;</w:t></w:r></w:p>"#,
        r#"<w:p><w:del w:id="1"><w:r><w:delText>已删除的文字</w:delText></w:r></w:del>"#,
        r#"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r></w:p>"#,
        r#"<w:p/><w:p><w:hyperlink><w:r><w:t>依申请公开</w:t></w:r></w:hyperlink></w:p>"#,
    ))
}

pub const CHINESE_DOCX_TEXT: &str = "某市人民政府办公室 \t关于印发\n政府信息公开&年度报告\n第二行。\n\n\n依申请公开";

/// An XLSX with shared strings (one rich, one with a phonetic run), numbers, an inline string, an
/// empty cell, and three sheets whose file numbers sort as numbers (1, 2, 10).
pub fn chinese_xlsx() -> Vec<u8> {
    let shared = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>申请数量</t></si>
<si><r><rPr><b/></rPr><t>答复</t></r><r><t>结果</t></r></si>
<si><t>予以公开</t><rPh sb="0" eb="2"><t>よいこうかい</t></rPh></si>
<si><t>A&amp;B</t></si>
</sst>"#;
    let sheet1 = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row r="2"><c r="A2"><v>128</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" s="1"/></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>行内文字</t></is></c><c r="B3" t="str"><f>A1</f><v>申请数量</v></c></row>
<row r="4"/>
</sheetData></worksheet>"#;
    let sheet2 = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1"><v>2.5</v></c></row>
</sheetData></worksheet>"#;
    let sheet10 = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>第十张表</t></is></c></row>
</sheetData></worksheet>"#;
    let workbook = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="统计" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    zip(&[
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
        ("xl/worksheets/sheet10.xml", sheet10.as_bytes()),
        ("xl/worksheets/sheet2.xml", sheet2.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet1.as_bytes()),
    ])
}

pub const CHINESE_XLSX_TEXT: &str = "申请数量\t答复结果\n128\t予以公开\n行内文字\t申请数量\nA&B\t2.5\n第十张表";

/// A PDF file from its objects (numbered from 1; the first is the catalog), with a correct xref.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

fn stream(dictionary: &str, content: &[u8]) -> Vec<u8> {
    let mut object = format!("<< {dictionary} /Length {} >>\nstream\n", content.len()).into_bytes();
    object.extend_from_slice(content);
    object.extend_from_slice(b"\nendstream");
    object
}

/// A one-page PDF in which each line is shown with a Type0 font (Identity-H, two-byte CIDs) whose
/// ToUnicode CMap maps the CIDs back to the Chinese characters, the way PDF producers write text
/// set in an embedded CJK font subset.
pub fn chinese_pdf(lines: &[&str]) -> Vec<u8> {
    let mut characters: Vec<char> = Vec::new();
    for c in lines.iter().flat_map(|line| line.chars()) {
        if !characters.contains(&c) {
            characters.push(c);
        }
    }
    let cid = |c: char| characters.iter().position(|&x| x == c).unwrap() + 1;
    let mut content = String::from("BT\n/F1 18 Tf\n72 760 Td\n24 TL\n");
    for line in lines {
        let codes: String = line.chars().map(|c| format!("{:04X}", cid(c))).collect();
        content.push_str(&format!("<{codes}> Tj T*\n"));
    }
    content.push_str("ET");
    let mut cmap = String::from(concat!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n",
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n",
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    ));
    for chunk in characters.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for &c in chunk {
            let mut units = [0u16; 2];
            let utf16: String = c.encode_utf16(&mut units).iter().map(|u| format!("{u:04X}")).collect();
            cmap.push_str(&format!("<{:04X}> <{utf16}>\n", cid(c)));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /defineresource pop\nend\nend");
    let font = "NotoSansCJKsc-Regular";
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        format!("<< /Type /Font /Subtype /Type0 /BaseFont /{font} /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>").into_bytes(),
        stream("", content.as_bytes()),
        format!(
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{font} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>"
        )
        .into_bytes(),
        stream("", cmap.as_bytes()),
        format!(
            "<< /Type /FontDescriptor /FontName /{font} /Flags 4 /FontBBox [-1000 -300 3000 1200] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 733 /StemV 80 >>"
        )
        .into_bytes(),
    ])
}

/// A one-page PDF with ASCII text in the standard Helvetica font.
pub fn ascii_pdf(text: &str) -> Vec<u8> {
    let content = format!("BT\n/F1 12 Tf\n72 760 Td\n({text}) Tj\nET");
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        stream("", content.as_bytes()),
    ])
}

/// Text with all whitespace removed, for comparing extracted PDF text with what was set.
pub fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// zlib-compressed bytes (what a PDF's `/FlateDecode` filter holds).
pub fn zlib(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A one-page PDF in Helvetica whose content stream is `content`, stored as given (compressed by
/// the caller, `filter` naming how).
pub fn pdf_with_content(filter: &str, content: &[u8]) -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        stream(filter, content),
    ])
}
