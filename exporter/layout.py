"""Page geometry, type scale, font roles and colours shared by every renderer.

GB/T 9704-2012 fixes the page (A4, 37/35/28/26 mm margins, a 156 x 225 mm
type area, 22 lines x 28 characters at 3号).  Every renderer reads its numbers
from here, so the Word briefing and the PDF summary cannot drift apart.
Clause numbers refer to GB/T 9704-2012; see ``shared/spec/layout.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# --- units -----------------------------------------------------------------

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
TWIPS_PER_PT = 20


def mm_to_pt(mm: float) -> float:
    """Millimetres to PostScript points (ReportLab's unit)."""
    return mm / MM_PER_INCH * PT_PER_INCH


def mm_to_twips(mm: float) -> int:
    """Millimetres to twentieths of a point (WordprocessingML's unit), rounded."""
    return round(mm_to_pt(mm) * TWIPS_PER_PT)


# --- page (§5.1, §5.2.1) ----------------------------------------------------

@dataclass(frozen=True)
class PageGeometry:
    """A4 with the 9704 type area; all values in millimetres."""

    width: float = 210.0
    height: float = 297.0
    top: float = 37.0        # 天头
    left: float = 28.0       # 订口 (binding side)
    area_width: float = 156.0
    area_height: float = 225.0
    footer_gap: float = 7.0  # page-number dash line top below the type area (§7.5)

    @property
    def right(self) -> float:
        return self.width - self.left - self.area_width    # 26 mm

    @property
    def bottom(self) -> float:
        return self.height - self.top - self.area_height   # 35 mm


PAGE = PageGeometry()

# Twips written into the docx, exactly as layout.md lists them.
DOCX_PAGE_TWIPS = {"w": 11906, "h": 16838, "top": 2098, "bottom": 1984, "left": 1588, "right": 1474}

LINES_PER_PAGE = 22       # §5.2.3
CHARS_PER_LINE = 28       # §5.2.3
LINE_PITCH_PT = mm_to_pt(PAGE.area_height) / LINES_PER_PAGE    # 28.99 pt
CHAR_PITCH_PT = mm_to_pt(PAGE.area_width) / CHARS_PER_LINE     # 15.79 pt
DOCX_LINE_PITCH = 579     # twips, w:docGrid/@w:linePitch
DOCX_CHAR_SPACE = -848    # w:docGrid/@w:charSpace for a 16 pt default

# --- type scale (Word/WPS 字号 in points) ----------------------------------

SIZES_PT = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}

BODY_PT = SIZES_PT["三号"]          # body text, headings, masthead lines
TITLE_PT = SIZES_PT["二号"]         # headline (§7.3.1)
MASTHEAD_PT = SIZES_PT["小初"]      # briefing name (practice: 小初 or 初号)
END_BLOCK_PT = SIZES_PT["四号"]     # 报尾 / 版记 (§7.4)
PAGE_NUMBER_PT = SIZES_PT["四号"]   # 页码 (§7.5)
TABLE_PT = SIZES_PT["小四"]         # attachment tables: 28 chars of 3号 would not fit 4 columns
FIRST_LINE_INDENT_CHARS = 2         # 正文 and headings indent 2 字
PAGE_NUMBER_INDENT_CHARS = 1        # odd pages right, even pages left, 1 字 in

# Rules (lines), in millimetres.
MASTHEAD_RULE_MM = 0.6              # red rule under the masthead (practice ≥ 0.5 mm)
MASTHEAD_RULE_GAP_MM = 4.0          # below the office/date line (§7.2.7 analogue)
END_RULE_THICK_MM = 0.35            # first and last rule of the 报尾 (§7.4.1)
END_RULE_THIN_MM = 0.25             # middle rules


# --- colours ---------------------------------------------------------------

RED_RGB = "FF0000"                  # the usual docx red
RED_CMYK = (0.0, 0.8, 0.8, 0.0)     # Y80 % M80 % (§6.2), for the PDF
BLACK_RGB = "000000"


# --- font roles --------------------------------------------------------------

class FontRole(str, Enum):
    """What a piece of text is, not which file draws it.

    The Word briefing names the official faces so that real office machines
    show them; the PDF embeds the file that :mod:`exporter.fonts` resolves
    for the same role.
    """

    TITLE = "title"       # 小标宋: masthead name, headlines
    BODY = "body"         # 仿宋: running text
    HEADING = "heading"   # 黑体: 一、 headings, 附件N, classification
    LEAD = "lead"         # 楷体: （一） headings and item leads
    SONG = "song"         # 宋体: page numbers, and the fallback face


@dataclass(frozen=True)
class OfficialFace:
    """How a role is named in a .docx: the official face and its substitutes."""

    name: str             # w:eastAsia
    alt_name: str         # w:altName in the font table
    panose: str           # w:panose1 (helps Word pick a substitute)
    family: str           # w:family


OFFICIAL_FACES = {
    FontRole.TITLE: OfficialFace("方正小标宋简体", "SimSun", "02010600030101010101", "auto"),
    FontRole.BODY: OfficialFace("仿宋_GB2312", "FangSong", "02010609030101010101", "modern"),
    FontRole.HEADING: OfficialFace("黑体", "SimHei", "02010609060101010101", "modern"),
    FontRole.LEAD: OfficialFace("楷体_GB2312", "KaiTi", "02010609030101010101", "modern"),
    FontRole.SONG: OfficialFace("宋体", "SimSun", "02010600030101010101", "auto"),
}

LATIN_FACE = "Times New Roman"      # Latin letters and digits (practice)
GB2312_CHARSET = "86"               # w:charset for the GB2312 code page

# The bundled free TrueType face for each role (fonts/README.md says where each came from).
BUNDLED_FILES = {
    FontRole.TITLE: "NotoSerifSC-ExtraBold.ttf",
    FontRole.BODY: "FandolFang-Regular.ttf",
    FontRole.HEADING: "NotoSansSC-Medium.ttf",
    FontRole.LEAD: "LXGWWenKai-Regular.ttf",
    FontRole.SONG: "NotoSerifSC-Regular.ttf",
}
FALLBACK_ROLE = FontRole.SONG
