"""The twenty-first red-team pass on ``guancha check``: five clean shapes red team 13 left held, now read (a Roam
or Workflowy outline whose headings are top-level bold bullets, a Joplin metadata trailer, a page whose contents,
papers and heuristics sit in an <aside> rail, a briefing quoted whole in a Markdown code fence, a Discord paste with
a bold title and message headers). Each is checked on a second fixture, one content set in other words and another
variant of the shape (README beside them), and on look-alikes the change must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.briefing import parse_document
from guancha.briefing.blocks import (
    fenced_markdown_report,
    outline_headings,
    without_chat_stamps,
    without_note_metadata,
)
from tests.check_pins_support import errors_of

FIXTURES = Path(__file__).parent / "fixtures" / "briefings-redteam21"
CLEAN = sorted((FIXTURES / "clean").iterdir())
PLAIN = FIXTURES / "clean" / "c06_plain_markdown.md"


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_a_clean_briefing_has_no_error(path: Path) -> None:
    assert errors_of(path) == set()


@pytest.mark.parametrize("name", [p.name for p in CLEAN if p != PLAIN])
def test_each_shape_reads_as_the_plain_markdown_does(name: str) -> None:
    """The same stories, sections and heuristics as the plain Markdown: nothing dropped, nothing read twice."""
    plain = parse_document(PLAIN.read_bytes(), filename=PLAIN.name)
    shaped = parse_document((FIXTURES / "clean" / name).read_bytes(), filename=name)
    assert [s.headline for s in shaped.stories] == [s.headline for s in plain.stories]
    assert [e.text for e in shaped.toc] == [e.text for e in plain.toc]
    assert len(shaped.papers) == len(plain.papers)
    assert all(p.title in q.text for p, q in zip(plain.papers, shaped.papers, strict=True))
    assert shaped.date == plain.date and shaped.topic == plain.topic
    assert shaped.heuristics is not None and plain.heuristics is not None
    assert _yaml_words(shaped.heuristics.raw) == _yaml_words(plain.heuristics.raw)


def _yaml_words(raw: str) -> list[str]:
    """The heuristics' words, without the fence lines one layout writes round them and another does not."""
    return [w for line in raw.split("\n") if not line.strip().startswith(("```", "~~~")) for w in line.split()]


# ---- look-alikes: what each change must leave as it was

def test_a_markdown_sample_fenced_inside_a_story_is_not_the_report() -> None:
    text = PLAIN.read_text(encoding="utf-8").replace(
        "**Sources:**", "```markdown\n# A sample heading\n\nA sample paragraph a reader may copy.\n```\n\n**Sources:**", 1)
    assert fenced_markdown_report(text) is None
    assert errors_of_text(text, "sample.md") == set()


def test_a_fence_not_labelled_markdown_is_not_unwrapped() -> None:
    body = PLAIN.read_text(encoding="utf-8")
    assert fenced_markdown_report("Note:\n\n```text\n" + body + "\n```\n") is None


def test_a_reply_that_quotes_mostly_prose_is_not_unwrapped() -> None:
    prose = "\n".join(f"Line {k} of a long reply that is not the briefing." for k in range(40))
    assert fenced_markdown_report(prose + "\n\n```md\n# Heading\n\nOne line.\n```\n") is None


@pytest.mark.parametrize("line", [
    "The valve test — today at 14:00 — passed without a leak.",
    "Brenholt council — Today at the hearing, residents asked for monthly readings",
    "Shift change — 07:02",
])
def test_a_sentence_with_a_time_is_no_chat_stamp(line: str) -> None:
    assert without_chat_stamps(line) == line


@pytest.mark.parametrize("line", ["Research Bot — Today at 07:02", "Mira Olsen — Yesterday at 9:40 PM",
                                  "Desk Relay APP — 11/26/2026 6:58 AM"])
def test_a_chat_message_header_is_blanked(line: str) -> None:
    assert without_chat_stamps(f"before\n{line}\nafter") == "before\n\nafter"


def test_a_trailing_key_value_table_without_note_ids_is_kept() -> None:
    table = "region: north\ncapacity: 38 GWh\nowner: Brenholt\nstatus: tested\nhearing: 2026-12-10\nnext: 2027-01-15"
    text = "# Title\n\nA closing paragraph.\n\n" + table + "\n"
    assert without_note_metadata(text) == text


def test_a_bold_bullet_inside_an_ordinary_report_is_no_heading() -> None:
    text = PLAIN.read_text(encoding="utf-8").replace(
        "**Sources:**", "- **Key figures**\n    - 38 GWh at peak\n    - nineteen days to draw down\n\n**Sources:**", 1)
    assert outline_headings(text) == text
    assert errors_of_text(text, "bold_bullet.md") == set()


def test_a_site_sidebar_aside_is_still_chrome() -> None:
    page = (FIXTURES / "clean" / "c05_left_rail_aside.html").read_text(encoding="utf-8")
    doc = parse_document(page.encode("utf-8"), filename="rail.html")
    assert not any("More from the desk" in b.text or "Subscribe" in b.text for b in doc.blocks)
    # a page with only the promo aside beside its main column: the aside is dropped, as before
    start, end = page.index('<aside class="rail-left">'), page.index("</aside>") + len("</aside>")
    bare = parse_document((page[:start] + page[end:]).encode("utf-8"), filename="bare.html")
    assert not any("More from the desk" in b.text for b in bare.blocks)


def errors_of_text(text: str, name: str) -> set[str]:
    """The error rules of a briefing given as text (written to no file)."""
    from guancha.check import check_view
    from guancha.check.view import load_view

    view = load_view(text.encode("utf-8"), filename=name)
    return {f.rule for f in check_view(view).findings if f.severity == "error"}


# ---- defects: a page's <title> naming another day than its visible title

def test_a_tab_title_dated_another_day_is_held() -> None:
    path = FIXTURES / "defective" / "d01_tab_title_week_old.html"
    assert "title-format" in errors_of(path)


@pytest.mark.parametrize("tab", ["🧂 Salt Caverns — 2026-11-26", "Salt Caverns desk", "Salt Caverns — archive",
                                 "🧂 Salt Caverns — 2026-11-19 (corrected 2026-11-26)"])
def test_a_tab_title_with_the_same_day_or_none_is_not_held(tab: str) -> None:
    page = (FIXTURES / "clean" / "c05_left_rail_aside.html").read_text(encoding="utf-8")
    page = page.replace("<title>🧂 Salt Caverns — 2026-11-26</title>", f"<title>{tab}</title>", 1)
    assert errors_of_text(page, "tab.html") == set()


# ---- defects: a report cut off in its prose, its tags closed or its file simply ending

@pytest.mark.parametrize("name", ["d02_html_cut_in_implications_tags_closed.html",
                                  "d03_markdown_ends_mid_paragraph.md"])
def test_a_report_cut_in_its_prose_is_held(name: str) -> None:
    assert "hygiene-truncated" in errors_of(FIXTURES / "defective" / name)


def _without_heuristics(text: str) -> str:
    return text[: text.index("## Heuristics")]


def test_a_whole_report_without_heuristics_is_not_called_cut() -> None:
    text = _without_heuristics(PLAIN.read_text(encoding="utf-8"))
    assert "hygiene-truncated" not in errors_of_text(text, "no_heuristics.md")


def test_a_report_ending_on_a_paper_entry_without_a_full_stop_is_not_called_cut() -> None:
    text = _without_heuristics(PLAIN.read_text(encoding="utf-8"))
    papers_at, implications_at = text.index("## Research Papers"), text.index("## Implications")
    moved = text[:papers_at] + text[implications_at:] + "\n" + text[papers_at:implications_at]
    assert moved.rstrip().endswith("early contracting")
    assert "hygiene-truncated" not in errors_of_text(moved, "papers_last.md")


def test_a_report_followed_by_its_heuristics_is_not_called_cut() -> None:
    """A paragraph left without its full stop, with the heuristics after it: a typo, not a cut file."""
    text = PLAIN.read_text(encoding="utf-8").replace("than any statement from the operators' association.",
                                                     "than any statement from the operators' association", 1)
    assert "hygiene-truncated" not in errors_of_text(text, "no_full_stop.md")
