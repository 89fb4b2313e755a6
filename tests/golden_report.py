"""The bundled sample's extractive briefing as expected output, compared whole (as pelican compares its site).

Refresh on purpose, after a change that is meant to alter the briefing, with

    python -m tests.golden_report --refresh

and read the diff before committing it. URLs on the demo server and the article ids derived from them are
written as ``{base}`` and ``<article-id>``, since the server's port changes from run to run, and stage
timings as 0.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
FORMATS = ("md", "html", "json")
_ARTICLE_ID = re.compile(r'("article_id": )"[0-9a-f]{32}"')
_TIMINGS = re.compile(r'"timings_ms": \{[^{}]*\}')
_MILLISECONDS = re.compile(r"\d+")


def normalise(text: str, base: str) -> str:
    """Replace what differs between two runs of the same sample: the server's base URL, the article ids
    derived from it, and the stage timings."""
    text = _ARTICLE_ID.sub(r'\1"<article-id>"', text.replace(base, "{base}"))
    return _TIMINGS.sub(lambda m: _MILLISECONDS.sub("0", m.group(0)), text)


def demo_report(workdir: Path) -> dict[str, str]:
    """Run the demo on the bundled sample into ``workdir`` and return its report files, normalised."""
    from guancha.demo import run_demo

    result = run_demo(workspace=workdir / "ws")
    paths = result.run.paths
    assert paths, f"the demo run did not finalise: {result.run.status}"
    return {fmt: normalise(Path(paths[fmt]).read_text(encoding="utf-8"), result.base) for fmt in FORMATS}


def refresh() -> None:
    with tempfile.TemporaryDirectory(prefix="guancha-golden-") as tmp:
        files = demo_report(Path(tmp))
    GOLDEN.mkdir(exist_ok=True)
    for fmt, text in files.items():
        (GOLDEN / f"china-ai-2026-05-02.{fmt}").write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN / f'china-ai-2026-05-02.{fmt}'}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    if sys.argv[1:] != ["--refresh"]:
        sys.exit("usage: python -m tests.golden_report --refresh")
    refresh()
