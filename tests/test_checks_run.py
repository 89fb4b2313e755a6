"""The checks inside runs: grounding over a real sample web, hold and approve, and the revision loop with
recorded model answers (pass first time, pass after one revision, never passes)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import guancha.check.loop as loop
from guancha.models import register_recorded, unregister_recorded
from guancha.review import review_run
from guancha.run import run_watcher
from guancha.sampleweb import serve
from guancha.store import runs as rstore
from guancha.workspace import Workspace, init_workspace, open_workspace
from tests.briefing_data import FEED, SPEC, china_ai_articles, insert
from tests.conftest import run_cli

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "guancha" / "samples" / "china-ai-2026-05-02"
DAY = dt.date(2026, 5, 2)


# --------------------------------------------------------------------------- the sample web: plant, hold, approve


@pytest.fixture
def sample_ws(tmp_path: Path) -> Iterator[tuple[Workspace, str]]:
    root = tmp_path / "ws"
    init_workspace(root)
    with serve(SAMPLE) as server:
        (root / "guancha.yaml").write_text((SAMPLE / "settings.yaml").read_text().replace("{base}", server.base))
        (root / "watchers" / "china-ai.yaml").write_text(
            (SAMPLE / "watcher.yaml").read_text().replace("{base}", server.base))
        yield open_workspace(root), server.base


def _first_story_paragraphs(markdown: str) -> list[int]:
    """Line indexes of the first story's paragraphs (between its heading and its Sources list)."""
    lines = markdown.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("## ") and "Table of Contents" not in ln)
    out = []
    for i in range(start + 1, len(lines)):
        if lines[i].startswith(("**Sources", "Sources:", "## ", "---")):
            break
        if lines[i].strip():
            out.append(i)
    return out


def test_planted_defects_in_a_sample_web_run_are_caught_held_and_approved(
    sample_ws: tuple[Workspace, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, base = sample_ws
    # the day before, a two-story report; today the remaining stories (selection skips used URLs)
    spec_path = ws.root / "watchers" / "china-ai.yaml"
    full_spec = spec_path.read_text(encoding="utf-8")
    spec_path.write_text(full_spec.replace("  stories: 6", "  stories: 2"), encoding="utf-8")
    day_before = run_watcher(ws, "china-ai", report_date=DAY - dt.timedelta(days=1))
    spec_path.write_text(full_spec, encoding="utf-8")
    assert day_before.status == "finalised", review_run(ws, day_before.run_id)["iterations"][-1]["findings"]
    yesterday_url = ws.db().one("SELECT url FROM articles a JOIN report_citations c ON c.article_id = a.id"
                                " WHERE c.report_id = ? AND c.section = 'story'", (day_before.run_id,))["url"]
    uncollected = f"{base}/dragonwire/2026/05/02/never-collected-exclusive.html"

    real_render = loop.render_draft
    planted_md: list[str] = []

    def planting_render(*args: Any, **kwargs: Any) -> Any:
        rendered = real_render(*args, **kwargs)
        lines = rendered.markdown.split("\n")
        paras = _first_story_paragraphs(rendered.markdown)
        cited = re.search(r"\]\((http[^)]+)\)", lines[paras[0]])
        assert cited, lines[paras[0]]
        lines[paras[0]] += f" Quarterly revenue jumped 73.4% to $9.9 billion ([Dragon Wire]({cited.group(1)}))."
        lines[paras[1]] += f" A rival account disagreed ([Wire]({uncollected}))."
        lines[paras[-1]] += f" The background was covered before ([Earlier]({yesterday_url}))."
        planted_md.append("\n".join(lines))
        html = rendered.html.replace("</body>", "<!-- SHIP_THRESHOLD: 91 --></body>")  # only in the HTML
        return rendered.model_copy(update={"markdown": "\n".join(lines), "html": html})

    monkeypatch.setattr(loop, "render_draft", planting_render)
    result = run_watcher(ws, "china-ai", report_date=DAY)
    assert result.status == "held"
    review = review_run(ws, result.run_id)
    errors = [f for it in review["iterations"] for f in it["findings"] if f["severity"] == "error"]
    by_rule = {f["rule"]: f for f in errors}
    assert "73.4%" in by_rule["grounding-number"]["message"] or "$9.9 billion" in by_rule["grounding-number"]["message"]
    assert by_rule["grounding-number"]["story"] == 1
    assert any(f["rule"] == "link-fabricated" and "never-collected" in f["message"] for f in errors)
    assert any(f["rule"] == "source-reuse" and yesterday_url[-30:] in f["message"] for f in errors), (planted_md[0], [f["message"] for f in errors])
    assert any(f["rule"] == "hygiene-config-comment" and f["message"].startswith("(HTML)") for f in errors)
    assert review["outcome"]["status"] == "held"
    # held: never finalised, never ledgered, never published
    db = ws.db()
    assert db.one("SELECT status FROM reports WHERE id = ?", (result.run_id,))["status"] == "held"
    assert db.one("SELECT COUNT(*) AS n FROM used_urls WHERE report_id = ?", (result.run_id,))["n"] == 0
    assert not (ws.reports_dir / "china-ai" / f"{DAY}.md").exists()

    status = run_cli("status", "--workspace", str(ws.root), "--json")
    assert status.returncode == 0, status.stderr
    held = json.loads(status.stdout)["held"]
    assert [h["run_id"] for h in held] == [result.run_id]
    shown = run_cli("review", result.run_id[:10], "--workspace", str(ws.root))
    assert shown.returncode == 0 and "grounding-number" in shown.stdout and "held" in shown.stdout

    refused = run_cli("approve", result.run_id[:10], "--why", "  ", "--workspace", str(ws.root))
    assert refused.returncode == 2
    approved = run_cli("approve", result.run_id[:10], "--why", "checked the three flagged sentences by hand",
                       "--by", "editor", "--workspace", str(ws.root), "--json")
    assert approved.returncode == 0, approved.stderr
    data = json.loads(approved.stdout)
    assert data["errors_overridden"] >= 3 and data["reason"].startswith("checked the three")
    db = open_workspace(ws.root).db()
    assert db.one("SELECT status FROM runs WHERE id = ?", (result.run_id,))["status"] == "finalised"
    assert db.one("SELECT COUNT(*) AS n FROM used_urls WHERE report_id = ?", (result.run_id,))["n"] > 0
    approval = db.one("SELECT * FROM approvals WHERE run_id = ?", (result.run_id,))
    assert approval["approved_by"] == "editor" and approval["approved_at"].endswith("Z")
    assert Path(data["paths"]["md"]).exists()
    again = run_cli("approve", result.run_id[:10], "--why", "twice", "--workspace", str(ws.root))
    assert again.returncode == 2 and "not held" in again.stderr


def test_run_checker_reads_the_stored_run(sample_ws: tuple[Workspace, str]) -> None:
    ws, _ = sample_ws
    result = run_watcher(ws, "china-ai", report_date=DAY)
    assert result.status == "finalised"
    out = run_cli("check", f"china-ai/{DAY}", "--workspace", str(ws.root), "--json")
    assert out.returncode == 0, out.stdout + out.stderr
    data = json.loads(out.stdout)
    assert data["errors"] == 0 and "finalised" in data["source"]


# --------------------------------------------------------------------------- the loop with recorded answers

_SOURCE_RE = re.compile(r"<<<SOURCE (S\d+)\n.*?\ntext:\n(.*?)\n>>>", re.S)


def _grounded_story(prompt: str, *, extra: str = "") -> dict[str, Any]:
    """A story made of the first sentences of each fenced source, each sentence cited: grounded by construction."""
    paragraphs = []
    sources = _SOURCE_RE.findall(prompt)
    for label, text in sources:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip())[:3] if "ignore previous" not in s.lower()]
        if sentences:
            cited = " ".join(s.rstrip(".") + f" [{label}]." for s in sentences)
            paragraphs.append({"text": cited, "citations": [label]})
    if extra and paragraphs:
        paragraphs[0]["text"] += " " + extra
    first = sources[0][1].split(".")[0]
    second = sources[-1][1].split(".")[0]
    return {"headline": first[:150], "subtitle": second[:130], "paragraphs": paragraphs[:4]}


def _judgement(score: int) -> dict[str, Any]:
    return {m: {"score": score, "reason": f"scored {score} on {m}"} for m in (
        "synthesis", "attribution", "headline_specificity", "signal_density", "cross_thread", "strategic_vision",
        "deep_stakes", "signal_to_noise", "timeliness")}


class Recorded:
    """Writer and judge answers, with a log of what was asked."""

    def __init__(self, judge_scores: list[int], *, plant_in_first_story: str = "") -> None:
        self.judge_scores = judge_scores
        self.plant = plant_in_first_story
        self.log: list[str] = []

    def writer(self, messages: list[Any], output_type: Any) -> Any:
        prompt = messages[-1].content
        name = output_type.__name__
        if name == "StoryOut":
            revising = prompt.startswith("Revise story")
            self.log.append("revise" if revising else "story")
            planted = self.plant if ("story 1 " in prompt and not revising) else ""
            story = _grounded_story(prompt, extra=planted)
            if revising:  # a different framing of the same grounded material each time
                n = self.log.count("revise")
                paras = story["paragraphs"]
                story["paragraphs"] = paras[n % len(paras):] + paras[: n % len(paras)]
                story["headline"] = f"{story['headline'][:120]} (take {n})"
            return story
        self.log.append(name)
        if name == "PapersOut":
            return {"papers": []}
        if name == "ImplicationsOut":
            return {"paragraphs": [{"text": "Chip supply and model releases now move together: DeepSeek's release "
                                            "and Huawei's forecast describe one domestic stack [S1].", "citations": []}]}
        return {"heuristics": []}

    def judge(self, messages: list[Any], output_type: Any) -> Any:
        assert output_type.__name__ == "RubricJudgement"
        n = sum(1 for x in self.log if x == "judge")
        self.log.append("judge")
        return _judgement(self.judge_scores[min(n, len(self.judge_scores) - 1)])


@pytest.fixture
def loop_ws(workspace: Path) -> Iterator[tuple[Workspace, str]]:
    name = f"judge-{workspace.parent.name[-12:]}"
    spec = SPEC.format(feed=FEED).replace("checks:\n", "checks:\n  ship_threshold: 63\n  max_iterations: 3\n")
    spec += f"models: {{judge: 'recorded:{name}'}}\n"
    (workspace / "watchers" / "china-ai.yaml").write_text(spec, encoding="utf-8")
    ws = open_workspace(workspace)
    insert(ws.db(), "china-ai", china_ai_articles())
    yield ws, name
    unregister_recorded(name)
    unregister_recorded(name + "-writer")


def _why(ws: Workspace, run_id: str) -> list[str]:
    """The kept iteration's error findings and outcome, for assertion messages."""
    review = review_run(ws, run_id)
    return [str(review["outcome"])] + [f"{it['iteration']} {f['rule']}: {f['message']}" for it in review["iterations"]
                                       for f in it["findings"] if f["severity"] == "error"]


def _run(ws: Workspace, name: str, rec: Recorded) -> Any:
    register_recorded(name, rec.judge)
    register_recorded(name + "-writer", rec.writer)
    return run_watcher(ws, "china-ai", report_date=DAY, collect=False, writer="llm", model=f"recorded:{name}-writer")


def test_loop_passes_first_time(loop_ws: tuple[Workspace, str]) -> None:
    ws, name = loop_ws
    rec = Recorded([9])
    result = _run(ws, name, rec)
    assert result.status == "finalised", _why(ws, result.run_id)
    review = review_run(ws, result.run_id)
    assert len(review["iterations"]) == 1 and review["iterations"][0]["action"] == "stop-passed"
    assert review["iterations"][0]["score"] == 81 and review["iterations"][0]["max_score"] == 90
    assert "revise" not in rec.log and rec.log.count("judge") == 1
    scores = review["iterations"][0]["scores"]
    assert len(scores) == 9 and all(s["score"] == 9 for s in scores)


def test_loop_passes_after_one_reframe(loop_ws: tuple[Workspace, str]) -> None:
    ws, name = loop_ws
    rec = Recorded([5, 8])
    result = _run(ws, name, rec)
    assert result.status == "finalised", _why(ws, result.run_id)
    its = review_run(ws, result.run_id)["iterations"]
    assert [it["action"] for it in its] == ["reframe", "stop-passed"]
    assert [it["score"] for it in its] == [45, 72]
    assert its[0]["revised_next"] and all(t.startswith(("story", "implications")) for t in its[0]["revised_next"])
    assert any("rewritten" in c for c in its[1]["changes_from_previous"])
    assert rec.log.count("revise") == sum(1 for t in its[0]["revised_next"] if t.startswith("story"))


def test_loop_revises_only_the_story_that_failed_a_gate(loop_ws: tuple[Workspace, str]) -> None:
    ws, name = loop_ws
    rec = Recorded([9], plant_in_first_story="Its share price then rose 97.5% in a day [S1].")
    result = _run(ws, name, rec)
    assert result.status == "finalised", _why(ws, result.run_id)
    its = review_run(ws, result.run_id)["iterations"]
    assert its[0]["action"] == "revise" and its[0]["revised_next"] == ["story 1"]
    assert any(f["rule"] == "grounding-number" and "97.5%" in f["message"] for f in its[0]["findings"])
    assert its[1]["errors"] == 0 and rec.log.count("revise") == 1
    md = rstore.get_report(ws.db(), result.run_id)["markdown"]
    assert "97.5%" not in md


def test_loop_that_never_passes_holds_the_best_version(loop_ws: tuple[Workspace, str]) -> None:
    ws, name = loop_ws
    rec = Recorded([4, 5, 3])
    result = _run(ws, name, rec)
    assert result.status == "held"
    review = review_run(ws, result.run_id)
    its = review["iterations"]
    assert len(its) == 3 and its[-1]["action"] == "stop-limit"
    assert review["outcome"]["best_iteration"] == 1  # the 5s beat the 4s and the 3s
    assert "below the ship threshold" in review["outcome"]["reason"]
    db = ws.db()
    assert db.one("SELECT COUNT(*) AS n FROM used_urls WHERE report_id = ?", (result.run_id,))["n"] == 0
    assert db.one("SELECT COUNT(*) AS n FROM rubric_scores WHERE run_id = ?", (result.run_id,))["n"] == 27
    # the same run asked again returns the held run; a person can release it
    assert run_watcher(ws, "china-ai", report_date=DAY, collect=False).status == "held"
    out = run_cli("approve", f"china-ai/{DAY}", "--why", "low rubric score accepted for a thin news day",
                  "--workspace", str(ws.root))
    assert out.returncode == 0, out.stderr
    assert db.one("SELECT status FROM runs WHERE id = ?", (result.run_id,))["status"] == "finalised"
