"""Generate the fictional lists of the bundled example (data/example/).

The news report names no awardee and no target, so the example's lists are
invented, deterministic (a fixed seed) and marked ``sample: true`` in the
meeting file.  Names are plausible but plainly fictional; credit codes carry
valid GB 32100-2015 check characters; a few names use characters that the
body face lacks (喆, 堃) or that lie outside the BMP (𬭚), so every renderer's
font fallback is exercised by the example itself.

Run: .venv/bin/python tools/make_example_lists.py   (rewrites the two files)
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from exporter.model import CREDIT_CODE_CHARS, credit_code_check_char  # noqa: E402

HERE = Path(__file__).resolve().parent.parent / "data" / "example"
PARKS = ["东湖园区", "南山园区", "西岭园区", "北川园区", "中环园区", "滨河园区"]
CENTRES = ["新能源招商中心", "新材料招商中心", "高端装备招商中心", "数字经济招商中心", "现代服务招商中心"]
PREFIX = ["晋", "汾", "潇", "龙", "华", "恒", "瑞", "鼎", "泰", "远", "新", "宏", "嘉", "锦", "盛", "卓"]
MIDDLE = ["源", "能", "光", "达", "创", "拓", "丰", "辉", "坤", "晟", "川", "域", "航", "腾", "睿", "合"]
TRADE = ["新能源科技", "新材料", "智能装备", "半导体", "生物医药", "数字科技", "精密制造", "环保科技",
         "供应链管理", "碳基材料", "储能技术", "光电科技"]
ENTERPRISE_AWARDS = ["高质量发展突出贡献企业", "招商引资优秀企业", "科技创新先进企业", "项目建设先进企业"]
UNIT_AWARDS = ["高质量发展先进单位", "优化营商环境先进单位"]
UNITS = ["示范区经济发展部", "示范区财政金融部", "示范区行政审批局", "示范区规划建设部", "示范区生态环境部",
         "示范区科技创新部", "示范区投资促进局", "示范区应急管理部", "示范区人力资源部", "示范区市场监管局",
         "示范区自然资源部", "示范区党政办公室"] + PARKS + CENTRES
DEPTS = ["经济发展部", "投资促进局", "科技创新部", "规划建设部"]


def credit_code(rng: random.Random) -> str:
    body = "91140100" + "".join(rng.choice(CREDIT_CODE_CHARS[:10] + "ABCDEFGH") for _ in range(9))
    return body + credit_code_check_char(body)


def enterprise_names(rng: random.Random, n: int) -> list[str]:
    names: list[str] = ["山西喆源新能源科技有限公司", "山西堃泰新材料股份有限公司", "山西𬭚锐精密制造有限公司"]
    while len(names) < n:
        name = f"山西{rng.choice(PREFIX)}{rng.choice(MIDDLE)}{rng.choice(TRADE)}有限公司"
        if name not in names:
            names.append(name)
    return names


def awardees(rng: random.Random) -> list[list[str]]:
    rows = []
    for i, name in enumerate(enterprise_names(rng, 69)):
        rows.append([name, "企业", ENTERPRISE_AWARDS[i % 4], PARKS[i % 6], credit_code(rng), "", DEPTS[i % 4]])
    for i, unit in enumerate(UNITS[:23]):
        rows.append([unit, "单位", UNIT_AWARDS[i % 2], "", "", "", "党政办公室"])
    return [[str(n)] + row for n, row in enumerate(rows, start=1)]


INDICATORS = [("固定资产投资", "亿元", (40, 160)), ("招商引资到位资金", "亿元", (20, 120)),
              ("新签约亿元以上项目", "个", (6, 30)), ("规模以上工业增加值增速", "%", (6, 15)),
              ("新增入统企业", "家", (5, 40)), ("高新技术企业净增", "家", (3, 25))]


def targets(rng: random.Random) -> list[list]:
    rows = []
    units = [(p, "园区") for p in PARKS] + [(c, "招商中心") for c in CENTRES]
    for unit, kind in units:
        for indicator, measure, (lo, hi) in rng.sample(INDICATORS, rng.randint(3, 5)):
            value = rng.randint(lo, hi) if measure != "%" else round(rng.uniform(lo, hi), 1)
            rows.append([unit, kind, indicator, value, measure, datetime(2024, 12, 31),
                         f"{unit}主要负责人", "", rng.choice([10, 15, 20, 25])])
    return [[n] + row for n, row in enumerate(rows, start=1)]


def main() -> None:
    rng = random.Random(20240311)
    with open(HERE / "表彰名单.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["序号", "名称", "类别", "奖项", "所属园区", "统一社会信用代码", "备注", "推荐部门"])
        writer.writerows(awardees(rng))

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "目标任务"
    ws.append(["序号", "责任单位", "单位类型", "指标", "目标值", "计量单位", "完成时限", "责任人", "备注", "考核权重"])
    for row in targets(rng):
        ws.append(row)
    for cell in ws["G"][1:]:
        cell.number_format = "yyyy-mm-dd"
    wb.create_sheet("说明").append(["本工作簿为虚构样例，仅供演示。"])
    wb.properties.creator = "exporter"
    wb.properties.created = datetime(2024, 3, 11)
    wb.save(HERE / "目标责任.xlsx")


if __name__ == "__main__":
    main()
