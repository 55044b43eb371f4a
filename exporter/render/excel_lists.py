"""The list sheets of the workbook: 表彰名单 and 目标责任, one row per input row.

Each list is an Excel table (ListObject) with autofilter and banded rows,
its header frozen and repeated on every printed page, every input column
kept (extra columns too), numbers and dates as real numbers and dates, and a
dropdown on the category column.  Part of :mod:`exporter.render.excel`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..model import AWARDEE_HEADERS, TARGET_HEADERS, Awards, Targets
from .prose import awards_attachment_title, targets_attachment_title
from .excel_book import Book
from .excel_cells import (
    BODY,
    FORMULA_TRIGGERS,
    GRID,
    HEADER,
    MAX_PLACES,
    MAX_ROWS,
    ListColumn,
    Look,
    add_list_validation,
    finish_print,
    fits_inline,
    make_cell,
    measure_columns,
    number_format_for,
    prepare_print,
    set_widths,
)
from .excel_rows import (
    ColumnWriter,
    RowSplice,
    date_cells,
    integer_cells,
    number_cells,
    text_cells,
)
from .excel_sheet import Sheet, Table
from .excel_xml import column_letter, quote_sheetname

AWARDS_SHEET = "表彰名单"
TARGETS_SHEET = "目标责任"
TABLE_STYLE = "TableStyleMedium2"

_KINDS = {"no": "int", "value": "number", "deadline": "date"}


def _canonical(key: str, header: str, records: Sequence[Any]) -> ListColumn:
    """Rows are (position, record); 序号 defaults to the position."""
    if key == "no":
        return ListColumn(header, lambda row: row[1].no or row[0], "int",
                          each=lambda: (r.no or i for i, r in enumerate(records, 1)))
    get = attrgetter(key)
    return ListColumn(header, lambda row: get(row[1]), _KINDS.get(key, "text"),
                      each=lambda: map(get, records))


def _extra(header: str, key: str, records: Sequence[Any]) -> ListColumn:
    return ListColumn(header, lambda row: row[1].extra.get(key), "auto",
                      each=lambda: (r.extra.get(key) for r in records))


def _row_values(headers: dict[str, str], extras: list[str]) -> Callable[[tuple[int, Any]], tuple]:
    """All the cell values of a (position, record) row in one call, in the order of :func:`_columns`.

    The per-row equivalent of the columns' getters: one ``attrgetter`` call
    for the fields instead of a call per cell (100,000 rows × 8 columns).
    """
    keys = list(headers)
    if keys[0] != "no":
        raise ValueError("the list layout starts with 序号")
    fields = attrgetter(*keys[1:])

    def values(row: tuple[int, Any]) -> tuple:
        position, record = row
        if not extras:
            return (record.no or position, *fields(record))
        extra = record.extra
        return (record.no or position, *fields(record), *[extra.get(name) for name in extras])
    return values


def _columns(headers: dict[str, str], extras: list[str], records: Sequence[Any]) -> list[ListColumn]:
    """The canonical columns in contract order (a fixed layout staff learn), then the extras."""
    columns = [_canonical(key, header, records) for key, header in headers.items()]
    taken = set(headers.values())
    for name in extras:
        header = " ".join(name.split())     # a line break in a table header makes Excel repair the file
        while header in taken:              # table headers must be unique
            header += "（附加）"
        taken.add(header)
        columns.append(_extra(header, name, records))
    return columns


@dataclass
class ListSheet:
    """A list sheet's place in the workbook: what formulas on other sheets refer to."""

    title: str
    columns: list[ListColumn]
    rows: Callable[[], Iterator[tuple[int, Any]]]
    values: Callable[[tuple[int, Any]], tuple]      # one row's cell values, column by column
    count: int
    table_name: str
    dropdowns: dict[str, list[str]] = field(default_factory=dict)
    caption: str = ""

    @property
    def last_row(self) -> int:
        """The table's last row: at least row 2 (a table needs a data row)."""
        return max(self.count, 1) + 1

    def letter(self, header: str) -> str:
        return column_letter(self.headers.index(header) + 1)

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
    extras = awards.extra_columns()
    return ListSheet(
        AWARDS_SHEET, _columns(AWARDEE_HEADERS, extras, awards.rows), _numbered(awards.rows),
        _row_values(AWARDEE_HEADERS, extras), len(awards.rows), "表彰名单表", {AWARDEE_HEADERS["category"]: awards.categories()},
        awards_attachment_title(awards),
    )


def targets_sheet(targets: Targets) -> ListSheet:
    extras = targets.extra_columns()
    return ListSheet(
        TARGETS_SHEET, _columns(TARGET_HEADERS, extras, targets.rows), _numbered(targets.rows),
        _row_values(TARGET_HEADERS, extras), len(targets.rows), "目标责任表", {TARGET_HEADERS["unit_type"]: targets.unit_types()},
        targets_attachment_title(targets),
    )


def column_look(col: ListColumn) -> Look:
    horizontal = "center" if col.kind in ("int", "date") else None
    return Look(border=GRID, horizontal=horizontal, wrap=col.wrap, number_format=col.number_format)


def cell_writer(ws: Sheet, col: ListColumn) -> ColumnWriter:
    """How the column's cells are serialised, with their styles registered in the workbook."""
    look = column_look(col)

    def style(variant: Look) -> int:
        return ws.styles.xf(variant)

    if col.kind == "number":
        return number_cells([style(look._replace(number_format=number_format_for(places)))
                             for places in range(MAX_PLACES + 1)])
    if col.kind == "int":
        return integer_cells(style(look))
    if col.kind == "date":
        return date_cells(style(look))
    return text_cells(style(look), style(look._replace(quote=True)), FORMULA_TRIGGERS)


def write_list_sheet(wb: Book, sheet: ListSheet, *, sample: bool,
                     dropdown_ranges: dict[str, str] | None = None) -> Sheet:
    """The sheet with its table, widths, frozen header, dropdowns and print setup.

    The data rows are not written here: the sheet keeps a
    :class:`~exporter.render.excel_rows.RowSplice` that generates them while
    the package is written.
    """
    ws = wb.create_sheet(sheet.title)
    measure_columns(sheet.columns, sheet.rows)
    _prepare(ws, [c.width for c in sheet.columns])
    ws.append([make_cell(c.header, HEADER) for c in sheet.columns])
    writers = [cell_writer(ws, c) for c in sheet.columns]
    ref = f"A1:{column_letter(len(sheet.columns))}{sheet.last_row}"
    ws.table = Table(sheet.table_name, ref, sheet.headers, TABLE_STYLE)
    for header, values in sheet.dropdowns.items():
        if values:
            col = sheet.letter(header)
            fallback = (dropdown_ranges or {}).get(header)
            add_list_validation(ws, values, f"{col}2:{col}{sheet.last_row}", header, fallback)
    finish_print(ws, sheet.caption or sheet.title, "1:1", sample)
    ws.splice = RowSplice(2, sheet.values, writers, sheet.rows)
    return ws


def _prepare(ws: Sheet, widths: Sequence[float]) -> None:
    """Everything written above the rows: set before the first row."""
    set_widths(ws, widths)
    ws.freeze = "A2"
    prepare_print(ws, sum(widths))


def write_template_sheet(wb: Book, title: str, headers: list[str], dropdowns: dict[str, list[str]],
                         sample_rows: Iterable[list] | None) -> None:
    """An empty list to fill in: styled header, frozen, widths, dropdowns down the column."""
    ws = wb.create_sheet(title)
    rows = [list(r) for r in sample_rows or []]
    columns = [ListColumn(h, lambda row, i=i: row[i] if i < len(row) else None, _sample_kind(rows, i))
               for i, h in enumerate(headers)]
    measure_columns(columns, lambda: rows)
    widths = [max(c.width, 10) for c in columns]
    _prepare(ws, widths)
    ws.append([make_cell(h, HEADER) for h in headers])
    looks = [column_look(c) for c in columns]
    for row in rows:
        ws.append([make_cell(c.value(row), look) for c, look in zip(columns, looks)])
    options = _template_options(wb, dropdowns)
    for header, values in dropdowns.items():
        if header in headers and values:
            col = column_letter(headers.index(header) + 1)
            add_list_validation(ws, values, f"{col}2:{col}{MAX_ROWS}", header, options.get(header))
    finish_print(ws, title, "1:1", sample=False)


def _sample_kind(rows: Sequence[list], index: int) -> str:
    """``date`` for a column whose sample is a date (完成时限): written as a real date, shown
    2024年12月31日 like the workbook's lists; ``text`` otherwise (the sample is shown as given)."""
    values = [row[index] for row in rows if index < len(row) and row[index] not in (None, "")]
    return "date" if values and all(isinstance(v, date) for v in values) else "text"


def _template_options(wb: Book, dropdowns: dict[str, list[str]]) -> dict[str, str]:
    """Choices too long for an inline list go to a sheet 下拉选项, one column each."""
    long = {h: v for h, v in dropdowns.items() if v and not fits_inline(v)}
    if not long:
        return {}
    ws = wb.create_sheet("下拉选项")
    ws.append([make_cell(h, HEADER) for h in long])
    depth = max(len(v) for v in long.values())
    for i in range(depth):
        ws.append([make_cell(v[i] if i < len(v) else None, BODY) for v in long.values()])
    ranges = {}
    for j, (header, values) in enumerate(long.items(), 1):
        col = column_letter(j)
        ranges[header] = f"{quote_sheetname(ws.title)}!${col}$2:${col}${len(values) + 1}"
    return ranges
