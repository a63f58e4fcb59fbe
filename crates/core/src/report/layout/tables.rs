//! The three tables of the report with the exact labels of each format (spec
//! regulation-and-formats.md §2.3–2.5, as printed in published reports): full-width parentheses,
//! the merged label cells of 三、本年度办理结果 and the two header rows of tables 三 and 四.
//!
//! Every builder takes the values as a function of the model keys, so a generated report passes
//! its counts and an imported one passes "" for a blank cell.

use super::{Grid, GridCell};
use crate::report::model::{TABLE4_BLOCKS, TABLE4_COLUMNS};
use crate::report::table3::COLUMNS as TABLE3_COLUMNS;
use crate::request::outcome::{Outcome, ReportFormat};

/// The note in the top left cell of table 三.
pub const TABLE3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// One block of table 二: the article, the column headings after 信息内容, and the rows with the
/// keys of their value cells (one per heading).
struct Table2Block {
    article: &'static str,
    headings: &'static [&'static str],
    rows: &'static [(&'static str, &'static [&'static str])],
}

const TABLE2_2021: &[Table2Block] = &[
    Table2Block {
        article: "第二十条第（一）项",
        headings: &["本年制发件数", "本年废止件数", "现行有效件数"],
        rows: &[
            ("规章", &["rules.issued", "rules.repealed", "rules.in_force"]),
            (
                "行政规范性文件",
                &["normative_documents.issued", "normative_documents.repealed", "normative_documents.in_force"],
            ),
        ],
    },
    Table2Block {
        article: "第二十条第（五）项",
        headings: &["本年处理决定数量"],
        rows: &[("行政许可", &["licensing.decisions"])],
    },
    Table2Block {
        article: "第二十条第（六）项",
        headings: &["本年处理决定数量"],
        rows: &[("行政处罚", &["penalty.decisions"]), ("行政强制", &["coercion.decisions"])],
    },
    Table2Block {
        article: "第二十条第（八）项",
        headings: &["本年收费金额（单位：万元）"],
        rows: &[("行政事业性收费", &["fees.amount_10k_yuan"])],
    },
];

const TABLE2_2019: &[Table2Block] = &[
    Table2Block {
        article: "第二十条第（一）项",
        headings: &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        rows: &[
            ("规章", &["rules.made", "rules.published", "rules.total_public"]),
            (
                "规范性文件",
                &["normative_documents.made", "normative_documents.published", "normative_documents.total_public"],
            ),
        ],
    },
    Table2Block {
        article: "第二十条第（五）项",
        headings: &["上一年项目数量", "本年增/减", "处理决定数量"],
        rows: &[
            ("行政许可", &["licensing.last_year_items", "licensing.change", "licensing.decisions"]),
            (
                "其他对外管理服务事项",
                &["other_services.last_year_items", "other_services.change", "other_services.decisions"],
            ),
        ],
    },
    Table2Block {
        article: "第二十条第（六）项",
        headings: &["上一年项目数量", "本年增/减", "处理决定数量"],
        rows: &[
            ("行政处罚", &["penalty.last_year_items", "penalty.change", "penalty.decisions"]),
            ("行政强制", &["coercion.last_year_items", "coercion.change", "coercion.decisions"]),
        ],
    },
    Table2Block {
        article: "第二十条第（八）项",
        headings: &["上一年项目数量", "本年增/减"],
        rows: &[("行政事业性收费", &["fees.last_year_items", "fees.change"])],
    },
    Table2Block {
        article: "第二十条第（九）项",
        headings: &["采购项目数量", "采购总金额"],
        rows: &[("政府集中采购", &["procurement.items", "procurement.amount"])],
    },
];

/// Value columns of table 二 (after 信息内容); a block with fewer headings lets its last column
/// span the rest, as the printed table does.
const TABLE2_VALUE_COLUMNS: u16 = 3;

/// Table 二 主动公开政府信息情况 of `format`; `value(key)` gives the text of cell `key` (a key of
/// `table2::cells`, without the `table2.` prefix).
pub fn table2(format: ReportFormat, value: &dyn Fn(&str) -> String) -> Grid {
    let blocks = match format {
        ReportFormat::F2021 => TABLE2_2021,
        ReportFormat::F2019 => TABLE2_2019,
    };
    let width = TABLE2_VALUE_COLUMNS + 1;
    let mut rows = Vec::new();
    for block in blocks {
        rows.push(vec![GridCell::header(block.article).span(width, 1)]);
        let last = block.headings.len() - 1;
        let stretch = |i: usize| if i == last { TABLE2_VALUE_COLUMNS - last as u16 } else { 1 };
        let mut headings = vec![GridCell::header("信息内容")];
        headings.extend(block.headings.iter().enumerate().map(|(i, h)| GridCell::header(*h).span(stretch(i), 1)));
        rows.push(headings);
        for (label, keys) in block.rows {
            let mut row = vec![GridCell::label(*label)];
            row.extend(
                keys.iter()
                    .enumerate()
                    .map(|(i, k)| GridCell::value(format!("table2.{k}"), value(k)).span(stretch(i), 1)),
            );
            rows.push(row);
        }
    }
    Grid { caption: "表二 主动公开政府信息情况".into(), columns: usize::from(width), header_rows: 0, rows }
}

/// The column headings of table 三's applicant columns under 法人或其他组织.
const ORGANISATIONS: [&str; 5] = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];

/// Group numbers of 三、本年度办理结果 in table order.
const GROUP_NUMBERS: [&str; 7] = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"];

/// Label columns of table 三 before the seven value columns.
const TABLE3_LABEL_COLUMNS: u16 = 3;

/// Table 三 收到和处理政府信息公开申请情况 of `format`; `value(row, column)` gives the text of a
/// cell (row and column keys of `table3`).
pub fn table3(format: ReportFormat, value: &dyn Fn(&str, &str) -> String) -> Grid {
    let values = |row: &str| -> Vec<GridCell> {
        TABLE3_COLUMNS.iter().map(|c| GridCell::value(format!("table3.{row}.{c}"), value(row, c))).collect()
    };
    let whole = |label: &str, row: &str| {
        let mut cells = vec![GridCell::label(label).span(TABLE3_LABEL_COLUMNS, 1)];
        cells.extend(values(row));
        cells
    };
    let mut rows = vec![
        vec![GridCell::header(TABLE3_NOTE).span(TABLE3_LABEL_COLUMNS, 3), GridCell::header("申请人情况").span(7, 1)],
        vec![
            GridCell::header("自然人").span(1, 2),
            GridCell::header("法人或其他组织").span(5, 1),
            GridCell::header("总计").span(1, 2),
        ],
        ORGANISATIONS.iter().map(|o| GridCell::header(*o)).collect(),
        whole("一、本年新收政府信息公开申请数量", "received"),
        whole("二、上年结转政府信息公开申请数量", "carried_in"),
    ];

    let groups = result_groups(format);
    let result_rows: u16 = groups.iter().map(|g| g.len() as u16).sum::<u16>() + 1; // + (七)总计
    let mut results = Vec::new();
    for (number, group) in GROUP_NUMBERS.iter().zip(&groups) {
        let first = group[0];
        if group.len() == 1 && first.label() == first.group_label() {
            let mut cells = vec![GridCell::label(format!("{number}{}", single_row_label(first))).span(2, 1)];
            cells.extend(values(first.key()));
            results.push(cells);
            continue;
        }
        for (i, outcome) in group.iter().enumerate() {
            let mut cells = Vec::new();
            if i == 0 {
                cells.push(GridCell::label(format!("{number}{}", first.group_label())).span(1, group.len() as u16));
            }
            cells.push(GridCell::label(format!("{}.{}", i + 1, outcome.label())));
            cells.extend(values(outcome.key()));
            results.push(cells);
        }
    }
    let mut total = vec![GridCell::label(format!("{}总计", GROUP_NUMBERS[groups.len()])).span(2, 1)];
    total.extend(values("results_total"));
    results.push(total);
    results[0].insert(0, GridCell::label("三、本年度办理结果").span(1, result_rows));
    rows.extend(results);
    rows.push(whole("四、结转下年度继续办理", "carried_over"));

    Grid {
        caption: "表三 收到和处理政府信息公开申请情况".into(),
        columns: usize::from(TABLE3_LABEL_COLUMNS) + TABLE3_COLUMNS.len(),
        header_rows: 3,
        rows,
    }
}

/// The outcomes of `format` grouped as (一)…(六) of 三、本年度办理结果.
fn result_groups(format: ReportFormat) -> Vec<Vec<Outcome>> {
    let mut groups: Vec<Vec<Outcome>> = Vec::new();
    for outcome in Outcome::ALL.into_iter().filter(|o| o.in_format(format)) {
        match groups.last_mut() {
            Some(group) if group[0].group_label() == outcome.group_label() => group.push(outcome),
            _ => groups.push(vec![outcome]),
        }
    }
    groups
}

/// The label of a result group that is one row, with the qualification the table prints.
fn single_row_label(outcome: Outcome) -> String {
    match outcome {
        Outcome::PartiallyGranted => format!("{}（区分处理的，只计这一情形，不计其他情形）", outcome.label()),
        _ => outcome.label().to_owned(),
    }
}

/// Column headings of each block of table 四.
const TABLE4_HEADINGS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Table 四 政府信息公开行政复议、行政诉讼情况; `value(block, column)` gives the text of a cell
/// (keys of `model::TABLE4_BLOCKS` and `model::TABLE4_COLUMNS`).
pub fn table4(value: &dyn Fn(&str, &str) -> String) -> Grid {
    let headings = || TABLE4_HEADINGS.iter().map(|h| GridCell::header(*h));
    let rows = vec![
        vec![GridCell::header("行政复议").span(5, 1), GridCell::header("行政诉讼").span(10, 1)],
        headings()
            .map(|h| h.span(1, 2))
            .chain([GridCell::header("未经复议直接起诉").span(5, 1), GridCell::header("复议后起诉").span(5, 1)])
            .collect(),
        headings().chain(headings()).collect(),
        TABLE4_BLOCKS
            .iter()
            .flat_map(|b| TABLE4_COLUMNS.iter().map(move |c| GridCell::value(format!("table4.{b}.{c}"), value(b, c))))
            .collect(),
    ];
    Grid {
        caption: "表四 政府信息公开行政复议、行政诉讼情况".into(), columns: 15, header_rows: 3, rows
    }
}
