"""Reading a file a user names on the command line (a briefing to check, a page to import), safely.

A named path may be a pipe, a device or a file that grows while it is read: its size from ``stat`` is 0 for
``/dev/zero`` and a FIFO, where reading to the end never ends or never starts. Only a regular file is read, and
never more than the limit plus one byte, whatever its size said.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import BinaryIO

from guancha.errors import UsageError


def input_too_large(path: str, max_bytes: int, fix: str, size: int | None = None) -> UsageError:
    """The error for an input over ``max_bytes`` (with its ``size`` where it is known)."""
    told = f"{size:,} bytes, " if size else ""
    return UsageError(f"{path} is {told}over the {max_bytes:,}-byte input limit", fix=fix)


def line_count(data: bytes) -> int:
    """How many lines ``data`` has, counted on its bytes (no decoding: the count comes before any parsing); a text
    with a UTF-16 or UTF-32 mark is decoded first, since its newline bytes are not alone."""
    for mark, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
                        (b"\xfe\xff", "utf-16")):
        if data.startswith(mark):
            text = data.decode(codec, errors="replace")
            return max(text.count("\n"), text.count("\r")) + 1
    return max(data.count(b"\n"), data.count(b"\r")) + 1


def too_many_parts(path: str, count: int, limit: int, what: str, setting: str) -> UsageError:
    """The error for an input of more ``what`` (lines, blocks) than ``limit``: a briefing has a few hundred, and
    parsing and checking a hundred thousand takes minutes and gigabytes."""
    return UsageError(f"{path} has {count:,} {what}, over the {limit:,}-{what.rstrip('s')} input limit "
                      f"(limits.{setting}; a briefing has a few hundred)", fix=f"check that this is a briefing; split it, or raise limits.{setting} in "
                                            "guancha.yaml if you trust it")


def read_regular_file(path: Path, max_bytes: int, *, fix_size: str,
                      fix_kind: str = "name a saved briefing or page file") -> bytes:
    """The bytes of ``path``, a regular file (a symbolic link to one is followed) of at most ``max_bytes`` bytes.

    Raises ``UsageError`` for a missing path, a pipe, device, socket or directory, and a file over the limit (with
    ``fix_size`` as its fix)."""
    try:
        status = path.stat()
    except OSError as exc:
        raise UsageError(f"{path} cannot be read: {exc.strerror or exc}", fix="check the path") from exc
    if not stat.S_ISREG(status.st_mode):
        raise UsageError(f"{path} is not a regular file (a pipe, a device, a socket or a directory)", fix=fix_kind)
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise input_too_large(str(path), max_bytes, fix_size, size=max(status.st_size, len(data)))
    return data


def read_stream(stream: BinaryIO, max_bytes: int, *, name: str, fix_size: str) -> bytes:
    """At most ``max_bytes`` of a stream (stdin), read in pieces: ``sys.stdin.read()`` of an endless pipe
    (``< /dev/zero``) grew to 23 GB before anything could stop it (found by a red-team pass)."""
    pieces: list[bytes] = []
    size = 0
    while size <= max_bytes:
        piece = stream.read(min(1 << 20, max_bytes + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    if size > max_bytes:
        raise input_too_large(name, max_bytes, fix_size)
    return b"".join(pieces)
