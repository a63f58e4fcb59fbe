//! The statutory outcome (答复类型) of a decided request: one leaf row of "三、本年度办理结果" of
//! table 三 of the annual report (spec regulation-and-formats.md §2.4, report-model.md "Table 三").
//!
//! Owns the outcome keys (identical to the table 三 row keys), their Chinese row wording, the
//! default legal basis of each (spec §1.3: the mapping is an analysis, not an official one; rows
//! marked *practice* there have no verified text behind them), and which outcomes exist in which
//! report format (§2.1): the 2019 试行 format has one row "(六)其他处理"; the 2021 format splits it
//! into three. A decision is recorded with an outcome of the format in force for the year it was
//! decided in ([`Outcome::for_decision`]).

use std::fmt;

use crate::field::FieldError;

const FIELD: &str = "outcome";
const LABEL: &str = "答复类型";

/// The annual-report format whose table 三 rows an outcome belongs to (spec §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum ReportFormat {
    /// 国办公开办函〔2019〕60号 (试行): reports for 2019 and 2020.
    #[serde(rename = "2019")]
    F2019,
    /// 国办公开办函〔2021〕30号: reports for 2021 onwards.
    #[serde(rename = "2021")]
    F2021,
}

impl ReportFormat {
    /// The format for the report of `year`: 2019 format for 2019–2020, 2021 format from 2021,
    /// `None` before 2019 (the pre-2019 statistics table has no such rows).
    pub fn for_year(year: i32) -> Option<ReportFormat> {
        match year {
            ..=2018 => None,
            2019..=2020 => Some(ReportFormat::F2019),
            _ => Some(ReportFormat::F2021),
        }
    }

    /// The format key of report-model.md (`"2019"`, `"2021"`).
    pub fn key(self) -> &'static str {
        match self {
            ReportFormat::F2019 => "2019",
            ReportFormat::F2021 => "2021",
        }
    }

    /// Chinese name with the document number.
    pub fn name_zh(self) -> &'static str {
        match self {
            ReportFormat::F2019 => "2019年版年度报告格式（国办公开办函〔2019〕60号，试行）",
            ReportFormat::F2021 => "2021年版年度报告格式（国办公开办函〔2021〕30号）",
        }
    }
}

/// The outcome of a decided request: one leaf row of table 三 "三、本年度办理结果".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    /// 三(一)予以公开.
    #[serde(rename = "granted")]
    Granted,
    /// 三(二)部分公开 (区分处理, counted only here).
    #[serde(rename = "partially_granted")]
    PartiallyGranted,
    /// 三(三)1.属于国家秘密.
    #[serde(rename = "withheld.state_secret")]
    WithheldStateSecret,
    /// 三(三)2.其他法律行政法规禁止公开.
    #[serde(rename = "withheld.prohibited_by_law")]
    WithheldProhibitedByLaw,
    /// 三(三)3.危及“三安全一稳定”.
    #[serde(rename = "withheld.security_stability")]
    WithheldSecurityStability,
    /// 三(三)4.保护第三方合法权益.
    #[serde(rename = "withheld.third_party_rights")]
    WithheldThirdPartyRights,
    /// 三(三)5.属于三类内部事务信息.
    #[serde(rename = "withheld.internal_affairs")]
    WithheldInternalAffairs,
    /// 三(三)6.属于四类过程性信息.
    #[serde(rename = "withheld.process_information")]
    WithheldProcessInformation,
    /// 三(三)7.属于行政执法案卷.
    #[serde(rename = "withheld.enforcement_file")]
    WithheldEnforcementFile,
    /// 三(三)8.属于行政查询事项.
    #[serde(rename = "withheld.administrative_inquiry")]
    WithheldAdministrativeInquiry,
    /// 三(四)1.本机关不掌握相关政府信息.
    #[serde(rename = "unable.not_held")]
    UnableNotHeld,
    /// 三(四)2.没有现成信息需要另行制作.
    #[serde(rename = "unable.needs_creation")]
    UnableNeedsCreation,
    /// 三(四)3.补正后申请内容仍不明确.
    #[serde(rename = "unable.unclear_after_clarification")]
    UnableUnclearAfterClarification,
    /// 三(五)1.信访举报投诉类申请.
    #[serde(rename = "not_processed.petition_or_complaint")]
    NotProcessedPetitionOrComplaint,
    /// 三(五)2.重复申请.
    #[serde(rename = "not_processed.duplicate")]
    NotProcessedDuplicate,
    /// 三(五)3.要求提供公开出版物.
    #[serde(rename = "not_processed.publication")]
    NotProcessedPublication,
    /// 三(五)4.无正当理由大量反复申请.
    #[serde(rename = "not_processed.excessive")]
    NotProcessedExcessive,
    /// 三(五)5.要求行政机关确认或重新出具已获取信息.
    #[serde(rename = "not_processed.confirmation")]
    NotProcessedConfirmation,
    /// 三(六)1 逾期不补正 (2021 format only).
    #[serde(rename = "other.no_clarification")]
    OtherNoClarification,
    /// 三(六)2 逾期未缴费 (2021 format only).
    #[serde(rename = "other.fee_unpaid")]
    OtherFeeUnpaid,
    /// 三(六)3.其他 (2021 format only).
    #[serde(rename = "other.other")]
    OtherOther,
    /// 三(六)其他处理, one row (2019 format only).
    #[serde(rename = "other")]
    Other,
}

use Outcome::*;

impl Outcome {
    /// Every outcome in table order (the 2019-only [`Outcome::Other`] last).
    pub const ALL: [Outcome; 22] = [
        Granted,
        PartiallyGranted,
        WithheldStateSecret,
        WithheldProhibitedByLaw,
        WithheldSecurityStability,
        WithheldThirdPartyRights,
        WithheldInternalAffairs,
        WithheldProcessInformation,
        WithheldEnforcementFile,
        WithheldAdministrativeInquiry,
        UnableNotHeld,
        UnableNeedsCreation,
        UnableUnclearAfterClarification,
        NotProcessedPetitionOrComplaint,
        NotProcessedDuplicate,
        NotProcessedPublication,
        NotProcessedExcessive,
        NotProcessedConfirmation,
        OtherNoClarification,
        OtherFeeUnpaid,
        OtherOther,
        Other,
    ];

    /// The key, equal to the table 三 row key of report-model.md (`withheld.state_secret`).
    pub fn key(self) -> &'static str {
        match self {
            Granted => "granted",
            PartiallyGranted => "partially_granted",
            WithheldStateSecret => "withheld.state_secret",
            WithheldProhibitedByLaw => "withheld.prohibited_by_law",
            WithheldSecurityStability => "withheld.security_stability",
            WithheldThirdPartyRights => "withheld.third_party_rights",
            WithheldInternalAffairs => "withheld.internal_affairs",
            WithheldProcessInformation => "withheld.process_information",
            WithheldEnforcementFile => "withheld.enforcement_file",
            WithheldAdministrativeInquiry => "withheld.administrative_inquiry",
            UnableNotHeld => "unable.not_held",
            UnableNeedsCreation => "unable.needs_creation",
            UnableUnclearAfterClarification => "unable.unclear_after_clarification",
            NotProcessedPetitionOrComplaint => "not_processed.petition_or_complaint",
            NotProcessedDuplicate => "not_processed.duplicate",
            NotProcessedPublication => "not_processed.publication",
            NotProcessedExcessive => "not_processed.excessive",
            NotProcessedConfirmation => "not_processed.confirmation",
            OtherNoClarification => "other.no_clarification",
            OtherFeeUnpaid => "other.fee_unpaid",
            OtherOther => "other.other",
            Other => "other",
        }
    }

    /// Parses a key (surrounding spaces ignored), in any format; see [`Outcome::for_decision`]
    /// to also check the format in force.
    pub fn parse(key: &str) -> Result<Outcome, FieldError> {
        let key = key.trim();
        if key.is_empty() {
            return Err(FieldError::new(FIELD, LABEL, format!("请选择{LABEL}")));
        }
        Outcome::ALL
            .into_iter()
            .find(|o| o.key() == key)
            .ok_or_else(|| FieldError::new(FIELD, LABEL, format!("{LABEL}“{key}”不是有效选项")))
    }

    /// The Chinese wording of the row, without its number (`本机关不掌握相关政府信息`).
    pub fn label(self) -> &'static str {
        match self {
            Granted => "予以公开",
            PartiallyGranted => "部分公开",
            WithheldStateSecret => "属于国家秘密",
            WithheldProhibitedByLaw => "其他法律行政法规禁止公开",
            WithheldSecurityStability => "危及“三安全一稳定”",
            WithheldThirdPartyRights => "保护第三方合法权益",
            WithheldInternalAffairs => "属于三类内部事务信息",
            WithheldProcessInformation => "属于四类过程性信息",
            WithheldEnforcementFile => "属于行政执法案卷",
            WithheldAdministrativeInquiry => "属于行政查询事项",
            UnableNotHeld => "本机关不掌握相关政府信息",
            UnableNeedsCreation => "没有现成信息需要另行制作",
            UnableUnclearAfterClarification => "补正后申请内容仍不明确",
            NotProcessedPetitionOrComplaint => "信访举报投诉类申请",
            NotProcessedDuplicate => "重复申请",
            NotProcessedPublication => "要求提供公开出版物",
            NotProcessedExcessive => "无正当理由大量反复申请",
            NotProcessedConfirmation => "要求行政机关确认或重新出具已获取信息",
            OtherNoClarification => "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            OtherFeeUnpaid => "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            OtherOther => "其他",
            Other => "其他处理",
        }
    }

    /// The Chinese name of the row group (三(一)…(六)): 予以公开, 部分公开, 不予公开, 无法提供,
    /// 不予处理 or 其他处理.
    pub fn group_label(self) -> &'static str {
        match self {
            Granted => "予以公开",
            PartiallyGranted => "部分公开",
            WithheldStateSecret
            | WithheldProhibitedByLaw
            | WithheldSecurityStability
            | WithheldThirdPartyRights
            | WithheldInternalAffairs
            | WithheldProcessInformation
            | WithheldEnforcementFile
            | WithheldAdministrativeInquiry => "不予公开",
            UnableNotHeld | UnableNeedsCreation | UnableUnclearAfterClarification => "无法提供",
            NotProcessedPetitionOrComplaint
            | NotProcessedDuplicate
            | NotProcessedPublication
            | NotProcessedExcessive
            | NotProcessedConfirmation => "不予处理",
            OtherNoClarification | OtherFeeUnpaid | OtherOther | Other => "其他处理",
        }
    }

    /// The default legal basis to cite in the reply, per spec §1.3, or `None` where no article
    /// applies (`not_processed.confirmation`, `other.other`, `other`). Staff may narrow it: a row
    /// that §1.3 maps to two provisions cites both (`granted`: Art. 36(一) already disclosed and
    /// 36(二); `unable.not_held`: 36(四) does not exist and 36(五) not this agency's). The
    /// mappings of `granted` to 36(一), `withheld.administrative_inquiry` and 36(五) are
    /// *practice*; `other.fee_unpaid` cites Art. 42 and the fee measures without an article,
    /// because the measures' article on non-payment was not read (spec §4).
    pub fn legal_basis(self) -> Option<&'static str> {
        Some(match self {
            Granted => "《中华人民共和国政府信息公开条例》第三十六条第一项、第二项",
            PartiallyGranted => "《中华人民共和国政府信息公开条例》第三十七条",
            WithheldStateSecret | WithheldProhibitedByLaw | WithheldSecurityStability => {
                "《中华人民共和国政府信息公开条例》第十四条"
            }
            WithheldThirdPartyRights => "《中华人民共和国政府信息公开条例》第十五条",
            WithheldInternalAffairs => "《中华人民共和国政府信息公开条例》第十六条第一款",
            WithheldProcessInformation | WithheldEnforcementFile => "《中华人民共和国政府信息公开条例》第十六条第二款",
            WithheldAdministrativeInquiry => "《中华人民共和国政府信息公开条例》第三十六条第七项",
            UnableNotHeld => "《中华人民共和国政府信息公开条例》第三十六条第四项、第五项",
            UnableNeedsCreation => "《中华人民共和国政府信息公开条例》第三十八条",
            UnableUnclearAfterClarification | OtherNoClarification => "《中华人民共和国政府信息公开条例》第三十条",
            NotProcessedPetitionOrComplaint => "《中华人民共和国政府信息公开条例》第三十九条第一款",
            NotProcessedDuplicate => "《中华人民共和国政府信息公开条例》第三十六条第六项",
            NotProcessedPublication => "《中华人民共和国政府信息公开条例》第三十九条第二款",
            NotProcessedExcessive => "《中华人民共和国政府信息公开条例》第三十五条",
            OtherFeeUnpaid => {
                "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
            }
            NotProcessedConfirmation | OtherOther | Other => return None,
        })
    }

    /// Whether the reply may name the agency responsible for the information: Art. 36(五)
    /// "能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式".
    pub fn names_responsible_agency(self) -> bool {
        self == UnableNotHeld
    }

    /// Whether the outcome is a row of `format`: `other.*` only in the 2021 format, `other`
    /// only in the 2019 format, everything else in both.
    pub fn in_format(self, format: ReportFormat) -> bool {
        match self {
            OtherNoClarification | OtherFeeUnpaid | OtherOther => format == ReportFormat::F2021,
            Other => format == ReportFormat::F2019,
            _ => true,
        }
    }

    /// The outcomes that can be chosen for a decision made in `year` (empty before 2019).
    pub fn available_in(year: i32) -> Vec<Outcome> {
        match ReportFormat::for_year(year) {
            Some(format) => Outcome::ALL.into_iter().filter(|o| o.in_format(format)).collect(),
            None => Vec::new(),
        }
    }

    /// Parses the outcome of a decision made in `decided_year`, refusing a key that is not a row
    /// of the report format in force for that year (the decision is counted in that year's report).
    pub fn for_decision(key: &str, decided_year: i32) -> Result<Outcome, FieldError> {
        let outcome = Outcome::parse(key)?;
        let Some(format) = ReportFormat::for_year(decided_year) else {
            return Err(FieldError::new(
                FIELD,
                LABEL,
                format!("{decided_year}年作出的答复不适用本分类：年度报告格式自2019年度起才有这些{LABEL}"),
            ));
        };
        if !outcome.in_format(format) {
            return Err(FieldError::new(
                FIELD,
                LABEL,
                format!(
                    "{LABEL}“{}”（{}）不适用于{decided_year}年作出的答复：该年度适用{}",
                    outcome.label(),
                    outcome.key(),
                    format.name_zh()
                ),
            ));
        }
        Ok(outcome)
    }

    /// An outcome read from an imported ledger (台账) for a decision made in `decided_year`.
    /// Ledgers kept with the finer 2021 codes are accepted for 2019–2020 decisions too: their
    /// `other.*` codes are folded into the one (六)其他处理 row of the 2019 format, as the report
    /// counts them. Anything else is checked as [`Outcome::for_decision`] does.
    pub fn for_ledger(key: &str, decided_year: i32) -> Result<Outcome, FieldError> {
        let outcome = Outcome::parse(key)?;
        let folds = matches!(outcome, OtherNoClarification | OtherFeeUnpaid | OtherOther);
        if folds && ReportFormat::for_year(decided_year) == Some(ReportFormat::F2019) {
            return Ok(Other);
        }
        Outcome::for_decision(key, decided_year)
    }

    /// The table 三 row key the outcome is counted under in a report of `format`. In the 2019
    /// format every `other.*` counts under `other`; in the 2021 format a 2019-era `other` counts
    /// under `other.other`. Every other outcome counts under its own key.
    pub fn report_row(self, format: ReportFormat) -> &'static str {
        match (self, format) {
            (OtherNoClarification | OtherFeeUnpaid | OtherOther, ReportFormat::F2019) => Other.key(),
            (Other, ReportFormat::F2021) => OtherOther.key(),
            _ => self.key(),
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULATION: &str = "《中华人民共和国政府信息公开条例》";

    #[test]
    fn keys_round_trip_through_parse_and_serde() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.key()), Ok(o));
            assert_eq!(serde_json::to_value(o).unwrap(), serde_json::json!(o.key()));
            assert_eq!(serde_json::from_value::<Outcome>(serde_json::json!(o.key())).unwrap(), o);
        }
        assert_eq!(Outcome::parse(" unable.not_held "), Ok(UnableNotHeld));
    }

    #[test]
    fn an_unknown_or_empty_key_is_refused_naming_the_field() {
        let err = Outcome::parse("withheld.privacy").unwrap_err();
        assert_eq!((err.field.as_str(), err.label.as_str()), ("outcome", "答复类型"));
        assert_eq!(err.message, "答复类型“withheld.privacy”不是有效选项");
        assert_eq!(Outcome::parse("").unwrap_err().message, "请选择答复类型");
    }

    #[test]
    fn the_2021_format_has_twenty_one_leaf_rows_and_the_2019_format_nineteen() {
        // Spec §2.4: 22 rows in 三 (2021) and 20 (2019), each including the (七)总计 row.
        assert_eq!(Outcome::available_in(2024).len(), 21);
        assert_eq!(Outcome::available_in(2020).len(), 19);
        assert!(Outcome::available_in(2018).is_empty());
        assert!(!Outcome::available_in(2021).contains(&Other));
        assert!(!Outcome::available_in(2019).contains(&OtherFeeUnpaid));
    }

    #[test]
    fn a_ledger_with_2021_codes_folds_them_into_other_for_2019_and_2020_decisions() {
        for key in ["other.no_clarification", "other.fee_unpaid", "other.other"] {
            assert_eq!(Outcome::for_ledger(key, 2020), Ok(Other), "{key}");
            assert!(Outcome::for_decision(key, 2020).is_err(), "a decision made now still picks the year's own codes");
            assert_ne!(Outcome::for_ledger(key, 2021), Ok(Other));
        }
        assert!(Outcome::for_ledger("other", 2022).is_err(), "the 2019 code is not valid for 2021-format years");
        assert!(Outcome::for_ledger("granted", 2018).is_err());
    }

    #[test]
    fn the_format_follows_the_report_year() {
        assert_eq!(ReportFormat::for_year(2018), None);
        assert_eq!(ReportFormat::for_year(2019), Some(ReportFormat::F2019));
        assert_eq!(ReportFormat::for_year(2020), Some(ReportFormat::F2019));
        assert_eq!(ReportFormat::for_year(2021), Some(ReportFormat::F2021));
        assert_eq!(ReportFormat::for_year(2030), Some(ReportFormat::F2021));
        assert_eq!(serde_json::to_value(ReportFormat::F2021).unwrap(), serde_json::json!("2021"));
    }

    #[test]
    fn a_decision_is_refused_an_outcome_of_the_other_format_naming_year_and_format() {
        assert_eq!(Outcome::for_decision("other.fee_unpaid", 2021), Ok(OtherFeeUnpaid));
        assert_eq!(Outcome::for_decision("other", 2020), Ok(Other));
        let err = Outcome::for_decision("other.fee_unpaid", 2020).unwrap_err();
        assert_eq!(err.field, "outcome");
        assert!(err.message.contains("2020年"), "{}", err.message);
        assert!(err.message.contains("国办公开办函〔2019〕60号"), "{}", err.message);
        let err = Outcome::for_decision("other", 2022).unwrap_err();
        assert!(err.message.contains("2022年") && err.message.contains("〔2021〕30号"), "{}", err.message);
        assert!(Outcome::for_decision("granted", 2018).unwrap_err().message.contains("2018年"));
    }

    #[test]
    fn other_rows_are_counted_under_the_row_of_the_report_format() {
        for o in [OtherNoClarification, OtherFeeUnpaid, OtherOther] {
            assert_eq!(o.report_row(ReportFormat::F2019), "other");
            assert_eq!(o.report_row(ReportFormat::F2021), o.key());
        }
        assert_eq!(Other.report_row(ReportFormat::F2021), "other.other");
        assert_eq!(UnableNotHeld.report_row(ReportFormat::F2019), "unable.not_held");
    }

    #[test]
    fn labels_groups_and_legal_bases_follow_the_table_and_spec() {
        assert_eq!(PartiallyGranted.label(), "部分公开");
        assert_eq!(UnableNotHeld.label(), "本机关不掌握相关政府信息");
        assert_eq!(WithheldEnforcementFile.group_label(), "不予公开");
        assert_eq!(OtherOther.group_label(), "其他处理");
        assert_eq!(NotProcessedExcessive.group_label(), "不予处理");
        assert_eq!(PartiallyGranted.legal_basis(), Some("《中华人民共和国政府信息公开条例》第三十七条"));
        assert_eq!(NotProcessedExcessive.legal_basis(), Some("《中华人民共和国政府信息公开条例》第三十五条"));
        assert_eq!(OtherOther.legal_basis(), None);
        for o in Outcome::ALL {
            assert!(o.legal_basis().is_none_or(|b| b.starts_with(REGULATION)), "{o}");
        }
    }

    #[test]
    fn only_not_held_names_the_responsible_agency() {
        let naming: Vec<Outcome> = Outcome::ALL.into_iter().filter(|o| o.names_responsible_agency()).collect();
        assert_eq!(naming, vec![UnableNotHeld]);
    }
}
