//! The text of a reply letter (答复书 / 告知书), composed from a per-outcome template and the facts
//! of the request. Rendering to DOCX and PDF is the export crate's job; this module owns the words.
//!
//! A template is plain text: paragraphs separated by blank lines, with placeholders in braces
//! ([`PLACEHOLDERS`]). Agencies may edit the templates of their outcomes; the statement of the
//! applicant's right to reconsideration and litigation is appended to every letter whatever the
//! template says, so an edited template cannot drop it. The periods are those of the
//! 《中华人民共和国行政复议法》 (60 days) and the 《中华人民共和国行政诉讼法》 (6 months).

use time::Date;

use super::outcome::Outcome;
use crate::field::FieldError;

/// The placeholders a template may use, with what each stands for.
pub const PLACEHOLDERS: [(&str, &str); 10] = [
    ("{申请人}", "申请人姓名或名称"),
    ("{机关名称}", "作出答复的机关"),
    ("{收到日期}", "收到申请之日"),
    ("{申请内容}", "申请公开的信息"),
    ("{答复类型}", "答复类型"),
    ("{法律依据}", "法律依据"),
    ("{理由}", "理由"),
    ("{负责机关}", "负责公开该信息的机关"),
    ("{答复日期}", "作出答复的日期"),
    ("{查询码}", "申请的查询码"),
];

/// The right-to-remedy statement appended to every letter.
pub const REMEDY: &str = "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。";

/// What a letter says about the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterFacts {
    pub agency_name: String,
    pub applicant_name: String,
    pub received: Date,
    /// The information sought, as the applicant described it.
    pub sought: String,
    pub outcome: Outcome,
    pub decided: Date,
    pub basis: String,
    pub reasons: String,
    pub responsible_agency: Option<String>,
    pub tracking_code: String,
}

/// A composed letter, ready for rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposedLetter {
    pub title: String,
    pub reference: String,
    pub salutation: String,
    pub paragraphs: Vec<String>,
    pub signature: String,
    pub date: String,
}

/// `2025年11月10日`.
pub fn chinese_date(d: Date) -> String {
    crate::calendar::china_time::date_label(d)
}

/// The letter's title: an answer (答复书) when information is given, a notice (告知书) otherwise.
pub fn title(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Granted | Outcome::PartiallyGranted => "政府信息公开申请答复书",
        _ => "政府信息公开申请告知书",
    }
}

/// The template gongkai ships for `outcome`.
pub fn default_template(outcome: Outcome) -> &'static str {
    use Outcome::*;
    match outcome {
        Granted => {
            "本机关于{收到日期}收到您提出的政府信息公开申请，申请公开“{申请内容}”。\n\n经审查，您申请公开的信息属于可以公开的政府信息。根据{法律依据}的规定，现予以公开，所申请的信息随本答复书一并提供（或按您选择的方式提供）。\n\n{理由}"
        }
        PartiallyGranted => {
            "本机关于{收到日期}收到您提出的政府信息公开申请，申请公开“{申请内容}”。\n\n经审查，您申请公开的信息中部分内容不应当公开，理由如下：{理由}\n\n根据{法律依据}的规定，本机关对可以公开的部分予以提供，对不应当公开的部分不予公开。"
        }
        UnableNotHeld => {
            "本机关于{收到日期}收到您提出的政府信息公开申请，申请公开“{申请内容}”。\n\n经检索，{理由}\n\n根据{法律依据}的规定，特此告知。{负责机关}"
        }
        _ => {
            "本机关于{收到日期}收到您提出的政府信息公开申请，申请公开“{申请内容}”。\n\n经审查，{理由}\n\n根据{法律依据}的规定，本机关作出如下答复：{答复类型}。"
        }
    }
}

/// Checks an edited template: not empty, at most 5000 characters, and only known placeholders.
pub fn check_template(template: &str) -> Result<(), FieldError> {
    let label = "答复书模板";
    if template.trim().is_empty() {
        return Err(FieldError::new("template", label, "答复书模板不能为空"));
    }
    if template.chars().count() > 5000 {
        return Err(FieldError::new("template", label, "答复书模板不能超过5000个字"));
    }
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err(FieldError::new("template", label, "答复书模板中的“{”没有对应的“}”"));
        };
        let name = &rest[open..open + close + 1];
        if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
            return Err(FieldError::new("template", label, format!("答复书模板中的{name}不是可用的占位符")));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// The words a template puts before {理由} that handlers often type themselves.
const LEAD_INS: [&str; 4] = ["经检索，", "经检索,", "经查，", "经查询，"];

/// When the handler's reasons begin as the template's text before {理由} ends (经检索，经检索…),
/// the template's words are dropped so the letter does not say them twice.
fn drop_repeated_lead_in(filled: &mut String, reasons: &str) {
    let starts_alike = |lead: &str| {
        let word = lead.trim_end_matches(['，', ',']);
        reasons.trim_start().starts_with(word)
    };
    if let Some(lead) =
        LEAD_INS.iter().find(|lead| filled.ends_with(**lead) && LEAD_INS.iter().any(|l| starts_alike(l)))
    {
        filled.truncate(filled.len() - lead.len());
    }
}

/// Fills `template` with `facts` and appends the remedy statement.
pub fn compose(template: &str, facts: &LetterFacts) -> ComposedLetter {
    let responsible = facts
        .responsible_agency
        .as_deref()
        .map(|a| format!("该信息由{a}负责公开，您可以向{a}提出申请。"))
        .unwrap_or_default();
    let values = [
        ("{申请人}", facts.applicant_name.clone()),
        ("{机关名称}", facts.agency_name.clone()),
        ("{收到日期}", chinese_date(facts.received)),
        ("{申请内容}", facts.sought.clone()),
        ("{答复类型}", facts.outcome.label().to_owned()),
        ("{法律依据}", facts.basis.clone()),
        ("{理由}", facts.reasons.clone()),
        ("{负责机关}", responsible),
        ("{答复日期}", chinese_date(facts.decided)),
        ("{查询码}", facts.tracking_code.clone()),
    ];
    // One pass over the template, so a value that contains a placeholder is not filled again.
    let mut filled = String::with_capacity(template.len() + 200);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let tail = &rest[open..];
        match values.iter().find(|(p, _)| tail.starts_with(p)) {
            Some((p, v)) => {
                if *p == "{理由}" {
                    drop_repeated_lead_in(&mut filled, v);
                }
                filled.push_str(v);
                rest = &tail[p.len()..];
            }
            None => {
                filled.push('{');
                rest = &tail[1..];
            }
        }
    }
    filled.push_str(rest);
    let mut paragraphs: Vec<String> = filled
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(""))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.push(REMEDY.to_owned());
    ComposedLetter {
        title: title(facts.outcome).to_owned(),
        reference: format!("（{}）", facts.tracking_code),
        salutation: format!("{}：", facts.applicant_name),
        paragraphs,
        signature: facts.agency_name.clone(),
        date: chinese_date(facts.decided),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn facts(outcome: Outcome) -> LetterFacts {
        LetterFacts {
            agency_name: "浩县人民政府".into(),
            applicant_name: "张三".into(),
            received: date!(2025 - 09 - 26),
            sought: "2024年青石镇安置补助发放名单".into(),
            outcome,
            decided: date!(2025 - 11 - 10),
            basis: "《中华人民共和国政府信息公开条例》第三十七条".into(),
            reasons: "名单中的身份证号码属于个人隐私{理由}".into(),
            responsible_agency: None,
            tracking_code: "20250926-7K3MQZ".into(),
        }
    }

    #[test]
    fn a_partial_grant_names_the_request_the_basis_the_reasons_and_the_remedy() {
        let f = facts(Outcome::PartiallyGranted);
        let l = compose(default_template(Outcome::PartiallyGranted), &f);
        assert_eq!(l.title, "政府信息公开申请答复书");
        assert_eq!((l.salutation.as_str(), l.date.as_str()), ("张三：", "2025年11月10日"));
        let text = l.paragraphs.join("\n");
        assert!(text.contains("2025年9月26日收到") && text.contains("“2024年青石镇安置补助发放名单”"), "{text}");
        assert!(text.contains("第三十七条") && text.contains("身份证号码属于个人隐私"));
        assert!(text.contains("{理由}"), "a placeholder inside a value is not filled again");
        assert_eq!(l.paragraphs.last().unwrap(), REMEDY);
    }

    #[test]
    fn a_not_held_reply_names_the_responsible_agency() {
        let mut f = facts(Outcome::UnableNotHeld);
        f.responsible_agency = Some("浩县自然资源局".into());
        let l = compose(default_template(Outcome::UnableNotHeld), &f);
        assert_eq!(l.title, "政府信息公开申请告知书");
        assert!(l.paragraphs.join("").contains("该信息由浩县自然资源局负责公开"));
    }

    #[test]
    fn the_handlers_own_lead_in_is_not_doubled() {
        let mut f = facts(Outcome::UnableNotHeld);
        f.reasons = "经检索，本机关未制作或获取该信息。".into();
        let text = compose(default_template(Outcome::UnableNotHeld), &f).paragraphs.join("");
        assert!(text.contains("“2024年青石镇安置补助发放名单”。经检索，本机关未制作"), "{text}");
        assert_eq!(text.matches("经检索").count(), 1, "{text}");
        f.reasons = "本机关未制作或获取该信息。".into();
        let text = compose(default_template(Outcome::UnableNotHeld), &f).paragraphs.join("");
        assert!(text.contains("经检索，本机关未制作"), "the template's words stay when the reasons lack them: {text}");
    }

    #[test]
    fn an_edited_template_keeps_the_remedy_and_only_known_placeholders_pass() {
        let l = compose("{申请人}您好。\n\n本机关已处理。", &facts(Outcome::Granted));
        assert_eq!(l.paragraphs, ["张三您好。", "本机关已处理。", REMEDY]);
        assert!(check_template("{申请人}，{理由}").is_ok());
        assert_eq!(check_template("{姓名}").unwrap_err().message, "答复书模板中的{姓名}不是可用的占位符");
        assert!(check_template("{申请人").is_err());
        assert!(check_template("  ").is_err());
        for outcome in Outcome::ALL {
            assert!(check_template(default_template(outcome)).is_ok(), "{outcome:?}");
        }
    }
}
