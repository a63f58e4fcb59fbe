//! The secrecy and personal-data scan run before 保密审查 (secrecy review).
//!
//! [`scan`] finds what a secrecy reviewer must look at before an item is published: resident ID
//! numbers (and numbers that may be one), passport, plate, mobile and bank card numbers, house
//! numbers of addresses, names next to ID numbers, e-mail addresses and 密级 markings. It is an aid,
//! not a decision: every hit is shown to the reviewer, who redacts it or confirms it is fine; the
//! review chain ([`super::review`]) refuses to pass secrecy review while hits are unresolved.
//!
//! Guarantees: hits come in text order, never overlap, and carry byte offsets into the scanned
//! text. Overlapping matches of one kind are merged (`机密★秘密` is one marking); of different
//! kinds, the one starting first wins, then the longer (an e-mail address made of a phone number
//! is one e-mail hit). The
//! rules, each in its own file, are hand-written scanners over characters (no regular
//! expressions), and full-width digits count as digits:
//! - [`resident_id`]: 18-character ID numbers with a valid MOD 11-2 check character and birth date,
//!   15-digit old ones, typed in one run or in groups; with a wrong check character, a *possible*
//!   ID number;
//! - [`passport`]: passport and 港澳 permit numbers (`E12345678`, `EA1234567`, `C12345678`…);
//! - [`plate`]: vehicle plates (`川A·12345`);
//! - [`mobile`]: `1[3-9]` + 9 digits, grouped 3-4-4 or not, optionally after `+86`/`86`;
//! - [`bank_card`]: 16–19 digits passing Luhn, in one run or in groups of 4;
//! - [`address`]: house numbers after a road or village name (`人民路88号3栋501室`);
//! - [`name`]: a name just before an ID or passport number (`张三，身份证号…`);
//! - [`email`]: addresses `local@domain.tld`;
//! - [`classification`]: `绝密`/`机密`/`秘密` as markings, not as ordinary words.
//!
//! No number is reported inside a longer digit run. Not looked for: landlines, foreign passports,
//! names other than next to an ID number. [`redact()`] masks hits (rules in
//! [`redact`](mod@redact)).

pub mod address;
pub mod bank_card;
pub mod classification;
pub mod email;
pub mod mobile;
pub mod name;
pub mod passport;
pub mod plate;
pub mod redact;
pub mod resident_id;
mod text;

pub use redact::{MASK, mask, redact};

use text::Text;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    ResidentId,
    /// Shaped like an 18-character ID number, with a wrong check character: the reviewer decides.
    PossibleResidentId,
    Passport,
    LicencePlate,
    Mobile,
    BankCard,
    Email,
    Classification,
    /// A house number of an address (the numbered part after the road's name).
    Address,
    /// A name just before an ID or passport number.
    PersonName,
    /// Not found by [`scan`]: an attachment whose text could not be read (too large, broken,
    /// encrypted), so the scan never saw it. It holds the review until a reviewer has read the
    /// file by hand and confirms it; its text is the note saying why it could not be read.
    UnreadableFile,
}

impl HitKind {
    /// The kinds [`scan`] looks for.
    pub const ALL: [HitKind; 10] = [
        HitKind::ResidentId,
        HitKind::PossibleResidentId,
        HitKind::Passport,
        HitKind::LicencePlate,
        HitKind::Mobile,
        HitKind::BankCard,
        HitKind::Email,
        HitKind::Classification,
        HitKind::Address,
        HitKind::PersonName,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::ResidentId => "resident_id",
            HitKind::PossibleResidentId => "possible_resident_id",
            HitKind::Passport => "passport",
            HitKind::LicencePlate => "licence_plate",
            HitKind::Mobile => "mobile",
            HitKind::BankCard => "bank_card",
            HitKind::Email => "email",
            HitKind::Classification => "classification",
            HitKind::Address => "address",
            HitKind::PersonName => "person_name",
            HitKind::UnreadableFile => "unreadable_file",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HitKind::ResidentId => "身份证号码",
            HitKind::PossibleResidentId => "疑似身份证号码（校验位不符，请核对）",
            HitKind::Passport => "护照或通行证号码",
            HitKind::LicencePlate => "车牌号码",
            HitKind::Mobile => "手机号码",
            HitKind::BankCard => "银行卡号",
            HitKind::Email => "电子邮箱",
            HitKind::Classification => "密级标志",
            HitKind::Address => "住址门牌号",
            HitKind::PersonName => "与证件号码相邻的姓名",
            HitKind::UnreadableFile => "无法读取文字，须人工审查",
        }
    }
}

impl std::fmt::Display for HitKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for HitKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HitKind::ALL
            .into_iter()
            .chain([HitKind::UnreadableFile])
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("未知的保密审查提示类型：{s}"))
    }
}

/// One finding: its kind, where it is (byte offsets `start..end` into the scanned text) and the
/// text found there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    pub kind: HitKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Hit {
    /// The hit's text masked (see [`mask`]).
    pub fn masked(&self) -> String {
        mask(self.kind, &self.text)
    }
}

/// All hits in `text`, in text order, without overlaps.
pub fn scan(text: &str) -> Vec<Hit> {
    let t = Text::new(text);
    type Rule = fn(&Text) -> Vec<text::Span>;
    let mut spans: Vec<(HitKind, text::Span)> = resident_id::find(&t)
        .into_iter()
        .map(|(found, span)| match found {
            resident_id::Found::Id => (HitKind::ResidentId, span),
            resident_id::Found::Possible => (HitKind::PossibleResidentId, span),
        })
        .collect();
    let rules: [(HitKind, Rule); 7] = [
        (HitKind::Passport, passport::find),
        (HitKind::LicencePlate, plate::find),
        (HitKind::Mobile, mobile::find),
        (HitKind::BankCard, bank_card::find),
        (HitKind::Email, email::find),
        (HitKind::Classification, classification::find),
        (HitKind::Address, address::find),
    ];
    for (kind, find) in rules {
        spans.extend(find(&t).into_iter().map(|span| (kind, span)));
    }
    let mut merged = merge(spans);
    let names: Vec<(HitKind, text::Span)> = merged
        .iter()
        .filter(|(kind, _)| matches!(kind, HitKind::ResidentId | HitKind::PossibleResidentId | HitKind::Passport))
        .filter_map(|&(_, (start, _))| name::before(&t, start))
        .map(|span| (HitKind::PersonName, span))
        .collect();
    if !names.is_empty() {
        merged.extend(names);
        merged = merge(merged);
    }
    merged
        .into_iter()
        .map(|(kind, span)| Hit { kind, start: t.byte(span.0), end: t.byte(span.1), text: t.slice(span).to_owned() })
        .collect()
}

/// Spans in text order without overlaps: of one kind, overlapping spans merge; of different
/// kinds, the one starting first wins, then the longer.
fn merge(mut spans: Vec<(HitKind, text::Span)>) -> Vec<(HitKind, text::Span)> {
    spans.sort_by_key(|&(kind, (start, end))| (start, std::cmp::Reverse(end), kind));
    let mut merged: Vec<(HitKind, text::Span)> = Vec::new();
    for (kind, (start, end)) in spans {
        match merged.last_mut() {
            Some((last_kind, last)) if start < last.1 => {
                if *last_kind == kind {
                    last.1 = last.1.max(end);
                }
            }
            _ => merged.push((kind, (start, end))),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(HitKind, String)> {
        scan(text).into_iter().map(|h| (h.kind, h.text)).collect()
    }

    #[test]
    fn a_mixed_text_yields_every_kind_in_order_with_byte_offsets() {
        let text = "秘密★1年\n申请人张三，身份证11010519491231002X，电话138-1234-5678，邮箱zs@163.com，卡号4111 1111 1111 1111。";
        let hits = scan(text);
        let got: Vec<HitKind> = hits.iter().map(|h| h.kind).collect();
        assert_eq!(
            got,
            [
                HitKind::Classification,
                HitKind::PersonName,
                HitKind::ResidentId,
                HitKind::Mobile,
                HitKind::Email,
                HitKind::BankCard
            ]
        );
        for hit in &hits {
            assert_eq!(&text[hit.start..hit.end], hit.text);
        }
        assert_eq!((hits[1].text.as_str(), hits[2].text.as_str()), ("张三", "11010519491231002X"));
    }

    #[test]
    fn a_phone_number_inside_an_email_is_one_email_hit() {
        assert_eq!(kinds("13812345678@139.com"), [(HitKind::Email, "13812345678@139.com".to_owned())]);
    }

    #[test]
    fn overlapping_markings_merge_into_one_hit() {
        assert_eq!(kinds("机密★秘密\n"), [(HitKind::Classification, "机密★秘密".to_owned())]);
    }

    #[test]
    fn redacting_the_scan_masks_each_hit_in_place() {
        let text = "电话13812345678，密级：秘密。";
        assert_eq!(redact(text, &scan(text)), "电话138＊＊＊＊＊＊78，＊＊＊＊＊。");
    }

    #[test]
    fn hit_kinds_serialise_in_snake_case_with_chinese_labels() {
        for kind in HitKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
            assert_eq!(kind.as_str().parse::<HitKind>().unwrap(), kind);
        }
        assert_eq!(HitKind::BankCard.label(), "银行卡号");
        assert_eq!(HitKind::Classification.label(), "密级标志");
    }

    #[test]
    fn what_people_type_is_found_with_the_name_next_to_it() {
        let text = "申请人张三，身份证号500233 19850612 2316（旧证110105491231002），护照EA1234567，车牌川A·D12345，住人民路88号3栋2单元501室。";
        let got = kinds(text);
        assert_eq!(
            got,
            [
                (HitKind::PersonName, "张三".to_owned()),
                (HitKind::ResidentId, "500233 19850612 2316".to_owned()),
                (HitKind::ResidentId, "110105491231002".to_owned()),
                (HitKind::Passport, "EA1234567".to_owned()),
                (HitKind::LicencePlate, "川A·D12345".to_owned()),
                (HitKind::Address, "88号3栋2单元501室".to_owned()),
            ]
        );
        let redacted = redact(text, &scan(text));
        assert!(scan(&redacted).is_empty(), "{redacted}");
        assert!(redacted.contains("申请人张＊，"), "{redacted}");
        assert!(redacted.contains("人民路＊＊号＊栋＊单元＊＊＊室"), "{redacted}");
    }

    #[test]
    fn plain_government_text_has_no_hits() {
        let text = "根据《中华人民共和国政府信息公开条例》第二十条，现将2024年财政预算公开如下：总额12345678.90万元，涉及商业秘密的内容不予公开。国办发〔2017〕47号。";
        assert!(scan(text).is_empty(), "{:?}", scan(text));
    }
}
