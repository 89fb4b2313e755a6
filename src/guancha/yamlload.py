"""One YAML loader for large or untrusted text (reports' heuristics blocks, imported archives).

PyYAML's pure-Python ``SafeLoader`` costs tens of milliseconds per report; libyaml's ``CSafeLoader`` reads
the same documents about ten times faster with the same results. When PyYAML was built without libyaml the
pure-Python loader is used. Errors always come from the pure-Python loader: its messages and line marks are
the ones findings and notes quote, so a report reads the same whichever loader is installed.

Aliases (``*name``) are refused before anything is built: nested aliases expand exponentially (six hundred bytes of
a "billion laughs" took two gigabytes), and a report's heuristics or an imported archive never need one.
"""

from __future__ import annotations

from typing import Any

import yaml

_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasRefused(yaml.MarkedYAMLError):
    """Untrusted YAML used an alias; it is refused rather than expanded."""


def refuse_aliases(text: str) -> None:
    """Raise ``AliasRefused`` at the first alias in ``text`` (parsing events only, which builds nothing); a text
    that does not parse is left for the loader to report."""
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark   # libyaml's own Mark type: its line and column are what a message needs
                raise AliasRefused(problem=f"found an alias (*{event.anchor}): aliases are not read in untrusted "
                                           "YAML; write the value out",
                                   problem_mark=yaml.Mark("yaml", 0, mark.line, mark.column, None, 0)
                                   if mark is not None else None)
    except AliasRefused:
        raise
    except yaml.YAMLError:
        return


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, on libyaml where it is available (raises ``yaml.YAMLError`` as PyYAML does, and
    ``AliasRefused`` for an alias)."""
    refuse_aliases(text)
    if _FAST_LOADER is yaml.SafeLoader:
        return yaml.safe_load(text)
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # the pure-Python loader's own error (or its result where it reads more)
