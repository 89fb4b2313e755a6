"""Watcher specs and workspace settings: typed models, YAML loading, and errors that name file, line and field.

A watcher spec is a YAML file a person edits, so every validation error is mapped back to the line it came
from and says how to fix it. Both the writer and the checks load the same spec.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from guancha import yamlload
from guancha.errors import ConfigError
from guancha.models.config import ModelsSettings
from guancha.timeutil import FIRST_DAY, LAST_DAY

M = TypeVar("M", bound=BaseModel)

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- watcher spec: sources


# How long a spec's free texts may be: a watcher's words are read into every prompt, embedding and regex of a run,
# and a 10 MB keyword took a run to 10 GB before anything told the user (found by a red-team pass).
MAX_URL_CHARS = 2048
MAX_QUERY_CHARS = 1000
MAX_DESCRIPTION_CHARS = 4000
MAX_KEYWORD_CHARS = 100
MAX_KEYWORDS = 200
ShortText = Annotated[str, Field(max_length=120)]
Keyword = Annotated[str, Field(max_length=MAX_KEYWORD_CHARS)]


def _http_url(value: str) -> str:
    """A source URL must be an absolute http(s) URL: found when the spec loads, not as a failed fetch later."""
    text = value.strip()
    if len(text) > MAX_URL_CHARS:
        raise ValueError(f"a URL of {len(text):,} characters ({text[:60]!r}...) is longer than {MAX_URL_CHARS:,}")
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"{text[:200]!r} is not an absolute http(s) URL (write it as https://host/path)")
    return text


class FeedSource(_Strict):
    """An RSS or Atom feed; its items link to articles that are fetched and extracted."""

    feed: str
    label: ShortText | None = None
    weight: float = Field(1.0, ge=0, le=10)
    fetch_articles: bool = True

    @field_validator("feed")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        return _http_url(value)


class ArxivSource(_Strict):
    """An arXiv API query (the ``search_query`` syntax, e.g. ``abs:China AND cat:cs.AI``)."""

    arxiv: str = Field(max_length=MAX_QUERY_CHARS)
    endpoint: str = "https://export.arxiv.org/api/query"
    max_results: int = Field(50, ge=1, le=500)
    label: ShortText | None = None
    weight: float = Field(1.0, ge=0, le=10)

    @field_validator("endpoint")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        return _http_url(value)


class SearchSource(_Strict):
    """A query expanded through the query-templated RSS URLs named in settings (``search.use``)."""

    search: str = Field(max_length=MAX_QUERY_CHARS)
    templates: list[str] | None = None
    label: ShortText | None = None
    weight: float = Field(1.0, ge=0, le=10)
    fetch_articles: bool = True


class PageSource(_Strict):
    """A single web page, fetched (robots.txt permitting) and extracted."""

    page: str
    label: ShortText | None = None
    weight: float = Field(1.0, ge=0, le=10)

    @field_validator("page")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        return _http_url(value)


Source = FeedSource | ArxivSource | SearchSource | PageSource
SOURCE_KINDS: dict[str, type[BaseModel]] = {
    "feed": FeedSource,
    "arxiv": ArxivSource,
    "search": SearchSource,
    "page": PageSource,
}


def _source_tag(value: Any) -> str | None:
    """Which kind a source entry is: the one of feed/arxiv/search/page it has (None when not exactly one)."""
    if isinstance(value, BaseModel):
        return source_kind(value)  # type: ignore[arg-type]
    if isinstance(value, dict):
        kinds = [k for k in SOURCE_KINDS if k in value]
        return kinds[0] if len(kinds) == 1 else None
    return None


SourceEntry = Annotated[
    Annotated[FeedSource, Tag("feed")]
    | Annotated[ArxivSource, Tag("arxiv")]
    | Annotated[SearchSource, Tag("search")]
    | Annotated[PageSource, Tag("page")],
    Discriminator(
        _source_tag,
        custom_error_type="source_kind",
        custom_error_message="a source entry needs exactly one of feed, arxiv, search, page",
    ),
]


def source_kind(source: Source) -> str:
    """The kind keyword of a source entry: feed, arxiv, search or page."""
    for kind, cls in SOURCE_KINDS.items():
        if isinstance(source, cls):
            return kind
    raise TypeError(f"not a source: {source!r}")


def source_target(source: Source) -> str:
    """The URL or query a source entry points at."""
    return str(getattr(source, source_kind(source)))


# --------------------------------------------------------------------------- watcher spec: report shape


class IntRange(_Strict):
    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            if len(value) != 2:
                raise ValueError("expected a pair [min, max]")
            return {"min": value[0], "max": value[1]}
        if isinstance(value, int):
            return {"min": value, "max": value}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> IntRange:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}; write [min, max]")
        return self

    def __contains__(self, n: object) -> bool:
        return isinstance(n, int) and self.min <= n <= self.max


# A story shorter than this share of the spec's least story words is no story but a stub: the check holds a report
# for it where the sources had more to quote (under the least words alone is a warning).
STUB_STORY_SHARE = 0.4


class ReportShape(_Strict):
    """What a finished briefing must look like; the reference SPEC's numbers are the defaults."""

    stories: int = Field(6, ge=1, le=30)
    story_words: IntRange = IntRange(min=350, max=500)
    citations_per_story: int = Field(4, ge=0, le=50)
    papers: IntRange = IntRange(min=3, max=6)
    heuristics: IntRange = IntRange(min=2, max=4)


class ModelChoice(_Strict):
    """Which models write and judge this watcher's briefings (``provider:model``)."""

    writer: str | None = None
    judge: str | None = None


class Budget(_Strict):
    """Spending limits in US dollars; work stops before it would exceed them."""

    per_run_usd: float | None = Field(None, ge=0)
    per_day_usd: float | None = Field(None, ge=0)


RUBRIC_METRICS: tuple[str, ...] = (
    "synthesis",
    "attribution",
    "headline_specificity",
    "signal_density",
    "cross_thread",
    "strategic_vision",
    "deep_stakes",
    "signal_to_noise",
    "timeliness",
)
"""The reference's nine rubric metrics, each judged 1-10."""

DEFAULT_SCAFFOLDING = ["According to", "What happened", "Why it matters", "In conclusion", "It is worth noting"]
DEFAULT_HYPE = [
    "transformative",
    "could dramatically",
    "game-changing",
    "game changer",
    "revolutionary",
    "unprecedented",
    "paradigm shift",
]


class CheckSettings(_Strict):
    """How this watcher's briefings are checked: banned wording, rubric weights, the ship threshold,
    how many revision passes, and per-rule severity overrides."""

    scaffolding: list[str] = Field(default_factory=lambda: list(DEFAULT_SCAFFOLDING))
    hype_words: list[str] = Field(default_factory=lambda: list(DEFAULT_HYPE))
    forbidden_names: list[str] = Field(default_factory=list)
    rubric_weights: dict[str, float] = Field(default_factory=lambda: dict.fromkeys(RUBRIC_METRICS, 1.0))
    ship_threshold: float = Field(63.0, ge=0)
    max_iterations: int = Field(3, ge=1, le=10)
    paper_window_days: int = Field(14, ge=1, le=366)
    judge_max_chars: int = Field(24000, ge=500, description="How much of the report the judge model reads.")
    errors: list[str] = Field(default_factory=list, description="Rules to treat as errors (block publishing).")
    warnings: list[str] = Field(default_factory=list, description="Rules to treat as warnings only.")
    disabled: list[str] = Field(default_factory=list, description="Rules not run at all.")

    @field_validator("rubric_weights")
    @classmethod
    def _known_metrics(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(RUBRIC_METRICS))
        if unknown:
            raise ValueError(f"unknown rubric metric(s) {unknown}; known: {', '.join(RUBRIC_METRICS)}")
        if any(w < 0 for w in value.values()):
            raise ValueError("rubric weights must be zero or positive")
        merged = dict.fromkeys(RUBRIC_METRICS, 1.0)  # a metric not named keeps weight 1
        merged.update(value)
        if sum(merged.values()) <= 0:
            raise ValueError("at least one rubric weight must be positive")
        return merged

    @property
    def max_score(self) -> float:
        """The highest total the rubric can give: 10 on every metric, weighted."""
        return 10.0 * sum(self.rubric_weights.values())

    @model_validator(mode="after")
    def _reachable_threshold(self) -> CheckSettings:
        if self.ship_threshold > self.max_score:
            raise ValueError(
                f"ship_threshold {self.ship_threshold:g} is above the highest possible score "
                f"{self.max_score:g}, so no report could ever pass; lower it"
            )
        return self


class WatcherSpec(_Strict):
    """One watcher: a topic, its sources, and the shape of its daily briefing."""

    id: str = Field(max_length=64)
    title: str = Field(min_length=1, max_length=120)
    emoji: str = Field("", max_length=16)
    description: str = Field("", max_length=MAX_DESCRIPTION_CHARS)
    window_hours: int = Field(36, ge=1, le=24 * 31)
    sources: list[SourceEntry] = Field(min_length=1)
    keywords: list[Keyword] = Field(default_factory=list, max_length=MAX_KEYWORDS)
    report: ReportShape = ReportShape()
    models: ModelChoice = ModelChoice()
    budget: Budget = Budget()
    checks: CheckSettings = CheckSettings()
    date: dt.date | None = Field(None, description="The day a sample run pretends it is (samples only).")
    schedule: str | None = Field(
        None, description="When `guancha serve` runs this watcher: a 5-field cron line, e.g. '0 6 * * *' (06:00 daily).")
    timezone: str = Field("UTC", description="The time zone the schedule is read in, e.g. 'Europe/Berlin'.")
    weekly: str | None = Field(
        None, description="When the weekly synthesis is written: a cron line, e.g. '0 7 * * 1' (Mondays 07:00).")

    @field_validator("schedule", "weekly")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        from guancha.schedule import validate_cron  # croniter loads only where a spec has a schedule
        return None if value is None else validate_cron(value)

    @field_validator("date")
    @classmethod
    def _date_in_range(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise ValueError(f"date {value} is out of range; give a day from {FIRST_DAY} to {LAST_DAY}")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        from guancha.schedule import validate_timezone
        return validate_timezone(value)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise ValueError("must be a slug: lowercase letters, digits and dashes, like 'china-ai'")
        return value

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, value: list[str]) -> list[str]:
        return [k.strip() for k in value if k.strip()]


# --------------------------------------------------------------------------- settings


SEARCH_PRESETS: dict[str, str] = {
    "google-news": "https://news.google.com/rss/search?q={query}&hl=en-US&gl=US&ceid=US:en",
    "bing-news": "https://www.bing.com/news/search?q={query}&format=rss",
    "searxng": "{searxng_url}/search?q={query}&format=rss",
}


class HttpSettings(_Strict):
    """How guancha behaves on the network. Safe defaults: timeouts on, private addresses refused."""

    timeout_s: float = Field(20.0, gt=0, le=600)
    max_bytes: int = Field(5_000_000, ge=1024)
    max_redirects: int = Field(5, ge=0, le=20)
    retries: int = Field(3, ge=0, le=10)
    backoff_s: float = Field(1.0, ge=0, le=60)
    max_retry_after_s: float = Field(120.0, ge=0)
    per_host_concurrency: int = Field(2, ge=1, le=32)
    per_host_delay_s: float = Field(1.0, ge=0, le=60)
    concurrency: int = Field(8, ge=1, le=128)
    respect_robots: bool = True
    collection_deadline_s: float = Field(
        600.0, gt=0, le=86_400,
        description="A whole collection's time limit: sources unfinished by then are recorded as timed out.")
    allow_private_hosts: list[str] = Field(
        default_factory=list,
        description="Private/loopback places allowed anyway, named as written in URLs (never via DNS): a host "
                    "(any port; tests and samples: 127.0.0.1), host:port, or a URL prefix. Redirects may not leave them.",
    )
    user_agent: str = "guancha/{version} (+{contact})"


class LimitsSettings(_Strict):
    """Size limits on files a user hands to guancha (check, import): an oversized or hostile input stops with
    a clear error instead of running for minutes and taking gigabytes. Memory stays within a few times these.
    And the processes a collection may use."""

    max_input_bytes: int = Field(5_000_000, ge=1024, description="One briefing file or archive member.")
    max_archive_bytes: int = Field(1_000_000_000, ge=1024,
                                   description="Uncompressed bytes read from one archive, all members together.")
    # a briefing is a few hundred lines and blocks (the largest of 236 real ones: 628 lines, 159 blocks); a 2 MB file
    # of a million lines took 41 s and 700 MB to check, and 150,000 headings two gigabytes (found by a red-team pass)
    max_input_lines: int = Field(50_000, ge=100, description="Lines in one briefing file or archive member.")
    max_input_blocks: int = Field(10_000, ge=100,
                                  description="Headings, paragraphs and list items one briefing file parses into.")
    extract_processes: int | None = Field(
        None, ge=0, le=64,
        description="Worker processes a busy collection (over 64 pages) extracts pages in, beside the one that fetches "
                    "and stores. Default: one fewer than the CPUs guancha may use, at most 4; 0: extract in-process only.")


class SearchSettings(_Strict):
    """Query-templated RSS URLs that ``search:`` sources expand through. ``{query}`` is URL-encoded."""

    templates: dict[str, str] = Field(default_factory=dict)
    use: list[str] = Field(default_factory=lambda: ["google-news", "bing-news"])
    searxng_url: str | None = None

    def all_templates(self) -> dict[str, str]:
        merged = dict(SEARCH_PRESETS)
        merged.update(self.templates)
        return merged


ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")


def _env_name(value: str | None) -> str | None:
    if value is not None and not ENV_NAME_RE.match(value):
        raise ValueError(f"{value!r} is not an environment variable name (letters, digits, underscores)")
    return value


class EmailSettings(_Strict):
    """The newsletter's SMTP server and list headers. The password is read from the environment variable
    named in ``password_env`` at send time, never from this file."""

    smtp_host: str = Field(min_length=1)
    smtp_port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_user: str | None = None
    password_env: str | None = None
    from_address: str = Field(min_length=3, description="The From header, e.g. 'Briefings <news@example.org>'.")
    list_domain: str | None = Field(None, description="Domain of the List-Id (default: the From domain).")
    unsubscribe_url: str | None = Field(
        None, description="https URL with {token}; enables one-click unsubscribe (RFC 8058).")
    unsubscribe_mailto: str | None = Field(None, description="Address that receives 'unsubscribe TOKEN' mails.")
    max_per_minute: float = Field(60.0, gt=0, le=600_000)
    timeout_s: float = Field(30.0, gt=0, le=600)
    ca_file: str | None = Field(None, description="PEM file of the CA that signed a private relay's certificate.")

    @field_validator("password_env")
    @classmethod
    def _password_env(cls, value: str | None) -> str | None:
        return _env_name(value)

    @model_validator(mode="after")
    def _consistent(self) -> EmailSettings:
        if self.smtp_user and not self.password_env:
            raise ValueError("smtp_user is set but password_env is not; name the environment variable that holds "
                             "the SMTP password, e.g. password_env: GUANCHA_SMTP_PASSWORD")
        if not self.unsubscribe_url and not self.unsubscribe_mailto:
            raise ValueError("a newsletter needs a way to unsubscribe: set unsubscribe_url (https, with {token}) "
                             "and/or unsubscribe_mailto")
        for name in ("unsubscribe_url", "unsubscribe_mailto", "list_domain", "smtp_host"):
            value = getattr(self, name)
            if value is not None and (not value or any(c.isspace() for c in value)):
                raise ValueError(f"{name} must not be empty or contain spaces or line breaks")
        if self.unsubscribe_mailto is not None and "@" not in self.unsubscribe_mailto:
            raise ValueError("unsubscribe_mailto must be an email address, e.g. unsubscribe@example.org")
        if self.unsubscribe_url is not None and (
                not self.unsubscribe_url.startswith("https://") or "{token}" not in self.unsubscribe_url):
            raise ValueError("unsubscribe_url must be an https:// URL containing {token}")
        if "\r" in self.from_address or "\n" in self.from_address or "@" not in self.from_address:
            raise ValueError("from_address must be one line with an address, e.g. 'Briefings <news@example.org>'")
        return self


class WebhookSettings(_Strict):
    """A generic JSON webhook; each body is signed with HMAC-SHA256 using the secret in ``secret_env``."""

    url: str = Field(pattern=r"^https?://")
    secret_env: str

    @field_validator("secret_env")
    @classmethod
    def _secret_env(cls, value: str) -> str:
        return _env_name(value) or value


class ChannelSettings(_Strict):
    """Where one watcher's reports go: its email subscribers, chat services (apprise URLs, or ``env:NAME``
    to read a URL holding a token from the environment) and signed webhooks."""

    email: bool = True
    apprise: list[str] = Field(default_factory=list)
    webhooks: list[WebhookSettings] = Field(default_factory=list)

    @field_validator("apprise")
    @classmethod
    def _apprise_urls(cls, value: list[str]) -> list[str]:
        for url in value:
            if url.startswith("env:"):
                _env_name(url[4:])
            elif "://" not in url:
                raise ValueError(f"{url[:20]!r}... is not an apprise URL (like 'discord://ID/TOKEN') or env:NAME")
        return value


class RetrySettings(_Strict):
    """Backoff for failed deliveries: first_delay_s, doubling up to max_delay_s, at most max_attempts tries."""

    first_delay_s: float = Field(60.0, ge=0, le=86_400)
    max_delay_s: float = Field(6 * 3600.0, ge=0, le=7 * 86_400)
    max_attempts: int = Field(8, ge=1, le=100)
    stale_claim_s: float = Field(900.0, ge=1, description="A send claimed longer ago by another host is retried.")


class PublishSettings(_Strict):
    """Delivery of finalised reports: email newsletters, chat notices and webhooks, per watcher."""

    site_url: str | None = Field(None, description="Public base URL of the site; notices link to reports there.")
    email: EmailSettings | None = None
    retry: RetrySettings = RetrySettings()
    top_headlines: int = Field(5, ge=1, le=30)
    channels: dict[str, ChannelSettings] = Field(default_factory=dict, description="Watcher id -> channels.")


class ServeSettings(_Strict):
    """`guancha serve`: where the durable engine keeps its state, how often the worker wakes, and how many
    runs each model provider takes at once."""

    database: str = Field(
        ".guancha/serve.sqlite",
        description="The worker's DBOS system database: a path in the workspace (SQLite) or a URL such as "
                    "'postgresql://user@host/guancha'.")
    tick_seconds: float = Field(30.0, gt=0, le=3600, description="The longest the worker sleeps between looks.")
    stop_grace_s: float = Field(20.0, ge=0, le=3600,
                                description="On SIGTERM, how long runs in progress may finish before the worker "
                                            "exits (the rest resume on the next start).")
    retries: int = Field(2, ge=0, le=20, description="More attempts for a (watcher, date) run that failed.")
    retry_delay_s: float = Field(900.0, ge=0, le=86400,
                                 description="How long after a failed attempt the next may start (real time).")
    concurrency: dict[str, Annotated[int, Field(ge=1, le=64)]] = Field(
        default_factory=dict, description="Runs at once per provider ('extractive', 'deepseek', ...); default 1.")
    runs_per_hour: dict[str, Annotated[int, Field(ge=1, le=100000)]] = Field(
        default_factory=dict, description="Most runs started per provider in any hour; unset means no limit.")
    worker_concurrency: dict[str, Annotated[int, Field(ge=1, le=64)]] = Field(
        default_factory=dict,
        description="Runs at once per provider on each worker (one machine's share); 'concurrency' caps all "
                    "workers together. Unset: only the cluster-wide cap applies.")
    takeover_after_s: float = Field(
        120.0, gt=0, le=86400,
        description="With several workers on one PostgreSQL: a worker not heard from for this long is dead, and a "
                    "live one takes its unfinished runs over (they resume from their last finished stage).")


class AlarmSettings(_Strict):
    """When an alarm opens (``guancha watchdog``, ``guancha status``, the worker). Notices go to each watcher's
    chat and webhook channels and, for email, to the operators in ``email_to`` (never to newsletter readers)."""

    grace_hours: float = Field(2.0, ge=0, le=24 * 7, description="A scheduled report is late this long after its tick.")
    source_failures: int = Field(3, ge=1, le=100, description="A source failing this many collections in a row.")
    source_silent_factor: float = Field(
        3.0, ge=1, le=100, description="A source with no new items for this many times its usual interval.")
    source_silent_history: int = Field(
        3, ge=2, le=100, description="Collections with new items needed before a source's usual interval is known.")
    held_hours: float = Field(24.0, ge=0, le=24 * 30, description="A report held for a person longer than this.")
    spend_share: float = Field(
        0.8, gt=0, le=10, description="Alarm when a day's spend reaches this share of a watcher's budget.per_day_usd.")
    worker_silent_minutes: float = Field(
        15.0, gt=0, le=24 * 60, description="The worker's heartbeat older than this: the worker is not heard from.")
    expect_worker: bool = Field(
        False, description="Alarm when no worker has ever sent a heartbeat (set it once `guancha serve` runs here).")
    email_to: list[str] = Field(default_factory=list, description="Operator addresses that get alarm emails.")

    @field_validator("email_to")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        for address in value:
            if "@" not in address or any(c.isspace() for c in address.strip()):
                raise ValueError(f"{address[:1]}*** is not a plain email address (write name@example.org)")
        return [a.strip() for a in value]


class Settings(_Strict):
    """The workspace settings file (``guancha.yaml``)."""

    database: str = "guancha.db"
    reports_dir: str | None = Field(
        "reports",
        description="Where finalised report files go: a folder in the workspace, or an absolute path (a folder "
                    "shared by every worker machine); null keeps reports in the database only "
                    "(`guancha report` prints one, the site is built from the database).")
    watchers_dir: str = "watchers"
    contact: str = Field("", description="An email or URL site owners can reach you at; sent in the User-Agent.")
    http: HttpSettings = HttpSettings()
    search: SearchSettings = SearchSettings()
    models: ModelsSettings = ModelsSettings()
    limits: LimitsSettings = LimitsSettings()
    publish: PublishSettings = PublishSettings()
    serve: ServeSettings = ServeSettings()

    alarms: AlarmSettings = AlarmSettings()

    def user_agent(self) -> str:
        from guancha import __version__

        contact = self.contact or "contact not configured"
        return self.http.user_agent.format(version=__version__, contact=contact)


# --------------------------------------------------------------------------- loading with line numbers


def _node_for(root: yaml.Node | None, loc: tuple[int | str, ...]) -> yaml.Node | None:
    """Walk a composed YAML node tree along a pydantic error location; stop where the path ends."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key, value in node.value:
                if str(key.value) == str(part):
                    nxt = value
                    break
            if nxt is None:
                return node
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node
            node = node.value[part]
        else:
            # pydantic adds union/tag names to locations; skip what the YAML does not have
            continue
    return node


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop the union tags pydantic inserts after a list index (``sources.2.arxiv.endpoint``)."""
    out: list[int | str] = []
    for i, part in enumerate(loc):
        if i >= 2 and isinstance(loc[i - 1], int) and loc[i - 2] == "sources" and part in SOURCE_KINDS:
            continue
        out.append(part)
    return tuple(out)


def _key_line(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the key for ``loc`` (better for users than the value's line)."""
    if not loc:
        return 1
    parent = _node_for(root, loc[:-1])
    if isinstance(parent, yaml.MappingNode):
        for key, _ in parent.value:
            if str(key.value) == str(loc[-1]):
                return int(key.start_mark.line) + 1
    node = _node_for(root, loc)
    return int(node.start_mark.line) + 1 if node is not None else None


def _fix_for(err: dict[str, Any], model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    kind = err.get("type", "")
    field = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = f" Allowed here: {', '.join(allowed)}." if allowed else ""
        return f"remove '{field}' or correct its spelling.{hint}"
    if kind == "source_kind":
        return "write each entry as one of '- feed: URL', '- arxiv: QUERY', '- search: QUERY', '- page: URL'."
    if kind == "missing":
        return f"add '{field}:' with a value."
    if kind in {"int_parsing", "int_type", "float_parsing", "float_type"}:
        return f"give '{field}' a number."
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return f"change '{field}' to a value within the allowed range ({err.get('msg')})."
    if kind in {"string_type"}:
        return f"give '{field}' a text value (quote it if it starts with a special character)."
    if kind in {"list_type"}:
        return f"give '{field}' a list, e.g. [a, b]."
    if kind == "value_error":
        return f"correct '{field or 'the document'}' on that line of the file."
    return f"correct '{field or 'the document'}': {err.get('msg')}."


def _allowed_fields(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        ann = fields[part].annotation
        args = getattr(ann, "__args__", None)
        current = args[0] if args else ann
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else []


# A settings file or a watcher spec is a few kilobytes; a link to /dev/zero or a huge file is refused, not read
MAX_CONFIG_BYTES = 4_000_000


def load_yaml_model(model: type[M], path: Path, *, what: str) -> M:
    """Load a YAML file into ``model``; any problem becomes a ConfigError naming file, line and field."""
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            # a named pipe would block every command that reads the file; a device would be read forever
            raise ConfigError(f"{what} is not a regular file (a pipe or a device)", path=path,
                              fix="make it a plain YAML file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{what} is larger than {MAX_CONFIG_BYTES:,} bytes", path=path,
                              fix="a settings file or a watcher spec is a few kilobytes: check that this is the "
                                  "right file")
        text = raw.decode("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{what} not found", path=path, fix="create it, or check the path") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{what} is a directory, not a YAML file", path=path,
                          fix=f"pass one of the .yaml files inside {path}") from exc
    except PermissionError as exc:
        raise ConfigError(f"{what} cannot be read (permission denied)", path=path,
                          fix="check the file's permissions (it must be readable by you)") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{what} is not valid UTF-8 (byte {exc.start})", path=path,
                          fix="save the file as UTF-8") from exc
    try:
        yamlload.refuse_aliases(text, aliases=True)   # nesting past the limit: an error, not a RecursionError
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yamlload.safe_load(text, aliases=True)
    except yaml.YAMLError as exc:  # MarkedYAMLError, and ReaderError for control characters
        problem, line = yamlload.error_place(exc)
        raise ConfigError(
            f"{what} is not valid YAML: {problem}",
            path=path,
            line=line,
            fix="check indentation and quoting near that line (quote values containing ': ' or '#')",
        ) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{what} must be a mapping of fields", path=path, line=1,
                          fix="start the file with fields like 'id: my-watcher'")
    refused = yamlload.control_character(data)
    if refused is not None:
        loc, char = refused
        raise ConfigError(f"holds the control character U+{ord(char):04X} (perhaps written as an escape such as "
                          "\\e or \\x1b), which would reach reports, e-mails, feeds and terminals", path=path,
                          line=_key_line(root, loc), field=_dotted(loc) or None,
                          fix="remove it; write the text as it should read")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = sorted((_problem(dict(err), model, root, data) for err in exc.errors()),
                          key=lambda p: _key_line(root, p[0]) or 0)
        loc, message, fix = problems[0]
        others = [f"\n  also {path}:{_key_line(root, lc)}" + (f" field '{_dotted(lc)}'" if lc else "") + f": {msg} "
                  f"(fix: {fx})" for lc, msg, fx in problems[1:]]
        raise ConfigError(message + "".join(others), path=path, line=_key_line(root, loc),
                          field=_dotted(loc) or None, fix=fix) from exc


def _dotted(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _problem(err: dict[str, Any], model: type[BaseModel], root: yaml.Node | None,
             data: dict[str, Any]) -> tuple[tuple[int | str, ...], str, str]:
    """One validation error as (location, message in plain words, fix)."""
    loc = _clean_loc(tuple(err["loc"]))
    message = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if err.get("type") == "value_error":  # a check across fields names the field it is about: point there
        first = re.match(r"[a-z_]+", message)
        node = _node_for(root, loc)
        if first and isinstance(node, yaml.MappingNode) and any(k.value == first.group(0) for k, _ in node.value):
            loc = (*loc, first.group(0))
    fix = _fix_for(err, model, loc)
    if err.get("type") == "extra_forbidden":
        message = f"unknown field '{loc[-1]}'"
    if err.get("type") == "extra_forbidden" and len(loc) == 3 and loc[0] == "sources" and isinstance(loc[1], int):
        entry = (data.get("sources") or [None])[loc[1]] if isinstance(data.get("sources"), list) else None
        kind = _source_tag(entry)
        allowed = sorted(SOURCE_KINDS[kind].model_fields) if kind else sorted(SOURCE_KINDS)
        fix = f"remove '{loc[-1]}' or correct its spelling. Allowed here: {', '.join(allowed)}."
    return loc, message, fix


def load_watcher(path: Path) -> WatcherSpec:
    """Load and validate one watcher spec file."""
    spec = load_yaml_model(WatcherSpec, path, what="watcher spec")
    return spec


def load_settings(path: Path) -> Settings:
    """Load the workspace settings file; a missing file means all defaults."""
    if not path.exists():
        return Settings()
    return load_yaml_model(Settings, path, what="settings file")


__all__ = [
    "RUBRIC_METRICS",
    "AlarmSettings",
    "ArxivSource",
    "ChannelSettings",
    "CheckSettings",
    "EmailSettings",
    "FeedSource",
    "HttpSettings",
    "IntRange",
    "PageSource",
    "PublishSettings",
    "ReportShape",
    "SearchSettings",
    "SearchSource",
    "Settings",
    "Source",
    "WatcherSpec",
    "load_settings",
    "load_watcher",
    "source_kind",
    "source_target",
]

