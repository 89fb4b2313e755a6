"""The one briefing parser: a briefing (HTML, Markdown or plain text) in the reference layout, into its parts.

Shared by the importer (``guancha.knowledge``: to store reports) and by ``guancha check`` (``check.view``: to
test the rendered output), so every part keeps the line it came from. ``model`` holds the types, ``blocks``
the three format readers, ``layout`` the section parser. Each format is first turned into a flat list of :class:`Block`
(heading, paragraph, list item, rule, code) with source line numbers; one section parser then reads the
layout from the blocks, whatever the format was:

    title (emoji, topic, date) · long date · table of contents · stories (headline — subtitle,
    paragraphs, Sources:) · Research Papers · Implications · HEURISTICS (raw block for parse.py)

The parser is tolerant of what broken converters produced (fences as ``<p>`yaml``, lists inside code,
escaped entities, list items glued to the previous line); everything it could not place is kept in
``leftover`` with its line, and everything odd is listed in ``problems``. It never raises on bad input.
"""

from guancha.briefing.blocks import mail_header_count
from guancha.briefing.layout import (
    numeric_or_foreign_date,
    parse_document,
    parse_long_date,
    typographic_boxes,
)
from guancha.briefing.model import (
    EARLIER_REPORT_HREF_RE,
    Block,
    Format,
    HeuristicsBlock,
    Leftover,
    Line,
    Link,
    Paper,
    Paragraph,
    ParsedDocument,
    Problem,
    SourceItem,
    Story,
    TocEntry,
    site_report_href,
)

__all__ = ["EARLIER_REPORT_HREF_RE", "Block", "Format", "HeuristicsBlock", "Leftover", "Line", "Link", "Paper", "Paragraph", "ParsedDocument",
           "Problem", "SourceItem", "Story", "TocEntry", "mail_header_count", "numeric_or_foreign_date", "parse_document", "parse_long_date", "site_report_href",
           "typographic_boxes"]
