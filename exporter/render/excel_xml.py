"""SpreadsheetML as text: escaping, numbers and cell references, written as openpyxl wrote them.

The workbook used to be serialised by openpyxl (through lxml); it is now
written as text, and these helpers reproduce that serialisation exactly, so
that the same meeting still gives the same bytes.  Two escapings exist
because openpyxl streamed worksheets through lxml's ``xmlfile`` (ASCII, so
every other character becomes a decimal reference, 名 → ``&#21517;``) and
serialised every other part as UTF-8.  The list rows, which exporter always
wrote itself, are UTF-8 (see :mod:`exporter.render.excel_rows`).

No imports beyond the standard library's ``re`` and :mod:`exporter.cellref`:
importing openpyxl cost ~0.2 s per workbook, xml.sax another ~20 ms (it
pulls in urllib).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from exporter import cellref

ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot carry (openpyxl refused them in cells; the model never has them)."""

MAX_CELL_CHARS = 32767      # a cell holds at most this many characters (openpyxl cut longer text)

def text(value: str) -> str:
    """Character data in a UTF-8 part (lxml: & < > escaped, and a carriage return).

    A chain of ``replace`` (each a C search that returns the string itself
    when there is nothing to replace) is several times faster than
    ``str.translate`` with a table.
    """
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr(value: str) -> str:
    """An attribute value in a UTF-8 part, without its quotes."""
    return (text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;"))


def ascii_text(value: str) -> str:
    """Character data in a worksheet part: as :func:`text`, every non-ASCII character as ``&#N;``."""
    escaped = text(value)
    return escaped if escaped.isascii() else escaped.encode("ascii", "xmlcharrefreplace").decode("ascii")


def ascii_attr(value: str) -> str:
    """An attribute value in a worksheet part, without its quotes."""
    escaped = attr(value)
    return escaped if escaped.isascii() else escaped.encode("ascii", "xmlcharrefreplace").decode("ascii")


def number(value: float | int) -> str:
    """A number as openpyxl printed it: 16 significant digits, no trailing zeros (28.0 → 28)."""
    return "%.16g" % value


EXCEL_EPOCH = datetime(1899, 12, 30)    # serial 0 in the 1900 date system, as Excel counts


def date_serial(value: date) -> float:
    """A date or datetime as a 1900-system serial, with Excel's phantom 29 February 1900."""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    delta = moment - EXCEL_EPOCH
    days = delta.days
    if 0 < days <= 60:
        days -= 1
    return days + delta.seconds / 86400


def cell_text(value: str) -> str:
    """A text as a cell may hold it: at most 32,767 characters, nothing XML cannot carry."""
    value = value[:MAX_CELL_CHARS]
    if ILLEGAL_XML.search(value):
        raise ValueError(f"character not allowed in a spreadsheet cell in {value!r}")
    return value


# --- cell references ------------------------------------------------------------------

MAX_COLUMN = 16384


def column_letter(n: int) -> str:
    """1 → A, 27 → AA; a column past the sheet's last (XFD) is refused, as openpyxl refused it."""
    if not 1 <= n <= MAX_COLUMN:
        raise ValueError(f"column {n} is outside a sheet's 1–{MAX_COLUMN}")
    return cellref.column_letter(n)


_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def row_and_column(ref: str) -> tuple[int, int]:
    """``C5`` → (5, 3)."""
    match = _CELL.match(ref.upper())
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match.group(2)), cellref.column_number(match.group(1))


def quote_sheetname(name: str) -> str:
    """``'表彰名单'``: always quoted, a quote doubled (as openpyxl wrote sheet names in formulas)."""
    return "'" + name.replace("'", "''") + "'"
