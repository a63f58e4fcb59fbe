//! Chinese word segmentation for the `title`, `body` and `attachment` fields, and the matching
//! analysis of query words.
//!
//! Owns the rule that index and query see the same tokens:
//! - jieba **search mode**, HMM off (HMM guesses new words from context, so the same characters
//!   could be cut differently in a document and in a query);
//! - a token is kept only if it has a letter or digit (punctuation such as 《》〔〕， is dropped);
//! - token text is normalised: full-width ASCII → ASCII, ASCII lower-cased;
//! - a token's position is its character offset (jieba's `start`), so a phrase query whose terms
//!   carry their character offsets in the query word matches exactly adjacent words.
//!
//! Search mode indexes a long dictionary word together with its two- and three-character
//! dictionary parts. A query word is therefore matched by its *finest* tokens
//! ([`QueryWord::required`]): 信息公开 requires 信息 and 公开, both of which a document
//! containing 政府信息公开 was indexed with.
//!
//! tantivy-jieba 0.21 is not used, though it builds with tantivy 0.27: with a custom dictionary
//! it owns its `Jieba` by value, and tantivy clones a field's tokenizer for every segment writer
//! and query-time analysis, each clone copying the dictionary (5.6 ms measured, release build);
//! and the filtering and full-width normalisation above would have to wrap it anyway. This
//! module does the same thing (jieba-rs search mode, character-offset positions) over one `Arc`.

use std::borrow::Cow;
use std::sync::Arc;

use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the tokenizer is registered in the index.
pub const NAME: &str = "gongkai_jieba";

/// A tantivy tokenizer over the shared [`Jieba`]; cloning it is an `Arc` clone.
#[derive(Clone)]
pub struct JiebaTokenizer {
    jieba: Arc<Jieba>,
}

impl JiebaTokenizer {
    pub fn new(jieba: Arc<Jieba>) -> Self {
        JiebaTokenizer { jieba }
    }
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = JiebaTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> JiebaTokenStream<'a> {
        let (text, offsets) = halfwidth(text);
        let spans = self
            .jieba
            .tokenize(&text, TokenizeMode::Search, false)
            .into_iter()
            .filter(|word| is_searchable(word.word))
            .map(|word| Span { byte_start: word.byte_start, byte_end: word.byte_end, start: word.start, end: word.end })
            .collect();
        JiebaTokenStream { text, offsets, spans, next: 0, token: Token::default() }
    }
}

struct Span {
    byte_start: usize,
    byte_end: usize,
    start: usize,
    end: usize,
}

/// The tokens of one text.
pub struct JiebaTokenStream<'a> {
    /// The text jieba cut: the input, or its half-width copy.
    text: Cow<'a, str>,
    /// For a half-width copy, the input's byte offset of each of the copy's byte offsets.
    offsets: Option<Vec<usize>>,
    spans: Vec<Span>,
    next: usize,
    token: Token,
}

impl TokenStream for JiebaTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(span) = self.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        let original = |byte: usize| self.offsets.as_ref().map_or(byte, |map| map[byte]);
        self.token.offset_from = original(span.byte_start);
        self.token.offset_to = original(span.byte_end);
        self.token.position = span.start;
        self.token.position_length = span.end - span.start;
        self.token.text.clear();
        self.token.text.push_str(&self.text[span.byte_start..span.byte_end]);
        self.token.text.make_ascii_lowercase();
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The text with full-width ASCII made half-width (so ２０２４ is cut like 2024), and, when
/// anything changed, the map from the copy's byte offsets back to the input's.
fn halfwidth(text: &str) -> (Cow<'_, str>, Option<Vec<usize>>) {
    if !text.chars().any(is_fullwidth_ascii) {
        return (Cow::Borrowed(text), None);
    }
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let c = if is_fullwidth_ascii(c) { normalise_char(c) } else { c };
        out.push(c);
        offsets.resize(out.len(), at);
    }
    offsets.push(text.len());
    (Cow::Owned(out), Some(offsets))
}

fn is_fullwidth_ascii(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}')
}

/// Whether a token carries meaning to search for (has a letter or digit, CJK included).
pub fn is_searchable(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// Full-width ASCII (ＡＢＣ１２３) → ASCII, then ASCII lower case.
pub fn normalise_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// How one whitespace-separated word of a user's query is matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// The finest tokens, left to right and not overlapping, each with its character offset in
    /// the word: all must occur in the document; at these offsets they form the word's phrase.
    pub required: Vec<(usize, String)>,
    /// Coarser tokens (dictionary words spanning several required ones, e.g. 政府信息公开):
    /// a document that has them as whole words ranks higher.
    pub whole: Vec<String>,
    /// Whether one token spans the whole word (it is a dictionary word, or a single token):
    /// then matching that token is as good as matching the phrase, and much cheaper.
    pub is_one_token: bool,
}

impl QueryWord {
    /// Segments `word` like the index does; the tokens that contain no other token, taken left
    /// to right without overlap, are required, the tokens containing others are `whole`.
    /// Returns `None` when the word has nothing searchable (only punctuation).
    pub fn analyse(jieba: &Arc<Jieba>, word: &str) -> Option<QueryWord> {
        let mut tokenizer = JiebaTokenizer::new(jieba.clone());
        let mut stream = tokenizer.token_stream(word);
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        while let Some(token) = stream.next() {
            let span = (token.position, token.position + token.position_length);
            if !spans.iter().any(|(s, e, _)| (*s, *e) == span) {
                spans.push((span.0, span.1, token.text.clone()));
            }
        }
        if spans.is_empty() {
            return None;
        }
        let contains_another =
            |s: usize, e: usize| spans.iter().any(|(s2, e2, _)| s <= *s2 && *e2 <= e && (*s2, *e2) != (s, e));
        let (mut finest, coarser): (Vec<_>, Vec<_>) = spans.iter().partition(|(s, e, _)| !contains_another(*s, *e));
        finest.sort();
        // Left to right, a finest token overlapping the one taken before is skipped: 人民政府
        // requires 人民 and 政府, not the 民政 in between, which a text cut as 人民|政府信息公开
        // does not have.
        let mut required = Vec::new();
        let mut covered_to = 0;
        for (s, e, text) in finest {
            if *s >= covered_to {
                required.push((*s, text.clone()));
                covered_to = *e;
            }
        }
        let word_start = spans.iter().map(|(s, _, _)| *s).min().unwrap_or(0);
        let word_end = spans.iter().map(|(_, e, _)| *e).max().unwrap_or(0);
        let is_one_token = spans.iter().any(|(s, e, _)| (*s, *e) == (word_start, word_end));
        let whole = coarser.into_iter().map(|(_, _, text)| text.clone()).collect();
        Some(QueryWord { required, whole, is_one_token })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::shared_jieba;

    fn tokens(text: &str) -> Vec<String> {
        let mut tokenizer = JiebaTokenizer::new(shared_jieba());
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn government_words_are_indexed_whole_and_in_parts() {
        let toks = tokens("关于做好政府信息公开工作的通知");
        for expected in ["政府信息公开", "政府", "信息", "公开", "工作", "通知"] {
            assert!(toks.contains(&expected.to_string()), "{expected} missing in {toks:?}");
        }
    }

    #[test]
    fn punctuation_is_dropped_and_ascii_normalised() {
        let toks = tokens("《条例》〔２０２４〕ＡＢＣ");
        assert!(toks.iter().all(|t| is_searchable(t)), "{toks:?}");
        assert!(toks.contains(&"2024".to_string()), "{toks:?}");
        assert!(toks.contains(&"abc".to_string()), "{toks:?}");
    }

    #[test]
    fn a_query_word_requires_its_finest_tokens() {
        let word = QueryWord::analyse(&shared_jieba(), "政府信息公开条例").unwrap();
        let required: Vec<&str> = word.required.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(required, ["政府", "信息", "公开", "条例"]);
        let offsets: Vec<usize> = word.required.iter().map(|(o, _)| *o).collect();
        assert_eq!(offsets, [0, 2, 4, 6]);
    }

    #[test]
    fn overlapping_finest_tokens_are_not_all_required() {
        let word = QueryWord::analyse(&shared_jieba(), "人民政府").unwrap();
        assert_eq!(word.required, [(0, "人民".to_string()), (2, "政府".to_string())]);
        assert_eq!(word.whole, ["人民政府"]);
        assert!(word.is_one_token);
        assert!(!QueryWord::analyse(&shared_jieba(), "信息公开条例").unwrap().is_one_token);
    }

    #[test]
    fn a_word_of_punctuation_has_nothing_to_search() {
        assert_eq!(QueryWord::analyse(&shared_jieba(), "\"():《》"), None);
    }
}
