"""Acceptance: `guancha demo` collects the bundled sample web over real loopback HTTP into a real SQLite file.

What to expect comes from the sample's expected.yaml, never from lists in this file, so the same checks hold
for any sample web in the documented format.
"""

from __future__ import annotations

import json
import sqlite3
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from guancha.sampleweb import ExpectedTruth, bundled_sample, check_sample
from tests.conftest import run_cli

SAMPLE = bundled_sample()
MOJIBAKE = ("â€", "Ã©", "Ã¨", "â€™", "â€œ", "\ufffd")


@dataclass
class DemoRun:
    report: dict[str, Any]
    workspace: Path
    truth: ExpectedTruth
    db: sqlite3.Connection

    @property
    def base(self) -> str:
        return str(self.report["base"])

    @property
    def collection(self) -> dict[str, Any]:
        return dict(self.report["collection"])

    def article(self, path: str) -> sqlite3.Row | None:
        """The stored article for a sample path (canonical URLs carry no tracking parameters)."""
        rows = self.db.execute("SELECT * FROM articles WHERE canonical_url = ?", (self.base + path,)).fetchall()
        return rows[0] if rows else None

    def in_window(self, article_id: str) -> set[int | None]:
        rows = self.db.execute("SELECT in_window FROM sightings WHERE article_id = ?", (article_id,)).fetchall()
        return {r[0] for r in rows}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    workspace = tmp_path_factory.mktemp("demo") / "ws"
    proc = run_cli("demo", "--json", "--workspace", str(workspace), timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    db = sqlite3.connect(workspace / "guancha.db")
    db.row_factory = sqlite3.Row
    return DemoRun(report=report, workspace=workspace, truth=ExpectedTruth.load(SAMPLE), db=db)


def test_demo_reports_where_and_when(demo: DemoRun) -> None:
    assert Path(demo.report["workspace"]) == demo.workspace.resolve()
    assert demo.truth.date is not None
    assert demo.report["date"] == demo.truth.date.isoformat()
    assert demo.report["as_of"].startswith(f"{demo.report['date']}T23:59:59")
    assert demo.base.startswith("http://127.0.0.1:")
    assert demo.collection["window_hours"] == demo.truth.window_hours


def test_every_story_page_is_collected_with_text(demo: DemoRun) -> None:
    for story in demo.truth.stories:
        for path in story.pages:
            row = demo.article(path)
            assert row is not None, f"{story.id}: {path} was not collected"
            assert len(row["text"].split()) >= 150, f"{path}: extracted text is too short"


def test_copies_are_grouped_with_their_originals(demo: DemoRun) -> None:
    assert demo.truth.copies
    for copy in demo.truth.copies:
        a, b = demo.article(copy.path), demo.article(copy.original)
        assert a is not None and b is not None
        assert a["dup_group"] and a["dup_group"] == b["dup_group"], f"{copy.path} not grouped with {copy.original}"
        assert {a["dup_kind"], b["dup_kind"]} != {"original"}, "one of the pair must be marked as the duplicate"
    exact = sum(1 for c in demo.truth.copies if c.kind == "exact")
    assert demo.collection["duplicates_exact"] + demo.collection["duplicates_near"] >= len(demo.truth.copies)
    assert demo.collection["duplicates_exact"] >= exact


def test_window_marks_stale_pages_out_and_fresh_pages_in(demo: DemoRun) -> None:
    assert demo.truth.traps.stale
    for path in demo.truth.traps.stale:
        row = demo.article(path)
        assert row is not None, f"stale page {path} must be stored (and marked), not dropped"
        assert demo.in_window(row["id"]) == {0}, path
    for path in demo.truth.in_window_pages():
        row = demo.article(path)
        assert row is not None, path
        assert demo.in_window(row["id"]) == {1}, path
    assert demo.collection["out_of_window"] >= len(demo.truth.traps.stale)
    assert demo.collection["in_window"] >= len(demo.truth.in_window_pages())


def test_undated_pages_are_kept_and_marked_undated(demo: DemoRun) -> None:
    for path in demo.truth.traps.undated:
        row = demo.article(path)
        assert row is not None, f"undated page {path} must be kept"
        assert row["published_at"] is None
        assert demo.in_window(row["id"]) == {None}, path
    assert demo.collection["undated"] >= len(demo.truth.traps.undated)


def test_broken_link_and_malformed_feed_are_source_errors_and_good_items_kept(demo: DemoRun) -> None:
    errors = demo.collection["errors"]
    error_urls = {str(e.get("url") or "").split("?")[0] for e in errors}
    for path in demo.truth.traps.broken_links:
        assert demo.base + path in error_urls, f"404 at {path} not reported: {errors}"
        assert any("404" in (e["kind"] + e["message"]) for e in errors if str(e.get("url", "")).startswith(demo.base + path))
        assert demo.article(path) is None or demo.article(path)["text_via"] == "feed-summary"
    for bad in demo.truth.traps.malformed_feeds:
        assert demo.base + bad.feed in error_urls, f"malformed feed {bad.feed} not reported: {errors}"
        for path in bad.salvageable:
            assert demo.article(path) is not None, f"salvageable item {path} of {bad.feed} was lost"
    assert demo.collection["sources_ok"] + demo.collection["sources_partial"] >= 1


def test_misdeclared_encoding_is_stored_without_mojibake(demo: DemoRun) -> None:
    assert demo.truth.traps.encoding
    for trap in demo.truth.traps.encoding:
        row = demo.article(trap.path)
        assert row is not None
        text = row["text"] + " " + (row["title"] or "")
        for phrase in trap.must_contain:
            assert phrase in text, f"{trap.path}: {phrase!r} missing from the stored text"
        for marker in MOJIBAKE:
            assert marker not in text, f"{trap.path}: mojibake {marker!r} stored"
    assert demo.collection["repaired"] >= len(demo.truth.traps.encoding)


def test_large_page_is_capped_and_kept(demo: DemoRun) -> None:
    settings_cap = 1_000_000
    assert demo.truth.traps.large
    for trap in demo.truth.traps.large:
        row = demo.article(trap.path)
        assert row is not None, f"large page {trap.path} must be kept (marked truncated)"
        assert row["truncated"] == 1
        fetched = demo.db.execute(
            "SELECT MAX(bytes) FROM fetches WHERE url LIKE ?", (demo.base + trap.path + "%",)
        ).fetchone()[0]
        assert fetched is not None and fetched <= settings_cap + 65_536, "the body was read past the cap"
    assert demo.collection["truncated"] >= len(demo.truth.traps.large)


def test_papers_in_and_out_of_the_window(demo: DemoRun) -> None:
    papers = demo.db.execute("SELECT id, canonical_url, url, meta_json, published_at FROM articles WHERE kind = 'paper'").fetchall()
    assert demo.collection["papers"] >= len(demo.truth.papers.in_window)

    def find(arxiv_id: str) -> sqlite3.Row:
        for row in papers:
            if arxiv_id in (row["canonical_url"] + row["url"] + (row["meta_json"] or "")):
                return row
        raise AssertionError(f"paper {arxiv_id} not stored")

    for pid in demo.truth.papers.in_window:
        assert demo.in_window(find(pid)["id"]) == {1}, pid
    for pid in demo.truth.papers.out_of_window:
        assert demo.in_window(find(pid)["id"]) == {0}, pid


def test_promoted_url_is_never_collected(demo: DemoRun) -> None:
    truth = ExpectedTruth.load(SAMPLE, base=demo.base)
    for trap in truth.traps.injection:
        assert demo.article(trap.page) is not None
        path = urlsplit(trap.promoted_url).path
        assert demo.article(path) is None, "a link inside a page must not become a source"


def test_second_demo_in_the_same_workspace_adds_nothing_new(demo: DemoRun) -> None:
    proc = run_cli("demo", "--json", "--workspace", str(demo.workspace), timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    again = json.loads(proc.stdout)
    assert again["base"] == demo.base, "the workspace keeps its port so URLs stay the same"
    assert again["collection"]["articles_new"] == 0
    assert again["collection"]["not_modified"] >= 1
    count = demo.db.execute("SELECT COUNT(*), COUNT(DISTINCT canonical_url) FROM articles").fetchone()
    assert count[0] == count[1]


def test_demo_prints_a_summary_table(tmp_path: Path) -> None:
    proc = run_cli("demo", "--workspace", str(tmp_path / "ws"), timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"workspace: {(tmp_path / 'ws').resolve()}" in proc.stdout
    assert "in window" in proc.stdout and "duplicates" in proc.stdout


def test_demo_refuses_a_workspace_it_did_not_make(tmp_path: Path) -> None:
    from guancha.workspace import init_workspace

    init_workspace(tmp_path / "mine")
    proc = run_cli("demo", "--workspace", str(tmp_path / "mine"), timeout=60)
    assert proc.returncode == 2
    assert "did not make" in proc.stderr and "fix:" in proc.stderr


# ----------------------------------------------------------------------------------------------- any sample


def write_tiny_sample(root: Path) -> None:
    """A different topic, a different day, the same format: two outlets on one story, one stale page."""
    site = root / "site"
    (site / "railnews").mkdir(parents=True)
    (site / "fjordpost" / "2025").mkdir(parents=True)

    def page(title: str, published: str, body: str) -> str:
        paras = "\n".join(f"<p>{p}</p>" for p in textwrap.wrap(body * 6, 400))
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{published}"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
            f'<time datetime="{published}">{published[:10]}</time>{paras}</article>'
            "<footer>Tiny sample</footer></body></html>"
        )

    (site / "railnews" / "night-train.html").write_text(page(
        "Night train returns between Oslo and Stockholm", "2025-09-14T08:00:00+00:00",
        "The overnight service resumes in December with sleeper cars refurbished at a cost of 40 million kroner. "
        "Operators expect about 300 passengers a night in the first winter season. ",
    ), encoding="utf-8")
    (site / "fjordpost" / "2025" / "sleeper-service.html").write_text(page(
        "Sleeper service back on the Oslo line after eight years", "2025-09-14T15:30:00+02:00",
        "Rail officials said the route had been missed by commuters and tourists alike, and that booking opens in "
        "October. The carriages have new bunks, showers and a quiet car for families travelling north. ",
    ), encoding="utf-8")
    (site / "fjordpost" / "2025" / "old-timetable.html").write_text(page(
        "Timetable consultation opens for northern routes", "2025-08-01T09:00:00+00:00",
        "Passengers can comment on proposed changes to regional timetables until the end of the month. ",
    ), encoding="utf-8")
    items = [
        ("Night train returns", "/railnews/night-train.html", "Sun, 14 Sep 2025 08:00:00 +0000"),
        ("Sleeper service back", "/fjordpost/2025/sleeper-service.html?utm_source=rss", "Sun, 14 Sep 2025 13:30:00 +0000"),
        ("Timetable consultation", "/fjordpost/2025/old-timetable.html", "Fri, 01 Aug 2025 09:00:00 +0000"),
    ]
    rss = "".join(
        f"<item><title>{t}</title><link>{{base}}{link.replace('&', '&amp;')}</link><pubDate>{d}</pubDate></item>"
        for t, link, d in items
    )
    (site / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Rail</title><link>{{base}}/</link>{rss}</channel></rss>',
        encoding="utf-8",
    )
    (root / "watcher.yaml").write_text(
        'id: nordic-rail\ntitle: Nordic rail\ndate: 2025-09-15\nwindow_hours: 48\nsources:\n  - feed: "{base}/feed.xml"\n',
        encoding="utf-8",
    )
    (root / "settings.yaml").write_text(
        "contact: tests\nhttp: {per_host_delay_s: 0, retries: 0, allow_private_hosts: [127.0.0.1]}\n", encoding="utf-8"
    )
    (root / "expected.yaml").write_text(
        "date: 2025-09-15\nwindow_hours: 48\n"
        "stories:\n  - id: night-train\n    pages: [/railnews/night-train.html, /fjordpost/2025/sleeper-service.html]\n"
        "traps:\n  stale: [/fjordpost/2025/old-timetable.html]\n",
        encoding="utf-8",
    )


def test_any_sample_directory_works_with_demo(tmp_path: Path) -> None:
    sample = tmp_path / "rail-sample"
    write_tiny_sample(sample)
    assert check_sample(sample) == []
    workspace = tmp_path / "ws"
    proc = run_cli("demo", "--sample", str(sample), "--json", "--workspace", str(workspace), timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    assert report["date"] == "2025-09-15" and report["watcher_id"] == "nordic-rail"
    truth = ExpectedTruth.load(sample)
    db = sqlite3.connect(workspace / "guancha.db")
    stored = {
        urlsplit(url).path: in_window
        for url, in_window in db.execute(
            "SELECT a.canonical_url, s.in_window FROM articles a JOIN sightings s ON s.article_id = a.id"
        )
    }
    for path in truth.story_pages():
        assert stored.get(path) == 1, path
    for path in truth.traps.stale:
        assert stored.get(path) == 0, path
    assert report["collection"]["in_window"] == len(truth.story_pages())
    assert report["collection"]["out_of_window"] == len(truth.traps.stale)


def test_date_override_moves_the_window(tmp_path: Path) -> None:
    sample = tmp_path / "rail-sample"
    write_tiny_sample(sample)
    proc = run_cli("demo", "--sample", str(sample), "--date", "2025-08-02", "--json",
                   "--workspace", str(tmp_path / "ws"), timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    assert report["as_of"].startswith("2025-08-02T23:59:59")
    # a month earlier, the old timetable page is the fresh one and the September stories are in the future
    assert report["collection"]["in_window"] >= 1


def test_demo_names_what_is_wrong_with_a_directory_that_is_not_a_sample(tmp_path: Path) -> None:
    proc = run_cli("demo", "--sample", str(tmp_path), "--workspace", str(tmp_path / "ws"), timeout=60)
    assert proc.returncode == 2
    assert "not a sample web" in proc.stderr and "fix:" in proc.stderr


def test_demo_needs_a_date_when_the_sample_has_none(tmp_path: Path) -> None:
    sample = tmp_path / "rail-sample"
    write_tiny_sample(sample)
    for name in ("watcher.yaml", "expected.yaml"):
        path = sample / name
        path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                                  if not line.startswith("date:")) + "\n", encoding="utf-8")
    proc = run_cli("demo", "--sample", str(sample), "--workspace", str(tmp_path / "ws"), timeout=60)
    assert proc.returncode == 2
    assert "date" in proc.stderr and "--date" in proc.stderr
