"""Heuristics written in forms other than the reference YAML: TOML tables, field lists ("* When: …", "- **When:** …"
under a heading per heuristic), (field, value) tables as a word processor converts them, and the YAML a notebook
printed under its code cell. A clean briefing in any of them passes; a defective heuristic in any of them is held by
the rule that names its defect, as it would be in YAML. The fixtures are fictional and written for guancha."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guancha.check import check_view
from guancha.check.view import BriefingView, load_view
from guancha.knowledge.parse import parse_heuristics
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-heuristic-forms"
CLEAN = sorted((FIXTURES / "clean").iterdir())
HELD_BY = {
    "bullets_confidence_out_of_range.md": "heuristics-confidence",
    "bullets_missing_because.md": "heuristics-fields",
    "docx_table_prefer_equals_over.html": "heuristics-fields",
    "jupyter_breaks_when_na.html": "heuristics-fields",
    "key_value_table_prefer_equals_over.md": "heuristics-fields",
    "toml_breaks_when_none.md": "heuristics-fields",
    "toml_unreadable.md": "heuristics-yaml",
}
IDS = ["tariff-decides-shore-power-use", "judge-electric-freight-by-worst-season"]
DECISION = {"domain", "when", "prefer", "over", "because", "breaks_when", "confidence"}


def _view(path: Path) -> BriefingView:
    return load_view(path.read_bytes(), filename=path.name)


def _errors(path: Path) -> set[str]:
    return {f.rule for f in check_view(_view(path)).findings if f.severity == "error"}


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_a_clean_briefing_in_any_heuristics_form_passes(path: Path) -> None:
    assert _errors(path) == set()


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_every_field_of_each_heuristic_is_read(path: Path) -> None:
    heuristics = _view(path).heuristics
    assert heuristics is not None and not heuristics.problems
    assert [e.ident for e in heuristics.entries] == IDS
    for entry in heuristics.entries:
        assert {k for k, v in entry.fields.items() if v not in (None, "", [])} >= DECISION
    assert heuristics.entries[0].fields["domain"] == ["ports", "energy"]


@pytest.mark.parametrize("name", sorted(HELD_BY))
def test_a_defective_heuristic_in_another_form_is_held_by_the_rule_that_names_it(name: str) -> None:
    assert HELD_BY[name] in _errors(FIXTURES / "defective" / name)


def test_every_defective_fixture_is_pinned() -> None:
    assert {p.name for p in (FIXTURES / "defective").iterdir()} == set(HELD_BY)


# ----------------------------------------------------------------------------- the readers, on blocks alone

INLINE_TOML = """```toml
heuristics = [
  { id = "quay-space-goes-to-shared-chargers", domain = ["canals"], when = "several operators ask for quay chargers", prefer = "expect one shared station", over = "one station per operator", because = "the authority will not dig the towpath twice", breaks_when = "an operator owns its quay", confidence = "medium" },
]
```"""

TOP_LEVEL_TOML = """[lock-priority-favours-first-mover]
domain = ["canals", "regulation"]
when = "a lock gives one vessel class priority"
prefer = "expect that class's operator to win the next contracts"
over = "expecting rivals to be treated alike"
because = "priority at locks cuts a round trip's time"
breaks_when = "the priority is auctioned each season"
confidence = 0.55
"""


def test_toml_inline_tables_and_tables_named_by_id_are_read() -> None:
    inline = parse_heuristics(INLINE_TOML)
    assert inline.form == "toml"
    assert [e.id for e in inline.entries] == ["quay-space-goes-to-shared-chargers"]
    assert inline.entries[0].fields["over"] == "one station per operator"
    named = parse_heuristics(TOP_LEVEL_TOML)
    assert [e.id for e in named.entries] == ["lock-priority-favours-first-mover"]
    assert named.entries[0].fields["confidence"] == 0.55 and named.entries[0].line == 0


BOLD_PARAGRAPHS = """#### 1. `tariff-review-follows-data`
**When**: an authority promises to review a tariff after a trial period
**Prefer**: expect the tariff to stay until the review date
**Over**: expecting early changes under complaint
**Because**: the review is tied to six months of data
**Breaks when**: a regulator orders an immediate change
**Confidence**: low
**Domain**:
  - ports
  - pricing
"""


def test_bold_field_paragraphs_under_a_numbered_heading_are_one_heuristic() -> None:
    result = parse_heuristics(BOLD_PARAGRAPHS)
    assert result.form == "fields"
    (entry,) = result.entries
    assert entry.id == "tariff-review-follows-data"
    assert entry.fields["breaks_when"] == "a regulator orders an immediate change"
    assert entry.fields["domain"] == ["ports", "pricing"]
    assert not entry.problems


def test_a_heading_that_names_no_id_leaves_the_id_missing() -> None:
    result = parse_heuristics(BOLD_PARAGRAPHS.replace("1. `tariff-review-follows-data`", "Tariff reviews"))
    assert [e.id for e in result.entries] == [None]
    assert any(p.field == "id" for p in result.entries[0].problems)


YAML_STARTING_WITH_WHEN = """- when: a canal freezes for a week
  prefer: count lost trips per vessel
  over: count lost trips per operator
  because: frozen locks stop every vessel alike
  breaks_when: icebreakers keep one lane open
  id: frozen-canal-trips
  domain: [canals]
  confidence: 0.5
- when: a quay charger fails
  prefer: expect the battery barge to wait
  over: expecting a diesel replacement
  because: contracts name the electric vessel
  breaks_when: the shipper allows substitution
  id: charger-failure-waits
  domain: [canals]
  confidence: 0.4
"""


def test_lower_case_yaml_is_still_read_as_yaml() -> None:
    """YAML's keys are lower case, one list item per entry: no field list, even where an entry opens with "when"."""
    result = parse_heuristics(YAML_STARTING_WITH_WHEN)
    assert result.form == "yaml"
    assert [e.id for e in result.entries] == ["frozen-canal-trips", "charger-failure-waits"]


def test_a_list_of_one_field_per_item_is_one_heuristic_not_one_per_item() -> None:
    block = "\n".join(f"- {k}: {v}" for k, v in [
        ("id", "berth-count-before-fleet-count"), ("domain", "ports"), ("when", "a port electrifies berths"),
        ("prefer", "count berths that ships can use"), ("over", "counting berths built"),
        ("because", "sockets differ between fleets"), ("breaks_when", "a socket standard is enforced"),
        ("confidence", "0.5")])
    result = parse_heuristics(block)
    assert [e.id for e in result.entries] == ["berth-count-before-fleet-count"]
    assert result.entries[0].fields["over"] == "counting berths built"


def test_guancha_import_reads_heuristics_written_as_toml_or_field_lists(workspace: Path) -> None:
    """The importer reads a report's heuristics through the same parser: none is lost for its form."""
    redteam = Path(__file__).parent / "fixtures" / "briefings-redteam8" / "clean"
    for path in (FIXTURES / "clean" / "toml_table_of_tables.md", redteam / "c21_heuristics_bullets.md"):
        proc = run_cli("import", str(path), "--json", "--workspace", str(workspace))
        assert proc.returncode == 0, proc.stderr
        counts = json.loads(proc.stdout)["heuristics"]
        assert (counts["complete"], counts["new"]) == (2, 2), counts
