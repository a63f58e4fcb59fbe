//! A generated report rendered as a published page: the title, the narrative with the figures
//! it states, and the tables in the official layout (header rows, group labels, numbered rows),
//! in one table style — HTML, pipes, one cell per line, space-separated, or flattened (each
//! row's cells run together) — with, at will, Traditional characters, page chrome, random
//! whitespace, and the encodings and mojibake of scraped copies.

use std::sync::OnceLock;

use encoding_rs::{BIG5, GB18030};
use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use gongkai_core::report::model::TABLE4_BLOCKS;
use gongkai_core::report::stats::row_of;
use gongkai_core::report::table3::{COLUMNS, rows};
use gongkai_core::request::outcome::{Outcome, ReportFormat};

use super::Rng;
use super::model::GenReport;
use super::stats_form::{STATS_LABELS, heading_of};

/// How the tables are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Html,
    Pipes,
    CellPerLine,
    Spaces,
    Flattened,
}

impl Style {
    pub const ALL: [Style; 5] = [Style::Html, Style::Pipes, Style::CellPerLine, Style::Spaces, Style::Flattened];
}

/// How the bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gbk,
    /// Only for Traditional text (else UTF-8).
    Big5,
    /// UTF-8 once read as GBK and saved again (lines where that is lossless).
    Mojibake,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub style: Style,
    pub traditional: bool,
    pub chrome: bool,
    pub noise: bool,
    pub encoding: Encoding,
}

impl Options {
    /// Random options for `style`.
    pub fn random(rng: &mut Rng, style: Style) -> Options {
        let traditional = rng.chance(25);
        let encoding = match rng.below(10) {
            0..=5 => Encoding::Utf8,
            6..=7 => Encoding::Gbk,
            8 if traditional => Encoding::Big5,
            8 => Encoding::Gbk,
            _ => Encoding::Mojibake,
        };
        Options { style, traditional, chrome: rng.chance(70), noise: rng.chance(50), encoding }
    }
}

fn s2t() -> &'static OpenCC {
    static CONVERTER: OnceLock<OpenCC> = OnceLock::new();
    CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).expect("built-in S2t"))
}

/// A table as rows of cells.
type Grid = Vec<Vec<String>>;

/// Renders `r` with `opts`.
pub fn render(r: &GenReport, opts: Options, rng: &mut Rng) -> Vec<u8> {
    let mut blocks: Vec<Block> = Vec::new();
    if opts.chrome {
        blocks.push(Block::Line("当前位置：首页 > 政务公开 > 政府信息公开年报".into()));
        blocks.push(Block::Line(format!(
            "发布时间：{}-01-2{} 浏览次数：{}",
            r.year + 1,
            rng.below(9),
            100 + rng.below(9000)
        )));
    }
    blocks.push(Block::Line(format!("{}{}年政府信息公开工作年度报告", r.agency, r.year)));
    match r.format.tables() {
        Some(format) => tables_report(r, format, &mut blocks),
        None => stats_report(r, &mut blocks),
    }
    if opts.chrome {
        blocks.push(Block::Line(format!("版权所有：{} 主办单位：{}办公室", r.agency, r.agency)));
        blocks.push(Block::Line(format!(
            "网站标识码：50023{:05} ICP备案号：渝ICP备{}号-1 公网安备 5002320200{:04}号",
            rng.below(99999),
            11_006_838 + rng.below(1000),
            rng.below(9999)
        )));
        blocks.push(Block::Line("国务院部门网站".into()));
        blocks.push(Block::Line("地方政府网站".into()));
    }
    let text = match opts.style {
        Style::Html => html(&blocks),
        style => text(&blocks, style, opts.noise, rng),
    };
    let text = if opts.traditional { s2t().convert(&text) } else { text };
    let text = if opts.noise && opts.style != Style::Html {
        text.replace('\n', if rng.chance(50) { "\r\n" } else { "\n" })
    } else {
        text
    };
    encode(&text, opts)
}

enum Block {
    Line(String),
    Table(Grid),
}

fn tables_report(r: &GenReport, format: ReportFormat, blocks: &mut Vec<Block>) {
    let stated = |key: &str| r.stated.iter().find(|(k, _)| k == key).map(|(_, v)| *v).unwrap_or_default();
    blocks.push(Block::Line("一、总体情况".into()));
    blocks.push(Block::Line(format!(
        "（一）主动公开。{}年，本机关严格落实《中华人民共和国政府信息公开条例》，通过政府网站公开政府信息。",
        r.year
    )));
    blocks.push(Block::Line(format!(
        "（二）依申请公开。{}年共收到政府信息公开申请{}件，上年结转{}件；本年度办结{}件；结转下年度继续办理{}件。",
        r.year,
        stated("table3.received.total"),
        stated("table3.carried_in.total"),
        stated("table3.results_total.total"),
        stated("table3.carried_over.total")
    )));
    blocks.push(Block::Line("（三）政府信息管理。严格执行保密审查制度。".into()));
    blocks.push(Block::Line("二、主动公开政府信息情况".into()));
    blocks.push(Block::Table(table2_grid(r, format)));
    blocks.push(Block::Line("三、收到和处理政府信息公开申请情况".into()));
    blocks.push(Block::Table(table3_grid(r, format)));
    blocks.push(Block::Line("四、政府信息公开行政复议、行政诉讼情况".into()));
    blocks.push(Block::Table(table4_grid(r)));
    blocks.push(Block::Line("五、存在的主要问题及改进情况".into()));
    blocks.push(Block::Line("一是主动公开的深度有待加强。二是将进一步规范依申请公开办理流程。".into()));
    blocks.push(Block::Line("六、其他需要报告的事项".into()));
    blocks.push(Block::Line(format!(
        "本机关本年度未收取信息处理费。本年度被申请行政复议{}件。",
        stated("table4.reconsideration.total")
    )));
}

fn cell(r: &GenReport, key: &str, v: impl ToString) -> String {
    if r.blanks.contains(key) { String::new() } else { v.to_string() }
}

fn table2_grid(r: &GenReport, format: ReportFormat) -> Grid {
    let v = |key: &str| cell(r, &format!("table2.{key}"), &r.table2[key]);
    let row = |label: &str, keys: &[&str]| {
        let mut row = vec![label.to_owned()];
        row.extend(keys.iter().map(|k| v(k)));
        row
    };
    let head = |s: &str| vec![s.to_owned()];
    let cols = |c: &[&str]| {
        let mut row = vec!["信息内容".to_owned()];
        row.extend(c.iter().map(|s| s.to_string()));
        row
    };
    match format {
        ReportFormat::F2021 => vec![
            head("第二十条第（一）项"),
            cols(&["本年制发件数", "本年废止件数", "现行有效件数"]),
            row("规章", &["rules.issued", "rules.repealed", "rules.in_force"]),
            row(
                "行政规范性文件",
                &["normative_documents.issued", "normative_documents.repealed", "normative_documents.in_force"],
            ),
            head("第二十条第（五）项"),
            cols(&["本年处理决定数量"]),
            row("行政许可", &["licensing.decisions"]),
            head("第二十条第（六）项"),
            cols(&["本年处理决定数量"]),
            row("行政处罚", &["penalty.decisions"]),
            row("行政强制", &["coercion.decisions"]),
            head("第二十条第（八）项"),
            cols(&["本年收费金额（单位：万元）"]),
            row("行政事业性收费", &["fees.amount_10k_yuan"]),
        ],
        ReportFormat::F2019 => vec![
            head("第二十条第（一）项"),
            cols(&["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
            row("规章", &["rules.made", "rules.published", "rules.total_public"]),
            row(
                "规范性文件",
                &["normative_documents.made", "normative_documents.published", "normative_documents.total_public"],
            ),
            head("第二十条第（五）项"),
            cols(&["上一年项目数量", "本年增/减", "处理决定数量"]),
            row("行政许可", &["licensing.last_year_items", "licensing.change", "licensing.decisions"]),
            row(
                "其他对外管理服务事项",
                &["other_services.last_year_items", "other_services.change", "other_services.decisions"],
            ),
            head("第二十条第（六）项"),
            cols(&["上一年项目数量", "本年增/减", "处理决定数量"]),
            row("行政处罚", &["penalty.last_year_items", "penalty.change", "penalty.decisions"]),
            row("行政强制", &["coercion.last_year_items", "coercion.change", "coercion.decisions"]),
            head("第二十条第（八）项"),
            cols(&["上一年项目数量", "本年增/减"]),
            row("行政事业性收费", &["fees.last_year_items", "fees.change"]),
            head("第二十条第（九）项"),
            cols(&["采购项目数量", "采购总金额"]),
            row("政府集中采购", &["procurement.items", "procurement.amount"]),
        ],
    }
}

/// The numbered labels of table 三's rows, with the group label on the first row of a group.
fn table3_labels(format: ReportFormat) -> Vec<(String, Vec<String>)> {
    let numerals = ["一", "二", "三", "四", "五", "六"];
    let mut out = Vec::new();
    let mut group = "";
    let mut n = 0;
    let mut g = 0;
    for row in rows(format) {
        let labels = match row {
            "received" => vec!["一、本年新收政府信息公开申请数量".to_owned()],
            "carried_in" => vec!["二、上年结转政府信息公开申请数量".to_owned()],
            "results_total" => vec!["（七）总计".to_owned()],
            "carried_over" => vec!["四、结转下年度继续办理".to_owned()],
            key => {
                let o = Outcome::ALL.into_iter().find(|o| o.key() == key).expect("outcome row");
                let mut labels = Vec::new();
                if o.group_label() != group {
                    group = o.group_label();
                    g += 1;
                    n = 0;
                    if g == 1 {
                        labels.push("三、本年度办理结果".to_owned());
                    }
                }
                let single = matches!(o, Outcome::Granted | Outcome::PartiallyGranted | Outcome::Other);
                let label = match o {
                    Outcome::PartiallyGranted => "（二）部分公开（区分处理的，只计这一情形，不计其他情形）".to_owned(),
                    _ if single => format!("（{}）{}", numerals[g - 1], o.label()),
                    _ => {
                        if n == 0 {
                            labels.push(format!("（{}）{}", numerals[g - 1], o.group_label()));
                        }
                        n += 1;
                        format!("{n}.{}", o.label())
                    }
                };
                labels.push(label);
                labels
            }
        };
        out.push((row.to_owned(), labels));
    }
    out
}

fn table3_grid(r: &GenReport, format: ReportFormat) -> Grid {
    let mut grid: Grid = vec![
        vec!["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".into()],
        vec!["申请人情况".into()],
        vec!["自然人".into(), "法人或其他组织".into(), "总计".into()],
        vec!["商业企业".into(), "科研机构".into(), "社会公益组织".into(), "法律服务机构".into(), "其他".into()],
    ];
    for (row, labels) in table3_labels(format) {
        let mut cells = labels;
        cells.extend(COLUMNS.iter().map(|c| cell(r, &format!("table3.{row}.{c}"), r.table3[&row][*c])));
        grid.push(cells);
    }
    grid
}

fn table4_grid(r: &GenReport) -> Grid {
    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut data = Vec::new();
    for b in TABLE4_BLOCKS {
        for c in ["upheld", "corrected", "other", "pending", "total"] {
            data.push(cell(r, &format!("table4.{b}.{c}"), r.table4[b][c]));
        }
    }
    let mut second: Vec<String> = results.iter().map(|s| s.to_string()).collect();
    second.extend(["未经复议直接起诉".to_owned(), "复议后起诉".to_owned()]);
    let third: Vec<String> = results.iter().chain(results.iter()).map(|s| s.to_string()).collect();
    vec![vec!["行政复议".into(), "行政诉讼".into()], second, third, data]
}

/// The national form's numbered labels and header rows around the present keys.
fn stats_report(r: &GenReport, blocks: &mut Vec<Block>) {
    let get = |k: &str| r.stated.iter().find(|(key, _)| key == &format!("stats.{k}")).map(|(_, v)| *v);
    blocks.push(Block::Line("一、概述".into()));
    let mut sentence = format!("{}年，", r.year);
    if let Some(v) = get("proactive.total") {
        sentence.push_str(&format!("全年主动公开政府信息{v}条，"));
    }
    if let Some(v) = get("channels.website") {
        sentence.push_str(&format!("其中通过政府网站公开{v}条，"));
    }
    if let Some(v) = get("channels.weibo") {
        sentence.push_str(&format!("政务微博公开{v}条，"));
    }
    if let Some(v) = get("channels.wechat") {
        sentence.push_str(&format!("政务微信公开{v}条。"));
    }
    blocks.push(Block::Line(sentence));
    if let Some(v) = get("response.press_conferences") {
        blocks.push(Block::Line(format!("全年召开新闻发布会{v}次。")));
    }
    if let Some(v) = get("requests.received") {
        blocks.push(Block::Line(format!("{}年共收到政府信息公开申请{v}件，均已按期答复。", r.year)));
    }
    blocks.push(Block::Line("二、存在的主要问题和改进措施".into()));
    blocks.push(Block::Line("信息公开的及时性有待提高，下一步将加强培训。".into()));
    blocks.push(Block::Line("附件".into()));
    blocks.push(Block::Line("政府信息公开情况统计表".into()));
    blocks.push(Block::Line(format!("（{}年度）", r.year)));
    blocks.push(Block::Line(format!("填报单位（盖章）：{}", r.agency)));
    let mut grid: Grid = vec![vec!["统计指标".into(), "单位".into(), "统计数".into()]];
    let mut last_heading = "";
    for (key, value) in &r.stats {
        if let Some(heading) = heading_of(key)
            && heading != last_heading
        {
            grid.push(vec![heading.to_owned(), "——".into(), String::new()]);
            last_heading = heading;
        }
        let label = STATS_LABELS.iter().find(|(_, k)| k == key).map_or(key.as_str(), |(l, _)| *l);
        let unit = row_of(key).map_or("件", |r| r.unit);
        grid.push(vec![label.to_owned(), unit.to_owned(), cell(r, &format!("stats.{key}"), value)]);
    }
    blocks.push(Block::Table(grid));
    blocks.push(Block::Line("单位负责人：张三 审核人：李四 填报人：王五 联系电话：0851-1234567".into()));
}

fn html(blocks: &[Block]) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年度报告</title><script>var _hmt = [];</script></head><body>\n<div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/zwgk\">政务公开</a> 2024</div>\n",
    );
    for b in blocks {
        match b {
            Block::Line(l) => out.push_str(&format!("<p>{}</p>\n", esc(l))),
            Block::Table(grid) => {
                out.push_str("<table border=\"1\">\n");
                for row in grid {
                    out.push_str("<tr>");
                    for c in row {
                        out.push_str(&format!("<td>{}</td>", esc(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("<footer>网站地图 | 联系我们 2024</footer></body></html>\n");
    out
}

fn text(blocks: &[Block], style: Style, noise: bool, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Line(l) => lines.push(if noise { spaced(l, rng) } else { l.clone() }),
            Block::Table(grid) => {
                for row in grid {
                    let row: Vec<String> = row
                        .iter()
                        .map(|c| {
                            if noise && !c.is_empty() && !c.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-') {
                                spaced(c, rng)
                            } else {
                                c.clone()
                            }
                        })
                        .collect();
                    match style {
                        Style::Pipes => lines.push(format!("| {} |", row.join(" | "))),
                        Style::CellPerLine => lines.extend(row.iter().map(|c| format!("{c} |"))),
                        Style::Spaces => lines.push(
                            row.iter()
                                .map(|c| if c.is_empty() { "-".to_owned() } else { c.clone() })
                                .collect::<Vec<_>>()
                                .join(if noise && rng.chance(30) { "  " } else { " " }),
                        ),
                        Style::Flattened => lines.push(row.concat()),
                        Style::Html => unreachable!("HTML is rendered whole"),
                    }
                }
            }
        }
        if noise && rng.chance(20) {
            lines.push(String::new());
        }
    }
    lines.join("\n")
}

/// Random spaces inside words (`商业 企业`) and at the ends of a line.
fn spaced(s: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    if rng.chance(20) {
        out.push_str("  ");
    }
    let mut prev_digit = false;
    for c in s.chars() {
        let digit = c.is_ascii_digit();
        if !out.is_empty() && !digit && !prev_digit && rng.chance(4) {
            out.push(if rng.chance(50) { ' ' } else { '\u{3000}' });
        }
        out.push(c);
        prev_digit = digit;
    }
    if rng.chance(20) {
        out.push(' ');
    }
    out
}

fn encode(text: &str, opts: Options) -> Vec<u8> {
    match opts.encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Gbk => GB18030.encode(text).0.into_owned(),
        Encoding::Big5 => {
            let (bytes, _, unmappable) = BIG5.encode(text);
            if opts.traditional && !unmappable { bytes.into_owned() } else { text.as_bytes().to_vec() }
        }
        Encoding::Mojibake => text
            .split('\n')
            .map(|line| {
                let (garbled, _, bad) = GB18030.decode(line.as_bytes());
                let lossless = !bad && GB18030.encode(&garbled).0.as_ref() == line.as_bytes();
                if lossless && line.chars().filter(|c| !c.is_ascii()).count() >= 3 {
                    garbled.into_owned()
                } else {
                    line.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
    }
}
