"""Where page extraction runs: on the event loop, in a thread, or in worker processes.

Extraction (decoding, trafilatura, metadata, dates) is most of a collection's CPU, and pure Python holds the
GIL: on the event loop it stops every fetch while it runs, and a thread cannot run it beside the loop. A
busy collection therefore extracts in worker processes, which use the machine's other cores while this
process fetches and stores: on a 2-core machine, 1,000 pages collect in the time a bare httpx +
trafilatura loop takes (``benchmarks/bench_collect.py --baseline``).

Worker processes cost a start (a fresh interpreter importing trafilatura, a few tenths of a second), so a
collection begins extracting in-process and starts its workers only after ``pool_after`` pages: the small
daily collections and the tests never start one. Workers are forked from a clean server process
(``forkserver``, where the platform has it), never from this one, whose threads and open database must not
be copied. A worker that dies (killed, out of memory) costs nothing: its page and every later one are
extracted in-process, as before workers existed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import os
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from guancha.collect.pages import ExtractedPage, extract_page

# A page this small extracts in a few milliseconds: on the event loop, where a hand-off to a thread (and the
# GIL passing back and forth with the loop) costs more than the extraction. Bigger pages go to the
# collection's one extraction thread, so that a slow one does not hold every other fetch.
INLINE_EXTRACT_BYTES = 64_000
MAX_PROCESSES = 4
POOL_AFTER_PAGES = 64
_MODULE = __name__


def default_processes() -> int:
    """One fewer than the CPUs this process may use (one core fetches and stores), at most ``MAX_PROCESSES``."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(0, min(MAX_PROCESSES, cpus - 1))


def extract_in_worker(body: bytes, content_type: str | None, url: str,
                      latest: dt.datetime | None) -> tuple[ExtractedPage, int, float]:
    """``extract_page`` in a worker process; answers (page, worker pid, the worker's CPU seconds so far).

    The decoded HTML is left behind: the collection keeps only the codec names from it, and sending the
    whole page back would cost more than it saves."""
    page = extract_page(body, content_type, url, latest)
    page = replace(page, decoded=replace(page.decoded, text=""))
    return page, os.getpid(), time.process_time()


def _pool_context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # the server imports the main module (as multiprocessing does by default) and the extraction code once;
        # each worker forked from it starts ready to extract
        context.set_forkserver_preload(["__main__", _MODULE])
        return context
    return multiprocessing.get_context("spawn")


class PageExtractor:
    """Extraction for one collection. Use as a context manager; ``await extract(...)`` per page.

    ``processes``: worker processes for a busy collection (None: ``default_processes()``; 0: never).
    ``pool_after``: pages extracted in-process before the workers start.
    """

    def __init__(self, processes: int | None = None, pool_after: int = POOL_AFTER_PAGES) -> None:
        self.processes = default_processes() if processes is None else processes
        self.pool_after = pool_after
        self.pages = 0
        self.in_workers = 0
        self.worker_failure: str | None = None  # why the workers were given up, if they were
        self._thread: ThreadPoolExecutor | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._worker_cpu: dict[int, float] = {}

    def __enter__(self) -> PageExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def worker_cpu_s(self) -> float:
        """CPU seconds the worker processes spent (their own clocks, as of each one's last page)."""
        return sum(self._worker_cpu.values())

    async def extract(self, body: bytes, content_type: str | None, url: str,
                      latest: dt.datetime | None) -> ExtractedPage:
        self.pages += 1
        loop = asyncio.get_running_loop()
        pool = self._workers()
        if pool is not None:
            try:
                page, pid, cpu = await loop.run_in_executor(pool, extract_in_worker, body, content_type, url, latest)
            except BrokenProcessPool as exc:
                self._give_up_workers(f"an extraction worker died ({exc}); extracting in-process")
            else:
                self.in_workers += 1
                self._worker_cpu[pid] = max(cpu, self._worker_cpu.get(pid, 0.0))
                return page
        if len(body) <= INLINE_EXTRACT_BYTES:
            return extract_page(body, content_type, url, latest)
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guancha-extract")
        return await loop.run_in_executor(self._thread, extract_page, body, content_type, url, latest)

    def _workers(self) -> Executor | None:
        if self._pool is not None:
            return self._pool
        if self.processes <= 0 or self.worker_failure is not None or self.pages <= self.pool_after:
            return None
        try:
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=_pool_context())
        except (OSError, ValueError, NotImplementedError) as exc:  # no semaphores, no fork: stay in-process
            self._give_up_workers(f"cannot start extraction workers ({exc}); extracting in-process")
            return None
        return self._pool

    def _give_up_workers(self, why: str) -> None:
        self.worker_failure = why
        self._stop_workers()

    def _stop_workers(self) -> None:
        """Shut the worker pool down without waiting, terminating any worker still on a page."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()

    def close(self) -> None:
        """Stop the workers without waiting for a page still in one (a collection cut at its deadline must not wait
        on a page that never ends): they are terminated. The extraction thread finishes its page."""
        self._stop_workers()
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)
        self._thread = None
