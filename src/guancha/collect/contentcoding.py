"""Undoing an answer's Content-Encoding with a bound on what it may grow to.

httpx inflates each network chunk whole: 64 KB of gzip grows to 64 MB, and a body gzipped twice ("gzip, gzip",
3.5 KB on the wire) grew to gigabytes before the fetcher's ``max_bytes`` cut was ever reached. Here every stage
hands on at most what the next one asks for (``zlib``'s ``max_length``), so memory stays near the cut whatever
the ratio, and bytes that are not what the header says are a ``ContentCodingError`` the fetcher reports.
"""

from __future__ import annotations

import zlib

# What the fetcher asks for (httpx would add "br" and "zstd" whenever those packages happen to be installed).
ACCEPT_ENCODING = "gzip, deflate"
# Codings stacked on one body ("gzip, gzip, ..."): each is a decompressor in memory; no server needs more than two.
MAX_CODINGS = 4
# Codings that compress and that this module cannot undo: passing them through would store binary as a page.
UNREADABLE = frozenset({"br", "zstd", "compress", "x-compress"})
_STEP = 65_536


class ContentCodingError(ValueError):
    """The answer's Content-Encoding cannot be undone (unknown, stacked too deep, or bytes that do not fit it)."""


class _Inflater:
    """One gzip or deflate stage: takes input as it comes, gives out no more than asked."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        # gzip: a gzip header; deflate: RFC 1950's zlib wrapper, or raw deflate as some servers send (as httpx)
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if coding.endswith("gzip") else zlib.MAX_WBITS)
        self._pending = b""
        self._started = False

    def feed(self, data: bytes) -> None:
        self._pending += data

    def take(self, limit: int) -> bytes:
        if not self._pending:
            return b""
        try:
            out = self._z.decompress(self._pending, limit)
        except zlib.error as exc:
            if self.coding == "deflate" and not self._started:
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                return self.take(limit)
            raise ContentCodingError(f"the body is not valid {self.coding} ({exc})") from exc
        self._started = True
        self._pending = self._z.unconsumed_tail
        if self._z.eof:
            self._pending = b""  # bytes after the stream's end are ignored, as httpx does
        return out


class BoundedDecoder:
    """Undo ``content_encoding`` (the header's value) on chunks as they arrive; ``decode`` never returns more than
    its ``limit``, and never inflates more than that in memory."""

    def __init__(self, content_encoding: str | None) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        stages: list[_Inflater] = []
        for coding in reversed(codings):  # the last coding named was applied last: it is undone first
            if coding in {"identity", ""}:
                continue
            if coding in {"gzip", "x-gzip", "deflate"}:
                stages.append(_Inflater(coding))
            elif coding in UNREADABLE:
                raise ContentCodingError(f"the server sent the answer in {coding!r}, which was not asked for")
            # any other word is no coding (a misconfigured "Content-Encoding: utf-8"): the body is read as it is
        if len(stages) > MAX_CODINGS:
            raise ContentCodingError(f"the answer is compressed {len(stages)} times over (at most {MAX_CODINGS})")
        self._stages = stages

    def decode(self, chunk: bytes, limit: int) -> list[bytes]:
        """The decoded pieces ``chunk`` completes, at most ``limit`` bytes in all (the caller cuts there)."""
        if not self._stages:
            return [chunk[:limit]] if chunk else []
        self._stages[0].feed(chunk)
        pieces: list[bytes] = []
        while limit > 0:
            piece = self._pull(len(self._stages) - 1, min(limit, _STEP))
            if not piece:
                break
            pieces.append(piece)
            limit -= len(piece)
        return pieces

    def _pull(self, index: int, limit: int) -> bytes:
        """Up to ``limit`` bytes out of stage ``index``, asking the stages before it for no more than a step."""
        stage = self._stages[index]
        out = stage.take(limit)
        while not out and index > 0:
            upstream = self._pull(index - 1, _STEP)
            if not upstream:
                break
            stage.feed(upstream)
            out = stage.take(limit)
        return out
