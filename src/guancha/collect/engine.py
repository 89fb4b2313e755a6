"""One collection: every source of a watcher fetched, parsed, extracted, deduplicated and stored.

Resumable by construction: articles are keyed by their canonical URL and each is written whole or not at
all (a savepoint in a write batch committed every fraction of a second, ``BATCH_SECONDS``), links already
stored are recognised without fetching them again, and a feed's conditional-GET validators are saved only
after all its items are stored (a 304 re-reads the stored body anyway). Killing a collection and running it
again therefore finishes the work with no duplicate rows. A source that fails is recorded and reported; it
never fails the collection.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guancha.collect import dedupe
from guancha.collect.arxiv import ArxivParseError, Paper, parse_arxiv_entries, query_url
from guancha.collect.extraction import PageExtractor
from guancha.collect.feeds import FeedItem, parse_feed, search_feed_urls
from guancha.collect.fetch import Fetcher, FetchResult, Validators
from guancha.collect.models import (
    CollectError,
    CollectionResult,
    CollectOptions,
    ProgressUpdate,
    StoredArticle,
    fix_for,
)
from guancha.collect.pages import ExtractedPage, is_html, parse_time
from guancha.collect.urls import (
    ALLOWED_SCHEMES,
    absolute_url,
    canonical_url,
    same_site,
    strip_userinfo,
    url_host,
    url_scheme,
)
from guancha.errors import ConfigError
from guancha.interrupts import run_async
from guancha.outlets import names_only_the_host, names_the_outlet, outlet_from_feed_title
from guancha.runstate import collection_marker, live_run, mark_interrupted_collections
from guancha.spec import ArxivSource, FeedSource, SearchSource, WatcherSpec, source_kind, source_target
from guancha.store import Database, content_key, utcnow
from guancha.store import collect as store
from guancha.timeutil import as_utc, end_of_day, iso_z, parse_iso
from guancha.workspace import Workspace

# When the article page cannot be had for these reasons, the feed's own summary stands in for it.
FALLBACK_KINDS = frozenset(
    {"timeout", "connect-error", "network-error", "dns-error", "robots-disallowed", "http-429", "http-500",
     "http-502", "http-503", "http-504", "http-403", "http-401", "unsupported-content", "bad-encoding"}
)
CLOCK_SKEW = dt.timedelta(minutes=10)
# Writes are committed in batches (store.db.WriteBatch): after this many units or this many seconds,
# whichever comes first. A killed collection loses at most that much, fetched again by the next run.
BATCH_UNITS = 200
BATCH_SECONDS = 0.5
DEFAULT_ARXIV_ENDPOINT = ArxivSource.model_fields["endpoint"].default

ProgressCallback = Callable[[ProgressUpdate], None]


def normalise_as_of(as_of: dt.datetime | dt.date | None) -> dt.datetime:
    """The reference time: now by default; a bare date means the end of that day (UTC)."""
    if as_of is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    if not isinstance(as_of, dt.datetime):
        return end_of_day(as_of)
    return as_utc(as_of)


@dataclass
class _Source:
    id: str
    kind: str
    target: str
    spec: Any
    seen: set[str] = field(default_factory=set)
    new: int = 0
    errors: list[CollectError] = field(default_factory=list)
    failed: bool = False

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.target}"


@dataclass
class _Draft:
    """An article about to be stored."""

    kind: str
    url: str
    aliases: list[tuple[str, str]]  # (canonical URL, via), identity first
    title: str | None
    author: str | None
    outlet: str | None
    published: dt.datetime | None
    precision: str | None
    published_via: str
    text: str
    summary: str | None
    text_via: str
    language: str | None
    raw: bytes | None
    content_type: str | None
    encoding_declared: str | None
    encoding_used: str | None
    repairs: list[str]
    truncated: bool
    meta: dict[str, Any]


class _Collection:
    def __init__(
        self,
        workspace: Workspace,
        spec: WatcherSpec,
        collection_id: str,
        as_of: dt.datetime,
        options: CollectOptions,
        progress: ProgressCallback | None,
        sources: list[_Source],
    ) -> None:
        self.db: Database = workspace.db()
        self.settings = workspace.settings
        self.spec = spec
        self.collection_id = collection_id
        self.as_of = as_of
        self.window_start = as_of - dt.timedelta(hours=spec.window_hours)
        self.options = options
        self.progress = progress
        self.sources = sources
        self.done = 0
        self.total = len(sources)
        self._inflight: dict[str, asyncio.Future[None]] = {}
        processes = options.extract_processes
        self.extractor = PageExtractor(self.settings.limits.extract_processes if processes is None else processes,
                                       options.extract_pool_after)
        # pages fetched and not yet stored: bounds the bodies waiting for an extraction worker
        self._pages_open = asyncio.Semaphore(self.settings.http.concurrency + 4 * max(1, self.extractor.processes))
        self.index = dedupe.NearDuplicateIndex(threshold=options.near_threshold)
        since = iso_z(as_of - dt.timedelta(days=options.dedupe_lookback_days))
        for article_id, blob in store.recent_minhashes(self.db, since, dedupe.NUM_PERM):
            self.index.add(article_id, dedupe.from_blob(blob))

    # ------------------------------------------------------------------ bookkeeping

    def _tick(self, message: str, *, more: int = 0, done: int = 0) -> None:
        self.total += more
        self.done += done
        if self.progress is not None:
            self.progress(ProgressUpdate(done=self.done, total=self.total, message=message))

    def _error(self, src: _Source, url: str | None, kind: str, message: str, *, warning: bool = False) -> None:
        fix = fix_for(kind, message)
        src.errors.append(
            CollectError(source_id=src.id, source=src.name, url=url, kind=kind, message=message,
                         severity="warning" if warning else "error", fix=fix)
        )

    @contextlib.contextmanager
    def _unit(self) -> Iterator[sqlite3.Cursor]:
        """One atomic group of writes in the collection's write batch, committed with the batch when enough
        units or time have gone by (``BATCH_UNITS``, ``BATCH_SECONDS``; a timer covers quiet spells)."""
        with self.batch.unit() as cur:
            yield cur
        opened = self.batch.opened_at
        if self.batch.pending >= BATCH_UNITS or (opened is not None and time.monotonic() - opened >= BATCH_SECONDS):
            self.batch.commit()

    async def _commit_every(self, seconds: float) -> None:
        """Commit the batch on a clock, so that a quiet spell (slow servers) neither hides stored articles
        from readers nor holds the write lock."""
        while True:
            await asyncio.sleep(seconds)
            self.batch.commit()

    def _record(self, result: FetchResult) -> int:
        with self._unit() as cur:
            return store.record_fetch(cur, self.collection_id, result)

    def _unusable(self, result: FetchResult, kind: str, message: str) -> None:
        """Mark a fetch whose HTTP answer was fine but whose document was not."""
        if result.record_id is not None:
            with self._unit() as cur:
                store.mark_fetch(cur, result.record_id, kind, message)

    def in_window(self, published: dt.datetime | None, precision: str | None) -> int | None:
        if published is None:
            return None
        if precision == "day":
            day_end = published + dt.timedelta(days=1)
            return int(day_end > self.window_start and published <= self.as_of)
        return int(self.window_start <= published <= self.as_of + CLOCK_SKEW)

    # ------------------------------------------------------------------ sources

    async def run(self) -> None:
        with self.db.batch() as batch, self.extractor:
            self.batch = batch
            async with Fetcher(
                self.settings.http, self.settings.user_agent(), recorder=self._record,
                respect_robots=self.options.respect_robots,
            ) as fetcher:
                self.fetcher = fetcher
                deadline = asyncio.get_running_loop().time() + self.settings.http.collection_deadline_s
                committer = asyncio.ensure_future(self._commit_every(BATCH_SECONDS))
                try:
                    await asyncio.gather(*(self._source_by(deadline, src) for src in self.sources))
                finally:
                    committer.cancel()
                    (ended,) = await asyncio.gather(committer, return_exceptions=True)
                if isinstance(ended, BaseException) and not isinstance(ended, asyncio.CancelledError):
                    raise ended  # the timed commit failed: the batch's error, not a quiet loss

    async def _source_by(self, deadline: float, src: _Source) -> None:
        """One source, cut at the collection's deadline: slow-drip servers cannot hold a run for minutes."""
        try:
            async with asyncio.timeout_at(deadline):
                await self._source(src)
        except TimeoutError:
            src.failed = not src.seen
            limit = self.settings.http.collection_deadline_s
            self._error(src, None, "collection-deadline",
                        f"the collection's {limit:g} s deadline passed before this source finished")
            status = "failed" if src.failed else "partial"
            with self._unit() as cur:
                store.finish_source_run(
                    cur, self.collection_id, src.id, status, len(src.seen), src.new,
                    [e.model_dump(include={"url", "kind", "message", "severity"}) for e in src.errors],
                )
            self._tick(f"{src.name} {status}", done=1)

    async def _source(self, src: _Source) -> None:
        with self._unit() as cur:
            store.start_source_run(cur, self.collection_id, src.id)
        try:
            if isinstance(src.spec, FeedSource):
                fetch_articles = src.spec.fetch_articles if self.options.fetch_articles is None else self.options.fetch_articles
                src.failed = not await self._feed(src, src.target, "feed", fetch_articles)
            elif isinstance(src.spec, SearchSource):
                fetch_articles = src.spec.fetch_articles if self.options.fetch_articles is None else self.options.fetch_articles
                urls = search_feed_urls(src.spec, self.settings.search)
                worked = await asyncio.gather(*(self._feed(src, url, "search", fetch_articles) for _, url in urls))
                src.failed = not any(worked)  # one search engine answering is enough
            elif src.kind == "arxiv":
                src.failed = not await self._arxiv(src)
            else:
                await self._page(src, src.target, item=None, purpose="page")
                src.failed = not src.seen
        except ConfigError as exc:
            src.failed = True
            self._error(src, None, "config-error", str(exc))
        except Exception as exc:  # the isolation boundary: one broken source must not stop the others
            src.failed = True
            self._internal_error(src, None, exc)
        status = "failed" if src.failed else ("partial" if src.errors else "ok")
        with self._unit() as cur:
            store.finish_source_run(
                cur, self.collection_id, src.id, status, len(src.seen), src.new,
                [e.model_dump(include={"url", "kind", "message", "severity"}) for e in src.errors],
            )
        self._tick(f"{src.name} {status}", done=1)

    def _internal_error(self, src: _Source, url: str | None, exc: Exception) -> None:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        self._error(src, url, "internal-error", f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})")

    async def _feed(self, src: _Source, url: str, purpose: str, fetch_articles: bool) -> bool:
        """Fetch and parse one feed, then collect its items. False when the feed itself failed."""
        known = store.get_validators(self.db, url)
        stored_body = store.get_blob(self.db, known["blob_hash"]) if known is not None and known["blob_hash"] else None
        validators = Validators(known["etag"], known["last_modified"]) if known is not None and stored_body else None
        result = await self.fetcher.fetch(url, purpose=purpose, source_id=src.id, validators=validators)
        if result.not_modified and known is not None and stored_body is not None:
            body, content_type = stored_body, known["content_type"]
        elif result.ok and not result.not_modified:
            body, content_type = result.body, result.content_type
        else:
            self._error(src, url, result.error_kind or "fetch-error", result.error or "fetch failed")
            return False
        feed = parse_feed(body, content_type, result.final_url or url)
        if feed.unusable:
            message = f"not a feed: {feed.malformed or 'no entries and no feed markup'}"
            self._unusable(result, "parse-error", message)
            self._error(src, url, "parse-error", message)
            return False
        if feed.malformed:
            message = f"{len(feed.items)} entries salvaged from a malformed feed ({feed.malformed})"
            self._unusable(result, "malformed-feed", message)
            self._error(src, url, "malformed-feed", message, warning=True)
        if result.truncated:
            self._error(src, url, "too-large", result.error or "feed truncated", warning=True)
        items = feed.items[: self.options.max_items_per_feed]
        if len(feed.items) > len(items):   # said, not cut silently: the rest may hold the day's news
            self._error(src, url, "too-many-items", f"the feed lists {len(feed.items):,} entries; the first "
                        f"{len(items)} were read", warning=True)
        self._tick(f"{src.name}: {len(items)} items", more=len(items))
        base = result.final_url or url
        await asyncio.gather(*(self._feed_item(src, base, feed.title, item, fetch_articles) for item in items))
        if not result.not_modified:
            with self._unit() as cur:
                blob = store.put_blob(cur, body, content_type)
                store.save_validators(cur, url, result.headers.get("etag"), result.headers.get("last-modified"), blob)
        return True

    async def _feed_item(self, src: _Source, base: str, feed_title: str, item: FeedItem, fetch_articles: bool) -> None:
        link = absolute_url(base, item.link)
        # a feed names the outlet of its own site's pages; an aggregator's or a search's title names none of the
        # pages it lists
        feed_outlet = outlet_from_feed_title(feed_title) if same_site(base, link) else ""
        try:
            if fetch_articles:
                await self._page(src, link, item=item, purpose="article", feed_outlet=feed_outlet)
            else:
                self._store_from_summary(src, link, item, feed_outlet, note=None)
        except Exception as exc:  # one broken item must not stop its feed's other items
            self._internal_error(src, link, exc)
        finally:
            self._tick(item.title[:60] or link, done=1)

    async def _arxiv(self, src: _Source) -> bool:
        spec = src.spec
        url = query_url(spec.endpoint, spec.arxiv, spec.max_results)
        result = await self.fetcher.fetch(url, purpose="arxiv", source_id=src.id)
        if not result.ok:
            self._error(src, url, result.error_kind or "fetch-error", result.error or "fetch failed")
            return False
        try:
            papers, skipped = await asyncio.to_thread(parse_arxiv_entries, result.body)
        except ArxivParseError as exc:
            self._unusable(result, "parse-error", str(exc))
            self._error(src, url, "parse-error", str(exc))
            return False
        for reason in skipped:  # never silent: a changed id form would otherwise empty the papers section
            self._error(src, url, "skipped-entry", reason, warning=bool(papers))
        with self._unit() as cur:
            raw_hash = store.put_blob(cur, result.body, result.content_type)
        for paper in papers:
            self._store_paper(src, paper, raw_hash)
        return True

    # ------------------------------------------------------------------ articles

    def _known(self, src: _Source, urls: list[str], item: FeedItem | None = None, feed_outlet: str = "") -> bool:
        """An article already stored under one of ``urls``: record the sighting, add missing aliases; listed now by
        its own site's feed (``feed_outlet``) after another site's, take that feed's summary."""
        article_id = store.article_for_urls(self.db, urls)
        if article_id is None:
            return False
        if item is not None and feed_outlet:
            with self._unit() as cur:
                store.adopt_own_listing(cur, article_id, item.summary, feed_outlet)
        self._sight(src, article_id)
        return True

    def _sight(self, src: _Source, article_id: str) -> None:
        row = store.article_dating(self.db, article_id)
        assert row is not None
        published = parse_iso(row["published_at"]) if row["published_at"] else None
        with self._unit() as cur:
            store.upsert_sighting(
                cur, self.spec.id, article_id, src.id, self.collection_id, self.in_window(published, row["published_precision"])
            )
        src.seen.add(article_id)

    async def _page(
        self, src: _Source, link: str, *, item: FeedItem | None, purpose: str, feed_outlet: str = ""
    ) -> None:
        link_canon = canonical_url(link)
        if self._known(src, [link_canon], item, feed_outlet):
            return
        pending = self._inflight.get(link_canon)
        if pending is not None:  # another source is fetching the same link right now: wait for it
            await pending
            if self._known(src, [link_canon], item, feed_outlet):
                return
        done = self._inflight[link_canon] = asyncio.get_running_loop().create_future()
        try:
            async with self._pages_open:
                await self._fetch_page(src, link, item=item, purpose=purpose, feed_outlet=feed_outlet)
        finally:
            done.set_result(None)
            if self._inflight.get(link_canon) is done:
                del self._inflight[link_canon]

    async def _fetch_page(self, src: _Source, link: str, *, item: FeedItem | None, purpose: str, feed_outlet: str) -> None:
        result = await self.fetcher.fetch(link, purpose=purpose, source_id=src.id)
        if result.ok and not is_html(result.content_type):
            result.error_kind, result.error = "unsupported-content", f"content type {result.content_type} is not a web page"
            self._unusable(result, result.error_kind, result.error)
        if not result.ok:
            kind, message = result.error_kind or "fetch-error", result.error or "fetch failed"
            if item is not None and item.summary and kind in FALLBACK_KINDS:
                self._error(src, link, kind, f"{message}; kept the feed summary instead", warning=True)
                self._store_from_summary(src, link, item, feed_outlet, note=f"page not fetched: {kind}")
            else:
                self._error(src, link, kind, message)
            return
        final = result.final_url or link
        page = await self.extractor.extract(result.body, result.content_type, final, self.as_of)
        self._store_page(src, link, final, item, page, result, feed_outlet)

    def _store_page(
        self, src: _Source, link: str, final: str, item: FeedItem | None, page: ExtractedPage, result: FetchResult,
        feed_outlet: str,
    ) -> None:
        aliases: list[tuple[str, str]] = []
        if page.canonical and not self._canonical_conflicts(page.canonical, page.text):
            aliases.append((page.canonical, "canonical"))
        aliases += [(canonical_url(final), "final"), (canonical_url(link), "link")]
        repairs = list(page.repairs) + (list(item.repairs) if item else [])
        published, precision, via = None, None, "none"
        if item is not None and item.published is not None and not item.updated_only:
            published, precision, via = item.published, "second", "feed"
            if page.published is not None and page_date_is_older(page.published.when, page.published.precision,
                                                                 item.published):
                # a feed re-listing an old page gives it a fresh pubDate; the page's own date says when it appeared
                published, precision, via = page.published.when, page.published.precision, "page-meta"
        elif page.published is not None:
            published, precision, via = page.published.when, page.published.precision, "page-meta"
            if item is not None and item.published is not None and feed_time_refines(published, precision,
                                                                                       item.published):
                # an RDF feed's dc:date (read as an update) on the page's own day is that day's time of publication
                published, precision, via = item.published, "second", "feed-updated"
        elif item is not None and item.published is not None:
            published, precision, via = item.published, "second", "feed-updated"
        elif result.headers.get("last-modified"):
            header_time = parse_time(result.headers["last-modified"])
            if header_time is not None:
                published, precision, via = header_time.when, "second", "http-header"
        text, text_via = page.text, "trafilatura"
        if not text and item is not None and item.summary:
            text, text_via = item.summary, "feed-summary"
        elif not text:
            text_via = "none"
        meta: dict[str, Any] = {}
        if final != link:
            meta["final_url"] = final
        if page.canonical_note:
            meta["canonical_note"] = page.canonical_note
        if page.standfirst:
            meta["standfirst"] = page.standfirst  # selection reads it with the lead; the body stays the body
        if page.section:
            meta["section"] = page.section  # the site's section: sport, lifestyle... (guancha.sections)
        if item is not None:
            meta.update({k: v for k, v in {"feed": feed_outlet or None, "guid": item.guid or None,
                                             "tags": item.tags or None}.items() if v})
        # the site's name as its meta declares it; else as its own feed's title gives it, the same on all its pages;
        # else a guess from the page's <title>; a name read off the address is none
        site = page.sitename if page.sitename and not names_only_the_host(page.sitename, final) else None
        outlet = (site if page.sitename_declared else None) or feed_outlet or site or url_host(final)
        title = page.title or (item.title if item else None)
        if item is not None and item.title and page.title and names_the_outlet(page.title, outlet):
            title = item.title   # the page's <title> is only the station's name; the feed gives its headline
        self._store(
            src,
            _Draft(
                kind="article",
                url=final,
                aliases=_unique(aliases),
                title=title,
                author=page.author or (item.author if item and item.author else None),
                outlet=outlet,
                published=published,
                precision=precision,
                published_via=via,
                text=text,
                summary=(item.summary if item and item.summary else None),
                text_via=text_via,
                language=page.language,
                raw=result.body,
                content_type=result.content_type,
                encoding_declared=page.decoded.declared,
                encoding_used=page.decoded.used,
                repairs=repairs,
                truncated=result.truncated,
                meta=meta,
            ),
        )

    def _canonical_conflicts(self, canonical: str, text: str) -> bool:
        """A rel=canonical already used by an article with other content is a misconfigured site: ignore it."""
        other = store.article_for_urls(self.db, [canonical])
        if other is None:
            return False
        row = store.article_dating(self.db, other)
        return row is not None and row["content_hash"] != dedupe.content_hash(text)

    def _store_from_summary(self, src: _Source, link: str, item: FeedItem, feed_outlet: str, note: str | None) -> None:
        if url_scheme(link) not in ALLOWED_SCHEMES:
            message = f"refused: {url_scheme(link) or 'no'} scheme; only http and https links are kept"
            refusal = FetchResult(url=link, purpose="article", source_id=src.id, error_kind="blocked-scheme",
                                  error=message, started_at=utcnow())
            self._record(refusal)  # recorded like a refused fetch, though none was attempted
            self._error(src, link, "blocked-scheme", message)
            return
        canon = canonical_url(link)
        meta: dict[str, Any] = {k: v for k, v in {"feed": feed_outlet or None, "guid": item.guid or None,
                                                   "tags": item.tags or None, "note": note}.items() if v}
        self._store(
            src,
            _Draft(
                kind="article", url=link, aliases=[(canon, "link")], title=item.title or None,
                author=item.author or None, outlet=feed_outlet or url_host(link),
                published=item.published, precision="second" if item.published else None,
                published_via=("feed-updated" if item.updated_only else "feed") if item.published else "none",
                text=item.summary, summary=item.summary or None,
                text_via="feed-summary" if item.summary else "none", language=None, raw=None, content_type=None,
                encoding_declared=None, encoding_used=None, repairs=list(item.repairs), truncated=False, meta=meta,
            ),
        )

    def _store_paper(self, src: _Source, paper: Paper, raw_hash: str) -> None:
        canon = canonical_url(f"https://arxiv.org/abs/{paper.arxiv_id}")
        # a paper is as fresh as its latest version: a v2 inside the window is news even when v1 is older
        latest = max((t for t in (paper.published, paper.updated) if t is not None), default=None)
        via = "none" if latest is None else ("arxiv-updated" if latest != paper.published else "arxiv")
        self._store(
            src,
            _Draft(
                kind="paper", url=paper.abs_url, aliases=_unique([(canon, "arxiv"), (canonical_url(paper.abs_url), "link")]),
                title=paper.title, author=paper.author_line or None, outlet="arXiv", published=latest,
                precision="second" if latest else None, published_via=via,
                text=paper.abstract, summary=None, text_via="arxiv-abstract", language="en", raw=None, content_type=None,
                encoding_declared=None, encoding_used=None, repairs=paper.repairs, truncated=False, meta=paper.meta(),
            ),
            raw_hash=raw_hash,
        )

    def _store(self, src: _Source, draft: _Draft, *, raw_hash: str | None = None) -> None:
        """Insert one article with its aliases, duplicate group, signature and sighting, in one transaction."""
        urls = [u for u, _ in draft.aliases]
        if self._known(src, urls):
            return
        identity = urls[0]
        article_id = content_key(identity)
        words = dedupe.tokens(draft.text)  # tokenised once for the hash, the signature and the grouping test
        text_hash = dedupe.content_hash(draft.text, words)
        sig = dedupe.signature(draft.text, words) if draft.kind == "article" else None
        with self._unit() as cur:
            if draft.raw is not None:
                raw_hash = store.put_blob(cur, draft.raw, draft.content_type)
            store.insert_article(
                cur,
                store.ArticleRow(
                    id=article_id, canonical_url=identity, url=draft.url, kind=draft.kind, title=draft.title,
                    author=draft.author, outlet=draft.outlet,
                    published_at=iso_z(draft.published) if draft.published else None,
                    published_precision=draft.precision if draft.published else None,
                    published_via=draft.published_via, text=draft.text, summary=draft.summary, text_via=draft.text_via,
                    language=draft.language, raw_hash=raw_hash, content_hash=text_hash,
                    encoding_declared=draft.encoding_declared, encoding_used=draft.encoding_used,
                    text_repairs=_unique_strings(draft.repairs), truncated=draft.truncated, meta=draft.meta,
                    source_id=src.id, first_collection_id=self.collection_id,
                ),
            )
            store.add_article_urls(cur, article_id, draft.aliases)
            self._group(cur, article_id, draft, text_hash, sig, len(words))
            if sig is not None:
                store.save_minhash(cur, article_id, dedupe.NUM_PERM, dedupe.to_blob(sig))
            store.upsert_sighting(
                cur, self.spec.id, article_id, src.id, self.collection_id, self.in_window(draft.published, draft.precision)
            )
        if sig is not None:
            self.index.add(article_id, sig)
        src.seen.add(article_id)
        src.new += 1

    def _group(
        self, cur: sqlite3.Cursor, article_id: str, draft: _Draft, text_hash: str, sig: Any, word_count: int
    ) -> None:
        """Join the duplicate group of an exact or near copy; the earliest published is the original."""
        if word_count < 5:
            return  # an empty or title-only text says nothing about duplication
        original = store.exact_duplicate_of(cur, text_hash, article_id, draft.kind)
        kind, similarity = "exact", 1.0
        if original is None and sig is not None:
            matches = self.index.matches(sig, exclude=article_id)
            for match in matches:
                original = store.group_of(cur, match.key)
                if original is not None:
                    kind, similarity = "near", round(match.similarity, 4)
                    break
        if original is None:
            return
        existing = store.article_dating(cur, original)
        assert existing is not None
        if _earlier(draft.published, existing["published_at"]):
            old_kind, old_similarity = "exact", 1.0
            if existing["content_hash"] != text_hash:
                old_sig = store.minhash_of(cur, original)
                old_kind = "near"
                old_similarity = (
                    round(dedupe.similarity(sig, dedupe.from_blob(old_sig)), 4) if sig is not None and old_sig else similarity
                )
            store.promote_original(cur, article_id, original, old_kind, old_similarity)
        else:
            store.join_group(cur, article_id, original, kind, similarity)


# A date without a time is a day in the page's own zone, anywhere from UTC-12 to UTC+14.
_ZONE_AHEAD = dt.timedelta(hours=14)
_ZONE_BEHIND = dt.timedelta(hours=12)


def _day_span(day: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The UTC moments a day-only date can mean, from its start in the zone furthest ahead of UTC to its end in the
    zone furthest behind (a page dated 15 May at UTC-3:30 may be listed at 02:10 UTC on the 16th)."""
    return day - _ZONE_AHEAD, day + dt.timedelta(days=1) + _ZONE_BEHIND


def page_date_is_older(page_time: dt.datetime, precision: str | None, feed_time: dt.datetime) -> bool:
    """True when even the last moment a page's own date can mean lies before the feed's date for it."""
    latest = _day_span(page_time)[1] if precision == "day" else page_time
    return latest < feed_time


def feed_time_refines(page_time: dt.datetime, precision: str | None, feed_time: dt.datetime) -> bool:
    """True when a page gives only a day and the feed's time falls on that day in some time zone: the feed says when
    on that day it appeared, which decides a window that starts or ends within the day."""
    if precision != "day":
        return False
    start, end = _day_span(page_time)
    return start <= feed_time < end


def _earlier(published: dt.datetime | None, other_published: str | None) -> bool:
    """True when a new article was published strictly before the group's original (undated come last)."""
    if published is None:
        return False
    if other_published is None:
        return True
    return published < parse_iso(other_published)


def _unique(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for url, via in pairs:
        if url not in seen:
            seen.add(url)
            out.append((url, via))
    return out


def _unique_strings(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


# --------------------------------------------------------------------------- entry point


def source_identity(entry: Any) -> tuple[str, str]:
    """(kind, target) that identify a spec's source across runs: a search's own templates and an arXiv
    source's non-default endpoint are part of what it is."""
    kind, target = source_kind(entry), strip_userinfo(source_target(entry))  # no credentials stored or shown
    if isinstance(entry, SearchSource) and entry.templates is not None:
        target = f"{target} (via {', '.join(entry.templates)})"
    if isinstance(entry, ArxivSource) and entry.endpoint != DEFAULT_ARXIV_ENDPOINT:
        target = f"{target} (at {entry.endpoint})"
    return kind, target



def collect_watcher(
    workspace: Workspace,
    spec: WatcherSpec,
    *,
    spec_path: Path | str | None = None,
    as_of: dt.datetime | dt.date | None = None,
    progress: ProgressCallback | None = None,
    options: CollectOptions | None = None,
) -> CollectionResult:
    """Collect every source of ``spec`` into the workspace database and summarise what happened.

    ``as_of`` is the reference time of the freshness window (default: the spec's ``date`` if it has one,
    else now; a date means the end of that day, UTC). Failing sources are reported in the result, never raised. Raises only when the database
    itself is unusable; the collection row is then marked failed. From async code use
    ``collect_watcher_async``.
    """
    return run_async(  # asyncio.run, where SIGTERM unwinds the collection as Ctrl-C does
        collect_watcher_async(workspace, spec, spec_path=spec_path, as_of=as_of, progress=progress, options=options)
    )


async def collect_watcher_async(
    workspace: Workspace,
    spec: WatcherSpec,
    *,
    spec_path: Path | str | None = None,
    as_of: dt.datetime | dt.date | None = None,
    progress: ProgressCallback | None = None,
    options: CollectOptions | None = None,
) -> CollectionResult:
    """``collect_watcher`` for callers already inside an event loop."""
    options = options or CollectOptions()
    db = workspace.db()
    reference = normalise_as_of(as_of if as_of is not None else spec.date)
    spec_json = spec.model_dump_json()
    store.upsert_watcher(db, spec.id, spec.title, str(spec_path) if spec_path else None,
                         hashlib.sha256(spec_json.encode()).hexdigest()[:16])
    sources = []
    seen_ids: set[str] = set()
    for entry in spec.sources:
        kind, target = source_identity(entry)
        sid = store.upsert_source(db, spec.id, kind, target, getattr(entry, "label", None))
        if sid not in seen_ids:
            seen_ids.add(sid)
            sources.append(_Source(id=sid, kind=kind, target=target, spec=entry))
    mark_interrupted_collections(workspace, spec.id)
    started_at = utcnow()
    collection_id = content_key(spec.id, iso_z(reference), started_at, str(os.getpid()), str(time.monotonic_ns()))
    with live_run(workspace, collection_marker(collection_id)):  # how a later process tells a killed one from a live one
        store.start_collection(db, collection_id, spec.id, iso_z(reference), spec.window_hours)
        started = time.monotonic()
        run = _Collection(workspace, spec, collection_id, reference, options, progress, sources)
        try:
            await run.run()
        except BaseException as exc:
            store.finish_collection(db, collection_id, "failed", {"error": f"{type(exc).__name__}: {exc}"})
            raise
    result = _summarise(db, collection_id, spec, reference, started_at, sources, time.monotonic() - started,
                        run.extractor)
    store.finish_collection(db, collection_id, "done", result.model_dump(mode="json", exclude={"errors"}))
    row = db.one("SELECT finished_at FROM collections WHERE id = ?", (collection_id,))
    result.finished_at = row["finished_at"] if row is not None else None
    return result


def _summarise(
    db: Database, collection_id: str, spec: WatcherSpec, as_of: dt.datetime, started_at: str,
    sources: list[_Source], elapsed: float, extractor: PageExtractor,
) -> CollectionResult:
    counts = store.collection_counts(db, collection_id)
    errors = [e for src in sources for e in src.errors]
    return CollectionResult(
        collection_id=collection_id,
        watcher_id=spec.id,
        status="done",
        as_of=as_of,
        window_hours=spec.window_hours,
        started_at=started_at,
        elapsed_s=round(elapsed, 3),
        sources_total=len(sources),
        sources_ok=sum(1 for s in sources if not s.failed and not s.errors),
        sources_partial=sum(1 for s in sources if not s.failed and s.errors),
        sources_failed=sum(1 for s in sources if s.failed),
        fetches=counts.get("fetch_fetches", 0),
        fetch_errors=counts.get("fetch_errors", 0),
        conditional_requests=counts.get("fetch_conditional", 0),
        not_modified=counts.get("fetch_not_modified", 0),
        bytes_fetched=counts.get("fetch_bytes", 0),
        articles_seen=counts.get("seen", 0),
        articles_new=counts.get("new", 0),
        articles_seen_again=counts.get("seen", 0) - counts.get("new", 0),
        papers=counts.get("papers", 0),
        in_window=counts.get("in_window", 0),
        out_of_window=counts.get("out_of_window", 0),
        undated=counts.get("undated", 0),
        duplicates_exact=counts.get("dup_exact", 0),
        duplicates_near=counts.get("dup_near", 0),
        truncated=counts.get("truncated", 0),
        repaired=counts.get("repaired", 0),
        from_feed_summary=counts.get("from_summary", 0),
        extracted_in_workers=extractor.in_workers,
        extraction_worker_cpu_s=round(extractor.worker_cpu_s, 3),
        extraction_note=extractor.worker_failure,
        errors=errors,
    )


def collected_articles(
    db: Database, collection_id: str, *, in_window_only: bool = False, originals_only: bool = False
) -> list[StoredArticle]:
    """The articles a collection saw (each once), newest first; undated ones last."""
    out = []
    for row in store.collection_articles(db, collection_id):
        in_window = None if row["in_window"] is None else bool(row["in_window"])
        if in_window_only and not in_window:
            continue
        if originals_only and row["dup_kind"] not in (None, "original"):
            continue
        out.append(
            StoredArticle(
                id=row["id"], canonical_url=row["canonical_url"], url=row["url"], kind=row["kind"],
                title=row["title"], author=row["author"], outlet=row["outlet"],
                published_at=parse_iso(row["published_at"]) if row["published_at"] else None,
                published_precision=row["published_precision"], published_via=row["published_via"],
                text=row["text"], summary=row["summary"], text_via=row["text_via"], language=row["language"],
                content_hash=row["content_hash"], dup_group=row["dup_group"], dup_kind=row["dup_kind"],
                dup_similarity=row["dup_similarity"], truncated=bool(row["truncated"]),
                text_repairs=json.loads(row["text_repairs"]) if row["text_repairs"] else [],
                meta=json.loads(row["meta_json"]) if row["meta_json"] else {},
                in_window=in_window, source_ids=sorted(set((row["source_ids"] or "").split(","))),
            )
        )
    return out
