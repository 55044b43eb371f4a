"""The briefing's named styles, font table and settings, as WordprocessingML.

Staff restyle a briefing by editing its styles, so every kind of paragraph
has one (正文, 标题, 一级标题, 二级标题, 报头名称 …) and the body carries no
run formatting of its own.  Each style names its faces in all four
``w:rFonts`` slots (the East Asian face in ``w:eastAsia``, Times New Roman
for Latin and digits), carries ``w:lang w:eastAsia="zh-CN"`` and no theme
attribute, so Word, WPS and LibreOffice all show the official faces.

Pure string building from :mod:`exporter.layout`; render/word writes the
results into the package as they are, so every string here is already in
the form an XML serializer would give (double-quoted attributes, escaped
text), which is what the package held when python-docx reserialized it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from exporter import layout
from exporter.layout import FontRole
from exporter.text import NO_LINE_END, NO_LINE_START

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- escaping (as lxml serializes; no xml.sax import: it pulls in urllib) -----------

def xml_text(text: str) -> str:
    """Character data: & < > escaped (the same three replacements as xml.sax.saxutils.escape).

    Checked before replacing: almost no name contains them, and a test is
    cheaper than a copy on 100,000 rows.
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def xml_attr(value: str) -> str:
    """An attribute value with its double quotes, escaped as lxml writes it."""
    return '"' + value.translate(_ATTR_ESCAPES) + '"'

# --- sizes in WordprocessingML units ------------------------------------------

AREA_WIDTH = layout.DOCX_PAGE_TWIPS["w"] - layout.DOCX_PAGE_TWIPS["left"] - layout.DOCX_PAGE_TWIPS["right"]
AREA_HEIGHT = layout.DOCX_PAGE_TWIPS["h"] - layout.DOCX_PAGE_TWIPS["top"] - layout.DOCX_PAGE_TWIPS["bottom"]
LINE = layout.DOCX_LINE_PITCH                     # one grid line, twips


def half_points(pt: float) -> int:
    """w:sz is in half-points."""
    return round(pt * 2)


def twips(pt: float) -> int:
    return round(pt * layout.TWIPS_PER_PT)


def chars(n: float, pt: float = layout.BODY_PT) -> int:
    """*n* characters of a *pt* face, in twips (an indent of 2 字 at 3号 is 640)."""
    return round(n * pt * layout.TWIPS_PER_PT)


def eighth_points(mm: float) -> int:
    """Border widths (w:sz of a border) are in eighths of a point."""
    return round(layout.mm_to_pt(mm) * 8)


# --- style ids (ASCII, stable) and the names staff see ---------------------------

NORMAL = "Normal"                 # shown as 正文 by Chinese Word and WPS
TITLE = "Title"                   # shown as 标题
LEVEL1 = "Level1"
LEVEL2 = "Level2"
BODY_CHAR = "BodyChar"
NOTE = "Note"
CLASSIFICATION = "Classification"
SAMPLE_MARK = "SampleMark"
MASTHEAD_NAME = "MastheadName"
ISSUE_NUMBER = "IssueNumber"
MASTHEAD_INFO = "MastheadInfo"
ATTACHMENT_LABEL = "AttachmentLabel"
ATTACHMENT_TITLE = "AttachmentTitle"
TABLE_TEXT = "TableText"
TABLE_TEXT_CENTER = "TableTextCenter"
TABLE_HEADER = "TableHeader"
TABLE_GROUP = "TableGroup"
ATTACHMENT_TABLE = "AttachmentTable"
END_BLOCK = "EndBlock"
END_BLOCK_COPIES = "EndBlockCopies"
SPACER = "Spacer"
PAGE_NUMBER = "PageNumber"
PAGE_NUMBER_ODD = "PageNumberOdd"
PAGE_NUMBER_EVEN = "PageNumberEven"


def rfonts(role: FontRole, latin: str | None = layout.LATIN_FACE) -> str:
    """All four slots named; East Asian = the role's official face; no theme attributes."""
    east = layout.OFFICIAL_FACES[role].name
    latin = latin or east
    return (f'<w:rFonts w:ascii={xml_attr(latin)} w:eastAsia={xml_attr(east)} '
            f'w:hAnsi={xml_attr(latin)} w:cs={xml_attr(latin)}/>')


LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


class Style(NamedTuple):
    """One w:style; pPr / rPr children are given in schema order.

    A named tuple rather than a frozen dataclass, which costs ~2 ms to define at import.
    """

    style_id: str
    name: str
    kind: str = "paragraph"          # paragraph | character | table
    based_on: str | None = NORMAL
    next_id: str | None = None
    ppr: Sequence[str] = ()
    rpr: Sequence[str] = ()
    extra: str = ""                  # tblPr etc. for table styles
    outline: int | None = None
    priority: int = 10

    def xml(self) -> str:
        attrs = f'w:type="{self.kind}" w:styleId="{self.style_id}"'
        if self.style_id == NORMAL:
            attrs += ' w:default="1"'
        elif self.style_id != TITLE:
            attrs += ' w:customStyle="1"'
        parts = [f"<w:style {attrs}>", f"<w:name w:val={xml_attr(self.name)}/>"]
        if self.based_on:
            parts.append(f'<w:basedOn w:val="{self.based_on}"/>')
        if self.next_id:
            parts.append(f'<w:next w:val="{self.next_id}"/>')
        parts.append(f'<w:uiPriority w:val="{self.priority}"/><w:qFormat/>')
        ppr = list(self.ppr)
        if self.outline is not None:
            ppr.append(f'<w:outlineLvl w:val="{self.outline}"/>')
        if ppr:
            parts.append("<w:pPr>" + "".join(ppr) + "</w:pPr>")
        if self.rpr or self.kind != "table":
            parts.append("<w:rPr>" + "".join(self.rpr) + "</w:rPr>")
        parts.append(self.extra)
        parts.append("</w:style>")
        return "".join(parts)


def _rpr(role: FontRole, pt: float, *, colour: str | None = None, latin: str | None = layout.LATIN_FACE,
         border: str = "", spacing: int | None = None) -> list[str]:
    """rPr children in schema order: fonts, colour, character spacing, size, border, lang."""
    out = [rfonts(role, latin)]
    if colour:
        out.append(f'<w:color w:val="{colour}"/>')
    if spacing is not None:
        out.append(f'<w:spacing w:val="{spacing}"/>')
    sz = half_points(pt)
    out.append(f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')
    if border:
        out.append(border)
    out.append(LANG)
    return out


def _exact(twip: int) -> str:
    return f'<w:spacing w:before="0" w:after="0" w:line="{twip}" w:lineRule="exact"/>'


def _border(side: str, sz: int, colour: str, space: int = 0) -> str:
    return f'<w:{side} w:val="single" w:sz="{sz}" w:space="{space}" w:color="{colour}"/>'


NO_GRID = '<w:snapToGrid w:val="0"/>'
# No extra space between hanzi and digits in table cells: 2024年12月31日 stays one width.
NO_AUTOSPACE = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
# The 22 × 28 grid is declared in the section (Word's page set-up shows it),
# but body text does not snap to it: LibreOffice gives a 16 pt character two
# 15.79 pt cells of a character grid (14 a line).  Body lines instead have the
# grid's pitch as exact line spacing (22 a page) and are condensed by 0.3 pt
# (28 a line: 28 × 15.7 pt fits 156 mm with 2.6 pt to spare, 29 do not) —
# the same in Word, WPS and LibreOffice.  The 2-字 indent is two condensed
# characters, so a first line holds 26.
GRID_CONDENSE = -6
BODY_LINE = _exact(LINE)
INDENT_2 = 2 * (twips(layout.BODY_PT) + GRID_CONDENSE)
RED = layout.RED_RGB
BLACK = layout.BLACK_RGB
TITLE_LINE = LINE                       # a 2号 headline line keeps the 3号 grid pitch
MASTHEAD_LINES = 3                      # the briefing name occupies three grid lines
MASTHEAD_TRACKING = twips(layout.MASTHEAD_PT / 4)   # 工 作 简 报: a quarter em between characters
TABLE_LINE = twips(layout.TABLE_PT * 1.5)
END_LINE = twips(26)                    # 4号 end block: about 1.85 × its size
PAGE_NUMBER_LINE = twips(20)
SPACER_LINE = 20                        # a 1 pt paragraph where the format needs one (after a table)


def styles() -> list[Style]:
    """Every style the briefing uses, parents before children."""
    body_pt, title_pt = layout.BODY_PT, layout.TITLE_PT
    table_pt, end_pt = layout.TABLE_PT, layout.END_BLOCK_PT
    indent2 = (f'<w:ind w:firstLineChars="{layout.FIRST_LINE_INDENT_CHARS * 100}" '
               f'w:firstLine="{INDENT_2}"/>')
    right_tab = f'<w:tabs><w:tab w:val="right" w:pos="{AREA_WIDTH}"/></w:tabs>'
    rule = eighth_points(layout.MASTHEAD_RULE_MM)
    rule_gap = round(layout.mm_to_pt(layout.MASTHEAD_RULE_GAP_MM))
    page_in = chars(layout.PAGE_NUMBER_INDENT_CHARS, layout.PAGE_NUMBER_PT)
    end_char = chars(1, end_pt)
    return [
        Style(NORMAL, "Normal", based_on=None, priority=0,
              ppr=['<w:widowControl w:val="0"/>', NO_GRID, BODY_LINE, indent2, '<w:jc w:val="both"/>'],
              rpr=_rpr(FontRole.BODY, body_pt, spacing=GRID_CONDENSE)),
        Style(TITLE, "Title", next_id=NORMAL, outline=0,
              ppr=[NO_GRID, _exact(TITLE_LINE), NO_INDENT, '<w:jc w:val="center"/>'],
              rpr=_rpr(FontRole.TITLE, title_pt, spacing=0)),
        Style(LEVEL1, "一级标题", next_id=NORMAL, outline=1,
              ppr=['<w:keepNext/>'], rpr=_rpr(FontRole.HEADING, body_pt)),
        Style(LEVEL2, "二级标题", next_id=NORMAL, outline=2, rpr=_rpr(FontRole.LEAD, body_pt)),
        Style(BODY_CHAR, "正文字符", kind="character", based_on=None,
              rpr=_rpr(FontRole.BODY, body_pt)),
        Style(NOTE, "附注", rpr=_rpr(FontRole.BODY, body_pt)),
        Style(CLASSIFICATION, "密级", ppr=[right_tab, NO_INDENT, '<w:jc w:val="left"/>'],
              rpr=_rpr(FontRole.HEADING, body_pt)),
        Style(SAMPLE_MARK, "样例标记", kind="character", based_on=None,
              rpr=_rpr(FontRole.HEADING, body_pt, colour=RED,
                       border=f'<w:bdr w:val="single" w:sz="8" w:space="1" w:color="{RED}"/>')),
        Style(MASTHEAD_NAME, "报头名称", next_id=ISSUE_NUMBER,
              ppr=[NO_GRID, _exact(LINE * MASTHEAD_LINES), NO_INDENT, '<w:jc w:val="center"/>'],
              rpr=_rpr(FontRole.TITLE, layout.MASTHEAD_PT, colour=RED, spacing=MASTHEAD_TRACKING)),
        Style(ISSUE_NUMBER, "期号", next_id=MASTHEAD_INFO,
              ppr=[NO_INDENT, '<w:jc w:val="center"/>'], rpr=_rpr(FontRole.BODY, body_pt)),
        Style(MASTHEAD_INFO, "编印单位和日期",
              ppr=[f"<w:pBdr>{_border('bottom', rule, RED, rule_gap)}</w:pBdr>", right_tab,
                   NO_INDENT, '<w:jc w:val="left"/>'],
              rpr=_rpr(FontRole.BODY, body_pt)),
        Style(ATTACHMENT_LABEL, "附件标记", ppr=['<w:pageBreakBefore/>', NO_INDENT, '<w:jc w:val="left"/>'],
              rpr=_rpr(FontRole.HEADING, body_pt)),
        Style(ATTACHMENT_TITLE, "附件标题", based_on=TITLE, outline=0, next_id=NORMAL,
              rpr=_rpr(FontRole.TITLE, title_pt)),
        Style(TABLE_TEXT, "表格文字",
              ppr=[NO_AUTOSPACE, NO_GRID, _exact(TABLE_LINE), NO_INDENT, '<w:jc w:val="left"/>'],
              rpr=_rpr(FontRole.BODY, table_pt, spacing=0)),
        Style(TABLE_TEXT_CENTER, "表格文字居中", based_on=TABLE_TEXT, ppr=['<w:jc w:val="center"/>'],
              rpr=_rpr(FontRole.BODY, table_pt)),
        Style(TABLE_HEADER, "表头", based_on=TABLE_TEXT_CENTER, rpr=_rpr(FontRole.HEADING, table_pt)),
        Style(TABLE_GROUP, "表格分组", based_on=TABLE_TEXT, ppr=['<w:keepNext/>'],
              rpr=_rpr(FontRole.HEADING, table_pt)),
        Style(ATTACHMENT_TABLE, "附件表格", kind="table", based_on=None, priority=59,
              extra=("<w:tblPr><w:tblBorders>"
                     + "".join(_border(s, 4, BLACK) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
                     + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/>'
                       '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
                       '<w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
                       '<w:tcPr><w:vAlign w:val="center"/></w:tcPr>')),
        Style(END_BLOCK, "报尾",
              ppr=[NO_GRID, _exact(END_LINE),
                   f'<w:ind w:left="{3 * end_char}" w:right="{end_char}" w:hanging="{2 * end_char}"/>',
                   '<w:jc w:val="left"/>'],
              rpr=_rpr(FontRole.BODY, end_pt, spacing=0)),
        Style(END_BLOCK_COPIES, "报尾印数", based_on=END_BLOCK,
              ppr=[f'<w:ind w:left="0" w:right="{end_char}" w:hanging="0"/>', '<w:jc w:val="right"/>'],
              rpr=_rpr(FontRole.BODY, end_pt)),
        Style(SPACER, "定位段落",
              ppr=[NO_GRID, _exact(SPACER_LINE), NO_INDENT], rpr=_rpr(FontRole.BODY, 1)),
        Style(PAGE_NUMBER, "页码",
              ppr=[NO_GRID, _exact(PAGE_NUMBER_LINE), NO_INDENT],
              rpr=_rpr(FontRole.SONG, layout.PAGE_NUMBER_PT, latin=None, spacing=0)),
        Style(PAGE_NUMBER_ODD, "页码（奇数页）", based_on=PAGE_NUMBER,
              ppr=[f'<w:ind w:right="{page_in}" w:firstLine="0"/>', '<w:jc w:val="right"/>'],
              rpr=_rpr(FontRole.SONG, layout.PAGE_NUMBER_PT, latin=None)),
        Style(PAGE_NUMBER_EVEN, "页码（偶数页）", based_on=PAGE_NUMBER,
              ppr=[f'<w:ind w:left="{page_in}" w:firstLine="0"/>', '<w:jc w:val="left"/>'],
              rpr=_rpr(FontRole.SONG, layout.PAGE_NUMBER_PT, latin=None)),
    ]


BASE_STYLES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
    '<w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
)


def doc_defaults_xml() -> str:
    """docDefaults: the body face in every slot, 3号, zh-CN; no theme attributes."""
    sz = half_points(layout.BODY_PT)
    return (f'<w:docDefaults><w:rPrDefault><w:rPr>{rfonts(FontRole.BODY)}'
            f'<w:kern w:val="2"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>{LANG}</w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '</w:pPr></w:pPrDefault></w:docDefaults>')


def styles_xml() -> str:
    """The w:style elements: the base styles, then the briefing's (no wrapper element)."""
    return BASE_STYLES + "".join(s.xml() for s in styles())


# --- font table ---------------------------------------------------------------------

def font_table_xml() -> str:
    """w:fonts: each official face with its substitute (w:altName), GB2312 charset, panose."""
    fonts = []
    seen = set()
    for role in FontRole:
        face = layout.OFFICIAL_FACES[role]
        if face.name in seen:
            continue
        seen.add(face.name)
        fonts.append(
            f'<w:font w:name={xml_attr(face.name)}><w:altName w:val={xml_attr(face.alt_name)}/>'
            f'<w:panose1 w:val="{face.panose}"/><w:charset w:val="{layout.GB2312_CHARSET}"/>'
            f'<w:family w:val="{face.family}"/><w:pitch w:val="variable"/></w:font>')
    fonts.append(
        f'<w:font w:name={xml_attr(layout.LATIN_FACE)}><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
    return (f'<w:fonts xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            + "".join(fonts) + "</w:fonts>")


# --- settings -----------------------------------------------------------------------

def kinsoku_xml() -> str:
    """noLineBreaksAfter / noLineBreaksBefore for zh-CN: GB/T 15834 §5.1 as exporter.text lists it."""
    return (f'<w:noLineBreaksAfter w:lang="zh-CN" w:val={xml_attr(NO_LINE_END)}/>'
            f'<w:noLineBreaksBefore w:lang="zh-CN" w:val={xml_attr(NO_LINE_START)}/>')
