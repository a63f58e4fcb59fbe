//! Personal names next to an ID-like number: `张三，身份证号11010519491231002X`,
//! `姓名：李小明 身份证：…`, `申请人王五（护照E12345678）`.
//!
//! Looking back from the number: spaces and the punctuation `，,、：:（(` are skipped, then a label
//! such as `身份证号码` or `护照号`, then spaces and punctuation again; the run of Chinese
//! characters there is the name when it has 2 to 4 characters, once everything up to a role word
//! in it (`申请人`, `姓名`, `户主`…) is removed, and starts with a common surname (so that
//! `救助对象身份证号…` does not make 救助对象 a name). Names elsewhere, and names after the number, are not
//! looked for: names alone are everywhere in government text (signatures, leaders' names).

use super::text::{Span, Text};

/// Labels of the number, longest first.
const LABELS: [&str; 13] = [
    "公民身份号码",
    "身份证号码",
    "身份证件号",
    "证件号码",
    "护照号码",
    "身份证号",
    "身份号码",
    "证件号",
    "护照号",
    "身份证",
    "通行证",
    "护照",
    "号码",
];
/// Role words written before a name, longest first.
const ROLES: [&str; 16] = [
    "法定代表人",
    "被申请人",
    "申请人",
    "当事人",
    "联系人",
    "委托人",
    "代理人",
    "收件人",
    "经办人",
    "持有人",
    "负责人",
    "姓名",
    "户主",
    "村民",
    "居民",
    "本人",
];

/// Common single-character surnames (the most frequent few hundred, without characters that are
/// mostly ordinary words, such as 和, 国, 时, 文).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝匡鞠荆冀郁胥储栗燕楚鄢劳谌奚皮粟冼蔺楼盘厉伊仝郜阚帅屠豆朴盖练廉禹井祖漆巴丰卿狄索宣晋芮扈晁阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜逯隆茹诸战慕危亢嵇湛宾戎勾茅揭尉冶斯束檀衣阴昝智幸奉植衡富尧闭";
/// Two-character surnames.
const COMPOUND_SURNAMES: [&str; 14] =
    ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "夏侯", "公孙", "长孙", "宇文", "司徒"];

fn starts_with_surname(text: &Text, i: usize) -> bool {
    text.char(i).is_some_and(|c| SURNAMES.contains(c)) || COMPOUND_SURNAMES.iter().any(|s| text.starts_with(i, s))
}

fn is_gap(text: &Text, i: usize) -> bool {
    matches!(text.char(i), Some(' ' | '\u{3000}' | '，' | ',' | '、' | '：' | ':' | '（' | '('))
}

/// The name just before the number starting at character `number`, if there is one.
pub(super) fn before(text: &Text, number: usize) -> Option<Span> {
    let mut end = number;
    while end > 0 && is_gap(text, end - 1) {
        end -= 1;
    }
    if let Some(label) = LABELS.iter().find(|l| {
        let n = l.chars().count();
        end >= n && text.starts_with(end - n, l)
    }) {
        end -= label.chars().count();
        while end > 0 && is_gap(text, end - 1) {
            end -= 1;
        }
    }
    let mut start = end;
    while start > 0 && text.is_han(start - 1) && end - start < 12 {
        start -= 1;
    }
    // After the last role word in the run: `现将申请人张三` names 张三.
    let after_role = (start..end)
        .filter_map(|i| ROLES.iter().find(|r| text.starts_with(i, r)).map(|r| i + r.chars().count()))
        .filter(|&e| e <= end)
        .max();
    if let Some(after) = after_role {
        start = after;
    }
    ((2..=4).contains(&(end - start)) && starts_with_surname(text, start)).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str, number: &str) -> Option<String> {
        let t = Text::new(s);
        let at = s[..s.find(number).unwrap()].chars().count();
        before(&t, at).map(|span| t.slice(span).to_owned())
    }

    #[test]
    fn names_before_the_number_and_its_label_are_found() {
        assert_eq!(name("张三，身份证号11010519491231002X", "1101").as_deref(), Some("张三"));
        assert_eq!(name("姓名：李小明 身份证：11010519491231002X", "1101").as_deref(), Some("李小明"));
        assert_eq!(name("申请人王五（护照E12345678）", "E1").as_deref(), Some("王五"));
        assert_eq!(name("欧阳娜娜11010519491231002X", "1101").as_deref(), Some("欧阳娜娜"));
        assert_eq!(name("现将申请人张三身份证11010519491231002X", "1101").as_deref(), Some("张三"));
    }

    #[test]
    fn long_runs_and_lone_characters_are_not_names() {
        assert_eq!(name("根据本机关核实身份证11010519491231002X", "1101"), None);
        assert_eq!(name("，号11010519491231002X", "1101"), None);
        assert_eq!(name("救助对象身份证号码11010519491231002X", "1101"), None, "救 is no surname");
        assert_eq!(name("11010519491231002X", "1101"), None);
    }
}
