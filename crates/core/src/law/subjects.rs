//! The gov.cn 主题分类 tree (spec §5.4): 22 top-level categories (大类) and their sub-categories
//! (小类), labels exactly as gov.cn serves them, and the [`Subject`] value an item carries.
//!
//! A subject is written `大类\小类` (`综合政务\政务公开`), as on gov.cn document pages (spec §5.3),
//! or just `大类`. A top level may be chosen alone even when it has sub-categories (old items
//! often carry only the top level); `民族、宗教`, `港澳台侨工作` and `国防` have no `其他`, and the
//! top level `其他` has no sub-categories at all.

use std::fmt;

use crate::field::FieldError;

const FIELD: &str = "subject";
const LABEL: &str = "主题分类";

/// The tree in gov.cn order.
const TREE: &[(&str, &[&str])] = &[
    (
        "国务院组织机构",
        &[
            "国务院",
            "国务院办公厅",
            "国务院组成部门",
            "国务院直属特设机构",
            "国务院直属机构",
            "国务院办事机构",
            "国务院直属事业单位",
            "国务院部委管理的国家局",
            "国务院议事协调机构",
            "其他",
        ],
    ),
    (
        "综合政务",
        &["政务公开", "政务督查", "应急管理", "电子政务", "文秘工作", "保密工作", "信访", "参事、文史", "其他"],
    ),
    (
        "国民经济管理、国有资产监管",
        &["宏观经济", "经济体制改革", "统计", "物价", "国有资产监管", "重大建设项目", "其他"],
    ),
    (
        "财政、金融、审计",
        &["财政", "税务", "银行", "货币（含外汇）", "证券", "保险", "社会信用体系建设", "审计", "其他"],
    ),
    ("国土资源、能源", &["土地", "矿产", "水资源", "海洋", "煤炭", "石油与天然气", "电力", "其他"]),
    ("农业、林业、水利", &["农业、畜牧业、渔业", "林业", "水利", "其他"]),
    (
        "工业、交通",
        &[
            "机械制造与重工业",
            "轻工纺织",
            "化工",
            "国防工业",
            "航天、航空",
            "信息产业（含电信）",
            "公路",
            "水运",
            "铁路",
            "民航",
            "邮政",
            "其他",
        ],
    ),
    ("商贸、海关、旅游", &["对外经贸合作", "国内贸易（含供销）", "海关", "检验、检疫", "旅游", "其他"]),
    ("市场监管、安全生产监管", &["工商", "质量监督", "标准", "食品药品监管", "安全生产监管", "其他"]),
    (
        "城乡建设、环境保护",
        &[
            "城市规划",
            "城乡建设（含住房）",
            "环境监测、保护与治理",
            "节能与资源综合利用",
            "气象、水文、测绘、地震",
            "其他",
        ],
    ),
    ("科技、教育", &["科技", "教育", "知识产权", "其他"]),
    ("文化、广电、新闻出版", &["文化", "文物", "新闻出版", "广播、电影、电视", "其他"]),
    ("卫生、体育", &["卫生", "医药管理", "体育", "其他"]),
    ("人口与计划生育、妇女儿童工作", &["人口与计划生育", "妇女儿童", "其他"]),
    ("劳动、人事、监察", &["劳动就业", "社会保障", "人事工作", "军转安置", "监察", "纠正行业不正之风", "其他"]),
    ("公安、安全、司法", &["公安", "国家安全", "司法", "其他"]),
    ("民政、扶贫、救灾", &["减灾救灾", "优抚安置", "社会福利", "行政区划与地名", "社团管理", "扶贫", "其他"]),
    ("民族、宗教", &["民族事务", "宗教事务"]),
    ("对外事务", &["外交、外事", "国际条约、国际组织", "其他"]),
    ("港澳台侨工作", &["港澳工作", "对台工作", "侨务工作"]),
    ("国防", &["国防建设", "国防动员"]),
    ("其他", &[]),
];

/// The tree: each top-level category with its sub-categories, in gov.cn order.
pub fn tree() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    TREE.iter().copied()
}

/// The sub-categories of a top-level category, or `None` if `top` is not one.
pub fn subs_of(top: &str) -> Option<&'static [&'static str]> {
    TREE.iter().find(|(t, _)| *t == top).map(|(_, subs)| *subs)
}

/// A 主题分类 from the tree: a top-level category and, optionally, one of its sub-categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Subject {
    pub top: &'static str,
    pub sub: Option<&'static str>,
}

impl Subject {
    /// The subject for a top level and sub-category, if the tree has them.
    pub fn new(top: &str, sub: Option<&str>) -> Option<Subject> {
        let (top, subs) = TREE.iter().find(|(t, _)| *t == top)?;
        let sub = match sub {
            None => None,
            Some(s) => Some(*subs.iter().find(|x| **x == s)?),
        };
        Some(Subject { top, sub })
    }
}

/// Reads `大类\小类`, `大类/小类` (full-width `＼`, `／` too) or `大类`; spaces around the parts
/// are ignored, and so is an empty part after the separator.
pub fn parse(s: &str) -> Result<Subject, FieldError> {
    let err = |message: String| FieldError::new(FIELD, LABEL, message);
    let s = s.trim();
    if s.is_empty() {
        return Err(err(format!("{LABEL}不能为空")));
    }
    let (top, sub) = match s.split_once(['\\', '/', '＼', '／']) {
        Some((top, sub)) => (top.trim(), Some(sub.trim()).filter(|sub| !sub.is_empty())),
        None => (s, None),
    };
    let Some(subs) = subs_of(top) else {
        return Err(err(format!("{LABEL}“{top}”不是国务院主题分类的大类")));
    };
    match sub {
        Some(sub) if subs.is_empty() => Err(err(format!("{LABEL}“{top}”没有小类，不能选“{sub}”"))),
        Some(sub) if !subs.contains(&sub) => {
            Err(err(format!("{LABEL}“{top}”下没有小类“{sub}”，可选：{}", subs.join("、"))))
        }
        _ => Ok(Subject::new(top, sub).expect("checked against the tree above")),
    }
}

impl std::str::FromStr for Subject {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            Some(sub) => write!(f, "{}\\{}", self.top, sub),
            None => f.write_str(self.top),
        }
    }
}

/// Stored and sent as its display form, `大类\小类`.
impl serde::Serialize for Subject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Subject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_has_22_top_levels_and_the_spec_counts_of_sub_categories() {
        let counts: Vec<usize> = tree().map(|(_, subs)| subs.len()).collect();
        assert_eq!(counts, [10, 9, 7, 9, 8, 4, 12, 6, 6, 6, 4, 5, 4, 3, 7, 4, 7, 2, 3, 3, 2, 0]);
        assert_eq!(tree().last(), Some(("其他", &[][..])));
    }

    #[test]
    fn the_gov_cn_examples_parse_and_display_with_a_backslash() {
        for s in ["综合政务\\政务公开", "卫生、体育\\医药管理", "财政、金融、审计\\货币（含外汇）"]
        {
            assert_eq!(parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn a_slash_or_full_width_separator_and_spaces_are_accepted() {
        let expected = Subject { top: "综合政务", sub: Some("政务公开") };
        for s in ["综合政务/政务公开", " 综合政务 ＼ 政务公开 ", "综合政务／政务公开"] {
            assert_eq!(parse(s).unwrap(), expected, "{s}");
        }
    }

    #[test]
    fn a_top_level_alone_is_a_subject_even_when_it_has_sub_categories() {
        assert_eq!(parse("综合政务").unwrap(), Subject { top: "综合政务", sub: None });
        assert_eq!(parse("其他").unwrap().to_string(), "其他");
        assert_eq!(parse("综合政务\\").unwrap().to_string(), "综合政务");
    }

    #[test]
    fn unknown_categories_are_refused_with_the_choices() {
        assert_eq!(parse("政务公开").unwrap_err().message, "主题分类“政务公开”不是国务院主题分类的大类");
        let err = parse("国防\\其他").unwrap_err();
        assert_eq!(err.field, "subject");
        assert_eq!(err.message, "主题分类“国防”下没有小类“其他”，可选：国防建设、国防动员");
        assert_eq!(parse("其他\\其他").unwrap_err().message, "主题分类“其他”没有小类，不能选“其他”");
        assert_eq!(parse(" ").unwrap_err().message, "主题分类不能为空");
    }

    #[test]
    fn a_subject_round_trips_through_json_as_its_display_form() {
        let subject = parse("卫生、体育/医药管理").unwrap();
        let json = serde_json::to_string(&subject).unwrap();
        assert_eq!(json, r#""卫生、体育\\医药管理""#);
        assert_eq!(serde_json::from_str::<Subject>(&json).unwrap(), subject);
        assert!(serde_json::from_str::<Subject>(r#""无此类""#).is_err());
    }
}
