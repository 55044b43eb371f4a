"""The error tree and the exit codes scripts and crontabs rely on.

Every failure a user can cause or meet is one of these classes; the CLI maps
the class to an exit code and prints the message, never a traceback (unless
``--debug``).  Exit codes are part of the contract (outputs.md).
"""

from __future__ import annotations

import errno
from dataclasses import asdict, dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INVALID_INPUT = 1
    USAGE = 2
    OUTPUT = 3
    DELIVERY = 4
    LOCKED = 75   # EX_TEMPFAIL: another run holds the lock; cron tries again later


@dataclass(frozen=True)
class Location:
    """Where a problem is: line/column in YAML/JSON, sheet/row/header in a list."""

    file: str
    line: int | None = None        # 1-based
    column: int | None = None      # 1-based
    sheet: str | None = None       # XLSX sheet name
    row: int | None = None         # 1-based row of the CSV/XLSX file
    header: str | None = None      # column header as written in the file
    cell: str | None = None        # XLSX cell reference, e.g. "C7"
    path: str | None = None        # key path in the meeting, e.g. awards.list[3].name

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        text = ":".join(parts)
        where = []
        if self.sheet:
            where.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.header:
            where.append(f"“{self.header}”列")
        if self.cell:
            where.append(f"（{self.cell}）")
        if where:
            text += " " + "".join(where)
        elif self.line is None and self.path:
            text += f" {self.path}"
        return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with what would fix it."""

    location: Location
    message: str
    hint: str | None = None
    code: str = "invalid"

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    def as_dict(self) -> dict:
        data = {"code": self.code, "message": self.message, "hint": self.hint}
        data.update({k: v for k, v in asdict(self.location).items() if v is not None})
        return data


_ERRNO_TEXT = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹（与同名文件冲突）",
    errno.EISDIR: "这是一个文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读的文件系统",
    errno.EEXIST: "已存在同名文件",
    errno.ENAMETOOLONG: "文件名太长",
}


def describe_os_error(exc: OSError) -> str:
    """An OSError in Chinese, with the path it concerns (the English strerror helps nobody here)."""
    text = _ERRNO_TEXT.get(exc.errno, exc.strerror or str(exc))
    return f"{text}（{exc.filename}）" if exc.filename else text


class ExporterError(Exception):
    """Base of every error the CLI turns into an exit code and a message."""

    exit_code = ExitCode.OUTPUT


class InputError(ExporterError):
    """The meeting or one of its lists is invalid: every problem found, at once."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        super().__init__(f"输入有{len(self.problems)}处问题")

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"共{len(self.problems)}处问题，未写出任何文件。")
        return "\n".join(lines)


def _problem_order(p: Problem) -> tuple:
    loc = p.location
    return (loc.file, loc.sheet or "", loc.line or 0, loc.row or 0, loc.column or 0, loc.header or "")


class UsageError(ExporterError):
    exit_code = ExitCode.USAGE


class OutputError(ExporterError):
    """An output could not be written; the previous outputs are intact."""

    exit_code = ExitCode.OUTPUT


class DeliveryError(ExporterError):
    """Mail could not be delivered; the documents stay on disk."""

    exit_code = ExitCode.DELIVERY


class LockedError(ExporterError):
    exit_code = ExitCode.LOCKED


@dataclass
class Problems:
    """A collector: checks add to it, the loader raises once at the end."""

    items: list[Problem] = field(default_factory=list)

    def add(self, location: Location, message: str, hint: str | None = None, code: str = "invalid") -> None:
        self.items.append(Problem(location, message, hint, code))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)
