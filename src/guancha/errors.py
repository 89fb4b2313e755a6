"""The exception tree. The library raises these; only the CLI turns them into messages and exit codes.

Every error carries the context a user needs (file, line, field, URL, model) and a ``fix`` sentence
that says what to do next, in the spirit of "No key found - add one using ...".
"""

from __future__ import annotations

from pathlib import Path


class GuanchaError(Exception):
    """Base class. ``exit_code`` follows the CLI contract: 1 the work failed, 2 bad usage or config."""

    exit_code = 1

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message}\n  fix: {self.fix}" if self.fix else self.message


class ConfigError(GuanchaError):
    """A settings file or watcher spec is wrong. Names the file, line and field when known."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.field = field
        where = ""
        if self.path is not None:
            where = str(self.path) + (f":{line}" if line is not None else "")
        if field:
            where = f"{where} field '{field}'" if where else f"field '{field}'"
        super().__init__(f"{where}: {message}" if where else message, fix=fix)


class WorkspaceNotFound(ConfigError):
    """No workspace was found from --workspace, GUANCHA_HOME or the current directory upwards."""


class UsageError(GuanchaError):
    """The command was called in a way that cannot work (unknown watcher, bad date...)."""

    exit_code = 2


class StoreError(GuanchaError):
    """The database is unusable (newer schema, corrupt file, failed migration)."""


class FetchError(GuanchaError):
    """A URL could not be fetched. ``kind`` is a stable machine-readable reason."""

    def __init__(self, message: str, *, url: str, kind: str, fix: str | None = None) -> None:
        super().__init__(f"{url}: {message}", fix=fix)
        self.url = url
        self.kind = kind


class BlockedURL(FetchError):
    """A URL was refused before any request: scheme, private address, robots.txt."""


class Busy(GuanchaError):
    """Another guancha process holds the lock on this work (the same run, a migration)."""


class DeliveryFailed(GuanchaError):
    """One delivery (an email, a chat notice, a webhook call) did not go through. ``permanent`` means trying
    again cannot help (a 5xx refusal of the address, a 4xx from a webhook); the message never names an address
    or a secret."""

    def __init__(self, message: str, *, permanent: bool = False, retry_after_s: float | None = None,
                 fix: str | None = None) -> None:
        super().__init__(message, fix=fix)
        self.permanent = permanent
        self.retry_after_s = retry_after_s
