"""The PDF renderer's shortcuts around ReportLab give exactly what ReportLab would.

Each shortcut (a faster face parse, a lazily filled character map, a
per-document text encoding, tables split without copying,
one-run text without routing) is checked against the ReportLab code or the
earlier code it replaces, so the PDF stays byte for byte the same; the
whole document is compared too, rendered once with ReportLab's own face
parse and once with ours.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace
from reportlab.pdfgen.canvas import Canvas

from exporter.fonts import resolve_fonts
from exporter.layout import FontRole
from exporter.render.pdf_cmap import LazyCmap
from exporter.render.pdf_face import QuickFace
from exporter.render.pdf_fonts import PdfFaces
from exporter.render.pdf_parts import TABLE, fit_columns
from exporter.render.pdf_table import Column, PagedTable
from exporter.render.pdf_textout import _ESCAPE, TextWriter, pdf_number

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted((ROOT / "fonts").glob("*.ttf"))
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"     # format 4 cmap, 2048 units per em
SCALARS = {"_ttf_data", "_pdfScale", "_pos", "_glyph_to_char", "_cmap",
           "charToGlyph", "charWidths", "hmetrics", "glyphToChar"}


# --- the face ------------------------------------------------------------------------

@pytest.fixture(scope="module", params=[*BUNDLED, VERA], ids=lambda p: p.name)
def faces(request) -> tuple[TTFontFace, QuickFace]:
    return TTFontFace(str(request.param)), QuickFace(str(request.param))


def test_quick_face_has_reportlabs_attributes(faces):
    ref, quick = faces
    mine = {k: v for k, v in quick.__dict__.items() if k not in SCALARS}
    theirs = {k: v for k, v in ref.__dict__.items() if k not in SCALARS}
    assert mine == theirs
    assert [quick.hmetrics[g] for g in range(len(quick.hmetrics))] == ref.hmetrics
    assert quick.glyphToChar == ref.glyphToChar


def test_quick_face_maps_and_measures_every_character_as_reportlab(faces):
    ref, quick = faces
    codes = sorted(set(ref.charToGlyph) | set(range(0, 0x30000, 97)) | {0xA0, 0xFFFF, 0x10FFFF})
    assert len(quick.charToGlyph) == len(ref.charToGlyph)
    for code in codes:
        assert (code in quick.charToGlyph) == (code in ref.charToGlyph), hex(code)
        assert quick.charToGlyph.get(code) == ref.charToGlyph.get(code), hex(code)
        width = quick.charWidths.get(code, "none")
        assert width == ref.charWidths.get(code, "none") and type(width) is type(ref.charWidths.get(code, "none"))
        assert quick.getCharWidth(code) == ref.getCharWidth(code)
    assert list(quick.charToGlyph.items()) == list(ref.charToGlyph.items())     # same order, once complete


def test_the_character_map_fills_only_what_is_looked_up():
    cmap = QuickFace(str(BUNDLED[0])).charToGlyph
    assert isinstance(cmap, LazyCmap)
    full = len(cmap)
    assert ord("中") in cmap and cmap.get(0x10FFFF) is None
    assert dict.__len__(cmap) <= 3 and len(cmap) == full          # lookups stored, length known
    cmap[0x10FFFF] = 0                                             # ReportLab adds entries (shaping)
    assert len(cmap) == full + 1
    assert sum(1 for _ in cmap) == full + 1 and cmap[0x10FFFF] == 0


# --- the whole document ------------------------------------------------------------------

RENDER = """
import hashlib, io, sys
from exporter.fonts import resolve_fonts
from exporter.load import load_meeting
from exporter.render import pdf, pdf_fonts
if sys.argv[2] == "reportlab":
    from reportlab.pdfbase.ttfonts import TTFontFace
    pdf_fonts.read_face = lambda path, index=0: TTFontFace(str(path), validate=0, subfontIndex=index)
out = io.BytesIO()
pdf.render(load_meeting(sys.argv[1]), resolve_fonts(), out)
print(hashlib.sha256(out.getvalue()).hexdigest())
"""


def _digest(parser: str, tmp_path: Path) -> str:
    env = dict(os.environ, EXPORTER_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", RENDER, str(ROOT / "data/example/meeting.yaml"), parser],
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    return proc.stdout.strip()


def test_the_summary_is_the_same_with_reportlabs_own_face_parse(tmp_path):
    assert _digest("quick", tmp_path) == _digest("reportlab", tmp_path)


# --- text operators ---------------------------------------------------------------------------

class _ReportLabWriter:
    """The text writer as it was, encoding every string with ``TTFont.splitString``."""

    def __init__(self, canv):
        self.doc, self.ops, self._font = canv._doc, [], None

    def move_to(self, x, y):
        self.ops.append(f"1 0 0 1 {pdf_number(x)} {pdf_number(y)} Tm")

    def show(self, font_name, size, text, spacing=None):
        font = pdfmetrics.getFont(font_name)
        pos = 0
        for subset, chunk in font.splitString(text, self.doc):
            key = (font.getSubsetInternalName(subset, self.doc), size)
            if key != self._font:
                self.ops.append(f"{key[0]} {pdf_number(size)} Tf")
                self._font = key
            gaps = spacing[pos:pos + len(chunk)] if spacing else None
            pos += len(chunk)
            if not gaps or not any(gaps):
                self.ops.append("(" + "".join([_ESCAPE[b] for b in chunk]) + ") Tj")
                continue
            parts, run = [], []
            for b, gap in zip(chunk, gaps):
                run.append(_ESCAPE[b])
                if gap:
                    parts += ["(" + "".join(run) + ")", pdf_number(-gap * 1000 / size)]
                    run = []
            if run:
                parts.append("(" + "".join(run) + ")")
            self.ops.append("[" + " ".join(parts) + "] TJ")


@pytest.mark.parametrize("remembered", [20_000, 5])
def test_text_writer_writes_what_reportlabs_encoding_gives(remembered, monkeypatch):
    """Hundreds of names over 256-glyph subsets, repeats, spacing, two fonts, two sizes;
    also with the memory of encoded texts emptied every few texts."""
    monkeypatch.setattr("exporter.render.pdf_textout._REMEMBERED_STRINGS", remembered)
    faces = PdfFaces(resolve_fonts())
    body, heading = faces.name(FontRole.BODY), faces.name(FontRole.HEADING)
    rng = random.Random(7)
    alphabet = "山西转型综改示范区科技有限公司园区招商中心（）《》、，。0123456789ABC "
    alphabet += "".join(chr(c) for c in range(0x4E00, 0x4E00 + 600))
    calls = []
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14)))
        font = rng.choice([body, body, heading])
        size = rng.choice([12, 16])
        spacing = [rng.choice([0, 0, 0.5]) for _ in text] if rng.random() < 0.2 else None
        calls += [(font, size, text, spacing)] * rng.choice([1, 1, 3])
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    writer, reference = TextWriter(ours), _ReportLabWriter(theirs)
    for i, (font, size, text, spacing) in enumerate(calls):
        for w in (writer, reference):
            w.move_to(i * 0.5, 800 - i)
            w.show(font, size, text, spacing)
    assert writer.ops[2:] == reference.ops


def test_a_table_line_is_a_move_and_a_show():
    faces = PdfFaces(resolve_fonts())
    body, song = faces.name(FontRole.BODY), faces.name(FontRole.SONG)
    runs = ((body, "山西"), (song, "喆"), (body, "源有限公司"))
    one, two = TextWriter(Canvas(io.BytesIO())), TextWriter(Canvas(io.BytesIO()))
    one.line(10.25, 700.5, 12, runs)
    two.move_to(10.25, 700.5)
    for font, text in runs:
        two.show(font, 12, text)
    assert one.ops == two.ops


# --- text runs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", " ", "山西转型综改示范区", "山西喆源 新能源", "𬭚锐精密", "A&B<科技>", "　全角空格",
                                  "tab\tand\nline", "喆", "第1名 ", " 前导空格"])
@pytest.mark.parametrize("role", [FontRole.BODY, FontRole.LEAD, FontRole.TITLE])
def test_runs_are_the_font_sets_segments(role, text):
    faces = PdfFaces(resolve_fonts())
    expected = [(faces.name(r), run) for r, run in faces.fonts.segments(role, text)]
    assert faces.runs(role, text) == expected
    assert faces.runs(role, text) == expected          # and again, from what it remembered


# --- long tables -------------------------------------------------------------------------------------

def _table(rows: int) -> PagedTable:
    faces = PdfFaces(resolve_fonts())
    data = [[str(i), f"山西第{i}号科技有限公司" + "综合能源" * (i % 3), "科技创新先进企业"] for i in range(1, rows + 1)]
    columns = [Column("序号", 40, "center"), Column("名称", 220), Column("奖项", 180)]
    return PagedTable(columns, data, TABLE, faces)


def test_a_long_table_splits_into_pages_that_share_its_rows_and_measure_exactly():
    table = _table(3000)
    body = table._body
    pieces, rest = [], table
    while True:
        rest.wrap(456, 600)
        parts = rest.split(456, 600)
        if not parts:
            pieces.append(rest)
            break
        head, rest = parts
        pieces.append(head)
    assert sum(p.row_count for p in pieces) == 3000
    for p in pieces:
        assert p._body is body                                          # no rows copied
        _, height = p.wrap(456, 600)
        assert height == body.header_height + sum(body.heights[p._start:p._end])   # drawn as summed
        assert height <= 600 + 1e-6
    _, rough = table.wrap(456, 600)
    assert rough > 600                                                  # too tall: known without summing


def test_serial_numbers_past_the_sampled_rows_stay_on_one_line():
    """序号 10000 after 2,000 sampled rows of at most four digits was set as "1000" / "0"."""
    faces = PdfFaces(resolve_fonts())
    rows = [[str(i), f"第{i}号有限公司", "先进企业"] for i in range(1, 12001)]
    columns = fit_columns([("序号", "center"), ("名称", "left"), ("奖项", "left")], rows, faces, 440)
    number = columns[0]
    widest = faces.width(faces.name(FontRole.BODY), "12000", TABLE.size)
    assert number.width >= widest + 2 * TABLE.padding_x
    table = PagedTable(columns, rows[-5:], TABLE, faces)
    assert all(len(cells[0]) == 1 for cells in table._body.rows)


def test_rendering_the_same_meeting_twice_in_one_process_gives_the_same_bytes():
    """Per-document tables (text encodings, widths) never leak from one document into the next."""
    from exporter.load import load_meeting
    from exporter.render.pdf import render

    meeting = load_meeting(ROOT / "data/example/meeting.yaml")
    fonts = resolve_fonts()
    digests = set()
    for sample in (True, False, True):
        out = io.BytesIO()
        render(meeting.replace(sample=sample), fonts, out)
        digests.add((sample, hashlib.sha256(out.getvalue()).hexdigest()))
    assert len(digests) == 2


def test_a_rendered_document_keeps_nothing_alive():
    """The per-document encoding tables go with their document (a long ``exporter run`` renders many)."""
    import gc

    from exporter.load import load_meeting
    from exporter.render import pdf_textout
    from exporter.render.pdf import render

    meeting = load_meeting(ROOT / "data/example/meeting.yaml")
    for _ in range(2):
        render(meeting, resolve_fonts(), io.BytesIO())
    gc.collect()
    assert len(pdf_textout._DOCUMENT_TEXT) == 0


# --- registration ------------------------------------------------------------------------------

def _embedded_fonts(data: bytes) -> set[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return {str(ref.get_object()["/BaseFont"]).split("+", 1)[1]
            for page in reader.pages for ref in page["/Resources"]["/Font"].values()}


def test_another_font_set_in_the_same_process_draws_with_its_own_faces():
    """ReportLab keeps the first font registered under a name: switching faces must replace it."""
    from exporter.load import load_meeting
    from exporter.render.pdf import render

    meeting = load_meeting(ROOT / "data/example/meeting.yaml")
    render(meeting, resolve_fonts(), io.BytesIO())                   # 楷体 = LXGW WenKai registered
    out = io.BytesIO()
    render(meeting, resolve_fonts({"lead": str(VERA)}), out)          # digits of the lead lines in Vera
    names = _embedded_fonts(out.getvalue())
    assert "BitstreamVeraSans-Roman" in names and "LXGWWenKai-Regular" not in names
    out = io.BytesIO()
    render(meeting, resolve_fonts(), out)                             # and back
    assert "LXGWWenKai-Regular" in _embedded_fonts(out.getvalue())


def test_a_plain_ttfont_registered_under_our_name_is_replaced():
    """Code elsewhere (a test, a plugin) registering ReportLab's TTFont as ExporterSong must not
    take away the surrogate-pair ToUnicode maps."""
    from reportlab.pdfbase.ttfonts import TTFont

    from exporter.render.pdf_fonts import SurrogateSafeTTFont

    fonts = resolve_fonts()
    song = fonts.face(FontRole.SONG)
    if "ExporterSong" in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.getFont("ExporterSong").unregister()
    pdfmetrics.registerFont(TTFont("ExporterSong", str(song.path)))
    faces = PdfFaces(fonts)
    assert isinstance(pdfmetrics.getFont(faces.name(FontRole.SONG)), SurrogateSafeTTFont)



DEFERRED_PROBE = """
import re
import exporter.render.pdf
import reportlab.lib.textsplit as textsplit
import reportlab.platypus.paragraph as paragraph
from exporter.render.pdf_startup import DeferredPattern
print(type(paragraph.uri_pat) is DeferredPattern, type(textsplit.rx) is DeferredPattern)
# ReportLab's own code still gets what the real patterns give
print(paragraph._uri_split_pairs("https://example.com/a/b"), paragraph._uri_split_pairs("no link"))
print(textsplit.rx.split("ab中文c") == re.compile("([\\u2e80-\\uffff])").split("ab中文c"))
# once ReportLab holds them, nobody else is handed a stand-in
print(type(re.compile("([\\u2e80-\\uffff])", re.UNICODE)) is re.Pattern)
"""


def test_reportlab_patterns_the_summary_never_uses_are_compiled_only_when_used():
    """Importing the PDF renderer must not pay ~55 ms for ReportLab's URL pattern, and the stand-ins
    must still behave as the real patterns when ReportLab's own code uses them."""
    proc = subprocess.run([sys.executable, "-c", DEFERRED_PROBE], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert proc.stdout.splitlines() == [
        "True True",
        "[('https://example.com/a/', 'b'), ('https://example.com/', 'a/b'), ('https://', 'example.com/a/b')] None",
        "True",
        "True",
    ], proc.stdout


def test_a_deferred_pattern_copies_and_pickles_as_the_real_one():
    import copy
    import pickle
    import re

    from exporter.render.pdf_startup import DeferredPattern

    deferred = DeferredPattern("a+b", re.IGNORECASE)
    for twin in (copy.copy(deferred), copy.deepcopy(deferred), pickle.loads(pickle.dumps(deferred))):
        assert isinstance(twin, re.Pattern) and twin.pattern == "a+b" and twin.flags & re.IGNORECASE
