"""The ninth red-team pass on ``guancha check``, by a helper who had not read the checker and was told to use shapes
and defects no earlier team used: static-site and notebook exports with front matter (Quarto, R Markdown, Jekyll,
Hugo, Docusaurus, Pelican), man pages, LaTeX, Typst, DocBook, EPUB, a CMS's JSON answer, Discourse, Outlook and AMP
pages, footnote citations, Hebrew, Vietnamese, Hindi and Traditional Chinese, box drawing and printed contents; and
defects an editor would catch (a search-results page or a shortened link as a source, hidden instructions to AI
readers, a Markdown tracking pixel, an impossible date, confidence written "100%" or 0, chat-tool leftovers, NaN).
Against the checker as it was, 20 of 30 clean briefings were held and 12 of 20 defective ones passed. The fixtures
are the helper's, fictional, in the project's own words (see the README beside them).

What is still wrong is pinned too, so that a change either way shows."""

from __future__ import annotations

from pathlib import Path

from tests.check_pins_support import pinned_fixture_tests

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-redteam9"

# clean briefings still held, with the errors; everything else in clean/ passes
STILL_HELD: dict[str, set[str]] = {
    # heuristics as bold "**key:** value" lines, now read; but they name no domain, which the reference format
    # asks for and without which the knowledge base cannot store them: rightly held
    "c01_gdocs_download_markdown.md": {"heuristics-fields"},
    "c08_manpage.7": {"citations-per-story", "section-implications", "section-papers", "story-words", "toc-match"},
    "c09_latex.tex": {"citations-per-story", "section-implications", "section-papers", "story-words", "title-format",
                      "toc-match"},
    "c10_json_api_markdown.json": {"section-implications", "section-papers", "story-count"},
    # Hebrew: sections and the <nav> contents are read; the three stories are 76-87 words, under 40% of the spec's
    # minimum even if each Hebrew word stood for one and a half English ones: stubs, held as any language's are
    "c17_hebrew_rtl.html": {"story-words"},
    "c30_docbook.xml": {"section-implications", "section-papers", "story-words", "title-format"},
}
# the defect not held: one outlet for every source, a warning (source-diversity): a wire's own desk, or a watcher of
# one regulator's releases, may rightly cite only that site
NOT_HELD = {"d09_every_source_one_outlet.md"}
HELD_BY = {
    "d01_search_results_page_source.md": "link-unsafe",
    "d02_bitly_shortened_source.rst": "link-unsafe",
    "d03_arxiv_id_month_after_report.md": "link-fabricated",
    "d04_confidence_100_percent.mdx": "heuristics-confidence",
    "d05_empty_implications.md": "section-implications",
    "d06_display_none_hidden_paragraph.html": "hygiene-hidden-text",
    "d07_invisible_prompt_injection.html": "hygiene-ai-instructions",
    "d08_lorem_ipsum_paragraph.md": "hygiene-placeholder",
    "d10_title_without_date.md": "title-format",
    "d11_impossible_date_sept_31.md": "title-format",
    "d12_source_seven_years_old.md": "source-freshness",
    "d13_confidence_zero.md": "heuristics-confidence",
    "d14_windows_local_path_source.md": "link-placeholder",
    "d15_hash_href_citation.html": "link-placeholder",
    "d16_dangling_footnote_marker.md": "hygiene-placeholder",
    "d17_oaicite_artifact.md": "hygiene-placeholder",
    "d18_replacement_characters.md": "encoding-mojibake",
    "d19_nan_undefined_values.md": "hygiene-placeholder",
    "d20_markdown_tracking_image.md": "hygiene-active-content",
}
(test_a_clean_briefing_passes_or_is_held_only_where_pinned, test_a_planted_defect_is_held_by_the_rule_that_names_it,
 test_the_defects_not_held_are_the_pinned_ones) = pinned_fixture_tests(FIXTURES, STILL_HELD, HELD_BY, NOT_HELD)
