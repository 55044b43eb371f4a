"""ReportLab's character → glyph map of a TrueType face, looked up a character at a time.

Part of the PDF renderer, used by :mod:`.pdf_face`.  ReportLab's
``TTFontFace`` turns the whole ``cmap`` subtable into a dict of ~30,000
entries for a CJK face; a document draws a few hundred to a few thousand
characters per face.  Building that dict, even with C-level ``zip`` and
``range``, was ~13 ms a face, the largest part of registering it.

:class:`CmapTable` keeps the subtable's segments (formats 4 and 12) and
answers one character by binary search, with ReportLab's exact arithmetic;
:class:`LazyCmap` is the ``dict`` ReportLab gets: it fills itself on lookup
and becomes complete (the very dict ReportLab would have built, in its
order) the moment anything asks for more than a lookup: iteration, length
excepted, comparison, copying.
"""

from __future__ import annotations

import struct
from bisect import bisect_left, bisect_right
from itertools import starmap
from operator import gt

__all__ = ["CmapTable", "LazyCmap", "read_cmap"]


def read_cmap(data, cmap: int) -> CmapTable | None:
    """The subtable ReportLab would use, from the ``cmap`` table at offset *cmap* of *data*.

    None when ReportLab's own code must do it: a format other than 4 and 12,
    or segments out of order or overlapping (ReportLab's dict then depends on
    its loop order).
    """
    at = _subtable(data, cmap)
    if at is None:
        return None
    fmt = struct.unpack_from(">H", data, at)[0]
    if fmt == 12:
        table = CmapTable.format12(data, at)
    elif fmt == 4:
        table = CmapTable.format4(data, at)
    else:
        return None
    return table if table.disjoint() else None


def _subtable(data, cmap: int) -> int | None:
    """Offset of the subtable ReportLab uses: the last Unicode one listed (its exact rule)."""
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    found, enc = None, 0
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3:
            enc, found = 1, offset
        elif platform == 1 and encoding == 0 and enc != 1:
            enc, found = 2, offset
        elif platform == 1 and encoding == 1:
            enc, found = 1, offset
        elif platform == 0 and encoding != 5:
            enc, found = 1, offset
    return None if found is None else cmap + found


class CmapTable:
    """The segments of a format 4 or 12 subtable, in file order, empty ones left out.

    Format 12: a segment maps start…end to glyph, glyph + 1, …  Format 4
    as ReportLab reads it: ``idRangeOffset`` 0 adds ``idDelta``; otherwise
    the glyph comes from the glyph array (plus ``idDelta`` unless 0), and a
    position past the subtable gives glyph 0.
    """

    def __init__(self, data, starts, ends, first_glyphs=None, deltas=None, offsets=None, limit=0):
        self._data = data
        self.starts = list(starts)
        self.ends = list(ends)
        self._glyphs = first_glyphs      # format 12
        self._deltas = deltas            # format 4 …
        self._offsets = offsets          # absolute position of the segment's glyph array, or 0
        self._limit = limit
        self.count = sum(e - s + 1 for s, e in zip(self.starts, self.ends))

    @classmethod
    def format12(cls, data, at: int) -> CmapTable:
        groups = struct.unpack_from(">L", data, at + 12)[0]
        values = struct.unpack_from(f">{3 * groups}L", data, at + 16)
        kept = [(s, e, g) for s, e, g in zip(values[0::3], values[1::3], values[2::3]) if e >= s]
        return cls(data, [k[0] for k in kept], [k[1] for k in kept], first_glyphs=[k[2] for k in kept])

    @classmethod
    def format4(cls, data, at: int) -> CmapTable:
        length = struct.unpack_from(">H", data, at + 2)[0]
        segs = int(struct.unpack_from(">H", data, at + 6)[0] / 2.0)
        ends = struct.unpack_from(f">{segs}H", data, at + 14)
        starts = struct.unpack_from(f">{segs}H", data, at + 16 + 2 * segs)
        deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 4 * segs)
        range_start = at + 16 + 6 * segs
        offsets = struct.unpack_from(f">{segs}H", data, range_start)
        kept = [(s, e, d, range_start + 2 * n + ro if ro else 0)
                for n, (s, e, d, ro) in enumerate(zip(starts, ends, deltas, offsets)) if e >= s]
        return cls(data, [k[0] for k in kept], [k[1] for k in kept], deltas=[k[2] for k in kept],
                   offsets=[k[3] for k in kept], limit=at + length)

    def disjoint(self) -> bool:
        """Segments in ascending order without overlaps: one segment answers for a character."""
        return all(starmap(gt, zip(self.starts[1:], self.ends))) if self.starts else True

    def glyph(self, code: int) -> int | None:
        """The glyph ReportLab maps *code* to, or None when the subtable does not list it."""
        if self._glyphs is not None:
            i = bisect_right(self.starts, code) - 1
            if i < 0 or code > self.ends[i]:
                return None
            return self._glyphs[i] + code - self.starts[i]
        i = bisect_left(self.ends, code)
        if i == len(self.ends) or code < self.starts[i]:
            return None
        return self._format4_glyph(i, code)

    def _format4_glyph(self, i: int, code: int) -> int:
        delta, array = self._deltas[i], self._offsets[i]
        if not array:
            return (code + delta) & 0xFFFF
        at = array + 2 * (code - self.starts[i])
        if at >= self._limit:
            return 0
        glyph = struct.unpack_from(">H", self._data, at)[0]
        return (glyph + delta) & 0xFFFF if glyph else 0

    def full(self) -> dict[int, int]:
        """Every character → glyph, in ReportLab's order (segment by segment)."""
        mapping: dict[int, int] = {}
        if self._glyphs is not None:
            for start, end, glyph in zip(self.starts, self.ends, self._glyphs):
                mapping.update(zip(range(start, end + 1), range(glyph, glyph + end - start + 1)))
            return mapping
        for i, (start, end) in enumerate(zip(self.starts, self.ends)):
            mapping.update((c, self._format4_glyph(i, c)) for c in range(start, end + 1))
        return mapping


class LazyCmap(dict):
    """ReportLab's ``charToGlyph``, filled on lookup (``[]``, ``in``, ``get``).

    ``len`` is known without filling (ReportLab asks whether the map is
    empty for every document).  Anything else first completes the dict.
    Entries set by ReportLab (U+00A0 paired with U+0020, shaping's private
    characters) are kept as set, and counted.
    """

    __slots__ = ("_table", "_complete", "_extra")

    def __init__(self, table: CmapTable):
        super().__init__()
        self._table = table
        self._complete = False
        self._extra = 0                  # keys set that the table does not list

    def _lookup(self, code) -> int | None:
        if self._complete or not isinstance(code, int):
            return None
        glyph = self._table.glyph(code)
        if glyph is not None:
            dict.__setitem__(self, code, glyph)
        return glyph

    def __missing__(self, code):
        glyph = self._lookup(code)
        if glyph is None:
            raise KeyError(code)
        return glyph

    def __contains__(self, code) -> bool:
        return dict.__contains__(self, code) or self._lookup(code) is not None

    def get(self, code, default=None):
        try:
            return self[code]
        except KeyError:
            return default

    def __setitem__(self, code, glyph) -> None:
        if not self._complete and not dict.__contains__(self, code) and self._lookup(code) is None:
            self._extra += 1
        dict.__setitem__(self, code, glyph)

    def clear(self) -> None:
        dict.clear(self)
        self._complete, self._extra = True, 0

    def __len__(self) -> int:
        return dict.__len__(self) if self._complete else self._table.count + self._extra

    def complete(self) -> LazyCmap:
        """Fill in every character the table lists; entries already set stay as they are."""
        if not self._complete:
            mapping = self._table.full()
            mapping.update(dict.items(self))
            dict.clear(self)
            dict.update(self, mapping)
            self._complete = True
        return self

    # Everything but a lookup sees the complete dict.
    def __iter__(self):
        return dict.__iter__(self.complete())

    def keys(self):
        return dict.keys(self.complete())

    def values(self):
        return dict.values(self.complete())

    def items(self):
        return dict.items(self.complete())

    def copy(self) -> dict[int, int]:
        return dict(self.complete().items())

    def __eq__(self, other) -> bool:
        return dict.__eq__(self.complete(), other.complete() if isinstance(other, LazyCmap) else other)

    def __ne__(self, other) -> bool:
        return not self == other

    __hash__ = None

    def __repr__(self) -> str:
        return dict.__repr__(self.complete())

    def __reduce__(self):
        return dict, (self.copy(),)

    def pop(self, *args):
        return dict.pop(self.complete(), *args)

    def popitem(self):
        return dict.popitem(self.complete())

    def setdefault(self, code, default=None):
        if code in self:
            return self[code]
        self[code] = default
        return default

    def update(self, *args, **kwargs) -> None:
        for code, glyph in dict(*args, **kwargs).items():
            self[code] = glyph

    def __delitem__(self, code) -> None:
        dict.__delitem__(self.complete(), code)
