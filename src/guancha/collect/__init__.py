"""Collection: fetch a watcher's sources politely and safely, extract, deduplicate and store them.

Entry point: ``collect_watcher(workspace, spec, as_of=..., progress=...) -> CollectionResult``.
"""

from guancha.collect.engine import collect_watcher, collect_watcher_async, collected_articles, normalise_as_of
from guancha.collect.models import (
    CollectError,
    CollectionResult,
    CollectOptions,
    ProgressUpdate,
    StoredArticle,
)
from guancha.collect.urls import canonical_url
from guancha.collect.used_urls import is_used, record_used, used_urls

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
