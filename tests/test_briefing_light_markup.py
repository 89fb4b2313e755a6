"""One briefing written in the shapes real teams use, each read as the Markdown briefing it matches: AsciiDoc, Emacs
Org, stories folded in ``<details>``, contents in a ``<nav>`` with no heading, contents nested under a "Stories"
bullet beside the sections, and one numbered reference list at the end cited as "[3]". Each was a clean report that
``guancha check`` held ("no stories", "the table of contents is missing", 0 citations). The fixtures are fictional,
written for these tests in the project's own words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guancha.briefing import parse_document
from guancha.check import check_view
from guancha.check.view import load_view
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-layouts-light"
MARKDOWN = FIXTURES / "contents-at-top.md"


def _findings(path: Path, text: str | None = None) -> list[tuple[str, str, str, int]]:
    data = path.read_bytes() if text is None else text.encode("utf-8")
    view = load_view(data, filename=path.name)
    return sorted((f.rule, f.severity, f.location.section, f.location.story or 0) for f in check_view(view).findings)


@pytest.mark.parametrize("name", ["asciidoc.adoc", "org-mode.org", "folded-stories.html",
                                  "nav-labelled-in-this-issue.html", "nav-of-page-anchors.html",
                                  "site-menu-nav.html", "contents-nested-with-sections.md",
                                  "one-reference-list.md"])
def test_each_shape_is_checked_as_the_markdown_briefing_is(name: str) -> None:
    expected = _findings(MARKDOWN)
    assert ("story-count", "error", "report", 0) not in expected
    assert _findings(FIXTURES / name) == expected


@pytest.mark.parametrize("name", ["asciidoc.adoc", "org-mode.org", "folded-stories.html"])
def test_the_stories_headlines_and_citations_are_read(name: str) -> None:
    markdown = parse_document(MARKDOWN.read_bytes(), filename=MARKDOWN.name)
    doc = parse_document((FIXTURES / name).read_bytes(), filename=name)
    assert [s.headline for s in doc.stories] == [s.headline for s in markdown.stories]
    assert doc.date == markdown.date
    for mine, theirs in zip(doc.stories, markdown.stories, strict=True):
        assert [ln.url for p in mine.paragraphs for ln in p.links] == [ln.url for p in theirs.paragraphs for ln in p.links]
    assert doc.heuristics is not None and "design-for-the-shortcut" in doc.heuristics.raw


def test_light_markup_keeps_the_authors_line_numbers() -> None:
    for name in ("asciidoc.adoc", "org-mode.org"):
        lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
        doc = parse_document((FIXTURES / name).read_bytes(), filename=name)
        for story in doc.stories:
            assert story.headline.split(" — ")[0] in lines[story.line - 1]


def test_asciidoc_and_org_are_known_without_their_file_names() -> None:
    for name in ("asciidoc.adoc", "org-mode.org"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert len(parse_document(text, filename=None).stories) == 3


def test_a_site_menu_in_a_nav_is_not_the_contents() -> None:
    view = load_view((FIXTURES / "site-menu-nav.html").read_bytes(), filename="x.html")
    assert not any("Archive" in entry.text for entry in view.toc)


def test_numbered_references_are_citations_only_when_each_number_means_one_source() -> None:
    text = (FIXTURES / "one-reference-list.md").read_text(encoding="utf-8")
    doc = parse_document(text, filename="x.md")
    assert [len({ln.url for p in s.paragraphs for ln in p.links}) for s in doc.stories] == [3, 3, 3]
    assert not any(s.headline == "References" for s in doc.stories)
    # the same number given to two addresses: no guess at which one a "[2]" means
    doubled = text.replace("## References\n\n", "## References\n\n2. https://www.elsewhere.net/another-page\n")
    cited = parse_document(doubled, filename="x.md")
    assert all(ln.text != "[2]" for s in cited.stories for p in s.paragraphs for ln in p.links)


def test_the_contents_entries_that_name_sections_are_not_stories() -> None:
    view = load_view((FIXTURES / "contents-nested-with-sections.md").read_bytes(), filename="x.md")
    assert len(view.toc) == 3
    wrong = (FIXTURES / "contents-nested-with-sections.md").read_text(encoding="utf-8").replace(
        "  - 🚉 Rail Operator Doubles Bicycle Spaces on Coastal Trains", "  - 🚉 Ferry Operator Adds Bike Racks")
    assert ("toc-match", "error", "toc", 0) in _findings(FIXTURES / "x.md", wrong)


def test_prose_under_no_heading_is_named_as_a_layout_problem_not_a_report_without_news() -> None:
    lines = [ln for ln in MARKDOWN.read_text(encoding="utf-8").split("\n")
             if not ln.startswith("## ") or ln.startswith(("## Research", "## Implications", "## HEURISTICS"))]
    view = load_view("\n".join(lines).encode("utf-8"), filename="flat.md")
    [finding] = [f for f in check_view(view).findings if f.rule == "story-count"]
    assert finding.severity == "error"
    assert "no story headings were found" in finding.message and "'## Headline'" in finding.message


def test_check_of_a_folder_reads_asciidoc_and_org_and_names_what_it_cannot_read(tmp_path: Path) -> None:
    for name in ("asciidoc.adoc", "org-mode.org"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "monday.docx").write_bytes(b"PK\x03\x04")
    result = run_cli("check", str(tmp_path), "--json", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert sorted(Path(r["source"]).name for r in data["reports"]) == ["asciidoc.adoc", "org-mode.org"]
    assert [Path(s["file"]).name for s in data["skipped"]] == ["monday.docx"]
    assert "export it as Markdown, HTML or text" in data["skipped"][0]["reason"]
