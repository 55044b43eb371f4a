"""The Excel workbook (.xlsx): the lists staff sort, filter, edit, print and check.

Sheets: 概况 (facts, and the lists checked against the announced counts by
formulas), 表彰名单 and 目标责任 (Excel tables with every input column), and
按单位汇总 (targets side by side per unit, with a chart).  See
``shared/spec/outputs.md`` "Excel workbook".

This module and its ``excel_*`` parts are the only importers of openpyxl.
The workbook is streamed (openpyxl write-only mode) so that memory stays
flat on long lists, and packed with fixed zip entry times and document
dates taken from the meeting, so the same input gives the same bytes.

Entry points: :func:`render` (the workbook) and :func:`render_list_template`
(an empty list with dropdowns, for ``exporter init``).
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime, time
from typing import Any, BinaryIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.writer.excel import ExcelWriter

from ..model import Meeting
from .excel_cells import BASE_FONT
from .excel_lists import awards_sheet, targets_sheet, write_list_sheet, write_template_sheet
from .excel_overview import write_overview
from .excel_rows import RowSplice
from .excel_summary import write_unit_summary

__all__ = ["render", "render_list_template"]

TEMPLATE_DATE = date(2024, 1, 1)
"""Document date of the list templates, which belong to no meeting (fixed: same bytes every run)."""

ZIP_EPOCH = date(1980, 1, 1)      # the earliest date a zip entry can carry
ZIP64_THRESHOLD = 1 << 30         # entries this large need zip64 headers declared up front


def render(meeting: Meeting, fonts: Any, out: BinaryIO) -> None:
    """Write the workbook for ``meeting`` to ``out``.

    ``fonts`` is accepted for the renderer contract and not used: a workbook
    names its faces (宋体, 黑体) and leaves drawing them to the spreadsheet.
    """
    wb = _workbook(_properties(meeting))
    awards = awards_sheet(meeting.awards) if meeting.awards else None
    targets = targets_sheet(meeting.targets) if meeting.targets else None
    choices = write_overview(wb, meeting, awards, targets)
    splices = []
    if awards is not None:
        splices.append(write_list_sheet(wb, awards, sample=meeting.sample, dropdown_ranges=choices))
    if targets is not None:
        splices.append(write_list_sheet(wb, targets, sample=meeting.sample, dropdown_ranges=choices))
        if meeting.targets.rows:
            write_unit_summary(wb, meeting.targets, targets, sample=meeting.sample)
    _save(wb, out, meeting.issue_date, splices)


def render_list_template(out: BinaryIO, headers: list[str], dropdowns: dict[str, list[str]],
                         sheet_title: str, sample_rows: list[list] | None = None) -> None:
    """An .xlsx list to fill in: styled, frozen header; widths; dropdowns on the named columns.

    ``dropdowns`` maps a header to its choices; the dropdown covers the whole
    column below the header.  ``sample_rows`` are written under the header.
    """
    props = DocumentProperties(title=sheet_title, creator="exporter", lastModifiedBy="exporter",
                               created=_midnight(TEMPLATE_DATE), modified=_midnight(TEMPLATE_DATE),
                               language="zh-CN")
    wb = _workbook(props)
    write_template_sheet(wb, sheet_title, headers, dropdowns, sample_rows)
    _save(wb, out, TEMPLATE_DATE)


def _properties(m: Meeting) -> DocumentProperties:
    """Title, creator = issuer, created = modified = the briefing date (never the clock)."""
    when = _midnight(m.issue_date)
    keywords = [k for k in ("表彰名单" if m.awards else None, "目标责任" if m.targets else None,
                            "样例" if m.sample else None) if k]
    return DocumentProperties(
        title=f"{m.meeting.title}——表彰名单和目标责任",
        subject=f"《{m.awards.decision}》" if m.awards else m.meeting.title,
        creator=m.issuer.name,
        lastModifiedBy=m.issuer.name,
        keywords="，".join(keywords) or None,
        created=when,
        modified=when,
        language="zh-CN",
    )


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time(0, 0))


def _workbook(props: DocumentProperties) -> Workbook:
    """A streaming workbook whose default font is 宋体 11 (Chinese text in the sheet's face).

    openpyxl has no public setting for the Normal style's font; replacing the
    first font before any cell is styled makes it the workbook default.
    """
    wb = Workbook(write_only=True)
    wb._fonts = IndexedList([BASE_FONT])
    wb._named_styles["Normal"].font = BASE_FONT
    wb.properties = props
    return wb


class _FixedTimeArchive:
    """The part of ZipFile that openpyxl's ExcelWriter uses, with every entry dated ``when``.

    ZipFile.writestr/write stamp entries with the clock (or a temp file's
    mtime); these entries carry the document date instead, so the bytes do
    not depend on when the workbook was built.
    """

    def __init__(self, out: BinaryIO, when: date, splices: list[RowSplice]):
        self._zip = ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True)
        self._splices = {s.part: s for s in splices}
        day = max(when, ZIP_EPOCH)
        self._date_time = (day.year, day.month, day.day, 0, 0, 0)

    def _info(self, name: str) -> ZipInfo:
        info = ZipInfo(name, date_time=self._date_time)
        info.compress_type = ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def writestr(self, name: str, data: str | bytes) -> None:
        self._zip.writestr(self._info(name), data)

    def write(self, filename: str, arcname: str) -> None:
        """Copy a streamed sheet from its temporary file, splicing in its list rows if it has any."""
        splice = self._splices.get(arcname)
        big = splice is not None or os.path.getsize(filename) > ZIP64_THRESHOLD
        with open(filename, "rb") as src, self._zip.open(self._info(arcname), "w", force_zip64=big) as dst:
            if splice is None:
                shutil.copyfileobj(src, dst, 1 << 20)
                return
            sheet = src.read()          # header row and sheet settings only: small
            end = sheet.index(b"</sheetData>")
            dst.write(sheet[:end])
            for chunk in splice.chunks():
                dst.write(chunk)
            dst.write(sheet[end:])

    def namelist(self) -> list[str]:
        return self._zip.namelist()

    def close(self) -> None:
        self._zip.close()


def _save(wb: Workbook, out: BinaryIO, when: date, splices: list[RowSplice] = ()) -> None:
    """Save without openpyxl's save_workbook, which stamps 'modified' with the clock."""
    ExcelWriter(wb, _FixedTimeArchive(out, when, list(splices))).save()
