//! Snippets: a short HTML excerpt of an item's text with the query's words marked.
//!
//! Owns the HTML safety of snippets: every character of the item's text is escaped
//! (`& < > " '`), and the only markup emitted is `<mark>…</mark>` around matches and `…` where
//! the excerpt is cut. Matches are found by substring search for the query's tokens (ASCII
//! case-insensitive), adjacent and overlapping matches are merged into one mark, and the window
//! with the most matches wins (the earliest on ties). No re-segmentation of the text happens
//! here, so a snippet costs a scan of the text, not a jieba pass.

/// Characters of text shown in a snippet.
pub const SNIPPET_CHARS: usize = 120;
/// Characters shown before the first match of the chosen window.
const LEAD_CHARS: usize = 20;
/// Matches looked at in one text (a huge attachment stops being scanned after this many).
const MAX_MATCHES: usize = 512;

/// A marked excerpt of the first text (in order) that contains any of `needles`, or the start
/// of the first non-empty text when none does. Empty only if every text is empty.
pub fn snippet(texts: &[&str], needles: &[String]) -> String {
    texts
        .iter()
        .find_map(|text| marked_excerpt(text, needles))
        .or_else(|| texts.iter().find(|text| !text.trim().is_empty()).map(|text| render(text.trim(), false, &[])))
        .unwrap_or_default()
}

/// The whole of `text` (a title), escaped, with every occurrence of `needles` marked.
pub fn mark_all(text: &str, needles: &[String]) -> String {
    let marks = find_matches(text, needles);
    let mut html = String::with_capacity(text.len() + 16 * marks.len());
    let mut at = 0;
    for (start, stop) in marks {
        escape_into(&text[at..start], &mut html);
        html.push_str("<mark>");
        escape_into(&text[start..stop], &mut html);
        html.push_str("</mark>");
        at = stop;
    }
    escape_into(&text[at..], &mut html);
    html
}

fn marked_excerpt(text: &str, needles: &[String]) -> Option<String> {
    let matches = find_matches(text, needles);
    if matches.is_empty() {
        return None;
    }
    // Character index of every byte offset we need: compute char starts once.
    let char_starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
    let char_of = |byte: usize| char_starts.partition_point(|&at| at < byte);
    // Sliding window over matches (by character position): most matches within SNIPPET_CHARS.
    let mut best = (0usize, 0usize); // (count, index of first match)
    let mut end = 0;
    for start in 0..matches.len() {
        let window_start = char_of(matches[start].0);
        end = end.max(start);
        while end < matches.len() && char_of(matches[end].1) <= window_start + SNIPPET_CHARS - LEAD_CHARS {
            end += 1;
        }
        let count = end - start;
        if count > best.0 {
            best = (count, start);
        }
    }
    let first_char = char_of(matches[best.1].0).saturating_sub(LEAD_CHARS);
    let start_byte = char_starts.get(first_char).copied().unwrap_or(text.len());
    Some(render(&text[start_byte..], start_byte > 0, &shift(&matches, start_byte)))
}

/// Byte ranges of all needle occurrences, sorted, with overlapping and touching ranges merged.
fn find_matches(text: &str, needles: &[String]) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase(); // same byte offsets as `text`
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for needle in needles.iter().filter(|n| !n.is_empty()) {
        for (at, found) in lower.match_indices(needle.as_str()).take(MAX_MATCHES) {
            ranges.push((at, at + found.len()));
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged.truncate(MAX_MATCHES);
    merged
}

fn shift(matches: &[(usize, usize)], by: usize) -> Vec<(usize, usize)> {
    matches.iter().filter(|(start, _)| *start >= by).map(|(start, end)| (start - by, end - by)).collect()
}

/// Escaped HTML of the first [`SNIPPET_CHARS`] characters of `text`, marks around `marks`
/// (byte ranges in `text`), `…` before if `cut_before` and after if text remains.
fn render(text: &str, cut_before: bool, marks: &[(usize, usize)]) -> String {
    let end = text.char_indices().nth(SNIPPET_CHARS).map_or(text.len(), |(at, _)| at);
    let mut html = String::with_capacity(end + 32);
    if cut_before {
        html.push('…');
    }
    let mut at = 0;
    for &(start, stop) in marks.iter().filter(|(start, _)| *start < end) {
        let stop = stop.min(end);
        escape_into(&text[at..start], &mut html);
        html.push_str("<mark>");
        escape_into(&text[start..stop], &mut html);
        html.push_str("</mark>");
        at = stop;
    }
    escape_into(&text[at..end], &mut html);
    if end < text.len() {
        html.push('…');
    }
    html
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn adjacent_tokens_are_marked_as_one_match() {
        let html = snippet(&["依法做好政府信息公开工作"], &needles(&["政府", "信息", "公开"]));
        assert_eq!(html, "依法做好<mark>政府信息公开</mark>工作");
    }

    #[test]
    fn text_is_escaped_and_only_marks_are_markup() {
        let html = snippet(&["<script>alert('公开')</script> & more"], &needles(&["公开"]));
        assert_eq!(html, "&lt;script&gt;alert(&#39;<mark>公开</mark>&#39;)&lt;/script&gt; &amp; more");
    }

    #[test]
    fn a_long_text_is_cut_around_the_densest_matches() {
        let text = format!("{}行政复议{}", "甲".repeat(300), "乙".repeat(300));
        let html = snippet(&[&text], &needles(&["行政复议"]));
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(html.contains("<mark>行政复议</mark>"));
        assert_eq!(html.chars().filter(|c| *c == '甲').count(), LEAD_CHARS);
    }

    #[test]
    fn without_a_match_the_start_of_the_first_non_empty_text_is_shown() {
        assert_eq!(snippet(&["", "附件内容"], &needles(&["公开"])), "附件内容");
        assert_eq!(snippet(&["正文", "附件"], &needles(&["公开"])), "正文");
    }

    #[test]
    fn a_match_in_the_attachment_is_shown_when_the_body_has_none() {
        assert_eq!(snippet(&["正文", "公开附件"], &needles(&["公开"])), "<mark>公开</mark>附件");
    }

    #[test]
    fn a_title_is_marked_whole_and_escaped() {
        let title = format!("关于{}的通知<b>", "低保标准".repeat(40));
        let html = mark_all(&title, &needles(&["低保"]));
        assert_eq!(html.matches("<mark>低保</mark>").count(), 40, "no cut, however long");
        assert!(html.starts_with("关于<mark>") && html.ends_with("的通知&lt;b&gt;"), "{html}");
        assert_eq!(mark_all("无匹配", &needles(&["公开"])), "无匹配");
    }

    #[test]
    fn ascii_matches_ignore_case() {
        assert_eq!(snippet(&["GDP增长"], &needles(&["gdp"])), "<mark>GDP</mark>增长");
    }
}
