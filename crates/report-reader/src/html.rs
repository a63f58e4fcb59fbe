//! HTML pages to lines of text: every table row becomes one pipe-separated line
//! (`| 予以公开 | 5 | 0 | … |`, the innermost table winning when a page lays itself out with
//! tables), block elements start new lines, and page chrome that the markup names (scripts,
//! styles, `nav`, `header`, `footer`, `aside`, elements whose class or id says navigation,
//! breadcrumb, menu, footer or copyright) is dropped.
//!
//! The tree is walked iteratively, so deeply nested markup cannot exhaust the stack; markup
//! nested deeper than any real page (where an HTML5 parser's scope checks turn quadratic) is
//! read by a linear tag-stripping fallback instead.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Whether `text` looks like an HTML page or fragment rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect::<String>().to_ascii_lowercase();
    ["<html", "<!doctype", "<table", "<body", "<div", "<p>", "<p ", "<td", "<tr", "<br"]
        .iter()
        .any(|tag| head.contains(tag))
}

const SKIPPED: [&str; 13] = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "iframe", "select", "button", "svg", "template",
    "head",
];
const CHROME_ATTRS: [&str; 8] = ["nav", "menu", "footer", "breadcrumb", "crumb", "copyright", "sidebar", "share"];
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
    "center",
    "form",
    "title",
];

/// Nesting deeper than this is not a real page.
const MAX_DEPTH: usize = 256;

/// The lines of an HTML document.
pub fn to_lines(text: &str) -> Vec<String> {
    if nesting_depth(text) > MAX_DEPTH {
        return stripped_lines(text);
    }
    let doc = Html::parse_document(text);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut skip_depth = 0usize;
    // Open rows (cells so far) and open cells (text so far), innermost last.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let flush = |current: &mut String, lines: &mut Vec<String>| {
        let line = current.trim();
        if !line.is_empty() {
            lines.push(line.to_owned());
        }
        current.clear();
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if skip_depth > 0 || is_chrome(name, e.attr("class"), e.attr("id")) {
                        skip_depth += 1;
                        continue;
                    }
                    match name {
                        "tr" => {
                            // A table inside a cell: what the cell held so far is a line of its own.
                            if let Some(cell) = cells.last_mut() {
                                let text = std::mem::take(cell);
                                flush(&mut text.clone(), &mut lines);
                            }
                            flush(&mut current, &mut lines);
                            rows.push(Vec::new());
                        }
                        "td" | "th" => cells.push(String::new()),
                        _ if BLOCKS.contains(&name) => match cells.last_mut() {
                            Some(cell) => cell.push(' '),
                            None => flush(&mut current, &mut lines),
                        },
                        _ => {}
                    }
                }
                Node::Text(t) => {
                    if skip_depth > 0 {
                        continue;
                    }
                    match cells.last_mut() {
                        Some(cell) => cell.push_str(t),
                        None => current.push_str(t),
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else { continue };
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.name() {
                    "td" | "th" => {
                        let cell = cells.pop().unwrap_or_default();
                        let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
                        match rows.last_mut() {
                            Some(row) => row.push(cell),
                            None => current.push_str(&format!(" {cell} ")),
                        }
                    }
                    "tr" => {
                        if let Some(row) = rows.pop()
                            && row.iter().any(|c| !c.is_empty())
                        {
                            lines.push(format!("| {} |", row.join(" | ")));
                        }
                    }
                    name if BLOCKS.contains(&name) && cells.is_empty() => flush(&mut current, &mut lines),
                    _ => {}
                }
            }
        }
    }
    flush(&mut current, &mut lines);
    lines.into_iter().map(|l| l.split(['\n', '\r']).map(str::trim).collect::<Vec<_>>().join(" ")).collect()
}

/// How deep the tags nest (an estimate from open and close tags, in one pass).
fn nesting_depth(text: &str) -> usize {
    const VOID: [&str; 8] = ["br", "img", "hr", "meta", "link", "input", "col", "wbr"];
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(lt) = text[i..].find('<') {
        let start = i + lt + 1;
        let end = text[start..].find('>').map_or(text.len(), |e| start + e);
        let tag = &text[start..end];
        i = (end + 1).min(text.len());
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) && !tag.ends_with('/') {
            let name: String =
                tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
            if !VOID.contains(&name.as_str()) {
                depth += 1;
                max = max.max(depth);
            }
        }
        if i >= bytes.len() {
            break;
        }
    }
    max
}

/// The linear fallback: tags stripped, rows and blocks to lines, cells to `|`.
fn stripped_lines(text: &str) -> Vec<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
        let closing = rest[lt + 1..].starts_with('/');
        let name: String = rest[lt + 1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "td" | "th" if !closing => out.push_str(" | "),
            "td" | "th" => {}
            n if n == "tr" || BLOCKS.contains(&n) => out.push('\n'),
            _ => {}
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let out = out.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    out.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

fn is_chrome(name: &str, class: Option<&str>, id: Option<&str>) -> bool {
    if SKIPPED.contains(&name) {
        return true;
    }
    if matches!(name, "td" | "th" | "tr" | "table" | "tbody" | "thead" | "html" | "body") {
        return false;
    }
    [class, id].into_iter().flatten().any(|a| {
        let a = a.to_ascii_lowercase();
        CHROME_ATTRS.iter().any(|c| a.contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_become_pipe_lines_and_chrome_goes() {
        let html = r#"<html><head><title>t</title><script>var x = 1;</script></head><body>
            <div class="nav">首页 | 政务公开</div>
            <p>一、总体情况</p><p>正文<br>第二行</p>
            <table><tr><td rowspan="2">三、本年度办理结果</td><td>(一)予以公开</td><td>5</td><td>0</td></tr></table>
            <footer>版权所有 2024</footer></body></html>"#;
        assert_eq!(to_lines(html), ["一、总体情况", "正文", "第二行", "| 三、本年度办理结果 | (一)予以公开 | 5 | 0 |"]);
    }

    #[test]
    fn absurdly_deep_markup_is_read_by_the_linear_fallback() {
        let html = format!("{}<table><tr><td>规章</td><td>0</td></tr></table>", "<div>".repeat(10_000));
        assert_eq!(to_lines(&html), ["| 规章 | 0"]);
    }

    #[test]
    fn a_table_laid_out_inside_a_layout_table_keeps_its_rows() {
        let html = "<table><tr><td>标题<table><tr><td>规章</td><td>0</td></tr><tr><td>行政许可</td><td>62</td></tr></table></td></tr></table>";
        let lines = to_lines(html);
        assert!(lines.contains(&"| 规章 | 0 |".to_string()), "{lines:?}");
        assert!(lines.contains(&"| 行政许可 | 62 |".to_string()), "{lines:?}");
    }
}
