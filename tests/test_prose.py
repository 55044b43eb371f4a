"""The briefing's sentences: facts → Chinese prose a staff writer would sign off.

Checked on the example (the seed article's meeting) and on a meeting that has
none of the optional facts, where no sentence may be left half-empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as hs

from exporter.load import load_meeting
from exporter.model import Item, Meeting, Person, Section
from exporter.schema import validate
from exporter import text
from exporter.render import prose, word_body
from exporter.text import NO_LINE_START

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def example() -> Meeting:
    return load_meeting(ROOT / "data/example/meeting.yaml")


def bare_meeting(**meeting) -> Meeting:
    """A meeting with only the required facts (plus what the test passes)."""
    info = {"title": "全市安全生产工作会议", "date": "2024-05-06", "venue": "市政府第一会议室", **meeting}
    return validate({"format": "meeting/1", "issuer": {"name": "某市人民政府办公室"},
                                   "meeting": info})


# --- the example -----------------------------------------------------------------

def test_lead_paragraph_tells_when_where_who_spoke_who_guided_who_chaired(example):
    assert prose.lead_paragraph(example) == (
        "2024年3月11日，山西转型综改示范区2024年工作会议暨高质量发展表彰大会在潇河国际会议中心召开。"
        "山西省政府副秘书长、山西转型综改示范区党工委书记、管委会主任范兆森作了题为"
        "“坚定不移走好‘归心、赶考’之路”的讲话。"
        "省委优化营商环境和开发区重点工作督导一组组长翟振新、副组长郭海斌到会指导。"
        "山西转型综改示范区党工委副书记、管委会副主任张效生主持会议。"
    )


def test_agenda_is_running_text_and_points_to_the_attachments(example):
    assert prose.agenda_paragraph(example) == (
        "会上，与会人员集体观看《我们的2023：归心 赶考 再出发》专题片；"
        "山西转型综改示范区党工委委员、管委会副主任陈曦宣读《关于2023年度高质量发展表彰决定》，"
        "对69家企业和23个单位进行表彰；5家获奖单位代表作表态发言；"
        "现场向6个园区和5个招商中心颁发2024年目标任务责任书。"
        "2023年度高质量发展受表彰企业和单位名单见附件1，2024年目标任务责任书指标一览表见附件2。"
    )


def test_agenda_does_not_repeat_the_speech_the_lead_reports(example):
    """The lead says 范兆森作了题为……的讲话; the agenda item 范兆森讲话 would say it again."""
    assert "范兆森作了题为" in prose.lead_paragraph(example)
    assert "范兆森" not in prose.agenda_paragraph(example)
    assert prose.agenda_items(example)[-1] == "现场向6个园区和5个招商中心颁发2024年目标任务责任书"


def test_person_first_named_in_the_agenda_is_introduced_with_their_position(example):
    text = prose.agenda_paragraph(example)
    assert text.count("陈曦") == 1 and "管委会副主任陈曦宣读" in text


@pytest.mark.parametrize("item", ["赵六讲话", "赵六作讲话", "赵六作重要讲话", "赵六发表讲话", "赵六同志讲话",
                                  "市长赵六讲话"])
def test_agenda_items_that_only_restate_a_reported_speech_are_left_out(item):
    m = bare_meeting(speeches=[{"speaker": {"name": "赵六", "position": "市长"}}],
                     agenda=["通报一季度安全生产形势", item])
    assert prose.agenda_sentence(m) == "会上，通报一季度安全生产形势。"
    assert prose.lead_paragraph(m).count("赵六") == 1


def test_a_guest_who_spoke_is_not_repeated_but_an_unreported_speech_is_kept():
    m = bare_meeting(guests=[{"name": "周建国", "position": "市政府副秘书长", "role": "出席并讲话"}],
                     agenda=["周建国讲话", "王五讲话"])
    assert "市政府副秘书长周建国出席并讲话。" in prose.lead_paragraph(m)
    assert prose.agenda_sentence(m) == "会上，王五讲话。"


def test_the_agendas_word_for_a_speech_goes_into_the_lead():
    """王立新作工作报告: the lead says so (not 讲话), the agenda leaves it out, the digest follows it."""
    m = bare_meeting(speeches=[{"speaker": {"name": "王立新", "position": "区党工委书记"},
                                "sections": [{"heading": "重点任务", "paragraphs": ["抓项目。"]}]}],
                     agenda=["赵红通报2024年度目标考核结果", "王立新作工作报告"])
    assert prose.speakers_sentence(m) == "区党工委书记王立新作工作报告。"
    assert prose.agenda_sentence(m) == "会上，赵红通报2024年度目标考核结果。"
    assert prose.article(m)[2].text == "现将王立新工作报告要点摘编如下。"
    themed = bare_meeting(speeches=[{"speaker": {"name": "甲"}, "theme": "真抓实干"}], agenda=["甲作总结讲话"])
    assert prose.speakers_sentence(themed) == "甲作了题为“真抓实干”的总结讲话。"


def test_agenda_whose_subject_is_the_meeting_does_not_say_hui_shang_hui_yi():
    """An agenda drafted from an article: 会议宣读…… — never 会上，会议宣读……"""
    m = bare_meeting(agenda=["会议宣读《关于表彰2024年度安全生产先进集体和先进个人的决定》",
                             "与会领导为受表彰代表颁奖", "会议听取各街道工作汇报", "会上，三名代表作交流发言"])
    assert prose.agenda_sentence(m) == (
        "会议宣读《关于表彰2024年度安全生产先进集体和先进个人的决定》；与会领导为受表彰代表颁奖；"
        "听取各街道工作汇报；三名代表作交流发言。")
    other = bare_meeting(agenda=["与会领导为受表彰代表颁奖", "会议宣读表彰决定", "会议室外展示成果"])
    assert prose.agenda_sentence(other) == "会上，与会领导为受表彰代表颁奖；宣读表彰决定；会议室外展示成果。"


def test_attendees_use_commas_between_entries_that_contain_enumeration_commas(example):
    text = prose.attendees_paragraph(example)
    assert text.startswith("委领导赵治安、崔俊林、白勇强、乔建伟、李英虎，小店区副区长郭国权，清徐县委常委、副县长董笑龙，")
    assert text.endswith("区属国有企业及各派驻单位班子成员，受表彰的企业负责人参加会议。")


def test_one_level_of_a_series_takes_one_mark():
    assert prose.join_series(["甲", "清徐县委常委、副县长乙", "丙", "丁"]) == "甲，清徐县委常委、副县长乙，丙，丁"
    assert prose.join_series(["甲", "乙", "丙"]) == "甲、乙、丙"


def test_article_orders_lead_agenda_speech_attendees_source(example):
    blocks = prose.article(example)
    kinds = [b.kind for b in blocks]
    assert kinds[:3] == ["body", "body", "body"]          # lead, agenda, speech intro
    assert blocks[2].text == "现将范兆森讲话要点摘编如下。"
    assert [b.text for b in blocks if b.kind == "section"] == [
        "一、2023年工作回顾", "二、形势判断和工作基调", "三、全年重点任务", "四、工作要求"]
    items = [b for b in blocks if b.kind == "item"]
    assert [b.lead[:3] for b in items] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert items[0].lead == "（一）不折不扣完成主要经济指标任务。"
    assert items[0].text.startswith("坚守“主战场")
    assert blocks[-2].text.endswith("参加会议。") and blocks[-1] == prose.Block("note", "（据世界晋商网报道整理）")


def test_a_decision_that_names_whom_it_honours_titles_the_list_in_its_own_words(example):
    awards = example.awards.replace(decision="关于表彰2024年度安全生产先进集体和先进个人的决定")
    assert prose.awards_attachment_title(awards) == "2024年度安全生产先进集体和先进个人名单"


def test_counts_and_titles_come_from_the_lists(example):
    assert prose.awardee_counts_phrase(example.awards) == "69家企业和23个单位"
    assert prose.unit_counts_phrase(example.targets) == "6个园区和5个招商中心"
    assert prose.attachment_titles(example) == [
        ("附件1", "2023年度高质量发展受表彰企业和单位名单"), ("附件2", "2024年目标任务责任书指标一览表")]


def test_end_block_lines(example):
    assert prose.distribution_lines(example) == [
        ("报：", "省委、省政府有关领导。"), ("送：", "省直有关部门。"), ("发：", "示范区各园区、各部门，区属国有企业。")]
    assert prose.copies_line(example) == "（共印60份）"
    assert prose.issue_line(example) == "第1期"


def test_same_meeting_same_words(example):
    assert prose.article(example) == prose.article(load_meeting(ROOT / "data/example/meeting.yaml"))


# --- a meeting without the optional facts ----------------------------------------------

def test_bare_meeting_has_one_complete_sentence_and_nothing_else():
    m = bare_meeting()
    assert prose.lead_paragraph(m) == "2024年5月6日，全市安全生产工作会议在市政府第一会议室召开。"
    assert prose.agenda_paragraph(m) == ""
    assert prose.attendees_paragraph(m) == ""
    assert prose.source_note(m) == ""
    assert prose.article(m) == [prose.Block("body", prose.lead_paragraph(m))]
    assert prose.distribution_lines(m) == [] and prose.copies_line(m) == ""
    assert prose.attachment_titles(m) == []


@pytest.mark.parametrize("facts, sentence, sentences", [
    ({"host": {"name": "王五"}}, "王五主持会议。", 2),
    ({"guests": [{"name": "李四", "position": "市委副书记"}]}, "市委副书记李四出席会议。", 2),
    ({"speeches": [{"speaker": {"name": "赵六"}}]}, "赵六讲话。", 2),
    ({"time": "15:00"}, "2024年5月6日下午，", 1),
])
def test_each_optional_fact_adds_its_own_sentence_only(facts, sentence, sentences):
    text = prose.lead_paragraph(bare_meeting(**facts))
    assert sentence in text
    assert text.count("。") == sentences and "。。" not in text and "，。" not in text


def test_several_speakers_spoke_in_turn():
    m = bare_meeting(speeches=[{"speaker": {"name": "甲", "position": "市长"}},
                               {"speaker": {"name": "乙", "position": "副市长"}}])
    assert prose.speakers_sentence(m) == "市长甲、副市长乙先后讲话。"


def test_shared_organisation_is_said_once_but_never_cuts_a_post():
    first = Person(name="翟振新", position="省委督导一组组长")
    second = Person(name="郭海斌", position="省委督导一组副组长")
    assert prose.people_phrase([first, second]) == "省委督导一组组长翟振新、副组长郭海斌"
    mayor = [Person(name="甲", position="县委书记"), Person(name="乙", position="县长")]
    assert prose.people_phrase(mayor) == "县委书记甲、县长乙"


def test_item_without_lead_and_lead_with_own_stop():
    assert prose.item_parts(2, Item(text="抓落实。")) == ("（二）", "抓落实。")
    assert prose.item_parts(1, Item(heading="要快！", text="马上办。"))[0] == "（一）要快！"
    assert prose.section_heading(11, Section(heading="其他。")) == "十一、其他"


def test_chinese_numerals():
    assert [prose.chinese_numeral(n) for n in (1, 10, 11, 20, 21, 99, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十"]


# --- headline shape -----------------------------------------------------------------------

def test_example_headline_breaks_before_ji_into_two_balanced_lines(example):
    assert prose.balanced_lines(example.headline, 20) == [
        "山西转型综改示范区2024年工作会议", "暨高质量发展表彰大会召开"]


def test_short_headline_stays_on_one_line_and_given_breaks_are_kept():
    assert prose.balanced_lines("全市安全生产工作会议召开", 20) == ["全市安全生产工作会议召开"]
    assert prose.balanced_lines("第一行\n第二行文字", 20) == ["第一行", "第二行文字"]


def test_the_line_breaker_is_the_shared_text_rule():
    assert prose.balanced_lines is text.balanced_lines and prose.text_em is text.text_em


# Headline width of the briefing (20 em) and a narrow measure: whole words, an even shape.
TITLES = {
    "滨江高新区2025年工作会议暨项目建设推进会召开": ["滨江高新区2025年工作会议", "暨项目建设推进会召开"],
    "太原市小店区2024年优化营商环境工作推进会召开": ["太原市小店区2024年", "优化营商环境工作推进会召开"],
    "××经济技术开发区2024年度安全生产工作会议召开": ["××经济技术开发区2024年度", "安全生产工作会议召开"],
    "临港经济开发区安全生产工作会议暨第一季度安全形势分析会召开": [
        "临港经济开发区安全生产工作会议", "暨第一季度安全形势分析会召开"],
    "临港经济开发区安全生产工作会议暨先进表彰大会": ["临港经济开发区安全生产工作会议", "暨先进表彰大会"],
}
WHOLE = ("年度", "安全生产", "推进会", "工作会议", "营商环境", "开发区", "第一季度", "2024年", "2025年",
         "分析会", "表彰大会", "高新区")


def _assert_well_broken(title: str, lines: list[str], max_em: float) -> None:
    assert "".join(lines) == title
    assert all(3 <= prose.text_em(line) <= max_em for line in lines), lines     # never 1–2 stray characters
    cuts = {len("".join(lines[:k])) for k in range(1, len(lines))}
    for word in WHOLE:
        at = title.find(word)
        if at >= 0:
            assert not any(at < cut < at + len(word) for cut in cuts), (word, lines)
    assert all(not line.endswith("暨") for line in lines)


@pytest.mark.parametrize("title", list(TITLES))
def test_titles_break_at_word_boundaries_at_the_headline_width(title):
    lines = prose.balanced_lines(title, word_body.HEADLINE_MAX_EM)
    assert lines == TITLES[title]
    _assert_well_broken(title, lines, word_body.HEADLINE_MAX_EM)


@pytest.mark.parametrize("title", [t.removesuffix("召开") for t in TITLES] + list(TITLES))
def test_titles_break_at_word_boundaries_at_ten_ems(title):
    lines = prose.balanced_lines(title, 10)
    _assert_well_broken(title, lines, 10)
    widths = [prose.text_em(line) for line in lines]
    assert max(widths) - min(widths) <= 5, lines
    if "暨" in title:
        assert any(line.startswith("暨") for line in lines), lines


def test_ten_em_lines_of_the_review_titles():
    assert prose.balanced_lines("临港经济开发区安全生产工作会议暨第一季度安全形势分析会", 10) == [
        "临港经济开发区", "安全生产工作会议", "暨第一季度", "安全形势分析会"]
    assert prose.balanced_lines("滨江高新区2025年工作会议暨项目建设推进会", 10) == [
        "滨江高新区", "2025年工作会议", "暨项目建设推进会"]
    assert prose.balanced_lines("××经济技术开发区2024年度安全生产工作会议召开", 10) == [
        "××经济技术开发区", "2024年度安全生产", "工作会议召开"]


WORDS = ["会议", "工作", "发展", "建设", "推进", "改革", "创新", "企业", "项目", "经济", "管理", "服务",
         "安全", "全面深化", "扎实开展", "召开", "举行", "暨", "和", "与", "省", "市", "县", "区", "2024年",
         "“归心、赶考”", "，", "、"]


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.sampled_from(WORDS), min_size=8, max_size=30).map("".join))
def test_any_headline_is_balanced_without_stray_last_characters(text):
    """Headlines are made of words: built from words, they must break into a balanced shape.

    (Arbitrary character soup such as “”“”“”、“” has too few break points to
    balance, and is not a headline anyone writes.)
    """
    assume(prose.text_em(text) > 20)
    lines = prose.balanced_lines(text, 20)
    assert "".join(lines) == text
    if len(lines) > 1:
        assert all(prose.text_em(line) <= 20 for line in lines)
        assert prose.text_em(lines[-1]) >= 3
        assert not any(line[0] in NO_LINE_START for line in lines[1:])
        widths = [prose.text_em(line) for line in lines]
        assert max(widths) - min(widths) <= 12
