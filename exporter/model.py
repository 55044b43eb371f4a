"""The meeting record (format ``meeting/1``) as plain, validated data.

This module does no I/O: :mod:`exporter.load` turns files into these objects
and owns every input error, the renderers only read them.  Field names are the
keys of ``shared/spec/meeting-data.md``; that file is the contract, and other
programs write it, so a key here is never renamed.

Every text field goes through :data:`Text`, which rejects control characters
and normalises half-width punctuation next to Chinese, so each renderer gets
the same, already correct string.
"""

from __future__ import annotations

import operator
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .text import find_control, format_date, fullwidth_punctuation, parse_date

FORMAT = "meeting/1"


# --- field types -------------------------------------------------------------

def _clean_text(value: str) -> str:
    bad = find_control(value)
    if bad:
        raise PydanticCustomError(
            "control_character",
            "含有控制字符 U+{code}（第{pos}个字符），请删除它（常见于从网页或其他软件复制的文本）",
            {"code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1},
        )
    return fullwidth_punctuation(value.strip())


def _not_blank(value: str) -> str:
    if not value:
        raise PydanticCustomError("blank", "不能为空，请填写内容")
    return value


def _stringify_cell(value: Any) -> Any:
    """List cells from CSV/XLSX may arrive as numbers: ``123`` is the text "123"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


Text = Annotated[str, AfterValidator(_clean_text)]
"""Any text: no control characters, punctuation normalised."""

Name = Annotated[str, AfterValidator(_clean_text), AfterValidator(_not_blank)]
"""Text that must not be empty."""

CellText = Annotated[str, BeforeValidator(_stringify_cell), AfterValidator(_clean_text)]
CellName = Annotated[str, BeforeValidator(_stringify_cell), AfterValidator(_clean_text),
                     AfterValidator(_not_blank)]


def _to_date(value: Any) -> date:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_format", "“{value}”不是日期，请写成 2024-03-11 或 2024年3月11日",
                                  {"value": value})
    try:
        return parse_date(value)
    except ValueError as exc:
        raise PydanticCustomError("date_format", str(exc)) from None


MeetingDate = Annotated[date, BeforeValidator(_to_date),
                        PlainSerializer(lambda d: d.isoformat(), return_type=str),
                        Field(json_schema_extra={"type": "string",
                                                 "description": "2024-03-11 或 2024年3月11日"})]

_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


def _check_time(value: str) -> str:
    m = _TIME.match(value.strip())
    if not m:
        raise PydanticCustomError("time_format", "“{value}”不是时间，请写成 24 小时制，如 \"09:00\"（加引号）",
                                  {"value": value})
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _check_time_input(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 readers turn 09:00 into 540 (sexagesimal); say how to quote it.
        raise PydanticCustomError("time_format", "时间请加引号写成 \"09:00\"")
    return value


ClockTime = Annotated[str, BeforeValidator(_check_time_input), AfterValidator(_check_time)]

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


_MAGNITUDES = "万亿千百"


def _to_decimal(value: Any) -> Decimal:
    """Target values: numbers, or text with thousands separators and a trailing %."""
    if isinstance(value, bool):
        raise PydanticCustomError("number", "应为数字")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace("，", ",").rstrip("%％").strip()
        if _NUMBER.match(text):
            try:
                return Decimal(text.replace(",", ""))
            except InvalidOperation:
                pass
    if isinstance(value, str) and value.strip()[-1:] in _MAGNITUDES:
        raise PydanticCustomError(
            "number", "“{value}”不是数字：请把“{unit}”写到计量单位列（如 目标值 1200.5、计量单位 {unit}元）",
            {"value": value, "unit": value.strip()[-1]})
    raise PydanticCustomError("number", "“{value}”不是数字，请写成 120、1,200 或 12.5%",
                              {"value": value})


Number = Annotated[Decimal, BeforeValidator(_to_decimal),
                   PlainSerializer(lambda d: float(d) if d % 1 else int(d), return_type=float),
                   Field(json_schema_extra={"anyOf": [{"type": "number"}, {"type": "string"}]})]

PositiveInt = Annotated[int, Field(gt=0)]
Count = Annotated[int, Field(ge=0)]


# --- GB 32100-2015 统一社会信用代码 --------------------------------------------

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_CODE_CHARS)}
_CREDIT_CODE = re.compile(f"[{CREDIT_CODE_CHARS}]{{18}}")
"""18 characters of the code's alphabet: what :func:`_check_credit_code` checks first, in one match."""


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015 §4.2)."""
    total = sum(map(operator.mul, map(_CREDIT_VALUE.__getitem__, first17[:17]), _CREDIT_WEIGHTS))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def _check_credit_code(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().upper()
    if _CREDIT_CODE.fullmatch(code) and code[17] == credit_code_check_char(code):
        return code                                     # the usual case, in one match
    if len(code) != 18:
        raise PydanticCustomError("credit_code", "统一社会信用代码应为18位，“{code}”是{n}位",
                                  {"code": code, "n": len(code)})
    wrong = [c for c in code if c not in _CREDIT_VALUE]
    if wrong:
        raise PydanticCustomError(
            "credit_code", "统一社会信用代码“{code}”含不允许的字符“{ch}”（不用 I、O、Z、S、V）",
            {"code": code, "ch": wrong[0]})
    # 18 characters of the alphabet that did not pass: the check character is wrong
    raise PydanticCustomError(
        "credit_code", "统一社会信用代码“{code}”校验位不对：按前17位应为“{want}”，请核对原始证照",
        {"code": code, "want": credit_code_check_char(code[:17])})


CreditCode = Annotated[str | None, BeforeValidator(_stringify_cell), AfterValidator(_check_credit_code)]


# --- the record ----------------------------------------------------------------

class Record(BaseModel):
    """Base of every part: unknown keys are errors (they are nearly always typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Person(Record):
    name: Name
    position: Text | None = None

    @property
    def positions(self) -> list[str]:
        """Several posts are written separated by 、."""
        return [p for p in (self.position or "").split("、") if p]


class Guest(Person):
    role: Text | None = Field(None, description="到会指导、出席 …")


class Item(Record):
    heading: Text | None = Field(None, description="the item's lead, set in the lead face")
    text: Text = ""


class Section(Record):
    heading: Name
    paragraphs: list[Text] = []
    items: list[Item] = []


class Speech(Record):
    speaker: Person
    theme: Text | None = None
    sections: list[Section] = []


class MeetingInfo(Record):
    title: Name
    date: MeetingDate
    time: ClockTime | None = None
    venue: Name
    source: Text | None = None
    host: Person | None = None
    guests: list[Guest] = []
    agenda: list[Text] = []
    speeches: list[Speech] = []
    attendees: list[Text] = []

    @property
    def date_text(self) -> str:
        return format_date(self.date)


class Issuer(Record):
    name: Name
    short_name: Text | None = None
    office: Text | None = None

    @property
    def running_name(self) -> str:
        """The form used in running text."""
        return self.short_name or self.name

    @property
    def compiling_office(self) -> str:
        return self.office or self.name


class Awardee(Record):
    """One row of the commendation list; ``extra`` keeps other columns in order."""

    no: PositiveInt | None = None
    name: CellName
    category: CellName
    award: CellName
    park: CellText | None = None
    credit_code: CreditCode = None
    note: CellText | None = None
    extra: dict[str, CellText] = {}


class Target(Record):
    """One indicator of one responsible unit (a unit with four indicators has four rows)."""

    no: PositiveInt | None = None
    unit: CellName
    unit_type: CellName
    indicator: CellName
    value: Number
    measure: CellText | None = None
    deadline: MeetingDate | None = None
    owner: CellText | None = None
    note: CellText | None = None
    extra: dict[str, CellText] = {}

    @model_validator(mode="before")
    @classmethod
    def _percent_means_percent(cls, data: Any) -> Any:
        """A value written 12% (or a percentage cell) with no unit is measured in %."""
        if isinstance(data, dict) and isinstance(data.get("value"), str) \
                and data["value"].strip().endswith(("%", "％")) and not data.get("measure"):
            data = dict(data, measure="%")
        return data


class AwardeeRow(NamedTuple):
    """A validated :class:`Awardee`, held as a tuple.

    A provincial list has 100,000 rows; as pydantic objects they took ~1.4 KB
    each, as tuples ~0.3 KB, with repeated texts (category, award, park)
    shared.  Renderers read the same attribute names either way.
    """

    no: int | None
    name: str
    category: str
    award: str
    park: str | None
    credit_code: str | None
    note: str | None
    extra: Mapping[str, str]


class TargetRow(NamedTuple):
    """A validated :class:`Target`, held as a tuple (see :class:`AwardeeRow`)."""

    no: int | None
    unit: str
    unit_type: str
    indicator: str
    value: Decimal
    measure: str | None
    deadline: date | None
    owner: str | None
    note: str | None
    extra: Mapping[str, str]


class Extra(tuple):
    """The extra columns of one row, a read-only mapping held in one tuple: (names, value, value, …).

    A dict per row cost 184 bytes; this costs 64 + 8 per column, and the
    names tuple is shared by every row with the same columns.  Iterating
    gives the column names, as a dict does.
    """

    __slots__ = ()
    _shared_names: dict[tuple, tuple] = {}

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> Extra:
        return cls.of_columns(tuple(mapping), mapping.values())

    @classmethod
    def of_columns(cls, keys: tuple[str, ...], values: Iterable[str]) -> Extra:
        """The extra columns *keys* (str) with their *values*, in that order.

        A list's rows share one names tuple, found by lookup: interning the
        names again for each of 100,000 rows cost more than the lookup.
        """
        names = cls._shared_names.get(keys)
        if names is None:
            names = tuple(sys.intern(k) for k in keys)
            names = cls._shared_names.setdefault(names, names)
        return tuple.__new__(cls, (names, *[_shared_short(v) for v in values]))

    def _names(self) -> tuple[str, ...]:
        return tuple.__getitem__(self, 0)

    def __getitem__(self, key: str) -> str:
        try:
            return tuple.__getitem__(self, self._names().index(key) + 1)
        except ValueError:
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        """One scan of the names (the workbook asks once per extra cell: 100,000 times)."""
        try:
            return tuple.__getitem__(self, self._names().index(key) + 1)
        except ValueError:
            return default

    def keys(self) -> tuple[str, ...]:
        return self._names()

    def values(self) -> tuple[str, ...]:
        return tuple(tuple.__iter__(self))[1:]

    def items(self) -> list[tuple[str, str]]:
        return list(zip(self._names(), self.values()))

    def __iter__(self):
        return iter(self._names())

    def __len__(self) -> int:
        return tuple.__len__(self) - 1

    def __contains__(self, key: object) -> bool:
        return key in self._names()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = tuple.__hash__

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self):
        return (_extra_of_items, (tuple(self.items()),))


def _extra_of_items(items: tuple) -> Extra:
    return Extra.of(dict(items))


Mapping.register(Extra)

_NO_EXTRA = Extra.of({})


def _shared(value: str | None) -> str | None:
    return sys.intern(value) if value is not None else None


def _shared_short(value: str) -> str:
    """Short texts repeat down a list (a department, a weight): one copy each.  Long ones rarely do."""
    return sys.intern(value) if value.__class__ is str and len(value) <= 20 else value


def _extra(extra: dict[str, str]) -> Mapping[str, str]:
    return Extra.of(extra) if extra else _NO_EXTRA


# --- the fast path for valid rows ----------------------------------------------------

class _Invalid(Exception):
    """The row is not plainly valid: let pydantic validate it and say what is wrong."""


_POSITIVE = re.compile(r"[1-9][0-9]{0,17}")


def _fast_no(value: Any) -> int | None:
    if value is None:
        return None
    if value.__class__ is int and value > 0:
        return value
    if value.__class__ is str and _POSITIVE.fullmatch(value):
        return int(value)
    raise _Invalid


def _fast_text(value: Any) -> str:
    """What ``CellText`` makes of a str or an int (anything else: pydantic decides)."""
    if value.__class__ is int:
        value = str(value)
    elif value.__class__ is not str:
        raise _Invalid
    if find_control(value):
        raise _Invalid
    return fullwidth_punctuation(value.strip())


def _fast_name(value: Any) -> str:
    text = _fast_text(value)
    if not text:
        raise _Invalid
    return text


def _fast_optional(value: Any) -> str | None:
    return None if value is None else _fast_text(value)


_ABSENT = object()
"""A row without an ``extra`` key (``extra: null`` is not that: the model rejects it)."""


def _fast_extra(value: Any) -> Mapping[str, str]:
    if value is _ABSENT:
        return _NO_EXTRA
    if value.__class__ is not dict:
        raise _Invalid
    if not value:
        return _NO_EXTRA
    keys = tuple(value)
    for key in keys:
        if key.__class__ is not str:
            raise _Invalid
    return Extra.of_columns(keys, [_fast_text(v) for v in value.values()])


def _fast_code(value: Any) -> str | None:
    """What ``CreditCode`` makes of a str; a code it would reject goes to the model for its wording."""
    if value is not None and value.__class__ is not str:
        raise _Invalid
    try:
        return _check_credit_code(value)
    except PydanticCustomError:
        raise _Invalid from None


def _fast_value(value: Any) -> Decimal:
    try:
        number = _to_decimal(value)
    except PydanticCustomError:
        raise _Invalid from None
    if not number.is_finite():
        raise _Invalid
    return number


def _fast_date(value: Any) -> date | None:
    if value is None:
        return None
    if value.__class__ is not str:
        raise _Invalid
    try:
        return parse_date(value)
    except ValueError:
        raise _Invalid from None


_AWARDEE_KEYS = frozenset(AwardeeRow._fields)
_TARGET_KEYS = frozenset(TargetRow._fields)


def fast_awardee(raw: Any) -> AwardeeRow | None:
    """The row of a plainly valid awardee dict, as :class:`Awardee` would validate it; else None.

    Validating 100,000 rows through pydantic objects took ~45 µs a row and
    left their garbage between the rows kept; this reads a valid row
    directly.  Anything unusual (a missing or unknown key, a non-text cell,
    any value a check rejects) returns None, and the caller validates that
    row with the model, which words the error.  A property test holds the
    two paths to the same result.
    """
    if raw.__class__ is not dict or not _AWARDEE_KEYS.issuperset(raw):
        return None
    get = raw.get
    try:
        return AwardeeRow(_fast_no(get("no")), _fast_name(get("name")), sys.intern(_fast_name(get("category"))),
                          sys.intern(_fast_name(get("award"))), _shared(_fast_optional(get("park"))),
                          _fast_code(get("credit_code")), _fast_optional(get("note")), _fast_extra(get("extra", _ABSENT)))
    except _Invalid:
        return None


def fast_target(raw: Any) -> TargetRow | None:
    """The row of a plainly valid target dict, as :class:`Target` would validate it; else None."""
    if raw.__class__ is not dict or not _TARGET_KEYS.issuperset(raw):
        return None
    get = raw.get
    try:
        value = get("value")
        measure = _fast_optional(get("measure"))
        if isinstance(value, str) and value.strip().endswith(("%", "％")) and not get("measure"):
            measure = "%"
        return TargetRow(_fast_no(get("no")), sys.intern(_fast_name(get("unit"))),
                         sys.intern(_fast_name(get("unit_type"))), sys.intern(_fast_name(get("indicator"))),
                         _fast_value(value), _shared(measure), _fast_date(get("deadline")),
                         _fast_optional(get("owner")), _fast_optional(get("note")), _fast_extra(get("extra", _ABSENT)))
    except _Invalid:
        return None


def compact_awardee(record: Awardee) -> AwardeeRow:
    """The validated record as a row tuple; repeated texts interned so 100,000 rows share them."""
    d = record.__dict__
    return AwardeeRow(d["no"], d["name"], sys.intern(d["category"]), sys.intern(d["award"]),
                      _shared(d["park"]), d["credit_code"], d["note"], _extra(d["extra"]))


def compact_target(record: Target) -> TargetRow:
    """The validated record as a row tuple (see :func:`compact_awardee`)."""
    d = record.__dict__
    return TargetRow(d["no"], sys.intern(d["unit"]), sys.intern(d["unit_type"]), sys.intern(d["indicator"]),
                     d["value"], _shared(d["measure"]), d["deadline"], d["owner"], d["note"],
                     _extra(d["extra"]))


_COMPACT = {AwardeeRow: compact_awardee, TargetRow: compact_target}


class Rows(list):
    """A list of row tuples the loader already validated: the model takes it as it is."""


def _rows_of(row_type: type):
    """The validator of a list field: dicts or records are validated, then kept as row tuples."""

    def validate(value: Any, handler) -> Rows:
        if isinstance(value, Rows):
            return value
        if isinstance(value, list):
            value = [dict(r._asdict(), extra=dict(r.extra)) if isinstance(r, row_type) else r for r in value]
        return Rows(_COMPACT[row_type](r) for r in handler(value))

    return validate


def _rows_serializer(row_type: type):
    def serialize(rows: list, info) -> list[dict]:
        as_json = info.mode == "json"
        return [_row_dict(r._asdict(), as_json) if isinstance(r, tuple) else r.model_dump(mode=info.mode)
                for r in rows]

    return serialize


def _row_dict(row: dict, as_json: bool) -> dict:
    """A row as the record models dumped it: dates as text, values as int or float (float in JSON).

    The same dump as before rows became tuples, so what hashes it (the PDF's
    file identifier) is unchanged for unchanged data.
    """
    row["extra"] = dict(row["extra"])
    for key, value in row.items():
        if isinstance(value, date):
            row[key] = value.isoformat()
        elif isinstance(value, Decimal):
            number = float(value) if value % 1 else int(value)
            row[key] = float(number) if as_json else number
    return row


AwardeeRows = Annotated[list[Awardee], WrapValidator(_rows_of(AwardeeRow)),
                        PlainSerializer(_rows_serializer(AwardeeRow))]
TargetRows = Annotated[list[Target], WrapValidator(_rows_of(TargetRow)),
                       PlainSerializer(_rows_serializer(TargetRow))]


AWARDEE_HEADERS = {"no": "序号", "name": "名称", "category": "类别", "award": "奖项",
                   "park": "所属园区", "credit_code": "统一社会信用代码", "note": "备注"}
TARGET_HEADERS = {"no": "序号", "unit": "责任单位", "unit_type": "单位类型", "indicator": "指标",
                  "value": "目标值", "measure": "计量单位", "deadline": "完成时限",
                  "owner": "责任人", "note": "备注"}
REQUIRED_AWARDEE = ("name", "category", "award")
REQUIRED_TARGET = ("unit", "unit_type", "indicator", "value")


class Awards(Record):
    decision: Name
    announced_by: Person | None = None
    expected: dict[Name, Count] | None = None
    statements: Count | None = None
    rows: AwardeeRows = Field(alias="list")

    def counts(self) -> Counter[str]:
        """Listed awardees per category, in first-seen order."""
        return Counter(a.category for a in self.rows)

    def categories(self) -> list[str]:
        """Declared categories first (in their order), then any others as listed."""
        seen = dict.fromkeys(self.expected or {})
        seen.update(dict.fromkeys(a.category for a in self.rows))
        return list(seen)

    def by_category(self) -> dict[str, list[Awardee]]:
        groups: dict[str, list[Awardee]] = {c: [] for c in self.categories()}
        for a in self.rows:
            groups[a.category].append(a)
        return groups

    def extra_columns(self) -> list[str]:
        return _extra_columns(self.rows)


class Targets(Record):
    year: int = Field(ge=1949, le=2200)
    title: Text | None = None
    expected: dict[Name, Count] | None = None
    rows: TargetRows = Field(alias="list")

    @property
    def display_title(self) -> str:
        return self.title or f"{self.year}年目标任务责任书"

    def units(self) -> dict[str, list[Target]]:
        """Rows grouped by responsible unit, in first-seen order."""
        groups: dict[str, list[Target]] = {}
        for t in self.rows:
            groups.setdefault(t.unit, []).append(t)
        return groups

    def unit_counts(self) -> Counter[str]:
        """Distinct responsible units per unit type."""
        return Counter(rows[0].unit_type for rows in self.units().values())

    def unit_types(self) -> list[str]:
        seen = dict.fromkeys(self.expected or {})
        seen.update(dict.fromkeys(t.unit_type for t in self.rows))
        return list(seen)

    def extra_columns(self) -> list[str]:
        return _extra_columns(self.rows)


def _extra_columns(rows: list[Awardee] | list[Target]) -> list[str]:
    seen: dict[str, None] = {}
    for r in rows:
        seen.update(dict.fromkeys(r.extra))
    return list(seen)


class Distribution(Record):
    报: list[Name] = []
    送: list[Name] = []
    发: list[Name] = []


class Briefing(Record):
    name: Name = "工作简报"
    issue: PositiveInt = 1
    date: MeetingDate | None = None
    classification: Text | None = None
    headline: Text | None = None
    distribution: Distribution | None = None
    copies: PositiveInt | None = None


class Meeting(Record):
    """A whole meeting file, its lists resolved to rows."""

    format: Literal["meeting/1"]
    sample: bool = False
    issuer: Issuer
    meeting: MeetingInfo
    awards: Awards | None = None
    targets: Targets | None = None
    briefing: Briefing = Briefing()

    @property
    def issue_date(self) -> date:
        """印发日期: the briefing's date, else the meeting's; also every document's date."""
        return self.briefing.date or self.meeting.date

    @property
    def short_title(self) -> str:
        """The meeting title without the issuer's name in front, for file names."""
        title = self.meeting.title
        for prefix in (self.issuer.short_name, self.issuer.name):
            if prefix and title.startswith(prefix) and len(title) > len(prefix):
                return title[len(prefix):]
        return title

    @property
    def headline(self) -> str:
        """The briefing's article title: given, or built from the meeting."""
        if self.briefing.headline:
            return self.briefing.headline
        return f"{self.meeting.title}召开"


# --- JSON Schema -------------------------------------------------------------

_SCHEMA_TEXT = {
    "Meeting": "一次会议的记录（meeting/1）",
    "Issuer": "发文机关：name 全称（必填），short_name 简称，office 编印单位",
    "MeetingInfo": "会议：title 全称、date 日期、venue 地点（必填），以及主持、到会领导、议程、讲话、参会人员",
    "Person": "人员：name 姓名，position 职务（多个职务用“、”分隔）",
    "Guest": "到会领导：name 姓名，position 职务，role 如 到会指导、出席",
    "Speech": "讲话：speaker 讲话人，theme 题目，sections 各部分（一、二、……）",
    "Section": "讲话的一部分：heading 小标题，paragraphs 段落，items 分项（（一）（二）……）",
    "Item": "分项：heading 引语（楷体），text 正文",
    "Awards": "表彰：decision 表彰决定标题（不加书名号），expected 会上宣布的各类数量，list 名单",
    "Awardee": "表彰名单的一行：名称、类别、奖项（必填），序号、所属园区、统一社会信用代码、备注",
    "Targets": "目标责任书：year 年度，title 标题，expected 各类责任单位数量，list 指标清单",
    "Target": "目标责任的一行（每个单位每个指标一行）：责任单位、单位类型、指标、目标值（必填）",
    "Briefing": "简报报头：name 简报名称，issue 期号，date 印发日期，classification 密级标注，"
                "headline 文章标题，distribution 报/送/发，copies 印数",
    "Distribution": "报尾：报（上级）、送（同级）、发（下级）",
}


def json_schema() -> dict[str, Any]:
    """The schema of the *file*: a list may be a path (CSV/XLSX) or inline rows.

    Descriptions are Chinese, for the people who see them on hover in an
    editor; the classes' docstrings are for developers and are left out.
    """
    schema = Meeting.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://exporter.invalid/schema/meeting-1.json"
    schema["title"] = "meeting/1"
    schema["description"] = _SCHEMA_TEXT["Meeting"]
    defs = schema.get("$defs", {})
    for name, definition in defs.items():
        definition.pop("description", None)
        if name in _SCHEMA_TEXT:
            definition["description"] = _SCHEMA_TEXT[name]
        for prop in definition.get("properties", {}).values():
            if "`" in prop.get("description", "") or prop.get("description", "").isascii():
                prop.pop("description", None)
    for owner, row in (("Awards", "Awardee"), ("Targets", "Target")):
        prop = defs[owner]["properties"]["list"]
        prop.clear()
        prop.update({
            "description": "路径（相对于会议文件的 .csv/.xlsx，可写 file.xlsx#工作表）或逐行列出",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"$ref": f"#/$defs/{row}"}}],
        })
        row_props = defs[row]["properties"]
        headers = AWARDEE_HEADERS if row == "Awardee" else TARGET_HEADERS
        for key, cn in headers.items():
            row_props[key]["title"] = cn
    return schema
