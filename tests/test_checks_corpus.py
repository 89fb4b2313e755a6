"""The gates over real reports of the reference system (the dev archive in ../shared/corpus, skipped when
absent): the failure kinds REFERENCE.md lists are found where they occur, and the seed report (after the
document parser's repair) has no narration, tool-output or link findings."""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from guancha.check import check_view
from guancha.check.findings import CheckResult
from guancha.check.view import load_view
from tests.conftest import require_corpus, require_seed

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    corpus = require_corpus()
    out = tmp_path_factory.mktemp("corpus")
    with tarfile.open(corpus) as tar:
        tar.extractall(out, filter="data")
    pages = [p for p in out.rglob("*.html")]
    assert len(pages) > 200
    yield pages[0].parent


_results: dict[str, CheckResult] = {}


def _check(archive: Path, name: str) -> CheckResult:
    if name not in _results:
        _results[name] = check_view(load_view(archive / name))
    return _results[name]


@pytest.mark.parametrize(
    ("page", "rule"),
    [
        # narration published as the opening line / title
        ("report-agentworld-2026-06-16.html", "hygiene-narration"),
        ("report-china-2026-04-08.html", "hygiene-narration"),
        ("report-orbital-2026-06-15.html", "hygiene-narration"),
        ("report-hemispherical-2026-06-16.html", "hygiene-narration"),
        # CLI boxes from a tool's output
        ("report-agi-2026-06-11.html", "hygiene-tool-output"),
        ("report-polylogos-2026-06-10.html", "hygiene-tool-output"),
        # internal config comments
        ("report-agi-2026-05-03.html", "hygiene-config-comment"),
        ("report-orbital-2026-04-06.html", "hygiene-config-comment"),
        # placeholder and made-up links
        ("report-agentworld-2026-05-06.html", "link-placeholder"),
        ("report-orbital-2026-04-06.html", "link-fabricated"),
        ("report-recursive-2026-05-06.html", "link-fabricated"),
        # padding: a sentence repeated; one story repeated with names swapped
        ("report-agentworld-2026-05-06.html", "repetition"),
        ("report-agentworld-2026-05-06.html", "templated-stories"),
        ("report-agentworld-2026-05-07.html", "templated-stories"),
        # score sheets published as reports
        ("report-agentworld-2026-03-25-rubric-score.html", "hygiene-self-score"),
        ("report-art-culture-2026-03-25-score-iteration-1.html", "hygiene-self-score"),
    ],
)
def test_reference_failure_kinds_are_found_where_they_occur(archive: Path, page: str, rule: str) -> None:
    result = _check(archive, page)
    hits = [f for f in result.findings if f.rule == rule]
    assert hits and all(f.severity == "error" for f in hits), sorted(result.by_rule())


def test_every_page_with_a_config_comment_or_example_link_is_caught(archive: Path) -> None:
    """Ground truth by plain search of the raw pages, independent of the rules' patterns."""
    config_pages, example_pages = [], []
    for page in sorted(archive.glob("*.html")):
        raw = page.read_text(encoding="utf-8", errors="replace")
        if "SHIP_THRESHOLD" in raw:
            config_pages.append(page.name)
        if re.search(r'href="https?://(www\.)?example\.com', raw):
            example_pages.append(page.name)
    assert config_pages and example_pages
    for name in config_pages:
        assert _check(archive, name).by_rule()["hygiene-config-comment"], name
    for name in example_pages:
        assert _check(archive, name).by_rule()["link-placeholder"], name


def test_a_sound_real_report_has_no_hygiene_or_link_errors(archive: Path) -> None:
    result = _check(archive, "report-china-2026-05-02.html")
    assert len(load_view(archive / "report-china-2026-05-02.html").stories) == 6
    bad = [f for f in result.errors if f.rule.startswith(("hygiene-", "link-", "encoding-", "repetition", "templated"))]
    assert bad == []


def test_seed_after_repair_has_no_narration_tool_output_or_link_findings() -> None:
    seed = require_seed()
    view = load_view(seed)
    assert view.title is not None and view.title.text.startswith("🇨🇳 China AI — 2026-05-02")
    assert len(view.stories) == 6 and "—" in view.stories[0].heading
    result = check_view(view)
    forbidden = {"hygiene-narration", "hygiene-tool-output", "link-placeholder", "link-fabricated"}
    assert not [f for f in result.findings if f.rule in forbidden]
    # the damage the file arrived with is reported, not hidden
    assert result.by_rule()["encoding-mojibake"] > 0
