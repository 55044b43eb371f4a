"""Sheet 概况: the meeting's facts, and the lists checked against what was announced.

The counts are formulas over the list sheets, so they stay right when staff
edit the lists; a difference from the announced number is shown in red by
conditional formatting.  Every formula uses functions that Excel 2007+, WPS
and LibreOffice all compute (COUNTIF, COUNTA, SUMPRODUCT, IF, ISNUMBER): no
dynamic arrays.  Part of :mod:`exporter.render.excel`.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterator

from ..model import AWARDEE_HEADERS, TARGET_HEADERS, Meeting, Person
from ..text import balanced_lines
from .excel_cells import (
    ALERT_FILL,
    ALERT_FONT,
    BOLD_FONT,
    DATE_FORMAT,
    GRID,
    HEADER,
    NOTE_FONT,
    SAMPLE_FONT,
    SECTION_FILL,
    SECTION_FONT,
    SECTION_SIZE,
    TITLE_FONT,
    TITLE_SIZE,
    BODY_SIZE,
    DEFAULT_ROW_PT,
    LINE_PT,
    FormSheet,
    Look,
    finish_print,
    lines_needed,
    prepare_print,
)
from .excel_book import Book
from .excel_lists import ListSheet
from .excel_xml import quote_sheetname

OVERVIEW_SHEET = "概况"
WIDTHS = (16, 18, 18, 18, 18)      # label, then four number columns (portrait A4, unscaled)
ROW_PT = 20.0
SECTION_PT = SECTION_SIZE * 1.8

LABEL = Look(font=BOLD_FONT, fill=SECTION_FILL, border=GRID, horizontal="center", wrap=True)
VALUE = Look(border=GRID, horizontal="left", wrap=True)
DATE_VALUE = Look(border=GRID, horizontal="left", number_format=DATE_FORMAT)
KEY = Look(border=GRID, wrap=True)
COUNT = Look(border=GRID, horizontal="center", number_format="0")
TOTAL_KEY = Look(font=BOLD_FONT, border=GRID, horizontal="center")
TOTAL = Look(font=BOLD_FONT, border=GRID, horizontal="center", number_format="0")
SECTION = Look(font=SECTION_FONT, vertical="center")
TITLE = Look(font=TITLE_FONT, horizontal="center", wrap=True)
SAMPLE = Look(font=SAMPLE_FONT, horizontal="left", wrap=True)
NOTE = Look(font=NOTE_FONT, horizontal="left", wrap=True)
VERDICT = Look(border=GRID, horizontal="center")

SAMPLE_NOTE = "样例：本工作簿中的表彰名单和目标责任是虚构的样例数据，仅供演示格式，不是正式名单。"
FORMULA_NOTE = ("说明：名单数、单位数由公式按“表彰名单”“目标责任”工作表统计，修改名单后自动更新；"
                "与会上宣布的数量不一致时，差额和核对两列标红。")


def person(p: Person | None) -> str | None:
    """张效生（山西转型综改示范区党工委副书记、管委会副主任）"""
    if p is None:
        return None
    return f"{p.name}（{p.position}）" if p.position else p.name


def meeting_facts(m: Meeting) -> Iterator[tuple[str, str | date]]:
    """The facts as label/value pairs, in the order a reader checks them."""
    info = m.meeting
    yield "会议名称", info.title
    yield "日期", info.date
    if info.time:
        yield "时间", info.time
    yield "地点", info.venue
    yield "发布单位", m.issuer.name
    if info.host:
        yield "主持", person(info.host)
    roles: dict[str, list[str]] = {}
    for guest in info.guests:
        roles.setdefault(guest.role or "出席", []).append(person(guest))
    for role, names in roles.items():
        yield role, "\n".join(names)
    if info.speeches:
        yield "讲话", "\n".join(person(s.speaker) for s in info.speeches)
    if info.agenda:
        yield "会议议程", "\n".join(f"{i}．{item}" for i, item in enumerate(info.agenda, 1))
    if m.awards:
        yield "表彰决定", f"《{m.awards.decision}》"
        if m.awards.announced_by:
            yield "宣读", person(m.awards.announced_by)
        if m.awards.statements:
            yield "表态发言", f"{m.awards.statements}家获奖单位代表"
    if m.targets:
        yield "目标责任书", m.targets.display_title
    if info.attendees:
        yield "出席人员", "\n".join(info.attendees)
    if info.source:
        yield "信息来源", info.source
    if m.briefing.date:
        yield "简报日期", m.briefing.date


def write_overview(wb: Book, m: Meeting, awards: ListSheet | None,
                   targets: ListSheet | None) -> dict[str, str]:
    """Write 概况; returns the cell ranges holding each dropdown's choices."""
    ws = wb.create_sheet(OVERVIEW_SHEET)
    prepare_print(ws, sum(WIDTHS))
    form = FormSheet(ws, WIDTHS)
    title = title_lines(m.meeting.title, form.span_width(1, len(WIDTHS)), TITLE_SIZE)
    form.banner(title, TITLE, TITLE_SIZE, lines_pad=1.5)
    if m.sample:
        form.banner(SAMPLE_NOTE, SAMPLE, SECTION_SIZE)
    _section(form, "会议信息")
    for label, value in meeting_facts(m):
        _fact(form, label, value)
    choices: dict[str, str] = {}
    if awards is not None and m.awards is not None and m.awards.categories():
        _section(form, "表彰名单核对", len(m.awards.categories()) + 2)
        choices[AWARDEE_HEADERS["category"]] = _awards_check(form, m, awards)
        parks = [p for p in dict.fromkeys(a.park for a in m.awards.rows) if p]
        if parks:
            _section(form, "表彰名单按所属园区", len(parks) + 1)
            _parks(form, parks, awards)
    if targets is not None and m.targets is not None and m.targets.unit_types():
        _section(form, "目标责任核对", len(m.targets.unit_types()) + 2)
        choices[TARGET_HEADERS["unit_type"]] = _targets_check(form, m, targets)
    form.blank()
    form.banner(FORMULA_NOTE, NOTE, BODY_SIZE - 1)
    finish_print(ws, OVERVIEW_SHEET, None, m.sample)
    return choices


def _section(form: FormSheet, title: str, table_rows: int = 0) -> None:
    """A heading; with ``table_rows``, moved to a new page when its table would not fit."""
    form.keep(DEFAULT_ROW_PT + SECTION_PT + table_rows * ROW_PT)
    if not form.at_page_top:
        form.blank()
    form.add([form.cell(title, SECTION)], height=SECTION_PT)


def title_lines(text: str, width: float, size: float) -> str:
    """The meeting's title for a cell ``width`` units wide at ``size`` pt, in balanced lines.

    The shared title rule (:func:`exporter.text.balanced_lines`: whole words,
    an even shape, a break before 暨) at the measure :func:`lines_needed`
    wraps at, so the row height computed for the banner fits the lines.
    """
    usable_columns = int(max(width - 1, 1) * BODY_SIZE / size)
    return "\n".join(balanced_lines(text, usable_columns / 2))


def _fact(form: FormSheet, label: str, value: str | date) -> None:
    span = len(form.widths)
    look = DATE_VALUE if isinstance(value, date) else VALUE
    lines = 1 if isinstance(value, date) else lines_needed(value, form.span_width(2, span))
    filler = [form.cell(None, look) for _ in range(span - 2)]
    form.add([form.cell(label, LABEL), form.cell(value, look), *filler],
             height=max(lines * LINE_PT + 5, 20), merge=(2, span))


def _header(form: FormSheet, titles: list[str]) -> None:
    form.add([form.cell(t, HEADER) for t in titles], height=ROW_PT)


def _comparison(form: FormSheet, r: int, number: Look, text: Look) -> list:
    """差额 and 核对 of row ``r``: listed minus announced, and whether they agree."""
    return [form.formula(f'=IF(ISNUMBER($B{r}),$C{r}-$B{r},"")', number),
            form.formula(f'=IF(ISNUMBER($B{r}),IF($D{r}=0,"一致","不一致"),"未宣布")', text)]


def _check_block(form: FormSheet, titles: list[str], keys: list[str], expected: dict[str, int],
                 listed: Callable[[int], str], total_listed: str) -> str:
    """Key | announced | listed (formula) | difference | verdict, a total row, differences in red.

    Returns the range of the keys (the dropdown's choices when they are too
    long to write into the rule).
    """
    _header(form, titles)
    rows = []
    for key in keys:
        r = form.row + 1
        rows.append(form.add([form.cell(key, KEY), form.cell(expected.get(key), COUNT),
                              form.formula(listed(r), COUNT),
                              *_comparison(form, r, COUNT, VERDICT)], height=ROW_PT))
    first, last, r = rows[0], rows[-1], form.row + 1
    announced = form.formula(f"=SUM(B{first}:B{last})", TOTAL) if expected else form.cell(None, TOTAL)
    form.add([form.cell("合计", TOTAL_KEY), announced, form.formula(total_listed, TOTAL),
              *_comparison(form, r, TOTAL, TOTAL_KEY)], height=ROW_PT)
    _highlight_differences(form, first, r)
    return f"{quote_sheetname(OVERVIEW_SHEET)}!$A${first}:$A${last}"


def _highlight_differences(form: FormSheet, first: int, last: int) -> None:
    """Red where the list does not match the announcement (the reason this sheet exists)."""
    form.ws.highlight(f"D{first}:E{last}", f"AND(ISNUMBER($D{first}),$D{first}<>0)", ALERT_FONT, ALERT_FILL)


def _awards_check(form: FormSheet, m: Meeting, sheet: ListSheet) -> str:
    """Awardees per category: COUNTIF over the whole 类别 column (rows staff add count too)."""
    category = sheet.whole_column(AWARDEE_HEADERS["category"])
    names = sheet.whole_column(AWARDEE_HEADERS["name"])
    return _check_block(form, ["类别", "会上宣布", "名单数", "差额", "核对"], m.awards.categories(),
                        m.awards.expected or {}, lambda r: f"=COUNTIF({category},$A{r})",
                        f"=COUNTA({names})-1")


def _targets_check(form: FormSheet, m: Meeting, sheet: ListSheet) -> str:
    """Distinct units per type: SUMPRODUCT((type=X)/COUNTIF(unit,unit&"")) over the table rows."""
    units = sheet.data_range(TARGET_HEADERS["unit"])
    types = sheet.data_range(TARGET_HEADERS["unit_type"])
    per_unit = f'COUNTIF({units},{units}&"")'
    return _check_block(form, ["单位类型", "会上宣布", "名单单位数", "差额", "核对"],
                        m.targets.unit_types(), m.targets.expected or {},
                        lambda r: f"=SUMPRODUCT(({types}=$A{r})/{per_unit})",
                        f'=SUMPRODUCT(({units}<>"")/{per_unit})')


def _parks(form: FormSheet, parks: list[str], sheet: ListSheet) -> None:
    _header(form, ["所属园区", "名单数"])
    park = sheet.whole_column(AWARDEE_HEADERS["park"])
    for name in parks:
        form.add([form.cell(name, KEY),
                  form.formula(f"=COUNTIF({park},$A{form.row + 1})", COUNT)], height=ROW_PT)
