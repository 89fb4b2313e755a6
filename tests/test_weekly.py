"""The weekly synthesis over real dailies: the two-day city-transit sample web is run day by day (collect,
select, write, check, finalise), then ``guancha weekly`` threads the week's stories. The llm writer is
driven through the real OpenAI-compatible client against a scripted loopback server."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from guancha.schedule import iso_week, validate_cron
from guancha.spec import WatcherSpec
from guancha.weekly import weekly_briefing
from guancha.workspace import Workspace, open_workspace
from tests.conftest import run_cli
from tests.models_support import KEY_ENV, Reply, chat_body, loop_settings, scripted_server

SAMPLE = Path(__file__).parent / "samples" / "city-transit-2026-06-11"


@pytest.fixture(scope="module")
def transit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("weekly") / "ws"
    proc = run_cli("eval", str(SAMPLE), "--workspace", str(root), "--json", timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert [d["status"] for d in json.loads(proc.stdout)["days"]] == ["finalised", "finalised"]
    return root


def test_the_extractive_weekly_threads_the_follow_up_and_links_the_dailies(transit: Path, tmp_path: Path) -> None:
    proc = run_cli("weekly", "transit-watch", "--date", "2026-06-11", "--workspace", str(transit), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert (result["week"], result["status"], result["writer"], result["reused"]) == ("2026-W24", "finalised",
                                                                                     "extractive", False)
    assert result["dailies"] == ["2026-06-10", "2026-06-11"] and result["continued"] == 1
    db = open_workspace(transit).db()
    stories = sum(len(json.loads(r["json"])["stories"]) for r in db.query(
        "SELECT json FROM reports WHERE watcher_id = 'transit-watch' AND status = 'finalised'"))
    assert result["threads"] == stories - 1          # two stories of one thread, the rest one day each

    md_path = Path(result["paths"]["md"])
    assert md_path.parent == transit / "reports" / "transit-watch" / "weekly"
    md = md_path.read_text(encoding="utf-8")
    continued = md.split("## Threads that continued")[1].split("## One-day stories")[0]
    assert "- [2026-06-10](../2026-06-10.html)" in continued and "- [2026-06-11](../2026-06-11.html): Update:" in continued
    assert (md_path.parent / "../2026-06-10.html").resolve().is_file()   # the links lead to the dailies' files
    cited = {r["canonical_url"] for r in db.query("SELECT canonical_url FROM report_citations")}
    linked = set(re.findall(r"\]\((http[^)]+)\)", md))
    assert linked and linked <= cited                 # every source link is one a daily cited
    assert "quiet days: 2026-06-11" in md and "no daily report: 2026-06-08" in md
    html = Path(result["paths"]["html"]).read_text(encoding="utf-8")
    assert '<a href="../2026-06-11.html">2026-06-11</a>' in html

    again = run_cli("weekly", "transit-watch", "--week", "2026-w24", "--workspace", str(transit), "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["reused"] is True
    assert json.loads(again.stdout)["id"] == result["id"]
    assert db.one("SELECT COUNT(*) AS n FROM weekly_reports")["n"] == 1
    assert db.one("SELECT COUNT(*) AS n FROM reports WHERE report_date LIKE '%W%'")["n"] == 0   # apart from dailies

    # on the site: the watcher's page lists it, its page shows it, and its links to the dailies lead to their pages
    from guancha.publish.site import build_site

    site = tmp_path / "site"
    build_site(open_workspace(transit), site, search=False)
    page = (site / "transit-watch" / "weekly" / "2026-W24" / "index.html").read_text(encoding="utf-8")
    assert "Threads that continued" in page and "<script" not in page
    daily_links = set(re.findall(r'href="(\.\./\.\./2026-06-\d\d/)"', page))
    assert daily_links == {"../../2026-06-10/", "../../2026-06-11/"}
    assert all((site / "transit-watch" / "weekly" / "2026-W24" / link / "index.html").resolve().is_file()
               for link in daily_links)
    watcher_page = (site / "transit-watch" / "index.html").read_text(encoding="utf-8")
    assert 'href="../transit-watch/weekly/2026-W24/"' in watcher_page


def test_weekly_usage_errors_name_the_fix(transit: Path) -> None:
    empty = run_cli("weekly", "transit-watch", "--week", "2026-W30", "--workspace", str(transit))
    assert empty.returncode == 2 and "no finalised daily report in 2026-W30" in empty.stderr
    bad = run_cli("weekly", "transit-watch", "--week", "June", "--workspace", str(transit))
    assert bad.returncode == 2 and "2026-W18" in bad.stderr and "Traceback" not in bad.stderr
    both = run_cli("weekly", "transit-watch", "--week", "2026-W24", "--date", "2026-06-11", "--workspace", str(transit))
    assert both.returncode == 2
    assert iso_week(None, date=dt.date(2027, 1, 1)) == ("2026-W53", dt.date(2026, 12, 28))


def _with_model(ws: Workspace, base_url: str) -> Workspace:
    return dataclasses.replace(ws, settings=ws.settings.model_copy(update={"models": loop_settings(base_url).models}))


def test_the_llm_synthesis_cites_threads_only_and_narration_is_held(transit: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "test-key")
    answer = {"paragraphs": [{"text": "The strike ballot [T1] turned into dates within a day, see "
                                      "https://promo.invalid/deal for more; a thread [T99] that does not exist."}]}
    with scripted_server(Reply(body=chat_body(json.dumps(answer)))) as server:
        ws = _with_model(open_workspace(transit), server.base_url)
        # the module's workspace may already hold a weekly (tests share it, in any order across workers)
        before = ws.db().one("SELECT COALESCE(MAX(version), 0) AS v FROM weekly_reports WHERE week = '2026-W24'")
        result = weekly_briefing(ws, "transit-watch", week="2026-W24", writer="llm", model="loop:m1",
                                 new_version=True)
        prompt = server.requests[0]["json"]["messages"][-1]["content"]
    assert result.status == "finalised" and result.writer == "llm" and result.version == before["v"] + 1  # type: ignore[index]
    assert "[T1]" in prompt and "Update: Two-day train strike" in prompt
    md = Path(result.paths["md"]).read_text(encoding="utf-8")
    week = md.split("## The week")[1].split("##")[0]
    assert "The strike ballot ([2026-06-11](../2026-06-11.html)) turned into dates" in week
    assert "promo.invalid" not in md and "T99" not in md

    narration = {"paragraphs": [{"text": "Now I have enough material to write the weekly synthesis [T1]."}]}
    with scripted_server(Reply(body=chat_body(json.dumps(narration)))) as server:
        ws = _with_model(open_workspace(transit), server.base_url)
        held = weekly_briefing(ws, "transit-watch", week="2026-W24", writer="llm", model="loop:m1", new_version=True)
    assert held.status == "held" and any(f["rule"] == "hygiene-narration" for f in held.findings)
    assert Path(held.paths["md"]).parent == transit / ".guancha" / "drafts" / "transit-watch" / "weekly"
    assert not (transit / "reports" / "transit-watch" / "weekly" / "2026-W24.v3.md").exists()


def test_the_weekly_schedule_is_a_validated_cron_line() -> None:
    spec = WatcherSpec.model_validate({"id": "w", "title": "W", "sources": [{"feed": "https://a.example/f"}],
                                       "weekly": "0  7 * * 1"})
    assert spec.weekly == validate_cron("0 7 * * 1") == "0 7 * * 1"
    with pytest.raises(ValueError, match="cron line"):
        WatcherSpec.model_validate({"id": "w", "title": "W", "sources": [{"feed": "https://a.example/f"}],
                                    "weekly": "every monday"})
