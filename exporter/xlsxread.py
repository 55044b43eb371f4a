"""A small, fast reader for the first sheet (or a named sheet) of an .xlsx file.

The loader needs cell values of one sheet and nothing else.  Reading the
SpreadsheetML parts directly keeps openpyxl (0.26 s to import) out of the
runtime altogether: the workbook renderer writes its package itself, and
openpyxl is only a test dependency that reads documents back.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timedelta
from decimal import Context
from typing import Iterator
from xml.etree import ElementTree as ET

from .cellref import column_number

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Built-in number formats that show dates (ECMA-376 §18.8.30, plus the CJK ones).
_DATE_FORMAT_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_DATE_CODE = re.compile(r"[ymdhs年月日]", re.I)
_PERCENT_FORMAT_IDS = {9, 10}
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


class XlsxError(Exception):
    """The file is not a readable workbook, or the sheet does not exist."""


def _bare_code(code: str) -> str:
    """A number format without its quoted text, [colour]/[locale] parts and escapes."""
    return re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code)


def _is_date_code(code: str) -> bool:
    return bool(_DATE_CODE.search(_bare_code(code)))


def _is_percent_code(code: str) -> bool:
    return "%" in _bare_code(code)


class Workbook:
    """Open a workbook; ``rows(sheet)`` yields (row number, [values]) per non-empty row."""

    def __init__(self, path) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
            self.sheets = self._read_sheet_index()
            self._strings = self._read_shared_strings()
            self._date_styles, self._percent_styles = self._read_number_styles()
        except zipfile.BadZipFile:
            raise XlsxError("不是有效的 .xlsx 工作簿（文件不是 zip 格式，可能是改了扩展名的 .xls 或 .csv）") from None
        except (KeyError, ET.ParseError):
            raise XlsxError("不是有效的 .xlsx 工作簿（缺少或损坏了工作簿的组成部分）") from None

    def close(self) -> None:
        self._zip.close()

    def _read_sheet_index(self) -> dict[str, str]:
        book = ET.fromstring(self._zip.read("xl/workbook.xml"))
        pr = book.find(f"{NS}workbookPr")
        self._epoch = datetime(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") \
            else datetime(1899, 12, 30)
        rels = ET.fromstring(self._zip.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PKG_REL}Relationship")}
        sheets: dict[str, str] = {}
        for sheet in book.iter(f"{NS}sheet"):
            target = targets[sheet.get(f"{REL_NS}id")]
            target = target.lstrip("/")
            sheets[sheet.get("name")] = target if target.startswith("xl/") else f"xl/{target}"
        return sheets

    def _read_shared_strings(self) -> list[str]:
        try:
            data = self._zip.read("xl/sharedStrings.xml")
        except KeyError:
            return []
        root = ET.fromstring(data)
        return ["".join(t.text or "" for t in si.iter(f"{NS}t")) for si in root.iter(f"{NS}si")]

    def _read_number_styles(self) -> tuple[set[int], set[int]]:
        """Cell styles that show a number as a date, and those that show it as a percentage."""
        try:
            root = ET.fromstring(self._zip.read("xl/styles.xml"))
        except KeyError:
            return set(), set()
        custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(f"{NS}numFmt")}
        xfs = root.find(f"{NS}cellXfs")
        dates, percents = set(), set()
        for i, xf in enumerate(xfs if xfs is not None else []):
            fid = int(xf.get("numFmtId", "0"))
            if fid in _DATE_FORMAT_IDS or (fid in custom and _is_date_code(custom[fid])):
                dates.add(i)
            elif fid in _PERCENT_FORMAT_IDS or (fid in custom and _is_percent_code(custom[fid])):
                percents.add(i)
        return dates, percents

    def rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        part = self.sheets[sheet]
        with self._zip.open(part) as fh:
            for _, elem in ET.iterparse(fh):
                if elem.tag != f"{NS}row":
                    continue
                values: list = []
                for c in elem.iter(f"{NS}c"):
                    m = _CELL_REF.match(c.get("r", ""))
                    col = column_number(m.group(1)) - 1 if m else len(values)
                    while len(values) < col:
                        values.append(None)
                    values.append(self._value(c))
                row_no = int(elem.get("r", "0"))
                elem.clear()
                if any(v not in (None, "") for v in values):
                    yield row_no, values

    def _value(self, c):
        kind = c.get("t", "n")
        if kind == "inlineStr":
            return "".join(t.text or "" for t in c.iter(f"{NS}t"))
        v = c.find(f"{NS}v")
        if v is None or v.text is None:
            return None
        text = v.text
        if kind == "s":
            return self._strings[int(text)]
        if kind in ("str", "e"):
            return text
        if kind == "b":
            return text == "1"
        style = int(c.get("s", "0"))
        if style in self._percent_styles:
            # 12% is stored as 0.12: give the loader what the user sees, exactly
            # (15 significant digits: what Excel shows, without binary noise such as 0.085000000000000006)
            return format(Context(prec=15).create_decimal(text).scaleb(2).normalize(), "f") + "%"
        number = float(text)
        if style in self._date_styles:
            return self._epoch + timedelta(days=number)
        return int(number) if number.is_integer() else number
