"""Long lists as page-sized tables with the header row on every page.

Part of the PDF renderer (imports ReportLab).  One ``LongTable`` is roughly
quadratic in its rows (10,000 rows: 5.9 s), a chain of fixed 500-row
``Table`` chunks shows a stray header row in the middle of a page wherever
one chunk ends and the next begins, and ReportLab's ``Table`` spends most of
its time drawing cell by cell.  :class:`PagedTable` knows the height of every
row in advance (cells are set by our own line breaker), so when the frame
asks it to split it hands out exactly the rows that fit and keeps the rest —
linear time, one header per page, no row ever split across pages — and it
draws a page of rows itself: one path for the rules, one text object for
all cells.

Linear also for 100,000 rows: every page-sized piece is a range of the rows
prepared once (nothing copied or summed beyond the page), and a page's
numbers and strings are formatted once per value (:mod:`.pdf_textout`).

Cell text follows the same rules as body text: GB/T 15834 line breaking and
the fallback face for characters the role's face lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from reportlab.lib.colors import Color, black
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus.flowables import Flowable

from exporter.layout import FontRole
from exporter.render.pdf_fonts import PdfFaces
from exporter.render.pdf_textout import TextWriter
from exporter.render.pdf_linebreak import break_lines
from exporter.render.pdf_text import EM_BOTTOM, EM_TOP, RED

__all__ = ["Column", "PagedTable", "TableLook", "CellLine"]

# ReportLab's number format for paths, once per value (see PagedTable._draw_rules).
_fp = lru_cache(maxsize=1 << 16)(fp_str)


@dataclass(frozen=True)
class Column:
    header: str
    width: float            # points
    align: str = "left"     # left | center | right


@dataclass(frozen=True)
class TableLook:
    size: float
    leading: float
    padding_x: float
    padding_y: float
    rule: float                 # grid line width
    header_fill: Color
    body_role: FontRole = FontRole.BODY
    header_role: FontRole = FontRole.HEADING


@dataclass(frozen=True)
class CellLine:
    """One line of a cell: its width and its runs as (font name, text)."""

    width: float
    runs: tuple[tuple[str, str], ...]


Cell = tuple[CellLine, ...]


def cell_lines(faces: PdfFaces, role: FontRole, text: str, size: float, inner: float) -> Cell:
    """*text* set in a cell *inner* points wide: one line when it fits, else broken by GB/T 15834."""
    runs = faces.runs(role, text)
    if len(runs) == 1:
        width = faces.width(runs[0][0], text, size)
        if width <= inner:
            return (CellLine(width, (runs[0],)),)
    fonts: list[str] = []
    widths: list[float] = []
    for font, run in runs:
        fonts.extend([font] * len(run))
        widths.extend(w * size for w in faces.char_widths(font, run))
    lines = []
    for line in break_lines(text, widths, [inner]):
        pieces: list[tuple[str, str]] = []
        start = line.start
        for i in range(line.start + 1, line.end + 1):
            if i == line.end or fonts[i] != fonts[start]:
                pieces.append((fonts[start], text[start:i]))
                start = i
        lines.append(CellLine(line.width, tuple(pieces)))
    return tuple(lines) or (CellLine(0.0, ()),)


class _Body:
    """The prepared rows of one table, shared by every page-sized piece of it.

    Each piece is a range ``start:end`` of these lists, so splitting off a
    page costs the rows of that page only: copying the rest of a
    100,000-row list (and summing its heights) on every page made the
    layout quadratic.  ``prefix[i]`` is the height of rows ``0:i``, to tell
    in O(1) that a long rest cannot fit (see :meth:`PagedTable.wrap`).
    """

    __slots__ = ("header", "header_height", "rows", "heights", "red", "prefix")

    def __init__(self, header: tuple[Cell, ...], header_height: float, rows: list[tuple[Cell, ...]],
                 heights: list[float], red: list[frozenset[int]]):
        self.header, self.header_height = header, header_height
        self.rows, self.heights, self.red = rows, heights, red
        self.prefix = list(accumulate(heights, initial=0.0))


# Heights from prefix sums differ from the sum row by row by ~1e-9 pt at most;
# anything within this much of fitting is measured exactly.
_ROUGH = 1.0


class PagedTable(Flowable):
    """A header row and many data rows that split page by page in linear time."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], look: TableLook,
                 faces: PdfFaces, *, red: set[tuple[int, int]] = frozenset(), _piece=None):
        """*red*: (row, column) of cells to show in red, row 1 being the first data row."""
        super().__init__()
        self.columns = list(columns)
        self.look = look
        self.faces = faces
        self.width = sum(c.width for c in self.columns)
        if _piece is None:
            body = self._prepare(rows, red)
            _piece = (body, 0, len(body.rows))
        self._body, self._start, self._end = _piece
        self.height = self._exact_height() if _piece[1:] == (0, len(self._body.rows)) else self._rough_height()

    def _prepare(self, rows: Sequence[Sequence[str]], red: set[tuple[int, int]]) -> _Body:
        """Every cell set in lines once, the height of every row, the red cells by row."""
        look = self.look
        cache: dict[tuple, Cell] = {}     # lists repeat their awards, parks, units…
        header = self._row([c.header for c in self.columns], look.header_role, cache)
        body = [self._row(row, look.body_role, cache) for row in rows]
        heights = [self._height(r) for r in body]
        by_row: dict[int, set[int]] = {}
        for r, c in red:
            by_row.setdefault(r, set()).add(c)
        none: frozenset[int] = frozenset()
        colours = [frozenset(by_row[r]) if r in by_row else none for r in range(1, len(body) + 1)]
        return _Body(header, self._height(header), body, heights, colours)

    def __repr__(self) -> str:
        return f"PagedTable({self.row_count} rows)"

    @property
    def row_count(self) -> int:
        return self._end - self._start

    def _row(self, texts: Sequence[str], role: FontRole, cache: dict[tuple, Cell]) -> tuple[Cell, ...]:
        look = self.look
        cells = []
        for text, col in zip(texts, self.columns):
            inner = col.width - 2 * look.padding_x
            key = (role, text, inner)
            cell = cache.get(key)
            if cell is None:
                cell = cache[key] = cell_lines(self.faces, role, text, look.size, inner)
            cells.append(cell)
        return tuple(cells)

    def _height(self, cells: Sequence[Cell]) -> float:
        return max(len(c) for c in cells) * self.look.leading + 2 * self.look.padding_y

    def _exact_height(self) -> float:
        """Header plus the rows summed one by one, in order: the height drawn and fitted by."""
        return self._body.header_height + sum(self._body.heights[self._start:self._end])

    def _rough_height(self) -> float:
        """The height in O(1), off by float rounding: enough to see that a long rest does not fit."""
        body = self._body
        return body.header_height + (body.prefix[self._end] - body.prefix[self._start])

    # --- flowable ---------------------------------------------------------------

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        """The exact height when it may fit; a rough one (O(1)) when it is a page or more too tall."""
        rough = self._rough_height()
        self.height = rough if rough > availHeight + _ROUGH else self._exact_height()
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        body = self._body
        room = availHeight - body.header_height
        taken = 0
        used = 0.0
        heights = body.heights
        for i in range(self._start, self._end):
            h = heights[i]
            if used + h > room + 1e-6:
                break
            used += h
            taken += 1
        if taken == 0 or taken == self.row_count:
            return []
        cut = self._start + taken
        return [self._piece(self._start, cut), self._piece(cut, self._end)]

    def _piece(self, start: int, end: int) -> PagedTable:
        return PagedTable(self.columns, (), self.look, self.faces, _piece=(self._body, start, end))

    def draw(self) -> None:
        canv = self.canv
        look = self.look
        canv.saveState()
        body, rows = self._body, slice(self._start, self._end)
        canv.setFillColor(look.header_fill)
        canv.rect(0, self.height - body.header_height, self.width, body.header_height, stroke=0, fill=1)
        self._draw_rules()
        tx = TextWriter(canv)
        tx.fill(black)
        top = self.height
        self._draw_row(tx, body.header, top, body.header_height, header=True, red=frozenset())
        top -= body.header_height
        for cells, height, red in zip(body.rows[rows], body.heights[rows], body.red[rows]):
            self._draw_row(tx, cells, top, height, header=False, red=red)
            top -= height
        tx.close()
        canv.restoreState()

    def _draw_rules(self) -> None:
        """The grid as one path, written as ReportLab's path object writes it (``fp_str`` numbers).

        Built as text with each number formatted once per value: the
        rows' y values repeat from page to page, and ``fp_str`` is pure
        Python without ReportLab's C accelerator.
        """
        canv = self.canv
        canv.setStrokeColor(black)
        canv.setLineWidth(self.look.rule)
        right = _fp(self.width)
        code = ["n"]                      # what PDFPathObject puts before the first move
        y = self.height
        for h in [self._body.header_height, *self._body.heights[self._start:self._end]]:
            code += (f"0 {_fp(y)} m", f"{right} {_fp(y)} l")
            y -= h
        code += (f"0 {_fp(y)} m", f"{right} {_fp(y)} l")
        top = _fp(self.height)
        x = 0.0
        for col in [None, *self.columns]:
            x += col.width if col else 0.0
            code += (f"{_fp(x)} 0 m", f"{_fp(x)} {top} l")
        canv.drawPath(PDFPathObject(code=code), stroke=1, fill=0)

    def _draw_row(self, tx: TextWriter, cells: Sequence[Cell], top: float, height: float, header: bool,
                  red: frozenset[int]) -> None:
        """Each cell centred vertically; each line aligned in its column, on the em-box centre.

        The arithmetic is written in one fixed order: positions are printed
        to 0.001 pt, and a reordered sum could round the other way.
        """
        look = self.look
        pad, leading, size = look.padding_x, look.leading, look.size
        drop = (EM_TOP + EM_BOTTOM) / 2 * look.size
        line_at = tx.line
        left = 0.0
        for i, (cell, col) in enumerate(zip(cells, self.columns)):
            inner = col.width - 2 * pad
            block = len(cell) * leading
            first_centre = top - (height - block) / 2 - leading / 2
            align = "center" if header else col.align
            if i in red:
                tx.fill(RED)
            for n, line in enumerate(cell):
                x = left + pad
                if align == "center":
                    x += (inner - line.width) / 2
                elif align == "right":
                    x += inner - line.width
                line_at(x, first_centre - n * leading - drop, size, line.runs)
            if i in red:
                tx.fill(black)
            left += col.width
