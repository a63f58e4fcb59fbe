//! A source prepared for reading: decoded, HTML turned into lines, page chrome dropped, and both
//! forms of every line (display and matching, see [`crate::normalize`]). The tables are read
//! from `text`, the matching lines joined by newlines.

use crate::decode::decode;
use crate::html::{looks_like_html, to_lines};
use crate::normalize::{Lines, normalize};
use crate::site_boilerplate::is_boilerplate;

#[derive(Debug, Clone, Default)]
pub struct Source {
    pub lines: Lines,
    /// The matching lines joined by `\n`.
    pub text: String,
    /// The byte offset of each line in `text`.
    pub line_starts: Vec<usize>,
    pub encoding: &'static str,
}

impl Source {
    pub fn prepare(bytes: &[u8]) -> Source {
        let decoded = decode(bytes);
        let raw: Vec<String> = if looks_like_html(&decoded.text) {
            to_lines(&decoded.text)
        } else {
            decoded.text.split(['\n', '\r']).map(str::to_owned).collect()
        };
        let mut lines = normalize(raw);
        let keep: Vec<bool> = lines.matching.iter().map(|l| !l.is_empty() && !is_boilerplate(l)).collect();
        let mut k = keep.iter();
        lines.display.retain(|_| *k.next().unwrap_or(&false));
        let mut k = keep.iter();
        lines.matching.retain(|_| *k.next().unwrap_or(&false));
        let mut line_starts = Vec::with_capacity(lines.matching.len());
        let mut text = String::with_capacity(lines.matching.iter().map(|l| l.len() + 1).sum());
        for l in &lines.matching {
            line_starts.push(text.len());
            text.push_str(l);
            text.push('\n');
        }
        Source { lines, text, line_starts, encoding: decoded.encoding }
    }

    /// The line holding byte `offset` of `text`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_and_empty_lines_are_dropped_and_lines_stay_aligned() {
        let s =
            Source::prepare("當前位置: 首頁 > 年報\n\n一、總體情況\r\n版權所有 2024\n（一）予以公開 | 5".as_bytes());
        assert_eq!(s.lines.matching, ["一、总体情况", "(一)予以公开 | 5"]);
        assert_eq!(s.lines.display, ["一、總體情況", "（一）予以公開 | 5"]);
        assert_eq!(s.line_of(s.text.find("予以").unwrap()), 1);
    }
}
