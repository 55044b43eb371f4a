"""The briefing's body as WordprocessingML text: masthead, article, attachments, end block.

Everything here is string building over the model and :mod:`exporter.render.prose`
(no document library), because it is linear and fast: a list of 100,000
awardees becomes 100,000 ``<w:tr>`` strings in about a second, where
python-docx's ``add_row`` and ``table.rows[i]`` are quadratic (fonts.md).
The body is produced as a stream of pieces (:func:`body_chunks`) that
render/word writes straight into the package: nothing holds the whole of a
long list's XML at once.

Every paragraph names a style from :mod:`exporter.render.word_styles`; runs
carry no formatting except where a paragraph mixes two faces (an item's lead
and its text) or the masthead name must shrink to fit the line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from exporter import layout
from exporter.model import AwardeeRow, Awards, Meeting, TargetRow, Targets
from exporter.render import prose
from exporter.render import word_styles as st
from exporter.render.word_styles import xml_text as escape
from exporter.text import classifier_for, format_date, format_number

# --- paragraphs and runs ----------------------------------------------------------

Run = tuple[str | None, str]          # (character style id or None, text)


def run_xml(text: str, char_style: str | None = None, rpr: str = "") -> str:
    """A run; tabs and line breaks in *text* become w:tab / w:br."""
    props = (f'<w:rStyle w:val="{char_style}"/>' if char_style else "") + rpr
    head = f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return head + "".join(pieces) + "</w:r>"


def paragraph_xml(style: str, runs: Iterable[Run] | str = (), ppr: str = "") -> str:
    """A paragraph of *style*; *runs* is plain text or (character style, text) pairs."""
    if isinstance(runs, str):
        runs = [(None, runs)] if runs else []
    body = "".join(run_xml(text, cs) for cs, text in runs if text)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{body}</w:p>'


def blank_line() -> str:
    """An empty body line: one line of the grid (the blank lines GB/T 9704 counts)."""
    return paragraph_xml(st.NORMAL)


# --- masthead (报头) -----------------------------------------------------------------

def _masthead_name_runs(name: str) -> str:
    """The briefing name, spaced; a name too long for one line so is set tighter and smaller."""
    area_pt = st.AREA_WIDTH / layout.TWIPS_PER_PT
    em = prose.text_em(name)
    tracking_pt = st.MASTHEAD_TRACKING / layout.TWIPS_PER_PT
    if em * (layout.MASTHEAD_PT + tracking_pt) <= area_pt:
        return run_xml(name)
    pt = max(int(area_pt / em * 2) / 2, layout.TITLE_PT / 2)
    sz = st.half_points(pt)
    return run_xml(name, rpr=f'<w:spacing w:val="0"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')


def masthead(meeting: Meeting) -> list[str]:
    """Classification (and 样例), red name, 第N期, office left / date right over the red rule."""
    brief = meeting.briefing
    first: list[Run] = [(None, brief.classification or "")]
    if meeting.sample:
        first += [(None, "\t"), (st.SAMPLE_MARK, "样例")]
    name = f'<w:p><w:pPr><w:pStyle w:val="{st.MASTHEAD_NAME}"/></w:pPr>{_masthead_name_runs(brief.name)}</w:p>'
    return [
        paragraph_xml(st.CLASSIFICATION, first),
        name,
        paragraph_xml(st.ISSUE_NUMBER, prose.issue_line(meeting)),
        paragraph_xml(st.MASTHEAD_INFO, f"{meeting.issuer.compiling_office}\t{format_date(meeting.issue_date)}"),
    ]


# --- the article (报核) ----------------------------------------------------------------

HEADLINE_MAX_EM = int(st.AREA_WIDTH / layout.TWIPS_PER_PT / layout.TITLE_PT)


def headline(text: str, style: str = st.TITLE) -> str:
    """A 2号 title in balanced lines, broken with line breaks where prose chose."""
    lines = prose.balanced_lines(text, HEADLINE_MAX_EM)
    return paragraph_xml(style, "\n".join(lines))


_BLOCK_STYLES = {"body": st.NORMAL, "section": st.LEVEL1, "note": st.NOTE}


def article(meeting: Meeting) -> list[str]:
    """Two blank lines under the red rule, the headline, one blank line, then the prose blocks.

    layout.md §3 (GB/T 9704 §7.3.1/§7.3.2 analogue): the title sits two lines
    below the red rule, and what follows it starts one blank line below it.
    """
    out = [blank_line(), blank_line(), headline(meeting.headline), blank_line()]
    for block in prose.article(meeting):
        if block.kind == "item":
            out.append(paragraph_xml(st.LEVEL2, [(None, block.lead), (st.BODY_CHAR, block.text)]))
        else:
            out.append(paragraph_xml(_BLOCK_STYLES[block.kind], block.text))
    return out


# --- attachment tables ------------------------------------------------------------------

class Column(NamedTuple):
    """A table column: header, paragraph style of its cells, widest it may grow (ems)."""

    header: str
    style: str = st.TABLE_TEXT
    cap_em: float = 16.0


CELL_PADDING = 2 * 85                     # left + right cell margin of the table style
TABLE_CHAR = st.chars(1, layout.TABLE_PT)
CHUNK_ROWS = 256                          # table rows per piece handed to the package writer

Row = Any                                 # an AwardeeRow or a TargetRow
Cells = Callable[[Row], Sequence[str]]    # a row's cell texts, one per column
Groups = Sequence[tuple[str, Sequence[Row]]]


def fast_em(text: str) -> float:
    """Width in ems, quickly: ASCII counts ½, everything else 1 (for column widths)."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def longest_ems(columns: Sequence[Column], groups: Groups, cells: Cells) -> list[float]:
    """Each column's widest text in ems, in one pass that keeps nothing.

    Taken a chunk of rows and a column at a time, and a text is measured only
    when it is longer (in characters) than the widest so far — its ems never
    exceed its length — so most cells cost one ``len``.
    """
    longest = [0.0] * len(columns)
    for _, rows in groups:
        for start in range(0, len(rows), CHUNK_ROWS):
            for c, texts in enumerate(zip(*map(cells, rows[start:start + CHUNK_ROWS]))):
                widest = longest[c]
                longer = [t for t in texts if len(t) > widest]
                if longer:
                    longest[c] = max(widest, max(map(fast_em, longer)))
    return longest


def column_widths(columns: Sequence[Column], longest: Sequence[float], total: int) -> list[int]:
    """Widths (twips) summing to *total*: each column as wide as its longest text allows.

    A column first gets its natural width (longest entry, at most ``cap_em``);
    spare width is shared in proportion to the natural widths; a shortfall is
    taken from the widest columns (they wrap), never below their header.
    """
    natural = []
    floor = []
    for column, widest in zip(columns, longest):
        head = fast_em(column.header)
        natural.append(max(min(max(widest, head), column.cap_em), head) * TABLE_CHAR + CELL_PADDING + 40)
        floor.append(head * TABLE_CHAR + CELL_PADDING + 40)
    need = sum(natural)
    if need <= total:
        widths = [w + (total - need) * w / need for w in natural]
    else:
        widths = _shrink_widest(natural, floor, total)
    widths = [int(w) for w in widths]
    widths[max(range(len(widths)), key=lambda i: widths[i])] += total - sum(widths)
    return widths


def _shrink_widest(natural: list[float], floor: list[float], total: int) -> list[float]:
    """Lower a common ceiling over the widest columns until the table fits."""
    lo, hi = 0.0, max(natural)
    for _ in range(50):
        mid = (lo + hi) / 2
        if sum(max(min(w, mid), f) for w, f in zip(natural, floor)) > total:
            hi = mid
        else:
            lo = mid
    widths = [max(min(w, lo), f) for w, f in zip(natural, floor)]
    scale = total / sum(widths)
    return [w * scale for w in widths] if scale < 1 else widths


def _cell_open(width: int, style: str) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>')


ROW_OPEN = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
HEADER_ROW_OPEN = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
TEXT_OPEN = '<w:r><w:t xml:space="preserve">'
TEXT_CLOSE = "</w:t></w:r></w:p></w:tc>"
EMPTY_CLOSE = "</w:p></w:tc>"


def table_chunks(columns: Sequence[Column], groups: Groups, cells: Cells) -> Iterator[bytes]:
    """A grouped list: a repeated header row, then per group a spanning title row and its rows.

    Rows never split across pages (w:cantSplit); the header repeats on each
    page (w:tblHeader); the group title keeps with its first row (style
    表格分组 has keepNext).  Two passes over the rows (widths, then text),
    each linear and neither keeping the cells: the table comes out in
    pieces of CHUNK_ROWS rows, as UTF-8.
    """
    total = st.AREA_WIDTH
    widths = column_widths(columns, longest_ems(columns, groups, cells), total)
    yield _table_head(columns, widths, total).encode()
    filled = [(_cell_open(w, c.style) + TEXT_OPEN).encode() for w, c in zip(widths, columns)]
    empty = [(_cell_open(w, c.style) + EMPTY_CLOSE).encode() for w, c in zip(widths, columns)]
    group_open = (f'{ROW_OPEN}<w:tc><w:tcPr><w:tcW w:w="{total}" w:type="dxa"/>'
                  f'<w:gridSpan w:val="{len(columns)}"/><w:vAlign w:val="center"/></w:tcPr>'
                  f'<w:p><w:pPr><w:pStyle w:val="{st.TABLE_GROUP}"/></w:pPr>{TEXT_OPEN}')
    for title, rows in groups:
        if title:
            yield f"{group_open}{escape(title)}{TEXT_CLOSE}</w:tr>".encode()
        for start in range(0, len(rows), CHUNK_ROWS):
            yield _rows_xml(rows[start:start + CHUNK_ROWS], cells, filled, empty)
    yield b"</w:tbl>"


_ROW_OPEN = ROW_OPEN.encode()
_TEXT_CLOSE = TEXT_CLOSE.encode()


def _rows_xml(rows: Iterable[Row], cells: Cells, filled: list[bytes], empty: list[bytes]) -> bytes:
    """Table rows as UTF-8: a cell with text gets one run, an empty cell an empty paragraph.

    Built as bytes: the markup, nine tenths of the text, stays one byte a
    character, where a str holding one name outside the BMP (𬭚) would
    widen the whole chunk to four bytes a character before it is encoded.
    """
    out = []
    append = out.append
    for row in rows:
        append(_ROW_OPEN)
        for c, text in enumerate(cells(row)):
            if text:
                append(filled[c])
                append(escape(text).encode())
                append(_TEXT_CLOSE)
            else:
                append(empty[c])
        append(b"</w:tr>")
    return b"".join(out)


def _table_head(columns: Sequence[Column], widths: list[int], total: int) -> str:
    """Table properties, the grid, and the header row."""
    parts = ['<w:tbl><w:tblPr><w:tblStyle w:val="', st.ATTACHMENT_TABLE, '"/>',
             f'<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>',
             '<w:tblLayout w:type="fixed"/>',
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
             'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
             "".join(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>", HEADER_ROW_OPEN]
    for w, column in zip(widths, columns):
        parts += [_cell_open(w, st.TABLE_HEADER), TEXT_OPEN, escape(column.header), TEXT_CLOSE]
    parts.append("</w:tr>")
    return "".join(parts)


def awards_table_chunks(awards: Awards) -> Iterator[bytes]:
    """序号, 名称, 奖项, 所属园区 (when any row has a park), grouped by category."""
    has_park = any(a.park for a in awards.rows)
    columns = [Column("序号", st.TABLE_TEXT_CENTER, 4), Column("名称", cap_em=18), Column("奖项", cap_em=14)]
    if has_park:
        columns.append(Column("所属园区", st.TABLE_TEXT_CENTER, 8))
    places = unnumbered_places(awards.rows)

    def cells(a: AwardeeRow) -> tuple[str, ...]:
        number = str(a.no) if a.no else places[id(a)]
        if has_park:
            return number, a.name, a.award, a.park or ""
        return number, a.name, a.award

    groups = [(f"{category}（{len(rows)}{classifier_for(category)}）", rows)
              for category, rows in awards.by_category().items() if rows]
    return table_chunks(columns, groups, cells)


def awards_table(awards: Awards) -> str:
    """The awardee table as one string (for tests and small lists; the renderer streams it)."""
    return b"".join(awards_table_chunks(awards)).decode()


def unnumbered_places(rows: Sequence[AwardeeRow | TargetRow]) -> dict[int, str]:
    """The place in the list of each row without a ``no``, by ``id(row)``: its printed 序号.

    A row's 序号 is its own ``no``, else its place in the list.  The loader
    fills ``no`` with the row's place when the input leaves 序号 empty, and
    the workbook prints ``no`` too, so a row has the same number in the
    briefing (grouped by category or unit) and the workbook (in list order)
    — never a count of its place within the groups.  Only rows without a
    ``no`` (none, from the loader) are remembered.
    """
    return {id(row): str(place) for place, row in enumerate(rows, 1) if not row.no}


def _owner_per_unit(units: dict[str, list[TargetRow]]) -> dict[str, str] | None:
    """Each unit's one 责任人, when every unit names exactly one (then it heads the group)."""
    owners = {}
    for unit, rows in units.items():
        names = {t.owner for t in rows}
        if len(names) != 1 or None in names:
            return None
        owners[unit] = names.pop()
    return owners


def _without_unit(owner: str, unit: str) -> str:
    """东湖园区主要负责人 under 东湖园区 → 主要负责人: the title row names the unit already."""
    rest = owner[len(unit):] if owner.startswith(unit) else ""
    return rest if len(rest) >= 2 else owner


def targets_table_chunks(targets: Targets) -> Iterator[bytes]:
    """序号, 指标, 目标值, then 完成时限 / 责任人 / 备注 where given, grouped by unit.

    When each unit has a single 责任人 it is named once in the unit's title
    row instead of on every row.
    """
    rows = targets.rows
    units = targets.units()
    unit_owner = _owner_per_unit(units)
    show_deadline = any(t.deadline for t in rows)
    show_owner = unit_owner is None and any(t.owner for t in rows)
    show_note = any(t.note for t in rows)
    columns = [Column("序号", st.TABLE_TEXT_CENTER, 4), Column("指标", cap_em=14),
               Column("目标值", st.TABLE_TEXT_CENTER, 8)]
    optional = [("完成时限", show_deadline, st.TABLE_TEXT_CENTER, 9), ("责任人", show_owner, st.TABLE_TEXT, 10),
                ("备注", show_note, st.TABLE_TEXT, 10)]
    columns += [Column(h, style, cap) for h, present, style, cap in optional if present]
    places = unnumbered_places(rows)

    def cells(t: TargetRow) -> list[str]:
        row = [str(t.no) if t.no else places[id(t)], t.indicator, f"{format_number(t.value)}{t.measure or ''}"]
        if show_deadline:
            row.append(format_date(t.deadline) if t.deadline else "")
        if show_owner:
            row.append(t.owner or "")
        if show_note:
            row.append(t.note or "")
        return row

    groups = []
    for unit, unit_rows in units.items():
        kind = unit_rows[0].unit_type
        title = unit if unit.endswith(kind) else f"{unit}（{kind}）"
        if unit_owner:
            title += f"　责任人：{_without_unit(unit_owner[unit], unit)}"
        groups.append((title, unit_rows))
    return table_chunks(columns, groups, cells)


def targets_table(targets: Targets) -> str:
    """The target table as one string (for tests; the renderer streams it)."""
    return b"".join(targets_table_chunks(targets)).decode()


def attachments(meeting: Meeting) -> Iterator[str | bytes]:
    """Each list on a new page: 附件N top left, its title centred on line 3, the table."""
    tables = []
    if meeting.awards and meeting.awards.rows:
        tables.append(lambda: awards_table_chunks(meeting.awards))
    if meeting.targets and meeting.targets.rows:
        tables.append(lambda: targets_table_chunks(meeting.targets))
    for (label, title), make_table in zip(prose.attachment_titles(meeting), tables):
        yield paragraph_xml(st.ATTACHMENT_LABEL, label) + blank_line()
        yield headline(title, st.ATTACHMENT_TITLE) + blank_line()
        yield from make_table()


# --- end block (报尾) ---------------------------------------------------------------------

END_BLOCK_WIDTH = st.AREA_WIDTH
THICK = st.eighth_points(layout.END_RULE_THICK_MM)
THIN = st.eighth_points(layout.END_RULE_THIN_MM)
EMU_PER_TWIP = 635
_DRAWING_NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def _end_row(style: str, text: str, top: int = 0, bottom: int = 0) -> str:
    borders = ""
    if top:
        borders += f'<w:top w:val="single" w:sz="{top}" w:space="0" w:color="{st.BLACK}"/>'
    if bottom:
        borders += f'<w:bottom w:val="single" w:sz="{bottom}" w:space="0" w:color="{st.BLACK}"/>'
    return (f'{ROW_OPEN}<w:tc><w:tcPr><w:tcW w:w="{END_BLOCK_WIDTH}" w:type="dxa"/>'
            f'<w:tcBorders>{borders}</w:tcBorders></w:tcPr>{paragraph_xml(style, text)}</w:tc></w:tr>')


def _end_lines(text: str) -> int:
    """Lines a 报尾 entry takes at 4号: 1 字 in, wrapped lines 3 字 in (after the label), 1 字 right."""
    per_line = END_BLOCK_WIDTH / layout.TWIPS_PER_PT / layout.END_BLOCK_PT
    first, rest = int(per_line) - 2, int(per_line) - 4        # one character of slack each
    em = prose.text_em(text)
    return 1 if em <= first else 1 + int(-(-(em - first) // rest))


def end_block_table(meeting: Meeting) -> tuple[str, int]:
    """The 报尾 as a one-column table (rules as cell borders) and its height in twips; ('', 0) if empty.

    Thick rule above 报：, thin rule above （共印N份）, thick rule under it
    (GB/T 9704 §7.4.1: 0.35 mm outer, 0.25 mm inner).
    """
    lines = prose.distribution_lines(meeting)
    copies = prose.copies_line(meeting)
    if not lines and not copies:
        return "", 0
    rows = []
    text_lines = 0
    for i, (label, names) in enumerate(lines):
        last = i == len(lines) - 1
        rows.append(_end_row(st.END_BLOCK, label + names, top=THICK if i == 0 else 0,
                             bottom=THICK if last and not copies else 0))
        text_lines += _end_lines(label + names)
    if copies:
        rows.append(_end_row(st.END_BLOCK_COPIES, copies, top=THIN if lines else THICK, bottom=THICK))
        text_lines += 1
    table = ('<w:tbl><w:tblPr>'
             f'<w:tblW w:w="{END_BLOCK_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
             '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
             '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
             f'</w:tblPr><w:tblGrid><w:gridCol w:w="{END_BLOCK_WIDTH}"/></w:tblGrid>{"".join(rows)}</w:tbl>')
    height = text_lines * st.END_LINE + st.END_LINE // 2      # rules and rounding: half a line
    return table, height


def end_block(meeting: Meeting) -> list[str]:
    """Rules, 报：/送：/发：, （共印N份） on the bottom of the type area of the last page.

    The block is a text box in front of the text, anchored to the document's
    last paragraph and placed at the foot of the margins, so its last rule
    lies on the bottom of the type area (GB/T 9704 §7.4.1) however long the
    body is.  The anchor paragraph is exactly as tall as the block: it fits on
    the last page only if the block does, so the block never covers text;
    otherwise both move to a new page.  A floating table would instead push
    its own anchor (and the rows before it) down a page in LibreOffice.
    Empty when the meeting names no recipients and no copy count.
    """
    table, height = end_block_table(meeting)
    if not table:
        return []
    cx, cy = END_BLOCK_WIDTH * EMU_PER_TWIP, height * EMU_PER_TWIP
    # The box ends one spacer paragraph (which must follow the table) below the
    # type area, so that the table's last rule lies on the bottom of the area.
    top = (st.AREA_HEIGHT - height + st.SPACER_LINE) * EMU_PER_TWIP
    drawing = (
        f'<w:r><mc:AlternateContent {_DRAWING_NS}><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="margin"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="1" name="报尾"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{table}{paragraph_xml(st.SPACER)}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" '
        'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        '</w:drawing></mc:Choice></mc:AlternateContent></w:r>'
    )
    reserve = f'<w:spacing w:before="0" w:after="0" w:line="{height}" w:lineRule="exact"/>'
    return [f'<w:p><w:pPr><w:pStyle w:val="{st.SPACER}"/>{reserve}</w:pPr>{drawing}</w:p>']


# --- page numbers --------------------------------------------------------------------------

def page_number_xml(style: str) -> str:
    """— N — with N a PAGE field (shown as 1 until the reader updates it)."""
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">— </w:t></w:r>{field}'
            f'<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>')


def body_chunks(meeting: Meeting) -> Iterator[str | bytes]:
    """The whole body in order, ending with a paragraph (the end block's anchor, or a spacer).

    A stream of pieces, text or UTF-8: the attachment tables come a few
    hundred rows at a time, already encoded.
    """
    yield from masthead(meeting)
    yield from article(meeting)
    yield from attachments(meeting)
    yield from end_block(meeting) or [paragraph_xml(st.SPACER)]
