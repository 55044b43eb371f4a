"""Arbitrary Unicode in any text field: it loads, or it is rejected with a located message.

Never a traceback: whatever a user pastes into a meeting file or a list cell,
the loader answers with the model or with problems that say where.
"""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.errors import InputError
from exporter.fonts import resolve_fonts
from exporter.load import load

FONTS = resolve_fonts()

BASE = {
    "format": "meeting/1",
    "issuer": {"name": "示例管委会", "short_name": "示例区"},
    "meeting": {
        "title": "示例会议", "date": "2024-03-11", "venue": "会议中心", "source": "新闻网",
        "host": {"name": "张三", "position": "副主任"},
        "guests": [{"name": "李四", "position": "组长", "role": "到会指导"}],
        "agenda": ["宣读决定"],
        "speeches": [{"speaker": {"name": "王五", "position": "主任"}, "theme": "主题",
                      "sections": [{"heading": "任务", "paragraphs": ["段落"],
                                    "items": [{"heading": "引语", "text": "正文"}]}]}],
        "attendees": ["各部门"],
    },
    "awards": {"decision": "表彰决定", "list": [{"name": "甲公司", "category": "企业", "award": "先进"}]},
    "briefing": {"name": "工作简报", "headline": "标题", "classification": "内部资料",
                 "distribution": {"报": ["领导"]}},
}


def _string_paths(node, path=()):
    if isinstance(node, str):
        yield path
    elif isinstance(node, dict):
        for k, v in node.items():
            if k != "format":
                yield from _string_paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _string_paths(v, path + (i,))


PATHS = [p for p in _string_paths(BASE) if p[-1] != "date"]


def _set(data, path, value):
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _assert_loads_or_located(path: Path):
    try:
        load(path, fonts=FONTS)
    except InputError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.message
            loc = p.location
            assert loc.line is not None or loc.row is not None, f"unlocated: {p}"


PROPERTY = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(field=st.sampled_from(PATHS), text=st.text(max_size=30))
def test_any_text_in_a_json_meeting_loads_or_is_located(tmp_path_factory, field, text):
    data = copy.deepcopy(BASE)
    _set(data, field, text)
    path = tmp_path_factory.mktemp("p") / "m.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _assert_loads_or_located(path)


@PROPERTY
@given(field=st.sampled_from(PATHS), text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_text_in_a_yaml_meeting_loads_or_is_located(tmp_path_factory, field, text):
    from ruamel.yaml import YAML

    data = copy.deepcopy(BASE)
    _set(data, field, text)
    path = tmp_path_factory.mktemp("p") / "m.yaml"
    yaml = YAML()
    with open(path, "w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    _assert_loads_or_located(path)


@PROPERTY
@given(cells=st.lists(st.text(max_size=12), min_size=4, max_size=4))
def test_any_text_in_a_csv_list_loads_or_is_located(tmp_path_factory, cells):
    folder = tmp_path_factory.mktemp("c")
    with open(folder / "l.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["名称", "类别", "奖项", "备注"])
        writer.writerow(cells)
    data = copy.deepcopy(BASE)
    data["awards"]["list"] = "l.csv"
    (folder / "m.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _assert_loads_or_located(folder / "m.json")
