"""Extraction in worker processes (a busy day's collection) stores exactly what in-process extraction stores,
and a worker that dies costs no page."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
from pathlib import Path

from guancha.collect import CollectionResult, CollectOptions, collect_watcher
from guancha.collect.extraction import PageExtractor, default_processes
from guancha.collect.pages import ExtractedPage, extract_page
from guancha.sampleweb import serve
from guancha.workspace import open_workspace
from tests.collect_web import ORIGINAL_PARAGRAPHS, make_workspace, page_html

SAMPLE = Path(__file__).parent / "samples" / "ocoyaza-mining-2028-06-09"
COLUMNS = ("id, canonical_url, title, author, outlet, published_at, published_precision, published_via, text, "
           "text_via, language, content_hash, dup_group, dup_kind, dup_similarity, encoding_declared, encoding_used, "
           "text_repairs, truncated, meta_json")


def _collect(root: Path, base: str, options: CollectOptions) -> tuple[list[tuple[object, ...]], CollectionResult]:
    watcher = (SAMPLE / "watcher.yaml").read_text(encoding="utf-8").replace("{base}", base)
    ws = make_workspace(root, watcher)
    workspace = open_workspace(ws)
    spec, path = workspace.watcher("ocoyaza-mining-watch")
    result = collect_watcher(workspace, spec, spec_path=path, options=options)
    workspace.close()
    with sqlite3.connect(ws / "guancha.db") as conn:
        rows = conn.execute(f"SELECT {COLUMNS} FROM articles ORDER BY id").fetchall()
    return rows, result


def test_worker_processes_store_exactly_what_in_process_extraction_stores(tmp_path: Path) -> None:
    """A sample web with a windows-1252 daily, a JSON Feed, accented names and AMP pages, collected twice: once
    extracting every page in this process, once handing every page to a worker process from the first."""
    with serve(SAMPLE) as server:
        alone, in_process = _collect(tmp_path / "alone", server.base, CollectOptions(extract_processes=0))
        pooled, with_workers = _collect(tmp_path / "pooled", server.base,
                                        CollectOptions(extract_processes=1, extract_pool_after=0))
    assert in_process.extracted_in_workers == 0 and in_process.extraction_worker_cpu_s == 0
    assert with_workers.fetches == in_process.fetches
    assert with_workers.extracted_in_workers >= 20
    assert with_workers.extraction_worker_cpu_s > 0 and with_workers.extraction_note is None
    assert len(alone) >= 20
    assert pooled == alone


def _pages(count: int) -> list[bytes]:
    return [page_html(f"Report {n}: a cluster of domestic chips", ORIGINAL_PARAGRAPHS, outlet="River Wire",
                      published=f"2026-05-0{1 + n % 3}T10:00:00Z").encode("utf-8") for n in range(count)]


def test_a_killed_worker_costs_no_page_and_says_why() -> None:
    bodies = _pages(6)
    expected = [extract_page(body, "text/html; charset=utf-8", f"http://127.0.0.1/{n}.html") for n, body in enumerate(bodies)]

    async def collect() -> tuple[list[ExtractedPage], PageExtractor]:
        pages = []
        with PageExtractor(processes=1, pool_after=1) as extractor:
            for n, body in enumerate(bodies):
                if n == 3:
                    pool = extractor._pool
                    assert pool is not None and extractor.in_workers == 2  # the first page in-process, then workers
                    for pid in list(pool._processes):
                        os.kill(pid, signal.SIGKILL)
                pages.append(await extractor.extract(body, "text/html; charset=utf-8", f"http://127.0.0.1/{n}.html", None))
        return pages, extractor

    pages, extractor = asyncio.run(collect())
    assert [(p.text, p.title, p.published) for p in pages] == [(p.text, p.title, p.published) for p in expected]
    assert extractor.in_workers == 2 and extractor.pages == 6
    assert extractor.worker_failure is not None and "extracting in-process" in extractor.worker_failure


def test_small_collections_never_start_a_worker_and_no_workers_means_none() -> None:
    async def collect(extractor: PageExtractor) -> None:
        with extractor:
            for n, body in enumerate(_pages(4)):
                await extractor.extract(body, "text/html; charset=utf-8", f"http://127.0.0.1/{n}.html", None)
        assert extractor._pool is None and extractor.in_workers == 0

    asyncio.run(collect(PageExtractor(processes=2, pool_after=4)))  # four pages: under the start threshold
    asyncio.run(collect(PageExtractor(processes=0, pool_after=0)))
    assert 0 <= default_processes() <= 4
