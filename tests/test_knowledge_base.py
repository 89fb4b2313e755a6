"""Knowledge-base behaviour on a real SQLite file: reconfirmations, versions with diffs, related links,
merge and retire, and nothing overwritten or lost."""

from __future__ import annotations

import datetime as dt

import pytest

from guancha.errors import UsageError
from guancha.knowledge.kb import KnowledgeBase
from guancha.knowledge.schema import Heuristic, HeuristicStatus
from guancha.store import Database


def rule(hid: str = "berth-pairing", **over: object) -> Heuristic:
    data: dict[str, object] = {
        "id": hid, "domain": ["ports", "robotics"],
        "when": "some berths of a port run learned crane controllers and others do not",
        "prefer": "comparing automated and manual berths within the same month",
        "over": "comparing the whole port against the same month last year",
        "because": "weather and ship mix vary month to month and pairing removes both effects",
        "breaks_when": "automated berths are assigned systematically larger ships",
        "confidence": "medium", "source": {"report": "Harbor — 2026-04-11", "date": "2026-04-11"},
    }
    data.update(over)
    return Heuristic.model_validate(data)


@pytest.fixture
def kb(backend_target: str) -> KnowledgeBase:
    """A knowledge base on each backend (SQLite, then PostgreSQL: tests/pg_support.py)."""
    return KnowledgeBase(Database(backend_target))


def test_same_content_is_a_reconfirmation_and_a_repeat_changes_nothing(kb: KnowledgeBase) -> None:
    first = kb.record(rule(), source_ref="r1", source_date=dt.date(2026, 4, 11))
    again = kb.record(rule(source={"report": "Harbor — 2026-04-14"}), source_ref="r2",
                      source_date=dt.date(2026, 4, 14))
    repeat = kb.record(rule(), source_ref="r2", source_date=dt.date(2026, 4, 14))
    assert (first.kind, again.kind, repeat.kind) == ("new", "reconfirmed", "already-recorded")
    stored = kb.get("berth-pairing")
    assert stored is not None
    assert stored.confirmations == 1 and stored.version == 1 and len(stored.history) == 1
    assert stored.first_seen == dt.date(2026, 4, 11) and stored.last_confirmed == dt.date(2026, 4, 14)
    assert [s["kind"] for s in kb.sightings("berth-pairing")] == ["new", "reconfirmed"]


def test_changed_content_is_a_new_version_with_history_and_diff(kb: KnowledgeBase) -> None:
    kb.record(rule(), source_ref="r1", source_date=dt.date(2026, 4, 11))
    changed = rule(over="trusting the port's own annual report", confidence="0.9")
    outcome = kb.record(changed, source_ref="r2", source_date=dt.date(2026, 4, 20))
    assert outcome.kind == "new-version" and outcome.version == 2
    assert outcome.changed_fields == ["over", "confidence"]
    stored = kb.get("berth-pairing")
    assert stored is not None and stored.version == 2
    assert [v.version for v in stored.history] == [1, 2]
    assert stored.history[0].heuristic.over.startswith("comparing the whole port")  # old content kept
    diffs = {d.field: d for d in kb.diff("berth-pairing", 1, 2)}
    assert set(diffs) == {"over", "confidence"}
    assert "+trusting the port's own annual report" in diffs["over"].unified
    # restating version 1 later is a reconfirmation of version 1, not a third version
    back = kb.record(rule(), source_ref="r3", source_date=dt.date(2026, 4, 25))
    assert back.kind == "reconfirmed" and back.version == 1
    assert kb.get("berth-pairing").version == 2  # type: ignore[union-attr]


def test_near_duplicate_under_another_id_is_linked_and_reported(kb: KnowledgeBase) -> None:
    kb.record(rule(), source_ref="r1")
    kb.record(rule("unrelated-rule", when="satellites downlink imagery over polar ground stations",
                   prefer="scheduling passes by cloud forecast", over="fixed pass schedules",
                   because="cloudy passes waste downlink", breaks_when="optical links replace radio"),
              source_ref="r1")
    outcome = kb.record(rule("paired-berth-comparison", prefer="comparing automated and manual berths in the same"
                             " month of operation"), source_ref="r2")
    assert outcome.kind == "new"
    assert [hid for hid, _ in outcome.related] == ["berth-pairing"]
    assert kb.merge_candidates()[0][:2] == ("berth-pairing", "paired-berth-comparison")
    stored = kb.get("berth-pairing")
    assert stored is not None and stored.related == ["paired-berth-comparison"]


def test_merge_and_retire_keep_everything(kb: KnowledgeBase) -> None:
    kb.record(rule(), source_ref="r1", source_date=dt.date(2026, 4, 11))
    kb.record(rule("paired-berth-comparison"), source_ref="r2", source_date=dt.date(2026, 4, 12))
    merged = kb.merge("berth-pairing", "paired-berth-comparison", why="same rule, two names")
    assert merged.confirmations == 1 and merged.last_confirmed == dt.date(2026, 4, 12)
    absorbed = kb.get("paired-berth-comparison")
    assert absorbed is not None and absorbed.status is HeuristicStatus.RETIRED
    assert absorbed.merged_into == "berth-pairing" and len(absorbed.history) == 1
    assert kb.merge_candidates() == []
    retired = kb.retire("berth-pairing", why="ports stopped publishing berth data")
    assert retired.status is HeuristicStatus.RETIRED and retired.retired_reason == "ports stopped publishing berth data"
    assert [e["event"] for e in kb.events("berth-pairing")] == ["absorbed", "retired"]
    assert kb.select(status="active") == [] and len(kb.select()) == 2
    with pytest.raises(UsageError):
        kb.retire("no-such-rule", why="x")
    with pytest.raises(UsageError):
        kb.merge("berth-pairing", "berth-pairing")


def test_list_filters_and_search(kb: KnowledgeBase) -> None:
    kb.record(rule(), source_ref="r1", watcher_id="harbor")
    kb.record(rule("orbit-rule", domain=["orbital"], when="relay latency drops"), source_ref="r1", watcher_id="orbit")
    assert [s.id for s in kb.select(domain="orbital")] == ["orbit-rule"]
    assert [s.id for s in kb.select(watcher="harbor")] == ["berth-pairing"]
    assert [s.id for s in kb.search("relay LATENCY")] == ["orbit-rule"]
    assert kb.search("relay ports cranes") == []
