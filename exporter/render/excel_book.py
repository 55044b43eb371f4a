"""The workbook as a package: its sheets in order, and every part written into the .xlsx zip.

The parts, their names, their order in the zip and their bytes are those
openpyxl 3.1 wrote (the workbook was built with it until its import, 0.2 s,
and its per-cell objects became most of the cost); entries carry the
document's date instead of the clock, so the same input gives the same
bytes.  List rows are generated while their sheet's entry is written, so a
list of any length passes through in chunks.  Part of
:mod:`exporter.render.excel`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO, Iterator, Optional
from zipfile import ZIP_DEFLATED, ZipFile

from .excel_sheet import REL_NS, Sheet
from .excel_styles import Font, Styles
from .excel_theme import THEME
from .excel_xml import attr, text
from .zip_parts import Content, write_content, zip_entry

ZIP_EPOCH = date(1980, 1, 1)      # the earliest date a zip entry can carry
ZIP64_THRESHOLD = 1 << 30         # entries this large need zip64 headers declared up front
ENTRY_MODE = 0o644                # the attributes openpyxl's entries had

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_PREFIX = "application/vnd.openxmlformats-officedocument."
CONTENT_TYPES = {
    "styles": CT_PREFIX + "spreadsheetml.styles+xml",
    "theme": CT_PREFIX + "theme+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": CT_PREFIX + "extended-properties+xml",
    "sheet": CT_PREFIX + "spreadsheetml.worksheet+xml",
    "table": CT_PREFIX + "spreadsheetml.table+xml",
    "drawing": CT_PREFIX + "drawing+xml",
    "chart": CT_PREFIX + "drawingml.chart+xml",
    "workbook": CT_PREFIX + "spreadsheetml.sheet.main+xml",
}
APP_XML = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>Microsoft Excel Compatible / exporter</Application>"
           "<AppVersion>3.1</AppVersion></Properties>")
"""docProps/app.xml in openpyxl's form, naming the program that really wrote the file."""


@dataclass
class Properties:
    """Document properties; a None is left out."""

    title: Optional[str]
    creator: str
    last_modified_by: str
    created: datetime
    modified: datetime
    subject: Optional[str] = None
    keywords: Optional[str] = None
    language: Optional[str] = None

    def xml(self) -> str:
        """docProps/core.xml, each element with the namespace declarations openpyxl gave it."""
        dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
        dated = ('xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:type="dcterms:W3CDTF"')
        parts = ['<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                 'core-properties">', f"<dc:creator {dc}>{text(self.creator)}</dc:creator>"]
        if self.title is not None:
            parts.append(f"<dc:title {dc}>{text(self.title)}</dc:title>")
        if self.subject is not None:
            parts.append(f"<dc:subject {dc}>{text(self.subject)}</dc:subject>")
        if self.language is not None:
            parts.append(f"<dc:language {dc}>{text(self.language)}</dc:language>")
        parts.append(f"<dcterms:created {dated}>{_w3cdtf(self.created)}</dcterms:created>")
        parts.append(f"<dcterms:modified {dated}>{_w3cdtf(self.modified)}</dcterms:modified>")
        parts.append(f"<cp:lastModifiedBy>{text(self.last_modified_by)}</cp:lastModifiedBy>")
        if self.keywords is not None:
            parts.append(f"<cp:keywords>{text(self.keywords)}</cp:keywords>")
        parts.append("</cp:coreProperties>")
        return "".join(parts)


def _w3cdtf(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Book:
    """The workbook being written: sheets in order, the shared styles, the properties."""

    properties: Properties
    base_font: Font
    sheets: list[Sheet] = field(default_factory=list)
    styles: Styles = field(init=False)

    def __post_init__(self) -> None:
        self.styles = Styles(self.base_font)

    def create_sheet(self, title: str) -> Sheet:
        sheet = Sheet(title, len(self.sheets) + 1, self.styles)
        self.sheets.append(sheet)
        return sheet

    def save(self, out: BinaryIO, when: date) -> None:
        """Write the package to ``out``, every entry dated ``when``.

        Streamed: on a stream that cannot seek (a pipe) the zip carries each
        entry's sizes after its data instead of in its header, as before.
        """
        with ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as package:
            _Writer(self, package, when).write()


class _Writer:
    """Writes the parts in openpyxl's order, numbering tables, drawings and charts as it goes."""

    def __init__(self, book: Book, package: ZipFile, when: date):
        self.book = book
        self.package = package
        day = max(when, ZIP_EPOCH)
        self.stamp = (day.year, day.month, day.day, 0, 0, 0)
        self.overrides: list[tuple[str, str]] = [("/xl/styles.xml", "styles"), ("/xl/theme/theme1.xml", "theme"),
                                                 ("/docProps/core.xml", "core"), ("/docProps/app.xml", "app")]
        self.tables = 0
        self.charts: list = []

    def write(self) -> None:
        """Every part, in the order openpyxl's ExcelWriter wrote them (the order is part of the bytes)."""
        self.put("docProps/app.xml", APP_XML)
        self.put("docProps/core.xml", self.book.properties.xml())
        self.put("xl/theme/theme1.xml", THEME)
        for sheet in self.book.sheets:
            self.sheet(sheet)
        for chart in self.charts:
            self.put(f"xl/charts/chart{chart.number}.xml", chart.xml())
            self.overrides.append((f"/xl/charts/chart{chart.number}.xml", "chart"))
        self.put("xl/styles.xml", self.book.styles.xml())
        self.put("_rels/.rels", _relationships([
            (f"{DOC_RELS}/officeDocument", "xl/workbook.xml"),
            (f"{PKG_RELS}/metadata/core-properties", "docProps/core.xml"),
            (f"{DOC_RELS}/extended-properties", "docProps/app.xml")]))
        self.put("xl/workbook.xml", self.workbook_xml())
        sheets = self.book.sheets
        self.put("xl/_rels/workbook.xml.rels", _relationships(
            [(f"{DOC_RELS}/worksheet", f"/{s.part}") for s in sheets]
            + [(f"{DOC_RELS}/styles", "styles.xml"), (f"{DOC_RELS}/theme", "theme/theme1.xml")]))
        self.overrides.append(("/xl/workbook.xml", "workbook"))
        self.put("[Content_Types].xml", self.content_types_xml())

    def sheet(self, sheet: Sheet) -> None:
        """The sheet, then its drawing and table, then its relationships."""
        rels = []
        drawing_rel = table_rel = None
        if sheet.chart is not None:
            rels.append((f"{DOC_RELS}/drawing", None))
            drawing_rel = f"rId{len(rels)}"
        if sheet.table is not None:
            rels.append((f"{DOC_RELS}/table", None))
            table_rel = f"rId{len(rels)}"
        self.put_sheet(sheet, drawing_rel, table_rel)
        self.overrides.append((f"/{sheet.part}", "sheet"))
        targets = []
        if sheet.chart is not None:
            targets.append(self.drawing(sheet.chart))
        if sheet.table is not None:
            self.tables += 1
            sheet.table.number = self.tables
            name = f"xl/tables/table{self.tables}.xml"
            self.put(name, sheet.table.xml())
            self.overrides.append((f"/{name}", "table"))
            targets.append(f"/{name}")
        if rels:
            self.put(f"xl/worksheets/_rels/sheet{sheet.number}.xml.rels",
                     _relationships([(kind, target) for (kind, _), target in zip(rels, targets)]))

    def drawing(self, chart) -> str:
        """The drawing that holds ``chart`` (one chart a drawing); the chart part is written last."""
        self.charts.append(chart)
        chart.number = n = len(self.charts)
        name = f"xl/drawings/drawing{n}.xml"
        self.put(name, chart.drawing_xml())
        self.put(f"xl/drawings/_rels/drawing{n}.xml.rels",
                 _relationships([(f"{DOC_RELS}/chart", f"/xl/charts/chart{n}.xml")]))
        self.overrides.append((f"/{name}", "drawing"))
        return f"/{name}"

    def put_sheet(self, sheet: Sheet, drawing_rel: Optional[str], table_rel: Optional[str]) -> None:
        """The sheet part; a list sheet's rows are generated into it in chunks."""
        head, rows, tail = sheet.head_xml(), sheet.rows_xml(), sheet.tail_xml(drawing_rel, table_rel)
        if sheet.splice is None:
            content = (head + rows + tail).encode("utf-8")
            self.put(sheet.part, content, force_zip64=len(content) > ZIP64_THRESHOLD)
            return
        self.put(sheet.part, _spliced(head + rows, sheet, tail), force_zip64=True)

    def put(self, name: str, content: Content, force_zip64: bool = False) -> None:
        """One zip entry dated the document's day; an iterable is compressed chunk by chunk.

        ``force_zip64`` declares zip64 sizes up front, needed before writing
        an entry of unknown length that may pass 2 GB (the list sheets).
        """
        with self.package.open(zip_entry(name, self.stamp, ENTRY_MODE), "w", force_zip64=force_zip64) as dst:
            write_content(dst, content)

    def workbook_xml(self) -> str:
        """xl/workbook.xml: the sheets in order and their print titles (repeated header rows)."""
        sheets = "".join(f'<sheet xmlns:r="{REL_NS}" name="{attr(s.title)}" sheetId="{s.number}" state="visible" '
                         f'r:id="rId{s.number}"/>' for s in self.book.sheets)
        names = "".join(f'<definedName name="_xlnm.Print_Titles" localSheetId="{s.number - 1}">{text(titles)}'
                        "</definedName>" for s in self.book.sheets if (titles := s.print_titles()))
        return ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><workbookPr/>'
                '<workbookProtection/><bookViews><workbookView visibility="visible" minimized="0" '
                'showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" '
                f'activeTab="0" autoFilterDateGrouping="1"/></bookViews><sheets>{sheets}</sheets>'
                + (f"<definedNames>{names}</definedNames>" if names else "<definedNames/>")
                + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')

    def content_types_xml(self) -> str:
        """[Content_Types].xml: one override per part, in the order the parts were written."""
        overrides = "".join(f'<Override PartName="{name}" ContentType="{CONTENT_TYPES[kind]}"/>'
                            for name, kind in self.overrides)
        return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')


def _relationships(rels: list[tuple[str, str]]) -> str:
    items = "".join(f'<Relationship Type="{kind}" Target="{target}" Id="rId{i}"/>'
                    for i, (kind, target) in enumerate(rels, 1))
    return f'<Relationships xmlns="{PKG_RELS}">{items}</Relationships>'


def _spliced(before: str, sheet: Sheet, after: str) -> Iterator[bytes]:
    """A list sheet's part: its head and header row, the generated rows, its tail."""
    yield before.encode("utf-8")
    yield from sheet.data_rows()
    yield after.encode("utf-8")
