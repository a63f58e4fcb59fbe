#!/usr/bin/env python3
"""Generate N catalogue items as JSONL for `gongkai import items`.

Usage: gen_items.py N OUT.jsonl [SEED]

Titles and bodies are built from realistic county-government phrasing so that the
jieba/n-gram tokenizers of the search index see text resembling a real catalogue.
Deterministic for a given seed; source_id is "bench-000001"… so re-runs are idempotent.
"""
import json
import random
import sys
from datetime import date, timedelta

ORGS = ["浩县人民政府", "浩县人民政府办公室", "浩县发展和改革局", "浩县教育局", "浩县财政局",
        "浩县自然资源局", "浩县生态环境局", "浩县住房和城乡建设局", "浩县交通运输局", "浩县农业农村局",
        "浩县卫生健康委员会", "浩县应急管理局", "浩县市场监督管理局", "浩县民政局", "浩县人力资源和社会保障局"]
TOWNS = ["城关镇", "青石镇", "柳河乡", "白马镇", "东岭乡", "龙泉镇", "桃源乡", "石桥镇"]
TOPICS = ["农村人居环境整治", "义务教育均衡发展", "城乡居民基本医疗保险", "高标准农田建设", "安全生产大检查",
          "营商环境优化提升", "乡村振兴重点帮扶", "城镇老旧小区改造", "食品安全监督抽检", "政务服务“一网通办”",
          "防汛抗旱工作", "秸秆综合利用", "最低生活保障", "困难群众救助", "重大建设项目", "森林防火",
          "耕地保护和粮食安全", "大气污染防治", "河湖长制", "消费品以旧换新"]
KINDS = ["关于印发{t}实施方案的通知", "关于进一步加强{t}工作的意见", "关于开展{t}专项行动的通知",
         "{y}年{t}工作要点", "关于{t}情况的通报", "{t}管理办法（试行）", "关于做好{y}年{t}工作的通知",
         "{y}年第{q}季度{t}信息公示", "关于{town}{t}项目的批复", "{t}资金分配结果公示"]
SENTS = ["为深入贯彻落实党中央、国务院决策部署，按照省、市有关工作要求，结合我县实际，制定本方案。",
         "各乡镇人民政府，县直各部门要高度重视，切实加强组织领导，明确责任分工，确保各项任务落到实处。",
         "坚持以人民为中心的发展思想，统筹发展和安全，着力解决群众急难愁盼问题。",
         "县财政局负责资金保障，县审计局负责对资金使用情况进行监督检查。",
         "对工作推进不力、弄虚作假的单位和个人，依规依纪严肃追究责任。",
         "本方案自印发之日起施行，有效期至{y2}年12月31日。",
         "各单位要于每季度末前将工作进展情况报送县政府办公室。",
         "加大政策宣传力度，充分利用政府网站、政务新媒体等渠道，提高群众知晓率和满意度。",
         "严格落实“三重一大”集体决策制度，确保资金安全、规范、高效使用。",
         "建立健全长效机制，推动{t}工作制度化、规范化、常态化。",
         "经研究，同意{town}实施{t}项目，项目总投资{m}万元，资金来源为中央和省级补助资金及县级配套资金。",
         "截至{y}年{mo}月底，全县累计完成投资{m}万元，惠及群众{p}人。"]
KEYWORDS = ["政务公开", "通知", "实施方案", "乡村振兴", "民生", "财政资金", "公示", "安全生产", "教育", "医疗保障",
            "环境保护", "营商环境", "应急管理", "社会救助"]


def records(n, rng):
    """The n records, in order (a 发文字号 is never used twice: one serial per record)."""
    start = date(2019, 1, 1)
    span = (date(2024, 12, 31) - start).days
    for i in range(1, n + 1):
        published = start + timedelta(days=rng.randrange(span + 1))
        formed = published - timedelta(days=rng.randrange(1, 15))
        written = formed - timedelta(days=rng.randrange(0, 10))
        y = published.year
        fill = dict(t=rng.choice(TOPICS), y=y, y2=y + rng.randrange(1, 5), q=rng.randrange(1, 5),
                    town=rng.choice(TOWNS), m=rng.randrange(50, 50000), p=rng.randrange(100, 200000),
                    mo=rng.randrange(1, 13))
        org = rng.choice(ORGS)
        title = org + rng.choice(KINDS).format(**fill)
        paras = []
        for _ in range(rng.randrange(2, 6)):
            paras.append("".join(rng.choice(SENTS).format(**fill) for _ in range(rng.randrange(2, 5))))
        body = "\n\n".join(paras)
        rec = {
            "source_id": f"bench-{i:07d}",
            "title": title,
            "summary": paras[0][:120],
            "body": body,
            "category": f"art20.{rng.randrange(1, 16)}",
            "subject": "综合政务\\政务公开",
            "issuer": org,
            "doc_number": f"浩府发〔{y}〕{i}号",
            "written": written.isoformat(),
            "formed": formed.isoformat(),
            "published": published.isoformat(),
            "keywords": rng.sample(KEYWORDS, rng.randrange(1, 4)),
            "validity": "in_force",
            "kind": "other",
        }
        yield rec


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20240101)
    with open(out, "w", encoding="utf-8") as f:
        for rec in records(n, rng):
            f.write(json.dumps(rec, ensure_ascii=False))
            f.write("\n")


if __name__ == "__main__":
    main()
