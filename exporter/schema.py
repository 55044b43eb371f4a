"""The ``meeting/1`` contract as pydantic models: the authority on what is valid and how it is said.

:mod:`exporter.model` holds the meeting as plain frozen dataclasses and reads
a plainly valid record without this module: importing pydantic and building
these models cost ~0.2 s of every command's start, more than the rest of
``exporter validate``.  Whenever the plain path steps aside (an unknown key,
a value of an unusual type, any value a check rejects), the loader imports
this module; pydantic then validates the record and either words every
error (see ``load._describe``) or accepts it, and :func:`to_model` turns
its result into the plain model.  ``exporter schema`` is generated from here.

Both use the same checks (``model.clean_text`` …), and tests hold the two
paths to the same result, field for field; a test also holds these classes'
fields to the dataclasses' fields.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Callable, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import model
from .model import AWARDEE_HEADERS, TARGET_HEADERS, AwardeeRow, FieldError, Rows, TargetRow


def _pydantic(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A model check whose :class:`~exporter.model.FieldError` becomes pydantic's error, same kind and words."""

    def validate(value: Any) -> Any:
        try:
            return check(value)
        except FieldError as exc:
            raise PydanticCustomError(exc.kind, exc.template, exc.context) from None

    validate.__name__ = check.__name__
    validate.__doc__ = check.__doc__
    return validate


_clean_text = _pydantic(model.clean_text)
_not_blank = _pydantic(model.require_text)

Text = Annotated[str, AfterValidator(_clean_text)]
"""Any text: no control characters, punctuation normalised."""

Name = Annotated[str, AfterValidator(_clean_text), AfterValidator(_not_blank)]
"""Text that must not be empty."""

CellText = Annotated[str, BeforeValidator(model.cell_to_text), AfterValidator(_clean_text)]
CellName = Annotated[str, BeforeValidator(model.cell_to_text), AfterValidator(_clean_text),
                     AfterValidator(_not_blank)]

MeetingDate = Annotated[date, BeforeValidator(_pydantic(model.to_date)),
                        Field(json_schema_extra={"type": "string",
                                                 "description": "2024-03-11 或 2024年3月11日"})]

ClockTime = Annotated[str, BeforeValidator(_pydantic(model.reject_numeric_time)),
                      AfterValidator(_pydantic(model.check_time))]

Number = Annotated[Decimal, BeforeValidator(_pydantic(model.to_decimal)),
                   Field(json_schema_extra={"anyOf": [{"type": "number"}, {"type": "string"}]})]

PositiveInt = Annotated[int, Field(gt=0)]
Count = Annotated[int, Field(ge=0)]

CreditCode = Annotated[str | None, BeforeValidator(model.cell_to_text),
                       AfterValidator(_pydantic(model.check_credit_code))]


# --- the record ----------------------------------------------------------------

class Record(BaseModel):
    """Base of every part: unknown keys are errors (they are nearly always typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Person(Record):
    name: Name
    position: Text | None = None


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


class Issuer(Record):
    name: Name
    short_name: Text | None = None
    office: Text | None = None


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


def compact_awardee(record: Awardee) -> AwardeeRow:
    """The validated record as a row tuple; repeated texts interned so 100,000 rows share them."""
    d = record.__dict__
    return model.awardee_row(d["no"], d["name"], d["category"], d["award"], d["park"], d["credit_code"],
                             d["note"], d["extra"])


def compact_target(record: Target) -> TargetRow:
    """The validated record as a row tuple (see :func:`compact_awardee`)."""
    d = record.__dict__
    return model.target_row(d["no"], d["unit"], d["unit_type"], d["indicator"], d["value"], d["measure"],
                            d["deadline"], d["owner"], d["note"], d["extra"])


_COMPACT = {AwardeeRow: compact_awardee, TargetRow: compact_target}


def _rows_of(row_type: type):
    """The validator of a list field: dicts or records are validated, then kept as row tuples."""

    def validate(value: Any, handler) -> Rows:
        if isinstance(value, Rows):
            return value
        return Rows(_COMPACT[row_type](r) for r in handler(value))

    return validate


AwardeeRows = Annotated[list[Awardee], WrapValidator(_rows_of(AwardeeRow))]
TargetRows = Annotated[list[Target], WrapValidator(_rows_of(TargetRow))]


class Awards(Record):
    decision: Name
    announced_by: Person | None = None
    expected: dict[Name, Count] | None = None
    statements: Count | None = None
    rows: AwardeeRows = Field(alias="list")


class Targets(Record):
    year: int = Field(ge=1949, le=2200)
    title: Text | None = None
    expected: dict[Name, Count] | None = None
    rows: TargetRows = Field(alias="list")


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


PLAIN = {Person: model.Person, Guest: model.Guest, Item: model.Item, Section: model.Section,
         Speech: model.Speech, MeetingInfo: model.MeetingInfo, Issuer: model.Issuer, Awards: model.Awards,
         Targets: model.Targets, Distribution: model.Distribution, Briefing: model.Briefing,
         Meeting: model.Meeting}
"""Each pydantic class and the dataclass it validates for (same fields, same order)."""


def to_model(value: Any) -> Any:
    """A validated pydantic record → the plain model (rows are already row tuples)."""
    if isinstance(value, BaseModel):
        return PLAIN[type(value)](**{name: to_model(v) for name, v in value.__dict__.items()})
    if isinstance(value, list) and not isinstance(value, Rows):
        return [to_model(v) for v in value]
    return value


def validate(data: Any) -> model.Meeting:
    """Validate a meeting's data with pydantic (raises ``pydantic.ValidationError``)."""
    return to_model(Meeting.model_validate(data))


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
