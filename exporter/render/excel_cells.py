"""Cells, styles, column widths and print setup for the Excel workbook.

Part of :mod:`exporter.render.excel` (split out to keep files small); like it,
the only kind of module in the package that imports openpyxl.

The workbook is written in openpyxl's write-only (streaming) mode so that a
list of 100,000 awardees costs a constant amount of memory.  That mode has
two rules that shape this module: everything that goes *above* the rows in
the sheet XML (column widths, frozen panes, fit-to-page) must be set before
the first row is appended, and every cell is written the moment its row is
appended.  Hence widths are computed in a separate pass over the data
(:func:`measure_columns`).  The list rows themselves are serialised by
:mod:`exporter.render.excel_rows`; the cells here serve the header rows and
the sheets people read (:class:`FormSheet`).
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from ..layout import OFFICIAL_FACES, FontRole
from ..text import display_width

# --- faces, sizes, colours (the workbook's own; page rules are not GB/T 9704) ---

BODY_FACE = OFFICIAL_FACES[FontRole.SONG].name      # 宋体: what Chinese offices expect in a sheet
HEADING_FACE = OFFICIAL_FACES[FontRole.HEADING].name  # 黑体: sheet titles
BODY_SIZE = 11
TITLE_SIZE = 16
SECTION_SIZE = 12

HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
SECTION_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
ALERT_FILL = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
ALERT_FONT = Font(color="9C0006", bold=True)
SAMPLE_COLOUR = "C00000"
THIN = Side(style="thin", color="808080")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

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


def measure_columns(columns: Sequence[ListColumn], rows: Callable[[], Iterable[Any]]) -> None:
    """Widths from the data (CJK counted double), and the kinds and decimals of number columns.

    Runs before any row is written (write-only sheets put ``<cols>`` first).
    One column at a time over ``rows()``; a text's width is only computed when
    it could beat the column's widest so far, and a column stops once capped.
    """
    for col in columns:
        values = (col.value(row) for row in rows())
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
        text = str(value)
        if 2 * len(text) > widest:
            widest = max(widest, latin_width(text) if text.isascii() else display_width(text))
            if widest >= MAX_WIDTH:
                break
    return widest


def latin_width(text: str) -> int:
    """Capitals and codes (911401009DA2D9C6FJ) run wider than the digit a width unit is."""
    return len(text) + sum(ch.isupper() for ch in text) // 5


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
            widest = max(widest, display_width(text))
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

@dataclass(frozen=True, eq=False)
class Look:
    """A cell style.  Compared and hashed by identity: openpyxl styles are slow to hash,
    and each look is made once and then reused for every cell that has it."""

    font: Font = BASE_FONT
    fill: PatternFill | None = None
    border: Border | None = None
    horizontal: str | None = None
    vertical: str | None = "center"
    wrap: bool = False
    number_format: str | None = None
    quote: bool = False     # quotePrefix: Excel keeps the text a text when it is edited


BODY = Look()
HEADER = Look(font=BOLD_FONT, fill=HEADER_FILL, border=GRID, horizontal="center", wrap=True)


def make_cell(ws: Any, value: Any, look: Look = BODY) -> WriteOnlyCell:
    return set_value(styled_cell(ws, look), value)


def set_value(cell: WriteOnlyCell, value: Any) -> WriteOnlyCell:
    """A string is always stored as a string: openpyxl would otherwise turn "=..."
    into a formula; text a spreadsheet would read as a formula once edited also
    gets Excel's quote prefix."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    return cell


def styled_cell(ws: Any, look: Look) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    cell.font = look.font
    if look.fill is not None:
        cell.fill = look.fill
    if look.border is not None:
        cell.border = look.border
    if look.horizontal or look.vertical or look.wrap:
        cell.alignment = Alignment(horizontal=look.horizontal, vertical=look.vertical,
                                   wrap_text=look.wrap or None)
    if look.number_format:
        cell.number_format = look.number_format
    if look.quote:
        cell.quotePrefix = True
    return cell


# --- sheet setup ---------------------------------------------------------------------

def set_widths(ws: Any, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(width, 1)


def prepare_print(ws: Any, total_width: float) -> None:
    """The part of the print setup that must precede the rows: fit to one page wide."""
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape" if total_width > PORTRAIT_MAX_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def finish_print(ws: Any, title: str, title_rows: str | None, sample: bool) -> None:
    """Header with the sheet's title (and 样例), footer 第 N 页 共 M 页, repeated title rows."""
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.center.text = title
    ws.oddHeader.center.font = f"{BODY_FACE},Bold"
    ws.oddHeader.center.size = SECTION_SIZE
    if sample:
        ws.oddHeader.right.text = "样例"
        ws.oddHeader.right.font = f"{HEADING_FACE},Bold"
        ws.oddHeader.right.color = SAMPLE_COLOUR
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = BODY_FACE


def fits_inline(values: Sequence[str]) -> bool:
    """Whether dropdown choices can be written into the rule itself (≤ 255 characters, no , or ")."""
    return len(",".join(values)) <= 255 and not any(ch in v for v in values for ch in ',"')


def list_validation(values: Sequence[str], sqref: str, label: str, fallback_range: str | None) -> DataValidation:
    """A dropdown: the choices inline when they fit, else from a range of cells."""
    inline = ",".join(values)
    fits = fits_inline(values)
    if not fits and fallback_range is None:
        raise ValueError("dropdown choices too long for an inline list and no range to refer to")
    dv = DataValidation(
        type="list",
        formula1=f'"{inline}"' if fits else fallback_range,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=f"{label}不在列表中",
        error=f"请从下拉列表中选择{label}：{'、'.join(values)}"[:255],
    )
    dv.sqref = sqref
    return dv


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

    def __init__(self, ws: Any, widths: Sequence[float]):
        self.ws = ws
        self.widths = list(widths)
        self.row = 0
        self.page_used = 0.0        # points of the current printed page taken so far
        self._styles: dict[Look, Any] = {}
        set_widths(ws, widths)

    def _styled(self, look: Look) -> WriteOnlyCell:
        """A cell with ``look``; the style is resolved once per look (openpyxl hashes
        every font, border and fill each time a style is set)."""
        if look not in self._styles:
            cell = styled_cell(self.ws, look)
            self._styles[look] = copy(cell._style)
            return cell
        cell = WriteOnlyCell(self.ws)
        cell._style = copy(self._styles[look])
        return cell

    def cell(self, value: Any, look: Look = BODY) -> WriteOnlyCell:
        return set_value(self._styled(look), value)

    def formula(self, formula: str, look: Look = BODY) -> WriteOnlyCell:
        cell = self._styled(look)
        cell.value = formula
        return cell

    @property
    def at_page_top(self) -> bool:
        return self.page_used == 0

    def keep(self, height: float) -> None:
        """Start a new printed page unless ``height`` points still fit on this one.

        For blocks that read badly when split (a heading and its table).
        Assumes portrait A4 at 100 % with the margins of :func:`finish_print`.
        """
        if self.page_used and self.page_used + height > PORTRAIT_PAGE_PT:
            self.ws.row_breaks.append(Break(id=self.row))
            self.page_used = 0.0

    def span_width(self, first: int, last: int) -> float:
        return sum(self.widths[first - 1:last])

    def add(self, cells: list, *, height: float | None = None,
            merge: tuple[int, int] | None = None) -> int:
        """Append one row; ``merge`` = (first, last) column numbers to merge; returns the row number."""
        self.row += 1
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.page_used += height or DEFAULT_ROW_PT
        self.ws.append(cells)
        if merge:
            first, last = merge
            self.ws.merged_cells.add(f"{get_column_letter(first)}{self.row}:"
                                     f"{get_column_letter(last)}{self.row}")
        return self.row

    def banner(self, text: str, look: Look, size: float, *, lines_pad: float = 1.4) -> int:
        """A text across the whole width (title, notes), its height fitted to the text."""
        span = len(self.widths)
        lines = lines_needed(text, self.span_width(1, span), size)
        filler = [self.cell(None, look) for _ in range(span - 1)]
        return self.add([self.cell(text, look), *filler],
                        height=lines * size * lines_pad + 4, merge=(1, span))

    def blank(self) -> int:
        return self.add([])
