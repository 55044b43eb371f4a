"""The fast path for list rows gives exactly what the pydantic model gives, or steps aside.

``fast_awardee``/``fast_target`` read plainly valid rows without building
pydantic objects (the loader's hot loop at 100,000 rows).  If they ever
accepted a row the model rejects, or produced a different value, a document
would silently differ from the contract: these properties hold them to the
model on arbitrary rows, valid and not.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import pytest

from exporter.errors import InputError
from exporter.fonts import resolve_fonts
from exporter.load import load
from exporter.model import (
    AwardeeRow,
    TargetRow,
    credit_code_check_char,
    fast_awardee,
    fast_target,
    to_data,
    to_json,
)
from exporter.schema import Awardee, Target, compact_awardee, compact_target

SETTINGS = settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)

texts = st.one_of(
    st.sampled_from(["甲科技有限公司", " 企业 ", "园区(开发区)", "a,b", "", "  ", "x\x07y", "東湖", "𬭚"]),
    st.text(max_size=12),
)
cells = st.one_of(texts, st.integers(-5, 10**6), st.floats(allow_nan=True), st.booleans(), st.none(),
                  st.just(12.0))


def _code(body: str) -> str:
    return body + credit_code_check_char(body)


_VALID_CODE = _code("91140100ECHB3B430")
codes = st.one_of(st.sampled_from([_VALID_CODE, _VALID_CODE.lower(), f" {_VALID_CODE}\t", _VALID_CODE[:17] + "0",
                                   _VALID_CODE.replace("0", "O"), _VALID_CODE.replace("1", "１"),
                                   _VALID_CODE[:17] + "ß", _VALID_CODE + "X", "ABC", "", "  "]),
                  st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcıß ", min_size=17, max_size=19),
                  st.text(alphabet="0123456789ABCDEHJKLMNPQRTUWXY", min_size=17, max_size=17).map(_code),
                  cells)
numbers = st.one_of(st.sampled_from(["12", "1,200", "12.5%", "12％", "一百", "3万", " 7 ", "NaN", "1e3"]),
                    st.integers(-10, 10**9), st.floats(allow_nan=True, allow_infinity=True), st.booleans())
dates = st.one_of(st.sampled_from(["2024-12-31", "2024年3月11日", "2024-02-30", "明年"]),
                  st.dates().map(lambda d: d.isoformat()), st.just(date(2024, 1, 1)),
                  st.just(datetime(2024, 1, 1, 8)), cells)
nos = st.one_of(st.integers(-3, 10**6), st.sampled_from(["1", "01", "12", " 3", "3.0", "+4", "0", "x"]), cells)
extras = st.one_of(st.dictionaries(st.sampled_from(["推荐部门", "考核权重", "备用"]), cells, max_size=2),
                   st.dictionaries(st.integers(0, 3), texts, max_size=1), texts)


def usually(valid: st.SearchStrategy, odd: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly plausible values (so the fast path is taken and compared), sometimes odd ones."""
    return st.one_of(valid, valid, valid, valid, odd)


names = st.sampled_from(["甲科技有限公司", "园区(开发区)", "山西,太原", " 企业 ", "喆源𬭚", "A&B 公司", "x"])
awardee_rows = st.fixed_dictionaries(
    {"name": usually(names, cells), "category": usually(names, cells), "award": usually(names, cells)},
    optional={"no": usually(st.integers(1, 10**6).map(str), nos), "park": usually(names, cells),
              "credit_code": usually(codes, cells), "note": usually(names, cells),
              "extra": usually(st.dictionaries(st.sampled_from(["推荐部门", "备用"]), names, max_size=2), extras)})
awardee_rows = st.one_of(awardee_rows, awardee_rows, awardee_rows,
                         awardee_rows.map(lambda r: dict(r, unknown="值")))
target_rows = st.fixed_dictionaries(
    {"unit": usually(names, cells), "unit_type": usually(names, cells), "indicator": usually(names, cells),
     "value": numbers},
    optional={"no": usually(st.integers(1, 10**6), nos), "measure": usually(names, cells),
              "deadline": usually(st.dates().map(lambda d: d.isoformat()), dates),
              "owner": usually(names, cells), "note": usually(names, cells),
              "extra": usually(st.dictionaries(st.sampled_from(["考核权重"]), names, max_size=1), extras)})

TAKEN = {"awardee": 0, "target": 0}


def _model(record, compact, raw):
    try:
        return compact(record.model_validate(raw))
    except ValidationError:
        return None


_PLAIN_AWARDEE = {"name": "甲科技有限公司", "category": "企业", "award": "优秀企业"}


@SETTINGS
@given(awardee_rows)
@example(dict(_PLAIN_AWARDEE, extra=None))              # YAML "extra:" with nothing after it
@example(dict(_PLAIN_AWARDEE, extra={0: "x"}))          # a column name that is not text
def test_awardee_fast_path_agrees_with_the_model(raw):
    fast = fast_awardee(dict(raw))
    if fast is not None:
        TAKEN["awardee"] += 1
        assert fast == _model(Awardee, compact_awardee, raw)


_PLAIN_TARGET = {"unit": "东湖园区", "unit_type": "园区", "indicator": "投资"}


@SETTINGS
@given(target_rows)
@example(dict(_PLAIN_TARGET, value=float("nan")))
@example(dict(_PLAIN_TARGET, value=float("inf")))
@example(dict(_PLAIN_TARGET, value=True))
@example(dict(_PLAIN_TARGET, value="12%", measure=""))
@example(dict(_PLAIN_TARGET, value=5, deadline=datetime(2024, 1, 2, 9)))
@example(dict(_PLAIN_TARGET, value=5, extra=None))
def test_target_fast_path_agrees_with_the_model(raw):
    fast = fast_target(dict(raw))
    if fast is not None:
        TAKEN["target"] += 1
        assert fast == _model(Target, compact_target, raw)


def test_the_properties_compared_many_fast_rows():
    """Runs after the two properties: they are only worth something if the fast path was taken."""
    assert TAKEN["awardee"] >= 10 and TAKEN["target"] >= 10, TAKEN


def test_row_tuples_have_exactly_the_models_fields():
    """A field added to the model but not to its row tuple would be dropped from every document."""
    assert list(AwardeeRow._fields) == list(Awardee.model_fields)
    assert list(TargetRow._fields) == list(Target.model_fields)


def _model_code(value):
    try:
        return ("ok", Awardee.model_validate({"name": "甲", "category": "企业", "award": "奖",
                                              "credit_code": value}).credit_code)
    except ValidationError:
        return ("rejected", None)


def _fast_code(value):
    row = fast_awardee({"name": "甲", "category": "企业", "award": "奖", "credit_code": value})
    return ("ok", row.credit_code) if row is not None else None


CODE_TAKEN = []


@SETTINGS
@given(codes)
@example(_VALID_CODE[:17] + "0")                # a wrong check character
@example(f" {_VALID_CODE.lower()} ")
@example(_VALID_CODE.replace("0", "O"))
def test_credit_code_fast_path_agrees_with_the_model(value):
    fast = _fast_code(value)
    if fast is not None:
        CODE_TAKEN.append(value)
        assert fast == _model_code(value)


def test_the_credit_code_property_compared_valid_codes():
    assert len(CODE_TAKEN) >= 20 and any(v and v.strip() != v for v in CODE_TAKEN if isinstance(v, str))


def test_rows_of_one_list_share_their_extra_column_names():
    """100,000 rows keep one tuple of column names between them, not one each."""
    rows = [fast_awardee({"name": f"甲{i}公司", "category": "企业", "award": "优秀企业",
                          "extra": {"推荐部门": f"部门{i % 3}", "备用": ""}}) for i in range(3)]
    assert [dict(r.extra) for r in rows][2] == {"推荐部门": "部门2", "备用": ""}
    first = tuple.__getitem__(rows[0].extra, 0)
    assert all(tuple.__getitem__(r.extra, 0) is first for r in rows)


def test_the_fast_path_takes_the_usual_rows():
    """Rows as a CSV gives them (all text, 序号 as text or position) never need the slow path."""
    awardee = {"no": "12", "name": "山西甲科技有限公司", "category": "企业", "award": "先进企业",
               "park": "东湖园区", "credit_code": _code("91140100ECHB3B430"), "extra": {"推荐部门": "经济发展部"}}
    target = {"no": 3, "unit": "东湖园区", "unit_type": "园区", "indicator": "固定资产投资", "value": "12.5%",
              "deadline": "2024-12-31", "extra": {"考核权重": "10"}}
    assert fast_awardee(awardee) == compact_awardee(Awardee.model_validate(awardee))
    assert fast_target(target) == compact_target(Target.model_validate(target))
    assert fast_target(target).measure == "%"


HEAD = """format: meeting/1
issuer:
  name: 测试管理委员会
meeting:
  title: 测试会议
  date: 2024-03-11
  venue: 会议中心
"""


def test_anchored_aliased_and_block_values_in_yaml_rows_are_read_like_plain_ones(tmp_path):
    """ruamel gives these as str subclasses; the fast path must not treat them differently."""
    path = tmp_path / "meeting.yaml"
    path.write_text(HEAD + """targets:
  year: 2024
  list:
    - {unit: 甲园区, unit_type: 园区, indicator: 营收增长, value: &v 12%}
    - {unit: 乙园区, unit_type: 园区, indicator: 营收增长, value: *v}
    - unit: 丙园区
      unit_type: 园区
      indicator: 营收增长
      value: |-
        12%
""", encoding="utf-8")
    rows = load(path).meeting.targets.rows
    assert [(r.value, r.measure) for r in rows] == [(12, "%")] * 3
    assert all(type(r.unit) is str for r in rows)


def test_a_character_no_face_draws_is_found_in_a_block_scalar_row(tmp_path):
    path = tmp_path / "meeting.yaml"
    path.write_text(HEAD + """awards:
  decision: 表彰决定
  list:
    - name: |-
        甲\U000F0001公司
      category: 企业
      award: 奖
""", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path, fonts=resolve_fonts())
    assert [(p.code, p.location.line) for p in caught.value.problems] == [("glyph_missing", 11)]


def test_a_character_in_the_meeting_file_and_a_list_is_reported_in_the_meeting_file(tmp_path):
    path = tmp_path / "meeting.yaml"
    path.write_text(HEAD + """  source: 新\U000F0001闻
awards:
  decision: 表彰决定
  list:
    - {name: 甲\U000F0001公司, category: 企业, award: 奖}
""", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path, fonts=resolve_fonts())
    assert [(p.code, p.location.line) for p in caught.value.problems] == [("glyph_missing", 8)]


def test_rows_dump_as_the_record_models_did():
    """What hashes a dump (the PDF's file identifier) sees the same data as before rows were tuples."""
    meeting = load(Path(__file__).resolve().parents[1] / "data" / "example" / "meeting.yaml").meeting
    plain = to_data(meeting)["targets"]["list"][0]
    as_json = to_data(meeting, for_json=True)["targets"]["list"][0]
    assert plain["value"] == 25 and type(plain["value"]) is int and plain["deadline"] == "2024-12-31"
    assert type(as_json["value"]) is float and as_json["extra"] == {"考核权重": "10"}
    assert '"value":25.0' in to_json(meeting)

