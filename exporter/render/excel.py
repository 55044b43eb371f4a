"""The Excel workbook (.xlsx): the lists staff sort, filter, edit, print and check.

Sheets: 概况 (facts, and the lists checked against the announced counts by
formulas), 表彰名单 and 目标责任 (Excel tables with every input column), and
按单位汇总 (targets side by side per unit, with a chart).  See
``shared/spec/outputs.md`` "Excel workbook".

The workbook is written as SpreadsheetML text, with no spreadsheet library:
openpyxl cost 0.2 s to import and tens of microseconds per styled cell,
most of a workbook's time.  The text is byte for byte what openpyxl wrote
before (its serialisation is reproduced in ``excel_xml``, ``excel_styles``,
``excel_sheet``, ``excel_chart`` and ``excel_book``), sheets are written
top to bottom so that memory stays flat on long lists, and the package has
fixed zip entry times and document dates taken from the meeting, so the
same input gives the same bytes.

Entry points: :func:`render` (the workbook) and :func:`render_list_template`
(an empty list with dropdowns, for ``exporter init``).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, BinaryIO

from ..model import Meeting
from .excel_book import Book, Properties
from .excel_cells import BASE_FONT
from .excel_lists import awards_sheet, targets_sheet, write_list_sheet, write_template_sheet
from .excel_overview import write_overview
from .excel_summary import write_unit_summary

__all__ = ["render", "render_list_template"]

TEMPLATE_DATE = date(2024, 1, 1)
"""Document date of the list templates, which belong to no meeting (fixed: same bytes every run)."""


def render(meeting: Meeting, fonts: Any, out: BinaryIO) -> None:
    """Write the workbook for ``meeting`` to ``out``.

    ``fonts`` is accepted for the renderer contract and not used: a workbook
    names its faces (宋体, 黑体) and leaves drawing them to the spreadsheet.
    """
    wb = Book(_properties(meeting), BASE_FONT)
    awards = awards_sheet(meeting.awards) if meeting.awards else None
    targets = targets_sheet(meeting.targets) if meeting.targets else None
    choices = write_overview(wb, meeting, awards, targets)
    if awards is not None:
        write_list_sheet(wb, awards, sample=meeting.sample, dropdown_ranges=choices)
    if targets is not None:
        write_list_sheet(wb, targets, sample=meeting.sample, dropdown_ranges=choices)
        if meeting.targets.rows:
            write_unit_summary(wb, meeting.targets, targets, sample=meeting.sample)
    wb.save(out, meeting.issue_date)


def render_list_template(out: BinaryIO, headers: list[str], dropdowns: dict[str, list[str]],
                         sheet_title: str, sample_rows: list[list] | None = None) -> None:
    """An .xlsx list to fill in: styled, frozen header; widths; dropdowns on the named columns.

    ``dropdowns`` maps a header to its choices; the dropdown covers the whole
    column below the header.  ``sample_rows`` are written under the header.
    """
    props = Properties(title=sheet_title, creator="exporter", last_modified_by="exporter",
                       created=_midnight(TEMPLATE_DATE), modified=_midnight(TEMPLATE_DATE), language="zh-CN")
    wb = Book(props, BASE_FONT)
    write_template_sheet(wb, sheet_title, headers, dropdowns, sample_rows)
    wb.save(out, TEMPLATE_DATE)


def _properties(m: Meeting) -> Properties:
    """Title, creator = issuer, created = modified = the briefing date (never the clock)."""
    when = _midnight(m.issue_date)
    keywords = [k for k in ("表彰名单" if m.awards else None, "目标责任" if m.targets else None,
                            "样例" if m.sample else None) if k]
    return Properties(
        title=f"{m.meeting.title}——表彰名单和目标责任",
        subject=f"《{m.awards.decision}》" if m.awards else m.meeting.title,
        creator=m.issuer.name,
        last_modified_by=m.issuer.name,
        keywords="，".join(keywords) or None,
        created=when,
        modified=when,
        language="zh-CN",
    )


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time(0, 0))
