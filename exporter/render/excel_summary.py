"""Sheet 按单位汇总: each responsible unit's targets side by side, and a chart.

One row per unit, one column per indicator; the cells are SUMIFS formulas
over the 目标责任 sheet, so the summary follows staff edits.  The chart shows
the indicator most units carry (e.g. 固定资产投资 per unit).  Part of
:mod:`exporter.render.excel`.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ..model import TARGET_HEADERS, Targets
from ..text import display_width
from .excel_cells import (
    GRID,
    HEADER,
    TITLE_SIZE,
    BODY_SIZE,
    FormSheet,
    Look,
    decimal_places,
    finish_print,
    lines_needed,
    number_format_for,
    prepare_print,
)
from .excel_book import Book
from .excel_chart import BarChart
from .excel_lists import ListSheet
from .excel_overview import NOTE, TITLE, TOTAL, TOTAL_KEY
from .excel_sheet import Sheet
from .excel_xml import column_letter, quote_sheetname

SUMMARY_SHEET = "按单位汇总"
FIRST_DATA_ROW = 5          # rows 1–2 title and note, 3–4 the two-row header
FIXED = ("序号", "责任单位", "单位类型", "指标数")
FIXED_WIDTHS = [6, 0, 10, 8]  # 0: from the unit names
INDICATOR_MIN_WIDTH = 10
INDICATOR_MAX_WIDTH = 18

RATE_MEASURES = {"%", "％", "‰", "个百分点"}   # growth rates and shares do not add up
CM_PER_WIDTH_UNIT = 0.2      # one Excel width unit (a digit of 11 pt text) on paper

NOTE_TEXT = "目标值由公式按“目标责任”工作表汇总，修改目标责任后自动更新；空白表示该单位没有这项指标。"


class Indicator(NamedTuple):
    name: str
    measure: str | None       # None when units write it in different measures
    number_format: str
    units: int               # how many units carry it


def indicators(targets: Targets) -> list[Indicator]:
    """Indicators in first-seen order, each with its common measure and decimals."""
    measures: dict[str, set] = {}
    places: Counter[str] = Counter()
    units: dict[str, set] = {}
    for t in targets.rows:
        measures.setdefault(t.indicator, set()).add(t.measure)
        places[t.indicator] = max(places[t.indicator], decimal_places(t.value))
        units.setdefault(t.indicator, set()).add(t.unit)
    return [Indicator(name, next(iter(ms)) if len(ms) == 1 else None,
                      number_format_for(places[name]), len(units[name]))
            for name, ms in measures.items()]


def charted(inds: list[Indicator]) -> Indicator:
    """The indicator that most units carry (the first such), for the chart."""
    return max(inds, key=lambda i: i.units)


def write_unit_summary(wb: Book, targets: Targets, sheet: ListSheet, *, sample: bool) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    groups = targets.units()
    inds = indicators(targets)
    widths = _widths(groups, inds)
    prepare_print(ws, sum(widths))
    ws.freeze = f"C{FIRST_DATA_ROW}"
    form = FormSheet(ws, widths)
    form.banner(f"{targets.display_title}（按单位汇总）", TITLE, TITLE_SIZE - 2, lines_pad=1.5)
    form.banner(NOTE_TEXT, NOTE, BODY_SIZE - 1)
    _header_rows(form, inds)
    first = form.row + 1
    looks = _RowLooks.for_indicators(inds)
    for n, (unit, rows) in enumerate(groups.items(), 1):
        _unit_row(form, n, unit, rows[0].unit_type, inds, sheet, looks)
    last = form.row
    _total(form, first, last, inds)
    _chart(ws, inds, first, last, form.row + 2, sum(widths) * CM_PER_WIDTH_UNIT)
    ws.page_break_after(form.row + 1)   # the chart prints on a page of its own
    finish_print(ws, f"{targets.display_title}（按单位汇总）", f"{FIRST_DATA_ROW - 2}:{FIRST_DATA_ROW - 1}",
                 sample)


def _widths(groups: dict, inds: list[Indicator]) -> list[float]:
    unit_width = max([display_width(u) for u in groups] + [8]) + 2
    widths = [unit_width if w == 0 else w for w in FIXED_WIDTHS]
    for ind in inds:
        widths.append(min(max(display_width(ind.name) // 2 + 2, INDICATOR_MIN_WIDTH), INDICATOR_MAX_WIDTH))
    return widths


def _header_rows(form: FormSheet, inds: list[Indicator]) -> None:
    """Indicator names on one row (the SUMIFS criteria), their measures on the next."""
    c = form
    top = form.add([c.cell(h, HEADER) for h in FIXED] + [c.cell(i.name, HEADER) for i in inds],
                   height=_header_height(form, inds))
    form.add([c.cell(None, HEADER) for _ in FIXED]
             + [c.cell(f"（{i.measure}）" if i.measure else None, HEADER) for i in inds], height=18)
    for col in range(1, len(FIXED) + 1):
        letter = column_letter(col)
        form.ws.merge(f"{letter}{top}:{letter}{top + 1}")


def _header_height(form: FormSheet, inds: list[Indicator]) -> float:
    lines = max([lines_needed(i.name, form.widths[len(FIXED) + k]) for k, i in enumerate(inds)] + [1])
    return lines * 15 + 6


class _RowLooks(NamedTuple):
    """The looks of a unit row, made once per sheet.

    Made once rather than per row: a look is resolved to its style once and
    then found by hashing, and four looks per row made afresh for 400 units
    used to cost 1.7 s when each was resolved anew.
    """

    centred: Look
    text: Look
    values: list[Look]

    @classmethod
    def for_indicators(cls, inds: list[Indicator]) -> "_RowLooks":
        by_format: dict[str, Look] = {}
        for ind in inds:
            by_format.setdefault(ind.number_format, Look(border=GRID, number_format=ind.number_format))
        return cls(Look(border=GRID, horizontal="center"), Look(border=GRID),
                   [by_format[ind.number_format] for ind in inds])


def _unit_row(form: FormSheet, n: int, unit: str, unit_type: str, inds: list[Indicator],
              sheet: ListSheet, looks: _RowLooks) -> None:
    r = form.row + 1
    c = form
    unit_col = sheet.whole_column(TARGET_HEADERS["unit"])
    ind_col = sheet.whole_column(TARGET_HEADERS["indicator"])
    value_col = sheet.whole_column(TARGET_HEADERS["value"])
    cells = [
        c.cell(n, looks.centred),
        c.cell(unit, looks.text),
        c.cell(unit_type, looks.centred),
        c.formula(f"=COUNTIF({unit_col},$B{r})", looks.centred),
    ]
    for k, (ind, look) in enumerate(zip(inds, looks.values)):
        head = f"{column_letter(len(FIXED) + k + 1)}${FIRST_DATA_ROW - 2}"
        match = f"{unit_col},$B{r},{ind_col},{head}"
        cells.append(c.formula(f'=IF(COUNTIFS({match})=0,"",SUMIFS({value_col},{match}))', look))
    form.add(cells, height=20)


def _total(form: FormSheet, first: int, last: int, inds: list[Indicator]) -> None:
    """Sums per indicator where the measure is shared and additive (not 亿元 + 家, not rates)."""
    c = form
    cells = [c.cell("合计", TOTAL_KEY), c.cell(None, TOTAL_KEY), c.cell(None, TOTAL_KEY),
             c.formula(f"=SUM(D{first}:D{last})", TOTAL)]
    for k, ind in enumerate(inds):
        col = column_letter(len(FIXED) + k + 1)
        look = Look(font=TOTAL.font, border=GRID, number_format=ind.number_format)
        additive = ind.measure and ind.measure not in RATE_MEASURES
        cells.append(c.formula(f"=SUM({col}{first}:{col}{last})", look) if additive
                     else c.cell(None, look))
    row = form.add(cells, height=20)
    form.ws.merge(f"A{row}:C{row}")


def _chart(ws: Sheet, inds: list[Indicator], first: int, last: int, anchor_row: int,
           width_cm: float) -> None:
    """Columns of the most-carried indicator per unit, under the table, as wide as it."""
    ind = charted(inds)
    col = len(FIXED) + inds.index(ind) + 1
    measure = f"（{ind.measure}）" if ind.measure else ""
    ws.chart = BarChart(
        title=f"各责任单位{ind.name}目标{measure}",
        axis_title=ind.measure or ind.name,
        series_name=ind.name,
        categories=_column_range(ws, 2, first, last),
        values=_column_range(ws, col, first, last),
        anchor_row=anchor_row,
        width_cm=max(width_cm, 16),
        height_cm=10,
    )


def _column_range(ws: Sheet, col: int, first: int, last: int) -> str:
    """``'按单位汇总'!$B$5:$B$15`` (one cell, ``$B$5``, when first is last)."""
    letter = column_letter(col)
    cells = f"${letter}${first}" if first == last else f"${letter}${first}:${letter}${last}"
    return f"{quote_sheetname(ws.title)}!{cells}"
