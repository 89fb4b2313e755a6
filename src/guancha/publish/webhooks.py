"""A generic JSON webhook: the report's notice POSTed as JSON, signed so the receiver can trust it.

``X-Guancha-Signature: sha256=<hex HMAC-SHA256 of the raw body>`` with the secret from the environment
variable named in the settings. ``X-Guancha-Delivery`` (also ``delivery_id`` in the body) is stable for a
report version and endpoint, so a receiver can drop a repeat; ``sent_at`` in the signed body lets it refuse
old replays. A 2xx answer is success; 408, 429 and 5xx are retried (Retry-After honoured); any other 4xx is
permanent. Redirects are not followed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os

import httpx

from guancha import __version__
from guancha.errors import DeliveryFailed
from guancha.httputil import retry_after_seconds
from guancha.publish.mail import scrub
from guancha.publish.notice import Notice
from guancha.spec import WebhookSettings
from guancha.store import content_key
from guancha.timeutil import utcnow_iso

SIGNATURE_HEADER = "X-Guancha-Signature"
EVENT = "report.published"


def recipient_key(hook: WebhookSettings) -> str:
    return "h" + content_key("webhook", hook.url, length=20)


def label(hook: WebhookSettings) -> str:
    """Scheme and host only: a webhook URL's path often is its secret."""
    scheme, _, rest = hook.url.partition("://")
    host = rest.split("/", 1)[0].rpartition("@")[2]
    return f"{scheme}://{host}/… #{recipient_key(hook)[1:7]}"


def delivery_id(report_id: str, hook: WebhookSettings) -> str:
    return content_key("webhook-delivery", report_id, hook.url, length=32)


def sign(secret: str, body: bytes) -> str:
    """The signature header value; receivers compare it with hmac.compare_digest."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    return header is not None and hmac.compare_digest(sign(secret, body), header)


def payload(notice: Notice, delivery: str, event: str = EVENT) -> bytes:
    sent_at = utcnow_iso()
    body = {"event": event, "delivery_id": delivery, "sent_at": sent_at, **notice.as_dict()}
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")


def send_webhook(hook: WebhookSettings, notice: Notice, *, delivery: str, timeout_s: float = 20.0,
                 env: dict[str, str] | None = None, client: httpx.Client | None = None,
                 event: str = EVENT) -> None:
    """POST the signed notice (``event``: report.published, or alarm.opened / alarm.resolved); DeliveryFailed (never showing the URL's path) when it is not accepted."""
    secret = (os.environ if env is None else env).get(hook.secret_env, "")
    where = label(hook)
    if not secret:
        raise DeliveryFailed(f"{where}: the webhook secret variable {hook.secret_env} is not set",
                             fix=f"export {hook.secret_env}=<shared secret> where guancha runs")
    body = payload(notice, delivery, event)
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, body),
               "X-Guancha-Event": event, "X-Guancha-Delivery": delivery, "User-Agent": f"guancha/{__version__}"}
    try:
        if client is not None:
            response = client.post(hook.url, content=body, headers=headers, timeout=timeout_s)
        else:
            with httpx.Client(follow_redirects=False) as own:
                response = own.post(hook.url, content=body, headers=headers, timeout=timeout_s)
    except httpx.HTTPError as exc:
        raise DeliveryFailed(f"{where}: {type(exc).__name__} {scrub(str(exc).replace(hook.url, '<url>'))}") from exc
    code = response.status_code
    if 200 <= code < 300:
        return
    permanent = 300 <= code < 500 and code not in (408, 429)
    raise DeliveryFailed(f"{where}: HTTP {code}", permanent=permanent,
                         retry_after_s=retry_after_seconds(response.headers.get("Retry-After")))


__all__ = ["SIGNATURE_HEADER", "delivery_id", "label", "recipient_key", "send_webhook", "sign", "verify"]
