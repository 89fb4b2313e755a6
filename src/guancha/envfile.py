"""A workspace's ``.env``: API keys kept beside the settings, read into the environment when the workspace opens.

``guancha init`` writes ``.env.example`` saying "copy to .env"; nothing read it, so keys put there were silently
not found. The file is read from the workspace root only (not the current directory: a ``.env`` of whatever
project a command happens to run in is not this workspace's). A variable already set in the environment wins,
so a key exported in the shell or set by systemd is never replaced by the file.

The format is the common one: ``KEY=VALUE`` lines, an optional ``export`` before the key, blank lines and ``#``
comments, a value in single quotes (taken as written) or double quotes (``\\n``, ``\\"`` and ``\\\\`` read as
escapes), and an unquoted value ending at `` #``. Nothing is expanded or run. A line that is none of these is an
error naming the file and line.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path

from guancha.errors import ConfigError
from guancha.inputfiles import read_regular_file

ENV_FILE = ".env"
MAX_ENV_BYTES = 1 << 20  # a file of keys is a few hundred bytes; a larger one is not what this reads
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def parse_env(text: str, path: Path) -> dict[str, str]:
    """The variables a ``.env`` text sets, in order (a key given twice: the last value)."""
    found: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export ") or line.startswith("export\t"):
            line = line[len("export"):].lstrip()
        key, sep, rest = line.partition("=")
        key = key.strip()
        if not sep or not key.isascii() or not key.isidentifier():
            raise ConfigError("not a KEY=VALUE line" if not sep else f"'{key[:40]}' is not a variable name",
                              path=path, line=number,
                              fix="write each setting as NAME=value (letters, digits and _ in the name), or start "
                                  "the line with # to make it a comment")
        found[key] = _value(rest.strip(), path, number)
    return found


def _value(text: str, path: Path, number: int) -> str:
    if text[:1] in ("'", '"'):
        quote = text[0]
        out: list[str] = []
        k = 1
        while k < len(text):
            char = text[k]
            if char == quote:
                after = text[k + 1:].strip()
                if after and not after.startswith("#"):
                    break
                return "".join(out)
            if quote == '"' and char == "\\" and k + 1 < len(text):
                out.append(_ESCAPES.get(text[k + 1], "\\" + text[k + 1]))
                k += 2
                continue
            out.append(char)
            k += 1
        raise ConfigError(f"the value's {quote} quote is not closed, or text follows it", path=path, line=number,
                          fix=f"end the value with {quote} (a # comment may follow), on the same line")
    for mark in (" #", "\t#"):
        cut = text.find(mark)
        if cut >= 0:
            text = text[:cut]
    return text.rstrip()


def load_env_file(root: Path, environ: MutableMapping[str, str] | None = None) -> list[str]:
    """Set the variables of ``root/.env`` that ``environ`` (default: the process's) does not have yet; returns
    their names. No file: nothing happens."""
    path = root / ENV_FILE
    if not path.exists():
        return []
    target = os.environ if environ is None else environ
    try:
        data = read_regular_file(path, MAX_ENV_BYTES, fix_size="keep only NAME=value lines in it")
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError("is not UTF-8 text", path=path, fix="save it as UTF-8") from exc
    except OSError as exc:
        raise ConfigError(f"cannot be read: {exc.strerror or exc}", path=path,
                          fix="check its permissions, or remove it if it holds nothing guancha needs") from exc
    added = []
    for key, value in parse_env(text, path).items():
        if key not in target:
            target[key] = value
            added.append(key)
    return added
