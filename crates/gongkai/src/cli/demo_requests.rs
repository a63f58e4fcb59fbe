//! Demo disclosure requests: one in every state of the workflow, dated back from today, with one
//! overdue and one received before the year end and answered after it (carried over), for the
//! county government and a township.

use gongkai_core::calendar::iso_date;
use gongkai_core::request::outcome::Outcome;
use gongkai_core::request::workflow::{Command, ConsultKind, ReopenOrder};
use gongkai_files::BlobStore;
use gongkai_store::agency::Agency;
use gongkai_store::request::intake::{self, IntakeForm};
use gongkai_store::request::query_key::QueryKey;
use gongkai_store::request::workflow;
use gongkai_store::{Actor, Db, timestamp};
use time::{Date, Duration};

use super::Failure;

/// What a demo request is about and how far it got.
struct Story {
    name: &'static str,
    kind: &'static str,
    id_type: &'static str,
    id_number: &'static str,
    channel: &'static str,
    description: &'static str,
    /// Days before today it was submitted.
    age: i64,
    /// Steps as (days after submission, command builder).
    steps: &'static [Step],
}

#[derive(Clone, Copy)]
enum Step {
    Assign,
    Clarify,
    Correct,
    Consult,
    EndConsult,
    Extend,
    Fee,
    Decide(&'static str),
    Deliver,
    Close,
    Reopen,
}

const STORIES: &[Story] = &[
    Story {
        name: "王建国",
        kind: "natural_person",
        id_type: "resident_id",
        id_number: "11010519491231002X",
        channel: "online",
        description: "青石镇2025年农村危房改造补助对象名单及补助标准",
        age: 1,
        steps: &[],
    },
    Story {
        name: "李秀英",
        kind: "natural_person",
        id_type: "resident_id",
        id_number: "11010519491231002X",
        channel: "in_person",
        description: "本人房屋所在地块的征收补偿安置方案",
        age: 3,
        steps: &[Step::Assign],
    },
    Story {
        name: "浩县绿源农业科技有限公司",
        kind: "business",
        id_type: "credit_code",
        id_number: "",
        channel: "post",
        description: "2026年度高标准农田建设项目招标文件及中标结果",
        age: 12,
        steps: &[Step::Assign, Step::Consult],
    },
    Story {
        name: "赵明",
        kind: "natural_person",
        id_type: "resident_id",
        id_number: "11010519491231002X",
        channel: "email",
        description: "有关道路的规划文件",
        age: 8,
        steps: &[Step::Assign, Step::Clarify],
    },
    Story {
        name: "孙伟",
        kind: "natural_person",
        id_type: "resident_id",
        id_number: "11010519491231002X",
        channel: "online",
        description: "2023年至2026年全县各乡镇财政转移支付明细（逐笔）",
        age: 15,
        steps: &[Step::Assign, Step::Fee],
    },
    Story {
        name: "浩县法律援助律师事务所",
        kind: "legal_service",
        id_type: "credit_code",
        id_number: "",
        channel: "post",
        description: "某行政处罚决定书及其依据的规范性文件",
        age: 45,
        steps: &[Step::Assign],
    },
    Story {
        name: "周丽",
        kind: "natural_person",
        id_type: "resident_id",
        id_number: "11010519491231002X",
        channel: "in_person",
        description: "学校周边交通安全设施改造工程的资金来源",
        age: 40,
        steps: &[
            Step::Assign,
            Step::Clarify,
            Step::Correct,
            Step::Consult,
            Step::EndConsult,
            Step::Extend,
            Step::Decide("partially_granted"),
            Step::Deliver,
        ],
    },
    Story {
        name: "吴刚",
        kind: "natural_person",
        id_type: "resident_id",
        id_number: "11010519491231002X",
        channel: "online",
        description: "本村2025年低保评审会议记录",
        age: 60,
        steps: &[Step::Assign, Step::Decide("withheld.process_information"), Step::Deliver, Step::Close],
    },
    Story {
        name: "郑华",
        kind: "natural_person",
        id_type: "resident_id",
        id_number: "11010519491231002X",
        channel: "fax",
        description: "县城污水处理厂环境影响评价批复文件",
        age: 30,
        steps: &[Step::Assign, Step::Decide("granted"), Step::Deliver, Step::Close],
    },
    Story {
        name: "浩县环保志愿者协会",
        kind: "nonprofit",
        id_type: "credit_code",
        id_number: "",
        channel: "online",
        description: "2026年第三季度重点排污单位监测数据",
        age: 50,
        steps: &[Step::Assign, Step::Decide("unable.not_held"), Step::Deliver, Step::Close, Step::Reopen],
    },
];

fn command(step: Step, on: Date, handler: &str) -> Command {
    match step {
        Step::Assign => Command::Assign { handler: handler.into(), on },
        Step::Clarify => Command::RequestClarification {
            on,
            matters: "请写明所需规划文件的名称或文号、涉及的道路名称".into(),
            reply_by: on + Duration::days(15),
        },
        Step::Correct => Command::ReceiveCorrection { on },
        Step::Consult => {
            Command::StartConsultation {
                kind: ConsultKind::ThirdParty, party: "浩县交通建设有限公司".into(), on
            }
        }
        Step::EndConsult => {
            Command::EndConsultation { no: 1, on, opinion: "同意公开，但合同单价属于商业秘密".into() }
        }
        Step::Extend => Command::Extend { days: 10, on, reason: "涉及多个部门，需调取档案核实".into() },
        Step::Fee => Command::IssueFeeNotice {
            amount_yuan: 700,
            explanation: "按量计收：共100页，第31至100页每页10元".into(),
            payment_method: "凭收费通知书到浩县政务服务中心非税收入窗口缴纳，或通过省政府非税收入收缴系统扫码缴纳"
                .into(),
            on,
            pay_by: None,
        },
        Step::Decide(outcome) => Command::Decide {
            outcome: Outcome::parse(outcome).expect("demo outcome keys are valid"),
            on,
            basis: Outcome::parse(outcome)
                .ok()
                .and_then(|o| o.legal_basis())
                .unwrap_or("《中华人民共和国政府信息公开条例》")
                .into(),
            reasons: match outcome {
                "granted" => String::new(),
                "partially_granted" => "合同单价涉及第三方商业秘密，已作区分处理，其余内容予以公开。".into(),
                "unable.not_held" => "经检索，本机关未制作或获取该信息。".into(),
                _ => "所申请信息为内部讨论记录，属于过程性信息。".into(),
            },
            responsible_agency: (outcome == "unable.not_held").then(|| "浩县生态环境局".into()),
        },
        Step::Deliver => Command::Deliver { on, method: "电子邮件".into() },
        Step::Close => Command::Close { on },
        Step::Reopen => Command::Reopen {
            on,
            order: ReopenOrder::Reconsideration,
            document_number: "浩市政复决〔2026〕8号".into(),
            reason: "市人民政府行政复议决定责令重新答复".into(),
            reply_workdays: None,
        },
    }
}

async fn tell(
    db: &Db,
    key: &QueryKey,
    agency: &Agency,
    story: &Story,
    today: Date,
    handler: &str,
) -> Result<i64, Failure> {
    let submitted = today - Duration::days(story.age);
    let id_number = if story.id_number.is_empty() { agency.credit_code.clone() } else { story.id_number.to_owned() };
    let form = IntakeForm {
        channel: story.channel.into(),
        submitted_on: iso_date::format(submitted),
        signed_for_on: iso_date::format(submitted),
        confirmed_on: iso_date::format(submitted),
        applicant_type: story.kind.into(),
        applicant_name: story.name.into(),
        id_type: story.id_type.into(),
        id_number,
        phone: "0831-5551234".into(),
        email: "applicant@example.com".into(),
        address: "浩县城关镇人民路1号".into(),
        description: story.description.into(),
        form: "electronic".into(),
        delivery: "email".into(),
        ..Default::default()
    };
    let intake = if story.channel == "online" { form.parse_online(submitted) } else { form.parse_registration(today) };
    let intake = intake.map_err(|e| Failure::input(format!("demo request {}: {e:?}", story.name)))?;
    let receipt = intake::submit(db, &BlobStore::in_memory(), &Actor::Cli, agency.id, intake, Vec::new(), key).await?;
    let mut on = submitted;
    if story.channel == "online" && !story.steps.is_empty() {
        transition(db, handler, receipt.id, &Command::Confirm { received: on }, today).await?;
    }
    let gap = (story.age / (story.steps.len() as i64 + 1)).max(0);
    for (i, step) in story.steps.iter().enumerate() {
        on = (submitted + Duration::days(gap * (i as i64 + 1))).min(today);
        transition(db, handler, receipt.id, &command(*step, on, handler), today).await?;
    }
    Ok(receipt.id)
}

/// One step taken by the operator at the command line, naming the demo's staff member `name` in
/// the events that name a person.
async fn transition(db: &Db, name: &str, id: i64, command: &Command, today: Date) -> Result<(), Failure> {
    workflow::transition(db, &Actor::Cli, name, id, command, today).await?;
    Ok(())
}

/// Seeds the demo requests of `county` (every state) and a carried-over one of `township`;
/// returns how many were created.
pub async fn seed(db: &Db, key: &QueryKey, county: &Agency, township: &Agency) -> Result<usize, Failure> {
    let today = timestamp::today_in_china();
    for story in STORIES {
        tell(db, key, county, story, today, "依申请经办人 刘洋").await?;
    }
    // Received in the last days of the previous year, answered in January: carried over.
    let year_end = Date::from_calendar_date(today.year() - 1, time::Month::December, 29).expect("valid date");
    let carried = Story {
        name: "钱芳",
        kind: "natural_person",
        id_type: "resident_id",
        id_number: "11010519491231002X",
        channel: "in_person",
        description: "浩口乡上年度惠民惠农财政补贴资金发放明细",
        age: (today - year_end).whole_days(),
        steps: &[],
    };
    tell_carried(db, key, township, &carried, year_end, today).await?;
    Ok(STORIES.len() + 1)
}

async fn tell_carried(
    db: &Db,
    key: &QueryKey,
    agency: &Agency,
    story: &Story,
    received: Date,
    today: Date,
) -> Result<(), Failure> {
    let id = tell(db, key, agency, story, today, "浩口乡管理员 孙丽").await?;
    let january = |d: u8| Date::from_calendar_date(received.year() + 1, time::Month::January, d).expect("valid date");
    for (step, on) in [
        (Step::Assign, received),
        (Step::Decide("granted"), january(12)),
        (Step::Deliver, january(13)),
        (Step::Close, january(14)),
    ] {
        transition(db, "浩口乡管理员 孙丽", id, &command(step, on, "浩口乡管理员 孙丽"), today).await?;
    }
    Ok(())
}
