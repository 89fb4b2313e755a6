"""Shared fixtures: a fresh workspace, a served sample web, and the CLI run as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["tests.pg_support"]  # the throwaway PostgreSQL server fixtures

SRC = Path(__file__).resolve().parents[1] / "src"
SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.exists() and (Path(__file__).resolve().parents[3] / "shared").exists():
    SHARED = Path(__file__).resolve().parents[3] / "shared"  # a git worktree one level deeper (wt/<branch>)
CORPUS = SHARED / "corpus" / "observatory-reports-dev.tar.xz"
SEED = SHARED / "seed" / "china-ai-2026-05-02.txt"


def cli_env(**extra: str) -> dict[str, str]:
    """Environment for a guancha subprocess that imports this checkout's source."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("GUANCHA_HOME", None)
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``guancha ARGS`` as a user would (a separate process) and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "guancha", *args],
        cwd=cwd,
        env=cli_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def cli() -> object:
    return run_cli


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    """A new workspace directory made by ``guancha init``, allowing loopback sources."""
    from guancha.workspace import init_workspace

    root = tmp_path / "ws"
    init_workspace(root)
    settings = root / "guancha.yaml"
    text = settings.read_text(encoding="utf-8").replace("allow_private_hosts: []", "allow_private_hosts: [127.0.0.1]")
    settings.write_text(text.replace("per_host_delay_s: 1.0", "per_host_delay_s: 0.0"), encoding="utf-8")
    yield root


def require_corpus() -> Path:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


def require_seed() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    return SEED


def kill_when(proc: subprocess.Popen[bytes], db: object, sql: str, *, within: float) -> None:
    """SIGKILL ``proc`` as soon as ``sql`` (a ``SELECT COUNT(*) AS n``) counts a row in ``db``; fail if the
    process ends first. Waits for the process, so the caller can assert on what it left behind."""
    import signal
    import time

    deadline = time.monotonic() + within
    try:
        while time.monotonic() < deadline:
            if db.one(sql)["n"] >= 1:  # type: ignore[attr-defined]
                break
            assert proc.poll() is None, "the run finished before it could be killed"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
