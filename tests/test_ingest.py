"""`exporter ingest` (issue #7): a news article → a draft meeting/1 file.

The seed (tests/articles/000_dcd9a2058c9a491a.txt) is the press office's
article as scraped: traditional characters with pinyin annotations, half-width
punctuation and three places damaged in transit.  Beside it,
000_dcd9a2058c9a491a.zh-Hans.txt is the version a person cleaned by hand.
Two further articles were written for these tests: a 2025 work conference of
another zone saved as a GB18030 HTML page, and a plain-text article (UTF-8
with BOM, CRLF) that gives no year anywhere and counts in Chinese numerals.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pathlib import Path

from exporter import ingest
from exporter.text import fullwidth_punctuation

ARTICLES = Path(__file__).parent / "articles"
SEED = ARTICLES / "000_dcd9a2058c9a491a.txt"
SEED_BY_HAND = ARTICLES / "000_dcd9a2058c9a491a.zh-Hans.txt"
HTML_2025 = ARTICLES / "2025_binjiang_gb18030.html"
NO_YEAR = ARTICLES / "no_year_lingang.txt"

# The keys of meeting/1, transcribed from shared/spec/meeting-data.md.
PERSON = {"name", "position"}
SPEC = {
    (): {"format", "sample", "issuer", "meeting", "awards", "targets", "briefing"},
    ("issuer",): {"name", "short_name", "office"},
    ("meeting",): {"title", "date", "time", "venue", "source", "host", "guests", "agenda", "speeches", "attendees"},
    ("meeting", "host"): PERSON,
    ("meeting", "guests", "*"): PERSON | {"role"},
    ("meeting", "speeches", "*"): {"speaker", "theme", "sections"},
    ("meeting", "speeches", "*", "speaker"): PERSON,
    ("meeting", "speeches", "*", "sections", "*"): {"heading", "paragraphs", "items"},
    ("meeting", "speeches", "*", "sections", "*", "items", "*"): {"heading", "text"},
    ("awards",): {"decision", "announced_by", "expected", "statements", "list"},
    ("awards", "announced_by"): PERSON,
    ("targets",): {"year", "title", "expected", "list"},
}
FREE_MAPPINGS = {("awards", "expected"), ("targets", "expected")}    # keys are the article's categories

TONE_MARKS = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
ANNOTATION = re.compile(r"\([a-zü]{1,6}\)")
T2S = opencc.OpenCC("t2s")


def unknown_keys(value, path=()) -> list[str]:
    """Keys of a mapping that meeting/1 does not define, as dotted paths."""
    shape = tuple("*" if isinstance(p, int) else p for p in path)
    found = []
    if isinstance(value, dict):
        if shape not in FREE_MAPPINGS:
            allowed = SPEC.get(shape)
            assert allowed is not None, f"a mapping where meeting/1 has none: {path}"
            found += [".".join(map(str, path + (k,))) for k in value if k not in allowed]
        for k, v in value.items():
            found += unknown_keys(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += unknown_keys(v, path + (i,))
    return found


def strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, str):
        yield value


def yaml_line(draft: ingest.Draft, start: str) -> str:
    """The line of the draft's YAML that starts (after indentation) with ``start``."""
    return next(line for line in draft.yaml.splitlines() if line.strip().startswith(start))


@pytest.fixture(scope="module")
def seed():
    return ingest.draft_from_article(ingest.read_article(SEED))


@pytest.fixture(scope="module")
def binjiang():
    return ingest.draft_from_article(ingest.read_article(HTML_2025))


# --- cleaning ------------------------------------------------------------------


def test_seed_cleans_to_the_hand_cleaned_text_with_full_width_punctuation():
    cleaned = ingest.clean_article(SEED.read_text(encoding="utf-8"))
    by_hand = SEED_BY_HAND.read_text(encoding="utf-8").strip()
    assert "," in by_hand                        # the hand-cleaned copy kept half-width commas
    assert cleaned.text == fullwidth_punctuation(by_hand)


def test_seed_cleaned_text_has_no_pinyin_no_traditional_and_no_half_width_marks_in_chinese():
    text = ingest.clean_article(SEED.read_text(encoding="utf-8")).text
    assert not TONE_MARKS.search(text) and not ANNOTATION.search(text)
    assert T2S.convert(text) == text
    assert not re.search(r"[\u4e00-\u9fff“”][,:;?!()]|[,:;?!()][\u4e00-\u9fff“”]", text)
    assert "?" not in text and "\ufffd" not in text


def test_seed_reports_the_three_corrupted_places_with_hint_and_reading():
    cleaned = ingest.clean_article(SEED.read_text(encoding="utf-8"))
    found = {c.phrase: c for c in cleaned.corruptions}
    assert set(found) == {"推动", "重担", "链式招商"}
    assert found["推动"].hints == ("dòng",) and found["推动"].fragment == "推?dòng)"
    assert found["重担"].hints == ("fù", "dān") and found["重担"].fragment == "重?fù)?dān)"
    assert found["链式招商"].hints == ("zhǔn",) and found["链式招商"].fragment.startswith("鏈?zhǔn)秸猩?")
    for c in cleaned.corruptions:
        assert cleaned.text[c.offset:c.offset + c.length] == c.reading
        assert cleaned.text.split("\n")[c.line - 1].count(c.phrase) >= 1
        assert c.fragment in c.describe() and c.phrase in c.describe()


def test_ordinary_parentheses_and_question_marks_are_not_damage():
    cleaned = ingest.clean_article("网(wǎng)站(AI)发布(2024)文件,怎么办?我们要干。")
    assert cleaned.text == "网站（AI）发布（2024）文件，怎么办？我们要干。"
    assert cleaned.corruptions == []


def test_a_lost_character_with_no_likely_reading_is_a_placeholder_not_a_guess():
    cleaned = ingest.clean_article("鑫?xiǎo)公司成立。")
    (c,) = cleaned.corruptions
    assert c.reading is None and c.hints == ("xiǎo",)
    assert cleaned.text == f"鑫{ingest.PLACEHOLDER}公司成立。"
    assert "无法推断" in c.describe()


# Simplified characters and marks of the hand-cleaned seed: text that needs no cleaning but punctuation.
CLEAN_ALPHABET = sorted(set(re.sub(r"[\s?()（）]", "", SEED_BY_HAND.read_text(encoding="utf-8"))) | set(",:;!"))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=CLEAN_ALPHABET, min_size=1, max_size=60))
def test_clean_simplified_text_only_gets_its_punctuation_normalised(text):
    cleaned = ingest.clean_article(text)
    assert cleaned.corruptions == []
    assert cleaned.text == fullwidth_punctuation(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("转型综改示范区招商动员"), st.booleans()), min_size=1, max_size=30),
       st.sampled_from(["wǎng", "zhuǎn", "dòng", "lǜ", "qū"]))
def test_pinyin_annotations_after_characters_are_removed(chars, syllable):
    plain = "".join(c for c, _ in chars)
    annotated = "".join(c + (f"({syllable})" if mark else "") for c, mark in chars)
    assert ingest.clean_article(annotated).text == plain


# --- the seed draft ------------------------------------------------------------


def test_seed_draft_meeting_facts(seed):
    m = seed.data["meeting"]
    assert m["title"] == "山西转型综改示范区2024年工作会议暨高质量发展表彰大会"
    assert m["date"] == dt.date(2024, 3, 11)
    assert m["venue"] == "潇河国际会议中心"
    assert m["source"] == "世界晋商网"
    assert m["host"] == {"name": "张效生", "position": "山西转型综改示范区党工委副书记、管委会副主任"}
    assert m["guests"] == [
        {"name": "翟振新", "position": "省委优化营商环境和开发区重点工作督导一组组长", "role": "到会指导"},
        {"name": "郭海斌", "position": "省委优化营商环境和开发区重点工作督导一组副组长", "role": "到会指导"},
    ]
    assert "陈曦宣读《关于2023年度高质量发展表彰决定》" in m["agenda"]
    assert m["agenda"][-1] == "范兆森讲话"
    assert m["attendees"][0] == "委领导赵治安、崔俊林、白勇强、乔建伟、李英虎"
    assert m["attendees"][-1].endswith("受表彰的企业负责人")


def test_seed_draft_speech_has_sections_and_the_six_tasks_as_items(seed):
    (speech,) = seed.data["meeting"]["speeches"]
    assert speech["speaker"] == {
        "name": "范兆森", "position": "山西省政府副秘书长、山西转型综改示范区党工委书记、管委会主任"}
    assert speech["theme"] == "坚定不移走好“归心、赶考”之路"
    tasks = next(s for s in speech["sections"] if "六个方面" in "".join(s.get("paragraphs", [])))
    assert len(tasks["items"]) == 6
    assert tasks["items"][0] == {
        "heading": "不折不扣完成主要经济指标任务",
        "text": "坚守“主战场、主阵地、主力军”应有的责任担当，确保走在全省最领先位次、在全国实现争先晋位。"}
    assert tasks["items"][1]["text"].count("链式招商") == 1
    assert tasks["items"][5]["heading"] == "坚定走出对外开放的实质性步伐"
    assert all(s["heading"] for s in speech["sections"])


def test_seed_draft_awards_and_targets(seed):
    assert seed.data["awards"] == {
        "decision": "关于2023年度高质量发展表彰决定",
        "announced_by": {"name": "陈曦", "position": "山西转型综改示范区党工委委员、管委会副主任"},
        "expected": {"企业": 69, "单位": 23},
        "statements": 5,
        "list": "表彰名单.csv",
    }
    assert seed.data["targets"] == {
        "year": 2024, "title": "2024年目标任务责任书",
        "expected": {"园区": 6, "招商中心": 5}, "list": "目标责任.csv"}


def test_seed_draft_text_is_clean(seed):
    text = "".join(strings(seed.data))
    assert not TONE_MARKS.search(text) and not ANNOTATION.search(text)
    assert T2S.convert(text) == text


def test_seed_draft_marks_each_repair_for_review_on_its_field(seed):
    assert [c.phrase for c in seed.corrections] == ["重担", "链式招商", "推动"]
    for c in seed.corrections:
        note = next(n for n in seed.review if c.fragment in n.what)
        assert note.path.startswith("meeting.speeches[0].sections")
        assert f"待核实：{c.describe()}" in seed.yaml
    item_note = next(n for n in seed.review if "链式招商" in n.what)
    assert item_note.path.endswith("items[1].text")


def test_seed_issuer_name_is_a_marked_guess(seed):
    assert seed.data["issuer"] == {"name": "山西转型综改示范区管理委员会", "short_name": "山西转型综改示范区"}
    assert any(n.path == "issuer.name" for n in seed.review)
    assert "# 待核实" in yaml_line(seed, "name: 山西转型综改示范区管理委员会")


def test_seed_yaml_is_valid_commented_and_in_spec_order(seed):
    loaded = YAML(typ="safe").load(seed.yaml)
    assert loaded == seed.data
    first = next(line for line in seed.yaml.splitlines() if not line.startswith("#"))
    assert first == "format: meeting/1"
    assert list(seed.data) == ["format", "issuer", "meeting", "awards", "targets"]
    assert list(seed.data["meeting"]) == ["title", "date", "venue", "source", "host", "guests", "agenda",
                                          "speeches", "attendees"]
    assert "# 待核实" not in yaml_line(seed, "date:")     # the year is in the meeting title
    assert seed.yaml.count("# 待核实") >= len(seed.corrections)


@pytest.mark.parametrize("article", [SEED, HTML_2025, NO_YEAR], ids=lambda p: p.name)
def test_draft_data_has_only_meeting1_keys(article):
    draft = ingest.draft_from_article(ingest.read_article(article))
    assert unknown_keys(draft.data) == []
    assert YAML(typ="safe").load(draft.yaml) == draft.data


def test_a_year_option_that_contradicts_the_title_is_marked(seed):
    draft = ingest.draft_from_article(ingest.read_article(SEED), year=2023)
    assert draft.data["meeting"]["date"] == dt.date(2023, 3, 11)
    assert "# 待核实" in yaml_line(draft, "date:")


# --- an HTML page, GB18030, 2025, another zone ---------------------------------


def test_html_page_is_decoded_and_stripped():
    text = ingest.read_article(HTML_2025)
    assert "滨江高新区2025年工作会议暨项目建设推进会" in text
    for furniture in ("<", "&nbsp;", "&ldquo;", "首页", "统计代码", "欢迎访问", "版权所有", "text-indent"):
        assert furniture not in text
    assert "“一网通办”" in text
    assert "42个，新增" in text                # a source line break inside a paragraph is not a break


def test_html_article_facts(binjiang):
    m = binjiang.data["meeting"]
    assert m["date"] == dt.date(2025, 2, 18) and m["time"] == "09:00"
    assert m["title"] == "滨江高新区2025年工作会议暨项目建设推进会"
    assert m["venue"] == "区政务服务中心报告厅"
    assert m["source"] == "滨江发布"
    assert m["host"] == {"name": "李明华", "position": "区党工委副书记、管委会主任"}
    assert m["guests"] == [{"name": "周建国", "position": "市政府副秘书长", "role": "出席并讲话"}]
    (speech,) = m["speeches"]
    assert speech["speaker"] == {"name": "王立新", "position": "区党工委书记"}
    assert "theme" not in speech                  # the article does not sum the speech up
    tasks = speech["sections"][-1]
    assert [i["heading"] for i in tasks["items"]] == ["抓项目建设", "抓科技创新", "抓营商环境", "抓安全生产"]
    assert m["agenda"][:2] == ["赵红通报2024年度目标考核结果", "区经济发展局、科技创新局和两家企业代表作交流发言"]
    assert m["agenda"][-2:] == ["王立新作工作报告", "周建国讲话"]
    assert m["attendees"] == ["区党工委、管委会领导班子成员", "各部门、各街道主要负责人", "重点企业代表"]
    assert "awards" not in binjiang.data and "targets" not in binjiang.data   # no counts, no lists
    assert binjiang.data["issuer"]["name"] == "滨江高新区管理委员会"
    assert [c.phrase for c in binjiang.corrections] == ["建设"]
    assert "加快建设滨江实验室" in tasks["items"][1]["text"]


# --- no year anywhere -----------------------------------------------------------


def test_article_without_year_marks_the_date_and_invents_nothing():
    draft = ingest.draft_from_article(ingest.read_article(NO_YEAR))
    assert draft.data["meeting"]["date"] == "3月5日"
    line = yaml_line(draft, "date:")
    assert "# 待核实" in line and "--year" in line
    assert any(n.path == "meeting.date" for n in draft.review)
    assert "year" not in draft.data["targets"]
    assert any(n.path == "targets.year" for n in draft.review)


def test_article_without_year_uses_the_year_option():
    draft = ingest.draft_from_article(ingest.read_article(NO_YEAR), year=2025)
    assert draft.data["meeting"]["date"] == dt.date(2025, 3, 5)
    assert "# 待核实" not in yaml_line(draft, "date:")
    assert not any(n.path == "meeting.date" for n in draft.review)
    assert draft.data["targets"]["year"] == 2025
    assert any(n.path == "targets.year" for n in draft.review)      # inferred from the meeting, so marked


def test_article_without_year_other_facts():
    draft = ingest.draft_from_article(ingest.read_article(NO_YEAR), year=2025)
    m = draft.data["meeting"]
    assert m["title"] == "临港经济开发区安全生产工作会议暨先进表彰大会"
    assert m["venue"] == "临港会展中心"
    assert "source" not in m                       # 本网讯 names no outlet
    assert m["host"] == {"name": "刘洋", "position": "党工委副书记、管委会主任"}
    assert "guests" not in m                       # the speaker 出席并讲话 is not a guest of his own meeting
    assert m["speeches"][0]["speaker"] == {"name": "陈国栋", "position": "开发区党工委书记"}
    items = m["speeches"][0]["sections"][0]["items"]
    assert [i["heading"] for i in items] == ["压实责任", "排查隐患", "强化应急"]
    awards = draft.data["awards"]
    assert awards["decision"] == "关于表彰2024年度安全生产先进集体和先进个人的决定"
    assert "announced_by" not in awards            # 会议宣读了… names nobody
    assert awards["expected"] == {"先进集体": 12, "先进个人": 30}
    assert awards["statements"] == 3
    assert draft.data["targets"]["expected"] == {"街道": 8, "重点企业": 15}
    assert m["attendees"] == ["开发区各部门主要负责人", "各街道、重点企业安全负责人"]


def test_the_same_kind_of_byte_damage_on_another_phrase_is_repaired():
    # "压故翟鹑?," is "压实责任," read one GBK byte out of step, as 鏈?zhǔn)秸猩? in the seed.
    draft = ingest.draft_from_article(ingest.read_article(NO_YEAR))
    (c,) = draft.corrections
    assert (c.phrase, c.reading, c.hints) == ("压实责任", "实责任", ())
    assert c.fragment == "压故翟鹑?"
    assert "压故翟鹑" not in "".join(strings(draft.data))


# --- reading files ----------------------------------------------------------------


def test_read_article_from_stdin_detects_gb18030(monkeypatch):
    data = "3月11日,示范区召开会议。".encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert ingest.read_article("-") == "3月11日,示范区召开会议。"


def test_read_article_accepts_utf8_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff山西轉(zhuǎn)型".encode("utf-8"))
    assert ingest.read_article(path) == "山西轉(zhuǎn)型"
    assert ingest.read_article(NO_YEAR).startswith("本网讯")


# --- writing --------------------------------------------------------------------


def test_write_draft_writes_yaml_and_list_templates_but_never_overwrites_a_list(seed, tmp_path):
    out = tmp_path / "m" / "meeting.yaml"
    written = ingest.write_draft(seed, out)
    assert out in written and out.read_text(encoding="utf-8") == seed.yaml
    awards_csv, targets_csv = tmp_path / "m" / "表彰名单.csv", tmp_path / "m" / "目标责任.csv"
    assert {awards_csv, targets_csv} <= set(written)
    assert next(csv.reader(awards_csv.open(encoding="utf-8-sig"))) == [
        "序号", "名称", "类别", "奖项", "所属园区", "统一社会信用代码", "备注"]
    assert next(csv.reader(targets_csv.open(encoding="utf-8-sig"))) == [
        "序号", "责任单位", "单位类型", "指标", "目标值", "计量单位", "完成时限", "责任人", "备注"]
    awards_csv.write_text("filled in by staff", encoding="utf-8")
    assert ingest.write_draft(seed, out) == [out]
    assert awards_csv.read_text(encoding="utf-8") == "filled in by staff"


def test_write_draft_without_lists_writes_only_the_yaml(binjiang, tmp_path):
    out = tmp_path / "meeting.yaml"
    assert ingest.write_draft(binjiang, out) == [out]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.yaml"]


# --- the loader accepts the draft once the lists are filled -----------------------


def _fill_lists(folder: Path, awards: dict[str, int], units: dict[str, int]) -> None:
    """Rows matching the announced counts, as staff would fill the templates in."""
    with (folder / "表彰名单.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "名称", "类别", "奖项", "所属园区", "统一社会信用代码", "备注"])
        n = 0
        for category, count in awards.items():
            for i in range(count):
                n += 1
                w.writerow([n, f"{category}{i + 1:02d}号", category, f"高质量发展突出贡献{category}", "", "", ""])
    with (folder / "目标责任.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "责任单位", "单位类型", "指标", "目标值", "计量单位", "完成时限", "责任人", "备注"])
        n = 0
        for unit_type, count in units.items():
            for i in range(count):
                for indicator, value, measure in (("固定资产投资", "12.5", "亿元"), ("招商引资", "30", "亿元")):
                    n += 1
                    w.writerow([n, f"第{i + 1}{unit_type}", unit_type, indicator, value, measure,
                                "2024-12-31", "", ""])


def test_seed_draft_with_filled_lists_passes_the_loader(seed, tmp_path):
    from exporter.load import load_meeting

    out = tmp_path / "meeting.yaml"
    ingest.write_draft(seed, out)
    _fill_lists(tmp_path, seed.data["awards"]["expected"], seed.data["targets"]["expected"])
    meeting = load_meeting(out)
    assert meeting.meeting.date == dt.date(2024, 3, 11)
    assert dict(meeting.awards.counts()) == {"企业": 69, "单位": 23}
    assert dict(meeting.targets.unit_counts()) == {"园区": 6, "招商中心": 5}
    assert len(meeting.meeting.speeches[0].sections[2].items) == 6


def test_undated_draft_is_refused_by_the_loader_until_someone_adds_the_year(tmp_path):
    from exporter.errors import InputError
    from exporter.load import load_meeting

    draft = ingest.draft_from_article(ingest.read_article(NO_YEAR))
    out = tmp_path / "meeting.yaml"
    ingest.write_draft(draft, out)
    _fill_lists(tmp_path, draft.data["awards"]["expected"], draft.data["targets"]["expected"])
    with pytest.raises(InputError) as caught:
        load_meeting(out)
    assert any("3月5日" in p.message for p in caught.value.problems)
