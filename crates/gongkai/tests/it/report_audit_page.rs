//! The supervisors' audit page (`/admin/report-audit`): published reports uploaded (files or
//! pasted text) come back as their tables in the official layout beside the findings, with the
//! offending cells marked; the findings download as XLSX; only supervisors and administrators
//! may use it, and nothing is written.

use std::io::Read;

use crate::support::{TestApp, UserClient};
use reqwest::StatusCode;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/reports/");

fn fixture(name: &str) -> (String, Vec<u8>) {
    (name.to_owned(), std::fs::read(format!("{FIXTURES}{name}")).unwrap())
}

/// Table 三 of the 2021 format, row label → natural persons' and total figures (the other
/// applicant columns are 0).
const RESULT_GROUPS: [(&str, &[&str]); 4] = [
    (
        "（三）不予公开",
        &[
            "属于国家秘密",
            "其他法律行政法规禁止公开",
            "危及“三安全一稳定”",
            "保护第三方合法权益",
            "属于三类内部事务信息",
            "属于四类过程性信息",
            "属于行政执法案卷",
            "属于行政查询事项",
        ],
    ),
    ("（四）无法提供", &["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]),
    (
        "（五）不予处理",
        &[
            "信访举报投诉类申请",
            "重复申请",
            "要求提供公开出版物",
            "无正当理由大量反复申请",
            "要求行政机关确认或重新出具已获取信息",
        ],
    ),
    (
        "（六）其他处理",
        &[
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "其他",
        ],
    ),
];

/// The figures of table 三 a test report states (natural persons; every other applicant column
/// is 0 and the total column is `total`).
struct Table3 {
    received: (i64, i64),
    carried_in: (i64, i64),
    granted: (i64, i64),
    results_total: (i64, i64),
    carried_over: (i64, i64),
}

/// A 2021-format report as an agency's web page: a title, section 一, table 三 as an HTML
/// table, sections 五 and 六 (tables 二 and 四 are left out).
fn html_report(agency: &str, year: i32, t: &Table3) -> Vec<u8> {
    let row = |label: &str, (person, total): (i64, i64)| {
        format!(
            "<tr><td>{label}</td><td>{person}</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>{total}</td></tr>\n"
        )
    };
    let mut html = format!(
        "<html><head><meta charset=\"utf-8\"><title>{agency}{year}年政府信息公开工作年度报告</title></head><body>\n\
         <h1>{agency}{year}年政府信息公开工作年度报告</h1>\n<h2>一、总体情况</h2><p>本机关{year}年依法办理政府信息公开申请。</p>\n\
         <h2>三、收到和处理政府信息公开申请情况</h2>\n<table>\n\
         <tr><td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>\n\
         <tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>\n\
         <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n"
    );
    html += &row("一、本年新收政府信息公开申请数量", t.received);
    html += &row("二、上年结转政府信息公开申请数量", t.carried_in);
    html += &row("（一）予以公开", t.granted);
    html += &row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (0, 0));
    for (group, items) in RESULT_GROUPS {
        for (i, item) in items.iter().enumerate() {
            let label = if i == 0 { format!("{group}1.{item}") } else { format!("{}.{item}", i + 1) };
            html += &row(&label, (0, 0));
        }
    }
    html += &row("（七）总计", t.results_total);
    html += &row("四、结转下年度继续办理", t.carried_over);
    html += "</table>\n<h2>五、存在的主要问题及改进情况</h2><p>无。</p>\n<h2>六、其他需要报告的事项</h2><p>无。</p>\n</body></html>\n";
    html.into_bytes()
}

/// A 2021 report whose 办理结果总计 for natural persons is 4 although 5 were granted.
fn wrong_total() -> (String, Vec<u8>) {
    let t =
        Table3 { received: (5, 5), carried_in: (0, 0), granted: (5, 5), results_total: (4, 5), carried_over: (0, 0) };
    ("wrong-total-2021.html".into(), html_report("浩县审计局", 2021, &t))
}

async fn post_audit(
    client: &UserClient,
    path: &str,
    files: Vec<(String, Vec<u8>)>,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (name, bytes) in files {
        form = form.part("files", reqwest::multipart::Part::bytes(bytes).file_name(name));
    }
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    client
        .http
        .post(format!("{}{path}", client.base))
        .header("origin", &client.base)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The section of the results page about `source`.
fn section<'a>(page: &'a str, source: &str) -> &'a str {
    page.split("<section class=\"audited\"")
        .find(|s| s.contains(&format!(">{source}</h2>")))
        .unwrap_or_else(|| panic!("no section for {source}"))
}

/// The attributes after `data-key="key"` and the text of that value cell.
fn cell<'a>(html: &'a str, key: &str) -> (&'a str, &'a str) {
    let marker = format!("data-key=\"{key}\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("no cell {key}")) + marker.len();
    let rest = &html[start..];
    let (attributes, rest) = rest.split_once('>').unwrap();
    (attributes, rest.split_once("</td>").unwrap().0)
}

crate::stories! {
    async fn a_supervisor_sees_each_report_s_tables_beside_its_findings() {
        let app = TestApp::county().await;
        let supervisor = app.login("c_supervisor").await;
        let before = app.audit_count().await;
        let files = vec![wrong_total(), fixture("haokou-township-2024.txt"), fixture("liupanshui-bureau-2016.txt")];
        let r = post_audit(&supervisor, "/admin/report-audit", files, &[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();

        let wrong = section(&page, "wrong-total-2021.html");
        assert!(wrong.contains("2021年版") && wrong.contains("浩县审计局"), "format and agency detected");
        for rule in ["table3.results_sum", "table3.balance"] {
            assert!(wrong.contains(&format!("<code>{rule}</code>")), "{rule} listed");
        }
        assert!(wrong.contains("错误"));
        let (attributes, text) = cell(wrong, "table3.results_total.natural_person");
        assert!(attributes.starts_with(" class=\"flagged\" title=\"错误："), "{attributes}");
        assert_eq!(text, "4");
        assert_eq!(cell(wrong, "table3.granted.business"), ("", "0"), "a correct cell is not marked");
        let (attributes, text) = cell(wrong, "table4.reconsideration.total");
        assert_eq!(text, "", "a table not in the report shows blank cells, never 0");
        assert!(attributes.contains("flagged") && attributes.contains("未能读取表四"), "{attributes}");

        let haokou = section(&page, "haokou-township-2024.txt");
        assert!(haokou.contains("未发现问题"), "haokou has no finding");
        assert!(!haokou.contains("class=\"flagged"), "nothing marked in haokou");
        assert_eq!(cell(haokou, "table2.licensing.decisions"), ("", "62"));
        for caption in
            ["表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况", "表四 政府信息公开行政复议、行政诉讼情况"]
        {
            assert!(haokou.contains(caption), "{caption}");
        }

        let liupanshui = section(&page, "liupanshui-bureau-2016.txt");
        assert!(liupanshui.contains("2019年以前（统计表）") && liupanshui.contains("政府信息公开情况统计表"));
        assert!(liupanshui.contains("<code>text.table_mismatch</code>") && liupanshui.contains("提示"));
        let (attributes, text) = cell(liupanshui, "stats.channels.website");
        assert!(attributes.starts_with(" class=\"flagged\""), "{attributes}");
        assert_eq!(text, "927");

        assert_eq!(app.audit_count().await, before, "auditing writes nothing");
    }

    async fn the_findings_download_as_a_workbook_naming_the_rules() {
        let app = TestApp::county().await;
        let admin = app.login("c_admin").await;
        let files = vec![wrong_total(), fixture("haokou-township-2024.txt")];
        let r = post_audit(&admin, "/admin/report-audit/findings.xlsx", files, &[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let bytes = r.bytes().await.unwrap().to_vec();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut strings = String::new();
        zip.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
        for text in [
            "table3.results_sum",
            "table3.balance",
            "wrong-total-2021.html",
            "haokou-township-2024.txt",
            "严重程度",
            "应为",
            "错误",
        ] {
            assert!(strings.contains(text), "{text} in the workbook");
        }
        let mut workbook = String::new();
        zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut workbook).unwrap();
        assert!(workbook.contains("发现的问题") && workbook.contains("无法确定的数字"));
    }

    async fn pasted_text_is_audited_and_kept_for_the_download() {
        let app = TestApp::county().await;
        let supervisor = app.login("c_supervisor").await;
        let (_, html) = wrong_total();
        let html = String::from_utf8(html).unwrap();
        let r = post_audit(&supervisor, "/admin/report-audit", vec![], &[("pasted", &html)]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        let pasted = section(&page, "粘贴的内容");
        assert!(pasted.contains("<code>table3.results_sum</code>"));
        let shown = page.split("aria-describedby=\"pasted-hint\">").nth(1).unwrap();
        assert!(
            shown.starts_with("&#60;html&#62;"),
            "the pasted text is shown again, escaped: {}",
            shown.chars().take(40).collect::<String>()
        );
        assert!(!page.contains("<title>浩县审计局2021年"), "never rendered as markup");
    }

    async fn files_that_are_not_reports_say_why() {
        let app = TestApp::county().await;
        let supervisor = app.login("c_supervisor").await;
        let files = vec![
            ("年报.pdf".to_owned(), b"%PDF-1.7 ...".to_vec()),
            fixture("town-summaries-collection.txt"),
            ("空白.txt".to_owned(), b"\n".to_vec()),
        ];
        let r = post_audit(&supervisor, "/admin/report-audit", files, &[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        assert!(section(&page, "年报.pdf").contains("只能审查网页（.html、.htm）或文本（.txt）文件"));
        let unknown = section(&page, "town-summaries-collection.txt");
        assert!(unknown.contains("无法识别") && unknown.contains("未能识别为政府信息公开工作年度报告"));
        assert!(section(&page, "空白.txt").contains("文件是空的"));
    }

    async fn the_series_option_checks_the_carry_over_between_years() {
        let app = TestApp::county().await;
        let supervisor = app.login("c_supervisor").await;
        let first =
            Table3 { received: (5, 5), carried_in: (0, 0), granted: (3, 3), results_total: (3, 3), carried_over: (2, 2) };
        let second =
            Table3 { received: (4, 4), carried_in: (0, 0), granted: (4, 4), results_total: (4, 4), carried_over: (0, 0) };
        let files = || {
            vec![
                ("2021.html".to_owned(), html_report("浩县审计局", 2021, &first)),
                ("2022.html".to_owned(), html_report("浩县审计局", 2022, &second)),
            ]
        };
        let alone = post_audit(&supervisor, "/admin/report-audit", files(), &[]).await.text().await.unwrap();
        assert!(!alone.contains("series.carry_over"));
        let series =
            post_audit(&supervisor, "/admin/report-audit", files(), &[("series", "1")]).await.text().await.unwrap();
        assert!(
            section(&series, "2022.html").contains("<code>series.carry_over</code>"),
            "the later year carries the finding"
        );
        assert!(series.contains("id=\"series\" name=\"series\" value=\"1\" checked"));
    }

    async fn only_supervisors_and_administrators_may_audit() {
        let app = TestApp::county().await;
        for key in ["t1_handler", "c_drafter"] {
            let client = app.login(key).await;
            assert_eq!(client.get("/admin/report-audit").await.status(), StatusCode::FORBIDDEN, "{key}");
            let r = post_audit(&client, "/admin/report-audit", vec![wrong_total()], &[]).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{key}");
            let r = post_audit(&client, "/admin/report-audit/findings.xlsx", vec![wrong_total()], &[]).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{key}");
            assert!(!client.get("/admin").await.text().await.unwrap().contains("/admin/report-audit"), "no link for {key}");
        }
        for key in ["c_supervisor", "c_admin", "t1_admin"] {
            let client = app.login(key).await;
            let r = client.get("/admin/report-audit").await;
            assert_eq!(r.status(), StatusCode::OK, "{key}");
            let page = r.text().await.unwrap();
            for control in [
                "<label for=\"files\">",
                "<label for=\"pasted\">",
                "for=\"series\"",
                "formaction=\"/admin/report-audit/findings.xlsx\"",
            ] {
                assert!(page.contains(control), "{control}");
            }
            assert!(
                client.get("/admin").await.text().await.unwrap().contains("href=\"/admin/report-audit\""),
                "home links {key}"
            );
        }
        let anonymous = app.client();
        assert_eq!(anonymous.get("/admin/report-audit").await.status(), StatusCode::SEE_OTHER);
    }

    async fn an_empty_or_oversized_submission_is_refused_naming_the_field() {
        let app = TestApp::county().await;
        let supervisor = app.login("c_supervisor").await;
        // What a browser sends with no file chosen: one empty part without a name.
        let r =
            post_audit(&supervisor, "/admin/report-audit", vec![(String::new(), Vec::new())], &[("pasted", "  ")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains("请在“报告文件”中选择要审查的年度报告"), "names the field");
        assert!(page.contains("id=\"files-error\""));
        let r = post_audit(&supervisor, "/admin/report-audit/findings.xlsx", vec![], &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let many = (0..51).map(|i| (format!("{i}.txt"), b"text".to_vec())).collect();
        let r = post_audit(&supervisor, "/admin/report-audit", many, &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("“报告文件”一次最多50个，本次选择了51个"));
    }
}
