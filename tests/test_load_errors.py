"""The corpus of broken inputs: every check of meeting-data.md, located and explained.

Each case runs the real command (``exporter build``) on a file under
tests/broken/ and asserts the exit code, the place, the wording, and that
nothing was written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporter.cli import _run
from exporter.errors import InputError
from exporter.load import load

BROKEN = Path(__file__).parent / "broken"

# file, where (as printed), what (as printed)
CASES = [
    ("unknown_key.yaml", "unknown_key.yaml:8:3", ["未知的键“venu”", "是否应为“venue”"]),
    ("missing_key.yaml", "missing_key.yaml:5:3", ["缺少必填项“venue”"]),
    ("wrong_type.yaml", "wrong_type.yaml:8:11", ["“guests”应为列表", "这里是文本"]),
    ("bad_date.yaml", "bad_date.yaml:6:9", ["“2024-02-30”不是存在的日期"]),
    ("bad_date_text.yaml", "bad_date_text.yaml:6:9", ["“3月11日”不是可识别的日期", "2024-03-11 或 2024年3月11日"]),
    ("count_mismatch.yaml", "count_mismatch.yaml:10:18", ["声明“企业”3家，名单中列出2家"]),
    ("unknown_category.yaml", "unknown_category.yaml:14:20", ["类别“个人”不在", "（企业、单位）"]),
    ("duplicate_name.yaml", "duplicate_name.csv 第4行“名称”列", ["名称重复：“甲科技有限公司”已在第2行出现"]),
    ("bad_credit_code.yaml", "bad_credit_code.csv 第3行“credit_code”列", ["校验位不对", "应为“A”"]),
    ("control_char.yaml", "control_char.csv 第2行“名称”列", ["含有控制字符 U+0007"]),
    ("control_char.json", "control_char.json:5:14", ["含有控制字符 U+0007"]),
    ("control_header.yaml", "control_header.csv 第1行“备�注”列", ["表头“备�注”含有控制字符 U+0001（第2个字符）"]),
    ("missing_list_file.yaml", "missing_list_file.yaml:10:9", ["名单文件“不存在的名单.csv”不存在"]),
    ("undecodable.yaml", "undecodable.csv", ["无法识别文件编码", "CSV UTF-8"]),
    ("targets_problems.yaml", "targets_problems.yaml:13:46", ["“东湖园区／固定资产投资”已在第1项出现"]),
    ("targets_problems.yaml", "targets_problems.yaml:14:33", ["单位类型“招商中心”不在"]),
    ("targets_problems.yaml", "targets_problems.yaml:10:18", ["声明“园区”2个，名单中列出1个"]),
    ("bad_value.yaml", "bad_value.csv 第2行“目标值”列", ["“一百亿”不是数字"]),
    ("bad_value.yaml", "bad_value.csv 第3行“完成时限”列", ["“2024年13月1日”不是存在的日期"]),
    ("missing_column.yaml", "missing_column.csv 第1行", ["缺少必需的列：类别"]),
    ("glyph_missing.yaml", "glyph_missing.yaml:11:14", ["U+E000", "没有任何已配置的字体能显示"]),
    ("syntax_error.yaml", "syntax_error.yaml:6:8", ["YAML 语法错误"]),
    ("syntax_error.json", "syntax_error.json:4:51", ["JSON 语法错误"]),
    ("wrong_format.yaml", "wrong_format.yaml:1:9", ["“format”应为 meeting/1"]),
    ("missing_sheet.yaml", "missing_sheet.yaml:10:9", ["没有工作表“名单”", "现有工作表：名册"]),
    ("control_char_raw.yaml", "control_char_raw.yaml:8:13", ["控制字符 U+0007"]),
    ("duplicate_key.yaml", "duplicate_key.yaml:11:3", ["键“issue”在同一层写了两次", "从第9行开始"]),
    ("empty.yaml", "empty.yaml:1:1", ["会议文件是空的", "exporter init"]),
    ("header_only.yaml", "header_only.csv 第1行", ["只有表头，没有任何数据行"]),
    ("unheaded.yaml", "unheaded.csv 第3行（D3）", ["第D列没有表头", "“联系人王工”"]),
    ("semicolon.yaml", "semicolon.yaml:10:25", ["声明“单位”2个，名单中列出1个"]),   # ; separated, 个 for units
    ("alias_header.yaml", "alias_header.csv 第1行“Name”列", ["表头“Name”与“名称”是同一列"]),
    ("space_duplicate.yaml", "space_duplicate.csv 第3行“名称”列", ["名称重复", "已在第2行出现"]),
    ("magnitude.yaml", "magnitude.yaml:11:57", ["“1,200.5万”不是数字", "把“万”写到计量单位"]),
    ("list_is_folder.yaml", "list_is_folder.yaml:10:9", ["是一个文件夹"]),
    ("huge_value.yaml", "huge_value.yaml:11:61", ["不是可用的数值", "多写了位数"]),     # no float can hold it
    ("surrogate.json", "surrogate.json:4:24", ["含有控制字符 U+D800（第6个字符）"]),  # a broken \u escape
]


@pytest.mark.parametrize("name, where, what", CASES, ids=[f"{c[0]}@{c[1].split()[0]}" for c in CASES])
def test_broken_input_is_located_explained_and_writes_nothing(name, where, what, tmp_path, capsys):
    out = tmp_path / "out"
    code = _run(["build", str(BROKEN / name), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    line = next((ln for ln in err.splitlines() if where in ln), None)
    assert line is not None, f"no problem located at {where!r} in:\n{err}"
    lines = err.splitlines()
    start = lines.index(line)
    block = [line] + [ln for ln in _takewhile_hint(lines[start + 1:])]
    for text in what:
        assert any(text in ln for ln in block), f"{text!r} missing at {where!r}:\n{err}"
    assert "Traceback" not in err
    assert not out.exists(), "an invalid input must write nothing"


def _takewhile_hint(lines):
    for ln in lines:
        if not ln.startswith("    →"):
            return
        yield ln


def test_all_problems_of_a_file_come_in_one_run():
    with pytest.raises(InputError) as info:
        load(BROKEN / "many_problems.yaml")
    found = {(p.location.line, p.code) for p in info.value.problems}
    assert found == {(3, "missing"), (3, "extra_forbidden"), (6, "date_format"), (11, "missing"), (13, "int_parsing")}


def test_validate_json_gives_machine_readable_locations(capsys):
    code = _run(["validate", "--json", str(BROKEN / "duplicate_name.yaml"), str(BROKEN / "unknown_key.yaml")])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["valid"] is False
    by_code = {p["code"]: p for p in data["problems"]}
    assert by_code["duplicate"]["row"] == 4 and by_code["duplicate"]["header"] == "名称"
    assert by_code["extra_forbidden"]["line"] == 8 and by_code["extra_forbidden"]["column"] == 3
    assert by_code["extra_forbidden"]["hint"] == "是否应为“venue”？"


def test_gb18030_csv_loads_with_its_chinese_text():
    meeting = load(BROKEN / "gb18030.yaml").meeting
    assert [a.name for a in meeting.awards.rows] == ["山西堃泰新材料有限公司", "山西喆源科技有限公司"]
    assert meeting.awards.rows[0].park == "东湖园区"


def test_bom_in_meeting_and_list_is_accepted():
    meeting = load(BROKEN / "bom.yaml").meeting
    assert meeting.meeting.title == "示例开发区2024年工作会议"
    assert meeting.awards.rows[0].name == "甲科技有限公司"


def test_xlsx_extra_columns_are_kept_in_order():
    meeting = load(BROKEN / "extra_columns.yaml").meeting
    rows = meeting.awards.rows
    assert meeting.awards.extra_columns() == ["联系人", "电话"]
    assert rows[0].extra == {"联系人": "王工", "电话": "0351-1234567"}
    assert rows[1].extra == {"联系人": "李工", "电话": "13800000000"}   # a number cell read as text
    assert rows[1].note == "连续三年" and rows[0].park == "东湖园区"


def test_a_failed_build_leaves_the_previous_outputs_intact(tmp_path):
    meeting = tmp_path / "m.yaml"
    meeting.write_text((BROKEN / "extra_columns.yaml").read_text(encoding="utf-8")
                       .replace("extra_columns.xlsx", str(BROKEN / "extra_columns.xlsx")), encoding="utf-8")
    out = tmp_path / "out"
    assert _run(["build", str(meeting), "--out", str(out), "--quiet"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert before
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("date: 2024-03-11", "date: 2024-02-30"),
                       encoding="utf-8")
    assert _run(["build", str(meeting), "--out", str(out), "--quiet"]) == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_one_problem_per_file_mistake_not_one_per_row():
    with pytest.raises(InputError) as info:
        load(BROKEN / "unheaded.yaml")
    assert len(info.value.problems) == 1
    with pytest.raises(InputError) as info:
        load(BROKEN / "alias_header.yaml")
    assert [p.code for p in info.value.problems] == ["duplicate_header"]


def test_percentage_cells_read_as_the_user_sees_them(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["责任单位", "单位类型", "指标", "目标值", "计量单位"])
    ws.append(["东湖园区", "园区", "增速", 0.12, None])
    ws.append(["南山园区", "园区", "增速", 0.085, "%"])
    ws.append(["西岭园区", "园区", "投资", 120, "亿元"])
    ws["D2"].number_format = "0%"
    ws["D3"].number_format = "0.0%"
    wb.save(tmp_path / "t.xlsx")
    (tmp_path / "m.yaml").write_text("format: meeting/1\nissuer: {name: 管委会}\n"
                                     "meeting: {title: 会议, date: 2024-03-11, venue: 中心}\n"
                                     "targets: {year: 2024, list: t.xlsx}\n", encoding="utf-8")
    rows = load(tmp_path / "m.yaml").meeting.targets.rows
    assert [(str(r.value), r.measure) for r in rows] == [("12", "%"), ("8.5", "%"), ("120", "亿元")]


def test_row_numbers_default_to_the_position_and_given_ones_are_kept(tmp_path):
    (tmp_path / "a.csv").write_text("序号,名称,类别,奖项\n101,甲,企业,先进\n,乙,企业,先进\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text("format: meeting/1\nissuer: {name: 管委会}\n"
                                     "meeting: {title: 会议, date: 2024-03-11, venue: 中心}\n"
                                     "awards: {decision: 决定, list: a.csv}\n", encoding="utf-8")
    assert [a.no for a in load(tmp_path / "m.yaml").meeting.awards.rows] == [101, 2]
