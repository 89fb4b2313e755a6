"""The fourth red-team pass over `guancha check`: a hang on many links, a traceback on deeply nested YAML, a folder
check that followed a link out of the folder, and defects that passed the gates (links and markup that run code,
placeholder text, a paper from the future, a confidence of 1.7, a code fence never closed)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from guancha import yamlload
from guancha.briefing import EARLIER_REPORT_HREF_RE, Link
from guancha.check import check_view
from guancha.check.gates import links as link_gate
from guancha.check.text import BARE_URL_RE
from guancha.check.view import BriefingView, load_view
from tests.conftest import run_cli

HERE = Path(__file__).parent / "fixtures" / "briefings-redteam4"
CLEAN = Path(__file__).parent / "fixtures" / "briefings" / "clean.md"


def _clean() -> str:
    return CLEAN.read_text(encoding="utf-8")


def _errors(view: BriefingView, rule: str) -> list[str]:
    return [f.message for f in check_view(view).findings if f.rule == rule and f.severity == "error"]


def _md(text: str) -> BriefingView:
    return load_view(text, filename="report.md")


# --------------------------------------------------------------------------- 1. links: linear, same links found


def _old_every_link(doc: BriefingView) -> list[tuple[Link, int | None]]:
    """The rule's former code, kept as the reference for what it finds (it compared each link with every earlier
    one: 80,000 links ran for more than 900 s)."""
    out: list[tuple[Link, int | None]] = []
    seen: set[tuple[str, int | None]] = set()
    for story in doc.stories:
        for link in story.inline_links + story.sources:
            key = (link.url, link.line)
            if key not in seen:
                seen.add(key)
                out.append((link, story.number))
    for paper in doc.papers:
        if paper.url and (paper.url, paper.line) not in seen:
            seen.add((paper.url, paper.line))
            out.append((Link(text=paper.title or "", url=paper.url, line=paper.line), None))
    report_links = {(s.earlier_report.url, s.earlier_report.line) for s in doc.stories if s.earlier_report is not None
                    and EARLIER_REPORT_HREF_RE.fullmatch(s.earlier_report.url)}
    for link in doc.all_links:
        if (link.url, link.line) in report_links:
            continue
        if (link.url, link.line) not in seen and not any(link.url == u for (u, _) in seen):
            seen.add((link.url, link.line))
            out.append((link, doc.story_of_line(link.line)))
    for ln in doc.lines:
        for m in BARE_URL_RE.finditer(ln.text):
            url = m.group(0).rstrip(".,;:")
            if not any(url == u for (u, _) in seen):
                seen.add((url, ln.line))
                out.append((Link(text="", url=url, line=ln.line), doc.story_of_line(ln.line)))
    return out


def _many_links(n: int, *, per_paragraph: int = 50) -> str:
    paras = [" ".join(f"[s{k}](https://site{k}.org/a/{k})" for k in range(start, min(n, start + per_paragraph)))
             for start in range(0, n, per_paragraph)]
    return "# Many Links — 2026-05-02\n\n" + "\n\n".join(paras) + "\n"


SMALL_REPORTS = [
    _clean(),
    _clean().replace("## Research Papers", "See https://www.example-data.org/table.csv and [again](https://www."
                     "example-data.org/table.csv); also https://plain.org/x.\n\n## Research Papers", 1),
    "# T — 2026-05-02\n\nIntro [a](https://a.org/1) and https://a.org/1 and https://b.org/2.\n\n## 1. Story\n\n"
    "Text [b](https://b.org/2) and [c](https://c.org/3) then [c again](https://c.org/3).\n\nSources:\n"
    "- [C](https://c.org/3)\n- [D](https://d.org/4)\n\n## 2. Other\n\nhttps://e.org/5 is bare, [f](https://f.org/6).\n",
    _many_links(120, per_paragraph=7),
]


@pytest.mark.parametrize("text", SMALL_REPORTS, ids=["clean", "clean+bare", "mixed", "120-links"])
def test_every_link_finds_what_the_former_quadratic_code_found(text: str) -> None:
    view = _md(text)
    assert link_gate._every_link(view) == _old_every_link(view)


def _lines_run(fn: Callable[..., object], *args: object) -> int:
    """How many lines of the file that holds ``fn`` run during ``fn(*args)`` (its generator expressions included): a
    count of work, not of seconds."""
    counted = 0
    gate_file = fn.__code__.co_filename

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal counted
        if frame.f_code.co_filename != gate_file:
            return None
        if event == "line":
            counted += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return counted


def test_every_link_does_work_in_proportion_to_the_links() -> None:
    """Twice the links, about twice the lines run (the former code ran four times as many: a scan per link)."""
    small, large = _md(_many_links(1000)), _md(_many_links(2000))
    work_small = _lines_run(link_gate._every_link, small)
    work_large = _lines_run(link_gate._every_link, large)
    assert work_large <= 2.2 * work_small, (work_small, work_large)
    assert _lines_run(_old_every_link, large) > 3 * _lines_run(_old_every_link, small)   # the counter sees it


def test_a_report_of_20000_links_is_read_and_checked() -> None:
    view = _md(_many_links(20_000))
    found = link_gate._every_link(view)
    assert len(found) == 20_000 and len({link.url for link, _ in found}) == 20_000
    result = check_view(view)
    assert not [f for f in result.findings if f.rule in {"link-placeholder", "link-fabricated"}]


# --------------------------------------------------------------------------- 2. deeply nested YAML


def test_yaml_nested_past_the_limit_is_refused_before_it_is_read() -> None:
    ok = "[" * yamlload.MAX_DEPTH + "]" * yamlload.MAX_DEPTH
    assert yamlload.safe_load(ok) is not None
    for depth in (yamlload.MAX_DEPTH + 1, 1_000, 50_000):
        with pytest.raises(yamlload.DepthRefused, match="nested more than"):
            yamlload.safe_load("[" * depth + "]" * depth)
    block = "a:\n" + "".join("  " * k + "- b:\n" for k in range(1, 160)) + "  " * 160 + "- 1\n"
    with pytest.raises(yamlload.DepthRefused):
        yamlload.safe_load(block)
    assert isinstance(yamlload.DepthRefused(problem="x"), yaml.YAMLError)   # callers that catch YAMLError see it


def test_deep_yaml_is_refused_without_libyaml_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml stops at 1,000 levels with a plain error; the pure-Python loader recursed into a RecursionError."""
    monkeypatch.setattr(yamlload, "_FAST_LOADER", yaml.SafeLoader)
    with pytest.raises(yamlload.DepthRefused):
        yamlload.safe_load("[" * 5_000 + "]" * 5_000)


def test_deep_yaml_in_the_heuristics_block_is_a_finding_and_exit_1(tmp_path: Path) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    text = _clean().replace("```yaml\nheuristics:\n", f"```yaml\nnesting: {deep}\nheuristics:\n", 1)
    assert deep in text
    messages = _errors(_md(text), "heuristics-yaml")
    assert messages and "nested more than 100 levels" in messages[0], messages
    (tmp_path / "deep.md").write_text(text, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "deep.md"), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "nested more than 100 levels" in result.stdout


# --------------------------------------------------------------------------- 3. check DIR and symbolic links


def test_check_dir_skips_a_link_out_of_the_folder_and_says_so(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "today.md").write_text(_clean(), encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "latest.md").symlink_to("today.md")   # a link inside the folder is the folder's own report
    (folder / "gone.md").symlink_to(tmp_path / "missing.md")
    result = run_cli("check", str(folder), "--json", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    sources = {Path(r["source"]).name for r in data["reports"]}
    assert sources == {"today.md", "latest.md"}, sources
    assert {Path(s["file"]).name for s in data["skipped"]} == {"passwd.txt", "gone.md"}
    assert "skipped" in result.stderr and "passwd.txt" in result.stderr and "outside" in result.stderr
    assert "root:x" not in result.stdout


# --------------------------------------------------------------------------- 4a. javascript:, data:, vbscript: links


def test_markdown_links_a_renderer_refuses_get_the_html_reports_finding() -> None:
    messages = _errors(load_view(HERE / "refused-links.md"), "link-placeholder")
    shown = {m.split(":", 1)[0].lower() for m in messages}
    assert shown == {"javascript", "data", "vbscript"}, messages
    assert any(m.startswith("javascript:void(0):") for m in messages)          # the whole target, parentheses in
    assert any("alert(2)" in m for m in messages) and any("alert(1)" in m for m in messages)   # a definition, an entity
    assert not any("data:image/png" in m for m in messages)                     # an inline image is shown, not run
    html_messages = _errors(load_view(b'<h1>T - 2026-05-02</h1><p><a href="javascript:alert(1)">x</a></p>',
                                      filename="r.html"), "link-placeholder")
    assert any("a javascript: link" in m for m in messages) and any("a javascript: link" in m for m in html_messages)


def test_a_one_label_host_is_a_placeholder_link() -> None:
    text = _clean().replace("https://www.fenwickcells.com/news/lorain-line-one-opens", "https://TBD/haul-log", 1)
    messages = _errors(_md(text), "link-placeholder")
    assert len(messages) == 1 and "tbd is not a public host name" in messages[0], messages


# --------------------------------------------------------------------------- 4b. active content


def test_script_iframe_and_event_handlers_are_active_content() -> None:
    messages = _errors(load_view(HERE / "active-content.html"), "hygiene-active-content")
    assert len(messages) == 3, messages     # not the JSON-LD data block, not the escaped &lt;script&gt;
    assert any("<script>" in m for m in messages) and any("<iframe>" in m for m in messages)
    assert any("onerror=" in m for m in messages)   # across three lines of one <img> tag


def test_markup_inside_markdown_code_is_text_not_active_content() -> None:
    shown = _clean().replace("The economics rest on materials.",
                             "The exploit hid a `<script>` tag and an `onerror=` handler. The economics rest on materials.",
                             1)
    fenced = shown.replace("## Research Papers", "```html\n<script>alert(1)</script>\n```\n\n## Research Papers", 1)
    assert _errors(_md(fenced), "hygiene-active-content") == []
    live = _clean().replace("The economics rest on materials.", '<img src=x onerror="alert(1)"> The economics rest', 1)
    assert len(_errors(_md(live), "hygiene-active-content")) == 1


# --------------------------------------------------------------------------- 4c. placeholder text


@pytest.mark.parametrize("placeholder", ["TODO: add the council's figures.", "The date is TBD.",
                                         "It arrives in a third of the time [citation needed].",
                                         "Lorem ipsum dolor sit amet.", "[INSERT FORECAST HERE]", "FIXME"])
def test_placeholder_text_is_an_error(placeholder: str) -> None:
    text = _clean().replace("The economics rest on materials.", placeholder + " The economics rest on materials.", 1)
    messages = _errors(_md(text), "hygiene-placeholder")
    assert len(messages) == 1 and "placeholder text" in messages[0], messages


def test_words_that_only_look_like_placeholders_pass() -> None:
    text = _clean().replace("The economics rest on materials.",
                            "The app's to-do list and todo widgets ship as Tbd Labs' product; the insert [sic] stays. "
                            "See [the docs](https://example-docs.org/TODO/guide). The economics rest on materials.", 1)
    assert _errors(_md(text), "hygiene-placeholder") == []


# --------------------------------------------------------------------------- 4d. papers from the future


def test_a_paper_dated_after_the_report_is_an_error_and_the_window_is_named() -> None:
    future = _clean().replace("(April 28, 2026)", "(May 9, 2026)", 1)
    messages = _errors(_md(future), "paper-freshness")
    assert len(messages) == 1 and "7 days after the report date 2026-05-02" in messages[0], messages
    next_day = _clean().replace("(April 28, 2026)", "(May 3, 2026)", 1)   # a time zone, not an error
    assert _errors(_md(next_day), "paper-freshness") == []
    old = _clean().replace("(April 28, 2026)", "(January 28, 2026)", 1)
    warnings = [f.message for f in check_view(_md(old)).findings if f.rule == "paper-freshness"]
    assert len(warnings) == 1 and "the paper window is 14 days (checks.paper_window_days)" in warnings[0], warnings


# --------------------------------------------------------------------------- 4e. confidence above 1


@pytest.mark.parametrize("value", ["1.7", "1.01", "2", "'1.7'", "170", "-0.2", "101%"])
def test_a_confidence_outside_0_1_is_an_error(value: str) -> None:
    text = _clean().replace("    confidence: high\n", f"    confidence: {value}\n", 1)
    messages = _errors(_md(text), "heuristics-confidence")
    assert len(messages) == 1 and ("outside 0-1" in messages[0] or "neither" in messages[0]), messages


@pytest.mark.parametrize("value", ["1", "0", "1.0", "'100%'", "0%"])
def test_a_confidence_of_certainty_is_an_error(value: str) -> None:
    """A rule held with certainty (or not at all) is no decision rule new evidence can test; the knowledge base keeps
    every confidence within 0.05-0.95."""
    text = _clean().replace("    confidence: high\n", f"    confidence: {value}\n", 1)
    messages = _errors(_md(text), "heuristics-confidence")
    assert len(messages) == 1 and "held with certainty" in messages[0], messages


@pytest.mark.parametrize("value", ["0.7", "0.95", "0.05", "'0.65'", "70%", ".5"])
def test_a_confidence_from_0_to_1_or_a_percentage_passes(value: str) -> None:
    text = _clean().replace("    confidence: high\n", f"    confidence: {value}\n", 1)
    text = text.replace("    confidence: medium\n", f"    confidence: {value}\n", 1)   # one scale throughout
    assert [f for f in check_view(_md(text)).findings if f.rule == "heuristics-confidence"] == []


# --------------------------------------------------------------------------- 4f. a code fence never closed


def test_an_unclosed_code_fence_is_named_with_its_line() -> None:
    text = _clean().rstrip("\n")
    assert text.endswith("```")
    unclosed = text[: -len("```")].rstrip("\n") + "\n"
    line = unclosed.split("\n").index("```yaml") + 1
    messages = _errors(_md(unclosed), "hygiene-unclosed-fence")
    assert len(messages) == 1 and f"'```yaml' opened on line {line} is never closed" in messages[0], messages
    tilde = _clean().replace("```yaml", "~~~yaml", 1).replace("\n```\n", "\n~~~\n", 1)
    inline = _clean().replace("The economics rest", "```inline```\n\nThe economics rest", 1)
    for closed in (_clean(), tilde, inline):
        assert _errors(_md(closed), "hygiene-unclosed-fence") == []


# --------------------------------------------------------------------------- the clean reports stay clean


NEW_RULES = {"hygiene-placeholder", "hygiene-active-content", "hygiene-unclosed-fence", "hygiene-hidden-text"}
CLEAN_FIXTURES = [p for d in sorted((Path(__file__).parent / "fixtures").glob("briefings*"))
                  for p in sorted(d.rglob("*")) if p.suffix in {".md", ".html", ".txt"}
                  and not p.name.startswith("defect-") and p.name != "README.md" and "near-clean" not in p.parts and "defective" not in p.parts
                  and d.name != "briefings-redteam4"]


@pytest.mark.parametrize("path", CLEAN_FIXTURES, ids=[f"{p.parent.name}/{p.name}" for p in CLEAN_FIXTURES])
def test_the_new_rules_find_nothing_in_clean_fixtures(path: Path) -> None:
    findings = check_view(load_view(path)).findings
    assert [f.message for f in findings if f.rule in NEW_RULES] == []
    assert [f.message for f in findings if f.rule in {"heuristics-confidence", "paper-freshness"}
            and f.severity == "error"] == []


# --------------------------------------------------------------------------- the new patterns stay linear


HOSTILE = {"link-targets": "](", "nested-targets": "](x(", "entities": "](java&#115;", "tags": "<a on",
           "inserts": "[INSERT ", "backticks": "`", "fences": "```\n", "definitions": "[x]: " + "a" * 50 + "\n"}


def _cpu(text: str, name: str) -> float:
    import time

    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        check_view(load_view(text, filename=name))
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("name", ["x.md", "x.html"])
@pytest.mark.parametrize("unit", list(HOSTILE.values()), ids=list(HOSTILE))
def test_the_new_rules_read_hostile_lines_in_linear_time(unit: str, name: str) -> None:
    """As in test_hostile: four times the input may cost about four times the CPU, never the sixteen of a
    quadratic scan (the floor keeps a tiny cost's noise from reading as growth)."""
    def text(size: int) -> str:
        return "# T — 2026-05-02\n\n" + unit * (size // len(unit))

    small, large = _cpu(text(50_000), name), _cpu(text(200_000), name)
    assert large <= 10 * max(small, 0.05), f"4x the input cost {large / max(small, 1e-9):.1f}x the CPU"
