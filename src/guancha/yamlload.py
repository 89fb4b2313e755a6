"""One YAML loader for large or untrusted text (reports' heuristics blocks, imported archives).

PyYAML's pure-Python ``SafeLoader`` costs tens of milliseconds per report; libyaml's ``CSafeLoader`` reads
the same documents about ten times faster with the same results. When PyYAML was built without libyaml the
pure-Python loader is used. Errors always come from the pure-Python loader: its messages and line marks are
the ones findings and notes quote, so a report reads the same whichever loader is installed.
"""

from __future__ import annotations

from typing import Any

import yaml

_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, on libyaml where it is available (raises ``yaml.YAMLError`` as PyYAML does)."""
    if _FAST_LOADER is yaml.SafeLoader:
        return yaml.safe_load(text)
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # the pure-Python loader's own error (or its result where it reads more)
