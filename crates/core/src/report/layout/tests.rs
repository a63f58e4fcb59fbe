use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::report::model::{TABLE4_BLOCKS, TABLE4_COLUMNS, Table4};
use crate::report::sections::Sections;
use crate::report::table2::{self as t2, Table2};
use crate::report::table3::{self as t3, Table3};
use crate::request::outcome::ReportFormat;

const FORMATS: [ReportFormat; 2] = [ReportFormat::F2019, ReportFormat::F2021];

fn blank_grids(format: ReportFormat) -> [Grid; 3] {
    [table2(format, &|_| String::new()), table3(format, &|_, _| String::new()), table4(&|_, _| String::new())]
}

fn keys(grid: &Grid) -> Vec<String> {
    grid.rows.iter().flatten().filter_map(|c| c.key.clone()).collect()
}

fn cell<'a>(grid: &'a Grid, text: &str) -> &'a GridCell {
    let found: Vec<_> = grid.rows.iter().flatten().filter(|c| c.text == text).collect();
    assert_eq!(found.len(), 1, "{text:?} in {}", grid.caption);
    found[0]
}

#[test]
fn every_cell_of_the_model_appears_in_exactly_one_value_cell_with_its_key() {
    for format in FORMATS {
        let [g2, g3, g4] = blank_grids(format);

        let expected2: Vec<String> = t2::cells(format).iter().map(|c| format!("table2.{}", c.key)).collect();
        assert_eq!(keys(&g2), expected2, "table 二 {format:?} in table order");

        let expected3: BTreeSet<String> =
            t3::rows(format).iter().flat_map(|r| t3::COLUMNS.iter().map(move |c| format!("table3.{r}.{c}"))).collect();
        assert_eq!(keys(&g3).len(), t3::rows(format).len() * 7);
        assert_eq!(keys(&g3).into_iter().collect::<BTreeSet<_>>(), expected3, "table 三 {format:?}");

        let expected4: Vec<String> =
            TABLE4_BLOCKS.iter().flat_map(|b| TABLE4_COLUMNS.iter().map(move |c| format!("table4.{b}.{c}"))).collect();
        assert_eq!(keys(&g4), expected4);

        for grid in [&g2, &g3, &g4] {
            let kinds_ok = grid.rows.iter().flatten().all(|c| (c.kind == CellKind::Value) == c.key.is_some());
            assert!(kinds_ok, "only value cells carry a key in {}", grid.caption);
        }
    }
    let [g2, g3, g4] = blank_grids(ReportFormat::F2021);
    assert_eq!((keys(&g2).len(), keys(&g3).len(), keys(&g4).len()), (10, 25 * 7, 15));
    assert_eq!(keys(&blank_grids(ReportFormat::F2019)[1]).len(), 23 * 7);
}

/// Independent of `placements`: the colspans of a row's own cells plus those of the cells
/// reaching into it from above add up to the width.
#[test]
fn every_row_with_the_cells_reaching_into_it_from_above_spans_the_whole_width() {
    for format in FORMATS {
        for grid in blank_grids(format) {
            let mut reaching: Vec<(usize, u16)> = Vec::new(); // (last row covered, colspan)
            for (r, row) in grid.rows.iter().enumerate() {
                let from_above: usize =
                    reaching.iter().filter(|(last, _)| *last >= r).map(|(_, cs)| usize::from(*cs)).sum();
                let own: usize = row.iter().map(|c| usize::from(c.colspan)).sum();
                assert_eq!(own + from_above, grid.columns, "{} ({format:?}) row {r}", grid.caption);
                for c in row {
                    assert!(c.colspan >= 1 && c.rowspan >= 1);
                    if c.rowspan > 1 {
                        reaching.push((r + usize::from(c.rowspan) - 1, c.colspan));
                    }
                }
            }
            assert!(
                reaching.iter().all(|(last, _)| *last < grid.rows.len()),
                "no rowspan past the end of {}",
                grid.caption
            );
            assert!(grid.placements().is_ok(), "{}", grid.caption);
            assert!(grid.rows[..grid.header_rows].iter().flatten().all(|c| c.kind == CellKind::Header));
        }
    }
}

#[test]
fn a_grid_whose_spans_do_not_add_up_is_rejected_naming_the_row() {
    let short = Grid {
        caption: "t".into(),
        columns: 3,
        header_rows: 0,
        rows: vec![vec![GridCell::label("a").span(1, 2), GridCell::label("b").span(2, 1)], vec![GridCell::label("c")]],
    };
    let err = short.placements().unwrap_err();
    assert_eq!(err.row, 1);
    assert!(err.problem.contains("covers 2 of 3"), "{err}");
    let past_end = Grid { rows: vec![vec![GridCell::label("a").span(3, 2)]], ..short.clone() };
    assert!(past_end.placements().unwrap_err().problem.contains("past the last row"));
    let too_wide = Grid { rows: vec![vec![GridCell::label("a").span(4, 1)]], ..short };
    assert!(too_wide.placements().is_err());
}

#[test]
fn table3_has_the_merged_labels_and_full_row_texts_of_each_format() {
    let [_, g, _] = blank_grids(ReportFormat::F2021);
    assert_eq!(g.columns, 10);
    assert_eq!(g.header_rows, 3);
    let note = cell(&g, TABLE3_NOTE);
    assert_eq!((note.colspan, note.rowspan), (3, 3));
    assert_eq!(TABLE3_NOTE, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    assert_eq!(cell(&g, "申请人情况").colspan, 7);
    assert_eq!((cell(&g, "自然人").rowspan, cell(&g, "法人或其他组织").colspan, cell(&g, "总计").rowspan), (2, 5, 2));
    assert_eq!(
        g.rows[2].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    );
    assert_eq!(cell(&g, "一、本年新收政府信息公开申请数量").colspan, 3);
    assert_eq!(cell(&g, "三、本年度办理结果").rowspan, 22);
    assert_eq!(cell(&g, "（一）予以公开").colspan, 2);
    assert_eq!(cell(&g, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）").colspan, 2);
    for (group, rows) in [("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)]
    {
        assert_eq!((cell(&g, group).rowspan, cell(&g, group).colspan), (rows, 1), "{group}");
    }
    for leaf in [
        "1.属于国家秘密",
        "3.危及“三安全一稳定”",
        "8.属于行政查询事项",
        "3.补正后申请内容仍不明确",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ] {
        assert_eq!(cell(&g, leaf).colspan, 1, "{leaf}");
    }
    assert_eq!(cell(&g, "（七）总计").colspan, 2);
    assert_eq!(cell(&g, "四、结转下年度继续办理").colspan, 3);
    assert_eq!(g.rows.len(), 3 + 2 + 22 + 1);

    let [_, g, _] = blank_grids(ReportFormat::F2019);
    assert_eq!(cell(&g, "三、本年度办理结果").rowspan, 20);
    assert_eq!((cell(&g, "（六）其他处理").rowspan, cell(&g, "（六）其他处理").colspan), (1, 2));
    assert!(!g.rows.iter().flatten().any(|c| c.text.contains("逾期不补正")));
}

#[test]
fn table2_has_the_blocks_and_headings_of_each_format() {
    let [g, _, _] = blank_grids(ReportFormat::F2021);
    let texts = |g: &Grid, row: usize| g.rows[row].iter().map(|c| c.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&g, 0), ["第二十条第（一）项"]);
    assert_eq!(texts(&g, 1), ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
    assert_eq!(texts(&g, 3)[0], "行政规范性文件");
    assert_eq!(texts(&g, 5), ["信息内容", "本年处理决定数量"]);
    assert_eq!(cell(&g, "本年收费金额（单位：万元）").colspan, 3);
    let articles: Vec<_> =
        g.rows.iter().filter(|r| r.len() == 1 && r[0].colspan == 4).map(|r| r[0].text.as_str()).collect();
    assert_eq!(articles, ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]);

    let [g, _, _] = blank_grids(ReportFormat::F2019);
    assert_eq!(texts(&g, 1), ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]);
    let articles: Vec<_> =
        g.rows.iter().filter(|r| r.len() == 1 && r[0].colspan == 4).map(|r| r[0].text.as_str()).collect();
    assert_eq!(articles.last(), Some(&"第二十条第（九）项"));
    assert_eq!(cell(&g, "其他对外管理服务事项").kind, CellKind::Label);
    assert_eq!(cell(&g, "采购总金额").colspan, 2);
}

#[test]
fn table4_splits_litigation_into_direct_and_after_reconsideration() {
    let g = table4(&|b, c| format!("{b}:{c}"));
    assert_eq!((g.columns, g.header_rows, g.rows.len()), (15, 3, 4));
    assert_eq!((cell(&g, "行政复议").colspan, cell(&g, "行政诉讼").colspan), (5, 10));
    assert_eq!((cell(&g, "未经复议直接起诉").colspan, cell(&g, "复议后起诉").colspan), (5, 5));
    assert!(g.rows[1][..5].iter().all(|c| c.rowspan == 2));
    assert_eq!(g.rows[3][9].text, "litigation_direct:total");
    assert_eq!(g.rows[3][10].key.as_deref(), Some("table4.litigation_after_reconsideration.upheld"));
}

#[test]
fn value_cells_carry_the_labels_of_their_row_and_column() {
    let [g2, g3, g4] = blank_grids(ReportFormat::F2021);
    let find = |g: &Grid, key: &str| g.value_cells().unwrap().into_iter().find(|v| v.key == key).unwrap();
    let v = find(&g3, "table3.withheld.state_secret.business");
    assert_eq!(v.row_label, "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密");
    assert_eq!(v.column_label, "申请人情况 / 法人或其他组织 / 商业企业");
    let v = find(&g3, "table3.carried_over.total");
    assert_eq!((v.row_label.as_str(), v.column_label.as_str()), ("四、结转下年度继续办理", "申请人情况 / 总计"));
    let v = find(&g2, "table2.fees.amount_10k_yuan");
    assert_eq!(
        (v.row_label.as_str(), v.column_label.as_str()),
        ("第二十条第（八）项 / 行政事业性收费", "本年收费金额（单位：万元）")
    );
    let v = find(&g2, "table2.coercion.decisions");
    assert_eq!((v.row_label.as_str(), v.column_label.as_str()), ("第二十条第（六）项 / 行政强制", "本年处理决定数量"));
    let v = find(&g4, "table4.litigation_after_reconsideration.total");
    assert_eq!((v.row_label.as_str(), v.column_label.as_str()), ("", "行政诉讼 / 复议后起诉 / 总计"));
    assert_eq!(find(&g4, "table4.reconsideration.upheld").column_label, "行政复议 / 结果维持");
    assert_eq!(g3.value_cells().unwrap().len(), 25 * 7);
}

fn report() -> Report {
    let mut table2 = BTreeMap::new();
    table2.insert("licensing.decisions".to_owned(), serde_json::Number::from(62));
    table2.insert("fees.amount_10k_yuan".to_owned(), serde_json::from_str("1.25").unwrap());
    let mut table3 = BTreeMap::new();
    table3.insert("granted".to_owned(), BTreeMap::from([("natural_person".to_owned(), 3), ("total".to_owned(), 3)]));
    let mut table4: Table4 = BTreeMap::new();
    table4.insert("reconsideration".to_owned(), BTreeMap::from([("upheld".to_owned(), 1), ("total".to_owned(), 1)]));
    Report {
        format: ReportFormat::F2021,
        year: 2024,
        agency: "浩口乡人民政府".into(),
        sections: Sections {
            overview: "（一）主动公开\n\n本年度公开信息30条。\n第二行。\n\n  （二）依申请公开  \n本年度未收到申请。"
                .into(),
            problems: "一是问题。\n\n\n二是改进。".into(),
            other: "本机关未收取信息处理费。".into(),
        },
        table2: Table2(table2),
        table3: Table3(table3),
        table4,
    }
}

#[test]
fn grids_of_a_report_show_its_figures_and_leave_missing_cells_blank() {
    let [g2, g3, g4] = grids(&report());
    let text =
        |g: &Grid, key: &str| g.rows.iter().flatten().find(|c| c.key.as_deref() == Some(key)).unwrap().text.clone();
    assert_eq!(text(&g2, "table2.licensing.decisions"), "62");
    assert_eq!(text(&g2, "table2.fees.amount_10k_yuan"), "1.25");
    assert_eq!(text(&g2, "table2.rules.issued"), "");
    assert_eq!(text(&g3, "table3.granted.natural_person"), "3");
    assert_eq!(text(&g3, "table3.granted.business"), "");
    assert_eq!(text(&g4, "table4.reconsideration.upheld"), "1");
    assert_eq!(text(&g4, "table4.litigation_direct.total"), "");
}

#[test]
fn the_document_is_title_note_and_six_sections_with_tables_under_two_to_four() {
    let blocks = document(&report(), Some("更正说明：更正了表三数据。"));
    let outline: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Title(t) => format!("T:{t}"),
            Block::Note(t) => format!("N:{t}"),
            Block::Heading(t) => format!("H:{t}"),
            Block::SubHeading(t) => format!("S:{t}"),
            Block::Paragraph(t) => format!("P:{t}"),
            Block::Table(g) => format!("G:{}", g.caption),
        })
        .collect();
    assert_eq!(
        outline,
        [
            "T:浩口乡人民政府2024年政府信息公开工作年度报告",
            "N:更正说明：更正了表三数据。",
            "H:一、总体情况",
            "S:（一）主动公开",
            "P:本年度公开信息30条。\n第二行。",
            "S:（二）依申请公开",
            "P:本年度未收到申请。",
            "H:二、主动公开政府信息情况",
            "G:表二 主动公开政府信息情况",
            "H:三、收到和处理政府信息公开申请情况",
            "G:表三 收到和处理政府信息公开申请情况",
            "H:四、政府信息公开行政复议、行政诉讼情况",
            "G:表四 政府信息公开行政复议、行政诉讼情况",
            "H:五、存在的主要问题及改进情况",
            "P:一是问题。",
            "P:二是改进。",
            "H:六、其他需要报告的事项",
            "P:本机关未收取信息处理费。",
        ]
    );
    let without = document(&report(), Some("  "));
    assert_eq!(without.len(), blocks.len() - 1);
    assert!(!without.iter().any(|b| matches!(b, Block::Note(_))));
    assert_eq!(document(&report(), None), without);
}

#[test]
fn subheadings_are_recognised_only_in_section_one_and_only_as_whole_lines() {
    let mut r = report();
    r.sections.overview = "（一）主动公开情况。本年度公开30条。".into();
    r.sections.problems = "（一）主动公开".into();
    let blocks = document(&r, None);
    assert!(!blocks.iter().any(|b| matches!(b, Block::SubHeading(_))));
    assert!(blocks.contains(&Block::Paragraph("（一）主动公开情况。本年度公开30条。".into())));
}
