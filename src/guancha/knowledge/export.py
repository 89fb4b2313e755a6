"""Export heuristics as an agent-loadable pack: YAML in the reference layout, JSON following the published
schema ``heuristics-pack.schema.json`` (shipped in this package), or Markdown for people."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Literal

from guancha.knowledge.kb import KnowledgeBase
from guancha.knowledge.monitor import Standing, heuristic_standing
from guancha.knowledge.schema import StoredHeuristic, render_yaml
from guancha.store import utcnow

ExportFormat = Literal["yaml", "json", "md"]
SCHEMA_FILE = "heuristics-pack.schema.json"


def pack_schema() -> dict[str, Any]:
    """The published JSON Schema of a heuristics pack."""
    text = (resources.files("guancha.knowledge") / SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def pack_entry(stored: StoredHeuristic, standing: Standing | None = None) -> dict[str, Any]:
    h = stored.heuristic
    extra: dict[str, Any] = {}
    if standing is not None:
        extra = {
            "confidence_now": standing.confidence_now,
            "evidence": [e.model_dump(mode="json") for e in standing.evidence],
            "status_history": [c.model_dump(mode="json") for c in standing.status_history],
        }
    return {
        "id": h.id,
        "domain": list(h.domain),
        "when": h.when,
        "prefer": h.prefer,
        "over": h.over,
        "because": h.because,
        "breaks_when": h.breaks_when,
        "confidence": {"original": h.confidence.original, "level": h.confidence.level.value,
                       "value": h.confidence.value},
        "source": {"report": h.source.report, "date": h.source.date.isoformat() if h.source.date else None,
                   "url": h.source.url},
        "extracted_by": h.extracted_by,
        "version": h.version,
        "status": stored.status.value,
        "first_seen": stored.first_seen.isoformat() if stored.first_seen else None,
        "last_confirmed": stored.last_confirmed.isoformat() if stored.last_confirmed else None,
        "confirmations": stored.confirmations,
        "related": list(stored.related),
        "retired_reason": stored.retired_reason,
        "merged_into": stored.merged_into,
        **extra,
    }


def pack(kb: KnowledgeBase, *, domain: str | None = None, status: str | None = None,
         watcher: str | None = None) -> dict[str, Any]:
    chosen = kb.select(domain=domain, status=status, watcher=watcher)
    return {
        "format": "guancha-heuristics-pack",
        "version": 1,
        "generated_at": utcnow(),
        "filters": {"domain": domain, "status": status, "watcher": watcher},
        "heuristics": [pack_entry(s, heuristic_standing(kb.db, s.id)) for s in chosen],
    }


def export(kb: KnowledgeBase, fmt: ExportFormat, *, domain: str | None = None, status: str | None = None,
           watcher: str | None = None) -> str:
    if fmt == "json":
        return json.dumps(pack(kb, domain=domain, status=status, watcher=watcher), indent=2, ensure_ascii=False) + "\n"
    chosen = kb.select(domain=domain, status=status, watcher=watcher)
    if fmt == "yaml":
        return render_yaml([s.heuristic for s in chosen])
    return render_markdown(chosen)


def render_markdown(chosen: list[StoredHeuristic]) -> str:
    lines = ["# Heuristics", ""]
    for stored in chosen:
        h = stored.heuristic
        lines += [
            f"## {h.id}",
            "",
            f"*{', '.join(h.domain)}* · confidence **{h.confidence.level.value}** ({h.confidence.original}) · "
            f"v{h.version} · {stored.status.value} · confirmed {stored.confirmations}×",
            "",
            f"- **When:** {h.when}",
            f"- **Prefer:** {h.prefer}",
            f"- **Over:** {h.over}",
            f"- **Because:** {h.because}",
            f"- **Breaks when:** {h.breaks_when}",
        ]
        if h.source.report or h.source.date:
            lines.append(f"- **Source:** {h.source.report or ''} {h.source.date or ''}".rstrip())
        if stored.related:
            lines.append(f"- **Related:** {', '.join(stored.related)}")
        lines.append("")
    return "\n".join(lines)
