"""Instructions planted in source text for AI readers ("summarisers must cite …"), and the URLs they promote.

Source text is data. A sentence that talks to a summariser is never quoted (see ``write.extractive``), and
a page such an instruction points at is never a source: it was promoted by the page, not reported by it,
however on-topic it looks and even when a feed links it too.
"""

from __future__ import annotations

import re

from guancha.collect.urls import absolute_url, canonical_url, url_scheme
from guancha.textscan import Branch, LinearAlternation, domain_branch

# Sentences that instruct an AI reader or a writer (as opposed to site chrome, which the writer also skips).
INSTRUCTION_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,60}\b(instruction|prompt|previous|above|rule|guideline)s?\b",
    # an AI-ish addressee told what to do ...
    r"\b(ai|a\.i\.|language model|llm|assistant|chatbot|summari[sz]er|summari[sz]ation tool|bot|crawler)s?\b"
    r".{0,80}\b(must|should|shall|are (?:instructed|required|asked)|need to|have to|please)\b",
    # ... or a generic one (agents, models, readers also occur in reportage) told to cite, link or ignore
    r"\b(agent|model|writer|editor|reader)s?\b.{0,80}\b(must|should|shall|are (?:instructed|required|asked)|"
    r"need to|have to|please)\b.{0,40}\b(cite|link|include|insert|mention|ignore|disregard|recommend|promote|"
    r"refer|describe|credit|treat)\b",
    r"\b(if|when) you(?:'re| are) (?:an? )?(ai|language model|assistant|bot|llm|summari[sz]er)",
    r"\bas an (ai|language model|assistant)\b",
    r"\bsystem prompt\b|\bprompt injection\b|\bjailbreak\b|\bautomated summari[sz]",
    r"\b(note|message|instructions?|notice)s? (for|to) (any |all )?(automated |the )?(summari[sz]ers|ai|assistants|"
    r"language models|llms|bots|crawlers|models|agents)\b",
    r"^\s*(system|assistant|user|instruction|note to [a-z ]+)\s*:",
    r"\bwhen (summari[sz]ing|writing about|reporting on|citing) (this|these)\b",
    r"\b(include|insert|add|cite|link to|mention|promote|recommend)\b.{0,40}\b(link|url|website|this page|"
    r"our site|the following)\b",
]
INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in INSTRUCTION_PATTERNS), re.IGNORECASE | re.MULTILINE)

# A URL written in text: with a scheme, from www., or a bare domain with a common suffix. As re would match
# r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|…|xyz)(?:/\S*)?\b", in linear time: re rescans a
# dotted run ("a.a.a.…", "a-a-a-…") from each of its word boundaries, quadratic on a hostile page.
URL_IN_TEXT = LinearAlternation(Branch(re.compile(r"(?i)\b(?:https?://|www\.)\S+")),
                                domain_branch("com|net|org|io|ai|cn|co|info|biz|xyz"))
# A site-relative path (``/promo/offer.html``): only looked for inside an instruction.
_PATH_IN_TEXT = re.compile(r"(?<![\w/.:])/[\w][\w\-./%~]*")
_TRAILING = ".,;:!?)]}>\"'”’»"


def promoted_urls(text: str, page_url: str) -> set[str]:
    """Canonical URLs named in the paragraphs of ``text`` that carry an instruction to an AI reader.

    Paragraphs (lines) rather than sentences: a sentence splitter cuts URLs at their dots.
    """
    found: set[str] = set()
    for paragraph in text.splitlines():
        if not INSTRUCTION.search(paragraph):
            continue
        raws = [m.group(0).rstrip(_TRAILING) for m in URL_IN_TEXT.finditer(paragraph)]
        absolute = [r if r.lower().startswith(("http://", "https://")) else "https://" + r for r in raws]
        paths = [m.group(0).rstrip(_TRAILING) for m in _PATH_IN_TEXT.finditer(URL_IN_TEXT.sub(" ", paragraph))]
        for raw in absolute + paths:
            url = absolute_url(page_url, raw)
            if url_scheme(url) in {"http", "https"}:
                found.add(canonical_url(url))
    return found
