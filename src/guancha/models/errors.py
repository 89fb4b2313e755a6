"""Typed model errors. Each says what went wrong with which model and what to do about it.

They subclass ``GuanchaError`` so the CLI prints them with their ``fix`` sentence and exit code. Messages
never contain an API key: text that came back from a provider is redacted before it reaches an error.
"""

from __future__ import annotations

from guancha.errors import GuanchaError


class ModelError(GuanchaError):
    """A model call failed. ``model`` is the ``provider:model`` name; ``kind`` a stable short reason."""

    kind = "error"

    def __init__(self, message: str, *, model: str, fix: str | None = None) -> None:
        super().__init__(f"{model}: {message}", fix=fix)
        self.model = model
        self.attempts = 1  # requests made before giving up (set by the provider)


class ModelAuthError(ModelError):
    """The provider refused our credentials, or the environment variable holding the key is unset."""

    kind = "auth"
    exit_code = 2

    def __init__(self, message: str, *, model: str, env_var: str | None, fix: str | None = None) -> None:
        super().__init__(message, model=model, fix=fix)
        self.env_var = env_var


class ModelRateLimited(ModelError):
    """The provider kept answering 429 after our retries, or asked us to wait longer than allowed."""

    kind = "rate-limited"

    def __init__(self, message: str, *, model: str, retry_after_s: float | None, fix: str | None = None) -> None:
        super().__init__(message, model=model, fix=fix)
        self.retry_after_s = retry_after_s


class ModelUnavailable(ModelError):
    """The endpoint could not be reached, kept failing (5xx), or sent a response that is not an API reply."""

    kind = "unavailable"


class ModelOutputError(ModelError):
    """The model's output did not validate against the requested type, even after one repair attempt.

    ``raw`` holds the last output exactly as the model produced it (never parsed by regex).
    """

    kind = "bad-output"

    def __init__(
        self, message: str, *, model: str, raw: str, errors: str | None = None, fix: str | None = None
    ) -> None:
        super().__init__(message, model=model, fix=fix)
        self.raw = raw
        self.errors = errors


class BudgetExceeded(ModelError):
    """A call was refused before it was made because its estimate would exceed a run or day budget."""

    kind = "budget"

    def __init__(
        self,
        message: str,
        *,
        model: str,
        limit_usd: float | None,
        spent_usd: float | None,
        estimate_usd: float | None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message, model=model, fix=fix)
        self.limit_usd = limit_usd
        self.spent_usd = spent_usd
        self.estimate_usd = estimate_usd


__all__ = [
    "BudgetExceeded",
    "ModelAuthError",
    "ModelError",
    "ModelOutputError",
    "ModelRateLimited",
    "ModelUnavailable",
]
