"""What a new user trips on in a first week (red team 17): each test fails on the behaviour it was written for."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

# --------------------------------------------------------------------------- a report date in the future


def test_a_future_report_date_is_refused_and_nothing_is_recorded(workspace: Path) -> None:
    """`run --date tomorrow` used to finalise an empty 'quiet day' report for tomorrow (its window ended now),
    which tomorrow's real run then returned unchanged."""
    later = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=3)).isoformat()
    done = run_cli("run", "china-ai", "--date", later, "--no-collect", "-w", str(workspace))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "in the future" in done.stderr and "on or after that day" in done.stderr
    status = run_cli("status", "--json", "-w", str(workspace))
    assert later not in status.stdout
    assert not (workspace / "reports" / "china-ai").exists()


@pytest.mark.parametrize(("zone", "day", "refused"), [
    ("UTC", "2026-12-08", True),
    ("UTC", "2026-12-07", False),
    ("Pacific/Kiritimati", "2026-12-08", False),   # UTC+14: already the 8th there
    ("Pacific/Kiritimati", "2026-12-09", True),
    ("America/Los_Angeles", "2026-12-07", False),
])
def test_the_future_is_read_in_the_watchers_time_zone(zone: str, day: str, refused: bool) -> None:
    from guancha.errors import UsageError
    from guancha.run import refuse_future_date

    now = dt.datetime(2026, 12, 7, 22, 30, tzinfo=dt.UTC)
    if refused:
        with pytest.raises(UsageError, match="in the future"):
            refuse_future_date(dt.date.fromisoformat(day), zone, now)
    else:
        refuse_future_date(dt.date.fromisoformat(day), zone, now)


# --------------------------------------------------------------------------- the newsletter's headers and links


def _raw_headers(data: bytes) -> dict[str, str]:
    """Header name -> value as it went over the wire, folding undone."""
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    out: dict[str, str] = {}
    name = ""
    for line in head.split("\r\n"):
        if line[:1] in (" ", "\t"):
            out[name] += line
        else:
            name, _, value = line.partition(":")
            out[name] = value.strip()
    return out


@pytest.mark.parametrize(("title", "phrase"), [
    ("🚋 Valley Transport", "🚋 Valley Transport"),
    ('Zürich: "Verkehr", heute', "Zürich Verkehr heute"),   # non-ASCII with specials: dropped, never quoted
])
def test_list_headers_are_not_encoded_words_inside_quotes_or_urls(title: str, phrase: str) -> None:
    """A long List-Unsubscribe was folded into RFC 2047 encoded words (`=?utf-8?q?=3Chttps...`), which a mail
    provider's one-click unsubscribe cannot read, and an emoji title put a quote inside an encoded word."""
    import email
    import email.policy

    from guancha.publish import mail
    from guancha.spec import EmailSettings

    settings = EmailSettings(smtp_host="mail.example.org", from_address="Desk <desk@news.example.net>",
                             unsubscribe_url="https://lists.news.example.net/leave/one-click?subscriber={token}",
                             unsubscribe_mailto="leave@news.example.net")
    token = "Xq7RmP2vLk9sT4wYb8nC3dF6gH1jK5zA"
    msg = mail.build_message(settings=settings, to="reader@example.org", subject=title, markdown="# T",
                             html="<html><body><p>T</p></body></html>", watcher_id="w", list_title=title,
                             token=token, msg_id="<id@news.example.net>")
    data = mail.wire_bytes(msg)
    raw = _raw_headers(data)
    assert raw["List-Unsubscribe"].startswith("<https://lists.news.example.net/leave/one-click?subscriber=" + token)
    assert "=?" not in raw["List-Unsubscribe"]
    assert '"=?' not in raw["List-Id"] and '?="' not in raw["List-Id"] and raw["List-Id"].endswith("<w.news.example.net>")
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert str(parsed["List-Id"]) == f"{phrase} <w.news.example.net>"
    assert str(parsed["Subject"]) == " ".join(title.split())


FOLLOW_UP_HTML = ('<html><body><article><p class="follow-up">Follow-up to <a href="2026-11-30.html">the report of '
                  'November 30, 2026</a>.</p><p>See <a href="../2026-11-28.v2.html">the corrected one</a> and '
                  '<a href="https://outlet.example.com/2026-11-30.html">the outlet</a>.</p></article></body></html>')
FOLLOW_UP_MD = ("Follow-up to [the report of November 30, 2026](2026-11-30.md).\n\n"
                "See [the corrected one](../2026-11-28.v2.md) and [the outlet](https://outlet.example.com/a.md).\n")


@pytest.mark.parametrize("site", ["https://briefings.example.org/", None])
def test_a_newsletter_never_links_a_report_file_relative_to_the_mailbox(site: str | None) -> None:
    """A follow-up's 'the report of <date>' linked '2026-11-30.html' in the e-mail too, where no such file is."""
    from guancha.publish import mail
    from guancha.publish.notice import report_url
    from guancha.spec import EmailSettings

    settings = EmailSettings(smtp_host="mail.example.org", from_address="Desk <desk@example.org>",
                             unsubscribe_mailto="leave@example.org")
    msg = mail.build_message(settings=settings, to="reader@example.org", subject="S", markdown=FOLLOW_UP_MD,
                             html=FOLLOW_UP_HTML, watcher_id="harbour", list_title="Harbour", token="t",
                             msg_id="<id@example.org>", day_url=lambda day: report_url(site, "harbour", day))
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    for body in (html, text):
        assert "2026-11-30.html" not in body.replace("outlet.example.com/2026-11-30.html", "")
        assert "2026-11-30.md" not in body and "2026-11-28.v2" not in body
        assert "https://outlet.example.com/" in body  # other links stay
    if site:
        assert '<a href="https://briefings.example.org/harbour/2026-11-30/">the report of November 30, 2026</a>' in html
        assert "[the corrected one](https://briefings.example.org/harbour/2026-11-28/)" in text
    else:
        assert "Follow-up to the report of November 30, 2026." in html and "See the corrected one and" in html
        assert "Follow-up to the report of November 30, 2026." in text


def test_the_newsletter_sent_by_publish_links_the_earlier_report_on_the_site(workspace: Path) -> None:
    """The wiring: what the SMTP server receives for a follow-up links the earlier day's page on site_url."""
    from guancha.publish.stage import publish
    from guancha.run import run_watcher
    from tests.publish_servers import smtp_server
    from tests.test_publish import ADDRESSES, DAY, email_settings, make_ws, subscribe

    with smtp_server() as (port, smtp):
        ws = make_ws(workspace, email_settings(port))
        result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        assert result.status == "finalised"
        db = ws.db()
        row = db.one("SELECT html, markdown FROM reports WHERE id = ?", (result.run_id,))
        assert row is not None
        html = row["html"].replace("<article>", '<article><p class="follow-up">Follow-up to <a href="2026-04-30.v2.html">'
                                   "the report of April 30, 2026</a>.</p>", 1)
        markdown = row["markdown"] + "\nFollow-up to [the report of April 30, 2026](2026-04-30.v2.md).\n"
        with db.transaction():
            db.execute("UPDATE reports SET html = ?, markdown = ? WHERE id = ?", (html, markdown, result.run_id))
        subscribe(ws, ADDRESSES[0])
        assert publish(ws, watcher="china-ai", date=DAY).counts == {"sent": 1}
    msg = smtp.messages[0].message
    got_html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    got_text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert '<a href="https://briefings.example.org/china-ai/2026-04-30/">the report of April 30, 2026</a>' in got_html
    assert "[the report of April 30, 2026](https://briefings.example.org/china-ai/2026-04-30/)" in got_text
    assert "2026-04-30.v2." not in got_html + got_text


# --------------------------------------------------------------------------- a heuristics pack moves between workspaces

HARBOUR_BRIEFING = """# ⚓ Harbour Desk — 2026-11-20

Friday, November 20, 2026

---

## ⚓ Pilots' union delays the night-tide schedule

The pilots' union at Port Velden asked for a month's delay of the night-tide schedule, citing two groundings in
October ([Velden Post](https://post.example.org/2026/11/20/pilots.html)).

Sources:
- [Velden Post: Pilots ask for delay](https://post.example.org/2026/11/20/pilots.html)

---

## Heuristics

```yaml
- id: night-tide-delay
  domain: [ports, labour]
  when: a pilots' union cites groundings against a new tide schedule
  prefer: expect a phased start with daylight trials first
  over: expecting the schedule to start as planned
  because: "two groundings in October are what the union leads with"
  breaks_when: the port authority shows the groundings had other causes
  confidence: 0.6
- id: dredging-before-draught
  domain: [ports]
  when: a port promises deeper-draught calls before dredging is tendered
  prefer: date the first such call after the dredging contract
  over: the port's own announced date
  because: "no dredger can start before the tender closes"
  breaks_when: a channel is already deep enough at high water
  confidence: low
```
"""


@pytest.mark.parametrize(("fmt", "domain"), [("json", None), ("yaml", "labour")])
def test_an_exported_pack_imports_its_heuristics_into_another_workspace(
        workspace: Path, tmp_path: Path, fmt: str, domain: str | None) -> None:
    """`guancha import pack.json` stored the pack as a 'report' with no stories and imported none of its
    heuristics: the export had no way back in."""
    import json

    from guancha.workspace import init_workspace

    briefing = tmp_path / "2026-11-20.md"
    briefing.write_text(HARBOUR_BRIEFING, encoding="utf-8")
    assert run_cli("import", str(briefing), "-w", str(workspace)).returncode == 0
    pack = tmp_path / f"pack.{fmt}"
    args = ["heuristics", "export", "--format", fmt, "-o", str(pack), "-w", str(workspace)]
    assert run_cli(*args, *(["--domain", domain] if domain else [])).returncode == 0
    wanted = ["dredging-before-draught", "night-tide-delay"] if domain is None else ["night-tide-delay"]

    other = tmp_path / "other"
    init_workspace(other)
    done = run_cli("import", str(pack), "--json", "-w", str(other))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["reports"] == 0 and result["packs"] == 1
    assert result["heuristics"]["new"] == len(wanted)
    listed = run_cli("heuristics", "list", "--json", "-w", str(other))
    assert sorted(h["id"] for h in json.loads(listed.stdout)) == wanted
    shown = run_cli("heuristics", "show", "night-tide-delay", "-w", str(other)).stdout
    assert "phased start with daylight trials" in shown and f"heuristics pack pack.{fmt}" in shown
    again = json.loads(run_cli("import", str(pack), "--json", "-w", str(other)).stdout)
    assert again["unchanged"] == 1 and again["heuristics"]["imported"] == 0


def test_export_help_says_how_a_pack_comes_back_in() -> None:
    text = " ".join(run_cli("heuristics", "export", "--help").stdout.split())
    assert "'guancha import FILE'" in text


def test_a_json_file_that_is_no_pack_is_read_as_before(workspace: Path, tmp_path: Path) -> None:
    import json

    from guancha.knowledge.importer import pack_text

    assert pack_text("notes.json", b'{"heuristics": "none yet"}') is None
    assert pack_text("list.yaml", b"- heuristics: []\n") is None
    assert pack_text("pack.md", b"heuristics: []\n") is None
    assert pack_text("broken.json", b"{heuristics: [") is None
    other = tmp_path / "notes.json"
    other.write_text('{"title": "not a pack"}', encoding="utf-8")
    done = json.loads(run_cli("import", str(other), "--json", "-w", str(workspace)).stdout)
    assert done["packs"] == 0 and done["files"] == 1


# --------------------------------------------------------------------------- one public address for mails and the site


@pytest.mark.parametrize(("site_url", "site_yaml", "expected"), [
    ("https://briefings.example.org/", None, "https://briefings.example.org/"),
    ("https://news.example.net/desk", None, "https://news.example.net/desk/"),
    ("https://briefings.example.org/", "base_url: https://mirror.example.com/b/\n", "https://mirror.example.com/b/"),
])
def test_the_site_is_built_for_the_publish_site_url(workspace: Path, site_url: str, site_yaml: str | None,
                                                     expected: str) -> None:
    """With publish.site_url set (where every e-mail and notice links), site build still wrote feeds and the
    sitemap for http://127.0.0.1:8000/ and asked for the same address again in site.yaml."""
    import json

    settings = workspace / "guancha.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"\npublish:\n  site_url: {site_url}\n",
                        encoding="utf-8")
    if site_yaml:
        (workspace / "site.yaml").write_text(site_yaml, encoding="utf-8")
    done = run_cli("site", "build", "--no-search", "--json", "-w", str(workspace))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["base_url"] == expected and result["base_url_configured"] is True
    assert expected in (workspace / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "127.0.0.1:8000" not in (workspace / "site" / "feed.atom").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- a delivery waiting on its backoff


@pytest.mark.parametrize("channel", ["webhook", "email"])
def test_publish_says_when_a_waiting_delivery_is_retried_and_how_to_retry_now(workspace: Path, channel: str) -> None:
    """After a failure, `guancha publish` printed only '1 waiting': not when, nor that --now retries at once."""
    from guancha.run import run_watcher
    from tests.publish_servers import free_port
    from tests.test_publish import ADDRESSES, DAY, make_ws, subscribe

    dead = free_port()   # nothing listens here
    if channel == "webhook":
        yaml = (f"publish:\n  channels:\n    china-ai:\n      webhooks: [{{url: 'http://127.0.0.1:{dead}/hook', "
                f"secret_env: RT17_TEST_SECRET}}]\n")
    else:
        yaml = (f"publish:\n  email:\n    smtp_host: 127.0.0.1\n    smtp_port: {dead}\n    security: none\n"
                f"    from_address: 'Desk <desk@example.org>'\n    unsubscribe_mailto: leave@example.org\n"
                f"    timeout_s: 2\n")
    ws = make_ws(workspace, yaml)
    if channel == "email":
        subscribe(ws, ADDRESSES[1])
    assert run_watcher(ws, "china-ai", report_date=DAY, collect=False).status == "finalised"
    done = run_cli("publish", "-w", str(workspace), RT17_TEST_SECRET="x")
    assert "1 waiting" in done.stdout, done.stdout + done.stderr
    assert "'guancha publish --now' retries them now" in done.stdout
    assert re.search(r"\(the next at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\)", done.stdout)


def test_serve_now_help_says_the_rehearsal_runs_and_delivers_for_real() -> None:
    """'Rehearse ... (trying a schedule)' read as a dry run; it finalises and delivers reports for those dates."""
    text = " ".join(run_cli("serve", "--help").stdout.split())
    assert "The runs are real" in text and "delivered" in text and "copy of the workspace" in text


# --------------------------------------------------------------------------- trimming keeps a run's citation

LEDGER = ("Orrin Dairy's new cheese plant in Selvik depends on milk from forty farms in the valley. Its contracts "
          "cover 30 million litres a year, against a capacity of 55 million litres. Chief executive Ada Lunde said two "
          "more cooperatives were close to signing.")
COURIER = "Orrin Dairy opened its cheese plant at Selvik on Tuesday. The plant employs 85 people."


@pytest.mark.parametrize(("paragraph", "forbidden", "kept_cites"), [
    # the run's last sentence names the forbidden person: the two before it keep the run's source
    ("Its contracts cover 30 million litres a year, against a capacity of 55 million litres. Orrin Dairy's new "
     "cheese plant in Selvik depends on milk from forty farms in the valley. Chief executive Ada Lunde said two more "
     "cooperatives were close to signing [S1]. Orrin Dairy opened its cheese plant at Selvik on Tuesday [S2].",
     "Ada Lunde", ["S1", "S2"]),
    # a quoted closing, two sources on the dropped sentence, and a question mark before the marker's stop
    ("The plant employs 85 people. \u201cWho pays for the 55 million litres?\u201d Chief executive Ada Lunde said "
     "two more cooperatives were close to signing [S1][S2].", "Lunde", ["S1", "S2"]),
])
def test_a_trimmed_sentence_leaves_its_citation_to_the_run_before_it(
        paragraph: str, forbidden: str, kept_cites: list[str]) -> None:
    """The extractive revision dropped the sentence carrying a run's [Sn]; the sentences before it went out
    uncited, and the grounding gate held the report for figures 'not in the cited source'."""
    from guancha.check.loop import ExtractiveReviser, RevisionPlan
    from guancha.spec import WatcherSpec
    from guancha.textutil import split_sentences
    from guancha.write.base import Draft, NumberedSource, SourceBook, StoryDraft, cited_labels

    spec = WatcherSpec.model_validate({"id": "dairy", "title": "Dairy", "sources": [{"feed": "https://e.org/f"}],
                                       "checks": {"forbidden_names": [forbidden]}})
    book = SourceBook(sources=[
        NumberedSource(label=label, article_id=label, url=f"https://{label}.example.org/a", title="t",
                       outlet=label, published_at="2026-12-01", text=text, kind="article", story_index=0)
        for label, text in (("S1", LEDGER), ("S2", COURIER))])
    story = StoryDraft(index=0, emoji="🧀", headline="Cheese plant opens", subtitle="", paragraphs=[paragraph],
                       labels=["S1", "S2"], writer="extractive")
    draft = Draft(stories=[story], papers=[], implications=[], heuristics=[], writer="extractive")
    revised, _ = ExtractiveReviser(spec, dt.date(2026, 12, 1)).revise(draft, book, RevisionPlan(stories={0: []}))
    [text] = revised.stories[0].paragraphs
    assert forbidden not in text
    sentences = split_sentences(text)
    assert sentences and all(cited_labels(s) or cited_labels(" ".join(sentences[i + 1:]))
                             for i, s in enumerate(sentences))
    assert cited_labels(text) == kept_cites
    assert cited_labels(sentences[-1])   # the run that ended at the dropped sentence ends cited
