//! DOCX rendering: one [`Letter`] → one `.docx` (docx-rs), laid out like an official letter.
//!
//! A4 with GB/T 9704 margins; issuer and title centred, bold, 二号 (22 pt); the reference number
//! centred under them; salutation flush left; body paragraphs 三号 (16 pt), justified, first line
//! indented two characters; signature and date right-aligned. Every run names its fonts itself
//! (`w:eastAsia` for Chinese, `w:ascii`/`w:hAnsi` for Latin and digits): Word picks the East
//! Asian font only from `w:eastAsia`, and a document default alone is lost when a reader pastes
//! paragraphs elsewhere. The fonts are not embedded; Word or LibreOffice substitutes a similar
//! Song face where 宋体 is missing.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run,
    RunFonts, SpecialIndentType,
};

use crate::{ExportError, Letter};

/// Chinese text font (`w:eastAsia`).
pub(crate) const EAST_ASIA_FONT: &str = "宋体";
/// Latin letters and digits (`w:ascii`, `w:hAnsi`).
pub(crate) const LATIN_FONT: &str = "Times New Roman";

/// Sizes are in half-points: 二号 22 pt, 三号 16 pt.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
/// Two characters of 三号 text, in twips (1 pt = 20 twips).
const FIRST_LINE_INDENT: i32 = 2 * 16 * 20;
/// Fixed line pitch of 28 pt, in twips: about 22 lines on a page, as in printed official letters.
const LINE_PITCH: i32 = 28 * 20;

/// A4 in twips, and GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
pub(crate) const A4_TWIPS: (u32, u32) = (11906, 16838);
pub(crate) const fn mm(millimetres: i32) -> i32 {
    millimetres * 1440 * 10 / 254
}

/// Renders the letter as a DOCX file.
pub fn docx(letter: &Letter) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new()
        .page_size(A4_TWIPS.0, A4_TWIPS.1)
        .page_margin(
            PageMargin::new()
                .top(mm(37))
                .bottom(mm(35))
                .left(mm(28))
                .right(mm(26))
                .header(mm(15))
                .footer(mm(28)),
        )
        .default_fonts(fonts())
        .default_size(BODY_SIZE);

    for heading in [&letter.issuer, &letter.title] {
        if !heading.is_empty() {
            doc = doc.add_paragraph(line(heading, TITLE_SIZE, true).align(AlignmentType::Center));
        }
    }
    if !letter.reference.is_empty() {
        doc = doc
            .add_paragraph(line(&letter.reference, BODY_SIZE, false).align(AlignmentType::Center));
    }
    doc = doc.add_paragraph(blank());
    doc = doc.add_paragraph(line(&letter.salutation, BODY_SIZE, false).align(AlignmentType::Left));
    for text in &letter.paragraphs {
        doc = doc.add_paragraph(
            line(text, BODY_SIZE, false)
                .align(AlignmentType::Both)
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)),
                    None,
                    None,
                ),
        );
    }
    doc = doc.add_paragraph(blank());
    for closing in [&letter.signature, &letter.date] {
        if !closing.is_empty() {
            doc = doc.add_paragraph(line(closing, BODY_SIZE, false).align(AlignmentType::Right));
        }
    }

    let mut out = Cursor::new(Vec::new());
    doc.pack(&mut out)
        .map_err(|err| ExportError::Docx(err.to_string()))?;
    Ok(out.into_inner())
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .east_asia(EAST_ASIA_FONT)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
}

fn spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE_PITCH)
        .before(0)
        .after(0)
}

fn blank() -> Paragraph {
    Paragraph::new().line_spacing(spacing())
}

/// One paragraph of plain text; a newline inside the text becomes a line break.
fn line(text: &str, size: usize, bold: bool) -> Paragraph {
    let mut run = Run::new().fonts(fonts()).size(size);
    if bold {
        run = run.bold();
    }
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(xml_safe(part));
    }
    Paragraph::new().line_spacing(spacing()).add_run(run)
}

/// Drops characters XML 1.0 forbids (C0 controls other than tab; a stray `\r` from a textarea),
/// which would otherwise make Word refuse the whole file.
pub(crate) fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|c| *c == '\t' || !c.is_ascii_control())
        .collect()
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
}
