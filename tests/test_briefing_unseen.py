"""Briefings the project had never seen (issue 10): thirteen clean briefings on five fictional topics, written by a
helper in layouts our own fixtures never tried (each story in its own <article> with no <main>, "## Stories" over
"###" stories, headlines set in bold beside real section headings, underlined plain-text headings with CRLF, a
table of contents of in-page anchors, template comments, a "◆" ornament), with news sentences that share words with
a writer's traces ("The previous attempt failed…", "After reviewing the records, the auditor…", "scored 54/100 on
the national audit", "β cells", "exited with code 3"). A clean briefing in any of them has no error finding; each
near-clean variant is caught by the rule for its one planted defect."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.check import check_view
from guancha.check.view import load_view

UNSEEN = Path(__file__).parent / "fixtures" / "briefings-unseen"
CLEAN = sorted(p for p in UNSEEN.iterdir() if p.is_file())
# "1. 🧱 Headline" numbers the stories: the spec's headlines carry no numbering, a warning (a numbered layout, not a
# "Story 1:" label standing in for a headline)
EXPECTED_WARNINGS = {"flood-numbered-emoji.md": {"headline-format"}}
NEAR_CLEAN = {
    "near-duplicate-paragraph-html.html": "duplicate-paragraph",
    "near-fabricated-arxiv-reflinks.md": "link-fabricated",
    "near-narration-text.txt": "hygiene-narration",
}


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_a_clean_briefing_in_an_unseen_layout_has_no_error(path: Path) -> None:
    view = load_view(path)
    findings = check_view(view).findings
    errors = [f for f in findings if f.severity == "error"]
    assert errors == [], [f.message for f in errors]
    assert EXPECTED_WARNINGS.get(path.name, set()) <= {f.rule for f in findings if f.severity == "warning"}
    assert len(view.stories) == 6 and view.date is not None


@pytest.mark.parametrize("name", sorted(NEAR_CLEAN))
def test_a_near_clean_briefing_is_caught_by_its_rule(name: str) -> None:
    findings = check_view(load_view(UNSEEN / "near-clean" / name)).findings
    assert [f for f in findings if f.rule == NEAR_CLEAN[name] and f.severity == "error"]
