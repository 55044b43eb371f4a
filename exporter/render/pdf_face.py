"""ReportLab's parse of a TrueType face, made in milliseconds instead of a tenth of a second.

Part of the PDF renderer (imports ReportLab).  ``TTFontFace`` reads the
whole file into memory and then walks the character map and the metrics
one ``struct.unpack`` per value: ~0.1 s for each bundled CJK face, and a
document of the example uses five.  Unpickling a cached parse still took
~0.06 s per face, because it rebuilds 30,000-entry dicts and 60,000 tuples
object by object.

:class:`QuickFace` is a ``TTFontFace`` with the same attributes, giving the
same answers, in ~2 ms:

* the small tables (name, head, OS/2, post, hhea, maxp) are read by
  ReportLab's own ``extractInfo(charInfo=0)``, so those attributes are
  ReportLab's by construction;
* the character map (formats 4 and 12, what TrueType CJK faces carry) is
  answered a character at a time by :mod:`.pdf_cmap`, and the advance
  widths and metrics a glyph at a time (:class:`_Widths`, :class:`_HMetrics`),
  reproducing ReportLab's rules exactly (which subtable it picks, glyph 0
  entries, the width of glyphs past ``numberOfHMetrics``, the U+0020/U+00A0
  pairing): a document looks up a few thousand of the 30,000 characters;
* the file is mapped into memory (``mmap``) rather than read: a document
  touches only the tables and glyphs it needs;
* the ``glyf`` table is handed to ReportLab's subsetter as a view that copies
  only the glyphs it slices out, not the whole table once per 256-glyph
  subset (10 MB each time).

Anything unusual (another cmap format, overlapping map segments, a face
that forbids subsetting, a TTC named by PostScript name) falls back to
ReportLab's own parse of the same data, so the attributes, and with them the
PDF bytes, never differ from what ``TTFontFace`` would give;
``tests/test_pdf_speed.py`` compares the two on the bundled faces and on
ReportLab's Vera, and whole documents made with each.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFontFace, TTFontFile

from .pdf_cmap import LazyCmap, read_cmap

__all__ = ["QuickFace", "read_face"]


def read_face(path: Path | str, subfont_index: int = 0) -> TTFontFace:
    """The parse of the face at *path* that ReportLab's ``TTFontFace`` would make, made fast."""
    return QuickFace(str(path), subfont_index)


class _GlyfView:
    """The ``glyf`` table as ``makeSubset`` uses it: sliced glyph by glyph, each slice a copy.

    ReportLab's ``get_table('glyf')`` copies the whole table (~10 MB for a
    CJK face) for every subset of 256 glyphs only to slice a few glyphs out.
    """

    __slots__ = ("_view", "_length")

    def __init__(self, data, start: int, length: int):
        self._view = memoryview(data)[start:start + length]
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key):
        if isinstance(key, slice):
            return bytes(self._view[key])
        return self._view[key]


class _HMetrics:
    """ReportLab's ``hmetrics`` list, read glyph by glyph when the subsetter asks.

    (advance, left side bearing) as unsigned shorts for the first
    ``numberOfHMetrics`` glyphs; after them, ReportLab pairs each bearing with
    the last advance *scaled* to 1000 units (its quirk, kept: the subset's
    ``hmtx`` is written from these values).
    """

    __slots__ = ("_data", "_at", "_full", "_count", "_last", "scale")

    def __init__(self, data, at: int, full: int, num_glyphs: int, scale):
        self._data, self._at, self._full = data, at, full
        self._count = max(full, num_glyphs)
        self._last = scale(struct.unpack_from(">H", data, at + 4 * (full - 1))[0])
        self.scale = scale

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, glyph: int) -> tuple:
        if glyph < 0:
            glyph += self._count
        if not 0 <= glyph < self._count:
            raise IndexError(glyph)
        if glyph < self._full:
            return struct.unpack_from(">HH", self._data, self._at + 4 * glyph)
        return self._last, struct.unpack_from(">H", self._data, self._at + 2 * (self._full + glyph))[0]

    def width(self, glyph: int) -> float:
        """The advance ReportLab gives *glyph* in ``charWidths``: scaled, the last one repeated."""
        if glyph < self._full:
            return self.scale(struct.unpack_from(">H", self._data, self._at + 4 * glyph)[0])
        return self._last


class _Widths(dict):
    """ReportLab's ``charWidths``, filled character by character on first lookup.

    ReportLab looks widths up only with ``get`` and ``[]``; a character
    outside the map (or mapped past the last glyph) has none, as in
    ReportLab, and ``get`` gives the default.
    """

    __slots__ = ("_glyphs", "_metrics")

    def __init__(self, char_to_glyph: dict[int, int], metrics: _HMetrics):
        super().__init__()
        self._glyphs = char_to_glyph
        self._metrics = metrics

    def __missing__(self, code: int):
        glyph = self._glyphs.get(code)
        if glyph is None or glyph >= len(self._metrics):
            raise KeyError(code)
        width = self[code] = self._metrics.width(glyph)
        return width

    def get(self, code: int, default=None):
        try:
            return self[code]
        except KeyError:
            return default

    def __contains__(self, code) -> bool:
        try:
            self[code]
        except KeyError:
            return False
        return True


def _map_file(filename: str):
    """The file's bytes: a read-only memory map, or the bytes read when it cannot be mapped."""
    with open(filename, "rb") as fh:
        try:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):       # an empty file, or a file system without mmap
            fh.seek(0)
            return fh.read()


class QuickFace(TTFontFace):
    """A ``TTFontFace`` whose character map and metrics are read by whole tables (see the module)."""

    def __init__(self, filename: str, subfontIndex: int = 0):  # noqa: N803 (ReportLab's name)
        pdfmetrics.TypeFace.__init__(self, None)
        if not isinstance(subfontIndex, int):          # a TTC subfont by name: ReportLab searches
            TTFontFace.__init__(self, filename, validate=0, subfontIndex=subfontIndex)
            return
        self._ttf_data = _map_file(filename)           # readFile keeps data that is already there
        self.filename = filename
        TTFontFile.__init__(self, filename, charInfo=0, validate=0, subfontIndex=subfontIndex)
        if getattr(self, "_full_font", False) or not self._read_char_info():
            TTFontFile.extractInfo(self, 1)            # ReportLab's own way, for anything unusual

    # --- what ReportLab asks of the face ---------------------------------------------

    def get_table(self, tag):
        """Like ReportLab's, except ``glyf``: a view (see :class:`_GlyfView`), not a 10 MB copy."""
        if tag == "glyf":
            pos, length = self.get_table_pos(tag)
            return _GlyfView(self._ttf_data, pos, length)
        return super().get_table(tag)

    @property
    def glyphToChar(self) -> dict[int, list[int]]:  # noqa: N802 (ReportLab's name)
        """glyph → characters, for ReportLab's shaping (uharfbuzz) only: built on first use.

        From the character map as read, before ReportLab pairs U+0020 and U+00A0.
        """
        inverse = self.__dict__.get("_glyph_to_char")
        if inverse is None:
            inverse = {}
            for char, glyph in self._cmap.full().items():
                inverse.setdefault(glyph, []).append(char)
            self.__dict__["_glyph_to_char"] = inverse
        return inverse

    @glyphToChar.setter
    def glyphToChar(self, value) -> None:  # noqa: N802
        self.__dict__["_glyph_to_char"] = value

    # --- reading -----------------------------------------------------------------------

    def _ushorts(self, pos: int, count: int) -> tuple[int, ...]:
        return struct.unpack(f">{count}H", self._ttf_data[pos:pos + 2 * count])

    def _ulongs(self, pos: int, count: int) -> tuple[int, ...]:
        return struct.unpack(f">{count}L", self._ttf_data[pos:pos + 4 * count])

    def _read_char_info(self) -> bool:
        """charToGlyph, charWidths, defaultWidth, hmetrics, glyphPos as ReportLab sets them.

        False (nothing set) when the face needs ReportLab's general code.
        """
        head = self.get_table_pos("head")[0]
        index_to_loc_format, glyph_data_format = self._ushorts(head + 50, 2)
        if glyph_data_format != 0 or "loca" not in self.table:
            return False
        table = read_cmap(self._ttf_data, self.get_table_pos("cmap")[0])
        if table is None:
            return False
        self._cmap = table
        self.charToGlyph = char_to_glyph = LazyCmap(table)
        self._read_metrics(char_to_glyph)
        self._read_locations(index_to_loc_format)
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
            self.charWidths[0xA0] = self.charWidths[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
            self.charWidths[0x20] = self.charWidths[0xA0]
        return True

    def _read_metrics(self, char_to_glyph: dict[int, int]) -> None:
        """hmetrics and charWidths, read glyph by glyph when ReportLab first asks (see the classes)."""
        hhea = self.get_table_pos("hhea")[0]
        metrics = _HMetrics(self._ttf_data, self.get_table_pos("hmtx")[0],
                            self._ushorts(hhea + 34, 1)[0], self.numGlyphs, self._pdfScale)
        self.hmetrics = metrics
        self.defaultWidth = metrics.width(0)
        self.charWidths = _Widths(char_to_glyph, metrics)

    def _read_locations(self, index_to_loc_format: int) -> None:
        loca = self.get_table_pos("loca")[0]
        if index_to_loc_format == 0:
            self.glyphPos = [p << 1 for p in self._ushorts(loca, self.numGlyphs + 1)]
        elif index_to_loc_format == 1:
            self.glyphPos = list(self._ulongs(loca, self.numGlyphs + 1))
        else:
            raise TTFError(f"Unknown location table format ({index_to_loc_format})")
