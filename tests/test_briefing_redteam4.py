"""Clean briefings from a fourth red-team pass on `guancha check` (issue 10, item 6), written by a helper who had
not read the checker, each a fictional report in a layout the checker held before: sections named in French, German
or Chinese ("Sommaire", "Forschungsarbeiten", "影响与展望"), title dates written "10. Februar 2027",
"2026年9月22日" or "2026/11/18", and citations as Markdown footnotes ("[^3]" with "[^3]: Outlet: Title <url>" at the
end), stories as a numbered Markdown list ("1. **Headline**" with its paragraphs nested as bullets), and plain text
whose story headings are numbered ("1. Headline" underlined with dashes, or "1. HEADLINE" in capitals after a
numbered contents list), and a static site's front matter ("---", "title:", "date:", "---") over an undated
"# Title", and HTML whose title and date sit in a <header> outside any <article> (a fragment's <main>, a page
whose <title> is only the site's name) or whose stories are <section>s with a <header> each, and an e-mail's contents written as "•" lines
between <br>s. Each now has no error finding, the right date and every story."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guancha.briefing.layout import numeric_or_foreign_date
from guancha.check import check_view
from guancha.check.view import load_view

HERE = Path(__file__).parent / "fixtures" / "briefings-redteam4-layouts"
EXPECTED = {   # file -> (report date, stories)
    "04_numbered_list_nested.md": ("2026-09-22", 4),
    "06_footnotes.md": ("2026-11-18", 5),
    "09_fragment.html": ("2026-12-04", 5),
    "10_plain_underlined.txt": ("2026-11-18", 5),
    "14_front_matter.md": ("2026-09-22", 4),
    "30_plain_caps_paren.txt": ("2026-09-22", 4),
    "33_section_h3.html": ("2027-02-10", 4),
    "41_html_br_sup.html": ("2027-02-10", 4),
    "full_titlegeneric.html": ("2026-12-04", 5),
    "12_title_slashes.md": ("2026-11-18", 5),
    "20_french_sections.md": ("2026-11-18", 5),
    "21_german_sections.md": ("2027-02-10", 4),
    "22_chinese_sections.md": ("2026-09-22", 4),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_clean_briefing_in_a_fourth_red_team_layout_has_no_error(name: str) -> None:
    view = load_view(HERE / name)
    errors = [f for f in check_view(view).findings if f.severity == "error"]
    assert errors == [], [f.message for f in errors]
    date, stories = EXPECTED[name]
    assert str(view.date) == date and len(view.stories) == stories
    assert view.heuristics is not None


@pytest.mark.parametrize(("title", "date"), [
    ("Baltic Shipping | 2026/11/18", dt.date(2026, 11, 18)),
    ("Alpenwasser — 10. Februar 2027", dt.date(2027, 2, 10)),
    ("城市空中配送 — 2026年9月22日", dt.date(2026, 9, 22)),
    ("Puertos — 18 de noviembre de 2026", dt.date(2026, 11, 18)),
    ("Häfen — 18.11.2026", dt.date(2026, 11, 18)),
    ("Ports — 18/11/2026", dt.date(2026, 11, 18)),
    ("Ports — 11/18/2026", dt.date(2026, 11, 18)),
    ("Ports — 04/05/2026", None),                      # April or May: not guessed
    ("Ports 20261118", dt.date(2026, 11, 18)),
    ("Ports — 31.02.2026", None),                      # no such day
    ("Ports in 4 regions, 2026 outlook", None),
])
def test_a_title_date_in_numbers_or_another_language_is_read_unless_ambiguous(title: str,
                                                                               date: dt.date | None) -> None:
    assert numeric_or_foreign_date(title) == date


def test_footnote_marks_cite_only_the_footnotes_the_document_defines() -> None:
    """"[^3]" cites the link of "[^3]: …" wherever it is defined (consecutive definitions are one paragraph); with
    the definitions gone the marks cite nothing and the stories are held for their citations."""
    text = (HERE / "06_footnotes.md").read_text(encoding="utf-8")
    view = load_view(text.encode("utf-8"), filename="footnotes.md")
    assert all(len({ln.url for ln in s.inline_links}) >= 4 for s in view.stories)
    without = "\n".join(line for line in text.split("\n") if not line.startswith("[^"))
    view = load_view(without.encode("utf-8"), filename="no-definitions.md")
    assert "citations-per-story" in {f.rule for f in check_view(view).findings if f.severity == "error"}


def test_front_matter_gives_its_date_and_a_rule_over_a_heading_is_no_front_matter() -> None:
    from guancha.briefing.layout import without_front_matter

    body, fields = without_front_matter("---\ntitle: \"Ports\"\ndate: 2026-09-22\ntags:\n  - a\n---\n# Ports\n")
    assert fields["date"] == "2026-09-22" and fields["title"] == "Ports"
    assert body.split("\n")[6] == "# Ports"             # line numbers kept
    text = "---\n# Ports — 2026-09-22\n\nA paragraph.\n\n---\n\n## 1. A story\n"
    assert without_front_matter(text) == (text, {})


def test_a_site_s_masthead_is_still_chrome_and_the_report_s_own_header_is_not() -> None:
    from guancha.briefing.blocks import blocks_from_html

    page = ("<html><head><title>Ports</title></head><body><header><h1>The Ports Site</h1><nav>"
            "<a href='/'>Home</a><a href='/about'>About</a></nav></header><header><h1>⚓ Ports — 2026-12-04</h1>"
            "<p>Friday, December 4, 2026</p></header><p>A paragraph of the report.</p></body></html>")
    texts = [b.text for b in blocks_from_html(page)[0]]
    assert "⚓ Ports — 2026-12-04" in texts and "The Ports Site" not in texts
