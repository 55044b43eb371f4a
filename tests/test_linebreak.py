"""Chinese line breaking in the PDF (GB/T 15834 §5.1, layout.md §4).

First the breaker on its own (exporter/render/pdf_linebreak.py, pure
Python), then the result a reader sees: a summary whose speech paragraphs
are built to put every forbidden mark exactly where a naive breaker would
leave it (at a line start, at a line end, across a line break), rendered,
and read back line by line with the positions pdfplumber extracts.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from exporter.fonts import resolve_fonts
from exporter.layout import PAGE, mm_to_pt
from exporter.load import load_meeting
from exporter.model import Section, Speech
from exporter.render.pdf import render
from exporter.render.pdf_linebreak import break_lines, clusters
from exporter.text import NO_LINE_END, NO_LINE_START

ROOT = Path(__file__).resolve().parents[1]

CLOSING_MARKS = "。，、；：？！）》”’"      # never at a line start
OPENING_MARKS = "（《“‘"                  # never at a line end
UNSPLIT = ("——", "……")                   # never across a line break
POOL = ("高质量发展是新时代的硬道理全区上下坚定使命牵引用谋和干走出了最困难时期孕育了积极变化"
        "知责扛责知难克难实现了转折仰望星空脚踏实地打下了基础叫起板来弯下腰去改变了形象")


def widths_of(text: str) -> list[float]:
    """A CJK character is 1 wide, a Latin letter or digit 0.5."""
    return [0.5 if ch.isascii() else 1.0 for ch in text]


def line_texts(text: str, width: float, **kw) -> list[str]:
    return [text[ln.start:ln.end] for ln in break_lines(text, widths_of(text), [width], **kw)]


def assert_rules(lines: list[str]) -> None:
    for before, after in zip(lines, lines[1:]):
        assert after[0] not in NO_LINE_START, f"“{after[0]}” starts a line: {before!r} / {after!r}"
        assert before[-1] not in NO_LINE_END, f"“{before[-1]}” ends a line: {before!r} / {after!r}"
        for pair in UNSPLIT:
            assert not (before.endswith(pair[0]) and after.startswith(pair[1])), \
                f"{pair} split: {before!r} / {after!r}"


# --- the breaker on its own ---------------------------------------------------------

@pytest.mark.parametrize("mark", [*CLOSING_MARKS, *OPENING_MARKS, *UNSPLIT])
@pytest.mark.parametrize("offset", range(7, 12))
def test_marks_never_start_or_end_a_line_and_pairs_stay_whole(mark, offset):
    text = POOL[:offset] + mark + POOL[offset:offset + 25]
    lines = line_texts(text, 10)
    assert "".join(lines) == text
    assert_rules(lines)
    assert all(sum(widths_of(ln)) <= 10 for ln in lines)


def test_numbers_and_latin_words_are_not_split():
    text = "省级专精特新增长16.3%、高新技术增长13%，上市公司增长28.6%，ReportLab排版。"
    for width in range(6, 16):
        lines = line_texts(text, width)
        assert "".join(lines) == text
        for token in ("16.3%", "13%", "28.6%", "ReportLab"):
            assert any(token in ln for ln in lines), (width, lines)


def test_a_number_keeps_its_measure_word():
    assert "2024年" in [text_cluster for text_cluster in _cluster_texts("2024年工作会议，69家企业")]
    assert "69家" in _cluster_texts("2024年工作会议，69家企业")


def test_a_placeholder_name_is_not_split():
    """××开发区 is a name left to fill in: "×" / "×督导组" across a line end reads as a typo."""
    text = "会议在××会议中心召开。××开发区管委会主任王五讲话。××督导组组长李四到会指导。"
    for width in range(6, 16):
        lines = line_texts(text, width)
        assert "".join(lines) == text
        assert not any(a.endswith("×") and b.startswith("×") for a, b in zip(lines, lines[1:])), (width, lines)


def _cluster_texts(text: str) -> list[str]:
    b = clusters(text)
    return [text[x:y] for x, y in zip(b, b[1:])]


def test_a_cluster_wider_than_the_line_is_cut_rather_than_overflowing():
    text = "统一社会信用代码91140100C596A314AM核对"
    lines = line_texts(text, 6)
    assert "".join(lines) == text
    assert all(sum(widths_of(ln)) <= 6 for ln in lines)


def test_a_newline_forces_a_break_and_that_line_is_not_justified():
    lines = break_lines("第一行\n第二行", widths_of("第一行\n第二行"), [10])
    assert [ln.last for ln in lines] == [True, True]
    assert [("第一行\n第二行")[ln.start:ln.end] for ln in lines] == ["第一行", "第二行"]


def test_a_loose_line_is_set_slightly_tighter_instead_of_spread():
    # 16 wide: "，" may not start line 2 and "》" may not either, so without
    # shrinking the line ends at 决, 2 字 short; with 0.2 per gap it takes "定》，".
    text = "陈曦宣读关于高质量发展表彰决定》，对企业进行表彰"
    loose = line_texts(text, 16)
    assert loose[0].endswith("表彰决")
    tight = break_lines(text, widths_of(text), [16], shrink=0.2, loose=0.9)
    first = text[tight[0].start:tight[0].end]
    assert first.endswith("决定》，")
    assert 0 < tight[0].width - 16 <= 0.2 * (len(first) - 1)
    # and a line it cannot rescue within the limit stays loose
    assert line_texts(text, 16, shrink=0.01, loose=0.9)[0].endswith("表彰决")


# --- what a reader sees ----------------------------------------------------------------

def provoking_paragraphs() -> list[str]:
    """Every mark at every position around the first and second line ends of a body paragraph.

    The first line holds 26 characters (2 字 indent), the next 28: offsets
    23–29 and 51–57 put each mark on, before and after the naive break.
    """
    paragraphs = []
    for mark in list(CLOSING_MARKS + OPENING_MARKS) + list(UNSPLIT):
        for offset in [*range(23, 30), *range(51, 58)]:
            paragraphs.append(POOL[:offset] + mark + POOL[offset:offset + 20] + "。")
    return paragraphs


@pytest.fixture(scope="module")
def provoking_pdf() -> bytes:
    meeting = load_meeting(ROOT / "data/example/meeting.yaml")
    paragraphs = provoking_paragraphs()
    sections = [Section(heading=f"断行{i}", paragraphs=[p]) for i, p in enumerate(paragraphs, 1)]
    speech = Speech(speaker=meeting.meeting.speeches[0].speaker, sections=sections)
    info = meeting.meeting.replace(speeches=[speech])
    provoking = meeting.replace(meeting=info, awards=None, targets=None)
    out = io.BytesIO()
    render(provoking, resolve_fonts(), out)
    (ROOT / "tests/artefacts").mkdir(parents=True, exist_ok=True)
    (ROOT / "tests/artefacts/linebreak.pdf").write_bytes(out.getvalue())
    return out.getvalue()


def body_lines(pdf: bytes, size: float = 16.0) -> list[tuple[str, float, float]]:
    """(text, x0, x1) of each line of *size*-point text, in reading order, page by page."""
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            rows: dict[float, list[dict]] = {}
            for ch in page.chars:
                if abs(ch["size"] - size) < 0.05 and ch["upright"]:
                    rows.setdefault(round(ch["matrix"][5], 1), []).append(ch)
            for baseline in sorted(rows, reverse=True):
                chars = sorted(rows[baseline], key=lambda c: c["x0"])
                text = "".join(c["text"] for c in chars if c["text"] != " ")
                lines.append((text, chars[0]["x0"], chars[-1]["x1"]))
    return lines


def test_rendered_lines_obey_the_rules_at_every_provoked_break(provoking_pdf):
    lines = body_lines(provoking_pdf)
    texts = [t for t, _, _ in lines]
    flowing = "".join(texts)
    for paragraph in provoking_paragraphs():
        assert paragraph in flowing, f"paragraph lost or garbled: {paragraph}"
    assert_rules(texts)
    # the provocation worked: closing marks did land at line ends, opening
    # marks at line starts, and 26/28-character lines were the naive breaks
    assert {t[-1] for t in texts} & set(CLOSING_MARKS)
    assert {t[0] for t in texts} & set(OPENING_MARKS)


def test_rendered_lines_stay_in_the_type_area_and_full_lines_are_justified(provoking_pdf):
    left = mm_to_pt(PAGE.left)
    right = mm_to_pt(PAGE.left + PAGE.area_width)
    lines = body_lines(provoking_pdf)
    for text, x0, x1 in lines:
        assert x0 >= left - 0.3 and x1 <= right + 0.3, (text, x0, x1)
    indented = [x0 > left + 20 for _, x0, _ in lines]          # a paragraph's or heading's first line
    for i, (text, _, x1) in enumerate(lines[:-1]):
        if not indented[i + 1] and lines[i + 1][1] < left + 1:
            assert x1 == pytest.approx(right, abs=0.3), f"line not justified to the right edge: {text}"
