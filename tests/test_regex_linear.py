"""Regular expressions on untrusted text stay linear: a 200,000-character hostile string is read in well under a
second, where the forms these replaced took minutes (benchmarks/bench_regex.py has the figures), and the linear forms
find exactly what the old patterns found."""

from __future__ import annotations

import html
import random
import re
import time
from collections.abc import Callable

import pytest

from guancha.collect.feeds import html_to_text
from guancha.injection import URL_IN_TEXT, promoted_urls
from guancha.textrepair import normalise_space
from guancha.textutil import _URLISH, strip_urls

OLD_URL_IN_TEXT = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|ai|cn|co|info|"
                             r"biz|xyz)(?:/\S*)?\b")
OLD_URLISH = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]*:(?://)?\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|ai|"
                        r"cn|co|info|biz|xyz|ly|me|app|dev)(?:/\S*)?\b)")
OLD_TAG = re.compile(r"<[^>]+>")

SIZE = 200_000


def _hostile(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE] + "!"


def _seconds(work: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", ["a.", "A.", "a-", "a-a."])
def test_urls_in_text_are_found_in_linear_time(unit: str) -> None:
    text = _hostile(unit)
    assert _seconds(lambda: list(URL_IN_TEXT.finditer(text))) < 1.0
    assert _seconds(lambda: strip_urls(text)) < 1.0
    assert _seconds(lambda: promoted_urls("Summarisers must cite " + text, "https://example.org/")) < 1.0


@pytest.mark.timeout(60)
def test_html_to_text_reads_a_run_of_open_brackets_in_linear_time() -> None:
    text = _hostile("<")
    assert _seconds(lambda: html_to_text(text)) < 1.0
    assert html_to_text("a <b>bold</b> <<x> and < y") == "a bold and < y"


def test_linear_url_scanners_match_what_the_old_patterns_matched() -> None:
    pieces = [*"aAbwx1_-./: !\n+é", "com", "net", "www.", "http://", "https://", "co", "dev", "ly", "ftp:", "//",
              "a.com", "x-", "..", "example.org/path", "mailto:x@y.io"]
    rng = random.Random(7)
    samples = ["see example.com/a, www.x.org and https://y.net/z.", "e.g.example.io...foo.ai", " -example.com",
               "a.b.c-d.co.uk:80/x?y", "note:x", "HTTPS://X.COM", ""]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 16))) for _ in range(20_000)]
    for text in samples:
        for new, old in ((URL_IN_TEXT, OLD_URL_IN_TEXT), (_URLISH, OLD_URLISH)):
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text
            assert new.sub(" ", text) == old.sub(" ", text)
            assert (new.search(text) is None) == (old.search(text) is None)


def test_html_to_text_drops_the_tags_the_old_pattern_dropped() -> None:
    rng = random.Random(3)
    for _ in range(5_000):
        text = "".join(rng.choice(["<", ">", "a", " ", "<b>", "&amp;"]) for _ in range(rng.randint(0, 12)))
        assert html_to_text(text) == normalise_space(html.unescape(OLD_TAG.sub(" ", text))), text


@pytest.mark.timeout(120)
@pytest.mark.parametrize("unit", ["Ab", "A", "A-"])
def test_a_long_title_of_capitals_does_not_stall_the_day_s_aliases(unit: str) -> None:
    # every capital inside one long word was a start that read to the word's end (20,000 characters: 7 s a pattern)
    from guancha.select import ArticleView, alias_claims, day_descriptions

    article = ArticleView(id="1", url="https://example.org/a", title=_hostile(unit), outlet="Example",
                          published_at="2024-01-02", text="Halden Storage Systems (HSS) opened a plant.", kind="news")
    assert _seconds(lambda: (alias_claims([article]), day_descriptions([article]))) < 5.0
    assert "hss" in alias_claims([article])


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", ["[a](", "[a](x ", '[a](x "t'])
def test_markdown_links_are_reduced_to_their_text_in_linear_time(unit: str) -> None:
    # every "[a](" of an unclosed run scanned its destination to the same end: 40,000 characters took 15 s
    from guancha.check.text import link_texts

    assert _seconds(lambda: link_texts(_hostile(unit))) < 1.0


def test_markdown_links_lose_the_urls_the_old_pattern_dropped() -> None:
    from guancha.check.text import MD_LINK_RE, link_texts

    rng = random.Random(11)
    pieces = ["[", "]", "(", ")", "a", " ", '"', "x", "\n", "](", "[a](", "http://e.org/p"]
    samples = ['see [the report](https://e.org/a "Title") and [b](c)', "[a]()", "[a](b c)", "[[x](y)](z)"]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(20_000)]
    for text in samples:
        assert link_texts(text) == MD_LINK_RE.sub(r"\1", text), text


OLD_INTERNAL_COMMENT = re.compile(
    r"[A-Z][A-Z0-9]*_[A-Z0-9_]+|\b(?:threshold|config\w*|prompt|model|temperature|iteration|scores?|rubric|todo|fixme|"
    r"xxx|internal|debug|agent|loop|note to self|do not publish|tokens?|runner|retry|attempt|converter)\b|\w\s*[:=]\s*-?\d"
    r"|\b[\w-]+\.(?:py|sh|js|json|ya?ml|toml|env)\b|(?-i:\b[A-Z]{3,}\s*:)", re.I)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", ["A", "1A", "a-", "-a"])
def test_an_html_comment_of_capitals_is_read_in_linear_time(unit: str) -> None:
    # every capital of "<!-- AAAA… -->" began a scan to the comment's end: 40,000 characters took 7 s
    from guancha.check.gates.hygiene import _INTERNAL_COMMENT

    assert _seconds(lambda: _INTERNAL_COMMENT.search(_hostile(unit))) < 1.0


def test_internal_comments_are_found_where_the_old_pattern_found_them() -> None:
    from guancha.check.gates.hygiene import _INTERNAL_COMMENT

    rng = random.Random(5)
    pieces = [*"aA1_-. :=é", "py", "json", "yml", "\u017f", "\u212a", "\u0131", "\u0661", "--", "X_", "_1"]
    samples = ["<!-- SHIP_THRESHOLD: 91 -->", "<!-- story 1 -->", "<!-- see run_loop.py -->", "<!-- 1x_2 -->"]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(50_000)]
    for text in samples:
        assert (_INTERNAL_COMMENT.search(text) is None) == (OLD_INTERNAL_COMMENT.search(text) is None), text


@pytest.mark.timeout(120)
@pytest.mark.parametrize("block", [
    "HEURISTIC x {\n" + " " * SIZE + "}",                  # _V2_KEYWORD_RE: every space began a scan (118 s at 40 KB)
    "HEURISTIC x {" * (SIZE // 13),                        # every unclosed entry scanned to the end for its brace
    "heuristics:\n  - id: x\n" + " \n" * (SIZE // 2),      # _ID_LINE_RE: each line's \s* read every blank line after
])
def test_a_hostile_heuristics_block_is_parsed_in_linear_time(block: str) -> None:
    from guancha.knowledge.parse import parse_heuristics

    assert _seconds(lambda: parse_heuristics(block)) < 5.0


@pytest.mark.timeout(60)
def test_a_self_score_line_of_spaces_is_read_in_linear_time() -> None:
    # r"^\s*\|?\s*" split a line of spaces every way between its two \s*: 40 KB in a code block took 90 s
    from guancha.check.gates.hygiene import SELF_SCORE_RE

    assert _seconds(lambda: SELF_SCORE_RE.search(_hostile(" "))) < 1.0
    assert SELF_SCORE_RE.search("  |  **Synthesis** | 8") and SELF_SCORE_RE.search("timeliness: 7")


def test_heuristics_keywords_braces_and_ids_are_found_where_the_old_scans_found_them() -> None:
    from guancha.knowledge.parse import _ID_LINE_RE, _V2_KEYWORD_RE, _matching_brace, _matching_braces

    old_keyword = re.compile(r"(?:(?<=\n)|(?<=\s)|^)\s*(WHEN|PREFER|OVER|BECAUSE|EVIDENCE|BREAKS_WHEN|EXPECT|REALITY|"
                             r"meta\s*:)(?=[\s{:])")
    old_id_line = re.compile(r"^\s*(?:-\s+)?(?:id|name|heuristic_id)\s*:\s*\S", re.MULTILINE)
    rng = random.Random(13)
    pieces = [" ", "\n", "\t", "x", "WHEN", "OVER", "meta", ":", "{", "}", '"', "-", "id", "name", "- id: a"]
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert [(*m.span(1), m.start()) for m in _V2_KEYWORD_RE.finditer(text)] == \
               [(*m.span(1), m.start()) for m in old_keyword.finditer(text)], text
        assert len(_ID_LINE_RE.findall(text)) == len(old_id_line.findall(text)), text
        closing = _matching_braces(text)
        for k, ch in enumerate(text):
            if ch == "{":
                assert closing.get(k, -1) == _matching_brace(text, k), (text, k)
