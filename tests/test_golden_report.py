"""The demo's briefing is deterministic: its Markdown, HTML and JSON equal the expected files byte for byte."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden_report import FORMATS, GOLDEN, demo_report


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return demo_report(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_demo_briefing_equals_the_golden_file(demo_files: dict[str, str], fmt: str) -> None:
    expected_path = GOLDEN / f"china-ai-2026-05-02.{fmt}"
    expected = expected_path.read_text(encoding="utf-8")
    actual = demo_files[fmt]
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            fromfile=str(expected_path), tofile="demo output", n=1))
        pytest.fail(f"the demo's {fmt} changed (refresh on purpose with "
                    f"`python -m tests.golden_report --refresh`):\n{diff[:6000]}")


def test_golden_files_hold_no_run_specific_values() -> None:
    for fmt in FORMATS:
        text = (GOLDEN / f"china-ai-2026-05-02.{fmt}").read_text(encoding="utf-8")
        assert "127.0.0.1:" not in text and "{base}" in text
        assert Path(GOLDEN / f"china-ai-2026-05-02.{fmt}").stat().st_size > 2000
