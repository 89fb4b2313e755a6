"""Support for several `guancha serve` workers on one PostgreSQL (tests/test_team.py, benchmarks/bench_workers.py).

``team`` serves one sample web moved to the current days (workers run on the real clock), a fixed-delay
OpenAI-compatible writer model and a webhook receiver on loopback, and writes a workspace whose store and
DBOS system database are both on PostgreSQL, with ``n`` scheduled watchers writing with that model.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from guancha.sampleweb import SampleWeb, serve
from tests.conftest import cli_env
from tests.models_support import ScriptedServer, fixed_delay_writer, scripted_server
from tests.publish_servers import HttpRecorder, http_server

SAMPLES = Path(__file__).parent / "samples"
SAMPLE = SAMPLES / "offshore-energy-2026-03-10"
SECRET = "team-test-secret"

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?=[T\"'<\s])")
_RFC822 = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4})\b")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def shifted_sample(src: Path, dst: Path, days: int) -> Path:
    """A copy of the sample web ``src`` at ``dst`` with every date in its pages and feeds (ISO and RFC 822,
    weekday recomputed) moved by ``days``; paths and links are unchanged. Workers on the real clock collect
    it as today's news."""
    shutil.copytree(src, dst)

    def iso(m: re.Match[str]) -> str:
        return (dt.date(int(m[1]), int(m[2]), int(m[3])) + dt.timedelta(days=days)).isoformat()

    def rfc(m: re.Match[str]) -> str:
        day = dt.date(int(m[3]), _MONTHS.index(m[2]) + 1, int(m[1])) + dt.timedelta(days=days)
        return f"{day.strftime('%a')}, {day.day:02d} {_MONTHS[day.month - 1]} {day.year}"

    for path in sorted((dst / "site").rglob("*")):
        if path.suffix in (".html", ".xml"):
            path.write_text(_RFC822.sub(rfc, _ISO.sub(iso, path.read_text(encoding="utf-8"))), encoding="utf-8")
    return dst


def days_to_now(sample: Path, now: dt.datetime) -> int:
    """Days that bring the sample's last morning to a day whose afternoon has passed: its latest article
    (early afternoon of the sample's date) is then at least half an hour old, whatever time it is now."""
    sample_day = SampleWeb.load(sample).sample_date()
    assert sample_day is not None
    return ((now - dt.timedelta(hours=14)).date() - sample_day).days


@dataclass
class Team:
    root: Path
    web: str
    model: ScriptedServer
    hooks: HttpRecorder
    watchers: list[str]

    def worker(self, *args: str) -> subprocess.Popen[bytes]:
        """One `guancha serve` worker process (real clock), its JSON summary on stdout at exit."""
        return subprocess.Popen([sys.executable, "-m", "guancha", "serve", "--workspace", str(self.root), "--json",
                                 *args], env=cli_env(GUANCHA_TEST_HOOK=SECRET), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)


def stop_workers(procs: list[subprocess.Popen[bytes]], timeout: float = 60) -> list[tuple[int, bytes, bytes]]:
    """SIGTERM every live worker, then (returncode, stdout, stderr) of each."""
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=timeout)
        out.append((proc.returncode, stdout, stderr))
    return out


@contextmanager
def team(tmp: Path, *, watchers: int, store_url: str, system_url: str, delay_s: float, serve_yaml: str,
         now: dt.datetime | None = None) -> Iterator[Team]:
    """The workspace at ``tmp/ws`` with ``watchers`` watchers due every minute (UTC), writing with the
    fixed-delay model 'loop:m1', each delivering to a webhook; ``serve_yaml`` is the body of its ``serve:``."""
    from guancha.workspace import init_workspace

    now = now or dt.datetime.now(dt.UTC)
    sample = shifted_sample(SAMPLE, tmp / "web", days_to_now(SAMPLE, now))
    root = tmp / "ws"
    init_workspace(root)
    (root / "watchers" / "china-ai.yaml").unlink()
    with ExitStack() as stack:
        web = stack.enter_context(serve(sample)).base
        model = stack.enter_context(scripted_server(fixed_delay_writer(delay_s)))
        hook, hooks = stack.enter_context(http_server())
        ids = [f"wind-{n:02d}" for n in range(watchers)]
        settings = root / "guancha.yaml"
        text = settings.read_text(encoding="utf-8")
        text = text.replace("database: guancha.db", f"database: {store_url}")
        text = text.replace("allow_private_hosts: []", "allow_private_hosts: [127.0.0.1]")
        text = text.replace("per_host_delay_s: 1.0", "per_host_delay_s: 0.0")
        # the model layer's own retries stay off: a repeated request would be the model layer's, not the worker's
        text = text.replace("  providers: {}", f"  providers:\n    loop: {{base_url: '{model.base_url}', "
                                                f"key_required: false, retries: 0, timeout_s: 60}}")
        channels = "".join(f"    {w}:\n      webhooks: [{{url: '{hook}/hook', secret_env: GUANCHA_TEST_HOOK}}]\n"
                           for w in ids)
        text += f"\npublish:\n  channels:\n{channels}serve:\n  database: {system_url}\n{serve_yaml}"
        settings.write_text(text, encoding="utf-8")
        spec = SampleWeb.load(sample).watcher_text(web).replace("\ndate:", "\n# date:").replace(
            "window_hours: 48", "window_hours: 96")
        for n, wid in enumerate(ids):
            # a title of its own, so no two watchers send the same prompt (the model cache would answer it)
            body = spec.replace("id: offshore-energy", f"id: {wid}").replace(
                "title: North Sea Energy", f"title: North Sea Energy {n:02d}")
            (root / "watchers" / f"{wid}.yaml").write_text(
                body + "\nschedule: '* * * * *'\ntimezone: UTC\nmodels: {writer: 'loop:m1'}\n", encoding="utf-8")
        yield Team(root=root, web=web, model=model, hooks=hooks, watchers=ids)
