"""Checking briefings as a series: a URL that an earlier report on the same topic already cited is reuse.

The reference system cited an already-used URL in most of its dailies and republished whole reports under
new dates; a folder of briefings is exactly where that shows. Reports are grouped by topic (the title line
without its date and emoji), ordered by date, and each one is checked against the URLs of the reports of
earlier dates before it. Reports on the same date are not "earlier" than each other, and run artifacts
(drafts, iterations, score sheets) are checked but never count as published reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from guancha.check.findings import CheckResult
from guancha.check.view import BriefingView
from guancha.collect.urls import page_key

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_WORD = re.compile(r"[^\w]+")

CheckOne = Callable[[BriefingView, dict[str, str]], CheckResult]


def topic_key(view: BriefingView) -> str | None:
    """The series a briefing belongs to: its title without date, emoji and punctuation, lower-cased."""
    if view.title is None or view.date is None:
        return None
    text = _DATE.sub(" ", view.title.text)
    key = _NOT_WORD.sub(" ", text).replace("_", " ").strip().lower()
    return key or None


def cited_urls(view: BriefingView) -> set[str]:
    """Canonical URLs a briefing cites: story links, Sources lists and papers."""
    urls = {page_key(url) for story in view.stories for url in story.all_urls}
    urls.update(page_key(p.url) for p in view.papers if p.url)
    return urls


def check_series(
    views: Sequence[tuple[Path, BriefingView]],
    check_one: CheckOne,
    *,
    earlier: dict[str, str] | None = None,
) -> list[CheckResult]:
    """Check each briefing with ``check_one(view, earlier_urls)``; results come back in the input order.

    ``earlier`` holds URLs already used before the whole series (e.g. from the workspace's ledger).
    """
    base = dict(earlier or {})
    results: dict[int, CheckResult] = {}
    series: dict[str, dict[dt.date, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (_, view) in enumerate(views):
        topic = topic_key(view)
        if topic is None or view.date is None:
            results[i] = check_one(view, base)
        else:
            series[topic][view.date].append(i)
    for by_date in series.values():
        used = dict(base)
        for day in sorted(by_date):
            for i in by_date[day]:
                results[i] = check_one(views[i][1], used)
            for i in by_date[day]:  # only now: reports of the same day are not earlier than each other
                if views[i][1].artifact:
                    continue
                where = f"{views[i][0].name} ({day.isoformat()})"
                for url in cited_urls(views[i][1]):
                    used.setdefault(url, where)
    return [results[i] for i in range(len(views))]
