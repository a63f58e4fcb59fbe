//! Field-level validation errors.
//!
//! Every form, API body and import line is parsed into domain types at the edge; what fails is
//! reported as a list of [`FieldError`]s, each naming the field (its machine name and its Chinese
//! label) and saying in Chinese what is wrong, so the UI can show the message beside the field.

use std::fmt;

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Machine name of the field, as in the form or JSON body (`credit_code`).
    pub field: String,
    /// Chinese label of the field, as shown to the user (`统一社会信用代码`).
    pub label: String,
    /// What is wrong, in Chinese, naming the field (`统一社会信用代码校验位不正确`).
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, label: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_owned(), label: label.to_owned(), message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// All problems found in one input; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for one field, if it has one (templates show it beside the field).
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    /// Ok when nothing was pushed.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl From<FieldError> for FieldErrors {
    fn from(error: FieldError) -> Self {
        Self(vec![error])
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join("；"))
    }
}

impl std::error::Error for FieldErrors {}

/// The highest page number a list accepts (20 to 50 rows a page: far beyond any catalogue).
pub const MAX_PAGE: i64 = 10_000;

/// A page number from an address (`?page=`): absent is page 1; anything outside 1 to
/// [`MAX_PAGE`] is refused naming the field, never quietly shown as page 1.
pub fn page_number(value: Option<i64>) -> Result<i64, FieldError> {
    match value {
        None => Ok(1),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        Some(_) => Err(FieldError::new("page", "页码", format!("页码应为1至{MAX_PAGE}之间的整数"))),
    }
}

/// A required free-text field: trimmed, non-empty, at most `max` characters.
pub fn required_text(errors: &mut FieldErrors, field: &str, label: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, label, format!("{label}不能为空")));
    } else {
        check_length(errors, field, label, value, max);
    }
    value.to_owned()
}

/// An optional free-text field: trimmed, at most `max` characters; empty becomes `None`.
pub fn optional_text(errors: &mut FieldErrors, field: &str, label: &str, value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    check_length(errors, field, label, value, max);
    Some(value.to_owned())
}

/// An optional email address: trimmed, at most 100 characters, `user@host.domain` without
/// spaces; empty becomes `None`. The error names the field ("{label}格式不正确").
pub fn optional_email(errors: &mut FieldErrors, field: &str, label: &str, value: &str) -> Option<String> {
    let value = optional_text(errors, field, label, value, 100)?;
    if !looks_like_email(&value) {
        errors.push(FieldError::new(field, label, format!("{label}格式不正确")));
    }
    Some(value)
}

/// Whether `s` has the shape of an email address (one `@`, a dotted host, no spaces).
pub fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.contains('@')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

fn check_length(errors: &mut FieldErrors, field: &str, label: &str, value: &str, max: usize) {
    let len = value.chars().count();
    if len > max {
        errors.push(FieldError::new(field, label, format!("{label}过长：最多{max}个字符，现有{len}个")));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_email_field_names_itself_when_malformed() {
        let mut e = FieldErrors::new();
        assert_eq!(optional_email(&mut e, "email", "通知邮箱", "  "), None);
        assert_eq!(optional_email(&mut e, "email", "通知邮箱", " zhang@hao.gov.cn "), Some("zhang@hao.gov.cn".into()));
        assert!(e.is_empty());
        for bad in ["zhang", "@hao.gov.cn", "zhang@gov", "zhang@hao.gov.", "zhang san@hao.gov.cn", "a@b@c.cn"] {
            let mut e = FieldErrors::new();
            optional_email(&mut e, "email", "通知邮箱", bad);
            assert_eq!(e.get("email"), Some("通知邮箱格式不正确"), "{bad}");
        }
    }

    #[test]
    fn a_page_number_out_of_range_is_refused_not_page_one() {
        assert_eq!(page_number(None), Ok(1));
        assert_eq!(page_number(Some(3)), Ok(3));
        for bad in [0, -1, MAX_PAGE + 1, i64::MAX, i64::MIN] {
            let e = page_number(Some(bad)).unwrap_err();
            assert_eq!((e.field.as_str(), e.message.as_str()), ("page", "页码应为1至10000之间的整数"), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn an_empty_required_field_is_named_in_the_message() {
        let mut errors = FieldErrors::new();
        let value = required_text(&mut errors, "name", "机关名称", "   ", 10);
        assert_eq!(value, "");
        assert_eq!(errors.get("name"), Some("机关名称不能为空"));
    }

    #[test]
    fn over_long_text_counts_characters_not_bytes() {
        let mut errors = FieldErrors::new();
        required_text(&mut errors, "name", "机关名称", "一二三", 3);
        assert!(errors.is_empty());
        required_text(&mut errors, "name", "机关名称", "一二三四", 3);
        assert_eq!(errors.get("name"), Some("机关名称过长：最多3个字符，现有4个"));
    }

    #[test]
    fn an_empty_optional_field_is_none() {
        let mut errors = FieldErrors::new();
        assert_eq!(optional_text(&mut errors, "fax", "传真", " ", 5), None);
        assert_eq!(optional_text(&mut errors, "fax", "传真", " 1 ", 5), Some("1".into()));
        assert!(errors.is_empty());
    }
}
