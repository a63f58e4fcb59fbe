//! The level of an agency in the administrative tree.

use std::fmt;
use std::str::FromStr;

/// Where an agency sits: a government at some level, or a department of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    City,
    County,
    Township,
    Department,
}

impl Level {
    pub const ALL: [Level; 5] = [Level::Province, Level::City, Level::County, Level::Township, Level::Department];

    /// Whether Art. 21's additional categories (设区的市级、县级人民政府和乡镇) apply at this level.
    pub fn has_article_21(self) -> bool {
        matches!(self, Level::City | Level::County | Level::Township)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
            Level::Department => "department",
        }
    }

    /// Chinese name for forms and pages.
    pub fn label(self) -> &'static str {
        match self {
            Level::Province => "省级政府",
            Level::City => "市级政府",
            Level::County => "县级政府",
            Level::Township => "乡镇（街道）",
            Level::Department => "政府部门",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL.into_iter().find(|l| l.as_str() == s).ok_or_else(|| format!("未知的机关层级：{s}"))
    }
}
