"""The data rows of a list sheet as SpreadsheetML, streamed straight into the package.

The list sheets are plain (every cell a text, a number, a date or empty, one
style per kind of value), so their rows are serialised here, a chunk at a
time, while the sheet's part is written (:class:`RowSplice`); nothing holds
the rows of a 100,000-awardee list at once.  The header row, columns, panes,
table, validations and print setup come from :mod:`exporter.render.excel_sheet`.
Text is always an inline string (``t="inlineStr"``), so a name such as
``=HYPERLINK(...)`` can never become a formula.

This is the one loop that runs per cell (800,000 cells for 100,000
awardees), so it is written for speed: a chunk of rows is transposed into
columns, each column written by one loop of f-strings, and the check for
characters XML cannot carry is done on a whole chunk at once instead of on
every text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import islice
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator, Sequence

from .excel_xml import column_letter

EXCEL_EPOCH = date(1899, 12, 30)    # serial 0 in the 1900 date system, as Excel counts
CHUNK_ROWS = 500                    # rows per write to the zip stream

ColumnWriter = Callable[[str, Sequence[str], Sequence[Any]], list[str]]
"""(column letter, row numbers, values) → one ``<c>`` element per row: a column of a chunk of rows.

A chunk is written a column at a time so that each cell costs one turn of a
loop rather than a function call (800,000 cells for 100,000 awardees).
"""


def escape(text: str) -> str:
    """& < > as entities (what xml.sax.saxutils.escape does, without importing it)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


KNOWN_TEXTS = 1024      # distinct texts per column whose cell XML is remembered


def text_cells(style: int, quoted_style: int, triggers: tuple[str, ...]) -> ColumnWriter:
    """Text; text starting with one of ``triggers`` (a spreadsheet would take it for a formula)
    gets the quote-prefix style; leading or trailing spaces are kept (xml:space).

    Everything after a cell's reference depends only on its text, and most
    columns repeat a few texts (类别, 奖项, 所属园区): the cell XML of the
    first KNOWN_TEXTS distinct texts is remembered, so a repeat costs one
    dictionary lookup.  A column of unique texts (名称) fills that quickly
    and goes on without remembering.
    """
    empty = f'" s="{style}"/>'
    plain = f'" s="{style}" t="inlineStr"><is><t>'
    quoted = f'" s="{quoted_style}" t="inlineStr"><is><t>'
    spaced = {plain: plain[:-1] + ' xml:space="preserve">', quoted: quoted[:-1] + ' xml:space="preserve">'}
    known: dict[Any, str] = {None: empty, "": empty}

    def rest_of(value: Any) -> str:
        """The cell after its reference: style, type and the escaped text."""
        if value is None or value == "":
            return empty
        text = value if type(value) is str else str(value)
        head = quoted if text.startswith(triggers) else plain
        if text != text.strip():
            head = spaced[head]
        if "&" in text or "<" in text or ">" in text:
            text = escape(text)
        return f"{head}{text}</t></is></c>"

    def write(letter: str, rows: Sequence[str], values: Sequence[Any]) -> list[str]:
        if len(known) >= KNOWN_TEXTS:
            return [f'<c r="{letter}{r}{rest_of(value)}' for r, value in zip(rows, values)]
        out = []
        append = out.append
        for r, value in zip(rows, values):
            rest = known.get(value)
            if rest is None:
                rest = known[value] = rest_of(value)
            append(f'<c r="{letter}{r}{rest}')
        return out
    return write


def integer_cells(style: int) -> ColumnWriter:
    return _plain_numbers(style, int)


def date_cells(style: int) -> ColumnWriter:
    """Dates as serial numbers (1900 system) with a date format: real dates that sort."""
    return _plain_numbers(style, lambda d: (d - EXCEL_EPOCH).days)


def _plain_numbers(style: int, as_number: Callable[[Any], int]) -> ColumnWriter:
    empty = f'" s="{style}"/>'
    head = f'" s="{style}"><v>'

    def write(letter: str, rows: Sequence[str], values: Sequence[Any]) -> list[str]:
        return [f'<c r="{letter}{r}{empty}' if value is None else f'<c r="{letter}{r}{head}{as_number(value)}</v></c>'
                for r, value in zip(rows, values)]
    return write


def number_cells(style_by_places: Sequence[int]) -> ColumnWriter:
    """Decimals (or numeric text) as numbers, each styled with its own count of decimals."""
    most = len(style_by_places) - 1
    empty = f'" s="{style_by_places[0]}"/>'
    heads = [f'" s="{style}"><v>' for style in style_by_places]

    def write(letter: str, rows: Sequence[str], values: Sequence[Any]) -> list[str]:
        out = []
        for r, value in zip(rows, values):
            if value is None or value == "":
                out.append(f'<c r="{letter}{r}{empty}')
                continue
            number = value if isinstance(value, Decimal) else Decimal(str(value))
            exponent = number.normalize().as_tuple().exponent
            places = min(max(0, -exponent), most) if isinstance(exponent, int) else 0
            shown = int(number) if number == number.to_integral_value() else float(number)
            out.append(f'<c r="{letter}{r}{heads[places]}{shown!r}</v></c>')
        return out
    return write


@dataclass
class RowSplice:
    """Rows to insert before ``</sheetData>`` of one sheet part when the package is written.

    ``values`` gives one record's cell values (one per column, in order);
    ``writers`` serialise a column of them; ``records`` gives the rows again
    each time it is called (nothing is kept).  An empty list still gets one
    row of empty cells: a table needs a data row.
    """

    first_row: int
    values: Callable[[Any], Sequence[Any]]
    writers: list[ColumnWriter]
    records: Callable[[], Iterable[Any]]

    def chunks(self) -> Iterator[bytes]:
        """The rows as UTF-8, CHUNK_ROWS at a time, each chunk built column by column."""
        letters = [column_letter(i) for i in range(1, len(self.writers) + 1)]
        records = iter(self.records())
        r = self.first_row
        while True:
            batch = list(islice(records, CHUNK_ROWS))
            if not batch:
                break
            yield self._rows(r, list(zip(*map(self.values, batch))), letters)
            r += len(batch)
        if r == self.first_row:
            yield self._rows(r, [(None,)] * len(self.writers), letters)

    def _rows(self, first: int, columns: list[Sequence[Any]], letters: list[str]) -> bytes:
        numbers = [str(n) for n in range(first, first + len(columns[0]))]
        cells = [write(letter, numbers, values) for write, letter, values in zip(self.writers, letters, columns)]
        # Encoded a row at a time: joined first, one name outside the BMP (𬭚) would widen
        # the whole chunk to four bytes a character before encoding.
        xml = b"".join([f'<row r="{n}">{"".join(row)}</row>'.encode("utf-8")
                        for n, row in zip(numbers, zip(*cells))])
        return _checked(xml)


_ILLEGAL_UTF8 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
"""The characters XML cannot carry (controls, U+FFFE, U+FFFF), as they appear in UTF-8."""
_ILLEGAL_BYTES = [bytes([b]) for b in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))] + [
    b"\xef\xbf\xbe", b"\xef\xbf\xbf"]


def _checked(xml: bytes) -> bytes:
    """Refuse a character XML cannot carry (the loader never lets one through).

    Searched for one by one (each ``in`` a memchr over the chunk), which is
    ten times faster than one regular expression; the expression only finds
    the offending text for the message.
    """
    if any(b in xml for b in _ILLEGAL_BYTES):
        bad = _ILLEGAL_UTF8.search(xml)
        start = xml.rfind(b">", 0, bad.start()) + 1
        end = xml.find(b"<", bad.start())
        raise ValueError(f"character not allowed in XML in {xml[start:end].decode('utf-8')!r}")
    return xml
