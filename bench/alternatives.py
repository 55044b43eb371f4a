"""What a user would otherwise pick, each as the short script they would write.

Run as its own process by ``bench/run.py`` so that it is timed exactly like
``exporter`` (interpreter start, imports, reading the lists, writing the
file)::

    python bench/alternatives.py xlsxwriter MEETING_DIR OUT.xlsx
    python bench/alternatives.py docxtpl    MEETING_DIR OUT.docx TEMPLATE.docx
    python bench/alternatives.py typst      MEETING_DIR OUT.pdf FONTS_DIR
    python bench/alternatives.py template   TEMPLATE.docx      (make the docxtpl template)

Each reads the same ``表彰名单.csv`` / ``目标责任.csv`` that ``bench/synth.py``
wrote, with the csv module and no validation at all (which favours the
alternative: exporter validates every row and checks the counts first), and
writes the same rows with the same formats: the workbook's four sheets with
header styles, number and date formats, widths, frozen header, filter,
dropdown, print setup and count formulas; the briefing's two attachment
tables with a repeated header row; the summary's two tables in the same face
(FandolFang — Typst knows it by its legacy family "FandolFang R" — and
Noto Serif SC for what it lacks).

The LibreOffice route (a user converting exporter's own .docx to PDF) needs
no script: ``run.py`` calls ``soffice`` directly.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

AWARDS_FILE = "表彰名单.csv"
TARGETS_FILE = "目标责任.csv"
AWARD_TABLE = ("序号", "名称", "奖项", "所属园区")
TARGET_TABLE = ("序号", "责任单位", "指标", "目标值", "计量单位", "完成时限")
BODY_FONT = "仿宋_GB2312"


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


# --- the workbook: XlsxWriter, constant-memory mode ------------------------------

def xlsxwriter_workbook(folder: Path, out: Path) -> None:
    """The four sheets of exporter's workbook, streamed row by row (constant_memory)."""
    import xlsxwriter

    a_head, a_rows = read_csv(folder / AWARDS_FILE)
    t_head, t_rows = read_csv(folder / TARGETS_FILE)
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False,
                                        "default_date_format": "yyyy-mm-dd"})
    wb.set_properties({"title": "表彰名单和目标责任", "author": "山西转型综合改革示范区管理委员会",
                       "created": date(2024, 3, 11)})
    f = _formats(wb)
    _overview_sheet(wb, f, a_rows, t_rows)
    _list_sheet(wb, f, "表彰名单", a_head, a_rows, numeric={0}, dates=set(), choices={2: ["企业", "单位"]})
    _list_sheet(wb, f, "目标责任", t_head, t_rows, numeric={0, 4}, dates={6}, choices={})
    _unit_summary_sheet(wb, f, t_rows)
    wb.close()


def _formats(wb) -> dict:
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
    return {
        "title": wb.add_format({**base, "font_name": "黑体", "font_size": 16, "bold": True}),
        "head": wb.add_format({**base, "font_name": "黑体", "bold": True, "bg_color": "#D9E1F2",
                               "border": 1, "align": "center", "text_wrap": True}),
        "text": wb.add_format({**base, "border": 1}),
        "int": wb.add_format({**base, "border": 1, "num_format": "0"}),
        "num": wb.add_format({**base, "border": 1, "num_format": "#,##0.##"}),
        "date": wb.add_format({**base, "border": 1, "num_format": "yyyy年m月d日"}),
        "bad": wb.add_format({**base, "border": 1, "bg_color": "#FFC7CE"}),
    }


def _print_setup(ws, header_rows: int, landscape: bool) -> None:
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, header_rows - 1)
    ws.set_footer("&C第 &P 页 共 &N 页")


def _overview_sheet(wb, f, a_rows, t_rows) -> None:
    ws = wb.add_worksheet("概况")
    ws.set_column(0, 0, 18)
    ws.set_column(1, 3, 14)
    ws.write(0, 0, "山西转型综改示范区2024年工作会议暨高质量发展表彰大会（样例）", f["title"])
    ws.write_row(2, 0, ["类别", "声明", "名单中", "差异"], f["head"])
    counts: dict[str, int] = {}
    for r in a_rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    for i, (cat, n) in enumerate(counts.items(), start=3):
        ws.write(i, 0, cat, f["text"])
        ws.write_number(i, 1, n, f["int"])
        ws.write_formula(i, 2, f"=COUNTIF('表彰名单'!C:C,A{i + 1})", f["int"], n)
        ws.write_formula(i, 3, f"=C{i + 1}-B{i + 1}", f["int"], 0)
    _print_setup(ws, 3, landscape=False)


def _width(text: str) -> float:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _list_sheet(wb, f, title, head, rows, numeric: set[int], dates: set[int], choices: dict) -> None:
    ws = wb.add_worksheet(title)
    widths = [_width(h) for h in head]
    for r in rows[:500]:                       # widths from a sample, as one would in a script
        for j, cell in enumerate(r):
            widths[j] = max(widths[j], _width(cell))
    for j, w in enumerate(widths):
        ws.set_column(j, j, min(w + 2, 60))
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, head, f["head"])
    for i, r in enumerate(rows, start=1):
        for j, cell in enumerate(r):
            if cell == "":
                ws.write_blank(i, j, None, f["text"])
            elif j in numeric:
                ws.write_number(i, j, float(cell), f["int"] if j == 0 else f["num"])
            elif j in dates:
                y, m, d = (int(x) for x in cell.split("-"))
                ws.write_datetime(i, j, date(y, m, d), f["date"])
            else:
                ws.write_string(i, j, cell, f["text"])
    ws.autofilter(0, 0, len(rows), len(head) - 1)
    for j, values in choices.items():
        ws.data_validation(1, j, len(rows), j, {"validate": "list", "source": values})
    _print_setup(ws, 1, landscape=len(head) > 6)


def _unit_summary_sheet(wb, f, t_rows) -> None:
    ws = wb.add_worksheet("按单位汇总")
    indicators = list(dict.fromkeys(r[3] for r in t_rows))
    units = list(dict.fromkeys(r[1] for r in t_rows))
    ws.set_column(0, 0, 22)
    ws.set_column(1, len(indicators), 12)
    ws.write_row(0, 0, ["责任单位"] + indicators, f["head"])
    for i, unit in enumerate(units, start=1):
        ws.write_string(i, 0, unit, f["text"])
        for j, _ind in enumerate(indicators, start=1):
            col = chr(ord("A") + j)
            ws.write_formula(i, j, f"=SUMIFS('目标责任'!E:E,'目标责任'!B:B,$A{i + 1},'目标责任'!D:D,{col}$1)",
                             f["num"])
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"name": indicators[0], "categories": ["按单位汇总", 1, 0, min(len(units), 30), 0],
                      "values": ["按单位汇总", 1, 1, min(len(units), 30), 1]})
    ws.insert_chart(1, len(indicators) + 2, chart)
    _print_setup(ws, 1, landscape=True)


# --- the briefing's tables: docxtpl ------------------------------------------------

def make_docx_template(path: Path) -> None:
    """A template with the two attachment tables, made with python-docx (header rows repeat)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(14)
    style.font.name = "Times New Roman"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    for n, (title, columns, loop) in enumerate((
            ("受表彰企业和单位名单", AWARD_TABLE, ("awards", ("no", "name", "award", "park"))),
            ("目标任务责任书一览", TARGET_TABLE,
             ("targets", ("no", "unit", "indicator", "value", "measure", "deadline"))))):
        if n:
            doc.add_page_break()
        doc.add_paragraph(f"附件{n + 1}")
        doc.add_paragraph(title)
        table = doc.add_table(rows=4, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns):
            cell.text = text
        name, fields = loop
        table.rows[1].cells[0].text = f"{{%tr for r in {name} %}}"
        for cell, key in zip(table.rows[2].cells, fields):
            cell.text = f"{{{{ r.{key} }}}}"
        table.rows[3].cells[0].text = "{%tr endfor %}"
        for i, row in enumerate(table.rows):
            tr_pr = row._tr.get_or_add_trPr()
            flag = OxmlElement("w:tblHeader" if i == 0 else "w:cantSplit")
            tr_pr.append(flag)
    doc.save(str(path))


def docxtpl_tables(folder: Path, out: Path, template: Path) -> None:
    """The briefing's attachment tables rendered from the template: awardees by category, targets."""
    from docxtpl import DocxTemplate

    _, a_rows = read_csv(folder / AWARDS_FILE)
    _, t_rows = read_csv(folder / TARGETS_FILE)
    awards = [{"no": r[0], "name": r[1], "award": r[3], "park": r[4]}
              for r in sorted(a_rows, key=lambda r: r[2] != "企业")]
    targets = [{"no": r[0], "unit": r[1], "indicator": r[3], "value": r[4], "measure": r[5],
                "deadline": _date_text(r[6])} for r in t_rows]
    tpl = DocxTemplate(str(template))
    tpl.render({"awards": awards, "targets": targets})
    tpl.save(str(out))


def _date_text(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


# --- the summary's tables: Typst ----------------------------------------------------

TYPST_SOURCE = """
#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
          footer: context align(center, text(font: "Noto Serif SC", size: 14pt)[— #counter(page).display() —]))
#set text(font: ("FandolFang R", "Noto Serif SC"), size: 12pt, lang: "zh", region: "cn")
#set table(stroke: 0.5pt, inset: 4pt)
#let awards = csv("表彰名单.csv").slice(1)
#let targets = csv("目标责任.csv").slice(1)

#text(font: "Noto Sans SC", size: 16pt)[附件1]
#align(center, text(font: "Noto Serif SC", weight: "extrabold", size: 18pt)[受表彰企业和单位名单])
#table(columns: (auto, 1fr, auto, auto),
  table.header([*序号*], [*名称*], [*奖项*], [*所属园区*]),
  ..awards.map(r => (r.at(0), r.at(1), r.at(3), r.at(4))).flatten())

#pagebreak()
#text(font: "Noto Sans SC", size: 16pt)[附件2]
#align(center, text(font: "Noto Serif SC", weight: "extrabold", size: 18pt)[目标任务责任书一览])
#table(columns: (auto, 1fr, 1fr, auto, auto, auto),
  table.header([*序号*], [*责任单位*], [*指标*], [*目标值*], [*计量单位*], [*完成时限*]),
  ..targets.map(r => (r.at(0), r.at(1), r.at(3), r.at(4), r.at(5), r.at(6))).flatten())
"""


def typst_tables(folder: Path, out: Path, fonts_dir: Path) -> None:
    """The summary's two tables set by Typst from the CSVs, with the bundled faces only."""
    import typst

    source = folder / "bench-tables.typ"
    source.write_text(TYPST_SOURCE, encoding="utf-8")
    typst.compile(str(source), output=str(out), root=str(folder), font_paths=[str(fonts_dir)],
                  ignore_system_fonts=True)


def main(argv: list[str]) -> int:
    kind, *args = argv
    if kind == "template":
        make_docx_template(Path(args[0]))
    elif kind == "xlsxwriter":
        xlsxwriter_workbook(Path(args[0]), Path(args[1]))
    elif kind == "docxtpl":
        docxtpl_tables(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "typst":
        typst_tables(Path(args[0]), Path(args[1]), Path(args[2]))
    else:
        print(f"unknown alternative {kind!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
