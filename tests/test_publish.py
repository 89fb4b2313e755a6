"""Publishing: email through a real SMTP server on loopback (aiosmtpd), chat through apprise to a loopback
JSON endpoint, signed webhooks to a loopback HTTP server; the delivery ledger's exactly-once behaviour,
retries, suspension, held reports, and a SIGKILL in the middle of a send."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guancha.errors import ConfigError
from guancha.publish import mail
from guancha.publish.stage import publish
from guancha.publish.webhooks import verify
from guancha.run import run_watcher
from guancha.spec import load_settings
from guancha.store import deliveries as ledger
from guancha.workspace import Workspace, open_workspace
from tests.briefing_data import FEED, SPEC, china_ai_articles, insert
from tests.conftest import cli_env, run_cli
from tests.publish_servers import SmtpRecorder, free_port, http_server, smtp_server

DAY = dt.date(2026, 5, 2)
ADDRESSES = ["alice@example.org", "bob.smith@mail.example.net", "carol+news@example.com"]
SECRET = "s3cret-for-tests"


def email_settings(port: int, *, per_minute: float = 60000) -> str:
    return (f"publish:\n  site_url: https://briefings.example.org/\n  retry: {{first_delay_s: 60}}\n"
            f"  email:\n    smtp_host: 127.0.0.1\n    smtp_port: {port}\n    security: none\n"
            f"    from_address: 'Guancha briefings <briefings@example.org>'\n"
            f"    unsubscribe_url: 'https://briefings.example.org/unsubscribe?t={{token}}'\n"
            f"    unsubscribe_mailto: leave@example.org\n    max_per_minute: {per_minute}\n    timeout_s: 5\n")


def make_ws(root: Path, publish_yaml: str, *, spec: str | None = None) -> Workspace:
    settings = root / "guancha.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n" + publish_yaml, encoding="utf-8")
    (root / "watchers" / "china-ai.yaml").write_text(spec or SPEC.format(feed=FEED), encoding="utf-8")
    ws = open_workspace(root)
    insert(ws.db(), "china-ai", china_ai_articles())
    return ws


def subscribe(ws: Workspace, *addresses: str) -> None:
    for a in addresses:
        ledger.add_subscriber(ws.db(), "china-ai", mail.normalise_address(a))


def states(ws: Workspace) -> dict[str, int]:
    return ledger.state_counts(open_workspace(ws.root).db())


# --------------------------------------------------------------------------- email


def test_each_subscriber_gets_one_message_per_version_with_list_headers(workspace: Path) -> None:
    with smtp_server() as (port, smtp):
        ws = make_ws(workspace, email_settings(port))
        subscribe(ws, *ADDRESSES)
        result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        assert result.status == "finalised"
        assert result.summary["publish"]["counts"] == {"sent": 3}
        assert smtp.by_recipient() == dict.fromkeys(ADDRESSES, 1)

        subs = {s.address: s for s in ledger.subscribers(ws.db(), "china-ai")}
        for received in smtp.messages:
            msg = received.message
            to = received.rcpt[0]
            sub = subs[to]
            assert msg["To"] == to and "briefings@example.org" in msg["From"]
            assert msg["Subject"] == "🇨🇳 China AI — 2026-05-02"
            assert msg["Message-ID"] == mail.message_id(result.run_id, sub.id, "example.org")
            assert msg["List-Id"] == "🇨🇳 China AI <china-ai.example.org>"  # a bare phrase: no encoded word in quotes
            assert msg["List-Unsubscribe"] == (f"<https://briefings.example.org/unsubscribe?t={sub.token}>, "
                                               f"<mailto:leave@example.org?subject=unsubscribe%20{sub.token}>")
            assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert msg.get_content_type() == "multipart/alternative"
            text = msg.get_body(("plain",)).get_content()
            html = msg.get_body(("html",)).get_content()
            assert text.startswith("# 🇨🇳 China AI — 2026-05-02") and sub.token in text
            assert "<h1>🇨🇳 China AI — 2026-05-02</h1>" in html and "Unsubscribe</a>" in html
            assert "https://briefings.example.org/china-ai/2026-05-02/" in text
            assert to not in html and to not in text  # the report itself never carries an address

        # publishing again (by hand, for the date, and through a rerun) sends nothing twice
        again = run_cli("publish", "china-ai", "--date", "2026-05-02", "--workspace", str(ws.root), "--json")
        assert again.returncode == 0, again.stderr
        assert json.loads(again.stdout)["counts"] == {}
        rerun = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        assert rerun.reused and "publish" not in rerun.summary
        assert len(smtp.messages) == 3

        # a corrected version is a new delivery, with its own Message-ID
        v2 = run_watcher(ws, "china-ai", report_date=DAY, collect=False, new_version=True)
        assert v2.version == 2 and len(smtp.messages) == 6
        assert len({m.message["Message-ID"] for m in smtp.messages}) == 6

        # nothing of the ledger or of status names an address
        rows = ws.db().query("SELECT label, recipient, last_error FROM deliveries")
        assert all(a not in json.dumps([dict(r) for r in rows]) for a in ADDRESSES)
        status = run_cli("status", "--workspace", str(ws.root), "--json")
        assert status.returncode == 0 and json.loads(status.stdout)["deliveries"]["counts"] == {"sent": 6}
        assert all(a not in status.stdout for a in ADDRESSES)


def test_a_held_report_is_never_published_until_approved(workspace: Path) -> None:
    strict = SPEC.format(feed=FEED).replace("story_words: [60, 200]", "story_words: [400, 500]").replace(
        "  warnings: [story-words]", "  errors: [story-words]")
    with smtp_server() as (port, smtp), http_server() as (base, http):
        hooks = (f"  channels:\n    china-ai:\n      apprise: ['json://{base[7:]}/chat']\n"
                 f"      webhooks: [{{url: '{base}/hook', secret_env: GUANCHA_TEST_HOOK}}]\n")
        ws = make_ws(workspace, email_settings(port) + hooks, spec=strict)
        subscribe(ws, *ADDRESSES)
        held = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        assert held.status == "held"
        assert smtp.messages == [] and http.posts == [] and states(ws) == {}
        refused = run_cli("publish", "china-ai", "--date", "2026-05-02", "--workspace", str(ws.root))
        assert refused.returncode == 2 and "held" in refused.stderr and "approve" in refused.stderr
        assert smtp.messages == []

        approved = run_cli("approve", held.run_id[:12], "--why", "read it; short stories are fine today",
                           "--workspace", str(ws.root), GUANCHA_TEST_HOOK=SECRET)
        assert approved.returncode == 0, approved.stderr
        assert smtp.by_recipient() == dict.fromkeys(ADDRESSES, 1)
        assert sorted(p.path for p in http.posts) == ["/chat", "/hook"]
        assert states(ws) == {"sent": 5}


def test_server_down_failures_are_recorded_backed_off_and_retried(workspace: Path) -> None:
    port = free_port()  # nothing listens here yet
    ws = make_ws(workspace, email_settings(port))
    subscribe(ws, *ADDRESSES)
    result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
    assert result.status == "finalised" and result.summary["publish"]["counts"] == {"failed": 3}
    rows = ledger.deliveries_for(ws.db(), result.run_id)
    assert [(d.state, d.attempts) for d in rows] == [("failed", 1)] * 3
    assert all("cannot reach the SMTP server 127.0.0.1" in (d.last_error or "") for d in rows)
    first_retry = dt.datetime.fromisoformat(rows[0].next_attempt_at.replace("Z", "+00:00"))  # type: ignore[union-attr]
    assert 50 <= (first_retry - dt.datetime.now(dt.UTC)).total_seconds() <= 61

    shown = run_cli("status", "--workspace", str(ws.root))
    assert shown.returncode == 0 and "Deliveries: 3 failed" in shown.stdout and "next try" in shown.stdout
    assert "a***@e***.org" in shown.stdout and all(a not in shown.stdout for a in ADDRESSES)

    # not yet due: a plain publish waits; still down with --now: a second attempt, a longer backoff
    waiting = publish(ws, watcher="china-ai")
    assert waiting.counts == {"waiting": 3}
    down = run_cli("publish", "--now", "--workspace", str(ws.root))
    assert down.returncode == 1 and "cannot reach the SMTP server" in down.stdout
    rows = ledger.deliveries_for(ws.db(), result.run_id)
    assert {(d.state, d.attempts) for d in rows} == {("failed", 2)}
    second_retry = dt.datetime.fromisoformat(rows[0].next_attempt_at.replace("Z", "+00:00"))  # type: ignore[union-attr]
    assert (second_retry - dt.datetime.now(dt.UTC)).total_seconds() > 100  # 60 s doubled

    with smtp_server(port) as (_, smtp):
        back = run_cli("publish", "--now", "--workspace", str(ws.root), "--json")
        assert back.returncode == 0, back.stdout + back.stderr
        assert json.loads(back.stdout)["counts"] == {"sent": 3}
        assert smtp.by_recipient() == dict.fromkeys(ADDRESSES, 1)
        assert run_cli("publish", "--now", "--workspace", str(ws.root)).returncode == 0
        assert len(smtp.messages) == 3
    assert states(ws) == {"sent": 3}


def test_a_permanent_refusal_suspends_the_address_and_names_no_one(workspace: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    with smtp_server(recorder=SmtpRecorder(refuse={"bob.smith@mail.example.net"})) as (port, smtp):
        ws = make_ws(workspace, email_settings(port))
        subscribe(ws, *ADDRESSES)
        with caplog.at_level(logging.DEBUG, logger="guancha"):
            result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        ours = [r.getMessage() for r in caplog.records if r.name.startswith("guancha")]
        assert any("publish:" in m for m in ours) and not any("@" in m for m in ours)
        assert result.summary["publish"]["counts"] == {"sent": 2, "dead": 1}
        assert smtp.by_recipient() == {"alice@example.org": 1, "carol+news@example.com": 1}
        dead = next(d for d in ledger.deliveries_for(ws.db(), result.run_id) if d.state == "dead")
        assert dead.attempts == 1 and "550" in (dead.last_error or "")
        assert "bob.smith" not in (dead.last_error or "") and "b***@m***.net" in (dead.last_error or "")
        bob = next(s for s in ledger.subscribers(ws.db(), "china-ai") if s.address.startswith("bob"))
        assert bob.status == "suspended" and "bob.smith" not in (bob.reason or "")
        # a suspended address gets nothing more, even when a day is published by hand to everyone
        assert run_cli("publish", "china-ai", "--date", "2026-05-02", "--now", "--workspace",
                       str(ws.root)).returncode == 0
        assert "bob.smith@mail.example.net" not in smtp.by_recipient()
        listed = run_cli("subscribers", "list", "china-ai", "--workspace", str(ws.root))
        assert "suspended" in listed.stdout and "bob.smith" not in listed.stdout


def test_sigkill_in_the_middle_of_a_send_then_rerun_neither_loses_nor_duplicates(workspace: Path) -> None:
    """The publisher is killed while the server holds message 11 unacknowledged (the crash point where a
    message is on the wire but not accepted); the rerun finds the claim of a dead process and sends it,
    and the other 19 never sent."""
    addresses = [f"reader{i:02d}@example.org" for i in range(30)]
    proc: list[subprocess.Popen[str]] = []

    def kill_at_eleventh(n: int) -> str | None:
        if n == 11 and proc:
            os.kill(proc[0].pid, signal.SIGKILL)
            proc[0].wait()
            return "451 4.3.0 connection lost"
        return None

    with smtp_server(recorder=SmtpRecorder(before_accept=kill_at_eleventh)) as (port, smtp):
        ws = make_ws(workspace, email_settings(port))
        result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        assert result.status == "finalised" and states(ws) == {}  # nobody subscribed yet
        subscribe(ws, *addresses)
        cmd = [sys.executable, "-m", "guancha", "publish", "china-ai", "--date", "2026-05-02",
               "--workspace", str(ws.root)]
        proc.append(subprocess.Popen(cmd, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        proc[0].communicate(timeout=120)
        assert proc[0].returncode == -signal.SIGKILL
        assert len(smtp.messages) == 10
        assert states(ws) == {"sent": 10, "sending": 1, "pending": 19}

        proc.clear()
        rerun = run_cli("publish", "china-ai", "--date", "2026-05-02", "--workspace", str(ws.root), "--json")
        assert rerun.returncode == 0, rerun.stderr
        assert json.loads(rerun.stdout)["counts"] == {"sent": 20}
        assert smtp.by_recipient() == dict.fromkeys(addresses, 1)
        assert states(ws) == {"sent": 30}
        resent = [d for d in ledger.deliveries_for(open_workspace(ws.root).db(), result.run_id) if d.attempts == 2]
        assert len(resent) == 1 and "interrupted" in (resent[0].last_error or "")


def test_sigkill_at_any_moment_then_rerun_gives_each_subscriber_one_message(workspace: Path) -> None:
    """Killed from outside at whatever point it has reached (a rate limit of 10 a second keeps it busy):
    the rerun completes the list; every subscriber has exactly one distinct message (a copy re-sent after the
    documented window carries the same Message-ID)."""
    addresses = [f"reader{i:02d}@example.org" for i in range(25)]
    with smtp_server() as (port, smtp):
        ws = make_ws(workspace, email_settings(port, per_minute=600))
        run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        subscribe(ws, *addresses)
        cmd = [sys.executable, "-m", "guancha", "publish", "china-ai", "--date", "2026-05-02",
               "--workspace", str(ws.root)]
        proc = subprocess.Popen(cmd, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        db = open_workspace(ws.root).db()
        while proc.poll() is None and (ledger.state_counts(db).get("sent", 0) < 8):
            time.sleep(0.02)
        proc.kill()
        proc.wait()
        assert 8 <= ledger.state_counts(db).get("sent", 0) < 25, "the publisher finished before it was killed"
        rerun = run_cli("publish", "china-ai", "--date", "2026-05-02", "--workspace", str(ws.root))
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        ids: dict[str, set[str]] = {}
        for m in smtp.messages:
            ids.setdefault(m.rcpt[0], set()).add(m.message["Message-ID"])
        assert sorted(ids) == addresses and all(len(v) == 1 for v in ids.values())
        assert ledger.state_counts(db) == {"sent": 25}


# --------------------------------------------------------------------------- chat and webhooks


def test_chat_and_webhook_notices_arrive_once_signed(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUANCHA_TEST_HOOK", SECRET)
    with http_server() as (base, http):
        monkeypatch.setenv("GUANCHA_TEST_CHAT", f"json://{base[7:]}/env-chat")
        channels = (f"publish:\n  site_url: https://briefings.example.org\n  channels:\n    china-ai:\n"
                    f"      apprise: ['json://{base[7:]}/chat', 'env:GUANCHA_TEST_CHAT']\n"
                    f"      webhooks: [{{url: '{base}/hook', secret_env: GUANCHA_TEST_HOOK}}]\n")
        ws = make_ws(workspace, channels)
        http.statuses = [503]  # the first post (chat deliveries go first) fails once
        result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        counts = result.summary["publish"]["counts"]
        assert counts == {"sent": 2, "failed": 1}, result.summary["publish"]
        failed = next(d for d in ledger.deliveries_for(ws.db(), result.run_id) if d.state == "failed")
        assert failed.channel == "chat" and failed.label.startswith("json:// #") and failed.attempts == 1

        retried = publish(ws, watcher="china-ai", retry_now=True)
        assert retried.counts == {"sent": 1}
        assert publish(ws, watcher="china-ai", retry_now=True).counts == {}
        assert sorted(p.path for p in http.posts) == ["/chat", "/env-chat", "/hook"]

        hook = next(p for p in http.posts if p.path == "/hook")
        assert verify(SECRET, hook.body, hook.headers["x-guancha-signature"])
        assert not verify("wrong", hook.body, hook.headers["x-guancha-signature"])
        body = hook.json()
        assert body["event"] == "report.published" and body["watcher"] == "china-ai" and body["version"] == 1
        assert body["delivery_id"] == hook.headers["x-guancha-delivery"]
        assert body["url"] == "https://briefings.example.org/china-ai/2026-05-02/"
        stories = json.loads(ws.db().one("SELECT json FROM reports WHERE id = ?", (result.run_id,))["json"])["stories"]
        assert len(body["headlines"]) == min(5, len(stories)) and stories[0]["headline"] in body["headlines"][0]

        chat_post = next(p for p in http.posts if p.path == "/chat").json()
        assert chat_post["title"] == "🇨🇳 China AI — 2026-05-02"
        assert "Saturday, May 2, 2026" in chat_post["message"] and stories[0]["headline"] in chat_post["message"]
        assert "Read it: https://briefings.example.org/china-ai/2026-05-02/" in chat_post["message"]


def test_webhook_secret_missing_is_a_recorded_failure_with_a_fix(workspace: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GUANCHA_TEST_HOOK", raising=False)
    with http_server() as (base, http):
        ws = make_ws(workspace, f"publish:\n  channels:\n    china-ai:\n      webhooks: [{{url: '{base}/secret-path/"
                                f"abc', secret_env: GUANCHA_TEST_HOOK}}]\n")
        result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        assert result.summary["publish"]["counts"] == {"failed": 1} and http.posts == []
        d = ledger.deliveries_for(ws.db(), result.run_id)[0]
        assert "GUANCHA_TEST_HOOK is not set" in (d.last_error or "") and "secret-path" not in d.label + (d.last_error or "")


# --------------------------------------------------------------------------- settings, addresses, subscribers CLI


def test_publish_settings_errors_name_the_field(tmp_path: Path) -> None:
    path = tmp_path / "guancha.yaml"
    path.write_text("publish:\n  email:\n    smtp_host: mail.example.org\n    smtp_user: me\n"
                    "    from_address: me@example.org\n    unsubscribe_mailto: leave@example.org\n")
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert "password_env" in str(err.value) and "publish.email" in str(err.value)
    path.write_text("publish:\n  email:\n    smtp_host: mail.example.org\n    from_address: me@example.org\n")
    with pytest.raises(ConfigError, match="unsubscribe"):
        load_settings(path)
    path.write_text("publish:\n  channels:\n    x:\n      webhooks: [{url: 'https://h.example/x', secret_env: 'no way'}]\n")
    with pytest.raises(ConfigError, match="environment variable name"):
        load_settings(path)


def test_addresses_are_checked_masked_and_scrubbed() -> None:
    assert mail.normalise_address("  Alice.B@Example.ORG ") == "Alice.B@example.org"
    for bad in ("alice@example.org\nBcc: eve@evil.example", "Alice <alice@example.org>", "a@b", "a..b@example.org",
                "x@example.org, y@example.org"):
        with pytest.raises(Exception) as err:
            mail.normalise_address(bad)
        assert "eve@evil" not in str(err.value) and "alice@example.org" not in str(err.value)
    assert mail.mask("alice@example.org") == "a***@e***.org"
    assert mail.scrub("550 <bob@mail.example.net> unknown; also root@localhost.localdomain") == \
        "550 <b***@m***.net> unknown; also r***@l***.localdomain"
    assert mail.scrub("x" * 100_000 + "@" * 10) .startswith("xxx")  # long input, short output, no blow-up


def test_subscribers_cli_add_list_remove_by_token(workspace: Path) -> None:
    ws = make_ws(workspace, "")
    added = run_cli("subscribers", "add", "china-ai", *ADDRESSES, "--workspace", str(ws.root))
    assert added.returncode == 0 and "3 added" in added.stdout
    bad = run_cli("subscribers", "add", "china-ai", "nobody-at-all", "--workspace", str(ws.root))
    assert bad.returncode == 2 and "not a plain email address" in bad.stderr and "nobody-at-all" not in bad.stderr
    unknown = run_cli("subscribers", "add", "no-such-watcher", "x@example.org", "--workspace", str(ws.root))
    assert unknown.returncode == 2 and "no watcher" in unknown.stderr
    nothing = run_cli("publish", "no-such-watcher", "--workspace", str(ws.root))
    assert nothing.returncode == 2 and "no watcher" in nothing.stderr
    listed = run_cli("subscribers", "list", "china-ai", "--workspace", str(ws.root), "--json")
    rows = json.loads(listed.stdout)
    assert [r["address"] for r in rows] == ["a***@e***.org", "b***@m***.net", "c***@e***.com"]
    revealed = json.loads(run_cli("subscribers", "list", "--reveal", "--workspace", str(ws.root), "--json").stdout)
    assert [r["address"] for r in revealed] == ADDRESSES
    token = ledger.subscribers(ws.db(), "china-ai")[1].token
    removed = run_cli("subscribers", "remove", "--token", token, "--workspace", str(ws.root))
    assert removed.returncode == 0, removed.stderr
    by_name = run_cli("subscribers", "remove", "china-ai", "carol+news@EXAMPLE.com", "--workspace", str(ws.root))
    assert by_name.returncode == 0, by_name.stderr
    statuses = [s.status for s in ledger.subscribers(open_workspace(ws.root).db(), "china-ai")]
    assert statuses == ["active", "unsubscribed", "unsubscribed"]
    again = run_cli("subscribers", "remove", "--token", "not-a-token", "--workspace", str(ws.root))
    assert again.returncode == 2 and "no such subscriber" in again.stderr


# --------------------------------------------------------------------------- STARTTLS, login, rate limit


def self_signed(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    try:
        made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                               "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
                               "-addext", "subjectAltName=IP:127.0.0.1"], capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("openssl is not installed")
    if made.returncode != 0:
        pytest.skip(f"openssl cannot make a test certificate: {made.stderr[-200:]}")
    return cert, key


def test_starttls_login_with_the_password_from_the_environment_only(workspace: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import ssl

    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bool]] = []

    def authenticator(server: object, session: object, envelope: object, mechanism: str, data: object) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.login == b"briefings" and data.password == b"pw-from-env"
        logins.append((data.login if isinstance(data, LoginPassword) else b"", ok))
        return AuthResult(success=ok, handled=False)

    monkeypatch.delenv("GUANCHA_TEST_SMTP_PASSWORD", raising=False)
    with smtp_server(tls_context=server_tls, require_starttls=True, authenticator=authenticator) as (port, smtp):
        settings = email_settings(port).replace("security: none", "security: starttls") + (
            f"    smtp_user: briefings\n    password_env: GUANCHA_TEST_SMTP_PASSWORD\n    ca_file: {cert}\n")
        ws = make_ws(workspace, settings)
        assert "pw-from-env" not in (ws.root / "guancha.yaml").read_text()
        subscribe(ws, ADDRESSES[0])
        result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        assert result.summary["publish"]["counts"] == {"failed": 1} and logins == []
        d = ledger.deliveries_for(ws.db(), result.run_id)[0]
        assert d.last_error == "the SMTP password variable GUANCHA_TEST_SMTP_PASSWORD is not set"

        wrong = run_cli("publish", "--now", "--workspace", str(ws.root), GUANCHA_TEST_SMTP_PASSWORD="guess")
        assert wrong.returncode == 1 and "refused the login" in wrong.stdout and "guess" not in wrong.stdout
        right = run_cli("publish", "--now", "--workspace", str(ws.root), GUANCHA_TEST_SMTP_PASSWORD="pw-from-env")
        assert right.returncode == 0, right.stdout + right.stderr
        assert smtp.by_recipient() == {ADDRESSES[0]: 1} and logins[-1] == (b"briefings", True)


def test_the_rate_limit_spaces_sends_evenly(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        clock[0] += seconds

    monkeypatch.setattr(mail.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(mail.time, "sleep", sleep)
    limit = mail.RateLimit(per_minute=120)   # one every 0.5 s
    for _ in range(4):
        limit.wait()
        clock[0] += 0.1                      # each send takes 0.1 s
    assert slept == [0.4, 0.4, 0.4]
    clock[0] += 5                            # idle for a while: no sleeping, and no burst credit saved up
    limit.wait()
    limit.wait()
    assert slept == [0.4, 0.4, 0.4, 0.5]


def test_a_claim_is_taken_once_and_a_stale_one_only_when_its_claimer_is_gone(workspace: Path) -> None:
    from guancha.publish.stage import claim_is_stale, claimer_id
    from guancha.store.deliveries import Planned

    ws = make_ws(workspace, "")
    result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
    db = ws.db()
    ledger.plan(db, report_id=result.run_id, watcher_id="china-ai", channel="webhook",
                planned=[Planned("h1", "https://x/… #1", "d1")])
    assert ledger.plan(db, report_id=result.run_id, watcher_id="china-ai", channel="webhook",
                       planned=[Planned("h1", "https://x/… #1", "d1")]) == 0  # the key is unique
    first = ledger.open_deliveries(db)[0]
    assert ledger.claim(db, first, claimer="other-host:1:1")
    assert not ledger.claim(db, first, claimer=claimer_id())  # read before the first claim: refused
    taken = ledger.open_deliveries(db)[0]
    now = dt.datetime.now(dt.UTC)
    me = claimer_id()
    assert taken.state == "sending" and not claim_is_stale(taken, now=now, stale_after_s=900, me=me)
    assert claim_is_stale(taken, now=now + dt.timedelta(seconds=901), stale_after_s=900, me=me)
    alive = dataclasses.replace(taken, claimed_by=me.replace(f":{os.getpid()}:", f":{os.getppid()}:", 1)
                                .rsplit(":", 1)[0] + ":?")
    assert not claim_is_stale(alive, now=now + dt.timedelta(days=1), stale_after_s=900, me=me)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = dataclasses.replace(taken, claimed_by=me.rsplit(":", 2)[0] + f":{gone.stdout.strip()}:12345")
    assert claim_is_stale(dead, now=now, stale_after_s=900, me=me)


def test_demo_publishes_to_the_channels_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from guancha.demo import run_demo

    monkeypatch.setenv("GUANCHA_TEST_HOOK", SECRET)
    with http_server() as (base, http):
        hook = {"url": f"{base}/demo-hook", "secret_env": "GUANCHA_TEST_HOOK"}
        result = run_demo(workspace=tmp_path / "demo",
                          settings_overrides={"publish": {"channels": {"china-ai": {"webhooks": [hook]}}}})
        assert result.run.status == "finalised"
        assert result.run.summary["publish"]["counts"] == {"sent": 1}
        assert [p.path for p in http.posts] == ["/demo-hook"]
        assert verify(SECRET, http.posts[0].body, http.posts[0].headers["x-guancha-signature"])
        plain = run_demo(workspace=tmp_path / "plain")  # nothing configured: nothing delivered, nothing recorded
        assert "publish" not in plain.run.summary and len(http.posts) == 1


def test_webhook_refusals_are_permanent_busy_answers_wait_as_asked(workspace: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from guancha.publish.stage import backoff

    monkeypatch.setenv("GUANCHA_TEST_HOOK", SECRET)
    with http_server() as (base, http):
        hooks = "".join(f"        - {{url: '{base}/{name}', secret_env: GUANCHA_TEST_HOOK}}\n" for name in ("a", "b"))
        ws = make_ws(workspace, f"publish:\n  channels:\n    china-ai:\n      webhooks:\n{hooks}")
        http.statuses = [410, 429]
        result = run_watcher(ws, "china-ai", report_date=DAY, collect=False)
        assert result.summary["publish"]["counts"] == {"dead": 1, "failed": 1}
        by_state = {d.state: d for d in ledger.deliveries_for(ws.db(), result.run_id)}
        assert by_state["dead"].last_error is not None and "HTTP 410" in by_state["dead"].last_error
        wait = dt.datetime.fromisoformat(by_state["failed"].next_attempt_at.replace("Z", "+00:00"))  # type: ignore[union-attr]
        assert (wait - dt.datetime.now(dt.UTC)).total_seconds() > 7000  # Retry-After beats the 60 s backoff
        assert publish(ws, watcher="china-ai", retry_now=True).counts == {"sent": 1}  # the dead one is not retried
        assert len(http.posts) == 1
    settings = load_settings(ws.settings_path).publish
    assert [backoff(n, settings) for n in (1, 2, 3, 8)] == [60.0, 120.0, 240.0, None]
    assert backoff(1, settings, retry_after_s=600) == 600


def test_one_click_header_only_with_an_https_unsubscribe_url() -> None:
    from guancha.spec import EmailSettings

    mailto_only = EmailSettings(smtp_host="mail.example.org", from_address="News <news@example.org>",
                                unsubscribe_mailto="leave@example.org")
    msg = mail.build_message(settings=mailto_only, to="reader@example.org", subject="T\r\nBcc: eve@example.org",
                             markdown="# T", html="<html><body><p>T</p></body></html>", watcher_id="w",
                             list_title='A "quoted"\ntitle', token="tok/en", msg_id="<id@example.org>")
    assert msg["List-Unsubscribe"] == "<mailto:leave@example.org?subject=unsubscribe%20tok/en>"
    assert msg["List-Unsubscribe-Post"] is None  # RFC 8058 needs an https URI
    assert msg["Subject"] == "T Bcc: eve@example.org" and msg["Bcc"] is None  # no header injection
    assert msg["List-Id"] == "\"A 'quoted' title\" <w.example.org>"
