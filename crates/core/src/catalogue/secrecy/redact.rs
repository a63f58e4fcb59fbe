//! Masking hits for display and for redacted publication.
//!
//! Each hit becomes a mask of the same number of characters, so layout and offsets in characters
//! stay as they were:
//! - ID, passport, mobile and bank-card numbers keep their first 3 and last 2 characters; the rest
//!   becomes `＊` (`110＊＊＊＊＊＊＊＊＊＊＊＊＊2X`); a prefix such as `+86` counts as characters;
//! - plates keep the province and office letter (`川A＊＊＊＊＊`);
//! - house numbers lose their digits only (`＊＊号＊栋＊单元＊＊＊室`);
//! - names keep their first character (`张＊`);
//! - e-mail addresses keep everything from `@` and, when the local part is longer than one
//!   character, its first character (`z＊＊＊＊@qq.com`, `＊@qq.com`);
//! - 密级 markings are masked whole, brackets and terms included.
//!
//! Scanning the redacted text again finds nothing (a property test holds the rules to it; that is
//! why the full-width `＊` is not read as a star in markings).

use super::{Hit, HitKind};

/// The mask character (full-width asterisk).
pub const MASK: char = '＊';

/// `text` with every hit masked. Hits are taken in text order; a hit that overlaps an earlier
/// one, falls outside `text`, or does not match `text` at its offsets is ignored.
pub fn redact(text: &str, hits: &[Hit]) -> String {
    let mut hits: Vec<&Hit> = hits.iter().collect();
    hits.sort_by_key(|h| (h.start, h.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for hit in hits {
        if hit.start < cursor || text.get(hit.start..hit.end) != Some(hit.text.as_str()) || hit.start == hit.end {
            continue;
        }
        out.push_str(&text[cursor..hit.start]);
        out.push_str(&mask(hit.kind, &hit.text));
        cursor = hit.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// The mask of one hit's text, by the rules in the module docs.
pub fn mask(kind: HitKind, text: &str) -> String {
    let n = text.chars().count();
    let at = text.chars().position(|c| c == '@' || c == '＠').unwrap_or(n);
    let keep = |i: usize, c: char| match kind {
        HitKind::ResidentId | HitKind::PossibleResidentId | HitKind::Passport | HitKind::Mobile | HitKind::BankCard => {
            n > 5 && (i < 3 || i >= n - 2)
        }
        HitKind::LicencePlate => i < 2,
        HitKind::Address => super::text::digit_value(c).is_none(),
        HitKind::PersonName => i == 0 && n > 1,
        HitKind::Email => (i == 0 && at > 1) || i >= at,
        HitKind::Classification => false,
        // The "text" is the system's note on why the file could not be read: nothing to hide.
        HitKind::UnreadableFile => true,
    };
    text.chars().enumerate().map(|(i, c)| if keep(i, c) { c } else { MASK }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_three_first_and_two_last_characters() {
        assert_eq!(mask(HitKind::ResidentId, "11010519491231002X"), "110＊＊＊＊＊＊＊＊＊＊＊＊＊2X");
        assert_eq!(mask(HitKind::Mobile, "138-1234-5678"), "138＊＊＊＊＊＊＊＊78");
        assert_eq!(mask(HitKind::BankCard, "4111111111111111"), "411＊＊＊＊＊＊＊＊＊＊＊11");
    }

    #[test]
    fn emails_keep_the_first_character_and_the_domain_and_markings_go_whole() {
        assert_eq!(mask(HitKind::Email, "zhang@qq.com"), "z＊＊＊＊@qq.com");
        assert_eq!(mask(HitKind::Email, "z@qq.com"), "＊@qq.com");
        assert_eq!(mask(HitKind::Classification, "（秘密★1年）"), "＊＊＊＊＊＊＊");
    }

    #[test]
    fn the_mask_has_as_many_characters_as_the_hit() {
        for (kind, text) in
            [(HitKind::Mobile, "+86 138 1234 5678"), (HitKind::Email, "a@b.cn"), (HitKind::BankCard, "12")]
        {
            assert_eq!(mask(kind, text).chars().count(), text.chars().count());
        }
    }
}
