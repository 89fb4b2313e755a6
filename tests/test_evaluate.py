"""``guancha eval``: the scoring functions on hand-made cases, and the CLI on real sample webs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from guancha.evaluate import clustering_counts, kendall_tau_b
from tests.conftest import run_cli

SAMPLES = Path(__file__).parent / "samples"


def test_kendall_tau_b_counts_agreement_and_ties() -> None:
    assert kendall_tau_b([1, 2, 3], [0, 1, 2]) == 1.0
    assert kendall_tau_b([1, 2, 3], [2, 1, 0]) == -1.0
    assert kendall_tau_b([1, 2, 3, 4], [0, 2, 1, 3]) == pytest.approx(4 / 6)
    assert kendall_tau_b([1], [0]) is None
    tied = kendall_tau_b([1, 1, 2], [0, 1, 2])   # a tie in the truth neither helps nor hurts
    assert tied is not None and 0 < tied < 1


def test_clustering_counts_pairs_and_bcubed() -> None:
    truth = {"/a1": "a", "/a2": "a", "/a3": "a", "/b1": "b", "/b2": "b"}
    # everything merged: recall perfect, precision poor
    t, p, r, bp, br = clustering_counts(truth, [["/a1", "/a2", "/a3", "/b1", "/b2", "/unlabelled"]])
    assert (t, p, r) == (4, 10, 4) and br == 1.0 and bp == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    # a story split, another page never clustered (stands alone)
    t, p, r, bp, br = clustering_counts(truth, [["/a1", "/a2"], ["/b1", "/b2"]])
    assert (t, p, r) == (4, 2, 2) and bp == 1.0 and br < 1.0


def test_eval_cli_scores_a_sample_and_sees_a_wrong_truth(tmp_path: Path) -> None:
    sample = SAMPLES / "offshore-energy-2026-03-10"
    proc = run_cli("eval", str(sample), "--json", timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    right = json.loads(proc.stdout)
    assert right["pairwise_f1"] == 1.0 and right["stories_found"] == right["stories_counted"]
    assert right["distractors_cited"] == 0 and right["quiet_right"]

    # the same sample with two of its stories declared one: the figures must drop
    wrong = tmp_path / "wrong"
    shutil.copytree(sample, wrong)
    text = (wrong / "expected.yaml").read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(text)
    first, second = data["stories"][0], data["stories"][1]
    first["pages"] += second["pages"]
    del data["stories"][1]
    (wrong / "expected.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    proc = run_cli("eval", str(wrong), "--json", timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    scored = json.loads(proc.stdout)
    assert scored["pairwise_recall"] < 1.0 and scored["stories_found"] < scored["stories_counted"]
    assert scored["worst"] < 1.0

    table = run_cli("eval", str(sample), timeout=240)
    assert table.returncode == 0 and "pairwise" in table.stdout


def test_eval_cli_rejects_a_directory_that_is_not_a_sample(tmp_path: Path) -> None:
    proc = run_cli("eval", str(tmp_path), timeout=60)
    assert proc.returncode == 2 and "sample web" in proc.stderr and "Traceback" not in proc.stderr


def test_eval_counts_a_story_marked_as_the_follow_up_of_a_story_it_does_not_continue(tmp_path: Path) -> None:
    """A story marked "Update: ... Follow-up to <date>" sends the reader to an earlier report; when the story it
    tells continues nothing there (a company's outage "following up" its network launch), that is a wrong link the
    reader sees, and the sample's worst figure is 0 as for a distractor cited. Here the truth is changed so that the
    transit sample's strike dates continue nothing: the follow-up the watcher marks is then a false one."""
    import yaml

    sample = tmp_path / "no-follow-up"
    shutil.copytree(SAMPLES / "city-transit-2026-06-11", sample)
    data = yaml.safe_load((sample / "expected.yaml").read_text(encoding="utf-8"))
    continuing = [s for s in data["stories"] if s.get("follow_up_of")]
    assert continuing
    for story in continuing:
        del story["follow_up_of"]
    (sample / "expected.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    proc = run_cli("eval", str(sample), "--json", timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    scored = json.loads(proc.stdout)
    assert scored["follow_ups_expected"] == 0 and scored["follow_ups_false"] == len(continuing)
    assert scored["worst"] == 0.0
    assert any(h.lower().startswith("update:") for d in scored["days"] for h in d["follow_ups_false"])


def test_a_follow_up_linking_another_earlier_story_than_the_one_it_continues_is_a_false_one() -> None:
    """A lift fall's cause was marked "Update:" linking the earlier day's safety-bill story: the eval counted it as
    marked. Only a link to the earlier story whose sources tell the event it continues counts."""
    from guancha.evaluate import _points_at

    earlier_told = {"Lift falls four floors at Tsui Fung": ["lift-fall"], "Safety bill tabled": ["safety-bill"]}
    to_fall = {"headline": "Update: jumper wire found", "follow_up_of": {"headline": "Lift falls four floors at Tsui Fung"}}
    to_bill = {"headline": "Update: jumper wire found", "follow_up_of": {"headline": "Safety bill tabled"}}
    assert _points_at(to_fall, "lift-fall", earlier_told)
    assert not _points_at(to_bill, "lift-fall", earlier_told)
    # marked only in its text, or linking a story the earlier score does not know: the benefit of the doubt
    assert _points_at({"headline": "Update: jumper wire found"}, "lift-fall", earlier_told)
    assert _points_at({"follow_up_of": {"headline": "Something else"}}, "lift-fall", earlier_told)
