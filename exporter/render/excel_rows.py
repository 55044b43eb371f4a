"""The data rows of a list sheet as SpreadsheetML, streamed straight into the package.

openpyxl's write-only mode keeps memory flat, but spends about 25 µs per cell
on cell objects and lxml elements: 23 s for 100,000 awardees.  The list
sheets are plain (every cell a text, a number, a date or empty, one style per
kind of value), so their rows are serialised here and spliced into the sheet
part while the package is written (:class:`RowSplice`); openpyxl writes
everything else — header row, columns, panes, table, validations, print
setup.  Text is always an inline string (``t="inlineStr"``), so a name such
as ``=HYPERLINK(...)`` can never become a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

EXCEL_EPOCH = date(1899, 12, 30)    # serial 0 in the 1900 date system, as Excel counts
CHUNK_ROWS = 500                    # rows per write to the zip stream

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CellWriter = Callable[[str, Any], str]
"""(cell reference, value) → one ``<c>`` element."""


def _empty(ref: str, style: int) -> str:
    return f'<c r="{ref}" s="{style}"/>'


def inline_string(ref: str, text: str, style: int) -> str:
    if _ILLEGAL_XML.search(text):
        raise ValueError(f"character not allowed in XML in {text!r}")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def text_cells(style: int, quoted_style: int, is_formula_like: Callable[[str], bool]) -> CellWriter:
    """Text; text a spreadsheet would take for a formula gets the quote-prefix style."""
    def write(ref: str, value: Any) -> str:
        if value is None or value == "":
            return _empty(ref, style)
        text = str(value)
        return inline_string(ref, text, quoted_style if is_formula_like(text) else style)
    return write


def integer_cells(style: int) -> CellWriter:
    return _plain_numbers(style, int)


def date_cells(style: int) -> CellWriter:
    """Dates as serial numbers (1900 system) with a date format: real dates that sort."""
    return _plain_numbers(style, lambda d: (d - EXCEL_EPOCH).days)


def _plain_numbers(style: int, as_number: Callable[[Any], int]) -> CellWriter:
    def write(ref: str, value: Any) -> str:
        if value is None:
            return _empty(ref, style)
        return f'<c r="{ref}" s="{style}"><v>{as_number(value)}</v></c>'
    return write


def number_cells(style_by_places: Sequence[int]) -> CellWriter:
    """Decimals (or numeric text) as numbers, each styled with its own count of decimals."""
    most = len(style_by_places) - 1

    def write(ref: str, value: Any) -> str:
        if value is None or value == "":
            return _empty(ref, style_by_places[0])
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        exponent = number.normalize().as_tuple().exponent
        places = min(max(0, -exponent), most) if isinstance(exponent, int) else 0
        shown = int(number) if number == number.to_integral_value() else float(number)
        return f'<c r="{ref}" s="{style_by_places[places]}"><v>{shown!r}</v></c>'
    return write


@dataclass
class RowSplice:
    """Rows to insert before ``</sheetData>`` of one sheet part when the package is written.

    ``columns`` pairs each column's value getter with its cell writer;
    ``records`` gives the rows again each time it is called (nothing is kept).
    An empty list still gets one row of empty cells: a table needs a data row.
    """

    part: str                                   # e.g. xl/worksheets/sheet2.xml
    first_row: int
    columns: list[tuple[Callable[[Any], Any], CellWriter]]
    records: Callable[[], Iterable[Any]]

    def chunks(self) -> Iterator[bytes]:
        letters = [get_column_letter(i) for i in range(1, len(self.columns) + 1)]
        cols = [(letter, get, write) for letter, (get, write) in zip(letters, self.columns)]
        buffer: list[str] = []
        r = self.first_row
        for record in self.records():
            cells = "".join([write(f"{letter}{r}", get(record)) for letter, get, write in cols])
            buffer.append(f'<row r="{r}">{cells}</row>')
            r += 1
            if len(buffer) >= CHUNK_ROWS:
                yield "".join(buffer).encode("utf-8")
                buffer.clear()
        if r == self.first_row:
            cells = "".join(write(f"{letter}{r}", None) for letter, _, write in cols)
            buffer.append(f'<row r="{r}">{cells}</row>')
        if buffer:
            yield "".join(buffer).encode("utf-8")


def part_name(wb: Any, ws: Any) -> str:
    """The zip name openpyxl gives a worksheet: sheetN.xml, N its place among worksheets."""
    return f"xl/worksheets/sheet{wb.worksheets.index(ws) + 1}.xml"
