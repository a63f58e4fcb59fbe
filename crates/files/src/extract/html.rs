//! HTML → plain text: tags removed, script and style dropped, entities decoded, block elements as
//! line breaks, whitespace collapsed. For search and the secrecy scan, not for display.

use encoding_rs::Encoding;

use super::sniff::find;

/// Elements whose content is not text.
const SKIPPED: [&str; 6] = ["script", "style", "noscript", "template", "svg", "object"];
/// Elements that start or end a line.
const BLOCKS: [&str; 30] = [
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
    "title",
    "header",
    "footer",
    "form",
    "nav",
    "aside",
    "main",
    "caption",
];
/// Table cells, separated by a space.
const CELLS: [&str; 2] = ["td", "th"];

/// The charset an HTML document declares in its first bytes (`<meta charset>` or `http-equiv`).
pub(super) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes[..bytes.len().min(4096)].iter().map(u8::to_ascii_lowercase).collect();
    let at = find(&head, b"charset=")? + b"charset=".len();
    let label: Vec<u8> = head[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .copied()
        .collect();
    Encoding::for_label(&label)
}

/// The text of an HTML document.
pub(super) fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_text(&mut out, &rest[..open]);
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.length..];
        let name = tag.name.as_str();
        if !tag.closing && SKIPPED.contains(&name) {
            rest = skip_element(rest, name);
        } else if BLOCKS.contains(&name) {
            out.push('\n');
        } else if CELLS.contains(&name) {
            out.push(' ');
        }
    }
    push_text(&mut out, rest);
    collapse_whitespace(&out)
}

/// A tag at the start of the input: its lowercase name, whether it closes, and its length in bytes.
struct Tag {
    name: String,
    closing: bool,
    length: usize,
}

impl Tag {
    fn parse(input: &str) -> Option<Tag> {
        let bytes = input.as_bytes();
        let mut i = 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let declaration = matches!(bytes.get(i), Some(b'!' | b'?'));
        if !declaration && !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_start = i;
        while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'!' | b'?' | b'-' | b':')) {
            i += 1;
        }
        let name = input[name_start..i].to_ascii_lowercase();
        let mut quote = None;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), b) if b == q => quote = None,
                (None, b'>') => {
                    return Some(Tag { name, closing, length: i });
                }
                _ => {}
            }
        }
        Some(Tag { name, closing, length: input.len() })
    }
}

/// Skips past `</name>` (case-insensitive), or to the end when it never closes.
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    for (at, _) in rest.match_indices("</") {
        let after = &rest.as_bytes()[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            let tail = &rest[at..];
            return tail.find('>').map_or("", |end| &tail[end + 1..]);
        }
    }
    ""
}

/// Appends text with its character references decoded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|at| at + 1);
        let reference = end.filter(|&end| rest.as_bytes()[end] == b';').map(|end| &rest[1..end]);
        match reference.and_then(resolve) {
            Some(c) => {
                out.push(c);
                rest = &rest[reference.map_or(0, str::len) + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn resolve(reference: &str) -> Option<char> {
    if let Some(number) = reference.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'));
    }
    let c = match reference {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "middot" => '·',
        "bull" => '•',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "copy" => '©',
        "reg" => '®',
        "yen" => '¥',
        _ => return None,
    };
    Some(c)
}

/// Runs of spaces become one space, lines are trimmed, empty lines dropped.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let words: Vec<&str> = line.split([' ', '\t', '\u{A0}']).filter(|word| !word.is_empty()).collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_scripts_styles_and_comments_are_removed_and_blocks_become_lines() {
        let html = r#"<!DOCTYPE html><html><head><title>政府信息公开</title>
            <style>p { color: red }</style><script>var s = "<p>不是正文</p>";</script></head>
            <body><!-- 注释 --><div class="x" data-a='>'>第一段<br>第二段</div>
            <table><tr><td>申请</td><td>答复</td></tr></table><SCRIPT>alert(1)</SCRIPT></body></html>"#;
        assert_eq!(to_text(html), "政府信息公开\n第一段\n第二段\n申请 答复");
    }

    #[test]
    fn character_references_are_decoded_and_stray_ampersands_and_brackets_kept() {
        assert_eq!(
            to_text("&lt;公开&gt; &amp; &#20844;&#x5F00; &ldquo;办&rdquo; AT&T a < b &unknown;"),
            "<公开> & 公开 “办” AT&T a < b &unknown;"
        );
    }

    #[test]
    fn the_declared_charset_is_read_from_a_meta_tag() {
        assert_eq!(
            declared_charset(br#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#),
            Some(encoding_rs::GBK)
        );
        assert_eq!(declared_charset(br#"<meta charset="big5">"#), Some(encoding_rs::BIG5));
        assert_eq!(declared_charset(b"<p>no declaration</p>"), None);
    }
}
