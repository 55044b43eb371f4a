"""Run one piece of work in a forked child while the parent does another.

A build of all three documents is three independent renders of the same
validated model.  On a machine with two free cores the PDF (the slowest,
and the only one that imports ReportLab) is rendered in a forked child
while the parent renders the briefing and the workbook: the child inherits
the model and the open staged file, so nothing is serialised or parsed
twice.  The child reports failure through a pipe; the parent re-raises it,
so an error in either half surfaces exactly as it would in a serial build.

Only where ``os.fork`` exists and more than one CPU is available to this
process; ``EXPORTER_JOBS=1`` turns it off (a machine short of memory: the
child is a second process of about the parent's size).
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from typing import Callable, Iterable


class ChildFailed(RuntimeError):
    """The child failed with an exception that could not be sent back as itself."""


def parallel_available() -> bool:
    """Whether forking one child would use a second core."""
    if not hasattr(os, "fork") or os.environ.get("EXPORTER_JOBS", "").strip() == "1":
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cpus > 1


class Child:
    """A forked child running *work*; :meth:`join` waits and re-raises its exception."""

    def __init__(self, work: Callable[[], None], keep_fds: Iterable[int] = ()):
        read_end, write_end = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if self.pid == 0:                                    # the child: never returns
            _close_inherited({0, 1, 2, write_end, *keep_fds})
            _run_child(work, write_end)
        os.close(write_end)
        self._read_end = read_end
        self.reaped = False

    def stop(self) -> None:
        """Not wanted any more (the parent failed or was interrupted): terminate it and reap it."""
        if self.reaped:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.join()
        except BaseException:  # noqa: BLE001 - the parent's own error is the one to report
            pass

    def join(self) -> None:
        report = b""
        if self._read_end is not None:      # None after an interrupted join: only reap
            fd, self._read_end = self._read_end, None
            with os.fdopen(fd, "rb") as pipe:
                report = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.reaped = True
        if report:
            raise _exception_from(report)
        if status != 0:
            raise ChildFailed(f"子进程异常退出（{_describe_status(status)}）")


def _close_inherited(keep: set[int]) -> None:
    """Close every descriptor the child does not need, above all the job's lock file.

    A flock belongs to the open file, so a child that kept the parent's
    descriptor would hold ``run.lock`` after the parent was killed, and the
    next cron run would find the job still "running".
    """
    low = 0
    for fd in sorted(keep):
        if fd > low:
            os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, _MAX_FD)


_MAX_FD = 1 << 20


def _run_child(work: Callable[[], None], write_end: int) -> None:
    """Do the work, send any exception to the parent, and leave without running the parent's exit code."""
    code = 0
    try:
        work()
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
        code = 1
        try:
            _write_all(write_end, _report(exc))
        except BaseException:  # noqa: BLE001
            pass
    finally:
        os._exit(code)


def _report(exc: BaseException) -> bytes:
    text = "".join(traceback.format_exception(exc))
    try:
        payload = pickle.dumps(exc)
        pickle.loads(payload)              # some exceptions pickle but cannot be rebuilt
    except Exception:  # noqa: BLE001
        payload = None
    return pickle.dumps((payload, text))


def _exception_from(report: bytes) -> BaseException:
    payload, text = pickle.loads(report)
    if payload is not None:
        exc = pickle.loads(payload)
        exc.__notes__ = [*getattr(exc, "__notes__", []), "（在子进程中发生）\n" + text]
        return exc
    return ChildFailed(text.strip().splitlines()[-1] if text.strip() else "子进程失败")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.close(fd)


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"信号 {os.WTERMSIG(status)}"
    return f"退出码 {os.waitstatus_to_exitcode(status)}"
