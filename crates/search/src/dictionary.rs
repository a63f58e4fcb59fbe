//! The jieba dictionary this crate segments with: jieba's default dictionary plus government
//! vocabulary.
//!
//! Owns the one process-wide [`Jieba`] (built once, about 0.2 s, shared through an `Arc` by every
//! tokenizer clone). Invariant: a word added here is always cut whole in precise mode, so search
//! mode indexes it *and* its two- and three-character dictionary parts (政府信息公开 → 政府, 信息,
//! 公开, 政府信息公开). Changing this list changes how text is indexed: bump
//! [`crate::ANALYSIS_VERSION`] so existing indexes are rebuilt.

use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

/// Words of Chinese government disclosure practice that jieba's general dictionary splits or
/// misses. Order does not matter.
pub const GOVERNMENT_WORDS: &[&str] = &[
    // 政府信息公开条例 and its procedure
    "政府信息公开",
    "政府信息公开条例",
    "信息公开",
    "政务公开",
    "主动公开",
    "依申请公开",
    "不予公开",
    "部分公开",
    "公开指南",
    "公开目录",
    "公开方式",
    "公开范围",
    "公开属性",
    "信息公开申请",
    "信息公开年报",
    "年度报告",
    "告知书",
    "答复书",
    "补正告知",
    "延期答复",
    "第三方意见",
    "信息处理费",
    "申请人",
    "举报投诉",
    // remedies
    "行政复议",
    "行政诉讼",
    "复议机关",
    // catalogue metadata
    "索引号",
    "发文字号",
    "发文机关",
    "成文日期",
    "发布日期",
    "主题分类",
    "主题词",
    "有效性",
    "政策解读",
    "规范性文件",
    "行政规范性文件",
    "保密审查",
    // agencies and documents
    "行政机关",
    "人民政府",
    "政府办公室",
    "政府办公厅",
    "常务会议",
    "政府工作报告",
    "重大行政决策",
    "权责清单",
    "财政预算",
    "财政决算",
    "三公经费",
    "政府采购",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政征收",
    "双随机一公开",
    "一网通办",
    "营商环境",
    "乡村振兴",
    "政务服务",
    "政务新媒体",
    "政府网站",
    "建议提案",
    "人大代表建议",
    "政协委员提案",
    "依法行政",
    "法治政府",
    "征求意见",
    "征求意见稿",
];

/// The process-wide segmenter: jieba's default dictionary plus [`GOVERNMENT_WORDS`].
pub fn shared_jieba() -> Arc<Jieba> {
    static JIEBA: OnceLock<Arc<Jieba>> = OnceLock::new();
    JIEBA
        .get_or_init(|| {
            let mut jieba = Jieba::new();
            for word in GOVERNMENT_WORDS {
                jieba.add_word(word, None, None);
            }
            Arc::new(jieba)
        })
        .clone()
}
