"""Run one piece of work in a forked child while the parent does another.

A build of all three documents is three independent renders of the same
validated model.  With two CPUs available the PDF (the slowest,
and the only one that imports ReportLab) is rendered in a forked child
while the parent renders the briefing and the workbook: the child inherits
the model and the open staged file, so nothing is serialised or parsed
twice.  The child reports failure through a pipe; the parent re-raises it,
so an error in either half surfaces exactly as it would in a serial build.

A :class:`Standby` child is forked earlier, before the meeting is loaded:
it gets ready (imports ReportLab, ~0.1 s) on the second core while the
parent loads, and is handed the loaded model and the open staged file
afterwards.  The model crosses as a pickle and the file as its descriptor
over a Unix socket, so the standby is for meetings of ordinary size: a long
list pickles slower than the import it would hide (the caller decides).

Only where ``os.fork`` exists, more than one CPU is available to this
process and SIGCHLD is not ignored (the kernel would reap the child before
its exit status could be checked); ``EXPORTER_JOBS=1`` turns it off (a
machine short of memory: the child is a second process of about the
parent's size).
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import socket
import struct
import threading
import traceback
from typing import Any, Callable, Iterable, NoReturn


class ChildFailed(RuntimeError):
    """The child failed with an exception that could not be sent back as itself."""


def parallel_available() -> bool:
    """Whether forking one child would use a second core."""
    if not hasattr(os, "fork") or os.environ.get("EXPORTER_JOBS", "").strip() == "1":
        return False
    if signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:   # children reaped unseen: no exit status to check
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
        gc.freeze()             # see _become_child
        try:
            self.pid = os.fork()
        except OSError:
            gc.unfreeze()
            os.close(read_end)
            os.close(write_end)
            raise
        if self.pid == 0:
            _become_child(work, write_end, {write_end, *keep_fds})      # never returns
        gc.unfreeze()
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


class Standby(Child):
    """A forked child that runs *prepare* at once and ``work(*args, fh)`` when :meth:`hand` gives them.

    Until then it waits on a Unix socket; the parent either hands it the
    work or dismisses it with :meth:`stop`.  Should the parent die first, the
    socket closes and the child leaves, once it is ready, without doing
    anything.
    """

    def __init__(self, prepare: Callable[[], None], work: Callable[..., None]):
        self._socket, theirs = socket.socketpair()
        try:
            super().__init__(lambda: _serve(theirs, prepare, work), keep_fds=[theirs.fileno()])
        except OSError:
            self._socket.close()
            raise
        finally:
            theirs.close()
        self.handed = False
        self._sender: threading.Thread | None = None

    def hand(self, args: tuple[Any, ...], fd: int) -> None:
        """Give the waiting child its arguments (pickled) and the open file *fd* to write.

        The descriptor goes at once; the pickle from a thread, because a
        large one fills the socket's buffer and would hold this process up
        until the child has finished getting ready.
        """
        payload = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            socket.send_fds(self._socket, [_HEADER.pack(len(payload))], [fd])
        except OSError:            # the child is gone (its preparation failed): its own error says why
            self._socket.close()
            self.join()
            raise
        self.handed = True
        self._sender = threading.Thread(target=self._send, args=(payload,), name="standby-hand", daemon=True)
        self._sender.start()

    def _send(self, payload: bytes) -> None:
        try:
            self._socket.sendall(payload)
        except OSError:            # the child died: join() reports how
            pass
        finally:
            self._socket.close()

    def join(self) -> None:
        try:
            super().join()
        finally:
            if self._sender is not None:
                self._sender.join()       # the child has exited: the send is done or failed

    def stop(self) -> None:
        try:
            self._socket.shutdown(socket.SHUT_RDWR)    # a waiting child leaves by itself, signal or not
        except OSError:
            pass
        super().stop()                    # a child killed mid-send ends the send with EPIPE
        self._socket.close()


def _serve(sock: socket.socket, prepare: Callable[[], None], work: Callable[..., None]) -> None:
    """The standby child: get ready, wait for the work, do it (or leave when the parent hung up)."""
    prepare()
    header, fds, _, _ = socket.recv_fds(sock, _HEADER.size, 1)
    if not header:                              # the parent closed its end: not wanted
        return
    header += _receive(sock, _HEADER.size - len(header))
    (size,) = _HEADER.unpack(header)
    args = pickle.loads(_receive(sock, size))
    sock.close()
    with os.fdopen(fds[0], "wb") as fh:
        work(*args, fh)


_HEADER = struct.Struct("!Q")


def _receive(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise ChildFailed("父进程在交付任务时断开")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _become_child(work: Callable[[], None], write_end: int, keep: set[int]) -> NoReturn:
    """Turn the forked copy of the parent into a child that can only do *work* and leave.

    - Signals: Ctrl-C is the parent's to handle (it stops the child), and the
      parent's SIGTERM must end the child even if this process inherited
      SIGTERM ignored, blocked or caught by a handler that returns.
    - Standard streams point at /dev/null, so a child that outlives a killed
      parent does not hold the caller's pipes open (``subprocess.run`` with
      ``capture_output`` waits for them); failures go back through the
      report pipe.  Descriptors 0-2 that carry something the child needs
      (stdio closed in the parent) are left alone.
    - The parent's garbage stays uncollected (``gc.freeze`` before the fork):
      collected here, a lost file object's finaliser would close a
      descriptor number the child has since reused, the PDF's among them.
    - Whatever happens, the child ends here and never runs the parent's code.
    """
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        _quiet_stdio(keep)
        _close_inherited({0, 1, 2, *keep})
        _run_child(work, write_end)
    finally:
        os._exit(1)


def _quiet_stdio(keep: set[int]) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        if fd not in keep and fd != null:
            os.dup2(null, fd)
    if null > 2:                   # else it took the place of a closed standard stream: keep it there
        os.close(null)


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
