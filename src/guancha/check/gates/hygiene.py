"""Hygiene rules: agent narration, tool output, configuration and self-scoring left in the published text."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterator
from urllib.parse import urlsplit

from guancha.briefing import Line, mail_header_count, typographic_boxes
from guancha.check.findings import Finding
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    BARE_URL_RE,
    plain_text,
    split_sentences,
)
from guancha.textutil import QUOTED_SPEECH

_NARRATION_PATTERNS = [
    r"^(?:now|okay|ok|alright|great|good|perfect)[,!.]?\s+(?:i|let me|let's|i'll|i will|i've|i have)\b",
    r"^(?:now\s+)?let(?: me|'s|’s)\s+(?:now\s+)?(?:compile|write|search|check|draft|start|look|gather|verify|fetch|"
    r"create|generate|produce|put|finali[sz]e|assemble|review|begin|research|find|try|read|summari[sz]e|re-?write|"
    r"revise|fix|update|build|score|grade|run|format|convert|save|publish|do|get|see|think|analy[sz]e|examine|"
    r"extract|pull|collect|continue|proceed|focus|dig|explore|identify|finish|complete|make|prepare|craft|"
    r"double-check|cross-check|cross-reference|re-?check|confirm)\b",
    r"^i(?:'ll|’ll| will| am going to|'m going to|’m going to| need to| should| can now)\s+(?:now\s+)?"
    r"(?:compile|write|search|check|draft|start|gather|verify|fetch|create|generate|produce|put|finali[sz]e|assemble|"
    r"review|begin|research|find|try|read|summari[sz]e|re-?write|revise|fix|update|build|score|run|format|save|"
    r"publish|proceed|continue|focus|look|prepare|craft|search|double-check|cross-check|cross-reference|confirm)\b",
    # the writer's own next step, anywhere in a sentence: "…before I finalise this section", "before we publish"
    r"\bbefore (?:i|we) (?:finali[sz]e|publish|send|submit|ship|wrap up)\b",
    r"^(?:i have|i've|i’ve|we have|we've)\s+(?:now\s+)?(?:enough|gathered|collected|completed|finished|written|"
    r"verified|got|compiled|drafted|found sufficient|identified)\b",
    # "my previous attempt failed", "the previous draft scored"; a launch's or a vote's "previous attempt failed" is news
    r"\b(?:my|our|your) previous (?:draft|attempt|run|version|iteration|report) (?:failed|was rejected|did not|didn't|"
    r"scored)\b|\bprevious (?:draft|iteration|report) (?:failed|was rejected|scored)\b",
    r"^(?:now\s+)?(?:searching|writing|compiling|drafting|fetching|generating|gathering|checking|verifying|"
    r"re-?writing|revising|scoring) (?:for |the |a |an |fresh |more |additional |up |all |each |final )",
    r"^here(?:'s| is|’s) (?:the|my|your|a) (?:final |complete |revised |updated |full |finished )?"
    r"(?:report|briefing|draft|digest|version|newsletter)\b",
    r"\bas an ai language model\b|^as an ai\b|\bi cannot browse\b|\bmy (?:knowledge|training) cut-?off\b",
    # "After reviewing the sources, I…": the writer is the subject; "After reviewing the records, the auditor…" is news
    r"^(?:based on my research|after (?:reviewing|searching|researching|gathering)\b[^.]{0,120}?(?:,\s*|\s)"
    r"(?:i|we|i've|i have|here|let me|let's)\b)",
    # "The draft is ready." / "…ready for your review": the writer's own text; "The draft is ready for sign-off next
    # week" (a council's plan) is news
    r"^(?:the|this|my) (?:report|briefing|draft) (?:has been|is now|is) (?:written|saved|complete|ready|finished|done)"
    r"(?:\s*[.!]?\s*$|\s+(?:for (?:your )?review|to (?:publish|ship|send|share)|and (?:saved|published|ready))\b)",
    r"^(?:step|task|iteration) \d+\s*[:.]\s*(?:search|write|draft|gather|score|check|verify|compile)",
    r"^(?:writing|saving) (?:the )?(?:complete |final )?report\b",
    r"^i (?:found|see|notice|need|must|will|should|can)\b",
]
NARRATION_START_RE = re.compile("|".join(f"(?:{p.removeprefix('^')})" for p in _NARRATION_PATTERNS if p.startswith("^")),
                                re.I)
NARRATION_ANY_RE = re.compile("|".join(f"(?:{p})" for p in _NARRATION_PATTERNS if not p.startswith("^")), re.I)


# the writer's "Done." on a line of its own; a headline's fragment ("Layoffs. Done. Quickly.") is a source's style
_DONE_ALONE = re.compile(r"(?:done|finished|complete)[.!]?", re.I)


def narration_reason(text: str) -> str | None:
    """The narration phrase in ``text`` (a line of the report's own prose), or None. Quoted speech is
    ignored: a source saying "let me know" is not the agent talking."""
    unquoted = QUOTED_SPEECH.sub(" ", plain_text(text))
    if _DONE_ALONE.fullmatch(re.sub(r"^[\W_]+", "", unquoted.strip())):
        return unquoted.strip()
    for sentence in split_sentences(unquoted) or [unquoted]:
        s = re.sub(r"^[\W_]+", "", sentence.strip())
        m = NARRATION_START_RE.match(s) or NARRATION_ANY_RE.search(s)
        if m:
            return m.group(0)
    return None


def _published_lines(ctx: CheckContext) -> list[Line]:
    """The text hygiene rules read: for Markdown and text the file itself, line by line (tables, comments and
    code included - everything that gets published); for HTML the visible text the parser extracted."""
    if ctx.doc.format != "html" and ctx.doc.raw_lines:
        return _without_mail_header(ctx.doc.raw_lines)
    return ctx.doc.lines


def _without_mail_header(lines: list[Line]) -> list[Line]:
    """The lines without a saved e-mail's header block (From:, To:, Message-ID: … up to the first blank line): the
    sender's and the list's addresses are the envelope, not the published report."""
    opening: list[str] = []   # the raw lines keep no blank line: the first gap in their numbers is the first blank
    for ln in lines:
        if ln.line != len(opening) + 1:
            break
        opening.append(ln.text)
    return lines[mail_header_count([*opening, ""]):]


# a page that opens <html> or <body> and never closes it, whose markup stops in text or inside a tag (not after a
# ">": a minified page may leave its optional </body> out, but it ends on a tag), and whose last visible words end
# without a sentence's end: the file was cut off on the way (a failed upload, a full disk) and readers get half a report
_DOC_OPEN = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_DOC_CLOSE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_ENDS_A_SENTENCE = re.compile(r"[.!?…:;)\]}\"'»”’。！？」』]\s*$")


@rule("hygiene-truncated", "error", "a report is whole: it does not stop mid-sentence before its </body> or its end")
def _hygiene_truncated(ctx: CheckContext) -> Iterator[Finding]:
    cut = _cut_after_prose(ctx)
    if cut is not None:
        yield _f("hygiene-truncated", ctx.loc("report", cut.line),
                 f"the report stops mid-sentence ({cut.text.strip()[-60:]!r}) and no heuristics follow: the file was "
                 "cut off; publish the whole report")
        return
    if ctx.doc.format != "html" or not ctx.doc.raw_lines or not ctx.doc.lines:
        return
    if not any(_DOC_OPEN.search(ln.text) for ln in ctx.doc.raw_lines[:40]) or \
            any(_DOC_CLOSE.search(ln.text) for ln in ctx.doc.raw_lines[-40:]) or \
            ctx.doc.raw_lines[-1].text.rstrip().endswith(">"):
        return
    last = ctx.doc.lines[-1]
    tail = last.text.strip()
    if tail and not _ENDS_A_SENTENCE.search(tail):
        yield _f("hygiene-truncated", ctx.loc("report", last.line),
                 f"the page stops mid-sentence ({tail[-60:]!r}) with its markup left open: the file was cut off; "
                 "publish the whole report")


def _cut_after_prose(ctx: CheckContext) -> Line | None:
    """The last paragraph of a report cut off in its prose, in any format: the report's last text is a story's or
    the Implications' paragraph that stops on a lower-case word, a comma or a dash, and the heuristics that close
    every report are gone (an HTML file whose closing tags were put back, a Markdown file that simply ends), while
    the papers came before. A list entry is not read: a paper's "why it matters" ends without a full stop."""
    if ctx.doc.heuristics is not None or not ctx.doc.lines or not ctx.doc.has_papers_section:
        return None   # (a report cut before its papers lacks a section, an error of its own)
    prose = [*ctx.doc.implications, *(p for story in ctx.doc.stories for p in story.paragraphs)]
    if not prose:
        return None
    last = max(prose, key=lambda p: p.end_line or p.line)
    end = last.end_line or last.line
    if any(ln.line is not None and ln.line > end for ln in ctx.doc.lines):
        return None
    tail = last.text.rstrip()
    if len(tail) < 40 or "\n" in tail or not (tail[-1].islower() or tail[-1] in ",—–-(["):
        return None
    # prose: ten words or more (a label, a footer or a byline is shorter)
    if len(tail.split()) < 10:
        return None
    return Line(tail, end)


@rule("hygiene-narration", "error", "no agent narration ('Now I have enough material…', 'Let me…')")
def _hygiene_narration(ctx: CheckContext) -> Iterator[Finding]:
    for ln in _published_lines(ctx):
        phrase = narration_reason(ln.text)
        if phrase:
            yield _f("hygiene-narration", ctx.loc("report", ln.line),
                     f"agent narration {phrase.strip()!r} in {ln.text.strip()[:70]!r}; delete it - the report speaks "
                     "about the topic, never about its own writing")


# box-drawing corners/sides and prompt markers; a bare line of ─ or ═ is a divider, not tool output
BOX_CHARS = re.compile(r"[│┃┌┐└┘├┤┬┴┼╭╮╯╰║╔╗╚╝╠╣╦╩╬]")   # not ◆ or ◇: headings and lists use them as ornaments
_TOOL_PATTERNS = [
    r"^\s*Traceback \(most recent call last\)",
    r"^\s*File \"[^\"]+\", line \d+",
    r"^\s*(?:[A-Z]\w*(?:Error|Exception)|KeyError|ValueError|TypeError|RuntimeError)(?::\s|$)",
    r"^\s*at [\w.$<>]+\(.*:\d+(?::\d+)?\)\s*$",
    r"^\s*(?:\$|>>>|❯|➜|PS [A-Z]:\\[^>]*>)\s+[a-z./~_-]",
    r"^\s*[\w.-]+@[\w.-]+:[~/][^$#]*[$#]\s",
    r"^\s*(?:npm (?:ERR|WARN)!|error\[E\d+\]|fatal:|warning: )",
    r"^\s*\[(?:INFO|DEBUG|WARN|WARNING|ERROR|CRITICAL)\]\s",
    r"^\s*(?:INFO|DEBUG|WARNING|ERROR|CRITICAL):[\w.]*:",
    r"^\s*\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?Z?\s+(?:INFO|DEBUG|WARN|WARNING|ERROR)\b",
    # a process's exit as a tool prints it; "the ground station's software exited with code 3" is news
    r"(?i:^\s*(?:exit (?:code|status)|exited with code)\s*:?\s*-?\d+|\b(?:process|command|script|subprocess|shell|"
    r"task|job|tool)\s+(?:exited with|exit) (?:code|status)\s*:?\s*-?\d+|\(exit (?:code|status)\s*:?\s*-?\d+\))",
    r"<(?:function_calls|tool_use|tool_result|invoke)\b",
    r"\"(?:tool_call|tool_calls|function_call|tool_use_id)\"\s*:",
    r"^\s*(?:stdout|stderr)\s*:",
    r"\bcommand not found\b|\bPermission denied \(publickey\)|No such file or directory",
]
TOOL_RE = re.compile("|".join(f"(?:{p})" for p in _TOOL_PATTERNS))


@rule("hygiene-tool-output", "error", "no CLI boxes, tracebacks, shell prompts or tool calls in the report")
def _hygiene_tool_output(ctx: CheckContext) -> Iterator[Finding]:
    lines = _published_lines(ctx)
    frames = _typographic_boxes(ctx, lines)
    for ln in lines:
        framed = frames.get(ln.line) if ln.line is not None else None
        m = TOOL_RE.search(framed) if framed is not None else BOX_CHARS.search(ln.text) or TOOL_RE.search(ln.text)
        if m:
            yield _f("hygiene-tool-output", ctx.loc("report", ln.line),
                     f"tool output ({m.group(0).strip()[:30]!r} in {ln.text.strip()[:60]!r}); delete terminal and "
                     "tool text - it never belongs in a briefing")


def _typographic_boxes(ctx: CheckContext, lines: list[Line]) -> dict[int, str]:
    """Plain text and Markdown: the lines (1-based) of the boxes drawn round a title or a section name, with the
    text each frames. Typography, not a tool's box; the text inside is still read for tool output."""
    if ctx.doc.format == "html" or not lines or not any(BOX_CHARS.search(ln.text) for ln in lines):
        return {}
    numbered = [(ln.line, ln.text) for ln in lines if ln.line is not None]
    page = [""] * max((n for n, _ in numbered), default=0)
    for n, text in numbered:
        page[n - 1] = text
    return {k + 1: text for k, text in typographic_boxes(page).items()}


CONFIG_RE = re.compile(
    r"<!--.*?(?:-->|$)|&lt;!--.*?(?:--&gt;|$)|^\s*[A-Z][A-Z0-9]*_[A-Z0-9_]+\s*[:=]\s*\S+|\b(?:SHIP_THRESHOLD|loop_runner|"
    r"MIN_HEURISTICS|REQUIRED_STORY_COUNT)\b",
    re.S,
)
# What makes a comment internal: settings, the writing loop's state, notes to the writer. A template's own markers
# ("<!-- story 1 -->", "<!-- site header -->") are invisible and say nothing about how the report was made.
# Found where r"[A-Z][A-Z0-9]*_[A-Z0-9_]+" and r"\b[\w-]+\.(?:py|…)\b" are found, but each tried only from the start of
# a run of letters and digits (of word characters and hyphens), not from every letter in it: a comment of 40,000
# capitals was 40,000 scans to its end (7 s).
_INTERNAL_COMMENT = re.compile(
    r"(?<![A-Z0-9])[0-9]*[A-Z][A-Z0-9]*_[A-Z0-9_]|\b(?:threshold|config\w*|prompt|model|temperature|iteration|scores?|"
    r"rubric|todo|fixme|xxx|internal|debug|agent|loop|note to self|do not publish|tokens?|runner|retry|attempt|"
    r"converter)\b|\w\s*[:=]\s*-?\d"
    r"|(?<![\w-])-*\w[\w-]*\.(?:py|sh|js|json|ya?ml|toml|env)\b|(?-i:\b[A-Z]{3,}\s*:)",   # a tool's file, a shouted key
    re.I,
)


@rule("hygiene-config-comment", "error", "no internal config comments (<!-- SHIP_THRESHOLD: 91 -->) in the report")
def _hygiene_config(ctx: CheckContext) -> Iterator[Finding]:
    for ln in [*ctx.doc.comments, *_published_lines(ctx)]:
        m = CONFIG_RE.search(ln.text)
        if m and m.group(0).lstrip().startswith("<!--") and not _INTERNAL_COMMENT.search(m.group(0)):
            m = None   # an escaped "&lt;!--" is always flagged: the reader sees it
        if m:
            yield _f("hygiene-config-comment", ctx.loc("report", ln.line),
                     f"internal comment or config {m.group(0).strip()[:50]!r}; remove it from the published report")


_METRIC_NAMES = (
    r"synthesis|attribution|headline specificity|signal density|cross[- ]thread|strategic vision|deep stakes|"
    r"signal[- ]to[- ]noise|timeliness"
)
SELF_SCORE_RE = re.compile(
    r"\b(?:score[ds]?|scoring|total|rubric|grade[ds]?|rating|rated)\b[^.\n]{0,40}?\b\d{1,3}(?:\.\d)?\s*/\s*(?:9\d|100|10|5)\b"
    r"|\b\d{1,3}\s*/\s*(?:90|91)\b"
    r"|(?:^|\s|[|*✅❌])(?:PASS(?:ED)?|FAIL(?:ED)?)(?:\s*[|✅❌:!.]|\s*$)"
    r"|\bship(?:ping)? threshold\b|\b(?:report|briefing|draft|it|this)(?: is|'s|’s) (?:now )?ready to ship\b"
    r"|^\W*ready to ship\b|\bquality loop\b|\biteration \d+ (?:score|of \d)"
    rf"|^\s*(?:\|\s*)?(?:\*\*)?(?:{_METRIC_NAMES})(?:\*\*)?\s*(?:\||:)\s*\d",  # not \s*\|?\s*: quadratic
    re.I | re.M,
)
_CAPS_PASS = re.compile(r"\b(PASS|FAIL|PASSED|FAILED)\b")
# "scored 54/100 on the national sepsis audit": something the news is about was rated on an outside index; a score
# on the writer's own rubric, checks or criteria is still self-grading
_SCORED_ON_AN_INDEX = re.compile(r"\s+(?:on|in|for|under)\s+(?:the|a|an|its|their|this year's)\s+"
                                 r"(?![^.\n]{0,40}\b(?:rubric|quality|self|checks?|criteria|evaluation|grading|report|"
                                 r"briefing|draft)\b)")


@rule("hygiene-self-score", "error", "no self-grading (scores, PASS/FAIL, rubric tables) inside the report")
def _hygiene_self_score(ctx: CheckContext) -> Iterator[Finding]:
    for ln in _published_lines(ctx):
        text = ln.text
        m = SELF_SCORE_RE.search(text)
        if not m:
            continue
        hit = m.group(0).strip()
        # lower-case "pass"/"fail" is ordinary English; only the shouted verdicts count
        if re.fullmatch(r"[|*✅❌:!.\s]*(pass(ed)?|fail(ed)?)[|✅❌:!.\s]*", hit, re.I) and not _CAPS_PASS.search(hit):
            continue
        if "/" in hit and _SCORED_ON_AN_INDEX.match(text, m.end()):
            continue
        yield _f("hygiene-self-score", ctx.loc("report", ln.line),
                 f"self-grading text ({hit[:40]!r}); scores live in the run record, never in the report")


# signs that an address is a person's: a free-mail provider, a "first.last" local part, or a delivery log around it
_FREE_MAIL = re.compile(r"(?i)@(?:gmail|googlemail|yahoo|hotmail|outlook|live|msn|aol|icloud|me|gmx|web|mail|proton|"
                        r"protonmail|seznam|centrum|yandex|qq|163|126|naver|orange|free|libero|wp|o2)\.[a-z.]{2,12}$")
_PERSON_LOCAL = re.compile(r"[a-z]{1,20}[._][a-z]{2,30}\d{0,4}", re.IGNORECASE)
_DELIVERY_LOG = re.compile(r"(?i)\b(?:sent to|delivered to|bounced?|bounces|recipients?|subscribers?|unsubscribed|"
                           r"opened by|delivery log)\b")


def _personal(address: str, line: str) -> bool:
    """Whether an address is a person's rather than a desk's ("briefings@", "press@")."""
    local = address.split("@", 1)[0]
    return bool(_FREE_MAIL.search(address) or _PERSON_LOCAL.fullmatch(local) or _DELIVERY_LOG.search(line))


@rule("hygiene-personal-data", "error", "no person's e-mail address or delivery log in the report (a desk's "
      "address is a warning)")
def _hygiene_personal(ctx: CheckContext) -> Iterator[Finding]:
    """The reports this project replaces published delivery logs with their readers' personal addresses; a
    person's address in a report is an error, an organisation's desk address a warning."""
    email = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+\b")
    for ln in _published_lines(ctx):
        for m in email.finditer(ln.text):
            if BARE_URL_RE.search(ln.text) and m.group(0) in " ".join(BARE_URL_RE.findall(ln.text)):
                continue
            yield _f("hygiene-personal-data", ctx.loc("report", ln.line),
                     f"e-mail address {m.group(0)!r}; remove personal data from the published report",
                     "error" if _personal(m.group(0), ln.text) else "warning")


# Characters a terminal, an e-mail client or a chat app acts on rather than shows: C0 controls but tab, DEL, C1
# controls, and the two bidirectional overrides that reverse what follows (a file name read backwards). Text
# collected from the web has them dropped, so in a report they come from a model or an imported file.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202d\u202e]")


@rule("hygiene-control-characters", "error", "no terminal control characters (ESC sequences, C1, bidi overrides)")
def _hygiene_control(ctx: CheckContext) -> Iterator[Finding]:
    for ln in ctx.doc.raw_lines or ctx.doc.lines:
        # a form feed that opens a line is a printed text's page break, which every reader shows as one
        found = sorted(set(_CONTROL_CHARACTERS.findall(ln.text.lstrip("\f"))))
        if found:
            shown = ", ".join(ascii(c) for c in found[:5])
            yield _f("hygiene-control-characters", ctx.loc("report", ln.line),
                     f"control characters ({shown}); delete them - a reader's terminal, mail client or chat app would "
                     "act on them (clear the screen, set a title, reverse the text)")


# Words addressed to an AI reader (a summariser, a mail assistant, a ranking crawler), never to a person: the way
# instructions are smuggled into a report (hidden, in a comment, or in plain sight). Only forms no reportage takes
# outside quotation marks; a story about prompt injection quotes its example, and quoted speech is not read.
AI_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system)\s+(?:instructions?|prompts?|directions|rules|messages?)\b"
    r"|\bwhen you (?:summari[sz]e|read|process|rank|rate|score|index|quote|answer questions about) "
    r"(?:this|these|the following)\b"
    r"|\bif you are an? (?:ai|language model|llm|large language model|assistant|chatbot|summari[sz]er|bot)\b"
    r"|\b(?:note|message|instructions?) (?:to|for) (?:any |all |the )?(?:ai|llms?|language models?|ai assistants?|"
    r"assistants|summari[sz]ers|chatbots|crawlers|ai agents)\b"
    r"|\b(?:ai|llm|assistant|chatbot|summari[sz]er)s?(?: reading this)?\s*[,:]\s*(?:please\s+)?"
    r"(?:ignore|tell the reader|say that|rate|report that|summari[sz]e this)\b",
    re.I,
)


@rule("hygiene-ai-instructions", "error", "no instructions to AI readers (\"ignore previous instructions\", \"when "
      "you summarise this\") anywhere in the report, its comments or hidden text")
def _hygiene_ai_instructions(ctx: CheckContext) -> Iterator[Finding]:
    for ln in [*ctx.doc.comments, *_published_lines(ctx)]:
        m = AI_INSTRUCTION.search(ln.text)   # the line first: most have none, and unquoting every line costs
        if m and (m := AI_INSTRUCTION.search(QUOTED_SPEECH.sub(" ", ln.text))):
            yield _f("hygiene-ai-instructions", ctx.loc("report", ln.line),
                     f"an instruction to AI readers ({m.group(0)[:50]!r}); delete it - a report speaks to people, and "
                     "words that steer a summariser or a mail assistant are an injection, hidden or not")


# Text a writer leaves to fill in later. Only the clear forms: "TODO"/"TBD"/"FIXME" in capitals as words (a
# "to-do list" or "todo app" in a story is lower case), "[citation needed]", "Lorem ipsum", "[INSERT …]".
# Link targets and bare URLs are removed first: a placeholder host (https://TBD/…) is link-placeholder's finding.
_PLACEHOLDER_TEXT = re.compile(
    r"(?-i:\b(?:TODO|TBD|FIXME)\b)|\[\s*(?:citation|source|reference)s? needed\s*\]|\blorem ipsum\b"
    r"|\[\s*(?:insert|placeholder)\b[^\]\n]{0,80}\]"
    r"|(?-i:\[S\d{1,3}\])(?!\()",   # a writer's source marker ("[S3]") never resolved into a link
    re.I,
)
# A chat tool's citation markers, pasted with its answer (":contentReference[oaicite:3]{index=3}", "【4†source】",
# "citeturn0search1"), and a template's value that never came ("$NaN per kilogram", "from undefined a year ago",
# "[object Object]", "{{ price }}"). Read only on a line holding one of _LEFTOVER_HINTS: most lines hold none.
_LEFTOVER = re.compile(
    r":?contentReference\[oaicite:\d+\]|\boaicite:\d+|【\d+(?::\d+)?†[^】\n]{0,40}】|\b(?:file)?cite(?:turn\d+\w{0,12}?\d+)+"
    r"|(?-i:\bNaN\b)|\[object Object\]|\{\{\s*[\w.]{1,40}\s*\}\}|\$\{[\w.]{1,40}\}"
    r"|[$€£¥]\s?(?:undefined|null)\b|\b(?:from|to|at|reached|hit)\s+(?:undefined|null)"
    r"(?=\s*(?:[.,;:)%]|$|per\b|a (?:year|month|week|day)\b|last\b|in (?:19|20)\d\d\b))",
    re.I,
)
_LEFTOVER_HINTS = ("oaicite", "†", "citeturn", "NaN", "bject Object", "{{", "${", "ndefined", "NDEFINED", "ull", "ULL")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)?")


_FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]{1,40})\](?!:)")
_FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^([^\]\s]{1,40})\]:")


def _dangling_footnotes(ctx: CheckContext) -> Iterator[tuple[str, int | None]]:
    """Markdown footnote marks ("[^7]") that no "[^7]: …" line defines: the reader sees the bare mark."""
    if ctx.doc.format != "markdown" or not ctx.doc.raw_lines:
        return
    lines = _markdown_code_free(ctx.doc.raw_lines)
    defined = {m.group(1) for ln in lines if (m := _FOOTNOTE_DEFINITION.match(ln.text))}
    for ln in lines:
        if "[^" in ln.text:
            for m in _FOOTNOTE_MARK.finditer(ln.text):
                if m.group(1) not in defined:
                    yield m.group(0), ln.line


@rule("hygiene-placeholder", "error", "no placeholder text (TODO, TBD, [citation needed], Lorem ipsum, [INSERT …], "
      "a footnote mark with no footnote)")
def _hygiene_placeholder(ctx: CheckContext) -> Iterator[Finding]:
    for mark, line in _dangling_footnotes(ctx):
        yield _f("hygiene-placeholder", ctx.loc("report", line),
                 f"the footnote mark {mark!r} has no footnote; add the \"{mark}: …\" line with its source, or delete "
                 "the mark")
    for ln in _published_lines(ctx):
        text = BARE_URL_RE.sub(" ", _LINK_TARGET.sub("]", ln.text))
        m = _PLACEHOLDER_TEXT.search(text)
        if m is None and any(hint in text for hint in _LEFTOVER_HINTS):
            m = _LEFTOVER.search(text)
        if m:
            yield _f("hygiene-placeholder", ctx.loc("report", ln.line),
                     f"placeholder text {m.group(0)[:40]!r} in {ln.text.strip()[:60]!r}; write the missing fact with "
                     "its source, or delete the sentence")


# Elements a browser or mail client runs or loads, and event-handler attributes (<img onerror=…>): a briefing is
# text and links, and a report carrying them runs code in every reader's browser. Counter-case: a <script> shown
# inside Markdown code (`<script>`, a fenced block) is text and is not read here; an escaped &lt;script&gt; in HTML
# never matches.
_ACTIVE_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet"})
# each scan stops at the next "<": linear. Not after a backslash: Markdown's "\<script>" is the text "<script>"
_TAG_OPEN = re.compile(r"(?<!\\)<([A-Za-z][A-Za-z0-9-]{0,30})([^<>]*)")
_EVENT_ATTRIBUTE = re.compile(r"(?:^|[\s/\"'])(on[a-z]{3,30})\s*=", re.I)
_DATA_SCRIPT = re.compile(r"\btype\s*=\s*[\"']?application/(?:ld\+)?json\b", re.I)   # JSON-LD is data, not code
_CODE_SPAN = re.compile(r"`[^`\n]*`")
# a fence may open a list item ("- ```yaml", an outliner's block: Logseq, Roam); its closing line is indented
# under the item. Each marker is followed by spaces and the next starts with a marker character: linear.
_FENCE_OPEN = re.compile(r"^[\s>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)$")


def _fences(lines: list[Line]) -> Iterator[tuple[Line, bool, Line | None]]:
    """Each Markdown line, whether it is code (a fence line or inside one), and the line that opened the fence still
    open after it (None once closed): the one reading of fences for the rules below. "```x```" on one line is
    inline code, no fence; a fence closes on a bare line of its own character, at least as long."""
    fence: str | None = None
    opener: Line | None = None
    for ln in lines:
        m = _FENCE_OPEN.match(ln.text)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not m.group(2).strip():
                fence, opener = None, None
            yield ln, True, opener
        elif m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            fence, opener = m.group(1), ln
            yield ln, True, opener
        else:
            yield ln, False, None


def _markdown_code_free(lines: list[Line]) -> list[Line]:
    """Markdown lines without fenced code blocks and inline code spans (code shows markup, it does not run it)."""
    return [Line(_CODE_SPAN.sub(" ", ln.text), ln.line) for ln, code, _ in _fences(lines) if not code]


def _report_tags(ctx: CheckContext) -> Iterator[tuple[str, str, str, int | None]]:
    """Every tag the report's own text opens, as (name in lower case, its attributes, the tag as written, line).

    Markdown code (fenced blocks, inline spans) shows markup and is not read; in an HTML page only the report's own
    text counts, from its first visible line to its last, or to the end of the <article> or <main> that holds it (a
    saved page of a published report carries its site's menu button and page script around it: the site's template,
    not the briefing). A tag may span lines (<img\n src=x\n
    onerror=…>): the text is read whole, each tag mapped back to its line."""
    lines = ctx.doc.raw_lines or ctx.doc.lines
    if ctx.doc.format == "markdown":
        lines = _markdown_code_free(lines)
    elif ctx.doc.format == "html" and ctx.doc.raw_lines:
        shown = [ln.line for ln in ctx.doc.lines if ln.line is not None]
        if ctx.doc.content_lines is not None:
            shown.extend(ctx.doc.content_lines)   # a script inside the report's own <article>, after its last line
        if shown:
            first, last = min(shown), max(shown)
            lines = [ln for ln in lines if ln.line is not None and first <= ln.line <= last]
    starts: list[int] = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln.text) + 1
    text = "\n".join(ln.text for ln in lines)
    for m in _TAG_OPEN.finditer(text):
        yield m.group(1).lower(), m.group(2), m.group(0), lines[bisect_right(starts, m.start()) - 1].line


# an image no reader can see: width or height 0 or 1 (attribute or inline style)
_PIXEL = re.compile(r"""\b(?:width|height)\s*(?:=\s*["']?|:\s*)[01](?:px)?(?![\d.])""", re.I)
# an address that runs code when followed: "javascript:", written with entities too ("javascript&#58;")
_CODE_ADDRESS = re.compile(r"""\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript):""",
                           re.I)


# an image whose address is an analytics collector or an e-mail open counter: loading it reports the reader
_TRACKER_HOST = re.compile(r"(?:^|\.)(?:google-analytics\.com|doubleclick\.net|list-manage\.com|mandrillapp\.com|"
                           r"sendgrid\.net|mixpanel\.com|hubspot(?:email)?\.(?:com|net)|mailtrack\.io|"
                           r"pixel\.[\w-]+\.[a-z]{2,12}|facebook\.com(?=/tr\b))$|^pixel\.", re.I)
_TRACKER_PATH = re.compile(r"/(?:collect|track/open|wf/open|open\.(?:gif|php|png)|pixel\.(?:gif|png)|beacon\.gif|"
                           r"tr)(?:$|[/?])", re.I)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\(\s*<?([^)\s>]{1,2000})")
_IMAGE_SOURCE = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]{1,2000})""", re.I)


def tracker_image(url: str) -> bool:
    """Whether an image at ``url`` counts its viewers: an analytics host, or an open counter's path on any host."""
    try:
        parts = urlsplit(html.unescape(url.strip()))
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https", ""):
        return False
    host = (parts.hostname or "").lower()
    return bool(host) and bool(_TRACKER_HOST.search(host) or _TRACKER_PATH.search(parts.path))


def _markdown_trackers(ctx: CheckContext) -> Iterator[tuple[str, int | None]]:
    """Markdown images (``![](https://…/collect?…)``) that count their viewers, with their lines."""
    if ctx.doc.format == "html" or not ctx.doc.raw_lines:
        return
    for ln in _markdown_code_free(ctx.doc.raw_lines):
        if "![" in ln.text:
            for m in _MARKDOWN_IMAGE.finditer(ln.text):
                if tracker_image(m.group(1)):
                    yield m.group(0), ln.line


_TRACKER_SAYS = "a tracking image (its address counts each reader who opens the report)"


@rule("hygiene-active-content", "error", "no <script>, <iframe>, <object>, on…= event handlers, javascript: "
      "addresses or tracking images in the report")
def _hygiene_active_content(ctx: CheckContext) -> Iterator[Finding]:
    for image, line in _markdown_trackers(ctx):
        yield _f("hygiene-active-content", ctx.loc("report", line),
                 f"active content: {_TRACKER_SAYS} ({image[:60]!r}); delete it - a briefing carries text and links, "
                 "never anything that reports on its readers")
    for name, attrs, tag, line in _report_tags(ctx):
        what = ""
        source = _IMAGE_SOURCE.search(attrs) if name == "img" else None
        if name in _ACTIVE_TAGS and not (name == "script" and _DATA_SCRIPT.search(attrs)):
            what = f"the element <{name}>"
        elif name == "img" and _PIXEL.search(attrs):
            what = "a tracking pixel (an image of 0 or 1 pixel, which reports each reader who opens the report)"
        elif source is not None and tracker_image(source.group(1)):
            what = _TRACKER_SAYS
        elif handler := _EVENT_ATTRIBUTE.search(attrs):
            what = f"an event handler ({handler.group(1)}=) on <{name}>"
        elif not (name == "a" and ctx.doc.format == "html") and \
                _CODE_ADDRESS.search(html.unescape(attrs) if "&" in attrs else attrs):
            # (an HTML report's <a href> is a parsed link: link-placeholder says what is wrong with it)
            what = f"a javascript: address on <{name}>"
        if what:
            yield _f("hygiene-active-content", ctx.loc("report", line),
                     f"active content: {what} ({' '.join(tag.split())[:50]!r}); delete it - a briefing carries text "
                     "and links, never code that runs in the reader's browser or mail client")


# Inline styles and attributes that hide an element: text a reader never sees, but a summariser, a search engine or
# a mail filter reads (an instruction to rate the report, a keyword list).
# Outlook's "mso-hide:all" hides from its own readers what other clients show; a font of one pixel or none shows
# nothing either, nor a box of no height whose overflow is cut (two searches: one pattern for both would rescan).
_HIDDEN = re.compile(r"""\bstyle\s*=\s*["'][^"']*\b(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|"""
                     r"""font-size\s*:\s*[01](?:\.0+)?(?:px|pt|em|%)?\s*(?:;|["'])|"""
                     r"""opacity\s*:\s*0(?:\.0+)?\s*(?:;|["']))"""
                     r"""|(?:^|\s)hidden(?:\s|=|$)""", re.I)   # not aria-hidden: a decorative emoji's, shown
_NO_HEIGHT = re.compile(r"""(?<![\w-])(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|["'])""", re.I)
_OVERFLOW_CUT = re.compile(r"\boverflow\s*:\s*hidden", re.I)


def _hides(attrs: str) -> bool:
    return bool(_HIDDEN.search(attrs) or (_NO_HEIGHT.search(attrs) and _OVERFLOW_CUT.search(attrs)))


@rule("hygiene-hidden-text", "error", "no hidden text (display:none, visibility:hidden, the hidden attribute)")
def _hygiene_hidden_text(ctx: CheckContext) -> Iterator[Finding]:
    # an e-mail's preheader, hidden text before the report's first story, is the inbox's preview line, not the report
    first_story = ctx.doc.stories[0].line if ctx.doc.format == "html" and ctx.doc.stories else None
    for name, attrs, tag, line in _report_tags(ctx):
        if first_story is not None and line is not None and line < first_story:
            continue
        if name not in ("br", "hr", "img", "meta", "link", "input", "source", "wbr") and _hides(attrs):
            yield _f("hygiene-hidden-text", ctx.loc("report", line),
                     f"hidden element ({' '.join(tag.split())[:60]!r}); delete it - a reader never sees hidden text, "
                     "but a summariser, a search engine or a mail filter reads it, which is how instructions are "
                     "smuggled into a report")


_SWALLOWED_HEADING = re.compile(r"^#{2,6} \S")   # "## Headline"; a YAML comment is "# …"


@rule("hygiene-unclosed-fence", "error", "every Markdown code fence (``` or ~~~) is closed")
def _hygiene_unclosed_fence(ctx: CheckContext) -> Iterator[Finding]:
    """A fence left open turns everything after it into code: the rest of the report renders as one grey block."""
    if ctx.doc.format != "markdown":
        return
    still_open: Line | None = None
    swallowed: dict[int, list[Line]] = {}   # opener line -> the headings its code holds
    for ln, code, opener in _fences(ctx.doc.raw_lines):
        still_open = opener   # the fence open after the last line, if any
        if code and opener is not None and ln is not opener and _SWALLOWED_HEADING.match(ln.text):
            swallowed.setdefault(opener.line or 0, []).append(ln)
    for line, headings in swallowed.items():
        if len(headings) >= 2:
            # "```text" left open before a story's end: the next "```yaml" is its content, and the fence closes only
            # at the heuristics' closing line, with the stories and sections between read as code
            yield _f("hygiene-unclosed-fence", ctx.loc("report", line),
                     f"the code fence opened on line {line} runs on over {len(headings)} headings (the first: "
                     f"{headings[0].text.strip()[:50]!r}, line {headings[0].line}), so they render as code; close "
                     "the fence where its code ends")
    m = _FENCE_OPEN.match(still_open.text) if still_open is not None else None
    if still_open is not None and m is not None:
        shown = still_open.text.strip()
        yield _f("hygiene-unclosed-fence", ctx.loc("report", still_open.line),
                 f"the code fence {shown[:30]!r} opened on line {still_open.line} is never closed, so everything after "
                 f"it renders as code; close it with a line of {m.group(1)}")
