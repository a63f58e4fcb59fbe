//! DOCX rendering of the monthly notice: one [`Notice`] → one `.docx` (docx-rs) an office can
//! edit and file.
//!
//! A4 landscape (`w:orient="landscape"`), 20 mm margins; the title 二号 (22 pt) bold and centred,
//! the issuer and date line under it; summary paragraphs 小四 (12 pt) with a two-character
//! first-line indent; the ranking table 五号 (10.5 pt) with single borders, its shaded bold
//! header row marked to repeat on every page (`w:tblHeader`) and no row split across pages; the
//! rules under a 黑体 heading as a numbered list; issuer and date right-aligned at the end.

use docx_rs::{
    AlignmentType, Docx, PageMargin, PageOrientationType, Paragraph, Shading, SpecialIndentType, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};
use gongkai_core::supervision::notice::Notice;

use super::{RULES_HEADING, cells, column_layout, subtitle};
use crate::ExportError;
use crate::docx_parts::{
    A4_TWIPS, EAST_ASIA_FONT, HEADING_FONT, fonts, indented, mm, pack_with_header_rows, run, single_borders,
    single_spacing, text,
};

/// Sizes in half-points: 二号 22 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
const TITLE_SIZE: usize = 44;
const HEADING_SIZE: usize = 28;
const BODY_SIZE: usize = 24;
const TABLE_SIZE: usize = 21;

/// A4 landscape in twips (width, height), and its margin on every side (mm).
const PAGE: (u32, u32) = (A4_TWIPS.1, A4_TWIPS.0);
const MARGIN: i32 = 20;
/// Width of the text block in twips: where the table goes.
const TEXT_WIDTH: i32 = PAGE.0 as i32 - 2 * mm(MARGIN);
/// Shading of the header row.
const HEADER_FILL: &str = "EBEBEB";

/// Renders the notice as a DOCX file.
pub fn notice_docx(notice: &Notice) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(mm(MARGIN))
                .bottom(mm(MARGIN))
                .left(mm(MARGIN))
                .right(mm(MARGIN))
                .header(mm(10))
                .footer(mm(10)),
        )
        .default_fonts(fonts(EAST_ASIA_FONT))
        .default_size(BODY_SIZE)
        .add_paragraph(
            text(&notice.title, TITLE_SIZE, EAST_ASIA_FONT, true)
                .align(AlignmentType::Center)
                .line_spacing(single_spacing(0, 120)),
        )
        .add_paragraph(
            text(&subtitle(notice), BODY_SIZE, EAST_ASIA_FONT, false)
                .align(AlignmentType::Center)
                .line_spacing(single_spacing(0, 240)),
        );
    for paragraph in &notice.summary {
        doc = doc.add_paragraph(indented(
            text(paragraph, BODY_SIZE, EAST_ASIA_FONT, false).align(AlignmentType::Both),
            BODY_SIZE,
        ));
    }
    doc =
        doc.add_paragraph(Paragraph::new().line_spacing(single_spacing(0, 0))).add_table(table(notice)).add_paragraph(
            text(RULES_HEADING, HEADING_SIZE, HEADING_FONT, false)
                .keep_next(true)
                .line_spacing(single_spacing(360, 120)),
        );
    for (i, rule) in notice.rules.iter().enumerate() {
        doc = doc.add_paragraph(numbered(i + 1, rule));
    }
    doc = doc.add_paragraph(Paragraph::new().line_spacing(single_spacing(240, 0)));
    for closing in [notice.issuer.clone(), notice.as_of.clone()] {
        doc = doc.add_paragraph(
            text(&closing, BODY_SIZE, EAST_ASIA_FONT, false)
                .align(AlignmentType::Right)
                .keep_next(true)
                .line_spacing(single_spacing(0, 0)),
        );
    }
    pack_with_header_rows(doc, &[1])
}

/// Item `n` of the rules: `n.`, a tab, the rule; wrapped lines align under the rule's text.
fn numbered(n: usize, rule: &str) -> Paragraph {
    let hanging = 2 * (BODY_SIZE as i32 / 2) * 20;
    let number = run(&format!("{n}."), BODY_SIZE, EAST_ASIA_FONT, false).add_tab();
    Paragraph::new()
        .add_run(number)
        .add_run(run(rule, BODY_SIZE, EAST_ASIA_FONT, false))
        .align(AlignmentType::Both)
        .indent(Some(hanging), Some(SpecialIndentType::Hanging(hanging)), None, None)
        .line_spacing(single_spacing(0, 60))
}

fn table(notice: &Notice) -> Table {
    let layout: Vec<(f64, bool)> = notice.columns.iter().map(|c| column_layout(c)).collect();
    let total: f64 = layout.iter().map(|(w, _)| w).sum();
    let twips: Vec<usize> = layout.iter().map(|(w, _)| (w / total * f64::from(TEXT_WIDTH)).floor() as usize).collect();
    let cell = |text_: &str, column: usize, header: bool| {
        let at_left = !header && layout[column].1;
        let mut cell =
            TableCell::new().width(twips[column], WidthType::Dxa).vertical_align(VAlignType::Center).add_paragraph(
                text(text_, TABLE_SIZE, EAST_ASIA_FONT, header)
                    .align(if at_left { AlignmentType::Left } else { AlignmentType::Center })
                    .keep_next(header)
                    .line_spacing(single_spacing(0, 0)),
            );
        if header {
            cell = cell.shading(Shading::new().fill(HEADER_FILL));
        }
        cell
    };
    let header = TableRow::new(notice.columns.iter().enumerate().map(|(i, c)| cell(c, i, true)).collect()).cant_split();
    let body = cells(notice)
        .map(|row| TableRow::new(row.into_iter().enumerate().map(|(i, c)| cell(c, i, false)).collect()).cant_split());
    Table::new(std::iter::once(header).chain(body).collect())
        .set_grid(twips.clone())
        .width(twips.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(single_borders())
        .margins(TableCellMargins::new().margin(40, 60, 40, 60))
}
