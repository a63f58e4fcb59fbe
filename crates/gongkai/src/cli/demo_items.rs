//! Demo catalogue content: a few hundred realistic published items per the Art. 20 categories,
//! spread over three years, plus drafts waiting at each review step (one with a resident ID
//! number, to show the secrecy scan).

use gongkai_store::agency::Agency;
use gongkai_store::catalogue::import::{self, ItemRow, Keywords};
use gongkai_store::catalogue::{drafts, item::ItemForm};
use gongkai_store::{Actor, Db};

use super::Failure;

/// (category, subject, title pattern, document-number stem, kind)
const TEMPLATES: &[(&str, &str, &str, &str, &str)] = &[
    ("art20.1", "综合政务\\政务公开", "{org}关于印发《{year}年政务公开工作要点》的通知", "办发", "normative_document"),
    (
        "art20.1",
        "城乡建设、环境保护\\城乡建设（含住房）",
        "{org}关于进一步加强农村自建房安全管理的通知",
        "发",
        "normative_document",
    ),
    (
        "art20.1",
        "劳动、人事、监察\\社会保障",
        "{org}关于调整城乡居民基本养老保险基础养老金标准的通知",
        "发",
        "normative_document",
    ),
    ("art20.2", "综合政务\\其他", "{org}机构职能及领导信息", "", "other"),
    ("art20.3", "国民经济管理、国有资产监管\\宏观经济", "{org}{year}年国民经济和社会发展计划执行情况", "", "other"),
    ("art20.4", "国民经济管理、国有资产监管\\统计", "{year}年{org}国民经济和社会发展统计公报", "", "other"),
    ("art20.5", "综合政务\\其他", "{org}{year}年第{q}季度行政许可事项办理结果公示", "", "other"),
    ("art20.6", "公安、安全、司法\\司法", "{org}{year}年第{q}季度行政处罚决定公示", "", "other"),
    ("art20.7", "财政、金融、审计\\财政", "{org}{year}年部门预算公开", "", "other"),
    ("art20.7", "财政、金融、审计\\财政", "{org}{year}年部门决算公开", "", "other"),
    ("art20.8", "财政、金融、审计\\财政", "{org}行政事业性收费项目目录清单（{year}年）", "", "other"),
    ("art20.9", "财政、金融、审计\\财政", "{org}{year}年政府集中采购目录及实施情况", "", "other"),
    (
        "art20.10",
        "国民经济管理、国有资产监管\\重大建设项目",
        "{org}重大建设项目批准和实施信息（{year}年第{q}季度）",
        "",
        "other",
    ),
    ("art20.11", "民政、扶贫、救灾\\社会福利", "{org}{year}年城乡低保对象名单公示（第{q}批）", "", "other"),
    ("art20.11", "科技、教育\\教育", "{org}{year}年义务教育阶段学校招生工作方案", "办发", "other"),
    ("art20.12", "综合政务\\应急管理", "{org}{year}年防汛抗旱应急预案", "办发", "other"),
    ("art20.13", "城乡建设、环境保护\\环境监测、保护与治理", "{org}{year}年第{q}季度环境质量状况公告", "", "other"),
    (
        "art20.13",
        "市场监管、安全生产监管\\食品药品监管",
        "{org}{year}年食品安全监督抽检信息公告（第{q}期）",
        "",
        "other",
    ),
    ("art20.14", "劳动、人事、监察\\人事工作", "{org}{year}年公开考试录用公务员拟录用人员公示", "", "other"),
    ("art20.15", "综合政务\\政务公开", "{org}{year}年政府信息公开工作年度报告", "", "other"),
];

const BODY: &str = "<p>根据《中华人民共和国政府信息公开条例》和上级有关工作部署，现将有关情况公开如下。</p>\
<p>一、总体情况。本年度各项工作按计划推进，重点领域信息公开进一步规范，政务公开标准化规范化水平持续提升。</p>\
<p>二、主要内容。详见附件及有关表格。如对本信息有疑问，请在工作日与本机关政府信息公开工作机构联系。</p>";

/// Publishes `per_agency` items for each agency (via the importer, so they get index numbers and
/// reach the search index) and returns how many.
pub async fn seed(db: &Db, agencies: &[Agency], per_agency: usize) -> Result<usize, Failure> {
    let mut total = 0;
    let mut seed: u64 = 0x2545f4914f6cdd1d;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let today = gongkai_store::timestamp::today_in_china();
    let this_year = today.year();
    for (a, agency) in agencies.iter().enumerate() {
        let org = agency.short_name.clone().unwrap_or_else(|| agency.name.clone());
        let prefix = org.chars().next().unwrap_or('浩');
        let mut records = Vec::new();
        for i in 0..per_agency {
            let (category, subject, pattern, stem, kind) = TEMPLATES[(i + a) % TEMPLATES.len()];
            if category == "art21" {
                continue;
            }
            // The last three years up to today, so the demo's recent months always have items.
            let year = this_year - 2 + (i % 3) as i32;
            let months = if year == this_year { u8::from(today.month()) as u64 } else { 12 };
            let month = 1 + next(months) as u8;
            let day = 1 + next(26) as u8;
            let formed = time::Date::from_calendar_date(year, time::Month::try_from(month).expect("1..=12"), day)
                .expect("valid")
                .min(today.previous_day().expect("not the first day of time"));
            // Most items within the 20 working days of Art. 26, a few late.
            let delay = if next(12) == 0 { 35 + next(20) } else { 1 + next(20) };
            let published = formed + time::Duration::days(delay as i64);
            let title = pattern
                .replace("{org}", &org)
                .replace("{year}", &year.to_string())
                .replace("{q}", &(1 + i % 4).to_string());
            let doc_number = if stem.is_empty() {
                String::new()
            } else {
                format!("{prefix}{stem}〔{year}〕{}号", i as u64 * 3 + 1 + next(3))
            };
            records.push((
                i + 1,
                Ok(ItemRow {
                    source_id: format!("demo-{}-{i}", agency.id),
                    title,
                    summary: "本信息依照《中华人民共和国政府信息公开条例》主动公开。".into(),
                    body: BODY.into(),
                    category: category.into(),
                    subject: subject.into(),
                    issuer: agency.name.clone(),
                    doc_number,
                    written: gongkai_core::calendar::iso_date::format(formed),
                    formed: gongkai_core::calendar::iso_date::format(formed),
                    published: gongkai_core::calendar::iso_date::format(published.min(today)),
                    keywords: Keywords::List({
                        let leaf = subject.rsplit('\\').next().unwrap_or("");
                        let mut words = vec!["政务公开".to_owned()];
                        words.extend((leaf != "政务公开" && !leaf.is_empty()).then(|| leaf.to_owned()));
                        words
                    }),
                    validity: if kind == "normative_document" && year == this_year - 2 && i % 2 == 0 {
                        "repealed".into()
                    } else {
                        "in_force".into()
                    },
                    kind: kind.into(),
                    attachments: Keywords::None,
                }),
            ));
        }
        let summary = import::import(
            db,
            None,
            &Actor::Cli,
            agency.id,
            records,
            std::path::Path::new("."),
            import::CleanRows::Publish,
            |_| {},
        )
        .await?;
        if let Some(e) = summary.errors.first() {
            return Err(Failure::from(format!("demo content: {e}")));
        }
        total += summary.imported;
    }
    Ok(total)
}

/// Drafts at the county waiting in the review chain; one carries a resident ID number.
pub async fn drafts_in_review(db: &Db, county: &Agency, drafter: &Actor) -> Result<(), Failure> {
    let form = ItemForm {
        title: "浩县2025年城乡居民医疗救助对象名单公示（草稿）".into(),
        category: "art20.11".into(),
        subject: "民政、扶贫、救灾\\社会福利".into(),
        issuer: county.name.clone(),
        formed_on: "2025-11-03".into(),
        body: "<p>经审核，以下人员符合医疗救助条件：张某某，身份证号码 11010519491231002X，联系电话 13812345678。</p>"
            .into(),
        ..Default::default()
    };
    let fields = form.parse().map_err(|e| Failure::from(e.to_string()))?;
    drafts::create(db, drafter, county.id, &fields).await?;
    let form = ItemForm {
        title: "浩县关于做好2026年元旦春节期间安全生产工作的通知".into(),
        category: "art20.13".into(),
        subject: "市场监管、安全生产监管\\安全生产监管".into(),
        issuer: county.name.clone(),
        doc_number: "浩府办发〔2025〕88号".into(),
        formed_on: "2025-11-10".into(),
        body: "<p>各乡镇人民政府，县政府各部门：为切实做好元旦春节期间安全生产工作，现就有关事项通知如下。</p>".into(),
        ..Default::default()
    };
    let fields = form.parse().map_err(|e| Failure::from(e.to_string()))?;
    drafts::create(db, drafter, county.id, &fields).await?;
    Ok(())
}
