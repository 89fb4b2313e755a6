"""Email newsletters: one multipart (text + HTML) message per subscriber per report version, over SMTP.

The text part is the report's Markdown, the HTML part its rendered HTML (guancha.write.render), each with
an unsubscribe footer. Headers: List-Id, List-Unsubscribe (mailto and/or an https URL with the subscriber's
opaque token) and, with an https URL, List-Unsubscribe-Post (RFC 8058 one-click). The Message-ID is derived
from the report version and the subscriber, so a message sent again after a crash carries the same id and
receivers that de-duplicate on it show it once.

Addresses are personal data: they never appear in errors or logs; ``mask`` shows them as ``a***@e***.org``.
"""

from __future__ import annotations

import email.utils
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from email.message import EmailMessage
from urllib.parse import quote

from guancha.errors import DeliveryFailed, UsageError
from guancha.spec import EmailSettings
from guancha.store import content_key

# Deliberately simple and linear: a dot-atom local part and a dotted domain, no quoted forms or IP literals.
_ADDRESS_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+$")
_ANY_ADDRESS_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")


def normalise_address(raw: str) -> str:
    """A subscriber address in the form stored: trimmed, the domain lowercased. Raises UsageError when it is not
    a plain address (display names, several addresses, line breaks are refused)."""
    value = raw.strip()
    if "\r" in value or "\n" in value or not _ADDRESS_RE.match(value) or ".." in value:
        raise UsageError(f"{mask(value)!r} is not a plain email address",
                         fix="give one address like name@example.org, without a display name")
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def mask(address: str) -> str:
    """``alice@example.org`` -> ``a***@e***.org``: enough to tell addresses apart, not to read them."""
    local, at, domain = address.partition("@")
    if not at:
        return (address[:1] + "***") if address else ""
    host, dot, tld = domain.rpartition(".")
    shown = f"{host[:1]}***{dot}{tld}" if dot else f"{domain[:1]}***"
    return f"{local[:1]}***@{shown}"


def scrub(text: str, limit: int = 300) -> str:
    """Server replies and exception texts with every address in them masked, shortened for the ledger."""
    short = " ".join(str(text).split())[:limit]
    return _ANY_ADDRESS_RE.sub(lambda m: mask(m.group(0)), short)


def from_domain(settings: EmailSettings) -> str:
    address = email.utils.parseaddr(settings.from_address)[1]
    return address.rpartition("@")[2].lower() or "localhost"


def message_id(report_id: str, subscriber_id: str, domain: str) -> str:
    """The Message-ID of the report version sent to one subscriber: the same on every re-send."""
    return f"<{content_key('newsletter', report_id, subscriber_id, length=32)}@{domain}>"


# RFC 5322 specials: an unquoted phrase may not hold them.
_PHRASE_SPECIALS = frozenset('()<>[]:;@\\,."')


def list_id(watcher_id: str, title: str, settings: EmailSettings) -> str:
    """``"Label" <watcher.domain>``. A label with non-ASCII characters is written as a bare phrase (its specials
    dropped): the email package encodes its non-ASCII words, and an encoded word inside quotes is invalid
    (RFC 2047 section 5), which is what a quoted emoji title became."""
    domain = settings.list_domain or from_domain(settings)
    label = " ".join(title.split())
    if label.isascii():
        return f'"{label.replace(chr(34), chr(39))}" <{watcher_id}.{domain}>'
    phrase = " ".join("".join(" " if c in _PHRASE_SPECIALS else c for c in label).split())
    return f"{phrase} <{watcher_id}.{domain}>" if phrase else f"<{watcher_id}.{domain}>"


# A link to another report's file as the standalone report writes it (a follow-up's "2026-06-10.html", a weekly's
# "../2026-06-10.v2.md"): relative, so in a mailbox it leads nowhere.
_FILE_PATH = r"(?:\.\./)*(?:[\w-]+/)*(\d{4}-\d{2}-\d{2})(?:\.v\d+)?\."
_HTML_FILE_LINK_RE = re.compile(r'<a href="' + _FILE_PATH + r'html">([^<]{0,400})</a>')
_MD_FILE_LINK_RE = re.compile(r"\[([^\]\n]{0,400})\]\(" + _FILE_PATH + r"md\)")


def mail_links(html: str, markdown: str, day_url: Callable[[str], str | None]) -> tuple[str, str]:
    """The report's HTML and Markdown with every link to another report's file made a link to that day's page
    on the site (``day_url(date)``), or, with no site configured, plain text."""
    from markupsafe import escape

    def html_link(m: re.Match[str]) -> str:
        url = day_url(m.group(1))
        return f'<a href="{escape(url)}">{m.group(2)}</a>' if url else m.group(2)

    def md_link(m: re.Match[str]) -> str:
        url = day_url(m.group(2))
        return f"[{m.group(1)}]({url})" if url else m.group(1)

    return _HTML_FILE_LINK_RE.sub(html_link, html), _MD_FILE_LINK_RE.sub(md_link, markdown)


def wire_bytes(msg: EmailMessage) -> bytes:
    """The message as sent: CRLF lines, headers folded at RFC 5322's 998-character limit rather than 78, so a
    long header (a List-Unsubscribe URL with its token) is never split into RFC 2047 encoded words that a
    mail provider's one-click unsubscribe cannot read."""
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n", max_line_length=998))


def unsubscribe_links(token: str, settings: EmailSettings) -> tuple[str | None, str | None]:
    """The https one-click URL and the mailto URL for a subscriber's token (either may be unconfigured)."""
    https = settings.unsubscribe_url.replace("{token}", quote(token, safe="")) if settings.unsubscribe_url else None
    mailto = (f"mailto:{settings.unsubscribe_mailto}?subject={quote('unsubscribe ' + token)}"
              if settings.unsubscribe_mailto else None)
    return https, mailto


def build_message(*, settings: EmailSettings, to: str, subject: str, markdown: str, html: str, watcher_id: str,
                  list_title: str, token: str, msg_id: str, report_url: str | None = None,
                  day_url: Callable[[str], str | None] = lambda day: None) -> EmailMessage:
    """The newsletter message for one subscriber; links to other reports' files lead to ``day_url(date)``."""
    https, mailto = unsubscribe_links(token, settings)
    html, markdown = mail_links(html, markdown, day_url)
    msg = EmailMessage()
    msg["Subject"] = " ".join(subject.split())
    msg["From"] = settings.from_address
    msg["To"] = to
    msg["Date"] = email.utils.formatdate(localtime=False)
    msg["Message-ID"] = msg_id
    msg["List-Id"] = list_id(watcher_id, list_title, settings)
    msg["List-Unsubscribe"] = ", ".join(f"<{u}>" for u in (https, mailto) if u)
    if https:
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Auto-Submitted"] = "auto-generated"
    leave = https or mailto or ""
    online = f"Read it online: {report_url}\n" if report_url else ""
    msg.set_content(f"{markdown.rstrip()}\n\n-- \n{online}You receive the {list_title} briefing because you "
                    f"subscribed to it.\nUnsubscribe: {leave}\n", subtype="plain", charset="utf-8")
    msg.add_alternative(_with_footer(html, leave, list_title, report_url), subtype="html", charset="utf-8")
    return msg


def _with_footer(html: str, unsubscribe: str, list_title: str, report_url: str | None) -> str:
    from markupsafe import escape

    online = (f'<a href="{escape(report_url)}">Read it online</a>. ' if report_url else "")
    footer = (f'<hr><footer><p style="font-size:0.85em;color:#555">{online}You receive the {escape(list_title)} '
              f'briefing because you subscribed to it. <a href="{escape(unsubscribe)}">Unsubscribe</a>.</p></footer>')
    if "</body>" in html:
        head, _, tail = html.rpartition("</body>")
        return f"{head}{footer}\n</body>{tail}"
    return html + footer


class RateLimit:
    """At most ``per_minute`` sends, evenly spaced (no bursts that trip a provider's limits)."""

    def __init__(self, per_minute: float) -> None:
        self.interval = 60.0 / per_minute
        self.next_at = 0.0

    def wait(self) -> None:
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


class MailSender:
    """One SMTP session reused for many messages, reconnecting when the server drops it. ``send`` raises
    DeliveryFailed (permanent for a 5xx reply) with every address masked."""

    def __init__(self, settings: EmailSettings, *, env: dict[str, str] | None = None) -> None:
        self.settings = settings
        self.env = os.environ if env is None else env
        self.smtp: smtplib.SMTP | None = None
        self.rate = RateLimit(settings.max_per_minute)

    def _password(self) -> str | None:
        name = self.settings.password_env
        if not self.settings.smtp_user or not name:
            return None
        value = self.env.get(name)
        if not value:
            raise DeliveryFailed(f"the SMTP password variable {name} is not set",
                                 fix=f"export {name}=... in the environment guancha runs in")
        return value

    def connect(self) -> smtplib.SMTP:
        if self.smtp is not None:
            return self.smtp
        s = self.settings
        password = self._password()
        where = f"{s.smtp_host}:{s.smtp_port}"
        try:
            tls = ssl.create_default_context(cafile=s.ca_file) if s.security != "none" else None
        except (OSError, ssl.SSLError) as exc:
            raise DeliveryFailed(f"cannot read the CA file {s.ca_file}: {exc}",
                                 fix="point publish.email.ca_file at a PEM certificate file") from exc
        try:
            if s.security == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=s.timeout_s,
                                                      context=tls)
            else:
                smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.timeout_s)
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=tls)
                smtp.ehlo()
            if s.smtp_user and password is not None:
                smtp.login(s.smtp_user, password)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryFailed(f"the SMTP server {where} refused the login ({exc.smtp_code})",
                                 fix=f"check smtp_user and the password in {s.password_env}") from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryFailed(f"the SMTP server {where} does not offer STARTTLS",
                                 fix="set publish.email.security to tls (port 465) or none on a trusted network") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryFailed(f"cannot reach the SMTP server {where}: {scrub(str(exc)) or type(exc).__name__}",
                                 fix="check publish.email.smtp_host/smtp_port; failed deliveries are retried") from exc
        self.smtp = smtp
        return smtp

    def send(self, msg: EmailMessage, to: str) -> None:
        self.rate.wait()
        smtp = self.connect()
        sender = email.utils.parseaddr(self.settings.from_address)[1]
        data = wire_bytes(msg)  # flattened once (send_message would again)
        try:
            smtp.sendmail(sender, [to], data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()), (0, b""))
            raise self._refusal(code, reply, "refused the address") from exc
        except smtplib.SMTPSenderRefused as exc:
            raise DeliveryFailed(f"the SMTP server refused the sender: {exc.smtp_code} {scrub(str(exc.smtp_error))}",
                                 fix="check publish.email.from_address is allowed on this server") from exc
        except smtplib.SMTPResponseException as exc:
            self._drop_if_broken(exc)
            raise self._refusal(exc.smtp_code, exc.smtp_error, "refused the message") from exc
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self.close()
            raise DeliveryFailed(f"the SMTP connection broke: {scrub(str(exc)) or type(exc).__name__}") from exc

    def _drop_if_broken(self, exc: smtplib.SMTPResponseException) -> None:
        if exc.smtp_code in (421, -1):
            self.close()

    @staticmethod
    def _refusal(code: int, reply: bytes | str, what: str) -> DeliveryFailed:
        text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        permanent = 500 <= int(code) < 600
        return DeliveryFailed(f"the SMTP server {what}: {code} {scrub(text)}", permanent=permanent)

    def close(self) -> None:
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except (OSError, smtplib.SMTPException):
            self.smtp.close()
        self.smtp = None


__all__ = ["MailSender", "RateLimit", "build_message", "mask", "message_id", "normalise_address", "scrub"]
