//! The scanned text as indexed characters, with the digit tests every number rule shares.
//!
//! Rules work on character indices; [`Text::byte`] turns them into the byte offsets a [`Hit`]
//! carries. Full-width digits (`０`–`９`) count as digits, as they do in Chinese documents.
//!
//! [`Hit`]: super::Hit

/// A span of characters `[start, end)` found by a rule.
pub(super) type Span = (usize, usize);

pub(super) struct Text<'a> {
    src: &'a str,
    chars: Vec<(usize, char)>,
}

impl<'a> Text<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Self { src, chars: src.char_indices().collect() }
    }

    /// Number of characters.
    pub(super) fn len(&self) -> usize {
        self.chars.len()
    }

    pub(super) fn char(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|(_, c)| *c)
    }

    /// Whether character `i` is `c`.
    pub(super) fn is(&self, i: usize, c: char) -> bool {
        self.char(i) == Some(c)
    }

    /// Whether the characters from `i` on spell `word`.
    pub(super) fn starts_with(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, c)| self.is(i + k, c))
    }

    /// The byte offset of character `i` (the text's length for `i == len()`).
    pub(super) fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.src.len(), |(b, _)| *b)
    }

    /// The characters `[start, end)` as a string slice.
    pub(super) fn slice(&self, (start, end): Span) -> &'a str {
        &self.src[self.byte(start)..self.byte(end)]
    }

    /// The value of character `i` if it is a digit.
    pub(super) fn digit(&self, i: usize) -> Option<u8> {
        self.char(i).and_then(digit_value)
    }

    pub(super) fn is_digit(&self, i: usize) -> bool {
        self.digit(i).is_some()
    }

    /// Whether a digit run starts at `i` (a digit not preceded by one).
    pub(super) fn run_starts_at(&self, i: usize) -> bool {
        self.is_digit(i) && (i == 0 || !self.is_digit(i - 1))
    }

    /// The index just past the digit run starting at `i`.
    pub(super) fn run_end(&self, i: usize) -> usize {
        (i..self.len()).find(|&k| !self.is_digit(k)).unwrap_or(self.len())
    }

    /// The digit values of `[start, end)`, all of which must be digits.
    pub(super) fn digits(&self, start: usize, end: usize) -> Vec<u8> {
        (start..end).filter_map(|k| self.digit(k)).collect()
    }
}

impl Text<'_> {
    /// Whether character `i` is an ASCII letter or digit (or a full-width digit): what a code such
    /// as a passport or plate number is made of, so a match must not touch one.
    pub(super) fn is_alnum(&self, i: usize) -> bool {
        self.char(i).is_some_and(|c| c.is_ascii_alphanumeric()) || self.is_digit(i)
    }

    /// Whether character `i` is a Chinese character (CJK Unified Ideographs, basic block).
    pub(super) fn is_han(&self, i: usize) -> bool {
        self.char(i).is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Whether character `i` separates groups of a number typed in groups: a space (ASCII or
    /// full-width) or a dash.
    pub(super) fn is_separator(&self, i: usize) -> bool {
        matches!(self.char(i), Some(' ' | '-' | '－' | '\u{3000}'))
    }

    /// Every match, left to right, none overlapping: `at(i)` is the end of a match starting at
    /// character `i`, if one does; the search goes on after it.
    pub(super) fn matches(&self, at: impl Fn(usize) -> Option<usize>) -> Vec<Span> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.len() {
            match at(i) {
                Some(end) if end > i => {
                    found.push((i, end));
                    i = end;
                }
                _ => i += 1,
            }
        }
        found
    }

    /// The digit groups starting at `i` (a run start), each separated from the next by one
    /// separator: the end of each group. A trailing `X` after the last group is not included.
    pub(super) fn groups(&self, i: usize) -> Vec<usize> {
        let mut ends = vec![self.run_end(i)];
        while let Some(&end) = ends.last()
            && self.is_separator(end)
            && self.is_digit(end + 1)
            && ends.len() < 8
        {
            ends.push(self.run_end(end + 1));
        }
        ends
    }
}

/// `0`–`9` and full-width `０`–`９`.
pub(super) fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// `X` or `x`, full-width too: the check character 10 of a resident ID.
pub(super) fn is_x(c: Option<char>) -> bool {
    matches!(c, Some('X' | 'x' | 'Ｘ' | 'ｘ'))
}

/// The texts a rule's `find` finds in `s` (the rules' unit tests).
#[cfg(test)]
pub(super) fn found_by(find: fn(&Text) -> Vec<Span>, s: &str) -> Vec<String> {
    let t = Text::new(s);
    find(&t).into_iter().map(|span| t.slice(span).to_owned()).collect()
}
