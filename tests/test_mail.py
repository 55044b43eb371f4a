"""`exporter mail`: what arrives at a real SMTP server, how it is encoded, and every failure.

The server is aiosmtpd on 127.0.0.1 (tests/mailserver.py); the documents are
the ones the real build wrote for the example meeting, compared byte for byte
with what the server received.
"""

from __future__ import annotations

import base64
import email
import hashlib
import json
import os
import re
import subprocess
import sys
from email import policy
from email.header import decode_header, make_header
from pathlib import Path
from urllib.parse import unquote

import pytest

from exporter.cli import _run
from mailserver import Inbox, free_port, make_certificates, password_checker, smtp_server

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example" / "meeting.yaml"
SUBJECT = "【简报·样例】山西转型综改示范区2024年工作会议暨高质量发展表彰大会（2024年3月11日）"
MIME = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pdf": "application/pdf"}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The example built once by the real `exporter build`; every mail test reuses it."""
    root = tmp_path_factory.mktemp("mail") / "out"
    assert _run(["build", "--out", str(root), "--quiet"]) == 0
    return root


@pytest.fixture(scope="module")
def documents(out) -> dict[str, bytes]:
    """The built documents by file name, as listed in the manifest."""
    folder = next(out.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outputs"], "the build wrote no documents to attach"
    return {name: (folder / name).read_bytes() for name in manifest["outputs"]}


def mail(out: Path, port: int | None, *extra: str) -> int:
    args = ["mail", str(EXAMPLE), "--out", str(out), "--from", "简报室 <briefing@office.example.cn>"]
    if port is not None:
        args += ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "plain"]
    return _run(args + list(extra))


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real process: exit code and what it prints, with stdout/stderr not a terminal."""
    return subprocess.run([sys.executable, "-m", "exporter", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120, cwd=ROOT)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def attachments(message) -> dict[str, tuple[str, bytes]]:
    return {a.get_filename(): (a.get_content_type(), a.get_content()) for a in message.iter_attachments()}


# --- what arrives ---------------------------------------------------------------------

def test_the_message_arrives_with_chinese_names_and_the_exact_documents(out, documents):
    inbox = Inbox()
    with smtp_server(inbox) as port:
        assert mail(out, port, "--to", "张主任 <director@office.example.cn>, staff@office.example.cn",
                    "--cc", "archive@office.example.cn", "--bcc", "audit@office.example.cn", "--quiet") == 0
    assert len(inbox.messages) == 1
    got = inbox.messages[0]
    assert got.mail_from == "briefing@office.example.cn"
    assert sorted(got.rcpt_tos) == ["archive@office.example.cn", "audit@office.example.cn",
                                    "director@office.example.cn", "staff@office.example.cn"]
    msg = got.message
    assert msg["Subject"] == SUBJECT
    assert [a.display_name for a in msg["To"].addresses] == ["张主任", ""]
    assert msg["Cc"].addresses[0].addr_spec == "archive@office.example.cn"
    assert "audit@" not in got.content.decode("ascii")          # Bcc: in the envelope only
    assert msg["From"].addresses[0].display_name == "简报室"
    assert re.fullmatch(r"<[0-9a-f]{32}\.exporter@office\.example\.cn>", msg["Message-ID"])
    assert msg["Date"].datetime is not None

    got_files = attachments(msg)
    assert set(got_files) == set(documents)                     # decoded back to the Chinese names
    for name, data in documents.items():
        content_type, received = got_files[name]
        assert received == data, f"{name} arrived changed"
        assert content_type == MIME[Path(name).suffix]


def test_the_body_says_what_is_attached_the_counts_the_date_and_sample(out, documents):
    eml = ROOT / "tests" / "artefacts" / "mail" / "example.eml"   # open it in a mail client to look at it
    assert mail(out, None, "--to", "a@office.example.cn", "--eml", str(eml)) == 0
    body = email.message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert body.startswith("【样例】")
    assert "2024年3月11日在潇河国际会议中心召开的山西转型综改示范区2024年工作会议暨高质量发展表彰大会" in body
    assert f"附件共{len(documents)}个文件" in body
    for name in documents:
        assert name in body
    assert "会议表彰69家企业、23个单位" in body
    assert "向6个园区、5个招商中心颁发《2024年目标任务责任书》（共44项指标）" in body


def test_eml_is_the_exact_message_that_is_sent(out):
    eml = out.parent / "exact.eml"
    inbox = Inbox()
    with smtp_server(inbox) as port:
        assert mail(out, port, "--to", "a@office.example.cn", "--quiet") == 0
        assert mail(out, port, "--to", "a@office.example.cn", "--eml", str(eml)) == 0
    assert len(inbox.messages) == 1                              # --eml sends nothing

    def without_date(raw: bytes) -> bytes:
        return re.sub(rb"^Date: [^\r\n]*\r\n", b"", raw, flags=re.M)

    assert without_date(eml.read_bytes()) == without_date(inbox.messages[0].content)


def test_raw_headers_use_rfc2047_words_and_rfc2231_parameters(out, documents):
    """What Outlook, Thunderbird, Foxmail and webmail read: checked on the raw bytes."""
    eml = out.parent / "raw.eml"
    assert mail(out, None, "--to", "张主任 <director@office.example.cn>", "--eml", str(eml)) == 0
    raw = eml.read_bytes()
    text = raw.decode("ascii")                                   # 7-bit clean: no raw UTF-8 anywhere
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    words = re.findall(r"=\?utf-8\?b\?[A-Za-z0-9+/=]*\?=", text)
    assert words and all(len(w) <= 75 for w in words)
    for w in words:                                              # each word decodes alone: no split character
        base64.b64decode(w[10:-2]).decode("utf-8")
    headers = text.split("\r\n\r\n", 1)[0]
    assert "Subject: =?utf-8?b?" in headers
    assert str(make_header(decode_header(re.search(r"^Subject: (.*?)\r\n(?!\s)", headers, re.S | re.M)
                                         .group(1).replace("\r\n", "")))) == SUBJECT

    parts = re.findall(r"\r\nContent-Type: (application/[^;\r\n]+);\r\n name=\"(.*?)\"\r\n"
                       r"Content-Disposition: attachment;\r\n (.*?)\r\nContent-Transfer-Encoding: base64",
                       text, re.S)
    by_name = {str(make_header(decode_header(words.replace("\r\n", "")))): (mime, disposition)
               for mime, words, disposition in parts}
    assert set(by_name) == set(documents)                        # Content-Type name: RFC 2047 words
    for name, (mime, disposition) in by_name.items():
        assert mime == MIME[Path(name).suffix]                   # never folded into an encoded word
        chunks = re.findall(r"filename\*(\d+)\*=(?:utf-8'')?([^;\r\n]+)", disposition)
        assert disposition.startswith("filename*0*=utf-8''")
        assert unquote("".join(c for _, c in sorted(chunks, key=lambda c: int(c[0])))) == name
    long_lines = [line for line in text.split("\r\n") if len(line) > 78]
    assert all(line.startswith("Content-Type: application/vnd.") and len(line) < 998 for line in long_lines)


def test_ascii_file_names_go_as_plain_parameters(tmp_path):
    eml = tmp_path / "ascii.eml"
    out = tmp_path / "out"
    assert _run(["mail", str(EXAMPLE), "--out", str(out), "--ascii-names", "--format", "pdf",
                 "--to", "a@office.example.cn", "--eml", str(eml)]) == 0
    text = eml.read_bytes().decode("ascii")
    assert 'Content-Type: application/pdf;\r\n name="summary.pdf"' in text
    assert 'Content-Disposition: attachment;\r\n filename="summary.pdf"' in text


# --- TLS --------------------------------------------------------------------------------

def test_starttls_with_an_office_ca_and_a_login_from_a_password_file(out, documents, tmp_path):
    certs = make_certificates(tmp_path)
    secret = tmp_path / "smtp.pass"
    secret.write_text("s3cret-通行证\n", encoding="utf-8")
    config = tmp_path / "mail.toml"
    inbox = Inbox()
    with smtp_server(inbox, tls_context=certs.server_context, require_starttls=True,
                     authenticator=password_checker("briefing", "s3cret-通行证")) as port:
        config.write_text(f'[mail]\nfrom = "briefing@office.example.cn"\nto = ["director@office.example.cn"]\n'
                          f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "starttls"\n'
                          f'username = "briefing"\npassword_file = "smtp.pass"\nca_file = "{certs.ca_file.name}"\n',
                          encoding="utf-8")
        assert _run(["mail", str(EXAMPLE), "--out", str(out), "--config", str(config), "--quiet"]) == 0
    assert len(inbox.messages) == 1 and inbox.messages[0].tls
    assert set(attachments(inbox.messages[0].message)) == set(documents)


def test_an_untrusted_certificate_is_refused_with_a_clear_message(out, tmp_path, capsys):
    certs = make_certificates(tmp_path)
    inbox = Inbox()
    with smtp_server(inbox, tls_context=certs.server_context, require_starttls=True) as port:
        code = mail(out, None, "--to", "a@office.example.cn",
                    "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "starttls")
    err = capsys.readouterr().err
    assert code == 4
    assert "服务器证书未通过验证" in err and "ca_file" in err
    assert inbox.messages == [] and inbox.data_attempts == 0


def test_implicit_tls_on_its_own_port(out, tmp_path):
    certs = make_certificates(tmp_path)
    inbox = Inbox()
    with smtp_server(inbox, ssl_context=certs.server_context) as port:
        assert mail(out, None, "--to", "a@office.example.cn", "--quiet",
                    "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "tls",
                    "--ca-file", str(certs.ca_file)) == 0
    assert len(inbox.messages) == 1 and inbox.messages[0].tls


def test_plain_smtp_to_another_machine_needs_allow_plain(out, capsys):
    code = mail(out, None, "--to", "a@office.example.cn", "--smtp-host", "192.0.2.10", "--security", "plain")
    assert code == 2
    assert "allow_plain" in capsys.readouterr().err


# --- faults -------------------------------------------------------------------------------

def test_a_refused_recipient_is_named_and_the_others_still_get_it(out, capsys):
    inbox = Inbox(refuse={"gone@office.example.cn"})
    folder = next(out.iterdir())
    (folder / "delivered.json").unlink(missing_ok=True)
    with smtp_server(inbox) as port:
        code = mail(out, port, "--to", "gone@office.example.cn,director@office.example.cn")
    err = capsys.readouterr().err
    assert code == 4
    assert "gone@office.example.cn" in err and "550" in err
    assert [m.rcpt_tos for m in inbox.messages] == [["director@office.example.cn"]]
    delivered = json.loads((folder / "delivered.json").read_text(encoding="utf-8"))
    assert delivered["recipients"] == ["director@office.example.cn"]


def test_the_only_recipient_refused_fails_without_retrying(out, capsys):
    inbox = Inbox(refuse={"gone@office.example.cn"})
    with smtp_server(inbox) as port:
        code = mail(out, port, "--to", "gone@office.example.cn")
    assert code == 4
    assert "服务器拒收收件人：gone@office.example.cn（550" in capsys.readouterr().err
    assert inbox.messages == [] and inbox.ehlos == 1            # permanent: one attempt only


def test_a_connection_dropped_during_data_is_retried(out, documents, tmp_path):
    config = tmp_path / "retry.toml"
    inbox = Inbox(drop_data=1)
    with smtp_server(inbox) as port:
        config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "plain"\nretry_delay = 0.1\n',
                          encoding="utf-8")
        assert mail(out, None, "--config", str(config), "--to", "a@office.example.cn", "--quiet") == 0
    assert inbox.data_attempts == 2 and len(inbox.messages) == 1
    assert set(attachments(inbox.messages[0].message)) == set(documents)


def test_a_connection_dropped_every_time_exits_4_and_keeps_the_documents(out, documents, tmp_path, capsys):
    config = tmp_path / "retry.toml"
    inbox = Inbox(drop_data=99)
    with smtp_server(inbox) as port:
        config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "plain"\n'
                          f'retries = 2\nretry_delay = 0.05\n', encoding="utf-8")
        code = mail(out, None, "--config", str(config), "--to", "a@office.example.cn")
    err = capsys.readouterr().err
    assert code == 4
    assert "已尝试3次" in err and "断开" in err
    assert inbox.data_attempts == 3 and inbox.messages == []
    folder = next(out.iterdir())
    assert {n: sha((folder / n).read_bytes()) for n in documents} == {n: sha(d) for n, d in documents.items()}


def test_server_down_exits_4_and_the_documents_stay(tmp_path):
    out = tmp_path / "out"
    config = tmp_path / "down.toml"
    config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {free_port()}\nsecurity = "plain"\nretry_delay = 0.1\n',
                      encoding="utf-8")
    result = run_cli("mail", str(EXAMPLE), "--out", str(out), "--to", "a@office.example.cn", "--config", str(config),
                     "--from", "briefing@office.example.cn")
    assert result.returncode == 4
    assert "已尝试3次" in result.stderr and "连接被拒绝" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    folder = next(out.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outputs"]
    for name, info in manifest["outputs"].items():
        assert sha((folder / name).read_bytes()) == info["sha256"]
    assert not (folder / "delivered.json").exists()


def test_the_size_limit_is_checked_before_connecting(out, capsys):
    inbox = Inbox()
    with smtp_server(inbox) as port:
        code = mail(out, port, "--to", "a@office.example.cn", "--max-size-mb", "0.05")
    err = capsys.readouterr().err
    assert code == 4
    assert "超过上限 0.05 MB" in err and "未发送" in err
    assert inbox.ehlos == 0                                      # never even connected


def test_the_password_never_appears_even_with_debug(out):
    password = "Pa55-不外传-9f3c"
    inbox = Inbox()
    with smtp_server(inbox, auth_require_tls=False, authenticator=password_checker("briefing", "other")) as port:
        result = run_cli("--debug", "mail", str(EXAMPLE), "--out", str(out), "--from", "briefing@office.example.cn",
                         "--to", "a@office.example.cn", "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
                         "--security", "plain", "--username", "briefing", "--password-env", "EXPORTER_SMTP_PASSWORD",
                         env={"EXPORTER_SMTP_PASSWORD": password})
    shown = result.stdout + result.stderr
    assert result.returncode == 4
    assert "登录被拒绝（535" in result.stderr
    assert "ehlo" in shown and "AUTH" in shown                  # --debug did print the SMTP dialogue
    for form in (password, base64.b64encode(password.encode()).decode(),
                 base64.b64encode(f"\0briefing\0{password}".encode()).decode()):
        assert form not in shown
    assert inbox.messages == []


def test_a_password_in_the_config_file_is_refused(tmp_path, capsys):
    config = tmp_path / "mail.toml"
    config.write_text('[smtp]\nhost = "smtp.office.example.cn"\npassword = "hunter2"\nprot = 465\n', encoding="utf-8")
    assert _run(["mail", str(EXAMPLE), "--out", str(tmp_path / "out"), "--config", str(config),
                 "--to", "a@office.example.cn"]) == 2
    err = capsys.readouterr().err
    assert f"{config}:3" in err and "smtp.password：密码不能写在配置文件里" in err and "password_env" in err
    assert f"{config}:4" in err and "smtp.prot：不认识的键" in err and "是不是 port？" in err
    assert "hunter2" not in err
    assert not (tmp_path / "out").exists()                       # nothing built on a bad configuration


def test_no_recipient_is_a_usage_error_before_anything_is_built(tmp_path, capsys):
    assert _run(["mail", str(EXAMPLE), "--out", str(tmp_path / "out"), "--smtp-host", "127.0.0.1"]) == 2
    assert "没有收件人" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
