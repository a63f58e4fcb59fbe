//! The cells that follow a row label in the matching text, whatever the table style: pipe rows
//! (`| 5 | 0 |`), one cell per line (`5 |`), space-separated (`5 0 0`), or digits run together
//! with no separator (`5000005`, kept as one run for [`super::split`]).
//!
//! A row's cells are read after its label: text right after the label continues the label
//! (`(区分处理的，只计这一情形…)`) and is skipped; then numbers and blank cells are collected
//! until the next text, which belongs to whatever follows the row. Parenthesised text is text
//! even when it holds digits (`(不同渠道和方式公开相同信息计1条)`), and digits followed by 年, 月,
//! 日, 号 or % are a date or a figure in prose, not a cell.

/// One cell read after a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A number as written: digits, possibly signed or decimal, possibly several cells run together.
    Num(String),
    /// A cell that is present but empty (or a dash).
    Blank,
}

/// A token of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(String),
    Text(String),
    /// A dash or slash standing for an empty cell (`-` in a space-separated row).
    Blank,
}

/// How [`read_items`] treats units and how many values it wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Table 二, 三 and 四: any text ends the row.
    Table,
    /// The pre-2019 statistics table: a unit cell (件, 条, 万元, ——) may come before the one
    /// value, and a number with a unit suffix (`645条`) is a value.
    Stats,
}

/// Units of the statistics table's 单位 column.
pub const UNITS: [&str; 9] = ["人次", "万元", "条", "件", "次", "篇", "个", "人", "元"];

/// The cells after a label: `segment` runs from the end of the label to the start of whatever
/// comes next. At most `limit` items are read. Blank cells are kept as they are, trailing ones
/// included (a blank 总计 is a cell); a line of several blank cells before the first figure is
/// the padding of a header line, not cells.
pub fn read_items(segment: &str, mode: Mode, limit: usize) -> Vec<Item> {
    let mut items = Vec::new();
    let mut started = false;
    // Blank cells since the last text, before the first figure.
    let mut pending = 0usize;
    for (line_no, line) in segment.split('\n').enumerate() {
        let cells: Vec<(usize, Vec<Tok>)> =
            split_cells(line, line_no == 0).into_iter().enumerate().map(|(i, c)| (i, tokenize(c, mode))).collect();
        if !started {
            let has_num = cells.iter().any(|(_, t)| t.iter().any(|t| matches!(t, Tok::Num(_))));
            let blanks = cells.iter().filter(|(i, t)| is_blank(t) && !(line_no == 0 && *i == 0)).count();
            if !has_num && blanks > 1 && cells.iter().all(|(_, t)| is_blank(t)) {
                continue;
            }
        }
        for (cell_no, toks) in cells {
            if toks.is_empty() || toks == [Tok::Blank] {
                // The label's own cell ending on the first line is not a blank cell.
                if line_no == 0 && cell_no == 0 {
                    continue;
                }
                if started {
                    items.push(Item::Blank);
                } else {
                    pending += 1;
                }
                continue;
            }
            for tok in toks {
                match tok {
                    Tok::Blank if started => items.push(Item::Blank),
                    Tok::Blank => pending += 1,
                    Tok::Num(n) => {
                        if !started {
                            started = true;
                            items.extend(std::iter::repeat_n(Item::Blank, pending));
                        }
                        items.push(Item::Num(n));
                        if mode == Mode::Stats {
                            return items;
                        }
                    }
                    Tok::Text(t) => {
                        if mode == Mode::Stats && is_unit(&t) {
                            // The value comes after the unit; a blank there is the value.
                            started = true;
                            continue;
                        }
                        if started {
                            return items;
                        }
                        pending = 0;
                    }
                }
                if items.len() >= limit {
                    return items;
                }
            }
        }
        if items.len() >= limit {
            break;
        }
    }
    items
}

/// Whether the segment begins like a table row rather than prose: after the rest of the label
/// (`数`, `(不包括…)`) comes a separator, a unit or the end, or, right after the label words, a
/// figure. `收到申请数 | 件 | 1` and `当面申请数件0` are rows; `收到申请数为5件` is not.
pub fn looks_tabular(segment: &str, mode: Mode) -> bool {
    let mut rest = segment.trim_start_matches(' ');
    let mut continued = 0;
    loop {
        rest = skip_parenthesised(rest).trim_start_matches(' ');
        let Some(c) = rest.chars().next() else { return true };
        if c == '|' || c == '\n' || rest.starts_with("--") {
            return true;
        }
        if mode == Mode::Stats && UNITS.iter().any(|u| rest.starts_with(u)) {
            return true;
        }
        if c.is_ascii_digit() || (mode == Mode::Table && matches!(c, '-' | '+')) {
            return continued == 0;
        }
        continued += 1;
        if continued > 30 || matches!(c, ',' | '，' | '。' | ';' | '；') {
            return false;
        }
        rest = &rest[c.len_utf8()..];
    }
}

fn skip_parenthesised(s: &str) -> &str {
    if s.starts_with('(')
        && let Some(end) = s.find(')')
        && end < 240
    {
        return &s[end + 1..];
    }
    s
}

fn is_blank(toks: &[Tok]) -> bool {
    toks.iter().all(|t| *t == Tok::Blank)
}

fn is_unit(t: &str) -> bool {
    UNITS.contains(&t) || t.chars().all(|c| c == '-')
}

/// The cells of one line. On the first line of a segment the text before the first `|` is the
/// rest of the label's cell.
fn split_cells(line: &str, first: bool) -> Vec<&str> {
    let t = line.trim();
    if first {
        return t.strip_suffix('|').unwrap_or(t).split('|').collect();
    }
    if t.is_empty() {
        return Vec::new();
    }
    if t == "|" {
        return vec![""];
    }
    let mut inner = t;
    if inner.len() > 1 && inner.starts_with('|') && inner.ends_with('|') {
        inner = &inner[1..inner.len() - 1];
    } else if let Some(s) = inner.strip_suffix('|') {
        inner = s;
    }
    inner.split('|').collect()
}

/// Splits a cell into numbers and text: whitespace separates tokens, and a token is split where
/// digits meet other characters.
fn tokenize(cell: &str, mode: Mode) -> Vec<Tok> {
    let mut toks = Vec::new();
    for word in cell.split_whitespace() {
        if word.chars().all(|c| matches!(c, '-' | '/')) {
            toks.push(Tok::Blank);
            continue;
        }
        tokenize_word(word, mode, &mut toks);
    }
    toks
}

fn tokenize_word(word: &str, mode: Mode, toks: &mut Vec<Tok>) {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut i = 0;
    let mut text_start: Option<usize> = None;
    let push_text = |toks: &mut Vec<Tok>, from: Option<usize>, to: usize| {
        if let Some(from) = from
            && from < to
        {
            match toks.last_mut() {
                Some(Tok::Text(t)) => t.push_str(&word[from..to]),
                _ => toks.push(Tok::Text(word[from..to].to_owned())),
            }
        }
    };
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '(' {
            // A parenthesised run is text, digits and all (bounded, same word).
            if let Some(close) = chars[i..].iter().take(80).position(|&(_, d)| d == ')') {
                text_start.get_or_insert(pos);
                i += close + 1;
                continue;
            }
        }
        // A sign starts a number at the start of a word, after text, or right after another
        // number (`633-42`: two cells, never one run to cut).
        let after_num = i > 0 && chars[i - 1].1.is_ascii_digit() && text_start.is_none();
        let signed = matches!(c, '-' | '+')
            && i + 1 < chars.len()
            && chars[i + 1].1.is_ascii_digit()
            && (i == 0 || text_start.is_some() || after_num);
        if c.is_ascii_digit() || signed {
            let start = i;
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].1.is_ascii_digit()
                    || (chars[j].1 == '.'
                        && j + 1 < chars.len()
                        && chars[j + 1].1.is_ascii_digit()
                        && !word[chars[start].0..chars[j].0].contains('.')))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(word.len(), |&(p, _)| p);
            let next = chars.get(j).map(|&(_, d)| d);
            let prose = next.is_some_and(|d| matches!(d, '年' | '月' | '日' | '号' | '%' | '.' | '、'));
            let unit_suffix = mode == Mode::Stats && UNITS.iter().any(|u| word[end..].starts_with(u));
            if prose && !unit_suffix {
                text_start.get_or_insert(pos);
                i = j;
                continue;
            }
            push_text(toks, text_start.take(), pos);
            toks.push(Tok::Num(word[pos..end].trim_start_matches('+').to_owned()));
            i = j;
            if unit_suffix {
                // `645条`: the unit is consumed with the value.
                let unit = UNITS.iter().find(|u| word[end..].starts_with(*u)).expect("checked");
                i += unit.chars().count();
            }
            continue;
        }
        text_start.get_or_insert(pos);
        i += 1;
    }
    push_text(toks, text_start, word.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(items: &[Item]) -> Vec<String> {
        items.iter().map(|i| if let Item::Num(n) = i { n.clone() } else { "_".into() }).collect()
    }

    #[test]
    fn pipe_rows_one_cell_per_line_spaces_and_runs_give_the_same_cells() {
        assert_eq!(
            nums(&read_items(" | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n(二)", Mode::Table, 40)),
            ["5", "0", "0", "0", "0", "0", "5"]
        );
        assert_eq!(nums(&read_items(" |\n5 |\n0 |\n0 |\n(三)不予公开 |\n", Mode::Table, 40)), ["5", "0", "0"]);
        assert_eq!(
            nums(&read_items(" |\n |\n0 |\n0 | ||\n", Mode::Table, 40)),
            ["_", "0", "0", "_", "_"],
            "a blank cell line is a cell"
        );
        assert_eq!(nums(&read_items(" | |||\n结果 |\n0 |", Mode::Table, 40)), ["0"], "header padding is not");
        assert_eq!(nums(&read_items(" 5 0 0 0 0 0 5", Mode::Table, 40)), ["5", "0", "0", "0", "0", "0", "5"]);
        assert_eq!(
            nums(&read_items(" 5 - 0 0 0 0 5", Mode::Table, 40)),
            ["5", "_", "0", "0", "0", "0", "5"],
            "a dash is a blank cell"
        );
        assert_eq!(nums(&read_items("5000005三、本年度办理结果", Mode::Table, 40)), ["5000005"]);
    }

    #[test]
    fn label_continuations_are_skipped_and_blank_cells_kept() {
        let seg = "(区分处理的,只计这一情形,不计其他情形) | 1 | | 0 |";
        assert_eq!(nums(&read_items(seg, Mode::Table, 40)), ["1", "_", "0"]);
        assert_eq!(
            nums(&read_items(" | | 3 | 4", Mode::Table, 40)),
            ["_", "3", "4"],
            "a blank on the line of the first figure is a cell"
        );
    }

    #[test]
    fn a_statistics_row_reads_its_one_value_after_the_unit() {
        assert_eq!(nums(&read_items("(不同渠道和方式公开相同信息计1条) | 条 | 645 |", Mode::Stats, 1)), ["645"]);
        assert_eq!(read_items(" | 条 | |", Mode::Stats, 1).first(), Some(&Item::Blank));
        assert_eq!(nums(&read_items("件0", Mode::Stats, 1)), ["0"]);
        assert_eq!(nums(&read_items(" | 万元 | 2.5 |", Mode::Stats, 1)), ["2.5"]);
    }

    #[test]
    fn dates_and_prose_figures_end_a_row() {
        assert_eq!(nums(&read_items(" 0 0\n2024年,我乡", Mode::Table, 40)), ["0", "0"]);
        assert!(looks_tabular(" | 件 | 1", Mode::Stats));
        assert!(looks_tabular("数件0", Mode::Stats));
        assert!(looks_tabular("数(不包括政府公报) | 人 | 0", Mode::Stats));
        assert!(!looks_tabular("为5件", Mode::Stats));
        assert!(!looks_tabular("数为5件", Mode::Stats));
    }
}
