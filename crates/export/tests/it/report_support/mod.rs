//! Shared by `tests/report.rs`: a realistic county report in either format, the labels every
//! rendering must show, and the external readers (poppler, LibreOffice) run with the
//! `GONGKAI_REQUIRE_*` switch: a missing tool skips the check with a note, unless its variable is
//! 1, where it fails the test.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use gongkai_core::report::model::{Report, TABLE4_BLOCKS, TABLE4_COLUMNS};
use gongkai_core::report::sections::{HEADINGS, Sections};
use gongkai_core::report::table2::{self, Table2};
use gongkai_core::report::table3::{self, COLUMNS, Table3};
use gongkai_core::request::outcome::ReportFormat;

pub const POPPLER_ENV: &str = "GONGKAI_REQUIRE_PDF_TOOLS";
pub const LIBREOFFICE_ENV: &str = "GONGKAI_REQUIRE_LIBREOFFICE";

/// A county report with figures in every table; table 三 balances in every column.
pub fn report(format: ReportFormat) -> Report {
    let year = if format == ReportFormat::F2021 { 2024 } else { 2020 };
    let mut t2 = BTreeMap::new();
    for (i, cell) in table2::cells(format).iter().enumerate() {
        let value: serde_json::Number = if cell.unit == table2::Unit::TenThousandYuan {
            serde_json::from_str("12.5").unwrap()
        } else {
            (i as i64 * 7 % 40 + 1).into()
        };
        t2.insert(cell.key.to_owned(), value);
    }
    let mut t3: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    let applicants = &COLUMNS[..6];
    let mut set = |row: &str, values: Vec<i64>| {
        let mut r: BTreeMap<String, i64> =
            applicants.iter().map(|c| c.to_string()).zip(values.iter().copied()).collect();
        r.insert("total".into(), values.iter().sum());
        t3.insert(row.to_owned(), r);
    };
    let leaves = table3::leaf_rows(format);
    let mut results = vec![0i64; 6];
    for (i, row) in leaves.iter().enumerate() {
        let values: Vec<i64> = (0..6).map(|c| ((i * 5 + c * 3) % 4) as i64 * if c == 0 { 3 } else { 1 }).collect();
        results.iter_mut().zip(&values).for_each(|(t, v)| *t += v);
        set(row, values);
    }
    let carried_in = vec![2, 1, 0, 0, 1, 0];
    let carried_over = vec![3, 0, 1, 0, 0, 1];
    let received: Vec<i64> = (0..6).map(|c| results[c] + carried_over[c] - carried_in[c]).collect();
    set("results_total", results);
    set("received", received);
    set("carried_in", carried_in);
    set("carried_over", carried_over);
    let mut t4 = BTreeMap::new();
    for (b, block) in TABLE4_BLOCKS.iter().enumerate() {
        let values = [b as i64 + 1, 1, 0, 1];
        let mut cells: BTreeMap<String, i64> = TABLE4_COLUMNS.iter().map(|c| c.to_string()).zip(values).collect();
        cells.insert("total".into(), values.iter().sum());
        t4.insert(block.to_string(), cells);
    }
    Report {
        format,
        year,
        agency: "浩县人民政府".into(),
        sections: Sections {
            overview: format!(
                "（一）主动公开\n\n{year}年，浩县人民政府通过政府信息公开平台主动公开政府信息1286条，其中在信息形成或者变更之日起20个工作日内公开1279条；\
                 制发行政规范性文件12件。重点公开了财政预决算、重大建设项目、乡村振兴和社会救助等领域的信息。\n\n\
                 （二）依申请公开\n\n{year}年共收到政府信息公开申请86件，上年结转6件；本年度办结86件，结转下年度继续办理5件。\n\n\
                 （三）政府信息管理\n\n严格执行公开属性源头认定和保密审查制度，全年清理行政规范性文件35件。\n\n\
                 （四）政府信息公开平台建设\n\n持续优化政府网站政府信息公开专栏，本年度在线答复公众留言212件。\n\n\
                 （五）监督保障\n\n将政务公开纳入年度绩效考核，本年度未发生因政府信息公开工作引起的责任追究情况。"
            ),
            problems: "一是部分单位主动公开的政策解读形式较为单一。二是依申请公开答复文书的规范性有待提高。\n\n\
                       下一步，我县将加强业务培训，统一答复文书格式，推行图解、视频等多样化解读方式。"
                .into(),
            other: "根据《政府信息公开信息处理费管理办法》，本机关本年度未收取信息处理费。".into(),
        },
        table2: Table2(t2),
        table3: Table3(t3),
        table4: t4,
    }
}

/// Labels every rendering of both formats must show (pdftotext may break long cells over lines,
/// so these are compared without whitespace).
pub const COMMON_LABELS: &[&str] = &[
    "第二十条第（一）项",
    "行政事业性收费",
    "申请人情况",
    "法人或其他组织",
    "社会公益组织",
    "一、本年新收政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "（三）不予公开",
    "3.危及“三安全一稳定”",
    "5.要求行政机关确认或重新出具已获取信息",
    "四、结转下年度继续办理",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "行政复议",
    "未经复议直接起诉",
    "复议后起诉",
    "尚未审结",
];

pub fn labels(format: ReportFormat) -> Vec<&'static str> {
    let mut all = COMMON_LABELS.to_vec();
    all.extend(HEADINGS);
    match format {
        ReportFormat::F2021 => all.extend([
            "行政规范性文件",
            "本年收费金额（单位：万元）",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ]),
        ReportFormat::F2019 => all.extend(["规范性文件", "其他对外管理服务事项", "政府集中采购", "（六）其他处理"]),
    }
    all
}

pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Runs `program` with `args`; `None` (skip, with a note) when it is not installed, unless
/// `require_env` is set to 1.
pub fn run(program: &str, args: &[&std::ffi::OsStr], require_env: &str) -> Option<std::process::Output> {
    match Command::new(program).args(args).output() {
        Ok(out) => {
            assert!(out.status.success(), "{program} failed: {}", String::from_utf8_lossy(&out.stderr));
            Some(out)
        }
        Err(err) if std::env::var(require_env).as_deref() == Ok("1") => {
            panic!("{program} is required ({require_env}=1) but could not run: {err}")
        }
        Err(err) => {
            eprintln!("skipping: {program} not available ({err})");
            None
        }
    }
}

/// The text in content-stream order (`-raw`): the lines of one table cell stay together, where
/// the default layout mode interleaves wrapped cells with their neighbours.
pub fn pdftotext(pdf: &Path) -> Option<String> {
    let out = run("pdftotext", &["-raw".as_ref(), pdf.as_os_str(), "-".as_ref()], POPPLER_ENV)?;
    Some(String::from_utf8(out.stdout).expect("poppler prints UTF-8"))
}

pub fn pages(pdf: &Path) -> Option<usize> {
    let out = run("pdfinfo", &[pdf.as_os_str()], POPPLER_ENV)?;
    let info = String::from_utf8(out.stdout).unwrap();
    assert!(info.contains(" pts (A4)"), "A4 pages: {info}");
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo prints Pages");
    Some(line["Pages:".len()..].trim().parse().unwrap())
}

/// `pdftoppm -png -r 50` succeeds and writes one PNG per page; returns the page count.
pub fn pdftoppm_one_png_per_page(pdf: &Path) -> Option<usize> {
    let pages = pages(pdf)?;
    let dir = pdf.parent().unwrap().join("png");
    std::fs::create_dir_all(&dir).unwrap();
    run(
        "pdftoppm",
        &["-png".as_ref(), "-r".as_ref(), "50".as_ref(), pdf.as_os_str(), dir.join("page").as_os_str()],
        POPPLER_ENV,
    )?;
    let pngs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    assert_eq!(pngs.len(), pages, "one PNG per page: {pngs:?}");
    for png in &pngs {
        assert!(std::fs::read(png).unwrap().starts_with(b"\x89PNG"), "{png:?}");
    }
    Some(pages)
}

/// Converts `docx` to a PDF beside it with LibreOffice (a private profile per call: parallel runs
/// sharing one profile fail); `None` when LibreOffice is absent and not required.
pub fn libreoffice_to_pdf(docx: &Path) -> Option<std::path::PathBuf> {
    let dir = docx.parent().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let args = [
        profile.as_ref(),
        "--headless".as_ref(),
        "--convert-to".as_ref(),
        "pdf".as_ref(),
        "--outdir".as_ref(),
        dir.as_os_str(),
        docx.as_os_str(),
    ];
    run("libreoffice", &args, LIBREOFFICE_ENV)?;
    let pdf = docx.with_extension("pdf");
    assert!(pdf.is_file(), "LibreOffice wrote {pdf:?}");
    Some(pdf)
}

pub fn assert_has_labels(text: &str, format: ReportFormat, what: &str) {
    let text = squeeze(text);
    let missing: Vec<_> = labels(format).into_iter().filter(|l| !text.contains(&squeeze(l))).collect();
    assert!(missing.is_empty(), "{what} text lacks {missing:?}; got {text}");
}

pub fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    archive.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut xml).unwrap();
    xml
}

/// The text of an XML document: tags dropped (a `<w:br/>` inside a cell joins its two lines).
pub fn xml_text(xml: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&quot;", "\"")
}
