"""The PDF summary, read back as a reader would: poppler, pdfplumber, pypdf.

One rendering of the example meeting per module (shared fixture); pages 1
and 2 are also written as PNG to tests/artefacts/ for a person to look at.
What is checked is what a user notices: fonts embedded so the file looks
the same everywhere, the data's text (rare and supplementary-plane
characters included) coming back from text extraction, the 9704 page
geometry, page numbers on the outer side, document info and bookmarks,
byte-identical rebuilds, and a 10,000-row list rendered quickly with its
header on every page.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from reportlab import rl_config

from exporter.fonts import resolve_fonts
from exporter.layout import PAGE, PAGE_NUMBER_PT, TITLE_PT, FontRole, mm_to_pt
from exporter.load import load_meeting
from exporter.model import Meeting
from records import awardee, target
from exporter.render import prose
from exporter.render.pdf import document_id, render
from exporter.render.pdf_fonts import to_unicode_cmap
from exporter.text import format_date

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "tests" / "artefacts"
NON_BMP_NAME = "山西𬭚锐精密制造有限公司"       # 𬭚 U+2CB5A
FALLBACK_NAME = "山西喆源新能源科技有限公司"     # 喆: not in FandolFang (the body face)

LEFT = mm_to_pt(PAGE.left)
RIGHT = mm_to_pt(PAGE.left + PAGE.area_width)
TOP_FROM_TOP = mm_to_pt(PAGE.top)
BOTTOM_FROM_TOP = mm_to_pt(PAGE.top + PAGE.area_height)
TOL = 0.5   # pt


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (apt-get install poppler-utils)")
    return path


def render_bytes(meeting: Meeting) -> bytes:
    out = io.BytesIO()
    render(meeting, resolve_fonts(), out)
    return out.getvalue()


@pytest.fixture(scope="module")
def meeting() -> Meeting:
    return load_meeting(ROOT / "data/example/meeting.yaml")


@pytest.fixture(scope="module")
def pdf_path(meeting, tmp_path_factory) -> Path:
    """The example's summary, on disk for the poppler tools, pages 1–2 as PNG for people."""
    path = tmp_path_factory.mktemp("pdf") / "summary.pdf"
    path.write_bytes(render_bytes(meeting))
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, ARTEFACTS / "summary.pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "2", "-png", str(path),
                        str(ARTEFACTS / "summary-page")], check=True)
    return path


@pytest.fixture(scope="module")
def plumber(pdf_path):
    with pdfplumber.open(pdf_path) as doc:
        yield doc


@pytest.fixture(scope="module")
def text(pdf_path) -> str:
    return subprocess.run([tool("pdftotext"), "-enc", "UTF-8", str(pdf_path), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")


def flat(text: str) -> str:
    """Extracted text without line breaks and page breaks, to find phrases that wrap."""
    return re.sub(r"\s+", "", text)


def lines_of(page, size: float) -> list[list[dict]]:
    """Characters of *size* points grouped by baseline, top to bottom, each line left to right."""
    rows: dict[float, list[dict]] = {}
    for ch in page.chars:
        if abs(ch["size"] - size) < 0.05:
            rows.setdefault(round(ch["matrix"][5], 1), []).append(ch)
    return [sorted(rows[b], key=lambda c: c["x0"]) for b in sorted(rows, reverse=True)]


def page_number_chars(page) -> list[dict]:
    return [c for c in page.chars if c["top"] > BOTTOM_FROM_TOP and abs(c["size"] - PAGE_NUMBER_PT) < 0.05]


# --- fonts ---------------------------------------------------------------------------

def test_every_font_is_embedded_subset_with_unicode_map_and_none_is_standard(pdf_path):
    out = subprocess.run([tool("pdffonts"), str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows, out
    for row in rows:
        emb, sub, uni = row[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert "TrueType" in row, row
    names = {row[0].split("+", 1)[1] for row in rows}
    assert "Helvetica" not in out and "Type 1" not in out
    # the five faces of the example's roles: title, body, heading, lead, song (page numbers, fallback)
    assert names == {"NotoSerifSC-ExtraBold", "FandolFang-Regular", "NotoSansSC-Medium",
                     "LXGWWenKai-Regular", "NotoSerifSC-Regular"}


def test_faces_are_registered_once_per_process_and_only_those_used_are_embedded(meeting):
    """A configuration that points 楷体 at the body file: WenKai is neither registered nor embedded,
    and the shared file is embedded under one name, not twice."""
    from reportlab.pdfbase import pdfmetrics

    fonts = resolve_fonts()
    body_file = fonts.face(FontRole.BODY).path
    shared = resolve_fonts({"lead": str(body_file)})
    out = io.BytesIO()
    render(meeting, shared, out)
    names = [f["/BaseFont"].split("+", 1)[1] for f in _fonts(out.getvalue())]
    assert "LXGWWenKai-Regular" not in names
    assert len({n for n in names if n == "FandolFang-Regular"}) == 1
    registered = pdfmetrics.getFont("ExporterBody")
    render_bytes(meeting)
    render_bytes(meeting)
    assert pdfmetrics.getFont("ExporterBody") is registered     # not parsed again


def _fonts(data: bytes) -> list:
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            obj = ref.get_object()
            fonts[obj["/BaseFont"]] = obj
    return list(fonts.values())


# --- text comes back --------------------------------------------------------------------

def test_pdftotext_returns_the_data_including_rare_and_supplementary_characters(text, meeting):
    whole = flat(text)
    assert NON_BMP_NAME in whole          # 𬭚 outside the BMP: surrogate pair in ToUnicode
    assert FALLBACK_NAME in whole         # 喆 drawn by the fallback face, not dropped
    for awardee in meeting.awards.rows:
        assert awardee.name in whole, awardee.name
    for unit in meeting.targets.units():
        assert unit in whole
    for phrase in (meeting.meeting.title, meeting.meeting.venue, prose.lead_paragraph(meeting),
                   meeting.meeting.speeches[0].sections[0].paragraphs[0]):
        assert flat(phrase) in whole, phrase


def test_markup_like_and_pdf_delimiter_characters_come_back_verbatim_and_long_names_wrap(meeting):
    """Names are data, not markup: < & ( ) \\ print as typed; a name longer than its column
    wraps inside the cell instead of running over the next column or the margin."""
    odd = "A&B<科技>(测试)\\研究院"
    long = "山西" + "综合能源数字化智能制造装备" * 3 + "有限公司"
    extra = [awardee(name=odd, category="企业", award="科技创新先进企业", park="东湖园区"),
             awardee(name=long, category="企业", award="科技创新先进企业", park="东湖园区")]
    awards = meeting.awards.replace(rows=extra + list(meeting.awards.rows))
    data = render_bytes(meeting.replace(awards=awards))
    with pdfplumber.open(io.BytesIO(data)) as doc:
        whole = flat("".join(p.extract_text() for p in doc.pages))
        page = next(p for p in doc.pages if "研究院" in p.extract_text())
        cells = [c for c in page.chars if c["size"] == 12]
    assert extra[0].name in whole            # as the model normalised it: (测试) → （测试）
    assert "<" in extra[0].name and "&" in extra[0].name and "\\" in extra[0].name
    # the long name's cell: from its first character to where the award column starts
    first = next(c for c in cells if c["text"] == "综")
    row = [c for c in cells if abs(c["matrix"][5] - first["matrix"][5]) < 0.1]
    name_left = max(c["x0"] for c in row if c["text"] == "山" and c["x0"] < first["x0"])
    award_left = min(c["x0"] for c in cells if c["text"] == "科" and c["x0"] > first["x0"] + 100)
    column = sorted((c for c in cells if name_left - 0.5 <= c["x0"] < award_left
                     and first["matrix"][5] - 4 * 18 < c["matrix"][5] <= first["matrix"][5] + 0.1),
                    key=lambda c: (-round(c["matrix"][5], 1), c["x0"]))
    assert "".join(c["text"] for c in column).startswith(long)
    assert len({round(c["matrix"][5], 1) for c in column}) >= 2    # wrapped inside its cell
    assert max(c["x1"] for c in column) < award_left                 # never into the next column
    assert max(c["x1"] for c in cells) <= RIGHT + TOL


def test_a_character_the_body_face_lacks_is_drawn_by_the_fallback_face(plumber, meeting):
    fonts = resolve_fonts()
    assert not fonts.covers(FontRole.BODY, "喆") and not fonts.covers(FontRole.BODY, "𬭚")
    drawn = {c["text"]: c["fontname"].split("+", 1)[1] for page in plumber.pages for c in page.chars
             if c["text"] in "喆𬭚源"}
    assert drawn["喆"] == "NotoSerifSC-Regular"     # 宋体 role = fallback
    assert drawn["𬭚"] == "NotoSerifSC-Regular"
    assert drawn["源"] == "FandolFang-Regular"       # its neighbour stays in the body face


def test_tounicode_maps_supplementary_characters_to_surrogate_pairs():
    cmap = to_unicode_cmap("AAAAAA+Test", [0, 0x4E2D, 0x2CB5A])
    assert "<01> <4E2D>" in cmap
    assert "<02> <D872DF5A>" in cmap          # UTF-16BE of U+2CB5A
    assert "𬭚".encode("utf-16-be").hex().upper() == "D872DF5A"


def test_faces_follow_the_roles(plumber, meeting):
    """Title 小标宋 2号, body 仿宋 3号, 一、 headings 黑体, （一） item leads 楷体."""
    chars = [c for page in plumber.pages for c in page.chars]

    def face_of(phrase: str, size: float) -> set[str]:
        joined = "".join(c["text"] for c in chars)
        i = joined.find(phrase)
        assert i >= 0, phrase
        return {(c["fontname"].split("+", 1)[1], round(c["size"], 1)) for c in chars[i:i + len(phrase)]}

    assert face_of("山西转型综改示范区", 22) == {("NotoSerifSC-ExtraBold", 22.0)}
    assert face_of("一、2023年工作回顾", 16) == {("NotoSansSC-Medium", 16.0)}
    assert face_of("（一）不折不扣完成主要经济指标任务。", 16) == {("LXGWWenKai-Regular", 16.0)}
    assert face_of("坚守", 16) == {("FandolFang-Regular", 16.0)}


# --- page geometry -------------------------------------------------------------------------

def test_pages_are_a4_and_text_stays_in_the_9704_type_area(plumber):
    for page in plumber.pages:
        assert page.width == pytest.approx(mm_to_pt(210), abs=0.1)
        assert page.height == pytest.approx(mm_to_pt(297), abs=0.1)
        body = [c for c in page.chars if c not in page_number_chars(page)]
        assert body, f"page {page.page_number} has no text"
        assert min(c["x0"] for c in body) >= LEFT - TOL
        assert max(c["x1"] for c in body) <= RIGHT + TOL
        assert min(c["top"] for c in body) >= TOP_FROM_TOP - TOL
        assert max(c["bottom"] for c in body) <= BOTTOM_FROM_TOP + TOL


def test_body_text_fills_the_type_area_edge_to_edge(plumber):
    """Flush-left lines start on the 28 mm margin; justified lines end at 28 + 156 mm."""
    lines = lines_of(plumber.pages[0], 16.0)
    assert min(line[0]["x0"] for line in lines) == pytest.approx(LEFT, abs=0.1)
    assert max(line[-1]["x1"] for line in lines) == pytest.approx(RIGHT, abs=0.1)
    full = [line for line in lines if len(line) >= 26]
    assert sum(abs(line[-1]["x1"] - RIGHT) < 0.1 for line in full) >= 5


def test_body_lines_hold_28_characters_on_the_22_line_grid(plumber):
    lines = lines_of(plumber.pages[0], 16.0)
    lead = [line for line in lines if line[0]["x0"] < LEFT + 1 and all(not c["text"].isascii() for c in line)]
    assert any(len(line) == 28 for line in lead)
    baselines = [line[0]["matrix"][5] for line in lines]
    steps = {round(a - b, 2) for a, b in zip(baselines, baselines[1:])}
    assert round(mm_to_pt(PAGE.area_height) / 22, 2) in steps


@pytest.mark.parametrize("page_index", [0, 1, 2])
def test_page_numbers_are_outside_the_type_area_on_the_outer_side(plumber, page_index):
    page = plumber.pages[page_index]
    number = page_index + 1
    chars = sorted(page_number_chars(page), key=lambda c: c["x0"])
    assert "".join(c["text"] for c in chars).replace(" ", "") == f"—{number}—"
    assert {c["fontname"].split("+", 1)[1] for c in chars} == {"NotoSerifSC-Regular"}   # 宋体 role
    # top of the em box 7 mm below the type area (§7.5)
    baseline = chars[0]["matrix"][5]
    em_top_from_top = page.height - (baseline + 0.88 * PAGE_NUMBER_PT)
    assert em_top_from_top - BOTTOM_FROM_TOP == pytest.approx(mm_to_pt(7), abs=0.3)
    one_zi = PAGE_NUMBER_PT
    if number % 2:      # odd: right, 1 字 in
        assert chars[-1]["x1"] == pytest.approx(RIGHT - one_zi, abs=0.3)
    else:               # even: left, 1 字 in
        assert chars[0]["x0"] == pytest.approx(LEFT + one_zi, abs=0.3)


# --- content ----------------------------------------------------------------------------

def test_first_page_has_title_facts_and_a_visible_red_sample_mark(plumber, meeting):
    page = plumber.pages[0]
    words = flat(page.extract_text())
    for phrase in ("会议摘要", "时间：2024年3月11日", "地点：潇河国际会议中心", "主持：张效生", "内部资料"):
        assert phrase in words, phrase
    mark = [c for c in page.chars if c["text"] in "样例" and c["size"] == 16]
    assert len(mark) == 2
    assert all(tuple(c["non_stroking_color"]) == (0, 0.8, 0.8, 0) for c in mark)   # red Y80 M80


def test_sample_watermark_is_on_every_page_but_never_in_the_text(pdf_path, text):
    reader = pypdf.PdfReader(pdf_path)
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert any("Watermark" in name for name in xobjects), "no watermark form on a page"
    assert flat(text).count("样例") == 1      # the mark on page 1 only; the watermark is outlines


def test_no_sample_marks_without_sample(meeting):
    data = render_bytes(meeting.replace(sample=False))
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert "样例" not in "".join(p.extract_text() for p in reader.pages[:1])
    assert all("/XObject" not in p["/Resources"] for p in reader.pages)


def test_key_figures_compare_listed_with_declared_and_flag_a_difference_in_red(meeting, tmp_path):
    awards = meeting.awards.replace(expected={"企业": 70, "单位": 23})
    data = render_bytes(meeting.replace(awards=awards))
    with pdfplumber.open(io.BytesIO(data)) as doc:
        chars = [c for p in doc.pages[:3] for c in p.chars]
    joined = "".join(c["text"] for c in chars)
    red = (0, 0.8, 0.8, 0)
    i = joined.find("受表彰企业70家69家名单少1家")       # announced, listed, difference
    assert i >= 0
    assert all(tuple(c["non_stroking_color"]) == red for c in chars[i + 8:i + 16])    # 69家名单少1家
    assert all(tuple(c["non_stroking_color"]) != red for c in chars[i:i + 8])         # 受表彰企业70家
    j = joined.find("受表彰单位23个23个无")
    assert j >= 0 and all(tuple(c["non_stroking_color"]) != red for c in chars[j:j + 11])


def test_key_figures_and_speech_outline_are_in_the_text(text, meeting):
    whole = flat(text)
    assert "类别会上宣布名单所列差额" in whole and "决定/应签" not in whole
    assert "受表彰企业69家69家无" in whole
    assert "签订目标责任书的园区6个6个无" in whole
    for n, section in enumerate(meeting.meeting.speeches[0].sections, 1):
        assert flat(prose.section_heading(n, section)) in whole
    assert "（六）坚定走出对外开放的实质性步伐。" in whole


def test_chart_shows_one_bar_per_unit_with_its_value(plumber, meeting):
    rows = [t for t in meeting.targets.rows if t.indicator == "固定资产投资"]
    page = next(p for p in plumber.pages if "固定资产投资”目标" in (p.extract_text() or ""))
    labels = [c for c in page.chars if abs(c["size"] - 10.5) < 0.05]
    label_text = "".join(c["text"] for c in labels)
    for t in rows:
        assert t.unit in label_text and str(int(t.value)) in label_text
    assert {c["fontname"].split("+", 1)[1] for c in labels} <= {"FandolFang-Regular", "NotoSerifSC-Regular"}
    bars = [r for r in page.rects if r["height"] > 5 and r["width"] > 5 and r["fill"]
            and r["non_stroking_color"] != (0, 0.8, 0.8, 0) and r["height"] < 20]
    assert len(bars) == len(rows)
    widest = max(bars, key=lambda r: r["width"])
    assert widest["top"] == pytest.approx(
        next(c for c in labels if c["text"] == "新")["top"], abs=6)   # 新能源招商中心: 148 亿元, the longest bar


def test_lists_are_tables_with_the_header_on_every_page(plumber, meeting):
    pages = [p for p in plumber.pages if any(c["text"] == "序" and c["size"] == 12 for c in p.chars)]
    assert len(pages) >= 4        # 69 + 23 awardees and 44 targets do not fit on three pages
    for page in pages:
        header = [c for c in page.chars if c["size"] == 12 and "NotoSansSC" in c["fontname"]]
        assert "序号" in "".join(c["text"] for c in header)
        # the header row is the first 12-point row on the page
        first_row_top = min(c["top"] for c in page.chars if c["size"] == 12)
        assert min(c["top"] for c in header) == pytest.approx(first_row_top, abs=0.5)


def test_facts_name_the_decision_once_and_who_read_it_out(text, meeting):
    whole = flat(text)
    reader = meeting.awards.announced_by
    assert f"表彰决定：《{meeting.awards.decision}》，由{reader.name}（{reader.position}）宣读" in whole
    assert "宣读：" not in whole


# --- titles ----------------------------------------------------------------------------------

# Each title with the words a line break must not cut.  The first two measure
# 20 ems by the briefing's count (digits ½ em) but are wider in the bundled
# title face (digits 0.6 em): broken by the paragraph they ended "…推进 / 会".
TITLES = {
    "滨江高新区2025年工作会议暨项目建设推进会": ("高新区", "2025年", "工作会议", "项目建设", "推进会"),
    "太原市小店区2024年优化营商环境工作推进会": ("小店区", "2024年", "营商环境", "推进会"),
    "××经济技术开发区2024年度安全生产工作会议": ("开发区", "2024年度", "安全生产", "工作会议"),
    "临港经济开发区安全生产工作会议暨第一季度安全形势分析会": ("开发区", "安全生产", "工作会议", "第一季度", "分析会"),
}


@pytest.mark.parametrize("title", TITLES)
def test_a_long_title_breaks_between_words_into_an_even_shape(meeting, title):
    info = meeting.meeting.replace(title=title)
    data = render_bytes(meeting.replace(meeting=info, awards=None, targets=None))
    with pdfplumber.open(io.BytesIO(data)) as doc:
        lines = lines_of(doc.pages[0], TITLE_PT)
    texts = ["".join(c["text"] for c in line) for line in lines]
    widths = [line[-1]["x1"] - line[0]["x0"] for line in lines]
    assert "".join(texts) == title
    assert len(texts) == 2, texts                   # too wide for one line, short enough for two
    for before, after in zip(texts, texts[1:]):
        for word in TITLES[title]:
            at = title.find(word)
            cut = len(before)
            assert not at < cut < at + len(word), f"{word} cut: {texts}"
    assert min(len(t) for t in texts) >= 3, texts   # never one or two stray characters
    assert min(widths) >= 0.5 * max(widths), texts   # a balanced shape
    assert all(line[0]["x0"] >= LEFT - TOL and line[-1]["x1"] <= RIGHT + TOL for line in lines)


# --- list numbers ------------------------------------------------------------------------------

def numbered_rows(pdf_text: str) -> list[tuple[int, str]]:
    """(序号, the first text after it) of each table row in ``pdftotext -layout`` output."""
    return [(int(m[1]), m[2]) for m in re.finditer(r"^\s*(\d+)\s+(\S+)", pdf_text, re.M)]


@pytest.fixture(scope="module")
def layout_text(pdf_path) -> str:
    return subprocess.run([tool("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf_path), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")


def test_list_numbers_run_on_across_groups_as_in_the_briefing_and_workbook(layout_text, meeting):
    """The same awardee has the same 序号 in all three documents: units are 70–92, not 1–23."""
    _, awardee_pages, target_pages = re.split(r"^\f?附件\d[ \t]*$", layout_text, flags=re.M)
    rows = numbered_rows(awardee_pages)
    awardees = {a.name: position for position, a in enumerate(meeting.awards.rows, 1)}
    printed = {name: no for no, name in rows if name in awardees}
    assert len(printed) == len(awardees)
    for position, a in enumerate(meeting.awards.rows, 1):
        assert printed[a.name] == (a.no or position), a.name
    units = [no for no, name in rows if name in awardees and meeting.awards.rows[awardees[name] - 1].category == "单位"]
    assert (min(units), max(units)) == (70, 92)
    targets = [no for no, name in numbered_rows(target_pages) if name in meeting.targets.units()]
    assert targets == list(range(1, 45))
    group_lines = [line.strip() for line in layout_text.splitlines()]
    for label in ("企业（69家）", "单位（23个）", "园区（6个）", "招商中心（5个）"):
        assert label in group_lines, label
    assert "二、单位（23个）" not in layout_text


def test_list_numbers_are_the_rows_own_numbers(meeting):
    """A list that brings its own 序号 (from 101) is printed with those numbers."""
    rows = [a._replace(no=100 + k) for k, a in enumerate(meeting.awards.rows[:30], 1)]
    awards = meeting.awards.replace(rows=rows, expected=None)
    data = render_bytes(meeting.replace(awards=awards, targets=None))
    reader = pypdf.PdfReader(io.BytesIO(data))
    listed = "\n".join(p.extract_text(extraction_mode="layout") for p in reader.pages[2:])
    numbers = [no for no, name in numbered_rows(listed) if name in {a.name for a in rows}]
    assert sorted(numbers) == list(range(101, 131))


# --- key figures and chart on the page ------------------------------------------------------------

def page_of(doc, phrase: str) -> int:
    return next(i for i, p in enumerate(doc.pages) if phrase in flat(p.extract_text() or ""))


def test_key_figures_table_stays_whole_with_its_heading_and_the_chart_moves_alone(meeting):
    """Shorter and shorter agendas slide 主要数据 up page 2: the table is never split from its
    heading, and the chart goes to the next page only when it does not fit under the table."""
    info = meeting.meeting
    awards = meeting.awards.replace(rows=meeting.awards.rows[:3] + meeting.awards.rows[-2:], expected=None)
    chart_alone = 0
    for k in range(len(info.agenda) + 1):
        short = meeting.replace(meeting=info.replace(agenda=info.agenda[:k]), awards=awards)
        with pdfplumber.open(io.BytesIO(render_bytes(short))) as doc:
            heading = page_of(doc, "主要数据")
            for row in ("受表彰企业", "受表彰单位", "签订目标责任书的园区", "签订目标责任书的招商中心"):
                assert page_of(doc, row) == heading, (k, row)
            chart = page_of(doc, "图1")
            if chart == heading:
                continue
            assert chart == heading + 1
            page = doc.pages[heading]
            table_bottom = max(r["bottom"] for r in page.rects)
            chart_page = doc.pages[chart]
            caption_top = min(c["top"] for c in chart_page.chars if c["text"] == "图")
            chart_bottom = max(c["bottom"] for c in chart_page.chars if abs(c["size"] - 10.5) < 0.05)
            assert BOTTOM_FROM_TOP - table_bottom < chart_bottom - caption_top, k   # it did not fit
            chart_alone += 1
    assert chart_alone, "no agenda length put the chart on the page after the table"


def targets_of(meeting: Meeting, rows: list[tuple[str, str, str, int]]) -> Meeting:
    """The meeting with only these (unit, unit type, indicator, value) targets."""
    targets = [target(unit=u, unit_type=t, indicator=i, value=Decimal(v), measure="起")
               for u, t, i, v in rows]
    return meeting.replace(awards=None, targets=meeting.targets.replace(
        rows=targets, expected=None))


UNITS = [("东湖园区", "园区"), ("南山园区", "园区"), ("西岭园区", "园区"), ("新能源招商中心", "招商中心")]


def chart_text(data: bytes) -> tuple[str, list]:
    """The text before 附件1 (no attachment in these meetings: all of it) and the chart's labels."""
    with pdfplumber.open(io.BytesIO(data)) as doc:
        whole = flat("".join(p.extract_text() or "" for p in doc.pages))
        labels = [c for p in doc.pages for c in p.chars if abs(c["size"] - 10.5) < 0.05]
    return whole, labels


def test_chart_skips_an_indicator_that_is_zero_everywhere(meeting):
    """较大事故起数 is 0 for every unit (and carried by most units): the chart shows the next
    indicator with values that differ, never an axis from 0 to 0.01."""
    rows = [(u, t, "较大事故起数", 0) for u, t in UNITS]
    rows += [(u, t, "安全培训场次", 12) for u, t in UNITS[:3]]                # the same everywhere
    rows += [(u, t, "隐患整改件数", v) for (u, t), v in zip(UNITS[:2], (30, 45))]
    whole, labels = chart_text(render_bytes(targets_of(meeting, rows)))
    assert "各单位“隐患整改件数”目标" in whole
    assert "较大事故起数”目标" not in whole
    label_text = "".join(c["text"] for c in labels)
    assert "30" in label_text and "45" in label_text and "0.01" not in label_text


def test_no_chart_when_no_indicator_has_two_different_non_zero_values(meeting):
    rows = [(u, t, "较大事故起数", 0) for u, t in UNITS]
    rows += [(u, t, "安全培训场次", 12) for u, t in UNITS]
    rows += [(UNITS[0][0], UNITS[0][1], "隐患整改件数", 30)] + [(u, t, "隐患整改件数", 0) for u, t in UNITS[1:]]
    whole, labels = chart_text(render_bytes(targets_of(meeting, rows)))
    assert "图1" not in whole and "目标（起）" not in whole
    assert labels == []
    assert "较大事故起数" in whole          # the list itself is there


# --- document info, outline, determinism ----------------------------------------------------------

def test_document_info_comes_from_the_data(pdf_path, meeting):
    reader = pypdf.PdfReader(pdf_path)
    info = reader.metadata
    assert info.title == meeting.meeting.title
    assert info.author == meeting.issuer.name
    assert meeting.meeting.title in info.subject and format_date(meeting.meeting.date) in info.subject
    for keyword in (meeting.issuer.short_name, meeting.awards.decision, "样例"):
        assert keyword in info["/Keywords"]
    assert info["/CreationDate"] == info["/ModDate"] == "D:20240311000000+08'00'"
    first, second = document_id(meeting)
    assert [x.original_bytes.hex().upper() for x in reader.trailer["/ID"]] == [first, second]
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_outline_lists_the_parts_and_their_sections(pdf_path, meeting):
    reader = pypdf.PdfReader(pdf_path)
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[:2] == ["会议概况", "主要数据"]
    assert any(t.startswith("附件1") for t in titles) and any(t.startswith("附件2") for t in titles)
    i = next(k for k, o in enumerate(outline) if not isinstance(o, list) and o.title == "范兆森讲话要点")
    children = outline[i + 1]
    sections = meeting.meeting.speeches[0].sections
    assert [c.title for c in children] == [prose.section_heading(n, s) for n, s in enumerate(sections, 1)]
    pages = [reader.get_destination_page_number(c) for c in children]
    assert pages == sorted(pages) and pages[0] >= reader.get_destination_page_number(outline[i])
    nested = [o.title for group in outline if isinstance(group, list) for o in group]
    assert "企业（69家）" in nested and "单位（23个）" in nested


def test_same_input_gives_the_same_bytes_and_leaves_reportlab_settings_alone(meeting):
    before = (rl_config.invariant, rl_config.useA85)
    first = render_bytes(meeting)
    second = render_bytes(meeting)
    assert first == second
    assert (rl_config.invariant, rl_config.useA85) == before
    changed = render_bytes(meeting.replace(sample=False))
    assert changed != first


def test_streams_are_flate_compressed_binary_without_an_ascii85_layer(pdf_path):
    """ASCII85 would make the mailed file a quarter larger than its compressed content."""
    reader = pypdf.PdfReader(pdf_path)
    filters = []
    for number in range(1, reader.trailer["/Size"]):       # every object the file declares
        obj = reader.get_object(number)
        if isinstance(obj, pypdf.generic.StreamObject):
            found = obj.get("/Filter")
            filters.append(tuple(found) if isinstance(found, list) else (found,))
    assert len(filters) > 10                                   # pages, fonts, forms, the chart
    assert set(filters) == {("/FlateDecode",)}
    assert b"ASCII85Decode" not in pdf_path.read_bytes()
    assert "内部资料" in reader.pages[0].extract_text()        # the content decodes as before


# --- large lists -------------------------------------------------------------------------------

def synthetic_meeting(meeting: Meeting, n: int) -> Meeting:
    """The example with *n* awardees, names made unique, categories and parks as in the example."""
    base = meeting.awards.rows
    rows = []
    for i in range(n):
        a = base[i % len(base)]
        rows.append(awardee(name=f"{a.name.removesuffix('有限公司')}{i + 1}号有限公司", category=a.category,
                            award=a.award, park=a.park))
    expected = {}
    for r in rows:
        expected[r.category] = expected.get(r.category, 0) + 1
    awards = meeting.awards.replace(rows=rows, expected=expected)
    return meeting.replace(awards=awards)


@pytest.mark.slow
def test_ten_thousand_awardees_render_quickly_with_a_header_on_every_page(meeting, capsys):
    big = synthetic_meeting(meeting, 10_000)
    render_bytes(meeting)                       # fonts registered: time the document, not the process
    start = time.perf_counter()
    cpu = time.process_time()
    data = render_bytes(big)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    with capsys.disabled():
        print(f"\n10,000 awardees: {wall:.2f} s wall, {cpu:.2f} s CPU, {len(data) / 1e6:.1f} MB")
    assert cpu < 8, f"10,000 awardees took {cpu:.1f} s of CPU (about 2 s expected)"
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 10_000 / 30
    with pdfplumber.open(io.BytesIO(data)) as doc:
        table_pages = [i for i, p in enumerate(doc.pages) if i > 5]
        for i in (table_pages[0], table_pages[len(table_pages) // 2], table_pages[-30]):
            page = doc.pages[i]
            chars = [c for c in page.chars if c["size"] == 12]
            if not chars:
                continue
            top = min(c["top"] for c in chars)
            first_row = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])
                                if abs(c["top"] - top) < 1)
            assert first_row.startswith("序号"), (i, first_row)
            assert "".join(c["text"] for c in chars).count("序号") == 1     # no stray mid-page header
        names = "".join(c["text"] for c in doc.pages[-20].chars)
    assert "号有限公司" in names


def test_a_list_with_many_units_charts_the_twenty_largest_on_one_page(meeting):
    """A provincial list has hundreds of units: a bar per unit would not fit a page."""
    rows = [target(no=i + 1, unit=f"第{i + 1}园区", unit_type="园区", indicator="固定资产投资",
                   value=Decimal(i + 1), measure="亿元") for i in range(60)]
    many = meeting.replace(targets=meeting.targets.replace(
        rows=rows, expected=None))
    data = render_bytes(many)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "“固定资产投资”目标最高的20个单位" in re.sub(r"\s", "", text)
    assert "第60园区" in text and "第41园区" in text
