"""The content of the PDF summary, part by part, as ReportLab flowables.

Part of the PDF renderer.  Order (outputs.md "PDF summary"): title and the
lead paragraph (:func:`exporter.render.prose.lead_paragraph`, the same
sentences as the briefing); the facts of the meeting as a list; the key
figures with one chart; the speeches condensed to
their sections (一、 in the heading face) and items (（一） lead in the lead
face); then the awardee list and the target list as attachments (附件1,
附件2), each on a new page, as tables with the header row on every page.

All sizes come from :mod:`exporter.layout`: body text is 3号 on the 9704
grid (28 characters × 22 lines), tables are 小四.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.platypus.doctemplate import PageBreak
from reportlab.platypus.flowables import CondPageBreak, Flowable, Spacer

from exporter.layout import (
    BODY_PT,
    CHARS_PER_LINE,
    FIRST_LINE_INDENT_CHARS,
    LINE_PITCH_PT,
    PAGE,
    SIZES_PT,
    TABLE_PT,
    TITLE_PT,
    FontRole,
    mm_to_pt,
)
from exporter.model import AwardeeRow, Awards, Meeting, Person, Speech, TargetRow, Targets
from exporter.render import prose
from exporter.render.pdf_fonts import PdfFaces
from exporter.render.pdf_table import Column, PagedTable, TableLook
from exporter.render.pdf_text import RED, Span, TextBlock, TextStyle
from exporter.text import classifier_for, format_date, format_number

__all__ = ["SummaryParts", "AREA_WIDTH", "BODY", "CHAR", "TRACKING"]

AREA_WIDTH = mm_to_pt(PAGE.area_width)
# 28 characters of 3号 fill the 156 mm line exactly (§5.2.3): the spacing between them.
TRACKING = (AREA_WIDTH - CHARS_PER_LINE * BODY_PT) / (CHARS_PER_LINE - 1)
CHAR = BODY_PT + TRACKING            # one 字 on the grid
INDENT = FIRST_LINE_INDENT_CHARS * CHAR

BODY = TextStyle(BODY_PT, LINE_PITCH_PT, tracking=TRACKING, first_indent=INDENT)
TITLE = TextStyle(TITLE_PT, LINE_PITCH_PT, align="center")
SUBTITLE = TextStyle(BODY_PT, LINE_PITCH_PT, align="center")
PART = TextStyle(BODY_PT, LINE_PITCH_PT, align="center", tracking=TRACKING, space_before=LINE_PITCH_PT)
HEADING = BODY
CAPTION = TextStyle(BODY_PT, LINE_PITCH_PT, align="center", space_before=LINE_PITCH_PT / 2)
FLUSH = TextStyle(BODY_PT, LINE_PITCH_PT, align="left", tracking=TRACKING)
TABLE = TableLook(size=TABLE_PT, leading=TABLE_PT * 1.5, padding_x=4.0, padding_y=3.0, rule=0.5,
                  header_fill=Color(0.9, 0.9, 0.9))
CHART_LABEL_PT = SIZES_PT["五号"]
CHART_MAX_BARS = 20          # 20 bars of 20 pt fit a page with room for the caption
MARK_PAD = 4.0                       # pt between 样例 and its box
CHART_BAR = Color(0.27, 0.40, 0.58)
FIGURE_COLUMNS = (("类别", 0.40, "left"), ("会上宣布", 0.18, "center"), ("名单所列", 0.18, "center"),
                  ("差额", 0.24, "center"))
_TITLE_SLACK_EM = 0.001              # rounding: a title line never needs the last 0.02 pt
_TITLE_ATTEMPTS = 8                  # each attempt rules out one too-wide line; 2 are typical


def person_fact(p: Person) -> str:
    """张效生（山西转型综改示范区党工委副书记、管委会副主任）: in a facts list the name
    comes first, so the eye finds it and a line break never falls inside it."""
    return f"{p.name}（{p.position}）" if p.position else p.name


def book_title(name: str) -> str:
    """A document name inside 《》 (once)."""
    return name if name.startswith("《") else f"《{name}》"


class _Marks(Flowable):
    """First line of page 1: the classification mark left (黑体), 样例 right (red, boxed)."""

    def __init__(self, faces: PdfFaces, classification: str | None, sample: bool):
        super().__init__()
        self.faces = faces
        self.left = TextBlock([(FontRole.HEADING, classification)], FLUSH, faces) if classification else None
        self.sample = TextBlock([(FontRole.HEADING, "样例")],
                                FLUSH.but(align="right", right_indent=MARK_PAD, color=RED), faces) \
            if sample else None

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width = availWidth
        self.height = LINE_PITCH_PT
        for block in (self.left, self.sample):
            if block:
                block.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        if self.left:
            self.left.drawOn(self.canv, 0, 0)
        if self.sample:
            self.sample.drawOn(self.canv, 0, 0)
            w = self.sample.lines(self.width)[0].width + 2 * MARK_PAD
            self.canv.setStrokeColor(RED)
            self.canv.setLineWidth(1.2)
            # the box stays inside the type area: its right side on the right edge
            self.canv.rect(self.width - w, (LINE_PITCH_PT - BODY_PT) / 2 - MARK_PAD, w, BODY_PT + 2 * MARK_PAD)


class SummaryParts:
    """Builds the story of one summary; one method per part, each a list of flowables."""

    def __init__(self, meeting: Meeting, faces: PdfFaces):
        self.m = meeting
        self.faces = faces
        self._keys = 0

    # --- helpers ----------------------------------------------------------------

    def block(self, spans: Sequence[Span] | str, style: TextStyle = BODY, role: FontRole = FontRole.BODY,
              outline: tuple[str, int] | None = None) -> TextBlock:
        if isinstance(spans, str):
            spans = [(role, spans)]
        key = None
        if outline:
            self._keys += 1
            key = (outline[0], outline[1], f"s{self._keys}")
        return TextBlock(spans, style, self.faces, key)

    def blank(self, lines: float = 1) -> Spacer:
        return Spacer(1, lines * LINE_PITCH_PT)

    def kept(self, block: TextBlock, following: float) -> list[Flowable]:
        """*block* with a page break before it unless *following* points of what comes next fit too.

        ReportLab's keepWithNext wraps the pair in a KeepTogether, which moves
        a heading and a whole long table to the next page; a conditional
        break only asks for the heading and the start of what follows.
        """
        lines = 1 + block.text.count("\n")
        need = block.style.space_before + lines * block.style.leading + following
        return [CondPageBreak(need), block]

    def part_heading(self, text: str, following: float = 2 * LINE_PITCH_PT) -> list[Flowable]:
        """A part's centred heading in 黑体, kept with *following* points, in the outline at level 0."""
        return self.kept(self.block(text, PART, FontRole.HEADING, outline=(text, 0)), following)

    def heading(self, text: str, following: float = 2 * LINE_PITCH_PT) -> list[Flowable]:
        """一、 heading in 黑体, 2 字 in, kept with what follows, in the outline at level 1."""
        return self.kept(self.block(text, HEADING, FontRole.HEADING, outline=(text, 1)), following)

    # --- the story ----------------------------------------------------------------

    def story(self) -> list[Flowable]:
        flow: list[Flowable] = []
        flow += self.front()
        flow += self.facts()
        flow += self.figures()
        for speech in self.m.meeting.speeches:
            flow += self.speech(speech)
        attachment = 0
        if self.m.awards and self.m.awards.rows:
            attachment += 1
            flow += self.awardees(attachment, self.m.awards)
        if self.m.targets and self.m.targets.rows:
            attachment += 1
            flow += self.targets(attachment, self.m.targets)
        return flow

    def front(self) -> list[Flowable]:
        """Marks line, title (小标宋 2号, balanced), and the issuer and date in the lead face."""
        b = self.m.briefing
        flow: list[Flowable] = []
        if b.classification or self.m.sample:
            flow.append(_Marks(self.faces, b.classification, self.m.sample))
        flow.append(self.blank())
        flow.append(self.title(self.m.meeting.title))
        flow.append(self.block("会议摘要", SUBTITLE, FontRole.LEAD))
        flow.append(self.block(f"{self.m.issuer.name}　{format_date(self.m.issue_date)}", SUBTITLE,
                               FontRole.LEAD))
        flow.append(self.blank())
        flow.append(self.block(prose.lead_paragraph(self.m)))
        return flow

    def title(self, text: str) -> TextBlock:
        """小标宋 2号, centred, broken at word boundaries into a balanced shape (the briefing's rule)."""
        return self.block("\n".join(self.title_lines(text)), TITLE, FontRole.TITLE)

    def title_em(self, text: str) -> float:
        """Width of *text* in ems as the title face (and its fallback) really sets it."""
        return sum(self.faces.width(font, run, 1.0) for font, run in self.faces.runs(FontRole.TITLE, text))

    def title_lines(self, text: str) -> list[str]:
        """The briefing's balanced lines, asked for at a measure at which they fit in the title face.

        ``prose.balanced_lines`` counts a digit as ½ em and × as ½ em; the
        bundled 小标宋 sets digits 0.6 em wide and × a full em, so a title it
        measures at 20 em is 20.4 em on the page.  The paragraph would then
        re-break the line that is a hair too wide wherever it overflows
        ("…推进 / 会").  Instead, while a line is too wide, ask again with a
        measure narrowed by that line's ratio of estimated to real width:
        each round rules out the offending line, so the loop ends, and the
        lines handed to the paragraph always fit and are kept as they are.
        """
        limit = AREA_WIDTH / TITLE_PT - _TITLE_SLACK_EM
        measure = limit
        lines = [text]
        for _ in range(_TITLE_ATTEMPTS):
            lines = prose.balanced_lines(text, measure)
            widest = max(lines, key=self.title_em)
            real = self.title_em(widest)
            if real <= limit:
                break
            measure = min(measure, limit * prose.text_em(widest) / real)
        return lines

    # --- facts ----------------------------------------------------------------------

    def fact_rows(self) -> list[tuple[str, list[str]]]:
        """(label, values) of the facts block; a label with several values gets several lines."""
        info = self.m.meeting
        rows: list[tuple[str, list[str]]] = []
        when = info.date_text + (f" {info.time}" if info.time else "")
        rows.append(("时间", [when]))
        rows.append(("地点", [info.venue]))
        if info.host:
            rows.append(("主持", [person_fact(info.host)]))
        speakers = prose.speakers(self.m)
        if speakers:
            rows.append(("讲话", [prose.join_series([person_fact(p) for p in speakers])]))
        by_role: dict[str, list[str]] = {}
        for g in info.guests:
            by_role.setdefault(g.role or "出席", []).append(person_fact(g))
        for role, people in by_role.items():
            rows.append((role, [prose.join_series(people)]))
        awards = self.m.awards
        if awards:
            rows.append(("表彰决定", [decision_fact(awards)]))
        if info.agenda:
            rows.append(("议程", [f"{i}．{item}" for i, item in enumerate(info.agenda, 1)]))
        if info.attendees:
            rows.append(("参会", [prose.join_series(info.attendees)]))
        if info.source:
            rows.append(("来源", [info.source]))
        return rows

    def facts(self) -> list[Flowable]:
        """Label in 黑体, value in the body face; wrapped lines align after the colon."""
        flow: list[Flowable] = self.part_heading("会议概况")
        for label, values in self.fact_rows():
            label_text = f"{label}："
            label_width = len(label_text) * CHAR
            hanging = BODY.but(left_indent=INDENT + label_width, first_indent=-label_width)
            for i, value in enumerate(values):
                if i == 0:
                    spans = [(FontRole.HEADING, label_text), (FontRole.BODY, value)]
                    flow.append(self.block(spans, hanging))
                else:
                    flow.append(self.block(value, hanging.but(first_indent=0)))
        return flow

    # --- key figures ------------------------------------------------------------------

    def figure_rows(self) -> tuple[list[list[str]], set[tuple[int, int]]]:
        """类别 / 会上宣布 / 名单所列 / 差额 (FIGURE_COLUMNS), and the cells to show in red.

        The count announced at the meeting comes first because it is what the
        list is checked against; a difference is said from the list's side
        (名单少1家) and shown in red with the list's count.
        """
        rows: list[list[str]] = []
        red: set[tuple[int, int]] = set()

        def add(label: str, noun: str, listed: int, expected: int | None) -> None:
            cls = classifier_for(noun)
            if expected is None:
                check, wrong = "—", False
            elif listed == expected:
                check, wrong = "无", False
            else:
                diff = listed - expected
                check, wrong = (f"名单多{diff}{cls}" if diff > 0 else f"名单少{-diff}{cls}"), True
            rows.append([label, f"{expected}{cls}" if expected is not None else "—", f"{listed}{cls}", check])
            if wrong:
                red.update({(len(rows), 2), (len(rows), 3)})

        if self.m.awards:
            counts = self.m.awards.counts()
            for cat in self.m.awards.categories():
                add(f"受表彰{cat}", cat, counts.get(cat, 0), (self.m.awards.expected or {}).get(cat))
        if self.m.targets:
            counts = self.m.targets.unit_counts()
            for ut in self.m.targets.unit_types():
                add(f"签订目标责任书的{ut}", ut, counts.get(ut, 0), (self.m.targets.expected or {}).get(ut))
        return rows, red

    def figures(self) -> list[Flowable]:
        """The heading with the whole key-figures table (a few rows: never split), then the chart.

        The chart is kept with its caption only: when it does not fit under
        the table it goes to the next page alone and the table stays where
        the facts end, rather than leaving that page's bottom empty.
        """
        rows, red = self.figure_rows()
        chart = self.chart()
        if not rows and not chart:
            return []
        if not rows:
            return self.part_heading("主要数据") + chart
        columns = [Column(header, AREA_WIDTH * share, align) for header, share, align in FIGURE_COLUMNS]
        table = PagedTable(columns, rows, TABLE, self.faces, red=red)
        # Dozens of categories make a table that may split (its header repeats): keep the start only.
        following = table.height if table.height <= mm_to_pt(PAGE.area_height) / 2 else 2 * LINE_PITCH_PT
        return self.part_heading("主要数据", following) + [table] + chart

    def chart_series(self) -> tuple[str, str, list[tuple[str, Decimal]]] | None:
        """The indicator worth a picture: (indicator, measure, [(unit, value)…]), or None.

        Of the indicators whose units set at least two different non-zero
        targets, the one most units carry (the first listed on a tie).  An
        indicator that is 0 everywhere (较大事故起数) or the same for every
        unit draws bars that say nothing, or an axis from 0 to 0.01.
        """
        targets = self.m.targets
        if not targets or not targets.rows:
            return None
        series: dict[str, dict[str, Decimal]] = {}
        measures: dict[str, set[str]] = {}
        for t in targets.rows:
            series.setdefault(t.indicator, {}).setdefault(t.unit, t.value)
            measures.setdefault(t.indicator, set()).add(t.measure or "")
        telling = [name for name, values in series.items() if len({v for v in values.values() if v}) >= 2]
        if not telling:
            return None
        indicator = max(telling, key=lambda name: len(series[name]))     # max keeps the first of equals
        measure = next(iter(measures[indicator])) if len(measures[indicator]) == 1 else ""
        return indicator, measure, list(series[indicator].items())

    def chart(self) -> list[Flowable]:
        """Horizontal bars: the chosen indicator's target per unit, labels in an embedded face."""
        found = self.chart_series()
        if not found:
            return []
        indicator, measure, series = found
        caption = f"图1　各单位“{indicator}”目标" + (f"（{measure}）" if measure else "")
        if len(series) > CHART_MAX_BARS:
            # a bar per unit of a provincial list would be taller than a page: show the largest
            order = {unit: i for i, (unit, _) in enumerate(series)}
            series = sorted(series, key=lambda uv: (-uv[1], order[uv[0]]))[:CHART_MAX_BARS]
            caption = f"图1　“{indicator}”目标最高的{CHART_MAX_BARS}个单位" + (f"（{measure}）" if measure else "")
        labels = [unit for unit, _ in series]
        covering = [r for r in (FontRole.BODY, FontRole.SONG, FontRole.HEADING)
                    if all(self.faces.fonts.covers(r, ch) for ch in "".join(labels) + "0123456789.")]
        font = self.faces.name(covering[0] if covering else FontRole.SONG)
        bar_pitch = 20.0
        label_width = max(self.faces.width(font, text, CHART_LABEL_PT) for text in labels) + 8
        height = bar_pitch * len(series) + 30
        drawing = Drawing(AREA_WIDTH, height, initialFontName=font, initialFontSize=CHART_LABEL_PT)
        chart = HorizontalBarChart()
        chart.x = label_width
        chart.y = 20
        chart.width = AREA_WIDTH - label_width - 40
        chart.height = bar_pitch * len(series)
        # The first unit on top: the category axis runs bottom-up.
        chart.data = [[float(v) for _, v in reversed(series)]]
        chart.categoryAxis.categoryNames = list(reversed(labels))
        chart.categoryAxis.labels.fontName = font
        chart.categoryAxis.labels.fontSize = CHART_LABEL_PT
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -4
        chart.valueAxis.labels.fontName = font
        chart.valueAxis.labels.fontSize = CHART_LABEL_PT
        chart.valueAxis.valueMin = 0
        chart.valueAxis.visibleGrid = 1
        chart.valueAxis.gridStrokeColor = Color(0.85, 0.85, 0.85)
        chart.valueAxis.labelTextFormat = lambda v: format_number(Decimal(str(v)))
        chart.bars[0].fillColor = CHART_BAR
        chart.bars[0].strokeColor = None
        chart.barWidth = bar_pitch * 0.6
        chart.barLabelFormat = lambda v: format_number(Decimal(str(v)))
        chart.barLabels.fontName = font
        chart.barLabels.fontSize = CHART_LABEL_PT
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
        drawing.add(chart)
        return self.kept(self.block(caption, CAPTION, FontRole.LEAD, outline=(caption, 1)), height) + [drawing]

    # --- speeches -------------------------------------------------------------------

    def speech(self, speech: Speech) -> list[Flowable]:
        """The speech condensed: each section's heading and first paragraph, each item whole."""
        flow: list[Flowable] = self.part_heading(f"{speech.speaker.name}讲话要点")
        if speech.theme:
            flow.append(self.block(f"——{speech.theme}", SUBTITLE, FontRole.LEAD))
        if speech.sections:
            flow.append(self.block(prose.speech_intro(speech)))
        for i, section in enumerate(speech.sections, 1):
            flow += self.heading(prose.section_heading(i, section))
            if section.paragraphs:
                flow.append(self.block(section.paragraphs[0]))
            for j, item in enumerate(section.items, 1):
                lead, text = prose.item_parts(j, item)
                flow.append(self.block([(FontRole.LEAD, lead), (FontRole.BODY, text)]))
        return flow

    # --- attachments -------------------------------------------------------------------

    def attachment_head(self, n: int, title: str) -> list[Flowable]:
        """附件N in 黑体 on line 1, the title centred on line 3 (§7.3.7)."""
        label = f"附件{n}"
        return [PageBreak(),
                self.block(label, FLUSH, FontRole.HEADING, outline=(f"{label}　{title}", 0)),
                self.blank(),
                self.title(title),
                self.blank()]

    def group(self, heading: str, columns: list[Column], rows: list[list[str]]) -> list[Flowable]:
        """A group heading and its table, with the header and three rows at least on the same page."""
        table_start = 4 * (TABLE.leading + 2 * TABLE.padding_y)
        return self.heading(heading, table_start) + [PagedTable(columns, rows, TABLE, self.faces)]

    def awardees(self, n: int, awards: Awards) -> list[Flowable]:
        """Grouped by category as in the briefing (企业（69家）); 序号 is the row's own number."""
        flow = self.attachment_head(n, prose.awards_attachment_title(awards))
        numbers = row_numbers(awards.rows)
        for category, members in awards.by_category().items():
            if not members:
                continue
            fields = [("序号", "center"), ("名称", "left"), ("奖项", "left")]
            if any(a.park for a in members):
                fields.append(("所属园区", "center"))
            rows = [[numbers[id(a)], a.name, a.award] + ([a.park or ""] if len(fields) == 4 else [])
                    for a in members]
            columns = fit_columns(fields, rows, self.faces, AREA_WIDTH)
            flow += self.group(group_label(category, len(members)), columns, rows)
        return flow

    def targets(self, n: int, targets: Targets) -> list[Flowable]:
        """Grouped by unit type; one deadline for every row is said once, not in a column."""
        flow = self.attachment_head(n, prose.targets_attachment_title(targets))
        deadlines = {t.deadline for t in targets.rows}
        common = deadlines.pop() if len(deadlines) == 1 else None
        if common:
            flow.insert(-1, self.block(f"（完成时限：{format_date(common)}）", SUBTITLE, FontRole.LEAD))
        by_type: dict[str, list] = {t: [] for t in targets.unit_types()}
        for t in targets.rows:
            by_type[t.unit_type].append(t)
        numbers = row_numbers(targets.rows)
        for unit_type, rows_of_type in by_type.items():
            if not rows_of_type:
                continue
            fields = [("序号", "center"), ("责任单位", "left"), ("指标", "left"), ("目标值", "right"),
                      ("计量单位", "center"), ("完成时限", "center")]
            rows = [[numbers[id(t)], t.unit, t.indicator, format_number(t.value), t.measure or "",
                     format_date(t.deadline) if t.deadline and not common else ""]
                    for t in rows_of_type]
            fields, rows = drop_empty_columns(fields, rows)
            columns = fit_columns(fields, rows, self.faces, AREA_WIDTH)
            flow += self.group(group_label(unit_type, len({t.unit for t in rows_of_type})), columns, rows)
        return flow


def decision_fact(awards: Awards) -> str:
    """《关于……表彰决定》，由陈曦（职务）宣读: the document first, who read it out after."""
    title = book_title(awards.decision)
    return f"{title}，由{person_fact(awards.announced_by)}宣读" if awards.announced_by else title


def row_numbers(rows: Sequence[AwardeeRow] | Sequence[TargetRow]) -> dict[int, str]:
    """序号 of each row (by ``id``): its own ``no``, else its position in the whole list.

    The briefing and the workbook number the same way, so an awardee has
    one number in all three documents however the PDF groups the rows.
    """
    return {id(row): str(row.no or position) for position, row in enumerate(rows, 1)}


def group_label(noun: str, count: int) -> str:
    """企业（69家）: a list group's heading, worded as in the briefing's tables."""
    return f"{noun}（{count}{classifier_for(noun)}）"


def natural_widths(fields: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]],
                   faces: PdfFaces) -> list[float]:
    """Each column's widest cell (or its header) plus padding.

    Text columns (names: aligned left, allowed to wrap) are measured on the
    first 2,000 rows, which is plenty for lists of names.  The others
    (序号, parks, values, dates) are measured on every distinct value: a
    序号 wider than the sample's (10000 after 2000) was split over two lines
    ("1000" / "0") in every row from there on, which also made a list of
    100,000 rows take nearly twice as long per row as one of 10,000.
    """
    font = faces.name(FontRole.BODY)
    head = faces.name(FontRole.HEADING)
    pad = 2 * TABLE.padding_x
    sample = rows[:2000]
    natural = []
    for i, (header, align) in enumerate(fields):
        cells = [r[i] for r in sample] if align == "left" else {r[i] for r in rows}
        w = faces.width(head, header, TABLE.size)
        for text in cells:
            w = max(w, faces.width(font, text, TABLE.size))
        natural.append(w + pad + 1)
    return natural


def drop_empty_columns(fields: list[tuple[str, str]], rows: list[list[str]]):
    """Leave out columns that are empty in every row."""
    keep = [i for i in range(len(fields)) if any(r[i] for r in rows)]
    return [fields[i] for i in keep], [[r[i] for i in keep] for r in rows]


def fit_columns(fields: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]], faces: PdfFaces,
                width: float) -> list[Column]:
    """Column widths that fit the type area: natural widths, the widest text columns wrap if needed.

    Natural width = the widest cell plus padding (:func:`natural_widths`);
    spare room goes to the text columns in proportion; when the sum is too
    wide the widest columns give way down to four characters.
    """
    pad = 2 * TABLE.padding_x
    natural = natural_widths(fields, rows, faces)
    total = sum(natural)
    if total <= width:
        text_cols = [i for i, (_, align) in enumerate(fields) if align == "left"] or list(range(len(fields)))
        spare = width - total
        weight = sum(natural[i] for i in text_cols)
        widths = [w + (spare * w / weight if i in text_cols else 0) for i, w in enumerate(natural)]
    else:
        floor = 4 * TABLE.size + pad
        widths = list(natural)
        excess = total - width
        while excess > 1e-6:
            shrinkable = [i for i, w in enumerate(widths) if w > floor + 1e-6]
            if not shrinkable:
                break
            widest = max(widths[i] for i in shrinkable)
            group = [i for i in shrinkable if widths[i] >= widest - 1e-6]
            others = [widths[i] for i in shrinkable if widths[i] < widest - 1e-6]
            step_to = max(others + [floor])
            cut = min(excess / len(group), widest - step_to)
            for i in group:
                widths[i] -= cut
            excess -= cut * len(group)
    return [Column(header, w, align) for (header, align), w in zip(fields, widths)]
