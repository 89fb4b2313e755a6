"""Process locks on a workspace's work: one process at a time per run (watcher and date).

An OS file lock (``flock``) is released by the kernel when its process ends, however it ends, so a killed run
never leaves a stale lock behind; a second process asking for the same lock is told who holds it.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from guancha.errors import Busy

LOCK_DIR = ".locks"


def lock_path(folder: Path, key: str) -> Path:
    return folder / LOCK_DIR / (re.sub(r"[^\w.-]+", "_", key) + ".lock")


@contextmanager
def exclusive(path: Path, what: str, *, fix: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the block, or raise Busy at once naming the holder's pid."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise Busy(f"{what} is already in progress in another guancha process (pid {holder})", fix=fix) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
