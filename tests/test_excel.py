"""The Excel workbook, read back as staff and their spreadsheets would read it.

openpyxl reads the structure (sheets, tables, panes, dropdowns, formats,
print setup); LibreOffice opens the file, recalculates every formula and
saves it again (one conversion shared by the module), which is also the
"opens without repair" check; a second conversion prints it to PDF, and
PNGs of the first page of 概况 and of 表彰名单 go to tests/artefacts/excel/
for a person to look at.

LibreOffice runs through tests/lo.py (one profile per test session).
"""

from __future__ import annotations

import io
import subprocess
import tracemalloc
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exporter.fonts import resolve_fonts
from exporter.load import load_meeting
from exporter.model import Meeting
from records import awardee
from exporter.render.excel import render, render_list_template
from exporter.text import display_width
from lo import convert

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example" / "meeting.yaml"
ARTEFACTS = ROOT / "tests" / "artefacts" / "excel"

HOSTILE = ['=HYPERLINK("http://x","y")', "+1-2", "@SUM(A1)", "-2+3", "=1+1"]


# --- building and reading ----------------------------------------------------------------

@pytest.fixture(scope="module")
def example() -> Meeting:
    return load_meeting(EXAMPLE)


def rendered(meeting: Meeting) -> bytes:
    buf = io.BytesIO()
    render(meeting, None, buf)
    return buf.getvalue()


def read(data: bytes, **kw) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


@pytest.fixture(scope="module")
def data(example) -> bytes:
    return rendered(example)


@pytest.fixture(scope="module")
def wb(data) -> openpyxl.Workbook:
    return read(data)


def with_awards(m: Meeting, **changes) -> Meeting:
    return m.replace(awards=m.awards.replace(**changes))


def many_awardees(m: Meeting, n: int) -> Meeting:
    """The example with ``n`` awardees (unique names), for size and memory checks."""
    base = m.awards.rows
    rows = [base[i % len(base)]._replace(name=f"{base[i % len(base)].name}{i}", no=i + 1)
            for i in range(n)]
    return with_awards(m, rows=rows, expected=None)


def hostile_meeting(m: Meeting) -> Meeting:
    """Awardees named like formulas, validated as the loader would (normalised text)."""
    rows = [awardee(**{"name": name, "category": "企业", "award": "@奖项",
                                    "note": "=cmd|' /C calc'!A0", "extra": {"推荐部门": "+部门"}})
            for name in HOSTILE]
    return with_awards(m, rows=list(m.awards.rows) + rows, expected=None)


def find_row(ws, first_value: str) -> tuple:
    """The values of the first row on ``ws`` whose column A is ``first_value``."""
    for row in ws.iter_rows(values_only=True):
        if row and row[0] == first_value:
            return row
    raise AssertionError(f"no row starting with {first_value!r} on {ws.title}")


def find_cell(ws, value: str):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not on {ws.title}")


# --- LibreOffice (tests/lo.py) ----------------------------------------------------------------

@pytest.fixture(scope="module")
def recalculated(data, tmp_path_factory) -> openpyxl.Workbook:
    """The example as LibreOffice opens, recalculates and saves it: the module's one round trip."""
    base = tmp_path_factory.mktemp("lo")
    src = base / "example.xlsx"
    src.write_bytes(data)
    out = convert(src, "xlsx", base / "out")
    assert out.stat().st_size > 0
    return openpyxl.load_workbook(out, data_only=True)


# --- structure -------------------------------------------------------------------------------

def test_sheets_are_the_overview_the_two_lists_and_the_unit_summary(wb):
    assert wb.sheetnames == ["概况", "表彰名单", "目标责任", "按单位汇总"]
    assert wb.active.title == "概况"


def test_lists_are_excel_tables_with_filter_and_banded_rows(wb):
    for sheet, ref in (("表彰名单", "A1:H93"), ("目标责任", "A1:J45")):
        (table,) = wb[sheet].tables.values()
        assert table.ref == ref and table.autoFilter.ref == ref
        assert table.tableStyleInfo.name.startswith("TableStyle") and table.tableStyleInfo.showRowStripes
        headers = [c.value for c in wb[sheet][1]]
        assert [c.name for c in table.tableColumns] == headers


def test_every_awardee_row_is_there_with_the_extra_column(wb, example):
    ws = wb["表彰名单"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("序号", "名称", "类别", "奖项", "所属园区", "统一社会信用代码", "备注", "推荐部门")
    assert len(rows) - 1 == len(example.awards.rows) == 92
    for got, a in zip(rows[1:], example.awards.rows):
        assert got == (a.no, a.name, a.category, a.award, a.park, a.credit_code, a.note, a.extra["推荐部门"])
    assert any("𬭚" in r[1] for r in rows[1:])          # outside the BMP, intact


def test_every_target_row_has_numbers_as_numbers_and_dates_as_dates(wb, example):
    ws = wb["目标责任"]
    rows = list(ws.iter_rows(min_row=2))
    assert [c.value for c in ws[1]][-1] == "考核权重"
    assert len(rows) == len(example.targets.rows) == 44
    for cells, t in zip(rows, example.targets.rows):
        value, deadline, weight = cells[4], cells[6], cells[9]
        assert value.data_type == "n" and Decimal(str(value.value)) == t.value
        assert value.number_format.startswith("#,##0")
        assert deadline.is_date and deadline.value.date() == t.deadline
        assert deadline.number_format == 'yyyy"年"m"月"d"日"'
        assert weight.data_type == "n" and weight.value == int(t.extra["考核权重"])
    growth = next(r for r in rows if r[4].value == 6.9)       # 6.9 %: one decimal, 25 家: none
    assert growth[4].number_format == "#,##0.0"
    assert rows[0][4].value == 25 and rows[0][4].number_format == "#,##0"


def test_header_row_is_frozen_and_styled(wb):
    for sheet in ("表彰名单", "目标责任"):
        ws = wb[sheet]
        assert ws.freeze_panes == "A2"
        assert all(c.font.b and c.fill.fgColor.rgb.endswith("DDEBF7") for c in ws[1])


def test_column_widths_count_chinese_characters_double(wb, example):
    ws = wb["表彰名单"]
    longest = max(display_width(a.name) for a in example.awards.rows)
    assert ws.column_dimensions["B"].width == longest + 2            # 名称
    assert ws.column_dimensions["F"].width >= 18 + 2                 # 18 Latin characters of a credit code
    assert ws.column_dimensions["C"].width < ws.column_dimensions["D"].width < ws.column_dimensions["B"].width


def test_long_text_wraps_in_a_capped_column(example):
    long_award = "高质量发展突出贡献企业" * 4                  # 88 Latin widths
    rows = [example.awards.rows[0]._replace(award=long_award), *example.awards.rows[1:]]
    ws = read(rendered(with_awards(example, rows=rows)))["表彰名单"]
    assert ws.column_dimensions["D"].width == 44
    assert ws["D2"].value == long_award and ws["D2"].alignment.wrap_text


def test_dropdowns_on_category_and_unit_type(wb):
    (awards,) = wb["表彰名单"].data_validations.dataValidation
    assert str(awards.sqref) == "C2:C93" and awards.type == "list"
    assert awards.formula1 == '"企业,单位"' and awards.showErrorMessage
    (targets,) = wb["目标责任"].data_validations.dataValidation
    assert str(targets.sqref) == "C2:C45" and targets.formula1 == '"园区,招商中心"'


def test_many_categories_take_their_dropdown_from_the_overview(example):
    cats = [f"第{i}类获奖企业名称较长的类别" for i in range(20)]
    rows = [a._replace(category=cats[i % 20]) for i, a in enumerate(example.awards.rows)]
    wb = read(rendered(with_awards(example, rows=rows, expected=None)))
    (dv,) = wb["表彰名单"].data_validations.dataValidation
    sheet, cells = dv.formula1.split("!")
    assert sheet == "'概况'"
    first, last = (c.replace("$", "") for c in cells.split(":"))
    listed = [c.value for row in wb["概况"][first:last] for c in row]
    assert listed == cats


# --- 概况: facts and formulas ----------------------------------------------------------------

def test_overview_states_the_meeting_facts(wb, example):
    ws = wb["概况"]
    assert ws["A1"].value == example.meeting.title
    facts = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row[0] and row[1]}
    assert facts["日期"] == datetime(2024, 3, 11)
    assert facts["地点"] == "潇河国际会议中心"
    assert facts["主持"].startswith("张效生（")
    assert facts["表彰决定"] == "《关于2023年度高质量发展表彰决定》"
    assert facts["宣读"].startswith("陈曦")
    assert "翟振新" in facts["到会指导"] and "郭海斌" in facts["到会指导"]
    assert find_cell(ws, datetime(2024, 3, 11)).number_format == 'yyyy"年"m"月"d"日"'


def test_a_long_title_breaks_before_ji_at_a_word_boundary(example):
    """The overview's title uses the briefing's rule: whole words, the break before 暨."""
    title = "临港经济开发区2025年安全生产工作会议暨第一季度安全形势分析会"
    m = example.replace(meeting=example.meeting.replace(title=title))
    ws = read(rendered(m))["概况"]
    assert ws["A1"].value == "临港经济开发区2025年安全生产工作会议\n暨第一季度安全形势分析会"
    assert ws.row_dimensions[1].height >= 2 * 16


def test_sample_data_says_so_on_the_overview_and_every_printed_page(wb):
    ws = wb["概况"]
    assert ws["A2"].value.startswith("样例")
    assert ws["A2"].font.color.rgb.endswith("C00000")
    assert all(s.oddHeader.right.text == "样例" for s in wb.worksheets)


def test_not_sample_no_sample_mark(example):
    wb = read(rendered(example.replace(sample=False)))
    assert not any("样例" in str(c.value) for row in wb["概况"].iter_rows() for c in row)
    assert all(s.oddHeader.right.text is None for s in wb.worksheets)


def test_overview_counts_are_formulas_over_the_lists(wb):
    ws = wb["概况"]
    r = find_cell(ws, "企业").row
    assert ws[f"B{r}"].value == 69
    assert ws[f"C{r}"].value == f"=COUNTIF('表彰名单'!$C:$C,$A{r})"
    assert ws[f"D{r}"].value == f'=IF(ISNUMBER($B{r}),$C{r}-$B{r},"")'
    r = find_cell(ws, "园区").row
    assert ws[f"C{r}"].value == (f"=SUMPRODUCT(('目标责任'!$C$2:$C$45=$A{r})"
                                 f"/COUNTIF('目标责任'!$B$2:$B$45,'目标责任'!$B$2:$B$45&\"\"))")
    formulas = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] == "="]
    assert not any(f in " ".join(formulas) for f in ("UNIQUE(", "FILTER(", "LET(", "XLOOKUP("))


def test_differences_are_highlighted_by_conditional_formatting(wb):
    ws = wb["概况"]
    ranges = {str(cf.sqref): cf.rules for cf in ws.conditional_formatting}
    first = find_cell(ws, "企业").row
    total = first + 2
    rules = ranges[f"D{first}:E{total}"]
    assert rules[0].formula == [f"AND(ISNUMBER($D{first}),$D{first}<>0)"]
    assert rules[0].dxf.fill.fgColor.rgb.endswith("FFC7CE")


def test_libreoffice_recalculates_the_counts(recalculated):
    ws = recalculated["概况"]
    assert find_row(ws, "企业")[:5] == ("企业", 69, 69, 0, "一致")
    assert find_row(ws, "单位")[:5] == ("单位", 23, 23, 0, "一致")
    assert find_row(ws, "园区")[:5] == ("园区", 6, 6, 0, "一致")
    assert find_row(ws, "招商中心")[:5] == ("招商中心", 5, 5, 0, "一致")
    assert find_row(ws, "东湖园区")[1] == 12


def test_unit_summary_adds_up_each_units_targets(recalculated, example):
    ws = recalculated["按单位汇总"]
    header = [c.value for c in ws[3]]
    row = find_row(ws, 1)                             # 序号 1: the first unit
    assert row[1] == "东湖园区" and row[2] == "园区" and row[3] == 5
    for t in example.targets.units()["东湖园区"]:
        assert Decimal(str(row[header.index(t.indicator)])) == t.value
    assert find_row(ws, "合计")[3] == 44


# --- the chart and the printed page -------------------------------------------------------

def test_chart_shows_one_indicator_per_unit(data, wb):
    (chart,) = wb["按单位汇总"]._charts
    assert chart.tagname == "barChart" and chart.type == "col"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/charts/chart1.xml").decode()
    assert "固定资产投资" in xml
    assert "'按单位汇总'!$B$5:$B$15" in xml           # the 11 units are the categories


def test_print_setup_on_every_sheet(wb):
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title                        # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页", ws.title
    assert wb["概况"].page_setup.orientation == "portrait"
    assert wb["表彰名单"].page_setup.orientation == "landscape"      # eight columns
    assert wb["表彰名单"].print_title_rows == "$1:$1"
    assert wb["目标责任"].print_title_rows == "$1:$1"
    assert wb["按单位汇总"].print_title_rows == "$3:$4"
    assert wb["表彰名单"].oddHeader.center.text == "2023年度高质量发展受表彰企业和单位名单"


def test_pdf_of_the_workbook_for_a_person_to_look_at(data):
    """Also: LibreOffice prints it (fonts via the alias file), 概况 first, footer on each page."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    src = ARTEFACTS / "workbook.xlsx"
    src.write_bytes(data)
    pdf = convert(src, "pdf", ARTEFACTS, fonts=resolve_fonts())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    assert "样例" in pages[0] and "会议信息" in pages[0]
    assert all(f"第{i}页共" in p.replace(" ", "") for i, p in enumerate(pages[:-1], 1))
    awards_page = next(i for i, p in enumerate(pages) if "山西喆源新能源科技有限公司" in p)
    assert "统一社会信用代码" in pages[awards_page]
    for first, name in ((1, "overview"), (awards_page + 1, "awards")):
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", str(first), "-l", str(first), "-singlefile",
                        str(pdf), str(ARTEFACTS / name)], check=True)
        assert (ARTEFACTS / f"{name}.png").stat().st_size > 0


# --- safety, determinism, properties -------------------------------------------------------

def test_text_that_looks_like_a_formula_stays_text(example):
    data = rendered(hostile_meeting(example))
    ws = read(data)["表彰名单"]
    names = {c.value: c for c in ws["B"][1:]}
    for name in HOSTILE:
        cell = names[name]
        assert cell.data_type == "s" and cell.value == name
        assert cell.quotePrefix                        # Excel keeps it text when it is edited
        row = cell.row
        assert ws[f"D{row}"].value == "@奖项" and ws[f"D{row}"].data_type == "s"
        assert ws[f"G{row}"].value == "=cmd|' /C calc'!A0" and ws[f"G{row}"].data_type == "s"
        assert ws[f"H{row}"].value == "+部门"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet2.xml").decode()


def test_hostile_text_on_the_overview_stays_text(example):
    m = example.replace(meeting=example.meeting.replace(venue="=1+2"))
    ws = read(rendered(m))["概况"]
    cell = find_cell(ws, "=1+2")
    assert cell.data_type == "s" and cell.quotePrefix


def test_same_input_same_bytes(example, data):
    assert rendered(example) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 3, 11, 0, 0, 0)}


def test_document_properties_come_from_the_meeting(wb, example):
    p = wb.properties
    assert p.title.startswith(example.meeting.title)
    assert p.creator == example.issuer.name == "山西转型综合改革示范区管理委员会"
    assert p.created == p.modified == datetime(2024, 3, 11)


def test_meeting_without_lists_is_just_the_overview(example):
    wb = read(rendered(example.replace(awards=None, targets=None)))
    assert wb.sheetnames == ["概况"]
    assert find_cell(wb["概况"], "会议名称")


def test_empty_lists_still_make_valid_tables(example):
    m = example.replace(
        awards=example.awards.replace(rows=[], expected=None),
        targets=example.targets.replace(rows=[], expected=None),
    )
    wb = read(rendered(m))
    assert wb.sheetnames == ["概况", "表彰名单", "目标责任"]
    (table,) = wb["表彰名单"].tables.values()
    assert table.ref == "A1:G2" and wb["表彰名单"]["B2"].value is None   # the 7 canonical columns


# --- size ---------------------------------------------------------------------------------------

class _Discard(io.RawIOBase):
    """A write-only stream that keeps nothing, so only the renderer's memory is measured."""

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        return len(b)


def _peak_bytes(meeting: Meeting) -> int:
    tracemalloc.start()
    try:
        render(meeting, None, _Discard())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_stays_flat_as_the_list_grows(example):
    """Rows are streamed: ten times the awardees must not take ten times the memory."""
    render(example, None, _Discard())                      # imports and caches out of the way
    small = _peak_bytes(many_awardees(example, 2_000))
    large = _peak_bytes(many_awardees(example, 20_000))
    assert large < 2 * small, (small, large)


def test_big_list_is_complete(example):
    wb = read(rendered(many_awardees(example, 3_000)), read_only=True)
    ws = wb["表彰名单"]
    last = list(ws.iter_rows(min_row=3001, max_row=3002, values_only=True))
    assert len(last) == 1 and last[0][0] == 3000 and last[0][1].endswith("2999")
    wb.close()


def test_the_workbooks_lists_load_back_as_the_same_rows(example, data, tmp_path):
    """Staff edit the workbook and use it as the next meeting's list file."""
    (tmp_path / "workbook.xlsx").write_bytes(data)
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("list: 表彰名单.csv", "list: workbook.xlsx#表彰名单")
    text = text.replace("list: 目标责任.xlsx#目标任务", "list: workbook.xlsx#目标责任")
    (tmp_path / "meeting.yaml").write_text(text, encoding="utf-8")
    again = load_meeting(tmp_path / "meeting.yaml")
    assert again.awards.rows == example.awards.rows
    assert again.targets.rows == example.targets.rows


# --- the list template for `exporter init` --------------------------------------------------

def template(**kw) -> bytes:
    buf = io.BytesIO()
    args = dict(headers=["序号", "名称", "类别", "奖项"], dropdowns={"类别": ["企业", "单位"]},
                sheet_title="表彰名单", sample_rows=[[1, "山西某某科技有限公司", "企业", "=奖项"]])
    render_list_template(buf, **{**args, **kw})
    return buf.getvalue()


def test_list_template_has_header_dropdowns_and_widths():
    data = template()
    wb = read(data)
    assert wb.sheetnames == ["表彰名单"]
    ws = wb.active
    assert [c.value for c in ws[1]] == ["序号", "名称", "类别", "奖项"]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
    assert ws["B2"].value == "山西某某科技有限公司" and ws["D2"].data_type == "s"
    (dv,) = ws.data_validations.dataValidation
    assert str(dv.sqref) == "C2:C1048576" and dv.formula1 == '"企业,单位"'
    assert ws.column_dimensions["B"].width >= display_width("山西某某科技有限公司")
    assert ws.page_setup.paperSize == 9 and ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert template() == data


def test_list_template_writes_a_date_as_a_date_shown_as_in_the_workbook():
    """目标责任.xlsx from `exporter init`: 完成时限 is a real date (sorts, filters), printed 2024年12月31日."""
    from exporter.model import TARGET_HEADERS

    headers = list(TARGET_HEADERS.values())
    sample = [1, "示例园区", "园区", "固定资产投资", 100, "亿元", date(2024, 12, 31), "园区主要负责人", ""]
    ws = read(template(headers=headers, dropdowns={"单位类型": ["园区", "招商中心"]}, sheet_title="目标责任",
                       sample_rows=[sample]))["目标责任"]
    deadline = ws.cell(2, headers.index("完成时限") + 1)
    assert deadline.is_date and deadline.value == datetime(2024, 12, 31)
    assert deadline.number_format == 'yyyy"年"m"月"d"日"'
    assert ws.column_dimensions[deadline.column_letter].width >= display_width("2024年12月31日")
    assert ws.cell(2, 2).value == "示例园区" and ws.cell(2, 5).value == 100


def test_list_template_with_long_choices_lists_them_on_a_sheet():
    choices = [f"选项{i}, with a comma" for i in range(5)]
    wb = read(template(dropdowns={"类别": choices}))
    assert wb.sheetnames == ["表彰名单", "下拉选项"]
    (dv,) = wb["表彰名单"].data_validations.dataValidation
    assert dv.formula1 == "'下拉选项'!$A$2:$A$6"
    assert [c.value for c in wb["下拉选项"]["A"][1:]] == choices
