"""The collect stage of a run: collect the watcher's sources, and stop the run on an outage.

An outage (every source failed) is not a quiet day: finalising an empty report would hide it and claim the
date, so the stage raises and ``--resume`` retries collection.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from guancha.collect.engine import collect_watcher
from guancha.context import RunContext
from guancha.errors import GuanchaError
from guancha.timeutil import iso_z


class CollectionFailed(GuanchaError):
    """Every source of the watcher failed: an outage, not a quiet day."""


class CollectOutput(BaseModel):
    """What the run keeps of its collection: which one, its window, and what failed."""

    collection_id: str | None
    as_of: str
    window_hours: int
    articles: int = 0
    in_window: int = 0
    failed_sources: list[str] = Field(default_factory=list)
    summary: dict[str, Any] = Field(default_factory=dict)


def stage_collect(ctx: RunContext) -> CollectOutput:
    """Collect the watcher's sources for the window ending at ``as_of`` (see guancha.collect).

    With ``collect=False`` the run uses what earlier collections stored (e.g. after ``guancha collect``).
    """
    if not ctx.collect:
        return CollectOutput(collection_id=None, as_of=iso_z(ctx.as_of), window_hours=ctx.spec.window_hours,
                             summary={"skipped": True})

    def progress(update: Any) -> None:
        ctx.progress("collect", f"{update.done}/{update.total} {update.message}".strip())

    result = collect_watcher(ctx.workspace, ctx.spec, spec_path=ctx.spec_path, as_of=ctx.as_of,
                             progress=ctx.collect_progress or progress)
    failed = sorted({e.source or e.url or e.kind for e in result.errors if e.severity == "error"})
    if result.sources_total and result.sources_failed == result.sources_total:
        first = next((e for e in result.errors if e.severity == "error"), None)
        which = "the only source" if result.sources_total == 1 else f"every one of the {result.sources_total} sources"
        eg = "" if result.sources_total == 1 else "e.g. "
        example = f" ({eg}{first.url or first.source}: {first.message})" if first is not None else ""
        raise CollectionFailed(
            f"{which} failed{example}",
            fix=f"check the network and the source URLs with 'guancha sources {ctx.spec.id}'",
        )
    return CollectOutput(
        collection_id=result.collection_id,
        as_of=iso_z(ctx.as_of),
        window_hours=ctx.spec.window_hours,
        articles=result.articles_seen,
        in_window=result.in_window,
        failed_sources=failed,
        summary=result.model_dump(mode="json"),
    )
