"""Duplicate groups span collections, and the earliest-published member becomes the group's original even
when it is collected after its copies."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import yaml

from guancha.collect import canonical_url, collect_watcher
from guancha.sampleweb import serve
from guancha.workspace import open_workspace
from tests.collect_web import ORIGINAL_PARAGRAPHS, REWRITES, Item, Web, make_workspace, page_html, rss


def _rewrite(paragraphs: list[str]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        for old, new in REWRITES:
            paragraph = paragraph.replace(old, new)
        out.append(paragraph)
    return out


def test_an_earlier_original_collected_later_takes_over_its_group(tmp_path: Path) -> None:
    web = Web(tmp_path / "web")
    title = "Shenzhen lab trains a 72-billion-parameter model on domestic chips"
    web.write("wire/copy.html", page_html(title, ORIGINAL_PARAGRAPHS, outlet="River Wire", published="2026-05-02T10:00:00Z"))
    web.write("tribune/rewrite.html", page_html("Homegrown cluster", _rewrite(ORIGINAL_PARAGRAPHS), outlet="East Tribune",
                                                published="2026-05-02T11:00:00Z"))
    web.write("daily/original.html", page_html(title, ORIGINAL_PARAGRAPHS, outlet="Shenzhen Daily",
                                               published="2026-05-02T08:00:00Z"))
    web.write("late.xml", rss("Late outlets", [
        Item("{base}/wire/copy.html", title, "", "Sat, 02 May 2026 10:00:00 GMT"),
        Item("{base}/tribune/rewrite.html", "Homegrown cluster", "", "Sat, 02 May 2026 11:00:00 GMT"),
    ]))
    web.write("early.xml", rss("The first outlet", [Item("{base}/daily/original.html", title, "", "Sat, 02 May 2026 08:00:00 GMT")]))
    watcher = {"id": "groups", "title": "Groups", "sources": [{"feed": "{base}/late.xml"}]}
    sample = web.finish(watcher)
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base))
        workspace = open_workspace(ws)
        spec, path = workspace.watcher("groups")
        first = collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
        assert first.duplicates_exact == 0 and first.duplicates_near == 1  # the rewrite joins the copy's group

        watcher["sources"] = [{"feed": "{base}/late.xml"}, {"feed": "{base}/early.xml"}]
        path.write_text(yaml.safe_dump(watcher).replace("{base}", server.base), encoding="utf-8")
        spec, path = workspace.watcher("groups")
        second = collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
        workspace.close()
        base = server.base

    assert second.articles_new == 1 and second.articles_seen == 3
    with sqlite3.connect(ws / "guancha.db") as conn:
        conn.row_factory = sqlite3.Row
        rows = {
            r["canonical_url"].rsplit("/", 1)[-1]: r
            for r in conn.execute("SELECT id, canonical_url, dup_group, dup_kind, dup_similarity FROM articles")
        }
    original, copy, rewrite = rows["original.html"], rows["copy.html"], rows["rewrite.html"]
    assert original["canonical_url"] == canonical_url(base + "/daily/original.html")
    assert original["dup_kind"] == "original" and original["dup_group"] == original["id"]
    assert copy["dup_group"] == original["id"] and copy["dup_kind"] == "exact" and copy["dup_similarity"] == 1.0
    assert rewrite["dup_group"] == original["id"] and rewrite["dup_kind"] == "near"
    assert second.duplicates_exact == 1 and second.duplicates_near == 1
