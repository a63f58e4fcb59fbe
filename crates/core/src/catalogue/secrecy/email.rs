//! E-mail addresses: `local@domain.tld`, found around each `@` (or full-width `＠`).
//!
//! The local part is ASCII letters, digits and `._%+-` (not starting or ending with a dot); the
//! domain is dot-separated labels of ASCII letters, digits and `-`, with at least one dot and a
//! final label of two or more letters. A dot or dash ending a sentence is not part of the domain.

use super::text::{Span, Text};

fn is_local(c: Option<char>) -> bool {
    matches!(c, Some(c) if c.is_ascii_alphanumeric() || "._%+-".contains(c))
}

fn is_domain(c: Option<char>) -> bool {
    matches!(c, Some(c) if c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

pub(super) fn find(text: &Text) -> Vec<Span> {
    let mut found = Vec::new();
    for at in (0..text.len()).filter(|&i| text.is(i, '@') || text.is(i, '＠')) {
        let mut start = at;
        while start > 0 && is_local(text.char(start - 1)) {
            start -= 1;
        }
        while start < at && text.is(start, '.') {
            start += 1;
        }
        let mut end = at + 1;
        while is_domain(text.char(end)) {
            end += 1;
        }
        while end > at + 1 && matches!(text.char(end - 1), Some('.' | '-')) {
            end -= 1;
        }
        if start < at && !text.is(at - 1, '.') && valid_domain(text.slice((at + 1, end))) {
            found.push((start, end));
        }
    }
    found
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<String> {
        super::super::text::found_by(find, s)
    }

    #[test]
    fn addresses_in_chinese_sentences_are_found_without_trailing_punctuation() {
        assert_eq!(found("请发送至zhang.san@example.gov.cn。"), ["zhang.san@example.gov.cn"]);
        assert_eq!(found("邮箱：12345@qq.com."), ["12345@qq.com"]);
        assert_eq!(found("邮箱gkb＠mail.cq.cn，"), ["gkb＠mail.cq.cn"]);
    }

    #[test]
    fn things_that_only_look_like_addresses_are_not_found() {
        assert!(found("@某某 你好").is_empty());
        assert!(found("a@localhost").is_empty());
        assert!(found("a@b.c").is_empty());
        assert!(found("x.@a.com").is_empty());
        assert!(found("价格@5.00元").is_empty());
    }
}
