"""``guancha heuristics ...`` as a user runs it, on a workspace filled by ``guancha import``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from guancha.knowledge.export import pack_schema
from guancha.knowledge.schema import Heuristic
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "knowledge"


def cli(ws: Path, *args: str) -> str:
    proc = run_cli(*args, "--workspace", str(ws))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def filled(workspace: Path, tmp_path: Path) -> Path:
    """Two dated copies of the Markdown report (the later one changes a rule), plus the HTML report."""
    text = (FIXTURES / "report.md").read_text(encoding="utf-8")
    later = (text.replace("2026-04-10", "2026-04-17").replace("Friday, April 10", "Friday, April 17")
             .replace("Batch command uploads planned a day ahead.", "Uploading commands once per orbit."))
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(later, encoding="utf-8")
    (tmp_path / "c.html").write_bytes((FIXTURES / "report.html").read_bytes())
    cli(workspace, "import", str(tmp_path / "a.md"), str(tmp_path / "b.md"), str(tmp_path / "c.html"),
        "--watcher", "harbor")
    return workspace


def test_list_filters_and_json(filled: Path) -> None:
    listed = json.loads(cli(filled, "heuristics", "list", "--json"))
    assert [h["id"] for h in listed] == ["berth-by-berth-automation", "relay-latency-threshold"]
    relay = listed[1]
    assert relay["version"] == 2 and relay["first_seen"] == "2026-04-10" and relay["last_confirmed"] == "2026-04-17"
    assert json.loads(cli(filled, "heuristics", "list", "--domain", "orbital", "--json"))[0]["id"] == relay["id"]
    assert json.loads(cli(filled, "heuristics", "list", "--watcher", "nobody", "--json")) == []
    text = cli(filled, "heuristics", "list", "--status", "active")
    assert "relay-latency-threshold  [active] v2 medium" in text


def test_show_has_every_version_diff_and_sources(filled: Path) -> None:
    text = cli(filled, "heuristics", "show", "relay-latency-threshold")
    assert "version 1" in text and "version 2" in text and "changed: over" in text
    assert "-Batch command uploads planned a day ahead." in text
    assert "+Uploading commands once per orbit." in text
    assert "2026-04-10  new" in text and "2026-04-17  new-version" in text
    data = json.loads(cli(filled, "heuristics", "show", "relay-latency-threshold", "--json"))
    assert [v["version"] for v in data["history"]] == [1, 2]
    assert [s["kind"] for s in data["sightings"]] == ["new", "new-version"]
    missing = run_cli("heuristics", "show", "no-such-rule", "--workspace", str(filled))
    assert missing.returncode == 2 and "no heuristic 'no-such-rule'" in missing.stderr


def test_search(filled: Path) -> None:
    found = json.loads(cli(filled, "heuristics", "search", "same-month berth", "--json"))
    assert [h["id"] for h in found] == ["berth-by-berth-automation"]
    assert "0 match" in cli(filled, "heuristics", "search", "volcano")


def test_export_json_validates_yaml_loads_and_md_reads(filled: Path, tmp_path: Path) -> None:
    pack = json.loads(cli(filled, "heuristics", "export", "--format", "json"))
    jsonschema.validate(pack, pack_schema())
    assert {h["id"] for h in pack["heuristics"]} == {"berth-by-berth-automation", "relay-latency-threshold"}
    broken = json.loads(json.dumps(pack))
    broken["heuristics"][0]["confidence"]["level"] = "certain"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, pack_schema())
    out = tmp_path / "pack.yaml"
    cli(filled, "heuristics", "export", "--format", "yaml", "--domain", "ports", "-o", str(out))
    entries = yaml.safe_load(out.read_text(encoding="utf-8"))["heuristics"]
    assert [Heuristic.model_validate(e).id for e in entries] == ["berth-by-berth-automation"]
    md = cli(filled, "heuristics", "export", "--format", "md")
    assert "## relay-latency-threshold" in md and "**Breaks when:**" in md


def test_merge_and_retire(filled: Path) -> None:
    merged = json.loads(cli(filled, "heuristics", "merge", "relay-latency-threshold", "berth-by-berth-automation",
                            "--why", "test merge", "--json"))
    assert merged["confirmations"] == 1  # the absorbed rule's one statement now confirms the kept one
    absorbed = json.loads(cli(filled, "heuristics", "show", "berth-by-berth-automation", "--json"))
    assert absorbed["status"] == "retired" and absorbed["merged_into"] == "relay-latency-threshold"
    cli(filled, "heuristics", "retire", "relay-latency-threshold", "--why", "relays were replaced")
    assert json.loads(cli(filled, "heuristics", "list", "--status", "active", "--json")) == []
    no_reason = run_cli("heuristics", "retire", "relay-latency-threshold", "--workspace", str(filled))
    assert no_reason.returncode == 2
