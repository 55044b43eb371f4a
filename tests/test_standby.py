"""The PDF renderer readied in a standby child while the meeting loads: same bytes, same errors, nothing left over."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporter import __main__ as entry
from exporter import build as build_module
from exporter import forked, standby
from exporter.build import FORMATS, build
from exporter.errors import ExitCode, OutputError, UsageError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example" / "meeting.yaml"
BROKEN = ROOT / "tests" / "broken"
ALL = list(FORMATS)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def standby_helps(monkeypatch):
    """Two cores, and the renderer counted as not yet imported (pytest imported it long ago)."""
    monkeypatch.delenv("EXPORTER_JOBS", raising=False)
    monkeypatch.setattr(forked.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(standby, "_helps", lambda: True)
    monkeypatch.setattr(standby, "_early", None)


@pytest.fixture
def handed(monkeypatch):
    """The pids of the standbys that were handed a meeting, and of those stopped instead."""
    seen = {"handed": [], "stopped": [], "forked": []}
    real_init, real_hand, real_stop = forked.Standby.__init__, forked.Standby.hand, forked.Standby.stop

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        seen["forked"].append(self.pid)

    def hand(self, args, fd):
        seen["handed"].append(self.pid)
        real_hand(self, args, fd)

    def stop(self):
        if not self.reaped and not self.handed:
            seen["stopped"].append(self.pid)
        real_stop(self)

    monkeypatch.setattr(forked.Standby, "__init__", init)
    monkeypatch.setattr(forked.Standby, "hand", hand)
    monkeypatch.setattr(forked.Standby, "stop", stop)
    return seen


def _serial(tmp_path: Path, formats: list[str], monkeypatch) -> dict[str, bytes]:
    """The documents built one after another in this process: no standby, no child."""
    def no_fork(*args, **kwargs):
        raise AssertionError("the serial reference forked")

    with monkeypatch.context() as m:
        m.setenv("EXPORTER_JOBS", "1")
        m.setattr(standby, "_helps", lambda: False)
        m.setattr(forked.os, "fork", no_fork)
        build(EXAMPLE, formats=formats, out_root=tmp_path / "serial")
    return _files(tmp_path / "serial")


# --- reading the command line before Typer does --------------------------------------

@pytest.mark.parametrize("argv, forks", [
    (["build"], True),
    (["build", "m.yaml", "-o", "out"], True),
    (["--debug", "build", "m.yaml"], True),
    (["build", "m.yaml", "--format", "PDF"], True),
    (["build", "m.yaml", "--format=docx,pdf"], True),
    (["build", "m.yaml", "-fpdf"], True),
    (["build", "m.yaml", "-f", "docx"], False),
    (["build", "m.yaml", "--format=xlsx"], False),
    (["build", "m.yaml", "-fdocx,xlsx"], False),
    (["build", "--help"], False),
    (["validate", "build"], False),
    (["run", "jobs.toml"], False),
    ([], False),
])
def test_only_a_build_that_wants_a_pdf_forks_early(argv, forks):
    assert standby._builds_pdf(argv) is forks


def test_the_standby_readies_the_renderer_the_build_uses():
    """standby.py names the module without importing build.py (every command reads argv first)."""
    assert standby.PDF_MODULE == FORMATS["pdf"].module


# --- the whole command, in a process of its own ----------------------------------------

RUN_AND_REPORT = """
import json, os, signal, sys
if os.environ.get("IGNORE_SIGTERM"):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
from exporter import standby
forks = []
real_fork, real_render = standby._fork, standby._render
def fork():
    forks.append("before the CLI" if "exporter.cli" not in sys.modules else "in the build")
    return real_fork()
def render(*args):
    with open(os.environ["PIDS"], "a") as fh:
        fh.write(f"{os.getpid()}\\n")
    real_render(*args)
standby._fork, standby._render = fork, render
from exporter.__main__ import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
try:
    os.waitpid(-1, os.WNOHANG)
    children = "left"
except ChildProcessError:
    children = "none"
print(json.dumps({"code": code, "pid": os.getpid(), "children": children, "forks": forks,
                  "reportlab_here": "reportlab" in sys.modules}))
"""


def _run_command(tmp_path: Path, *argv: str, **env: str) -> tuple[dict, list[int], str]:
    pids = tmp_path / "rendered-in.txt"
    environ = {k: v for k, v in os.environ.items() if k != "EXPORTER_JOBS"}
    environ.update(env, PIDS=str(pids))
    done = subprocess.run([sys.executable, "-c", RUN_AND_REPORT, *argv], capture_output=True, text=True,
                          cwd=ROOT, env=environ, timeout=120)
    assert done.stdout.strip(), done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    rendered = [int(p) for p in pids.read_text().split()] if pids.exists() else []
    return report, rendered, done.stderr


needs_two_cores = pytest.mark.skipif(not forked.parallel_available(), reason="the standby needs a second core")


@needs_two_cores
def test_the_command_renders_the_pdf_in_the_early_standby(tmp_path, monkeypatch):
    """The process that reads the meeting never imports ReportLab: the standby did, and rendered."""
    report, rendered, stderr = _run_command(tmp_path, "build", str(EXAMPLE), "--format", "pdf",
                                            "--out", str(tmp_path / "out"), "--quiet")
    assert report["code"] == 0, stderr
    assert report["forks"] == ["before the CLI"]
    assert len(rendered) == 1 and rendered[0] != report["pid"]
    assert report["reportlab_here"] is False
    assert report["children"] == "none"
    assert _files(tmp_path / "out") == _serial(tmp_path, ["pdf"], monkeypatch)


@needs_two_cores
def test_a_bad_meeting_stops_the_early_standby(tmp_path):
    report, rendered, stderr = _run_command(tmp_path, "build", str(BROKEN / "unknown_key.yaml"),
                                            "--out", str(tmp_path / "out"))
    assert report["code"] == int(ExitCode.INVALID_INPUT)
    assert "unknown_key.yaml" in stderr and "Traceback" not in stderr
    assert report["forks"] == ["before the CLI"]
    assert rendered == [] and report["children"] == "none"
    assert not (tmp_path / "out").exists()


@needs_two_cores
def test_a_usage_error_stops_the_early_standby_no_build_took(tmp_path):
    report, rendered, stderr = _run_command(tmp_path, "build", str(EXAMPLE), "--no-such-option")
    assert report["code"] == int(ExitCode.USAGE)
    assert "--no-such-option" in stderr
    assert report["forks"] == ["before the CLI"]
    assert rendered == [] and report["children"] == "none"


@needs_two_cores
def test_a_standby_stops_even_where_sigterm_is_ignored(tmp_path):
    """Started from a shell that ignores SIGTERM (``trap '' TERM``), the child inherits that: it must still end."""
    report, rendered, stderr = _run_command(tmp_path, "build", str(EXAMPLE), "--no-such-option",
                                            IGNORE_SIGTERM="1")
    assert report["code"] == int(ExitCode.USAGE)
    assert report["forks"] == ["before the CLI"] and report["children"] == "none"


def test_without_a_second_core_nothing_is_forked(tmp_path):
    report, rendered, stderr = _run_command(tmp_path, "build", str(EXAMPLE), "--format", "pdf",
                                            "--out", str(tmp_path / "out"), "--quiet", EXPORTER_JOBS="1")
    assert report["code"] == 0, stderr
    assert rendered == [] and report["reportlab_here"] is True


# --- a build in this process ------------------------------------------------------------

@pytest.mark.parametrize("formats", [["pdf"], ALL], ids=["pdf", "all"])
def test_the_standby_renders_the_same_bytes(tmp_path, standby_helps, handed, monkeypatch, formats):
    children = []
    real_child = build_module.Child
    monkeypatch.setattr(build_module, "Child", lambda *a, **k: children.append(1) or real_child(*a, **k))
    build(EXAMPLE, formats=formats, out_root=tmp_path / "standby")
    assert len(handed["handed"]) == 1 and handed["stopped"] == []
    assert children == []                  # the standby took the PDF: no second child for it
    assert _files(tmp_path / "standby") == _serial(tmp_path, formats, monkeypatch)
    assert _no_children_left()


def test_a_long_list_is_rendered_without_the_standby(tmp_path, standby_helps, handed, monkeypatch):
    """Past MAX_ROWS the pickle would cost more than the import it hides: the standby is stopped."""
    monkeypatch.setattr(standby, "MAX_ROWS", 10)
    children = []
    real_child = build_module.Child
    monkeypatch.setattr(build_module, "Child", lambda *a, **k: children.append(1) or real_child(*a, **k))
    build(EXAMPLE, formats=ALL, out_root=tmp_path / "long")
    assert handed["handed"] == [] and len(handed["stopped"]) == 1
    assert children == [1]                 # the PDF went to a child forked after the load, as before
    assert _files(tmp_path / "long") == _serial(tmp_path, ALL, monkeypatch)
    assert _no_children_left()


def test_an_unchanged_meeting_stops_the_standby(tmp_path, standby_helps, handed):
    build(EXAMPLE, formats=["pdf"], out_root=tmp_path)
    result = build(EXAMPLE, formats=["pdf"], out_root=tmp_path)
    assert not result.rebuilt
    assert len(handed["forked"]) == 2 and len(handed["stopped"]) == 1
    assert _no_children_left()


def test_an_early_standby_is_taken_by_the_build_or_stopped_on_exit(tmp_path, standby_helps, handed):
    with pytest.raises(SystemExit) as exit:
        entry.main(["build", str(EXAMPLE), "--out", str(tmp_path), "--format", "pdf", "--no-such-option"])
    assert exit.value.code == int(UsageError.exit_code)
    assert len(handed["forked"]) == 1 and handed["stopped"] == handed["forked"]
    assert _no_children_left() and standby._early is None
    with pytest.raises(SystemExit) as exit:
        entry.main(["build", str(EXAMPLE), "--format", "pdf", "--out", str(tmp_path), "--quiet"])
    assert exit.value.code == 0
    assert len(handed["forked"]) == 2 and handed["handed"] == handed["forked"][1:]
    assert _no_children_left() and list(tmp_path.rglob("*.pdf"))


def test_a_failure_in_the_standby_is_reported_and_leaves_the_old_outputs(tmp_path, standby_helps, handed,
                                                                         request, capsys):
    from exporter.cli import _run

    assert _run(["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "pdf"]) == 0
    before = _files(tmp_path)
    message = request.getfixturevalue("pdf_fails_half_written")
    assert _run(["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "pdf", "--force"]) == int(
        OutputError.exit_code)
    assert message in capsys.readouterr().err
    assert len(handed["handed"]) == 2
    assert _files(tmp_path) == before and not list(tmp_path.rglob("*.part"))
    assert _no_children_left()


def test_a_standby_that_died_getting_ready_is_replaced_by_the_usual_render(tmp_path, standby_helps, handed,
                                                                          monkeypatch):
    """The OOM killer took it while it imported ReportLab: the PDF is rendered here instead, the same bytes."""
    monkeypatch.setattr(standby, "_prepare", lambda: os.kill(os.getpid(), 9))
    build(EXAMPLE, formats=["pdf"], out_root=tmp_path / "died")
    assert len(handed["handed"]) == 1                     # tried, found it gone
    assert _files(tmp_path / "died") == _serial(tmp_path, ["pdf"], monkeypatch)
    assert not list(tmp_path.rglob("*.part")) and _no_children_left()


def test_the_scheduled_job_forks_no_standby(tmp_path, standby_helps, handed):
    """``exporter run`` mostly finds its meetings unchanged: a standby would cost the second core every run."""
    import shutil

    from exporter.cli import _run

    shutil.copytree(EXAMPLE.parent, tmp_path / "meetings" / "a")
    (tmp_path / "jobs.toml").write_text('meetings = ["meetings/*/meeting.yaml"]\nout = "out"\n'
                                        'log = "run.log"\nlock = "run.lock"\n', encoding="utf-8")
    assert _run(["run", str(tmp_path / "jobs.toml"), "--quiet"]) == 0
    assert handed["forked"] == []
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 1


# --- the standby itself -------------------------------------------------------------------

def test_a_large_payload_and_the_file_cross_intact(tmp_path):
    """Several megabytes: more than a socket buffer, so the child must read until it has them all."""
    data = os.urandom(3 * 2**20 + 7)
    child = forked.Standby(prepare=lambda: None, work=lambda blob, fh: fh.write(hashlib.sha256(blob).digest()))
    with open(tmp_path / "out.bin", "wb") as fh:
        child.hand((data,), fh.fileno())
    child.join()
    assert (tmp_path / "out.bin").read_bytes() == hashlib.sha256(data).digest()


def test_a_standby_whose_parent_hangs_up_leaves_without_working(tmp_path):
    marker = tmp_path / "worked"
    child = forked.Standby(prepare=lambda: None, work=lambda *args: marker.write_text("worked"))
    child._socket.close()                    # what the parent's exit does to its end
    child.join()                             # exits by itself, status 0, no report
    assert not marker.exists()


def test_handing_a_large_payload_does_not_wait_for_the_child_to_get_ready(tmp_path):
    """The parent goes on (to the briefing and workbook) while the child still imports ReportLab."""
    import time

    go = tmp_path / "go"
    released = []

    def prepare():                       # ready only once the parent has returned from hand()
        deadline = time.monotonic() + 20
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        released.append(go.exists())     # in the child's memory

    def work(blob, fh):
        fh.write(b"released by the parent" if released == [True] else b"the parent was held up")

    child = forked.Standby(prepare=prepare, work=work)
    with open(tmp_path / "out.bin", "wb") as fh:
        child.hand((os.urandom(4 * 2**20),), fh.fileno())
    go.touch()
    child.join()
    assert (tmp_path / "out.bin").read_bytes() == b"released by the parent"


def test_a_child_writes_nothing_to_the_callers_streams(tmp_path):
    """Its standard streams are /dev/null: a child outliving its parent must not hold the caller's pipes."""
    child = forked.Standby(prepare=lambda: None,
                           work=lambda fh: fh.write(" ".join(os.readlink(f"/proc/self/fd/{fd}")
                                                             for fd in (0, 1, 2)).encode()))
    with open(tmp_path / "out.txt", "wb") as fh:
        child.hand((), fh.fileno())
    child.join()
    assert (tmp_path / "out.txt").read_text() == "/dev/null /dev/null /dev/null"


def test_a_child_never_collects_the_parents_garbage(tmp_path):
    """A lost object's finaliser, run in the child, could close a descriptor number the child reuses."""
    import gc

    marker = tmp_path / "finalised-in"
    parent = os.getpid()

    class Lost:
        def __del__(self):
            with open(marker, "a") as fh:
                fh.write(f"{'parent' if os.getpid() == parent else 'child'}\n")

    lost = Lost()
    lost.cycle = lost
    del lost
    child = forked.Child(gc.collect)
    child.join()
    gc.collect()
    assert marker.read_text() == "parent\n"


def test_no_fork_where_children_are_reaped_unseen():
    """SIGCHLD ignored: the kernel reaps children, so their exit status could not be checked."""
    import signal

    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert not forked.parallel_available()
    finally:
        signal.signal(signal.SIGCHLD, before)


def test_a_standby_does_not_keep_the_parents_lock(tmp_path):
    import fcntl

    lock = open(tmp_path / "run.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    child = forked.Standby(prepare=lambda: os.fstat(lock.fileno()), work=lambda fh: None)
    child._socket.close()                  # not wanted: had it kept the lock, it would leave quietly
    with pytest.raises(OSError):
        child.join()                       # EBADF in the child: the descriptor was closed there
    lock.close()
