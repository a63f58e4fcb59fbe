//! The categories of proactive disclosure (公开类别): Art. 20 items (一)–(十五) of the 2019
//! Regulation and the extra local content of Art. 21 (spec §1.1).
//!
//! Each [`Category`] has a stable key (`art20.1` … `art20.15`, `art21`) for storage, the article
//! text as its `label` (verbatim, without the item number and the closing punctuation), and a
//! `short` column name chosen by gongkai for menus and tables.
//!
//! Art. 21 has two texts: one for 设区的市级、县级人民政府及其部门, one for 乡(镇)人民政府. The
//! category's `label` is the first; [`Category::label_for`] gives the township text. Which agencies
//! are offered Art. 21 at all is [`applies_to`].

use crate::agency::Level;
use crate::field::FieldError;

/// One category of proactive disclosure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Category {
    /// Stable key for storage and URLs: `art20.1` … `art20.15`, `art21`.
    pub key: &'static str,
    /// The article: 20 or 21.
    pub article: u8,
    /// The item number under Art. 20, 1–15; 0 for Art. 21, which has no numbered items.
    pub number: u8,
    /// The article text, verbatim (`行政法规、规章和规范性文件`).
    pub label: &'static str,
    /// gongkai's short column name (`法规文件`).
    pub short: &'static str,
}

const fn art20(key: &'static str, number: u8, label: &'static str, short: &'static str) -> Category {
    Category { key, article: 20, number, label, short }
}

/// Art. 21 text for 设区的市级、县级人民政府及其部门 (the `label` of the `art21` category).
pub const ART21_CITY_COUNTY: &str = "市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等方面";

/// Art. 21 text for 乡(镇)人民政府.
pub const ART21_TOWNSHIP: &str = "贯彻落实农业农村政策、农田水利工程建设运营、农村土地承包经营权流转、宅基地使用情况审核、土地征收、房屋征收、筹资筹劳、社会救助等方面";

/// All categories in article order: Art. 20 (一)–(十五), then Art. 21.
pub const ALL: &[Category] = &[
    art20("art20.1", 1, "行政法规、规章和规范性文件", "法规文件"),
    art20("art20.2", 2, "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", "机构职能"),
    art20("art20.3", 3, "国民经济和社会发展规划、专项规划、区域规划及相关政策", "规划信息"),
    art20("art20.4", 4, "国民经济和社会发展统计信息", "统计信息"),
    art20("art20.5", 5, "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", "行政许可"),
    art20(
        "art20.6",
        6,
        "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
        "处罚强制",
    ),
    art20("art20.7", 7, "财政预算、决算信息", "财政预决算"),
    art20("art20.8", 8, "行政事业性收费项目及其依据、标准", "收费项目"),
    art20("art20.9", 9, "政府集中采购项目的目录、标准及实施情况", "政府采购"),
    art20("art20.10", 10, "重大建设项目的批准和实施情况", "重大建设项目"),
    art20("art20.11", 11, "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", "民生政策"),
    art20("art20.12", 12, "突发公共事件的应急预案、预警信息及应对情况", "应急管理"),
    art20("art20.13", 13, "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", "监督检查"),
    art20("art20.14", 14, "公务员招考的职位、名额、报考条件等事项以及录用结果", "公务员招考"),
    art20("art20.15", 15, "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", "其他法定信息"),
    Category { key: "art21", article: 21, number: 0, label: ART21_CITY_COUNTY, short: "重点领域" },
];

const CHINESE_NUMERALS: [&str; 15] =
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];

impl Category {
    /// The legal citation: `第二十条第（一）项`, `第二十一条`.
    pub fn citation(&self) -> String {
        match self.article {
            20 => format!("第二十条第（{}）项", CHINESE_NUMERALS[usize::from(self.number) - 1]),
            _ => "第二十一条".to_owned(),
        }
    }

    /// The article text that applies to an agency at `level`: for Art. 21 a township gets the
    /// township text; every other case is `label`.
    pub fn label_for(&self, level: Level) -> &'static str {
        if self.article == 21 && level == Level::Township { ART21_TOWNSHIP } else { self.label }
    }
}

/// The category with this key.
pub fn by_key(key: &str) -> Option<&'static Category> {
    ALL.iter().find(|c| c.key == key)
}

/// Reads a category from a form or import: its key (`art20.1`), its short name (`法规文件`), its
/// article text, or its citation (`第二十条第（一）项`). `field` is the machine name of the input,
/// used in the error.
pub fn parse(field: &str, s: &str) -> Result<&'static Category, FieldError> {
    const LABEL: &str = "公开类别";
    let s = s.trim().trim_end_matches(['；', ';', '。']);
    if s.is_empty() {
        return Err(FieldError::new(field, LABEL, format!("{LABEL}不能为空")));
    }
    ALL.iter()
        .find(|c| {
            c.key == s || c.short == s || c.label == s || c.citation() == s || (c.article == 21 && s == ART21_TOWNSHIP)
        })
        .ok_or_else(|| {
            FieldError::new(field, LABEL, format!("{LABEL}“{s}”不存在：应为第二十条第（一）至（十五）项或第二十一条"))
        })
}

/// The categories offered to an agency at `level`, in article order.
///
/// Art. 20 applies to every agency. Art. 21 is offered only to city, county and township
/// governments. The article also names the departments of 设区的市级、县级 governments, but a
/// [`Level::Department`] does not say whose department it is: for a department that should get
/// Art. 21, pass the level of the government it belongs to.
pub fn applies_to(level: Level) -> impl Iterator<Item = &'static Category> {
    let art21 = matches!(level, Level::City | Level::County | Level::Township);
    ALL.iter().filter(move |c| c.article == 20 || art21)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_fifteen_art20_items_and_one_art21_entry_with_unique_keys() {
        assert_eq!(ALL.len(), 16);
        for (i, c) in ALL.iter().take(15).enumerate() {
            assert_eq!(c.key, format!("art20.{}", i + 1));
            assert_eq!(usize::from(c.number), i + 1);
        }
        let mut keys: Vec<_> = ALL.iter().map(|c| c.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 16);
        let mut shorts: Vec<_> = ALL.iter().map(|c| c.short).collect();
        shorts.sort();
        shorts.dedup();
        assert_eq!(shorts.len(), 16);
    }

    #[test]
    fn citations_use_the_chinese_item_numbers() {
        assert_eq!(by_key("art20.1").unwrap().citation(), "第二十条第（一）项");
        assert_eq!(by_key("art20.15").unwrap().citation(), "第二十条第（十五）项");
        assert_eq!(by_key("art21").unwrap().citation(), "第二十一条");
    }

    #[test]
    fn a_category_is_found_by_key_short_name_text_or_citation() {
        let first = by_key("art20.1").unwrap();
        for input in ["art20.1", " 法规文件 ", "行政法规、规章和规范性文件；", "第二十条第（一）项"]
        {
            assert_eq!(parse("category", input).unwrap(), first, "{input}");
        }
        assert_eq!(parse("category", ART21_TOWNSHIP).unwrap().key, "art21");
    }

    #[test]
    fn an_unknown_category_is_refused_naming_the_field() {
        let err = parse("category", "art20.16").unwrap_err();
        assert_eq!(err.field, "category");
        assert_eq!(err.label, "公开类别");
        assert!(err.message.starts_with("公开类别“art20.16”不存在"), "{}", err.message);
        assert_eq!(parse("category", "  ").unwrap_err().message, "公开类别不能为空");
    }

    #[test]
    fn art21_is_offered_to_city_county_and_township_governments_only() {
        for level in Level::ALL {
            let has_art21 = applies_to(level).any(|c| c.key == "art21");
            assert_eq!(has_art21, matches!(level, Level::City | Level::County | Level::Township), "{level}");
            assert_eq!(applies_to(level).filter(|c| c.article == 20).count(), 15);
        }
    }

    #[test]
    fn a_township_reads_the_township_text_of_art21() {
        let art21 = by_key("art21").unwrap();
        assert_eq!(art21.label_for(Level::Township), ART21_TOWNSHIP);
        assert_eq!(art21.label_for(Level::County), ART21_CITY_COUNTY);
        assert_eq!(by_key("art20.4").unwrap().label_for(Level::Township), "国民经济和社会发展统计信息");
    }
}
