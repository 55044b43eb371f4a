"""A paragraph flowable for Chinese text: GB/T 15834 line breaking, fallback faces, grid pitch.

Part of the PDF renderer (imports ReportLab).  ReportLab's ``Paragraph``
with ``wordWrap='CJK'`` breaks lines by a Japanese rule set and cannot
justify text without spaces, so the renderer sets every piece of text with
:class:`TextBlock` instead:

* lines come from :mod:`exporter.render.pdf_linebreak` (no 。，、；：？！ or
  closing mark at a line start, no opening mark at a line end, —— and ……
  whole);
* each run is drawn in the face of its role, or in the fallback face where
  that face lacks a character (:meth:`PdfFaces.runs`);
* body text keeps the 9704 grid: characters at ``layout.CHAR_PITCH_PT``
  (28 to a line) on ``layout.LINE_PITCH_PT`` (22 lines to a page), and lines
  are justified by character spacing (PDF ``Tc``), so both edges of a
  paragraph are straight and the text stays one searchable string per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.colors import CMYKColor, Color, black
from reportlab.platypus.flowables import Flowable

from exporter.layout import RED_CMYK, FontRole
from exporter.render.pdf_fonts import PdfFaces
from exporter.render.pdf_linebreak import Line, break_lines, clusters
from exporter.render.pdf_textout import TextWriter

__all__ = ["EM_BOTTOM", "EM_TOP", "RED", "Span", "TextBlock", "TextStyle"]

# The ideographic em box of CJK faces runs from 0.12 em below the baseline to
# 0.88 em above it; lines are centred on it.
EM_TOP = 0.88
EM_BOTTOM = -0.12
# Justified lines may be set this much (× size) tighter per gap to avoid a loose line.
SHRINK = 0.05
RED = CMYKColor(*RED_CMYK)     # Y80 % M80 % (§6.2)

Span = tuple[FontRole, str]


@dataclass(frozen=True)
class TextStyle:
    """How a block of text is set; lengths in points."""

    size: float
    leading: float
    align: str = "justify"          # justify | left | center | right
    first_indent: float = 0.0       # extra indent of the first line (2 字 for body text)
    left_indent: float = 0.0        # all lines (a hanging indent with a negative first_indent)
    right_indent: float = 0.0
    tracking: float = 0.0           # added between characters
    color: Color = black
    space_before: float = 0.0
    space_after: float = 0.0

    def but(self, **changes) -> TextStyle:
        return replace(self, **changes)


class TextBlock(Flowable):
    """One paragraph of Chinese text, possibly in several faces, split across frames by lines.

    ``outline`` = (title, level, key) adds a bookmark at the block's top; the
    key names the destination in the file, so it must be unique and stable.
    """

    def __init__(self, spans: Sequence[Span], style: TextStyle, faces: PdfFaces,
                 outline: tuple[str, int, str] | None = None, *, _chars=None, _continued=False,
                 _open_end=False):
        super().__init__()
        self.style = style
        self.faces = faces
        self.outline = outline
        if _chars is None:
            text_parts: list[str] = []
            fonts: list[str] = []
            widths: list[float] = []
            for role, text in spans:
                for font, run in faces.runs(role, text):
                    text_parts.append(run)
                    fonts.extend([font] * len(run))
                    widths.extend(w * style.size for w in faces.char_widths(font, run))
            _chars = ("".join(text_parts), fonts, widths)
        self.text, self._fonts, self._widths = _chars
        self._continued = _continued      # a continuation: no first-line indent, no bookmark
        self._open_end = _open_end        # the paragraph goes on in the next frame: justify the last line
        self._lines: list[Line] = []
        self._bounds: set[int] | None = None
        self._wrapped_for: float | None = None
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self.width = self.height = 0.0

    def __repr__(self) -> str:
        return f"TextBlock({self.text[:20]!r}…)"

    # --- layout -------------------------------------------------------------

    def _line_widths(self, avail: float) -> list[float]:
        s = self.style
        full = avail - s.left_indent - s.right_indent
        first = full if self._continued else full - s.first_indent
        return [first, full]

    def lines(self, avail_width: float) -> list[Line]:
        """The lines at *avail_width* (cached for the last width asked)."""
        if self._wrapped_for != avail_width:
            s = self.style
            widths = self._line_widths(avail_width)
            if s.align == "justify":
                # A line more than 1 字 short is spread visibly: set it up to 5 % tighter instead.
                shrink, loose = SHRINK * s.size, 0.9 * s.size
            else:
                shrink, loose = 0.0, float("inf")
            self._lines = break_lines(self.text, self._widths, widths, s.tracking, shrink, loose)
            self._wrapped_for = avail_width
        return self._lines

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        lines = self.lines(availWidth)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit <= 0 or fit >= len(lines):
            return []
        cut = lines[fit].start
        head = self._part(0, cut, self._continued, open_end=True, lines=lines[:fit])
        head.outline = self.outline
        tail = self._part(cut, len(self.text), True, open_end=self._open_end, lines=lines[fit:])
        head.spaceAfter = 0
        tail.spaceBefore = 0
        return [head, tail]

    def _part(self, start: int, end: int, continued: bool, open_end: bool, lines: list[Line]) -> TextBlock:
        """Characters start:end as a block of their own, keeping the lines already broken.

        Breaking the part again could differ at its new end (a line near it
        may have been set tighter to take the next cluster), and then the
        head would no longer fit where the frame measured it.
        """
        chars = (self.text[start:end], self._fonts[start:end], self._widths[start:end])
        part = TextBlock((), self.style, self.faces, None, _chars=chars, _continued=continued,
                         _open_end=open_end)
        part._lines = [replace(line, start=line.start - start, end=line.end - start) for line in lines]
        part._wrapped_for = self._wrapped_for
        return part

    # --- drawing ------------------------------------------------------------

    def draw(self) -> None:
        canv = self.canv
        s = self.style
        lines = self.lines(self.width)
        if self.outline and not self._continued:
            title, level, key = self.outline
            canv.bookmarkHorizontal(key, 0, self.height)
            canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        widths = self._line_widths(self.width)
        tx = TextWriter(canv)
        tx.fill(s.color)
        for i, line in enumerate(lines):
            avail = widths[min(i, 1)]
            x = s.left_indent + (self.width - s.left_indent - s.right_indent - avail)
            baseline = self.height - (i + 0.5) * s.leading - (EM_TOP + EM_BOTTOM) / 2 * s.size
            gaps = self._gaps(line)
            extra = 0.0
            justify = s.align == "justify" and (not line.last or (self._open_end and i == len(lines) - 1))
            if justify and gaps:
                extra = (avail - line.width) / len(gaps)
            elif s.align == "center":
                x += (avail - line.width) / 2
            elif s.align == "right":
                x += avail - line.width
            self._draw_line(tx, x, baseline, line, gaps if extra else set(), extra)
        tx.close()

    def _gaps(self, line: Line) -> set[int]:
        """Cluster boundaries inside *line*: where justification may add space.

        Never inside a Latin word, a number or a "——", which stay set solid.
        """
        if self._bounds is None:
            self._bounds = clusters(self.text)
        return {b for b in self._bounds if line.start < b < line.end}

    def _draw_line(self, tx: TextWriter, x: float, y: float, line: Line, gaps: set[int],
                   extra: float) -> None:
        """The line's runs, one per face, with the spacing after every glyph."""
        spacing = self._spacing(line, gaps, extra)
        tx.move_to(x, y)
        start = line.start
        for i in range(line.start + 1, line.end + 1):
            if i == line.end or self._fonts[i] != self._fonts[start]:
                tx.show(self._fonts[start], self.style.size, self.text[start:i],
                        spacing[start - line.start:i - line.start])
                start = i

    def _spacing(self, line: Line, gaps: set[int], extra: float) -> list[float]:
        """Space after each glyph: tracking, plus the justification at cluster gaps."""
        tracking = self.style.tracking
        return [tracking + (extra if i + 1 in gaps else 0.0) for i in range(line.start, line.end)]
