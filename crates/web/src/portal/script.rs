//! The 繁體 view of a rendered portal page: OpenCC `S2t` (character level with its phrase table,
//! not regional vocabulary: 政府信息公开 → 政府信息公開, never 政府資訊公開) applied to the page's
//! text and to its human-readable attributes, and `<html lang="zh-Hant">`.
//!
//! Left exactly as they are: the markup, every URL (`href`, `src`, `action`), form values
//! (`value`, and the content of `<textarea>`: what a visitor typed stays as typed), `<script>`
//! and `<style>`, and any element marked as simplified Chinese (`lang="zh-Hans"` or `zh-CN`,
//! e.g. the 简体 switch itself). Text is converted as the HTML source has it: entities stay
//! entities, since the tables only touch Chinese characters.
//!
//! The other way, [`search_words`] (OpenCC `Tw2sp`, with Taiwan phrases) folds what a visitor
//! types into the search box, so that 政府資訊公開 and 政府信息公開 find the items written
//! 政府信息公开; [`to_simplified`] (`T2s`, characters only) is for text that must not change words.
//!
//! The tables are loaded once per process ([`OnceLock`], ~10 ms, at server start); converting a
//! page is a single pass of `lol_html` over it (release build on the 2-core CI machine: ~3 ms of
//! CPU for a 53 KB page, about 1 ms of it lol_html's pass and 2 ms OpenCC's).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use lol_html::html_content::{ContentType, Element, EndTag};
use lol_html::{RewriteStrSettings, doc_text, element, rewrite_str};

/// Attributes people read or hear (tooltips, alternative text, labels, meta descriptions).
const READABLE_ATTRIBUTES: [&str; 6] = ["title", "alt", "aria-label", "placeholder", "content", "label"];

fn s2t() -> &'static OpenCC {
    static CONVERTER: OnceLock<OpenCC> = OnceLock::new();
    CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).expect("the built-in S2t tables load"))
}

fn t2s() -> &'static OpenCC {
    static CONVERTER: OnceLock<OpenCC> = OnceLock::new();
    CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).expect("the built-in T2s tables load"))
}

fn tw2sp() -> &'static OpenCC {
    static CONVERTER: OnceLock<OpenCC> = OnceLock::new();
    CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::Tw2sp).expect("the built-in Tw2sp tables load"))
}

/// Loads the tables now rather than on the first 繁體 page or search (called when the server
/// starts).
pub fn warm_up() {
    s2t();
    t2s();
    tw2sp();
}

/// A search query in the words the catalogue is written in: OpenCC `Tw2sp`, traditional
/// characters *and* Taiwan phrases (資訊 → 信息, 軟體 → 软件), phrase by phrase from its tables,
/// so that 政府資訊公開 finds 政府信息公开. Whitespace is kept, so the words stay word for word
/// beside the query as typed.
pub fn search_words(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    tw2sp().convert(text)
}

/// Traditional to Simplified characters (OpenCC `T2s`) for a piece of plain text; simplified
/// text passes through unchanged.
pub fn to_simplified(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    t2s().convert(text)
}

/// Simplified to Traditional characters (OpenCC `S2t`) for a piece of plain text.
pub fn to_traditional(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    s2t().convert(text)
}

/// Whether `lang` marks text as simplified Chinese, which the conversion leaves alone.
fn is_simplified_lang(lang: &str) -> bool {
    let lang = lang.trim().to_ascii_lowercase();
    lang == "zh-cn" || lang == "zh-sg" || lang == "zh-hans" || lang.starts_with("zh-hans-")
}

/// The page `html` with its text and readable attributes in traditional characters. A page
/// lol_html cannot parse (it parses any text as HTML, so this does not happen in practice) is
/// returned unchanged rather than half converted.
pub fn page_to_traditional(html: &str) -> String {
    // Depth of elements whose content stays as it is (script, style, textarea, zh-Hans).
    let verbatim = Rc::new(Cell::new(0_u32));
    // A text node may arrive in several chunks; it is converted whole, at its last chunk, so
    // that OpenCC sees phrases that span a chunk boundary.
    let pending = RefCell::new(String::new());

    let keep_content = {
        let verbatim = Rc::clone(&verbatim);
        element!("script, style, textarea, [lang]", move |el: &mut Element| {
            let keep = match el.tag_name().as_str() {
                "script" | "style" | "textarea" => true,
                "html" => false,
                _ => el.get_attribute("lang").is_some_and(|l| is_simplified_lang(&l)),
            };
            if keep && el.can_have_content() {
                verbatim.set(verbatim.get() + 1);
                let verbatim = Rc::clone(&verbatim);
                el.on_end_tag(Box::new(move |_: &mut EndTag<'_>| {
                    verbatim.set(verbatim.get().saturating_sub(1));
                    Ok(())
                }))?;
            }
            Ok(())
        })
    };
    let attributes = {
        let verbatim = Rc::clone(&verbatim);
        element!("[title], [alt], [aria-label], [placeholder], meta[content], [label]", move |el: &mut Element| {
            let own_lang_simplified = el.get_attribute("lang").is_some_and(|l| is_simplified_lang(&l));
            if verbatim.get() > 0 || own_lang_simplified {
                return Ok(());
            }
            for name in READABLE_ATTRIBUTES {
                if name == "content" && el.tag_name() != "meta" {
                    continue;
                }
                if let Some(value) = el.get_attribute(name).filter(|v| !v.is_ascii()) {
                    el.set_attribute(name, &to_traditional(&value))?;
                }
            }
            Ok(())
        })
    };
    let lang = element!("html", |el: &mut Element| {
        el.set_attribute("lang", "zh-Hant")?;
        Ok(())
    });
    let text = doc_text!(|chunk| {
        if verbatim.get() > 0 {
            return Ok(());
        }
        let mut earlier = pending.borrow_mut();
        if !chunk.last_in_text_node() {
            earlier.push_str(chunk.as_str());
            chunk.remove();
        } else if earlier.is_empty() {
            if !chunk.as_str().is_ascii() {
                let converted = to_traditional(chunk.as_str());
                chunk.replace(&converted, ContentType::Html);
            }
        } else {
            earlier.push_str(chunk.as_str());
            let converted = to_traditional(&earlier);
            chunk.replace(&converted, ContentType::Html);
            earlier.clear();
        }
        Ok(())
    });

    let settings = RewriteStrSettings {
        element_content_handlers: vec![keep_content, attributes, lang],
        document_content_handlers: vec![text],
        ..RewriteStrSettings::new()
    };
    match rewrite_str(html, settings) {
        Ok(out) => out,
        Err(e) => {
            tracing::error!(error = %e, "繁體 conversion failed; the page is served in simplified characters");
            html.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s2t_converts_characters_not_regional_vocabulary() {
        assert_eq!(to_traditional("政府信息公开"), "政府信息公開");
        assert_eq!(to_traditional("依申请公开"), "依申請公開");
        assert_eq!(to_traditional("年度报告"), "年度報告");
        assert_eq!(to_traditional("发布"), "發佈", "s2t's phrase table");
        assert_eq!(to_traditional("后台"), "後臺");
        assert_eq!(to_traditional("软件"), "軟件", "s2t keeps the mainland word, s2twp would say 軟體");
    }

    #[test]
    fn t2s_folds_typed_traditional_text_and_leaves_simplified_alone() {
        assert_eq!(to_simplified("政府信息公開"), "政府信息公开");
        assert_eq!(to_simplified("臨時救助對象"), "临时救助对象");
        assert_eq!(to_simplified("临时救助对象公示 2025"), "临时救助对象公示 2025");
    }

    #[test]
    fn text_and_readable_attributes_are_converted_but_urls_and_values_are_not() {
        let page = r#"<!doctype html><html lang="zh-CN"><head><title>政府信息公开</title><meta name="Description" content="发布公告"></head><body><a href="/search?q=%E5%85%AC%E5%BC%80&amp;x=发布" title="信息发布">发布</a><img src="/发布.png" alt="图标"><input name="q" value="发布" placeholder="请输入关键词" aria-label="关键词"><textarea name="t">访问发布</textarea><form action="/发布"><button>查询</button></form></body></html>"#;
        let out = page_to_traditional(page);
        assert!(out.contains(r#"<html lang="zh-Hant">"#), "{out}");
        assert!(out.contains("<title>政府信息公開</title>"), "{out}");
        assert!(out.contains(&format!(r#"content="{}""#, to_traditional("发布公告"))), "{out}");
        assert!(out.contains(r#"href="/search?q=%E5%85%AC%E5%BC%80&amp;x=发布""#), "href unchanged: {out}");
        assert!(out.contains(r#"src="/发布.png""#) && out.contains(r#"action="/发布""#), "{out}");
        assert!(out.contains(r#"value="发布""#), "typed values stay: {out}");
        assert!(out.contains(">访问发布</textarea>"), "textarea content stays: {out}");
        assert!(
            out.contains(r#"placeholder="請輸入關鍵詞""#)
                && out.contains(r#"aria-label="關鍵詞""#)
                && out.contains(r#"alt="圖標""#),
            "{out}"
        );
        assert!(out.contains(&format!(r#"title="{}""#, to_traditional("信息发布"))), "{out}");
        assert!(out.contains("<button>查詢</button>"), "{out}");
    }

    #[test]
    fn scripts_styles_and_simplified_marked_elements_stay_as_they_are() {
        let page = r#"<html lang="zh-CN"><style>.a::after{content:"发布"}</style><script>var s = "发布";</script><p>发布<a lang="zh-Hans" href="/p" title="简体">简体</a>发布</p><span lang="zh-CN"><b>发布</b></span><i>发布</i></html>"#;
        let out = page_to_traditional(page);
        let published = to_traditional("发布");
        assert!(out.contains(r#"content:"发布""#) && out.contains(r#"var s = "发布";"#), "{out}");
        assert!(out.contains(r#"<a lang="zh-Hans" href="/p" title="简体">简体</a>"#), "{out}");
        assert!(out.contains("<b>发布</b>"), "nested in zh-CN: {out}");
        assert!(out.contains(&format!("<p>{published}<a")) && out.contains(&format!("</a>{published}</p>")), "{out}");
        assert!(out.contains(&format!("<i>{published}</i>")), "after the marked element: {out}");
    }

    #[test]
    fn entities_and_markup_survive_and_a_second_pass_changes_nothing() {
        let page = "<html><body><p>甲&amp;乙 &lt;通知&gt; &nbsp;发布</p><p>Only ASCII &amp; more</p></body></html>";
        let once = page_to_traditional(page);
        assert!(once.contains("甲&amp;乙 &lt;通知&gt; &nbsp;"), "{once}");
        assert!(once.contains("<p>Only ASCII &amp; more</p>"), "{once}");
        assert_eq!(page_to_traditional(&once), once);
    }

    #[test]
    fn a_50_kb_page_converts_in_milliseconds_once_the_tables_are_loaded() {
        let row = r#"<tr><td>11500233000000001L/2025-00012</td><td><a href="/items/12" title="关于发布浩县2025年政府信息公开工作要点的通知">关于发布浩县2025年政府信息公开工作要点的通知</a></td><td>浩府办发〔2025〕3号</td><td>2025-03-01</td></tr>"#;
        let page = format!(
            "<!doctype html><html lang=\"zh-CN\"><body><table>{}</table></body></html>",
            row.repeat(50_000 / row.len())
        );
        warm_up();
        let started = std::time::Instant::now();
        let out = page_to_traditional(&page);
        let took = started.elapsed();
        println!("converted {} KB in {took:?}", page.len() / 1024);
        assert!(out.contains("關於發佈浩縣2025年政府信息公開工作要點的通知"), "{}", &out[..400]);
        // A guard against pathological regressions (tables reloaded per page), not a benchmark:
        // a release build converts a 53 KB portal page with ~3 ms of CPU (see the module doc).
        assert!(took < std::time::Duration::from_millis(500), "{took:?}");
    }

    #[test]
    fn a_long_text_node_split_into_chunks_is_converted_whole() {
        let long = "政府信息公开".repeat(5000);
        let out = page_to_traditional(&format!("<p>{long}</p>"));
        assert_eq!(out, format!("<p>{}</p>", "政府信息公開".repeat(5000)));
    }
}
