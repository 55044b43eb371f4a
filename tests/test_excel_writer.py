"""The workbook writer itself: no spreadsheet library, streamed rows, openpyxl's numbering.

tests/test_excel.py reads the workbook back as staff would; these check what
made it fast and small: the renderer writes SpreadsheetML as text (openpyxl
cost 0.2 s to import), list rows go through in chunks (memory stays flat on
a pipe too), and the style sheet numbers formats as openpyxl did, so the
bytes did not change when openpyxl went.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from exporter.load import load_meeting
from exporter.model import Meeting
from exporter.render import excel_xml
from exporter.render.excel import render
from exporter.render.excel_styles import Border, Fill, Font, Look, Styles
from streams import Pipe, libraries_imported_by

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example" / "meeting.yaml"


@pytest.fixture(scope="module")
def example() -> Meeting:
    return load_meeting(EXAMPLE)


def with_names(m: Meeting, names: list[str]) -> Meeting:
    base = m.awards.rows
    rows = [base[i % len(base)]._replace(name=name, no=i + 1) for i, name in enumerate(names)]
    return m.replace(awards=m.awards.replace(rows=rows, expected=None))


def test_rendering_a_workbook_imports_no_spreadsheet_library():
    assert libraries_imported_by("exporter.render.excel", EXAMPLE, ("openpyxl", "lxml", "et_xmlfile")) == []


def test_a_workbook_written_to_a_pipe_has_the_same_parts(example):
    """A pipe cannot seek back to a zip header, so sizes follow the data; the parts are the same."""
    pipe = Pipe()
    render(example, None, pipe)
    seekable = io.BytesIO()
    render(example, None, seekable)
    with zipfile.ZipFile(io.BytesIO(bytes(pipe.data))) as a, zipfile.ZipFile(seekable) as b:
        assert a.namelist() == b.namelist()
        assert all(a.read(name) == b.read(name) for name in a.namelist())


def test_the_workbook_names_the_program_that_wrote_it(example):
    """File > Properties shows the application: it is exporter, not a library no longer used."""
    out = io.BytesIO()
    render(example, None, out)
    with zipfile.ZipFile(out) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "<Application>Microsoft Excel Compatible / exporter</Application>" in app
    assert "openpyxl" not in app.lower()


def test_a_character_xml_cannot_carry_is_refused_not_written(example):
    with pytest.raises(ValueError, match="not allowed"):
        render(with_names(example, ["甲公司", "乙\ufffe公司"]), None, io.BytesIO())


def test_text_in_list_cells_is_escaped_and_kept_whole(example):
    names = ["A&B <科技> 有限公司", " 前后有空格 ", "山西𬭚锐精密制造有限公司", "=1+1"]
    data = io.BytesIO()
    render(with_names(example, names), None, data)
    ws = openpyxl.load_workbook(data)["表彰名单"]
    got = [ws.cell(r, 2) for r in range(2, 2 + len(names))]
    assert [c.value for c in got] == names
    assert got[3].quotePrefix and not got[0].quotePrefix


def test_repeated_texts_in_a_long_column_come_out_right(example):
    """Cell XML of repeated texts is remembered; the rows far past the remembered ones still read right."""
    names = [f"企业{i}" for i in range(5000)]
    data = io.BytesIO()
    render(with_names(example, names), None, data)
    wb = openpyxl.load_workbook(data, read_only=True)
    rows = list(wb["表彰名单"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == names
    assert [r[0] for r in rows] == list(range(1, 5001))
    wb.close()


# --- the style sheet numbers what it is given in the order it is first used ------------------

def test_styles_number_fonts_fills_and_formats_by_first_use():
    base = Font(name="宋体", size=11)
    styles = Styles(base)
    bold = Font(name="宋体", size=11, bold=True)
    grid = Border("thin", "808080")
    a = Look(font=bold, fill=Fill("DDEBF7"), border=grid, horizontal="center")
    b = Look(border=grid, number_format="#,##0.0")
    c = Look(border=grid, number_format="0")                 # built-in format 1
    assert styles.key(a) == (1, 2, 1, 0, 1, 0)                # after the two default fills
    assert styles.key(b) == (0, 0, 1, 164, 2, 0)             # first custom number format
    assert styles.key(c) == (0, 0, 1, 1, 2, 0)
    assert [styles.xf(look) for look in (b, a, b, c)] == [1, 2, 1, 3]
    assert styles.style_attr(Look(vertical=None)) == ""       # nothing set: an unstyled cell
    xml = styles.xml()
    assert '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0"/></numFmts>' in xml
    assert '<cellXfs count="4">' in xml


def test_worksheet_text_is_ascii_with_character_references():
    assert excel_xml.ascii_text("名A&<𬭚") == "&#21517;A&amp;&lt;&#183130;"
    assert excel_xml.ascii_attr('说"\n') == "&#35828;&quot;&#10;"
    assert excel_xml.text("名&") == "名&amp;"
    assert excel_xml.number(37.599999999999994) == "37.59999999999999" and excel_xml.number(28.0) == "28"
    assert excel_xml.column_letter(28) == "AB" and excel_xml.row_and_column("AB12") == (12, 28)
