"""ReportLab faces for the PDF: registration, text runs, widths, a correct ToUnicode map.

Part of the PDF renderer (:mod:`exporter.render.pdf`), and like it an
importer of ReportLab.  Three things ReportLab 5.1 does not do on its own
(``shared/spec/fonts.md``):

* register a face once per process, and only when a document draws with it:
  :class:`PdfFaces` registers lazily and keeps the ``TTFont`` objects in a
  module-level cache keyed by file, subfont index and name; the parse
  itself is ReportLab's, made in milliseconds by :mod:`.pdf_face` (ReportLab
  alone takes ~0.1 s per CJK face);
* draw a character the role's face lacks in the fallback face instead of the
  empty glyph: :meth:`PdfFaces.runs` turns a role's text into runs of
  registered font names, using :meth:`exporter.fonts.FontSet.segments`;
* write ToUnicode entries for characters outside the BMP as UTF-16 surrogate
  pairs (ReportLab writes ``<%04X>``, so ``𬭚`` U+2CB5A extracts as garbage):
  :class:`SurrogateSafeTTFont` rewrites each subset's ToUnicode stream after
  ReportLab has created it.
"""

from __future__ import annotations

from fnmatch import fnmatch
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTEncoding, TTFont, unShapedFontGlob

from exporter.fonts import FaceFile, FontSet, reportlab_font_name
from exporter.layout import FontRole

from .pdf_face import read_face

__all__ = ["PdfFaces", "SurrogateSafeTTFont", "to_unicode_cmap"]


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
        """TTFont.__init__ with an already parsed face (see :mod:`.pdf_face`).

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


# Texts whose width PdfFaces keeps (a few MB): enough for the first rows of every list.
_REMEMBERED_WIDTHS = 50_000

# One TTFont per (file, subfont, registered name), for the life of the process.
_REGISTERED: dict[tuple[str, int, str], SurrogateSafeTTFont] = {}


def _register(face: FaceFile, name: str) -> str:
    """Register *face* under *name* unless that exact face already is; return *name*."""
    key = (str(face.path), face.subfont_index, name)
    if key not in _REGISTERED:
        font = SurrogateSafeTTFont(name, read_face(face.path, face.subfont_index))
        _install(font)
        # A different file under the same name (another FontSet) is replaced above;
        # forget it so that a later switch back registers it again.
        for other in [k for k in _REGISTERED if k[2] == name]:
            del _REGISTERED[other]
        _REGISTERED[key] = font
    elif pdfmetrics.getFont(name) is not _REGISTERED[key]:
        _install(_REGISTERED[key])
    return name


def _install(font: SurrogateSafeTTFont) -> None:
    """``registerFont``, replacing whatever font is registered under the same name.

    ReportLab keeps the first font registered under a name and silently
    ignores later ones, so a second FontSet in one process (another
    meeting's configuration, or any code that registered a plain ``TTFont``
    under our names) would go on drawing with the first face, without the
    surrogate-pair ToUnicode fix.
    """
    name = font.fontName
    if name in pdfmetrics.getRegisteredFontNames():
        current = pdfmetrics.getFont(name)
        if current is font:
            return
        if getattr(current, "fontName", None) == name and hasattr(current, "unregister"):
            current.unregister()                    # its own registration: name and face
        else:
            pdfmetrics._fonts.pop(name, None)       # an alias ReportLab made to a font of the same face
    pdfmetrics.registerFont(font)


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
        self._covered: dict[FontRole, set[str]] = {}
        self._text_widths: dict[tuple[str, str], float] = {}
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
        """*text* as (font name, run) pairs: the role's face, the fallback where it lacks a character.

        Text the role's face covers entirely (nearly every cell of a list) is
        one run in that face: what ``FontSet.segments`` gives it, without
        routing it character by character.
        """
        if text and self._covers(role, text):
            return [(self.name(role), text)]
        return [(self.name(face_role), run) for face_role, run in self.fonts.segments(role, text)]

    def _covers(self, role: FontRole, text: str) -> bool:
        """``FontSet.covers(role, text)``, asked once per distinct character and remembered."""
        known = self._covered.setdefault(role, set())
        if known.issuperset(text):
            return True
        for ch in set(text).difference(known):
            if not self.fonts.covers(role, ch):
                return False
            known.add(ch)
        return True

    def char_widths(self, font_name: str, text: str) -> list[float]:
        """Advance widths at 1 pt (multiply by the size), cached per character."""
        cache = self._widths.setdefault(font_name, {})
        out = list(map(cache.get, text))
        if None in out:
            for i, (ch, w) in enumerate(zip(text, out)):
                if w is None:
                    w = cache.get(ch)
                    if w is None:
                        w = cache[ch] = pdfmetrics.stringWidth(ch, font_name, 1000) / 1000.0
                    out[i] = w
        return out

    def width(self, font_name: str, text: str, size: float) -> float:
        """Width of *text* at *size*; a list's cells are measured twice (column widths, then lines)."""
        key = (font_name, text)
        em = self._text_widths.get(key)
        if em is None:
            if len(self._text_widths) >= _REMEMBERED_WIDTHS:
                self._text_widths.clear()
            em = self._text_widths[key] = sum(self.char_widths(font_name, text))
        return em * size
