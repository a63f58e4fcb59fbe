//! DOCX rendering: one [`Letter`] → one `.docx` (docx-rs), laid out like an official letter.
//!
//! A4 with GB/T 9704 margins; issuer and title centred, bold, 二号 (22 pt); the reference number
//! centred under them; salutation flush left; body paragraphs 三号 (16 pt), justified, first line
//! indented two characters; signature and date right-aligned. Fonts per run as `docx_parts` says.

use docx_rs::{AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, SpecialIndentType};

use crate::docx_parts::{A4_TWIPS, EAST_ASIA_FONT, fonts, mm, pack, text};
use crate::{ExportError, Letter};

/// Sizes are in half-points: 二号 22 pt, 三号 16 pt.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
/// Two characters of 三号 text, in twips (1 pt = 20 twips).
const FIRST_LINE_INDENT: i32 = 2 * 16 * 20;
/// Fixed line pitch of 28 pt, in twips: about 22 lines on a page, as in printed official letters.
const LINE_PITCH: i32 = 28 * 20;

/// Renders the letter as a DOCX file.
pub fn docx(letter: &Letter) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new()
        .page_size(A4_TWIPS.0, A4_TWIPS.1)
        .page_margin(
            PageMargin::new().top(mm(37)).bottom(mm(35)).left(mm(28)).right(mm(26)).header(mm(15)).footer(mm(28)),
        )
        .default_fonts(fonts(EAST_ASIA_FONT))
        .default_size(BODY_SIZE);

    for heading in [&letter.issuer, &letter.title] {
        if !heading.is_empty() {
            doc = doc.add_paragraph(line(heading, TITLE_SIZE, true).align(AlignmentType::Center));
        }
    }
    if !letter.reference.is_empty() {
        doc = doc.add_paragraph(line(&letter.reference, BODY_SIZE, false).align(AlignmentType::Center));
    }
    doc = doc.add_paragraph(blank());
    doc = doc.add_paragraph(line(&letter.salutation, BODY_SIZE, false).align(AlignmentType::Left));
    for paragraph in &letter.paragraphs {
        doc = doc.add_paragraph(line(paragraph, BODY_SIZE, false).align(AlignmentType::Both).indent(
            None,
            Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)),
            None,
            None,
        ));
    }
    doc = doc.add_paragraph(blank());
    for closing in [&letter.signature, &letter.date] {
        if !closing.is_empty() {
            doc = doc.add_paragraph(line(closing, BODY_SIZE, false).align(AlignmentType::Right));
        }
    }

    pack(doc)
}

fn spacing() -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE_PITCH).before(0).after(0)
}

fn blank() -> Paragraph {
    Paragraph::new().line_spacing(spacing())
}

/// One paragraph of plain text on the letter's line pitch; a newline becomes a line break.
fn line(line: &str, size: usize, bold: bool) -> Paragraph {
    text(line, size, EAST_ASIA_FONT, bold).line_spacing(spacing())
}
