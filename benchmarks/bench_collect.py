"""Collection throughput: 2,000 generated article pages behind 20 RSS feeds, served on loopback.

    python benchmarks/bench_collect.py [--pages 2000] [--feeds 20]

Prints pages per second end to end (feeds fetched, every page fetched, decoded, extracted, deduplicated
and committed to SQLite, one transaction per article) and for extraction alone (decode + trafilatura +
metadata over the same bytes, no network, no database). Per-host delay is 0 and per-host concurrency 16,
since every page lives on one loopback host; the loopback server (Python's threading HTTP server) runs in
the same process and shares the CPU, so the end-to-end figure is a floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import yaml

from guancha.collect import collect_watcher
from guancha.collect.pages import extract_page
from guancha.sampleweb import serve
from guancha.workspace import init_workspace, open_workspace

WORDS = ["the", "a", "of", "to", "in", "and", "for", "on", "with", "by", "from", "that", "which", "said", "will", "would", "could", "new", "first", "last", "year", "month", "week", "company", "lab", "model", "chip", "cluster", "data", "centre", "government", "ministry", "province", "city", "market", "investor", "fund", "export", "control", "rule", "draft", "policy", "price", "cost", "revenue", "growth", "share", "percent", "billion", "million", "users", "researchers", "engineers", "training", "inference", "benchmark", "release", "open", "weights", "software", "hardware", "supply", "factory", "wafer", "yield", "memory", "network", "cloud", "platform", "service", "customer", "contract", "tender", "budget", "subsidy", "official", "spokesperson", "analyst", "report", "according", "announced", "launched", "expected", "plans", "between", "after", "before", "while", "because", "although", "despite", "during", "across", "within", "about", "more", "than", "less", "most", "including", "other"]

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="article:published_time" content="{published}">
<meta property="og:site_name" content="{outlet}"><link rel="canonical" href="{{base}}/p/{feed}/{item}.html">
<script>window.dataLayer = window.dataLayer || [];</script><style>body{{font-family:serif}}</style></head>
<body><div class="cookie-banner">We use cookies. <button>Accept</button> <button>Manage</button></div>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/tech">Tech</a> <a href="/business">Business</a>
<a href="/opinion">Opinion</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By {author}</p>
{paragraphs}
</article><aside class="sidebar"><h3>Most read</h3><ul>{sidebar}</ul></aside></main>
<footer><p>&copy; 2026 {outlet}</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>
"""


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 28))]
    return " ".join(words).capitalize() + "."


def build(root: Path, pages: int, feeds: int) -> Path:
    rng = random.Random(2026)
    site = root / "site"
    per_feed = pages // feeds
    base_time = dt.datetime(2026, 5, 2, 6, 0, tzinfo=dt.UTC)
    bodies: list[str] = []
    for f in range(feeds):
        items = []
        for i in range(per_feed):
            n = f * per_feed + i
            if bodies and rng.random() < 0.05:
                paragraphs = rng.choice(bodies)  # a syndicated copy of an earlier page
            else:
                paragraphs = "\n".join(
                    "<p>" + " ".join(sentence(rng) for _ in range(rng.randint(3, 5))) + "</p>" for _ in range(rng.randint(4, 8))
                )
                bodies.append(paragraphs)
            published = (base_time - dt.timedelta(minutes=7 * n)).isoformat().replace("+00:00", "Z")
            title = f"Report {n}: " + " ".join(rng.choice(WORDS) for _ in range(6))
            sidebar = "".join(f'<li><a href="/x/{rng.randint(1, 999)}">{sentence(rng)[:40]}</a></li>' for _ in range(5))
            page = PAGE.format(title=title, outlet=f"Outlet {f}", published=published, feed=f, item=i,
                               author=f"Writer {rng.randint(1, 50)}", paragraphs=paragraphs, sidebar=sidebar)
            path = site / "p" / str(f) / f"{i}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page, encoding="utf-8")
            items.append(
                f"<item><title>{title}</title><link>{{base}}/p/{f}/{i}.html</link>"
                f"<pubDate>{(base_time - dt.timedelta(minutes=7 * n)).strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate>"
                f"<description>Summary of report {n}.</description></item>"
            )
        feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Outlet {f}</title><link>{{base}}/</link>" + "".join(items) + "</channel></rss>")
        (site / "feeds").mkdir(parents=True, exist_ok=True)
        (site / "feeds" / f"{f}.xml").write_text(feed, encoding="utf-8")
    watcher = {"id": "bench", "title": "Bench", "window_hours": 24 * 14,
               "sources": [{"feed": f"{{base}}/feeds/{f}.xml"} for f in range(feeds)]}
    (root / "watcher.yaml").write_text(yaml.safe_dump(watcher), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guancha-bench-") as tmp:
        root = Path(tmp)
        sample = build(root / "web", args.pages, args.feeds)
        pages = sorted((sample / "site" / "p").rglob("*.html"))
        size = sum(p.stat().st_size for p in pages)
        print(f"generated {len(pages):,} pages ({size / 1e6:.1f} MB) behind {args.feeds} feeds")
        with serve(sample) as server:
            ws = root / "ws"
            init_workspace(ws)
            (ws / "guancha.yaml").write_text(
                "contact: bench@guancha.invalid\nhttp:\n  per_host_delay_s: 0\n  per_host_concurrency: 16\n"
                "  concurrency: 16\n  retries: 0\n  allow_private_hosts: [127.0.0.1]\n",
                encoding="utf-8",
            )
            (ws / "watchers" / "china-ai.yaml").unlink()
            (ws / "watchers" / "bench.yaml").write_text(
                (sample / "watcher.yaml").read_text().replace("{base}", server.base), encoding="utf-8"
            )
            workspace = open_workspace(ws)
            spec, path = workspace.watcher("bench")
            wall, cpu = time.perf_counter(), time.process_time()
            result = collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            workspace.close()
            db_mb = (ws / "guancha.db").stat().st_size / 1e6
            print(
                f"end to end: {result.articles_new:,} articles in {wall:.1f} s = {result.articles_new / wall:.1f} pages/s "
                f"({cpu:.1f} CPU s incl. the server; {result.fetches:,} fetches, {result.fetch_errors} errors, "
                f"{result.duplicates_exact} exact + {result.duplicates_near} near duplicates, database {db_mb:.0f} MB)"
            )
            bodies = [p.read_bytes().replace(b"{base}", server.base.encode()) for p in pages]
        wall, cpu = time.perf_counter(), time.process_time()
        extracted = 0
        for page_path, body in zip(pages, bodies, strict=True):
            page = extract_page(body, "text/html; charset=utf-8", f"http://127.0.0.1/{page_path.name}")
            extracted += bool(page.text)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"extraction alone: {extracted:,} pages in {wall:.1f} s = {len(bodies) / wall:.1f} pages/s "
              f"({len(bodies) / cpu:.1f} pages per CPU second)")
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
