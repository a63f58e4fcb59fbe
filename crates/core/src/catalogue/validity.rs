//! Whether a published document is still in force (有效性) and what kind of document it is
//! (文件类型). The 2021 annual report counts 规章 and 行政规范性文件 issued, repealed and in force
//! (table 二, spec §2.3); these two values are what it counts by.
//!
//! Both read their machine name (`in_force`) or their Chinese label (`有效`), trimmed; the 2019
//! report format's `规范性文件` is read as [`DocKind::NormativeDocument`].

use std::fmt;
use std::str::FromStr;

use crate::field::FieldError;

/// 有效性 of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    /// 有效.
    InForce,
    /// 失效: lapsed (its period ended, or it was replaced).
    Expired,
    /// 废止: repealed by a decision.
    Repealed,
}

impl Validity {
    pub const ALL: [Validity; 3] = [Validity::InForce, Validity::Expired, Validity::Repealed];

    pub fn as_str(self) -> &'static str {
        match self {
            Validity::InForce => "in_force",
            Validity::Expired => "expired",
            Validity::Repealed => "repealed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Validity::InForce => "有效",
            Validity::Expired => "失效",
            Validity::Repealed => "废止",
        }
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Validity {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Validity::ALL
            .into_iter()
            .find(|v| v.as_str() == s || v.label() == s)
            .ok_or_else(|| FieldError::new("validity", "有效性", format!("有效性“{s}”不正确，应为：有效、失效或废止")))
    }
}

/// 文件类型: whether a document is a rule, a normative document, or anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 规章.
    Rule,
    /// 行政规范性文件.
    NormativeDocument,
    /// 其他.
    Other,
}

impl DocKind {
    pub const ALL: [DocKind; 3] = [DocKind::Rule, DocKind::NormativeDocument, DocKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Rule => "rule",
            DocKind::NormativeDocument => "normative_document",
            DocKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocKind::Rule => "规章",
            DocKind::NormativeDocument => "行政规范性文件",
            DocKind::Other => "其他",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocKind {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        // 规范性文件 is the 2019 report format's name for 行政规范性文件 (spec §2.3).
        let s = if s == "规范性文件" { DocKind::NormativeDocument.label() } else { s };
        DocKind::ALL.into_iter().find(|k| k.as_str() == s || k.label() == s).ok_or_else(|| {
            FieldError::new("kind", "文件类型", format!("文件类型“{s}”不正确，应为：规章、行政规范性文件或其他"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_read_their_machine_names_and_chinese_labels() {
        for v in Validity::ALL {
            assert_eq!(v.as_str().parse::<Validity>().unwrap(), v);
            assert_eq!(format!(" {} ", v.label()).parse::<Validity>().unwrap(), v);
        }
        for k in DocKind::ALL {
            assert_eq!(k.as_str().parse::<DocKind>().unwrap(), k);
            assert_eq!(k.label().parse::<DocKind>().unwrap(), k);
        }
        assert_eq!("规范性文件".parse::<DocKind>().unwrap(), DocKind::NormativeDocument);
    }

    #[test]
    fn serde_names_are_the_machine_names() {
        assert_eq!(serde_json::to_string(&Validity::InForce).unwrap(), r#""in_force""#);
        assert_eq!(serde_json::to_string(&DocKind::NormativeDocument).unwrap(), r#""normative_document""#);
        for v in Validity::ALL {
            assert_eq!(serde_json::to_value(v).unwrap(), v.as_str());
        }
        for k in DocKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }

    #[test]
    fn unknown_values_are_refused_in_chinese_naming_the_field() {
        let err = "valid".parse::<Validity>().unwrap_err();
        assert_eq!((err.field.as_str(), err.label.as_str()), ("validity", "有效性"));
        assert_eq!(err.message, "有效性“valid”不正确，应为：有效、失效或废止");
        let err = "通知".parse::<DocKind>().unwrap_err();
        assert_eq!(err.message, "文件类型“通知”不正确，应为：规章、行政规范性文件或其他");
    }
}
