"""Exact and near-duplicate detection: content hashes, and MinHash signatures indexed with LSH.

Duplicates are grouped, never dropped: a syndicated copy is still evidence that a story travelled.
Signatures are datasketch's legacy-scheme ``MinHash`` over crc32 shingle hashes (universal hashing mod
2^61-1, seed 1), computed in a few numpy lines of our own so that signatures persisted in
``article_minhash`` stay comparable whatever datasketch's defaults become (a test pins the equality). Candidates come from a banded LSH table (``BandTable``) sized for
100k+ documents; ``datasketch.MinHashLSH`` with the same bands needed ~1.4 GB at 100k documents.
"""

from __future__ import annotations

import hashlib
import re
import threading
import zlib
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 3
MIN_TOKENS = 25  # shorter texts are too small to call near-duplicates
NEAR_THRESHOLD = 0.35  # estimated Jaccard similarity of word 3-shingles for "near duplicate"
SEED = 1
SIGNATURE_CHUNK = 8192  # shingles a signature hashes at a time: two scratch matrices of 8 MB each at most

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
# Drawn exactly as datasketch's "legacy" MinHash scheme draws them, so a signature here equals
# datasketch.MinHash(num_perm=128, seed=1, hashfunc=zlib.crc32, scheme="legacy") (a test checks it).
_gen = np.random.RandomState(SEED)
_A, _B = np.array(
    [(_gen.randint(1, (1 << 61) - 1, dtype=np.uint64), _gen.randint(0, (1 << 61) - 1, dtype=np.uint64))
     for _ in range(NUM_PERM)],
    dtype=np.uint64,
).T
_A_COLUMN, _B_COLUMN = _A[:, None].copy(), _B[:, None].copy()  # one row per permutation
_SHIFT = np.uint64(61)

# CJK characters are words of their own (no spaces between them); other scripts split on non-word runs.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+", re.UNICODE)
# The same tokens for ASCII text, whose word characters are these (casefold lowers ASCII letters): a third faster
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    if text.isascii():
        return _ASCII_TOKEN.findall(text.lower())
    return _TOKEN.findall(text.casefold())


def content_hash(text: str, words: list[str] | None = None) -> str:
    """sha256 of the text's words (case, spacing and punctuation ignored): exact copies share it.

    ``words``: the text's ``tokens`` when the caller already has them (collection tokenises once)."""
    return hashlib.sha256(" ".join(tokens(text) if words is None else words).encode("utf-8")).hexdigest()


def signature(text: str, words: list[str] | None = None) -> np.ndarray | None:
    """A MinHash signature (uint32[NUM_PERM]) of the text's word 3-shingles; None when too short.

    ``words``: the text's ``tokens`` when the caller already has them."""
    words = tokens(text) if words is None else words
    if len(words) < MIN_TOKENS:
        return None
    # Every shingle hashed, repeats included: a minimum is the same over a multiset as over its set, so the
    # set datasketch is fed is not built (a third of the hashing time). map over C builtins throughout.
    count = len(words) - SHINGLE_WORDS + 1
    shingles = map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False))  # shorter tails end it
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, shingles)), dtype=np.uint64, count=count)
    lowest = np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    # (a*h + b) mod p with wrapping uint64 arithmetic, as datasketch does: a universal-enough family. Rows are
    # permutations, in reused scratch memory: a fresh matrix per text cost more in page faults than in sums. A long
    # text is taken SIGNATURE_CHUNK shingles at a time (the minimum of the chunks' minima is the same): a 5 MB page of
    # a million words needed two 128-row matrices of a million columns, 2 GB, and 5.5 GB at its peak.
    for start in range(0, count, SIGNATURE_CHUNK):
        chunk = hashes[start:start + SIGNATURE_CHUNK]
        permuted, over = _scratch(len(chunk))
        np.multiply(_A_COLUMN, chunk, out=permuted)
        np.add(permuted, _B_COLUMN, out=permuted)
        mersenne_mod(permuted, over)
        np.bitwise_and(permuted, _MAX_HASH, out=permuted)
        np.minimum(lowest, permuted.min(axis=1), out=lowest)
    return np.asarray(lowest, dtype=np.uint32)


def mersenne_mod(values: np.ndarray, scratch: np.ndarray) -> None:
    """``values %= 2**61 - 1`` in place, for any uint64 values, by shifts and adds (x = hi*2^61 + lo is
    congruent to hi + lo, which lies below 2p, so one conditional subtraction ends it): a hardware division
    per value cost more than the rest of the signature. ``scratch``: a uint64 array of the same shape."""
    np.right_shift(values, _SHIFT, out=scratch)
    np.bitwise_and(values, _MERSENNE, out=values)
    np.add(values, scratch, out=values)
    np.subtract(values, _MERSENNE, out=values, where=values >= _MERSENNE)


_local = threading.local()


def _scratch(columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Two (NUM_PERM x columns) uint64 work matrices, reused by this thread (grown when a text needs more)."""
    held = getattr(_local, "buffers", None)
    if held is None or len(held[0]) < NUM_PERM * columns:
        size = NUM_PERM * max(columns, 1024)
        held = _local.buffers = (np.empty(size, dtype=np.uint64), np.empty(size, dtype=np.uint64))
    cells = NUM_PERM * columns
    return held[0][:cells].reshape(NUM_PERM, columns), held[1][:cells].reshape(NUM_PERM, columns)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


@dataclass
class Match:
    key: str
    similarity: float


class BandTable:
    """A compact LSH band table: band hash -> document number, for millions of entries.

    datasketch's ``MinHashLSH`` keeps a Python set per band bucket (about 1.4 GB for 100k documents at
    42 bands); this keeps at most two sorted numpy runs (16 bytes an entry) plus a small dict of recent
    inserts, so memory grows by ~0.7 KB per document and lookups stay vectorised (``_Run``). Two runs, not a
    log-structured stack: a lookup costs the same at 10k documents as at a million (one more run per
    doubling made the index grow as n log n). A frozen buffer merges into the small run; the small run
    merges into the big one once it holds an eighth as much, so the big run is rewritten a bounded number of times
    per entry; the small run is rewritten at each freeze, which costs a little more per document as the index grows
    (bench_dedupe: LSH 13x the CPU for 10x the documents, signatures 10x).
    """

    BUFFER_LIMIT = 65_536
    SMALL_FRACTION = 8  # the small run merges into the big one at 1/8 of its size

    def __init__(self) -> None:
        self._buffer: dict[int, int | list[int]] = {}  # recent inserts: key -> doc (a list on collisions)
        self._buffered = 0
        self._pending: list[tuple[np.ndarray, int]] = []  # the same inserts as arrays, for a cheap freeze
        self._big = _Run.empty()
        self._small = _Run.empty()

    def insert(self, keys: np.ndarray, doc: int) -> None:
        buffer = self._buffer
        for key in keys.tolist():
            held = buffer.get(key)
            if held is None:
                buffer[key] = doc
            elif isinstance(held, list):
                held.append(doc)
            else:
                buffer[key] = [held, doc]
        self._buffered += len(keys)
        self._pending.append((keys, doc))
        if self._buffered >= self.BUFFER_LIMIT:
            self._freeze()

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Document numbers sharing at least one band key with ``keys`` (unique, unordered)."""
        found: list[int] = []
        for key in keys.tolist():
            held = self._buffer.get(key)
            if held is not None:
                if isinstance(held, list):
                    found.extend(held)
                else:
                    found.append(held)
        parts = [np.asarray(found, dtype=np.int32)] if found else []
        for run in (self._big, self._small):
            if len(run):
                parts.extend(run.find(keys))
        if not parts:
            return np.empty(0, dtype=np.int32)
        return np.unique(np.concatenate(parts))

    def _freeze(self) -> None:
        if not self._buffer:
            return
        keys = np.concatenate([k for k, _ in self._pending]).astype(np.uint64, copy=False)
        docs = np.repeat(np.array([d for _, d in self._pending], dtype=np.int32), [len(k) for k, _ in self._pending])
        order = np.argsort(keys, kind="stable")
        self._buffer, self._buffered, self._pending = {}, 0, []
        self._small = _Run.merged(self._small, keys[order], docs[order])
        if len(self._small) * self.SMALL_FRACTION >= len(self._big):
            self._big = _Run.merged(self._big, self._small.keys, self._small.docs)
            self._small = _Run.empty()

    @property
    def nbytes(self) -> int:
        return self._big.nbytes + self._small.nbytes + self._buffered * 100


class _Run:
    """Sorted band keys with their documents, and a directory by the keys' top bits: ``directory[b]`` is where keys
    starting with ``b`` begin. Keys are hashes, spread evenly, so a bucket holds one or two entries and a lookup
    reads one short stretch of the run instead of binary-searching all of it (at 100k documents the run is 34 MB,
    and each of a binary search's ~22 probes missed the cache: lookups cost 2x per key at 10x the documents)."""

    WIDTH = 8   # entries a lookup reads from a bucket at once; a fuller bucket (a key many documents share) is searched
    CHUNK = 1 << 18

    def __init__(self, keys: np.ndarray, docs: np.ndarray) -> None:
        self.keys, self.docs = keys, docs
        bits = max(1, len(keys).bit_length() - 1)   # one to two entries a bucket
        self.shift = np.uint64(64 - bits)
        # bucket sizes counted a chunk at a time (no temporary the size of the run), then summed into starts
        counts = np.zeros(1 << bits, dtype=np.int64)
        for start in range(0, len(keys), self.CHUNK):
            counts += np.bincount((keys[start:start + self.CHUNK] >> self.shift).astype(np.intp), minlength=1 << bits)
        self.directory: np.ndarray = np.zeros((1 << bits) + 1, dtype=np.int32 if len(keys) < 1 << 31 else np.int64)
        np.cumsum(counts, out=self.directory[1:])
        self.overflows = bool(len(keys)) and int(counts.max()) > self.WIDTH   # some bucket is longer than one read

    @classmethod
    def empty(cls) -> _Run:
        return cls(np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int32))

    @classmethod
    def merged(cls, older: _Run, new_keys: np.ndarray, new_docs: np.ndarray) -> _Run:
        """``older`` and a sorted run of new entries as one, in linear time (each new entry after the older ones
        with its key)."""
        old_keys, old_docs = older.keys, older.docs
        if not len(old_keys):
            return cls(new_keys, new_docs)
        size = len(old_keys) + len(new_keys)
        at = np.searchsorted(old_keys, new_keys, side="right") + np.arange(len(new_keys))
        from_new = np.zeros(size, dtype=bool)
        from_new[at] = True
        keys = np.empty(size, dtype=np.uint64)
        docs = np.empty(size, dtype=np.int32)
        keys[at], docs[at] = new_keys, new_docs
        keys[~from_new], docs[~from_new] = old_keys, old_docs
        return cls(keys, docs)

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def nbytes(self) -> int:
        return self.keys.nbytes + self.docs.nbytes + self.directory.nbytes

    def find(self, needles: np.ndarray) -> list[np.ndarray]:
        """The documents of every entry whose key is one of ``needles``."""
        bucket = (needles >> self.shift).astype(np.intp)
        lo = self.directory[bucket]
        # each needle's bucket read as WIDTH entries from its start: an entry past the bucket's end is another
        # bucket's, whose key differs in its top bits, so it never equals the needle (the last entry read again at
        # the run's end gives a document twice, which the caller's unique removes)
        at = np.minimum(lo[:, None] + np.arange(self.WIDTH), len(self.keys) - 1)
        hit = self.keys[at] == needles[:, None]
        out = [self.docs[at[hit]]] if hit.any() else []
        if not self.overflows:
            return out
        hi = self.directory[bucket + 1]
        full = hi - lo > self.WIDTH
        if full.any():   # keys past the first WIDTH entries of a full bucket: binary search within the bucket
            for needle, start, end in zip(needles[full].tolist(), (lo[full] + self.WIDTH).tolist(),
                                          hi[full].tolist(), strict=True):
                part = self.keys[start:end]
                first = int(np.searchsorted(part, needle, side="left"))
                last = int(np.searchsorted(part, needle, side="right"))
                if last > first:
                    out.append(self.docs[start + first:start + last])
        return out


BANDS, ROWS = 42, 3  # P(candidate) = 1-(1-J^3)^42: 0.84 at J=0.35, 0.995 at J=0.5, 0.29 at J=0.2
_BAND_MULT = np.random.RandomState(SEED + 1).randint(1, 1 << 62, size=ROWS, dtype=np.uint64) | np.uint64(1)
_BAND_SALT = np.random.RandomState(SEED + 2).randint(0, 1 << 62, size=BANDS, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> np.ndarray:
    """One 64-bit key per band of ROWS signature values (wrapping multiply-add, salted per band)."""
    rows = sig[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    mixed = (rows * _BAND_MULT).sum(axis=1, dtype=np.uint64)
    return mixed ^ _BAND_SALT


class NearDuplicateIndex:
    """An LSH index over signatures: ``matches`` then ``add`` for each new document.

    Signatures live in one growing uint32 matrix so that candidates are verified in a single vectorised
    comparison; common phrases make candidate lists grow with the index, and this keeps that cheap.
    """

    def __init__(self, threshold: float = NEAR_THRESHOLD) -> None:
        self.threshold = threshold
        self._table = BandTable()
        self._keys: list[str] = []
        self._numbers: dict[str, int] = {}
        self._matrix = np.empty((1024, NUM_PERM), dtype=np.uint32)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._numbers

    def add(self, key: str, sig: np.ndarray) -> None:
        if key in self._numbers:
            return
        number = len(self._keys)
        if number == len(self._matrix):
            grown = np.empty((2 * len(self._matrix), NUM_PERM), dtype=np.uint32)
            grown[:number] = self._matrix
            self._matrix = grown
        self._matrix[number] = sig
        self._keys.append(key)
        self._numbers[key] = number
        self._table.insert(band_keys(sig), number)

    def matches(self, sig: np.ndarray, *, exclude: str | None = None) -> list[Match]:
        """Indexed documents at least ``threshold`` similar, most similar first."""
        candidates = self._table.lookup(band_keys(sig))
        if len(candidates) == 0:
            return []
        sims = np.count_nonzero(self._matrix[candidates] == sig, axis=1) / NUM_PERM
        keep = np.nonzero(sims >= self.threshold)[0]
        found = [Match(self._keys[int(candidates[i])], float(sims[i])) for i in keep.tolist()]
        found = [m for m in found if m.key != exclude]
        found.sort(key=lambda m: (-m.similarity, m.key))
        return found
