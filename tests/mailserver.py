"""A real SMTP server for the delivery tests (aiosmtpd on 127.0.0.1), and a throwaway CA.

Shared by test_mail.py and test_job.py.  The server is the real protocol on a
real socket; what a test varies is how it answers (refuse a recipient, drop
the connection during DATA, hold DATA until released, reject a login).
"""

from __future__ import annotations

import asyncio
import email
import socket
import ssl
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    tls: bool

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.content, policy=policy.default)


@dataclass
class Inbox:
    """The handler: records what arrived; optionally misbehaves."""

    refuse: set[str] = field(default_factory=set)     # addresses answered with 550
    drop_data: int = 0                                 # drop the connection in the next N DATA commands
    hold: threading.Event | None = None                # block DATA until set (to kill a client mid-mail)
    messages: list[Received] = field(default_factory=list)
    data_attempts: int = 0
    ehlos: int = 0
    in_data: threading.Event = field(default_factory=threading.Event)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.ehlos += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_attempts += 1
        self.in_data.set()
        if self.drop_data > 0:
            self.drop_data -= 1
            server.transport.close()
            return "421 closing"
        tls = server.transport.get_extra_info("ssl_object") is not None
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, tls))
        while self.hold is not None and not self.hold.is_set():   # the server has it; the client waits
            await asyncio.sleep(0.05)
        return "250 2.0.0 Ok: queued"


def password_checker(expected_user: str, expected_password: str):
    """An aiosmtpd authenticator accepting one user with one password."""

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == expected_user and auth_data.password.decode() == expected_password
        return AuthResult(success=ok, handled=False)   # handled=False: aiosmtpd answers 535 itself

    return authenticate


@contextmanager
def smtp_server(inbox: Inbox, port: int | None = None, **kwargs):
    """A running server on loopback (a free port unless one is given); yields the port."""
    port = port or free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port
    finally:
        if inbox.hold is not None:
            inbox.hold.set()
        controller.stop()


@dataclass
class Certificates:
    """A throwaway CA and a server certificate for 127.0.0.1 and localhost."""

    ca_file: Path
    server_context: ssl.SSLContext


def make_certificates(folder: Path) -> Certificates:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    ca_file = folder / "office-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return Certificates(ca_file, context)
