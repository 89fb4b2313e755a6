"""Property-based fuzzing of every parser that sees untrusted bytes: feeds, pages, arXiv answers, briefings,
heuristic blocks, watcher YAML and import archives.

Each must return or raise one of guancha's own errors (never a traceback) for any input, and finish within
hypothesis's per-input deadline: a super-linear regex or a parser hang fails here as DeadlineExceeded. Runs
are derandomised and small so the whole file stays well under a minute.
"""

from __future__ import annotations

import contextlib
import io
import tarfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guancha.errors import GuanchaError

FUZZ = settings(max_examples=40, deadline=5000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# pieces an attacker repeats: markup, brackets, separators, NULs, mis-decoded bytes, long symbol runs
_ATOMS = ["<", ">", "[", "]", "(", ")", "[/i]", ":m:", "—", " - ", "!", "#", "*", "_", "`", "\x00", "\ufffd",
          "â€™", "Ã©", "http://u:p@h/", "evil.ru/x", "2026-05-02", "\n", "  ", "&amp;", "<![CDATA[", "]]>",
          "<div>", "</div>", "<p>", "é", "中文", "\U0001f525", "- id: x\n", "{", "}", ": ", "'", '"']
hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.tuples(st.sampled_from(_ATOMS), st.integers(1, 400)), max_size=6).map(
        lambda parts: "".join(atom * count for atom, count in parts)),
)
hostile_bytes = st.one_of(st.binary(max_size=2000), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                          hostile_text.map(lambda t: t.encode("utf-16", "surrogatepass")))


@FUZZ
@given(hostile_text, hostile_text, hostile_text, st.sampled_from([None, "application/rss+xml; charset=utf-8",
                                                                  "text/xml; charset=gbk", "text/html; charset=utf-16"]))
def test_feeds(title: str, link: str, summary: str, content_type: str | None) -> None:
    from xml.sax.saxutils import escape

    from guancha.collect.feeds import parse_feed

    body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{escape(title)}</title><item>"
            f"<title>{escape(title)}</title><link>{escape(link)}</link><description>{escape(summary)}</description>"
            f"</item></channel></rss>").encode("utf-8", "surrogatepass")
    for data in (body, body[: len(body) // 2], title.encode("utf-8", "surrogatepass")):
        with contextlib.suppress(GuanchaError):
            parse_feed(data, content_type, "http://127.0.0.1/feed.xml")


@FUZZ
@given(hostile_bytes, st.sampled_from([None, "text/html", "text/html; charset=utf-8", "text/html; charset=shift_jis",
                                       "text/html; charset=utf-16", "text/html; charset=nonsense"]))
def test_pages(body: bytes, content_type: str | None) -> None:
    from guancha.collect.pages import extract_page

    for data in (body, b"<html><head><title>" + body + b"</title></head><body><article><p>" + body + b"</p></article>"):
        with contextlib.suppress(GuanchaError):
            extract_page(data, content_type, "http://127.0.0.1/page")


@FUZZ
@given(hostile_text, hostile_text, hostile_bytes)
def test_arxiv(title: str, author: str, junk: bytes) -> None:
    from xml.sax.saxutils import escape

    from guancha.collect.arxiv import ArxivParseError, parse_arxiv

    atom = (f"<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>http://arxiv.org/abs/2605.00001v1</id>"
            f"<title>{escape(title)}</title><summary>{escape(title)}</summary><published>{escape(author)}</published>"
            f"<author><name>{escape(author)}</name></author></entry></feed>").encode("utf-8", "surrogatepass")
    for data in (atom, junk):
        with contextlib.suppress(ArxivParseError):  # the parser's own typed error, reported per source
            parse_arxiv(data)


@FUZZ
@given(hostile_bytes, st.sampled_from(["x.md", "x.html", "x.txt"]))
def test_briefings(data: bytes, name: str) -> None:
    from guancha.check import check_view
    from guancha.check.view import load_view

    check_view(load_view(b"# Topic \xe2\x80\x94 2026-05-02\n\n## 1. " + data + b"\n\n" + data, filename=name))


@FUZZ
@given(hostile_text)
def test_heuristic_blocks(raw: str) -> None:
    from guancha.knowledge.parse import parse_heuristics

    parse_heuristics(raw)
    parse_heuristics("heuristics:\n  - id: a\n    when: " + raw + "\n    because: " + raw)


@FUZZ
@given(hostile_text)
def test_watcher_yaml(text: str) -> None:
    import tempfile

    from guancha.spec import load_watcher

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.yaml"
        for body in (text, f"id: w\ntitle: {text}\nsources:\n  - feed: {text}\n"):
            path.write_bytes(body.encode("utf-8", "surrogatepass"))
            with contextlib.suppress(GuanchaError):
                load_watcher(path)


@FUZZ
@given(hostile_bytes, st.sampled_from(["a.zip", "a.tar.gz", "a.tar"]), st.booleans())
def test_archives(data: bytes, name: str, wrap: bool) -> None:
    import tempfile

    from guancha.knowledge.importer import iter_items

    payload = data
    if wrap:  # a well-formed archive around hostile members
        buffer = io.BytesIO()
        if name.endswith(".zip"):
            with zipfile.ZipFile(buffer, "w") as zf:
                zf.writestr("r.md", data)
                zf.writestr("../../escape.md", data)
        else:
            with tarfile.open(fileobj=buffer, mode="w:gz" if name.endswith("gz") else "w") as tf:
                info = tarfile.TarInfo("../r.md")
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
        payload = buffer.getvalue()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(payload)
        try:
            for item in iter_items([path]):
                assert "!" in item.path  # members are named inside the archive, never extracted
        except GuanchaError:
            pass
