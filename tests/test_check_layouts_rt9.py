"""Second fixtures, in other words and other variants, for each layout red team 9 found held (see
``test_check_redteam9.py``): the shape is read in general, not in the one file the red team wrote. The fixtures are
written by ``tests/fixtures/briefings-layouts-rt9/gen.py`` from invented content."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.briefing import parse_document
from guancha.check import check_view
from guancha.check.view import load_view

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-layouts-rt9"
TITLE = "🧀 Alpine Dairy — 2026-07-21"
CLEAN = sorted(p for p in FIXTURES.iterdir() if p.suffix != ".py")


def _errors(path: Path) -> set[str]:
    view = load_view(path.read_bytes(), filename=path.name)
    return {f.rule for f in check_view(view).findings if f.severity == "error"}


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_a_clean_briefing_in_a_red_team_9_layout_has_no_error(path: Path) -> None:
    assert _errors(path) == set()


@pytest.mark.parametrize("name", ["fm-hugo-toml.md", "fm-toc-generated.md"])
def test_the_front_matter_title_is_the_title_when_the_body_writes_none(name: str) -> None:
    doc = parse_document((FIXTURES / name).read_text(encoding="utf-8"), filename=name)
    assert doc.title == TITLE and doc.title_line == 2
    assert len(doc.stories) == 3 and str(doc.date) == "2026-07-21"


def test_toc_true_in_front_matter_is_a_generated_contents_and_a_missing_list_without_it_is_held() -> None:
    text = (FIXTURES / "fm-toc-generated.md").read_text(encoding="utf-8")
    assert parse_document(text, filename="a.md").toc_generated
    without = text.replace("toc: true\n", "toc: false\n", 1)
    view = load_view(without, filename="a.md")
    assert "toc-match" in {f.rule for f in check_view(view).findings if f.severity == "error"}


def test_a_body_title_under_front_matter_stays_the_title() -> None:
    text = '---\ntitle: "Dairy notes"\ntoc: true\n---\n\n# 🧀 Alpine Dairy — 2026-07-21\n\n## A story\n\nText.\n'
    doc = parse_document(text, filename="a.md")
    assert doc.title == TITLE and doc.title_line == 6


@pytest.mark.parametrize(("name", "papers", "implications"), [("persian-rtl.md", 3, 2), ("vietnamese-nav.html", 3, 2)])
def test_section_names_in_another_language_are_the_sections(name: str, papers: int, implications: int) -> None:
    doc = parse_document((FIXTURES / name).read_bytes(), filename=name)
    assert len(doc.stories) == 3 and len(doc.toc) == 3
    assert len(doc.papers) == papers and len(doc.implications) == implications
    assert doc.heuristics is not None and all(len(s.sources) == 3 for s in doc.stories)


@pytest.mark.parametrize(("label", "section"), [
    ("מאמרי מחקר", "papers"), ("משמעויות", "implications"), ("כללי אצבע", "heuristics"), ("Mục lục", "toc"),
    ("Bài báo khoa học", "papers"), ("Ý nghĩa", "implications"), ("विषय सूची", "toc"), ("अनुसंधान पत्र", "papers"),
    ("प्रभाव", "implications"), ("意涵", "implications"), ("影響與啟示", "implications"), ("經驗法則（Heuristics）", "heuristics"),
    ("สารบัญ", "toc"), ("งานวิจัย", "papers"), ("ผลกระทบ", "implications"), ("Heuristics (ह्यूरिस्टिक्स)", "heuristics"),
])
def test_a_section_name_a_writer_of_the_language_would_use_is_read(label: str, section: str) -> None:
    from guancha.briefing.layout import _label_of
    assert _label_of(label) == section


def test_a_headline_with_a_gloss_naming_two_sections_is_no_section() -> None:
    from guancha.briefing.layout import _label_of
    assert _label_of("Analysis (Research Papers)") is None
    assert _label_of("🚆 Rail freight doubles (Reuters)") is None
    assert _label_of("1. Synthesis (Weight: 10 points)") is None   # a score sheet's line, both sides English


def _inline(html: str) -> list[tuple[str, str]]:
    doc = parse_document(html, filename="a.html")
    return [(link.text, link.url) for b in doc.blocks if b.kind == "para" for link in b.links]


def test_a_footnote_marker_cites_the_one_address_its_note_holds() -> None:
    assert _inline(PANDOC_NOTE.format(note='<a href="https://example.org/a">A</a>')) == [("1", "https://example.org/a")]


@pytest.mark.parametrize("note", ["No address in this note.",
                                  '<a href="https://example.org/a">A</a> and <a href="https://example.org/b">B</a>'])
def test_a_footnote_without_one_address_cites_nothing(note: str) -> None:
    assert _inline(PANDOC_NOTE.format(note=note)) == []


def test_an_in_page_link_to_a_section_cites_nothing() -> None:
    html = ('<html><body><p>See <a href="#s1">the first story</a>.</p><section id="s1"><h2>One</h2>'
            '<p><a href="https://example.org/a">a</a></p></section></body></html>')
    assert _inline(html) == [("a", "https://example.org/a")]


PANDOC_NOTE = ('<html><body><p>The port opened a berth.<a href="#fn1" role="doc-noteref"><sup>1</sup></a></p>'
               '<ol><li id="fn1">{note} <a href="#fnref1">↩</a></li></ol></body></html>')


def test_boxed_title_and_section_names_are_read_as_the_title_and_sections() -> None:
    doc = parse_document((FIXTURES / "boxed-text.txt").read_text(encoding="utf-8"), filename="boxed-text.txt")
    assert doc.title == TITLE and doc.title_line == 2
    assert len(doc.toc) == 3 and len(doc.stories) == 3 and len(doc.papers) == 3 and doc.implications


def _held_as_tool_output(box: list[str]) -> bool:
    text = (FIXTURES / "boxed-text.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = lines.index("Sources:")
    text = "\n".join([*lines[:at], *box, "", *lines[at:]])
    view = load_view(text, filename="a.txt")
    return any(f.rule == "hygiene-tool-output" and f.severity == "error" for f in check_view(view).findings)


def test_a_tool_s_box_is_still_tool_output() -> None:
    # five framed lines: a terminal's panel, not a name in a box
    panel = ["┌────────────────────────┐", *[f"│ step {k}: plugin loaded  │" for k in range(5)], "└────────────────────────┘"]
    assert _held_as_tool_output(panel)
    # a framed traceback is still a traceback
    assert _held_as_tool_output(["╔══════════════════════════════════════╗",
                                 "║ Traceback (most recent call last):   ║", "╚══════════════════════════════════════╝"])
    # an open frame (no bottom border) is no typography
    assert _held_as_tool_output(["┌──────────────┐", "│ CONTENTS     │"])
    # a one-line box round a tool's status line is the tool's, round a headline it is typography
    assert _held_as_tool_output(["┌──────────────────────┐", "│ sync: 9 feeds, 1 lost │", "└──────────────────────┘"])
    assert not _held_as_tool_output(["┌──────────────────────────┐", "│ Note — prices as of noon │",
                                     "└──────────────────────────┘"])


def test_a_printed_contents_is_read_without_its_leaders_and_page_numbers() -> None:
    doc = parse_document((FIXTURES / "printed-contents.txt").read_text(encoding="utf-8"), filename="a.txt")
    assert [e.section for e in doc.toc] == [None, None, None, "papers", "implications", "heuristics"]
    assert not any("·" in e.text or e.text.endswith(("p. 2", "...")) for e in doc.toc)


@pytest.mark.parametrize(("entry", "name"), [
    ("Implications ........................ 9", "Implications"),
    ("Harbour fees rise — Shippers reroute… ........ 12", "Harbour fees rise — Shippers reroute"),
    ("Heuristics\t\t\t14", "Heuristics"),
    ("Wheat exports rise 38", "Wheat exports rise 38"),          # a figure, not a page: no leader before it
    ("Freight rates up 5.5 % in 2026", "Freight rates up 5.5 % in 2026"),
])
def test_only_a_leader_and_a_page_number_are_taken_off_an_entry(entry: str, name: str) -> None:
    from guancha.briefing.layout import _without_page_number
    assert _without_page_number(entry) == name


def test_a_forum_post_s_folded_contents_are_the_contents() -> None:
    doc = parse_document((FIXTURES / "discourse-folds.md").read_text(encoding="utf-8"), filename="a.md")
    assert len(doc.toc) == 3 and doc.heuristics is not None and len(doc.stories) == 3


def test_typst_reads_as_the_markdown_it_means_line_for_line() -> None:
    from guancha.briefing.typst import typst_as_markdown
    source = ('#set document(title: "T — 2026-07-21")\n= Contents\n+ One\n#align(center)[#text(size: 9pt)[*Hi*] \\ there]\n'
              'See #link("https://example.org/a")[the note] and #link("https://example.org/b").\n#line(length: 100%)\n'
              '```yaml\n= not a heading\n```')
    assert typst_as_markdown(source).split("\n") == [
        "# T — 2026-07-21", "## Contents", "1. One", "*Hi*   there",
        "See [the note](https://example.org/a) and <https://example.org/b>.", "---", "```yaml", "= not a heading", "```"]
    doc = parse_document((FIXTURES / "typst-plain.typ").read_text(encoding="utf-8"), filename="typst-plain.typ")
    assert doc.title == TITLE and len(doc.toc) == 3 and len(doc.stories) == 3 and len(doc.papers) == 3


@pytest.mark.parametrize("name", ["clean05-wordpress.html", "clean10-outlook.html", "clean24-html-dl.html"])
def test_an_xml_declaration_before_an_html_page_changes_nothing(name: str) -> None:
    """An XHTML page (an EPUB chapter, a CMS's XHTML export) opens with "<?xml …?>": lxml refused it in a decoded
    string and the page was read as tag-stripped text without a link (red team 9's c14 held seven ways)."""
    page = Path(__file__).parent / "fixtures" / "briefings-redteam7" / "clean" / name
    text = page.read_text(encoding="utf-8")
    declared = '<?xml version="1.0" encoding="UTF-8"?>' + text
    plain_view = load_view(text, filename=name)
    declared_view = load_view(declared, filename=name)
    assert len(declared_view.all_links) == len(plain_view.all_links) > 0
    assert [f for f in check_view(declared_view).findings if f.severity == "error"] == []


def test_sections_named_in_bold_over_lines_set_with_breaks_are_read() -> None:
    """An old table-layout newsletter names a section in bold and sets its entries with <br>s ("<b>Research
    Papers</b><br>paper<br>paper"): read as one paragraph, the report had no papers (red team 9's c23). Here a
    WordPress page is rewritten that way, its implications too."""
    page = Path(__file__).parent / "fixtures" / "briefings-redteam7" / "clean" / "clean05-wordpress.html"
    text = page.read_text(encoding="utf-8")
    papers_line = next(ln for ln in text.split("\n") if ln.startswith("<ul><li><a href=\"https://arxiv.org/abs/"))
    rewritten = text.replace("<h2>Research Papers</h2>\n" + papers_line,
                             "<p><b>Research Papers</b><br>" + papers_line.removeprefix("<ul><li>")
                             .replace("</li><li>", "<br>").replace("</li></ul>", "</p>"), 1)
    rewritten = rewritten.replace("<h2>Implications</h2>\n<p>", "<p><strong>Implications</strong><br>", 1)
    assert rewritten.count("<b>Research Papers</b><br>") == 1 and "<strong>Implications</strong><br>" in rewritten
    before, after = load_view(text, filename=page.name), load_view(rewritten, filename=page.name)
    assert len(after.papers) == len(before.papers) >= 2
    assert after.implications and after.implications[0].text.startswith("Biotech rules")
    assert [f for f in check_view(after).findings if f.severity == "error"] == []
