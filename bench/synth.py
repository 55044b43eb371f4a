"""Synthetic meetings of a given size, for the benchmark.

A provincial office commends thousands of enterprises; the example has 92.
This module writes a meeting that is the example's prose (issuer, speeches,
attendees, briefing) with long lists beside it, as an office would keep them:
``meeting.yaml`` plus ``表彰名单.csv`` and ``目标责任.csv``.

Deterministic: the same size gives the same bytes (a seeded generator, no
clock), so two benchmark runs measure the same work.  Every name is fictional
and unique, built from syllables that include rare characters (喆 堃 玥 and
𬭚, outside the BMP) so the font-fallback path is exercised as real names
exercise it; every credit code carries a valid GB 32100 check character.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from exporter.model import credit_code_check_char

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example" / "meeting.yaml"

AWARDS_FILE = "表彰名单.csv"
TARGETS_FILE = "目标责任.csv"

AWARD_HEADER = ["序号", "名称", "类别", "奖项", "所属园区", "统一社会信用代码", "备注", "推荐部门"]
TARGET_HEADER = ["序号", "责任单位", "单位类型", "指标", "目标值", "计量单位", "完成时限", "责任人", "备注", "考核权重"]

# Syllables of fictional trade names.  The first four are the rare ones a
# font must fall back for (𬭚 is U+2CB5A, outside the BMP).
SYLLABLES = ("喆", "堃", "玥", "𬭚") + tuple("远合泰晋汾瑞丰鑫华辰宏昊嘉钧铭睿泓璟晟煜曦恒"
                                        "安邦诚达鼎方港海弘锦凯坤朗隆明宁启清荣盛拓维祥兴耀誉卓")
INDUSTRIES = ("新能源科技", "新材料", "精密制造", "智能装备", "数字科技", "生物医药", "半导体", "环保科技",
              "现代物流", "光电科技", "信息技术", "化工")
FORMS = ("有限公司", "股份有限公司", "集团有限公司")
PARKS = ("东湖园区", "南山园区", "西岭园区", "北川园区", "中环园区", "滨河园区")
ENTERPRISE_AWARDS = ("高质量发展突出贡献企业", "招商引资优秀企业", "科技创新先进企业", "项目建设先进企业")
UNIT_AWARDS = ("高质量发展先进单位", "优化营商环境先进单位")
DEPARTMENTS = ("经济发展部", "投资促进局", "科技创新部", "规划建设部", "党政办公室")
OFFICES = ("经济发展部", "财政金融部", "行政审批局", "规划建设部", "生态环境部", "科技创新部", "投资促进局",
           "应急管理部", "党群工作部", "自然资源局", "社会事务局", "综合执法局")
INDICATORS = (("高新技术企业净增", "家"), ("新签约亿元以上项目", "个"), ("新增入统企业", "家"),
              ("招商引资到位资金", "亿元"), ("固定资产投资", "亿元"), ("规模以上工业增加值增速", "%"),
              ("研发投入强度", "%"), ("新增专精特新企业", "家"))
INDICATORS_PER_UNIT = 5
WEIGHTS = ("10", "15", "20", "25")
UNIT_SHARE = 0.25          # a quarter of the awardees are units (示范区…部), as in the example (23 of 92)


@dataclass(frozen=True)
class Synthetic:
    """Where a generated meeting is, and what it holds."""

    meeting: Path
    awardees: int
    targets: int
    enterprises: int
    units: int


def credit_code(rng: random.Random) -> str:
    """A valid 统一社会信用代码 of an enterprise registered in Taiyuan (91 140100 …)."""
    body = "91140100" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + credit_code_check_char(body)


def enterprise_names(count: int, rng: random.Random) -> list[str]:
    """*count* distinct enterprise names, drawn without replacement from all combinations."""
    n_syl = len(SYLLABLES)
    space = n_syl * n_syl * len(INDUSTRIES) * len(FORMS)
    picks = rng.sample(range(space), count) if count <= space else _too_many(count, space)
    names = []
    for k in picks:
        k, form = divmod(k, len(FORMS))
        k, industry = divmod(k, len(INDUSTRIES))
        first, second = divmod(k, n_syl)
        names.append(f"山西{SYLLABLES[first]}{SYLLABLES[second]}{INDUSTRIES[industry]}{FORMS[form]}")
    return names


def _too_many(count: int, space: int) -> list[int]:
    raise ValueError(f"at most {space} distinct enterprise names, {count} asked")


def unit_names(count: int) -> list[str]:
    """*count* distinct commended units: 示范区经济发展部, then numbered branches (第2经济发展分局…)."""
    names = [f"示范区{o}" for o in OFFICES][:count]
    i = 0
    while len(names) < count:
        office = OFFICES[i % len(OFFICES)]
        names.append(f"示范区{office[:-1]}第{i // len(OFFICES) + 2}{office[-1]}")
        i += 1
    return names


def awardee_rows(count: int, rng: random.Random) -> tuple[list[list[str]], int, int]:
    """Rows of the commendation list: enterprises first, then units (as a decision lists them)."""
    n_units = int(count * UNIT_SHARE)
    n_ent = count - n_units
    rows = []
    for i, name in enumerate(enterprise_names(n_ent, rng)):
        award = ENTERPRISE_AWARDS[i % len(ENTERPRISE_AWARDS)]
        rows.append([name, "企业", award, PARKS[i % len(PARKS)], credit_code(rng), "",
                     DEPARTMENTS[i % (len(DEPARTMENTS) - 1)]])
    for i, name in enumerate(unit_names(n_units)):
        rows.append([name, "单位", UNIT_AWARDS[i % len(UNIT_AWARDS)], "", "", "", "党政办公室"])
    return [[str(i + 1)] + r for i, r in enumerate(rows)], n_ent, n_units


def target_rows(count: int, year: int, rng: random.Random) -> tuple[list[list[str]], dict[str, int]]:
    """*count* indicator rows, :data:`INDICATORS_PER_UNIT` per responsible unit."""
    rows: list[list[str]] = []
    units: dict[str, int] = {}
    u = 0
    while len(rows) < count:
        kind = "园区" if u % 2 == 0 else "招商中心"
        syl = SYLLABLES[(u // 2) % len(SYLLABLES)] + SYLLABLES[(u // 2 * 7 + 3) % len(SYLLABLES)]
        unit = f"{syl}第{u // 2 + 1}园区" if kind == "园区" else f"{syl}第{u // 2 + 1}招商中心"
        units[kind] = units.get(kind, 0) + 1
        first = u % len(INDICATORS)
        for j in range(INDICATORS_PER_UNIT):
            if len(rows) == count:
                break
            indicator, measure = INDICATORS[(first + j) % len(INDICATORS)]
            value = f"{rng.randint(10, 900) / 10:.1f}" if measure == "%" else str(rng.randint(5, 120))
            rows.append([str(len(rows) + 1), unit, kind, indicator, value, measure, f"{year}-12-31",
                         f"{unit}主要负责人", "", rng.choice(WEIGHTS)])
        u += 1
    return rows, units


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _without_none(data):
    """The dump without its empty (None) fields, as the example file leaves them out."""
    if isinstance(data, dict):
        return {k: _without_none(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_without_none(v) for v in data]
    return data


def base_document() -> dict:
    """The example meeting as plain data (its prose), lists left out."""
    from exporter.load import load_meeting

    from exporter.model import to_data

    data = _without_none(to_data(load_meeting(EXAMPLE), for_json=True))
    data["awards"].pop("list", None)
    data["targets"].pop("list", None)
    return data


def write_meeting(folder: Path, awardees: int, targets: int = 2000, *, seed: int = 2024) -> Synthetic:
    """A meeting with *awardees* commended and *targets* indicator rows, written into *folder*."""
    from ruamel.yaml import YAML

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-{awardees}-{targets}")
    data = base_document()
    a_rows, n_ent, n_units = awardee_rows(awardees, rng)
    t_rows, unit_counts = target_rows(targets, data["targets"]["year"], rng)
    _write_csv(folder / AWARDS_FILE, AWARD_HEADER, a_rows)
    _write_csv(folder / TARGETS_FILE, TARGET_HEADER, t_rows)
    data["sample"] = True
    data["awards"]["expected"] = {"企业": n_ent, "单位": n_units}
    data["awards"]["list"] = AWARDS_FILE
    data["targets"]["expected"] = unit_counts
    data["targets"]["list"] = TARGETS_FILE
    data["meeting"]["agenda"] = [_recount(a, n_ent, n_units) for a in data["meeting"].get("agenda", [])]
    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    path = folder / "meeting.yaml"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"# 基准测试用虚构会议：{awardees}名受表彰对象，{targets}行目标任务（bench/synth.py 生成）\n")
        yaml.dump(data, fh)
    return Synthetic(path, awardees, targets, n_ent, n_units)


def _recount(agenda_item: str, enterprises: int, units: int) -> str:
    """Keep the agenda's '对69家企业和23个单位进行表彰' in step with the lists."""
    return agenda_item.replace("69家企业", f"{enterprises}家企业").replace("23个单位", f"{units}个单位")


if __name__ == "__main__":   # python bench/synth.py DIR N [TARGETS]
    import sys

    sys.path.insert(0, str(ROOT))
    made = write_meeting(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 2000)
    print(made)
