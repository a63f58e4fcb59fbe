//! [`Query`], what a search form asks, and its translation into a tantivy query.
//!
//! Owns the matching rules:
//! - the text is plain text, never query syntax: quotes, colons, brackets, `AND`, `*` are
//!   characters like any other (punctuation is dropped by the analysis);
//! - the text is split on whitespace into words; **every word must match** (AND), in the form
//!   typed or in its alternative form ([`Query::also_as`]), a word matching when all its finest jieba tokens occur in the item (title, body or attachment, in
//!   any mix), or it occurs as a substring of the title or document number (the `exact` n-gram
//!   field), or it is the whole index number (not n-grams: its digit bigrams would be in every
//!   item and made the two-word queries of the benchmark ~25% slower);
//! - ranking adds field boosts (title > body > attachment, an exact title/文号 substring highest)
//!   and exactness boosts: the word's whole dictionary words in the body, and the word as a body
//!   phrase when no single token spans it (see `exactness_boosts` for the cost);
//! - filters restrict without scoring; with no words the result is every item passing them,
//!   newest first; [`Sort::Newest`] orders by date even with words.
//!
//! Input is bounded ([`MAX_QUERY_CHARS`], [`MAX_TERMS`]) so that a pasted page cannot make one
//! search arbitrarily expensive.

use std::sync::Arc;

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};
use std::ops::Bound;
use tantivy::Term;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query as TantivyQuery, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::jieba_tokenizer::{QueryWord, normalise_char};
use crate::ngram_tokenizer;
use crate::schema::Fields;

/// Characters of `q` looked at; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 256;
/// Tokens required across all words; tokens beyond this budget are ignored.
pub const MAX_TERMS: usize = 64;

const TITLE_BOOST: f32 = 4.0;
const EXACT_BOOST: f32 = 3.0;
const BODY_BOOST: f32 = 1.0;
const ATTACHMENT_BOOST: f32 = 0.2;
const BODY_PHRASE_BOOST: f32 = 1.0;
const WHOLE_WORD_BOOST: f32 = 0.5;

/// A search as the portal or the admin asks it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// Plain text; may be empty (then the filters alone list items, newest first).
    pub q: String,
    /// The same words written another way, word for word (the portal passes `q` in simplified
    /// characters, for a visitor who typed traditional ones); each word then matches in either
    /// form, so 乾县 still finds 乾县 though OpenCC folds it to 干县. Ignored when empty, equal
    /// to `q` or not of the same number of words.
    pub also_as: String,
    /// Items of this agency or any agency below it.
    pub agency: Option<i64>,
    /// With [`Query::agency`]: that agency's own items only, not those of the agencies below it.
    pub own_only: bool,
    /// Art. 20 category, e.g. `art20.1`.
    pub category: Option<String>,
    /// A 主题分类 top level (`综合政务`) or a path below it (`综合政务\政务公开`).
    pub subject: Option<String>,
    pub year: Option<i32>,
    /// `in_force`, `expired`, `repealed`.
    pub validity: Option<String>,
    /// 文件类型: `rule`, `normative_document`, `other`.
    pub kind: Option<String>,
    /// Published on or after this day (`YYYYMMDD`).
    pub from: Option<i64>,
    /// Published on or before this day (`YYYYMMDD`).
    pub to: Option<i64>,
    /// Relevance (the default when there are words) or newest first.
    pub sort: Sort,
    /// Whether to count the matches by filter value ([`crate::Facets`]); costs a pass over
    /// the matches' fast fields, so only the search page asks.
    pub facets: bool,
    /// 1-based; 0 is read as 1.
    pub page: usize,
    /// Hits per page; clamped to 1..=[`crate::MAX_PER_PAGE`].
    pub per_page: usize,
}

/// The order of the results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (newest first among equals, and when there are no words).
    #[default]
    Relevance,
    /// Newest publication first.
    Newest,
}

/// A query ready to run: the tantivy query, whether it ranks by relevance, and the strings to
/// highlight in snippets.
pub(crate) struct Compiled {
    pub query: Box<dyn TantivyQuery>,
    pub ranked: bool,
    pub highlight: Vec<String>,
}

pub(crate) fn compile(query: &Query, f: &Fields, jieba: &Arc<Jieba>) -> Compiled {
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = filters(query, f)
        .into_iter()
        .map(|filter| (Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0)) as _))
        .collect();
    let text: String = query.q.chars().take(MAX_QUERY_CHARS).collect();
    let also: String = query.also_as.chars().take(MAX_QUERY_CHARS).collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut alternatives: Vec<Option<&str>> = also.split_whitespace().map(Some).collect();
    if alternatives.len() != words.len() {
        alternatives = vec![None; words.len()];
    }
    let mut highlight = Vec::new();
    let mut budget = MAX_TERMS;
    let mut ranked = false;
    for (word, alternative) in words.into_iter().zip(alternatives) {
        let forms = std::iter::once(word).chain(alternative.filter(|a| *a != word));
        let mut either: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for form in forms {
            if budget == 0 {
                break;
            }
            let Some(mut analysed) = QueryWord::analyse(jieba, form) else {
                continue;
            };
            if analysed.required.len() > budget {
                // A pasted paragraph: keep its first tokens, as a search engine keeps the first words.
                analysed.required.truncate(budget);
                analysed.whole.clear();
                analysed.is_one_token = false;
            }
            budget -= analysed.required.len();
            either.push((Occur::Should, word_match(f, form, &analysed)));
            clauses.extend(exactness_boosts(f, &analysed));
            highlight.extend(analysed.required.into_iter().map(|(_, token)| token));
            highlight.extend(analysed.whole);
        }
        if !either.is_empty() {
            ranked = true;
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(either))));
        }
    }
    // Newest first orders by date even when there are words to rank by.
    let ranked = ranked && query.sort == Sort::Relevance;
    let query: Box<dyn TantivyQuery> =
        if clauses.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(clauses)) };
    highlight.sort();
    highlight.dedup();
    Compiled { query, ranked, highlight }
}

fn filters(query: &Query, f: &Fields) -> Vec<Box<dyn TantivyQuery>> {
    let mut terms = Vec::new();
    if let Some(agency) = query.agency {
        let field = if query.own_only { f.own_agency } else { f.agency };
        terms.push(Term::from_field_i64(field, agency));
    }
    if let Some(category) = &query.category {
        terms.push(Term::from_field_text(f.category, category));
    }
    if let Some(subject) = &query.subject {
        let subject = subject.trim_matches(crate::item::SUBJECT_SEPARATOR);
        terms.push(Term::from_field_text(f.subject, subject));
    }
    if let Some(year) = query.year {
        terms.push(Term::from_field_i64(f.year, i64::from(year)));
    }
    if let Some(validity) = &query.validity {
        terms.push(Term::from_field_text(f.validity, validity));
    }
    if let Some(kind) = &query.kind {
        terms.push(Term::from_field_text(f.kind, kind));
    }
    let mut filters: Vec<Box<dyn TantivyQuery>> =
        terms.into_iter().map(|term| Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as _).collect();
    if query.from.is_some() || query.to.is_some() {
        let bound = |day: Option<i64>| match day {
            Some(day) => Bound::Included(Term::from_field_i64(f.published_day, day)),
            None => Bound::Unbounded,
        };
        filters.push(Box::new(RangeQuery::new(bound(query.from), bound(query.to))));
    }
    filters
}

/// The word matches through its jieba tokens (all of them, each in some text field), as a
/// substring of the title / document number, or as the whole index number.
fn word_match(f: &Fields, word: &str, analysed: &QueryWord) -> Box<dyn TantivyQuery> {
    let all_tokens: Vec<(Occur, Box<dyn TantivyQuery>)> = analysed
        .required
        .iter()
        .map(|(_, token)| {
            let in_any_field: Vec<(Occur, Box<dyn TantivyQuery>)> =
                [(f.title, TITLE_BOOST), (f.body, BODY_BOOST), (f.attachment, ATTACHMENT_BOOST)]
                    .into_iter()
                    .map(|(field, boost)| (Occur::Should, boosted(term_query(field, token), boost)))
                    .collect();
            (Occur::Must, Box::new(BooleanQuery::new(in_any_field)) as _)
        })
        .collect();
    let index_number: String = word.chars().map(normalise_char).collect();
    let mut either: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
        (Occur::Should, Box::new(BooleanQuery::new(all_tokens))),
        (Occur::Should, boosted(term_query(f.index_number, &index_number), EXACT_BOOST)),
    ];
    if let Some(exact) = phrase(f.exact, &ngram_tokenizer::query_terms(word)) {
        either.push((Occur::Should, boosted(exact, EXACT_BOOST)));
    }
    Box::new(BooleanQuery::new(either))
}

/// Optional clauses rewarding the word as written: its whole dictionary words (政府信息公开
/// rather than 政府 + 信息 + 公开) and, if no one token spans it, the word as a phrase in the
/// body. A phrase costs a position check per matching item (three times the latency of the
/// whole query at 100 000 items when the words are common), a whole-word term next to nothing,
/// so the phrase is used only where the term cannot stand in for it.
fn exactness_boosts(f: &Fields, analysed: &QueryWord) -> Vec<(Occur, Box<dyn TantivyQuery>)> {
    let mut boosts = Vec::new();
    if analysed.required.len() > 1
        && !analysed.is_one_token
        && let Some(body_phrase) = phrase(f.body, &analysed.required)
    {
        boosts.push((Occur::Should, boosted(body_phrase, BODY_PHRASE_BOOST)));
    }
    for whole in &analysed.whole {
        boosts.push((Occur::Should, boosted(term_query(f.body, whole), WHOLE_WORD_BOOST)));
    }
    boosts
}

/// A phrase of terms at the given offsets, a term query for one term, nothing for none.
fn phrase(field: Field, terms: &[(usize, String)]) -> Option<Box<dyn TantivyQuery>> {
    match terms {
        [] => None,
        [(_, only)] => Some(term_query(field, only)),
        _ => Some(Box::new(PhraseQuery::new_with_offset(
            terms.iter().map(|(offset, text)| (*offset, Term::from_field_text(field, text))).collect(),
        ))),
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

fn boosted(query: Box<dyn TantivyQuery>, boost: f32) -> Box<dyn TantivyQuery> {
    Box::new(BoostQuery::new(query, boost))
}
