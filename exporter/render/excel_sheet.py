"""One worksheet of the workbook: its settings, its rows, and its SpreadsheetML.

A sheet is written top to bottom, as in openpyxl's write-only mode which
the workbook used before: what goes above the rows (column widths, frozen
panes, fit to page) is set first, rows are serialised the moment they are
added (so cell formats are numbered in the order cells are written), and
what follows the rows (merged cells, conditional formats, dropdowns, print
setup, page breaks, the table and the chart) is collected and written when
the package is.  A list sheet's data rows are not kept at all: they are a
:class:`~exporter.render.excel_rows.RowSplice`, generated while the package
is written.  The XML is byte for byte what openpyxl wrote for the same
sheet.  Part of :mod:`exporter.render.excel`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator, NamedTuple, Optional, Sequence

from .excel_styles import Fill, Font, Look, Styles
from .excel_xml import (
    ascii_attr,
    ascii_text,
    attr,
    cell_text,
    column_letter,
    date_serial,
    number,
    quote_sheetname,
    row_and_column,
)

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DEFAULT_MARGINS = (0.75, 0.75, 1, 1, 0.5, 0.5)     # left, right, top, bottom, header, footer (inches)


class Cell(NamedTuple):
    """A value to write and how it looks; ``kind`` as a spreadsheet types it.

    ``s`` text, ``n`` number (or empty), ``d`` date, ``b`` boolean, ``f`` formula.
    """

    kind: str
    value: Any
    look: Look


DATE_FORMAT_FALLBACK = "yyyy-mm-dd"


def value_cell(value: Any, look: Look, is_formula_like) -> Cell:
    """A cell holding ``value`` as openpyxl typed it.

    Text stays text (a leading = never makes a formula) and text a
    spreadsheet would read as a formula once edited gets the quote prefix; a
    date in a look without a date format gets yyyy-mm-dd, so it never shows
    as a bare serial number.
    """
    if isinstance(value, str):
        value = cell_text(value)
        return Cell("s", value, _quoted(look) if is_formula_like(value) else look)
    if isinstance(value, bool):
        return Cell("b", value, look)
    if isinstance(value, date):
        if not _is_date_format(look.number_format):
            look = look._replace(number_format=DATE_FORMAT_FALLBACK)
        return Cell("d", value, look)
    return Cell("n", value, look)


def formula_cell(formula: str, look: Look) -> Cell:
    """A formula, given with its leading ``=``."""
    return Cell("f", formula, look)


def _quoted(look: Look) -> Look:
    return look if look.quote else look._replace(quote=True)


def _is_date_format(code: Optional[str]) -> bool:
    """Whether a number format shows a date (the letters d, m, y outside quoted text)."""
    if not code:
        return False
    bare = "".join(code.split('"')[::2]).lower()
    return any(ch in bare for ch in "dmy")


def cell_xml(ref: str, cell: Cell, styles: Styles) -> str:
    """One ``<c>`` element as openpyxl's lxml writer produced it ('' for a bare empty cell)."""
    kind, value = cell.kind, cell.value
    style = styles.style_attr(cell.look)
    if value is None and not style:
        return ""
    if kind == "f":
        return f'<c r="{ref}"{style}><f>{ascii_text(value[1:])}</f><v></v></c>'
    if kind == "s":
        if value == "":
            return f'<c r="{ref}"{style} t="inlineStr"></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{ascii_text(value)}</t></is></c>'
    if value is None:
        return f'<c r="{ref}"{style} t="n"></c>'
    if kind == "d":
        return f'<c r="{ref}"{style} t="n"><v>{number(date_serial(value))}</v></c>'
    if kind == "b":
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    return f'<c r="{ref}"{style} t="n"><v>{number(value)}</v></c>'


# --- what follows the rows ---------------------------------------------------------------------

@dataclass
class Table:
    """An Excel table (ListObject) over a list sheet, with autofilter and banded rows."""

    name: str
    ref: str
    headers: list[str]
    style: str
    number: int = 0             # its place among the workbook's tables, set when the package is written

    def xml(self) -> str:
        columns = "".join(f'<tableColumn id="{i}" name="{attr(h)}"/>' for i, h in enumerate(self.headers, 1))
        return (f'<table id="{self.number}" name="{attr(self.name)}" displayName="{attr(self.name)}" '
                f'ref="{self.ref}" headerRowCount="1" xmlns="{SHEET_NS}"><autoFilter ref="{self.ref}"/>'
                f'<tableColumns count="{len(self.headers)}">{columns}</tableColumns>'
                f'<tableStyleInfo name="{attr(self.style)}" showFirstColumn="0" showLastColumn="0" '
                'showRowStripes="1" showColumnStripes="0"/></table>')


@dataclass
class PageSetup:
    """A4, portrait or landscape, fitted to one page wide (fitToPage on the sheet)."""

    orientation: str
    paper_size: str
    fit_width: int
    fit_height: int

    def xml(self) -> str:
        return (f'<pageSetup orientation="{self.orientation}" paperSize="{self.paper_size}" '
                f'fitToHeight="{self.fit_height}" fitToWidth="{self.fit_width}"/>')


@dataclass
class HeaderPart:
    """One third of a printed page header or footer: text with its font, size and colour."""

    text: str
    font: Optional[str] = None
    size: Optional[int] = None
    color: Optional[str] = None

    def code(self) -> str:
        """Excel's header mini-language: &"font", &size, &Kcolour, then the text."""
        return ((f'&"{self.font}"' if self.font else "") + (f"&{self.size} " if self.size else "")
                + (f"&K{self.color}" if self.color else "") + self.text)


_FIELD_NAMES = {"&[Tab]": "&A", "&[Pages]": "&N", "&[Date]": "&D", "&[Path]": "&Z", "&[Page]": "&P",
                "&[Time]": "&T", "&[File]": "&F", "&[Picture]": "&G"}


def header_footer_text(left: Optional[HeaderPart], center: Optional[HeaderPart],
                       right: Optional[HeaderPart]) -> str:
    """The three parts packed as Excel stores them (&L…&C…&R…), control characters as _xHHHH_."""
    packed = "".join(f"&{key}{part.code()}" for key, part in zip("LCR", (left, center, right)) if part)
    for long, short in _FIELD_NAMES.items():
        packed = packed.replace(long, short)
    return "".join(f"_x{ord(ch):04x}_" if "\x01" <= ch <= "\x19" else ch for ch in packed)


# --- the sheet ---------------------------------------------------------------------------------

@dataclass
class Sheet:
    """A worksheet being written: settings first, then rows, then what follows them."""

    title: str
    number: int                 # 1-based place in the workbook (sheetN.xml)
    styles: Styles
    widths: list[float] = field(default_factory=list)
    freeze: Optional[str] = None
    fit_to_page: bool = False
    page_setup: Optional[PageSetup] = None
    centered: bool = False
    margins: tuple = DEFAULT_MARGINS
    odd_header: str = ""
    odd_footer: str = ""
    print_title_rows: Optional[str] = None
    table: Optional[Table] = None
    chart: Any = None           # an excel_chart.BarChart
    splice: Any = None          # an excel_rows.RowSplice: the list rows, written with the package
    row: int = 0
    _rows: list[str] = field(default_factory=list)
    _merged: set = field(default_factory=set)
    _conditional: dict = field(default_factory=dict)
    _validations: list[str] = field(default_factory=list)
    _breaks: list[int] = field(default_factory=list)
    _priority: int = 0

    @property
    def part(self) -> str:
        return f"xl/worksheets/sheet{self.number}.xml"

    def append(self, cells: Sequence[Optional[Cell]], height: Optional[float] = None) -> int:
        """Write the next row (a ``None`` is no cell); returns its number."""
        self.row += 1
        r = self.row
        attrs = f' ht="{number(height)}" customHeight="1"' if height else ""
        body = "".join(cell_xml(f"{column_letter(c)}{r}", cell, self.styles)
                       for c, cell in enumerate(cells, 1) if cell is not None)
        self._rows.append(f'<row r="{r}"{attrs}>{body}</row>')
        return r

    def merge(self, ref: str) -> None:
        """Merge a range such as ``B5:E5`` (a range inside one already merged is ignored).

        Ranges are kept in a set of (first row, first column, last row, last
        column): openpyxl kept them in a set of ranges hashed as exactly that
        tuple, so iterating gives the order openpyxl wrote them in.
        """
        first, last = ref.split(":")
        (r1, c1), (r2, c2) = row_and_column(first), row_and_column(last)
        new = (r1, c1, r2, c2)
        if not any(m[0] <= r1 and m[1] <= c1 and r2 <= m[2] and c2 <= m[3] for m in self._merged):
            self._merged.add(new)

    def highlight(self, sqref: str, formula: str, font: Font, fill: Fill) -> None:
        """Conditional formatting: ``font`` and ``fill`` where ``formula`` is true."""
        self._priority += 1
        dxf = self.styles.dxf(font, fill)
        self._conditional.setdefault(sqref, []).append(
            f'<cfRule type="expression" priority="{self._priority}" dxfId="{dxf}">'
            f"<formula>{ascii_text(formula)}</formula></cfRule>")

    def validate_list(self, sqref: str, formula1: str, error_title: str, error: str) -> None:
        """A dropdown: blank allowed, anything else refused with the error message."""
        self._validations.append(
            f'<dataValidation sqref="{sqref}" showDropDown="0" showInputMessage="0" showErrorMessage="1" '
            f'allowBlank="1" errorTitle="{ascii_attr(error_title)}" error="{ascii_attr(error)}" type="list">'
            f"<formula1>{ascii_text(formula1)}</formula1></dataValidation>")

    def page_break_after(self, row: int) -> None:
        self._breaks.append(row)

    # --- XML ----------------------------------------------------------------------------------

    def head_xml(self) -> str:
        """Everything up to and including ``<sheetData>``."""
        page_setup_pr = '<pageSetUpPr fitToPage="1"/>' if self.fit_to_page else "<pageSetUpPr/>"
        cols = "".join(f'<col width="{number(w)}" customWidth="1" min="{i}" max="{i}"/>'
                       for i, w in enumerate(self.widths, 1))
        return (f'<worksheet xmlns="{SHEET_NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
                f'{page_setup_pr}</sheetPr><sheetViews><sheetView workbookViewId="0">{self._pane_xml()}'
                '</sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
                + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")

    def _pane_xml(self) -> str:
        """Frozen panes and the selection, as openpyxl's freeze_panes left them."""
        chosen = 'activeCell="A1" sqref="A1"/>'
        if not self.freeze or self.freeze == "A1":
            return "<selection " + chosen
        row, column = row_and_column(self.freeze)
        splits = (f'xSplit="{column - 1}" ' if column > 1 else "") + (f'ySplit="{row - 1}" ' if row > 1 else "")
        active = {(True, True): "bottomRight", (False, True): "bottomLeft"}.get((column > 1, row > 1), "topRight")
        pane = f'<pane {splits}topLeftCell="{self.freeze}" activePane="{active}" state="frozen"/>'
        extra = '<selection pane="topRight"/><selection pane="bottomLeft"/>' if row > 1 and column > 1 else ""
        return f'{pane}{extra}<selection pane="{active}" {chosen}'

    def rows_xml(self) -> str:
        return "".join(self._rows)

    def tail_xml(self, drawing_rel: Optional[str], table_rel: Optional[str]) -> str:
        """Everything from ``</sheetData>`` on, in the schema's order."""
        parts = ["</sheetData>"]
        if self._merged:
            parts.append(f'<mergeCells count="{len(self._merged)}">')
            parts += [f'<mergeCell ref="{_range(m)}"/>' for m in self._merged]
            parts.append("</mergeCells>")
        for sqref, rules in self._conditional.items():
            parts.append(f'<conditionalFormatting sqref="{sqref}">{"".join(rules)}</conditionalFormatting>')
        if self._validations:
            parts.append(f'<dataValidations count="{len(self._validations)}">{"".join(self._validations)}'
                         "</dataValidations>")
        if self.centered:
            parts.append('<printOptions horizontalCentered="1"/>')
        left, right, top, bottom, header, footer = (number(m) for m in self.margins)
        parts.append(f'<pageMargins left="{left}" right="{right}" top="{top}" bottom="{bottom}" '
                     f'header="{header}" footer="{footer}"/>')
        if self.page_setup:
            parts.append(self.page_setup.xml())
        if self.odd_header or self.odd_footer:
            parts.append(f"<headerFooter><oddHeader>{ascii_text(self.odd_header)}</oddHeader>"
                         f"<oddFooter>{ascii_text(self.odd_footer)}</oddFooter><evenHeader></evenHeader>"
                         "<evenFooter></evenFooter><firstHeader></firstHeader><firstFooter></firstFooter>"
                         "</headerFooter>")
        if self._breaks:
            parts.append(f'<rowBreaks count="{len(self._breaks)}" manualBreakCount="{len(self._breaks)}">'
                         + "".join(f'<brk id="{b}" min="0" max="16383" man="1"/>' for b in self._breaks)
                         + "</rowBreaks>")
        if drawing_rel:
            parts.append(f'<drawing xmlns:r="{REL_NS}" r:id="{drawing_rel}"/>')
        if table_rel:
            parts.append(f'<tableParts count="1"><tablePart xmlns:r="{REL_NS}" r:id="{table_rel}"/></tableParts>')
        parts.append("</worksheet>")
        return "".join(parts)

    def print_titles(self) -> Optional[str]:
        """The print-titles name of the workbook, e.g. ``'表彰名单'!$1:$1``."""
        if not self.print_title_rows:
            return None
        first, last = self.print_title_rows.split(":")
        return f"{quote_sheetname(self.title)}!${first}:${last}"

    def data_rows(self) -> Iterator[bytes]:
        """The list rows spliced before ``</sheetData>`` (none for a form sheet)."""
        if self.splice is not None:
            yield from self.splice.chunks()


def _range(m: tuple[int, int, int, int]) -> str:
    r1, c1, r2, c2 = m
    return f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"
