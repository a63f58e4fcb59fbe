//! Where the cells of a [`Grid`] sit once their spans are accounted for, and the labels of each
//! value cell read off the grid (what the CSV writes and a UI can show as a cell title).
//!
//! Placement follows HTML: a cell takes the first column of its row not yet covered by a cell
//! before it or by a cell reaching down from a row above. A grid is well formed when every row is
//! covered exactly, no cell overlaps another and no rowspan reaches past the last row.

use std::fmt;

use super::{CellKind, Grid, GridCell};

/// A cell and its top-left position (0-based row and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed<'a> {
    pub row: usize,
    pub col: usize,
    pub cell: &'a GridCell,
}

impl Placed<'_> {
    /// Whether the cell covers grid position (`row`, `col`).
    pub fn covers(&self, row: usize, col: usize) -> bool {
        (self.row..self.row + usize::from(self.cell.rowspan)).contains(&row)
            && (self.col..self.col + usize::from(self.cell.colspan)).contains(&col)
    }

    fn covers_row(&self, row: usize) -> bool {
        (self.row..self.row + usize::from(self.cell.rowspan)).contains(&row)
    }
}

/// A grid whose spans do not add up (a bug in a layout, never in a report's data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridError {
    pub caption: String,
    pub row: usize,
    pub problem: String,
}

impl fmt::Display for GridError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "table {:?}, row {}: {}", self.caption, self.row, self.problem)
    }
}

impl std::error::Error for GridError {}

/// A value cell with the labels of its row and column, joined with " / " from the outside in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCell {
    pub key: String,
    pub text: String,
    /// e.g. "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"; for table 二 the article block
    /// comes first ("第二十条第（一）项 / 规章"); empty for table 四, whose row has no label.
    pub row_label: String,
    /// e.g. "申请人情况 / 法人或其他组织 / 商业企业", "行政诉讼 / 复议后起诉 / 总计".
    pub column_label: String,
}

impl Grid {
    /// Every cell with its position, in row order, or the first row that does not add up.
    pub fn placements(&self) -> Result<Vec<Placed<'_>>, GridError> {
        let error = |row: usize, problem: String| GridError { caption: self.caption.clone(), row, problem };
        let mut covered = vec![vec![false; self.columns]; self.rows.len()];
        let mut placed = Vec::new();
        for (r, cells) in self.rows.iter().enumerate() {
            let mut col = 0;
            for cell in cells {
                while col < self.columns && covered[r][col] {
                    col += 1;
                }
                let (cs, rs) = (usize::from(cell.colspan), usize::from(cell.rowspan));
                if cs == 0 || rs == 0 {
                    return Err(error(r, format!("cell {:?} has a zero span", cell.text)));
                }
                if col + cs > self.columns {
                    return Err(error(
                        r,
                        format!("cell {:?} at column {col} spans {cs} past {} columns", cell.text, self.columns),
                    ));
                }
                if r + rs > self.rows.len() {
                    return Err(error(r, format!("cell {:?} spans {rs} rows past the last row", cell.text)));
                }
                for row in covered.iter_mut().skip(r).take(rs) {
                    for slot in &mut row[col..col + cs] {
                        if *slot {
                            return Err(error(r, format!("cell {:?} overlaps another cell", cell.text)));
                        }
                        *slot = true;
                    }
                }
                placed.push(Placed { row: r, col, cell });
                col += cs;
            }
            let filled = covered[r].iter().filter(|c| **c).count();
            if filled != self.columns {
                return Err(error(r, format!("covers {filled} of {} columns", self.columns)));
            }
        }
        Ok(placed)
    }

    /// The value cells in row order with their row and column labels.
    pub fn value_cells(&self) -> Result<Vec<ValueCell>, GridError> {
        let placed = self.placements()?;
        let starting = |row: usize| placed.iter().filter(move |p| p.row == row);
        // A row of one heading across the whole table opens a block (table 二's articles).
        let block_heading: Vec<bool> = (0..self.rows.len())
            .map(|row| {
                let cells: Vec<_> = starting(row).collect();
                cells.len() == 1
                    && cells[0].cell.kind == CellKind::Header
                    && usize::from(cells[0].cell.colspan) == self.columns
            })
            .collect();
        let heading_row: Vec<bool> = (0..self.rows.len())
            .map(|row| starting(row).all(|p| p.cell.kind == CellKind::Header) && !block_heading[row])
            .collect();
        let is_block_heading = |row: usize| block_heading[row];
        let is_heading_row = |row: usize| heading_row[row];
        let join = |cells: Vec<&Placed>| cells.iter().map(|p| p.cell.text.as_str()).collect::<Vec<_>>().join(" / ");

        let mut out = Vec::new();
        for p in placed.iter().filter(|p| p.cell.kind == CellKind::Value) {
            let mut labels: Vec<&Placed> = Vec::new();
            if let Some(block) = (0..p.row).rev().find(|r| is_block_heading(*r)) {
                labels.extend(starting(block));
            }
            let mut row_labels: Vec<&Placed> =
                placed.iter().filter(|q| q.cell.kind == CellKind::Label && q.covers_row(p.row)).collect();
            row_labels.sort_by_key(|q| q.col);
            labels.extend(row_labels);

            // The nearest run of heading rows above the value's row.
            let mut above = (0..p.row)
                .rev()
                .skip_while(|r| !is_heading_row(*r))
                .take_while(|r| is_heading_row(*r))
                .collect::<Vec<_>>();
            above.reverse();
            let headings: Vec<&Placed> = placed
                .iter()
                .filter(|q| q.cell.kind == CellKind::Header && above.contains(&q.row) && q.covers(q.row, p.col))
                .collect();

            out.push(ValueCell {
                key: p.cell.key.clone().unwrap_or_default(),
                text: p.cell.text.clone(),
                row_label: join(labels),
                column_label: join(headings),
            });
        }
        Ok(out)
    }
}
