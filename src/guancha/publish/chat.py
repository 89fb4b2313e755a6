"""Chat notices through apprise URLs (Slack, Discord, Telegram, Matrix, ntfy, JSON endpoints...): the report's
title, date, top headlines and link as plain text. A URL may be written as ``env:NAME`` so its token stays in
the environment; URLs are never shown, only their scheme and a short hash."""

from __future__ import annotations

import logging
import os

from guancha.errors import DeliveryFailed
from guancha.publish.mail import scrub
from guancha.publish.notice import Notice
from guancha.store import content_key


def recipient_key(configured: str) -> str:
    """The ledger's name for a configured URL (or env:NAME): a hash, so no token is stored."""
    return "h" + content_key("chat", configured, length=20)


def label(configured: str) -> str:
    """What status shows for a chat URL: ``env:NAME`` as written, else only the scheme, plus a short hash."""
    short = recipient_key(configured)[1:7]
    if configured.startswith("env:"):
        return f"{configured} #{short}"
    return f"{configured.partition('://')[0]}:// #{short}"


def resolve(configured: str, env: dict[str, str] | None = None) -> str:
    """The apprise URL itself: as written, or read from the environment variable named by ``env:NAME``."""
    if not configured.startswith("env:"):
        return configured
    name = configured[4:]
    value = (os.environ if env is None else env).get(name, "").strip()
    if not value:
        raise DeliveryFailed(f"the chat URL variable {name} is not set", fix=f"export {name}=<apprise URL>")
    return value


def send_chat(configured: str, notice: Notice, *, env: dict[str, str] | None = None) -> None:
    """Send ``notice`` to one apprise URL; DeliveryFailed (with apprise's reason, URL removed) when it fails."""
    import apprise

    url = resolve(configured, env)
    where = label(configured)
    service = apprise.Apprise()
    if not service.add(url):
        raise DeliveryFailed(f"{where}: apprise does not understand this URL", permanent=True,
                             fix="check the URL against https://github.com/caronc/apprise/wiki")
    with apprise.LogCapture(level=logging.WARNING) as captured:
        result = service.notify(title=notice.title, body=notice.text(), body_format=apprise.NotifyFormat.TEXT)
    if not result:
        logged = [line.split(" - ", 2)[-1] for line in str(captured.getvalue()).splitlines() if line.strip()]
        reason = scrub(" ".join(logged).replace(url, "<url>")) or "the service did not accept the notice"
        raise DeliveryFailed(f"{where}: {reason}")


__all__ = ["label", "recipient_key", "resolve", "send_chat"]
