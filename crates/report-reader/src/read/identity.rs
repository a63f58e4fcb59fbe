//! Who and when: the year and the agency of a report, from its title
//! (`遼東灣新區2018年度政府信息公開工作報告`), the statistics table's header (`(2016年度)`,
//! `填报单位(盖章)：山福镇人民政府`), or, for the year only, the years the text mentions most.
//!
//! An agency is accepted only if it reads as a name (Chinese words, no Latin letters or digits):
//! scraped copies sometimes replace it with a site name (`www. 57365.com`); then it is unknown.

/// What the title and headers say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub year: Option<i32>,
    /// In display form (the script of the source).
    pub agency: Option<String>,
    /// A report title was found (`…年…政府信息公开…报告`).
    pub titled: bool,
}

const TITLE_LINES: usize = 60;

/// Reads the identity from the lines (display and matching form, aligned).
pub fn identify(display: &[String], matching: &[String]) -> Identity {
    let mut id = Identity::default();
    // The first title line gives the year and, if it names one, the agency.
    if let Some((d, m, year)) =
        display.iter().zip(matching).take(TITLE_LINES).find_map(|(d, m)| Some((d, m, title_year(m)?)))
    {
        id.titled = true;
        id.year = Some(year);
        id.agency = agency_before(d, &year.to_string()).filter(|_| agency_before(m, &year.to_string()).is_some());
    }
    for (d, m) in display.iter().zip(matching) {
        if id.year.is_none()
            && let Some(y) = table_year(m)
        {
            id.year = Some(y);
        }
        if id.agency.is_none() && m.contains("填报单位") {
            id.agency = after_colon(d).filter(|a| is_name(&crate::normalize::fold(a)));
        }
    }
    id
}

/// The year of a title line: `YYYY年(度)` followed closely by 政府信息公开 or 政务公开, in a line
/// that also says 报告 (or 年报).
fn title_year(line: &str) -> Option<i32> {
    // A title is short and is not a sentence.
    if !(line.contains("报告") || line.contains("年报"))
        || line.chars().count() > 60
        || line.contains([',', '，', '。', ';', '；'])
    {
        return None;
    }
    for (i, _) in line.match_indices('年') {
        let Some(year) = year_before(line, i) else { continue };
        let after = &line[i + '年'.len_utf8()..];
        let after = after.strip_prefix('度').unwrap_or(after);
        let after = after.trim_start_matches([' ', '"']);
        let near: String = after.chars().take(4).collect();
        if after.starts_with("政府信息公开") || after.starts_with("政务公开") || near.contains("政府信息")
        {
            return Some(year);
        }
    }
    None
}

/// `(2016年度)` in a statistics table header.
fn table_year(line: &str) -> Option<i32> {
    let i = line.find("年度)")?;
    let y = year_before(line, i)?;
    line[..i - 4].ends_with('(').then_some(y)
}

/// Four ASCII digits right before byte `i`, as a plausible report year.
fn year_before(line: &str, i: usize) -> Option<i32> {
    let digits = line.get(i.checked_sub(4)?..i)?;
    let y: i32 = digits.parse().ok()?;
    (digits.bytes().all(|b| b.is_ascii_digit()) && (1990..=2100).contains(&y)).then_some(y)
}

/// The name before the year in a title: the last cell or clause before the year.
fn agency_before(line: &str, year: &str) -> Option<String> {
    let i = line.find(year)?;
    let before = line[..i].rsplit(['|', ':', '：']).next().unwrap_or("").trim();
    // Spaces inside the name (`某市人 民政府`) are not part of it.
    let before: String = before.split_whitespace().collect::<Vec<_>>().join("");
    let before = before.as_str();
    let before = before.trim_start_matches("关于").trim_matches(['"', '“', '”', '《', '》', ' ']);
    is_name(&crate::normalize::fold(before)).then(|| before.to_owned())
}

fn after_colon(line: &str) -> Option<String> {
    let (_, rest) = line.split_once([':', '：'])?;
    let name = rest.split('|').next().unwrap_or("").trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// A name: 2 to 40 characters, Chinese words only (no Latin letters, digits or the brackets and
/// words of a sentence).
fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    let chinese = s.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count();
    (2..=40).contains(&n)
        && chinese >= 2
        && !s.chars().any(|c| c.is_ascii_alphanumeric() || "《》()〔〕,，、。".contains(c))
        && !["根据", "关于", "按照"].iter().any(|w| s.starts_with(w))
}

/// The year mentioned most often (as `YYYY年`) in the first lines, for reports without a title.
pub fn most_mentioned_year(matching: &[String]) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
    for line in matching.iter().take(TITLE_LINES) {
        for (i, _) in line.match_indices('年') {
            if let Some(y) = year_before(line, i) {
                *counts.entry(y).or_default() += 1;
            }
        }
    }
    counts.into_iter().max_by_key(|&(y, n)| (n, y)).map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(lines: &[&str]) -> Identity {
        let display: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        let matching: Vec<String> =
            display.iter().map(|l| crate::normalize::fold(&crate::normalize::to_simplified(l))).collect();
        identify(&display, &matching)
    }

    #[test]
    fn the_title_gives_year_and_agency_in_the_script_of_the_source() {
        let i = id(&["標 題: | 遼東灣新區2018年度政府信息公開工作報告 | ||"]);
        assert_eq!((i.year, i.agency.as_deref(), i.titled), (Some(2018), Some("遼東灣新區"), true));
        let i = id(&["浩口乡人民政府2024年政府信息公开工作年度报告"]);
        assert_eq!((i.year, i.agency.as_deref()), (Some(2024), Some("浩口乡人民政府")));
    }

    #[test]
    fn a_site_name_in_place_of_the_agency_is_no_agency() {
        let i = id(&[
            "www. 57365.com2016年政府信息公开工作年度报告",
            "根据《市政务公开工作领导小组办公室关于做好2016年政府信息公开工作年度报告编制、公布等工作的通知》(六盘水公开办〔2017〕2 号),现将年度报告如下。",
            "填报单位(盖章):www. 57365.com | ||",
        ]);
        assert_eq!((i.year, i.agency), (Some(2016), None));
    }

    #[test]
    fn a_sentence_is_not_a_title() {
        let i = id(&["2015年,我县政务公开工作按照《2015年政府信息公开工作要点》部署要求,现将有关情况总结报告如下:"]);
        assert!(!i.titled && i.year.is_none());
    }

    #[test]
    fn the_statistics_header_gives_year_and_agency() {
        let i = id(&["政府信息公开情况统计表", "(2018年度)", "填报单位(盖章):山福镇人民政府"]);
        assert_eq!((i.year, i.agency.as_deref(), i.titled), (Some(2018), Some("山福镇人民政府"), false));
    }
}
