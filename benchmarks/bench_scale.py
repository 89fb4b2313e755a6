"""A busy day: per-stage CPU and wall time per article as the window grows, and each stage's growth exponent.

    python benchmarks/bench_scale.py                       # 100 and 200 articles (a few minutes)
    python benchmarks/bench_scale.py --sizes 200,1000,2000 # the issue's sizes (long on a shared 2-core box)
    python benchmarks/bench_scale.py --full                # 200, 500, 1000, 2000

For each size it generates a sample web of that many distinct-story articles (20 outlets, one RSS feed
each, every page dated inside the watcher's window), serves it on loopback and runs a cold ``guancha demo``
over it: collect → select → write → render → check → finalise. Stories are distinct: each draws its prose
mostly from its own small set of words and names its own made-up company, person and figures, so two
stories are never one event; one to four outlets cover each (about two articles per story), each outlet
with its own wording of the same names and figures, so selection has real clusters to form.

CPU is this process's CPU (``time.process_time``) between a stage's start and end, and for collection the
CPU of its extraction worker processes (a collection of more than 64 pages extracts in them); the loopback
server runs in the same process, so collection's CPU includes serving the pages. Growth exponent between two
sizes n1 < n2 is log(cpu2 / cpu1) / log(n2 / n1): 1.0 is linear, 2.0 quadratic.

Goals (issue 13): at 2,000 articles select ≤ 20 CPU s and the whole run ≤ 3 CPU min; from 500 to 2,000
articles no stage grows worse than n^1.3. Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import logging
import math
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.demo import run_demo
from guancha.run import STAGES
from guancha.textutil import embed

DAY = dt.date(2026, 6, 10)
OUTLETS = 20
COVERAGE = [1, 1, 1, 2, 2, 3, 4]  # outlets per story, drawn uniformly: 2 articles per story on average
GOAL_SELECT_CPU_S = 20.0
GOAL_RUN_CPU_S = 180.0
GOAL_EXPONENT = 1.3

_SYLLABLES = ["ka", "ro", "vel", "tor", "min", "sa", "qu", "len", "dar", "o", "pex", "ul", "tri", "zan", "mo",
              "bri", "cal", "fen", "gor", "hal", "ix", "jun", "ner", "phi", "rak", "sol", "tev", "wyn", "yas", "zu"]
_WORDS = ["network", "grid", "turbine", "contract", "auction", "tender", "supplier", "factory", "harbour", "vessel", "cable", "battery", "storage", "reactor", "pipeline", "refinery", "license", "permit", "ministry", "regulator", "investor", "analyst", "shareholder", "budget", "forecast", "quarter", "revenue", "deficit", "subsidy", "tariff", "export", "import", "customs", "shipment", "cargo", "freight", "port", "railway", "bridge", "tunnel", "highway", "airport", "runway", "terminal", "hospital", "clinic", "vaccine", "trial", "patient", "dosage", "laboratory", "sample", "genome", "protein", "enzyme", "bacteria", "antibiotic", "resistance", "outbreak", "surveillance", "ward", "satellite", "orbit", "launch", "rocket", "payload", "telescope", "antenna", "signal", "spectrum", "bandwidth", "protocol", "server", "software", "release", "patch", "vulnerability", "breach", "encryption", "password", "firmware", "chip", "wafer", "foundry", "lens", "harvest", "drought", "irrigation", "fertiliser", "wheat", "rice", "soybean", "cattle", "fishery", "forest", "timber", "mineral", "copper", "lithium", "nickel", "cobalt", "mine", "smelter", "quarry", "cement", "steel", "aluminium", "glass", "textile", "garment", "footwear", "retail", "consumer", "inflation", "interest", "mortgage", "lender", "bond", "equity", "dividend", "merger", "acquisition", "lawsuit", "verdict", "appeal", "court", "judge", "tribunal", "statute", "amendment", "parliament", "election", "ballot", "coalition", "minister", "envoy", "treaty", "summit", "delegation", "sanction", "embargo", "militia", "ceasefire", "border", "refugee", "shelter", "flood", "storm", "quake", "museum", "archive", "exhibition", "festival", "orchestra", "theatre", "novel", "publisher", "stadium", "league", "transfer", "coach", "research", "university", "campus", "scholarship", "curriculum", "teacher", "student", "exam", "laboratory", "prototype", "patent"]
_FILLER = ["the", "a", "of", "to", "in", "and", "for", "with", "on", "by", "from", "as", "at", "its", "their", "after", "before", "while"]


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(parts))


@dataclass
class _Story:
    """One made-up event: its own words, company, person and figures, which every outlet covering it uses."""

    theme: list[str]
    company: str
    person: str
    figures: list[str]


def _story(rng: random.Random) -> _Story:
    return _Story(
        theme=rng.sample(_WORDS, 12),
        company=f"{_name(rng, 1)} {rng.choice(['Holdings', 'Group', 'Systems', 'Labs', 'Industries'])}",
        person=_name(rng, 2),
        figures=[f"${rng.randint(2, 900)} million", f"{rng.randint(2, 95)} percent", f"{rng.randint(3, 400)} units"],
    )


def _article(rng: random.Random, story: _Story, keyword: str) -> tuple[str, str, list[str]]:
    """(title, summary, paragraphs) of one outlet's own write-up of ``story``."""
    theme, company, person, figures = story.theme, story.company, story.person, story.figures

    def sentence() -> str:
        words = [rng.choice(theme) if rng.random() < 0.75 else rng.choice(_FILLER) for _ in range(rng.randint(12, 20))]
        roll = rng.random()
        if roll < 0.35:
            words.insert(rng.randrange(len(words)), company)
        elif roll < 0.6:
            words.insert(rng.randrange(len(words)), person)
        elif roll < 0.8:
            words.insert(rng.randrange(len(words)), rng.choice(figures))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    lead = rng.sample(theme[:4], 2)
    title = f"{company} {lead[0]} {lead[1]} {rng.choice(figures)}"
    summary = f"{person} of {company} said the {lead[0]} {rng.choice(theme)} reached {figures[1]} ({keyword})."
    paragraphs = [" ".join(sentence() for _ in range(rng.randint(3, 5))) for _ in range(rng.randint(5, 8))]
    paragraphs[0] = f"{summary} {paragraphs[0]}"
    return title, summary, paragraphs


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta name="description" content="{summary}">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
<link rel="canonical" href="{{base}}{path}">
</head>
<body>
<header class="masthead"><a class="logo" href="/{slug}/">{outlet}</a>
<nav><ul><li><a href="/{slug}/news/">News</a></li><li><a href="/{slug}/business/">Business</a></li></ul></nav>
</header>
<main><article>
<h1>{title}</h1>
<p class="dek">{summary}</p>
<div class="byline">By {author} &middot; <time datetime="{published}">{published}</time></div>
{body}
</article></main>
<footer><p>&copy; 2026 {outlet}. All rights reserved.</p></footer>
</body>
</html>
"""


def make_sample(root: Path, articles: int, seed: int = 13) -> Path:
    """Write a sample web of ``articles`` distinct stories spread over ``OUTLETS`` outlets' RSS feeds."""
    rng = random.Random(seed)
    keyword = "Quorvane"
    site = root / "site"
    outlets = [(f"outlet-{k:02d}", f"{_name(rng, 1)} {rng.choice(['Times', 'Wire', 'Post', 'Ledger', 'Review'])}")
               for k in range(OUTLETS)]
    items: dict[str, list[str]] = {slug: [] for slug, _ in outlets}
    start = dt.datetime.combine(DAY - dt.timedelta(days=2), dt.time(0, 0), tzinfo=dt.UTC)
    # a busy day: most stories are covered by one outlet, many by two to four (each its own write-up)
    coverage: list[_Story] = []
    while len(coverage) < articles:
        story = _story(rng)
        coverage += [story] * min(rng.choice(COVERAGE), articles - len(coverage))
    for i, story in enumerate(coverage):
        slug, outlet = outlets[i % OUTLETS]  # a story's write-ups are consecutive, so each is another outlet's
        title, summary, paragraphs = _article(rng, story, keyword)
        published = start + dt.timedelta(minutes=rng.randint(0, 60 * 68))
        path = f"/{slug}/{published:%Y/%m/%d}/story-{i:05d}.html"
        page = site / path.lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_PAGE.format(
            title=html.escape(title), summary=html.escape(summary), outlet=html.escape(outlet), slug=slug,
            published=published.isoformat(), author=_name(rng, 2), path=path,
            body="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        ), encoding="utf-8")
        items[slug].append(
            f"<item><title>{html.escape(title)}</title><link>{{base}}{path}</link>"
            f"<guid isPermaLink=\"false\">{slug}-{i}</guid>"
            f"<pubDate>{published.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
            f"<description>{html.escape(summary)}</description></item>"
        )
    for slug, outlet in outlets:
        feed = site / slug / "rss.xml"
        feed.parent.mkdir(parents=True, exist_ok=True)
        feed.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{html.escape(outlet)}</title><link>{{base}}/{slug}/</link><description>news</description>"
            + "".join(reversed(items[slug])) + "</channel></rss>\n", encoding="utf-8")
    sources = "\n".join(f'  - feed: "{{base}}/{slug}/rss.xml"' for slug, _ in outlets)
    (root / "watcher.yaml").write_text(
        f"id: busy-day\ntitle: Busy day\ndescription: Everything {keyword} touches (a generated busy day).\n"
        f"date: {DAY.isoformat()}\nwindow_hours: 72\nsources:\n{sources}\nkeywords: [{keyword}]\n"
        "report:\n  stories: 6\n  story_words: [120, 300]\n  citations_per_story: 2\n  papers: [0, 3]\n"
        "  heuristics: [0, 2]\n", encoding="utf-8")
    (root / "settings.yaml").write_text(
        'contact: "guancha bench_scale (no reply)"\nhttp:\n  timeout_s: 30\n  retries: 1\n  backoff_s: 0.1\n'
        "  per_host_delay_s: 0\n  per_host_concurrency: 8\n  allow_private_hosts: [127.0.0.1]\nsearch:\n  use: []\n",
        encoding="utf-8")
    return root


def measure(articles: int) -> dict[str, tuple[float, float]]:
    """Stage -> (CPU s, wall s) of one cold run over a generated day of ``articles`` articles; 'run': whole run."""
    marks: dict[str, tuple[float, float]] = {}
    spans: dict[str, tuple[float, float]] = {}

    def progress(stage: str, message: str) -> None:
        if message == "started":
            marks[stage] = (time.process_time(), time.perf_counter())
        elif message == "done" and stage in marks:
            cpu0, wall0 = marks[stage]
            spans[stage] = (time.process_time() - cpu0, time.perf_counter() - wall0)

    with tempfile.TemporaryDirectory(prefix="guancha-bench-scale-") as tmp:
        sample = make_sample(Path(tmp) / "sample", articles)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        result = run_demo(sample, workspace=Path(tmp) / "ws", stage_progress=progress)
        spans["run"] = (time.process_time() - cpu0, time.perf_counter() - wall0)
    workers = result.collection.extraction_worker_cpu_s  # pages extracted in worker processes: their CPU too
    for stage in ("collect", "run"):
        if stage in spans:
            spans[stage] = (spans[stage][0] + workers, spans[stage][1])
    counts = result.run.summary.get("counts", {})
    print(f"  {articles} articles: {result.collection.articles_new} stored, {counts.get('considered_articles')} "
          f"considered by select, {counts.get('stories')} stories written; "
          f"{spans['run'][0]:.1f} CPU s, {spans['run'][1]:.1f} wall s")
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200", help="comma-separated article counts (default 100,200)")
    parser.add_argument("--full", action="store_true", help="the issue's sizes: 200,500,1000,2000")
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    sizes = [200, 500, 1000, 2000] if args.full else sorted(int(s) for s in args.sizes.split(",") if s.strip())
    embed(["warm the embedding model up"])  # loading wordllama is not part of any size's figures

    results: dict[int, dict[str, tuple[float, float]]] = {}
    for n in sizes:
        results[n] = measure(n)
    stages = [*STAGES, "run"]
    print()
    print("per article, ms (CPU / wall)")
    print(f"{'stage':<10}" + "".join(f"{n:>20}" for n in sizes))
    for stage in stages:
        cells = []
        for n in sizes:
            cpu, wall = results[n].get(stage, (0.0, 0.0))
            cells.append(f"{1000 * cpu / n:>9.2f} /{1000 * wall / n:>8.2f}")
        print(f"{stage:<10}" + "".join(f"{c:>20}" for c in cells))
    if len(sizes) >= 2:
        print()
        low, high = (500, 2000) if {500, 2000} <= set(sizes) else (sizes[0], sizes[-1])
        print(f"growth exponent of CPU, {low} → {high} articles (goal ≤ {GOAL_EXPONENT} per stage)")
        for stage in stages:
            a, b = results[low].get(stage, (0.0, 0.0))[0], results[high].get(stage, (0.0, 0.0))[0]
            exponent = math.log(b / a) / math.log(high / low) if a > 0 and b > 0 else float("nan")
            print(f"{stage:<10} {a:>9.2f} s → {b:>9.2f} s   n^{exponent:.2f}")
    biggest = sizes[-1]
    select_cpu, run_cpu = results[biggest].get("select", (0.0, 0.0))[0], results[biggest]["run"][0]
    print()
    print(f"at {biggest} articles: select {select_cpu:.1f} CPU s (goal at 2,000: ≤ {GOAL_SELECT_CPU_S:.0f}), "
          f"whole run {run_cpu:.1f} CPU s (goal at 2,000: ≤ {GOAL_RUN_CPU_S:.0f})")


if __name__ == "__main__":
    main()
