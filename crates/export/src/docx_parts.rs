//! What every DOCX of this crate (letters, annual reports, monthly notices) is built from: the
//! A4 page in twips, the fonts each run names, a paragraph of plain text, line spacing, and
//! packing the archive — with the first row of each table marked to repeat when asked.
//!
//! Every run names its fonts itself (`w:eastAsia` for Chinese, `w:ascii`/`w:hAnsi` for Latin
//! and digits): Word picks the East Asian font only from `w:eastAsia`, and a document default
//! alone is lost when a reader pastes paragraphs elsewhere. Fonts are not embedded; Word or
//! LibreOffice substitutes a similar face where one is missing.

use std::io::Cursor;

use docx_rs::{
    BreakType, Docx, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts, SpecialIndentType, TableBorder,
    TableBorderPosition, TableBorders,
};

use crate::ExportError;

/// Chinese text font (`w:eastAsia`).
pub(crate) const EAST_ASIA_FONT: &str = "宋体";
/// Headings of reports and notices.
pub(crate) const HEADING_FONT: &str = "黑体";
/// Latin letters and digits (`w:ascii`, `w:hAnsi`).
pub(crate) const LATIN_FONT: &str = "Times New Roman";

/// A4 portrait in twips (width, height).
pub(crate) const A4_TWIPS: (u32, u32) = (11906, 16838);

pub(crate) const fn mm(millimetres: i32) -> i32 {
    millimetres * 1440 * 10 / 254
}

/// `east_asia` for Chinese, Times New Roman for Latin letters and digits.
pub(crate) fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii(LATIN_FONT).hi_ansi(LATIN_FONT)
}

/// One paragraph of plain text in `font` at `size` half-points; a newline inside the text
/// becomes a line break.
pub(crate) fn text(text: &str, size: usize, font: &str, bold: bool) -> Paragraph {
    Paragraph::new().add_run(run(text, size, font, bold))
}

/// One run of plain text, as [`text`] puts in its paragraph.
pub(crate) fn run(text: &str, size: usize, font: &str, bold: bool) -> Run {
    let mut run = Run::new().fonts(fonts(font)).size(size);
    if bold {
        run = run.bold();
    }
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(xml_safe(part));
    }
    run
}

/// Single line spacing with `before` / `after` space in twips.
pub(crate) fn single_spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(before).after(after)
}

/// A body paragraph of `size` half-points: first line indented two characters, 1.5 line spacing.
pub(crate) fn indented(paragraph: Paragraph, size: usize) -> Paragraph {
    let two_characters = 2 * (size as i32 / 2) * 20;
    paragraph
        .indent(None, Some(SpecialIndentType::FirstLine(two_characters)), None, None)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(360).before(0).after(0))
}

/// Single ½ pt lines around and between every cell of a table.
pub(crate) fn single_borders() -> TableBorders {
    [
        TableBorderPosition::Top,
        TableBorderPosition::Bottom,
        TableBorderPosition::Left,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |borders, position| borders.set(TableBorder::new(position).size(4)))
}

/// Drops characters XML 1.0 forbids (C0 controls other than tab; a stray `\r` from a textarea),
/// which would otherwise make Word refuse the whole file.
pub(crate) fn xml_safe(text: &str) -> String {
    text.chars().filter(|c| *c == '\t' || !c.is_ascii_control()).collect()
}

/// Writes the document as a `.docx` archive.
pub(crate) fn pack(doc: Docx) -> Result<Vec<u8>, ExportError> {
    let mut out = Cursor::new(Vec::new());
    doc.pack(&mut out).map_err(|err| ExportError::Docx(err.to_string()))?;
    Ok(out.into_inner())
}

/// Writes the document with the leading rows of its tables marked as header rows
/// (`w:tblHeader`), which Word and LibreOffice repeat at the top of each page a table runs onto:
/// `header_rows[i]` rows of the `i`-th table (none for tables beyond the list). docx-rs 0.4 has
/// no setter for the mark, so it goes into the XML docx-rs wrote.
pub(crate) fn pack_with_header_rows(doc: Docx, header_rows: &[usize]) -> Result<Vec<u8>, ExportError> {
    let mut parts = doc.build();
    let document = String::from_utf8(parts.document).map_err(|err| ExportError::Docx(err.to_string()))?;
    parts.document = mark_header_rows(&document, header_rows)?.into_bytes();
    let mut out = Cursor::new(Vec::new());
    parts.pack(&mut out).map_err(|err| ExportError::Docx(err.to_string()))?;
    Ok(out.into_inner())
}

/// `document.xml` with `<w:tblHeader />` in the row properties of the first `header_rows[i]`
/// rows of the `i`-th table. Text is escaped in the XML, so the tags searched for occur only as
/// tags; tables are not nested.
fn mark_header_rows(document: &str, header_rows: &[usize]) -> Result<String, ExportError> {
    let mut out = String::with_capacity(document.len() + 64 * header_rows.iter().sum::<usize>());
    let mut rest = document;
    for &count in header_rows {
        let Some(start) = rest.find("<w:tbl>") else { break };
        let end = rest[start..].find("</w:tbl>").map_or(rest.len(), |at| start + at);
        out.push_str(&rest[..start]);
        out.push_str(&mark_rows(&rest[start..end], count)?);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// One table's XML with its first `count` rows marked.
fn mark_rows(table: &str, count: usize) -> Result<String, ExportError> {
    const MARK: &str = "<w:tblHeader />";
    let mut out = String::with_capacity(table.len() + 64 * count);
    let mut rest = table;
    for _ in 0..count {
        let properties =
            rest.find("<w:trPr").ok_or_else(|| ExportError::Docx("表格的行数少于标题行数，无法标记标题行".into()))?;
        out.push_str(&rest[..properties]);
        let after = &rest[properties..];
        rest = if let Some(tail) = after.strip_prefix("<w:trPr />") {
            out.push_str("<w:trPr>");
            out.push_str(MARK);
            out.push_str("</w:trPr>");
            tail
        } else if let Some(tail) = after.strip_prefix("<w:trPr>") {
            out.push_str("<w:trPr>");
            out.push_str(MARK);
            tail
        } else {
            return Err(ExportError::Docx("无法识别表格的行属性，无法标记标题行".into()));
        };
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_but_tabs_and_chinese_stay() {
        assert_eq!(xml_safe("甲\u{0}乙\r\t丙\u{1b}"), "甲乙\t丙");
    }

    #[test]
    fn margins_convert_millimetres_to_twips() {
        assert_eq!(mm(254), 14400);
        assert_eq!(mm(37), 2097);
    }

    #[test]
    fn the_leading_rows_of_each_table_are_marked_as_headers() {
        let xml = "<w:tbl><w:tr><w:trPr /></w:tr></w:tbl>\
                   <w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr /></w:tr><w:tr><w:trPr /></w:tr></w:tbl>\
                   <w:p/><w:tbl><w:tr><w:trPr /></w:tr><w:tr><w:trPr /></w:tr></w:tbl><w:tbl><w:tr><w:trPr /></w:tr></w:tbl>";
        assert_eq!(
            mark_header_rows(xml, &[0, 2, 1]).unwrap(),
            "<w:tbl><w:tr><w:trPr /></w:tr></w:tbl>\
             <w:tbl><w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr /></w:tr></w:tbl>\
             <w:p/><w:tbl><w:tr><w:trPr><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr /></w:tr></w:tbl><w:tbl><w:tr><w:trPr /></w:tr></w:tbl>",
            "none in the first table, the fourth, beyond the list, left alone"
        );
        assert_eq!(mark_header_rows("<w:p/>", &[1]).unwrap(), "<w:p/>");
        assert!(
            mark_header_rows("<w:tbl><w:tr><w:trPr /></w:tr></w:tbl><w:tbl><w:tr><w:trPr /></w:tr></w:tbl>", &[2])
                .is_err(),
            "a row count beyond the table's rows is refused rather than marking the next table"
        );
    }
}
