"""The PDF rendered in a forked child beside the other two: same bytes, same errors, nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exporter import build as build_module
from exporter import forked, standby
from exporter.build import FORMATS, build
from exporter.cli import _run
from exporter.errors import OutputError

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example" / "meeting.yaml"
ALL = list(FORMATS)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def two_cores(monkeypatch):
    """Two cores, and no standby: these tests are about the child forked after the load."""
    monkeypatch.delenv("EXPORTER_JOBS", raising=False)
    monkeypatch.setattr(forked.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(standby, "_helps", lambda: False)


def test_forked_and_serial_builds_write_the_same_bytes(tmp_path, two_cores, monkeypatch):
    children = []
    real_child = forked.Child

    def counting_child(work, **options):
        child = real_child(work, **options)
        children.append(child.pid)
        return child

    monkeypatch.setattr(build_module, "Child", counting_child)
    build(EXAMPLE, formats=ALL, out_root=tmp_path / "forked")
    assert len(children) == 1 and children[0] != os.getpid()
    monkeypatch.setenv("EXPORTER_JOBS", "1")
    assert not forked.parallel_available()
    build(EXAMPLE, formats=ALL, out_root=tmp_path / "serial")
    assert len(children) == 1                              # no second fork when told not to
    forked_files, serial_files = _files(tmp_path / "forked"), _files(tmp_path / "serial")
    assert len(forked_files) == 4 and forked_files == serial_files


def test_a_failure_in_the_child_is_reported_and_leaves_the_old_outputs(tmp_path, two_cores, request, capsys):
    assert _run(["build", str(EXAMPLE), "-o", str(tmp_path)]) == 0
    before = _files(tmp_path)
    message = request.getfixturevalue("pdf_fails_half_written")
    assert _run(["build", str(EXAMPLE), "-o", str(tmp_path), "--force"]) == int(OutputError.exit_code)
    assert message in capsys.readouterr().err
    assert _files(tmp_path) == before
    assert not list(tmp_path.rglob("*.part"))


def test_a_child_killed_by_a_signal_is_an_error_not_a_document(tmp_path, two_cores, monkeypatch):
    real = build_module.renderer

    def dying_pdf(fmt):
        if fmt.key != "pdf":
            return real(fmt)
        return lambda meeting, fonts, fh: os.kill(os.getpid(), 9)

    monkeypatch.setattr(build_module, "renderer", dying_pdf)
    with pytest.raises(forked.ChildFailed, match="信号 9"):
        build(EXAMPLE, formats=ALL, out_root=tmp_path)
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.part"))


def test_the_child_does_not_keep_the_parents_lock(tmp_path, two_cores):
    """A flock is held while any copy of its descriptor is open: the child must not carry the job's lock."""
    import fcntl

    lock = open(tmp_path / "run.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    child = forked.Child(lambda: os.fstat(lock.fileno()))
    with pytest.raises(OSError):
        child.join()                       # EBADF in the child: the descriptor was closed there
    lock.close()


def test_a_failure_in_the_parent_stops_the_child(tmp_path, two_cores, monkeypatch):
    real = build_module.renderer

    def failing_docx(fmt):
        if fmt.key != "docx":
            return real(fmt)

        def render(meeting, fonts, fh):
            raise OutputError("简报写不出（测试）")
        return render

    monkeypatch.setattr(build_module, "renderer", failing_docx)
    with pytest.raises(OutputError, match="简报写不出"):
        build(EXAMPLE, formats=ALL, out_root=tmp_path)
    assert not list(tmp_path.rglob("*.part")) and not list(tmp_path.rglob("*.pdf"))


def test_a_system_that_cannot_fork_renders_one_after_another(tmp_path, two_cores, monkeypatch):
    """fork fails for want of memory on the small machines this matters on: build serially instead."""
    import errno

    def no_fork():
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(forked.os, "fork", no_fork)
    pipes_before = len(os.listdir("/proc/self/fd"))
    build(EXAMPLE, formats=ALL, out_root=tmp_path / "no-fork")
    assert len(os.listdir("/proc/self/fd")) == pipes_before          # the pipe made for the child is closed
    monkeypatch.setenv("EXPORTER_JOBS", "1")
    build(EXAMPLE, formats=ALL, out_root=tmp_path / "serial")
    assert _files(tmp_path / "no-fork") == _files(tmp_path / "serial")
    assert not list(tmp_path.rglob("*.part"))

