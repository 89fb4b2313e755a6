"""Reading a file a user names on the command line (a briefing to check, a page to import), safely.

A named path may be a pipe, a device or a file that grows while it is read: its size from ``stat`` is 0 for
``/dev/zero`` and a FIFO, where reading to the end never ends or never starts. Only a regular file is read, and
never more than the limit plus one byte, whatever its size said.
"""

from __future__ import annotations

import stat
from pathlib import Path

from guancha.errors import UsageError


def read_regular_file(path: Path, max_bytes: int, *, fix_size: str) -> bytes:
    """The bytes of ``path``, a regular file (a symbolic link to one is followed) of at most ``max_bytes`` bytes.

    Raises ``UsageError`` for a missing path, a pipe, device, socket or directory, and a file over the limit (with
    ``fix_size`` as its fix)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise UsageError(f"{path} cannot be read: {exc.strerror or exc}", fix="check the path") from exc
    if not stat.S_ISREG(mode):
        raise UsageError(f"{path} is not a regular file (a pipe, a device, a socket or a directory)",
                         fix="name a saved briefing or page file")
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UsageError(f"{path} is over the {max_bytes:,}-byte input limit", fix=fix_size)
    return data
