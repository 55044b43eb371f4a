"""Mail and job settings from TOML, with errors that name the file, the key and the fix.

A crontab runs unattended, so a typo in ``jobs.toml`` must fail loudly and
precisely on the first run, not half-way through a delivery.  Every problem
in the file is reported at once, each with its line, the key, and what is
expected (or the closest valid key for a misspelt one).  Paths in the file
are relative to the file, so the job runs the same from any working folder.

The ``[smtp]`` and ``[mail]`` tables are the same in a ``mail.toml`` given to
``exporter mail --config`` and in a ``jobs.toml``; a jobs.toml can serve as
the mail configuration too.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field, replace
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from ..errors import Location, Problem, Problems, UsageError

SECURITY_MODES = ("tls", "starttls", "plain")
DEFAULT_PORTS = {"tls": 465, "starttls": 587, "plain": 25}
DEFAULT_MAX_MB = 20
MB = 1_000_000          # mail size limits are quoted in decimal megabytes

JOB_KEYS = ("meetings", "out", "formats", "ascii_names", "log", "lock")
MAIL_KEYS = ("from", "to", "cc", "bcc", "max_size_mb")
SMTP_KEYS = ("host", "port", "security", "username", "password_env", "password_file", "ca_file",
             "timeout", "retries", "retry_delay", "allow_plain")


class ConfigError(UsageError):
    """The configuration file is wrong: every problem at once (exit code 2)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"配置有{len(problems)}处问题")

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"配置共{len(self.problems)}处问题，本次未生成、未发送任何内容。")
        return "\n".join(lines)


# --- the settings ------------------------------------------------------------------

@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail server.  The password itself is never stored here."""

    host: str | None = None
    port: int | None = None
    security: str | None = None     # None: "tls" on port 465, "starttls" otherwise
    username: str | None = None
    password_env: str | None = None
    password_file: Path | None = None
    ca_file: Path | None = None
    timeout: float = 30.0
    retries: int = 2
    retry_delay: float = 5.0
    allow_plain: bool = False

    @property
    def mode(self) -> str:
        """The security in use: as configured, else implied by the port (465 is implicit TLS)."""
        return self.security or ("tls" if self.port == DEFAULT_PORTS["tls"] else "starttls")

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.mode]


@dataclass(frozen=True)
class MailSettings:
    """Who sends, who receives, how big a message may be, and the server."""

    sender: str | None = None
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_MB * MB
    smtp: SmtpSettings = field(default_factory=SmtpSettings)

    @property
    def envelope(self) -> list[str]:
        """Every address the server must deliver to (To, Cc and Bcc), each once."""
        seen: dict[str, None] = {}
        for text in self.to + self.cc + self.bcc:
            seen.setdefault(address_of(text), None)
        return list(seen)


@dataclass(frozen=True)
class JobSettings:
    """One ``jobs.toml``: what to build, where, and whom to mail."""

    file: Path
    meetings: tuple[str, ...]
    out: Path
    formats: list[str]
    ascii_names: bool
    log: Path
    lock: Path
    mail: MailSettings | None      # None: build only, mail nobody

    @property
    def base(self) -> Path:
        return self.file.parent


def address_of(text: str) -> str:
    """``张三 <Zhang@Example.cn>`` → ``zhang@example.cn``: the form compared and recorded."""
    return getaddresses([text])[0][1].strip().lower()


# --- reading a file ----------------------------------------------------------------

def read_toml(path: Path) -> tuple[dict, str]:
    """The parsed table and the text (kept to find each key's line for messages)."""
    where = Location(str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError([Problem(where, "配置文件不存在", "检查路径；相对路径以当前文件夹为准")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([Problem(where, f"无法读取配置文件：{exc}", "配置文件应为 UTF-8 编码的 TOML")]) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        line, column = _toml_error_position(str(exc))
        raise ConfigError([Problem(Location(str(path), line, column), f"TOML 语法错误：{exc}",
                                   '字符串要加引号，例如 host = "smtp.example.cn"；列表写成 ["a", "b"]')]) from None


def _toml_error_position(message: str) -> tuple[int | None, int | None]:
    m = re.search(r"line (\d+), column (\d+)", message)
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


class _Reader:
    """Typed access to one TOML table that records every problem instead of stopping."""

    def __init__(self, path: Path, text: str, table: str | None, data: Any, problems: Problems):
        self.path, self.text, self.table, self.problems = path, text, table, problems
        if data is not None and not isinstance(data, dict):
            self.fail(None, f"[{table}] 应为一个表（table）")
            data = {}
        self.data = data or {}

    def key_path(self, key: str | None) -> str:
        return ".".join(p for p in (self.table, key) if p)

    def location(self, key: str | None) -> Location:
        return Location(str(self.path), _key_line(self.text, self.table, key), path=self.key_path(key))

    def fail(self, key: str | None, message: str, hint: str | None = None) -> None:
        label = self.key_path(key)
        self.problems.add(self.location(key), f"{label}：{message}" if label else message, hint, "config")

    def check_keys(self, allowed: tuple[str, ...], tolerated: tuple[str, ...] = (),
                   forbidden: dict[str, tuple[str, str]] | None = None) -> None:
        for key in self.data:
            if key in allowed or key in tolerated:
                continue
            if forbidden and key in forbidden:
                self.fail(key, *forbidden[key])
                continue
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"是不是 {close[0]}？" if close else f"可用的键：{'、'.join(allowed)}"
            self.fail(key, "不认识的键", hint)

    def get(self, key: str, kind: type | tuple, what: str, default: Any = None) -> Any:
        if key not in self.data:
            return default
        value = self.data[key]
        wrong_bool = isinstance(value, bool) and kind is not bool   # TOML true is not the number 1
        if wrong_bool or not isinstance(value, kind):
            self.fail(key, f"应为{what}，而不是 {value!r}")
            return default
        return value

    def text_value(self, key: str, default: str | None = None) -> str | None:
        value = self.get(key, str, "字符串（加引号）", default)
        if isinstance(value, str) and not value.strip():
            self.fail(key, "不能为空")
            return default
        return value.strip() if isinstance(value, str) else value

    def number(self, key: str, default: float, low: float, high: float, integer: bool = False) -> Any:
        kind = int if integer else (int, float)
        value = self.get(key, kind, "整数" if integer else "数字", default)
        if value is not default and not low <= value <= high:
            self.fail(key, f"应在 {low:g} 到 {high:g} 之间，而不是 {value}")
            return default
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        return self.get(key, bool, "true 或 false", default)

    def path_value(self, key: str, default: Path | None = None) -> Path | None:
        value = self.text_value(key)
        if value is None:
            return default
        return (self.path.parent / Path(value).expanduser()).resolve()

    def strings(self, key: str) -> tuple[str, ...]:
        """A string or a list of strings; a single string is a list of one."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"应为字符串或字符串列表，而不是 {value!r}", '例如 ["a@example.cn", "b@example.cn"]')
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def addresses(self, key: str) -> tuple[str, ...]:
        found, wrong = parse_addresses(self.strings(key))
        for text in wrong:
            self.fail(key, f"“{text}”不是有效的邮件地址", ADDRESS_HINT)
        return found


def _key_line(text: str, table: str | None, key: str | None) -> int | None:
    """The line of ``key`` inside ``[table]`` (or of the table header): for messages only."""
    current = None
    header_line = None
    for number, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$", line)
        if m:
            current = m.group(1).strip('"')
            if current == table:
                header_line = number
            continue
        if current == table and key and re.match(rf'\s*"?{re.escape(key)}"?\s*=', line):
            return number
    return header_line


# --- addresses ---------------------------------------------------------------------

def split_addresses(text: str) -> list[str]:
    """``"张三 <a@x.cn>, b@y.cn"`` → two entries, each kept with its display name."""
    parts = []
    for name, addr in getaddresses([text]):
        if not addr and not name:
            continue
        parts.append(str(Address(name, addr_spec=addr)) if name and _plain_addr(addr) else (addr or name))
    return parts


def _plain_addr(addr: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", addr))


ADDRESS_HINT = "写成 name@example.cn 或 张三 <name@example.cn>，多个地址用逗号分隔"


def parse_addresses(texts) -> tuple[tuple[str, ...], list[str]]:
    """Each text may hold several addresses; returns (the good ones, the texts that are wrong).

    A text is wrong as a whole when any part of it is not an address: the
    parser drops what it does not understand (``not an address`` → ``not``),
    so the message quotes what the user wrote, not what survived parsing.
    """
    found: list[str] = []
    wrong: list[str] = []
    for text in texts:
        items = split_addresses(text)
        if not items or any(address_problem(i) for i in items):
            wrong.append(text)
        else:
            found.extend(items)
    return tuple(found), wrong


def address_problem(text: str) -> str | None:
    """Why ``text`` is not a usable mail address, or None."""
    if "\n" in text or "\r" in text:
        return "地址里不能有换行"
    addr = getaddresses([text])[0][1]
    if not _plain_addr(addr):
        return f"“{text}”不是有效的邮件地址"
    return None


# --- the [smtp] and [mail] tables ------------------------------------------------------

_NO_PASSWORD = ("密码不能写在配置文件里",
                '用 password_env = "EXPORTER_SMTP_PASSWORD"（环境变量）或 password_file = "/etc/exporter/smtp.pass"')


def _smtp(reader: _Reader) -> SmtpSettings:
    reader.check_keys(SMTP_KEYS, forbidden={"password": _NO_PASSWORD})
    security = reader.text_value("security")
    if security is not None and security not in SECURITY_MODES:
        reader.fail("security", f"应为 {'、'.join(SECURITY_MODES)} 之一，而不是 {security!r}",
                    "tls：465 端口（隐式 TLS）；starttls：587 端口；plain：仅限本机")
        security = None
    password_env = reader.text_value("password_env")
    password_file = reader.path_value("password_file")
    if password_env and password_file:
        reader.fail("password_file", "password_env 和 password_file 只能写一个")
    return SmtpSettings(
        host=reader.text_value("host"),
        port=reader.number("port", None, 1, 65535, integer=True),
        security=security,
        username=reader.text_value("username"),
        password_env=password_env,
        password_file=password_file,
        ca_file=reader.path_value("ca_file"),
        timeout=float(reader.number("timeout", 30.0, 1, 600)),
        retries=reader.number("retries", 2, 0, 10, integer=True),
        retry_delay=float(reader.number("retry_delay", 5.0, 0, 600)),
        allow_plain=reader.flag("allow_plain"),
    )


def _mail(reader: _Reader, smtp: SmtpSettings) -> MailSettings:
    reader.check_keys(MAIL_KEYS)
    sender = reader.text_value("from")
    if sender and address_problem(sender):
        reader.fail("from", address_problem(sender), "写成 briefing@example.cn 或 简报室 <briefing@example.cn>")
        sender = None
    max_mb = reader.number("max_size_mb", DEFAULT_MAX_MB, 0.001, 1024)
    return MailSettings(sender=sender, to=reader.addresses("to"), cc=reader.addresses("cc"),
                        bcc=reader.addresses("bcc"), max_bytes=int(max_mb * MB), smtp=smtp)


def _mail_tables(path: Path, data: dict, text: str, problems: Problems) -> MailSettings:
    smtp = _smtp(_Reader(path, text, "smtp", data.get("smtp"), problems))
    return _mail(_Reader(path, text, "mail", data.get("mail"), problems), smtp)


def load_mail_config(path: Path) -> MailSettings:
    """``mail.toml`` (or a jobs.toml): its [mail] and [smtp] tables."""
    data, text = read_toml(path)
    problems = Problems()
    _Reader(path, text, None, data, problems).check_keys(("mail", "smtp"), tolerated=JOB_KEYS)
    settings = _mail_tables(path, data, text, problems)
    if problems.items:
        raise ConfigError(problems.items)
    return settings


def load_job_config(path: Path) -> JobSettings:
    """``jobs.toml``: the meetings, the output folder, the log and lock, mail and server."""
    from ..build import FORMATS

    path = Path(path).resolve()
    data, text = read_toml(path)
    problems = Problems()
    top = _Reader(path, text, None, data, problems)
    top.check_keys(JOB_KEYS + ("mail", "smtp"))
    meetings = top.strings("meetings")
    if not meetings and "meetings" not in data:
        top.fail("meetings", "缺少要处理的会议", 'meetings = ["meetings/*/meeting.yaml"]（相对于本文件）')
    formats = list(top.strings("formats")) or list(FORMATS)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        top.fail("formats", f"不认识的格式：{'、'.join(unknown)}", f"可用：{'、'.join(FORMATS)}")
    out = top.path_value("out", (path.parent / "out").resolve())
    mail = _mail_tables(path, data, text, problems) if "mail" in data else None
    if mail is not None:
        _check_sendable(mail, _Reader(path, text, "mail", data.get("mail"), Problems()), problems)
    if problems.items:
        raise ConfigError(problems.items)
    return JobSettings(
        file=path, meetings=meetings, out=out,
        formats=[k for k in FORMATS if k in formats],
        ascii_names=top.flag("ascii_names"),
        log=top.path_value("log", out / "run.log"),
        lock=top.path_value("lock", out / ".run.lock"),
        mail=mail,
    )


def _check_sendable(mail: MailSettings, reader: _Reader, problems: Problems) -> None:
    """A job that mails needs recipients and a server; say so now, not at 3 a.m."""
    if not any(key in reader.data for key in ("to", "cc", "bcc")):
        problems.add(reader.location("to"), "mail.to：没有收件人", 'to = ["leader@example.cn"]', "config")
    if not mail.sender and not (mail.smtp.username and "@" in mail.smtp.username):
        problems.add(reader.location("from"), "mail.from：没有发件人", 'from = "简报室 <briefing@example.cn>"', "config")
    if not mail.smtp.host:
        problems.add(Location(str(reader.path), _key_line(reader.text, "smtp", None), path="smtp.host"),
                     "smtp.host：没有配置邮件服务器", 'host = "smtp.example.cn"', "config")


# --- command-line overrides --------------------------------------------------------------

def mail_settings(config: Path | None, *, to=(), cc=(), bcc=(), sender=None, max_size_mb=None,
                  **smtp_overrides) -> MailSettings:
    """The configuration file (if any) with the command-line options laid over it.

    An option given on the command line replaces the file's value (``--to``
    replaces the file's ``to`` list); options not given leave it alone.
    """
    settings = load_mail_config(config) if config else MailSettings()
    problems = Problems()
    lists = {}
    for key, values in (("to", to), ("cc", cc), ("bcc", bcc)):
        if values:
            lists[key] = _option_addresses(key, values, problems)
    if sender and address_problem(sender):
        problems.add(Location("--from"), address_problem(sender), None, "usage")
    smtp_changes = {k: v for k, v in smtp_overrides.items() if v is not None and v is not False}
    if "security" in smtp_changes and smtp_changes["security"] not in SECURITY_MODES:
        problems.add(Location("--security"), f"应为 {'、'.join(SECURITY_MODES)} 之一", None, "usage")
    for key in ("password_file", "ca_file"):
        if key in smtp_changes:
            smtp_changes[key] = Path(smtp_changes[key]).expanduser().resolve()
    if problems.items:
        raise ConfigError(problems.items)
    changes: dict[str, Any] = dict(lists)
    if sender:
        changes["sender"] = sender
    if max_size_mb is not None:
        changes["max_bytes"] = int(max_size_mb * MB)
    return replace(settings, smtp=replace(settings.smtp, **smtp_changes), **changes)


def _option_addresses(key: str, values, problems: Problems) -> tuple[str, ...]:
    found, wrong = parse_addresses(values)
    for text in wrong:
        problems.add(Location(f"--{key}"), f"“{text}”不是有效的邮件地址", ADDRESS_HINT, "usage")
    return found
