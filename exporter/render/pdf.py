"""The PDF summary (摘要): meeting facts, key figures, speech outline, lists, one chart.

The only ReportLab user of the package, with its helpers ``pdf_*.py``:
:mod:`~exporter.render.pdf_fonts` (registration, fallback runs, a ToUnicode
map that gets characters outside the BMP right), :mod:`~.pdf_linebreak`
(GB/T 15834 line breaking), :mod:`~.pdf_text` (the paragraph flowable),
:mod:`~.pdf_table` (long lists, header on every page), :mod:`~.pdf_marks`
(the sample watermark, as outlines) and :mod:`~.pdf_parts` (the content,
section by section).

The PDF is what gets mailed and archived, so it must look right on any
machine: every face is embedded as a subset, no standard-14 font is
referenced (``initialFontName``), and text extracts as the data's text.
Page geometry is GB/T 9704's type area from :mod:`exporter.layout`, page
numbers "— N —" 7 mm below it, right on odd pages and left on even ones.

Deterministic: same meeting and fonts → the same bytes.  ReportLab's
``invariant`` mode is switched on for this document only (the doc template's
argument, not the global ``rl_config``), the document dates are the meeting's
issue date, and the file ID is a digest of the meeting data.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from exporter.render import pdf_startup  # before ReportLab: see its docstring
from reportlab.lib.colors import Color
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from exporter import __version__
from exporter.fonts import FontSet
from exporter.layout import PAGE, PAGE_NUMBER_INDENT_CHARS, PAGE_NUMBER_PT, FontRole, mm_to_pt
from exporter.model import Meeting, json_pieces
from exporter.render.pdf_fonts import PdfFaces
from exporter.render.pdf_marks import glyph_outlines
from exporter.render.pdf_parts import SummaryParts
from exporter.render.pdf_streams import binary_streams
from exporter.render.pdf_text import EM_BOTTOM, EM_TOP
from exporter.render.pdf_textout import TextWriter
from exporter.text import format_date

pdf_startup.release()    # ReportLab holds its two stand-ins now; nobody else is handed one

__all__ = ["document_id", "render"]

WATERMARK_GREY = Color(0.91, 0.91, 0.91)   # opaque: it lies under the content
WATERMARK_PT = 120
WATERMARK_FORM = "SampleWatermark"


def render(meeting: Meeting, fonts: FontSet, out: BinaryIO) -> None:
    """Write the PDF summary of *meeting* to the binary stream *out*."""
    with _collector_paused():
        faces = PdfFaces(fonts)
        story = SummaryParts(meeting, faces).story()
        doc = _SummaryDoc(out, meeting, faces)
        with binary_streams():
            doc.build(story)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the summary is made; the garbage is collected after.

    A summary of a long list allocates a few objects per cell and keeps them
    to the end, and Python's collector scans the growing heap (the loaded
    meeting included) again and again in vain: ~0.25 s of a 10,000-row
    summary, 2.5 s at 100,000 rows, growing faster than the list.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# --- the document ---------------------------------------------------------------

def _document_info(meeting: Meeting) -> dict[str, object]:
    """Title, author (the issuer), subject and keywords, from the data."""
    issuer = meeting.issuer
    keywords = [issuer.running_name, meeting.meeting.title, "会议摘要"]
    if meeting.awards:
        keywords.append(meeting.awards.decision)
    if meeting.targets:
        keywords.append(meeting.targets.display_title)
    if meeting.sample:
        keywords.append("样例")
    return {
        "title": meeting.meeting.title,
        "author": issuer.name,
        "subject": f"{meeting.meeting.title}会议摘要（{format_date(meeting.meeting.date)}）",
        "keywords": list(dict.fromkeys(keywords)),
        "creator": f"exporter {__version__}",
    }


def document_id(meeting: Meeting) -> tuple[str, str]:
    """The two halves of the PDF file ID (PDF 32000 §14.4), both from the data.

    The first identifies the document (the meeting: issuer, title, date); the
    second this version of it (all the data), so a corrected list gives a new
    version of the same document.
    """
    identity = "\n".join((meeting.issuer.name, meeting.meeting.title, meeting.meeting.date.isoformat()))
    permanent = hashlib.md5(identity.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    version = hashlib.md5(usedforsecurity=False)
    for piece in json_pieces(meeting):
        version.update(piece.encode("utf-8"))
    return permanent, version.hexdigest().upper()


class _SummaryDoc(BaseDocTemplate):
    """A4, one frame on the 9704 type area, page numbers and sample marks on every page."""

    def __init__(self, out: BinaryIO, meeting: Meeting, faces: PdfFaces):
        self.meeting = meeting
        self.faces = faces
        left, top = mm_to_pt(PAGE.left), mm_to_pt(PAGE.top)
        width, height = mm_to_pt(PAGE.area_width), mm_to_pt(PAGE.area_height)
        page = (mm_to_pt(PAGE.width), mm_to_pt(PAGE.height))
        super().__init__(
            out, pagesize=page,
            leftMargin=left, rightMargin=page[0] - left - width,
            topMargin=top, bottomMargin=page[1] - top - height,
            invariant=1, pageCompression=1, lang="zh-CN", displayDocTitle=1,
            initialFontName=faces.name(FontRole.BODY), initialFontSize=16,
            **_document_info(meeting),
        )
        frame = Frame(left, page[1] - top - height, width, height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="type-area")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def beforeDocument(self) -> None:  # noqa: N802 (ReportLab's hook)
        """Document dates from the data, and a file ID from the data (never the clock)."""
        d = self.meeting.issue_date
        stamp = f"D:{d.year:04d}{d.month:02d}{d.day:02d}000000+08'00'"
        self.canv.setDateFormatter(lambda *_: stamp)
        first, second = document_id(self.meeting)
        # ReportLab has no public setter: it formats its own digest unless _ID is already set.
        self.canv._doc._ID = f"\n[<{first}><{second}>]\n".encode("ascii")
        self.canv.showOutline()          # open with the bookmarks shown

    def _decorate(self, canv, doc) -> None:
        if self.meeting.sample:
            canv.saveState()
            self._watermark(canv)
            canv.restoreState()
        canv.saveState()
        self._page_number(canv, canv.getPageNumber())
        canv.restoreState()

    def _page_number(self, canv, number: int) -> None:
        """"— N —" in 宋体 4号: top of its em box 7 mm below the type area; odd right, even left, 1 字 in."""
        size = PAGE_NUMBER_PT
        text = f"— {number} —"
        runs = self.faces.runs(FontRole.SONG, text)
        width = sum(self.faces.width(font, run, size) for font, run in runs)
        area_bottom = mm_to_pt(PAGE.bottom)
        baseline = area_bottom - mm_to_pt(PAGE.footer_gap) - EM_TOP * size
        indent = PAGE_NUMBER_INDENT_CHARS * size
        if number % 2:
            x = mm_to_pt(PAGE.left + PAGE.area_width) - indent - width
        else:
            x = mm_to_pt(PAGE.left) + indent
        tx = TextWriter(canv)
        tx.fill(Color(0, 0, 0))
        tx.move_to(x, baseline)
        for font, run in runs:
            tx.show(font, size, run)
        tx.close()

    def _watermark(self, canv) -> None:
        """A light diagonal 样例 across the page, under the content, as outlines (never extracted).

        Drawn once into a form XObject and placed on every page by reference.
        """
        if not canv.hasForm(WATERMARK_FORM):
            face = self.faces.fonts.face(FontRole.TITLE)
            outlines = glyph_outlines(face.path, face.subfont_index, "样例")
            width = outlines.advance / outlines.units_per_em * WATERMARK_PT
            canv.beginForm(WATERMARK_FORM)
            canv.translate(mm_to_pt(PAGE.width) / 2, mm_to_pt(PAGE.height) / 2)
            canv.rotate(35)
            canv.setFillColor(WATERMARK_GREY)
            outlines.draw(canv, -width / 2, -WATERMARK_PT * (EM_TOP + EM_BOTTOM) / 2, WATERMARK_PT)
            canv.endForm()
        canv.doForm(WATERMARK_FORM)
