"""The Word briefing, read back as staff and their printers would meet it.

Structure is read with python-docx and lxml (page set-up, styles, fonts,
tables, footers, properties); the look is checked on one LibreOffice
rendering of the example with the bundled faces standing in for the official
ones (pages, page-number positions, lines per page, fonts, end block).
Page 1 is left as a PNG in tests/artefacts/word/ for a person to look at.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from exporter import layout
from exporter.fonts import resolve_fonts
from exporter.load import load_meeting
from exporter.model import Awards, Meeting
from exporter.schema import validate
from records import awardee
from exporter.render import excel, prose, word, word_body
from exporter.text import NO_LINE_END, NO_LINE_START

from lo import convert

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "tests" / "artefacts" / "word"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
WP = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", **NS}
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def render_bytes(meeting: Meeting, fonts) -> bytes:
    buffer = io.BytesIO()
    word.render(meeting, fonts, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def fonts():
    return resolve_fonts()


@pytest.fixture(scope="module")
def meeting() -> Meeting:
    return load_meeting(ROOT / "data/example/meeting.yaml")


@pytest.fixture(scope="module")
def docx_path(meeting, fonts) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / "briefing.docx"
    path.write_bytes(render_bytes(meeting, fonts))
    return path


@pytest.fixture(scope="module")
def doc(docx_path):
    return Document(str(docx_path))


@pytest.fixture(scope="module")
def part_xml(docx_path):
    """Parsed package parts by name."""
    with zipfile.ZipFile(docx_path) as z:
        return {name: etree.fromstring(z.read(name)) for name in z.namelist() if name.endswith(".xml")}


def resolved(doc, style_id: str, getter):
    """Walk w:basedOn until *getter* finds a value on a style's element."""
    styles = doc.styles.element
    while style_id:
        el = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        value = getter(el)
        if value is not None:
            return value
        based = el.find("w:basedOn", NS)
        style_id = based.get(qn("w:val")) if based is not None else None
    return None


def east_asia_face(doc, style_id: str) -> str | None:
    def get(el):
        fonts = el.find("w:rPr/w:rFonts", NS)
        return None if fonts is None else fonts.get(qn("w:eastAsia"))
    return resolved(doc, style_id, get)


# --- page ------------------------------------------------------------------------------

def test_page_is_a4_with_9704_margins_and_22_by_28_grid(doc):
    sect = doc.sections[0]
    t = layout.DOCX_PAGE_TWIPS
    assert (sect.page_width.twips, sect.page_height.twips) == (t["w"], t["h"]) == (11906, 16838)
    assert (sect.top_margin.twips, sect.bottom_margin.twips, sect.left_margin.twips,
            sect.right_margin.twips) == (2098, 1984, 1588, 1474)
    grid = sect._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579" and grid.get(qn("w:charSpace")) == "-848"


def test_body_lines_have_the_grid_pitch_and_2_char_indent(doc):
    normal = doc.styles["Normal"].element
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert spacing.get(qn("w:line")) == "579" and spacing.get(qn("w:lineRule")) == "exact"
    ind = normal.find("w:pPr/w:ind", NS)
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert normal.find("w:pPr/w:widowControl", NS).get(qn("w:val")) == "0"


# --- styles and fonts ------------------------------------------------------------------------

def test_each_kind_of_paragraph_has_its_named_style(doc, meeting):
    paras = doc.paragraphs
    styles = [p.style.name for p in paras]
    assert styles[:4] == ["密级", "报头名称", "期号", "编印单位和日期"]
    assert paras[0].text == "内部资料\t样例" and paras[1].text == "工作简报"
    assert paras[2].text == "第1期"
    assert paras[3].text == "山西转型综合改革示范区管理委员会\t2024年3月11日"
    assert styles[4:8] == ["Normal", "Normal", "Title", "Normal"]
    assert paras[4].text == paras[5].text == paras[7].text == ""      # 2 lines above the headline, 1 below
    assert paras[6].text == "山西转型综改示范区2024年工作会议\n暨高质量发展表彰大会召开"
    assert paras[8].style.name == "Normal" and paras[8].text == prose.lead_paragraph(meeting)
    assert paras[9].text == prose.agenda_paragraph(meeting) and "范兆森讲话" not in paras[9].text
    level1 = [p.text for p in paras if p.style.name == "一级标题"]
    assert level1 == ["一、2023年工作回顾", "二、形势判断和工作基调", "三、全年重点任务", "四、工作要求"]
    items = [p for p in paras if p.style.name == "二级标题"]
    assert len(items) == 6
    lead, text = items[0].runs
    assert lead.text == "（一）不折不扣完成主要经济指标任务。" and lead.style.name == "Default Paragraph Font"
    assert text.style.name == "正文字符" and text.text.startswith("坚守")
    assert [p.text for p in paras if p.style.name == "附件标记"] == ["附件1", "附件2"]
    assert [p.text for p in paras if p.style.name == "附件标题"] == [
        "2023年度高质量发展受表彰企业和单位名单", "2024年目标任务责任书指标一览表"]
    assert [p.text for p in paras if p.style.name == "附注"] == ["（据世界晋商网报道整理）"]


@pytest.mark.parametrize("style_id, face", [
    ("Normal", "仿宋_GB2312"), ("Title", "方正小标宋简体"), ("Level1", "黑体"), ("Level2", "楷体_GB2312"),
    ("BodyChar", "仿宋_GB2312"), ("MastheadName", "方正小标宋简体"), ("Classification", "黑体"),
    ("AttachmentLabel", "黑体"), ("AttachmentTitle", "方正小标宋简体"), ("TableHeader", "黑体"),
    ("EndBlock", "仿宋_GB2312"), ("PageNumberOdd", "宋体"), ("PageNumberEven", "宋体"),
])
def test_styles_name_the_official_east_asian_face(doc, style_id, face):
    assert east_asia_face(doc, style_id) == face


def _used_style_ids(part_xml) -> set[str]:
    used = set()
    for name, root in part_xml.items():
        if name.startswith("word/document") or name.startswith("word/footer"):
            for tag in ("pStyle", "rStyle", "tblStyle"):
                used |= {el.get(qn("w:val")) for el in root.iter(f"{W}{tag}")}
    return used


def test_every_style_used_sets_east_asia_font_zh_cn_and_no_theme_fonts(part_xml):
    styles = part_xml["word/styles.xml"]
    used = _used_style_ids(part_xml) - {"AttachmentTable"}
    assert {"Normal", "Title", "Level1", "Level2", "BodyChar", "MastheadName", "EndBlock"} <= used
    for sid in used:
        style = styles.find(f"w:style[@w:styleId='{sid}']", NS)
        assert style is not None, sid
        fonts = style.find("w:rPr/w:rFonts", NS)
        assert fonts.get(qn("w:eastAsia")), sid
        if sid not in ("PageNumber", "PageNumberOdd", "PageNumberEven"):
            assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman", sid
        assert style.find("w:rPr/w:lang", NS).get(qn("w:eastAsia")) == "zh-CN", sid
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert defaults.find("w:lang", NS).get(qn("w:eastAsia")) == "zh-CN"
    for name in ("word/styles.xml", "word/document.xml"):
        for el in part_xml[name].iter(f"{W}rFonts"):
            assert not any(el.get(f"{W}{a}") for a in THEME_ATTRS), name
    assert "word/stylesWithEffects.xml" not in part_xml


def test_masthead_name_and_rule_are_red(doc):
    name = doc.styles["报头名称"].element
    assert name.find("w:rPr/w:color", NS).get(qn("w:val")) == layout.RED_RGB
    assert name.find("w:rPr/w:sz", NS).get(qn("w:val")) == str(layout.MASTHEAD_PT * 2)
    rule = doc.styles["编印单位和日期"].element.find("w:pPr/w:pBdr/w:bottom", NS)
    assert rule.get(qn("w:color")) == layout.RED_RGB and int(rule.get(qn("w:sz"))) >= 12
    sample = doc.styles["样例标记"].element
    assert sample.find("w:rPr/w:color", NS).get(qn("w:val")) == layout.RED_RGB


def test_font_table_names_substitutes_with_gb2312_charset(part_xml):
    fonts = {f.get(qn("w:name")): f for f in part_xml["word/fontTable.xml"].findall("w:font", NS)}
    for role, official in layout.OFFICIAL_FACES.items():
        font = fonts[official.name]
        assert font.find("w:altName", NS).get(qn("w:val")) == official.alt_name
        assert font.find("w:charset", NS).get(qn("w:val")) == "86"
    assert fonts["仿宋_GB2312"].find("w:altName", NS).get(qn("w:val")) == "FangSong"
    assert "Times New Roman" in fonts


def test_settings_carry_chinese_line_breaking_and_odd_even_footers(part_xml):
    settings = part_xml["word/settings.xml"]
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    before = settings.find("w:noLineBreaksBefore", NS)
    after = settings.find("w:noLineBreaksAfter", NS)
    assert before.get(qn("w:lang")) == after.get(qn("w:lang")) == "zh-CN"
    assert before.get(qn("w:val")) == NO_LINE_START and after.get(qn("w:val")) == NO_LINE_END
    assert "，" in before.get(qn("w:val")) and "（" in after.get(qn("w:val"))


def test_page_numbers_are_page_fields_right_on_odd_left_on_even(doc):
    sect = doc.sections[0]
    for footer, style, jc in ((sect.footer, "页码（奇数页）", "right"), (sect.even_page_footer, "页码（偶数页）", "left")):
        assert not footer.is_linked_to_previous
        (para,) = footer.paragraphs
        assert para.style.name == style and para.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in para._p.iter(qn("w:instrText")))
        assert resolved(doc, para.style.style_id,
                        lambda el: (el.find("w:pPr/w:jc", NS).get(qn("w:val"))
                                    if el.find("w:pPr/w:jc", NS) is not None else None)) == jc
    assert doc.styles["页码"].element.find("w:rPr/w:sz", NS).get(qn("w:val")) == "28"


# --- attachments and end block ---------------------------------------------------------------

def _table_texts(table) -> list[list[str]]:
    return [["".join(t.text for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))]
            for tr in table._tbl.findall(qn("w:tr"))]


def test_awardee_table_lists_every_awardee_grouped_by_category(doc, meeting):
    table = doc.tables[0]
    rows = _table_texts(table)
    assert rows[0] == ["序号", "名称", "奖项", "所属园区"]
    groups = [r[0] for r in rows if len(r) == 1]
    assert groups == ["企业（69家）", "单位（23个）"]
    data = [r for r in rows[1:] if len(r) == 4]
    assert len(data) == len(meeting.awards.rows) == 92
    assert data[0] == ["1", "山西喆源新能源科技有限公司", "高质量发展突出贡献企业", "东湖园区"]
    assert data[2][1] == "山西𬭚锐精密制造有限公司"
    assert data[-1][1] == meeting.awards.rows[-1].name


def test_target_table_lists_every_indicator_grouped_by_unit(doc, meeting):
    rows = _table_texts(doc.tables[1])
    assert rows[0][:3] == ["序号", "指标", "目标值"]
    groups = [r[0] for r in rows if len(r) == 1]
    assert len(groups) == 11 and groups[0] == "东湖园区　责任人：主要负责人"     # not 东湖园区…东湖园区…
    data = [r for r in rows[1:] if len(r) > 1]
    assert len(data) == 44
    assert data[0][1:] == ["高新技术企业净增", "25家", "2024年12月31日"]


def _awards_numbers(d) -> dict[str, str]:
    """名称 → 序号 as the briefing's first table prints them."""
    return {r[1]: r[0] for r in _table_texts(d.tables[0])[1:] if len(r) > 2}


def _workbook_numbers(meeting: Meeting, sheet: str, name_column: int) -> dict[str, object]:
    buffer = io.BytesIO()
    excel.render(meeting, None, buffer)
    ws = openpyxl.load_workbook(buffer)[sheet]
    return {row[name_column]: row[0] for row in ws.iter_rows(min_row=2, values_only=True)}


def test_rows_keep_their_list_number_when_grouped_by_category(fonts):
    """序号 is the row's place in the list, as in the workbook — not its place among the groups."""
    rows = [awardee(name=name, category=cat, award="先进") for name, cat in
            (("甲公司", "企业"), ("乙局", "单位"), ("丙公司", "企业"), ("丁局", "单位"))]
    m = validate({"format": "meeting/1", "issuer": {"name": "某市人民政府办公室"},
                                "meeting": {"title": "全市表彰大会", "date": "2024-05-06", "venue": "市会堂"}})
    m = m.replace(awards=Awards(decision="关于表彰先进的决定", rows=rows))
    d = Document(io.BytesIO(render_bytes(m, fonts)))
    assert _awards_numbers(d) == {"甲公司": "1", "丙公司": "3", "乙局": "2", "丁局": "4"}
    assert {k: str(v) for k, v in _workbook_numbers(m, "表彰名单", 1).items()} == _awards_numbers(d)


def test_the_inputs_own_numbers_are_printed_in_briefing_and_workbook(fonts, tmp_path):
    """序号 101, 7, 205 … given in the list: the briefing and the workbook print exactly those."""
    source = ROOT / "data/example"
    (tmp_path / "目标责任.xlsx").write_bytes((source / "目标责任.xlsx").read_bytes())
    csv = (source / "表彰名单.csv").read_text(encoding="utf-8-sig").splitlines()
    header, body = csv[0], csv[1:]
    given = [101 + 7 * i if i % 5 else 1000 - i for i in range(len(body))]       # not in list order
    rows = [f"{no},{line.split(',', 1)[1]}" for no, line in zip(given, body)]
    (tmp_path / "表彰名单.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    (tmp_path / "meeting.yaml").write_text((source / "meeting.yaml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    m = load_meeting(tmp_path / "meeting.yaml")
    assert [a.no for a in m.awards.rows] == given
    printed = _awards_numbers(Document(io.BytesIO(render_bytes(m, fonts))))
    assert printed == {a.name: str(no) for a, no in zip(m.awards.rows, given)}
    assert _workbook_numbers(m, "表彰名单", 1) == {a.name: no for a, no in zip(m.awards.rows, given)}
    targets = m.targets.replace(rows=[t._replace(no=500 - i) for i, t in enumerate(m.targets.rows)])
    d = Document(io.BytesIO(render_bytes(m.replace(targets=targets), fonts)))
    numbers = [r[0] for r in _table_texts(d.tables[1])[1:] if len(r) > 1]
    assert numbers == [str(t.no) for rows in targets.units().values() for t in rows]


def test_tables_repeat_their_header_and_never_split_a_row(doc):
    for table in doc.tables[:2]:
        trs = table._tbl.findall(qn("w:tr"))
        assert trs[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(tr.find("w:trPr/w:tblHeader", NS) is None for tr in trs[1:])
        assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in trs)
        assert table._tbl.find("w:tblPr/w:tblLayout", NS).get(qn("w:type")) == "fixed"
        widths = [int(g.get(qn("w:w"))) for g in table._tbl.findall("w:tblGrid/w:gridCol", NS)]
        assert sum(widths) == 8844 and min(widths) >= 600


def test_end_block_is_a_text_box_on_the_bottom_margin_over_a_paragraph_of_its_height(doc):
    anchor_para = doc.paragraphs[-1]._p
    anchor = anchor_para.find(".//wp:anchor", WP)
    v = anchor.find("wp:positionV", WP)
    assert v.get("relativeFrom") == "margin"
    assert anchor.find("wp:wrapNone", WP) is not None
    height_twips = int(anchor.find("wp:extent", WP).get("cy")) // 635
    assert anchor_para.find("w:pPr/w:spacing", NS).get(qn("w:line")) == str(height_twips)
    top_twips = int(v.find("wp:posOffset", WP).text) // 635
    assert top_twips + height_twips == 12756 + 20      # type area height + the 1 pt closing paragraph
    (table,) = anchor_para.iter(qn("w:tbl"))
    rows = [["".join(t.text for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))]
            for tr in table.findall(qn("w:tr"))]
    assert [r[0] for r in rows] == [
        "报：省委、省政府有关领导。", "送：省直有关部门。", "发：示范区各园区、各部门，区属国有企业。", "（共印60份）"]
    styles = [ps.get(qn("w:val")) for ps in table.iter(qn("w:pStyle"))]
    assert styles == ["EndBlock", "EndBlock", "EndBlock", "EndBlockCopies"]
    assert height_twips >= 4 * 520
    assert doc.styles["报尾"].element.find("w:rPr/w:sz", NS).get(qn("w:val")) == "28"
    assert table.find("w:tblPr/w:tblW", NS).get(qn("w:w")) == "8844"


def test_document_properties_come_from_the_meeting(doc, meeting):
    props = doc.core_properties
    assert props.title == meeting.headline
    assert props.author == "山西转型综合改革示范区管理委员会"
    assert props.created == props.modified == datetime(2024, 3, 11, tzinfo=timezone.utc)
    assert "样例" in props.keywords and props.comments == ""


# --- determinism, other meetings, speed ---------------------------------------------------------

def test_same_input_gives_the_same_bytes(meeting, fonts, docx_path):
    again = render_bytes(load_meeting(ROOT / "data/example/meeting.yaml"), fonts)
    assert again == docx_path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 3, 11, 0, 0, 0)}


def test_meeting_without_optional_facts_is_a_short_clean_briefing(fonts):
    m = validate({"format": "meeting/1", "issuer": {"name": "某市人民政府办公室"},
                                "meeting": {"title": "全市安全生产工作会议", "date": "2024-05-06",
                                            "venue": "市政府第一会议室"}})
    d = Document(io.BytesIO(render_bytes(m, fonts)))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts == ["工作简报", "第1期", "某市人民政府办公室\t2024年5月6日", "全市安全生产工作会议召开",
                     "2024年5月6日，全市安全生产工作会议在市政府第一会议室召开。"]
    assert d.tables == [] and "样例" not in d.paragraphs[0].text


def test_long_briefing_name_shrinks_to_one_line(fonts, meeting):
    m = meeting.replace(briefing=meeting.briefing.replace(
        name="山西转型综合改革示范区管理委员会工作简报"))
    xml = word_body.masthead(m)[1]
    assert '<w:sz w:val="' in xml          # 18 characters of 小初 would not fit 156 mm


def test_ten_thousand_awardees_build_in_about_a_second(meeting, fonts):
    rows = [awardee(no=i + 1, name=f"山西第{i + 1}号示范企业有限公司", category="企业" if i % 3 else "单位",
                    award="高质量发展突出贡献企业", park=f"园区{i % 7}") for i in range(10_000)]
    awards = Awards(decision=meeting.awards.decision, rows=rows)
    start = time.perf_counter()
    xml = word_body.awards_table(awards)
    table_s = time.perf_counter() - start
    assert xml.count("<w:tr>") == 10_000 + 3 and table_s < 2.0     # + header, 2 groups
    big = meeting.replace(awards=awards)
    start = time.perf_counter()
    data = render_bytes(big, fonts)
    total_s = time.perf_counter() - start
    print(f"\n10,000 awardees: table XML {table_s:.2f} s, whole briefing {total_s:.2f} s")
    assert total_s < 6.0
    assert Document(io.BytesIO(data)).tables[0]._tbl.xpath("count(w:tr)") == 10_000 + 3


# --- as LibreOffice renders it -------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf_path(docx_path, fonts) -> Path:
    return convert(docx_path, "pdf", ARTEFACTS, fonts=fonts)


@pytest.fixture(scope="module")
def pdf(pdf_path):
    with pdfplumber.open(pdf_path) as document:
        yield document


AREA_LEFT = layout.mm_to_pt(layout.PAGE.left)
AREA_RIGHT = AREA_LEFT + layout.mm_to_pt(layout.PAGE.area_width)
AREA_TOP = layout.mm_to_pt(layout.PAGE.top)
AREA_BOTTOM = AREA_TOP + layout.mm_to_pt(layout.PAGE.area_height)
ONE_CHAR_4HAO = layout.PAGE_NUMBER_PT


def lines_of(page, top=AREA_TOP - 2, bottom=AREA_BOTTOM + 2):
    """Text lines (chars grouped by baseline) inside the type area, top to bottom."""
    rows: dict[int, list] = {}
    for c in page.chars:
        if top <= c["top"] and c["bottom"] <= bottom + 6 and c["text"].strip():
            rows.setdefault(round(c["bottom"]), []).append(c)
    return [sorted(rows[k], key=lambda c: c["x0"]) for k in sorted(rows)]


def test_pdf_has_the_expected_pages_with_attachments_on_new_pages(pdf):
    texts = [p.extract_text() or "" for p in pdf.pages]
    assert len(pdf.pages) == 11
    starts = [i for i, t in enumerate(texts) if t.lstrip().startswith(("附件1", "附件 1", "附件2", "附件 2"))]
    assert starts == [4, 8]                       # pages 5 and 9
    assert "工作简报" in texts[0].replace(" ", "") and "样例" in texts[0]


def test_page_numbers_sit_outside_right_on_odd_left_on_even(pdf):
    for index in (0, 1, len(pdf.pages) - 1):
        page = pdf.pages[index]
        words = [w for w in page.extract_words() if w["top"] > AREA_BOTTOM]
        text = " ".join(w["text"] for w in words)
        assert text.replace(" ", "") == f"—{index + 1}—", text
        top = min(w["top"] for w in words)
        assert AREA_BOTTOM < top < AREA_BOTTOM + layout.mm_to_pt(12)
        if (index + 1) % 2:
            assert abs(max(w["x1"] for w in words) - (AREA_RIGHT - ONE_CHAR_4HAO)) < 3
        else:
            assert abs(min(w["x0"] for w in words) - (AREA_LEFT + ONE_CHAR_4HAO)) < 3


def test_full_body_page_holds_22_lines_of_28_characters(pdf):
    for index in (1, 2):
        lines = lines_of(pdf.pages[index])
        assert len(lines) == 22, index
        pitch = (lines[-1][0]["bottom"] - lines[0][0]["bottom"]) / 21
        assert abs(pitch - layout.LINE_PITCH_PT) < 0.1
        full = [ln for ln in lines if ln[0]["x0"] < AREA_LEFT + 2 and all(ord(c["text"]) > 0x2E80 for c in ln)]
        assert full and max(len(ln) for ln in full) == 28


def test_one_blank_line_between_headline_and_body(pdf):
    """layout.md §3: the body starts one blank grid line below the headline, not on the next line."""
    lines = lines_of(pdf.pages[0])
    texts = ["".join(c["text"] for c in line) for line in lines]
    title = next(i for i, t in enumerate(texts) if t.startswith("暨高质量发展表彰大会召开"))
    assert texts[title + 1].startswith("2024年3月11日")
    title_top = min(c["top"] for c in lines[title])
    title_bottom = max(c["bottom"] for c in lines[title])
    body_top = min(c["top"] for c in lines[title + 1])
    line_box = (title_top + title_bottom) / 2 + layout.LINE_PITCH_PT / 2       # the headline line's foot
    assert body_top - line_box > 0.9 * layout.LINE_PITCH_PT, (title_bottom, body_top)


def test_no_article_line_starts_with_closing_or_ends_with_opening_punctuation(pdf):
    for page in pdf.pages[:4]:
        for line in lines_of(page):
            text = "".join(c["text"] for c in line)
            assert text[0] not in NO_LINE_START and text[-1] not in NO_LINE_END, text


def test_bundled_faces_draw_body_headings_and_leads(pdf, pdf_path):
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    for face in ("FandolFang", "NotoSerifSC-ExtraBold", "NotoSansSC", "LXGWWenKai", "NotoSerifSC-Regular"):
        assert face in out, out
    assert "DejaVu" not in out and "Droid" not in out, out

    def font_of(page, text):
        chars = "".join(c["text"] for c in page.chars)
        at = chars.index(text)
        return page.chars[at]["fontname"].split("+")[-1]

    assert font_of(pdf.pages[0], "工作简报"[0]).startswith("NotoSerifSC-ExtraBold")
    assert font_of(pdf.pages[0], "潇河国际会议中心").startswith("FandolFang")
    assert font_of(pdf.pages[2], "三、全年重点任务").startswith("NotoSansSC")
    assert font_of(pdf.pages[2], "（一）不折不扣").startswith("LXGWWenKai")
    assert font_of(pdf.pages[2], "坚守").startswith("FandolFang")
    red = [c for c in pdf.pages[0].chars if c["text"] in "工作简报"][0]
    assert tuple(round(v, 2) for v in red["non_stroking_color"]) in ((1.0, 0.0, 0.0), (0.0, 1.0, 1.0, 0.0))


def test_end_block_sits_on_the_bottom_of_the_type_area_of_the_last_page(pdf):
    last = pdf.pages[-1]
    text = last.extract_text().replace(" ", "")
    assert "报：省委、省政府有关领导。" in text and "（共印60份）" in text
    rules = [ln for ln in last.lines if abs(ln["top"] - ln["bottom"]) < 0.5 and ln["x1"] - ln["x0"] > 400]
    bottom_rule = max(rules, key=lambda ln: ln["top"])
    assert abs(bottom_rule["top"] - AREA_BOTTOM) < 1
    assert abs(bottom_rule["x0"] - AREA_LEFT) < 2 and abs(bottom_rule["x1"] - AREA_RIGHT) < 2
    copies = next(w for w in last.extract_words() if "共印" in w["text"])
    assert AREA_BOTTOM - 40 < copies["bottom"] < AREA_BOTTOM
    assert not any("报：" in (p.extract_text() or "") for p in pdf.pages[:-1])


def test_page_one_is_left_as_a_png_to_look_at(pdf_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    prefix = ARTEFACTS / "briefing-page"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
                    str(prefix)], check=True)
    png = prefix.with_suffix(".png")
    assert png.stat().st_size > 20_000


def test_end_block_that_no_longer_fits_moves_whole_to_a_new_page(meeting, fonts, tmp_path):
    """36 indicators fill page 10 too far for the block: it goes to page 11, alone, with no
    table row pushed after it and nothing under it."""
    crowded = meeting.replace(targets=meeting.targets.replace(
        rows=meeting.targets.rows[:36]))
    path = tmp_path / "crowded.docx"
    path.write_bytes(render_bytes(crowded, fonts))
    with pdfplumber.open(convert(path, "pdf", tmp_path, fonts=fonts)) as pdf:
        texts = [(p.extract_text() or "").replace(" ", "") for p in pdf.pages]
        assert len(pdf.pages) == 11
        assert crowded.targets.rows[-1].indicator in texts[9] and "报：" not in texts[9]
        body = [ln for ln in lines_of(pdf.pages[10]) if not ln[0]["text"] in "报送发（"]
        assert body == [] and "（共印60份）" in texts[10]
