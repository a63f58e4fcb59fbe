//! Page chrome in scraped text: breadcrumbs (`当前位置：首页 > …`), footers (版权所有, ICP备案,
//! 公网安备, 网站标识码, 主办单位), page tools (打印本页, 关闭窗口, 字号) and the link lists
//! sites put under every page (`国务院部门网站`, `地方政府网站`). Dropped before the report is
//! read, so that their figures are never taken for table cells or narrative figures.

const MARKERS: [&str; 22] = [
    "当前位置",
    "您现在的位置",
    "您的位置",
    "所在位置",
    "版权所有",
    "copyright",
    "icp备",
    "icp证",
    "公网安备",
    "网站标识码",
    "主办单位",
    "承办单位",
    "技术支持",
    "网站地图",
    "打印本页",
    "关闭窗口",
    "【打印",
    "【关闭",
    "字号:",
    "分享到",
    "扫一扫",
    "浏览次数",
];

/// Whether a line (in matching form) is site boilerplate (page chrome).
pub fn is_boilerplate(line: &str) -> bool {
    let lower = line.to_lowercase();
    if MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // Breadcrumbs: 首页 > 政务公开 > …
    if lower.contains("首页>") || lower.contains("首页 >") || lower.matches('>').count() >= 3 {
        return true;
    }
    // Link lists: a short line naming a group of sites.
    let chars = line.chars().count();
    chars <= 14 && line.ends_with("网站") && !line.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers_breadcrumbs_and_link_lists_are_chrome_and_table_rows_are_not() {
        for chrome in [
            "当前位置:首页 > 政务公开 > 年报",
            "版权所有:重庆市武隆区人民政府 主办单位:重庆市武隆区人民政府办公室",
            "网站标识码:5002320015 ICP备案:渝ICP备11006838号-1",
            "国务院部门网站",
            "区(县)政府网站",
        ] {
            assert!(is_boilerplate(chrome), "{chrome}");
        }
        for content in [
            "2.政府网站公开政府信息数 | 条 | 927 |",
            "一、总体情况",
            "(四)政府信息公开平台建设情况。一是拓展线上公开渠道",
        ] {
            assert!(!is_boilerplate(content), "{content}");
        }
    }
}
