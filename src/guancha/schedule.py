"""Schedules: when a watcher is due, read from its spec's cron line in its own time zone.

One home for cron arithmetic (croniter), so `status`, `serve`, the alarms and the emitted units all agree on
a watcher's ticks. A tick is an aware UTC datetime; the report date a tick produces is the tick's calendar
day in the watcher's time zone, so a (watcher, date) run is one identity however often a worker wakes.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guancha.errors import UsageError
from guancha.timeutil import as_utc

CRON_FIELDS = 5
_FIELD_RE = re.compile(r"^[0-9A-Za-z*/,\-?]{1,64}$")  # linear: one character class, bounded length


def validate_cron(expr: str) -> str:
    """The cron line, normalised to single spaces; ValueError with the fix when croniter would not take it."""
    from croniter import croniter

    fields = expr.split()
    if len(fields) != CRON_FIELDS or not all(_FIELD_RE.match(f) for f in fields):
        raise ValueError(
            f"must be a cron line of {CRON_FIELDS} fields 'minute hour day-of-month month day-of-week', "
            "e.g. '0 6 * * *' for 06:00 every day or '30 7 * * 1-5' for 07:30 on weekdays")
    line = " ".join(fields)
    if not croniter.is_valid(line):
        raise ValueError(f"'{line}' is not a valid cron line: check each field's range "
                         "(minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-6), e.g. '0 6 * * *'")
    return line


def validate_timezone(name: str) -> str:
    """An IANA zone name such as 'Europe/Berlin'; ValueError naming the fix otherwise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{name}' is not a known time zone: use an IANA name such as 'UTC', "
                         "'Europe/Berlin' or 'Asia/Shanghai'") from None
    return name


def next_tick(cron: str, timezone: str, after: dt.datetime) -> dt.datetime:
    """The first tick strictly after ``after``, in UTC."""
    from croniter import croniter

    zone = ZoneInfo(timezone)
    it = croniter(cron, as_utc(after).astimezone(zone))
    return as_utc(it.get_next(dt.datetime))


def last_tick(cron: str, timezone: str, at: dt.datetime) -> dt.datetime:
    """The latest tick at or before ``at``, in UTC (a tick exactly at ``at`` counts as due)."""
    from croniter import croniter

    zone = ZoneInfo(timezone)
    start = as_utc(at).astimezone(zone) + dt.timedelta(seconds=1)
    it = croniter(cron, start)
    return as_utc(it.get_prev(dt.datetime))


def cadence(cron: str, timezone: str, at: dt.datetime) -> dt.timedelta:
    """The usual gap between ticks around ``at`` (24 h for a daily line): the basis of lateness alarms."""
    previous = last_tick(cron, timezone, at)
    return next_tick(cron, timezone, previous) - previous


def report_date(tick: dt.datetime, timezone: str) -> dt.date:
    """The report date a tick produces: the tick's calendar day in the watcher's own time zone."""
    return as_utc(tick).astimezone(ZoneInfo(timezone)).date()


def iso_week(value: str | None = None, *, date: dt.date | None = None, today: dt.date | None = None) -> tuple[str, dt.date]:
    """(``YYYY-Www``, its Monday) for ``--week``, or the week holding ``date``; default: the last full week."""
    if value is not None:
        try:
            year, _, week = value.upper().partition("-W")
            monday = dt.date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            raise UsageError(f"--week {value!r} is not an ISO week", fix="write it like 2026-W18") from None
    else:
        day = date or ((today or dt.datetime.now(dt.UTC).date()) - dt.timedelta(days=7))
        monday = day - dt.timedelta(days=day.weekday())
    y, w, _ = monday.isocalendar()
    return f"{y}-W{w:02d}", monday


def week_due(cron: str, timezone: str, now: dt.datetime) -> tuple[dt.datetime, str, dt.date]:
    """The latest weekly tick at or before ``now`` and the week it sums up: the last full ISO week before the
    tick's local day (a Monday-morning tick writes up Monday to Sunday just gone)."""
    tick = last_tick(cron, timezone, now)
    label, monday = iso_week(date=report_date(tick, timezone) - dt.timedelta(days=7))
    return tick, label, monday
