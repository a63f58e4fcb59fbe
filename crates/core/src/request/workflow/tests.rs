//! Every transition of the table in the module docs, and every refusal.

use time::Date;
use time::macros::date;

use super::*;
use crate::request::outcome::Outcome;

const TODAY: Date = date!(2025 - 12 - 31);

fn ctx() -> Context {
    Context {
        actor_name: "王主任".into(),
        today: TODAY,
        reply_due: Some(date!(2025 - 11 - 20)),
        max_extension_workdays: 20,
        clarification_notice_due: Some(date!(2025 - 10 - 20)),
        // A fee notice of 2025-10-13: 20 working days from the day after.
        fee_pay_by: Some(date!(2025 - 11 - 10)),
    }
}

/// The context of a step (who may take it is the application layer's to decide).
fn handler() -> Context {
    ctx()
}

/// Applies commands in order as a handler (or the given context), panicking on a refusal.
fn run(commands: &[(Command, Context)]) -> (RequestState, Vec<Event>) {
    let mut log = vec![Event::Registered { channel: "online".into(), submitted: date!(2025 - 10 - 09) }];
    let mut record = RequestState::replay(&log);
    for (command, ctx) in commands {
        let events = decide(&record, command, ctx).unwrap_or_else(|e| panic!("{command:?}: {e}"));
        for e in &events {
            record.apply(e);
        }
        log.extend(events);
    }
    assert_eq!(RequestState::replay(&log), record, "replaying the log gives the same record");
    (record, log)
}

fn confirmed() -> Vec<(Command, Context)> {
    vec![(Command::Confirm { received: date!(2025 - 10 - 09) }, handler())]
}

fn processing() -> Vec<(Command, Context)> {
    let mut c = confirmed();
    c.push((Command::Assign { handler: "李四".into(), on: date!(2025 - 10 - 10) }, handler()));
    c
}

fn decide_cmd(outcome: Outcome, on: Date) -> Command {
    Command::Decide {
        outcome,
        on,
        basis: "条例第三十七条".into(),
        reasons: "部分内容涉及第三方个人信息".into(),
        responsible_agency: None,
    }
}

fn refusal(commands: &[(Command, Context)], last: Command, last_ctx: Context) -> String {
    let (record, _) = run(commands);
    decide(&record, &last, &last_ctx).unwrap_err().to_string()
}

#[test]
fn the_full_path_with_clarification_consultation_extension_and_partial_grant() {
    let mut c = processing();
    c.push((
        Command::RequestClarification {
            on: date!(2025 - 10 - 13),
            matters: "请说明所需文件的年份".into(),
            reply_by: date!(2025 - 10 - 27),
        },
        handler(),
    ));
    c.push((Command::ReceiveCorrection { on: date!(2025 - 10 - 15) }, handler()));
    c.push((
        Command::StartConsultation {
            kind: ConsultKind::ThirdParty,
            party: "浩县某建设公司".into(),
            on: date!(2025 - 10 - 16),
        },
        handler(),
    ));
    c.push((
        Command::StartConsultation {
            kind: ConsultKind::Agency, party: "浩县财政局".into(), on: date!(2025 - 10 - 17)
        },
        handler(),
    ));
    c.push((
        Command::EndConsultation { no: 1, on: date!(2025 - 10 - 30), opinion: "不同意公开合同单价".into() },
        handler(),
    ));
    let (mid, _) = run(&c);
    assert_eq!(mid.status, Status::Consulting, "consultation 2 is still open");
    c.push((Command::EndConsultation { no: 2, on: date!(2025 - 10 - 31), opinion: "同意公开".into() }, handler()));
    c.push((Command::Extend { days: 20, on: date!(2025 - 11 - 03), reason: "需征求多方意见".into() }, ctx()));
    c.push((decide_cmd(Outcome::PartiallyGranted, date!(2025 - 11 - 20)), handler()));
    c.push((Command::Deliver { on: date!(2025 - 11 - 21), method: "电子邮件".into() }, handler()));
    c.push((Command::Close { on: date!(2025 - 11 - 24) }, handler()));
    let (record, log) = run(&c);
    assert_eq!(record.status, Status::Closed);
    assert_eq!(record.decision.as_ref().map(|d| d.outcome.as_str()), Some("partially_granted"));
    assert_eq!(record.handler.as_deref(), Some("李四"));
    let case = record.deadline_case().unwrap();
    assert_eq!(case.clock_start(), date!(2025 - 10 - 15), "the clock restarts on the corrected application");
    assert_eq!(case.consultations.len(), 2);
    assert_eq!(case.extension_days, Some(20));
    let json = serde_json::to_string(&log[9]).unwrap();
    assert!(json.contains(r#""type":"extended""#) && json.contains("王主任"), "{json}");
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), log[9]);
}

#[test]
fn a_pending_clarification_stops_the_clock_and_a_late_one_abandons_the_request() {
    let mut c = confirmed();
    c.push((
        Command::RequestClarification {
            on: date!(2025 - 10 - 10),
            matters: "请明确信息名称".into(),
            reply_by: date!(2025 - 10 - 24),
        },
        handler(),
    ));
    let (record, _) = run(&c);
    assert_eq!(record.status, Status::Clarifying);
    assert_eq!(record.deadline_case(), None);
    assert!(refusal(&c, Command::ExpireClarification { on: date!(2025 - 10 - 24) }, handler()).contains("尚未届满"));
    c.push((Command::ExpireClarification { on: date!(2025 - 10 - 27) }, handler()));
    let (record, log) = run(&c);
    assert_eq!(record.status, Status::Decided);
    assert_eq!(record.decision.unwrap().outcome, "other.no_clarification");
    assert!(matches!(log.last(), Some(Event::Decided { basis, .. }) if basis.contains("第三十条")));
}

#[test]
fn in_the_2019_format_years_an_abandoned_request_counts_under_other() {
    let mut log = vec![
        Event::Registered { channel: "post".into(), submitted: date!(2020 - 06 - 01) },
        Event::Confirmed { received: date!(2020 - 06 - 01) },
    ];
    log.push(Event::ClarificationRequested {
        on: date!(2020 - 06 - 02),
        matters: "请明确".into(),
        reply_by: date!(2020 - 06 - 16),
    });
    let record = RequestState::replay(&log);
    let events = decide(&record, &Command::ExpireClarification { on: date!(2020 - 06 - 17) }, &handler()).unwrap();
    assert!(matches!(&events[1], Event::Decided { outcome, .. } if outcome == "other"));
}

#[test]
fn an_unpaid_fee_notice_abandons_the_request_and_a_paid_one_resumes_it() {
    let mut c = processing();
    c.push((
        Command::IssueFeeNotice {
            amount_yuan: 300,
            explanation: "本月第12至14件，每件100元".into(),
            payment_method: "非税收入收缴系统".into(),
            on: date!(2025 - 10 - 13),
            pay_by: None,
        },
        handler(),
    ));
    assert!(refusal(&c, decide_cmd(Outcome::Granted, date!(2025 - 10 - 14)), handler()).contains("收费通知尚未缴费"));
    let mut paid = c.clone();
    paid.push((Command::RecordPayment { on: date!(2025 - 10 - 20) }, handler()));
    assert_eq!(run(&paid).0.status, Status::Processing);
    assert!(refusal(&c, Command::ExpireFee { on: date!(2025 - 11 - 10) }, handler()).contains("尚未届满"));
    c.push((Command::ExpireFee { on: date!(2025 - 11 - 11) }, handler()));
    let (record, _) = run(&c);
    assert_eq!(record.decision.unwrap().outcome, "other.fee_unpaid");
    assert!(record.fee.unwrap().expired);
}

#[test]
fn a_reconsideration_reopens_a_closed_request_for_a_new_decision() {
    let mut c = processing();
    c.push((decide_cmd(Outcome::WithheldThirdPartyRights, date!(2025 - 10 - 20)), handler()));
    c.push((Command::Deliver { on: date!(2025 - 10 - 21), method: "邮寄".into() }, handler()));
    c.push((Command::Close { on: date!(2025 - 10 - 22) }, handler()));
    c.push((
        Command::Reopen {
            on: date!(2025 - 12 - 01),
            order: ReopenOrder::Reconsideration,
            document_number: "浩政复决〔2025〕12号".into(),
            reason: "复议决定责令重新答复".into(),
            reply_workdays: None,
        },
        handler(),
    ));
    let (record, _) = run(&c);
    assert_eq!((record.status, record.reopened, record.decision.clone()), (Status::Processing, 1, None));
    // A new reply period of 20 working days runs from the decision's date, not the old deadline.
    let case = record.deadline_case().unwrap();
    assert_eq!((case.received, case.clarification, case.reply_workdays), (date!(2025 - 12 - 01), None, None));
    let due = crate::request::deadline::compute(
        &crate::calendar::Calendar::embedded(),
        &crate::request::deadline::Rules::REGULATION_2019,
        &case,
    )
    .unwrap();
    assert_eq!(due.reply_due, date!(2025 - 12 - 29));
    c.push((decide_cmd(Outcome::PartiallyGranted, date!(2025 - 12 - 05)), handler()));
    assert_eq!(run(&c).0.status, Status::Decided);
}

#[test]
fn a_court_order_with_its_own_period_needs_its_document_number() {
    let mut c = processing();
    c.push((decide_cmd(Outcome::WithheldThirdPartyRights, date!(2025 - 10 - 20)), handler()));
    c.push((Command::Deliver { on: date!(2025 - 10 - 21), method: "邮寄".into() }, handler()));
    let order = |number: &str, days| Command::Reopen {
        on: date!(2025 - 12 - 01),
        order: ReopenOrder::Court,
        document_number: number.into(),
        reason: "判决责令重新答复".into(),
        reply_workdays: days,
    };
    assert!(refusal(&c, order(" ", None), handler()).contains("须填写决定书或判决书文号"));
    assert!(refusal(&c, order("（2025）浩行初5号", Some(0)), handler()).contains("责令的答复期限应为1至120个工作日"));
    c.push((order("（2025）浩行初5号", Some(15)), handler()));
    let (record, log) = run(&c);
    let case = record.deadline_case().unwrap();
    assert_eq!((case.received, case.reply_workdays), (date!(2025 - 12 - 01), Some(15)));
    // Mon 12-01 + 15 working days = Mon 12-22.
    let due = crate::request::deadline::compute(
        &crate::calendar::Calendar::embedded(),
        &crate::request::deadline::Rules::REGULATION_2019,
        &case,
    )
    .unwrap();
    assert_eq!(due.reply_due, date!(2025 - 12 - 22));
    assert!(log.last().unwrap().describe().contains("（2025）浩行初5号"));
    // An event stored before the document number was asked for still reads.
    let old: Event =
        serde_json::from_str(r#"{"type":"reopened","on":"2025-12-01","order":"court","reason":"判决"}"#).unwrap();
    assert!(matches!(old, Event::Reopened { reply_workdays: None, .. }));
}

#[test]
fn a_supervisor_orders_supervision_without_moving_the_status() {
    let mut c = processing();
    c.push((Command::Supervise { on: date!(2025 - 11 - 01), note: "请于本周内答复".into() }, ctx()));
    let (record, log) = run(&c);
    assert_eq!(record.status, Status::Processing);
    assert!(log.last().unwrap().describe().contains("王主任督办"));
}

#[test]
fn commands_in_the_wrong_status_are_refused_with_the_status_named() {
    let registered: Vec<(Command, Context)> = Vec::new();
    type Case = (Vec<(Command, Context)>, Command, &'static str);
    let cases: Vec<Case> = vec![
        (
            registered.clone(),
            Command::Assign { handler: "李四".into(), on: date!(2025 - 10 - 10) },
            "当前状态“待确认收到”不能分配经办人",
        ),
        (confirmed(), Command::Confirm { received: date!(2025 - 10 - 10) }, "当前状态“已受理”不能确认收到"),
        (confirmed(), Command::ReceiveCorrection { on: date!(2025 - 10 - 10) }, "不能登记补正"),
        (
            confirmed(),
            Command::StartConsultation {
                kind: ConsultKind::ThirdParty, party: "甲".into(), on: date!(2025 - 10 - 10)
            },
            "不能征求意见",
        ),
        (
            processing(),
            Command::EndConsultation { no: 1, on: date!(2025 - 10 - 11), opinion: "同意".into() },
            "不能结束征求意见",
        ),
        (processing(), Command::RecordPayment { on: date!(2025 - 10 - 11) }, "不能登记缴费"),
        (processing(), Command::ExpireFee { on: date!(2025 - 10 - 11) }, "不能逾期未缴费"),
        (processing(), Command::Deliver { on: date!(2025 - 10 - 11), method: "邮寄".into() }, "不能登记送达"),
        (processing(), Command::Close { on: date!(2025 - 10 - 11) }, "不能办结归档"),
        (
            processing(),
            Command::Reopen {
                on: date!(2025 - 10 - 11),
                order: ReopenOrder::Court,
                document_number: "（2025）浩行初5号".into(),
                reason: "判决".into(),
                reply_workdays: Some(15),
            },
            "不能重新办理",
        ),
        (confirmed(), decide_cmd(Outcome::Granted, date!(2025 - 10 - 11)), "不能作出答复"),
        (
            confirmed(),
            Command::IssueFeeNotice {
                amount_yuan: 100,
                explanation: "x".into(),
                payment_method: "x".into(),
                on: date!(2025 - 10 - 11),
                pay_by: None,
            },
            "不能发出收费通知",
        ),
        (registered, Command::ExpireClarification { on: date!(2025 - 10 - 11) }, "不能逾期未补正"),
    ];
    for (before, command, expected) in cases {
        let ctx = handler();
        let message = refusal(&before, command.clone(), ctx);
        assert!(message.contains(expected), "{command:?}: {message}");
    }
}

#[test]
fn dates_may_not_be_in_the_future_or_before_the_previous_step() {
    let e = refusal(&processing(), Command::Close { on: date!(2026 - 01 - 05) }, handler());
    assert_eq!(e, "日期2026-01-05不能晚于今天2025-12-31");
    let e = refusal(&processing(), decide_cmd(Outcome::Granted, date!(2025 - 10 - 01)), handler());
    assert_eq!(e, "日期2025-10-01不能早于本申请上一步的日期2025-10-10");
}

#[test]
fn clarification_is_asked_once_and_needs_its_matters_and_a_later_reply_day() {
    let mut c = processing();
    assert!(
        refusal(
            &c,
            Command::RequestClarification {
                on: date!(2025 - 10 - 13),
                matters: " ".into(),
                reply_by: date!(2025 - 10 - 20)
            },
            handler()
        )
        .contains("须填写需要补正的事项")
    );
    assert!(
        refusal(
            &c,
            Command::RequestClarification {
                on: date!(2025 - 10 - 13),
                matters: "x".into(),
                reply_by: date!(2025 - 10 - 13)
            },
            handler()
        )
        .contains("须晚于告知日期")
    );
    c.push((
        Command::RequestClarification {
            on: date!(2025 - 10 - 13),
            matters: "x".into(),
            reply_by: date!(2025 - 10 - 20),
        },
        handler(),
    ));
    c.push((Command::ReceiveCorrection { on: date!(2025 - 10 - 14) }, handler()));
    assert!(
        refusal(
            &c,
            Command::RequestClarification {
                on: date!(2025 - 10 - 15),
                matters: "y".into(),
                reply_by: date!(2025 - 10 - 22)
            },
            handler()
        )
        .contains("一次性告知")
    );
}

#[test]
fn a_clarification_after_its_notice_deadline_is_refused_naming_the_deadline() {
    // Received 2025-10-09: the notice was due on 2025-10-20, the 7th working day.
    let late = Command::RequestClarification {
        on: date!(2025 - 10 - 21),
        matters: "请说明所需文件的年份".into(),
        reply_by: date!(2025 - 10 - 31),
    };
    let message = refusal(&processing(), late.clone(), handler());
    assert_eq!(
        message,
        "补正须在收到申请之日起7个工作日内一次性告知（条例第三十条）：本申请的告知期限为2025年10月20日，2025年10月21日已超过期限，不能再要求补正"
    );
    // On the last day it is still in time.
    let on_time = Command::RequestClarification {
        on: date!(2025 - 10 - 20),
        matters: "请说明所需文件的年份".into(),
        reply_by: date!(2025 - 10 - 31),
    };
    let (record, _) = run(&[processing(), vec![(on_time, handler())]].concat());
    assert_eq!(record.status, Status::Clarifying);
    // Under the 2008 regulation there is no such period: the engine keeps accepting it.
    let rules_2008 = Context { clarification_notice_due: None, ..handler() };
    let (record, _) = run(&[processing(), vec![(late, rules_2008)]].concat());
    assert_eq!(record.status, Status::Clarifying);
}

#[test]
fn an_extension_is_granted_once_within_the_limit_and_before_the_due_day() {
    let head = ctx();
    let p = processing();
    assert!(
        refusal(&p, Command::Extend { days: 21, on: date!(2025 - 10 - 11), reason: "x".into() }, head.clone())
            .contains("1至20个工作日")
    );
    assert!(
        refusal(&p, Command::Extend { days: 0, on: date!(2025 - 10 - 11), reason: "x".into() }, head.clone())
            .contains("1至20个工作日")
    );
    assert!(
        refusal(&p, Command::Extend { days: 5, on: date!(2025 - 11 - 21), reason: "x".into() }, head.clone())
            .contains("已于2025-11-20届满")
    );
    assert!(
        refusal(&p, Command::Extend { days: 5, on: date!(2025 - 10 - 11), reason: "".into() }, head.clone())
            .contains("须填写延期理由")
    );
    let mut c = p.clone();
    c.push((Command::Extend { days: 5, on: date!(2025 - 10 - 11), reason: "x".into() }, head.clone()));
    assert!(
        refusal(&c, Command::Extend { days: 5, on: date!(2025 - 10 - 12), reason: "x".into() }, head)
            .contains("只能延长一次")
    );
}

#[test]
fn consultations_are_numbered_and_only_open_ones_end() {
    let mut c = processing();
    c.push((
        Command::StartConsultation {
            kind: ConsultKind::ThirdParty, party: "甲公司".into(), on: date!(2025 - 10 - 13)
        },
        handler(),
    ));
    assert!(
        refusal(&c, Command::EndConsultation { no: 2, on: date!(2025 - 10 - 14), opinion: "同意".into() }, handler())
            .contains("没有进行中的征求意见2")
    );
    assert!(
        refusal(&c, Command::EndConsultation { no: 1, on: date!(2025 - 10 - 14), opinion: "".into() }, handler())
            .contains("须填写反馈意见")
    );
    assert!(
        refusal(&c, decide_cmd(Outcome::Granted, date!(2025 - 10 - 14)), handler()).contains("还有未结束的征求意见")
    );
    assert!(
        refusal(
            &processing(),
            Command::StartConsultation { kind: ConsultKind::Agency, party: "".into(), on: date!(2025 - 10 - 13) },
            handler()
        )
        .contains("须填写征求意见对象")
    );
}

#[test]
fn a_decision_uses_the_taxonomy_of_its_year_and_gives_reasons_unless_granted() {
    let p = processing();
    assert!(
        refusal(&p, decide_cmd(Outcome::Other, date!(2025 - 10 - 14)), handler())
            .contains("不属于2025年适用的年报分类")
    );
    let no_reason = Command::Decide {
        outcome: Outcome::UnableNotHeld,
        on: date!(2025 - 10 - 14),
        basis: "第三十六条".into(),
        reasons: "".into(),
        responsible_agency: None,
    };
    assert!(refusal(&p, no_reason, handler()).contains("须填写理由"));
    let wrong_agency = Command::Decide {
        outcome: Outcome::Granted,
        on: date!(2025 - 10 - 14),
        basis: "第三十六条".into(),
        reasons: "".into(),
        responsible_agency: Some("浩县自然资源局".into()),
    };
    assert!(refusal(&p, wrong_agency, handler()).contains("可以告知负责公开的机关"));
    let mut c = p.clone();
    c.push((
        Command::Decide {
            outcome: Outcome::UnableNotHeld,
            on: date!(2025 - 10 - 14),
            basis: "第三十六条第（五）项".into(),
            reasons: "该信息由自然资源部门制作".into(),
            responsible_agency: Some("浩县自然资源局".into()),
        },
        handler(),
    ));
    let (_, log) = run(&c);
    assert!(matches!(log.last(), Some(Event::Decided { responsible_agency: Some(a), .. }) if a == "浩县自然资源局"));
    let granted = Command::Decide {
        outcome: Outcome::Granted,
        on: date!(2025 - 10 - 14),
        basis: "第三十六条第（二）项".into(),
        reasons: "".into(),
        responsible_agency: None,
    };
    let mut g = processing();
    g.push((granted, handler()));
    assert_eq!(run(&g).0.status, Status::Decided);
}

#[test]
fn fee_notices_need_an_amount_a_basis_a_payment_method_and_the_statutory_period_once() {
    let p = processing();
    let notice_on = |on: Date, method: &str, amount, pay_by| Command::IssueFeeNotice {
        amount_yuan: amount,
        explanation: "按件".into(),
        payment_method: method.into(),
        on,
        pay_by,
    };
    let notice = |amount, pay_by| notice_on(date!(2025 - 10 - 13), "到办公室现场缴纳", amount, pay_by);
    assert!(refusal(&p, notice(0, None), handler()).contains("不收费"));
    // Shorter than the 20 working days the fee rules give is refused, naming the earliest day.
    let short = refusal(&p, notice(100, Some(date!(2025 - 11 - 07))), handler());
    assert!(short.contains("不得早于2025-11-10"), "{short}");
    let no_method = notice_on(date!(2025 - 10 - 13), " ", 100, None);
    assert!(refusal(&p, no_method, handler()).contains("缴纳方式"));
    // After the reply deadline the notice is too late (it must come within the reply period).
    let late = Context { today: date!(2025 - 12 - 31), ..handler() };
    let late_notice = notice_on(date!(2025 - 11 - 21), "现场", 100, None);
    assert!(refusal(&p, late_notice, late).contains("答复期限已于2025-11-20届满"));
    // Without a pay-by day the statutory one is written into the notice; a longer one is kept.
    let (record, _) = run(&[p.clone(), vec![(notice(100, None), handler())]].concat());
    assert_eq!(record.fee.as_ref().unwrap().pay_by, date!(2025 - 11 - 10));
    let (record, _) = run(&[p.clone(), vec![(notice(100, Some(date!(2025 - 11 - 20))), handler())]].concat());
    assert_eq!(record.fee.as_ref().unwrap().pay_by, date!(2025 - 11 - 20));
    let mut c = p.clone();
    c.push((notice(100, None), handler()));
    c.push((Command::RecordPayment { on: date!(2025 - 10 - 14) }, handler()));
    let again = notice_on(date!(2025 - 10 - 15), "现场", 100, None);
    assert!(refusal(&c, again, handler()).contains("已发出过收费通知"));
}

#[test]
fn the_payment_time_is_left_out_of_the_reply_period() {
    let mut c = processing();
    c.push((
        Command::IssueFeeNotice {
            amount_yuan: 100,
            explanation: "按件".into(),
            payment_method: "现场缴纳".into(),
            on: date!(2025 - 10 - 13),
            pay_by: None,
        },
        handler(),
    ));
    let (waiting, _) = run(&c);
    let wait = waiting.deadline_case().unwrap().fee.unwrap();
    assert_eq!((wait.notified, wait.pay_by, wait.paid), (date!(2025 - 10 - 13), date!(2025 - 11 - 10), None));
    c.push((Command::RecordPayment { on: date!(2025 - 10 - 20) }, handler()));
    let (paid, _) = run(&c);
    assert_eq!(paid.deadline_case().unwrap().fee.unwrap().paid, Some(date!(2025 - 10 - 20)));
}

#[test]
fn an_extension_is_lawful_as_soon_as_the_request_is_confirmed() {
    let (record, _) = run(&[
        confirmed(),
        vec![(Command::Extend { days: 5, on: date!(2025 - 10 - 11), reason: "需调取档案".into() }, handler())],
    ]
    .concat());
    assert_eq!((record.status, record.extension_days), (Status::Confirmed, Some(5)));
    let clarifying = [
        confirmed(),
        vec![(
            Command::RequestClarification {
                on: date!(2025 - 10 - 13),
                matters: "请说明年份".into(),
                reply_by: date!(2025 - 10 - 27),
            },
            handler(),
        )],
    ]
    .concat();
    let refused =
        refusal(&clarifying, Command::Extend { days: 5, on: date!(2025 - 10 - 14), reason: "x".into() }, handler());
    assert!(refused.contains("不能延长答复期限"), "{refused}");
}
