"""Newsletter throughput: one report to N subscribers through a real SMTP server on loopback (aiosmtpd).

    python benchmarks/bench_mail.py [--recipients 1000] [--per-minute 600000]

A workspace gets generated articles and one finalised extractive report; N subscribers are added, then one
publish pass sends every message over a single SMTP session, each claimed in and marked by the delivery
ledger (two committed transactions per message). Prints messages per second, the mean message size, the
ledger's share, and the time of a second pass (which must send nothing). The rate limit is lifted to the
figure given so the number is guancha's, not the limit's. The server runs in its own process (it only
counts recipients and bytes), so the figure is guancha's side of the conversation on this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.briefing_data import FEED, SPEC, china_ai_articles, insert  # noqa: E402
from tests.publish_servers import free_port  # noqa: E402

from guancha.publish.stage import publish  # noqa: E402
from guancha.run import run_watcher  # noqa: E402
from guancha.store import deliveries as ledger  # noqa: E402
from guancha.workspace import init_workspace, open_workspace  # noqa: E402


class CountingHandler:
    def __init__(self) -> None:
        self.recipients: dict[str, int] = {}
        self.bytes = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        for r in envelope.rcpt_tos:  # type: ignore[attr-defined]
            self.recipients[r] = self.recipients.get(r, 0) + 1
        self.bytes += len(envelope.original_content or b"")  # type: ignore[attr-defined]
        return "250 OK"


def serve_smtp(port: int, ready: mp.Event, stop: mp.Event, out: mp.Queue) -> None:  # type: ignore[type-arg]
    """The loopback SMTP server, in its own process; sends its counts back when told to stop."""
    from aiosmtpd.controller import Controller

    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
    out.put((handler.recipients, handler.bytes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--per-minute", type=float, default=600_000, help="the send rate limit to configure")
    args = parser.parse_args()

    port = free_port()
    ready, stop, out = mp.Event(), mp.Event(), mp.Queue()
    server = mp.Process(target=serve_smtp, args=(port, ready, stop, out), daemon=True)
    server.start()
    ready.wait(30)
    with tempfile.TemporaryDirectory(prefix="guancha-bench-mail-") as tmp:
        root = Path(tmp) / "ws"
        init_workspace(root)
        (root / "guancha.yaml").write_text(
            (root / "guancha.yaml").read_text(encoding="utf-8")
            + f"\npublish:\n  email:\n    smtp_host: 127.0.0.1\n    smtp_port: {port}\n    security: none\n"
            f"    from_address: 'Briefings <news@example.org>'\n"
            f"    unsubscribe_url: 'https://example.org/unsubscribe?t={{token}}'\n"
            f"    max_per_minute: {args.per_minute}\n", encoding="utf-8")
        (root / "watchers" / "china-ai.yaml").write_text(SPEC.format(feed=FEED), encoding="utf-8")
        ws = open_workspace(root)
        insert(ws.db(), "china-ai", china_ai_articles())
        report = run_watcher(ws, "china-ai", report_date=dt.date(2026, 5, 2), collect=False)
        assert report.status == "finalised", report.status
        t0 = time.perf_counter()
        for i in range(args.recipients):
            ledger.add_subscriber(ws.db(), "china-ai", f"reader{i:05d}@example.org")
        subscribe_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        result = publish(ws, watcher="china-ai", date="2026-05-02")
        send_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = publish(ws, watcher="china-ai", date="2026-05-02")
        again_s = time.perf_counter() - t0

        stop.set()
        received, size = out.get(timeout=30)
        server.join(10)
        sent = result.counts.get("sent", 0)
        print(f"recipients: {args.recipients} (added in {subscribe_s:.2f} s)")
        print(f"sent: {sent} in {send_s:.2f} s -> {sent / send_s:.1f} messages/s over one SMTP session")
        print(f"server received: {sum(received.values())} messages, {len(received)} distinct recipients, "
              f"max per recipient {max(received.values(), default=0)}")
        print(f"mean message size: {size / max(sum(received.values()), 1) / 1024:.1f} KiB (text + HTML)")
        print(f"second pass: {again.counts or 'nothing sent'} in {again_s:.2f} s")
        print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
