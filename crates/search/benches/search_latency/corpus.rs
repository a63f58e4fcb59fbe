//! A synthetic catalogue: realistic titles, bodies, 文号 and metadata made from government
//! vocabulary. Item `id` is a pure function of `id` (seeded by it), so a query set can name
//! document numbers without keeping the corpus in memory. 70% of items have a 文号, unique.

use gongkai_search::ItemDoc;

/// splitmix64: small, fast, good enough for picking words.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

#[rustfmt::skip]
pub const AGENCIES: &[&str] = &[
    "浩州市人民政府", "浩州市人民政府办公室", "浩州市财政局", "浩州市教育局", "浩州市卫生健康委员会",
    "浩州市交通运输局", "浩州市生态环境局", "浩州市应急管理局", "浩州市自然资源和规划局",
    "浩州市住房和城乡建设局", "浩州市市场监督管理局", "浩州市农业农村局", "浩州市民政局",
    "浩州市人力资源和社会保障局", "浩州市司法局", "东浩县人民政府", "西浩区人民政府", "南浩镇人民政府",
];
#[rustfmt::skip]
pub const ABBREVIATIONS: &[&str] = &[
    "浩府发", "浩府办发", "浩财发", "浩教发", "浩卫健发", "浩交发", "浩环发", "浩应急发", "浩自然资规",
    "浩建发", "浩市监发", "浩农发", "浩民发", "浩人社发", "浩司发", "东政发", "西政发", "南镇发",
];
#[rustfmt::skip]
pub const TOPICS: &[&str] = &[
    "政务公开", "政府信息公开", "依申请公开", "主动公开", "行政复议", "行政诉讼", "规范性文件",
    "财政预算", "财政决算", "三公经费", "政府采购", "安全生产", "防汛抗旱", "森林防火", "乡村振兴",
    "营商环境", "优化营商环境", "医疗保障", "公共卫生", "疫苗接种", "义务教育", "学前教育",
    "职业教育", "就业创业", "社会保险", "最低生活保障", "养老服务", "残疾人保障", "住房保障",
    "老旧小区改造", "城市更新", "生态环境保护", "大气污染防治", "水污染防治", "垃圾分类",
    "耕地保护", "高标准农田", "农村人居环境", "交通运输", "道路运输", "公共交通", "食品安全",
    "药品监管", "市场监管", "知识产权", "科技创新", "数字政府", "一网通办", "政务服务",
    "双随机一公开", "行政许可", "行政处罚", "重大行政决策", "权责清单", "法治政府", "依法行政",
    "人大代表建议", "政协委员提案", "信访工作", "应急管理", "自然灾害", "地质灾害防治",
    "文物保护", "文化旅游", "体育事业", "统计调查", "审计整改", "国有资产", "地方债务",
    "招商引资", "产业发展", "中小企业", "减税降费", "消费券", "人口普查", "退役军人",
];
#[rustfmt::skip]
pub const DOC_TYPES: &[&str] = &[
    "的通知", "的实施意见", "的实施方案", "的工作方案", "的管理办法", "的若干措施", "的批复",
    "的公告", "的通告", "的决定", "工作要点", "工作总结", "专项行动方案", "考核办法",
];
#[rustfmt::skip]
pub const ACTIONS: &[&str] = &[
    "印发", "做好", "进一步加强", "深入推进", "全面开展", "切实做好", "调整", "公布", "开展",
    "规范", "完善", "建立健全",
];
#[rustfmt::skip]
pub const SUBJECTS: &[&str] = &[
    "综合政务\\政务公开", "综合政务\\应急管理", "综合政务\\政务督查", "财政、金融、审计\\财政",
    "财政、金融、审计\\审计", "国土资源、能源\\土地", "农业、林业、水利\\农业", "工业、交通\\交通",
    "商贸、海关、旅游\\旅游", "市场监管、安全生产监管\\安全生产", "城乡建设、环境保护\\环境监测、保护与治理",
    "科技、教育\\教育", "卫生、体育\\卫生", "劳动、人事、监察\\就业", "民政、扶贫、救灾\\社会福利",
];
#[rustfmt::skip]
pub const CATEGORIES: &[&str] = &[
    "art20.1", "art20.2", "art20.3", "art20.4", "art20.5", "art20.6", "art20.7", "art20.8",
    "art20.9", "art20.10", "art20.11", "art20.12", "art20.13", "art20.14", "art20.15",
];
#[rustfmt::skip]
const SENTENCES: &[&str] = &[
    "为深入贯彻落实{topic}有关要求，结合本地实际，制定本{kind}。",
    "各乡镇人民政府、街道办事处，市政府各部门、各直属机构要高度重视{topic}工作。",
    "{agency}将{action}{topic}，确保各项任务落到实处。",
    "根据《中华人民共和国政府信息公开条例》规定，现将{year}年{topic}有关情况公开如下。",
    "截至{year}年{month}月底，全市累计完成{topic}项目{n}个，投入资金{n}万元。",
    "对不履行或者不正确履行职责的，依法依规追究相关单位和人员责任。",
    "公民、法人或者其他组织对本决定不服的，可以依法申请行政复议或者提起行政诉讼。",
    "本{kind}自印发之日起施行，有效期{n}年。",
    "各地各部门要加强组织领导，明确责任分工，{action}{topic}和{topic2}工作。",
    "联系人：{agency}办公室，联系电话：0571-{n}{n}。",
    "{year}年，我市{topic}工作取得明显成效，群众满意度持续提升。",
    "要坚持问题导向，聚焦{topic2}领域突出问题，{action}长效机制。",
    "依申请公开的政府信息，按照规定期限予以答复。",
    "请各单位于{year}年{month}月{day}日前将{topic}工作情况报送{agency}。",
];

fn fill(template: &str, rng: &mut Rng, topic: &str, kind: &str, agency: &str, year: i32) -> String {
    let mut out = template.to_string();
    while let Some(at) = out.find('{') {
        let end = out[at..].find('}').map_or(out.len(), |e| at + e + 1);
        let value = match &out[at + 1..end - 1] {
            "topic" => topic.to_string(),
            "topic2" => rng.pick(TOPICS).to_string(),
            "kind" => kind.trim_start_matches('的').to_string(),
            "agency" => agency.to_string(),
            "action" => rng.pick(ACTIONS).to_string(),
            "year" => year.to_string(),
            "month" => (rng.below(12) + 1).to_string(),
            "day" => (rng.below(28) + 1).to_string(),
            _ => (rng.below(900) + 10).to_string(),
        };
        out.replace_range(at..end, &value);
    }
    out
}

/// The agency (index into [`AGENCIES`]) and year of item `id`.
fn agency_and_year(id: i64) -> (usize, i32) {
    let agencies = AGENCIES.len() as i64;
    ((id % agencies) as usize, 2015 + ((id / agencies) % 11) as i32)
}

/// The document number of item `id`, unique: 浩府发〔2024〕123号.
pub fn doc_number(id: i64) -> String {
    let (agency, year) = agency_and_year(id);
    let number = id / (AGENCIES.len() as i64 * 11) + 1;
    format!("{}〔{year}〕{number}号", ABBREVIATIONS[agency])
}

/// Item `id` of the synthetic catalogue.
pub fn item(id: i64) -> ItemDoc {
    let mut rng = Rng::new(id as u64);
    let (agency, year) = agency_and_year(id);
    let topic = rng.pick(TOPICS);
    let kind = rng.pick(DOC_TYPES);
    let action = rng.pick(ACTIONS);
    let agency_name = AGENCIES[agency];
    let title = if kind.starts_with('的') {
        format!("{agency_name}关于{action}{year}年{topic}{kind}")
    } else {
        format!("{agency_name}{year}年{topic}{kind}")
    };
    let sentences = 8 + rng.below(25);
    let body: String = (0..sentences)
        .map(|_| {
            let template = rng.pick(SENTENCES);
            fill(template, &mut rng, topic, kind, agency_name, year)
        })
        .collect();
    let attachment_text = if rng.below(5) == 0 {
        (0..10 + rng.below(20))
            .map(|i| format!("{}. {}{}项目清单；", i + 1, rng.pick(TOPICS), rng.pick(ACTIONS)))
            .collect()
    } else {
        String::new()
    };
    // Agencies 0..=1 are the city government, 2..=14 its departments, 15.. counties below it.
    let agency_id = 100 + agency as i64;
    let agency_ids = if agency <= 1 { vec![agency_id, 1] } else { vec![agency_id, 100, 1] };
    let month = rng.below(12) + 1;
    let day = rng.below(28) + 1;
    ItemDoc {
        id,
        agency_id,
        agency_ids,
        title,
        body,
        doc_number: (rng.below(10) < 7).then(|| doc_number(id)),
        attachment_text,
        index_number: format!("11330100002482061B/{year}-{:05}", id % 100_000),
        category: rng.pick(CATEGORIES).to_string(),
        subject: Some(rng.pick(SUBJECTS).to_string()),
        year,
        validity: ["in_force", "in_force", "in_force", "expired", "repealed"][rng.below(5)].to_string(),
        kind: ["normative_document", "other", "other"][rng.below(3)].to_string(),
        published: format!("{year}-{month:02}-{day:02}"),
        url: format!("/catalogue/{id}"),
    }
}
