//! The catalogue of request commands: for each its key, label, form fields and permission. The
//! console's step forms, the staff API, the command parser and the authorization all read this
//! one table, so a new command is added here (and in [`super::decide`] and the event wording,
//! `wording`) and nowhere else.
//!
//! [`Kind::parse_fields`] turns the values of a form or a JSON body into a [`Command`], each
//! failure naming its field in Chinese.

use time::Date;

use super::{Command, ConsultKind, ReopenOrder};
use crate::agency::policy::Permission;
use crate::calendar::iso_date;
use crate::field::{FieldError, FieldErrors};
use crate::request::outcome::Outcome;

/// What a field holds, so a form can show the right control and the parser read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A whole number.
    Count,
    /// One of fixed choices (`(key, label)`).
    Choice(&'static [(&'static str, &'static str)]),
    /// An outcome code of the decision year's report format (choices depend on the year).
    Outcome,
    /// The number of an open consultation (choices depend on the request).
    OpenConsultation,
    /// A staff member of the agency who handles requests, by name (choices depend on the agency;
    /// the application layer checks the name against them).
    Handler,
}

/// One field of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Machine name, as in the form and the JSON body.
    pub name: &'static str,
    /// Chinese label.
    pub label: &'static str,
    pub kind: FieldKind,
    /// Whether an empty value is refused before the command is tried.
    pub required: bool,
}

const fn field(name: &'static str, label: &'static str, kind: FieldKind) -> Field {
    Field { name, label, kind, required: true }
}

const fn optional(name: &'static str, label: &'static str, kind: FieldKind) -> Field {
    Field { name, label, kind, required: false }
}

/// The kinds of command, without their values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Confirm,
    RequestClarification,
    ReceiveCorrection,
    ExpireClarification,
    Assign,
    StartConsultation,
    EndConsultation,
    Extend,
    IssueFeeNotice,
    RecordPayment,
    ExpireFee,
    Decide,
    Deliver,
    Close,
    Reopen,
    Supervise,
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub kind: Kind,
    /// Form and API name (`request_clarification`).
    pub key: &'static str,
    /// Chinese name, as on the button and in messages.
    pub label: &'static str,
    pub fields: &'static [Field],
    /// What the actor needs (see [`crate::agency::policy`]).
    pub permission: Permission,
}

const CONSULT_KINDS: &[(&str, &str)] = &[("third_party", "第三方"), ("agency", "其他机关")];
const REOPEN_ORDERS: &[(&str, &str)] = &[("reconsideration", "行政复议决定"), ("court", "人民法院判决")];
/// The fee calculator's bases (the amount is computed by the application from the tiers).
pub const FEE_BASES: &[(&str, &str)] =
    &[("", "不计算，手工填写"), ("per_item", "按件（计入申请人本月此前的申请）"), ("per_page", "按量（页数）")];

use FieldKind::{Choice, Count, Date as DateField, Handler, LongText, OpenConsultation, Text};

/// Every command, in the order the console offers them.
/// How a reply reaches the applicant (送达方式): the applicant's choices of [`Delivery`] (the
/// key is the label, as the event records it) and 传真, which some offices still use.
///
/// [`Delivery`]: crate::request::applicant::Delivery
pub const DELIVERY_METHODS: &[(&str, &str)] =
    &[("邮寄", "邮寄"), ("电子邮件", "电子邮件"), ("自行领取", "自行领取"), ("网上获取", "网上获取"), ("传真", "传真")];

pub const CATALOGUE: &[Spec] = &[
    Spec {
        kind: Kind::Confirm,
        key: "confirm",
        label: "确认收到",
        fields: &[field("received", "收到申请之日", DateField)],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::RequestClarification,
        key: "request_clarification",
        label: "告知补正",
        fields: &[
            field("on", "告知日期", DateField),
            field("matters", "需要补正的事项", LongText),
            field("reply_by", "补正期限", DateField),
        ],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::ReceiveCorrection,
        key: "receive_correction",
        label: "登记补正",
        fields: &[field("on", "收到补正之日", DateField)],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::ExpireClarification,
        key: "expire_clarification",
        label: "逾期未补正",
        fields: &[field("on", "登记日期", DateField)],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::Assign,
        key: "assign",
        label: "分配经办人",
        fields: &[field("handler", "经办人", Handler), field("on", "分配日期", DateField)],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::StartConsultation,
        key: "start_consultation",
        label: "征求意见",
        fields: &[
            field("kind", "对象类型", Choice(CONSULT_KINDS)),
            field("party", "征求意见对象", Text),
            field("on", "发出征求意见之日", DateField),
        ],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::EndConsultation,
        key: "end_consultation",
        label: "结束征求意见",
        fields: &[
            field("no", "征求意见编号", OpenConsultation),
            field("opinion", "反馈意见", LongText),
            field("on", "收到意见之日", DateField),
        ],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::Extend,
        key: "extend",
        label: "延长答复期限",
        fields: &[
            field("days", "延长工作日数", Count),
            field("reason", "延期理由", LongText),
            field("on", "批准日期", DateField),
        ],
        permission: Permission::ApproveExtensions,
    },
    Spec {
        kind: Kind::IssueFeeNotice,
        key: "issue_fee_notice",
        label: "发出收费通知",
        fields: &[
            optional("fee_basis", "计费方式", Choice(FEE_BASES)),
            optional("fee_count", "件数或页数", Count),
            optional("amount_yuan", "金额（元）", Count),
            optional("explanation", "收费依据和计算", LongText),
            field("payment_method", "缴纳方式", LongText),
            optional("pay_by", "缴费期限（不填按收到通知次日起20个工作日计）", DateField),
            field("on", "通知日期", DateField),
        ],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::RecordPayment,
        key: "record_payment",
        label: "登记缴费",
        fields: &[field("on", "缴费日期", DateField)],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::ExpireFee,
        key: "expire_fee",
        label: "逾期未缴费",
        fields: &[field("on", "登记日期", DateField)],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::Decide,
        key: "decide",
        label: "作出答复",
        fields: &[
            field("outcome", "答复类型", FieldKind::Outcome),
            field("basis", "法律依据", Text),
            optional("reasons", "理由", LongText),
            optional("responsible_agency", "负责公开的机关（仅“本机关不掌握”时）", Text),
            field("on", "答复日期", DateField),
        ],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::Deliver,
        key: "deliver",
        label: "登记送达",
        fields: &[field("method", "送达方式", Choice(DELIVERY_METHODS)), field("on", "送达日期", DateField)],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::Close,
        key: "close",
        label: "办结归档",
        fields: &[field("on", "办结日期", DateField)],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::Reopen,
        key: "reopen",
        label: "重新办理",
        fields: &[
            field("order", "依据", Choice(REOPEN_ORDERS)),
            field("document_number", "决定书或判决书文号", Text),
            field("reason", "说明", LongText),
            field("on", "决定或判决日期", DateField),
            optional("reply_workdays", "责令的答复期限（工作日，未规定的留空，按20个工作日）", Count),
        ],
        permission: Permission::HandleRequests,
    },
    Spec {
        kind: Kind::Supervise,
        key: "supervise",
        label: "督办",
        fields: &[field("note", "督办意见", LongText), field("on", "督办日期", DateField)],
        permission: Permission::SuperviseRequests,
    },
];

impl Kind {
    /// This kind's row of the catalogue.
    pub fn spec(self) -> &'static Spec {
        CATALOGUE.iter().find(|s| s.kind == self).expect("every kind has a row")
    }

    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    pub fn permission(self) -> Permission {
        self.spec().permission
    }

    /// The kind named `key`, or a field error naming the command field.
    pub fn from_key(key: &str) -> Result<Kind, FieldError> {
        CATALOGUE.iter().find(|s| s.key == key.trim()).map(|s| s.kind).ok_or_else(|| {
            let keys: Vec<&str> = CATALOGUE.iter().map(|s| s.key).collect();
            FieldError::new("command", "操作", format!("未知的操作“{}”，可选：{}", key.trim(), keys.join("、")))
        })
    }

    /// Reads a command of this kind from named values (a form, a JSON object); `get` answers the
    /// value of a field by name (empty when absent). Every missing or malformed field is reported.
    /// The fee calculator's fields are the application's to read: here the amount is taken as given.
    pub fn parse_fields<'a>(self, get: impl Fn(&str) -> &'a str) -> Result<Command, FieldErrors> {
        let spec = self.spec();
        let mut errors = FieldErrors::new();
        for f in spec.fields.iter().filter(|f| f.required) {
            if get(f.name).trim().is_empty() {
                errors.push(FieldError::new(f.name, f.label, format!("{}须填写{}", spec.label, f.label)));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let label = |name: &str| spec.fields.iter().find(|f| f.name == name).map_or(name, |f| f.label).to_owned();
        let date = |name: &str| -> Result<Date, FieldError> {
            iso_date::parse(get(name).trim()).map_err(|invalid| {
                let l = label(name);
                let message = invalid.reason_for(&l).unwrap_or_else(|| format!("{l}应为“年-月-日”格式，如2025-09-26"));
                FieldError::new(name, &l, message)
            })
        };
        let count = |name: &str| -> Result<u64, FieldError> {
            get(name).trim().parse().map_err(|_| {
                let l = label(name);
                FieldError::new(name, &l, format!("{l}应为整数"))
            })
        };
        let text = |name: &str| get(name).trim().to_owned();
        let choice = |name: &str, choices: &[(&str, &str)]| -> Result<String, FieldError> {
            let v = get(name).trim();
            if choices.iter().any(|(k, _)| *k == v) {
                Ok(v.to_owned())
            } else {
                let l = label(name);
                let labels: Vec<&str> = choices.iter().map(|(_, l)| *l).collect();
                Err(FieldError::new(name, &l, format!("请选择{l}：{}", labels.join("或"))))
            }
        };
        let command = (|| -> Result<Command, FieldError> {
            Ok(match self {
                Kind::Confirm => Command::Confirm { received: date("received")? },
                Kind::RequestClarification => Command::RequestClarification {
                    on: date("on")?,
                    matters: text("matters"),
                    reply_by: date("reply_by")?,
                },
                Kind::ReceiveCorrection => Command::ReceiveCorrection { on: date("on")? },
                Kind::ExpireClarification => Command::ExpireClarification { on: date("on")? },
                Kind::Assign => Command::Assign { handler: text("handler"), on: date("on")? },
                Kind::StartConsultation => Command::StartConsultation {
                    kind: ConsultKind::parse(&choice("kind", CONSULT_KINDS)?).expect("a listed choice"),
                    party: text("party"),
                    on: date("on")?,
                },
                Kind::EndConsultation => Command::EndConsultation {
                    no: u32::try_from(count("no")?)
                        .map_err(|_| FieldError::new("no", "征求意见编号", "征求意见编号过大"))?,
                    on: date("on")?,
                    opinion: text("opinion"),
                },
                Kind::Extend => Command::Extend {
                    days: u32::try_from(count("days")?)
                        .map_err(|_| FieldError::new("days", "延长工作日数", "延长工作日数过大"))?,
                    on: date("on")?,
                    reason: text("reason"),
                },
                Kind::IssueFeeNotice => Command::IssueFeeNotice {
                    amount_yuan: if get("amount_yuan").trim().is_empty() {
                        return Err(FieldError::new("amount_yuan", "金额（元）", "请填写金额，或选择计费方式自动计算"));
                    } else {
                        count("amount_yuan")?
                    },
                    explanation: text("explanation"),
                    payment_method: text("payment_method"),
                    on: date("on")?,
                    pay_by: if get("pay_by").trim().is_empty() { None } else { Some(date("pay_by")?) },
                },
                Kind::RecordPayment => Command::RecordPayment { on: date("on")? },
                Kind::ExpireFee => Command::ExpireFee { on: date("on")? },
                Kind::Decide => {
                    let on = date("on")?;
                    Command::Decide {
                        outcome: Outcome::for_decision(get("outcome").trim(), on.year())?,
                        on,
                        basis: text("basis"),
                        reasons: text("reasons"),
                        responsible_agency: Some(text("responsible_agency")),
                    }
                }
                Kind::Deliver => Command::Deliver { on: date("on")?, method: choice("method", DELIVERY_METHODS)? },
                Kind::Close => Command::Close { on: date("on")? },
                Kind::Reopen => Command::Reopen {
                    on: date("on")?,
                    order: ReopenOrder::parse(&choice("order", REOPEN_ORDERS)?).expect("a listed choice"),
                    document_number: text("document_number"),
                    reason: text("reason"),
                    reply_workdays: match get("reply_workdays").trim() {
                        "" => None,
                        _ => Some(u32::try_from(count("reply_workdays")?).unwrap_or(u32::MAX)),
                    },
                },
                Kind::Supervise => Command::Supervise { on: date("on")?, note: text("note") },
            })
        })();
        command.map_err(FieldErrors::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(kind: Kind, values: &[(&str, &str)]) -> Result<Command, FieldErrors> {
        let map: HashMap<&str, &str> = values.iter().copied().collect();
        kind.parse_fields(|name| map.get(name).copied().unwrap_or(""))
    }

    #[test]
    fn a_reply_is_delivered_in_a_listed_way_including_every_way_an_applicant_may_choose() {
        for way in crate::request::applicant::Delivery::ALL {
            assert!(DELIVERY_METHODS.iter().any(|(k, _)| *k == way.label()), "{}", way.label());
        }
        let ok = parse(Kind::Deliver, &[("method", "邮寄"), ("on", "2025-10-20")]).unwrap();
        assert_eq!(ok, Command::Deliver { on: time::macros::date!(2025 - 10 - 20), method: "邮寄".into() });
        let err = parse(Kind::Deliver, &[("method", "飞鸽传书"), ("on", "2025-10-20")]).unwrap_err();
        assert!(err.to_string().contains("请选择送达方式"), "{err}");
    }

    #[test]
    fn every_kind_has_one_row_with_a_unique_key() {
        let mut keys: Vec<&str> = CATALOGUE.iter().map(|s| s.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), CATALOGUE.len());
        for spec in CATALOGUE {
            assert_eq!(Kind::from_key(spec.key).unwrap(), spec.kind);
        }
    }

    #[test]
    fn a_parsed_command_has_the_kind_it_was_parsed_as() {
        let cmd = parse(Kind::Extend, &[("days", "15"), ("reason", "需要调取档案"), ("on", "2025-10-20")]).unwrap();
        assert_eq!(cmd.kind(), Kind::Extend);
        assert_eq!(cmd.key(), "extend");
    }

    #[test]
    fn missing_fields_are_named_in_chinese() {
        let errors = parse(Kind::RequestClarification, &[("on", "2025-10-13")]).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["matters", "reply_by"]);
        assert_eq!(errors.0[0].message, "告知补正须填写需要补正的事项");
    }

    #[test]
    fn a_malformed_date_names_its_own_label() {
        let errors = parse(Kind::Close, &[("on", "2025/13/40")]).unwrap_err();
        assert_eq!(errors.0[0].message, "办结日期应为“年-月-日”格式，如2025-09-26");
    }

    #[test]
    fn an_unknown_command_lists_the_known_ones() {
        let e = Kind::from_key("explode").unwrap_err();
        assert!(e.message.starts_with("未知的操作“explode”，可选：confirm、"), "{}", e.message);
    }

    #[test]
    fn a_choice_outside_the_list_is_refused() {
        let errors = parse(
            Kind::Reopen,
            &[("order", "mayor"), ("document_number", "浩政复决〔2025〕3号"), ("reason", "x"), ("on", "2025-10-13")],
        )
        .unwrap_err();
        assert_eq!(errors.0[0].message, "请选择依据：行政复议决定或人民法院判决");
    }
}
