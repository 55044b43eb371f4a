"""One meeting's documents as one mail message: compose it, send it over SMTP, or save it.

Delivery knows no document format: a file is attached by its suffix's MIME
type and named by its file name.  The Chinese file names are written the way
mail clients read them: ``name="=?utf-8?b?…?="`` (RFC 2047 words) on
Content-Type and ``filename*=utf-8''…`` (RFC 2231, with continuations) on
Content-Disposition, as Thunderbird and Outlook write them.  Those attachment
headers are formatted here rather than by :mod:`email`'s folder, which
mangles a long Content-Type with parameters (it turns the MIME type itself
into an encoded word).

Sending is bounded: a few retries with backoff for what may pass (4xx
replies, dropped or refused connections, timeouts), none for what will not
(5xx replies, a refused recipient, a certificate that does not verify).  The
password is read at the moment of login, from an environment variable or a
file, and never reaches a message, a log line or the ``--debug`` transcript.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import mimetypes
import os
import smtplib
import socket
import ssl
import time
from dataclasses import dataclass, field
from datetime import datetime
from email import policy as email_policy
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from ..errors import DeliveryError, UsageError
from ..store import write_atomic
from ..text import classifier_for, count_phrase, format_date, join_names
from .config import MB, MailSettings, SmtpSettings

# Header objects (Subject, From, To) are folded by the email package; the attachment
# headers are pre-folded strings that must go out exactly as written here.
POLICY = email_policy.SMTP.clone(refold_source="none")

MIME_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}
KIND_LABELS = {".docx": "Word 文档", ".xlsx": "Excel 工作簿", ".pdf": "PDF 文档"}
_WORD_LIMIT = 75       # RFC 2047: an encoded word is at most 75 characters
_LINE_LIMIT = 78       # RFC 5322: lines should not exceed 78 characters

Debug = Callable[[str], None]


# --- composing ---------------------------------------------------------------------

def mime_type(path: Path) -> str:
    """The MIME type of a document from its suffix; unknown files go as octet-stream."""
    return MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def subject_for(meeting) -> str:
    """``【简报】山西转型综改示范区2024年工作会议暨高质量发展表彰大会（2024年3月11日）``."""
    tag = "【简报·样例】" if meeting.sample else "【简报】"
    return f"{tag}{meeting.meeting.title}（{format_date(meeting.meeting.date)}）"


def body_for(meeting, attachments: list[tuple[str, int]]) -> str:
    """A short letter built from the meeting: what is attached, the key counts, the date."""
    info = meeting.meeting
    lines = []
    if meeting.sample:
        lines += ["【样例】本邮件所附文档由样例数据生成，名单和目标内容为虚构，仅供演示，不作正式材料使用。", ""]
    lines += ["您好！", "",
              f"现将{format_date(info.date)}在{info.venue}召开的{info.title}的会议材料发送给您，"
              f"附件共{len(attachments)}个文件：", ""]
    for number, (name, size) in enumerate(attachments, 1):
        kind = KIND_LABELS.get(Path(name).suffix.lower(), "文件")
        lines.append(f"  {number}. {name}（{kind}，{_size_text(size)}）")
    facts = _facts(meeting)
    if facts:
        lines += ["", facts]
    lines += ["", meeting.issuer.name, format_date(meeting.issue_date), "",
              "（本邮件由 exporter 根据会议记录自动生成。）"]
    return "\n".join(lines) + "\n"


def _facts(meeting) -> str:
    """会议表彰69家企业、23个单位；向6个园区、5个招商中心颁发《2024年目标任务责任书》（44项指标）。"""
    parts = []
    if meeting.awards and meeting.awards.rows:
        counts = meeting.awards.counts()
        phrases = [count_phrase(counts[c], classifier_for(c), c) for c in meeting.awards.categories() if counts[c]]
        parts.append(f"会议表彰{join_names(phrases)}")
    if meeting.targets and meeting.targets.rows:
        units = meeting.targets.unit_counts()
        phrases = [count_phrase(units[t], classifier_for(t), t) for t in meeting.targets.unit_types() if units[t]]
        parts.append(f"向{join_names(phrases)}颁发《{meeting.targets.display_title}》"
                     f"（共{len(meeting.targets.rows)}项指标）")
    return "；".join(parts) + "。" if parts else ""


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


@dataclass(frozen=True)
class Attachment:
    """One file as mailed: its name, its bytes, and their hash (recorded as delivered)."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @classmethod
    def read(cls, path: Path) -> "Attachment":
        return cls(path.name, path.read_bytes())


def message_id(attachments: list[Attachment], subject: str, domain: str) -> str:
    """The same documents under the same subject always get the same Message-ID.

    A message re-sent after an uncertain failure (a connection dropped after
    the data went through) is then recognised by clients as the same message.
    """
    digest = hashlib.sha256(subject.encode("utf-8"))
    for a in attachments:
        digest.update(f"\0{a.name}\0{a.sha256}".encode("utf-8"))
    return f"<{digest.hexdigest()[:32]}.exporter@{domain}>"


def compose(meeting, attachments: list[Attachment], settings: MailSettings,
            now: datetime | None = None) -> EmailMessage:
    """The message for one meeting: headers, a plain-text body, the documents attached."""
    sender = _sender_address(settings, meeting)
    msg = EmailMessage(policy=POLICY)
    subject = subject_for(meeting)
    msg.set_raw("Subject", _encoded_header("Subject", subject))
    msg["From"] = sender
    if settings.to:
        msg["To"] = [_address(t) for t in settings.to]
    if settings.cc:
        msg["Cc"] = [_address(t) for t in settings.cc]
    if not settings.to and not settings.cc:
        msg["To"] = "undisclosed-recipients:;"
    msg["Date"] = format_datetime((now or datetime.now()).astimezone())
    msg["Message-ID"] = mid = message_id(attachments, subject, sender.domain or "localhost")
    msg["X-Mailer"] = "exporter"
    msg.set_content(body_for(meeting, [(a.name, len(a.data)) for a in attachments]), cte="base64")
    if attachments:
        msg.make_mixed()
        msg.set_boundary(f"=_exporter_{mid[1:17]}")   # "=_" never occurs in base64: a safe, stable boundary
        for a in attachments:
            msg.attach(attachment_part(a))
    return msg


def _address(text: str) -> Address:
    (name, addr), = getaddresses([text])
    return Address(name, addr_spec=addr)


def _sender_address(settings: MailSettings, meeting) -> Address:
    """The configured sender; its display name defaults to the issuing organ's name."""
    text = settings.sender or _username_address(settings.smtp) or "exporter@localhost"
    (name, addr), = getaddresses([text])
    return Address(name or meeting.issuer.name, addr_spec=addr)


def check_ready(settings: MailSettings) -> None:
    """Recipients, a real sender and a server: checked before any work, as a usage error.

    (``exporter@localhost``, the sender of an ``--eml`` preview, is no address to send from.)
    """
    if not settings.envelope:
        raise UsageError("没有收件人：用 --to 指定，或在配置文件的 [mail] 中写 to = [\"…\"]")
    if not (settings.sender or _username_address(settings.smtp)):
        raise UsageError("没有发件人：用 --from 指定，或在配置文件的 [mail] 中写 from = \"briefing@example.cn\"")
    if not settings.smtp.host:
        raise UsageError("没有配置邮件服务器：在配置文件的 [smtp] 中写 host，或用 --smtp-host")


def _username_address(smtp: SmtpSettings) -> str | None:
    return smtp.username if smtp.username and "@" in smtp.username else None


def attachment_part(a: Attachment) -> MIMEPart:
    """A base64 part whose headers carry the file name in both encodings clients read."""
    part = MIMEPart(policy=POLICY)
    part.set_raw("Content-Type", _fold_params(mime_type(Path(a.name)), [_rfc2047_param("name", a.name)]))
    part.set_raw("Content-Disposition", _fold_params("attachment", _rfc2231_params("filename", a.name)))
    part.set_raw("Content-Transfer-Encoding", "base64")
    part.set_payload(base64.encodebytes(a.data).decode("ascii").replace("\n", "\r\n"))
    return part


def _fold_params(value: str, params: list[str]) -> str:
    """``value;`` then one parameter per continuation line: short lines, nothing re-encoded."""
    return ";\r\n ".join([value] + params)


def _is_token_safe(text: str) -> bool:
    return text.isascii() and all(c.isprintable() and c not in '"\\' for c in text)


def _encoded_header(name: str, value: str) -> str:
    """A Chinese header value as RFC 2047 words of at most 75 characters, one per line.

    (email's own folder lets a word grow to 76 characters.)
    """
    if value.isascii():
        return value
    return "\r\n ".join(encoded_words(value, min(_WORD_LIMIT, _LINE_LIMIT - len(name) - 2)))


def _rfc2047_param(key: str, value: str) -> str:
    """``name="=?utf-8?b?…?= =?utf-8?b?…?="``: whole characters per word, every line within 78."""
    if _is_token_safe(value):
        return f'{key}="{value}"'
    return f'{key}="' + "\r\n ".join(encoded_words(value, _LINE_LIMIT - len(f' {key}="') - 1)) + '"'


def encoded_words(text: str, limit: int = _WORD_LIMIT) -> list[str]:
    """RFC 2047 base64 words of at most ``limit`` characters, never splitting a character."""
    words: list[str] = []
    chunk = ""
    for ch in text:
        if chunk and len(_word(chunk + ch)) > limit:
            words.append(_word(chunk))
            chunk = ""
        chunk += ch
    if chunk:
        words.append(_word(chunk))
    return words


def _word(text: str) -> str:
    return f"=?utf-8?b?{_b64(text)}?="


def _rfc2231_params(key: str, value: str) -> list[str]:
    """``filename*0*=utf-8''…`` continuations, each line within 78 characters."""
    if _is_token_safe(value):
        return [f'{key}="{value}"']
    chunks: list[str] = []
    current = ""
    budget = _LINE_LIMIT - len(f" {key}*00*=utf-8'';")
    for ch in value:
        encoded = quote(ch, safe="")
        if len(current) + len(encoded) > budget:
            chunks.append(current)
            current = ""
        current += encoded
    chunks.append(current)
    if len(chunks) == 1:
        return [f"{key}*=utf-8''{chunks[0]}"]
    return [f"{key}*{i}*=" + ("utf-8''" if i == 0 else "") + chunk for i, chunk in enumerate(chunks)]


def message_bytes(msg: EmailMessage) -> bytes:
    """The exact bytes that are sent, saved with ``--eml`` and measured against the limit."""
    return msg.as_bytes(policy=POLICY)


def check_size(data: bytes, limit: int) -> None:
    """Refuse before connecting: a server would reject it after the upload anyway."""
    if len(data) > limit:
        raise DeliveryError(f"邮件大小 {len(data) / MB:.1f} MB 超过上限 {limit / MB:g} MB，"
                            "未发送（编码后的大小，约为附件的 1.37 倍）。"
                            "可在 [mail] 中调大 max_size_mb（需邮件服务器允许），或减少格式（formats）")


def write_eml(data: bytes, path: Path) -> None:
    """Save the exact message instead of sending it (atomically, like every output)."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        from ..errors import OutputError

        raise OutputError(f"无法写入邮件文件“{path}”：{exc.strerror or exc}") from exc


# --- sending -----------------------------------------------------------------------

@dataclass
class SendResult:
    """Who accepted the message and who refused it (a partial delivery is possible)."""

    accepted: list[str] = field(default_factory=list)
    refused: dict[str, tuple[int, str]] = field(default_factory=dict)
    attempts: int = 0


class _Permanent(Exception):
    """A failure that retrying will not fix; carries the message for the user."""


class _Transient(Exception):
    """A failure that may pass (4xx, dropped connection, timeout)."""


def send(data: bytes, sender: str, recipients: list[str], smtp: SmtpSettings, *,
         debug: Debug | None = None, sleep: Callable[[float], None] = time.sleep) -> SendResult:
    """Deliver ``data`` to ``recipients``; retry what may pass, stop at what will not.

    Returns the accepted and refused recipients when the server took the
    message (partially refused mail is not re-sent here: the accepted ones
    already have it; the job sends to the rest on its next run).  Raises
    DeliveryError when nobody received it.
    """
    _check_plain_allowed(smtp)
    password = _password(smtp)
    where = f"{smtp.host}:{smtp.effective_port}"
    last = ""
    for attempt in range(1, smtp.retries + 2):
        try:
            result = _send_once(data, sender, recipients, smtp, password, debug)
            result.attempts = attempt
            return result
        except _Permanent as exc:
            raise DeliveryError(f"邮件未发送（{where}）：{exc}") from None
        except _Transient as exc:
            last = str(exc)
            if attempt <= smtp.retries:
                delay = smtp.retry_delay * (2 ** (attempt - 1))
                if debug:
                    debug(f"第{attempt}次发送失败：{last}；{delay:g} 秒后重试")
                sleep(delay)
    raise DeliveryError(f"邮件未发送（{where}，已尝试{smtp.retries + 1}次）：{last}")


def _send_once(data: bytes, sender: str, recipients: list[str], smtp: SmtpSettings,
               password: str | None, debug: Debug | None) -> SendResult:
    try:
        with _connect(smtp, password, debug) as client:
            options = [f"SIZE={len(data)}"] if client.has_extn("size") else []
            refused = client.sendmail(sender, recipients, data, mail_options=options)
    except smtplib.SMTPRecipientsRefused as exc:
        raise _classify_refusal(exc.recipients) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise _by_code(exc.smtp_code, f"登录被拒绝（{_reply(exc)}）；请检查 username 和密码"
                                      "（password_env 指向的环境变量或 password_file）") from None
    except smtplib.SMTPSenderRefused as exc:
        raise _by_code(exc.smtp_code, f"服务器拒绝发件人 {exc.sender}（{_reply(exc)}）") from None
    except smtplib.SMTPDataError as exc:
        raise _by_code(exc.smtp_code, f"服务器拒收邮件内容（{_reply(exc)}）") from None
    except smtplib.SMTPResponseException as exc:
        raise _by_code(exc.smtp_code, f"服务器回复 {_reply(exc)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise _Permanent(f"服务器不支持所需功能：{exc}") from None
    except smtplib.SMTPServerDisconnected as exc:
        raise _Transient(f"服务器中途断开了连接（{exc or '无说明'}）") from None
    except ssl.SSLCertVerificationError as exc:
        raise _Permanent(f"服务器证书未通过验证（{exc.verify_message or exc.reason}）；"
                         "如服务器使用单位内部 CA，请在 [smtp] 中用 ca_file 指定该 CA 证书") from None
    except ssl.SSLError as exc:
        raise _Permanent(f"TLS 握手失败（{exc.reason or exc}）；请检查 security 与端口是否匹配"
                         "（tls 对应 465，starttls 对应 587）") from None
    except socket.gaierror as exc:
        error = _Transient if exc.errno == socket.EAI_AGAIN else _Permanent
        raise error(f"找不到服务器“{smtp.host}”（{exc.strerror}）") from None
    except ConnectionRefusedError:
        raise _Transient("连接被拒绝：服务器未运行或端口不对") from None
    except (TimeoutError, socket.timeout):
        raise _Transient(f"等待服务器超过 {smtp.timeout:g} 秒") from None
    except OSError as exc:
        raise _Transient(f"网络错误：{exc.strerror or exc}") from None
    accepted = [r for r in recipients if r not in refused]
    return SendResult(accepted, {r: (code, _text(msg)) for r, (code, msg) in refused.items()})


def _reply(exc: smtplib.SMTPResponseException) -> str:
    return f"{exc.smtp_code} {_text(exc.smtp_error)}".strip()


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)


def _by_code(code: int, message: str) -> Exception:
    return _Transient(message) if 400 <= code < 500 else _Permanent(message)


def _classify_refusal(refused: dict) -> Exception:
    """Every recipient refused: name them; retry only if all refusals were temporary."""
    named = "；".join(f"{addr}（{code} {_text(msg)}）" for addr, (code, msg) in refused.items())
    if all(400 <= code < 500 for code, _ in refused.values()):
        return _Transient(f"收件人暂时被拒收：{named}")
    return _Permanent(f"服务器拒收收件人：{named}")


# --- the connection ------------------------------------------------------------------

class _Transcript:
    """smtplib's debug output, with the login exchange hidden and secrets removed.

    Set up before smtplib's own ``__init__`` connects, so the greeting is in
    the transcript too.
    """

    def __init__(self, *args, sink: Debug | None = None, secrets: tuple[str, ...] = (), **kwargs):
        self.sink = sink
        self.secrets = secrets
        self.in_auth = False
        self.debuglevel = 1 if sink else 0
        super().__init__(*args, **kwargs)

    def _print_debug(self, *args) -> None:  # smtplib's hook for debuglevel > 0
        if not self.sink:
            return
        line = " ".join(str(a) for a in args)
        if self.in_auth and line.startswith("send:"):
            line = "send: [登录数据已隐藏]"
        for secret in self.secrets:
            line = line.replace(secret, "***")
        self.sink(line)

    def login(self, user, password, **kwargs):
        self.in_auth = True
        try:
            return super().login(user, password, **kwargs)
        finally:
            self.in_auth = False

    # smtplib encodes credentials as ASCII, so a password like "密码2024" cannot log in
    # (CPython issue 73936).  RFC 4616 (PLAIN) says UTF-8; the two methods below are
    # smtplib's own with that one change.

    def auth(self, mechanism, authobject, *, initial_response_ok=True):
        initial = authobject() if initial_response_ok else None
        if initial is not None:
            code, resp = self.docmd("AUTH", f"{mechanism.upper()} {_b64(initial)}")
        else:
            code, resp = self.docmd("AUTH", mechanism.upper())
        for _ in range(smtplib._MAXCHALLENGE):
            if code != 334:
                break
            code, resp = self.docmd(_b64(authobject(base64.decodebytes(resp))))
        if code in (235, 503):
            return code, resp
        raise smtplib.SMTPAuthenticationError(code, resp)

    def auth_cram_md5(self, challenge=None):
        if challenge is None:
            return None
        return f"{self.user} {hmac.HMAC(self.password.encode('utf-8'), challenge, 'md5').hexdigest()}"


class _SMTP(_Transcript, smtplib.SMTP):
    pass


class _SMTPS(_Transcript, smtplib.SMTP_SSL):
    pass


def _tls_context(smtp: SmtpSettings) -> ssl.SSLContext:
    """Verification on, always; ``ca_file`` adds an office CA to trust."""
    try:
        return ssl.create_default_context(cafile=str(smtp.ca_file) if smtp.ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise UsageError(f"无法读取 CA 证书文件“{smtp.ca_file}”：{getattr(exc, 'strerror', None) or exc}") from None


def _connect(smtp: SmtpSettings, password: str | None, debug: Debug | None) -> smtplib.SMTP:
    """An open, greeted, encrypted (unless plain) and logged-in connection."""
    port = smtp.effective_port
    context = _tls_context(smtp) if smtp.mode != "plain" else None
    cls = _SMTPS if smtp.mode == "tls" else _SMTP
    kwargs = {"context": context} if smtp.mode == "tls" else {}
    client = cls(smtp.host, port, timeout=smtp.timeout, sink=debug,
                 secrets=_secret_forms(smtp.username, password), **kwargs)
    try:
        client.ehlo_or_helo_if_needed()
        if smtp.mode == "starttls":
            if not client.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError("服务器不支持 STARTTLS；如是 465 端口请用 security = \"tls\"")
            client.starttls(context=context)
            client.ehlo()
        if smtp.username:
            client.login(smtp.username, password or "")
    except BaseException:
        client.close()
        raise
    return client


def _secret_forms(username: str | None, password: str | None) -> tuple[str, ...]:
    """The password as it could appear in a transcript: plain and base64 (AUTH PLAIN/LOGIN)."""
    if not password:
        return ()
    forms = [password, _b64(password)]
    if username:
        forms.append(_b64(f"\0{username}\0{password}"))
    return tuple(f for f in forms if f)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _password(smtp: SmtpSettings) -> str | None:
    """From the named environment variable or file only; never an option or a config value."""
    if not smtp.username:
        return None
    if smtp.password_env:
        value = os.environ.get(smtp.password_env)
        if not value:
            raise UsageError(f"环境变量 {smtp.password_env} 未设置或为空（[smtp] password_env）；"
                             "cron 中请在 crontab 或包装脚本里设置它")
        return value
    if smtp.password_file:
        try:
            value = smtp.password_file.read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise UsageError(f"无法读取密码文件“{smtp.password_file}”：{exc.strerror or exc}") from None
        if not value:
            raise UsageError(f"密码文件“{smtp.password_file}”是空的")
        return value
    raise UsageError("配置了 username 却没有密码来源：在 [smtp] 中写 password_env = \"EXPORTER_SMTP_PASSWORD\" "
                     "或 password_file = \"…\"（密码不能写在命令行或配置文件里）")


def _check_plain_allowed(smtp: SmtpSettings) -> None:
    """Unencrypted SMTP only to this machine, unless the configuration says otherwise."""
    if smtp.mode != "plain" or smtp.allow_plain or _is_loopback(smtp.host):
        return
    raise UsageError(f"不加密的 SMTP 只允许连接本机，而“{smtp.host}”不是本机地址；"
                     "请用 security = \"starttls\" 或 \"tls\"，确需明文时在 [smtp] 中写 allow_plain = true")


def _is_loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)
