"""The worker's cost: scheduling overhead per run, and an idle worker's CPU and memory.

    python benchmarks/bench_serve.py [--days 8] [--idle-seconds 10]

Overhead: the same watcher (the offshore sample web on loopback, extractive writer) is run for --days dates
three ways, each in a fresh workspace: ``run_watcher`` in one process (the work itself), one ``guancha run``
process per date (what cron calling ``guancha run`` costs), and one ``guancha serve`` on a simulated clock
(what the worker costs: DBOS launch once, then a workflow, a queue hop and the step's records per run). The
worker's fixed start-up is measured with nothing due. Idle: a real-time ``guancha serve`` with nothing due,
sampled from /proc (CPU seconds over the interval, resident memory at its end).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.run import run_watcher
from guancha.sampleweb import SampleWeb, serve
from guancha.workspace import init_workspace, open_workspace

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "samples" / "offshore-energy-2026-03-10"
WATCHER = "offshore-energy"
FIRST = dt.date(2026, 3, 9)


def make_workspace(root: Path, base: str, cron: str) -> Path:
    init_workspace(root)
    (root / "watchers" / "china-ai.yaml").unlink()
    settings = root / "guancha.yaml"
    text = settings.read_text(encoding="utf-8").replace("allow_private_hosts: []", "allow_private_hosts: [127.0.0.1]")
    settings.write_text(text.replace("per_host_delay_s: 1.0", "per_host_delay_s: 0.0"), encoding="utf-8")
    spec = SampleWeb.load(SAMPLE).watcher_text(base).replace("\ndate:", "\n# date:")
    (root / "watchers" / f"{WATCHER}.yaml").write_text(spec + f"\nschedule: '{cron}'\n", encoding="utf-8")
    return root


def cli(*args: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "guancha", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=8, help="report dates per way of running")
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="how long to sample the idle worker")
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    dates = [FIRST + dt.timedelta(days=i) for i in range(args.days)]
    start = dt.datetime.combine(dates[0], dt.time(23, 0), dt.UTC)
    until = dt.datetime.combine(dates[-1], dt.time(23, 30), dt.UTC)

    with tempfile.TemporaryDirectory(prefix="guancha-bench-serve-") as tmp, serve(SAMPLE) as web:
        ws = open_workspace(make_workspace(Path(tmp) / "inproc", web.base, "0 22 * * *"))
        t0 = time.perf_counter()
        for day in dates:
            run_watcher(ws, WATCHER, report_date=day)
        inproc = (time.perf_counter() - t0) / len(dates)
        ws.close()

        plain_root = make_workspace(Path(tmp) / "plain", web.base, "0 22 * * *")
        plain = sum(cli("run", WATCHER, "--date", day.isoformat(), "--workspace", str(plain_root))
                    for day in dates) / len(dates)

        served_root = make_workspace(Path(tmp) / "served", web.base, "0 22 * * *")
        served = cli("serve", "--workspace", str(served_root), "--now", start.isoformat(), "--until", until.isoformat())
        # nothing due any more in that window: the worker's own start-up and shutdown
        fixed = cli("serve", "--workspace", str(served_root), "--now", start.isoformat(), "--until", until.isoformat())
        per_run = (served - fixed) / len(dates)

        print(f"{len(dates)} report dates of one watcher (offshore sample, extractive), per run:")
        print(f"  run_watcher in one process     {inproc * 1000:8.0f} ms  (the work itself)")
        print(f"  one 'guancha run' per date     {plain * 1000:8.0f} ms  (+{(plain - inproc) * 1000:.0f} ms: a "
              "process per run)")
        print(f"  'guancha serve', simulated     {per_run * 1000:8.0f} ms  (+{(per_run - inproc) * 1000:.0f} ms: "
              "workflow, queue, step records)")
        print(f"  start-up, wakes and shutdown   {fixed * 1000:8.0f} ms  (once per worker; {served:.2f} s in all)")

        # idle: everything due is done (the served workspace, real time, its schedule's latest tick already
        # run by a --once first)
        cli("serve", "--workspace", str(served_root), "--once")
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        proc = subprocess.Popen([sys.executable, "-m", "guancha", "serve", "--workspace", str(served_root)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            settled = time.perf_counter() + 60  # imports, DBOS launch, the first look: wait until it goes quiet
            while time.perf_counter() < settled:
                before = cpu_seconds(proc.pid)
                time.sleep(1.0)
                if cpu_seconds(proc.pid) - before < 0.05:
                    break
            cpu0, t0 = cpu_seconds(proc.pid), time.perf_counter()
            time.sleep(args.idle_seconds)
            cpu1, t1 = cpu_seconds(proc.pid), time.perf_counter()
            rss = rss_mib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        print(f"idle worker over {t1 - t0:.1f} s: {cpu1 - cpu0:.2f} CPU s ({100 * (cpu1 - cpu0) / (t1 - t0):.2f}% of "
              f"one core), resident memory {rss:.0f} MiB; exit code on SIGTERM {proc.returncode}")


if __name__ == "__main__":
    main()
