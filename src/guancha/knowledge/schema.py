"""The one heuristic schema: what a heuristic is, how confidence is normalised, and what the KB adds.

The reference system emitted heuristics with confidence as words ("high") in one report and numbers
(0.87) in the next, and never kept a version. Here every heuristic, whoever wrote it (an imported report,
the model writer, a person), is validated into :class:`Heuristic`; the knowledge base wraps it in
:class:`StoredHeuristic` with status, confirmations and version history.

Confidence bands (documented, used both ways)::

    level    number range      number stored when only the word is known
    high     0.75 <= x <= 1.0  0.85
    medium   0.50 <= x < 0.75  0.65
    low      0.00 <= x < 0.50  0.35

A number maps to the level whose range holds it; a word maps to the number in the right-hand column.
Percentages (``85%``) and 0-100 scales (``85``) are divided by 100. Word variants ("very high",
"moderate", "medium-high") map to the nearest band; the original value is always kept verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SCHEMA_VERSION = 1

#: The decision fields a complete heuristic has (``id`` is its identity, not a decision field).
DECISION_FIELDS: tuple[str, ...] = ("domain", "when", "prefer", "over", "because", "breaks_when", "confidence")
#: Every field name of the reference YAML layout, in its order.
REFERENCE_FIELDS: tuple[str, ...] = ("id", *DECISION_FIELDS[:-1], "confidence", "source", "extracted_by", "version")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_length: int = 120) -> str:
    """Lower-case, ASCII letters/digits joined by single hyphens: ``Foo_Bar baz`` -> ``foo-bar-baz``."""
    slug = _NOT_SLUG.sub("-", text.strip().lower()).strip("-")
    return slug[:max_length].rstrip("-")


# --------------------------------------------------------------------------- confidence


class ConfidenceLevel(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


#: (level, lowest number in the band, number stored for the bare word)
CONFIDENCE_BANDS: tuple[tuple[ConfidenceLevel, float, float], ...] = (
    (ConfidenceLevel.HIGH, 0.75, 0.85),
    (ConfidenceLevel.MEDIUM, 0.50, 0.65),
    (ConfidenceLevel.LOW, 0.0, 0.35),
)

_WORD_LEVELS: dict[str, ConfidenceLevel] = {
    "high": ConfidenceLevel.HIGH,
    "very high": ConfidenceLevel.HIGH,
    "very-high": ConfidenceLevel.HIGH,
    "strong": ConfidenceLevel.HIGH,
    "medium-high": ConfidenceLevel.HIGH,
    "medium high": ConfidenceLevel.HIGH,
    "moderate-high": ConfidenceLevel.HIGH,
    "moderate-to-high": ConfidenceLevel.HIGH,
    "medium-to-high": ConfidenceLevel.HIGH,
    "medium": ConfidenceLevel.MEDIUM,
    "moderate": ConfidenceLevel.MEDIUM,
    "mid": ConfidenceLevel.MEDIUM,
    "med": ConfidenceLevel.MEDIUM,
    "medium-low": ConfidenceLevel.LOW,
    "medium low": ConfidenceLevel.LOW,
    "low-medium": ConfidenceLevel.LOW,
    "low-to-medium": ConfidenceLevel.LOW,
    "low": ConfidenceLevel.LOW,
    "very low": ConfidenceLevel.LOW,
    "weak": ConfidenceLevel.LOW,
    "speculative": ConfidenceLevel.LOW,
}

_NUMBER_RE = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$")


def level_for_number(value: float) -> ConfidenceLevel:
    """The band that holds ``value`` (0..1)."""
    for level, lowest, _ in CONFIDENCE_BANDS:
        if value >= lowest:
            return level
    return ConfidenceLevel.LOW


def number_for_level(level: ConfidenceLevel) -> float:
    """The number stored for a confidence given only as a word."""
    for band_level, _, number in CONFIDENCE_BANDS:
        if band_level is level:
            return number
    raise ValueError(f"unknown confidence level {level!r}")


class Confidence(BaseModel):
    """A confidence as written (``original``) plus its normalised ``level`` and ``value`` (0..1)."""

    model_config = ConfigDict(frozen=True)

    original: str = Field(description="The value exactly as written in the source, as text.")
    level: ConfidenceLevel
    value: float = Field(ge=0.0, le=1.0)

    @classmethod
    def parse(cls, raw: Any) -> Confidence:
        """Normalise a word, a 0..1 number, a percentage or a 0..100 number. Raises ValueError if none."""
        if isinstance(raw, Confidence):
            return raw
        if isinstance(raw, Mapping) and "level" in raw and "value" in raw:
            return cls.model_validate(raw)
        if isinstance(raw, bool) or raw is None:
            raise ValueError(f"confidence {raw!r} is neither a word (high/medium/low) nor a number")
        original = str(raw).strip()
        number: float | None = None
        if isinstance(raw, int | float):
            number = float(raw)
        else:
            match = _NUMBER_RE.match(original)
            if match:
                number = float(match.group(1))
                if match.group(2):
                    number /= 100.0
        if number is not None:
            if number > 1.0:
                if number <= 100.0:
                    number /= 100.0
                else:
                    raise ValueError(f"confidence {original!r} is above 100")
            return cls(original=original, level=level_for_number(number), value=round(number, 4))
        word = re.sub(r"\s+", " ", original.lower().strip(" .'\"")).strip()
        word = re.sub(r"\s*\(.*\)$", "", word)  # "high (0.8)" style comments: the word decides
        if word not in _WORD_LEVELS:
            head = re.split(r"[\s,;:—–]+", word, maxsplit=1)[0]
            if head not in _WORD_LEVELS:
                raise ValueError(f"confidence {original!r} is neither a word (high/medium/low) nor a number")
            word = head
        level = _WORD_LEVELS[word]
        return cls(original=original, level=level, value=number_for_level(level))


# --------------------------------------------------------------------------- the heuristic


class HeuristicSource(BaseModel):
    """Where a heuristic was first stated: the report's title, its date and, when known, a URL."""

    model_config = ConfigDict(extra="forbid")

    report: str | None = None
    date: dt.date | None = None
    url: str | None = None


def _clean_text(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    return value


def _date_or_none(value: Any) -> Any:
    """A source date as written in the wild: ISO dates (with a time or not) are read, anything else is
    dropped here (the importer keeps the raw fields), so a bad date never invalidates the rule."""
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    match = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", str(value))
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    return None


class Heuristic(BaseModel):
    """A falsifiable decision rule: in situation ``when``, ``prefer`` X ``over`` Y ``because`` ...,
    and stop trusting it when ``breaks_when`` happens."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=120, description="Stable slug, e.g. technical-origin-test")
    domain: list[str] = Field(min_length=1, description="Topic tags")
    when: str = Field(min_length=1, description="The situation the rule applies to")
    prefer: str = Field(min_length=1, description="What to do or believe")
    over: str = Field(min_length=1, description="The tempting alternative it beats")
    because: str = Field(min_length=1, description="The evidence and mechanism")
    breaks_when: str = Field(min_length=1, description="Observable conditions that would falsify it")
    confidence: Confidence
    source: HeuristicSource = Field(default_factory=HeuristicSource)
    extracted_by: str | None = None
    version: int = Field(1, ge=1)

    @field_validator("id", mode="before")
    @classmethod
    def _slug_id(cls, value: Any) -> Any:
        if isinstance(value, str):
            slug = slugify(value)
            if not slug:
                raise ValueError(f"id {value!r} has no letters or digits")
            return slug
        return value

    @field_validator("domain", mode="before")
    @classmethod
    def _domain_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in re.split(r"[,;]", value.strip().strip("[]"))]
        if isinstance(value, list):
            tags = [slugify(str(tag)) for tag in value if str(tag).strip()]
            return [t for i, t in enumerate(tags) if t and t not in tags[:i]]
        return value

    @field_validator("when", "prefer", "over", "because", "breaks_when", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if isinstance(value, list):
            value = " ".join(str(v) for v in value)
        elif isinstance(value, Mapping):
            value = "; ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        return _clean_text(value)

    @field_validator("confidence", mode="before")
    @classmethod
    def _confidence(cls, value: Any) -> Any:
        return Confidence.parse(value)

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: Any) -> Any:
        if value is None:
            return HeuristicSource()
        if isinstance(value, str):
            text = value.strip()
            if re.match(r"^https?://", text):
                return HeuristicSource(url=text)
            return HeuristicSource(report=text)
        if isinstance(value, Mapping):
            known = {k: value[k] for k in ("report", "date", "url") if k in value}
            if "title" in value and "report" not in known:
                known["report"] = value["title"]
            known["date"] = _date_or_none(known.get("date"))
            return known
        return value

    @model_validator(mode="after")
    def _slug_check(self) -> Heuristic:
        if not SLUG_RE.match(self.id):
            raise ValueError(f"id {self.id!r} is not a slug")
        return self

    def decision_key(self) -> str:
        """What the rule says, independent of who wrote it down and when: compared to spot changes."""
        parts = [",".join(sorted(self.domain)), self.when, self.prefer, self.over, self.because, self.breaks_when,
                 self.confidence.level.value]
        return "\x1f".join(parts)

    def to_reference(self) -> dict[str, Any]:
        """The entry as the reference YAML layout writes it (confidence as written, source as a mapping)."""
        entry: dict[str, Any] = {"id": self.id, "domain": list(self.domain)}
        for name in ("when", "prefer", "over", "because", "breaks_when"):
            entry[name] = getattr(self, name)
        entry["confidence"] = self.confidence.level.value
        source: dict[str, Any] = {}
        if self.source.report:
            source["report"] = self.source.report
        if self.source.date:
            source["date"] = self.source.date
        if self.source.url:
            source["url"] = self.source.url
        if source:
            entry["source"] = source
        if self.extracted_by:
            entry["extracted_by"] = self.extracted_by
        entry["version"] = self.version
        return entry


def heuristic_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Why ``data`` is not a valid heuristic, as ``(field, reason)`` pairs; empty when it is valid.

    Used by the checker's ``heuristics-fields`` / ``heuristics-confidence`` gates and by the parsers.
    """
    problems: list[tuple[str, str]] = []
    for name in ("id", *DECISION_FIELDS):
        value = data.get(name)
        if value is None or (isinstance(value, str | list) and not value):
            problems.append((name, "missing"))
    try:
        Heuristic.model_validate(dict(data))
    except ValidationError as exc:
        missing = {name for name, _ in problems}
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            if field in missing:
                continue
            problems.append((field, err["msg"]))
    return problems


# --------------------------------------------------------------------------- model-facing proposal


class HeuristicProposal(BaseModel):
    """What a model is asked to write: bounded strings and an enum confidence, so small local models
    under a JSON grammar always produce something parseable. Turned into a :class:`Heuristic` in code."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(max_length=80, description="lower-case-hyphenated slug naming the rule")
    domain: list[str] = Field(max_length=6, description="1-6 short topic tags")
    when: str = Field(max_length=600)
    prefer: str = Field(max_length=600)
    over: str = Field(max_length=600)
    because: str = Field(max_length=800)
    breaks_when: str = Field(max_length=600)
    confidence: ConfidenceLevel

    def to_heuristic(
        self, *, report: str | None = None, date: dt.date | None = None, url: str | None = None,
        extracted_by: str | None = None,
    ) -> Heuristic:
        return Heuristic(
            id=self.id, domain=self.domain, when=self.when, prefer=self.prefer, over=self.over,
            because=self.because, breaks_when=self.breaks_when, confidence=self.confidence.value,
            source=HeuristicSource(report=report, date=date, url=url), extracted_by=extracted_by,
        )


# --------------------------------------------------------------------------- what the knowledge base adds


class HeuristicStatus(StrEnum):
    ACTIVE = "active"  # believed; no contrary evidence
    CHALLENGED = "challenged"  # some evidence matches breaks_when; under review
    BROKEN = "broken"  # breaks_when observed and confirmed
    RETIRED = "retired"  # withdrawn by a person (merged, superseded, wrong), with a reason


class VersionRecord(BaseModel):
    """One version of a heuristic's content and where it came from."""

    version: int
    heuristic: Heuristic
    recorded_at: str
    source_ref: str | None = Field(None, description="imported report id or run id that stated it")
    changed_fields: list[str] = Field(default_factory=list, description="fields that differ from the previous")


class Evidence(BaseModel):
    """An observation bearing on a heuristic (later stages add these from new articles)."""

    kind: str = Field(description="supports, challenges, breaks, reconfirmed")
    note: str
    url: str | None = None
    observed_at: str


class StoredHeuristic(BaseModel):
    """A heuristic as the knowledge base keeps it: the current version plus everything it has learned."""

    heuristic: Heuristic
    status: HeuristicStatus = HeuristicStatus.ACTIVE
    watcher_id: str | None = None
    first_seen: dt.date | None = None
    last_confirmed: dt.date | None = None
    confirmations: int = 0
    history: list[VersionRecord] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    retired_reason: str | None = None
    merged_into: str | None = None

    @property
    def id(self) -> str:
        return self.heuristic.id

    @property
    def version(self) -> int:
        return self.heuristic.version


# --------------------------------------------------------------------------- the reference YAML layout


class _BlockDumper(yaml.SafeDumper):
    """Long prose as folded block scalars (``when: >``), as the reference layout writes it."""


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if len(value) > 80 and "\n" not in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _list_presenter(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(item, str) and len(item) < 40 for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_BlockDumper.add_representer(str, _str_presenter)
_BlockDumper.add_representer(list, _list_presenter)


def render_yaml(heuristics: list[Heuristic]) -> str:
    """The reference layout: a ``heuristics:`` list, one mapping per entry, fields in reference order."""
    entries = [h.to_reference() for h in heuristics]
    return yaml.dump(
        {"heuristics": entries}, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=100,
        default_flow_style=False,
    )
