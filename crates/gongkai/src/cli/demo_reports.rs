//! The demo's annual reports: the county's report of last year, with its table 二 figures and
//! the narrative written in, published (so the portal's 年报 column has a report); the townships'
//! left unpublished, so the county's subordinate list shows who is late.

use std::collections::BTreeMap;

use gongkai_core::report::sections::{Sections, TO_FILL};
use gongkai_store::agency::Agency;
use gongkai_store::catalogue::import::LineError;
use gongkai_store::report::{self, entries};
use gongkai_store::request::ledger::{self, LedgerLine};
use gongkai_store::{Actor, Db, timestamp};

use super::Failure;

/// What the demo county writes where the draft says [`TO_FILL`], in order of the markers.
const WRITTEN: [&str; 4] = [
    "围绕财政预决算、重大建设项目、公共资源配置、乡村振兴等重点领域，及时公开政策文件并同步发布政策解读。",
    "严格落实公文公开属性源头认定和发布前保密审查，开展规范性文件清理，对失效、废止文件及时标注。",
    "持续优化县政府门户网站政府信息公开专栏，统一公开目录和索引号，政务新媒体同步转载重要信息。",
    "将政府信息公开工作纳入年度绩效考核，本年度未发生因政府信息公开工作被追责的情形。",
];

/// Last year's requests of the county, as its ledger (台账) would list them: (month, day, applicant
/// type, outcome); the last two were received in late December and answered in January.
const LEDGER: [(u8, u8, &str, &str); 14] = [
    (1, 8, "natural_person", "granted"),
    (2, 19, "natural_person", "partially_granted"),
    (3, 3, "business", "granted"),
    (3, 27, "natural_person", "unable.not_held"),
    (4, 15, "legal_service", "granted"),
    (5, 9, "natural_person", "withheld.third_party_rights"),
    (6, 2, "natural_person", "not_processed.petition_or_complaint"),
    (6, 30, "research", "granted"),
    (8, 11, "natural_person", "unable.needs_creation"),
    (9, 4, "nonprofit", "granted"),
    (10, 20, "natural_person", "withheld.process_information"),
    (11, 6, "business", "other.no_clarification"),
    (12, 24, "natural_person", "granted"),
    (12, 29, "other_org", "unable.not_held"),
];

fn ledger_lines(year: i32) -> Vec<(usize, Result<LedgerLine, LineError>)> {
    LEDGER
        .iter()
        .enumerate()
        .map(|(n, (month, day, kind, outcome))| {
            let received = time::Date::from_calendar_date(year, time::Month::try_from(*month).expect("a month"), *day)
                .expect("a date");
            let closed = if *month == 12 {
                format!("{}-01-{:02}", year + 1, 10 + n)
            } else {
                (received + time::Duration::days(12)).to_string()
            };
            let received = received.to_string();
            let line = LedgerLine {
                source_id: format!("demo-{year}-{:03}", n + 1),
                received,
                channel: if n % 3 == 0 { "post".into() } else { "online".into() },
                applicant_type: (*kind).into(),
                applicant_name: if *kind == "natural_person" { "王某".into() } else { "某单位".into() },
                description: "浩县政府信息".into(),
                closed: Some(closed),
                outcome: Some((*outcome).into()),
            };
            (n + 1, Ok(line))
        })
        .collect()
}

/// Imports the county's requests of last year and publishes its report of that year; returns
/// the year.
pub async fn seed(db: &Db, county: &Agency) -> Result<i32, Failure> {
    let year = timestamp::today_in_china().year() - 1;
    let imported = ledger::import(db, &Actor::Cli, county.id, ledger_lines(year), |_| {}).await?;
    if let Some(e) = imported.errors.first() {
        return Err(Failure::from(format!("demo ledger line {}: {} {}", e.line, e.field, e.message)));
    }
    let figures: BTreeMap<String, String> = [
        ("licensing.decisions", "1268"),
        ("penalty.decisions", "186"),
        ("coercion.decisions", "12"),
        ("fees.amount_10k_yuan", "35.62"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    entries::save_figures(db, &Actor::Cli, county.id, year, &entries::parse_figures(year, &figures)?).await?;
    let (draft, _) = report::compile_year(db, county.id, year).await?;
    let mut overview = draft.sections.overview;
    for text in WRITTEN {
        if let Some(at) = overview.find(TO_FILL) {
            // The marker is followed by a bracketed hint of what to write: replace both.
            let end = overview[at..].find('）').map_or(at + TO_FILL.len(), |i| at + i + '）'.len_utf8());
            overview.replace_range(at..end, text);
        }
    }
    let sections = Sections {
        overview: overview.replace("。。", "。"),
        problems: "一是部分部门主动公开信息更新不够及时；二是政策解读形式较为单一。下一步，将加强对各部门公开工作的日常督促检查，丰富图表、视频等解读形式。".into(),
        other: draft.sections.other,
    };
    entries::save_sections(db, &Actor::Cli, county.id, year, &sections).await?;
    report::publish_year(db, &Actor::Cli, county.id, year).await?;
    Ok(year)
}
