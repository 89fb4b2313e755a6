"""Writers turn a selection into a draft. Sources reach them numbered (``[S1]``, ``[S2]``…) and fenced as
quoted data; writers cite by number only and the renderer resolves numbers to URLs, so a link to anything
not collected in this run cannot exist.

- :mod:`guancha.write.extractive`: no model; a grounded digest of the most central sentences, each cited.
- :mod:`guancha.write.llm`: one structured model call per story, then papers, implications, heuristics.
"""

from guancha.write.base import (
    CITE_RE,
    Draft,
    NumberedSource,
    PaperDraft,
    SourceBook,
    StoryDraft,
    fence_source,
)

__all__ = ["CITE_RE", "Draft", "NumberedSource", "PaperDraft", "SourceBook", "StoryDraft", "fence_source"]
