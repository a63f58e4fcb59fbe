//! When an application counts as received (收到申请之日): Art. 31 of the 2019 regulation (spec
//! regulation-and-formats.md §1.2). The day of receipt starts the reply clock of the deadline
//! engine ([`super::deadline`]).
//!
//! Owns the submission channels and the rule for each:
//! - in person (当面提交): the day it was handed in (Art. 31(一));
//! - post needing a signature (邮寄): the day the agency signed for it (Art. 31(二));
//! - ordinary letter (平常信函): the day the agency confirmed it with the applicant, which must be
//!   the day it arrived (Art. 31(二));
//! - online, fax, e-mail (互联网渠道、传真): the day both sides confirmed it (Art. 31(三); e-mail is
//!   treated as an internet channel).
//!
//! Only the 2019 regulation (from 2019-05-15) is modelled; the 2008 text had no such article.

use std::fmt;

use time::Date;

use crate::calendar::iso_date;
use crate::field::FieldError;

/// How the application was submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 网上申请 (the platform's online form or another internet channel).
    Online,
    /// 当面提交.
    InPerson,
    /// 邮寄（需签收）: registered post, EMS or courier, signed for by the agency.
    Post,
    /// 平常信函: ordinary letter, not signed for.
    OrdinaryPost,
    /// 传真 to the disclosure office.
    Fax,
    /// 电子邮件.
    Email,
}

/// The dates known about one application; which one decides depends on the [`Channel`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReceiptFacts {
    /// 提交日期: the day the applicant handed in, posted or sent the application.
    #[serde(default, with = "iso_date::option")]
    pub submitted: Option<Date>,
    /// 签收日期: the day the agency signed for a registered letter.
    #[serde(default, with = "iso_date::option")]
    pub signed_for: Option<Date>,
    /// 确认日期: the day the agency and the applicant confirmed the application.
    #[serde(default, with = "iso_date::option")]
    pub confirmed: Option<Date>,
}

const SUBMITTED: (&str, &str) = ("submitted_on", "提交日期");
const SIGNED_FOR: (&str, &str) = ("signed_for_on", "签收日期");
const CONFIRMED: (&str, &str) = ("confirmed_on", "确认日期");

impl Channel {
    /// Every channel, in form order.
    pub const ALL: [Channel; 6] =
        [Channel::Online, Channel::InPerson, Channel::Post, Channel::OrdinaryPost, Channel::Fax, Channel::Email];

    /// The key (`ordinary_post`).
    pub fn key(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::InPerson => "in_person",
            Channel::Post => "post",
            Channel::OrdinaryPost => "ordinary_post",
            Channel::Fax => "fax",
            Channel::Email => "email",
        }
    }

    /// The Chinese name (`邮寄（需签收）`).
    pub fn label(self) -> &'static str {
        match self {
            Channel::Online => "网上申请",
            Channel::InPerson => "当面提交",
            Channel::Post => "邮寄（需签收）",
            Channel::OrdinaryPost => "平常信函",
            Channel::Fax => "传真",
            Channel::Email => "电子邮件",
        }
    }

    /// Parses a key (field `channel`, 申请方式).
    pub fn parse(key: &str) -> Result<Self, FieldError> {
        let key = key.trim();
        Self::ALL.into_iter().find(|c| c.key() == key).ok_or_else(|| {
            let message = if key.is_empty() {
                "请选择申请方式".to_owned()
            } else {
                format!("申请方式“{key}”不是有效选项")
            };
            FieldError::new("channel", "申请方式", message)
        })
    }

    /// The provision of Art. 31 that applies, quoted (`第三十一条第一项：“…”`).
    pub fn rule_zh(self) -> &'static str {
        match self {
            Channel::InPerson => "第三十一条第一项：“申请人当面提交政府信息公开申请的，以提交之日为收到申请之日”",
            Channel::Post => {
                "第三十一条第二项：“申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日”"
            }
            Channel::OrdinaryPost => {
                "第三十一条第二项：“以平常信函等无需签收的邮寄方式提交政府信息公开申请的，\
                 政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日”"
            }
            Channel::Online | Channel::Fax | Channel::Email => {
                "第三十一条第三项：“申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，\
                 以双方确认之日为收到申请之日”"
            }
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The day the application counts as received, by Art. 31. Refuses a missing deciding date (naming
/// its field and the rule) and a signing or confirmation date before the submission date.
pub fn receipt_date(channel: Channel, facts: &ReceiptFacts) -> Result<Date, FieldError> {
    if let Some(submitted) = facts.submitted {
        for ((field, label), date) in [(SIGNED_FOR, facts.signed_for), (CONFIRMED, facts.confirmed)] {
            if let Some(date) = date.filter(|d| *d < submitted) {
                return Err(FieldError::new(
                    field,
                    label,
                    format!(
                        "{label}（{}）不能早于{}（{}）",
                        iso_date::format(date),
                        SUBMITTED.1,
                        iso_date::format(submitted)
                    ),
                ));
            }
        }
    }
    let ((field, label), date) = match channel {
        Channel::InPerson => (SUBMITTED, facts.submitted),
        Channel::Post => (SIGNED_FOR, facts.signed_for),
        Channel::OrdinaryPost | Channel::Online | Channel::Fax | Channel::Email => (CONFIRMED, facts.confirmed),
    };
    date.ok_or_else(|| {
        FieldError::new(field, label, format!("{label}不能为空：{}的申请，依{}", channel.label(), channel.rule_zh()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const SUBMITTED_DAY: Date = date!(2025 - 09 - 22);
    const LATER: Date = date!(2025 - 09 - 24);

    fn all_dates() -> ReceiptFacts {
        ReceiptFacts { submitted: Some(SUBMITTED_DAY), signed_for: Some(date!(2025 - 09 - 23)), confirmed: Some(LATER) }
    }

    #[test]
    fn each_channel_takes_the_date_of_its_rule() {
        let facts = all_dates();
        assert_eq!(receipt_date(Channel::InPerson, &facts), Ok(SUBMITTED_DAY));
        assert_eq!(receipt_date(Channel::Post, &facts), Ok(date!(2025 - 09 - 23)));
        for c in [Channel::OrdinaryPost, Channel::Online, Channel::Fax, Channel::Email] {
            assert_eq!(receipt_date(c, &facts), Ok(LATER), "{c}");
        }
    }

    #[test]
    fn only_the_deciding_date_is_required() {
        let facts = ReceiptFacts { confirmed: Some(LATER), ..ReceiptFacts::default() };
        assert_eq!(receipt_date(Channel::Online, &facts), Ok(LATER));
        let facts = ReceiptFacts { signed_for: Some(LATER), ..ReceiptFacts::default() };
        assert_eq!(receipt_date(Channel::Post, &facts), Ok(LATER));
    }

    #[test]
    fn a_missing_deciding_date_names_its_field_and_the_rule() {
        let facts = ReceiptFacts { submitted: Some(SUBMITTED_DAY), ..ReceiptFacts::default() };
        let err = receipt_date(Channel::Post, &facts).unwrap_err();
        assert_eq!((err.field.as_str(), err.label.as_str()), ("signed_for_on", "签收日期"));
        assert!(
            err.message.starts_with("签收日期不能为空：邮寄（需签收）的申请，依第三十一条第二项"),
            "{}",
            err.message
        );
        assert_eq!(receipt_date(Channel::Fax, &facts).unwrap_err().field, "confirmed_on");
        let err = receipt_date(Channel::InPerson, &ReceiptFacts::default()).unwrap_err();
        assert_eq!((err.field.as_str(), err.label.as_str()), ("submitted_on", "提交日期"));
    }

    #[test]
    fn signing_or_confirming_before_submission_is_refused() {
        let facts = ReceiptFacts { confirmed: Some(date!(2025 - 09 - 21)), ..all_dates() };
        let err = receipt_date(Channel::Online, &facts).unwrap_err();
        assert_eq!(err.field, "confirmed_on");
        assert_eq!(err.message, "确认日期（2025-09-21）不能早于提交日期（2025-09-22）");
        let facts = ReceiptFacts { signed_for: Some(date!(2025 - 09 - 01)), ..all_dates() };
        assert_eq!(receipt_date(Channel::Post, &facts).unwrap_err().field, "signed_for_on");
        // The same day is fine.
        let facts = ReceiptFacts { submitted: Some(LATER), signed_for: None, confirmed: Some(LATER) };
        assert_eq!(receipt_date(Channel::Email, &facts), Ok(LATER));
    }

    #[test]
    fn keys_labels_and_rules_of_the_channels() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.key()), Ok(c));
            assert_eq!(serde_json::to_value(c).unwrap(), serde_json::json!(c.key()));
            assert!(c.rule_zh().starts_with("第三十一条第"), "{c}");
        }
        assert_eq!(Channel::Post.label(), "邮寄（需签收）");
        assert_eq!(Channel::parse("telegram").unwrap_err().message, "申请方式“telegram”不是有效选项");
        assert!(Channel::OrdinaryPost.rule_zh().contains("应当于收到申请的当日与申请人确认"));
        assert!(Channel::Email.rule_zh().contains("以双方确认之日为收到申请之日"));
    }

    #[test]
    fn facts_read_from_json_with_iso_dates() {
        let facts: ReceiptFacts =
            serde_json::from_str(r#"{"submitted":"2025-09-22","confirmed":"2025-09-24"}"#).unwrap();
        assert_eq!(receipt_date(Channel::Online, &facts), Ok(LATER));
        assert!(facts.signed_for.is_none());
    }
}
