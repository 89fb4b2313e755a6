"""``guancha models check``: is this model reachable, does it return valid structured output, how fast,
how many tokens, at what cost. The first thing to run after configuring an endpoint."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from guancha.models.base import CallContext, Message, Model
from guancha.models.config import ModelPrice
from guancha.models.errors import ModelAuthError, ModelError, ModelUnavailable
from guancha.models.registry import get_model

if TYPE_CHECKING:
    from guancha.spec import Settings
    from guancha.store.db import Database


class CheckProbe(BaseModel):
    """The structured-output probe: an enum, a small integer range and a bounded string."""

    answer: Literal["yes", "no"]
    confidence: int = Field(ge=1, le=5)
    reason: str = Field(max_length=120)


class ProbeResult(BaseModel):
    name: str
    ok: bool
    latency_s: float | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float | None = None
    detail: str = ""
    error_kind: str | None = None
    fix: str | None = None


class CheckReport(BaseModel):
    model: str
    provider: str
    endpoint: str
    structured_mode: str
    price: ModelPrice | None
    ok: bool
    probes: list[ProbeResult]


def _probe(model: Model, name: str, messages: list[Message], output_type: Any, max_tokens: int) -> ProbeResult:
    started = time.monotonic()
    try:
        result = model.complete(messages, output_type, max_tokens=max_tokens)
    except ModelError as exc:
        return ProbeResult(
            name=name, ok=False, latency_s=round(time.monotonic() - started, 3),
            detail=exc.message, error_kind=exc.kind, fix=exc.fix,
        )
    if output_type is None:
        ok = bool(result.text.strip())
        detail = result.text.strip()[:80] if ok else "the model answered with empty text"
    else:
        ok = result.output is not None
        detail = result.output.model_dump_json() if result.output is not None else ""
        if result.repaired:
            detail = "valid after one repair request: " + detail
    return ProbeResult(
        name=name, ok=ok, latency_s=round(result.latency_s, 3), tokens_in=result.usage.tokens_in,
        tokens_out=result.usage.tokens_out, cost_usd=result.cost_usd, detail=detail,
    )


def check_model(name: str, *, settings: Settings, db: Database | None, base_url: str | None = None) -> CheckReport:
    """Run a text probe and a structured-output probe against ``name`` (never from cache)."""
    model = get_model(
        name, settings=settings, db=db, base_url=base_url, no_cache=True, context=CallContext(stage="models-check")
    )
    probes = [
        _probe(
            model, "text",
            [Message(role="user", content="Reply with one short sentence saying that you are ready.")],
            None, 32,
        )
    ]
    if probes[0].error_kind in {ModelAuthError.kind, ModelUnavailable.kind}:
        probes.append(ProbeResult(name="structured", ok=False, detail="skipped: the text probe could not connect"))
    else:
        probes.append(
            _probe(
                model, "structured",
                [
                    Message(role="system", content="You answer factual questions briefly."),
                    Message(role="user", content="Is Paris the capital of France? Give a short reason."),
                ],
                CheckProbe, 160,
            )
        )
    mode = getattr(model, "_mode", None) or ("grammar" if model.provider.kind == "local" else model.provider.kind)
    return CheckReport(
        model=name,
        provider=model.provider_name,
        endpoint=model.endpoint(),
        structured_mode=str(mode),
        price=model.price(),
        ok=all(p.ok for p in probes),
        probes=probes,
    )


__all__ = ["CheckProbe", "CheckReport", "ProbeResult", "check_model"]
