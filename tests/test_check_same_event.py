"""One event told as two stories is held; two events of one company on one day are not one story.

The fixtures are the project's own, fictional: a court's fine told twice in other words (the leads share no date
written alike, only the fine and the length of river), and a price ruling and a sewage inquiry about one water
company announced on the same day."""

from __future__ import annotations

from pathlib import Path

from guancha.check import check_view
from guancha.check.view import load_view

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-same-event"
REDTEAM8 = Path(__file__).parent / "fixtures" / "briefings-redteam8"


def _findings(path: Path) -> list[tuple[str, str, str]]:
    view = load_view(path.read_bytes(), filename=path.name)
    return [(f.rule, f.severity, f.message) for f in check_view(view).findings]


def test_one_ruling_told_as_two_stories_is_held_and_the_message_names_both() -> None:
    same = [f for f in _findings(FIXTURES / "one_ruling_told_twice.html") if f[0] == "story-same-event"]
    assert [f[1] for f in same] == ["error"]
    assert "story 2 tells the event story 1 tells" in same[0][2] and "merge them" in same[0][2]


def test_a_launch_told_twice_with_the_same_day_is_held() -> None:
    rules = {f[0] for f in _findings(REDTEAM8 / "defective" / "d08_same_event_twice.md") if f[1] == "error"}
    assert rules == {"story-same-event"}


def test_two_events_of_one_company_on_one_day_pass() -> None:
    errors = [f for f in _findings(FIXTURES / "two_events_one_company_one_day.md") if f[1] == "error"]
    assert errors == []
