"""The harness a red team's briefing fixtures share: each clean briefing passes or is held only where pinned, each
planted defect is held by the rule that names it, and the defects not held are exactly the pinned ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from guancha.check import check_view
from guancha.check.view import load_view


def errors_of(path: Path) -> set[str]:
    """The rules of a briefing file's error findings."""
    view = load_view(path.read_bytes(), filename=path.name)
    return {f.rule for f in check_view(view).findings if f.severity == "error"}


def pinned_fixture_tests(fixtures: Path, still_held: dict[str, set[str]], held_by: dict[str, str],
                         not_held: set[str]) -> tuple[Callable[[Path], None], Callable[[str], None], Callable[[], None]]:
    """The three tests of a red team's ``fixtures`` folder (``clean/`` and ``defective/``), to be bound to module
    names starting with ``test_``: a clean briefing's errors are its pins in ``still_held`` (none for most); each
    defective one named in ``held_by`` is held by that rule; the rest, ``not_held``, get no error at all."""
    clean = sorted((fixtures / "clean").iterdir())
    defective = sorted((fixtures / "defective").iterdir())

    @pytest.mark.parametrize("path", clean, ids=[p.name for p in clean])
    def clean_passes_or_is_held_where_pinned(path: Path) -> None:
        assert errors_of(path) == still_held.get(path.name, set())

    @pytest.mark.parametrize("name", sorted(held_by))
    def defect_is_held_by_its_rule(name: str) -> None:
        assert held_by[name] in errors_of(fixtures / "defective" / name)

    def defects_not_held_are_pinned() -> None:
        assert {p.name for p in defective} == set(held_by) | not_held
        assert {p.name for p in defective if not errors_of(p)} == not_held

    return clean_passes_or_is_held_where_pinned, defect_is_held_by_its_rule, defects_not_held_are_pinned
