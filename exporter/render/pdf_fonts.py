"""ReportLab faces for the PDF: registration, text runs, widths, a correct ToUnicode map.

Part of the PDF renderer (:mod:`exporter.render.pdf`), and like it an
importer of ReportLab.  Three things ReportLab 5.1 does not do on its own
(``shared/spec/fonts.md``):

* register a face once per process, and only when a document draws with it:
  parsing a CJK TrueType file costs ~0.2 s, so :class:`PdfFaces` registers
  lazily, keeps the ``TTFont`` objects in a module-level cache keyed by
  file, subfont index and name, and takes the parse itself from a per-user
  disk cache (:mod:`.pdf_facecache`);
* draw a character the role's face lacks in the fallback face instead of the
  empty glyph: :meth:`PdfFaces.runs` turns a role's text into runs of
  registered font names, using :meth:`exporter.fonts.FontSet.segments`;
* write ToUnicode entries for characters outside the BMP as UTF-16 surrogate
  pairs (ReportLab writes ``<%04X>``, so ``𬭚`` U+2CB5A extracts as garbage):
  :class:`SurrogateSafeTTFont` rewrites each subset's ToUnicode stream after
  ReportLab has created it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fnmatch import fnmatch
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTEncoding, TTFont, unShapedFontGlob

from exporter.fonts import FaceFile, FontSet, reportlab_font_name
from exporter.layout import FontRole

from .pdf_facecache import load_face

__all__ = ["PdfFaces", "SurrogateSafeTTFont", "TextWriter", "pdf_number", "to_unicode_cmap"]


def _utf16_hex(code_point: int) -> str:
    """``4E2D`` for a BMP character, ``D872DF5A`` (a surrogate pair) above it."""
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(base_font_name: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one 256-glyph subset: code → UTF-16BE (PDF 32000 §9.10.3).

    Same shape as ReportLab's ``makeToUnicodeCMap``, except that the
    destination of a supplementary-plane character is its surrogate pair,
    which is what readers (pdftotext, Acrobat, pdf.js) decode.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({base_font_name})",
        f"/Ordering ({base_font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{base_font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block holds at most 100 entries (PDF 32000 §9.7.5.2 / CMap spec).
    entries = [f"<{code:02X}> <{_utf16_hex(cp)}>" for code, cp in enumerate(subset)]
    for start in range(0, len(entries), 100):
        block = entries[start:start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(block)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class SurrogateSafeTTFont(TTFont):
    """A ``TTFont`` whose ToUnicode maps give characters outside the BMP as surrogate pairs.

    ReportLab builds the subset font objects in ``addObjects`` and then
    forgets the subsets; we note them first, let ReportLab do its work, and
    replace the content of each subset's ToUnicode stream (registered in the
    document under ``toUnicodeCMap:<BaseFont>``).  Glyphs, widths and the
    embedded subset are ReportLab's own; only the text mapping changes.
    """

    def __init__(self, name: str, face) -> None:
        """TTFont.__init__ with an already parsed face (see :mod:`.pdf_facecache`).

        Mirrors ReportLab 5.1's ``TTFont.__init__`` except that it does not
        parse the file; tests compare the output with and without the cache.
        """
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)

    def addObjects(self, doc) -> None:  # noqa: N802 (ReportLab's name)
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is None:    # ReportLab changed how it names the stream: fail loudly
                raise RuntimeError(f"ToUnicode stream of {base} not found; reportlab internals changed")
            stream.content = to_unicode_cmap(base, subset)


# One TTFont per (file, subfont, registered name), for the life of the process.
_REGISTERED: dict[tuple[str, int, str], SurrogateSafeTTFont] = {}


def _register(face: FaceFile, name: str) -> str:
    """Register *face* under *name* unless that exact face already is; return *name*."""
    key = (str(face.path), face.subfont_index, name)
    if key not in _REGISTERED:
        font = SurrogateSafeTTFont(name, load_face(face.path, face.subfont_index))
        pdfmetrics.registerFont(font)
        # A different file under the same name (another FontSet) is replaced above;
        # forget it so that a later switch back registers it again.
        for other in [k for k in _REGISTERED if k[2] == name]:
            del _REGISTERED[other]
        _REGISTERED[key] = font
    elif pdfmetrics.getFont(name) is not _REGISTERED[key]:
        pdfmetrics.registerFont(_REGISTERED[key])
    return name


class PdfFaces:
    """The font set of one document, seen from ReportLab.

    Font names are :func:`exporter.fonts.reportlab_font_name` of the role
    (``ExporterBody`` …).  Roles that share one file (a user who points two
    roles at ``simhei.ttf``) share the name of the first such role, because
    ReportLab cannot embed one file under two names in one document.
    """

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._names: dict[FontRole, str] = {}
        self._widths: dict[str, dict[str, float]] = {}
        owner: dict[tuple, FontRole] = {}
        self._owner: dict[FontRole, FontRole] = {}
        for role in FontRole:
            face = fonts.face(role)
            self._owner[role] = owner.setdefault((face.path, face.subfont_index), role)

    def name(self, role: FontRole) -> str:
        """The registered font name that draws *role*; registers the face on first use."""
        role = self._owner[role]
        name = self._names.get(role)
        if name is None:
            name = self._names[role] = _register(self.fonts.face(role), reportlab_font_name(role))
        return name

    @property
    def used(self) -> list[str]:
        """Names registered for this document so far, in role order."""
        return [self._names[r] for r in FontRole if r in self._names]

    def runs(self, role: FontRole, text: str) -> list[tuple[str, str]]:
        """*text* as (font name, run) pairs: the role's face, the fallback where it lacks a character."""
        return [(self.name(face_role), run) for face_role, run in self.fonts.segments(role, text)]

    def char_widths(self, font_name: str, text: Iterable[str]) -> list[float]:
        """Advance widths at 1 pt (multiply by the size), cached per character."""
        cache = self._widths.setdefault(font_name, {})
        out = []
        for ch in text:
            w = cache.get(ch)
            if w is None:
                w = cache[ch] = pdfmetrics.stringWidth(ch, font_name, 1000) / 1000.0
            out.append(w)
        return out

    def width(self, font_name: str, text: str, size: float) -> float:
        return sum(self.char_widths(font_name, text)) * size


# --- writing text -----------------------------------------------------------------

# PDF string bytes: printable ASCII as is, the three delimiters and everything else octal.
_ESCAPE = [chr(b) if 32 <= b < 127 and b not in b"()\\" else f"\\{b:03o}" for b in range(256)]


def pdf_number(value: float) -> str:
    """A compact, deterministic PDF number: three decimals at most, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _fill_operator(color) -> str:
    cmyk = getattr(color, "cmyk", None)
    if cmyk is not None and hasattr(color, "cyan"):
        return " ".join(pdf_number(v) for v in cmyk()) + " k"
    return " ".join(pdf_number(v) for v in (color.red, color.green, color.blue)) + " rg"


class TextWriter:
    """Text operators for one text object, written straight into the page stream.

    ReportLab's ``PDFTextObject`` formats every number through a pure-Python
    ``fp_str`` (without the optional ``rl_accel``) and re-emits the font at
    each subset switch; a page of a 10,000-row list then takes ~20 ms.  This
    writer positions with absolute ``Tm``, switches font only when it
    changes, and encodes the subset bytes itself.

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
        self.ops: list[str] = ["q", "BT"]
        self._font: tuple[str, float] | None = None
        self._fill: str | None = None

    def move_to(self, x: float, y: float) -> None:
        self.ops.append(f"1 0 0 1 {pdf_number(x)} {pdf_number(y)} Tm")

    def fill(self, color) -> None:
        op = _fill_operator(color)
        if op != self._fill:
            self.ops.append(op)
            self._fill = op

    def show(self, font_name: str, size: float, text: str, spacing: Sequence[float] | None = None) -> None:
        """Draw *text* in the registered TrueType font; *spacing*[i] points after glyph i."""
        font = pdfmetrics.getFont(font_name)
        pos = 0
        for subset, chunk in font.splitString(text, self.doc):
            key = (font.getSubsetInternalName(subset, self.doc), size)
            if key != self._font:
                self.ops.append(f"{key[0]} {pdf_number(size)} Tf")
                self._font = key
            gaps = spacing[pos:pos + len(chunk)] if spacing else None
            pos += len(chunk)
            if not gaps or not any(gaps):
                self.ops.append("(" + "".join([_ESCAPE[b] for b in chunk]) + ") Tj")
                continue
            parts: list[str] = []
            run: list[str] = []
            for b, gap in zip(chunk, gaps):
                run.append(_ESCAPE[b])
                if gap:
                    parts.append("(" + "".join(run) + ")")
                    parts.append(pdf_number(-gap * 1000 / size))
                    run = []
            if run:
                parts.append("(" + "".join(run) + ")")
            self.ops.append("[" + " ".join(parts) + "] TJ")

    def close(self) -> None:
        self.ops += ["ET", "Q"]
        self.canv.addLiteral("\n".join(self.ops))
        self.ops = []
