"""Starting files for a new meeting: a commented meeting.yaml and list templates.

``exporter init`` and ``exporter ingest`` both write these, so the headers a
user starts from are always the ones the loader reads.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from .model import AWARDEE_HEADERS, TARGET_HEADERS
from .store import write_atomic

AWARDS_FILE = "表彰名单"
TARGETS_FILE = "目标责任"
CATEGORY_CHOICES = ["企业", "单位"]
UNIT_TYPE_CHOICES = ["园区", "招商中心"]

_AWARD_EXAMPLE = ["1", "示例科技有限公司", "企业", "高质量发展突出贡献企业", "示例园区", "", ""]
_TARGET_EXAMPLE = ["1", "示例园区", "园区", "固定资产投资", "100", "亿元", "2024-12-31", "园区主要负责人", ""]

MEETING_TEMPLATE = """\
# 会议文件（meeting/1）。逐项改成本次会议的内容；不需要的可选项整行删除。
# 检查：exporter validate meeting.yaml    生成：exporter build meeting.yaml
# 所有键的说明：exporter schema（JSON Schema，可在编辑器中补全和校验）
format: meeting/1
sample: true                 # 示例数据；名单换成真实数据后改为 false（为 true 时文档会标“样例”）

issuer:
  name: ××开发区管理委员会     # 发文机关全称（必填）
  short_name: ××开发区         # 正文中使用的简称（可选）
  # office: ××开发区管委会办公室  # 编印单位（可选，默认同 name）

meeting:
  title: ××开发区2024年工作会议  # 会议全称（必填）
  date: 2024-03-11              # 也可写 2024年3月11日（必填）
  # time: "09:00"               # 时间请加引号
  venue: ××会议中心             # 地点（必填）
  host: {name: 张三, position: ××开发区管委会副主任}   # 主持人（可选）
  guests:                       # 到会领导（可选）
    - {name: 李四, position: ××督导组组长, role: 到会指导}
  agenda:                       # 会议议程，按顺序（可选）
    - 宣读表彰决定
    - 颁发目标责任书
  speeches:                     # 讲话（可选）
    - speaker: {name: 王五, position: ××开发区管委会主任}
      sections:                 # 一、二、三、……
        - heading: 全年重点任务
          paragraphs: [要抓住几个方面的重点任务。]
          items:                # （一）（二）……
            - heading: 完成主要经济指标
              text: 确保各项指标走在前列。
  attendees:                    # 参会人员，按礼宾顺序（可选）
    - 各园区、各部门主要负责人

awards:                         # 表彰（可选）
  decision: 关于××年度表彰的决定
  # expected: {企业: 69, 单位: 23}   # 会上宣布的数量；填写后会与名单核对
  list: 表彰名单.xlsx            # 也可用 表彰名单.csv，或 表彰名单.xlsx#工作表名

targets:                        # 目标责任书（可选）
  year: 2024
  # expected: {园区: 6, 招商中心: 5}
  list: 目标责任.xlsx

briefing:                       # 简报报头（可选）
  name: 工作简报
  issue: 1
  # classification: 内部资料
  # distribution: {报: [××], 送: [××], 发: [××]}
  # copies: 60
"""


def _csv_bytes(headers: list[str], example: list[str]) -> bytes:
    """UTF-8 with BOM, so that Excel on Chinese Windows opens it without mojibake."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerow(example)
    return buf.getvalue().encode("utf-8-sig")


def _typed_cell(text: str):
    """Template cells as Excel would hold them: numbers as numbers, dates as dates."""
    if text.isdigit():
        return int(text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def write_list_templates(folder: Path, *, xlsx: bool = True) -> list[Path]:
    """The two list templates as CSV (and XLSX with dropdowns); returns the written paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    lists = (
        (AWARDS_FILE, list(AWARDEE_HEADERS.values()), _AWARD_EXAMPLE, {"类别": CATEGORY_CHOICES}),
        (TARGETS_FILE, list(TARGET_HEADERS.values()), _TARGET_EXAMPLE, {"单位类型": UNIT_TYPE_CHOICES}),
    )
    for stem, headers, example, dropdowns in lists:
        path = folder / f"{stem}.csv"
        write_atomic(path, _csv_bytes(headers, example))
        written.append(path)
        if xlsx:
            from .render.excel import render_list_template

            buf = io.BytesIO()
            rows = [[_typed_cell(v) for v in example]]
            render_list_template(buf, headers, dropdowns, stem, sample_rows=rows)
            path = folder / f"{stem}.xlsx"
            write_atomic(path, buf.getvalue())
            written.append(path)
    return written


def write_meeting_template(folder: Path) -> Path:
    path = folder / "meeting.yaml"
    write_atomic(path, MEETING_TEMPLATE.encode("utf-8"))
    return path
