"""The bundled example: the seed article's meeting, with its fictional lists."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from exporter.load import load
from exporter.resources import example_meeting

ROOT = Path(__file__).resolve().parents[1]


def test_example_is_the_one_the_package_bundles():
    assert example_meeting().resolve() == (ROOT / "data/example/meeting.yaml").resolve()


def test_example_facts_come_from_the_article():
    m = load(example_meeting()).meeting
    info = m.meeting
    assert info.date == date(2024, 3, 11) and info.venue == "潇河国际会议中心"
    assert info.title == "山西转型综改示范区2024年工作会议暨高质量发展表彰大会"
    assert info.host.name == "张效生"
    assert [(g.name, g.role) for g in info.guests] == [("翟振新", "到会指导"), ("郭海斌", "到会指导")]
    speech = info.speeches[0]
    assert speech.speaker.name == "范兆森"
    assert speech.speaker.positions == ["山西省政府副秘书长", "山西转型综改示范区党工委书记", "管委会主任"]
    tasks = next(s for s in speech.sections if s.heading == "全年重点任务")
    assert len(tasks.items) == 6
    assert m.awards.announced_by.name == "陈曦" and m.awards.statements == 5
    assert m.sample is True


def test_example_lists_load_every_row_with_the_declared_counts():
    m = load(example_meeting()).meeting
    assert dict(m.awards.counts()) == {"企业": 69, "单位": 23} == m.awards.expected
    assert dict(m.targets.unit_counts()) == {"园区": 6, "招商中心": 5} == m.targets.expected
    with open(ROOT / "data/example/表彰名单.csv", encoding="utf-8") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert [a.name for a in m.awards.rows] == [r["名称"] for r in csv_rows]
    assert all(a.extra["推荐部门"] == r["推荐部门"] for a, r in zip(m.awards.rows, csv_rows))
    units = m.targets.units()
    assert all(3 <= len(rows) <= 5 for rows in units.values())
    assert len(m.targets.rows) == sum(len(r) for r in units.values())
    first = m.targets.rows[0]
    assert isinstance(first.value, Decimal) and first.deadline == date(2024, 12, 31)
    assert "考核权重" in first.extra


def test_example_credit_codes_are_valid_and_names_use_rare_characters():
    m = load(example_meeting()).meeting
    codes = [a.credit_code for a in m.awards.rows if a.credit_code]
    assert len(codes) == 69 and len(set(codes)) == 69
    names = "".join(a.name for a in m.awards.rows)
    assert "𬭚" in names and "喆" in names   # outside the BMP; missing from the body face


def test_example_text_agrees_with_the_cleaned_article():
    """Every sentence of the speech's task items appears in the article (no invented facts)."""
    article = ROOT.parent / "shared/seed/article.zh-Hans.txt"
    if not article.exists():
        import pytest

        pytest.skip("shared/seed not present")
    text = article.read_text(encoding="utf-8").replace(",", "，").replace(":", "：").replace(";", "；")
    m = load(example_meeting()).meeting
    for section in m.meeting.speeches[0].sections:
        for item in section.items:
            assert item.heading in text
    for name in ("翟振新", "郭海斌", "张效生", "陈曦", "潇河国际会议中心", "69家企业和23个单位", "6个园区和5个招商中心"):
        assert name in text
