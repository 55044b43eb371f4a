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

Cell text follows the same rules as body text: GB/T 15834 line breaking and
the fallback face for characters the role's face lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.platypus.flowables import Flowable

from exporter.layout import FontRole
from exporter.render.pdf_fonts import PdfFaces, TextWriter
from exporter.render.pdf_linebreak import break_lines
from exporter.render.pdf_text import EM_BOTTOM, EM_TOP, RED

__all__ = ["Column", "PagedTable", "TableLook", "CellLine"]


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


class PagedTable(Flowable):
    """A header row and many data rows that split page by page in linear time."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], look: TableLook,
                 faces: PdfFaces, *, red: set[tuple[int, int]] = frozenset(), _prepared=None):
        """*red*: (row, column) of cells to show in red, row 1 being the first data row."""
        super().__init__()
        self.columns = list(columns)
        self.look = look
        self.faces = faces
        if _prepared is None:
            cache: dict[tuple, Cell] = {}     # lists repeat their awards, parks, units…
            header = self._row([c.header for c in self.columns], look.header_role, cache)
            body = [self._row(row, look.body_role, cache) for row in rows]
            colours = [frozenset(c for rr, c in red if rr == r) for r in range(1, len(body) + 1)]
            _prepared = (header, self._height(header), body, [self._height(r) for r in body], colours)
        self._header, self._header_height, self._rows, self._heights, self._red = _prepared
        self.width = sum(c.width for c in self.columns)
        self.height = self._header_height + sum(self._heights)

    def __repr__(self) -> str:
        return f"PagedTable({len(self._rows)} rows)"

    @property
    def row_count(self) -> int:
        return len(self._rows)

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

    # --- flowable ---------------------------------------------------------------

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        room = availHeight - self._header_height
        taken = 0
        used = 0.0
        for h in self._heights:
            if used + h > room + 1e-6:
                break
            used += h
            taken += 1
        if taken == 0 or taken == len(self._rows):
            return []
        return [self._slice(0, taken), self._slice(taken, len(self._rows))]

    def _slice(self, start: int, end: int) -> PagedTable:
        prepared = (self._header, self._header_height, self._rows[start:end], self._heights[start:end],
                    self._red[start:end])
        return PagedTable(self.columns, (), self.look, self.faces, _prepared=prepared)

    def draw(self) -> None:
        canv = self.canv
        look = self.look
        canv.saveState()
        canv.setFillColor(look.header_fill)
        canv.rect(0, self.height - self._header_height, self.width, self._header_height, stroke=0, fill=1)
        self._draw_rules()
        tx = TextWriter(canv)
        tx.fill(black)
        top = self.height
        self._draw_row(tx, self._header, top, self._header_height, header=True, red=frozenset())
        top -= self._header_height
        for cells, height, red in zip(self._rows, self._heights, self._red):
            self._draw_row(tx, cells, top, height, header=False, red=red)
            top -= height
        tx.close()
        canv.restoreState()

    def _draw_rules(self) -> None:
        canv = self.canv
        canv.setStrokeColor(black)
        canv.setLineWidth(self.look.rule)
        path = canv.beginPath()
        y = self.height
        for h in [self._header_height, *self._heights]:
            path.moveTo(0, y)
            path.lineTo(self.width, y)
            y -= h
        path.moveTo(0, y)
        path.lineTo(self.width, y)
        x = 0.0
        for col in [None, *self.columns]:
            x += col.width if col else 0.0
            path.moveTo(x, 0)
            path.lineTo(x, self.height)
        canv.drawPath(path, stroke=1, fill=0)

    def _draw_row(self, tx: TextWriter, cells: Sequence[Cell], top: float, height: float, header: bool,
                  red: frozenset[int]) -> None:
        """Each cell centred vertically; each line aligned in its column, on the em-box centre."""
        look = self.look
        left = 0.0
        for i, (cell, col) in enumerate(zip(cells, self.columns)):
            inner = col.width - 2 * look.padding_x
            block = len(cell) * look.leading
            first_centre = top - (height - block) / 2 - look.leading / 2
            align = "center" if header else col.align
            if i in red:
                tx.fill(RED)
            for n, line in enumerate(cell):
                x = left + look.padding_x
                if align == "center":
                    x += (inner - line.width) / 2
                elif align == "right":
                    x += inner - line.width
                baseline = first_centre - n * look.leading - (EM_TOP + EM_BOTTOM) / 2 * look.size
                tx.move_to(x, baseline)
                for font, text in line.runs:
                    tx.show(font, look.size, text)
            if i in red:
                tx.fill(black)
            left += col.width
