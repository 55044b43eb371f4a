"""`exporter run jobs.toml`: the cron job over real meetings, a real build and a real SMTP server.

What the office relies on: unchanged data builds and mails nothing; a changed
row rebuilds and mails that meeting only; a failed mail is sent by the next
run; a second run at the same time exits 75; a killed run never leaves half a
document; nothing is printed but errors when cron runs it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from exporter.cli import _run
from mailserver import Inbox, free_port, smtp_server

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT_SUFFIXES = {".docx", ".pdf", ".xlsx"}


def write_meeting(folder: Path, title: str, day: int, rows: int = 4) -> Path:
    """A small meeting with its awardees in a CSV, as office staff keep them."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["序号,名称,类别,奖项,所属园区"]
    lines += [f"{i},山西示范第{i}号科技有限公司,企业,先进企业,东湖园区" for i in range(1, rows + 1)]
    (folder / "表彰名单.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    meeting = folder / "meeting.yaml"
    meeting.write_text(f"""format: meeting/1
issuer:
  name: 山西转型综合改革示范区管理委员会
  short_name: 山西转型综改示范区
meeting:
  title: 山西转型综改示范区{title}
  date: 2024-03-{day:02d}
  venue: 潇河国际会议中心
awards:
  decision: 关于表彰先进企业的决定
  list: 表彰名单.csv
""", encoding="utf-8")
    return meeting


def change_row(meeting: Path, old: str, new: str) -> None:
    csv = meeting.parent / "表彰名单.csv"
    text = csv.read_text(encoding="utf-8")
    assert old in text
    csv.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_jobs(base: Path, port: int) -> Path:
    jobs = base / "jobs.toml"
    jobs.write_text(f"""# the office's scheduled job
meetings = ["meetings/*/meeting.yaml"]
out = "out"
log = "logs/run.log"
lock = "run.lock"

[mail]
from = "简报室 <briefing@office.example.cn>"
to = ["张主任 <director@office.example.cn>"]
cc = ["archive@office.example.cn"]

[smtp]
host = "127.0.0.1"
port = {port}
security = "plain"
retries = 1
retry_delay = 0.05
""", encoding="utf-8")
    return jobs


@pytest.fixture
def office(tmp_path) -> Path:
    """Two meetings under meetings/, as a jobs.toml next to them names them by a glob."""
    write_meeting(tmp_path / "meetings" / "a", "春季工作会议", 1)
    write_meeting(tmp_path / "meetings" / "b", "招商推进会", 2)
    return tmp_path


def run_in_process(jobs: Path) -> int:
    return _run(["run", str(jobs), "--quiet"])


def run_process(jobs: Path, **kwargs) -> subprocess.CompletedProcess:
    """`python -m exporter run` as cron runs it: stdout and stderr are pipes, not a terminal."""
    return subprocess.run([sys.executable, "-m", "exporter", "run", str(jobs)], capture_output=True,
                          text=True, timeout=180, cwd=jobs.parent, **kwargs)


def log_lines(base: Path) -> list[list[str]]:
    path = base / "logs" / "run.log"
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def folders(base: Path) -> dict[str, Path]:
    return {p.name: p for p in (base / "out").iterdir() if p.is_dir()}


def documents(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.iterdir() if p.suffix in DOCUMENT_SUFFIXES}


def manifest_hashes(folder: Path) -> dict[str, str]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {name: info["sha256"] for name, info in manifest["outputs"].items()}


def subjects(inbox: Inbox) -> list[str]:
    return [m.message["Subject"] for m in inbox.messages]


# --- what changed --------------------------------------------------------------------------

def test_two_runs_over_unchanged_data_build_and_mail_once(office):
    inbox = Inbox()
    with smtp_server(inbox) as port:
        jobs = write_jobs(office, port)
        assert run_in_process(jobs) == 0
        built = {name: {p.name: p.stat().st_mtime_ns for p in f.iterdir()} for name, f in folders(office).items()}
        assert run_in_process(jobs) == 0
    assert sorted(subjects(inbox)) == ["【简报】山西转型综改示范区招商推进会（2024年3月2日）",
                                       "【简报】山西转型综改示范区春季工作会议（2024年3月1日）"]
    assert all(sorted(m.rcpt_tos) == ["archive@office.example.cn", "director@office.example.cn"]
               for m in inbox.messages)
    for folder in folders(office).values():
        assert documents(folder) and documents(folder) == manifest_hashes(folder)
        attached = {a.get_filename() for m in inbox.messages for a in m.message.iter_attachments()}
        assert set(documents(folder)) <= attached
    after = {name: {p.name: p.stat().st_mtime_ns for p in f.iterdir()} for name, f in folders(office).items()}
    assert after == built                                         # the second run rewrote nothing
    lines = log_lines(office)
    assert [(line[1], line[2], line[3], line[4]) for line in lines] == [
        ("meetings/a/meeting.yaml", "built", "mailed", "0"),
        ("meetings/b/meeting.yaml", "built", "mailed", "0"),
        ("meetings/a/meeting.yaml", "unchanged", "up-to-date", "0"),
        ("meetings/b/meeting.yaml", "unchanged", "up-to-date", "0"),
    ]
    assert all(datetime.fromisoformat(line[0]).tzinfo is not None for line in lines)   # ISO, with zone


def test_a_changed_row_rebuilds_and_mails_only_that_meeting(office):
    inbox = Inbox()
    with smtp_server(inbox) as port:
        jobs = write_jobs(office, port)
        assert run_in_process(jobs) == 0
        untouched = folders(office)["2024-03-02-招商推进会"]
        before = {p.name: p.stat().st_mtime_ns for p in untouched.iterdir()}
        change_row(office / "meetings" / "a" / "meeting.yaml", "山西示范第3号科技有限公司", "山西晋阳湖数字科技有限公司")
        assert run_in_process(jobs) == 0
    assert len(inbox.messages) == 3
    latest = inbox.messages[-1].message
    assert latest["Subject"] == "【简报】山西转型综改示范区春季工作会议（2024年3月1日）"
    changed = folders(office)["2024-03-01-春季工作会议"]
    sent = {a.get_filename(): hashlib.sha256(a.get_content()).hexdigest() for a in latest.iter_attachments()}
    assert sent == documents(changed) == manifest_hashes(changed)  # the new documents were mailed
    assert {p.name: p.stat().st_mtime_ns for p in untouched.iterdir()} == before
    assert [(line[1], line[2], line[3]) for line in log_lines(office)[2:]] == [
        ("meetings/a/meeting.yaml", "built", "mailed"),
        ("meetings/b/meeting.yaml", "unchanged", "up-to-date"),
    ]


# --- failures, and the next run -------------------------------------------------------------

def test_a_failed_mail_is_sent_by_the_next_run_and_cron_hears_only_the_error(office):
    port = free_port()                                            # nothing listens yet: the server is down
    jobs = write_jobs(office, port)
    down = run_process(jobs)
    assert down.returncode == 4
    assert down.stdout == ""
    assert down.stderr.splitlines()[0].startswith("错误：meetings/a/meeting.yaml：邮件未发送")
    assert all(line.startswith("错误：") for line in down.stderr.splitlines())
    assert "连接被拒绝" in down.stderr and "Traceback" not in down.stderr
    for folder in folders(office).values():                       # documents complete and on disk
        assert documents(folder) == manifest_hashes(folder)
        assert not (folder / "delivered.json").exists()
    assert [(line[2], line[3], line[4]) for line in log_lines(office)] == [("built", "failed", "4")] * 2

    inbox = Inbox()
    with smtp_server(inbox, port):                                # the server is back
        again = run_process(jobs)
    assert again.returncode == 0
    assert again.stdout == "" and again.stderr == ""              # cron mails nothing when all went well
    assert len(inbox.messages) == 2
    assert [(line[2], line[3], line[4]) for line in log_lines(office)[2:]] == [("unchanged", "mailed", "0")] * 2


def test_a_refused_recipient_is_retried_alone_by_the_next_run(office):
    inbox = Inbox(refuse={"archive@office.example.cn"})
    with smtp_server(inbox) as port:
        jobs = write_jobs(office, port)
        assert run_in_process(jobs) == 4
        assert [m.rcpt_tos for m in inbox.messages] == [["director@office.example.cn"]] * 2
        assert "archive@office.example.cn" in log_lines(office)[0][5]
        inbox.refuse.clear()                                      # the mailbox was fixed
        assert run_in_process(jobs) == 0
    assert [m.rcpt_tos for m in inbox.messages[2:]] == [["archive@office.example.cn"]] * 2   # not the director again


def test_an_invalid_meeting_is_logged_and_the_others_are_still_mailed(office, capsys):
    (office / "meetings" / "a" / "meeting.yaml").write_text("format: meeting/1\nissuer: {}\n", encoding="utf-8")
    inbox = Inbox()
    with smtp_server(inbox) as port:
        assert run_in_process(write_jobs(office, port)) == 1
    assert subjects(inbox) == ["【简报】山西转型综改示范区招商推进会（2024年3月2日）"]
    assert [(line[1], line[2], line[3], line[4]) for line in log_lines(office)] == [
        ("meetings/a/meeting.yaml", "failed", "-", "1"), ("meetings/b/meeting.yaml", "built", "mailed", "0")]
    err = capsys.readouterr().err
    assert "错误：meetings/a/meeting.yaml：" in err and "meeting.yaml" in err


def test_a_pattern_that_matches_no_meeting_is_an_error_not_silence(tmp_path, capsys):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text('meetings = ["meetinsg/*/meeting.yaml"]\nlog = "run.log"\n', encoding="utf-8")
    assert run_in_process(jobs) == 1
    assert "没有找到会议文件" in capsys.readouterr().err
    line = (tmp_path / "run.log").read_text(encoding="utf-8").split("\t")
    assert line[1:5] == ["meetinsg/*/meeting.yaml", "failed", "-", "1"]


def test_a_mistake_in_jobs_toml_is_reported_with_its_line_before_anything_runs(office, capsys):
    jobs = office / "jobs.toml"
    jobs.write_text('meetings = ["meetings/*/meeting.yaml"]\n\n[smtp]\nhost = "127.0.0.1"\nport = "587"\n'
                    'securty = "tls"\n[mail]\nto = ["not an address"]\n', encoding="utf-8")
    assert run_in_process(jobs) == 2
    err = capsys.readouterr().err
    assert f"{jobs}:5: smtp.port：应为整数" in err
    assert f"{jobs}:6: smtp.securty：不认识的键" in err and "是不是 security？" in err
    assert f"{jobs}:8: mail.to：“not an address”不是有效的邮件地址" in err
    assert "mail.from：没有发件人" in err                          # said now, not at 3 a.m. by the server
    assert not (office / "out").exists()


# --- one run at a time, and killed runs --------------------------------------------------------

def test_a_second_run_while_one_holds_the_lock_exits_75_at_once(office):
    jobs = write_jobs(office, free_port())
    with open(office / "run.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        started = time.monotonic()
        result = run_process(jobs)
        elapsed = time.monotonic() - started
    assert result.returncode == 75
    assert elapsed < 10                                           # at once: it does not wait for the lock
    assert "另一次 exporter run 正在运行" in result.stderr and "run.lock" in result.stderr
    assert not (office / "out").exists() or not any((office / "out").rglob("*.docx"))
    assert log_lines(office) == []


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def _visible_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


@pytest.mark.slow
def test_a_run_killed_while_building_leaves_complete_documents(tmp_path):
    meeting = write_meeting(tmp_path / "meetings" / "big", "大型表彰会", 8, rows=600)
    inbox = Inbox()
    with smtp_server(inbox) as port:
        jobs = write_jobs(tmp_path, port)
        assert run_in_process(jobs) == 0
        folder = folders(tmp_path)["2024-03-08-大型表彰会"]
        old = manifest_hashes(folder)
        change_row(meeting, "山西示范第300号科技有限公司", "山西晋阳湖数字科技有限公司")

        process = subprocess.Popen([sys.executable, "-m", "exporter", "run", str(jobs)], cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(lambda: any(folder.glob(".*.part")) or process.poll() is not None, 120, "a staged document")
            os.kill(process.pid, signal.SIGKILL)
        finally:
            process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed"
        killed_state = documents(folder)
        assert _visible_files(folder) <= set(old) | {"manifest.json", "delivered.json"}
        assert set(killed_state) == set(old)

        assert run_in_process(jobs) == 0                          # the next run finishes the job
    new = manifest_hashes(folder)
    assert new != old and documents(folder) == new
    assert not any(folder.glob(".*.part"))                        # leftovers of the killed run cleared
    for name, digest in killed_state.items():                     # each file was complete: old or new
        assert digest in (old[name], new[name])
    assert len(inbox.messages) == 2
    assert {a.get_filename(): hashlib.sha256(a.get_content()).hexdigest()
            for a in inbox.messages[-1].message.iter_attachments()} == new


@pytest.mark.slow
def test_a_run_killed_while_mailing_is_mailed_again_with_the_same_message_id(office):
    inbox = Inbox(hold=threading.Event())
    with smtp_server(inbox) as port:
        jobs = write_jobs(office, port)
        process = subprocess.Popen([sys.executable, "-m", "exporter", "run", str(jobs)], cwd=office,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(lambda: inbox.in_data.is_set() or process.poll() is not None, 120, "the DATA command")
            os.kill(process.pid, signal.SIGKILL)
        finally:
            process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        inbox.hold.set()                                          # the server got it; the client never heard
        _wait_for(lambda: len(inbox.messages) == 1, 10, "the held message")
        for folder in folders(office).values():
            assert documents(folder) == manifest_hashes(folder) or not documents(folder)
            assert not (folder / "delivered.json").exists()

        assert run_in_process(jobs) == 0
    first = inbox.messages[0].message
    again = [m.message for m in inbox.messages[1:] if m.message["Subject"] == first["Subject"]]
    assert len(again) == 1 and again[0]["Message-ID"] == first["Message-ID"]   # clients see one message
    assert len(inbox.messages) == 3                               # and the other meeting once
