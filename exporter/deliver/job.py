"""Build and mail one meeting, and the unattended job that does it for many from cron.

One run of ``exporter run jobs.toml``:

1. takes the lock (``flock`` on the lock file, non-blocking): a second run
   started while the first still works exits 75 at once and touches nothing;
2. builds each meeting: :func:`exporter.build.build` skips the work
   when the manifest says inputs, fonts and tool version are unchanged;
3. mails each meeting's documents to the recipients that do not have this
   version yet.  ``delivered.json`` beside the manifest records the hashes
   of the documents mailed and who accepted them, so unchanged data is never
   mailed twice, and a mail that failed (server down, connection dropped,
   recipient refused) is sent again by the next run although nothing was
   rebuilt;
4. appends one line per meeting to the log and exits with the worst code.

Documents are only ever replaced by build's atomic renames, so a run killed
at any moment leaves complete documents behind; delivery state is written
after the server accepted the message, so a kill during the mail means the
next run mails again (same Message-ID, which lets clients recognise it).
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from ..build import FORMATS, BuildResult, build
from ..errors import DeliveryError, ExitCode, ExporterError, LockedError, OutputError
from ..store import manifest_bytes, write_atomic
from . import mail as mailer
from .config import JobSettings, MailSettings, address_of, load_job_config

DELIVERED = "delivered.json"

Progress = Callable[[str], None]


# --- one meeting ---------------------------------------------------------------------

@dataclass
class Built:
    """A loaded meeting and what its build did."""

    meeting: object
    result: BuildResult


def build_meeting(path: Path, *, out_root: Path, formats: list[str], ascii_names: bool = False,
                  fonts=None, force: bool = False, progress: Progress | None = None,
                  standby: bool = True) -> Built:
    """Validate and build (or reuse, when current) in the folder ``exporter build`` uses."""
    result = build(path, formats=formats, out_root=out_root, ascii_names=ascii_names, force=force,
                   fonts=fonts, progress=progress, standby=standby)
    return Built(result.meeting, result)


def attachments_of(result: BuildResult) -> list[mailer.Attachment]:
    """The built documents, in the order of the formats, read once (what is mailed is what is hashed)."""
    paths = [result.outputs[k] for k in FORMATS if k in result.outputs]
    if not paths:
        missing = "、".join(result.unavailable) or "全部"
        raise OutputError(f"没有可发送的文档：{missing} 格式尚未实现，未生成任何文档")
    try:
        return [mailer.Attachment.read(p) for p in paths]
    except OSError as exc:
        raise OutputError(f"无法读取文档“{exc.filename}”：{exc.strerror}") from exc


def mail_built(built: Built, settings: MailSettings, *, eml: Path | None = None, only_pending: bool = False,
               debug: Callable[[str], None] | None = None, now: datetime | None = None) -> str:
    """Mail one built meeting (or save the message); return what happened.

    ``only_pending``: send only to recipients that have not received these
    exact documents (the job); otherwise to everyone named (``exporter mail``).
    Returns "mailed", "saved" or "up-to-date"; raises DeliveryError on failure,
    after recording whoever did accept the message.
    """
    folder = built.result.folder
    attachments = attachments_of(built.result)
    message = mailer.compose(built.meeting, attachments, settings, now=now)
    data = mailer.message_bytes(message)
    if eml is not None:
        mailer.write_eml(data, eml)
        return "saved"
    mailer.check_ready(settings)
    recipients = settings.envelope
    if only_pending:
        recipients = pending_recipients(folder, attachments, recipients)
        if not recipients:
            return "up-to-date"
    sender = message["From"].addresses[0].addr_spec
    try:
        mailer.check_size(data, settings.max_bytes)
        sent = mailer.send(data, sender, recipients, settings.smtp, debug=debug)
    except DeliveryError as exc:
        raise DeliveryError(f"{exc}。文档已生成，在“{folder}”") from None
    record_delivery(folder, attachments, sent.accepted, message["Message-ID"], now)
    if sent.refused:
        named = "；".join(f"{addr}（{code} {text}）" for addr, (code, text) in sent.refused.items())
        raise DeliveryError(f"服务器拒收收件人：{named}；其余 {len(sent.accepted)} 位已收到。文档在“{folder}”")
    return "mailed"


# --- delivery state -------------------------------------------------------------------

def read_delivery(folder: Path) -> dict:
    try:
        data = json.loads((folder / DELIVERED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _hashes(attachments: list[mailer.Attachment]) -> dict[str, str]:
    return {a.name: a.sha256 for a in attachments}


def pending_recipients(folder: Path, attachments: list[mailer.Attachment], recipients: list[str]) -> list[str]:
    """The recipients who have not received exactly these documents."""
    stored = read_delivery(folder)
    if stored.get("outputs") != _hashes(attachments):
        return list(recipients)
    done = {address_of(r) for r in stored.get("recipients", [])}
    return [r for r in recipients if address_of(r) not in done]


def record_delivery(folder: Path, attachments: list[mailer.Attachment], accepted: list[str],
                    message_id: str, now: datetime | None = None) -> None:
    """Who has these documents now (atomically: a kill leaves the old record or the new)."""
    if not accepted:
        return
    hashes = _hashes(attachments)
    stored = read_delivery(folder)
    earlier = stored.get("recipients", []) if stored.get("outputs") == hashes else []
    record = {
        "outputs": hashes,
        "recipients": sorted({address_of(r) for r in list(earlier) + list(accepted)}),
        "message_id": message_id,
        "mailed_at": (now or datetime.now()).astimezone().isoformat(timespec="seconds"),
    }
    try:
        write_atomic(folder / DELIVERED, manifest_bytes(record))
    except OSError as exc:
        raise OutputError(f"邮件已发出，但无法记录发送状态“{folder / DELIVERED}”：{exc.strerror or exc}；"
                          "下次运行可能重复发送") from exc


# --- the scheduled job -----------------------------------------------------------------

@dataclass
class Outcome:
    """One meeting in one run: one log line."""

    meeting: str
    built: str = "-"          # built | unchanged | failed
    mailed: str = "-"         # mailed | up-to-date | failed | off | -
    exit_code: int = 0
    error: str | None = None
    folder: Path | None = None

    def summary(self) -> str:
        """For a person at a terminal: what happened, in words."""
        built = {"built": "已生成", "unchanged": "输入未变"}.get(self.built, self.built)
        mailed = {"mailed": "已发送", "up-to-date": "收件人已有此版本，未重发",
                  "off": "未配置邮件"}.get(self.mailed, self.mailed)
        return f"{self.meeting}：{built}，{mailed}"

    def log_line(self, when: datetime) -> str:
        note = " ".join((self.error or "").split())
        return "\t".join([when.isoformat(timespec="seconds"), self.meeting, self.built, self.mailed,
                          str(self.exit_code), note]).rstrip("\t") + "\n"


@dataclass
class JobReport:
    items: list[Outcome] = field(default_factory=list)
    log_error: str | None = None

    @property
    def exit_code(self) -> int:
        codes = [o.exit_code for o in self.items] + ([ExitCode.OUTPUT] if self.log_error else [])
        return int(max(codes, default=ExitCode.OK))


@contextmanager
def job_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive flock for the run; released by the kernel even on SIGKILL."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"无法创建锁文件“{path}”：{exc.strerror or exc}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            who = f"（进程 {holder}）" if holder.isdigit() else ""
            raise LockedError(f"另一次 exporter run 正在运行{who}，持有锁文件“{path}”；本次未做任何事，"
                              "cron 下次会再试") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


def meeting_files(settings: JobSettings) -> list[tuple[str, Path | None, str | None]]:
    """Each ``meetings`` entry expanded: (label, path, None) or (pattern, None, problem)."""
    found: list[tuple[str, Path | None, str | None]] = []
    seen: set[Path] = set()
    for pattern in settings.meetings:
        full = os.path.join(settings.base, os.path.expanduser(pattern))
        matches = sorted(glob.glob(full, recursive=True)) if glob.has_magic(pattern) else [full]
        matches = [m for m in matches if Path(m).is_file()]
        if not matches:
            found.append((pattern, None, f"没有找到会议文件（{settings.file.name} 的 meetings：“{pattern}”）"))
        for m in matches:
            path = Path(m).resolve()
            if path not in seen:
                seen.add(path)
                found.append((_label(path, settings.base), path, None))
    return found


def _label(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def run_job(config: Path, *, progress: Progress | None = None, debug: Callable[[str], None] | None = None,
            fonts=None) -> JobReport:
    """One unattended run over a jobs.toml; errors of single meetings are in the report."""
    settings = load_job_config(config)
    with job_lock(settings.lock):
        if fonts is None:
            from ..fonts import resolve_fonts

            fonts = resolve_fonts()
        report = JobReport()
        folders: dict[Path, str] = {}
        for label, path, problem in meeting_files(settings):
            if problem:
                outcome = Outcome(label, "failed", exit_code=ExitCode.INVALID_INPUT, error=problem)
            else:
                outcome = _run_one(label, path, settings, fonts, folders, progress, debug)
            report.items.append(outcome)
            _log(settings.log, outcome, report)
    return report


def _run_one(label: str, path: Path, settings: JobSettings, fonts, folders: dict[Path, str],
             progress: Progress | None, debug: Callable[[str], None] | None) -> Outcome:
    outcome = Outcome(label)
    try:
        # No standby: a scheduled run mostly finds its meetings unchanged, and
        # nobody waits for it; the ~0.15 s of CPU a standby costs would be spent
        # on every meeting of every run for nothing.
        built = build_meeting(path, out_root=settings.out, formats=settings.formats,
                              ascii_names=settings.ascii_names, fonts=fonts, progress=progress, standby=False)
        outcome.folder = built.result.folder
        other = folders.setdefault(built.result.folder, label)
        if other != label:
            raise OutputError(f"与 {other} 输出到同一个文件夹“{built.result.folder}”（日期和会议名称相同）")
        outcome.built = "built" if built.result.rebuilt else "unchanged"
        if settings.mail is None:
            outcome.mailed = "off"
            return outcome
        outcome.mailed = "failed"
        outcome.mailed = mail_built(built, settings.mail, only_pending=True, debug=debug)
    except ExporterError as exc:
        _failed(outcome, int(exc.exit_code), str(exc))
    except Exception as exc:  # a bug in one meeting must not stop the others or the log
        if debug:
            debug(traceback.format_exc())
        _failed(outcome, ExitCode.OUTPUT, f"内部错误：{type(exc).__name__}: {exc}")
    return outcome


def _failed(outcome: Outcome, code: int, message: str) -> None:
    if outcome.built == "-":
        outcome.built = "failed"
    outcome.exit_code = code
    outcome.error = message


def _log(path: Path, outcome: Outcome, report: JobReport) -> None:
    """Append the meeting's line now, so a run killed later still leaves the lines before."""
    line = outcome.log_line(datetime.now().astimezone())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        report.log_error = f"无法写入日志“{path}”：{exc.strerror or exc}"
