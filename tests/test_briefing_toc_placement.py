"""A briefing whose table of contents sits at its foot (after the heuristics, or between the implications and the
heuristics) is read as a briefing with its contents at the top: a team that puts its index last wrote a clean report,
and `guancha check` held it ("the table of contents is missing"). The fixture is fictional, written for this test."""

from __future__ import annotations

from pathlib import Path

from guancha.check import check_view
from guancha.check.view import load_view

FOOT = (Path(__file__).parent / "fixtures" / "briefings-layouts-toc" / "toc-at-foot.md").read_text(encoding="utf-8")
_TOC_START = FOOT.index("---\n\n## Contents")
CONTENTS = FOOT[_TOC_START + len("---\n\n"):]
WITHOUT_TOC = FOOT[:_TOC_START]


def _findings(text: str) -> list[tuple[str, str, str]]:
    view = load_view(text.encode("utf-8"), filename="briefing.md")
    return sorted((f.rule, f.severity, f.message) for f in check_view(view).findings)


def _at_top() -> str:
    date_line = "Thursday, April 17, 2031\n\n"
    at = WITHOUT_TOC.index(date_line) + len(date_line)
    return WITHOUT_TOC[:at] + CONTENTS + "\n---\n\n" + WITHOUT_TOC[at:]


def test_contents_at_the_foot_find_what_contents_at_the_top_find() -> None:
    top = _findings(_at_top())
    assert not [f for f in top if f[0] == "toc-match"]
    assert _findings(FOOT) == top
    view = load_view(FOOT.encode("utf-8"), filename="briefing.md")
    assert [e.text.split(" — ")[0] for e in view.toc] == [
        "🚦 Ostra Opens Its First Protected Junction on the Harbour Ring",
        "🔧 Brennholt Recalls 14,000 Cargo-Bike Frames Over a Cracking Weld",
        "🚉 Rail Operator Doubles Bicycle Spaces on Coastal Trains"]
    assert view.heuristics is not None and "design-for-the-shortcut" in view.heuristics.raw


def test_contents_between_the_implications_and_the_heuristics_are_the_contents() -> None:
    at = WITHOUT_TOC.index("## HEURISTICS")
    between = WITHOUT_TOC[:at] + CONTENTS + "\n---\n\n" + WITHOUT_TOC[at:]
    assert _findings(between) == _findings(_at_top())


def test_contents_at_the_foot_are_still_checked_against_the_stories() -> None:
    wrong = FOOT.replace("- 🚉 Rail Operator Doubles Bicycle Spaces on Coastal Trains", "- 🚉 Ferry Operator Adds Bike Racks")
    assert any(rule == "toc-match" and severity == "error" for rule, severity, _ in _findings(wrong))
