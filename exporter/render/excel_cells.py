"""Cells, looks, column widths and print setup for the Excel workbook.

Part of :mod:`exporter.render.excel` (split out to keep files small).

Sheets are written top to bottom (:mod:`exporter.render.excel_sheet`), so
that a list of 100,000 awardees costs a constant amount of memory.  Two rules
follow and shape this module: everything that goes *above* the rows in the
sheet XML (column widths, frozen panes, fit-to-page) must be set before the
first row is added, and every cell is written the moment its row is added.
Hence widths are computed in a separate pass over the data
(:func:`measure_columns`).  The list rows themselves are serialised by
:mod:`exporter.render.excel_rows`; the cells here serve the header rows and
the sheets people read (:class:`FormSheet`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Optional, Sequence

from ..layout import OFFICIAL_FACES, FontRole
from ..text import display_width
from .excel_sheet import Cell, HeaderPart, PageSetup, Sheet, formula_cell, header_footer_text, value_cell
from .excel_styles import Border, Fill, Font, Look
from .excel_xml import column_letter

# --- faces, sizes, colours (the workbook's own; page rules are not GB/T 9704) ---

BODY_FACE = OFFICIAL_FACES[FontRole.SONG].name      # 宋体: what Chinese offices expect in a sheet
HEADING_FACE = OFFICIAL_FACES[FontRole.HEADING].name  # 黑体: sheet titles
BODY_SIZE = 11
TITLE_SIZE = 16
SECTION_SIZE = 12

HEADER_FILL = Fill("DDEBF7")
SECTION_FILL = Fill("F2F2F2")
ALERT_FILL = Fill("FFC7CE")
ALERT_FONT = Font(color="9C0006", bold=True)
SAMPLE_COLOUR = "C00000"
GRID = Border("thin", "808080")

BASE_FONT = Font(name=BODY_FACE, size=BODY_SIZE, family=3, charset=134)
BOLD_FONT = Font(name=BODY_FACE, size=BODY_SIZE, bold=True, family=3, charset=134)
TITLE_FONT = Font(name=HEADING_FACE, size=TITLE_SIZE, bold=True, charset=134)
SECTION_FONT = Font(name=HEADING_FACE, size=SECTION_SIZE, bold=True, charset=134)
NOTE_FONT = Font(name=BODY_FACE, size=BODY_SIZE - 1, color="595959", charset=134)
SAMPLE_FONT = Font(name=HEADING_FACE, size=SECTION_SIZE, bold=True, color=SAMPLE_COLOUR, charset=134)

DATE_FORMAT = 'yyyy"年"m"月"d"日"'   # 2024年3月11日, as text.format_date prints it
INT_FORMAT = "0"
PAPER_A4 = "9"           # ECMA-376 paperSize code
MAX_ROWS = 1048576

# --- column widths ---------------------------------------------------------------

MIN_WIDTH = 6           # Excel width units (about one Latin digit each)
MAX_WIDTH = 44          # about 22 Chinese characters; longer text wraps
HEADER_PAD = 4          # bold header text plus the autofilter button
CELL_PAD = 2
PORTRAIT_MAX_WIDTH = 100  # total column width that still fits A4 portrait legibly

# --- text that a spreadsheet would read as a formula -----------------------------

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""A cell typed with one of these first would become a formula (OWASP "CSV injection")."""


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


_PLAIN_NUMBER = re.compile(r"^-?(0|[1-9]\d{0,11})(\.\d{1,6})?$")


def as_number(text: str) -> Decimal | None:
    """``"10"`` → 10 for extra columns that hold numbers; codes with leading zeros stay text."""
    return Decimal(text) if _PLAIN_NUMBER.match(text) else None


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


MAX_PLACES = 4            # decimals shown at most


def number_format_for(places: int) -> str:
    """Thousands separators, and as many decimals as the data has (at most MAX_PLACES)."""
    places = min(places, MAX_PLACES)
    return "#,##0" if places == 0 else "#,##0." + "0" * places


# --- list columns ------------------------------------------------------------------

@dataclass
class ListColumn:
    """One column of a list sheet: its header, how to get the value from a row, its kind.

    ``kind`` is ``text``, ``int``, ``number`` (Decimal), ``date`` or ``auto`` (an
    extra input column: numbers if every filled cell is a plain number, else
    text).  :func:`measure_columns` fills in the rest from the data.
    """

    header: str
    value: Callable[[Any], Any]
    kind: str = "text"
    width: float = 0.0
    wrap: bool = False
    number_format: str | None = None
    max_places: int = 0
    all_numeric: bool = True
    each: Callable[[], Iterable[Any]] | None = None
    """The column's values in row order without a call per row (``map(attrgetter…)``), if known."""


def measure_columns(columns: Sequence[ListColumn], rows: Callable[[], Iterable[Any]]) -> None:
    """Widths from the data (CJK counted double), and the kinds and decimals of number columns.

    Runs before any row is written (sheets put ``<cols>`` first).  One column
    at a time over ``rows()`` (or the column's own ``each()``); a text's width
    is only computed when it could beat the column's widest so far, and a
    column stops once capped.
    """
    for col in columns:
        values = col.each() if col.each is not None else (col.value(row) for row in rows())
        if col.kind == "auto":
            content = _measure_extra(col, values)
        elif col.kind == "number":
            content = _measure_numbers(col, values)
        elif col.kind == "int":
            content = max((len(str(v)) for v in values if v is not None), default=0)
        elif col.kind == "date":
            content = display_width("2024年12月31日") if any(v is not None for v in values) else 0
        else:
            content = _widest_text(values)
        _finish_column(col, content)


def _widest_text(values: Iterable[Any]) -> int:
    widest = 0
    for value in values:
        if not value:
            continue
        text = value if type(value) is str else str(value)
        if 2 * len(text) <= widest:
            continue
        if text.isascii():
            if len(text) + len(text) // 5 > widest:
                widest = max(widest, latin_width(text))
        else:
            widest = max(widest, text_width(text))
        if widest >= MAX_WIDTH:
            break
    return widest


_WITHOUT_CAPITALS = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def latin_width(text: str) -> int:
    """Capitals and codes (911401009DA2D9C6FJ) run wider than the digit a width unit is.

    For ASCII text: one unit a character, and a fifth more per capital.
    """
    return len(text) + (len(text) - len(text.translate(_WITHOUT_CAPITALS))) // 5


class _WideCharacters(dict):
    """Code point → a mark for a character East Asian Width calls wide or full-width, else None.

    Filled as characters are met, so that :func:`text_width` is one
    ``str.translate`` (a loop in C) instead of a Python call per character.
    """

    def __missing__(self, code: int) -> str | None:
        mark = "w" if unicodedata.east_asian_width(chr(code)) in "WF" else None
        self[code] = mark
        return mark


_WIDE = _WideCharacters()


def text_width(text: str) -> int:
    """:func:`exporter.text.display_width`, faster: the length plus one per wide character."""
    return len(text) + len(text.translate(_WIDE))


def _measure_numbers(col: ListColumn, values: Iterable[Any]) -> int:
    widest = 0
    for value in values:
        if value is not None:
            col.max_places = max(col.max_places, decimal_places(value))
            widest = max(widest, len(f"{value:,f}"))
    return widest


def _measure_extra(col: ListColumn, values: Iterable[Any]) -> int:
    """An extra input column is numbers when every filled cell is a plain number."""
    widest, filled = 0, False
    for value in values:
        if not value:
            continue
        filled = True
        text = str(value)
        if col.all_numeric:
            number = as_number(text)
            if number is None:
                col.all_numeric = False
            else:
                col.max_places = max(col.max_places, decimal_places(number))
        if 2 * len(text) > widest:
            widest = max(widest, text_width(text))
    col.kind = "number" if col.all_numeric and filled else "text"
    return widest


def _finish_column(col: ListColumn, content: int) -> None:
    if col.kind == "number":
        col.number_format = number_format_for(col.max_places)
    elif col.kind == "int":
        col.number_format = INT_FORMAT
    elif col.kind == "date":
        col.number_format = DATE_FORMAT
    wanted = max(display_width(col.header) + HEADER_PAD, content + CELL_PAD, MIN_WIDTH)
    col.wrap = wanted > MAX_WIDTH
    col.width = min(wanted, MAX_WIDTH)


# --- cells ------------------------------------------------------------------------------

BODY = Look()
HEADER = Look(font=BOLD_FONT, fill=HEADER_FILL, border=GRID, horizontal="center", wrap=True)


def make_cell(value: Any, look: Look = BODY) -> Cell:
    """A cell holding ``value``; a string is always stored as a string.

    A spreadsheet would otherwise take "=..." for a formula; text it would
    read as a formula once edited also gets Excel's quote prefix.
    """
    return value_cell(value, look, is_formula_like)


# --- sheet setup ---------------------------------------------------------------------

def set_widths(ws: Sheet, widths: Sequence[float]) -> None:
    ws.widths = [round(width, 1) for width in widths]


def prepare_print(ws: Sheet, total_width: float) -> None:
    """The part of the print setup that must precede the rows: fit to one page wide."""
    ws.fit_to_page = True
    ws.page_setup = PageSetup(orientation="landscape" if total_width > PORTRAIT_MAX_WIDTH else "portrait",
                              paper_size=PAPER_A4, fit_width=1, fit_height=0)


PRINT_MARGINS = (0.5, 0.5, 0.75, 0.75, 0.3, 0.3)    # left, right, top, bottom, header, footer (inches)


def finish_print(ws: Sheet, title: str, title_rows: Optional[str], sample: bool) -> None:
    """Header with the sheet's title (and 样例), footer 第 N 页 共 M 页, repeated title rows."""
    if title_rows:
        ws.print_title_rows = title_rows
    ws.centered = True
    ws.margins = PRINT_MARGINS
    sample_mark = HeaderPart("样例", f"{HEADING_FACE},Bold", color=SAMPLE_COLOUR) if sample else None
    ws.odd_header = header_footer_text(None, HeaderPart(title, f"{BODY_FACE},Bold", SECTION_SIZE), sample_mark)
    ws.odd_footer = header_footer_text(None, HeaderPart("第 &P 页 共 &N 页", BODY_FACE), None)


def fits_inline(values: Sequence[str]) -> bool:
    """Whether dropdown choices can be written into the rule itself (≤ 255 characters, no , or ")."""
    return len(",".join(values)) <= 255 and not any(ch in v for v in values for ch in ',"')


def add_list_validation(ws: Sheet, values: Sequence[str], sqref: str, label: str,
                        fallback_range: Optional[str]) -> None:
    """A dropdown: the choices inline when they fit, else from a range of cells."""
    inline = ",".join(values)
    fits = fits_inline(values)
    if not fits and fallback_range is None:
        raise ValueError("dropdown choices too long for an inline list and no range to refer to")
    ws.validate_list(sqref, f'"{inline}"' if fits else fallback_range, f"{label}不在列表中",
                     f"请从下拉列表中选择{label}：{'、'.join(values)}"[:255])


# --- free-form sheets (概况, 按单位汇总) ------------------------------------------

LINE_PT = 15.0          # one line of 11 pt 宋体, with leading
DEFAULT_ROW_PT = 15.0
PORTRAIT_PAGE_PT = 700.0  # A4 height less the 0.75 in top and bottom margins (734 pt), with slack


def lines_needed(text: str, width: float, size: float = BODY_SIZE) -> int:
    """How many lines a wrapped text takes in a cell ``width`` units wide."""
    usable = max(width - 1, 1) * BODY_SIZE / size
    return sum(max(1, -(-display_width(line) // int(usable))) for line in str(text).split("\n"))


class FormSheet:
    """A sheet written top to bottom with merged cells and set row heights.

    Used for the sheets people read rather than sort.  Excel does not grow a
    row for wrapped text in merged cells, so heights are computed here.
    """

    def __init__(self, ws: Sheet, widths: Sequence[float]):
        self.ws = ws
        self.widths = list(widths)
        self.page_used = 0.0        # points of the current printed page taken so far
        set_widths(ws, widths)

    @property
    def row(self) -> int:
        """The last row written."""
        return self.ws.row

    def cell(self, value: Any, look: Look = BODY) -> Cell:
        return make_cell(value, look)

    def formula(self, formula: str, look: Look = BODY) -> Cell:
        return formula_cell(formula, look)

    @property
    def at_page_top(self) -> bool:
        return self.page_used == 0

    def keep(self, height: float) -> None:
        """Start a new printed page unless ``height`` points still fit on this one.

        For blocks that read badly when split (a heading and its table).
        Assumes portrait A4 at 100 % with the margins of :func:`finish_print`.
        """
        if self.page_used and self.page_used + height > PORTRAIT_PAGE_PT:
            self.ws.page_break_after(self.row)
            self.page_used = 0.0

    def span_width(self, first: int, last: int) -> float:
        return sum(self.widths[first - 1:last])

    def add(self, cells: list, *, height: float | None = None,
            merge: tuple[int, int] | None = None) -> int:
        """Append one row; ``merge`` = (first, last) column numbers to merge; returns the row number."""
        self.page_used += height or DEFAULT_ROW_PT
        row = self.ws.append(cells, height)
        if merge:
            first, last = merge
            self.ws.merge(f"{column_letter(first)}{row}:{column_letter(last)}{row}")
        return row

    def banner(self, text: str, look: Look, size: float, *, lines_pad: float = 1.4) -> int:
        """A text across the whole width (title, notes), its height fitted to the text."""
        span = len(self.widths)
        lines = lines_needed(text, self.span_width(1, span), size)
        filler = [self.cell(None, look) for _ in range(span - 1)]
        return self.add([self.cell(text, look), *filler],
                        height=lines * size * lines_pad + 4, merge=(1, span))

    def blank(self) -> int:
        return self.add([])
