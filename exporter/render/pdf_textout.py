"""Text operators written straight into the page stream, for every text the PDF renderer draws.

Part of the PDF renderer (imports ReportLab).  ReportLab's ``PDFTextObject``
formats every number through a pure-Python ``fp_str`` (without the optional
``rl_accel``), re-emits the font at each subset switch and runs
``TTFont.splitString`` (a Python loop per character) on every string; a
page of a 10,000-row list then took ~20 ms.  :class:`TextWriter` positions
with absolute ``Tm``, switches font only when it changes, and looks each
character's subset and byte up in a per-document table
(:class:`_DocumentText`) filled from ReportLab's own encoding the first
time the character is drawn, so the bytes are the ones ReportLab would
write.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from weakref import WeakKeyDictionary, ref

from reportlab.pdfbase import pdfmetrics

__all__ = ["TextWriter", "pdf_number"]

# PDF string bytes: printable ASCII as is, the three delimiters and everything else octal.
_ESCAPE = [chr(b) if 32 <= b < 127 and b not in b"()\\" else f"\\{b:03o}" for b in range(256)]
_SUBSET = itemgetter(0)
_ESCAPED = itemgetter(1)
# Encoded texts kept per document (a few MB at most), for lists that repeat their awards and units.
_REMEMBERED_STRINGS = 20_000


def pdf_number(value: float) -> str:
    """A compact, deterministic PDF number: three decimals at most, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# Table rows put the same x and y on page after page: format each value once.
_number = lru_cache(maxsize=1 << 16)(pdf_number)


def _fill_operator(color) -> str:
    cmyk = getattr(color, "cmyk", None)
    if cmyk is not None and hasattr(color, "cyan"):
        return " ".join(pdf_number(v) for v in cmyk()) + " k"
    return " ".join(pdf_number(v) for v in (color.red, color.green, color.blue)) + " rg"


class _DocumentText:
    """Each character's encoding, per font, in one document.

    ReportLab assigns a character its subset (a PDF font of 256 glyphs) and
    byte in the order characters are first drawn, and never changes them, so
    after a character's first use in a font its encoding is looked up
    instead of running ``splitString`` again.  The first use still goes
    through ReportLab, in drawing order, so the PDF is byte for byte the same.
    """

    def __init__(self, doc):
        self._doc = ref(doc)        # weakly: this object lives in a WeakKeyDictionary keyed by doc
        self._subsets: dict[str, dict[str, str]] = {}     # font → char → subset font resource (/F1+0)
        self._bytes: dict[str, dict[str, str]] = {}       # font → char → escaped string byte
        self._strings: dict[tuple[str, str], list[tuple[str, str]]] = {}   # (font, text) → strings

    def strings(self, font_name: str, text: str) -> list[tuple[str, str]]:
        """*text* as (subset font resource, escaped string) for each run in one subset.

        A list repeats its awards, parks and units row after row: the answer
        for a text seen before is looked up whole.
        """
        key = (font_name, text)
        found = self._strings.get(key)
        if found is not None:
            return found
        subsets, escaped = self._tables(font_name)
        names = self._subset_names(font_name, subsets, text)
        if names and names.count(names[0]) == len(names):       # one subset
            found = [(names[0], "".join(map(escaped.__getitem__, text)))]
        else:
            found = [(name, "".join(codes)) for name, codes in self._runs(names, escaped, text)]
        if len(self._strings) >= _REMEMBERED_STRINGS:
            self._strings.clear()
        self._strings[key] = found
        return found

    def chunks(self, font_name: str, text: str) -> list[tuple[str, list[str]]]:
        """*text* as (subset font resource, escaped byte of each character) for each run in one subset."""
        subsets, escaped = self._tables(font_name)
        return self._runs(self._subset_names(font_name, subsets, text), escaped, text)

    @staticmethod
    def _runs(names: list[str], escaped: dict[str, str], text: str) -> list[tuple[str, list[str]]]:
        pairs = zip(names, map(escaped.__getitem__, text))
        return [(name, list(map(_ESCAPED, run))) for name, run in groupby(pairs, _SUBSET)]

    def _subset_names(self, font_name: str, subsets: dict[str, str], text: str) -> list[str]:
        try:
            return list(map(subsets.__getitem__, text))
        except KeyError:
            self._first_use(font_name, text)
            return list(map(subsets.__getitem__, text))

    def _tables(self, font_name: str) -> tuple[dict[str, str], dict[str, str]]:
        subsets = self._subsets.get(font_name)
        if subsets is None:
            subsets = self._subsets[font_name] = {}
            self._bytes[font_name] = {}
        return subsets, self._bytes[font_name]

    def _first_use(self, font_name: str, text: str) -> None:
        """Let ReportLab encode *text* (assigning codes to new characters) and note every character."""
        font = pdfmetrics.getFont(font_name)
        subsets, escaped = self._tables(font_name)
        doc = self._doc()
        pos = 0
        for subset, chunk in font.splitString(text, doc):
            name = font.getSubsetInternalName(subset, doc)
            for ch, b in zip(text[pos:pos + len(chunk)], chunk):     # one byte per character
                subsets[ch] = name
                escaped[ch] = _ESCAPE[b]
            pos += len(chunk)


_DOCUMENT_TEXT: WeakKeyDictionary = WeakKeyDictionary()


def _document_text(doc) -> _DocumentText:
    state = _DOCUMENT_TEXT.get(doc)
    if state is None:
        state = _DOCUMENT_TEXT[doc] = _DocumentText(doc)
    return state


class TextWriter:
    """The operators of one text object (``BT … ET``), added to the page when closed.

    Spacing between glyphs (tracking, justification) is written as ``TJ``
    adjustments after each glyph, never as ``Tc``: readers disagree on
    whether ``Tc`` follows the last glyph of a string (the PDF spec and
    poppler say yes, pdfminer says no), and a new string starts at every
    256-glyph subset switch, so ``Tc`` would put text extracted by one
    reader a little off from where another draws it.  The object is wrapped
    in ``q … Q`` so that its colour never leaks into what ReportLab draws
    next.
    """

    def __init__(self, canv):
        self.canv = canv
        self.doc = canv._doc
        self.text = _document_text(canv._doc)
        self.ops: list[str] = ["q", "BT"]
        self._font: tuple[str, float] | None = None
        self._fill: str | None = None

    def move_to(self, x: float, y: float) -> None:
        self.ops.append(f"1 0 0 1 {_number(x)} {_number(y)} Tm")

    def fill(self, color) -> None:
        op = _fill_operator(color)
        if op != self._fill:
            self.ops.append(op)
            self._fill = op

    def line(self, x: float, y: float, size: float, runs: Sequence[tuple[str, str]]) -> None:
        """A line of (font name, text) runs from (x, y), no extra spacing: a table cell's line.

        :meth:`move_to` and :meth:`show` in one call, for the tens of
        thousands of lines of a long list.
        """
        ops = self.ops
        ops.append(f"1 0 0 1 {_number(x)} {_number(y)} Tm")
        strings = self.text.strings
        for font_name, text in runs:
            for name, string in strings(font_name, text):
                font = self._font
                if font is None or font[0] != name or font[1] != size:
                    ops.append(f"{name} {_number(size)} Tf")
                    self._font = (name, size)
                ops.append("(" + string + ") Tj")

    def show(self, font_name: str, size: float, text: str, spacing: Sequence[float] | None = None) -> None:
        """Draw *text* in the registered TrueType font; *spacing*[i] points after glyph i.

        One string per run of characters in one subset: ``Tj``, or ``TJ``
        when the run has spacing.
        """
        if spacing and any(spacing):
            self._show_spaced(font_name, size, text, spacing)
            return
        ops = self.ops
        for name, string in self.text.strings(font_name, text):
            font = self._font
            if font is None or font[0] != name or font[1] != size:      # _set_font, inlined: per cell
                ops.append(f"{name} {_number(size)} Tf")
                self._font = (name, size)
            ops.append("(" + string + ") Tj")

    def _show_spaced(self, font_name: str, size: float, text: str, spacing: Sequence[float]) -> None:
        """Each run in one subset as ``TJ`` with its spacing, or ``Tj`` where it has none."""
        pos = 0
        for name, codes in self.text.chunks(font_name, text):
            self._set_font(name, size)
            gaps = spacing[pos:pos + len(codes)]
            pos += len(codes)
            if not any(gaps):
                self.ops.append("(" + "".join(codes) + ") Tj")
            else:
                self.ops.append(_spaced(codes, gaps, size))

    def _set_font(self, name: str, size: float) -> None:
        """``Tf`` only when the subset font or the size changes."""
        font = self._font
        if font is None or font[0] != name or font[1] != size:
            self.ops.append(f"{name} {_number(size)} Tf")
            self._font = (name, size)

    def close(self) -> None:
        self.ops += ["ET", "Q"]
        self.canv.addLiteral("\n".join(self.ops))
        self.ops = []


def _spaced(codes: list[str], gaps: Sequence[float], size: float) -> str:
    """``[(ab) -120 (c)] TJ``: the glyphs, with the space after each one that has some."""
    parts: list[str] = []
    run: list[str] = []
    for code, gap in zip(codes, gaps):
        run.append(code)
        if gap:
            parts.append("(" + "".join(run) + ")")
            parts.append(pdf_number(-gap * 1000 / size))
            run = []
    if run:
        parts.append("(" + "".join(run) + ")")
    return "[" + " ".join(parts) + "] TJ"
