"""The store on both backends: every test here runs against a real SQLite file and a real PostgreSQL
database (the throwaway server of tests/pg_support.py), through the same store functions."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from collections.abc import Iterator

import pytest

from guancha.errors import StoreError
from guancha.store import Database
from guancha.store import checks as checks_sql
from guancha.store import collect as collect_sql
from guancha.store import deliveries as deliveries_sql
from guancha.store import model_calls as calls_sql
from guancha.store import runs as runs_sql
from guancha.store.db import content_key, migrations


@pytest.fixture
def db(backend_target: str) -> Iterator[Database]:
    database = Database(backend_target)
    yield database
    database.close()


def _run(db: Database, version: int = 1) -> runs_sql.RunRow:
    collect_sql.upsert_watcher(db, "w", "Watcher", None, "h")
    return runs_sql.create_run(db, watcher_id="w", report_date="2026-05-02", version=version,
                               as_of="2026-05-02T23:59:59Z", writer="extractive", model=None, spec_hash="h")


def test_migrations_record_the_same_checksums_and_stay_append_only(backend_target: str) -> None:
    db = Database(backend_target)
    expected = [(n, content_key(sql, length=16)) for n, _, sql in migrations()]
    recorded = [(int(r["version"]), r["checksum"])
                for r in db.query("SELECT version, checksum FROM schema_migrations ORDER BY version")]
    assert recorded == expected
    assert db.schema_version() == expected[-1][0]
    db.close()
    again = Database(backend_target)
    assert again.migrate() == []
    again.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
    again.close()
    with pytest.raises(StoreError, match="changed after it was applied"):
        Database(backend_target)


def test_values_round_trip_unchanged(db: Database) -> None:
    """Blobs (every byte value), unicode beyond the BMP, NULLs, 64-bit integers and doubles come back as
    they went in, with SQLite's Python types."""
    data = bytes(range(256)) * 3
    key = collect_sql.put_blob(db, data, None)
    assert collect_sql.get_blob(db, key) is not None
    raw = db.one("SELECT data, content_type, size FROM blobs WHERE hash = ?", (key,))
    assert raw is not None and raw["content_type"] is None and raw["size"] == len(data)
    text = "中国 AI — Ωμέγα 🇨🇳 عربى naïve 'quoted' 100% ?"
    big = 2**53 + 1
    call_id = calls_sql.record_call(db, calls_sql.CallRecord(model="m:x", provider="m", stage=text, tokens_in=big,
                                                             cost_usd=0.1 + 0.2, cached=True, error=None))
    row = db.one("SELECT * FROM model_calls WHERE id = ?", (call_id,))
    assert row is not None
    assert row["stage"] == text and row["tokens_in"] == big and row["cost_usd"] == 0.1 + 0.2
    assert row["cached"] == 1 and type(row["cached"]) is int and row["error"] is None and row["run_id"] is None
    columns = row.keys()
    assert row[0] == call_id and dict(row)["model"] == "m:x" and "rowid" not in columns


def test_lastrowid_counts_and_sums_have_sqlite_types(db: Database) -> None:
    ids = [calls_sql.record_call(db, calls_sql.CallRecord(model="a:b", provider="a", tokens_in=10 * i,
                                                          latency_ms=1500, cost_usd=None if i == 2 else 0.25))
           for i in range(1, 4)]
    assert ids == sorted(ids) and len(set(ids)) == 3 and ids[0] > 0
    total, groups = calls_sql.cost_summary(db, by="model")
    assert (total.calls, total.tokens_in, total.cost_usd, total.latency_s) == (3, 60, 0.5, 4.5)
    assert [g.key for g in groups] == ["a:b"]
    row = db.one("SELECT SUM(tokens_in) AS s, AVG(tokens_in) AS a, COUNT(*) AS n FROM model_calls")
    assert row is not None
    assert (row["s"], row["a"], row["n"]) == (60, 20.0, 3)
    assert type(row["s"]) is int and type(row["a"]) is float


def test_runs_stages_reports_and_citations(db: Database) -> None:
    run = _run(db)
    assert runs_sql.latest_run(db, "w", "2026-05-02") == run
    runs_sql.save_stage(db, run.id, "select", {"stories": ["ü"]}, started_at="2026-05-02T00:00:00Z", elapsed_ms=5)
    runs_sql.save_stage(db, run.id, "write", {"n": 1}, started_at="2026-05-02T00:00:01Z", elapsed_ms=5)
    runs_sql.save_stage(db, run.id, "select", {"stories": ["again"]}, started_at="2026-05-02T00:00:00Z", elapsed_ms=5)
    assert runs_sql.load_stage(db, run.id, "select") == {"stories": ["again"]}
    assert list(runs_sql.stage_timings(db, run.id)) == ["select", "write"]
    runs_sql.save_item(db, run.id, "write", "story-1", {"k": 1}, elapsed_ms=3)
    runs_sql.save_item(db, run.id, "write", "story-1", {"k": 2}, elapsed_ms=3)  # first one kept
    assert runs_sql.load_items(db, run.id, "write") == {"story-1": {"k": 1}}
    labels = ["S3", "S1", "S2"]  # insertion order, not label order, is what citations come back in
    cites = [runs_sql.CitationRow(label, f"a{label}", f"https://x.example/{label}", "story", i)
             for i, label in enumerate(labels)]
    runs_sql.save_report(db, run=run, title="T", markdown="# T", html="<p>T</p>", json_text="{}", citations=cites)
    assert [c.label for c in runs_sql.report_citations(db, run.id)] == labels
    report = runs_sql.get_report(db, run.id)
    assert report is not None and report["status"] == "drafted" and report["markdown"] == "# T"
    assert [r["id"] for r in checks_sql.find_run(db, run.id[:6].upper())] == [run.id]  # LIKE ignores ASCII case


def test_check_iterations_findings_and_scores_keep_their_order(db: Database) -> None:
    run = _run(db)
    findings = [checks_sql.FindingRow(rule=f"r{i}", severity="error" if i == 1 else "warning", section="story",
                                      story=i, line=None, message=f"m{i}") for i in (2, 1, 3)]
    scores = [checks_sql.ScoreRow(metric=m, score=s, weight=1.5, reason="why", judge="j:x")
              for m, s in (("zeta", 7), ("alpha", 9))]
    for _ in range(2):  # a resumed run checks the same iteration again: replaced, not doubled
        checks_sql.save_iteration(db, run_id=run.id, iteration=0, findings=findings, scores=scores, score=16.0,
                                  max_score=20.0, threshold=14.0, passed=False, action="revise", targets=["story 1"],
                                  changes=[], markdown="# T", draft_json=None)
    assert [f.rule for f in checks_sql.findings(db, run.id, 0)] == ["r2", "r1", "r3"]
    assert [s.metric for s in checks_sql.scores(db, run.id, 0)] == ["zeta", "alpha"]
    [it] = checks_sql.iterations(db, run.id)
    assert (it.errors, it.warnings, it.passed, it.score) == (1, 2, False, 16.0)
    checks_sql.set_outcome(db, run_id=run.id, status="held", best_iteration=0, reason="gate")
    checks_sql.add_approval(db, run.id, reason="checked by hand", approved_by="ed", errors=1)
    assert [a["reason"] for a in checks_sql.approvals(db, run.id)] == ["checked by hand"]


def test_deliveries_plan_once_and_claim_once(db: Database, backend_target: str) -> None:
    run = _run(db)
    runs_sql.save_report(db, run=run, title="T", markdown="m", html="h", json_text="{}", citations=[])
    sub, _token = deliveries_sql.add_subscriber(db, "w", "Reader@Example.ORG")
    planned = [deliveries_sql.Planned(recipient=sub.id, label="r***@example.org", message_id="<1@x>")]
    assert deliveries_sql.plan(db, report_id=run.id, watcher_id="w", channel="email", planned=planned) == 1
    assert deliveries_sql.plan(db, report_id=run.id, watcher_id="w", channel="email", planned=planned) == 0
    [d] = deliveries_sql.open_deliveries(db, report_ids=[run.id])
    wins: list[bool] = []

    def claim_as(n: int) -> None:  # one connection each, as separate workers have
        with Database(backend_target) as own:
            wins.append(deliveries_sql.claim(own, d, claimer=f"p{n}"))

    threads = [threading.Thread(target=claim_as, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False, False, False, True]
    [claimed] = deliveries_sql.deliveries_for(db, run.id)
    assert claimed.state == "sending" and claimed.claimed_by is not None
    deliveries_sql.mark_sent(db, claimed, claimer=claimed.claimed_by)
    [sent] = deliveries_sql.deliveries_for(db, run.id)
    assert sent.state == "sent" and sent.sent_at is not None
    assert deliveries_sql.state_counts(db)["sent"] == 1
    assert [s.address for s in deliveries_sql.subscribers(db, "w")] == [sub.address]


def test_collection_articles_group_their_sources(db: Database) -> None:
    collect_sql.upsert_watcher(db, "w", "Watcher", "w.yaml", "h")
    collect_sql.upsert_watcher(db, "w", "Watcher 2", None, "h2")  # keeps the known spec path
    watcher = db.one("SELECT title, spec_path FROM watchers WHERE id = 'w'")
    assert watcher is not None and (watcher["title"], watcher["spec_path"]) == ("Watcher 2", "w.yaml")
    sources = [collect_sql.upsert_source(db, "w", "feed", f"https://f{i}.example/rss", None) for i in range(2)]
    collect_sql.start_collection(db, "c1", "w", "2026-05-02T00:00:00Z", 36)
    dates = {"a1": "2026-05-01T10:00:00Z", "a2": None, "a3": "2026-05-02T10:00:00Z"}
    with db.transaction() as cur:
        for aid, published in dates.items():
            collect_sql.insert_article(cur, collect_sql.ArticleRow(
                id=aid, canonical_url=f"https://x.example/{aid}", url=f"https://x.example/{aid}", kind="article",
                title=f"Title {aid} ✓", author=None, outlet=None, published_at=published,
                published_precision="second" if published else None, published_via="feed" if published else "none",
                text="body", summary=None, text_via="feed-summary", language=None, raw_hash=None, content_hash=aid,
                encoding_declared=None, encoding_used=None, text_repairs=[], truncated=False, meta={},
                source_id=sources[0], first_collection_id="c1"))
            for sid in sources if aid == "a1" else sources[:1]:
                collect_sql.upsert_sighting(cur, "w", aid, sid, "c1", 1 if published else None)
    rows = collect_sql.collection_articles(db, "c1")
    assert [r["id"] for r in rows] == ["a3", "a1", "a2"]  # dated newest first, undated last
    assert sorted(rows[1]["source_ids"].split(",")) == sorted(sources)
    assert rows[2]["in_window"] is None and rows[0]["title"] == "Title a3 ✓"


def test_the_latest_collection_is_the_last_started_even_within_one_second(db: Database) -> None:
    """Times are stored to the second: two collections that start and finish in one second were told apart by their
    random ids, so "the latest" was the first one half of the time (a flaky collection test showed it)."""
    collect_sql.upsert_watcher(db, "w", "Watcher", "w.yaml", "h")
    for cid in ("ffff", "0000"):   # the second one's id sorts first
        collect_sql.start_collection(db, cid, "w", "2026-05-02T00:00:00Z", 36)
        db.execute("UPDATE collections SET started_at = '2026-05-02T08:00:00Z', finished_at = '2026-05-02T08:00:00Z', "
                   "status = 'done' WHERE id = ?", (cid,))
    assert collect_sql.latest_collection(db, "w") == "0000"


def test_a_failed_transaction_leaves_nothing_and_errors_are_typed(db: Database) -> None:
    collect_sql.upsert_watcher(db, "w", "Watcher", None, "h")
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as cur:
        cur.execute("INSERT INTO watchers(id, title, spec_hash, created_at, updated_at) VALUES ('v', 't', 'h', 'x', 'x')")
        cur.execute("INSERT INTO watchers(id, title, spec_hash, created_at, updated_at) VALUES ('w', 't', 'h', 'x', 'x')")
    assert db.one("SELECT COUNT(*) AS n FROM watchers")["n"] == 1  # type: ignore[index]
    with pytest.raises(sqlite3.IntegrityError):  # a foreign key is enforced on both
        db.execute("INSERT INTO sources(id, watcher_id, kind, target, created_at) VALUES ('s', 'nobody', 'feed', 't', 'x')")
    with pytest.raises(sqlite3.OperationalError):
        db.query("SELECT * FROM no_such_table")
    assert db.query("SELECT id FROM watchers WHERE title LIKE ?", ("wat%",))[0]["id"] == "w"
    assert json.loads(json.dumps([tuple(r) for r in db.query("SELECT id, title FROM watchers")])) == [["w", "Watcher"]]


def test_a_call_answered_is_ledgered_and_cached_together_or_not_at_all(db: Database) -> None:
    """record_answer: the ledger row and the cached answer in one transaction (a worker killed between them
    would otherwise leave a paid call whose answer a resumed run cannot find, and it would pay again)."""
    rec = calls_sql.CallRecord(model="loop:m1", provider="loop", cache_key="k1", tokens_in=5, cost_usd=0.01)
    answer = calls_sql.CachedResponse(text="{}", output_json="{}", tokens_in=5, tokens_out=2, tokens_cached=0,
                                      cost_usd=0.01)
    assert calls_sql.record_answer(db, rec, "k1", answer) > 0
    assert calls_sql.cache_get(db, "k1") == answer
    # the cache write fails (model_cache.text is NOT NULL): the ledger row goes with it
    with pytest.raises(sqlite3.IntegrityError):
        calls_sql.record_answer(db, rec, "k2", dataclasses.replace(answer, text=None))  # type: ignore[arg-type]
    assert [r["cache_key"] for r in db.query("SELECT cache_key FROM model_calls ORDER BY id")] == ["k1"]
    assert calls_sql.cache_get(db, "k2") is None


def test_a_write_batch_keeps_whole_units_and_commits_them_together(db: Database, backend_target: str) -> None:
    """A collection's writes: each unit is all or nothing (a failing one is undone alone, the batch goes on),
    other connections see the units once committed, and leaving the block commits what was written whole."""
    collect_sql.upsert_watcher(db, "w", "Watcher", None, "h")
    other = Database(backend_target)
    try:
        def labels() -> list[str]:
            return [r["label"] for r in other.query("SELECT label FROM sources ORDER BY label")]

        def source(cur: sqlite3.Cursor, i: int) -> None:
            cur.execute("INSERT INTO sources(id, watcher_id, kind, target, label, created_at) VALUES (?, 'w', 'page', ?, ?, 'x')",
                        (f"s{i}", f"https://x.example/{i}", f"unit {i}"))

        with pytest.raises(RuntimeError), db.batch() as batch:
            with batch.unit() as cur:
                source(cur, 1)
            with pytest.raises(sqlite3.IntegrityError), batch.unit() as cur:
                source(cur, 2)
                cur.execute("INSERT INTO sources(id, watcher_id, kind, target, created_at) VALUES ('s9', 'nobody', 'feed', 't', 'x')")
            with pytest.raises(StoreError, match="inside an open write batch"), db.transaction():
                pass
            assert batch.pending == 1 and labels() == []  # not committed yet: no other connection sees it
            assert db.one("SELECT COUNT(*) AS n FROM sources")["n"] == 1  # type: ignore[index]  # its own does
            batch.commit()
            assert labels() == ["unit 1"] and batch.pending == 0
            with batch.unit() as cur:
                source(cur, 3)
            with batch.unit() as cur:
                source(cur, 4)
            raise RuntimeError("the collection stops here")
        assert labels() == ["unit 1", "unit 3", "unit 4"]  # whole units written before the stop are kept
        with db.transaction() as cur:  # the batch is closed: plain transactions work again
            source(cur, 5)
        assert labels()[-1] == "unit 5"
    finally:
        other.close()


def test_text_orders_by_code_point_on_both(db: Database) -> None:
    collect_sql.upsert_watcher(db, "w", "Watcher", None, "h")
    words = ["b", "B", "a", "É", "e", "z", "中", "ä", "_x", "1"]
    for i, word in enumerate(words):
        collect_sql.upsert_source(db, "w", "page", f"https://x.example/{i}", word)
    got = [r["label"] for r in db.query("SELECT label FROM sources ORDER BY label")]
    assert got == sorted(words)


def test_nulls_sort_where_sqlite_puts_them(db: Database) -> None:
    collect_sql.upsert_watcher(db, "w", "Watcher", None, "h")
    for i, label in enumerate(["m", None, "a", None, "z"]):
        collect_sql.upsert_source(db, "w", "page", f"https://x.example/{i}", label)
    up = [r["label"] for r in db.query("SELECT label FROM sources ORDER BY label, id")]
    down = [r["label"] for r in db.query("SELECT label FROM sources ORDER BY label DESC LIMIT ?", (5,))]
    assert up == [None, None, "a", "m", "z"]
    assert down == ["z", "m", "a", None, None]


def test_the_postgresql_translation_of_queries_and_migrations() -> None:
    """The adapter's rewrites, as text: placeholders outside strings only, literal percent signs kept."""
    from guancha.store.pg import ddl, identity_tables, translate

    assert {"model_calls", "fetches", "approvals"} <= identity_tables(sql for _, _, sql in migrations())
    assert "runs" not in identity_tables(sql for _, _, sql in migrations())

    query, returning = translate("SELECT '?' AS q, x FROM t WHERE a LIKE ? AND b = :name AND c = '100%' ORDER BY x")
    assert query == ("SELECT '?' AS q, x FROM t WHERE a ILIKE %s AND b = %(name)s AND c = '100%%'"
                     " ORDER BY x NULLS FIRST")
    assert not returning
    insert, returning = translate("INSERT OR IGNORE INTO model_calls (model) VALUES (?)", frozenset({"model_calls"}))
    assert insert == "INSERT INTO model_calls (model) VALUES (%s) ON CONFLICT DO NOTHING RETURNING id" and returning
    grouped, _ = translate("SELECT GROUP_CONCAT(s.source_id) AS ids, json_array_length(json, '$.stories') AS n FROM s")
    assert grouped == ("SELECT string_agg(CAST(s.source_id AS TEXT), ',') AS ids,"
                       " json_array_length(CAST(json AS json) -> 'stories') AS n FROM s")
    table = ddl("CREATE TABLE x (\n id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL, -- a TEXT note\n"
                " w REAL, b BLOB, k TEXT CHECK (k IN ('INTEGER')) REFERENCES y(id)\n)")
    assert table == ('CREATE TABLE x (\n id BIGSERIAL PRIMARY KEY, text TEXT COLLATE "C" NOT NULL, \n'
                     ' w DOUBLE PRECISION, b BYTEA, k TEXT COLLATE "C" CHECK (k IN (\'INTEGER\'))'
                     ' REFERENCES y(id) DEFERRABLE INITIALLY IMMEDIATE,\n    rowid BIGSERIAL\n)')
    assert ddl("CREATE INDEX i ON x(k)") == "CREATE INDEX i ON x(k)"
