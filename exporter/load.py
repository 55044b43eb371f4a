"""Files → :class:`~exporter.model.Meeting`.  Owns every input error.

The loader reads a meeting file (YAML or JSON) and the list files it names
(CSV or XLSX), remembers where every value came from, validates the whole
record, and reports *all* problems at once, each with the file, the place
(line:column, or sheet/row/header) and what would fix it.  Nothing
downstream ever sees invalid data, and nothing is written when a problem is
found.
"""

from __future__ import annotations

import codecs
import dataclasses
import csv
import difflib
import itertools
import json
import re
from array import array
import typing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
import sys
from typing import Any, Callable, Iterator

from . import model
from .errors import InputError, Location, Problem, Problems
from .text import classifier_for, find_control
from .model import AWARDEE_HEADERS, REQUIRED_AWARDEE, REQUIRED_TARGET, TARGET_HEADERS, Meeting

MEETING_SUFFIXES = (".yaml", ".yml", ".json")
LIST_KEYS = {"awards": (AWARDEE_HEADERS, REQUIRED_AWARDEE, "表彰名单"),
             "targets": (TARGET_HEADERS, REQUIRED_TARGET, "目标责任")}

KeyPath = tuple  # a key path into the meeting: ("awards", "list", 3, "name")


@dataclass
class Loaded:
    """The model plus what the manifest needs: every input file read."""

    meeting: Meeting
    source: Path
    inputs: list[Path]


# --- positions -----------------------------------------------------------------

class DocumentPositions:
    """Line/column of every key and value of a YAML/JSON document (via ruamel.yaml)."""

    def __init__(self, file: str, root: Any):
        self.file = file
        self.root = root

    def locate(self, path: KeyPath, at_key: bool = False) -> Location:
        node, line, col = self.root, 0, 0
        lc = getattr(node, "lc", None)
        if lc is not None:
            line, col = lc.line, lc.col
        for i, step in enumerate(path):
            last = i == len(path) - 1
            lc = getattr(node, "lc", None)
            try:
                if isinstance(node, dict) and step in node:
                    kl, kc, vl, vc = lc.data[step] if lc is not None else (line, col, line, col)
                    line, col = (kl, kc) if (at_key and last) else (vl, vc)
                    node = node[step]
                elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                    line, col = lc.data[step] if lc is not None else (line, col)
                    node = node[step]
                else:
                    break
            except (KeyError, IndexError, AttributeError, TypeError):
                break
        return Location(self.file, line + 1, col + 1, path=_dotted(path))


def _dotted(path: KeyPath) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


@dataclass
class ListSource:
    """Where each row and column of one list came from."""

    file: str
    sheet: str | None
    rows: array                           # file row number per list index (array of 'I')
    headers: dict[str, str]               # canonical key (or extra header) → header as written
    letters: dict[str, str] = field(default_factory=dict)   # column letters per key (XLSX)

    def locate(self, index: int, key: str | None) -> Location:
        header = self.headers.get(key, key) if key else None
        cell = None
        if key in self.letters and index < len(self.rows):
            cell = f"{self.letters[key]}{self.rows[index]}"
        row = self.rows[index] if index < len(self.rows) else None
        return Location(self.file, sheet=self.sheet, row=row, header=header, cell=cell)


class Locator:
    """Maps a key path to a Location, in the meeting file or a list file."""

    def __init__(self, doc: DocumentPositions):
        self.doc = doc
        self.lists: dict[str, ListSource] = {}
        self.inline_keys: dict[tuple[str, int], dict[str, str]] = {}

    def __call__(self, path: KeyPath, at_key: bool = False) -> Location:
        if len(path) >= 3 and path[0] in self.lists and path[1] == "list" and isinstance(path[2], int):
            key = path[4] if len(path) >= 5 and path[3] == "extra" else (path[3] if len(path) >= 4 else None)
            return self.lists[path[0]].locate(path[2], key)
        if len(path) >= 4 and path[1] == "list" and (path[0], path[2]) in self.inline_keys:
            written = self.inline_keys[(path[0], path[2])]
            path = tuple(path[:3]) + (written.get(path[3], path[3]),) + tuple(path[4:])
        return self.doc.locate(path, at_key)


# --- reading the meeting file -----------------------------------------------------

def _read_text(path: Path, problems: Problems, where: Location) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(where, f"文件“{path}”不存在", "请检查路径和文件名", "file_missing")
        return None
    except OSError as exc:
        problems.add(where, f"无法读取文件“{path}”：{exc.strerror}", None, "file_unreadable")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(where, f"文件不是 UTF-8 编码（第{exc.start + 1}个字节无法解码）",
                     "请在编辑器中另存为 UTF-8", "encoding")
        return None


def _yaml():
    """A round-trip reader (it keeps positions) that leaves dates as text.

    ruamel would turn ``2024-02-30`` into an exception with no position; as
    text it reaches the model's date check and is reported at its line.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class DatesAsText(RoundTripConstructor):
        pass

    DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = DatesAsText
    yaml.allow_duplicate_keys = False
    return yaml


def _plain(node: Any) -> Any:
    """ruamel's commented containers and scalar strings → plain dicts, lists and str.

    Positions are kept apart.  A block scalar (``|-``), a folded one or an
    anchored value arrives as a ``str`` subclass; downstream checks (the fast
    row path, the glyph check) rely on exact ``str``.
    """
    if isinstance(node, dict):
        return {_plain_key(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str) and node.__class__ is not str:
        return str(node)
    return node


def _plain_key(key: Any) -> Any:
    return key if key.__class__ in (str, int) else str(key)


def read_document(path: Path, problems: Problems) -> tuple[Any, DocumentPositions] | None:
    """Parse a YAML or JSON meeting file, keeping every node's line and column."""
    where = Location(str(path))
    text = _read_text(path, problems, where)
    if text is None:
        return None
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if not text.strip():
        problems.add(Location(str(path), 1, 1), "会议文件是空的", "可用 exporter init 生成带注释的模板", "empty")
        return None
    if path.suffix.lower() == ".json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            problems.add(Location(str(path), exc.lineno, exc.colno), f"JSON 语法错误：{_json_problem(exc.msg)}",
                         "检查这一处附近的逗号、引号和括号", "syntax")
            return None
    try:
        root = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what, hint = _yaml_problem(exc)
        problems.add(Location(str(path), line, col), what, hint, "syntax")
        return None
    except YAMLError as exc:   # the reader's errors carry a character offset, not a mark
        line, col = _line_col(text, getattr(exc, "position", None))
        character = getattr(exc, "character", None)
        code = ord(character) if isinstance(character, str) else character
        what = f"含有不允许的控制字符 U+{code:04X}" if isinstance(code, int) else "文件中含有 YAML 不允许的字符"
        problems.add(Location(str(path), line, col), what, "请删除它（常见于从网页或其他软件复制的文本）",
                     "control_character")
        return None
    if not isinstance(root, dict):
        problems.add(Location(str(path), 1, 1), "会议文件的顶层应是键值映射（format: meeting/1 …）",
                     "参考 exporter init 生成的模板", "type")
        return None
    return _plain(root), DocumentPositions(str(path), root)


def _line_col(text: str, position: int | None) -> tuple[int | None, int | None]:
    if position is None:
        return None, None
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


_SYNTAX_HINT = "检查缩进（用空格，不用制表符）、冒号后的空格和引号是否成对"


def _yaml_problem(exc) -> tuple[str, str]:
    """ruamel's English message → a Chinese one, with a hint that fits it."""
    text = f"{exc.problem or exc.context or ''}"
    if "duplicate key" in text:
        key = text.split("duplicate key", 1)[1].split(" with value")[0].strip().strip('"')
        first = exc.context_mark.line + 1 if getattr(exc, "context_mark", None) else None
        return f"键“{key}”在同一层写了两次", f"删除重复的一个（所在映射从第{first}行开始）" if first else "删除重复的一个"
    translations = {
        "mapping values are not allowed here": "这里不能出现“键: 值”（可能缩进不对，或值里的冒号需要加引号）",
        "found character '\\t' that cannot start any token": "出现了制表符（Tab），YAML 只能用空格缩进",
        "could not find expected ':'": "找不到应有的冒号“:”",
        "found undefined alias": "引用了未定义的别名",
        "expected <block end>, but found": "缩进不一致：这一行与上一级对不齐",
        "found unexpected end of stream": "文件意外结束（引号或括号没有闭合）",
        "found unknown escape character": "双引号中的反斜杠“\\”后跟了不认识的字符（路径请用单引号）",
    }
    for en, cn in translations.items():
        if en in text:
            return "YAML 语法错误：" + cn, _SYNTAX_HINT
    return "YAML 语法错误", _SYNTAX_HINT


_JSON_MESSAGES = {
    "Expecting ',' delimiter": "缺少逗号“,”",
    "Expecting ':' delimiter": "缺少冒号“:”",
    "Expecting property name enclosed in double quotes": "键名应放在英文双引号中（也可能是多了一个逗号）",
    "Expecting value": "这里应有一个值",
    "Unterminated string starting at": "字符串没有结束的引号",
    "Extra data": "JSON 结束后还有多余的内容",
    "Invalid control character at": "字符串中有控制字符（换行请写成 \\n）",
    "Invalid \\escape": "不认识的反斜杠转义（路径中的“\\”请写成“\\\\”或“/”）",
}


def _json_problem(msg: str) -> str:
    for en, cn in _JSON_MESSAGES.items():
        if msg.startswith(en):
            return cn
    return msg


# --- reading lists ------------------------------------------------------------

def _header_map(headers: dict[str, str]) -> dict[str, str]:
    """Chinese and English header spellings → canonical key."""
    m = {cn: key for key, cn in headers.items()}
    m.update({key: key for key in headers})
    return m


def _canonical(header: str, names: dict[str, str]) -> str | None:
    h = header.strip()
    return names.get(h) or names.get(h.lower())


def _csv_encoding_of(chunks: Callable[[], Iterator[bytes]], first: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Excel on Chinese Windows).

    The file is decoded in chunks and the text thrown away: only the codec
    is wanted, and a 100,000-row list decoded whole was a 30 MB transient
    that glibc then kept as free heap for the rest of the run.
    """
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "gb18030")
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for chunk in chunks():
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return None


def _csv_rows(fh: typing.TextIO) -> Iterator[tuple[int, list]]:
    """Rows of a CSV read line by line; the separator is the one the header line uses most (, tab ;).

    Streamed so that a 100,000-row list is never held as one text besides its rows.
    """
    header = fh.readline()
    delimiter = max(",\t;", key=header.count) if any(d in header for d in ",\t;") else ","
    reader = csv.reader(itertools.chain((header,), fh), delimiter=delimiter)
    for number, row in enumerate(reader, start=1):
        if any(cell.strip() for cell in row):
            yield number, row


def _read_list_file(spec: str, base: Path, where: Location, problems: Problems, inputs: list[Path]
                    ) -> tuple[Iterator[tuple[int, list]], str, str | None, Callable[[], None]] | None:
    """Open a list file: yields rows; returns (rows, display name, sheet, close)."""
    name, _, sheet = spec.partition("#")
    path = (base / name) if not Path(name).is_absolute() else Path(name)
    if path.is_dir():
        problems.add(where, f"“{name}”是一个文件夹，不是名单文件", "请写出文件名，如 表彰名单.csv", "list_type")
        return None
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".txt", ".tsv"):
        hint = "请在 Excel 中另存为 .xlsx 或 .csv" if suffix in (".xls", ".et", ".ods", ".numbers") \
            else "名单文件应为 .csv 或 .xlsx"
        problems.add(where, f"不支持的名单文件类型“{path.name}”", hint, "list_type")
        return None
    if not path.is_file():
        problems.add(where, f"名单文件“{name}”不存在（查找位置：{path}）",
                     "路径相对于会议文件所在的文件夹；请检查文件名", "file_missing")
        return None
    inputs.append(path)
    display = str(path)
    if suffix == ".xlsx":
        from .xlsxread import Workbook, XlsxError

        try:
            book = Workbook(path)
        except XlsxError as exc:
            problems.add(Location(display), str(exc), "请用 Excel 或 WPS 打开后重新另存为 .xlsx", "xlsx")
            return None
        chosen = sheet or next(iter(book.sheets), None)
        if chosen not in book.sheets:
            problems.add(where, f"工作簿“{path.name}”中没有工作表“{sheet}”",
                         f"现有工作表：{'、'.join(book.sheets)}", "sheet_missing")
            book.close()
            return None
        return book.rows(chosen), display, chosen, book.close
    encoding = _csv_encoding(path)
    if encoding is None:
        problems.add(Location(display), "无法识别文件编码（既不是 UTF-8，也不是 GB18030/GBK）",
                     "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”", "encoding")
        return None
    fh = open(path, encoding=encoding, newline="")
    return _csv_rows(fh), display, None, fh.close


def _csv_encoding(path: Path) -> str | None:
    """The codec that reads the whole file; the text itself is then streamed, not kept."""

    def chunks() -> Iterator[bytes]:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                yield block

    with open(path, "rb") as fh:
        first = fh.read(2)
    return _csv_encoding_of(chunks, first)


def load_list_file(section: str, spec: str, base: Path, where: Location, problems: Problems,
                   inputs: list[Path]) -> tuple[Iterator[dict], ListSource] | None:
    """A CSV/XLSX list → its header map now, and its rows as dicts with canonical keys, lazily.

    The header is checked at once (a missing required column stops here);
    rows are read as they are consumed, so the loader can validate and
    compact each one before the next is read.  Extra columns go under
    ``extra``.  A list with a header and no rows is reported when the
    iterator ends.
    """
    headers, required, label = LIST_KEYS[section]
    opened = _read_list_file(spec, base, where, problems, inputs)
    if opened is None:
        return None
    rows_iter, display, sheet, close = opened
    first = next(rows_iter, None)
    if first is None:
        close()
        problems.add(Location(display, sheet=sheet), f"{label}文件是空的", "第一行应为表头：" +
                     "、".join(headers.values()), "empty_list")
        return None
    header_row, header_cells = first
    source, columns, rejected = _read_header(section, header_row, header_cells, display, sheet, problems)
    missing = [headers[k] for k in required if k not in source.headers]
    if missing:
        close()
        problems.add(Location(display, sheet=sheet, row=header_row),
                     f"{label}缺少必需的列：{'、'.join(missing)}",
                     f"表头应包含：{'、'.join(headers[k] for k in required)}（中文或英文列名均可）",
                     "missing_column")
        return None
    headed = {idx for idx, _, _ in columns} | rejected
    return _list_rows(rows_iter, close, columns, headed, source, header_row, label, problems), source


def _read_header(section: str, header_row: int, header_cells: list, display: str, sheet: str | None,
                 problems: Problems) -> tuple[ListSource, list[tuple[int, str, bool]], set[int]]:
    """Header cells → (where each column came from, (index, key, is_extra) per column, rejected indexes).

    A header is rejected when it repeats another or holds a control character.
    """
    from .cellref import column_letter

    names = _header_map(LIST_KEYS[section][0])
    columns: list[tuple[int, str, bool]] = []     # (index, key, is_extra)
    source = ListSource(display, sheet, array("I"), {})
    rejected: set[int] = set()    # duplicate or unusable headers: reported once, not again per row
    for idx, cell in enumerate(header_cells):
        text = str(cell).strip() if cell is not None else ""
        if not text:
            continue
        key = _canonical(text, names)
        loc = Location(display, sheet=sheet, row=header_row, header=text,
                       cell=f"{column_letter(idx + 1)}{header_row}" if sheet else None)
        bad = find_control(text)
        if bad:
            shown = "".join("�" if find_control(ch) else ch for ch in text)    # never echo a control
            problems.add(dataclasses.replace(loc, header=shown),
                         f"表头“{shown}”含有控制字符 U+{ord(bad.group()):04X}（第{bad.start() + 1}个字符）",
                         "请删除它（常见于从网页或其他软件复制的文本）", "control_character")
            rejected.add(idx)
            continue
        if (key or text) in source.headers:
            first = source.headers[key or text]
            what = f"表头“{text}”出现了两次" if first == text else f"表头“{text}”与“{first}”是同一列"
            problems.add(loc, what, "删除或改名重复的列", "duplicate_header")
            rejected.add(idx)
            continue
        columns.append((idx, key or text, key is None))
        source.headers[key or text] = text
        if sheet:
            source.letters[key or text] = column_letter(idx + 1)
    return source, columns, rejected


def _list_rows(rows_iter: Iterator[tuple[int, list]], close: Callable[[], None],
               columns: list[tuple[int, str, bool]], headed: set[int], source: ListSource,
               header_row: int, label: str, problems: Problems) -> Iterator[dict]:
    """The data rows of a list file as dicts, recording each one's row number in *source*."""
    width = max(headed) + 1 if headed else 0
    try:
        for number, cells in rows_iter:
            if len(cells) > width or len(headed) < width:
                _check_unheaded_cells(cells, headed, source.file, source.sheet, number, problems)
                width = max(headed) + 1
            row: dict[str, Any] = {}
            extra: dict[str, Any] = {}
            count = len(cells)
            for idx, key, is_extra in columns:
                if idx >= count:
                    continue
                value = cells[idx]
                if value.__class__ is str:
                    value = value.strip()
                    if not value:
                        continue
                elif value is None:
                    continue
                (extra if is_extra else row)[key] = value
            if extra:
                row["extra"] = {k: (v if not isinstance(v, datetime) else v.date().isoformat())
                                for k, v in extra.items()}
            source.rows.append(number)
            yield row
    finally:
        close()
    if not source.rows:
        problems.add(Location(source.file, sheet=source.sheet, row=header_row), f"{label}只有表头，没有任何数据行",
                     "请逐行填写名单；如本次会议没有该项内容，请删去会议文件中的这一节", "empty_list")


def _check_unheaded_cells(cells: list, headed: set[int], file: str, sheet: str | None, row: int,
                          problems: Problems) -> None:
    """A value under an empty header would be silently lost: say where it is."""
    from .cellref import column_letter

    for idx, value in enumerate(cells):
        if idx not in headed and value not in (None, "") and str(value).strip():
            headed.add(idx)
            problems.add(Location(file, sheet=sheet, row=row, cell=f"{column_letter(idx + 1)}{row}"),
                         f"第{column_letter(idx + 1)}列没有表头，但这里有内容“{value}”",
                         "请给这一列写上表头（不认识的表头会作为附加列保留），或删除这些内容", "unheaded_column")


def _inline_rows(section: str, rows: list, locator: Locator, problems: Problems) -> list:
    """Inline rows may use the Chinese headers as keys; map them to the canonical ones."""
    headers, _, _ = LIST_KEYS[section]
    names = _header_map(headers)
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            out.append(row)
            continue
        mapped, written = {}, {}
        for key, value in row.items():
            canon = _canonical(str(key), names) if key != "extra" else "extra"
            canon = canon or key
            if canon in mapped:
                problems.add(locator((section, "list", i, key), at_key=True),
                             f"“{key}”与“{written[canon]}”是同一列，写了两次", "只保留一个", "duplicate_key")
            mapped[canon] = value
            written[canon] = key
        locator.inline_keys[(section, i)] = written
        out.append(mapped)
    return out


# --- validation errors → problems ---------------------------------------------------

def _annotation_at(loc: tuple) -> type | None:
    """The schema class that owns the last key of ``loc`` (for 'closest valid key')."""
    from pydantic import BaseModel

    from . import schema

    current: Any = schema.Meeting
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int) or current is None:
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {f.alias or name: f for name, f in current.model_fields.items()}
            f = fields.get(step)
            if f is None:
                return current
            current = f.annotation
        else:
            return None
    return None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (list, typing.Union) or str(origin) == "<class 'types.UnionType'>":
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if not args:
                return None
            tp = args[0]
        elif origin is dict:
            return None
        else:
            return tp


def _valid_keys(loc: tuple) -> list[str]:
    from pydantic import BaseModel

    from . import schema

    owner = _annotation_at(loc[:-1] + ("__none__",))
    if owner is None or not (isinstance(owner, type) and issubclass(owner, BaseModel)):
        return []
    keys = [f.alias or name for name, f in owner.model_fields.items()]
    if owner in (schema.Awardee, schema.Target):
        keys += list((AWARDEE_HEADERS if owner is schema.Awardee else TARGET_HEADERS).values())
    return keys


_TYPE_NAMES = {"str": "文本", "int": "整数", "float": "数字", "bool": "true/false", "list": "列表",
               "dict": "键值映射", "NoneType": "空值", "CommentedMap": "键值映射",
               "CommentedSeq": "列表", "date": "日期", "datetime": "日期时间"}


def _describe(err: dict, json_file: bool = False) -> tuple[str, str | None, bool]:
    """A pydantic error → (Chinese message, hint, located at the key rather than the value)."""
    kind, loc, ctx = err["type"], err["loc"], err.get("ctx") or {}
    key = next((s for s in reversed(loc) if isinstance(s, str)), "")
    got = _TYPE_NAMES.get(type(err.get("input")).__name__, type(err.get("input")).__name__)
    if kind == "missing":
        example = f'"{key}": …' if json_file else f"{key}: …"
        return f"缺少必填项“{key}”", f"请在这里补上 {example}", False
    if kind == "date_format":
        return err["msg"], "检查年、月、日是否写对（如 2024-03-11 或 2024年3月11日）", False
    if kind == "extra_forbidden":
        keys = _valid_keys(loc)
        close = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.5)
        hint = f"是否应为“{close[0]}”？" if close else (f"可用的键：{'、'.join(keys)}" if keys else None)
        return f"未知的键“{key}”", hint, True
    if kind in ("string_type", "string_sub_type"):
        return f"“{key}”应为文本，这里是{got}", "文本可加引号书写", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"“{key}”应为整数，这里是“{err.get('input')}”", None, False
    if kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        bound = ctx.get("gt", ctx.get("ge", ctx.get("le", ctx.get("lt"))))
        word = {"greater_than": "大于", "greater_than_equal": "不小于", "less_than_equal": "不大于",
                "less_than": "小于"}[kind]
        return f"“{key}”应{word}{bound}，这里是{err.get('input')}", None, False
    if kind in ("bool_type", "bool_parsing"):
        return f"“{key}”应为 true 或 false", None, False
    if kind == "literal_error":
        return f"“{key}”应为 {ctx.get('expected', '').strip(chr(39))}", \
            "本工具读取 meeting/1 格式：请写 format: meeting/1", False
    if kind == "list_type":
        return f"“{key}”应为列表（每项一行，以“- ”开头），这里是{got}", None, False
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"“{key}”应为键值映射，这里是{got}", None, False
    if kind in ("float_type", "float_parsing", "decimal_type", "decimal_parsing"):
        return f"“{key}”应为数字", None, False
    return err["msg"], None, False


def _validation_problems(errors: list[dict], locator: Locator, problems: Problems) -> None:
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and len(loc) >= 3 and loc[0] in LIST_KEYS and loc[1] == "list":
            # a missing cell: say it in the list's terms
            headers = LIST_KEYS[loc[0]][0]
            field_key = loc[-1]
            where = locator(loc)
            src = locator.lists.get(loc[0])
            header = src.headers.get(field_key, headers.get(field_key, field_key)) if src else field_key
            problems.add(where if src else locator(loc[:-1]), f"“{header}”不能为空",
                         "这一行需要填写该列", "missing")
            continue
        message, hint, at_key = _describe(err, locator.doc.file.lower().endswith(".json"))
        where = locator(loc[:-1] if err["type"] == "missing" else loc, at_key=at_key)
        problems.add(where, message, hint, err["type"])


def _expected(data: dict, section: str) -> dict | None:
    block = data.get(section)
    exp = block.get("expected") if isinstance(block, dict) else None
    return exp if isinstance(exp, dict) else None


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


# --- rows: validated one at a time, kept compact -------------------------------

CHECKED_COLUMNS = {"awards": ("category", "name"), "targets": ("unit", "unit_type", "indicator")}
"""The raw text the checks across rows read (counts, categories, duplicates)."""

_REPEATED = frozenset({"category", "unit", "unit_type"})


@dataclass
class CheckedList:
    """One list after validation: compact rows, the checked columns as written, errors.

    Rows are validated and compacted as they are read, so a 100,000-row list
    is never held as dicts and pydantic objects at once; errors keep their
    key path from the meeting's root, so they are located like any other.
    """

    rows: model.Rows
    columns: dict[str, list[str]]
    errors: list[dict]


class GlyphCheck:
    """Which characters no face can draw, asked once per distinct character."""

    def __init__(self, fonts):
        self.fonts = fonts
        self.seen: set[str] = set()

    def new_missing(self, text: str) -> list[str]:
        """Characters of *text* not seen before that no face draws (usually none)."""
        if self.fonts is None:
            return []
        if self.seen.issuperset(text):      # the usual case: no set is built
            return []
        new = set(text) - self.seen
        self.seen |= new
        # a control character or a lone surrogate is reported as such, never echoed
        return sorted(ch for ch in self.fonts.missing("".join(new)) if not find_control(ch))


def check_rows(section: str, rows: typing.Iterable, glyphs: GlyphCheck, locator: Locator,
               problems: Problems) -> CheckedList:
    """Validate each row as it comes (序号 defaults to its position), keep it as a row tuple."""
    fast = model.fast_awardee if section == "awards" else model.fast_target
    names = CHECKED_COLUMNS[section]
    checked = CheckedList(model.Rows(), {k: [] for k in names}, [])
    for i, raw in enumerate(rows, start=0):
        is_row = isinstance(raw, dict)
        for key in names:
            text = _text(raw.get(key)) if is_row else ""
            checked.columns[key].append(sys.intern(text) if key in _REPEATED else text)
        if is_row:
            if raw.get("no") in (None, ""):
                raw["no"] = i + 1
            _check_row_glyphs(section, i, raw, glyphs, locator, problems)
        row = fast(raw)
        if row is not None:
            checked.rows.append(row)
            continue
        row, errors = _schema_row(section, raw)
        if row is not None:
            checked.rows.append(row)
        checked.errors.extend(dict(err, loc=(section, "list", i, *err["loc"])) for err in errors)
    return checked


def _schema_row(section: str, raw: Any) -> tuple[tuple | None, list[dict]]:
    """A row the fast path stepped aside for, validated by the schema: (row, []) or (None, its errors)."""
    from pydantic import ValidationError

    from . import schema

    record, compact = (schema.Awardee, schema.compact_awardee) if section == "awards" \
        else (schema.Target, schema.compact_target)
    try:
        return compact(record.model_validate(raw)), []
    except ValidationError as exc:
        return None, exc.errors(include_url=False)


def _check_row_glyphs(section: str, i: int, raw: dict, glyphs: GlyphCheck, locator: Locator,
                      problems: Problems) -> None:
    """A character no face can draw, reported at the first cell that has it."""
    extra = raw.get("extra") if isinstance(raw.get("extra"), dict) else {}
    text = "".join([v for v in raw.values() if isinstance(v, str)] +
                   [f"{k}{v if isinstance(v, str) else ''}" for k, v in extra.items()])
    missing = glyphs.new_missing(text)
    if not missing:
        return
    cells = [((k,), v) for k, v in raw.items() if k != "extra" and isinstance(v, str)]
    cells += [(("extra", k), f"{k}{v if isinstance(v, str) else ''}") for k, v in extra.items()]
    for ch in missing:
        key = next(k for k, text in cells if ch in text)
        problems.add(locator((section, "list", i, *key)), _glyph_message(ch), _GLYPH_HINT, "glyph_missing")


def check_lists(expected: dict[str, dict | None], lists: dict[str, CheckedList], locator: Locator,
                problems: Problems) -> None:
    """Categories, counts and duplicates: the checks no single row can make."""
    if "awards" in lists:
        columns = lists["awards"].columns
        _check_keys_and_counts("awards", "category", columns["category"], "类别", expected.get("awards"),
                               _count(columns["category"]), locator, problems)
        _check_duplicates("awards", (columns["name"],), ("name",), "名称", locator, problems)
    if "targets" in lists:
        columns = lists["targets"].columns
        _check_keys_and_counts("targets", "unit_type", columns["unit_type"], "单位类型",
                               expected.get("targets"), _count_units(columns["unit"], columns["unit_type"]),
                               locator, problems)
        _check_duplicates("targets", (columns["unit"], columns["indicator"]), ("unit", "indicator"),
                          "责任单位和指标", locator, problems)


def _count(values: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for k in values:
        if k:
            counts[k] = counts.get(k, 0) + 1
    return counts


def _count_units(units_column: list[str], kinds_column: list[str]) -> dict[str, int]:
    """Targets are counted by distinct responsible unit, not by indicator row."""
    units: dict[str, str] = {}
    for unit, kind in zip(units_column, kinds_column):
        if unit and kind:
            units.setdefault(unit, kind)
    counts: dict[str, int] = {}
    for kind in units.values():
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _check_keys_and_counts(section: str, key: str, values: list[str], label: str, expected: dict | None,
                           counts: dict[str, int], locator: Locator, problems: Problems) -> None:
    if not expected:
        return
    allowed = [str(k) for k in expected]
    allowed_set = set(allowed)
    for i, value in enumerate(values):
        if value and value not in allowed_set:
            close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.3)
            hint = f"是否应为“{close[0]}”？" if close else f"可选：{'、'.join(allowed)}"
            problems.add(locator((section, "list", i, key)),
                         f"{label}“{value}”不在 {section}.expected 声明的{label}（{'、'.join(allowed)}）中",
                         hint, "unknown_category")
    for name, declared in expected.items():
        listed = counts.get(str(name), 0)
        if isinstance(declared, int) and listed != declared:
            unit = classifier_for(str(name))
            problems.add(locator((section, "expected", name)),
                         f"{section}.expected 声明“{name}”{declared}{unit}，名单中列出{listed}{unit}",
                         "请核对名单是否漏列或多列，或改正声明的数字", "count_mismatch")


_WHITE = re.compile(r"\s")


def _squeezed(text: str) -> str:
    """The text without white space ("甲科技 有限公司" is "甲科技有限公司"); the same object when it has none.

    A new string per name would be 100,000 of them for the duplicate check alone.
    """
    return "".join(text.split()) if _WHITE.search(text) else text


def _check_duplicates(section: str, columns: tuple[list[str], ...], keys: tuple, label: str,
                      locator: Locator, problems: Problems) -> None:
    # one column: the name itself is the key (a kept 1-tuple per row cost 9 MB at 100,000 rows)
    single = len(columns) == 1
    first: dict[object, int] = {}
    for i, values in enumerate(columns[0] if single else zip(*columns)):
        ident = (_squeezed(values),) if single else tuple(map(_squeezed, values))
        if not all(ident):
            continue
        key = ident[0] if single else ident
        if key in first:
            prev = locator((section, "list", first[key], keys[-1]))
            where = f"第{prev.row}行" if prev.row else f"第{first[key] + 1}项"
            problems.add(locator((section, "list", i, keys[-1])),
                         f"{label}重复：“{'／'.join(ident)}”已在{where}出现",
                         "删除重复行，或改正其中一行", "duplicate")
        else:
            first[key] = i


def _walk_text(node: Any, path: KeyPath = (), skip: frozenset = frozenset()) -> Iterator[tuple[KeyPath, str]]:
    """Every string (keys too) with its key path; paths in *skip* are not entered."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            if isinstance(k, str):
                yield path, k
            if path + (k,) not in skip:
                yield from _walk_text(v, path + (k,), skip)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_text(v, path + (i,), skip)


_GLYPH_HINT = "PDF 中会显示为空白方框：请改用常用字，或在字体配置中指定含此字的 TrueType 字体"


def _glyph_message(ch: str) -> str:
    return f"字符“{ch}”（U+{ord(ch):04X}）没有任何已配置的字体能显示"


def check_glyphs(data: dict, glyphs: GlyphCheck, locator: Locator, problems: Problems,
                 skip: frozenset = frozenset()) -> None:
    """A character that no face can draw would print as a blank box: refuse it here.

    For the meeting file itself: list rows (the paths in *skip*) are checked
    as they are read, by :func:`check_rows`.  Only when a face lacks a
    character is the data walked again to say where it is.
    """
    texts = [text for _, text in _walk_text(data, (), skip)]
    for ch in glyphs.new_missing("".join(texts)):
        path = next(p for p, text in _walk_text(data, (), skip) if ch in text)
        problems.add(locator(path), _glyph_message(ch), _GLYPH_HINT, "glyph_missing")


# --- the entry point ---------------------------------------------------------------

def load(path: str | Path, *, fonts=None) -> Loaded:
    """Read and validate one meeting file with its lists; raise InputError with every problem."""
    path = Path(path)
    problems = Problems()
    inputs = [path]
    if path.suffix.lower() not in MEETING_SUFFIXES:
        problems.add(Location(str(path)), f"不支持的会议文件类型“{path.suffix or path.name}”",
                     "会议文件应为 .yaml、.yml 或 .json", "meeting_type")
        problems.raise_if_any()
    parsed = read_document(path, problems)
    if parsed is None:
        problems.raise_if_any()
    data, positions = parsed
    locator = Locator(positions)
    glyphs = GlyphCheck(fonts)
    glyph_problems = Problems()
    # the meeting file first: a character it shares with a list is reported where the reader starts
    check_glyphs(data, glyphs, locator, glyph_problems, skip=frozenset((s, "list") for s in LIST_KEYS))
    lists: dict[str, CheckedList] = {}
    for section in LIST_KEYS:
        rows = _list_rows_of(section, data, path, locator, problems, inputs)
        if rows is not None:
            lists[section] = check_rows(section, rows, glyphs, locator, glyph_problems)
            data[section]["list"] = lists[section].rows
    check_lists({s: _expected(data, s) for s in LIST_KEYS}, lists, locator, problems)
    problems.items.extend(glyph_problems.items)
    errors = [err for checked in lists.values() for err in checked.errors]
    meeting = model.from_data(data) if not errors else None
    if meeting is None:
        meeting, schema_errors = _schema_meeting(data)
        errors.extend(schema_errors)
    _validation_problems(errors, locator, problems)
    problems.raise_if_any()
    return Loaded(meeting, path, inputs)


def _schema_meeting(data: dict) -> tuple[Meeting | None, list[dict]]:
    """The meeting the fast path stepped aside for, validated by the schema: (meeting, []) or (None, errors)."""
    from pydantic import ValidationError

    from . import schema

    try:
        return schema.validate(data), []
    except ValidationError as exc:
        return None, exc.errors(include_url=False)


def _list_rows_of(section: str, data: dict, path: Path, locator: Locator, problems: Problems,
                  inputs: list[Path]) -> typing.Iterable | None:
    """The rows a section's ``list`` names: a file's rows (lazily) or the inline ones; None if neither."""
    block = data.get(section)
    if not isinstance(block, dict) or "list" not in block:
        return None
    spec = block["list"]
    if isinstance(spec, str):
        loaded = load_list_file(section, spec, path.parent, locator((section, "list")), problems, inputs)
        if loaded is None:
            return []
        locator.lists[section] = loaded[1]
        return loaded[0]
    if isinstance(spec, list):
        if not spec:
            problems.add(locator((section, "list")), f"{LIST_KEYS[section][2]}是空的",
                         "请逐行列出，或删去会议文件中的这一节", "empty_list")
        return _inline_rows(section, spec, locator, problems)
    return None


def load_meeting(path: str | Path, *, fonts=None) -> Meeting:
    return load(path, fonts=fonts).meeting


def validate_paths(paths: list[Path], *, fonts=None) -> list[Problem]:
    """Every problem across several meeting files (for ``exporter validate``)."""
    found: list[Problem] = []
    for p in paths:
        try:
            load(p, fonts=fonts)
        except InputError as exc:
            found.extend(exc.problems)
    return found
