"""Collection throughput: 2,000 generated article pages behind 20 RSS feeds, served on loopback.

    python benchmarks/bench_collect.py [--pages 2000] [--feeds 20]
    python benchmarks/bench_collect.py --baseline [--rounds 2] [--pages 1000]

Prints pages per second end to end (feeds fetched, every page fetched, decoded, extracted, deduplicated
and committed to SQLite) and for extraction alone (decode + trafilatura + metadata over the same bytes, no
network, no database). Per-host delay is 0 and per-host concurrency 16, since every page lives on one
loopback host. The loopback server (Python's threading HTTP server, HTTP/1.1 keep-alive) runs in a child
process, so this process's CPU time is the client's alone.

``--baseline`` also runs a bare collector over the same site in the same run: ``httpx.AsyncClient`` with
the same concurrency (16 connections, keep-alive), each feed's links read with lxml, and
``trafilatura.extract`` on every page, nothing stored. Baseline and guancha alternate (B G, G B, ...), each
guancha round in a fresh workspace, and the ratios guancha / baseline are printed for pages per wall
second and per CPU second. Goal (issue 13): guancha >= 0.9x the baseline's pages per second.

A collection of more than 64 pages extracts in worker processes (``guancha.collect.extraction``), so guancha's
CPU seconds here are this process's plus its workers' (as each worker's own clock reports them; the worker
server's one-time import of the extraction code, about 0.3 s per guancha process, is not counted). The CPU
ratio says what the extra work (metadata, dates, repairs, deduplication, storage) costs; on this 2-core
machine the loopback server shares the second core with the worker.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import httpx
import trafilatura
import yaml
from lxml import etree

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


GOAL_RATIO = 0.9
CONCURRENCY = 16


def _serve_until_told(web: Path, conn: object) -> None:
    """Child process: serve the sample web, send its base URL, stop when the parent says so."""
    with serve(web) as server:
        conn.send(server.base)  # type: ignore[attr-defined]
        conn.recv()  # type: ignore[attr-defined]


class _Server:
    """The loopback site in a child process, so the benchmark's CPU time is the collector's alone."""

    def __init__(self, web: Path) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve_until_told, args=(web, child), daemon=True)

    def __enter__(self) -> str:
        self._process.start()
        return str(self._conn.recv())

    def __exit__(self, *exc: object) -> None:
        self._conn.send("stop")
        self._process.join(timeout=10)


def _measure(fn: object) -> tuple[int, float, float]:
    """(pages, wall s, CPU s) of one collection."""
    wall, cpu = time.perf_counter(), time.process_time()
    pages = fn()  # type: ignore[operator]
    return pages, time.perf_counter() - wall, time.process_time() - cpu


def baseline_collect(base: str, feeds: int) -> int:
    """A bare collector: httpx with the same concurrency, lxml for the feed links, trafilatura.extract."""

    async def run() -> int:
        limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
        slots = asyncio.Semaphore(CONCURRENCY)
        async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:

            async def page(url: str) -> int:
                async with slots:
                    response = await client.get(url)
                text = trafilatura.extract(response.text, url=url)
                return int(bool(text))

            async def feed(url: str) -> int:
                async with slots:
                    response = await client.get(url)
                links = etree.fromstring(response.content).xpath("//item/link/text()")
                return sum(await asyncio.gather(*(page(str(link)) for link in links)))

            counts = await asyncio.gather(*(feed(f"{base}/feeds/{f}.xml") for f in range(feeds)))
        return sum(counts)

    return asyncio.run(run())


def guancha_collect(root: Path, sample: Path, base: str, round_no: int) -> tuple[tuple[int, float, float], str]:
    """((pages, wall s, CPU s), note) of one guancha collection into a fresh workspace (set-up not timed)."""
    ws = root / f"ws{round_no}"
    init_workspace(ws)
    (ws / "guancha.yaml").write_text(
        f"contact: bench@guancha.invalid\nhttp:\n  per_host_delay_s: 0\n  per_host_concurrency: {CONCURRENCY}\n"
        f"  concurrency: {CONCURRENCY}\n  retries: 0\n  allow_private_hosts: [127.0.0.1]\n",
        encoding="utf-8",
    )
    (ws / "watchers" / "china-ai.yaml").unlink()
    (ws / "watchers" / "bench.yaml").write_text(
        (sample / "watcher.yaml").read_text().replace("{base}", base), encoding="utf-8"
    )
    workspace = open_workspace(ws)
    spec, path = workspace.watcher("bench")
    workspace.db()  # migrations are set-up, not collection
    wall, cpu = time.perf_counter(), time.process_time()
    result = collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu + result.extraction_worker_cpu_s
    workspace.close()
    db_mb = (ws / "guancha.db").stat().st_size / 1e6
    note = (f"{result.fetches:,} fetches, {result.fetch_errors} errors, {result.duplicates_exact} exact + "
            f"{result.duplicates_near} near duplicates, database {db_mb:.0f} MB, {result.extracted_in_workers:,} pages "
            f"extracted in worker processes using {result.extraction_worker_cpu_s:.1f} of the CPU s")
    return (result.articles_new, wall, cpu), note


def compare(root: Path, sample: Path, base: str, feeds: int, rounds: int) -> None:
    totals = {"baseline": [0, 0.0, 0.0], "guancha": [0, 0.0, 0.0]}
    for round_no in range(rounds):
        order = ["baseline", "guancha"] if round_no % 2 == 0 else ["guancha", "baseline"]
        for name in order:
            if name == "baseline":
                pages, wall, cpu = _measure(lambda: baseline_collect(base, feeds))
                note = "httpx + trafilatura.extract, nothing stored"
            else:
                (pages, wall, cpu), note = guancha_collect(root, sample, base, round_no)
            for i, value in enumerate((pages, wall, cpu)):
                totals[name][i] += value
            print(f"round {round_no + 1} {name:>8}: {pages:,} pages in {wall:.1f} s = {pages / wall:.1f} pages/s, "
                  f"{cpu:.1f} CPU s = {pages / cpu:.1f} pages/CPU s ({note})", flush=True)
    (bp, bw, bc), (gp, gw, gc) = totals["baseline"], totals["guancha"]
    print(f"baseline: {bp / bw:.1f} pages/s, {bp / bc:.1f} pages/CPU s | guancha: {gp / gw:.1f} pages/s, "
          f"{gp / gc:.1f} pages/CPU s")
    wall_ratio, cpu_ratio = (gp / gw) / (bp / bw), (gp / gc) / (bp / bc)
    print(f"ratio guancha/baseline: {wall_ratio:.2f}x pages/s (wall; goal >= {GOAL_RATIO}x: "
          f"{'met' if wall_ratio >= GOAL_RATIO else 'not met'}), {cpu_ratio:.2f}x pages/CPU s (all processes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--baseline", action="store_true",
                        help="compare with a bare httpx + trafilatura collector in the same run")
    parser.add_argument("--rounds", type=int, default=2, help="with --baseline: alternating rounds of each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guancha-bench-") as tmp:
        root = Path(tmp)
        sample = build(root / "web", args.pages, args.feeds)
        pages = sorted((sample / "site" / "p").rglob("*.html"))
        size = sum(p.stat().st_size for p in pages)
        print(f"generated {len(pages):,} pages ({size / 1e6:.1f} MB) behind {args.feeds} feeds")
        with _Server(sample) as base:
            if args.baseline:
                compare(root, sample, base, args.feeds, args.rounds)
                return
            (count, wall, cpu), note = guancha_collect(root, sample, base, 0)
            print(f"end to end: {count:,} articles in {wall:.1f} s = {count / wall:.1f} pages/s "
                  f"({cpu:.1f} CPU s of the client; {note})")
            bodies = [p.read_bytes().replace(b"{base}", base.encode()) for p in pages]
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
