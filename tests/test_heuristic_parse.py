"""Every heuristic form, each from a small fixture written for guancha: entries plus per-entry problems."""

from __future__ import annotations

import datetime as dt

from guancha.briefing import parse_document
from guancha.knowledge.parse import parse_heuristics
from guancha.knowledge.schema import DECISION_FIELDS, HeuristicSource

YAML_ENTRIES = """heuristics:
  - id: shore-pilot-handover
    domain: [ports, remote-operations]
    when: >
      Tug crews hand night shifts to shore pilots.
    prefer: >
      Counting handover incidents per shift.
    over: >
      Counting total incidents per month.
    because: >
      Incidents cluster at handovers, not across the shift.
    breaks_when: >
      Handovers are automated and no longer a distinct moment.
    confidence: high
    source:
      report: "Harbor Robotics — 2026-04-11"
      date: 2026-04-11
    extracted_by: fixture-writer
    version: 1
  - id: crane-sway-budget
    domain: [ports, robotics]
    when: "Gusts exceed the sway budget of learned crane controllers."
    prefer: "Pausing lifts above the measured gust threshold."
    over: "Letting the controller adapt in place."
    because: "Sway grows faster than the controller's correction at high gusts."
    breaks_when: "A controller trained on gust data holds sway within budget."
    confidence: 0.58
"""


def assert_complete(entry: object) -> None:
    assert entry.complete, (entry.id, entry.problems)  # type: ignore[attr-defined]
    assert entry.present_decision_fields == list(DECISION_FIELDS)  # type: ignore[attr-defined]


def test_v1_yaml_fenced_in_markdown() -> None:
    result = parse_heuristics("```yaml\n" + YAML_ENTRIES + "```\n")
    assert result.form == "yaml" and [e.id for e in result.entries] == ["shore-pilot-handover", "crane-sway-budget"]
    for entry in result.entries:
        assert_complete(entry)
    second = result.entries[1].heuristic
    assert second is not None and second.confidence.level.value == "medium" and second.confidence.original == "0.58"
    assert result.entries[1].line == YAML_ENTRIES.split("\n").index("  - id: crane-sway-budget") + 1


def test_v1_yaml_unfenced_plain_text_uses_default_source() -> None:
    result = parse_heuristics(YAML_ENTRIES, default_source=HeuristicSource(report="Harbor", date=dt.date(2026, 4, 12)))
    h = result.entries[1].heuristic
    assert h is not None and h.source.report == "Harbor" and h.source.date == dt.date(2026, 4, 12)
    first = result.entries[0].heuristic
    assert first is not None and first.source.report == "Harbor Robotics — 2026-04-11"


def test_yaml_in_html_pre_with_entities() -> None:
    escaped = YAML_ENTRIES.replace(">", "&gt;").replace('"', "&quot;")
    page = f"<html><body><article><h1>Ports — 2026-04-11</h1><h2>HEURISTICS</h2><pre><code>{escaped}</code></pre>" \
           "</article></body></html>"
    doc = parse_document(page)
    assert doc.heuristics is not None
    result = parse_heuristics(doc.heuristics.raw)
    assert len(result.entries) == 2 and all(e.complete for e in result.entries)


def test_html_broken_converter_fence_in_paragraphs_and_list_markup() -> None:
    # fence rendered as <p><code>`</code>yaml ...</p>, entries split over paragraphs, list items as <li>
    body = YAML_ENTRIES.replace(">", "&gt;")
    first, second = body.split("  - id: crane-sway-budget")
    second_items = "".join(f"<li>{line.strip()}</li>" for line in ("- id: crane-sway-budget" + second).split("\n")
                           if line.strip())
    page = (f"<div class='prose'><h2>Ports — 2026-04-11</h2><h3>HEURISTICS</h3><p><code>`</code>yaml\n{first}</p>"
            f"<ul>{second_items}</ul><p><code>`</code></p></div>")
    doc = parse_document(page, filename="page.html")
    assert doc.heuristics is not None
    result = parse_heuristics(doc.heuristics.raw)
    assert [e.id for e in result.entries] == ["shore-pilot-handover", "crane-sway-budget"]
    assert all(e.complete for e in result.entries), [(e.id, e.problems) for e in result.entries]


def test_yaml_with_lost_indentation_and_a_flattened_entry() -> None:
    lines = [ln.strip() for ln in YAML_ENTRIES.split("\n")]
    flat_start = lines.index("- id: crane-sway-budget")
    flattened = " ".join(lines[flat_start:])
    damaged = "\n".join([*lines[:flat_start], flattened])
    # a field name inside prose must stay prose: "over:" again inside the over text
    damaged = damaged.replace("Counting total incidents per month.",
                              "Counting total incidents per month. Also\nover: trusting monthly dashboards.")
    result = parse_heuristics(damaged)
    assert result.form == "yaml-recovered"
    assert [e.id for e in result.entries] == ["shore-pilot-handover", "crane-sway-budget"]
    for entry in result.entries:
        assert_complete(entry)
        assert any("recovered by field names" in n for n in entry.notes)
    first = result.entries[0].heuristic
    assert first is not None and first.over.endswith("Also over: trusting monthly dashboards.")
    assert first.source.report == "Harbor Robotics — 2026-04-11" and first.extracted_by == "fixture-writer"
    second = result.entries[1].heuristic
    assert second is not None and second.domain == ["ports", "robotics"]
    assert second.breaks_when == "A controller trained on gust data holds sway within budget."
    assert result.entries[1].line == damaged.split("\n").index(flattened)


def test_entries_without_list_markers() -> None:
    text = "\n".join([
        "id: first-rule", "  domain: [a, b]", "  when: w1", "  prefer: p1", "  over: o1", "  because: b1",
        "  breaks_when: x1", "  confidence: low",
        "id: second-rule", "  domain: c", "  when: w2", "  prefer: p2", "  over: o2",
    ])
    result = parse_heuristics(text)
    assert [e.id for e in result.entries] == ["first-rule", "second-rule"]
    assert result.entries[0].complete
    second = result.entries[1]
    assert not second.complete and second.heuristic is None
    assert {p.field for p in second.problems} == {"because", "breaks_when", "confidence"}
    assert all(p.line == 8 for p in second.problems)


def test_v2_code_style() -> None:
    text = '''HEURISTIC shore-pilot-handover {
  domain:     [ports, remote-operations]
  confidence: 0.81

  WHEN crew.shift == night
   AND pilot.location == shore

  PREFER  per-handover incident counts
  OVER    monthly incident totals
  BECAUSE "incidents cluster at handovers; {braces} inside quotes are text"

  EVIDENCE {
    - three of four incidents happened within ten minutes of a handover
  }

  BREAKS_WHEN {
    handover.automated == true
    OR incidents.spread_evenly
  }

  meta: { v: 1, by: "fixture-writer", date: 2026-04-11 }
}
HEURISTIC half-written-rule {
  domain: [ports]
  confidence: high
  WHEN something
}'''
    result = parse_heuristics(text)
    assert result.form == "v2" and [e.id for e in result.entries] == ["shore-pilot-handover", "half-written-rule"]
    first = result.entries[0]
    assert_complete(first)
    h = first.heuristic
    assert h is not None
    assert h.when == "crew.shift == night AND pilot.location == shore"
    assert h.because == "incidents cluster at handovers; {braces} inside quotes are text"
    assert h.breaks_when == "handover.automated == true OR incidents.spread_evenly"
    assert h.extracted_by == "fixture-writer" and h.source.date == dt.date(2026, 4, 11)
    assert "three of four" in str(first.extra["evidence"])
    assert {p.field for p in result.entries[1].problems} == {"prefer", "over", "because", "breaks_when"}


def test_other_vocabulary_mapped_when_meaning_is_clear() -> None:
    text = """heuristics:
  - name: berth-pairing
    tags: [ports]
    context: Some berths are automated and others are not.
    action: Compare paired berths within a month.
    instead_of: Comparing the port year on year.
    rationale: Pairing removes weather and ship-mix effects.
    fails_when: Paired berths serve different ship classes.
    certainty: moderate
"""
    result = parse_heuristics(text)
    entry = result.entries[0]
    assert entry.form == "mapped-vocabulary"
    assert_complete(entry)
    assert any("context->when" in n for n in entry.notes)


def test_unknown_vocabulary_is_kept_unparsed_with_the_reason() -> None:
    text = """signals:
  - pattern: "Cranes automate first"
    evidence: "Twelve berths converted"
    implication: "Labour shifts to the control room"
"""
    result = parse_heuristics(text)
    assert len(result.entries) == 1
    entry = result.entries[0]
    assert entry.form == "unparsed" and entry.heuristic is None
    assert "not recognised as a heuristic" in entry.problems[0].reason
    assert "pattern" in entry.problems[0].reason


def test_nothing_recognisable_is_a_block_problem_not_silence() -> None:
    result = parse_heuristics("Score: 9/10. The heuristics were fine.")
    assert result.entries == [] and result.problems


def test_html_section_ends_after_its_code_blocks() -> None:
    one, two = YAML_ENTRIES.split("  - id: crane-sway-budget")
    page = ("<article><h1>Ports — 2026-04-11</h1><h2>Heuristics</h2>"
            f"<pre>{one.replace('>', '&gt;')}</pre><pre>  - id: crane-sway-budget{two}</pre>"
            "<p>Subscribe to the newsletter: when: never</p></article>")
    doc = parse_document(page)
    assert doc.heuristics is not None and "Subscribe" not in doc.heuristics.raw
    assert [lo.where for lo in doc.leftover] == ["after-heuristics"]
    result = parse_heuristics(doc.heuristics.raw)
    assert [e.id for e in result.entries] == ["shore-pilot-handover", "crane-sway-budget"]
    assert all(e.complete for e in result.entries)


def test_rendered_reference_yaml_parses_back_to_the_same_rules() -> None:
    from guancha.knowledge.schema import render_yaml

    original = parse_heuristics(YAML_ENTRIES).heuristics
    again = parse_heuristics("```yaml\n" + render_yaml(original) + "```")
    assert [h.decision_key() for h in again.heuristics] == [h.decision_key() for h in original]
    assert again.heuristics[0].source == original[0].source


def test_odd_source_dates_do_not_invalidate_a_rule() -> None:
    text = YAML_ENTRIES.replace("date: 2026-04-11", "date: 2026-04-11T09:00:00Z").replace(
        'report: "Harbor Robotics — 2026-04-11"', 'report: "Harbor Robotics"')
    first = parse_heuristics(text).entries[0]
    assert first.complete and first.heuristic is not None
    assert first.heuristic.source.date == dt.date(2026, 4, 11)
    text = YAML_ENTRIES.replace("date: 2026-04-11", "date: last spring")
    first = parse_heuristics(text).entries[0]
    assert first.complete and first.heuristic is not None and first.heuristic.source.date is None
    assert first.fields["source"]["date"] == "last spring"  # the raw value is kept with the entry


def test_triple_backtick_fence_as_paragraphs_and_escaped_list_tags_in_code() -> None:
    body = YAML_ENTRIES.replace(">", "&gt;")
    page = ("<div class='prose'><h2>Ports — 2026-04-11</h2><h3>HEURISTICS</h3><p>```yaml</p>"
            f"<p>{body}</p><p>```</p><p>Footer: when: later</p></div>")
    doc = parse_document(page, filename="p.html")
    assert doc.heuristics is not None and "Footer" not in doc.heuristics.raw
    assert [e.id for e in parse_heuristics(doc.heuristics.raw).entries] == ["shore-pilot-handover", "crane-sway-budget"]
    # a converter that escaped its own list markup inside the code block
    lines = YAML_ENTRIES.split("\n")
    marked = "\n".join(f"&lt;li&gt;{ln}&lt;/li&gt;" if ln.strip().startswith("- id") else ln for ln in lines)
    result = parse_heuristics(f"<pre><code>{marked}</code></pre>")
    assert [e.id for e in result.entries] == ["shore-pilot-handover", "crane-sway-budget"]
    assert all(e.complete for e in result.entries)
