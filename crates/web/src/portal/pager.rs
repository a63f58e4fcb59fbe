//! Page links for lists: the page number and links that keep the other query parameters.

/// What a list page shows below its items.
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// A page past the last was asked for (a stale link, a hand-typed number): the number asked,
    /// and the link to the last page, which the list says instead of showing no rows.
    pub beyond: Option<(i64, String)>,
}

impl Pager {
    /// `base` is the path with its query string without `page` (e.g. `/x?category=art20.1`).
    pub fn new(base: &str, page: i64, per_page: i64, total: i64) -> Self {
        let pages = ((total + per_page - 1) / per_page).max(1);
        let asked = page;
        let page = page.clamp(1, pages);
        let sep = if base.contains('?') { '&' } else { '?' };
        let link = |p: i64| format!("{base}{sep}page={p}");
        let beyond = (asked > pages).then(|| (asked, link(pages)));
        Self {
            page,
            pages,
            prev: (page > 1 && beyond.is_none()).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
            beyond,
        }
    }
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_link_to_their_neighbours_and_keep_the_filters() {
        let p = Pager::new("/a?category=art20.1", 2, 20, 45);
        assert_eq!(p.pages, 3);
        assert_eq!(p.prev.as_deref(), Some("/a?category=art20.1&page=1"));
        assert_eq!(p.next.as_deref(), Some("/a?category=art20.1&page=3"));
        assert_eq!(Pager::new("/a", 9, 20, 0).page, 1);
        assert_eq!(p.beyond, None);
        let past = Pager::new("/a?q=x", 9, 20, 45);
        assert_eq!(past.beyond, Some((9, "/a?q=x&page=3".to_owned())));
    }
}
