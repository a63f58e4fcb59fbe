//! `gongkai demo`: a fresh demo data directory with a realistic county, then serve it.
//!
//! The demo always uses the embedded SQLite database. Re-running it on a demo directory starts
//! afresh; a directory that holds something else is refused rather than wiped.

use std::path::Path;

use gongkai_core::agency::credit_code::check_character;
use gongkai_store::agency::{self, AgencyForm};
use gongkai_store::staff::{self, StaffForm};
use gongkai_store::{Actor, Db};

use super::serve::{ServeArgs, run_server};
use super::{CliResult, Failure, Settings};

const MARKER: &str = ".gongkai-demo";

pub async fn run(mut settings: Settings, args: ServeArgs) -> CliResult {
    if !settings.database_url.starts_with("sqlite:") {
        return Err(Failure::input("the demo runs on the embedded SQLite database only: leave out --database-url"));
    }
    prepare_directory(&settings.data_dir)?;
    settings.database_url = Db::sqlite_url(&settings.data_dir);
    let db = settings.open_db().await?;
    let accounts = seed(&db).await?;
    let agencies = agency::all(&db).await?;
    let published = super::demo_items::seed(&db, &agencies, 60).await?;
    let drafter = staff::by_username(&db, "drafter").await?.actor();
    super::demo_items::drafts_in_review(&db, &agencies[0], &drafter).await?;
    let township = agencies.iter().find(|a| a.name.contains("浩口乡")).unwrap_or(&agencies[0]);
    let requests = super::demo_requests::seed(&db, &settings.app_config()?.query_key, &agencies[0], township).await?;
    let report_year = super::demo_reports::seed(&db, &agencies[0]).await?;
    let app = settings.app(db.clone())?;
    gongkai_app::search_index::catch_up(&app).await?;
    drop(app); // releases the index writer's lock for the server's own
    println!(
        "demo content: {published} published catalogue items, 2 drafts waiting for review, {requests} disclosure requests, the county's {report_year} annual report published"
    );
    print_accounts(&accounts);
    // The demo's feeds and sitemap name the address it serves at, unless one was given.
    if settings.site.public_url.is_none() {
        let addr = args.addr.clone().unwrap_or_else(|| settings.addr.clone());
        settings.site.public_url = Some(format!("http://{}", addr.replace("0.0.0.0", "127.0.0.1")));
    }
    run_server(settings, args, db).await
}

/// Empties a previous demo directory, or creates a new one; refuses anything else.
fn prepare_directory(dir: &Path) -> Result<(), Failure> {
    if dir.exists() {
        let is_demo = dir.join(MARKER).exists();
        let is_empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !is_demo && !is_empty {
            return Err(Failure::input(format!(
                "{} exists and is not a demo directory; choose another --data or remove it",
                dir.display()
            )));
        }
        std::fs::remove_dir_all(dir).map_err(|e| Failure::from(format!("cannot clear {}: {e}", dir.display())))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| Failure::from(format!("cannot create {}: {e}", dir.display())))?;
    std::fs::write(dir.join(MARKER), "created by `gongkai demo`; re-running the demo wipes this directory\n")?;
    Ok(())
}

/// A valid credit code for demo agency `n` (check character computed).
pub fn demo_code(n: u32) -> String {
    let body = format!("11500233{n:09}");
    format!("{body}{}", check_character(body.as_bytes()).expect("digits are in the alphabet"))
}

struct DemoAgency {
    name: &'static str,
    short: &'static str,
    level: &'static str,
    address: &'static str,
    phone: &'static str,
    site_code: &'static str,
}

const COUNTY: DemoAgency = DemoAgency {
    name: "浩县人民政府",
    short: "浩县",
    level: "county",
    address: "浩县浩城街道人民路1号县政府办公楼3楼",
    phone: "023-7756 1001",
    site_code: "5002330001",
};

const BELOW: [DemoAgency; 5] = [
    DemoAgency {
        name: "浩县教育委员会",
        short: "县教委",
        level: "department",
        address: "浩县浩城街道文化路12号",
        phone: "023-7756 2101",
        site_code: "",
    },
    DemoAgency {
        name: "浩县财政局",
        short: "县财政局",
        level: "department",
        address: "浩县浩城街道人民路8号",
        phone: "023-7756 2201",
        site_code: "",
    },
    DemoAgency {
        name: "浩县卫生健康委员会",
        short: "县卫健委",
        level: "department",
        address: "浩县浩城街道健康路3号",
        phone: "023-7756 2301",
        site_code: "",
    },
    DemoAgency {
        name: "浩县浩口乡人民政府",
        short: "浩口乡",
        level: "township",
        address: "浩县浩口乡场镇街28号",
        phone: "023-7756 3101",
        site_code: "",
    },
    DemoAgency {
        name: "浩县石门镇人民政府",
        short: "石门镇",
        level: "township",
        address: "浩县石门镇新街9号",
        phone: "023-7756 3201",
        site_code: "",
    },
];

fn form(a: &DemoAgency, n: u32) -> AgencyForm {
    AgencyForm {
        name: a.name.into(),
        short_name: a.short.into(),
        level: a.level.into(),
        credit_code: demo_code(n),
        site_code: a.site_code.into(),
        address: a.address.into(),
        office_hours: "工作日上午9:00—12:00，下午14:00—17:30（法定节假日除外）".into(),
        phone: a.phone.into(),
        fax: a.phone.into(),
        email: format!("gk{n}@hao.example.gov.cn"),
        postcode: "408500".into(),
        fee_payment_method: format!(
            "凭收费通知书到{}政务公开办公室（{}）缴纳，或通过政府非税收入收缴系统扫描通知书上的缴款码缴纳",
            a.short, a.address
        ),
        ..Default::default()
    }
}

/// One printed demo credential.
pub struct Account {
    pub username: String,
    pub password: String,
    pub roles: String,
    pub agency: String,
}

/// The demo agencies and one account per role; returns the credentials.
pub async fn seed(db: &Db) -> Result<Vec<Account>, Failure> {
    let fields = form(&COUNTY, 1).parse().map_err(|e| Failure::from(e.to_string()))?;
    let county = agency::create(db, &Actor::Cli, None, fields).await?;
    let mut below = Vec::new();
    for (i, a) in BELOW.iter().enumerate() {
        let fields = form(a, 2 + i as u32).parse().map_err(|e| Failure::from(e.to_string()))?;
        below.push(agency::create(db, &Actor::Cli, Some(county.id), fields).await?);
    }
    let people: [(&str, &str, &[&str], i64); 9] = [
        ("admin", "县政务公开办管理员", &["admin"], county.id),
        ("drafter", "起草人 王芳", &["drafter"], county.id),
        ("secrecy", "保密审查员 李强", &["secrecy_reviewer"], county.id),
        ("reviewer", "审核人 张敏", &["reviewer"], county.id),
        ("approver", "签发人 陈刚", &["approver"], county.id),
        ("handler", "依申请经办人 刘洋", &["handler"], county.id),
        ("supervisor", "县政务公开办监督员 赵磊", &["supervisor"], county.id),
        ("haokou", "浩口乡管理员 孙丽", &["admin", "drafter", "handler"], below[3].id),
        ("jiaowei", "县教委经办人 周杰", &["drafter", "handler"], below[0].id),
    ];
    let mut accounts = Vec::new();
    for (username, name, roles, agency_id) in people {
        let form = StaffForm {
            username: username.into(),
            display_name: name.into(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            ..Default::default()
        };
        let fields = form.parse().map_err(|e| Failure::from(e.to_string()))?;
        let password = staff::generate_password();
        let created = staff::create(db, &Actor::Cli, agency_id, fields, &password).await?;
        let agency_name = if agency_id == county.id {
            &county.name
        } else {
            &below.iter().find(|a| a.id == agency_id).expect("seeded").name
        };
        let roles = created.roles().labels();
        accounts.push(Account { username: created.username, password, roles, agency: agency_name.clone() });
    }
    Ok(accounts)
}

fn print_accounts(accounts: &[Account]) {
    println!("demo accounts (passwords are new on every run):");
    println!("  {:<12} {:<18} {:<20} agency", "user", "password", "roles");
    for a in accounts {
        println!("  {:<12} {:<18} {:<20} {}", a.username, a.password, a.roles, a.agency);
    }
}
