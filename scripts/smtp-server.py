#!/usr/bin/env python3
"""The tests' SMTP servers, on aiosmtpd (scripts/smtp.sh starts them).

    smtp-server.py serve DIR PLAIN STARTTLS SMTPS REFUSE

PLAIN takes mail without TLS or AUTH; STARTTLS requires STARTTLS and then AUTH (PLAIN or LOGIN) as
the user `dxskills` with the password in DIR/password; SMTPS is the same with TLS from the first
byte; REFUSE greets with 554. Every message accepted is written to DIR/mail/<server>/NNNNNN.eml, and
beside it NNNNNN.json holds what Python's email package reads from it: the decoded headers, the
envelope and the text of the body. A recipient whose local part starts with `refuse` is refused
with 550, one that starts with `later` with 451. While the file DIR/mail/<server>.hold exists, a
server writes each message and then waits before it answers the final dot (up to 120 s): the
moment between a client's send and its knowing it was sent, where scripts/notify-crash.sh kills
the service.
"""
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Saver:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.lock = threading.Lock()
        self.count = len([n for n in os.listdir(folder) if n.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("refuse"):
            return "550 5.1.1 dxskills test: no such mailbox"
        if local.startswith("later"):
            return "451 4.3.0 dxskills test: try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, "%06d" % self.count)
        raw = envelope.original_content or envelope.content
        with open(name + ".eml", "wb") as f:
            f.write(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)

        def mailbox(header):
            value = message[header]
            if value is None or not value.addresses:
                return None
            a = value.addresses[0]
            return {"name": a.display_name, "address": a.addr_spec}

        document = {
            "server": os.path.basename(self.folder),
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "authenticated_as": session.auth_data.login.decode()
            if isinstance(session.auth_data, LoginPassword) else None,
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "from": mailbox("from"),
            "to": mailbox("to"),
            "subject": str(message["subject"]),
            "raw_subject": raw_header(raw, b"Subject"),
            "date": str(message["date"]),
            "message_id": str(message["message-id"]),
            "auto_submitted": str(message["auto-submitted"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "transfer_encoding": str(message["content-transfer-encoding"]),
            "body": message.get_content(),
            "defects": [type(d).__name__ for d in message.defects],
        }
        with open(name + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False)
        os.rename(name + ".json.tmp", name + ".json")
        hold = self.folder + ".hold"
        for _ in range(1200):
            if not os.path.exists(hold):
                break
            await asyncio.sleep(0.1)
        return "250 2.0.0 accepted as %06d" % self.count


def raw_header(raw, name):
    """The header's line as sent, folding kept, to check the RFC 2047 words themselves."""
    head = b"\r\n" + raw.split(b"\r\n\r\n", 1)[0]
    marker = b"\r\n" + name + b": "
    if marker not in head:
        return None
    value = head.split(marker, 1)[1]
    lines = value.split(b"\r\n")
    kept = [lines[0]] + [line for line in _continuations(lines[1:])]
    return b"\r\n".join(kept).decode("ascii", "replace")


def _continuations(lines):
    for line in lines:
        if not line.startswith((b" ", b"\t")):
            return
        yield line


def authenticator(password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == b"dxskills"
            and auth_data.password == password
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return check


async def refuse(reader, writer):
    writer.write(b"554 5.3.2 dxskills test: no mail service here\r\n")
    await writer.drain()
    try:
        while line := await reader.readline():
            if line.upper().startswith(b"QUIT"):
                writer.write(b"221 2.0.0 bye\r\n")
                await writer.drain()
                break
            writer.write(b"503 5.5.1 no service\r\n")
            await writer.drain()
    finally:
        writer.close()


def main():
    folder, plain, starttls, smtps, refusing = sys.argv[2], *map(int, sys.argv[3:7])
    with open(os.path.join(folder, "password"), "rb") as f:
        password = f.read().rstrip(b"\n")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(os.path.join(folder, "server.pem"), os.path.join(folder, "server.key"))
    mail = os.path.join(folder, "mail")
    servers = [
        Controller(Saver(os.path.join(mail, "plain")), hostname="127.0.0.1", port=plain),
        Controller(
            Saver(os.path.join(mail, "starttls")), hostname="127.0.0.1", port=starttls, tls_context=context,
            require_starttls=True, authenticator=authenticator(password), auth_require_tls=True,
        ),
        Controller(
            Saver(os.path.join(mail, "smtps")), hostname="127.0.0.1", port=smtps, ssl_context=context,
            server_hostname="localhost", authenticator=authenticator(password), auth_require_tls=False,
        ),
    ]
    for server in servers:
        server.start()
    loop = asyncio.new_event_loop()
    loop.run_until_complete(asyncio.start_server(refuse, "127.0.0.1", refusing))
    print("ready", flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
