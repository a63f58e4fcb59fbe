//! The public search page: the site-wide index, filtered by agency (with its subtree), Art. 20
//! category, 主题分类, year and validity; `/api/v1/search` runs the same [`run`].

use crate::extract::Query;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_core::calendar::iso_date;
use gongkai_core::catalogue::validity::{DocKind, Validity};
use gongkai_core::field::{FieldError, FieldErrors, optional_text};
use gongkai_core::law::categories::{self, Category};
use gongkai_search::{Facets, Hit, Query as SearchQuery, Sort};
use gongkai_store::Error;
use gongkai_store::agency::{self, Agency};
use serde::Deserialize;

use super::PageFrame;
use super::pager::{Pager, encode};
use super::preferences::Prefs;
use super::script;
use crate::error::{WebError, WebResult};
use crate::extract::shorten;
use crate::state::AppState;
use crate::view;

pub const PER_PAGE: usize = 20;

/// The search form and `/api/v1/search` as sent: every value a string, so an empty choice
/// (`year=`) means "any" and a bad one gets its own Chinese message.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SearchParams {
    pub q: String,
    /// An agency's credit code: its items and those of the agencies below it.
    pub agency: String,
    /// An Art. 20/21 category: its key (`art20.1`), short name or article text.
    pub category: String,
    /// A 主题分类 top level (`综合政务`) or path (`综合政务\政务公开`).
    pub subject: String,
    /// The year of the item (四位数字).
    pub year: String,
    /// 有效性: `in_force`/`有效`, `expired`/`失效`, `repealed`/`废止`.
    pub validity: String,
    /// 文件类型: `rule`/`规章`, `normative_document`/`行政规范性文件`, `other`/`其他`.
    pub kind: String,
    /// `1`: the agency's own items only, not those of the agencies below it.
    pub own: String,
    /// Published on or after (`YYYY-MM-DD`).
    pub from: String,
    /// Published on or before (`YYYY-MM-DD`).
    pub to: String,
    /// `newest` for newest first; otherwise by relevance.
    pub sort: String,
    /// API only: `1` to get the counts by filter value (the page always shows them).
    pub facets: String,
    pub page: Option<usize>,
}

/// The filters of a search, read and checked (the agency is looked up separately).
#[derive(Debug, Default, PartialEq)]
pub struct Filters {
    pub category: Option<&'static Category>,
    pub subject: Option<String>,
    pub year: Option<i32>,
    pub validity: Option<Validity>,
    pub kind: Option<DocKind>,
    pub own_only: bool,
    pub from: Option<time::Date>,
    pub to: Option<time::Date>,
    pub sort: Sort,
}

impl SearchParams {
    /// Reads the filters; each bad value is a field error naming the filter.
    pub fn filters(&self) -> Result<Filters, FieldErrors> {
        let mut e = FieldErrors::new();
        let category = match self.category.trim() {
            "" => None,
            c => categories::parse("category", c).map_err(|err| e.push(err)).ok(),
        };
        let subject = optional_text(&mut e, "subject", "主题分类", &self.subject, 100);
        let year = match self.year.trim() {
            "" => None,
            y => match y.parse::<i32>() {
                Ok(year) if (1949..=2100).contains(&year) => Some(year),
                _ => {
                    e.push(FieldError::new("year", "年份", format!("年份“{}”无效：应为四位数字，如2025", shorten(y))));
                    None
                }
            },
        };
        let validity = match self.validity.trim() {
            "" => None,
            v => v.parse::<Validity>().map_err(|err| e.push(err)).ok(),
        };
        let kind = match self.kind.trim() {
            "" => None,
            k => k.parse::<DocKind>().map_err(|err| e.push(err)).ok(),
        };
        let mut date = |field: &str, label: &str, value: &str| match value.trim() {
            "" => None,
            v => iso_date::parse(v).map_err(|err| e.push(FieldError::new(field, label, err.message_for(label)))).ok(),
        };
        let from = date("from", "起始日期", &self.from);
        let to = date("to", "截止日期", &self.to);
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            e.push(FieldError::new("to", "截止日期", "截止日期不能早于起始日期"));
        }
        let sort = match self.sort.trim() {
            "" | "relevance" => Sort::Relevance,
            "newest" => Sort::Newest,
            other => {
                e.push(FieldError::new(
                    "sort",
                    "排序",
                    format!("排序方式“{}”无效：应为按相关度或按日期", shorten(other)),
                ));
                Sort::Relevance
            }
        };
        let own_only = !self.own.trim().is_empty();
        e.into_result()?;
        Ok(Filters { category, subject, year, validity, kind, own_only, from, to, sort })
    }

    /// Whether any filter is chosen (then an empty query lists the items passing them).
    fn has_filters(&self) -> bool {
        [&self.agency, &self.category, &self.subject, &self.year, &self.validity, &self.kind, &self.from, &self.to]
            .iter()
            .any(|v| !v.trim().is_empty())
    }

    /// This search with one more filter chosen (from the first page).
    fn with(&self, key: &str, value: &str) -> SearchParams {
        let mut next = SearchParams { page: None, ..self.clone() };
        let slot = match key {
            "agency" => {
                next.own = "1".into();
                &mut next.agency
            }
            "category" => &mut next.category,
            "subject" => &mut next.subject,
            "year" => &mut next.year,
            "kind" => &mut next.kind,
            _ => &mut next.validity,
        };
        *slot = value.to_owned();
        next
    }

    /// The query string of the search without its page, for the page links.
    fn base(&self) -> String {
        let pairs = [
            ("q", &self.q),
            ("agency", &self.agency),
            ("category", &self.category),
            ("subject", &self.subject),
            ("year", &self.year),
            ("validity", &self.validity),
            ("kind", &self.kind),
            ("own", &self.own),
            ("from", &self.from),
            ("to", &self.to),
            ("sort", &self.sort),
        ];
        let query: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v.trim())))
            .collect();
        format!("/search?{}", query.join("&"))
    }
}

/// `YYYYMMDD` as the index keeps publication days.
fn day_number(date: time::Date) -> i64 {
    i64::from(date.year()) * 10_000 + i64::from(u8::from(date.month())) * 100 + i64::from(date.day())
}

/// One filter's values among the results, each a link narrowing the search to it (结果分布).
struct Refinement {
    label: &'static str,
    /// (value as shown, link, matches)
    values: Vec<(String, String, u64)>,
}

/// At most this many values per filter in the result overview (the filter's select has all).
const REFINE_VALUES: usize = 8;

#[derive(Template)]
#[template(path = "portal/search.html")]
struct SearchPage {
    chrome: PageFrame,
    params: SearchParams,
    agencies: Vec<Agency>,
    categories: &'static [Category],
    years: Vec<i32>,
    validities: [Validity; 3],
    kinds: [DocKind; 3],
    /// Whether a search ran (words or a filter); otherwise the page says what to type.
    searched: bool,
    total: usize,
    hits: Vec<Hit>,
    facets: Facets,
    pager: Pager,
    /// 热门搜索: shown on an empty search and when nothing was found.
    popular: Vec<String>,
    /// When words together found nothing: each word alone that finds something, with its count.
    words_alone: Vec<(String, usize)>,
}

impl SearchPage {
    fn search_link(&self, term: &str) -> String {
        format!("/search?q={}", encode(term))
    }

    /// `（3）` beside a filter value, once a search ran.
    fn count_of(&self, list: &[(String, u64)], value: &str) -> String {
        if self.searched { format!("（{}）", Facets::count(list, value)) } else { String::new() }
    }

    fn category_count(&self, key: &str) -> String {
        self.count_of(&self.facets.category, key)
    }

    fn validity_count(&self, v: &Validity) -> String {
        self.count_of(&self.facets.validity, v.as_str())
    }

    fn kind_count(&self, k: &DocKind) -> String {
        self.count_of(&self.facets.kind, k.as_str())
    }

    fn year_count(&self, year: &i32) -> String {
        let n = self.facets.year.iter().find(|(y, _)| *y == i64::from(*year)).map_or(0, |(_, n)| *n);
        if self.searched { format!("（{n}）") } else { String::new() }
    }

    /// An agency's own matches (not its subtree's), for the agency list.
    fn agency_count(&self, id: &i64) -> String {
        let n = self.facets.agency.iter().find(|(a, _)| a == id).map_or(0, |(_, n)| *n);
        if self.searched { format!("（本机关{n}）") } else { String::new() }
    }

    /// The filters chosen, as the closed panel's summary names them (2025年、法规文件).
    fn chosen(&self) -> String {
        let p = &self.params;
        let mut chosen: Vec<String> = Vec::new();
        if let Some(a) = self.agencies.iter().find(|a| a.credit_code == p.agency.trim()) {
            chosen.push(if p.own.is_empty() { a.name.clone() } else { format!("{}（不含下级）", a.name) });
        }
        if let Ok(f) = p.filters() {
            chosen.extend(f.category.map(|c| c.short.to_owned()));
            chosen.extend(f.subject);
            chosen.extend(f.year.map(|y| format!("{y}年")));
            match (f.from, f.to) {
                (Some(a), Some(b)) => chosen.push(format!("{}至{}", iso_date::format(a), iso_date::format(b))),
                (Some(a), None) => chosen.push(format!("{}起", iso_date::format(a))),
                (None, Some(b)) => chosen.push(format!("{}前", iso_date::format(b))),
                (None, None) => {}
            }
            chosen.extend(f.kind.map(|k| k.label().to_owned()));
            chosen.extend(f.validity.map(|v| v.label().to_owned()));
            if f.sort == Sort::Newest {
                chosen.push("按发布日期排序".into());
            }
        }
        chosen.join("、")
    }

    /// The overview beside the results: for each filter not yet chosen, its most frequent
    /// values with their counts, each a link to the search narrowed to it.
    fn refinements(&self) -> Vec<Refinement> {
        let p = &self.params;
        let link = |key: &str, value: &str| p.with(key, value).base();
        let top = |mut values: Vec<(String, String, u64)>| {
            values.retain(|v| v.2 > 0);
            values.sort_by_key(|v| std::cmp::Reverse(v.2));
            values.truncate(REFINE_VALUES);
            values
        };
        let mut groups = Vec::new();
        let mut group = |label, chosen: &str, values: Vec<(String, String, u64)>| {
            let values = top(values);
            if chosen.trim().is_empty() && !values.is_empty() {
                groups.push(Refinement { label, values });
            }
        };
        let f = &self.facets;
        group(
            "公开类别",
            &p.category,
            f.category
                .iter()
                .filter_map(|(key, n)| categories::by_key(key).map(|c| (c.short.to_owned(), link("category", key), *n)))
                .collect(),
        );
        group(
            "主题分类",
            &p.subject,
            self.subjects().into_iter().map(|(s, n)| (s.to_owned(), link("subject", s), n)).collect(),
        );
        let mut years: Vec<_> =
            f.year.iter().map(|(y, n)| (format!("{y}年"), link("year", &y.to_string()), *n)).collect();
        years.truncate(REFINE_VALUES);
        group("年份", &p.year, years);
        group(
            "发布机关",
            &p.agency,
            f.agency
                .iter()
                .filter_map(|(id, n)| {
                    let a = self.agencies.iter().find(|a| a.id == *id)?;
                    Some((a.name.clone(), link("agency", &a.credit_code), *n))
                })
                .collect(),
        );
        group(
            "文件类型",
            &p.kind,
            DocKind::ALL
                .iter()
                .map(|k| (k.label().to_owned(), link("kind", k.as_str()), Facets::count(&f.kind, k.as_str())))
                .collect(),
        );
        group(
            "有效性",
            &p.validity,
            Validity::ALL
                .iter()
                .map(|v| (v.label().to_owned(), link("validity", v.as_str()), Facets::count(&f.validity, v.as_str())))
                .collect(),
        );
        groups
    }

    fn agency_name(&self, id: &i64) -> &str {
        self.agencies.iter().find(|a| a.id == *id).map_or("", |a| a.name.as_str())
    }

    /// The 主题分类 top levels among the matches, with their counts.
    fn subjects(&self) -> Vec<(&str, u64)> {
        let mut top: Vec<(&str, u64)> = self
            .facets
            .subject
            .iter()
            .filter(|(s, _)| !s.contains(gongkai_search::SUBJECT_SEPARATOR))
            .map(|(s, n)| (s.as_str(), *n))
            .collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        top
    }
}

/// Runs a search for the portal and the API. Each word also matches in simplified characters and
/// mainland phrasing (OpenCC Tw2sp, [`script::search_words`]): the catalogue is written in them,
/// and a visitor may type traditional ones or Taiwan phrases (政府資訊公開, on the 繁體 pages or
/// from a traditional input method). The word as typed still matches, since the tables also fold
/// characters simplified text keeps in names (乾县 → 干县). Neither words nor
/// filters: no results (the page explains what to type).
pub async fn run(
    state: &AppState,
    params: &SearchParams,
    per_page: usize,
    facets: bool,
) -> Result<gongkai_search::Results, Error> {
    let filters = params.filters().map_err(Error::Invalid)?;
    let agency = match params.agency.trim() {
        "" => None,
        code => Some(agency::by_code(&state.db, code).await?.id),
    };
    let page = gongkai_core::field::page_number(params.page.map(|p| i64::try_from(p).unwrap_or(i64::MAX)))
        .map_err(|e| Error::Invalid(e.into()))?;
    let q: String = params.q.chars().take(200).collect();
    if q.trim().is_empty() && !params.has_filters() {
        return Ok(gongkai_search::Results::default());
    }
    let also_as = script::search_words(&q);
    let query = SearchQuery {
        q,
        also_as,
        agency,
        category: filters.category.map(|c| c.key.to_owned()),
        subject: filters.subject,
        year: filters.year,
        validity: filters.validity.map(|v| v.as_str().to_owned()),
        kind: filters.kind.map(|k| k.as_str().to_owned()),
        own_only: filters.own_only,
        from: filters.from.map(day_number),
        to: filters.to.map(day_number),
        sort: filters.sort,
        facets,
        page: page as usize,
        per_page,
    };
    let index = state.app.search.index.clone();
    tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| Error::Internal(format!("search: {e}")))?
        .map_err(|e| Error::Internal(format!("search: {e}")))
}

pub async fn page(
    State(state): State<AppState>,
    prefs: Prefs,
    Query(params): Query<SearchParams>,
) -> WebResult<Response> {
    let results = run(&state, &params, PER_PAGE, true).await.map_err(WebError::App)?;
    let pager = Pager::new(&params.base(), params.page.unwrap_or(1) as i64, PER_PAGE as i64, results.total as i64);
    let words = params.q.split_whitespace().count();
    let agencies = agency::all(&state.db).await?;
    let within = agencies.iter().find(|a| a.credit_code == params.agency.trim()).map(|a| a.id);
    if results.total > 0 && params.page.unwrap_or(1) == 1 {
        state.app.search.log.note(within, &params.q);
    }
    let mut words_alone = Vec::new();
    if results.total == 0 && words > 1 {
        for word in params.q.split_whitespace().take(5) {
            let alone = SearchParams { q: word.to_owned(), page: None, ..params.clone() };
            let n = run(&state, &alone, 1, false).await.map_err(WebError::App)?.total;
            if n > 0 {
                words_alone.push((word.to_owned(), n));
            }
        }
    }
    let popular = if results.total == 0 {
        gongkai_app::search_log::popular(&state.app, within, 8).await.map_err(WebError::App)?
    } else {
        Vec::new()
    };
    let this_year = gongkai_store::timestamp::today_in_china().year();
    let page = SearchPage {
        chrome: PageFrame::new(&state.site, None, prefs),
        agencies,
        categories: categories::ALL,
        years: (2008..=this_year).rev().collect(),
        validities: Validity::ALL,
        kinds: DocKind::ALL,
        facets: results.facets.unwrap_or_default(),
        searched: !params.q.trim().is_empty() || params.has_filters(),
        params,
        total: results.total,
        hits: results.hits,
        pager,
        popular,
        words_alone,
    };
    Ok(view::page(&page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_read_by_key_or_label_and_a_bad_one_names_itself() {
        let params = SearchParams {
            category: "法规文件".into(),
            year: " 2025 ".into(),
            validity: "有效".into(),
            ..Default::default()
        };
        let f = params.filters().unwrap();
        assert_eq!(f.category.map(|c| c.key), Some("art20.1"));
        assert_eq!((f.year, f.validity), (Some(2025), Some(Validity::InForce)));
        assert_eq!(SearchParams::default().filters().unwrap(), Filters::default());
        let bad =
            SearchParams { year: "abc".into(), category: "art99".into(), validity: "x".into(), ..Default::default() };
        let e = bad.filters().unwrap_err();
        assert_eq!(e.get("year"), Some("年份“abc”无效：应为四位数字，如2025"));
        assert!(e.get("category").unwrap().starts_with("公开类别“art99”不存在"));
        assert!(e.get("validity").unwrap().starts_with("有效性“x”不正确"));
        assert!(SearchParams { year: "1800".into(), ..Default::default() }.filters().is_err());
    }

    #[test]
    fn page_links_keep_every_filter_chosen() {
        let params = SearchParams { q: "低保 标准".into(), year: "2025".into(), ..Default::default() };
        assert_eq!(params.base(), "/search?q=%E4%BD%8E%E4%BF%9D%20%E6%A0%87%E5%87%86&year=2025");
    }
}
