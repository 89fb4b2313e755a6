"""The heuristic schema: confidence bands both ways, slugs, field problems, the reference YAML layout."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from guancha.knowledge.schema import (
    CONFIDENCE_BANDS,
    Confidence,
    ConfidenceLevel,
    Heuristic,
    HeuristicProposal,
    heuristic_problems,
    level_for_number,
    number_for_level,
    render_yaml,
)


def make(**over: object) -> Heuristic:
    data: dict[str, object] = {
        "id": "berth-by-berth", "domain": ["ports", "robotics"], "when": "a port converts some berths",
        "prefer": "same-month berth comparisons", "over": "year-on-year port totals",
        "because": "weather varies by month", "breaks_when": "converted berths get different ships",
        "confidence": "high", "source": {"report": "Harbor Robotics — 2026-04-11", "date": "2026-04-11"},
        "extracted_by": "tester",
    }
    data.update(over)
    return Heuristic.model_validate(data)


@pytest.mark.parametrize(
    ("raw", "level", "value"),
    [("high", "high", 0.85), ("Medium", "medium", 0.65), ("low", "low", 0.35), (0.87, "high", 0.87),
     ("0.75", "high", 0.75), ("0.74", "medium", 0.74), ("0.5", "medium", 0.5), ("0.49", "low", 0.49),
     ("85%", "high", 0.85), (62, "medium", 0.62), ("very high", "high", 0.85), ("moderate", "medium", 0.65),
     ("medium-low", "low", 0.35)],
)
def test_confidence_words_and_numbers_map_both_ways(raw: object, level: str, value: float) -> None:
    c = Confidence.parse(raw)
    assert c.level.value == level
    assert c.value == pytest.approx(value)
    assert c.original == str(raw).strip()


def test_band_numbers_round_trip() -> None:
    for level, lowest, number in CONFIDENCE_BANDS:
        assert level_for_number(number) is level
        assert level_for_number(lowest) is level
        assert number_for_level(level) == number


@pytest.mark.parametrize("bad", ["certain-ish", "", None, True, 250])
def test_confidence_rejects_what_it_cannot_read(bad: object) -> None:
    with pytest.raises(ValueError):
        Confidence.parse(bad)


def test_id_domain_and_text_are_normalised() -> None:
    h = make(id="Berth_By Berth", domain="Ports, Robotics; ports", when="  spaced\n  out  ")
    assert h.id == "berth-by-berth"
    assert h.domain == ["ports", "robotics"]
    assert h.when == "spaced out"
    assert h.source.date == dt.date(2026, 4, 11)


def test_problems_name_each_missing_or_bad_field() -> None:
    problems = dict(heuristic_problems({"id": "x", "when": "w", "prefer": "p", "confidence": "sure"}))
    assert set(problems) == {"domain", "over", "because", "breaks_when", "confidence"}
    assert problems["over"] == "missing"
    assert "neither a word" in problems["confidence"]
    assert heuristic_problems(make().model_dump()) == []


def test_reference_yaml_layout_round_trips() -> None:
    h = make(when="a long situation " * 10, confidence="0.9")
    text = render_yaml([h])
    assert text.startswith("heuristics:\n- id: berth-by-berth\n")
    assert "domain: [ports, robotics]" in text
    assert "when: >" in text
    entry = yaml.safe_load(text)["heuristics"][0]
    assert list(entry)[:8] == ["id", "domain", "when", "prefer", "over", "because", "breaks_when", "confidence"]
    back = Heuristic.model_validate(entry)
    assert back.decision_key() == h.decision_key()
    assert back.confidence.level is ConfidenceLevel.HIGH


def test_model_proposal_becomes_a_heuristic_with_source() -> None:
    proposal = HeuristicProposal(id="relay-threshold", domain=["orbital"], when="w", prefer="p", over="o",
                                 because="b", breaks_when="x", confidence=ConfidenceLevel.LOW)
    h = proposal.to_heuristic(report="Orbital — 2026-04-10", date=dt.date(2026, 4, 10), extracted_by="llm")
    assert h.confidence.value == 0.35 and h.source.report == "Orbital — 2026-04-10"
    schema = HeuristicProposal.model_json_schema()
    assert schema["properties"]["confidence"] or schema["$defs"]
