"""The knowledge base: heuristics kept as versioned, reconfirmed, linked knowledge.

Rules (nothing is overwritten or lost):

* same id, same decision content  -> a reconfirmation (sighting counted, last_confirmed moves);
* same id, changed content        -> a new version (the old one kept, the changed fields recorded);
* other id, nearly the same content -> both kept, linked as ``related`` and reported as a merge candidate;
* the same source stating the same id twice (a re-import) -> nothing happens.

"Nearly the same": the cosine similarity of static word embeddings (wordllama, weights shipped in its
wheel) of when/prefer/over is at least :data:`RELATED_COSINE`, or the Jaccard similarity of their content
words is at least :data:`RELATED_JACCARD` (the only measure when wordllama is not installed). A new heuristic is
linked to its :data:`RELATED_LIMIT` nearest only: a pack of 3,000 near-copies linked each to all the others made
4.5 million links, and every import and list paid for them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from guancha.errors import UsageError
from guancha.knowledge.schema import (
    Evidence,
    Heuristic,
    HeuristicStatus,
    StoredHeuristic,
    VersionRecord,
)
from guancha.store import Database, content_key
from guancha.store import evidence as evidence_sql
from guancha.store import knowledge as sql

RELATED_COSINE = 0.80
RELATED_JACCARD = 0.5
RELATED_LIMIT = 5  # links a new heuristic gets at most: the nearest, enough to merge by; never all of them
_COMPARED_FIELDS = ("domain", "when", "prefer", "over", "because", "breaks_when", "confidence")
_STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its", "not", "of", "on", "or", "over", "that", "the", "their", "this", "to", "was", "were", "when", "which", "while", "with", "will", "than", "then", "them", "they", "these", "those", "can", "may", "more", "most", "such", "via", "per"]
)


def content_words(h: Heuristic) -> frozenset[str]:
    text = " ".join((h.when, h.prefer, h.over, h.because)).lower()
    return frozenset(w for w in re.findall(r"[a-z0-9][a-z0-9'-]+", text) if w not in _STOPWORDS and len(w) > 2)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class _Embedder:
    """wordllama loaded from its own package directory, never from a hub; None when not installed."""

    _model: object | None = None
    _tried = False

    @classmethod
    def get(cls) -> object | None:
        if not cls._tried:
            cls._tried = True
            import importlib.util
            import os

            spec = importlib.util.find_spec("wordllama")
            if spec is not None and spec.origin:
                from wordllama import WordLlama

                try:
                    cls._model = WordLlama.load(cache_dir=os.path.dirname(spec.origin), disable_download=True)
                except (OSError, ValueError):
                    cls._model = None  # weights missing from the install: word overlap alone decides
        return cls._model


def embedding_text(h: Heuristic) -> str:
    return " ".join((h.when, h.prefer, h.over))


def decision_key(h: Heuristic) -> str:
    return content_key(h.decision_key())


def changed_fields(old: Heuristic, new: Heuristic) -> list[str]:
    changed = []
    for name in _COMPARED_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if name == "confidence":
            a, b = a.level, b.level
        if name == "domain":
            a, b = sorted(a), sorted(b)
        if a != b:
            changed.append(name)
    return changed


@dataclass
class RecordOutcome:
    """What recording one statement of a heuristic did."""

    id: str
    kind: str  # new, reconfirmed, new-version, already-recorded
    version: int
    changed_fields: list[str] = field(default_factory=list)
    related: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class FieldDiff:
    field: str
    before: str
    after: str
    unified: str


_WORD_CHECKS = 256  # word overlaps computed per new heuristic at most: for the closest by embedding


def _best(rows: Any, scores: Any, limit: int | None) -> Any:
    """The ``limit`` of ``rows`` with the highest scores (all when fewer), chosen in numpy: a pack of near-copies
    gives every row a high score, and rounding and sorting them all in Python was the import's N squared."""
    if limit is None or len(rows) <= limit:
        return rows
    import numpy as np

    return rows[np.argpartition(-scores[rows], limit - 1)[:limit]]


class _SimilarityIndex:
    """The active heuristics' content words and embeddings, kept in one growing matrix: comparing a new heuristic
    with all of them is one matrix-vector product, not a Python loop (nor a re-stack of every vector) per item."""

    def __init__(self) -> None:
        self.words: dict[str, frozenset[str]] = {}
        self._row: dict[str, int] = {}  # heuristic id -> its row in the matrix
        self._ids: list[str] = []       # row -> heuristic id
        self._matrix: Any = None        # rows x dimensions, float32, grown by doubling
        self._active: Any = None        # rows: whether the heuristic is still compared with
        self._plain: set[str] = set()   # ids without an embedding (wordllama not installed): words alone decide

    def add(self, hid: str, words: frozenset[str], vector: Any) -> None:
        import numpy as np

        self.words[hid] = words
        row = self._row.get(hid)
        if vector is None:
            self._plain.add(hid)
            if row is not None:
                self._active[row] = False
            return
        self._plain.discard(hid)
        if row is None:
            row = len(self._ids)
            if self._matrix is None:
                self._matrix = np.zeros((64, len(vector)), dtype=np.float32)
                self._active = np.zeros(64, dtype=bool)
            elif row == len(self._matrix):
                self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
                self._active = np.concatenate([self._active, np.zeros_like(self._active)])
            self._row[hid] = row
            self._ids.append(hid)
        self._matrix[row] = vector
        self._active[row] = True

    def remove(self, hid: str) -> None:
        self.words.pop(hid, None)
        self._plain.discard(hid)
        row = self._row.get(hid)
        if row is not None:
            self._active[row] = False

    def related(self, hid: str, words: frozenset[str], vector: Any, *, exclude: str | None,
                limit: int | None) -> list[tuple[str, float]]:
        """(id, score) of the heuristics nearly the same as this content, best first, at most ``limit``."""
        found: dict[str, float] = {}
        if vector is not None and self._ids:
            import numpy as np

            count = len(self._ids)
            # einsum, not @: a BLAS matrix-vector product of this size starts threads, and on a busy machine those
            # wait on each other (10 s instead of 1 s for 3,000 heuristics); einsum stays on this one
            scores = np.einsum("ij,j->i", self._matrix[:count], np.asarray(vector, dtype=np.float32))
            alive = self._active[:count].copy()
            for other in (exclude, hid):
                if other is not None and other in self._row:
                    alive[self._row[other]] = False
            close = _best(np.flatnonzero(alive & (scores >= RELATED_COSINE)), scores, limit)
            for k in close:
                found[self._ids[k]] = round(float(scores[k]), 3)
            # word overlap: only worth computing when the embeddings do not already rule it out
            band = np.flatnonzero(alive & (scores < RELATED_COSINE) & (scores >= RELATED_COSINE - 0.25))
            for k in _best(band, scores, _WORD_CHECKS):
                other = self._ids[k]
                score = similarity(words, self.words.get(other, frozenset()))
                if score >= RELATED_JACCARD:
                    found[other] = round(score, 3)
            unembedded: Iterable[str] = self._plain
        else:
            unembedded = self.words
        for other in unembedded:  # every heuristic when wordllama is not installed
            if other not in (exclude, hid) and (score := similarity(words, self.words[other])) >= RELATED_JACCARD:
                found[other] = round(score, 3)
        best = sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))
        return best if limit is None else best[:limit]


class KnowledgeBase:
    """Heuristics in the workspace database. Methods that write use one transaction each."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._index: _SimilarityIndex | None = None

    # ------------------------------------------------------------------ writing

    def _similarity_index(self) -> _SimilarityIndex:
        if self._index is None:
            index = _SimilarityIndex()
            active = [Heuristic.model_validate_json(row["data_json"]) for row in sql.current_versions(self.db)
                      if row["status"] != HeuristicStatus.RETIRED.value]
            model = _Embedder.get()
            vectors = (model.embed([embedding_text(h) for h in active], norm=True)  # type: ignore[attr-defined]
                       if model is not None and active else None)
            for k, h in enumerate(active):
                index.add(h.id, content_words(h), vectors[k] if vectors is not None else None)
            self._index = index
        return self._index

    def _embed(self, h: Heuristic) -> Any:
        model = _Embedder.get()
        if model is None:
            return None
        return model.embed([embedding_text(h)], norm=True)[0]  # type: ignore[attr-defined]

    def related_to(self, h: Heuristic, *, exclude: str | None = None,
                   limit: int | None = RELATED_LIMIT) -> list[tuple[str, float]]:
        """Active heuristics whose content is nearly the same as ``h`` (id, score), best first, the nearest
        ``limit`` of them (None: all)."""
        return self._similarity_index().related(h.id, content_words(h), self._embed(h), exclude=exclude,
                                                limit=limit)

    def record(
        self, heuristic: Heuristic, *, source_ref: str, source_date: dt.date | None = None,
        source_title: str | None = None, watcher_id: str | None = None,
    ) -> RecordOutcome:
        """Record one statement of ``heuristic`` by ``source_ref`` (a report or run id)."""
        with self.db.transaction() as cur:
            outcome = self.record_in(cur, heuristic, source_ref=source_ref, source_date=source_date,
                                     source_title=source_title, watcher_id=watcher_id)
        return outcome

    def record_in(
        self, cur: object, heuristic: Heuristic, *, source_ref: str, source_date: dt.date | None = None,
        source_title: str | None = None, watcher_id: str | None = None,
    ) -> RecordOutcome:
        """As :meth:`record`, inside the caller's transaction (``cur``)."""
        import sqlite3
        from typing import cast

        cur = cast(sqlite3.Cursor, cur)  # sqlite3's, or the PostgreSQL adapter's cursor shaped like it
        hid = heuristic.id
        date_text = source_date.isoformat() if source_date else (
            heuristic.source.date.isoformat() if heuristic.source.date else None)
        key = decision_key(heuristic)
        words = content_words(heuristic)
        index = self._similarity_index()
        if sql.sighting_exists(cur, hid, source_ref):
            latest = sql.latest_version(cur, hid)
            return RecordOutcome(id=hid, kind="already-recorded", version=latest[0] if latest else 1)
        latest = sql.latest_version(cur, hid)
        related: list[tuple[str, float]] = []
        vector: Any = None
        if latest is None:
            stored = heuristic.model_copy(update={"version": 1})
            sql.insert_heuristic(cur, hid, watcher_id=watcher_id, source_date=date_text)
            sql.insert_version(cur, hid, 1, key=key, data_json=stored.model_dump_json(), changed=[],
                               source_ref=source_ref, source_date=date_text)
            sql.insert_sighting(cur, hid, source_ref, version=1, kind="new", source_date=date_text,
                                source_title=source_title)
            outcome = RecordOutcome(id=hid, kind="new", version=1)
            vector = self._embed(heuristic)
            related = index.related(hid, words, vector, exclude=None, limit=RELATED_LIMIT)
        else:
            same = sql.version_with_key(cur, hid, key)
            if same is not None:
                sql.insert_sighting(cur, hid, source_ref, version=same, kind="reconfirmed", source_date=date_text,
                                    source_title=source_title)
                outcome = RecordOutcome(id=hid, kind="reconfirmed", version=same)
            else:
                number, data = latest
                previous = Heuristic.model_validate_json(data)
                version = number + 1
                changed = changed_fields(previous, heuristic)
                stored = heuristic.model_copy(update={"version": version})
                sql.insert_version(cur, hid, version, key=key, data_json=stored.model_dump_json(), changed=changed,
                                   source_ref=source_ref, source_date=date_text)
                sql.insert_sighting(cur, hid, source_ref, version=version, kind="new-version",
                                    source_date=date_text, source_title=source_title)
                outcome = RecordOutcome(id=hid, kind="new-version", version=version, changed_fields=changed)
        sql.refresh_state(cur, hid)
        for other, score in related:
            sql.insert_link(cur, hid, other, "related", score)
        outcome.related = related
        if outcome.kind != "reconfirmed":
            index.add(hid, words, vector if vector is not None else self._embed(heuristic))
        return outcome

    def merge(self, keep: str, absorb: str, *, why: str | None = None) -> StoredHeuristic:
        """Merge ``absorb`` into ``keep``: ``absorb`` is retired (kept, with merged_into), its statements
        count as confirmations of ``keep``, and the two are linked."""
        if keep == absorb:
            raise UsageError("cannot merge a heuristic into itself", fix="give two different ids")
        for hid in (keep, absorb):
            if sql.heuristic_row(self.db, hid) is None:
                raise UsageError(f"no heuristic '{hid}'", fix="see 'guancha heuristics list' for ids")
        keep_row = sql.heuristic_row(self.db, keep)
        if keep_row is not None and keep_row["status"] == HeuristicStatus.RETIRED.value:
            raise UsageError(f"'{keep}' is retired", fix=f"merge into an active heuristic, or swap: merge {absorb} {keep}")
        reason = why or f"merged into {keep}"
        with self.db.transaction() as cur:
            for s in sql.sighting_rows(self.db, absorb):
                if not sql.sighting_exists(cur, keep, s["source_ref"]):
                    current = sql.latest_version(cur, keep)
                    sql.insert_sighting(cur, keep, s["source_ref"], version=current[0] if current else 1,
                                        kind="reconfirmed", source_date=s["source_date"],
                                        source_title=s["source_title"])
            sql.insert_link(cur, keep, absorb, "merged", None)
            evidence_sql.record_status_change(cur, absorb, to_status=HeuristicStatus.RETIRED.value, reason=reason)
            sql.set_status(cur, absorb, HeuristicStatus.RETIRED.value, reason=reason, merged_into=keep)
            sql.add_event(cur, absorb, "merged", f"into {keep}: {reason}")
            sql.add_event(cur, keep, "absorbed", f"{absorb}: {reason}")
            sql.refresh_state(cur, keep)
        if self._index is not None:
            self._index.remove(absorb)
        stored = self.get(keep)
        assert stored is not None
        return stored

    def retire(self, heuristic_id: str, *, why: str) -> StoredHeuristic:
        if not why.strip():
            raise UsageError("retiring needs a reason", fix="pass --why 'what made it wrong or obsolete'")
        if sql.heuristic_row(self.db, heuristic_id) is None:
            raise UsageError(f"no heuristic '{heuristic_id}'", fix="see 'guancha heuristics list' for ids")
        with self.db.transaction() as cur:
            evidence_sql.record_status_change(cur, heuristic_id, to_status=HeuristicStatus.RETIRED.value, reason=why)
            sql.set_status(cur, heuristic_id, HeuristicStatus.RETIRED.value, reason=why)
            sql.add_event(cur, heuristic_id, "retired", why)
        if self._index is not None:
            self._index.remove(heuristic_id)
        stored = self.get(heuristic_id)
        assert stored is not None
        return stored

    def set_status(self, heuristic_id: str, status: HeuristicStatus, *, why: str) -> None:
        with self.db.transaction() as cur:
            sql.set_status(cur, heuristic_id, status.value)
            sql.add_event(cur, heuristic_id, status.value, why)

    def add_evidence(self, heuristic_id: str, *, kind: str, note: str, url: str | None = None) -> None:
        with self.db.transaction() as cur:
            sql.add_evidence(cur, heuristic_id, kind, note, url)

    # ------------------------------------------------------------------ reading

    def get(self, heuristic_id: str) -> StoredHeuristic | None:
        row = sql.heuristic_row(self.db, heuristic_id)
        if row is None:
            return None
        return _stored(row, sql.version_rows(self.db, heuristic_id), sql.link_rows(self.db, heuristic_id),
                       sql.evidence_rows(self.db, heuristic_id))

    def sightings(self, heuristic_id: str) -> list[dict[str, object]]:
        return [dict(r) for r in sql.sighting_rows(self.db, heuristic_id)]

    def events(self, heuristic_id: str) -> list[dict[str, object]]:
        return [dict(r) for r in sql.event_rows(self.db, heuristic_id)]

    def select(self, *, domain: str | None = None, status: str | None = None,
             watcher: str | None = None) -> list[StoredHeuristic]:
        """The chosen heuristics, each with its history, links and evidence: four queries in all, never four per
        heuristic (with a link query that read every link, listing 3,000 heuristics took minutes)."""
        rows = sql.heuristic_rows(self.db, status=status, watcher_id=watcher)
        if not rows:
            return []
        versions: dict[str, list[Any]] = {}
        for v in sql.all_version_rows(self.db):
            versions.setdefault(v["heuristic_id"], []).append(v)
        links: dict[str, list[Any]] = {}
        for link in sql.link_rows(self.db):
            links.setdefault(link["a"], []).append(link)
            if link["b"] != link["a"]:
                links.setdefault(link["b"], []).append(link)
        evidence: dict[str, list[Any]] = {}
        for e in sql.all_evidence_rows(self.db):
            evidence.setdefault(e["heuristic_id"], []).append(e)
        out: list[StoredHeuristic] = []
        for row in rows:
            hid = row["id"]
            stored = _stored(row, versions.get(hid, []), links.get(hid, []), evidence.get(hid, []))
            if domain and domain.lower() not in [d.lower() for d in stored.heuristic.domain]:
                continue
            out.append(stored)
        return out

    def search(self, text: str, *, domain: str | None = None, status: str | None = None,
               watcher: str | None = None) -> list[StoredHeuristic]:
        """Heuristics whose id, domain or any text field holds every word of ``text``."""
        words = [w for w in re.findall(r"\w+", text.lower()) if w]
        out = []
        for stored in self.select(domain=domain, status=status, watcher=watcher):
            h = stored.heuristic
            hay = " ".join([h.id, " ".join(h.domain), h.when, h.prefer, h.over, h.because, h.breaks_when]).lower()
            if all(w in hay for w in words):
                out.append(stored)
        return out

    def merge_candidates(self) -> list[tuple[str, str, float]]:
        """Related pairs of which neither is retired (statuses read once, not twice per pair)."""
        status = {row["id"]: row["status"] for row in sql.heuristic_rows(self.db)}
        retired = HeuristicStatus.RETIRED.value
        return [(r["a"], r["b"], float(r["similarity"] or 0)) for r in sql.link_rows(self.db, kind="related")
                if status.get(r["a"], retired) != retired and status.get(r["b"], retired) != retired]

    def diff(self, heuristic_id: str, old: int, new: int) -> list[FieldDiff]:
        """Field-by-field differences between two versions, each with a unified diff of the words."""
        stored = self.get(heuristic_id)
        if stored is None:
            raise UsageError(f"no heuristic '{heuristic_id}'", fix="see 'guancha heuristics list' for ids")
        by_version = {v.version: v.heuristic for v in stored.history}
        for number in (old, new):
            if number not in by_version:
                raise UsageError(f"'{heuristic_id}' has no version {number}",
                                 fix=f"versions are 1..{max(by_version)}")
        a, b = by_version[old], by_version[new]
        out = []
        for name in changed_fields(a, b):
            before = _field_text(a, name)
            after = _field_text(b, name)
            unified = "\n".join(difflib.unified_diff(_wrap(before), _wrap(after), f"v{old} {name}", f"v{new} {name}",
                                                     lineterm=""))
            out.append(FieldDiff(field=name, before=before, after=after, unified=unified))
        return out


def _stored(row: Any, versions: list[Any], links: list[Any], evidence: list[Any]) -> StoredHeuristic:
    """A heuristic from its row and its version, link and evidence rows (however they were fetched)."""
    heuristic_id = row["id"]
    history = [
        VersionRecord(version=v["version"], heuristic=Heuristic.model_validate_json(v["data_json"]),
                      recorded_at=v["recorded_at"], source_ref=v["source_ref"],
                      changed_fields=json.loads(v["changed_fields"]))
        for v in versions
    ]
    current = next(v.heuristic for v in history if v.version == row["current_version"])
    related = sorted({r["b"] if r["a"] == heuristic_id else r["a"] for r in links})
    return StoredHeuristic(
        heuristic=current, status=HeuristicStatus(row["status"]), watcher_id=row["watcher_id"],
        first_seen=row["first_seen"], last_confirmed=row["last_confirmed"],
        confirmations=row["confirmations"], history=history, related=related,
        evidence=[Evidence(kind=e["kind"], note=e["note"], url=e["url"], observed_at=e["observed_at"])
                  for e in evidence],
        retired_reason=row["retired_reason"], merged_into=row["merged_into"],
    )


def _field_text(h: Heuristic, name: str) -> str:
    value = getattr(h, name)
    if name == "domain":
        return ", ".join(value)
    if name == "confidence":
        return f"{value.level.value} ({value.original})"
    return str(value)


def _wrap(text: str) -> list[str]:
    return re.sub(r"([.;:])\s+", r"\1\n", text).split("\n")
