"""The meeting record (format ``meeting/1``) as plain, validated data.

This module does no I/O: :mod:`exporter.load` turns files into these objects
and owns every input error, the renderers only read them.  Field names are the
keys of ``shared/spec/meeting-data.md``; that file is the contract, and other
programs write it, so a key here is never renamed.

The parts are frozen dataclasses, and a plainly valid record is read into
them by :func:`from_data` without pydantic: importing pydantic and building
its models took ~0.2 s, more than the rest of ``exporter validate``.
Whatever :func:`from_data` does not plainly accept, :mod:`exporter.schema`
(pydantic, the same checks) validates and words.

Every text field goes through :func:`clean_text`, which rejects control
characters and normalises half-width punctuation next to Chinese, so each
renderer gets the same, already correct string.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, NamedTuple, Self

from .text import find_control, format_date, fullwidth_punctuation, parse_date

FORMAT = "meeting/1"


# --- the checks of a field's value ---------------------------------------------

class FieldError(ValueError):
    """A value a field's check rejects: its kind, and a Chinese message template with its values.

    :mod:`exporter.schema` raises it again as pydantic's error (same kind, same
    words); the fast path takes it as "not plainly valid".
    """

    def __init__(self, kind: str, template: str, context: dict[str, Any] | None = None):
        message = template
        for key, value in (context or {}).items():      # as pydantic fills it: a value may hold braces
            message = message.replace(f"{{{key}}}", str(value))
        super().__init__(message)
        self.kind, self.template, self.context = kind, template, context


def clean_text(value: str) -> str:
    """Any text: no control characters; stripped; half-width punctuation next to Chinese made full-width."""
    bad = find_control(value)
    if bad:
        raise FieldError(
            "control_character",
            "含有控制字符 U+{code}（第{pos}个字符），请删除它（常见于从网页或其他软件复制的文本）",
            {"code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1},
        )
    return fullwidth_punctuation(value.strip())


def require_text(value: str) -> str:
    """A name: text that must not be empty."""
    if not value:
        raise FieldError("blank", "不能为空，请填写内容")
    return value


def cell_to_text(value: Any) -> Any:
    """List cells from CSV/XLSX may arrive as numbers: ``123`` is the text "123"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def to_date(value: Any) -> date:
    """2024-03-11 or 2024年3月11日 (a number is never a date)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise FieldError("date_format", "“{value}”不是日期，请写成 2024-03-11 或 2024年3月11日",
                         {"value": value})
    try:
        return parse_date(value)
    except ValueError as exc:
        raise FieldError("date_format", str(exc)) from None


_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


def check_time(value: str) -> str:
    """A 24-hour clock time, as ``09:00``."""
    m = _TIME.match(value.strip())
    if not m:
        raise FieldError("time_format", "“{value}”不是时间，请写成 24 小时制，如 \"09:00\"（加引号）",
                         {"value": value})
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def reject_numeric_time(value: Any) -> Any:
    """YAML 1.1 readers turn 09:00 into 540 (sexagesimal); say how to quote it."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise FieldError("time_format", "时间请加引号写成 \"09:00\"")
    return value


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_MAGNITUDES = "万亿千百"


def to_decimal(value: Any) -> Decimal:
    """Target values: numbers, or text with thousands separators and a trailing %; finite, under 10^100.

    A value past that is a typo, and no document could print it (a float,
    which the dump needs, ends at 1.8e308).
    """
    number = _decimal_of(value)
    if not number.is_finite() or number.adjusted() >= 100:
        raise FieldError("number", "“{value}”不是可用的数值，请检查是否多写了位数", {"value": value})
    return number


def _decimal_of(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise FieldError("number", "应为数字")
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
        raise FieldError(
            "number", "“{value}”不是数字：请把“{unit}”写到计量单位列（如 目标值 1200.5、计量单位 {unit}元）",
            {"value": value, "unit": value.strip()[-1]})
    raise FieldError("number", "“{value}”不是数字，请写成 120、1,200 或 12.5%", {"value": value})


# --- GB 32100-2015 统一社会信用代码 --------------------------------------------

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_CODE_CHARS)}
_CREDIT_CODE = re.compile(f"[{CREDIT_CODE_CHARS}]{{18}}")
"""18 characters of the code's alphabet: what :func:`check_credit_code` checks first, in one match."""


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015 §4.2)."""
    total = sum(map(operator.mul, map(_CREDIT_VALUE.__getitem__, first17[:17]), _CREDIT_WEIGHTS))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def check_credit_code(value: str | None) -> str | None:
    """A unified social credit code: 18 characters of its alphabet, the last one the check character."""
    if not value:
        return None
    code = value.strip().upper()
    if _CREDIT_CODE.fullmatch(code) and code[17] == credit_code_check_char(code):
        return code                                     # the usual case, in one match
    if len(code) != 18:
        raise FieldError("credit_code", "统一社会信用代码应为18位，“{code}”是{n}位",
                         {"code": code, "n": len(code)})
    wrong = [c for c in code if c not in _CREDIT_VALUE]
    if wrong:
        raise FieldError(
            "credit_code", "统一社会信用代码“{code}”含不允许的字符“{ch}”（不用 I、O、Z、S、V）",
            {"code": code, "ch": wrong[0]})
    # 18 characters of the alphabet that did not pass: the check character is wrong
    raise FieldError(
        "credit_code", "统一社会信用代码“{code}”校验位不对：按前17位应为“{want}”，请核对原始证照",
        {"code": code, "want": credit_code_check_char(code[:17])})


# --- the fast path's checks: exactly what the schema makes of the plain types, else step aside ----

class _Invalid(Exception):
    """The value is not plainly valid: let pydantic (:mod:`exporter.schema`) validate it and say why."""


def _optional(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else check(value)


def _list_of(check: Callable[[Any], Any]) -> Callable[[Any], list]:
    def checked(value: Any) -> list:
        if value.__class__ is not list:
            raise _Invalid
        return [check(v) for v in value]

    return checked


def _int_in(low: int, high: int | None = None) -> Callable[[Any], int]:
    def checked(value: Any) -> int:
        if value.__class__ is not int or value < low or (high is not None and value > high):
            raise _Invalid
        return value

    return checked


def _of_text(check: Callable[[str], Any], *, cell: bool = False) -> Callable[[Any], Any]:
    """*check* on a str (its ValueError, a FieldError too, means: not plainly valid).

    A list's *cell* may also be an int, read as its digits (``CellText``);
    text in the meeting file may not (``Text``).
    """
    def checked(value: Any) -> Any:
        if cell and value.__class__ is int:
            value = str(value)
        elif value.__class__ is not str:
            raise _Invalid
        try:
            return check(value)
        except ValueError:
            raise _Invalid from None

    return checked


def _clean_name(value: str) -> str:
    return require_text(clean_text(value))


_text = _of_text(clean_text)
_name = _of_text(_clean_name)
_time = _of_text(check_time)
_date_text = _of_text(parse_date)


def _date(value: Any) -> date:
    """What ``to_date`` makes of text, or of a spreadsheet's date cell (a datetime: its date; a date)."""
    if value.__class__ is datetime:
        return value.date()
    if value.__class__ is date:
        return value
    return _date_text(value)


def _bool(value: Any) -> bool:
    if value.__class__ is not bool:
        raise _Invalid
    return value


def _format(value: Any) -> str:
    if value != FORMAT or value.__class__ is not str:
        raise _Invalid
    return value


def _counts(value: Any) -> dict[str, int]:
    """``expected``: names → counts, keys cleaned as names (a later equal key wins, in the first's place)."""
    if value.__class__ is not dict:
        raise _Invalid
    count = _int_in(0)
    return {_name(k): count(v) for k, v in value.items()}


def _rows(value: Any) -> Rows:
    """A list the loader validated row by row; anything else is for the schema to word."""
    if value.__class__ is not Rows:
        raise _Invalid
    return value


def _record(cls: type) -> Callable[[Any], Any]:
    return lambda value: _build(cls, value)


_POSITIVE = _int_in(1)
_COUNT = _int_in(0)
_OPTIONAL_TEXT = _optional(_text)


def _check(check: Callable[[Any], Any], key: str | None = None) -> dict[str, Any]:
    """A field's metadata: its fast check and, if it differs from the name, its key in the file."""
    return {"check": check, "key": key} if key else {"check": check}


def _build(cls: type, value: Any) -> Any:
    """*value* (a dict) as a *cls*, if every key is known, every required one present and every value plain."""
    if value.__class__ is not dict:
        raise _Invalid
    spec = _SPECS[cls]
    if not spec.keys() >= value.keys():
        raise _Invalid
    values = {}
    for key, (name, check, required) in spec.items():
        if key in value:
            values[name] = check(value[key])
        elif required:
            raise _Invalid
    return cls(**values)


_SPECS: dict[type, dict[str, tuple[str, Callable[[Any], Any], bool]]] = {}


def _specified(cls: type) -> type:
    """Register a record's fields (key in the file → name, check, required) for :func:`_build`."""
    _SPECS[cls] = {f.metadata.get("key", f.name): (
        f.name, f.metadata["check"], f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)}
    return cls


# --- the record ----------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Base of every part: frozen, built by keyword."""

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (not checked again: for code and tests that vary a record)."""
        return dataclasses.replace(self, **changes)


def _no_list() -> list:
    return []


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Person(Record):
    name: str = field(metadata=_check(_name))
    position: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))

    @property
    def positions(self) -> list[str]:
        """Several posts are written separated by 、."""
        return [p for p in (self.position or "").split("、") if p]


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Guest(Person):
    role: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Item(Record):
    heading: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))
    text: str = field(default="", metadata=_check(_text))


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Section(Record):
    heading: str = field(metadata=_check(_name))
    paragraphs: list[str] = field(default_factory=_no_list, metadata=_check(_list_of(_text)))
    items: list[Item] = field(default_factory=_no_list, metadata=_check(_list_of(_record(Item))))


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Speech(Record):
    speaker: Person = field(metadata=_check(_record(Person)))
    theme: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))
    sections: list[Section] = field(default_factory=_no_list, metadata=_check(_list_of(_record(Section))))


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingInfo(Record):
    title: str = field(metadata=_check(_name))
    date: date = field(metadata=_check(_date))
    time: str | None = field(default=None, metadata=_check(_optional(_time)))
    venue: str = field(metadata=_check(_name))
    source: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))
    host: Person | None = field(default=None, metadata=_check(_optional(_record(Person))))
    guests: list[Guest] = field(default_factory=_no_list, metadata=_check(_list_of(_record(Guest))))
    agenda: list[str] = field(default_factory=_no_list, metadata=_check(_list_of(_text)))
    speeches: list[Speech] = field(default_factory=_no_list, metadata=_check(_list_of(_record(Speech))))
    attendees: list[str] = field(default_factory=_no_list, metadata=_check(_list_of(_text)))

    @property
    def date_text(self) -> str:
        return format_date(self.date)


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Issuer(Record):
    name: str = field(metadata=_check(_name))
    short_name: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))
    office: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))

    @property
    def running_name(self) -> str:
        """The form used in running text."""
        return self.short_name or self.name

    @property
    def compiling_office(self) -> str:
        return self.office or self.name


class AwardeeRow(NamedTuple):
    """One validated row of the commendation list; ``extra`` keeps other columns in order.

    A provincial list has 100,000 rows; as pydantic objects they took ~1.4 KB
    each, as tuples ~0.3 KB, with repeated texts (category, award, park)
    shared.
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
    """One indicator of one responsible unit (a unit with four indicators has four rows)."""

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


# --- list rows: the fast path for valid ones ----------------------------------------------------

_POSITIVE_TEXT = re.compile(r"[1-9][0-9]{0,17}")


def _fast_no(value: Any) -> int | None:
    if value is None:
        return None
    if value.__class__ is int and value > 0:
        return value
    if value.__class__ is str and _POSITIVE_TEXT.fullmatch(value):
        return int(value)
    raise _Invalid


_fast_text = _of_text(clean_text, cell=True)
"""What ``CellText`` makes of a str or an int (anything else: pydantic decides)."""
_fast_name = _of_text(_clean_name, cell=True)


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
        return check_credit_code(value)
    except FieldError:
        raise _Invalid from None


def _fast_value(value: Any) -> Decimal:
    try:
        return to_decimal(value)
    except FieldError:
        raise _Invalid from None


def _fast_date(value: Any) -> date | None:
    return None if value is None else _date(value)


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


def awardee_row(no, name, category, award, park, credit_code, note, extra) -> AwardeeRow:
    """A validated awardee as a row tuple; repeated texts interned so 100,000 rows share them."""
    return AwardeeRow(no, name, sys.intern(category), sys.intern(award), _shared(park), credit_code, note,
                      _extra(extra))


def target_row(no, unit, unit_type, indicator, value, measure, deadline, owner, note, extra) -> TargetRow:
    """A validated target as a row tuple (see :func:`awardee_row`)."""
    return TargetRow(no, sys.intern(unit), sys.intern(unit_type), sys.intern(indicator), value, _shared(measure),
                     deadline, owner, note, _extra(extra))


class Rows(list):
    """A list of row tuples the loader already validated: the model takes it as it is."""


AWARDEE_HEADERS = {"no": "序号", "name": "名称", "category": "类别", "award": "奖项",
                   "park": "所属园区", "credit_code": "统一社会信用代码", "note": "备注"}
TARGET_HEADERS = {"no": "序号", "unit": "责任单位", "unit_type": "单位类型", "indicator": "指标",
                  "value": "目标值", "measure": "计量单位", "deadline": "完成时限",
                  "owner": "责任人", "note": "备注"}
REQUIRED_AWARDEE = ("name", "category", "award")
REQUIRED_TARGET = ("unit", "unit_type", "indicator", "value")


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Awards(Record):
    decision: str = field(metadata=_check(_name))
    announced_by: Person | None = field(default=None, metadata=_check(_optional(_record(Person))))
    expected: dict[str, int] | None = field(default=None, metadata=_check(_optional(_counts)))
    statements: int | None = field(default=None, metadata=_check(_optional(_COUNT)))
    rows: list[AwardeeRow] = field(metadata=_check(_rows, key="list"))

    def counts(self) -> Counter[str]:
        """Listed awardees per category, in first-seen order."""
        return Counter(a.category for a in self.rows)

    def categories(self) -> list[str]:
        """Declared categories first (in their order), then any others as listed."""
        seen = dict.fromkeys(self.expected or {})
        seen.update(dict.fromkeys(a.category for a in self.rows))
        return list(seen)

    def by_category(self) -> dict[str, list[AwardeeRow]]:
        groups: dict[str, list[AwardeeRow]] = {c: [] for c in self.categories()}
        for a in self.rows:
            groups[a.category].append(a)
        return groups

    def extra_columns(self) -> list[str]:
        return _extra_columns(self.rows)


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Targets(Record):
    year: int = field(metadata=_check(_int_in(1949, 2200)))
    title: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))
    expected: dict[str, int] | None = field(default=None, metadata=_check(_optional(_counts)))
    rows: list[TargetRow] = field(metadata=_check(_rows, key="list"))

    @property
    def display_title(self) -> str:
        return self.title or f"{self.year}年目标任务责任书"

    def units(self) -> dict[str, list[TargetRow]]:
        """Rows grouped by responsible unit, in first-seen order."""
        groups: dict[str, list[TargetRow]] = {}
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


def _extra_columns(rows: list[AwardeeRow] | list[TargetRow]) -> list[str]:
    seen: dict[str, None] = {}
    for r in rows:
        seen.update(dict.fromkeys(r.extra))
    return list(seen)


_NAMES = _list_of(_name)


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Distribution(Record):
    报: list[str] = field(default_factory=_no_list, metadata=_check(_NAMES))
    送: list[str] = field(default_factory=_no_list, metadata=_check(_NAMES))
    发: list[str] = field(default_factory=_no_list, metadata=_check(_NAMES))


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing(Record):
    name: str = field(default="工作简报", metadata=_check(_name))
    issue: int = field(default=1, metadata=_check(_POSITIVE))
    date: date | None = field(default=None, metadata=_check(_optional(_date)))
    classification: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))
    headline: str | None = field(default=None, metadata=_check(_OPTIONAL_TEXT))
    distribution: Distribution | None = field(default=None, metadata=_check(_optional(_record(Distribution))))
    copies: int | None = field(default=None, metadata=_check(_optional(_POSITIVE)))


@_specified
@dataclass(frozen=True, slots=True, kw_only=True)
class Meeting(Record):
    """A whole meeting file, its lists resolved to rows."""

    format: str = field(metadata=_check(_format))
    sample: bool = field(default=False, metadata=_check(_bool))
    issuer: Issuer = field(metadata=_check(_record(Issuer)))
    meeting: MeetingInfo = field(metadata=_check(_record(MeetingInfo)))
    awards: Awards | None = field(default=None, metadata=_check(_optional(_record(Awards))))
    targets: Targets | None = field(default=None, metadata=_check(_optional(_record(Targets))))
    briefing: Briefing = field(default=Briefing(), metadata=_check(_record(Briefing)))

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


def from_data(data: Any) -> Meeting | None:
    """The meeting, if *data* is plainly valid (lists already checked into :class:`Rows`); else None.

    "Plainly" means every key known, every required key there, and every
    value of the exact type a check takes (text as str, numbers as int, …)
    and accepted by it.  Anything else returns None, and the loader lets
    :mod:`exporter.schema` validate it: pydantic then accepts what it
    coerces, and words what it rejects.  Tests hold the two to the same
    result.
    """
    try:
        return _build(Meeting, data)
    except _Invalid:
        return None


# --- the record as data again (the dump, and the PDF's file identifier) ----------------

def to_data(record: Any, *, for_json: bool = False) -> Any:
    """The record as plain data under its file keys, as ``model_dump(by_alias=True)`` made it before.

    Dates are ISO text, a target's value an int or a float (a float in
    JSON), None stays None.  What hashes it (the PDF's file identifier)
    must get the same for unchanged data, release after release.
    """
    if isinstance(record, Record):
        return {f.metadata.get("key", f.name): to_data(getattr(record, f.name), for_json=for_json)
                for f in dataclasses.fields(record)}
    if isinstance(record, (AwardeeRow, TargetRow)):
        return _row_data(record, for_json)
    if isinstance(record, list):
        return [to_data(v, for_json=for_json) for v in record]
    if isinstance(record, dict):
        return {k: to_data(v, for_json=for_json) for k, v in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    return record


def _row_data(record: AwardeeRow | TargetRow, as_json: bool) -> dict:
    """A row as the record models dumped it: a target's deadline as text, its value an int or a float (float in JSON)."""
    row = record._asdict()
    row["extra"] = dict(record.extra)
    if record.__class__ is TargetRow:
        value = record.value
        number = int(value) if value == value.to_integral_value() else float(value)
        row["value"] = float(number) if as_json else number
        if record.deadline is not None:
            row["deadline"] = record.deadline.isoformat()
    return row


def to_json(record: Any) -> str:
    """The record as compact JSON, byte for byte what pydantic's ``model_dump_json(by_alias=True)`` wrote.

    It names the PDF (its /ID); the same text keeps an unchanged meeting's
    PDF byte-identical across this release, so cron does not mail it again.
    Floats follow pydantic-core's spelling, which differs from Python's only
    in the exponent (``1e-7``, not ``1e-07``; ``0.00001``, not ``1e-05``).
    """
    return "".join(json_pieces(record))


def json_pieces(record: Any) -> Iterator[str]:
    """:func:`to_json`'s text in pieces, a list row by row: what hashes it never holds 100,000 rows as dicts.

    Built whole, the dump of a 100,000-row meeting took 150 MB on top of the
    model; in pieces it takes one row's worth.  Each piece is a whole key or
    a whole value, so a number or a string is never cut.
    """
    if isinstance(record, Record):
        yield "{"
        for i, f in enumerate(dataclasses.fields(record)):
            yield f'{"," if i else ""}{_compact_json(f.metadata.get("key", f.name))}:'
            yield from json_pieces(getattr(record, f.name))
        yield "}"
    elif isinstance(record, list):
        yield "["
        for start in range(0, len(record), _ROWS_PER_PIECE):
            part = record[start:start + _ROWS_PER_PIECE]
            if start:
                yield ","
            if all(isinstance(item, (AwardeeRow, TargetRow)) for item in part):
                yield _json_floats(_compact_json([_row_data(row, True) for row in part])[1:-1])
            else:
                yield ",".join("".join(json_pieces(item)) for item in part)
        yield "]"
    else:
        yield _json_floats(_compact_json(to_data(record, for_json=True)))


_ROWS_PER_PIECE = 1000
"""Rows encoded at once: one call of the C encoder for many, and never the whole list as dicts."""


_compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""JSON as pydantic-core wrote it (no spaces, text as is); one encoder for every piece."""


_FLOAT_EXPONENT = re.compile(r'("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)e-(\d+)')


def _json_floats(text: str) -> str:
    """Negative exponents as pydantic-core writes them: down to 1e-5 in full, below that unpadded."""
    def spelled(m: re.Match) -> str:
        if m.group(1):
            return m.group(1)                       # a string: left as it is
        mantissa, exponent = m.group(2), int(m.group(3))
        if exponent <= 5:
            return format(Decimal(f"{mantissa}e-{exponent}"), "f")
        return f"{mantissa}e-{exponent}"

    return _FLOAT_EXPONENT.sub(spelled, text) if "e-" in text else text
