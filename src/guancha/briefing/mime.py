"""A briefing saved from a mailbox (``.eml``): its body, decoded, as the HTML or text it was sent as.

A newsletter is sent quoted-printable ("=E2=80=94", soft line breaks ending in "=") or as base64 parts of a
multipart/alternative message; read as it lies in the file, such a briefing had no title, no contents and no stories.
The HTML part is preferred (it carries the links), else the plain text part. Line numbers then count in the decoded
body. A message whose body cannot be decoded is left as it is, for the parser to read what it can.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import Message

# the opening of a mail header block: "Header-Name: value" on the first line
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]")
# headers that say the body is encoded or in parts (the only case that needs decoding)
_ENCODED = re.compile(rb"^(?:content-transfer-encoding:[ \t]*(?:quoted-printable|base64)|content-type:[ \t]*multipart/)",
                      re.IGNORECASE | re.MULTILINE)
_HEAD_BYTES = 16_000


def unwrap_mail(data: bytes, filename: str | None) -> tuple[bytes, str | None]:
    """(body as UTF-8 bytes, a file name with the body's suffix) for an encoded e-mail; else the input unchanged."""
    if not _HEADER_LINE.match(data[:200]):
        return data, filename
    head = data[:_HEAD_BYTES]
    end = re.search(rb"\r?\n\r?\n", head)
    if end is None or not (_ENCODED.search(head[: end.start()]) or b"multipart/" in head.lower()):
        return data, filename
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part, suffix = _body_part(message)
    if part is None:
        return data, filename
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return data, filename
    charset = part.get_content_charset() or "utf-8"
    try:
        text = payload.decode(charset, errors="replace")
    except LookupError:   # a charset Python does not know: the bytes as UTF-8, damage repaired later
        text = payload.decode("utf-8", errors="replace")
    stem = (filename or "message").rsplit(".", 1)[0]
    return text.encode("utf-8"), stem + suffix


def _body_part(message: Message) -> tuple[Message | None, str]:
    html: Message | None = None
    plain: Message | None = None
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind == "text/html" and html is None:
            html = part
        elif kind == "text/plain" and plain is None:
            plain = part
    if html is not None:
        return html, ".html"
    return plain, ".txt"
