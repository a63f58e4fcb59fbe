//! Character unigrams and bigrams for the `exact` field (title, document number, index number),
//! so that any substring of a title or an exact 文号 such as 浩府发〔2024〕3号 matches, whatever
//! jieba makes of it.
//!
//! Owns the normalisation both sides share: full-width ASCII → ASCII, ASCII lower case, every
//! bracket form used around a 文号 year (〔〕 [] ［］ 【】 () （） 〖〗 ｛｝) → 〔〕, and every other
//! character that is not a letter or digit dropped. So `浩府发[2024]3号` finds 浩府发〔2024〕3号,
//! and 〔2024〕3号 does not find 〔2024〕35号 (the bigram 3号 is missing).
//!
//! Invariant: at position `i` (the `i`-th kept character) the stream has the unigram of that
//! character and then, if there is a next one, the bigram starting there; a query word is the
//! phrase of its bigrams at offsets 0, 1, 2, … (or its unigram if it has one character).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::jieba_tokenizer::normalise_char;

/// Name under which the tokenizer is registered in the index.
pub const NAME: &str = "gongkai_ngram";

#[derive(Clone, Default)]
pub struct NgramTokenizer;

impl Tokenizer for NgramTokenizer {
    type TokenStream<'a> = NgramTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NgramTokenStream {
        let chars = kept_chars(text);
        let mut tokens = Vec::with_capacity(chars.len() * 2);
        for (i, &(c, from, to)) in chars.iter().enumerate() {
            tokens.push(Token {
                offset_from: from,
                offset_to: to,
                position: i,
                text: c.to_string(),
                position_length: 1,
            });
            if let Some(&(next, _, next_to)) = chars.get(i + 1) {
                tokens.push(Token {
                    offset_from: from,
                    offset_to: next_to,
                    position: i,
                    text: [c, next].iter().collect(),
                    position_length: 1,
                });
            }
        }
        NgramTokenStream { tokens, next: 0, token: Token::default() }
    }
}

pub struct NgramTokenStream {
    tokens: Vec<Token>,
    next: usize,
    token: Token,
}

impl TokenStream for NgramTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.get_mut(self.next) {
            Some(token) => {
                self.next += 1;
                std::mem::swap(&mut self.token, token);
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The kept, normalised characters of `text` with their byte ranges in it.
fn kept_chars(text: &str) -> Vec<(char, usize, usize)> {
    text.char_indices()
        .filter_map(|(at, c)| {
            let end = at + c.len_utf8();
            let c = match normalise_char(c) {
                '〔' | '[' | '【' | '(' | '（' | '〖' | '{' => '〔',
                '〕' | ']' | '】' | ')' | '）' | '〗' | '}' => '〕',
                c if c.is_alphanumeric() => c,
                _ => return None,
            };
            Some((c, at, end))
        })
        .collect()
}

/// The terms a query word is matched with, each with its offset: the bigrams of its kept
/// characters, or the single unigram of a one-character word. Empty if nothing is kept or the
/// word has no letter or digit (a lone bracket is not a search).
pub fn query_terms(word: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = kept_chars(word).into_iter().map(|(c, _, _)| c).collect();
    if !chars.iter().any(|c| c.is_alphanumeric()) {
        return Vec::new();
    }
    if chars.len() == 1 {
        return vec![(0, chars[0].to_string())];
    }
    chars.windows(2).enumerate().map(|(i, pair)| (i, pair.iter().collect())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(usize, String)> {
        let mut tokenizer = NgramTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.position, token.text.clone()));
        }
        out
    }

    #[test]
    fn bracket_forms_of_a_document_number_are_one_form() {
        assert_eq!(query_terms("浩府发[2024]3号"), query_terms("浩府发〔2024〕3号"));
        assert_eq!(query_terms("浩府发（2024）3号"), query_terms("浩府发〔2024〕3号"));
        assert_eq!(query_terms("浩府发［２０２４］３号"), query_terms("浩府发〔2024〕3号"));
    }

    #[test]
    fn a_title_is_indexed_as_unigrams_and_bigrams_at_character_positions() {
        assert_eq!(terms("《公开》"), [(0, "公".to_string()), (0, "公开".to_string()), (1, "开".to_string())]);
    }

    #[test]
    fn a_lone_bracket_is_not_a_search() {
        assert!(query_terms("〔").is_empty());
        assert!(query_terms("\"").is_empty());
        assert_eq!(query_terms("号"), [(0, "号".to_string())]);
    }
}
