"""Collection: fetch a watcher's sources politely and safely, extract, deduplicate and store them.

Entry point: ``collect_watcher(workspace, spec, as_of=..., progress=...) -> CollectionResult``.
"""

from guancha.collect.engine import collect_watcher, collect_watcher_async, normalise_as_of
from guancha.collect.ledger import is_used, record_used, used_urls
from guancha.collect.models import CollectError, CollectionResult, CollectOptions, ProgressUpdate
from guancha.collect.urls import canonical_url

__all__ = [
    "CollectError",
    "CollectOptions",
    "CollectionResult",
    "ProgressUpdate",
    "canonical_url",
    "collect_watcher",
    "collect_watcher_async",
    "is_used",
    "normalise_as_of",
    "record_used",
    "used_urls",
]
