//! Who applies and in what form they want the information: the facts of Art. 29 of the regulation
//! (spec regulation-and-formats.md §1.2): "(一)申请人的姓名或者名称、身份证明、联系方式" and
//! "(三)…形式要求，包括获取信息的方式、途径".
//!
//! Owns the applicant kinds (the six applicant columns of table 三, spec §2.4 and report-model.md),
//! the identity documents and the check of their numbers, the form wanted (载体形式) and the way of
//! delivery (获取方式). Every enum has a stable `key`, a Chinese `label` and a `parse` that names
//! the field in its error.

use std::fmt;

use crate::agency::CreditCode;
use crate::catalogue::secrecy::resident_id;
use crate::field::FieldError;

/// The error for a key that is not one of the choices of the field.
fn unknown_choice(field: &str, label: &str, key: &str) -> FieldError {
    if key.is_empty() {
        FieldError::new(field, label, format!("请选择{label}"))
    } else {
        FieldError::new(field, label, format!("{label}“{key}”不是有效选项"))
    }
}

/// The kind of applicant: a natural person or one of the five kinds of 法人或其他组织. The keys are
/// the applicant columns of table 三.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantKind {
    /// 自然人.
    NaturalPerson,
    /// 商业企业.
    Business,
    /// 科研机构.
    Research,
    /// 社会公益组织.
    Nonprofit,
    /// 法律服务机构.
    LegalService,
    /// 其他 (other legal person or organisation).
    OtherOrg,
}

impl ApplicantKind {
    /// Every kind, in the column order of table 三.
    pub const ALL: [ApplicantKind; 6] = [
        ApplicantKind::NaturalPerson,
        ApplicantKind::Business,
        ApplicantKind::Research,
        ApplicantKind::Nonprofit,
        ApplicantKind::LegalService,
        ApplicantKind::OtherOrg,
    ];

    /// The key, equal to the table 三 column key (`legal_service`).
    pub fn key(self) -> &'static str {
        match self {
            ApplicantKind::NaturalPerson => "natural_person",
            ApplicantKind::Business => "business",
            ApplicantKind::Research => "research",
            ApplicantKind::Nonprofit => "nonprofit",
            ApplicantKind::LegalService => "legal_service",
            ApplicantKind::OtherOrg => "other_org",
        }
    }

    /// The Chinese column heading (`法律服务机构`).
    pub fn label(self) -> &'static str {
        match self {
            ApplicantKind::NaturalPerson => "自然人",
            ApplicantKind::Business => "商业企业",
            ApplicantKind::Research => "科研机构",
            ApplicantKind::Nonprofit => "社会公益组织",
            ApplicantKind::LegalService => "法律服务机构",
            ApplicantKind::OtherOrg => "其他",
        }
    }

    /// Parses a key (field `applicant_kind`, 申请人类型).
    pub fn parse(key: &str) -> Result<Self, FieldError> {
        let key = key.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.key() == key)
            .ok_or_else(|| unknown_choice("applicant_kind", "申请人类型", key))
    }

    /// Whether the applicant is a legal person or other organisation (法人或其他组织).
    pub fn is_organisation(self) -> bool {
        self != ApplicantKind::NaturalPerson
    }
}

/// The identity document whose number the applicant gives (身份证明).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// 居民身份证: 18 characters with a check character (GB 11643-1999).
    ResidentId,
    /// 统一社会信用代码: 18 characters with a check character (GB 32100-2015).
    CreditCode,
    /// 护照: 5–20 letters or digits.
    Passport,
    /// 其他证件: any 1–50 characters.
    Other,
}

impl IdType {
    /// Every type, in form order.
    pub const ALL: [IdType; 4] = [IdType::ResidentId, IdType::CreditCode, IdType::Passport, IdType::Other];

    /// The key (`resident_id`).
    pub fn key(self) -> &'static str {
        match self {
            IdType::ResidentId => "resident_id",
            IdType::CreditCode => "credit_code",
            IdType::Passport => "passport",
            IdType::Other => "other",
        }
    }

    /// The Chinese name (`居民身份证`).
    pub fn label(self) -> &'static str {
        match self {
            IdType::ResidentId => "居民身份证",
            IdType::CreditCode => "统一社会信用代码",
            IdType::Passport => "护照",
            IdType::Other => "其他证件",
        }
    }

    /// Parses a key (field `id_type`, 证件类型).
    pub fn parse(key: &str) -> Result<Self, FieldError> {
        let key = key.trim();
        Self::ALL.into_iter().find(|t| t.key() == key).ok_or_else(|| unknown_choice("id_type", "证件类型", key))
    }
}

/// Checks an identity document number and returns it normalised (trimmed; letters upper-cased for
/// the resident ID's `x`, credit codes and passports).
///
/// A natural person may not give a credit code; an organisation must give a credit code or another
/// document. That mismatch is reported on field `id_type` (证件类型), since that is the choice to
/// change; a bad number on field `id_number` (证件号码).
pub fn validate_id(kind: ApplicantKind, id_type: IdType, number: &str) -> Result<String, FieldError> {
    const FIELD: &str = "id_number";
    const LABEL: &str = "证件号码";
    let err = |message: String| FieldError::new(FIELD, LABEL, message);
    match (kind.is_organisation(), id_type) {
        (false, IdType::CreditCode) => {
            return Err(FieldError::new("id_type", "证件类型", "自然人不能以统一社会信用代码作为身份证明"));
        }
        (true, IdType::ResidentId | IdType::Passport) => {
            return Err(FieldError::new(
                "id_type",
                "证件类型",
                format!("申请人类型为“{}”（法人或其他组织）时，证件类型应为统一社会信用代码或其他证件", kind.label()),
            ));
        }
        _ => {}
    }
    let number = number.trim();
    if number.is_empty() {
        return Err(err(format!("{LABEL}不能为空")));
    }
    match id_type {
        IdType::ResidentId => {
            let number = number.to_ascii_uppercase();
            check_resident_id(&number).map_err(err)?;
            Ok(number)
        }
        IdType::CreditCode => {
            CreditCode::parse(number).map(|code| code.as_str().to_owned()).map_err(|e| err(e.message))
        }
        IdType::Passport => {
            let len = number.chars().count();
            if !(5..=20).contains(&len) || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(err("护照号码应为5至20位字母或数字".to_owned()));
            }
            Ok(number.to_ascii_uppercase())
        }
        IdType::Other => {
            let len = number.chars().count();
            if len > 50 {
                return Err(err(format!("{LABEL}过长：最多50个字符，现有{len}个")));
            }
            Ok(number.to_owned())
        }
    }
}

/// Refuses a valid resident ID number whose birth date (digits 7–14) is after `today`: the
/// check character cannot catch a made-up number with a future birthday.
pub fn born_by(number: &str, today: time::Date) -> Result<(), FieldError> {
    let digits = number.get(6..14).filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
    let Some(birth) =
        digits.and_then(|d| crate::calendar::iso_date::parse(&format!("{}-{}-{}", &d[0..4], &d[4..6], &d[6..8])).ok())
    else {
        return Ok(()); // the format check names that
    };
    if birth > today {
        let label = crate::calendar::china_time::date_label(birth);
        return Err(FieldError::new("id_number", "证件号码", format!("居民身份证号码中的出生日期{label}晚于今天")));
    }
    Ok(())
}

/// Why an upper-cased resident ID number is invalid, in Chinese.
fn check_resident_id(number: &str) -> Result<(), String> {
    let len = number.chars().count();
    if len != 18 {
        return Err(format!("居民身份证号码应为18位，现为{len}位"));
    }
    let digits: Option<Vec<u8>> = number.bytes().take(17).map(|b| b.is_ascii_digit().then(|| b - b'0')).collect();
    let last = number.as_bytes()[17];
    let (Some(digits), true) = (digits, last.is_ascii_digit() || last == b'X') else {
        return Err("居民身份证号码前17位应为数字，最后一位为数字或X".to_owned());
    };
    if resident_id::is_valid(number) {
        return Ok(());
    }
    let expected = resident_id::check_character(&digits.try_into().expect("17 digits"));
    if char::from(last) != expected {
        Err(format!("居民身份证号码校验位不正确：应为“{expected}”"))
    } else {
        Err("居民身份证号码中的出生日期或地区码无效".to_owned())
    }
}

/// The form in which the applicant wants the information (载体形式, Art. 29(三), Art. 40).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormWanted {
    /// 纸质文本.
    Paper,
    /// 电子邮件.
    Email,
    /// 电子数据 (e.g. on a disc or for download).
    Electronic,
    /// 现场查阅.
    OnSite,
}

impl FormWanted {
    /// Every form, in form order.
    pub const ALL: [FormWanted; 4] = [FormWanted::Paper, FormWanted::Email, FormWanted::Electronic, FormWanted::OnSite];

    /// The key (`on_site`).
    pub fn key(self) -> &'static str {
        match self {
            FormWanted::Paper => "paper",
            FormWanted::Email => "email",
            FormWanted::Electronic => "electronic",
            FormWanted::OnSite => "on_site",
        }
    }

    /// The Chinese name (`现场查阅`).
    pub fn label(self) -> &'static str {
        match self {
            FormWanted::Paper => "纸质文本",
            FormWanted::Email => "电子邮件",
            FormWanted::Electronic => "电子数据",
            FormWanted::OnSite => "现场查阅",
        }
    }

    /// Parses a key (field `form_wanted`, 信息载体形式).
    pub fn parse(key: &str) -> Result<Self, FieldError> {
        let key = key.trim();
        Self::ALL.into_iter().find(|f| f.key() == key).ok_or_else(|| unknown_choice("form_wanted", "信息载体形式", key))
    }
}

/// How the applicant gets the information (获取信息的方式、途径, Art. 29(三)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// 邮寄.
    Post,
    /// 电子邮件.
    Email,
    /// 自行领取.
    Pickup,
    /// 网上获取.
    Online,
}

impl Delivery {
    /// Every way, in form order.
    pub const ALL: [Delivery; 4] = [Delivery::Post, Delivery::Email, Delivery::Pickup, Delivery::Online];

    /// The key (`pickup`).
    pub fn key(self) -> &'static str {
        match self {
            Delivery::Post => "post",
            Delivery::Email => "email",
            Delivery::Pickup => "pickup",
            Delivery::Online => "online",
        }
    }

    /// The Chinese name (`自行领取`).
    pub fn label(self) -> &'static str {
        match self {
            Delivery::Post => "邮寄",
            Delivery::Email => "电子邮件",
            Delivery::Pickup => "自行领取",
            Delivery::Online => "网上获取",
        }
    }

    /// Parses a key (field `delivery`, 获取信息的方式).
    pub fn parse(key: &str) -> Result<Self, FieldError> {
        let key = key.trim();
        Self::ALL.into_iter().find(|d| d.key() == key).ok_or_else(|| unknown_choice("delivery", "获取信息的方式", key))
    }
}

macro_rules! display_as_key {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    )*};
}
display_as_key!(ApplicantKind, IdType, FormWanted, Delivery);

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_round_trip<T: Copy + PartialEq + fmt::Debug + serde::Serialize>(
        all: &[T],
        key: fn(T) -> &'static str,
        parse: fn(&str) -> Result<T, FieldError>,
    ) {
        for &v in all {
            assert_eq!(parse(key(v)), Ok(v));
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(key(v)));
        }
    }

    #[test]
    fn every_key_parses_back_and_matches_serde() {
        keys_round_trip(&ApplicantKind::ALL, ApplicantKind::key, ApplicantKind::parse);
        keys_round_trip(&IdType::ALL, IdType::key, IdType::parse);
        keys_round_trip(&FormWanted::ALL, FormWanted::key, FormWanted::parse);
        keys_round_trip(&Delivery::ALL, Delivery::key, Delivery::parse);
        assert_eq!(ApplicantKind::parse(" legal_service "), Ok(ApplicantKind::LegalService));
    }

    #[test]
    fn an_unknown_choice_names_the_field() {
        let err = Delivery::parse("fax").unwrap_err();
        assert_eq!((err.field.as_str(), err.message.as_str()), ("delivery", "获取信息的方式“fax”不是有效选项"));
        assert_eq!(ApplicantKind::parse("").unwrap_err().message, "请选择申请人类型");
        assert_eq!(IdType::parse("driving_licence").unwrap_err().field, "id_type");
        assert_eq!(FormWanted::parse("Paper").unwrap_err().label, "信息载体形式");
    }

    #[test]
    fn labels_are_the_table_headings_and_form_wording() {
        let kinds: Vec<&str> = ApplicantKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(kinds, ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]);
        assert_eq!(IdType::Other.label(), "其他证件");
        assert_eq!(FormWanted::OnSite.label(), "现场查阅");
        assert_eq!(Delivery::Online.label(), "网上获取");
    }

    #[test]
    fn a_resident_id_is_normalised_and_its_check_character_verified() {
        let p = ApplicantKind::NaturalPerson;
        assert_eq!(validate_id(p, IdType::ResidentId, " 11010519491231002x "), Ok("11010519491231002X".into()));
        let err = validate_id(p, IdType::ResidentId, "110105194912310021").unwrap_err();
        assert_eq!((err.field.as_str(), err.label.as_str()), ("id_number", "证件号码"));
        assert_eq!(err.message, "居民身份证号码校验位不正确：应为“X”");
        let msg = |n: &str| validate_id(p, IdType::ResidentId, n).unwrap_err().message;
        assert_eq!(msg("1101051949"), "居民身份证号码应为18位，现为10位");
        assert_eq!(msg("1101051949123100AX"), "居民身份证号码前17位应为数字，最后一位为数字或X");
        // Right check character for these digits, but month 13 does not exist.
        let digits = [1, 1, 0, 1, 0, 5, 1, 9, 4, 9, 1, 3, 3, 1, 0, 0, 2];
        let bad_date = format!("11010519491331002{}", resident_id::check_character(&digits));
        assert_eq!(msg(&bad_date), "居民身份证号码中的出生日期或地区码无效");
    }

    #[test]
    fn a_credit_code_must_pass_its_check_and_is_upper_cased() {
        let b = ApplicantKind::Business;
        assert_eq!(validate_id(b, IdType::CreditCode, "91350100m000100y43"), Ok("91350100M000100Y43".into()));
        let err = validate_id(b, IdType::CreditCode, "11441700007280420X").unwrap_err();
        assert_eq!(err.field, "id_number");
        assert_eq!(err.message, "统一社会信用代码校验位不正确：应为“Y”");
    }

    #[test]
    fn passports_and_other_documents_have_length_rules() {
        let p = ApplicantKind::NaturalPerson;
        assert_eq!(validate_id(p, IdType::Passport, "e12345678"), Ok("E12345678".into()));
        assert!(validate_id(p, IdType::Passport, "E123").is_err());
        assert!(validate_id(p, IdType::Passport, "E1234-5678").is_err());
        assert!(validate_id(p, IdType::Passport, &"A".repeat(21)).is_err());
        let today = time::macros::date!(2026 - 12 - 02);
        assert!(born_by("11010519491231002X", today).is_ok());
        let future = format!("11010520301231{}", "0019");
        let e = born_by(&future, today).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.message.as_str()),
            ("id_number", "居民身份证号码中的出生日期2030年12月31日晚于今天")
        );
        assert_eq!(validate_id(p, IdType::Other, " 港澳通行证C1234 "), Ok("港澳通行证C1234".into()));
        assert!(validate_id(p, IdType::Other, &"证".repeat(50)).is_ok());
        let err = validate_id(p, IdType::Other, &"证".repeat(51)).unwrap_err();
        assert_eq!(err.message, "证件号码过长：最多50个字符，现有51个");
        assert_eq!(validate_id(p, IdType::Other, "  ").unwrap_err().message, "证件号码不能为空");
    }

    #[test]
    fn the_document_must_suit_the_kind_of_applicant() {
        let err = validate_id(ApplicantKind::NaturalPerson, IdType::CreditCode, "91350100M000100Y43").unwrap_err();
        assert_eq!((err.field.as_str(), err.message.as_str()), ("id_type", "自然人不能以统一社会信用代码作为身份证明"));
        let err = validate_id(ApplicantKind::LegalService, IdType::ResidentId, "11010519491231002X").unwrap_err();
        assert_eq!(err.field, "id_type");
        assert!(err.message.contains("“法律服务机构”"), "{}", err.message);
        assert!(validate_id(ApplicantKind::Nonprofit, IdType::Passport, "E12345678").is_err());
        assert!(validate_id(ApplicantKind::OtherOrg, IdType::Other, "事业单位法人证书123").is_ok());
    }
}
