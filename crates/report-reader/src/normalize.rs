//! The matching form of a report's text: Traditional characters converted to Simplified
//! (OpenCC `T2s`), full-width forms folded to ASCII, separators unified (`｜`, `│`, tab → `|`),
//! the pinyin that some sites' 繁體 converters insert after characters (`當(dāng)前`) removed,
//! and the spaces inside Chinese words (`商业 企业`, `统 计 指 标`) dropped. Spaces next to
//! digits stay: they separate table cells.
//!
//! Works line by line so that a line of the matching form always corresponds to the same line
//! of the original, which is kept for display.

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

fn t2s() -> Option<&'static OpenCC> {
    static CONVERTER: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok()).as_ref()
}

/// Traditional to Simplified (the text unchanged if the converter cannot be built).
pub fn to_simplified(text: &str) -> String {
    // Pure ASCII has nothing to convert.
    if text.is_ascii() {
        return text.to_owned();
    }
    t2s().map_or_else(|| text.to_owned(), |c| c.convert(text))
}

/// The lines of a report: as published (for display) and in matching form.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    pub display: Vec<String>,
    pub matching: Vec<String>,
}

/// Builds both forms of `lines`.
pub fn normalize(lines: Vec<String>) -> Lines {
    let display: Vec<String> = lines.iter().map(|l| clean_display(l)).collect();
    let joined = display.join("\n");
    let simplified = to_simplified(&joined);
    let mut matching: Vec<String> = simplified.split('\n').map(fold).collect();
    if matching.len() != display.len() {
        // The converter changed the line structure: convert line by line instead.
        matching = display.iter().map(|l| fold(&to_simplified(l))).collect();
    }
    Lines { display, matching }
}

/// The display form: trimmed, zero-width characters and inserted pinyin removed.
fn clean_display(line: &str) -> String {
    let without_zero_width: String =
        line.chars().filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}')).collect();
    strip_pinyin(&without_zero_width).trim().to_owned()
}

/// Removes `(dāng)`-style pinyin annotations: a parenthesised run of at most 8 Latin letters
/// with at least one tone mark (or ü), in ASCII or full-width parentheses.
fn strip_pinyin(line: &str) -> String {
    if !line.contains(['(', '（']) {
        return line.to_owned();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '(' | '（') {
            let mut j = i + 1;
            let mut toned = false;
            while j < chars.len() && j - i <= 9 && is_pinyin_letter(chars[j]) {
                toned |= !chars[j].is_ascii_lowercase();
                j += 1;
            }
            if toned && j > i + 1 && j < chars.len() && matches!(chars[j], ')' | '）') {
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ".contains(c)
}

/// Folds widths and separators and drops spaces between non-ASCII characters.
pub fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len());
    for c in line.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
            '\t' | '│' | '¦' | '┃' => '|',
            '﹝' | '〔' => '(',
            '﹞' | '〕' => ')',
            '“' | '”' | '「' | '」' | '『' | '』' => '"',
            '—' | '–' => '-',
            _ => c,
        };
        folded.push(c);
    }
    squash_spaces(&folded)
}

/// Collapses space runs and drops the spaces inside Chinese words (`商业 企业`, `当前位置: 首页`);
/// spaces next to figures, signs, separators and Latin words stay.
fn squash_spaces(line: &str) -> String {
    let chars: Vec<char> = line.trim().chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let (before, after) = (out.chars().last(), chars.get(j).copied());
            // A space next to a figure, a sign, a separator or a Latin word separates; one
            // between Chinese words (or Chinese and punctuation) does not.
            let keeps = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || "-+|/.".contains(c));
            let (b_ascii, a_ascii) = (before.is_some_and(|b| b.is_ascii()), after.is_some_and(|a| a.is_ascii()));
            if (b_ascii && a_ascii) || keeps(before) || keeps(after) {
                out.push(' ');
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_full_width_text_matches_the_simplified_labels() {
        let lines = normalize(vec!["（一）予以公開｜５｜0".into(), "當(dāng)前位置: 首頁(yè)".into()]);
        assert_eq!(lines.matching, ["(一)予以公开|5|0", "当前位置:首页"]);
        assert_eq!(lines.display[1], "當前位置: 首頁");
    }

    #[test]
    fn spaces_inside_words_go_and_spaces_between_figures_stay() {
        assert_eq!(fold("商业 企业 | 5 0 0"), "商业企业 | 5 0 0");
        assert_eq!(fold("服务事项 - 0 0"), "服务事项 - 0 0");
        assert_eq!(fold("统 计 指 标"), "统计指标");
        assert_eq!(fold("条　645 | 2. 其他"), "条 645 | 2. 其他");
    }

    #[test]
    fn plain_parentheses_are_not_pinyin() {
        assert_eq!(strip_pinyin("(一)予以公开(ab)"), "(一)予以公开(ab)");
    }
}
