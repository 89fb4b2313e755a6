"""What a new user trips on in a first week (red team 17): each test fails on the behaviour it was written for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import run_cli

# --------------------------------------------------------------------------- a report date in the future


def test_a_future_report_date_is_refused_and_nothing_is_recorded(workspace: Path) -> None:
    """`run --date tomorrow` used to finalise an empty 'quiet day' report for tomorrow (its window ended now),
    which tomorrow's real run then returned unchanged."""
    later = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=3)).isoformat()
    done = run_cli("run", "china-ai", "--date", later, "--no-collect", "-w", str(workspace))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "in the future" in done.stderr and "on or after that day" in done.stderr
    status = run_cli("status", "--json", "-w", str(workspace))
    assert later not in status.stdout
    assert not (workspace / "reports" / "china-ai").exists()


@pytest.mark.parametrize(("zone", "day", "refused"), [
    ("UTC", "2026-12-08", True),
    ("UTC", "2026-12-07", False),
    ("Pacific/Kiritimati", "2026-12-08", False),   # UTC+14: already the 8th there
    ("Pacific/Kiritimati", "2026-12-09", True),
    ("America/Los_Angeles", "2026-12-07", False),
])
def test_the_future_is_read_in_the_watchers_time_zone(zone: str, day: str, refused: bool) -> None:
    from guancha.errors import UsageError
    from guancha.run import refuse_future_date

    now = dt.datetime(2026, 12, 7, 22, 30, tzinfo=dt.UTC)
    if refused:
        with pytest.raises(UsageError, match="in the future"):
            refuse_future_date(dt.date.fromisoformat(day), zone, now)
    else:
        refuse_future_date(dt.date.fromisoformat(day), zone, now)
