//! [`ItemDoc`], what the catalogue hands to the index, and its mapping to a tantivy document.
//!
//! Owns the translation rules: the subject path is indexed at every level, the published date
//! must be `YYYY-MM-DD` (checked here, at the edge, and refused otherwise), the title and the
//! document number also go to the `exact` n-gram field (as separate values, so no bigram spans
//! both).

use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;

use crate::error::Error;
use crate::schema::Fields;

/// Separator of the levels of a 主题分类 path: `综合政务\政务公开`.
pub const SUBJECT_SEPARATOR: char = '\\';

/// One proactively disclosed item, as the search index sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDoc {
    pub id: i64,
    /// The publishing agency.
    pub agency_id: i64,
    /// The publishing agency and all its ancestors, for subtree filters.
    pub agency_ids: Vec<i64>,
    pub title: String,
    /// Plain text.
    pub body: String,
    /// 发文字号, e.g. 浩府发〔2024〕3号.
    pub doc_number: Option<String>,
    pub attachment_text: String,
    /// 索引号.
    pub index_number: String,
    /// Art. 20 category, e.g. `art20.1`.
    pub category: String,
    /// 主题分类 path, e.g. `综合政务\政务公开`; every level is indexed.
    pub subject: Option<String>,
    pub year: i32,
    /// 有效性: `in_force`, `expired`, `repealed`.
    pub validity: String,
    /// 文件类型: `rule`, `normative_document`, `other`.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub published: String,
    pub url: String,
}

impl ItemDoc {
    pub(crate) fn to_document(&self, f: &Fields) -> Result<TantivyDocument, Error> {
        let day = published_day(&self.published)
            .ok_or_else(|| Error::InvalidPublishedDate { id: self.id, value: self.published.clone() })?;
        let mut doc = TantivyDocument::default();
        doc.add_i64(f.id, self.id);
        for agency in &self.agency_ids {
            doc.add_i64(f.agency, *agency);
        }
        doc.add_i64(f.own_agency, self.agency_id);
        doc.add_text(f.category, &self.category);
        if let Some(subject) = &self.subject {
            for level in subject_levels(subject) {
                doc.add_text(f.subject, level);
            }
        }
        doc.add_i64(f.year, i64::from(self.year));
        doc.add_text(f.validity, &self.validity);
        doc.add_text(f.kind, &self.kind);
        doc.add_i64(f.published_day, day);
        doc.add_text(f.published, &self.published);
        doc.add_text(f.title, &self.title);
        doc.add_text(f.exact, &self.title);
        if let Some(number) = &self.doc_number {
            doc.add_text(f.exact, number);
            doc.add_text(f.doc_number, number);
        }
        doc.add_text(f.body, &self.body);
        doc.add_text(f.attachment, &self.attachment_text);
        doc.add_text(f.index_number, &self.index_number);
        doc.add_text(f.url, &self.url);
        Ok(doc)
    }
}

/// Every prefix of a subject path: `a\b\c` → `a`, `a\b`, `a\b\c`. Blank levels are ignored.
pub fn subject_levels(subject: &str) -> Vec<&str> {
    let subject = subject.trim_matches(SUBJECT_SEPARATOR);
    subject
        .match_indices(SUBJECT_SEPARATOR)
        .map(|(at, _)| &subject[..at])
        .chain(std::iter::once(subject))
        .filter(|level| !level.is_empty())
        .collect()
}

/// `YYYY-MM-DD` → `YYYYMMDD`, or `None` if it is not a plausible date.
pub(crate) fn published_day(date: &str) -> Option<i64> {
    let bytes = date.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let year: i64 = date[0..4].parse().ok()?;
    let month: i64 = date[5..7].parse().ok()?;
    let day: i64 = date[8..10].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(year * 10_000 + month * 100 + day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_path_is_indexed_at_every_level() {
        assert_eq!(subject_levels("综合政务\\政务公开"), ["综合政务", "综合政务\\政务公开"]);
        assert_eq!(subject_levels("综合政务"), ["综合政务"]);
        assert!(subject_levels("").is_empty());
    }

    #[test]
    fn a_published_date_sorts_as_an_integer() {
        assert_eq!(published_day("2024-03-09"), Some(20_240_309));
        assert_eq!(published_day("2024-3-9"), None);
        assert_eq!(published_day("2024-13-01"), None);
        assert_eq!(published_day("二〇二四年"), None);
    }
}
