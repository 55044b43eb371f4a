"""The plain model reads a valid meeting exactly as the pydantic schema does, or steps aside.

``model.from_data`` builds the frozen dataclasses from a plainly valid record
without importing pydantic (that import and the schema build were ~0.2 s of
every command).  If it ever accepted what the schema rejects, or produced a
different value, a document would silently break the contract; these
properties hold it to :mod:`exporter.schema` on arbitrary variations of the
example, valid and not.  The dump (``to_data``/``to_json``) names the PDF,
so it is held to what pydantic wrote before.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pydantic_core
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from exporter import model, schema
from exporter.errors import InputError, Problems
from exporter.load import load, read_document
from exporter.render.pdf import document_id

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example" / "meeting.yaml"
SETTINGS = settings(max_examples=800, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def _example_data() -> dict:
    """The example file as the loader hands it to the model: plain data, lists as checked rows."""
    data, _ = read_document(EXAMPLE, Problems())
    loaded = load(EXAMPLE).meeting
    data["awards"]["list"] = loaded.awards.rows
    data["targets"]["list"] = loaded.targets.rows
    return data


BASE = _example_data()
MEETING = load(EXAMPLE).meeting


def _copy(node):
    """A copy of the record's containers; the checked rows (immutable tuples) are shared."""
    if isinstance(node, model.Rows):
        return node
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node

ODD_VALUES = [
    None, True, False, 0, 1, -1, 540, 1.5, 2.0, "", "  ", "x\x07y", "09:00", "9：05", "25:00", "2024-03-11",
    "2024年3月11日", "2024-02-30", "meeting/1", "甲(乙)", " 文本 ", [], ["甲"], ["", "乙"], [{}], {}, {"name": "张三"},
    {"name": " "}, {"企业": 69}, {"企业": -1}, {" 企业 ": 1, "企业": 2}, {"name": "张三", "职务": "主任"},
    datetime(2024, 1, 1), datetime(2024, 1, 1, 8, 30), date(2024, 1, 1), 1949, 2201, "2024", [1, 2],
]
ODD = st.sampled_from(ODD_VALUES)


def _paths(node, prefix=()):
    """Every key path into the record (not into the checked rows)."""
    if isinstance(node, model.Rows):
        return
    if isinstance(node, dict):
        for key, value in node.items():
            yield prefix + (key,)
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield prefix + (i,)
            yield from _paths(value, prefix + (i,))


PATHS = list(_paths(BASE))


def _get(data, path):
    for step in path:
        data = data[step]
    return data


def _near(value) -> list:
    """Values a person or a program might write instead of *value*: same meaning, other type, or slightly off."""
    if isinstance(value, bool):
        return [int(value), str(value).lower(), None]
    if isinstance(value, int):
        return [value - 1, 0, -1, str(value), float(value), True, None, 1948, 2201, 10**20]
    if isinstance(value, str):
        near = [f" {value} ", "", " ", value + "\x07", value + "(注)", value + ",其他", None, 7]
        if value[:2] == "20":
            near += [datetime(2024, 3, 11), datetime(2024, 3, 11, 9, 30), date(2024, 3, 11), "2024-02-30",
                     "2024/3/11", 20240311]
        if ":" in value or "：" in value:
            near += ["9:00", "24:00", "9:5", 540]
        return near
    if isinstance(value, list):
        return [[], [None], value[:1], value + value[:1], {}, None]
    if isinstance(value, dict):
        return [{}, None, [value], {k: v for k, v in list(value.items())[1:]},
                {f" {k} ": v for k, v in value.items()}]
    return [None]


def _typed(value) -> bool:
    """A value whose field is not plain text (a date, a time, a number, a flag, a mapping of counts)."""
    if isinstance(value, str):
        return value[:2] == "20" or ":" in value
    return isinstance(value, (bool, int)) or (isinstance(value, dict) and all(isinstance(v, int) for v in value.values()))


WEIGHTED_PATHS = PATHS + [p for p in PATHS if _typed(_get(BASE, p))] * 10
"""Typed fields drawn ten times as often: they are few among the texts, and where the checks differ most."""


@st.composite
def mutations(draw):
    changes = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["replace", "replace", "near", "delete", "unknown", "list"]))
        path = draw(st.sampled_from(PATHS if kind != "near" else WEIGHTED_PATHS))
        value = draw(st.sampled_from(_near(_get(BASE, path)))) if kind == "near" else draw(ODD)
        changes.append(("replace" if kind == "near" else kind, path, value))
    return changes


def _mutated(changes) -> dict:
    data = _copy(BASE)
    for kind, path, value in changes:
        try:
            parent = _get(data, path[:-1])
            if kind == "replace":
                parent[path[-1]] = _copy(value)
            elif kind == "delete":
                del parent[path[-1]]
            elif kind == "unknown" and isinstance(parent, dict):
                parent["备注说明"] = _copy(value)
            elif kind == "list" and isinstance(parent, dict):
                parent["rows" if path[-1] == "list" else path[-1]] = parent.pop(path[-1])
        except (KeyError, IndexError, TypeError):
            continue                                 # an earlier change removed the place
    return data


def _schema(data):
    try:
        return schema.validate(data)
    except ValidationError:
        return None


@SETTINGS
@given(mutations())
def test_the_plain_path_gives_what_the_schema_gives_or_steps_aside(changes):
    _compare(_mutated(changes))


def _compare(data) -> bool:
    """Whether the plain path took *data*; if it did, it gave what the schema gives."""
    fast = model.from_data(_copy(data))
    if fast is None:
        return False
    slow = _schema(data)
    assert slow is not None, "the plain path accepted what the schema rejects"
    assert fast == slow and model.to_json(fast) == model.to_json(slow)
    return True


def test_every_single_change_of_the_example_reads_the_same_both_ways():
    """Each field of the example, each written a little differently: the cases one at a time, all of them."""
    cases = [[("replace", path, value)] for path in PATHS for value in _near(_get(BASE, path))]
    cases += [[("delete", path, None)] for path in PATHS] + [[("unknown", path, "值")] for path in PATHS]
    taken = sum(_compare(_mutated(changes)) for changes in cases)
    assert len(cases) > 1000 and 100 < taken < len(cases) - 100, (taken, len(cases))


def _random_changes(rng: random.Random) -> list:
    changes = []
    for _ in range(rng.randint(2, 3)):
        kind = rng.choice(["replace", "near", "near", "delete", "unknown", "list"])
        path = rng.choice(WEIGHTED_PATHS if kind == "near" else PATHS)
        value = rng.choice(_near(_get(BASE, path)) if kind == "near" else ODD_VALUES)
        changes.append(("replace" if kind == "near" else kind, path, value))
    return changes


def test_combined_changes_read_the_same_both_ways():
    """Two or three changes at once (seeded), and both outcomes seen often: the property's cases, counted."""
    rng = random.Random(2024)
    taken = sum(_compare(_mutated(_random_changes(rng))) for _ in range(600))
    assert 50 < taken < 550, taken


def test_the_example_needs_no_schema():
    assert model.from_data(_copy(BASE)) == schema.validate(_copy(BASE))
    assert model.from_data(_copy(BASE)) is not None


def test_what_the_schema_coerces_still_loads(tmp_path):
    """A plain path that steps aside loses nothing: 样例 as 1 and a count as text load as before."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("sample: true", "sample: 1")
    assert "sample: 1" in text
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    for name in ("表彰名单.csv", "目标责任.xlsx"):
        (tmp_path / name).write_bytes((EXAMPLE.parent / name).read_bytes())
    assert load(path).meeting == load(EXAMPLE).meeting


def test_an_error_is_worded_by_the_schema(tmp_path):
    path = tmp_path / "meeting.yaml"
    path.write_text("format: meeting/1\nissuer: {name: 某办公室}\n"
                    "meeting: {title: 会议, date: 2024-03-11, venue: 会堂, venu: 会堂}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    [problem] = caught.value.problems
    assert (problem.location.line, problem.message, problem.hint) == (3, "未知的键“venu”", "是否应为“venue”？")


def test_the_dataclasses_have_exactly_the_schemas_fields():
    """A field added to one and not the other would be lost, or never checked."""
    for pydantic_class, plain in schema.PLAIN.items():
        fields = dataclasses.fields(plain)
        assert [f.name for f in fields] == list(pydantic_class.model_fields), plain
        for f in fields:
            info = pydantic_class.model_fields[f.name]
            assert f.metadata.get("key", f.name) == (info.alias or f.name)
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            assert required == info.is_required(), (plain, f.name)
            if not required:
                default = f.default_factory() if f.default is dataclasses.MISSING else f.default
                expected = info.get_default(call_default_factory=True)
                assert default == (schema.to_model(expected)), (plain, f.name)


# --- the dump --------------------------------------------------------------------

floats = st.one_of(st.floats(allow_nan=False, allow_infinity=False, width=64),
                   st.decimals(allow_nan=False, allow_infinity=False, places=6).map(float))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(floats, st.text(max_size=8)), min_size=1, max_size=5), st.text(max_size=20))
def test_the_json_is_what_pydantic_core_writes(values, title):
    """Floats and strings spelled as pydantic-core spells them: the PDF's /ID depends on every byte."""
    meeting = MEETING
    rows = model.Rows(meeting.targets.rows[0]._replace(value=Decimal(repr(v)), note=note) for v, note in values)
    changed = meeting.replace(targets=meeting.targets.replace(rows=rows),
                              meeting=meeting.meeting.replace(title=title))
    assert model.to_json(changed) == pydantic_core.to_json(model.to_data(changed, for_json=True)).decode()


def test_the_examples_pdf_keeps_its_file_identifier():
    """The /ID hashes the dump: these are the halves the pydantic model's dump gave (662c332).

    A field dropped, renamed or spelled differently in the dump changes them,
    and every office's unchanged PDF would differ and be mailed again.
    """
    assert document_id(MEETING) == ("AAB74858146C95FA5C726F74C092CEED", "4A9D215DA10766579BEF54D0EB7CC1BD")


def test_the_dump_keeps_the_files_keys_and_types():
    data = model.to_data(load(EXAMPLE).meeting, for_json=True)
    assert list(data) == ["format", "sample", "issuer", "meeting", "awards", "targets", "briefing"]
    assert data["meeting"]["date"] == "2024-03-11" and "list" in data["awards"] and "rows" not in data["awards"]
    assert json.loads(model.to_json(load(EXAMPLE).meeting)) == data


# --- the point of it: a command that reads a valid meeting never imports pydantic ------------

@pytest.mark.parametrize("command", [["validate", str(EXAMPLE)], ["--help"],
                                     ["build", str(EXAMPLE), "--out", "{tmp}", "--quiet"]])
def test_a_valid_meeting_is_read_without_pydantic(command, tmp_path):
    """The start-up this saves (~0.2 s) is lost again by one stray import anywhere on the path."""
    command = [part.format(tmp=tmp_path) for part in command]
    code = ("import sys, runpy; sys.argv = ['exporter', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('exporter', run_name='__main__')\n"
            "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    env = dict(os.environ, EXPORTER_JOBS="1")      # every renderer in this process, none in a forked child
    result = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, cwd=ROOT,
                            env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_file_identifier_of_a_long_list_is_hashed_in_pieces():
    """The /ID of 20,000 rows: the same hash as the whole dump's, without holding the rows as dicts (~30 MB)."""
    import hashlib
    import tracemalloc

    row = MEETING.awards.rows[0]
    many = MEETING.replace(awards=MEETING.awards.replace(rows=model.Rows(
        row._replace(no=i + 1, name=f"{row.name}{i}") for i in range(20_000))))
    tracemalloc.start()
    try:
        _, version = document_id(many)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert version == hashlib.md5(model.to_json(many).encode("utf-8")).hexdigest().upper()
    assert peak < 6 * 2**20, f"{peak / 2**20:.1f} MB"
