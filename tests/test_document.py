"""The briefing document parser on Markdown, HTML (with site chrome) and plain text, with line numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guancha.briefing import parse_document
from tests.conftest import require_seed

FIXTURES = Path(__file__).parent / "fixtures" / "knowledge"


def test_markdown_report_layout_and_lines() -> None:
    path = FIXTURES / "report.md"
    doc = parse_document(path.read_bytes(), filename=path.name)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert doc.format == "markdown"
    assert doc.title == "🛰️ Orbital Computation — 2026-04-10" and doc.title_line == 1
    assert (doc.emoji, doc.topic, doc.date) == ("🛰️", "Orbital Computation", dt.date(2026, 4, 10))
    assert doc.long_date == "Friday, April 10, 2026"
    assert [e.emoji for e in doc.toc] == ["🚀", "🔭"]
    assert len(doc.stories) == 2
    first = doc.stories[0]
    assert first.title == "Lunar Relay Net Adds Three Nodes"
    assert first.subtitle == "Latency Falls Below Two Seconds"
    assert lines[first.line - 1].startswith("## 🚀 Lunar Relay")
    assert len(first.paragraphs) == 2 and len(first.links) == 3
    assert [s.url for s in first.sources] == ["https://relay.example.net/news/nodes", "https://relay.example.net/log"]
    assert lines[first.sources[0].line - 1].startswith("- [Relay operator announcement]")
    paper = doc.papers[0]
    assert paper.title == "Latency Budgets for Orbital Edge Inference"
    assert (paper.authors, paper.affiliation, paper.date) == ("Li, Ortiz", "Harbor Institute", "April 8, 2026")
    assert paper.url == "https://arxiv.org/abs/2604.00001" and paper.why and paper.why.startswith("Shows")
    assert len(doc.implications) == 1
    assert doc.heuristics is not None and "relay-latency-threshold" in doc.heuristics.raw
    raw_lines = doc.heuristics.raw.split("\n")
    k = next(i for i, t in enumerate(raw_lines) if "id: relay-latency-threshold" in t)
    assert "id: relay-latency-threshold" in lines[doc.heuristics.source_line(k) - 1]
    assert [lo.text for lo in doc.leftover] == ["Orbital Computation is a sample briefing written for guancha's tests."]


def test_html_chrome_is_stripped_and_broken_fence_kept_for_the_heuristics() -> None:
    path = FIXTURES / "report.html"
    doc = parse_document(path.read_bytes(), filename=path.name)
    assert doc.format == "html"
    assert doc.title == "🤖 Harbor Robotics — 2026-04-11"
    everything = " ".join(b.text for b in doc.blocks)
    for chrome in ("cookies", "Archive", "tracking", "Privacy", "Watchers", "color:red"):
        assert chrome not in everything
    assert [s.headline for s in doc.stories] == [
        "Port Cranes Switch to Learned Controllers — Twelve Berths Converted",
        "Tug Fleet Adds Remote Pilots — Night Shifts Move Ashore",
    ]
    crane = doc.stories[0]
    assert '"lifts per hour rose by 9%"' in crane.body  # entities decoded
    assert len(crane.sources) == 2 and crane.sources[1].url == "https://port.example.org/stats"
    html_lines = path.read_text(encoding="utf-8").split("\n")
    assert "Port Cranes Switch" in html_lines[crane.line - 1]
    assert doc.papers[0].url == "https://arxiv.org/abs/2604.00002"
    assert doc.heuristics is not None
    assert "when: >" in doc.heuristics.raw and "&gt;" not in doc.heuristics.raw
    assert "    prefer: >" in doc.heuristics.raw.split("\n")  # indentation kept from the <p>


def test_plain_text_report_with_label_lines() -> None:
    text = "\n".join([
        "Quiet Week — 2026-01-05",
        "Monday, January 5, 2026",
        "Table of Contents",
        "- First Thing Happens — Why It Matters",
        "First Thing Happens — Why It Matters",
        "A paragraph about the first thing, citing https://news.example.org/a for the facts.",
        "Sources:",
        "- News site: first thing (January 4, 2026)",
        "Research Papers",
        "- A Paper Title — Doe, Roe (Some Lab) (January 2, 2026) — It matters because.",
        "Implications",
        "One implication paragraph.",
    ])
    doc = parse_document(text, filename="quiet.txt")
    assert doc.format == "text" and doc.topic == "Quiet Week" and doc.date == dt.date(2026, 1, 5)
    assert len(doc.stories) == 1 and doc.stories[0].line == 5
    assert doc.stories[0].links[0].url == "https://news.example.org/a"
    assert doc.stories[0].sources[0].line == 8
    assert doc.papers[0].affiliation == "Some Lab"
    assert doc.implications[0].line == 12 and doc.heuristics is None


def test_garbage_never_raises() -> None:
    for data in (b"", b"\x00\xff\xfe garbage", "<html><body></body></html>", "just one line", "<p>unclosed"):
        doc = parse_document(data)
        assert doc.stories == []


def test_seed_report_is_repaired_and_parsed() -> None:
    seed = require_seed()
    doc = parse_document(seed.read_bytes(), filename=seed.name)
    assert doc.topic == "China AI" and doc.date == dt.date(2026, 5, 2)
    assert doc.title == "🇨🇳 China AI — 2026-05-02"
    assert len(doc.stories) == 6
    assert all(s.subtitle and "—" in s.headline for s in doc.stories)
    assert len(doc.papers) == 3 and all(p.date for p in doc.papers)
    assert len(doc.implications) >= 3
    assert doc.heuristics is not None
    kinds = {r.kind for r in doc.repairs.as_list()}
    assert {"flag-restored", "em-dash-restored", "greek-unrecoverable"} <= kinds


def test_plain_text_without_contents_finds_headlines_by_shape() -> None:
    body = "The relay operator added three nodes and round trips fell below two seconds. " * 5
    text = "\n".join([
        "Orbital Notes — 2026-02-02",
        "🚀 Relay Net Grows — Latency Falls",
        body,
        "Sources:",
        "- Operator log https://relay.example.net/log",
        "A line that is short but ends like a sentence.",
        "Chip Test Passes — First Inference in Orbit",
        body,
    ])
    doc = parse_document(text, filename="notes.txt")
    assert [s.title for s in doc.stories] == ["Relay Net Grows", "Chip Test Passes"]
    assert doc.stories[0].sources[0].url == "https://relay.example.net/log"
    assert len(doc.stories[0].sources) == 1
    assert doc.stories[0].paragraphs[-1].text == "A line that is short but ends like a sentence."


def test_sentences_that_mention_sections_do_not_open_them() -> None:
    md = "\n".join([
        "# Harbor — 2026-03-03", "", "## Table of Contents", "- Cranes Learn — Berths Convert", "",
        "## Cranes Learn — Berths Convert", "", "Heuristics help crews decide when to pause a lift.", "",
        "Implications for insurers remain unclear.", "", "**Research Papers**", "",
        "- Sway Control — Tan (Delta) (March 1, 2026) — Measures sway.", "",
    ])
    doc = parse_document(md, filename="harbor.md")
    assert doc.heuristics is None and doc.implications == []
    assert [p.text for p in doc.stories[0].paragraphs] == [
        "Heuristics help crews decide when to pause a lift.", "Implications for insurers remain unclear."]
    assert doc.papers_line == 12 and doc.papers[0].title == "Sway Control"
