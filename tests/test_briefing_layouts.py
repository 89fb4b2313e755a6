"""Any briefing's layout (issue 10): a clean briefing has zero error findings whether its title is a heading,
a plain first line followed by Markdown headings, an HTML <h1>, a paragraph, or only the page's <title>,
and in plain text; the report date is found in each."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import markdown_it
import pytest

from guancha.briefing import parse_document
from tests.conftest import run_cli

CLEAN = Path(__file__).parent / "fixtures" / "briefings" / "clean.md"
DAY = dt.date(2026, 5, 2)


def _plain_title_markdown(md: str) -> str:
    return md.replace("# ", "", 1)                      # "🔋 Grid Storage — 2026-05-02" as a plain line


def _text(md: str) -> str:
    lines = [ln[3:] if ln.startswith("## ") else ln for ln in _plain_title_markdown(md).splitlines()]
    return "\n".join(lines) + "\n"


def _html(md: str) -> str:
    return f"<html><body>{markdown_it.MarkdownIt().render(md)}</body></html>"


def _html_title_in_a_paragraph(md: str) -> str:
    return _html(md).replace("<h1>", "<p>", 1).replace("</h1>", "</p>", 1)


def _html_title_only_in_head(md: str) -> str:
    body = markdown_it.MarkdownIt().render(md).split("</h1>", 1)[1]
    title = md.splitlines()[0].removeprefix("# ")
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


LAYOUTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "markdown-heading-title": ("md", lambda md: md),
    "markdown-plain-title-line": ("md", _plain_title_markdown),
    "text": ("txt", _text),
    "html-h1": ("html", _html),
    "html-title-paragraph": ("html", _html_title_in_a_paragraph),
    "html-head-title-only": ("html", _html_title_only_in_head),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_clean_briefing_in_any_layout_has_no_error_and_its_date(layout: str, tmp_path: Path) -> None:
    suffix, convert = LAYOUTS[layout]
    text = convert(CLEAN.read_text(encoding="utf-8"))
    doc = parse_document(text, filename=f"briefing.{suffix}")
    assert doc.date == DAY and "Grid Storage" in (doc.title or "")
    assert len(doc.toc) == len(doc.stories) > 0
    path = tmp_path / f"briefing.{suffix}"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("check", str(path), "--json")
    data = json.loads(proc.stdout)
    assert data["errors"] == 0, [f for f in data["findings"] if f["severity"] == "error"]
