"""The short notice of a published report that chat services and webhooks receive: title, date, the top
headlines and a link. Headlines come from sources and models, so they are plain text here: URL-like text
removed (a notice links only to the report) and mentions defused (no ``@everyone`` ping)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from guancha.textutil import strip_urls

ZERO_WIDTH_SPACE = "\u200b"


@dataclass(frozen=True)
class Notice:
    report_id: str
    watcher: str
    title: str
    date: str
    long_date: str
    version: int
    headlines: list[str]
    url: str | None

    def text(self) -> str:
        """The body of a chat message (the title travels separately)."""
        lines = [self.long_date + (f" (correction, version {self.version})" if self.version > 1 else ""), ""]
        lines += [f"{i}. {h}" for i, h in enumerate(self.headlines, 1)] or ["A quiet day: no stories."]
        if self.url:
            lines += ["", f"Read it: {self.url}"]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def plain(text: str) -> str:
    """Untrusted text made safe for a chat line: one line, no links, no mentions."""
    one_line = " ".join(strip_urls(text).split())
    return one_line.replace("@", "@" + ZERO_WIDTH_SPACE)


def report_url(site_url: str | None, watcher: str, date: str) -> str | None:
    """The report's permalink on the published site (``/<watcher>/<date>/``), when a site URL is configured."""
    if not site_url:
        return None
    return f"{site_url.rstrip('/')}/{watcher}/{date}/"


def notice_for(report: Any, *, site_url: str | None, top: int) -> Notice:
    """The notice of a stored report row (``reports`` table)."""
    data = json.loads(report["json"])
    headlines = []
    for story in data.get("stories", [])[:top]:
        head = plain(str(story.get("headline", "")))
        sub = plain(str(story.get("subtitle", "")))
        emoji = str(story.get("emoji", "")).strip()
        headlines.append(" ".join(p for p in (emoji, f"{head} — {sub}" if sub else head) if p))
    return Notice(report_id=report["id"], watcher=report["watcher_id"], title=plain(report["title"]),
                  date=report["report_date"], long_date=str(data.get("long_date", report["report_date"])),
                  version=int(report["version"]), headlines=headlines,
                  url=report_url(site_url, report["watcher_id"], report["report_date"]))


def weekly_url(site_url: str | None, watcher: str, week: str) -> str | None:
    """A weekly synthesis's permalink on the published site (``/<watcher>/weekly/<week>/``)."""
    if not site_url:
        return None
    return f"{site_url.rstrip('/')}/{watcher}/weekly/{week}/"


def weekly_notice_for(weekly: Any, *, site_url: str | None, top: int) -> Notice:
    """The notice of a stored weekly synthesis (``weekly_reports`` table): the week's threads that continued
    first, each by its latest headline."""
    data = json.loads(weekly["json"])
    threads = data.get("threads", [])
    heads = [plain(str(t["stories"][-1].get("headline", ""))) for t in threads if t.get("stories")]
    monday = str(data.get("monday", ""))
    return Notice(report_id=weekly["id"], watcher=weekly["watcher_id"], title=plain(weekly["title"]),
                  date=weekly["week"], long_date=f"The week of {monday}" if monday else str(weekly["week"]),
                  version=int(weekly["version"]), headlines=[h for h in heads if h][:top],
                  url=weekly_url(site_url, weekly["watcher_id"], weekly["week"]))
