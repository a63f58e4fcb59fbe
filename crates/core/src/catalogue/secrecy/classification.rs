//! 密级 markings: `绝密`, `机密`, `秘密` used as a classification mark, never as ordinary words.
//!
//! A word counts as a marking when one of these holds (the hit covers the whole marking):
//! - a star follows (`★`, `☆` or `*`, spaces allowed), with an optional 保密期限 after it:
//!   `机密★`, `秘密★1年`, `秘密★6个月`, `绝密★长期`, `绝密★启用前`;
//! - a star comes first: `★机密`;
//! - the label `密级` comes first, with an optional colon: `密级：秘密`;
//! - brackets enclose it (with its star and term, if any): `（秘密）`, `【机密★1年】`;
//! - it stands alone on its line, as in the top-left corner of a document.
//!
//! Never a marking: the compounds `商业秘密`, `工作秘密`, `国家秘密`, `个人秘密`, `技术秘密` (and
//! the like with 机密/绝密), and anything not listed above: `秘密进行`, `机密性`, `保密`, `秘密级`.

use super::text::{Span, Text};

const WORDS: [&str; 3] = ["绝密", "机密", "秘密"];
const COMPOUNDS: [&str; 5] = ["商业", "工作", "国家", "个人", "技术"];
const OPENERS: &[char] = &['（', '(', '【', '[', '〔', '［', '〖'];
const CLOSERS: &[char] = &['）', ')', '】', ']', '〕', '］', '〗'];

fn is_star(c: Option<char>) -> bool {
    // Not the full-width `＊`: it is the redaction mask, and masked text must not make markings.
    matches!(c, Some('★' | '☆' | '*'))
}

fn is_space(c: Option<char>) -> bool {
    matches!(c, Some(' ' | '\t' | '\u{3000}'))
}

fn is_line_end(c: Option<char>) -> bool {
    matches!(c, None | Some('\n' | '\r'))
}

pub(super) fn find(text: &Text) -> Vec<Span> {
    let mut found = Vec::new();
    for i in 0..text.len() {
        if !WORDS.iter().any(|w| text.starts_with(i, w))
            || (i >= 2 && COMPOUNDS.iter().any(|c| text.starts_with(i - 2, c)))
        {
            continue;
        }
        let (mut start, mut end, mut marking) = (i, i + 2, false);
        let after = skip_spaces(text, end);
        if is_star(text.char(after)) {
            marking = true;
            end = after + 1;
            if let Some(term_end) = term_end(text, skip_spaces(text, end)) {
                end = term_end;
            }
        }
        let before = back_over_spaces(text, start);
        if before > 0 && is_star(text.char(before - 1)) {
            marking = true;
            start = before - 1;
        } else if let Some(label) = label_start(text, start) {
            marking = true;
            start = label;
        }
        if start > 0
            && text.char(start - 1).is_some_and(|c| OPENERS.contains(&c))
            && text.char(end).is_some_and(|c| CLOSERS.contains(&c))
        {
            marking = true;
            start -= 1;
            end += 1;
        }
        let alone_on_line = {
            let before = back_over_spaces(text, start);
            (before == 0 || is_line_end(text.char(before - 1))) && is_line_end(text.char(skip_spaces(text, end)))
        };
        if marking || alone_on_line {
            found.push((start, end));
        }
    }
    found
}

fn skip_spaces(text: &Text, mut i: usize) -> usize {
    while is_space(text.char(i)) {
        i += 1;
    }
    i
}

/// The index just after the last non-space character before `i`.
fn back_over_spaces(text: &Text, mut i: usize) -> usize {
    while i > 0 && is_space(text.char(i - 1)) {
        i -= 1;
    }
    i
}

/// Where `密级` starts, if it (and an optional colon) stands right before the word at `word`.
fn label_start(text: &Text, word: usize) -> Option<usize> {
    let mut i = back_over_spaces(text, word);
    if i > 0 && matches!(text.char(i - 1), Some(':' | '：')) {
        i = back_over_spaces(text, i - 1);
    }
    (i >= 2 && text.starts_with(i - 2, "密级")).then(|| i - 2)
}

/// The end of a 保密期限 starting at `i`: `长期`, `启用前`, or digits with `年`, `个月` or `月`.
fn term_end(text: &Text, i: usize) -> Option<usize> {
    for word in ["长期", "启用前"] {
        if text.starts_with(i, word) {
            return Some(i + word.chars().count());
        }
    }
    let digits = text.run_end(i);
    if digits == i || digits - i > 3 {
        return None;
    }
    ["个月", "年", "月"].iter().find(|unit| text.starts_with(digits, unit)).map(|unit| digits + unit.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<String> {
        super::super::text::found_by(find, s)
    }

    #[test]
    fn star_markings_with_their_terms_are_found() {
        assert_eq!(found("机密★"), ["机密★"]);
        assert_eq!(found("文件标注秘密★1年，请"), ["秘密★1年"]);
        assert_eq!(found("绝密★长期"), ["绝密★长期"]);
        assert_eq!(found("绝密★启用前 2024年考试"), ["绝密★启用前"]);
        assert_eq!(found("秘密 ★ 6个月"), ["秘密 ★ 6个月"]);
        assert_eq!(found("★机密 下发"), ["★机密"]);
    }

    #[test]
    fn label_bracket_and_own_line_markings_are_found() {
        assert_eq!(found("密级：秘密\n"), ["密级：秘密"]);
        assert_eq!(found("密级: 机密，"), ["密级: 机密"]);
        assert_eq!(found("本件（秘密）请"), ["（秘密）"]);
        assert_eq!(found("【机密★1年】"), ["【机密★1年】"]);
        assert_eq!(found("秘密\n关于某事的通知"), ["秘密"]);
        assert_eq!(found("标题\n  绝密  \n正文"), ["绝密"]);
    }

    #[test]
    fn ordinary_words_are_not_markings() {
        for s in [
            "涉及商业秘密的",
            "秘密进行",
            "数据的机密性",
            "做好保密工作",
            "（商业秘密）",
            "国家秘密",
            "属于秘密级",
            "工作秘密★",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }
}
