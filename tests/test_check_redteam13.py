"""The thirteenth red-team pass on ``guancha check``, by a helper who had not read the checker and was told to use
shapes and defects no earlier team used: note-app and outliner exports (Notion, Logseq, Roam, Joplin, Bear, Evernote,
OneNote), office HTML (Word filtered, LibreOffice, Apple Pages), help-centre articles (Zendesk, Intercom), Confluence
storage XHTML, WordPress block comments, a table per story, endnote references, a two-column page, a briefing fenced
in an e-mail reply, Discord messages, Portuguese, Polish and Korean, ordinal and ISO-week dates, full-width digits,
NBSP, CRLF, UTF-16BE and undeclared Windows-1252; and defects a reader would care about (one page listed twice under a
utm, mobile or AMP address, a homoglyph host, a redirect link, an arXiv "v0", a paper or a heuristic listed twice, a
YAML key written twice, narration inside a story, a truncated HTML file, a URL dated months before its label).
Against the checker as it was, 14 of 32 clean briefings were held and 15 of 25 defective ones passed. The fixtures
are the helper's, fictional, in the project's own words (see the README beside them); c33-c40 and d26-d35 are the
second fixture, in other words and another variant, of each shape fixed.

What is still wrong is pinned too, so that a change either way shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.briefing.layout import _label_of
from tests.check_pins_support import pinned_fixture_tests

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-redteam13"

# clean briefings still held, with the errors; everything else in clean/ passes
STILL_HELD: dict[str, set[str]] = {}
# red team 21 read the five held before: the Roam bold-bullet outline (c03), Joplin's metadata trailer (c04), the
# <header>/<aside> two-column page (c14), the briefing quoted whole in a ```markdown fence (c15) and the Discord
# paste's bold title and message stamps (c30)
# the defects not held, each with why
NOT_HELD = {
    # a contents entry whose figure differs from its headline's (14 MW / 41 MW): toc-match matches entries to
    # headlines by their words, and a changed figure alone still names the same story
    "d05_contents_figure_differs.md",
    # a body that contradicts its own headline's figure (12 tugs / twenty tugs): no rule compares a story's figures
    # with each other; grounding against the sources is the run's check, not the file's
    "d07_body_contradicts_headline.md",
    # a source labelled 2026-12-04 whose URL path says /2026/09/17/: a page may be updated long after the date in
    # its address, so the label's date is what freshness reads; a warning at most, left to the grounding of a run
    "d17_url_path_date_stale.md",
    # contents in another order than the stories: a warning by the project's choice (toc-match), not an error
    "d25_contents_order_html.html",
}
HELD_BY = {
    "d01_utm_copy_as_second_source.md": "source-duplicate",
    "d02_mobile_host_duplicate.html": "source-duplicate",
    "d03_arxiv_version_v0.md": "link-fabricated",
    "d04_confidence_french.md": "heuristics-confidence",
    "d06_source_after_report.html": "source-after-report",
    "d08_homoglyph_domain.md": "link-unsafe",
    # the unclosed "<!--" hides story 3 and every section after it; held for what went missing, not for the comment
    "d09_unclosed_html_comment.md": "section-papers",
    "d10_link_text_other_domain.md": "link-deceptive",
    "d11_html_cut_mid_sentence.html": "hygiene-truncated",
    "d12_duplicate_heuristic_new_id.md": "heuristics-fields",
    "d13_story_sources_no_body.md": "story-words",
    "d14_alt_text_ai_instruction.md": "hygiene-ai-instructions",
    "d15_google_redirect_link.md": "link-unsafe",
    "d16_same_paper_abs_and_pdf.md": "section-papers",
    "d18_narration_in_story.md": "hygiene-narration",
    "d19_placeholder_link_target.md": "link-placeholder",
    "d20_empty_link_target.md": "link-placeholder",
    # "[11]" with eight references: held because story 2 is left with three citations, not for the dangling number
    "d21_dangling_numbered_ref.md": "citations-per-story",
    "d22_yaml_duplicate_key.md": "heuristics-fields",
    "d23_story_in_template.html": "toc-match",
    "d24_amp_cache_duplicate_pl.md": "source-duplicate",
    "d26_amp_host_and_path_copy.md": "source-duplicate",
    "d27_fbclid_copy_pt.html": "source-duplicate",
    "d28_homoglyph_greek_omicron.html": "link-unsafe",
    "d29_click_tracker_redirect.md": "link-unsafe",
    "d30_narration_before_we_publish.html": "hygiene-narration",
    "d31_arxiv_v00_pdf.md": "link-fabricated",
    "d32_paper_twice_other_link.md": "section-papers",
    "d33_heuristic_repeat_case_html.html": "heuristics-fields",
    "d34_yaml_prefer_twice.md": "heuristics-fields",
    "d35_libreoffice_cut_in_story.html": "hygiene-truncated",
}
(test_a_clean_briefing_passes_or_is_held_only_where_pinned, test_a_planted_defect_is_held_by_the_rule_that_names_it,
 test_the_defects_not_held_are_the_pinned_ones) = pinned_fixture_tests(FIXTURES, STILL_HELD, HELD_BY, NOT_HELD)


@pytest.mark.parametrize(("name", "label"), [
    ("İçindekiler", "toc"), ("Araştırma makaleleri", "papers"), ("Çıkarımlar", "implications"),
    ("Kaynaklar:", "sources"), ("Daftar isi", "toc"), ("Makalah penelitian", "papers"), ("Implikasi", "implications"),
    ("Sumber:", "sources"), ("Περιεχόμενα", "toc"), ("Ερευνητικές εργασίες", "papers"), ("Επιπτώσεις", "implications"),
    ("Πηγές:", "sources"), ("Yaliyomo", "toc"), ("Tafiti mpya", "papers"), ("Athari", "implications"),
    ("Vyanzo:", "sources"), ("Heuristik", "heuristics"), ("Artigos de pesquisa", "papers"),
    ("Research\u00a0Papers", "papers"), ("Spis\u00a0treści", "toc"),
])
def test_section_names_in_the_languages_added_are_read(name: str, label: str) -> None:
    assert _label_of(name) == label


@pytest.mark.parametrize("name", ["Ankara", "Penelitian lapangan di Papua", "Athari za mvua katika mji"])
def test_a_word_that_only_starts_like_a_section_name_is_no_section(name: str) -> None:
    assert _label_of(name) is None
