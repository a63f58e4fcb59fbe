//! DOCX rendering of an annual report: the layout's [`Block`]s → one `.docx` (docx-rs) that an
//! agency can file and edit in Word.
//!
//! A4 portrait; title 二号 (22 pt) bold and centred, broken before the year when long; section
//! headings 四号 (14 pt) in 黑体; sub-items bold in 楷体; body 小四 (12 pt) with a two-character
//! first-line indent; tables 五号 (10.5 pt) with single borders, header cells bold, merged cells
//! as Word merges them (`w:gridSpan` across, `w:vMerge` down, with a continuation cell in every
//! row a merge reaches). The layout's column-heading rows (`Grid::header_rows`) are header rows,
//! repeated at the top of each page the table runs onto (表三 runs over two pages; 表二, in
//! sections with their own headings, has none); and a row of headings keeps
//! with the row after it, so no page ends on a heading. Fonts per run as `docx_parts` says.

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Table, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};
use gongkai_core::report::layout::{Block, CellKind, Grid};

use super::widths::{cell_text, column_weights};
use crate::ExportError;
use crate::docx_parts::{
    A4_TWIPS, EAST_ASIA_FONT, HEADING_FONT, fonts, indented, mm, pack_with_header_rows, single_borders, single_spacing,
    text,
};

/// Sub-items of 一、总体情况.
const SUBHEADING_FONT: &str = "楷体";

/// Sizes in half-points: 二号 22 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
const TITLE_SIZE: usize = 44;
const HEADING_SIZE: usize = 28;
const BODY_SIZE: usize = 24;
const TABLE_SIZE: usize = 21;

/// Margins (mm), as the PDF: top, bottom, left, right.
const MARGINS: (i32, i32, i32, i32) = (30, 28, 26, 26);
/// Width of the text block in twips: where the tables go.
const TEXT_WIDTH: i32 = A4_TWIPS.0 as i32 - mm(MARGINS.2) - mm(MARGINS.3);

/// Renders the report as a DOCX file.
pub fn report_docx(blocks: &[Block]) -> Result<Vec<u8>, ExportError> {
    let (top, bottom, left, right) = MARGINS;
    let mut doc = Docx::new()
        .page_size(A4_TWIPS.0, A4_TWIPS.1)
        .page_margin(
            PageMargin::new()
                .top(mm(top))
                .bottom(mm(bottom))
                .left(mm(left))
                .right(mm(right))
                .header(mm(15))
                .footer(mm(15)),
        )
        .default_fonts(fonts(EAST_ASIA_FONT))
        .default_size(BODY_SIZE);
    let mut header_rows = Vec::new();
    for block in blocks {
        doc = match block {
            Block::Title(t) => doc.add_paragraph(
                text(&title_lines(t), TITLE_SIZE, EAST_ASIA_FONT, true)
                    .align(AlignmentType::Center)
                    .line_spacing(single_spacing(0, 480)),
            ),
            Block::Note(t) => {
                doc.add_paragraph(text(t, BODY_SIZE, SUBHEADING_FONT, false).line_spacing(single_spacing(0, 240)))
            }
            Block::Heading(t) => doc.add_paragraph(
                text(t, HEADING_SIZE, HEADING_FONT, false).keep_next(true).line_spacing(single_spacing(240, 120)),
            ),
            Block::SubHeading(t) => {
                doc.add_paragraph(indented(text(t, BODY_SIZE, SUBHEADING_FONT, true).keep_next(true), BODY_SIZE))
            }
            Block::Paragraph(t) => doc.add_paragraph(indented(
                text(t, BODY_SIZE, EAST_ASIA_FONT, false).align(AlignmentType::Both),
                BODY_SIZE,
            )),
            Block::Table(grid) => {
                header_rows.push(grid.header_rows);
                doc.add_table(table(grid)?).add_paragraph(Paragraph::new().line_spacing(single_spacing(0, 0)))
            }
        };
    }
    pack_with_header_rows(doc, &header_rows)
}

/// Characters of 二号 text on one line of the text block.
const TITLE_LINE: usize = 20;

/// The title, broken before the year when it is too long for one line ("浩县人民政府" /
/// "2024年政府信息公开工作年度报告"), as printed reports do.
fn title_lines(title: &str) -> String {
    let stem = title.strip_suffix("年政府信息公开工作年度报告").unwrap_or_default();
    let year = stem.len().saturating_sub(4);
    let has_year = stem.len() > 4 && stem.is_char_boundary(year) && stem[year..].bytes().all(|b| b.is_ascii_digit());
    if has_year && title.chars().count() > TITLE_LINE {
        format!("{}\n{}", &title[..year], &title[year..])
    } else {
        title.to_owned()
    }
}

fn table(grid: &Grid) -> Result<Table, ExportError> {
    let placed = grid.placements().map_err(|err| ExportError::Docx(err.to_string()))?;
    let weights = column_weights(grid);
    let total: f64 = weights.iter().sum();
    let twips: Vec<usize> = weights.iter().map(|w| (w / total * f64::from(TEXT_WIDTH)).floor() as usize).collect();

    let mut rows = Vec::with_capacity(grid.rows.len());
    for r in 0..grid.rows.len() {
        // The cells of this row, with those reaching down from above, left to right.
        let mut here: Vec<_> =
            placed.iter().filter(|p| p.row <= r && r < p.row + usize::from(p.cell.rowspan)).collect();
        here.sort_by_key(|p| p.col);
        // A row of headings stays on the page of the row after it.
        let heading_row = here.iter().filter(|p| p.row == r).all(|p| p.cell.kind == CellKind::Header);
        let cells = here
            .into_iter()
            .map(|p| {
                let span = usize::from(p.cell.colspan);
                let width: usize = twips[p.col..p.col + span].iter().sum();
                let mut cell = TableCell::new().width(width, WidthType::Dxa).vertical_align(VAlignType::Center);
                if span > 1 {
                    cell = cell.grid_span(span);
                }
                if p.row != r {
                    return cell.vertical_merge(VMergeType::Continue).add_paragraph(Paragraph::new());
                }
                if p.cell.rowspan > 1 {
                    cell = cell.vertical_merge(VMergeType::Restart);
                }
                let left = p.cell.kind == CellKind::Label && p.cell.rowspan == 1 && p.cell.colspan < 3;
                let align = if left { AlignmentType::Left } else { AlignmentType::Center };
                let header = p.cell.kind == CellKind::Header;
                let paragraph = text(&cell_text(p.cell), TABLE_SIZE, EAST_ASIA_FONT, header)
                    .align(align)
                    .line_spacing(single_spacing(0, 0));
                cell.add_paragraph(paragraph.keep_next(heading_row))
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    Ok(Table::new(rows)
        .set_grid(twips.clone())
        .width(twips.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(single_borders())
        .margins(TableCellMargins::new().margin(40, 60, 40, 60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_breaks_before_the_year_and_a_short_one_stays_whole() {
        assert_eq!(
            title_lines("浩县人民政府2024年政府信息公开工作年度报告"),
            "浩县人民政府\n2024年政府信息公开工作年度报告"
        );
        assert_eq!(title_lines("浩县2024年政府信息公开工作年度报告"), "浩县2024年政府信息公开工作年度报告");
        assert_eq!(
            title_lines("某某某某某某某某某某某某某某某某某某某某某某"),
            "某某某某某某某某某某某某某某某某某某某某某某"
        );
    }
}
