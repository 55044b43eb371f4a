"""The sample watermark, drawn as glyph outlines rather than text.

Part of the PDF renderer.  A watermark set as text would be extracted with
the page's text: pdftotext puts "样" and "例" between the lines it crosses
and a search for a name could hit it.  Drawn as filled outlines it is seen
and printed but never copied, so the text of the document stays exactly the
data's text.  The outlines come from the title face (fontTools reads the
glyphs; ~0.2 s for a CJK face, so they are cached per process and per user).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfgen.canvas import FILL_NON_ZERO

from .pdf_facecache import cached

__all__ = ["GlyphOutlines", "glyph_outlines"]

Command = tuple[str, tuple[float, ...]]


@lru_cache(maxsize=None)
def _recording_pen():
    """The pen class that records moveTo/lineTo/curveTo/close (quadratic curves arrive as cubics).

    Made on first use: fontTools is imported only when the outlines are not
    in the user cache, which is rare, so the renderer usually never loads
    it (~10 ms).
    """
    from fontTools.pens.basePen import BasePen

    class RecordingPen(BasePen):
        def __init__(self, glyph_set, dx: float):
            super().__init__(glyph_set)
            self.dx = dx
            self.commands: list[Command] = []

        def _moveTo(self, pt):
            self.commands.append(("moveTo", (pt[0] + self.dx, pt[1])))

        def _lineTo(self, pt):
            self.commands.append(("lineTo", (pt[0] + self.dx, pt[1])))

        def _curveToOne(self, pt1, pt2, pt3):
            self.commands.append(("curveTo", (pt1[0] + self.dx, pt1[1], pt2[0] + self.dx, pt2[1],
                                              pt3[0] + self.dx, pt3[1])))

        def _closePath(self):
            self.commands.append(("close", ()))

    return RecordingPen


class GlyphOutlines:
    """A line of text as outline commands in font units, with its advance width."""

    def __init__(self, commands: list[Command], advance: float, units_per_em: int):
        self.commands = commands
        self.advance = advance
        self.units_per_em = units_per_em

    def draw(self, canv, x: float, y: float, size: float) -> None:
        """Fill the outlines with the current fill colour, baseline-left at (x, y)."""
        canv.saveState()
        canv.translate(x, y)
        scale = size / self.units_per_em
        canv.scale(scale, scale)
        path = canv.beginPath()
        for op, args in self.commands:
            getattr(path, op)(*args)
        canv.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        canv.restoreState()


@lru_cache(maxsize=8)
def glyph_outlines(path: Path, subfont_index: int, text: str) -> GlyphOutlines:
    """The outlines of *text* in the face at *path* (characters it lacks are skipped).

    Reading them costs fontTools ~0.6 s on a large CJK face, so they are kept
    in the per-user font cache (:mod:`.pdf_facecache`).
    """
    return cached(path, f"outlines:{subfont_index}:{text}",
                  lambda: _read_outlines(path, subfont_index, text), GlyphOutlines)


def _read_outlines(path: Path, subfont_index: int, text: str) -> GlyphOutlines:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True, fontNumber=subfont_index)
    try:
        cmap = font.getBestCmap()
        glyph_set = font.getGlyphSet()
        advance = 0.0
        commands: list[Command] = []
        for ch in text:
            name = cmap.get(ord(ch))
            if name is None:
                continue
            pen = _recording_pen()(glyph_set, advance)
            glyph_set[name].draw(pen)
            commands += pen.commands
            advance += glyph_set[name].width
        return GlyphOutlines(commands, advance, font["head"].unitsPerEm)
    finally:
        font.close()

