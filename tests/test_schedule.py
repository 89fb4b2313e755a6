"""Watcher schedules: cron lines read in the watcher's own zone, and spec errors that name line and fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guancha import schedule
from guancha.errors import ConfigError
from guancha.spec import load_watcher

UTC = dt.UTC


def test_a_daily_line_in_a_zone_with_daylight_saving_ticks_at_local_six():
    before_switch = dt.datetime(2026, 3, 28, 12, tzinfo=UTC)  # Berlin moves to summer time on 29 March
    assert schedule.last_tick("0 6 * * *", "Europe/Berlin", before_switch) == dt.datetime(2026, 3, 28, 5, tzinfo=UTC)
    assert schedule.next_tick("0 6 * * *", "Europe/Berlin", before_switch) == dt.datetime(2026, 3, 29, 4, tzinfo=UTC)
    assert schedule.cadence("0 6 * * *", "Europe/Berlin", before_switch) == dt.timedelta(hours=23)


def test_a_tick_exactly_now_is_due_and_its_report_date_is_the_local_day():
    now = dt.datetime(2026, 5, 1, 22, 0, tzinfo=UTC)
    assert schedule.last_tick("0 22 * * *", "UTC", now) == now
    assert schedule.report_date(dt.datetime(2026, 5, 1, 22, tzinfo=UTC), "Asia/Shanghai") == dt.date(2026, 5, 2)


@pytest.mark.parametrize("line", ["0 6 * *", "61 6 * * *", "0 6 * * * *", "every day"])
def test_a_bad_cron_line_is_refused_with_an_example(line):
    with pytest.raises(ValueError, match="0 6"):
        schedule.validate_cron(line)


def test_a_spec_with_a_bad_schedule_names_file_line_and_fix(tmp_path: Path):
    spec = tmp_path / "w.yaml"
    spec.write_text("id: w\ntitle: W\nsources:\n  - feed: https://example.org/feed.xml\n"
                    "schedule: '0 25 * * *'\ntimezone: UTC\n")
    with pytest.raises(ConfigError) as err:
        load_watcher(spec)
    assert err.value.line == 5 and "cron" in str(err.value)
    spec.write_text("id: w\ntitle: W\nsources:\n  - feed: https://example.org/feed.xml\n"
                    "schedule: '0 6 * * *'\ntimezone: Mars/Olympus\n")
    with pytest.raises(ConfigError) as err:
        load_watcher(spec)
    assert err.value.line == 6 and "IANA" in str(err.value)
