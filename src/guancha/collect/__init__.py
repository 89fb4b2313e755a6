"""Collection: fetch a watcher's sources politely and safely, extract, deduplicate and store them.

Entry point: ``collect_watcher(workspace, spec, as_of=..., progress=...) -> CollectionResult``.

The engine and its models load on first use (PEP 562), so that importing one stage module (``guancha.collect.pages``
in an extraction worker process) does not load the whole engine. The used-URL ledger loads at once: its function
``used_urls`` shares its module's name, and must win.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from guancha.collect.urls import canonical_url
from guancha.collect.used_urls import is_used, record_used, used_urls

if TYPE_CHECKING:
    from guancha.collect.engine import (
        collect_watcher,
        collect_watcher_async,
        collected_articles,
        normalise_as_of,
    )
    from guancha.collect.models import (
        CollectError,
        CollectionResult,
        CollectOptions,
        ProgressUpdate,
        StoredArticle,
    )

_LAZY = {
    "collect_watcher": "engine", "collect_watcher_async": "engine", "collected_articles": "engine",
    "normalise_as_of": "engine", "CollectError": "models", "CollectionResult": "models",
    "CollectOptions": "models", "ProgressUpdate": "models", "StoredArticle": "models",
}

__all__ = [
    "CollectError",
    "CollectOptions",
    "CollectionResult",
    "ProgressUpdate",
    "StoredArticle",
    "canonical_url",
    "collect_watcher",
    "collect_watcher_async",
    "collected_articles",
    "is_used",
    "normalise_as_of",
    "record_used",
    "used_urls",
]


def __getattr__(name: str) -> Any:
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module 'guancha.collect' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"guancha.collect.{home}"), name)
    globals()[name] = value  # once loaded, a plain module attribute
    return value
