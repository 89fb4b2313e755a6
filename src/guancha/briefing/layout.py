"""The section parser: reads the reference layout from the blocks whatever the format was, and ``parse_document``."""

from __future__ import annotations

import datetime as dt
import re

from guancha.briefing.blocks import (
    blocks_from_html,
    blocks_from_markdown,
    blocks_from_text,
    box_frames,
    detect_format,
    fenced_markdown_report,
    outline_headings,
    without_chat_stamps,
    without_mail_headers,
    without_note_metadata,
)
from guancha.briefing.feed import unwrap_feed
from guancha.briefing.lightmarkup import as_markdown, light_markup_of
from guancha.briefing.mime import unwrap_mail
from guancha.briefing.model import (
    ISO_DATE_RE,
    LEADING_SYMBOLS_RE,
    LONG_DATE_DAY_FIRST_RE,
    LONG_DATE_RE,
    MAX_TITLE_CHARS,
    NUMBERING_RE,
    SUBTITLE_SPLIT_RE,
    TITLE_RE,
    TOC_LABEL_RE,
    URL_RE,
    Block,
    HeuristicsBlock,
    Leftover,
    Link,
    Paper,
    Paragraph,
    ParsedDocument,
    SourceItem,
    Story,
    TocEntry,
)
from guancha.briefing.typst import is_typst, typst_as_markdown
from guancha.textrepair import RepairLog, decode_report_bytes, repair_text
from guancha.timeutil import MONTH_NUMBERS

# --------------------------------------------------------------------------- the section parser

# Each section's name in English and in the languages a team may write its briefings in (French, German, Spanish,
# Portuguese, Italian, Chinese, Japanese, Korean, Arabic, Russian, Hebrew, Vietnamese, Hindi, Persian, Thai, Polish,
# Turkish, Indonesian, Greek, Swahili): a
# French briefing's "Sommaire", "Articles de recherche" and "Conséquences" were read as three more stories, and the
# report held for sections it had.
_LABELS: dict[str, re.Pattern[str]] = {
    "toc": TOC_LABEL_RE,
    "papers": re.compile(r"^(?:research )?papers?(?: (?:of note|to watch|this week|&.*))?:?$|^research papers?\b.{0,40}$"
                         r"|^research papers?\s*[:—–(].*$"
                         # "New research", "Research", "From the preprint servers", "New preprints", "New on arXiv"
                         r"|^(?:new |recent )?(?:research|preprints)(?: (?:of note|to watch|this week))?:?$"
                         r"|^(?:new |recent )?papers and preprints:?$|^from the preprint servers?:?$"
                         r"|^(?:new |fresh |this week )?(?:on|from) arxiv:?$"
                         r"|^(?:articles (?:de recherche|scientifiques)|publications(?: scientifiques)?|"
                         r"(?:neue )?forschung(?:sarbeiten)?|fachartikel|artículos(?: de investigación)?|"
                         r"investigación|artigos(?: (?:científicos|de pesquisa|acadêmicos|académicos))?|pesquisas?|"
                         r"articoli(?: scientifici)?|ricerca|"
                         # Polish, Turkish, Indonesian, Greek, Swahili
                         r"(?:nowe )?(?:publikacje|prace|artykuły)(?: naukowe| badawcze)?|badania|"
                         r"(?:araştırma )?makaleleri|araştırmalar|akademik yayınlar|"
                         r"(?:makalah|karya|artikel|publikasi) (?:penelitian|ilmiah)|penelitian|riset|"
                         r"ερευνητικ(?:ές|ά) (?:εργασίες|δημοσιεύσεις|άρθρα)|δημοσιεύσεις|έρευνα|"
                         r"makala za utafiti|tafiti(?: mpya)?|utafiti|"
                         r"研究论文|论文|研究論文|論文|最新论文|연구 논문|논문|الأوراق البحثية|أوراق بحثية|البحوث|научные статьи|"
                         r"исследования|статьи|מאמרי מחקר|מאמרים|מחקרים|מחקר|bài nghiên cứu|nghiên cứu|"
                         r"bài báo (?:khoa học|nghiên cứu)|công trình nghiên cứu|शोध[- ]पत्र|शोध|अनुसंधान(?: पत्र)?|"
                         r"مقالات پژوهشی|مقاله‌های پژوهشی|پژوهش‌ها|งานวิจัย|บทความวิจัย)\s*[:：]?$", re.IGNORECASE),
    "implications": re.compile(r"^(?:cross-story |strategic )?implications?\b.{0,40}$|^synthesis:?$"
                               r"|^(?:cross-story |strategic )?implications?\s*[:—–].*$"
                               # the cross-story section under another name: "Analysis", "Outlook", "Takeaways"
                               r"|^(?:analysis|outlook|(?:key )?takeaways|what (?:it|this|they) means?|"
                               r"the big picture|the bigger picture|the week ahead|what to watch):?$"
                               r"|^(?:conséquences|enjeux|analyse|perspectives|folgerungen|implikationen|"
                               r"einordnung|ausblick|implicaciones|consecuencias|implicações|consequências|"
                               r"implicazioni|conseguenze|(?:影响|启示|分析|展望)(?:与(?:影响|启示|分析|展望))?|示唆|含意|インプリケーション|"
                               r"시사점|함의|الدلالات|التداعيات|الانعكاسات|выводы|последствия|"
                               r"(?:影響|啟示|意涵|含義|分析|展望)(?:與(?:影響|啟示|意涵|分析|展望))?|השלכות|משמעויות|"
                               r"המשמעות|hàm ý|ý nghĩa|tác động|phân tích|निहितार्थ|प्रभाव|विश्लेषण|मायने|پیامدها|"
                               r"دلالت‌ها|ผลกระทบ|นัยสำคัญ|wnioski|implikacje|konsekwencje|znaczenie|co z tego wynika|"
                               r"çıkarımlar|sonuçlar|etkiler|implikasi|dampak|analisis|"
                               r"επιπτώσεις|συμπεράσματα|ανάλυση|athari|maana yake|uchambuzi)\s*[:：]?$",
                               re.IGNORECASE),
    "watch": re.compile(r"^heuristics? watch:?$", re.IGNORECASE),  # before "heuristics": it starts alike
    "heuristics": re.compile(r"^\.?heuristics?\b.{0,60}$|^heuristic block\b.*$"
                             r"|^(?:heuristiques|heuristiken|heurísticas|euristiche|启发式(?:规则)?|ヒューリスティクス|ヒューリスティック|"
                             r"휴리스틱|القواعد الاستدلالية|الاستدلالات|эвристики|啟發式(?:規則)?|經驗法則|经验法则|"
                             r"היוריסטיקות|כללי אצבע|quy tắc kinh nghiệm|kinh nghiệm rút ra|ह्यूरिस्टिक्स|अनुमानी नियम|"
                             r"قواعد سرانگشتی|هیوریستیک‌ها|ฮิวริสติก|กฎจากประสบการณ์|heurystyki|sezgiseller|buluşsal kurallar|"
                             r"heuristik|ευρετικοί κανόνες|ευρετικές|kanuni za uzoefu)\s*[:：]?$",
                             re.IGNORECASE),
    "sources": re.compile(r"^(?:sources?|quellen|fuentes|fontes|fonti|来源|资料来源|出典|情報源|출처|المصادر|"
                         r"источники|來源|資料來源|參考來源|מקורות|nguồn(?: tin| tham khảo)?|स्रोत|सूत्र|منابع|"
                         r"แหล่งที่มา|แหล่งข้อมูล|źródła|źródło|kaynaklar|kaynak|sumber|πηγές|πηγή|vyanzo|chanzo)\s*[:：]?\s*$", re.IGNORECASE),
    # one numbered list for the whole report, its numbers cited as "[3]" in the stories: no story of its own
    "references": re.compile(r"^(?:references|bibliography|works cited|endnotes|reference list|all sources|"
                             r"références|bibliographie|literatur(?:verzeichnis)?|quellenverzeichnis|referencias|"
                             r"referências|riferimenti|参考文献|参考资料|bibliografia|przypisy|kaynakça|daftar pustaka|"
                             r"βιβλιογραφία|marejeo)\s*:?$", re.IGNORECASE),
    # a heading over the stories ("## Stories", then one "###" per story): the zone's name, not a story
    "stories": re.compile(r"^(?:(?:the |today's |today’s |this week's |top )?(?:stories|news|headlines)"
                          r"|the (?:day|week) in (?:brief|review))\s*:?$", re.IGNORECASE),
}


def _label_of(text: str) -> str | None:
    core = _strip_decoration(text)
    for name, pattern in _LABELS.items():
        if pattern.match(core):
            return name
    gloss = _GLOSS.match(core) if len(core) <= 60 else None
    if gloss is not None:
        # a section named in two languages, "ह्यूरिस्टिक्स (Heuristics)", "經驗法則（Heuristics）": both names the same
        # section, or one names it and the other is a translation (one side plain ASCII, the other not): "Synthesis
        # (Weight: 10 points)" on a score sheet is no section
        name, other = gloss.group(1), gloss.group(2)
        labels = {_label_of(name), _label_of(other)}
        if len(labels) == 1:
            return labels.pop()
        if None in labels and len(labels) == 2 and name.isascii() != other.isascii():
            return (labels - {None}).pop()
    return None


# "name (gloss)" with ASCII or full-width parentheses, the gloss closing the line
_GLOSS = re.compile(r"^([^()（）]{1,40}?)\s*[(（]([^()（）]{1,40})[)）]$")


def _strip_decoration(text: str) -> str:
    """Drop leading emoji/symbols, numbering and markup punctuation: ``🔮 7. Implications`` -> ``Implications``."""
    core = " ".join(text.split())   # NBSP or a run of spaces between a name's words: "Research\xa0Papers"
    core = core.strip("*_`#").strip()
    core = LEADING_SYMBOLS_RE.sub("", core)
    core = NUMBERING_RE.sub("", core)
    return core.strip().rstrip("\\").strip().strip("*_`").strip()   # "**Contents**\\": a hard line break


def split_emoji(text: str) -> tuple[str, str]:
    """(leading emoji/symbols, rest)."""
    text = text.strip()
    m = LEADING_SYMBOLS_RE.match(text)
    if not m:
        return "", text
    return m.group(1).strip(), text[m.end():].strip()


def split_headline(text: str) -> tuple[str, str, str, str | None]:
    """``🛡️ 1. Title — Subtitle`` -> (emoji, headline without emoji/numbering, title, subtitle)."""
    emoji, rest = split_emoji(text)
    rest = NUMBERING_RE.sub("", rest).strip()
    parts = SUBTITLE_SPLIT_RE.split(rest, maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        return emoji, rest, parts[0].strip(), parts[1].strip()
    return emoji, rest, rest, None


def _unbold(text: str) -> str:
    """A line set wholly in bold ("**⚓ Topic — 2026-04-22**", "__…__") without its marks; any other line as it is."""
    core = text.strip()
    for mark in ("**", "__"):
        if len(core) > 4 and core.startswith(mark) and core.endswith(mark) and mark not in core[2:-2]:
            return core[2:-2].strip()
    return text


def _norm(text: str) -> str:
    text = _strip_decoration(text)
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _title_match(text: str) -> re.Match[str] | None:
    return TITLE_RE.match(text) if len(text) <= MAX_TITLE_CHARS else None


def parse_long_date(text: str) -> dt.date | None:
    """A long date line, month first ("Friday, December 4, 2026") or day first ("Friday, 4 December 2026")."""
    text = text.strip().strip("*_ ")
    m = LONG_DATE_RE.match(text)
    month, day, year = (m.group(1), m.group(2), m.group(3)) if m else (None, None, None)
    if m is None and (m := LONG_DATE_DAY_FIRST_RE.match(text)) is not None:
        day, month, year = m.group(1), m.group(2), m.group(3)
    if m is None:
        return _foreign_long_date(text)
    try:
        return dt.datetime.strptime(f"{month} {day} {year}", "%B %d %Y").date()
    except ValueError:
        return None


# the weekday a long date line may open with ("Mittwoch, ", "mercredi ", "miércoles, ")
_LEADING_WEEKDAY = re.compile(r"[^\W\d_]{3,15},?\s+")


def _foreign_long_date(text: str) -> dt.date | None:
    """A long date line in French, German, Spanish, Portuguese or Italian, the whole line a date written with a
    month's name (``_FOREIGN_WRITTEN``), after its weekday: read, so that a German date line that contradicts the
    title is seen."""
    if len(text) > 60:
        return None
    weekday = _LEADING_WEEKDAY.match(text)
    m = _FOREIGN_WRITTEN.fullmatch(text) or (_FOREIGN_WRITTEN.fullmatch(text[weekday.end():]) if weekday else None)
    month = MONTH_NUMBERS.get(m.group(2).lower()) if m else None
    return _valid_date(int(m.group(3)), month, int(m.group(1))) if m and month else None


def _iso_date(text: str) -> dt.date | None:
    m = ISO_DATE_RE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# Before the stories: a date's label ("Date: Friday, December 4, 2026", reStructuredText's ":Date: …"), and the
# document's other fields and directives (":Author: guancha", ".. contents:: Contents" and its ":depth: 1")
_DATE_LABEL = re.compile(r"^:?date:\s*", re.IGNORECASE)
_DOCUMENT_FIELD = re.compile(r"^(?::[\w -]{1,40}:(?:\s|$)|\.\.\s+[\w-]+::)")

# The sections after the stories, by label, and the document field that records the line each starts at.
_SECTION_LINE = {"papers": "papers_line", "implications": "implications_line", "watch": "watch_line"}


class _Sections:
    """Reads the reference layout from a block list into a ParsedDocument."""

    def __init__(self, doc: ParsedDocument, blocks: list[Block], page_title: str | None) -> None:
        self.doc = doc
        self.blocks = blocks
        self.page_title = page_title
        self.explicit_headings = any(b.kind == "heading" for b in blocks)
        self._level: int | None = None
        # the title a static site's front matter gives ("title: …"), and its line: the page's title when the body
        # writes none of its own (it opens with "## Contents" or the first story)
        self.meta_title: tuple[str, int | None] | None = None

    # -- helpers
    def is_heading(self, b: Block) -> bool:
        if b.kind == "heading":
            return True
        if b.kind != "para":
            return False
        # a section label on its own line (plain text, or a bold paragraph standing in for a heading)
        core = _strip_decoration(b.text)
        if self.explicit_headings and core.endswith(":"):
            return False  # "**Implications:**" inside a story is a run-in label, not a section
        return bool(_label_of(b.text) and len(core) <= (40 if self.explicit_headings else 80))

    def run(self) -> None:
        doc, blocks = self.doc, self.blocks
        i = self._title(0)
        i = self._front_matter(i)
        toc_keys = {_norm(e.text) for e in doc.toc}
        zone = "stories"
        story: Story | None = None
        in_sources = False
        heur_start: int | None = None
        while i < len(blocks):
            b = blocks[i]
            # (a heading may name its section at length: "🔮 Implications: Enforcement, Escape Routes and …")
            label = _label_of(b.text) if (b.kind == "para" and len(b.text) < 90) \
                or (b.kind == "heading" and len(b.text) < 160) else None
            heading_like = self.is_heading(b) or (b.kind == "para" and bool(toc_keys) and _norm(b.text) in toc_keys
                                                  and (not self.explicit_headings or _bold_line(b))) \
                or (b.kind == "item" and b.level == 0 and bool(toc_keys) and _norm(b.text) in toc_keys
                    and (not self.explicit_headings or _bold_item(b))) \
                or self._text_headline(i, toc_keys)
            if label == "heuristics" and (heading_like or _strip_decoration(b.text).lower().startswith("heuristics:")):
                heur_start = i
                break
            if label == "toc" and heading_like and not doc.toc and b.kind == "heading":
                # the contents placed after the stories (a team that puts its index at the foot): still the contents
                story = self._close(story)
                in_sources = False
                i = self._read_toc(i)
                continue
            if heading_like and label in _SECTION_LINE:   # a section after the stories starts its zone
                story = self._close(story)
                in_sources = False
                zone = label
                setattr(doc, _SECTION_LINE[label], b.line)
                i += 1
                continue
            if label in ("references", "stories") and heading_like:
                # "References" (the report's one numbered list), or "Stories" over the story headings: a zone
                story = self._close(story)
                in_sources = False
                zone = label
                i += 1
                continue
            if (label == "sources" or (b.kind == "item" and len(b.text) < 20 and _label_of(b.text) == "sources")) \
                    and zone == "stories" and story is not None:
                # "Sources:" as a paragraph or heading, or as a list item its links nest under ("- Sources")
                in_sources = True
                story.sources_line = b.line
                i += 1
                continue
            if b.kind == "para" and zone == "stories" and story is not None and re.match(r"^\W*sources?\s*:", b.text, re.I):
                # "Sources: link | link" on one line
                in_sources = True
                story.sources_line = b.line
                rest = re.sub(r"^\W*sources?\s*:\s*", "", b.text, flags=re.I)
                self._inline_sources(story, rest, b)
                i += 1
                continue
            if b.kind == "rule":
                in_sources = False if zone != "stories" else in_sources
                i += 1
                continue
            if heading_like and label is None and zone == "papers" and not (toc_keys and _norm(b.text) in toc_keys):
                # papers written as headings (title heading, then a paragraph saying why)
                doc.papers.append(_parse_paper(b))
                i += 1
                continue
            if heading_like and label is None and zone == "implications" and not (toc_keys and _norm(b.text) in toc_keys):
                doc.leftover.append(Leftover(b.text, b.line, "implications-subheading"))
                i += 1
                continue
            if heading_like and label is None:
                if self._is_story_heading(b, toc_keys, story):
                    if zone != "stories":
                        zone = "stories"
                    story = self._close(story)
                    story = self._open_story(b)
                    in_sources = False
                    i += 1
                    continue
                if story is not None and zone == "stories":
                    story.subheadings.append((b.text, b.line))
                    in_sources = False
                    i += 1
                    continue
                doc.leftover.append(Leftover(b.text, b.line, zone if zone != "stories" else "unplaced"))
                i += 1
                continue
            # content
            if zone == "stories":
                if story is None:
                    doc.leftover.append(Leftover(b.text, b.line, "unplaced"))
                elif in_sources and (b.kind == "item" or (b.kind == "para" and b.links and len(b.text) < 200)):
                    url = b.links[0].url if b.links else None
                    story.sources.append(SourceItem(text=b.text, url=url, line=b.line))
                    story.end_line = b.end_line
                elif b.kind in ("para", "item", "code"):
                    in_sources = False  # prose after the list: the sources are over
                    story.paragraphs.append(Paragraph(b.text, b.line, b.end_line, list(b.links)))
                    story.end_line = b.end_line
            elif zone == "papers":
                if b.kind == "para" and doc.papers and doc.papers[-1].why is None and doc.papers[-1].authors is None \
                        and blocks[i - 1].kind == "heading":
                    doc.papers[-1].why = b.text
                elif b.kind == "para" and not b.links and _NO_PAPERS_RE.match(b.text):
                    doc.leftover.append(Leftover(b.text, b.line, "papers-none"))  # says there are none: not a paper
                elif b.kind in ("item", "para"):
                    b, i = self._wrapped_paper(i)
                    doc.papers.append(_parse_paper(b))
            elif zone == "implications" and b.kind in ("para", "item"):
                doc.implications.append(Paragraph(b.text, b.line, b.end_line, list(b.links)))
            elif zone == "watch" and b.kind in ("para", "item"):
                doc.watch.append(Paragraph(b.text, b.line, b.end_line, list(b.links)))
            elif zone == "references":
                doc.leftover.append(Leftover(b.text, b.line, "references"))   # cited through "[n]" in the stories
            i += 1
        self._close(story)
        for done in doc.stories:
            _cite_author_date(done)
        if heur_start is not None:
            self._heuristics(heur_start)
        self._reattach_orphan_papers()
        unplaced = [lo for lo in doc.leftover if lo.where == "unplaced"]
        if doc.toc and not doc.stories and unplaced:
            doc.problem(unplaced[0].line, "stories",
                        f"the table of contents lists {len(doc.toc)} stories but no story headings were found; "
                        f"{len(unplaced)} block(s) of text are not under any story")

    def _title(self, i: int) -> int:
        doc, blocks = self.doc, self.blocks
        # the title is the first heading (or first line in plain text); when several title-like lines open
        # the document (page title, header, h1), the one with "Topic — date" wins and the rest are preamble
        window = [k for k in range(min(len(blocks), 6)) if blocks[k].kind in ("heading", "para")]
        if self.meta_title is not None and not self._body_writes_title(window):
            self._title_from(*self.meta_title)
            return 0
        chosen: int | None = None
        for k in window:
            title_like = blocks[k].kind == "heading" or not self.explicit_headings
            if title_like and _title_match(blocks[k].text) and "—" in blocks[k].text:
                chosen = k
                break
        bold_title = False
        if chosen is None and window and blocks[window[0]].kind == "para":
            # "⚓ Topic — 2026-04-22" as the first line of a text e-mail whose stories are underlined headings: the
            # title, not the first story's headline; set in bold as a chat post writes one ("**⚓ Topic — date**")
            first_text = _unbold(blocks[window[0]].text)
            if _title_match(first_text) and "—" in first_text:
                chosen, bold_title = window[0], first_text != blocks[window[0]].text
        if chosen is None:
            for k in window:
                if blocks[k].kind == "heading" or not self.explicit_headings:
                    chosen = k
                    break
            # when the first heading only names a section ("## Table of Contents"), the title is a plain first
            # line before it, else the page's <title>; the section is then read as front matter
            first = window[0] if window else None
            if chosen is not None and first is not None and blocks[chosen].kind == "heading" \
                    and _label_of(blocks[chosen].text):
                if first < chosen and blocks[first].kind == "para" \
                        and parse_long_date(blocks[first].text.strip("*_ ")) is None:
                    chosen = first
                elif self.page_title:
                    self._title_from(self.page_title, None)
                    return first
        if chosen is None:
            if self.page_title:
                self._title_from(self.page_title, None)
            doc.problem(1, "title", "no title line found")
            return 0
        for k in range(chosen):
            doc.leftover.append(Leftover(blocks[k].text, blocks[k].line, "before-title"))
        b = blocks[chosen]
        self._title_from(_unbold(b.text) if bold_title else b.text, b.line)
        i = chosen + 1
        # repeated title lines right after it (page header and h1 both exported) are preamble, not content
        while i < len(blocks) and blocks[i].kind in ("heading", "para") and _norm(blocks[i].text) == _norm(b.text):
            doc.leftover.append(Leftover(blocks[i].text, blocks[i].line, "repeated-title"))
            i += 1
        return i

    def _body_writes_title(self, window: list[int]) -> bool:
        """Under front matter, whether the body opens with a title of its own: a top-level heading, or a heading or
        line that reads "Topic — YYYY-MM-DD"."""
        for k in window:
            b = self.blocks[k]
            if (b.kind == "heading" and b.level == 1) or (_title_match(b.text) and "—" in b.text):
                return True
            if b.kind == "heading":
                return False
        return False

    def _title_from(self, text: str, line: int | None) -> None:
        doc = self.doc
        doc.title = text.strip()
        doc.title_line = line
        emoji, rest = split_emoji(text)
        doc.emoji = emoji or None
        m = _title_match(rest)
        if m:
            doc.topic = m.group("topic").strip().rstrip(":—–-·| ").strip() or None
            doc.date = _iso_date(m.group("date"))
        else:
            topic = re.split(r"(?<!\s)\s+[—–·|:]\s+|:\s+", rest, maxsplit=1)[0].strip()
            doc.topic = topic or None
            doc.date = _iso_date(rest) or _parse_long_date_anywhere(rest)

    def _front_matter(self, i: int) -> int:
        """Long date and table of contents, in either order, before the first story."""
        doc, blocks = self.doc, self.blocks
        while i < len(blocks):
            b = blocks[i]
            if doc.long_date is None and b.kind in ("para", "heading"):
                text = _DATE_LABEL.sub("", b.text.split("\n")[0].strip().rstrip("-").strip())
                parsed = parse_long_date(text)
                if parsed is not None:
                    doc.long_date = text.strip("*_ ")
                    doc.long_date_line = b.line
                    if doc.date is None:
                        doc.date = parsed
                    elif doc.date != parsed:
                        doc.problem(b.line, "date", f"long date {parsed} differs from the title date {doc.date}")
                    i += 1
                    continue
            if b.kind == "rule":
                i += 1
                continue
            if b.kind == "para" and _DOCUMENT_FIELD.match(b.text):
                doc.leftover.append(Leftover(b.text, b.line, "front-matter"))   # ":Author: …", ".. contents::"
                i += 1
                continue
            if not doc.toc and b.kind == "para" and len(b.text) < 300 and self._toc_label_at(i + 1):
                # a dek: one line under the title that says what the issue holds, before its contents
                doc.leftover.append(Leftover(b.text, b.line, "dek"))
                i += 1
                continue
            stories_list = (b.kind == "heading" and _label_of(b.text) == "stories" and not doc.toc
                            and i + 1 < len(blocks) and blocks[i + 1].kind == "item")
            if stories_list or self._is_toc_label(b):
                # "Today's stories" over a list of headlines is the contents, as "Contents" is
                i = self._read_toc(i)
                continue
            break
        return i

    @staticmethod
    def _is_toc_label(b: Block) -> bool:
        return b.kind in ("heading", "para") and _label_of(b.text) == "toc" and len(b.text) < 40

    def _read_toc(self, i: int) -> int:
        """The contents whose label is block ``i``: its entries into ``doc.toc``; returns the index after them."""
        doc, blocks = self.doc, self.blocks
        doc.toc_line = blocks[i].line
        i += 1
        while i < len(blocks) and blocks[i].kind in ("item", "para") and not self._ends_toc(blocks[i]):
            e = blocks[i]
            if not any(c.isalnum() for c in e.text):
                i += 1   # a bullet in a table cell of its own (a newsletter's contents): no entry
                continue
            if e.kind == "para" and "\n" in e.text and _entry_lines(e.text):
                # entries set one per line with line breaks (TeX4ht's <span>s between <br>s, a Markdown hard break)
                if doc.format == "html" and not _has_line_break(doc.text, e.line, e.end_line):
                    doc.toc_run_on_line = e.line
                for k, entry in enumerate(_entry_lines(e.text)):
                    # (HTML: <br>s on one line or many)
                    doc.toc.append(_toc_entry(entry, e.line if doc.format == "html" else e.line + k))
            elif e.kind == "item" or (e.kind == "para" and len(e.text) < 250 and not e.text.endswith(".")):
                doc.toc.append(_toc_entry(e.text, e.line))
            else:
                doc.leftover.append(Leftover(e.text, e.line, "toc"))
            i += 1
        return i

    def _toc_label_at(self, i: int) -> bool:
        """Whether the block at ``i`` (past rules and the long date line) names the table of contents."""
        while i < len(self.blocks) and (self.blocks[i].kind == "rule" or (
                self.blocks[i].kind == "para" and parse_long_date(self.blocks[i].text.strip("*_ ")) is not None)):
            i += 1
        return i < len(self.blocks) and self.blocks[i].kind in ("heading", "para") \
            and _label_of(self.blocks[i].text) == "toc" and len(self.blocks[i].text) < 40

    def _text_headline(self, i: int, toc_keys: set[str]) -> bool:
        """Plain text without a table of contents: a short line with an em-dash subtitle (or a leading emoji),
        not ending like a sentence, followed by a long paragraph, is a story headline."""
        if self.explicit_headings or toc_keys:
            return False
        b = self.blocks[i]
        if b.kind != "para" or len(b.text) > 220 or re.search(r"[.!?:;,]$", b.text):
            return False
        if not (SUBTITLE_SPLIT_RE.search(b.text) or LEADING_SYMBOLS_RE.match(b.text)):
            return False
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return nxt is not None and nxt.kind == "para" and len(nxt.text) > 250

    def _ends_toc(self, b: Block) -> bool:
        if b.kind not in ("para", "item") or not self.doc.toc:
            return False
        # plain text: the first story heading repeats the first TOC entry, as a line or as a numbered item
        # ("1. SKYLARK DROPS PASSES …" under "  1. Skylark Drops passes …")
        return _norm(b.text) == _norm(self.doc.toc[0].text)

    def _is_story_heading(self, b: Block, toc_keys: set[str], current: Story | None) -> bool:
        if not re.search(r"\w", b.text):
            return False  # decorative rules set as headings (═══) are never stories
        if b.kind != "heading":
            # plain text: a TOC match, or (without a TOC) the headline shape checked by _text_headline
            return _norm(b.text) in toc_keys if toc_keys else not self.explicit_headings
        key = _norm(b.text)
        if toc_keys:
            if key in toc_keys:
                return True
            # headline edited after the TOC was written: same start
            for k in toc_keys:
                if key and k and (key.startswith(k[:40]) or k.startswith(key[:40])) and min(len(k), len(key)) > 15:
                    return True
            if b.kind != "heading":
                return False
            # a heading at the level stories use, when no story matched yet, is still a story
            return current is None or b.level <= self._story_level()
        return b.level <= self._story_level()

    def _story_level(self) -> int:
        if self._level is not None:
            return self._level
        levels: list[int] = []
        for b in self.blocks:
            if b.kind != "heading" or b.line == self.doc.title_line or not re.search(r"\w", b.text):
                continue
            if _label_of(b.text) in ("papers", "implications", "heuristics"):
                break  # only headings in the stories zone decide the story level
            if _label_of(b.text) is None:
                levels.append(b.level)
        if not levels:
            self._level = 6
            return 6
        # the shallowest level used by more than one heading after the title
        counts: dict[int, int] = {}
        for lv in levels:
            counts[lv] = counts.get(lv, 0) + 1
        repeated = sorted(lv for lv, c in counts.items() if c > 1)
        self._level = repeated[0] if repeated else min(levels)
        return self._level

    def _open_story(self, b: Block) -> Story:
        emoji, headline, title, subtitle = split_headline(b.text)
        return Story(heading=b.text, emoji=emoji, headline=headline, title=title, subtitle=subtitle,
                     line=b.line, end_line=b.end_line)

    def _close(self, story: Story | None) -> Story | None:
        """Finish the open story (if any); returns None so callers can write ``story = self._close(story)``."""
        if story is not None:
            self.doc.stories.append(story)
        return None

    def _inline_sources(self, story: Story, rest: str, b: Block) -> None:
        if b.links:
            for link in b.links:
                story.sources.append(SourceItem(text=link.text, url=link.url, line=link.line or b.line))
        elif rest.strip():
            for part in re.split(r"\s*[|;]\s*|,\s+(?=[A-Z])", rest):
                if part.strip():
                    url = URL_RE.search(part)
                    story.sources.append(SourceItem(text=part.strip(), url=url.group(0) if url else None, line=b.line))

    def _wrapped_paper(self, i: int) -> tuple[Block, int]:
        """Plain text: a paper entry wrapped onto the next lines, up to the line that holds its address, as one block;
        returns it and the index of its last line. Each line of three wrapped papers was a paper of its own."""
        b = self.blocks[i]
        if self.doc.format != "text" or b.links:
            return b, i
        parts = [b]
        while i + 1 < len(self.blocks) and self.blocks[i + 1].kind == "para" \
                and self.blocks[i + 1].line == parts[-1].end_line + 1 and not parts[-1].links \
                and not _whole_paper_line(" ".join(p.text for p in parts)):
            i += 1
            parts.append(self.blocks[i])
        if len(parts) == 1:
            return b, i
        return Block(b.kind, " ".join(p.text for p in parts), b.line, parts[-1].end_line, level=b.level,
                     links=[ln for p in parts for ln in p.links], raw="\n".join(p.raw or p.text for p in parts)), i

    def _heuristics(self, start: int) -> None:
        doc, blocks = self.doc, self.blocks
        head = blocks[start]
        raw_lines: list[str] = []
        line_map: list[int] = []
        is_heading_block = head.kind == "heading" or len(head.text) < 90
        i = start + 1 if is_heading_block else start
        heading_text = head.text if is_heading_block else "HEURISTICS"
        fence_open = False
        seen_content = False
        end = len(blocks)
        while i < len(blocks):
            b = blocks[i]
            raw = b.raw if b.raw is not None else b.text
            stripped = b.text.strip()
            if b.kind == "heading" and seen_content and not stripped.upper().startswith("HEURISTIC ") and not fence_open \
                    and not self._entry_heading(head, i):
                end = i
                break
            if b.kind == "rule" and seen_content and not fence_open and not re.match(r"^[═=─━]+$", stripped):
                end = i
                break
            if seen_content and not fence_open and b.text.split("\n", 1)[0].strip() == "--":
                end = i   # an e-mail's signature separator ("-- "): what follows is the sender's, not the block's
                break
            if seen_content and not fence_open and b.kind == "para" and _not_yaml(raw):
                end = i   # an unfenced block ends at prose: an e-mail's "Best,", a "LINKS" list after it
                break
            if b.kind == "code":
                block_lines = raw.split("\n")
                if b.info:
                    raw_lines.append("```" + b.info)
                    line_map.append(b.line)
                raw_lines.extend(block_lines)
                line_map.extend(b.line + (1 if self.doc.format != "html" else 0) + k for k in range(len(block_lines)))
                seen_content = True
                i += 1
                # a closed code block ends the section, unless more entries follow it (one <pre> per entry)
                nxt = blocks[i] if i < len(blocks) else None
                if nxt is not None and (nxt.kind == "code" or re.match(r"^\s*(?:-\s*)?id\s*:|^HEURISTIC\s", nxt.text)):
                    continue
                end = i
                break
            block_lines = raw.split("\n")
            for k, text in enumerate(block_lines):
                m = re.match(r"^\s*(```|`)\s*([A-Za-z]*)\s*(.*)$", text) if k == 0 else None
                if m and (m.group(2) or not m.group(3)):
                    fence_open = not fence_open if m.group(1) else fence_open
                raw_lines.append(text)
                line_map.append(b.line + k)
            if re.search(r"^\s*`{1,3}\s*$", block_lines[-1]) and seen_content:
                seen_content = True
                i += 1
                end = i
                break
            if stripped and b.kind != "heading":
                seen_content = True
            i += 1
        doc.heuristics = HeuristicsBlock(heading=heading_text, line=head.line, raw=_plain_indents("\n".join(raw_lines)),
                                         line_map=line_map)
        k = end
        while k < len(blocks):
            b = blocks[k]
            if not doc.toc and b.kind == "heading" and self._is_toc_label(b):
                k = self._read_toc(k)   # the contents at the foot, after the heuristics
                continue
            if b.kind != "rule" and b.text.strip():
                doc.leftover.append(Leftover(b.text, b.line, "after-heuristics"))
            k += 1

    def _entry_heading(self, head: Block, i: int) -> bool:
        """A heading under the Heuristics heading that names one heuristic, its fields listed below it
        ("### cheap-first" then "- **When:** …"): an entry of the block, not the next section."""
        b = self.blocks[i]
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return head.kind == "heading" and b.level > head.level and nxt is not None and nxt.kind != "heading" \
            and _FIELD_OPENING.match(nxt.text) is not None

    def _reattach_orphan_papers(self) -> None:
        """A papers heading with nothing under it, and paper-shaped items stranded later (a converter moved
        them): give them back to the papers section and say so."""
        doc = self.doc
        if doc.papers_line is None or doc.papers:
            return
        orphans = [lo for lo in doc.leftover if lo.where in ("after-heuristics", "unplaced") and _looks_like_paper(lo.text)]
        if not orphans:
            return
        for lo in orphans:
            doc.leftover.remove(lo)
            block = Block("item", re.sub(r"^\s*[-*•]\s+", "", lo.text), lo.line, lo.line)
            doc.papers.append(_parse_paper(block))
        doc.problem(orphans[0].line, "papers",
                    f"{len(orphans)} paper item(s) found detached at line {orphans[0].line}, "
                    f"attached to the Research Papers heading at line {doc.papers_line}")


_NO_PAPERS_RE = re.compile(r"(?:there (?:are|were) )?no\b[^.\n]{0,60}?\bpapers?\b", re.IGNORECASE)


# how a line of a heuristics block opens: a list entry, a "key:", a comment, a v2 "HEURISTIC" line, a fence, JSON
_YAML_OPENING = re.compile(r"^(?:-(?:\s|$)|[^\s:#][^:\n]{0,80}:(?:\s|$)|#|HEURISTIC\b|`|~~~|\.\.\.|---|[\[\]{}\"])")


# how a heuristic's field opens when written as prose: "**When:**", "_Breaks when_:", "Prefer:"
_FIELD_OPENING = re.compile(r"^[-*+•\s]{0,4}[*_`]{0,2}(?:id|domain|when|prefer|over|because|breaks[ _-]when|confidence)"
                            r"[*_`]{0,2}\s?:", re.IGNORECASE)


_LEADER_CHARS = " .·…_\t"


def _toc_entry(written: str, line: int) -> TocEntry:
    """A contents entry as written, without a printed page number, with the section it names if it names one."""
    text = _without_page_number(written)
    emoji, headline, _, _ = split_headline(text)
    return TocEntry(text=text, emoji=emoji, headline=headline, line=line, section=_label_of(text))


def _without_page_number(text: str) -> str:
    """A printed contents entry without its leader and page number ("Implications ........ 9", "Headline · · · p. 3"):
    its name, shortened with "..." where the printer cut it. Read with them, "Research Papers ...... 8" named no
    section and was held as a story missing from the report."""
    core = text.rstrip()
    number = core.rstrip("0123456789")
    if not 1 <= len(core) - len(number) <= 4:
        return text
    words = number.rstrip().rsplit(None, 1)
    if len(words) == 2 and words[1].lower() in ("p.", "p", "page", "pp.", "s."):
        number = words[0] + " "   # "… · · · p. 3"
    name = number.rstrip(_LEADER_CHARS)
    leader = number[len(name):]
    if sum(1 for c in leader if c in ".·…_") < 3 and "\t" not in leader:
        return text   # "Wheat exports rise 38" ends in a figure, not a page
    return name.rstrip(".… ") or text


def _not_yaml(raw: str) -> bool:
    """A paragraph that starts flush left and opens like no line of YAML (or JSON) does, nor like a heuristic's
    field written as prose ("**When:** …"): prose after the block."""
    first = raw.split("\n", 1)[0]
    return bool(first.strip()) and not first[0].isspace() and _YAML_OPENING.match(first) is None \
        and _FIELD_OPENING.match(first) is None


# no-break and other wide spaces that editors (Google Docs, Outlook) write as a code block's indentation
_WIDE_INDENT = re.compile(r"^[ \t\u00a0\u2000-\u200a\u202f\u3000]+", re.MULTILINE)


def _plain_indents(raw: str) -> str:
    """The heuristics block with its indentation as plain spaces: YAML reads a no-break space as text, so a block a
    word processor indented with &nbsp; ("found '?'") was held though its fields were all there."""
    return _WIDE_INDENT.sub(lambda m: re.sub(r"[^\t]", " ", m.group(0)), raw)


# "(Sahel Power Review, 4 December)", "(Reuters, Dec. 4, 2026)", "(Port of Gdańsk, 2026-12-04)": an outlet and a date
_PARENTHESES = re.compile(r"\(([^()\n]{4,160})\)")
_DAY_MONTH = re.compile(r"(?<![\w-])(\d{1,2})\s+([A-Za-z]{3,9})\.?(?:,?\s+\d{4})?(?!\w)")
_MONTH_DAY = re.compile(r"(?<![\w-])([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+\d{4})?(?![\w-])")
_ISO_DAY = re.compile(r"(?<!\d)\d{4}-(\d{2})-(\d{2})(?!\d)")


def _month(word: str) -> int | None:
    """The month a word names, whole or cut short ("Dec", "December"); None for any other word."""
    month = _MONTH_OF.get(word[:3].lower())
    return month if month is not None and _MONTH_NAMES[month - 1].lower().startswith(word.lower()) else None


def _days(text: str) -> set[tuple[int, int]]:
    """Every (month, day) a text writes out."""
    found = {(int(m.group(1)), int(m.group(2))) for m in _ISO_DAY.finditer(text)}
    found |= {(month, int(m.group(1))) for m in _DAY_MONTH.finditer(text) if (month := _month(m.group(2)))}
    found |= {(month, int(m.group(2))) for m in _MONTH_DAY.finditer(text) if (month := _month(m.group(1)))}
    return found


def _cite_author_date(story: Story) -> None:
    """An author-date citation, "(Outlet, 4 December)", that names exactly one entry of the story's Sources (its outlet
    and its date both written there) cites that entry, as "[2]" cites the second reference: a report that cites its
    sources this way and links them only under Sources was held for 0 citations. A name or a date alone, or one
    that fits two entries, cites nothing."""
    entries = [(" ".join(s.text.lower().split()), _days(s.text), s.url) for s in story.sources if s.url]
    if not entries:
        return
    for paragraph in story.paragraphs:
        for m in _PARENTHESES.finditer(paragraph.text):
            inside = m.group(1)
            if "," not in inside:
                continue
            outlet, date = (part.strip() for part in inside.split(",", 1))
            days = _days(date)
            if len(outlet) < 3 or not days or _days(outlet):
                continue
            name = re.compile(r"(?<!\w)" + re.escape(" ".join(outlet.lower().split())) + r"(?!\w)")
            urls = {url for text, entry_days, url in entries if days & entry_days and name.search(text)}
            if len(urls) == 1:
                paragraph.links.append(Link(text=m.group(0), url=urls.pop(), line=paragraph.line))


def _entry_lines(text: str) -> list[str]:
    """The lines of a contents paragraph broken into lines, when each reads as an entry (a headline: not a sentence);
    else none."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or any(len(line) >= 250 or line.endswith(".") for line in lines):
        return []
    return lines


def _has_line_break(markup: str, first: int, last: int) -> bool:
    """Whether lines ``first``..``last`` of the HTML source hold a <br>."""
    start = 0
    for _ in range(first - 1):
        start = markup.find("\n", start) + 1
        if start == 0:
            return False
    end = start
    for _ in range(last - first + 1):
        end = markup.find("\n", end) + 1
        if end == 0:
            end = len(markup)
            break
    return re.search(r"<br\b", markup[start:end], re.IGNORECASE) is not None


def _bold_item(b: Block) -> bool:
    """A top-level list item set wholly in bold that a contents entry names ("1. **🔊 Headline — Subtitle**", its
    paragraphs nested under it): stories written as a numbered list."""
    first = (b.raw or "").strip().split("\n", 1)[0]
    marker = re.match(r"^(?:\d{1,2}[.)]|[-*+])\s+", first)
    return marker is not None and _bold_line(Block("para", b.text, b.line, b.line, raw=first[marker.end():]))


def _bold_line(b: Block) -> bool:
    """A paragraph set wholly in bold ("**🏗️ Headline — Subtitle**"): a headline written without heading markup,
    beside real headings for the sections."""
    raw = (b.raw or "").strip()
    return len(raw) > 4 and any(raw.startswith(m) and raw.endswith(m) for m in ("**", "__"))


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_MONTH_OF = {name[:3].lower(): k for k, name in enumerate(_MONTH_NAMES, start=1)}
# a month's name from its start (a word boundary), at most "September" long: "janjanjan…" is scanned once, not from
# every "jan" in it to the word's end
_MONTH_WORD = r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\b\.?"
# a date written out anywhere in a title, month first or day first, its month in full or cut short
_TITLE_DATES = (re.compile(_MONTH_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE),
                # "5 December 2026", "the 5th of December, 2026"
                re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_WORD + r",?\s+(\d{4})\b", re.IGNORECASE))


# a title's date in the other ways teams write one: "2026/11/18" and "2026.11.18" (year first), "2026年9月22日",
# "18.11.2026" (day first, as dots always are), "18/11/2026" or "11/18/2026" where the day tells which is which,
# "20261118", and a month written out in another language ("10. Februar 2027", "18 de noviembre de 2026")
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})\s*[/.年]\s*(\d{1,2})\s*[/.月]\s*(\d{1,2})(?!\d)")
_DAY_FIRST_DOTS = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_FOREIGN_WRITTEN = re.compile(r"(?<!\d)(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,12})\.?\s+(?:de\s+)?(\d{4})(?!\d)")
# an ISO 8601 week date, "2026-W47-3" or "2026W473": the year, its week and the day of the week (Monday is 1)
_ISO_WEEK = re.compile(r"(?<![\w-])(\d{4})-?W(\d{2})-?([1-7])(?![\w-])")


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def numeric_or_foreign_date(text: str) -> dt.date | None:
    """A title's date written with numbers only, or with a month in another language; None where it is ambiguous
    ("04/05/2026": April or May)."""
    if (m := _ISO_WEEK.search(text)) is not None:
        try:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:   # week 53 of a year that has 52
            return None
    if (m := _YEAR_FIRST.search(text)) is not None:
        return _valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if (m := _DAY_FIRST_DOTS.search(text)) is not None:
        return _valid_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if (m := _SLASHED.search(text)) is not None:
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if first > 12 >= second:
            return _valid_date(year, second, first)
        if second > 12 >= first:
            return _valid_date(year, first, second)
        return None
    for m in _FOREIGN_WRITTEN.finditer(text):
        month = MONTH_NUMBERS.get(m.group(2).lower())
        if month is not None:
            return _valid_date(int(m.group(3)), month, int(m.group(1)))
    if (m := _COMPACT.search(text)) is not None:
        return _valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def _parse_long_date_anywhere(text: str) -> dt.date | None:
    """A date written out in a title: "December 4, 2026", "Dec. 4 2026", "4 December 2026", "Fri 4 Dec 2026"; or
    in numbers or another language's month (``numeric_or_foreign_date``)."""
    for order, pattern in enumerate(_TITLE_DATES):
        m = pattern.search(text)
        if m is None:
            continue
        month_word, day = (m.group(1), m.group(2)) if order == 0 else (m.group(2), m.group(1))
        month = _MONTH_OF.get(month_word[:3].lower())
        try:
            return dt.date(int(m.group(3)), month or 0, int(day))
        except ValueError:
            continue
    return numeric_or_foreign_date(text)


_PAREN_RE = re.compile(r"\(([^()]*)\)")
_DATEISH_RE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}(?:-\d{2})?|\b20\d{2}\b"
)


def _looks_like_paper(text: str) -> bool:
    return len(SUBTITLE_SPLIT_RE.split(text)) >= 3 and bool(_DATEISH_RE.search(text))


def _whole_paper_line(text: str) -> bool:
    """``Title — Authors (date) — why it matters.``: all three parts, and the sentence ended (papers one per line,
    without links, are not one wrapped paper)."""
    return len(SUBTITLE_SPLIT_RE.split(text, maxsplit=2)) == 3 and text.rstrip()[-1:] in (".", "!", "?", ")")


def _parse_paper(b: Block) -> Paper:
    """``Title — Authors (affiliation) (date) — why it matters``; missing parts stay None."""
    text = b.text.strip()
    parts = SUBTITLE_SPLIT_RE.split(text, maxsplit=2)
    title = parts[0].strip().strip("*_\"“”")
    authors = affiliation = date = why = None
    if len(parts) >= 2:
        middle = parts[1].strip()
        parens = _PAREN_RE.findall(middle)
        affiliations: list[str] = []
        for p in reversed(parens):
            if _DATEISH_RE.search(p) and date is None:
                date = p.strip()
                continue
            affiliations.insert(0, p.strip())
        affiliation = "; ".join(affiliations) or None
        authors = _PAREN_RE.sub("", middle).strip(" ,;") or None
        if not parens and _DATEISH_RE.fullmatch(middle):
            date, authors = middle, None
    if len(parts) >= 3:
        why = parts[2].strip()
    url = None
    for link in b.links:
        if not link.image:
            url = link.url
            break
    if url is None:
        m = URL_RE.search(text)
        url = m.group(0) if m else None
    return Paper(text=text, title=title, authors=authors, affiliation=affiliation, date=date, why=why, url=url,
                 line=b.line)


# --------------------------------------------------------------------------- entry point


# A static site's front matter: "---", "key: value" lines, "---", before the Markdown (Jekyll's, Hugo's form), or
# Hugo's TOML form: "+++", "key = value" lines, "+++"
_FRONT_MATTER_FIELD = re.compile(r"^([A-Za-z][\w-]{0,40})\s*:\s*(.*)$")
_TOML_FIELD = re.compile(r"^([A-Za-z][\w-]{0,40})\s*=\s*(.*)$")
# "toc: true" nested under an output format (Quarto's "format: html: toc: true", R Markdown's "html_document:"):
# the site generates the contents from the headings
_NESTED_TOC = re.compile(r"^[ \t]+toc\s*[:=]\s*(\S+)")


def without_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """The Markdown with a leading front matter block blanked (line numbers kept), and its fields (lower-case keys,
    values unquoted; a nested ``toc`` setting as ``toc``, and the 1-based line of the title as ``title line``).
    Read as Markdown, the block was a rule and a heading: the report's undated "# Title" under it became its first
    story, and the date it gave was lost."""
    lines = text.split("\n")
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return text, {}
    field_re = _FRONT_MATTER_FIELD if fence == "---" else _TOML_FIELD
    fields: dict[str, str] = {}
    for k in range(1, min(len(lines), 60)):
        line = lines[k].strip()
        if (line == fence or (fence == "---" and line == "...")) and fields:
            return "\n" * k + "\n" + "\n".join(lines[k + 1:]), fields
        m = field_re.match(lines[k])
        if m is not None:
            key = m.group(1).lower()
            if key == "title" and key not in fields:
                fields["title line"] = str(k + 1)
            fields.setdefault(key, m.group(2).strip().strip("\"'"))
        elif line and not (fields and (lines[k][:1] in " \t" or line.startswith("- ")
                                       or (fence == "+++" and line.startswith("[")))):
            return text, {}   # not front matter: a rule over a heading or prose (a YAML list may follow a key)
        elif (nested := _NESTED_TOC.match(lines[k])) is not None:
            fields.setdefault("toc", nested.group(1).strip("\"'"))
    return text, {}


def typographic_boxes(lines: list[str]) -> dict[int, str]:
    """The lines (0-based) of the boxes plain text draws round its title, date, section names or headlines, each
    mapped to what a reader reads there ("" for a border): typography, as an underline is. A box round anything else
    ("│ fetch: 14 sources, 2 failed │") is a tool's."""
    out: dict[int, str] = {}
    for top, inside in box_frames(lines):
        if all(_label_of(t) or (_title_match(t) and "—" in t) or parse_long_date(t)
               or (len(t) <= 220 and SUBTITLE_SPLIT_RE.search(t)) for t in inside):
            out[top] = out[top + len(inside) + 1] = ""
            out.update({top + 1 + k: t for k, t in enumerate(inside)})
    return out


def without_box_frames(text: str) -> str:
    """Plain text with its typographic boxes taken off (borders blank, framed lines their text), line for line: the
    title and the section names in boxes were read as neither, and the report held for having no sections."""
    lines = text.split("\n")
    boxes = typographic_boxes(lines)
    return "\n".join(boxes.get(k, line) for k, line in enumerate(lines)) if boxes else text


def _discourse_folds(text: str) -> str:
    """A forum post's folds (Discourse's ``[details="Contents"]`` … ``[/details]``, each tag alone on its line) as the
    Markdown they show: the fold's title a bold line over what it holds, line for line. Read as text, the contents
    under ``[details="Contents"]`` were no contents."""
    if "[/details]" not in text:
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines):
        core = line.strip()
        if core == "[/details]" or core == "[details]":
            lines[k] = ""
        elif core.startswith("[details=") and core.endswith("]") and len(core) < 120:
            title = core[len("[details="):-1].strip().strip("\"'").strip()
            lines[k] = f"**{title}**" if title and "*" not in title else ""
    return "\n".join(lines)


# sections whose name may open a run of lines set with <br>s: "<b>Research Papers</b><br>paper<br>paper". Not the
# heuristics: a block of them set in one paragraph keeps its lines and indents together for the YAML reader.
_RUN_SECTIONS = frozenset({"papers", "implications", "sources", "references"})


def _labelled_runs(blocks: list[Block]) -> list[Block]:
    """HTML paragraphs that open with a section's name on a line of its own and go on in lines set with <br>s (an old
    table-layout newsletter's "<font><b>Research Papers</b></font><br>" over its papers), split into the name and one
    paragraph per line, each with the links its line shows. Read as one paragraph, the section had no name and the
    report no papers."""
    out: list[Block] = []
    for b in blocks:
        first, _, rest = b.text.partition("\n")
        if b.kind != "para" or not rest.strip() or len(first) > 80 or _label_of(first) not in _RUN_SECTIONS:
            out.append(b)
            continue
        out.append(Block("para", first.strip(), b.line, b.line, raw=first))
        placed: set[int] = set()
        for part in (p.strip() for p in rest.split("\n")):
            if part:
                mine = [ln for ln in b.links if id(ln) not in placed and ln.text and ln.text in part]
                placed.update(id(ln) for ln in mine)
                out.append(Block("para", part, b.line, b.end_line, links=mine, raw=part))
        left = [ln for ln in b.links if id(ln) not in placed]
        if left and len(out) > 1:
            out[-1].links.extend(left)
    return out


def unwrap_container(data: bytes, filename: str | None) -> tuple[bytes, str | None]:
    """The report a file carries inside a container, with a file name of its form: a saved e-mail's decoded body, an
    Atom entry's content; any other file unchanged."""
    return unwrap_feed(*unwrap_mail(data, filename))


def parse_document(data: bytes | str, *, filename: str | None = None) -> ParsedDocument:
    """Parse a briefing in any of the three formats. Never raises on malformed content: what cannot be
    placed is in ``leftover``, what looks wrong is in ``problems``, and encoding repairs in ``repairs``."""
    log = RepairLog()
    if isinstance(data, bytes):
        data, filename = unwrap_container(data, filename)
    text = decode_report_bytes(data, log) if isinstance(data, bytes) else data
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    markup = light_markup_of(text, filename)
    typst = markup is None and is_typst(text, filename)
    if markup is not None:
        text = as_markdown(text, markup)   # line for line, so every finding keeps the author's line numbers
    elif typst:
        text = typst_as_markdown(text)
    fmt = detect_format(text, filename) if markup is None and not typst else "markdown"
    quoted = fenced_markdown_report(text) if fmt != "html" else None
    if quoted is not None:   # a reply or a chat post quoting the whole briefing in a ```markdown fence: read it
        text, fmt = quoted, "markdown"
    if fmt != "html":
        text = without_note_metadata(without_chat_stamps(text))
    if fmt == "html":
        # entities must be decoded before the damage can be seen; repair the markup's text, line-preserving
        text, _ = repair_text(text, log)
    else:
        text, _ = repair_text(text, log)
    doc = ParsedDocument(format=fmt, filename=filename, repairs=log, text=text)
    page_title: str | None = None
    front: dict[str, str] = {}
    if fmt == "html":
        blocks, page_title = blocks_from_html(text, doc, _label_of)
        blocks = _labelled_runs(blocks)
    elif fmt == "markdown":
        body, front = without_front_matter(without_mail_headers(text))
        blocks = blocks_from_markdown(_discourse_folds(outline_headings(body)))
    else:
        blocks = blocks_from_text(without_box_frames(without_mail_headers(text)), doc)
    doc.blocks = blocks
    doc.page_title = page_title
    sections = _Sections(doc, blocks, page_title)
    if front.get("title"):
        sections.meta_title = (front["title"], int(front.get("title line", "0")) or None)
    doc.toc_generated = front.get("toc", "").lower() in ("true", "yes")
    sections.run()
    if doc.date is None and front.get("date"):
        doc.date = _iso_date(front["date"]) or _parse_long_date_anywhere(front["date"])
    if doc.long_date is None:
        # the long date the front matter gives ("subtitle: Thursday, September 3, 2026", R Markdown's "date:"):
        # the site prints it under the title
        written = next((front[k] for k in ("subtitle", "date") if parse_long_date(front.get(k, ""))), None)
        if written is not None:
            doc.long_date = written
            if doc.date is not None and parse_long_date(written) != doc.date:
                doc.problem(1, "date", f"long date {parse_long_date(written)} differs from the title date {doc.date}")
    if doc.date is None and filename:
        doc.date = _iso_date(filename.rsplit("/", 1)[-1])
    if doc.topic is None and page_title:
        doc.topic = re.split(r"\s+[—–·|:-]\s+", split_emoji(page_title)[1])[0].strip() or None
    return doc
