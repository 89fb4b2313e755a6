"""Clean briefings from a third red-team pass on `guancha check` (issue 10, item 6), written by a helper who had not
read the checker, all one fictional China AI report of 2026-11-30 in other layouts. These were held before and pass
now: a one-line dek between the title and the contents, numbered headlines ("## 1. Headline", a warning), a title
date written out ("30th November 2026") or only in the file name (warnings: the date is read), UTF-16 with its
byte-order mark, the contents headed "Today's stories", the implications headed "Analysis" and the papers "New
research", contents linking to <a id="…"> anchors written before each heading, story headings written as raw
<h2 id="…"> in Markdown, plain text citing "[1]" in its prose with "[1] Outlet: Title <url>" after each story,
a newsletter's contents as rows of unclosed nested tables with each bullet in a cell of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.check import check_view
from guancha.check.view import load_view

HERE = Path(__file__).parent / "fixtures" / "briefings-redteam3"
CLEAN = sorted(p for p in HERE.iterdir() if p.is_file())


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_a_clean_briefing_in_a_third_red_team_layout_has_no_error(path: Path) -> None:
    view = load_view(path)
    errors = [f for f in check_view(view).findings if f.severity == "error"]
    assert errors == [], [f.message for f in errors]
    assert len(view.stories) == 6 and str(view.date) == "2026-11-30"
    assert view.heuristics is not None and len(view.heuristics.entries) >= 2


def test_numbered_markers_cite_only_the_references_that_follow_them() -> None:
    """"[2]" in a paragraph is a citation when "[2] … <url>" follows under the same story; with the reference lines
    gone the markers cite nothing and the story is held for its citations."""
    text = (HERE / "c10-text-underlines-numbered-refs.txt").read_text(encoding="utf-8")
    without = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("[")
                        or "<https://" not in line)
    view = load_view(without.encode("utf-8"), filename="c10-no-references.txt")
    assert "citations-per-story" in {f.rule for f in check_view(view).findings if f.severity == "error"}
