//! A province-sized data set for benchmarks (feature `bench-data`): 1,000 agencies in a
//! province's tree, 1,000,000 catalogue items, 200,000 disclosure requests, 20,000 enquiries and
//! complaints and the annual reports of 2024 and 2025, written with plain multi-row `INSERT`s in
//! big transactions. Nothing here goes through the domain services (no validation, no audit log,
//! no outbox, no search index): it is only for measuring queries at size, and is compiled only
//! with the feature.
//!
//! The rows follow the schema's conventions (dates `YYYY-MM-DD`, timestamps RFC 3339 UTC,
//! materialised paths) and look like a province's records as the dashboard sees them on
//! [`TODAY`] (2026-11-22): items published over 2022-01..2026-11 with Art. 26 working days (≈5 %
//! above 20), some empty and some stale columns, requests received over 2024..2026 (≈97 %
//! decided, ≈3 % of those late, the rest open, some overdue), enquiries with some unanswered.
//! Everything is drawn from a fixed seed, so two runs write the same rows.
//!
//! The rows are smaller than real ones (an item has a ~100-character summary and no body), so a
//! plan that reads the `items` table itself costs less here than in a real province.

use std::fmt::Write as _;

use gongkai_core::law::categories;
use gongkai_core::request::applicant::ApplicantKind;
use gongkai_core::request::outcome::Outcome;
use time::{Date, Duration};

use crate::db::{Backend, Db, Tx};
use crate::error::Result;

/// The day the data set is "taken" (nothing is dated after it).
pub const TODAY: Date = time::macros::date!(2026 - 11 - 22);

/// Row counts of the tables the data set fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub agencies: i64,
    pub items: i64,
    pub requests: i64,
    pub messages: i64,
    pub report_versions: i64,
}

/// What [`generate`] writes (checked by [`counts`] before a cached data set is reused).
pub const PROVINCE: Counts =
    Counts { agencies: 1_000, items: 1_000_000, requests: 200_000, messages: 20_000, report_versions: 1_775 };

const ITEMS_FROM: Date = time::macros::date!(2022 - 01 - 01);
const REQUESTS_FROM: Date = time::macros::date!(2024 - 01 - 01);
/// Rows per `INSERT` statement, and per transaction.
const ROWS_PER_STATEMENT: usize = 1_000;
const ROWS_PER_TRANSACTION: usize = 100_000;

const CITIES: [&str; 15] = [
    "临江", "青山", "白水", "石门", "云岭", "东阳", "南川", "北原", "西岭", "安平", "长宁", "永和", "清河", "丰泽",
    "宁远",
];
const COUNTY_FIRST: [&str; 20] = [
    "平", "安", "宁", "和", "兴", "隆", "丰", "源", "泉", "溪", "桥", "川", "阳", "梁", "江", "山", "河", "谷", "湖",
    "城",
];
const COUNTY_SECOND: [&str; 5] = ["乐", "昌", "福", "德", "康"];
const TOWNS: [&str; 3] = ["城关", "新桥", "白沙"];
const DEPARTMENTS: [&str; 30] = [
    "发展和改革委员会",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业局",
    "体育局",
    "信访局",
    "数据局",
    "国有资产监督管理委员会",
    "地方金融管理局",
];
/// Relative frequency of each category (in `categories::ALL` order) in a catalogue.
const CATEGORY_WEIGHTS: [u64; 16] = [8, 2, 3, 4, 20, 15, 3, 1, 8, 3, 10, 3, 8, 2, 5, 8];
const SUMMARY: &str = "为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》有关规定，结合本单位实际，现将有关事项公开如下，请社会各界监督。具体内容详见正文及附件，如有疑问请与本机关政府信息公开工作机构联系。";

/// xorshift64*: deterministic rows (also the other store benches' data).
pub struct Rng(pub u64);

impl Rng {
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }

    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// An index drawn in proportion to `cumulative` (running sums of the weights).
    fn weighted(&mut self, cumulative: &[u64]) -> usize {
        let x = self.below(*cumulative.last().unwrap_or(&1));
        cumulative.partition_point(|c| *c <= x)
    }
}

fn cumulative(weights: impl IntoIterator<Item = u64>) -> Vec<u64> {
    weights
        .into_iter()
        .scan(0, |sum, w| {
            *sum += w;
            Some(*sum)
        })
        .collect()
}

fn days(n: u64) -> Duration {
    Duration::days(n as i64)
}

/// Whole days from `from` to `to`.
fn span(from: Date, to: Date) -> u64 {
    (to - from).whole_days().max(0) as u64
}

fn timestamp(day: Date, rng: &mut Rng) -> String {
    // 09:00–17:59 in China is 01:00–09:59 UTC on the same day.
    format!("{day}T{:02}:{:02}:{:02}Z", 1 + rng.below(9), rng.below(60), rng.below(60))
}

/// One agency of the tree, before it is written.
struct Node {
    parent: Option<usize>,
    level: &'static str,
    name: String,
    /// Relative amount of catalogue items and requests.
    items_weight: u64,
    requests_weight: u64,
}

/// The province's tree, parents before children: 1 province, 30 provincial departments, 15
/// cities with 20 departments each, 100 counties (7 under each of the first ten cities, 6 under
/// the others), and under each county 3 townships and 2 or 3 departments: 1,000 agencies.
fn tree() -> Vec<Node> {
    let node = |parent, level, name: String, items_weight, requests_weight| Node {
        parent,
        level,
        name,
        items_weight,
        requests_weight,
    };
    let mut nodes = vec![node(None, "province", "江南省人民政府".to_owned(), 60, 60)];
    for d in DEPARTMENTS {
        let name = format!("江南省{}", d.strip_suffix('局').map_or(d.to_owned(), |s| format!("{s}厅")));
        nodes.push(node(Some(0), "department", name, 20, 10));
    }
    let mut county_no = 0;
    for (c, city) in CITIES.iter().enumerate() {
        let city_at = nodes.len();
        nodes.push(node(Some(0), "city", format!("{city}市人民政府"), 40, 40));
        for d in &DEPARTMENTS[..20] {
            nodes.push(node(
                Some(city_at),
                "department",
                format!("{city}市{d}"),
                15,
                if d.contains("自然资源") || d.contains("住房") { 40 } else { 8 },
            ));
        }
        for _ in 0..(if c < 10 { 7 } else { 6 }) {
            let county = format!("{}{}", COUNTY_FIRST[county_no % 20], COUNTY_SECOND[county_no / 20]);
            let county_at = nodes.len();
            nodes.push(node(Some(city_at), "county", format!("{county}县人民政府"), 30, 40));
            for t in TOWNS {
                nodes.push(node(Some(county_at), "township", format!("{county}县{t}镇人民政府"), 6, 4));
            }
            let departments = if county_no < 54 { 3 } else { 2 };
            for d in &DEPARTMENTS[7..7 + departments] {
                nodes.push(node(
                    Some(county_at),
                    "department",
                    format!("{county}县{d}"),
                    10,
                    if d.contains("自然资源") { 25 } else { 6 },
                ));
            }
            county_no += 1;
        }
    }
    debug_assert_eq!(nodes.len() as i64, PROVINCE.agencies);
    nodes
}

/// Multi-row `INSERT`s: rows are added as SQL literal tuples, sent [`ROWS_PER_STATEMENT`] at a
/// time, committed every [`ROWS_PER_TRANSACTION`] rows.
struct Inserter<'a> {
    db: &'a Db,
    head: &'static str,
    sql: String,
    in_statement: usize,
    in_transaction: usize,
    tx: Option<Tx>,
}

impl<'a> Inserter<'a> {
    fn new(db: &'a Db, head: &'static str) -> Self {
        Inserter { db, head, sql: String::new(), in_statement: 0, in_transaction: 0, tx: None }
    }

    /// Adds one row given as `(…)` with every value already quoted.
    async fn row(&mut self, tuple: &str) -> Result<()> {
        if self.in_statement == 0 {
            self.sql.clear();
            self.sql.push_str(self.head);
            self.sql.push_str(" values ");
        } else {
            self.sql.push(',');
        }
        self.sql.push_str(tuple);
        self.in_statement += 1;
        if self.in_statement == ROWS_PER_STATEMENT {
            self.send().await?;
        }
        Ok(())
    }

    async fn send(&mut self) -> Result<()> {
        if self.in_statement == 0 {
            return Ok(());
        }
        if self.tx.is_none() {
            self.tx = Some(self.db.begin().await?);
        }
        let tx = self.tx.as_mut().expect("just begun");
        sqlx::raw_sql(sqlx::AssertSqlSafe(std::mem::take(&mut self.sql))).execute(&mut **tx).await?;
        self.in_transaction += self.in_statement;
        self.in_statement = 0;
        if self.in_transaction >= ROWS_PER_TRANSACTION {
            self.commit().await?;
        }
        Ok(())
    }

    async fn commit(&mut self) -> Result<()> {
        if let Some(tx) = self.tx.take() {
            tx.commit().await?;
        }
        self.in_transaction = 0;
        Ok(())
    }

    async fn finish(mut self) -> Result<()> {
        self.send().await?;
        self.commit().await
    }
}

/// A quoted SQL string literal.
fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn q_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_owned(), q)
}

/// The row counts of the tables [`generate`] fills.
pub async fn counts(db: &Db) -> Result<Counts> {
    let mut n = [0i64; 5];
    for (i, table) in ["agencies", "items", "requests", "messages", "report_versions"].iter().enumerate() {
        n[i] = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select cast(count(*) as bigint) from {table}")))
            .fetch_one(db.reader())
            .await?;
    }
    let [agencies, items, requests, messages, report_versions] = n;
    Ok(Counts { agencies, items, requests, messages, report_versions })
}

/// Writes the whole data set into a migrated, empty database, calling `progress` after each
/// table. Run [`analyze`] afterwards for the planner's statistics.
pub async fn generate(db: &Db, mut progress: impl FnMut(&str)) -> Result<()> {
    let nodes = tree();
    let ids = agencies(db, &nodes).await?;
    progress("agencies");
    items(db, &nodes, &ids).await?;
    progress("items");
    requests(db, &nodes, &ids).await?;
    progress("requests");
    messages(db, &nodes, &ids).await?;
    progress("messages");
    reports(db, &ids).await?;
    progress("report_versions");
    Ok(())
}

/// The planner's statistics as a deployment has them: on PostgreSQL `vacuum analyze` (what
/// autovacuum does after a bulk load: statistics, and the visibility map index-only scans need);
/// on SQLite none, since gongkai never runs `analyze` there.
pub async fn analyze(db: &Db) -> Result<()> {
    if db.backend() == Backend::Postgres {
        sqlx::raw_sql("vacuum analyze").execute(db.reader()).await?;
    }
    Ok(())
}

async fn agencies(db: &Db, nodes: &[Node]) -> Result<Vec<(i64, String)>> {
    let mut tx = db.begin().await?;
    let mut written: Vec<(i64, String)> = Vec::with_capacity(nodes.len());
    for (n, node) in nodes.iter().enumerate() {
        let parent = node.parent.map(|p| written[p].clone());
        let code = format!("BENCH{n:012}X");
        let id: i64 = sqlx::query_scalar(
            "insert into agencies (parent_id, level, name, credit_code, created_at, updated_at) values ($1, $2, $3, $4, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z') returning id",
        )
        .bind(parent.as_ref().map(|p| p.0))
        .bind(node.level)
        .bind(&node.name)
        .bind(&code)
        .fetch_one(&mut *tx)
        .await?;
        let path = format!("{}{id}/", parent.map_or_else(|| "/".to_owned(), |p| p.1));
        sqlx::query("update agencies set path = $1 where id = $2").bind(&path).bind(id).execute(&mut *tx).await?;
        written.push((id, path));
    }
    tx.commit().await?;
    Ok(written.into_iter().enumerate().map(|(n, (id, _))| (id, format!("BENCH{n:012}X"))).collect())
}

/// One catalogue item before it is written (sorted by publication before writing, as a real
/// catalogue grows).
struct Item {
    published: Date,
    agency: u16,
    category: u8,
    workdays: u8,
    draft: bool,
    system: bool,
}

async fn items(db: &Db, nodes: &[Node], ids: &[(i64, String)]) -> Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Per agency: its share of the catalogue, the categories it never publishes in (empty
    // columns), and for one in ten the day it stopped publishing (stale columns).
    let weights = cumulative(nodes.iter().map(|n| n.items_weight * (50 + rng.below(100))));
    let mut category_weights = Vec::with_capacity(nodes.len());
    let mut last_day = Vec::with_capacity(nodes.len());
    for node in nodes {
        let art21 = matches!(node.level, "city" | "county" | "township");
        let w = CATEGORY_WEIGHTS.iter().enumerate().map(|(c, w)| {
            let applies = categories::ALL[c].article == 20 || art21;
            // Art. 20 (一) and (二) are always kept; any other column is empty one time in eight.
            if !applies || (c > 1 && rng.chance(125)) { 0 } else { *w }
        });
        category_weights.push(cumulative(w));
        last_day.push(if rng.chance(100) { TODAY - days(30 + rng.below(600)) } else { TODAY });
    }
    let mut rows: Vec<Item> = Vec::with_capacity(PROVINCE.items as usize);
    for _ in 0..PROVINCE.items {
        let agency = rng.weighted(&weights);
        let published = ITEMS_FROM + days(rng.below(span(ITEMS_FROM, last_day[agency]) + 1));
        let system = rng.chance(10);
        let category = if system { 1 } else { rng.weighted(&category_weights[agency]) as u8 };
        let workdays = if rng.chance(50) { 21 + rng.below(25) } else { 1 + rng.below(20) } as u8;
        rows.push(Item { published, agency: agency as u16, category, workdays, draft: rng.chance(5), system });
    }
    rows.sort_by_key(|r| r.published);

    let mut out = Inserter::new(
        db,
        "insert into items (agency_id, status, title, summary, category, formed_on, published_on, published_at, in_system_column, index_number, publish_workdays, created_by, created_at, updated_at)",
    );
    let mut tuple = String::new();
    for (n, r) in rows.iter().enumerate() {
        let (agency_id, code) = &ids[usize::from(r.agency)];
        let category = &categories::ALL[usize::from(r.category)];
        let formed = r.published - days(u64::from(r.workdays) * 7 / 5 + rng.below(3));
        let title = format!("{}关于{}有关事项的公告（第{n}号）", nodes[usize::from(r.agency)].name, category.short);
        let created = timestamp(formed, &mut rng);
        tuple.clear();
        if r.draft {
            let _ = write!(
                tuple,
                "({agency_id},'draft',{},{},'{}','{formed}',null,null,{},null,null,'bench','{created}','{created}')",
                q(&title),
                q(SUMMARY),
                category.key,
                i32::from(r.system)
            );
        } else {
            let published_at = timestamp(r.published, &mut rng);
            let index_number = (!rng.chance(30)).then(|| format!("{code}/{}-{n:07}", r.published.year()));
            let _ = write!(
                tuple,
                "({agency_id},'published',{},{},'{}','{formed}','{}','{published_at}',{},{},{},'bench','{created}','{published_at}')",
                q(&title),
                q(SUMMARY),
                category.key,
                r.published,
                i32::from(r.system),
                q_opt(index_number.as_deref()),
                r.workdays
            );
        }
        out.row(&tuple).await?;
    }
    out.finish().await
}

async fn requests(db: &Db, nodes: &[Node], ids: &[(i64, String)]) -> Result<()> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let weights = cumulative(nodes.iter().map(|n| n.requests_weight * (50 + rng.below(100))));
    let mut rows: Vec<(Date, usize)> = (0..PROVINCE.requests)
        .map(|_| (REQUESTS_FROM + days(rng.below(span(REQUESTS_FROM, TODAY) + 1)), rng.weighted(&weights)))
        .collect();
    rows.sort();
    let stuck_since = TODAY - days(365);
    let mut out = Inserter::new(
        db,
        "insert into requests (agency_id, tracking_code, password_hash, channel, applicant_type, applicant_name, id_type, id_number, description, form_wanted, delivery, status, submitted_on, received_on, reply_due, outcome, decided_on, created_by, created_at, updated_at)",
    );
    let mut tuple = String::new();
    for (n, (received, agency)) in rows.into_iter().enumerate() {
        let reply_due = received + days(28);
        // ≈97 % answered within the limit, ≈3 % after it; of the last year's, 3 % stuck open.
        let took = if rng.chance(30) { 29 + rng.below(32) } else { 1 + rng.below(27) };
        let decided =
            Some(received + days(took)).filter(|d| *d <= TODAY && !(received >= stuck_since && rng.chance(30)));
        let (status, outcome) = match decided {
            None => ("processing", None),
            Some(d) => {
                let outcomes = Outcome::available_in(d.year());
                let outcome = if rng.chance(500) {
                    Outcome::Granted
                } else {
                    outcomes[rng.below(outcomes.len() as u64) as usize]
                };
                (["decided", "delivered", "closed"][rng.below(3) as usize], Some(outcome.key()))
            }
        };
        let kind = if rng.chance(800) {
            ApplicantKind::NaturalPerson
        } else {
            ApplicantKind::ALL[rng.below(ApplicantKind::ALL.len() as u64) as usize]
        };
        let created = timestamp(received, &mut rng);
        let updated = decided.map_or_else(|| created.clone(), |d| timestamp(d, &mut rng));
        tuple.clear();
        let _ = write!(
            tuple,
            "({},'G{n:09}','x','online','{}','张某','resident_id','','请公开有关政府信息','electronic','online','{status}','{received}','{received}','{reply_due}',{},{},'bench','{created}','{updated}')",
            ids[agency].0,
            kind.key(),
            q_opt(outcome),
            q_opt(decided.map(|d| d.to_string()).as_deref()),
        );
        out.row(&tuple).await?;
    }
    out.finish().await
}

async fn messages(db: &Db, nodes: &[Node], ids: &[(i64, String)]) -> Result<()> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let weights = cumulative(nodes.iter().map(|n| n.requests_weight));
    let mut rows: Vec<(Date, usize)> = (0..PROVINCE.messages)
        .map(|_| (REQUESTS_FROM + days(rng.below(span(REQUESTS_FROM, TODAY) + 1)), rng.weighted(&weights)))
        .collect();
    rows.sort();
    let mut out = Inserter::new(
        db,
        "insert into messages (agency_id, kind, name, contact, content, received_at, reply, replied_at, replied_by)",
    );
    let mut tuple = String::new();
    for (received, agency) in rows {
        let kind = if rng.chance(750) { "enquiry" } else { "complaint" };
        // Most answered within weeks, some after more than three months, ≈8 % not at all.
        let after = if rng.chance(30) { 95 + rng.below(120) } else { rng.below(40) };
        let replied = Some(received + days(after)).filter(|d| *d <= TODAY && !rng.chance(80));
        let received_at = timestamp(received, &mut rng);
        let replied_at = replied.map(|d| timestamp(d, &mut rng));
        let (reply, by) =
            if replied.is_some() { ("'已答复，详见有关规定。'", "'bench'") } else { ("null", "null") };
        tuple.clear();
        let _ = write!(
            tuple,
            "({},'{kind}','李某','','咨询政府信息公开有关事项','{received_at}',{reply},{},{by})",
            ids[agency].0,
            q_opt(replied_at.as_deref())
        );
        out.row(&tuple).await?;
    }
    out.finish().await
}

/// Each year's report published once, in January or February of the year after: 2024 for 7
/// agencies in 8, 2025 for 9 in 10 (never amended, so their bodies are never read).
async fn reports(db: &Db, ids: &[(i64, String)]) -> Result<()> {
    let mut rng = Rng(0x94D0_49BB_1331_11EB);
    let mut out = Inserter::new(
        db,
        "insert into report_versions (agency_id, year, version, format, body, correction_note, published_by, published_at)",
    );
    let mut written = 0;
    for year in [2024, 2025] {
        let missing = if year == 2024 { 8 } else { 10 };
        for (n, (id, _)) in ids.iter().enumerate() {
            if n % missing == 5 {
                continue;
            }
            let day = Date::from_calendar_date(year + 1, time::Month::January, 5).expect("a valid date")
                + days(rng.below(50));
            out.row(&format!("({id},{year},1,'2021','{{}}',null,'bench','{}')", timestamp(day, &mut rng))).await?;
            written += 1;
        }
    }
    debug_assert_eq!(written, PROVINCE.report_versions);
    out.finish().await
}
