"""Second shapes for the layouts the eighth red-team pass found held (``briefings-redteam8``): each fix is tried on a
briefing written apart from the red-team's, in other words and another variant of the same layout. An RFC-style
text paginated without form feeds, gemtext with one reference list cited "[n]" several times in a paragraph, an
Atom entry that carries its report as XHTML (the red-team's carried escaped HTML), Textile saved as text with
"#" contents and an extended "bc.." code block, contents set one per line between <br>s (the red-team's were
TeX4ht's <span>s), author-date citations "(Outlet, Feb. 15)" in HTML against Sources written "Title — Outlet
(date)" (the red-team's were Markdown, "Outlet, date: title"). The
fixtures are fictional, written for these tests in the project's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.briefing import parse_document
from guancha.briefing.feed import unwrap_feed
from guancha.briefing.lightmarkup import as_markdown, light_markup_of
from guancha.check import check_view
from guancha.check.view import load_view

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-layouts-more"
CLEAN = sorted(FIXTURES.iterdir())


def _errors(path: Path) -> list[str]:
    view = load_view(path.read_bytes(), filename=path.name)
    return sorted(f"{f.rule}: {f.message}" for f in check_view(view).findings if f.severity == "error")


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_a_clean_briefing_in_each_layout_passes(path: Path) -> None:
    assert _errors(path) == []


# ---------------------------------------------------------------- RFC-style paginated text

RFC = FIXTURES / "rfc-paginated-no-form-feed.txt"


def test_page_furniture_without_form_feeds_is_no_part_of_the_report() -> None:
    doc = parse_document(RFC.read_bytes(), filename=RFC.name)
    texts = [b.text for b in doc.blocks]
    assert not any("[Page" in t or "Coastal Water Briefing" in t for t in texts)
    # the paragraph the page break cut is still in its story, on both sides of the break
    story = doc.stories[0]
    assert any(p.text.startswith("surplus wind power") and p.line == 41 for p in story.paragraphs)


def test_numbered_sections_flush_left_are_the_reports_sections() -> None:
    doc = parse_document(RFC.read_bytes(), filename=RFC.name)
    assert [s.headline.split(" — ")[0] for s in doc.stories] == [
        "Aberdeen Starts a Desalination Pilot That Runs on Surplus Wind",
        "Shetland Requires Trackers on Small Fishing Boats"]
    assert doc.papers_line is not None and doc.implications_line is not None
    assert [p.url for p in doc.papers] == ["https://arxiv.org/abs/2703.04117", "https://arxiv.org/abs/2703.05562"]
    assert doc.heuristics is not None
    assert "vessel-tracks-settle-cable-disputes-v2" in doc.heuristics.raw and "Harbour Desk" not in doc.heuristics.raw


def test_a_reference_with_its_address_on_the_next_line_is_one_source() -> None:
    doc = parse_document(RFC.read_bytes(), filename=RFC.name)
    assert [s.url for s in doc.stories[1].sources] == [
        "https://islandfisheriesgazette.co.uk/2027/03/08/shetland-trackers",
        "https://shetlandcouncil-decisions.org.uk/notices/2027-03-08-vessel-monitoring",
        "https://offshoreroutesreview.com/notes/2027-03-09-shetland-trackers"]


def test_a_numbered_line_over_flush_left_text_stays_a_list_item() -> None:
    page = ("🌾 Grain — 2027-01-21\nThursday, January 21, 2027\n\n1. Wheat rose.\n\nPrices held firm all week.\n\n"
            "2.  Maize fell\n\nTraders sold on the forecast.\n")
    doc = parse_document(page, filename="grain.txt")
    assert not [b for b in doc.blocks if b.kind == "heading"]


# ---------------------------------------------------------------- "[n]" marks: one citation per use

GEMTEXT = FIXTURES / "gemtext-reference-list.gmi"


def test_each_use_of_a_reference_mark_is_a_citation() -> None:
    doc = parse_document(GEMTEXT.read_bytes(), filename=GEMTEXT.name)
    first = doc.stories[0].paragraphs[0]
    assert first.text.count("[1]") == 3
    assert sorted(ln.text for ln in first.links) == ["[1]", "[1]", "[1]", "[2]"]


def test_a_mark_cited_by_both_passes_counts_once_per_use() -> None:
    # numbers unique in the report and listed under the story's own heading: both the story's pass and the
    # report's pass resolve "[1]", and each use is still one citation
    page = ("# 🧪 Labs — 2027-04-14\nWednesday, April 14, 2027\n\n## Contents\n* Lab Opens — New Wing\n\n"
            "## Lab Opens — New Wing\n\nThe lab opened a wing [1], the city said [2], and the lab [1] hired staff.\n\n"
            "Sources:\n=> https://labnews.example.org/2027/04/13/wing [1] Lab News — A new wing (2027-04-13)\n"
            "=> https://cityhall.example.org/notices/2027-04-13 [2] City Hall — Notice (2027-04-13)\n")
    doc = parse_document(page, filename="labs.gmi")
    [story] = doc.stories
    assert [ln.text for p in story.paragraphs for ln in p.links] == ["[1]", "[1]", "[2]"]


# ---------------------------------------------------------------- an Atom entry

ATOM = FIXTURES / "atom-entry-xhtml.atom"


def test_an_atom_entry_is_read_as_the_xhtml_it_carries_on_the_files_lines() -> None:
    doc = parse_document(ATOM.read_bytes(), filename=ATOM.name)
    lines = ATOM.read_text(encoding="utf-8").split("\n")
    assert doc.format == "html" and len(doc.stories) == 2
    for story in doc.stories:
        assert f"<h2>{story.heading}</h2>" in lines[story.line - 1]
    assert doc.papers_line is not None and doc.implications_line is not None and doc.heuristics is not None


def test_an_entry_whose_content_has_no_title_takes_the_entrys_title() -> None:
    doc = parse_document(ATOM.read_bytes(), filename=ATOM.name)
    assert doc.title == "🚆 Rail Freight — 2027-05-06" and str(doc.date) == "2027-05-06"


def test_escaped_html_content_is_unescaped_once() -> None:
    entry = ('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title>\n'
             '<content type="html">&lt;h1&gt;🌲 Forests — 2027-01-21&lt;/h1&gt;\n'
             '&lt;p&gt;Firms said &amp;lt;b&amp;gt; is a tag.&lt;/p&gt;</content></entry></feed>\n')
    body, name = unwrap_feed(entry.encode(), "forests.xml")
    assert name == "forests.html"
    assert body.decode().split("\n")[2:4] == ["<h1>🌲 Forests — 2027-01-21</h1>", "<p>Firms said &lt;b&gt; is a tag.</p>"]


def test_other_xml_is_left_as_it_is() -> None:
    rss = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>\n'
    assert unwrap_feed(rss, "x.xml") == (rss, "x.xml")
    broken = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;h1&gt;'
    assert unwrap_feed(broken, "x.xml") == (broken, "x.xml")


# ---------------------------------------------------------------- Textile

TEXTILE = FIXTURES / "textile-extended-code.txt"


def test_textile_is_known_by_its_name_or_by_its_headings_and_links() -> None:
    text = TEXTILE.read_text(encoding="utf-8")
    assert light_markup_of(text, "pollinators.txt") == "textile"
    assert light_markup_of(text, None) == "textile"
    assert light_markup_of("h1. A\n\nh2. B\n\nSee [the notice|https://x.org/n] and [more|https://x.org/m].\n",
                           "confluence.txt") is None


def test_textile_lists_links_and_extended_code_read_as_markdown_would() -> None:
    doc = parse_document(TEXTILE.read_bytes(), filename=TEXTILE.name)
    assert [e.headline.split(" — ")[0] for e in doc.toc] == [
        "Andalusian Beekeepers Win Labelling Rule for Blended Honey", "Dutch Growers Sow Flower Strips Along Rail Lines"]
    first = doc.stories[0].paragraphs[0]
    assert (first.links[0].text, first.links[0].url) == (
        "Iberian Farm Weekly", "https://iberianfarmweekly.es/2027/01/20/honey-labelling-rule")
    assert "(report on the new rule)" not in first.text
    assert doc.heuristics is not None
    raw = doc.heuristics.raw
    assert "origin-labels-narrow-blend-sources-v1" in raw and "corridor-habitat-needs-connected-patches-v1" in raw


def test_textile_keeps_the_authors_line_numbers() -> None:
    lines = TEXTILE.read_text(encoding="utf-8").split("\n")
    doc = parse_document(TEXTILE.read_bytes(), filename=TEXTILE.name)
    for story in doc.stories:
        assert lines[story.line - 1].startswith("h3. " + story.heading)
    assert as_markdown("bc. - id: a\n  when: b\n\np. After.", "textile").split("\n") == [
        "    - id: a", "      when: b", "", "After."]


# ---------------------------------------------------------------- contents set one per line with line breaks

BROKEN_LINES = FIXTURES / "contents-between-line-breaks.html"


def test_contents_entries_between_line_breaks_are_entries() -> None:
    doc = parse_document(BROKEN_LINES.read_bytes(), filename=BROKEN_LINES.name)
    assert [e.section for e in doc.toc] == [None, None, "papers", "implications"]
    assert [e.line for e in doc.toc] == [12, 12, 12, 12]   # one <p>: the entries' own lines are not kept


def test_contents_with_markdown_hard_breaks_keep_each_entrys_line() -> None:
    page = ("# 🌾 Grain — 2027-01-21\n\nThursday, January 21, 2027\n\n## Contents\n\nWheat Rises — Mills Buy Early\\\n"
            "Maize Falls — Traders Sell\n\n## Wheat Rises — Mills Buy Early\n\nText.\n\n## Maize Falls — Traders Sell\n\n"
            "Text.\n")
    doc = parse_document(page, filename="grain.md")
    assert [(e.headline, e.line) for e in doc.toc] == [("Wheat Rises — Mills Buy Early", 7),
                                                       ("Maize Falls — Traders Sell", 8)]


def test_a_paragraph_of_sentences_under_contents_is_not_split_into_entries() -> None:
    page = ("# 🌾 Grain — 2027-01-21\n\nThursday, January 21, 2027\n\n## Contents\n\nTwo stories today.\\\n"
            "Both are about prices.\n\n## Wheat Rises — Mills Buy Early\n\nText.\n")
    doc = parse_document(page, filename="grain.md")
    assert len(doc.toc) <= 1


def _toc_findings(page: str) -> list[tuple[str, str]]:
    view = load_view(page.encode(), filename="page.html")
    return [(f.severity, f.message) for f in check_view(view).findings if f.rule == "toc-match"]


def test_contents_lines_with_no_line_break_between_them_are_read_and_said_to_run_on() -> None:
    page = BROKEN_LINES.read_text(encoding="utf-8").replace("<br/>", "")
    found = _toc_findings(page)
    assert [severity for severity, _ in found] == ["warning"] and "one run-on line" in found[0][1]
    assert _toc_findings(BROKEN_LINES.read_text(encoding="utf-8")) == []


# ---------------------------------------------------------------- author-date citations: "(Outlet, 4 December)"

AUTHOR_DATE = FIXTURES / "author-date-citations.html"


def test_an_outlet_and_date_that_name_one_listed_source_cite_it() -> None:
    doc = parse_document(AUTHOR_DATE.read_bytes(), filename=AUTHOR_DATE.name)
    first = doc.stories[0].paragraphs[0]
    assert [(ln.text, ln.url) for ln in first.links] == [
        ("(Ouest Pêche Hebdo, Feb. 15, 2027)", "https://ouestpechehebdo.fr/2027/02/15/homard-fermeture"),
        ("(Comité Régional des Pêches, Feb. 14)", "https://crpm-bretagne-decisions.fr/arretes/2027-02-14-homard")]


@pytest.mark.parametrize("citation", ["(Harbour Gazette)", "(Harbour Gazette, 2 March)", "(4 March, Harbour Gazette)",
                                      "(Gazette, 2 March)", "(Harbour Gazette, 5 March)"])
def test_a_name_or_date_alone_or_one_that_fits_two_sources_cites_nothing(citation: str) -> None:
    page = ("# 🚢 Ports — 2027-03-05\n\nFriday, March 5, 2027\n\n## Contents\n\n- Berth Opens — Cranes Arrive\n\n"
            f"## Berth Opens — Cranes Arrive\n\nThe berth opened {citation}.\n\nSources:\n\n"
            "- Harbour Gazette, 4 March: [Berth opens](https://harbourgazette.example.net/a)\n"
            "- Harbour Gazette, 2 March: [Cranes](https://harbourgazette.example.net/b)\n"
            "- Port Gazette, 2 March: [Cranes too](https://portgazette.example.net/c)\n")
    doc = parse_document(page, filename="ports.md")
    links = doc.stories[0].paragraphs[0].links
    expected = {"(Harbour Gazette, 2 March)": ["https://harbourgazette.example.net/b"]}.get(citation, [])
    assert [ln.url for ln in links] == expected


def test_a_long_section_heading_names_its_section_when_the_contents_can_be_read() -> None:
    # read through a contents of lines, "🔮 Implications: …" over 90 characters was a seventh story, not in the contents
    title = "🔮 Implications: Storage Moves From Mountains to Dams, Ponds and the Budgets That Will Have to Pay for Them"
    page = BROKEN_LINES.read_text(encoding="utf-8").replace('<h2 id="implications">Implications</h2>',
                                                            f'<h2 id="implications">{title}</h2>')
    assert len(title) > 90
    doc = parse_document(page, filename="page.html")
    assert len(doc.stories) == 2 and doc.implications_line is not None
    assert _toc_findings(page) == []
