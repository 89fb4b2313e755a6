"""HTTP header values both the source fetcher and the model clients read: dates and Retry-After."""

from __future__ import annotations

import datetime as dt
import email.utils


def parse_http_date(value: str | None) -> dt.datetime | None:
    """An RFC 2822 / HTTP date as an aware UTC datetime (a date without a zone is taken as UTC)."""
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); never negative."""
    if not value:
        return None
    try:
        return max(float(value.strip()), 0.0)
    except ValueError:
        pass
    when = parse_http_date(value)
    if when is None:
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
