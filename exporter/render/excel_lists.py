"""The list sheets of the workbook: 表彰名单 and 目标责任, one row per input row.

Each list is an Excel table (ListObject) with autofilter and banded rows,
its header frozen and repeated on every printed page, every input column
kept (extra columns too), numbers and dates as real numbers and dates, and a
dropdown on the category column.  Part of :mod:`exporter.render.excel`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter
from typing import Any, Callable, Iterable, Iterator, Sequence

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from ..model import AWARDEE_HEADERS, TARGET_HEADERS, Awards, Targets
from .prose import awards_attachment_title, targets_attachment_title
from .excel_cells import (
    BODY,
    GRID,
    HEADER,
    MAX_PLACES,
    MAX_ROWS,
    ListColumn,
    Look,
    finish_print,
    fits_inline,
    is_formula_like,
    make_cell,
    list_validation,
    measure_columns,
    number_format_for,
    prepare_print,
    set_widths,
    styled_cell,
)
from .excel_rows import (
    CellWriter,
    RowSplice,
    date_cells,
    integer_cells,
    number_cells,
    part_name,
    text_cells,
)

AWARDS_SHEET = "表彰名单"
TARGETS_SHEET = "目标责任"
TABLE_STYLE = "TableStyleMedium2"

_KINDS = {"no": "int", "value": "number", "deadline": "date"}


def _canonical(key: str, header: str) -> ListColumn:
    """Rows are (position, record); 序号 defaults to the position."""
    if key == "no":
        return ListColumn(header, lambda row: row[1].no or row[0], "int")
    get = attrgetter(key)
    return ListColumn(header, lambda row: get(row[1]), _KINDS.get(key, "text"))


def _extra(header: str, key: str) -> ListColumn:
    return ListColumn(header, lambda row: row[1].extra.get(key), "auto")


def _columns(headers: dict[str, str], extras: list[str]) -> list[ListColumn]:
    """The canonical columns in contract order (a fixed layout staff learn), then the extras."""
    columns = [_canonical(key, header) for key, header in headers.items()]
    taken = set(headers.values())
    for name in extras:
        header = " ".join(name.split())     # a line break in a table header makes Excel repair the file
        while header in taken:              # table headers must be unique
            header += "（附加）"
        taken.add(header)
        columns.append(_extra(header, name))
    return columns


@dataclass
class ListSheet:
    """A list sheet's place in the workbook: what formulas on other sheets refer to."""

    title: str
    columns: list[ListColumn]
    rows: Callable[[], Iterator[tuple[int, Any]]]
    count: int
    table_name: str
    dropdowns: dict[str, list[str]] = field(default_factory=dict)
    caption: str = ""

    @property
    def last_row(self) -> int:
        """The table's last row: at least row 2 (a table needs a data row)."""
        return max(self.count, 1) + 1

    def letter(self, header: str) -> str:
        return get_column_letter(self.headers.index(header) + 1)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def whole_column(self, header: str) -> str:
        """``'表彰名单'!$C:$C`` — stays right when staff add rows below the table."""
        col = self.letter(header)
        return f"{quote_sheetname(self.title)}!${col}:${col}"

    def data_range(self, header: str) -> str:
        """``'目标责任'!$B$2:$B$45`` — the table's rows only (for array formulas)."""
        col = self.letter(header)
        return f"{quote_sheetname(self.title)}!${col}$2:${col}${self.last_row}"


def _numbered(rows: Sequence[Any]) -> Callable[[], Iterator[tuple[int, Any]]]:
    return lambda: iter(enumerate(rows, 1))


def awards_sheet(awards: Awards) -> ListSheet:
    return ListSheet(
        AWARDS_SHEET, _columns(AWARDEE_HEADERS, awards.extra_columns()), _numbered(awards.rows),
        len(awards.rows), "表彰名单表", {AWARDEE_HEADERS["category"]: awards.categories()},
        awards_attachment_title(awards),
    )


def targets_sheet(targets: Targets) -> ListSheet:
    return ListSheet(
        TARGETS_SHEET, _columns(TARGET_HEADERS, targets.extra_columns()), _numbered(targets.rows),
        len(targets.rows), "目标责任表", {TARGET_HEADERS["unit_type"]: targets.unit_types()},
        targets_attachment_title(targets),
    )


def column_look(col: ListColumn) -> Look:
    horizontal = "center" if col.kind in ("int", "date") else None
    return Look(border=GRID, horizontal=horizontal, wrap=col.wrap, number_format=col.number_format)


def cell_writer(ws: Any, col: ListColumn) -> CellWriter:
    """How the column's cells are serialised, with their styles registered in the workbook."""
    look = column_look(col)

    def style(variant: Look) -> int:
        return styled_cell(ws, variant).style_id

    if col.kind == "number":
        return number_cells([style(replace(look, number_format=number_format_for(places)))
                             for places in range(MAX_PLACES + 1)])
    if col.kind == "int":
        return integer_cells(style(look))
    if col.kind == "date":
        return date_cells(style(look))
    return text_cells(style(look), style(replace(look, quote=True)), is_formula_like)


def write_list_sheet(wb: Any, sheet: ListSheet, *, sample: bool,
                     dropdown_ranges: dict[str, str] | None = None) -> RowSplice:
    """The sheet with its table, widths, frozen header, dropdowns and print setup.

    Returns the data rows, which the package writer splices into the sheet
    (:mod:`exporter.render.excel_rows`); openpyxl writes the rest.
    """
    ws = wb.create_sheet(sheet.title)
    measure_columns(sheet.columns, sheet.rows)
    _prepare(ws, [c.width for c in sheet.columns])
    ws.append([make_cell(ws, c.header, HEADER) for c in sheet.columns])
    writers = [(c.value, cell_writer(ws, c)) for c in sheet.columns]
    ref = f"A1:{get_column_letter(len(sheet.columns))}{sheet.last_row}"
    with warnings.catch_warnings():
        # openpyxl warns that write-only tables need their columns set by hand: _table does.
        warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
        ws.add_table(_table(sheet.table_name, ref, sheet.headers))
    for header, values in sheet.dropdowns.items():
        if values:
            col = sheet.letter(header)
            fallback = (dropdown_ranges or {}).get(header)
            ws.data_validations.append(
                list_validation(values, f"{col}2:{col}{sheet.last_row}", header, fallback))
    finish_print(ws, sheet.caption or sheet.title, "1:1", sample)
    return RowSplice(part_name(wb, ws), 2, writers, sheet.rows)


def _prepare(ws: Any, widths: Sequence[float]) -> None:
    """Everything openpyxl writes above the rows: set before the first append."""
    set_widths(ws, widths)
    ws.freeze_panes = "A2"
    prepare_print(ws, sum(widths))


def _table(name: str, ref: str, headers: list[str]) -> Table:
    table = Table(displayName=name, name=name, ref=ref)
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, 1)]
    table.autoFilter = AutoFilter(ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True,
                                          showColumnStripes=False, showFirstColumn=False,
                                          showLastColumn=False)
    return table


def write_template_sheet(wb: Any, title: str, headers: list[str], dropdowns: dict[str, list[str]],
                         sample_rows: Iterable[list] | None) -> None:
    """An empty list to fill in: styled header, frozen, widths, dropdowns down the column."""
    ws = wb.create_sheet(title)
    rows = [list(r) for r in sample_rows or []]
    columns = [ListColumn(h, lambda row, i=i: row[i] if i < len(row) else None, _sample_kind(rows, i))
               for i, h in enumerate(headers)]
    measure_columns(columns, lambda: rows)
    widths = [max(c.width, 10) for c in columns]
    _prepare(ws, widths)
    ws.append([make_cell(ws, h, HEADER) for h in headers])
    looks = [column_look(c) for c in columns]
    for row in rows:
        ws.append([make_cell(ws, c.value(row), look) for c, look in zip(columns, looks)])
    options = _template_options(wb, dropdowns)
    for header, values in dropdowns.items():
        if header in headers and values:
            col = get_column_letter(headers.index(header) + 1)
            ws.data_validations.append(list_validation(
                values, f"{col}2:{col}{MAX_ROWS}", header, options.get(header)))
    finish_print(ws, title, "1:1", sample=False)


def _sample_kind(rows: Sequence[list], index: int) -> str:
    """``date`` for a column whose sample is a date (完成时限): written as a real date, shown
    2024年12月31日 like the workbook's lists; ``text`` otherwise (the sample is shown as given)."""
    values = [row[index] for row in rows if index < len(row) and row[index] not in (None, "")]
    return "date" if values and all(isinstance(v, date) for v in values) else "text"


def _template_options(wb: Any, dropdowns: dict[str, list[str]]) -> dict[str, str]:
    """Choices too long for an inline list go to a sheet 下拉选项, one column each."""
    long = {h: v for h, v in dropdowns.items() if v and not fits_inline(v)}
    if not long:
        return {}
    ws = wb.create_sheet("下拉选项")
    ws.append([make_cell(ws, h, HEADER) for h in long])
    depth = max(len(v) for v in long.values())
    for i in range(depth):
        ws.append([make_cell(ws, v[i] if i < len(v) else None, BODY) for v in long.values()])
    ranges = {}
    for j, (header, values) in enumerate(long.items(), 1):
        col = get_column_letter(j)
        ranges[header] = f"{quote_sheetname(ws.title)}!${col}$2:${col}${len(values) + 1}"
    return ranges
