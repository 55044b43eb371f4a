"""Sheet 按单位汇总: each responsible unit's targets side by side, and a chart.

One row per unit, one column per indicator; the cells are SUMIFS formulas
over the 目标责任 sheet, so the summary follows staff edits.  The chart shows
the indicator most units carry (e.g. 固定资产投资 per unit).  Part of
:mod:`exporter.render.excel`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

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
from .excel_lists import ListSheet
from .excel_overview import NOTE, TITLE, TOTAL, TOTAL_KEY

SUMMARY_SHEET = "按单位汇总"
FIRST_DATA_ROW = 5          # rows 1–2 title and note, 3–4 the two-row header
FIXED = ("序号", "责任单位", "单位类型", "指标数")
FIXED_WIDTHS = [6, 0, 10, 8]  # 0: from the unit names
INDICATOR_MIN_WIDTH = 10
INDICATOR_MAX_WIDTH = 18

RATE_MEASURES = {"%", "％", "‰", "个百分点"}   # growth rates and shares do not add up
CM_PER_WIDTH_UNIT = 0.2      # one Excel width unit (a digit of 11 pt text) on paper

NOTE_TEXT = "目标值由公式按“目标责任”工作表汇总，修改目标责任后自动更新；空白表示该单位没有这项指标。"


@dataclass
class Indicator:
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


def write_unit_summary(wb: Any, targets: Targets, sheet: ListSheet, *, sample: bool) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    groups = targets.units()
    inds = indicators(targets)
    widths = _widths(groups, inds)
    prepare_print(ws, sum(widths))
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    form = FormSheet(ws, widths)
    form.banner(f"{targets.display_title}（按单位汇总）", TITLE, TITLE_SIZE - 2, lines_pad=1.5)
    form.banner(NOTE_TEXT, NOTE, BODY_SIZE - 1)
    _header_rows(form, inds)
    first = form.row + 1
    for n, (unit, rows) in enumerate(groups.items(), 1):
        _unit_row(form, n, unit, rows[0].unit_type, inds, sheet)
    last = form.row
    _total(form, first, last, inds)
    _chart(ws, inds, first, last, form.row + 2, sum(widths) * CM_PER_WIDTH_UNIT)
    ws.row_breaks.append(Break(id=form.row + 1))   # the chart prints on a page of its own
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
        letter = get_column_letter(col)
        form.ws.merged_cells.add(f"{letter}{top}:{letter}{top + 1}")


def _header_height(form: FormSheet, inds: list[Indicator]) -> float:
    lines = max([lines_needed(i.name, form.widths[len(FIXED) + k]) for k, i in enumerate(inds)] + [1])
    return lines * 15 + 6


def _unit_row(form: FormSheet, n: int, unit: str, unit_type: str, inds: list[Indicator],
              sheet: ListSheet) -> None:
    r = form.row + 1
    c = form
    unit_col = sheet.whole_column(TARGET_HEADERS["unit"])
    ind_col = sheet.whole_column(TARGET_HEADERS["indicator"])
    value_col = sheet.whole_column(TARGET_HEADERS["value"])
    cells = [
        c.cell(n, Look(border=GRID, horizontal="center")),
        c.cell(unit, Look(border=GRID)),
        c.cell(unit_type, Look(border=GRID, horizontal="center")),
        c.formula(f"=COUNTIF({unit_col},$B{r})", Look(border=GRID, horizontal="center")),
    ]
    for k, ind in enumerate(inds):
        head = f"{get_column_letter(len(FIXED) + k + 1)}${FIRST_DATA_ROW - 2}"
        match = f"{unit_col},$B{r},{ind_col},{head}"
        cells.append(c.formula(f'=IF(COUNTIFS({match})=0,"",SUMIFS({value_col},{match}))',
                               Look(border=GRID, number_format=ind.number_format)))
    form.add(cells, height=20)


def _total(form: FormSheet, first: int, last: int, inds: list[Indicator]) -> None:
    """Sums per indicator where the measure is shared and additive (not 亿元 + 家, not rates)."""
    c = form
    cells = [c.cell("合计", TOTAL_KEY), c.cell(None, TOTAL_KEY), c.cell(None, TOTAL_KEY),
             c.formula(f"=SUM(D{first}:D{last})", TOTAL)]
    for k, ind in enumerate(inds):
        col = get_column_letter(len(FIXED) + k + 1)
        look = Look(font=TOTAL.font, border=GRID, number_format=ind.number_format)
        additive = ind.measure and ind.measure not in RATE_MEASURES
        cells.append(c.formula(f"=SUM({col}{first}:{col}{last})", look) if additive
                     else c.cell(None, look))
    row = form.add(cells, height=20)
    form.ws.merged_cells.add(f"A{row}:C{row}")


def _chart(ws: Any, inds: list[Indicator], first: int, last: int, anchor_row: int,
           width_cm: float) -> None:
    ind = charted(inds)
    col = len(FIXED) + inds.index(ind) + 1
    chart = BarChart()
    chart.type = "col"
    chart.style = 10
    measure = f"（{ind.measure}）" if ind.measure else ""
    chart.title = f"各责任单位{ind.name}目标{measure}"
    chart.y_axis.title = ind.measure or ind.name
    chart.x_axis.delete = False          # openpyxl 3.1 hides axes unless told otherwise
    chart.y_axis.delete = False
    chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=last))
    chart.series[0].tx = SeriesLabel(v=ind.name)
    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False,
                                     showLegendKey=False, showPercent=False)
    chart.legend = None
    chart.width = max(width_cm, 16)      # as wide as the table above it
    chart.height = 10
    ws.add_chart(chart, f"A{anchor_row}")
