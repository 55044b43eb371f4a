"""Cell styles of the workbook and its style sheet (xl/styles.xml).

A :class:`Look` is what a cell should look like (font, fill, border,
alignment, number format, quote prefix); :class:`Styles` numbers the fonts,
fills, borders, number formats and cell formats in the order they are first
used and writes the style sheet.  The numbering, and every byte of the XML,
follow what openpyxl 3.1 did for the same looks, so dropping openpyxl
changed no workbook.  Part of :mod:`exporter.render.excel`.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from .excel_xml import attr, number

# --- the parts of a look -------------------------------------------------------------------
# Named tuples, not frozen dataclasses: hashable and compared by value the same
# way, and a frozen dataclass costs ~2 ms to define at import (five here).


class Font(NamedTuple):
    """A font; colours are RRGGBB.  Written in the schema's order (name, charset, family, b, color, sz)."""

    name: Optional[str] = None
    size: Optional[float] = None
    bold: bool = False
    color: Optional[str] = None
    family: Optional[int] = None
    charset: Optional[int] = None

    def xml(self) -> str:
        parts = ["<font>"]
        if self.name is not None:
            parts.append(f'<name val="{attr(self.name)}"/>')
        if self.charset is not None:
            parts.append(f'<charset val="{self.charset}"/>')
        if self.family is not None:
            parts.append(f'<family val="{number(self.family)}"/>')
        if self.bold:
            parts.append('<b val="1"/>')
        if self.color is not None:
            parts.append(f'<color rgb="00{self.color}"/>')
        if self.size is not None:
            parts.append(f'<sz val="{number(self.size)}"/>')
        parts.append("</font>")
        return "".join(parts)


class Fill(NamedTuple):
    """A solid fill of one colour (RRGGBB)."""

    color: str

    def xml(self) -> str:
        c = self.color
        return (f'<fill><patternFill patternType="solid"><fgColor rgb="00{c}"/>'
                f'<bgColor rgb="00{c}"/></patternFill></fill>')


class Border(NamedTuple):
    """The same line on all four sides (no diagonal element, as openpyxl wrote a set border)."""

    style: str
    color: str

    def xml(self) -> str:
        side = f' style="{self.style}"><color rgb="00{self.color}"/>'
        return "<border>" + "".join(f"<{s}{side}</{s}>" for s in ("left", "right", "top", "bottom")) + "</border>"


class Alignment(NamedTuple):
    horizontal: Optional[str] = None
    vertical: Optional[str] = None
    wrap: bool = False

    def xml(self) -> str:
        attrs = ""
        if self.horizontal:
            attrs += f' horizontal="{self.horizontal}"'
        if self.vertical:
            attrs += f' vertical="{self.vertical}"'
        if self.wrap:
            attrs += ' wrapText="1"'
        return f"<alignment{attrs}/>"


class Look(NamedTuple):
    """A cell style: made once per kind of cell and shared (it is hashed by value).

    ``font`` None is the workbook's base font (宋体 11).
    """

    font: Optional[Font] = None
    fill: Optional[Fill] = None
    border: Optional[Border] = None
    horizontal: Optional[str] = None
    vertical: Optional[str] = "center"
    wrap: bool = False
    number_format: Optional[str] = None
    quote: bool = False     # quotePrefix: Excel keeps the text a text when it is edited


# --- numbering -----------------------------------------------------------------------------

BUILTIN_FORMATS = {
    "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11,
    "# ?/?": 12, "# ??/??": 13, "mm-dd-yy": 14, "d-mmm-yy": 15, "d-mmm": 16, "mmm-yy": 17,
    "h:mm AM/PM": 18, "h:mm:ss AM/PM": 19, "h:mm": 20, "h:mm:ss": 21, "m/d/yy h:mm": 22,
    "#,##0_);(#,##0)": 37, "#,##0_);[Red](#,##0)": 38, "#,##0.00_);(#,##0.00)": 39,
    "#,##0.00_);[Red](#,##0.00)": 40, "mm:ss": 45, "[h]:mm:ss": 46, "mmss.0": 47, "##0.0E+0": 48, "@": 49,
}
"""Excel's built-in number formats that a look here may use (others get ids from 164)."""
FIRST_CUSTOM_FORMAT = 164

StyleKey = tuple[int, int, int, int, int, int]
"""(font, fill, border, number format, alignment, quote prefix): one cell format (xf)."""

EMPTY_FILL = "<fill><patternFill/></fill>"
GRAY_FILL = '<fill><patternFill patternType="gray125"/></fill>'
NO_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>"


class _Numbered:
    """Values numbered in order of first use (openpyxl's IndexedList)."""

    def __init__(self, initial: tuple = ()):
        self.items: list = list(initial)
        self._index = {item: i for i, item in enumerate(self.items)}

    def add(self, item) -> int:
        index = self._index.get(item)
        if index is None:
            index = self._index[item] = len(self.items)
            self.items.append(item)
        return index


class Styles:
    """The workbook's fonts, fills, borders, number formats and cell formats, numbered as used.

    :meth:`key` resolves a look when a cell is made (numbering its parts);
    :meth:`xf` numbers the cell format when the cell is written — the order
    the style sheet lists them in.
    """

    def __init__(self, base_font: Font):
        self.fonts = _Numbered((base_font,))
        self.fills = _Numbered((EMPTY_FILL, GRAY_FILL))
        self.borders = _Numbered((NO_BORDER,))
        self.alignments = _Numbered((Alignment(),))
        self.formats = _Numbered()
        self.xfs = _Numbered(((0, 0, 0, 0, 0, 0),))
        self.dxfs = _Numbered()
        self._keys: dict[Look, StyleKey] = {}
        self._by_identity: dict[int, tuple[Look, StyleKey]] = {}
        self._attrs: dict[int, tuple[Look, str]] = {}

    def key(self, look: Look) -> StyleKey:
        """The parts of ``look``, numbered (registered in the order openpyxl set them on a cell).

        Found by the look's identity first: hashing a look hashes its font,
        fill and border, and a sheet asks about the same few looks for every
        cell.  The entry keeps the look alive, so its id is never reused.
        """
        known = self._by_identity.get(id(look))
        if known is not None:
            return known[1]
        key = self._keys.get(look)
        if key is None:
            key = self._keys[look] = self._resolve(look)
        self._by_identity[id(look)] = (look, key)
        return key

    def _resolve(self, look: Look) -> StyleKey:
        font = self.fonts.add(look.font) if look.font is not None else 0
        fill = self.fills.add(look.fill.xml()) if look.fill is not None else 0
        border = self.borders.add(look.border.xml()) if look.border is not None else 0
        alignment = 0
        if look.horizontal or look.vertical or look.wrap:
            alignment = self.alignments.add(Alignment(look.horizontal, look.vertical, look.wrap))
        fmt = self._format_id(look.number_format) if look.number_format else 0
        return font, fill, border, fmt, alignment, int(look.quote)

    def _format_id(self, code: str) -> int:
        builtin = BUILTIN_FORMATS.get(code)
        return builtin if builtin is not None else self.formats.add(code) + FIRST_CUSTOM_FORMAT

    def xf(self, look: Look) -> int:
        """The cell format number of ``look`` (the ``s`` of a cell)."""
        return self.xfs.add(self.key(look))

    def style_attr(self, look: Look) -> str:
        """`` s="N"`` for a cell written with ``look``, numbering its format now; '' for no style.

        A look that sets nothing (every part the default) leaves the cell
        unstyled, as openpyxl did.
        """
        known = self._attrs.get(id(look))
        if known is not None:
            return known[1]
        key = self.key(look)
        written = f' s="{self.xfs.add(key)}"' if any(key) else ""
        self._attrs[id(look)] = (look, written)
        return written

    def dxf(self, font: Font, fill: Fill) -> int:
        """A differential format (conditional formatting), numbered as used."""
        return self.dxfs.add(f"<dxf>{font.xml()}{fill.xml()}</dxf>")

    def xml(self) -> str:
        """xl/styles.xml."""
        formats = self.formats.items
        parts = ['<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
        if formats:
            parts.append(f'<numFmts count="{len(formats)}">')
            parts += [f'<numFmt numFmtId="{i}" formatCode="{attr(code)}"/>'
                      for i, code in enumerate(formats, FIRST_CUSTOM_FORMAT)]
            parts.append("</numFmts>")
        else:
            parts.append('<numFmts count="0"/>')
        parts.append(_listed("fonts", [f.xml() for f in self.fonts.items]))
        parts.append(_listed("fills", self.fills.items))
        parts.append(_listed("borders", self.borders.items))
        parts.append('<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>')
        parts.append(_listed("cellXfs", [self._xf_xml(k) for k in self.xfs.items]))
        parts.append('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>')
        if self.dxfs.items:
            parts.append(_listed("dxfs", self.dxfs.items))
        parts.append('<tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
                     'defaultPivotStyle="PivotStyleLight16"/>')
        parts.append(INDEXED_COLORS)
        parts.append("</styleSheet>")
        return "".join(parts)

    def _xf_xml(self, key: StyleKey) -> str:
        font, fill, border, fmt, alignment, quote = key
        head = f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="{border}"'
        tail = f' pivotButton="0" quotePrefix="{quote}" xfId="0"'
        if not alignment:
            return head + tail + "/>"
        return f'{head} applyAlignment="1"{tail}>{self.alignments.items[alignment].xml()}</xf>'


def _listed(tag: str, items: list[str]) -> str:
    return f'<{tag} count="{len(items)}">{"".join(items)}</{tag}>'


_LEGACY_PALETTE = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 "
    "FF00FF 00FFFF 800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF "
    "660066 FF8080 0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF "
    "CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 "
    "003366 339966 003300 333300 993300 993366 333399 333333"
)
INDEXED_COLORS = ("<colors><indexedColors>"
                  + "".join(f'<rgbColor rgb="00{c}"/>' for c in _LEGACY_PALETTE.split())
                  + "</indexedColors></colors>")
"""The 64-colour legacy palette openpyxl wrote into every style sheet."""
