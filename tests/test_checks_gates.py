"""The deterministic gates on planted-defect briefings written for the project, plus the text helpers
the rules rest on (figures, quotes, URLs, narration) and the ``guancha check`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guancha.check import RULES, check_view
from guancha.check.gates.hygiene import narration_reason
from guancha.check.text import (
    extract_figures,
    fabricated_reason,
    figures_needing_support,
    placeholder_reason,
    quote_found,
    quoted_spans,
    split_sentences,
)
from guancha.check.view import load_view
from guancha.collect.urls import page_key
from guancha.errors import ConfigError
from guancha.spec import CheckSettings, load_watcher
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "briefings"
DEFECTS = sorted(FIXTURES.glob("defect-*.md"))
ISSUE_RULES = {
    "title-format", "headline-format", "toc-match", "story-count", "story-words", "citations-per-story",
    "link-placeholder", "link-fabricated", "source-reuse", "source-freshness", "grounding-number", "grounding-quote",
    "section-papers", "paper-freshness", "section-implications", "heuristics-yaml", "heuristics-fields",
    "heuristics-confidence", "hygiene-narration", "hygiene-tool-output", "hygiene-config-comment",
    "hygiene-self-score", "encoding-mojibake", "style-banned", "repetition", "duplicate-paragraph",
    "templated-stories",
}


def test_every_rule_of_the_issue_is_registered() -> None:
    # grounding-citation / grounding-freshness report as link-fabricated / source-freshness inside a run
    assert set(RULES) >= ISSUE_RULES


def test_clean_briefing_has_no_findings_at_all() -> None:
    result = check_view(load_view(FIXTURES / "clean.md"))
    assert result.findings == [], [f"{f.rule}: {f.message}" for f in result.findings]


def test_there_is_a_planted_defect_for_every_standalone_rule() -> None:
    planted = {p.stem.removeprefix("defect-") for p in DEFECTS}
    run_only = {"grounding-number", "grounding-quote"}  # need a run's sources: tested in test_checks_run.py
    assert planted == ISSUE_RULES - run_only


@pytest.mark.parametrize("path", DEFECTS, ids=[p.stem for p in DEFECTS])
def test_each_planted_defect_is_flagged_by_its_rule(path: Path) -> None:
    rule = path.stem.removeprefix("defect-")
    result = check_view(load_view(path))
    hits = [f for f in result.findings if f.rule == rule]
    assert hits, f"{rule} not flagged; got {sorted(result.by_rule())}"
    for f in hits:
        assert f.message and f.location.section
    # the finding points into the right part of the report
    if rule in {"hygiene-narration", "style-banned", "repetition", "citations-per-story", "story-words",
                "templated-stories", "duplicate-paragraph", "encoding-mojibake", "link-placeholder"}:
        assert any(f.location.story is not None for f in hits)


def test_errors_block_and_warnings_do_not() -> None:
    narration = check_view(load_view(FIXTURES / "defect-hygiene-narration.md"))
    assert not narration.passed and narration.errors[0].rule == "hygiene-narration"
    hype = check_view(load_view(FIXTURES / "defect-style-banned.md"))
    assert hype.passed and [f.severity for f in hype.findings] == ["warning"]


def test_spec_thresholds_and_severity_overrides_apply(tmp_path: Path) -> None:
    view = load_view(FIXTURES / "clean.md")
    from guancha.spec import ReportShape

    strict = check_view(view, shape=ReportShape(stories=4))
    assert any(f.rule == "story-count" and f.severity == "error" for f in strict.findings)
    banned = check_view(view, checks=CheckSettings(forbidden_names=["Fenwick"]))
    assert any(f.rule == "style-banned" and f.severity == "error" and "Fenwick" in f.message for f in banned.findings)
    escalated = check_view(load_view(FIXTURES / "defect-style-banned.md"), checks=CheckSettings(errors=["style-banned"]))
    assert not escalated.passed
    silenced = check_view(load_view(FIXTURES / "defect-hygiene-narration.md"),
                          checks=CheckSettings(disabled=["hygiene-narration"]))
    assert silenced.passed


def test_an_unreachable_ship_threshold_is_a_spec_error(tmp_path: Path) -> None:
    spec = tmp_path / "w.yaml"
    spec.write_text(
        "id: w\ntitle: W\nsources:\n  - feed: https://feeds.example.org/a.xml\n"
        "checks:\n  ship_threshold: 91\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_watcher(spec)
    assert "ship_threshold 91" in str(info.value) and "highest possible score 90" in str(info.value)
    assert info.value.line == 6  # the ship_threshold line itself, not its parent 'checks:'
    # doubling one metric's weight raises the maximum to 100, so 91 becomes reachable
    spec.write_text(spec.read_text().replace("checks:\n", "checks:\n  rubric_weights: {synthesis: 2}\n"))
    checks = load_watcher(spec).checks
    assert checks.max_score == 100 and checks.ship_threshold == 91


def test_source_reuse_against_earlier_reports_even_in_a_follow_up() -> None:
    """A follow-up links the earlier report and cites only new sources: re-citing an earlier source is reuse."""
    view = load_view(FIXTURES / "clean.md")
    used = {page_key("https://www.ercot.com/news/releases/battery-discharge-record-april-29"): "the report of 2026-05-01"}
    result = check_view(view, earlier_urls=used)
    hits = [f for f in result.findings if f.rule == "source-reuse"]
    assert hits and hits[0].severity == "error" and hits[0].location.story == 2
    view.stories[1].follow_up = True
    hits = [f for f in check_view(view, earlier_urls=used).findings if f.rule == "source-reuse"]
    assert hits and hits[0].severity == "error" and "cites only new sources" in hits[0].message


def test_a_follow_up_line_links_the_earlier_report_and_is_no_source() -> None:
    """The line under a follow-up's heading points at the earlier report's page: not a placeholder link, not a
    citation, not reuse; the same line pointing anywhere else relative is still a bad link."""
    text = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    second = text.index("\n## ", text.index("\n## ", text.index("## Table of Contents") + 5) + 1)
    heading_end = text.index("\n", second + 1)
    line = "\n\nFollow-up to [the report of May 1, 2026](../2026-05-01/)."
    view = load_view(text[:heading_end] + line + text[heading_end:], filename="r.md")
    story = view.stories[1]
    assert story.follow_up and story.earlier_report is not None and story.earlier_report.url == "../2026-05-01/"
    findings = check_view(view).findings
    assert not [f for f in findings if "2026-05-01/" in f.message]
    assert [f.rule for f in findings] == [f.rule for f in check_view(load_view(FIXTURES / "clean.md")).findings]
    odd = load_view(text[:heading_end] + line.replace("../2026-05-01/", "../secrets/") + text[heading_end:],
                    filename="r.md")
    assert odd.stories[1].earlier_report is None
    assert [f for f in check_view(odd).findings if f.rule == "link-placeholder" and "../secrets/" in f.message]


def test_two_follow_ups_of_one_earlier_story_are_no_repetition() -> None:
    """Two of the day's stories may both continue one earlier story: the pointer in each heading names it the same
    way, and that is no padding (it held a clean day with two such stories)."""
    text = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    pointer = " — Follow-up to May 1, 2026: Utilities Race to Book Battery Capacity Before Summer Peaks"
    for heading in ("Texas Grid Operator Dispatches 9.4 GW of Batteries in One Evening Peak — Storage Now Sets the "
                    "Marginal Price", "Lithium Carbonate Falls to $8,900 a Tonne — Project Finance Models Reset Around "
                    "Cheap Cells"):
        head = heading.split(" — ")[0]
        text = text.replace(f"## {'⚡' if 'Texas' in heading else '💱'} {heading}",
                            f"## {'⚡' if 'Texas' in heading else '💱'} Update: {head}{pointer}", 1)
    view = load_view(text, filename="r.md")
    assert sum(s.follow_up for s in view.stories) == 2
    assert not [f for f in check_view(view).findings if f.rule == "repetition"]
    again = text.replace("## Implications\n", "## Implications\n\nFenwick Cells opened a sodium-ion line in Ohio "
                                               "this week at full speed. Fenwick Cells opened a sodium-ion line in "
                                               "Ohio this week at full speed.\n", 1)
    assert [f for f in check_view(load_view(again, filename="r.md")).findings if f.rule == "repetition"]


def test_a_subtitle_of_two_sentences_is_said_once() -> None:
    """A blog's two-sentence headline used as a subtitle ("… are doubling. Here's what that means for you") sits in
    the heading line as well: it held a clean day as repetition. Said again in the story's prose, it still is one."""
    text = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("## ") and " — " in line)
    subtitle = "Storage contracts are doubling. Here is what that shift means for buyers"
    text = text.replace(heading, heading.split(" — ")[0] + " — " + subtitle, 1)
    view = load_view(text, filename="r.md")
    assert any(s.subtitle == subtitle for s in view.stories)
    assert not [f for f in check_view(view).findings if f.rule == "repetition"]
    again = text.replace("## Implications\n", "## Implications\n\nHere is what that shift means for buyers.\n", 1)
    assert [f for f in check_view(load_view(again, filename="r.md")).findings if f.rule == "repetition"]


def test_two_stories_one_outlet_reported_alone_may_both_say_so_in_their_subtitles() -> None:
    """The extractive writer's subtitle for a story one outlet reported alone names it ("as reported by …"): two
    such stories from one radio station held a clean day as repetition. A subtitle that says anything more than who
    reported it, said twice, still is repetition."""
    text = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ") and " — " in line][:2]
    cite = " ([Lakeshore Community Radio 97.2FM](https://lakeshore-radio.example/news/{n}.html))"
    for n, heading in enumerate(headings):
        text = text.replace(heading, heading.split(" — ")[0] + " — as reported by Lakeshore Community Radio 97.2FM", 1)
        first_paragraph = text.split(heading.split(" — ")[0], 1)[1].split("\n\n", 2)[1]
        text = text.replace(first_paragraph, first_paragraph.rstrip(".") + cite.format(n=n) + ".", 1)
    view = load_view(text, filename="r.md")
    assert [s.subtitle for s in view.stories[:2]] == ["as reported by Lakeshore Community Radio 97.2FM"] * 2
    assert not [f for f in check_view(view).findings if f.rule == "repetition"]
    padded = text.replace("as reported by Lakeshore Community Radio 97.2FM", "a first for the lake's community radio "
                          "97.2FM", 2)
    assert [f for f in check_view(load_view(padded, filename="r.md")).findings if f.rule == "repetition"]


def test_html_and_text_briefings_are_checked_too(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    html.write_text(
        "<html><body><h1>🔋 Grid Storage — 2026-05-02</h1><p>Saturday, May 2, 2026</p>"
        "<!-- SHIP_THRESHOLD: 91 -->"
        "<h2>⚡ Texas Dispatches 9.4 GW of Batteries — Storage Sets the Price</h2>"
        "<p>Now I have enough material. Writing the complete report.</p>"
        '<p>Batteries discharged 9.4 GW <a href="file:///home/agent/notes.html">(notes)</a>.</p>'
        "<pre>│ fetch ok │</pre></body></html>",
        encoding="utf-8",
    )
    rules = check_view(load_view(html)).by_rule()
    for rule in ("hygiene-config-comment", "hygiene-narration", "link-placeholder", "hygiene-tool-output"):
        assert rules[rule] >= 1, rules
    text = tmp_path / "report.txt"
    text.write_text("Grid Storage — Daily Brief\nLet me compile the report now.\nScore: 87/90 PASS\n", encoding="utf-8")
    rules = check_view(load_view(text)).by_rule()
    assert rules["title-format"] and rules["hygiene-narration"] and rules["hygiene-self-score"]


# --------------------------------------------------------------------------- text helpers


def test_figures_normalise_across_notations() -> None:
    needed = figures_needing_support("Sales reached 1.6 trillion yuan, up 60% on $1.2bn of capex, on April 27.")
    source = extract_figures("revenue of 1,600 billion yuan rose 60 percent after 1.2 billion dollars of spending "
                             "(27 April 2026)", include_words=True)
    assert len(needed) == 4
    assert all(any(f.matches(s) for s in source) for f in needed)
    # a rounded figure matches a precise one; a different figure does not
    assert figures_needing_support("It grew 1.6T")[0].matches(extract_figures("1.62 trillion")[0])
    assert not figures_needing_support("It grew 73%")[0].matches(extract_figures("it grew 37%")[0])
    # names with digits are not figures, and small counts need no source
    assert figures_needing_support("DeepSeek V4 beat GPT-4 and Qwen3.5 on 3 tests") == []


def test_quotes_and_sentences() -> None:
    assert quoted_spans('He said “the separation has not been completed” and left') == [
        "the separation has not been completed"]
    assert quoted_spans('a "scare quote" only') == []
    assert quote_found("the separation … not been completed", "The separation \u201chas not been completed.\u201d")
    assert not quote_found("the merger was approved", "the merger was blocked")
    assert split_sentences("The U.S. Commerce Dept. said so. Then it grew 5%.") == [
        "The U.S. Commerce Dept. said so.", "Then it grew 5%."]
    # a sentence may open with an accented capital
    assert split_sentences("Copper rose. Ávila's mine reopened. Østfold Energi said so.") == [
        "Copper rose.", "Ávila's mine reopened.", "Østfold Energi said so."]


@pytest.mark.parametrize(
    ("url", "bad"),
    [
        ("https://example.com/news/1", True), ("file:///tmp/report.html", True), ("http://localhost:8000/x", True),
        ("http://127.0.0.1/a", True), ("#", True), ("https://example.org/placeholder", True),
        ("https://www.reuters.com/technology/x-2026-05-01/", False), ("https://arxiv.org/abs/2604.21873", False),
    ],
)
def test_placeholder_links(url: str, bad: bool) -> None:
    assert (placeholder_reason(url) is not None) is bad


@pytest.mark.parametrize(
    ("url", "bad"),
    [
        ("https://arxiv.org/abs/0000.00000", True), ("https://arxiv.org/abs/2613.01234", True),
        ("https://doi.org/10.1038/s41586-026-00000-1", True), ("https://www.science.org/doi/10.1126/robotics", True),
        ("https://arxiv.org/abs/2609.01234", True),  # after the report date below
        ("https://arxiv.org/abs/2604.24062", False), ("https://doi.org/10.1145/3757892.3757896", False),
        ("http://en.people.cn/n3/2026/0616/c90000-20467792.html", False),
    ],
)
def test_fabricated_identifiers(url: str, bad: bool) -> None:
    import datetime as dt

    assert (fabricated_reason(url, report_date=dt.date(2026, 5, 2)) is not None) is bad


@pytest.mark.parametrize(
    ("line", "narration"),
    [
        ("Now I have enough material. Writing the complete report.", True),
        ("Previous draft failed. Now searching for fresh content:", True),
        ("Let me compile the report.", True),
        ("I'll now write the implications section.", True),
        ("Here is the final report:", True),
        ('The founder wrote: "let me know your thoughts on the release."', False),
        ("Shaman, known as an AI-generated persona, performed.", False),
        ("Let the market decide, regulators argued.", False),
        ("Writing rules for agents is now a policy field.", False),
        # the writer's own steps, in other words than the ones above
        ("After reviewing the sources, I found three stories worth keeping.", True),
        ("The briefing is complete.", True),
        ("The draft is ready for your review.", True),
        ("My previous attempt failed the link check.", True),
        # news that happens to use the same words
        ("After reviewing ferry logs for March, the harbour master found 14 late sailings.", False),
        ("The draft is ready for a council vote on Thursday, the mayor said.", False),
        ("The previous attempt failed in 2024 when a valve froze on the pad.", False),
        ("“I will be asking the board to\n", False),   # a quote that a hard wrap cut at the line's end
        # the writer's "Done." on a line of its own, and a source's headline made of fragments
        ("Done.", True),
        ("**Finished!**", True),
        ("### Update: TRC. Done. Quickly.", False),
        ("Mill sold. Finished. Over.", False),
    ],
)
def test_narration_is_told_apart_from_prose(line: str, narration: bool) -> None:
    assert (narration_reason(line) is not None) is narration


@pytest.mark.parametrize(
    ("line", "rule", "flagged"),
    [
        ("Process exited with code 1", "hygiene-tool-output", True),
        ("Traceback (most recent call last):", "hygiene-tool-output", True),
        ("The pad's control software exited with code 7 and the count stopped at T-40 seconds.", "hygiene-tool-output",
         False),
        ("### ◆ What the Week Means", "hygiene-tool-output", False),
        ("Score: 87/100", "hygiene-self-score", True),
        ("This briefing scored 9/10 on the rubric.", "hygiene-self-score", True),
        ("The report is ready to ship.", "hygiene-self-score", True),
        ("Kessel General scored 61/100 on the regional patient-safety index, its lowest in five years.",
         "hygiene-self-score", False),
        ("Nine hundred pallets that were ready to ship sat on the quay.", "hygiene-self-score", False),
        ("<!-- SHIP_THRESHOLD: 91 -->", "hygiene-config-comment", True),
        ("<!-- iteration 3, score 84 -->", "hygiene-config-comment", True),
        ("&lt;!-- CONVERTER: md2html.py --&gt;", "hygiene-config-comment", True),
        ("<!-- story 3 -->", "hygiene-config-comment", False),
        ("<!-- page footer -->", "hygiene-config-comment", False),
    ],
)
def test_hygiene_rules_tell_the_writers_own_traces_from_news(line: str, rule: str, flagged: bool) -> None:
    """Each line as a paragraph of the clean briefing's first story: the rule fires on the writer's traces and
    not on a news sentence that shares their words."""
    text = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    sources = text.index("\n**Sources:**", text.index("## 🏭"))
    view = load_view(text[:sources] + "\n" + line + "\n" + text[sources:], filename="r.md")
    assert bool([f for f in check_view(view).findings if f.rule == rule]) is flagged


def test_a_greek_letter_of_science_is_no_mojibake_but_dashes_read_as_greek_are() -> None:
    text = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    sources = text.index("\n**Sources:**", text.index("## 🏭"))
    science = "\nThe trial used lab-grown β cells from donor tissue, researchers said.\n"
    view = load_view(text[:sources] + science + text[sources:], filename="r.md")
    assert not [f for f in check_view(view).findings if f.rule == "encoding-mojibake"]
    damaged = "\nPrices fell β buyers waited. Stocks rose β traders cheered. Output held β mills ran.\n"
    view = load_view(text[:sources] + damaged + text[sources:], filename="r.md")
    assert [f for f in check_view(view).findings if f.rule == "encoding-mojibake"]


# --------------------------------------------------------------------------- the command


def test_check_command_exit_codes_and_json() -> None:
    clean = run_cli("check", str(FIXTURES / "clean.md"), "--json")
    assert clean.returncode == 0, clean.stderr
    data = json.loads(clean.stdout)
    assert data["findings"] == [] and data["errors"] == 0
    bad = run_cli("check", str(FIXTURES / "defect-link-placeholder.md"), "--json")
    assert bad.returncode == 1
    finding = json.loads(bad.stdout)["findings"][0]
    assert {"rule", "severity", "location", "message"} <= set(finding)
    assert finding["rule"] == "link-placeholder" and finding["severity"] == "error"
    assert finding["story"] == 1 and "example.com" in finding["message"]
    human = run_cli("check", str(FIXTURES / "defect-hygiene-tool-output.md"))
    assert human.returncode == 1 and "hygiene-tool-output" in human.stdout and "line" in human.stdout
    folder = run_cli("check", str(FIXTURES), "--json")
    summary = json.loads(folder.stdout)
    assert folder.returncode == 1 and summary["files"] == len(DEFECTS) + 1
    assert set(summary["by_rule"]) >= {p.stem.removeprefix("defect-") for p in DEFECTS}


def test_check_command_uses_a_watcher_spec(tmp_path: Path) -> None:
    spec = tmp_path / "grid.yaml"
    spec.write_text("id: grid\ntitle: Grid Storage\nsources:\n  - feed: https://feeds.example.org/a.xml\n"
                    "report: {stories: 6, story_words: [300, 500], citations_per_story: 4, papers: [3, 6]}\n"
                    "checks:\n  forbidden_names: [Lloyd's]\n", encoding="utf-8")
    out = run_cli("check", str(FIXTURES / "clean.md"), "--watcher", str(spec), "--json")
    assert out.returncode == 1
    assert [f["rule"] for f in json.loads(out.stdout)["findings"]] == ["style-banned"]


# --------------------------------------------------------------------------- rubric arithmetic


def test_rubric_totals_weights_and_threshold_are_computed_in_code() -> None:
    from guancha.check.rubric import RubricJudgement, score_from_judgement

    raw = {m: {"score": 7, "reason": "fine"} for m in RubricJudgement.model_fields}
    raw["deep_stakes"] = {"score": 3, "reason": "no stakes"}
    raw["timeliness"] = {"score": 10, "reason": "fresh"}
    judgement = RubricJudgement.model_validate(raw)
    checks = CheckSettings(rubric_weights={"deep_stakes": 2.0, "timeliness": 0.5}, ship_threshold=60)
    score = score_from_judgement(judgement, checks, judge="recorded:x")
    assert score.max_score == 10 * (7 + 2.0 + 0.5)
    assert score.total == 7 * 7 + 3 * 2.0 + 10 * 0.5
    assert score.passed == (score.total >= 60)
    assert score.weakest(1)[0].metric == "deep_stakes" and score.needs_reframe()
    # the judge's schema offers integer scores 1-10 as an enum, and no total to fill in
    schema = RubricJudgement.model_json_schema()
    metric = schema["$defs"]["MetricJudgement"]["properties"]["score"]
    assert metric["enum"] == list(range(1, 11))
    assert "total" not in schema["properties"]
    with pytest.raises(ValueError):
        RubricJudgement.model_validate({**raw, "synthesis": {"score": 11, "reason": "x"}})


def test_a_folder_is_checked_as_a_series_so_reuse_across_days_is_caught(tmp_path: Path) -> None:
    """The next day's report citing yesterday's URLs is reuse; a same-day draft is neither earlier nor flagged."""
    clean = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    next_day = clean.replace("2026-05-02", "2026-05-03").replace("Saturday, May 2, 2026", "Sunday, May 3, 2026")
    other_topic = clean.replace("Grid Storage", "Harbour Logistics").replace("2026-05-02", "2026-05-04").replace(
        "Saturday, May 2, 2026", "Monday, May 4, 2026")
    (tmp_path / "grid-2026-05-02.md").write_text(clean, encoding="utf-8")
    (tmp_path / "grid-2026-05-02-iteration-2.md").write_text(clean, encoding="utf-8")
    (tmp_path / "grid-2026-05-03.md").write_text(next_day, encoding="utf-8")
    (tmp_path / "harbour-2026-05-04.md").write_text(other_topic, encoding="utf-8")
    result = run_cli("check", str(tmp_path), "--json")
    assert result.returncode == 1
    reports = {Path(r["source"]).name: r for r in json.loads(result.stdout)["reports"]}
    reuse = {name: [f for f in r["findings"] if f["rule"] == "source-reuse" and f["severity"] == "error"]
             for name, r in reports.items()}
    assert reuse["grid-2026-05-02.md"] == [] and reuse["grid-2026-05-02-iteration-2.md"] == []
    assert reuse["harbour-2026-05-04.md"] == [], "another topic is another series"
    assert reuse["grid-2026-05-03.md"], "yesterday's URLs cited again"
    assert all("grid-2026-05-02.md (2026-05-02)" in f["message"] for f in reuse["grid-2026-05-03.md"])
    alone = run_cli("check", str(tmp_path / "grid-2026-05-03.md"), "--json")
    assert alone.returncode == 0, "on its own the same file has nothing earlier to reuse"
