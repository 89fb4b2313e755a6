"""One home for times: the ISO-8601 "Z" form stored everywhere, reading it back, and a report day's end.

Stored times are UTC with seconds precision and a ``Z`` suffix (``2026-05-02T23:59:59Z``), so they sort as
text; a naive time read back is taken as UTC. A report date's window ends at the last second of that day
in UTC, which is how a bare ``--as-of`` date and a run's default reference time are both read.
"""

from __future__ import annotations

import datetime as dt


def iso_z(value: dt.datetime) -> str:
    """``value`` in UTC, seconds precision, ``Z`` suffix (a naive value is taken as UTC)."""
    return as_utc(value).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def utcnow_iso() -> str:
    """Now, as ``iso_z`` writes it."""
    return iso_z(dt.datetime.now(dt.UTC))


def parse_iso(value: str) -> dt.datetime:
    """An ISO-8601 time (``Z`` or an offset; naive means UTC) as an aware UTC datetime. Raises ValueError."""
    return as_utc(dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")))


def as_utc(value: dt.datetime) -> dt.datetime:
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last second of ``day`` in UTC: where a report date's freshness window ends."""
    return dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=dt.UTC)
