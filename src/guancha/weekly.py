"""The weekly synthesis: one briefing per watcher and ISO week, across that week's finalised dailies.

It reads only what the dailies stored: each daily's stories (its report JSON), which earlier story each one
continued (the select stage's ``follow_up_of``, the same detection that heads a daily story "Update: ..."),
the sources each cited, and the knowledge base's evidence verdicts from the week's runs. From these:

- *threads*: chains of stories linked by follow-ups; a thread told on two or more days, or continuing a
  story from before the week, "continued"; the rest are the week's one-day stories;
- *what changed*: how many stories and quiet days, corrections (later versions), new threads;
- *heuristics confirmed or challenged*: evidence verdicts (supports / challenges / breaks) of the week.

Two writers: ``extractive`` lists the threads with links to the dailies and the sources they cited;
``llm`` adds a synthesis written by a model from the thread list (prompt ``weekly.md``, overridable per
watcher like every prompt), citing threads only by label, so a link in it can only be a daily's.
The result is checked with the gates that apply to a text of this shape (links, hygiene, encoding,
repetition), finalised or held like a daily, and stored apart from the dailies (``weekly_reports``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
from pydantic import BaseModel, Field

from guancha.drafts import draft_folder
from guancha.errors import UsageError
from guancha.schedule import iso_week
from guancha.spec import WatcherSpec
from guancha.store import Database, content_key
from guancha.store.db import utcnow
from guancha.workspace import Workspace, write_whole

_LABEL_RE = re.compile(r"\[(T\d{1,3})\]")
WEEKLY_RULES = ("link-placeholder", "link-fabricated", "hygiene-narration", "hygiene-tool-output",
                "hygiene-config-comment", "hygiene-self-score", "hygiene-personal-data", "encoding-mojibake",
                "style-banned", "repetition")
Writer = Literal["extractive", "llm"]


# --------------------------------------------------------------------------- weeks


# --------------------------------------------------------------------------- the material


@dataclass
class StoryNode:
    date: str
    headline: str
    subtitle: str
    daily: str                        # label of its daily, D1...
    sources: list[tuple[str, str]]    # (outlet or title, url) of the sources it cited
    continues: tuple[str, str] | None = None   # (report_date, headline) of the earlier story


@dataclass
class Daily:
    label: str
    date: str
    version: int
    title: str
    link: str
    stories: int
    quiet: bool


@dataclass
class Thread:
    label: str                        # T1...
    stories: list[StoryNode]
    began: tuple[str, str] | None     # a story before the week it continues

    @property
    def continued(self) -> bool:
        return len(self.stories) > 1 or self.began is not None


@dataclass
class WeekMaterial:
    watcher: str
    week: str
    monday: dt.date
    dailies: list[Daily]
    threads: list[Thread]
    heuristics: list[dict[str, Any]] = field(default_factory=list)


def _daily_link(site_url: str | None, watcher: str, date: str, html_path: str | None,
                weekly_dir: Path | None) -> str:
    if site_url:
        return f"{site_url.rstrip('/')}/{watcher}/{date}/"
    if html_path and weekly_dir is not None:
        return Path(os.path.relpath(html_path, weekly_dir)).as_posix()
    return f"../{date}.html"


def gather(workspace: Workspace, spec: WatcherSpec, week: str, monday: dt.date) -> WeekMaterial:
    """The week's finalised dailies (newest version of each date), their stories and threads, and the
    heuristics evidence of their runs."""
    db = workspace.db()
    sunday = monday + dt.timedelta(days=6)
    rows = db.query(
        "SELECT r.* FROM reports r WHERE r.watcher_id = ? AND r.status = 'finalised' AND r.report_date BETWEEN ? AND ?"
        " AND NOT EXISTS (SELECT 1 FROM reports n WHERE n.watcher_id = r.watcher_id AND n.report_date = r.report_date"
        " AND n.status = 'finalised' AND n.version > r.version) ORDER BY r.report_date",
        (spec.id, monday.isoformat(), sunday.isoformat()))
    weekly_dir = workspace.report_folder(spec.id, "weekly")
    dailies: list[Daily] = []
    nodes: list[StoryNode] = []
    for i, row in enumerate(rows, 1):
        data = json.loads(row["json"])
        label = f"D{i}"
        dailies.append(Daily(label, row["report_date"], int(row["version"]), str(row["title"]),
                             _daily_link(workspace.settings.publish.site_url, spec.id, row["report_date"],
                                         row["html_path"], weekly_dir),
                             len(data.get("stories", [])), bool(data.get("quiet", False))))
        picks = _picks(db, row["run_id"])
        citations = data.get("citations", {})
        for story in data.get("stories", []):
            follow = picks[story["index"]] if isinstance(story.get("index"), int) and story["index"] < len(picks) else None
            sources = [(str(citations[s].get("outlet") or citations[s].get("title") or s), str(citations[s]["url"]))
                       for s in story.get("sources", []) if s in citations and citations[s].get("url")]
            nodes.append(StoryNode(row["report_date"], str(story["headline"]), str(story.get("subtitle", "")), label,
                                   sources, (follow["report_date"], follow["headline"]) if follow else None))
    return WeekMaterial(spec.id, week, monday, dailies, _threads(nodes),
                        _evidence(db, [r["run_id"] for r in rows]))


def _picks(db: Database, run_id: str) -> list[dict[str, str] | None]:
    """Per picked story of a run, the earlier story it continues (None when new)."""
    row = db.one("SELECT output_json FROM run_stages WHERE run_id = ? AND stage = 'select'", (run_id,))
    if row is None:
        return []
    return [s.get("follow_up_of") for s in json.loads(row["output_json"]).get("stories", [])]


def _threads(nodes: list[StoryNode]) -> list[Thread]:
    """Chains of stories linked by follow-ups, oldest story first; threads ordered by their latest story."""
    by_key = {(n.date, n.headline): i for i, n in enumerate(nodes)}
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, n in enumerate(nodes):
        if n.continues is not None and n.continues in by_key:
            parent[root(i)] = root(by_key[n.continues])
    groups: dict[int, list[StoryNode]] = {}
    for i, n in enumerate(nodes):
        groups.setdefault(root(i), []).append(n)
    threads = []
    for members in groups.values():
        members.sort(key=lambda n: n.date)
        first = members[0]
        began = first.continues if first.continues is not None and first.continues not in by_key else None
        threads.append(Thread("", members, began))
    threads.sort(key=lambda t: (not t.continued, [-ord(c) for c in t.stories[-1].date], t.stories[0].headline))
    for i, t in enumerate(threads, 1):
        t.label = f"T{i}"
    return threads


def _evidence(db: Database, run_ids: list[str]) -> list[dict[str, Any]]:
    if not run_ids:
        return []
    marks = ", ".join("?" * len(run_ids))
    rows = db.query(
        f"SELECT heuristic_id, verdict, COUNT(*) AS n FROM heuristic_evidence WHERE run_id IN ({marks})"
        " AND verdict IN ('supports', 'challenges', 'breaks') GROUP BY heuristic_id, verdict ORDER BY heuristic_id",
        tuple(run_ids))
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(r["heuristic_id"], {"id": r["heuristic_id"], "supports": 0, "challenges": 0, "breaks": 0})
        out[r["heuristic_id"]][r["verdict"]] = int(r["n"])
    return list(out.values())


# --------------------------------------------------------------------------- writing


class WeeklyParagraph(BaseModel):
    text: str = Field(max_length=1200, description="prose citing threads by label, like [T2]")


class WeeklyOut(BaseModel):
    paragraphs: list[WeeklyParagraph] = Field(max_length=4)


def _thread_text(t: Thread) -> str:
    """One thread fenced as data: its headlines were written from web pages (a page's own title, by the extractive
    writer), so an instruction in one must not read as the prompt's."""
    from guancha.write.base import fence_written

    lines = [f"[{t.label}]" + (f" continues '{t.began[1]}' ({t.began[0]})" if t.began else "")]
    lines += [f"  {n.date}: {n.headline}" + (f" — {n.subtitle}" if n.subtitle else "") for n in t.stories]
    return fence_written("THREAD", t.label, "\n".join(lines))


def synthesis(workspace: Workspace, spec: WatcherSpec, spec_path: Path | None, material: WeekMaterial,
              model_name: str) -> list[str]:
    """The llm writer's synthesis paragraphs; a label that names no thread is dropped, a URL removed."""
    from guancha.models import CallContext, Message, get_model
    from guancha.textutil import strip_urls
    from guancha.write.base import written_note
    from guancha.write.llm import prompt_dirs, render_prompt

    overrides = prompt_dirs(spec_path, spec.id)
    system = render_prompt("system", overrides, title=spec.title, description=spec.description or spec.title)
    labels = [t.label for t in material.threads]
    prompt = render_prompt("weekly", overrides, title=spec.title, week=material.week, labels=", ".join(labels),
                           threads=written_note("THREAD") + "\n\n"
                           + "\n\n".join(_thread_text(t) for t in material.threads))
    model = get_model(model_name, settings=workspace.settings, db=workspace.db(),
                      context=CallContext(run_id=None, watcher_id=spec.id, stage="weekly", budget=spec.budget))
    out = model.complete([Message(role="system", content=system), Message(role="user", content=prompt)],
                         WeeklyOut, max_tokens=1200, temperature=0.0).output
    if out is None:
        return []
    known = set(labels)
    paragraphs = []
    for p in out.paragraphs:
        text = " ".join(strip_urls(p.text).split())
        text = _LABEL_RE.sub(lambda m: m.group(0) if m.group(1) in known else "", text)
        if text.strip():
            paragraphs.append(text.strip())
    return paragraphs


def _md_text(text: str) -> str:
    from guancha.write.render import md_escape

    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{md_escape(core)}{trail}"


def _segments(paragraph: str, m: WeekMaterial) -> list[tuple[str, str | None]]:
    """A synthesis paragraph as (text, link) pieces: each [Tn] becomes a link to the thread's latest daily."""
    threads = {t.label: t for t in m.threads}
    links = {d.label: d.link for d in m.dailies}
    pieces: list[tuple[str, str | None]] = []
    last = 0
    for mt in _LABEL_RE.finditer(paragraph):
        pieces.append((paragraph[last:mt.start()], None))
        story = threads[mt.group(1)].stories[-1]
        pieces.append((story.date, links[story.daily]))
        last = mt.end()
    pieces.append((paragraph[last:], None))
    return [p for p in pieces if p[0]]


def render_markdown(spec: WatcherSpec, m: WeekMaterial, paragraphs: list[str]) -> str:
    from guancha.write.render import md_url

    sunday = m.monday + dt.timedelta(days=6)
    links = {d.label: d for d in m.dailies}
    title = f"{spec.emoji + ' ' if spec.emoji else ''}{spec.title} — week {m.week}"
    out = [f"# {title}", "", f"{m.monday:%A, %B} {m.monday.day} to {sunday:%A, %B} {sunday.day}, {sunday.year}", ""]
    out.append("Dailies: " + (", ".join(f"[{d.date}]({md_url(d.link)})" for d in m.dailies) or "none this week"))
    out.append("")
    if paragraphs:
        out += ["## The week", ""]
        for p in paragraphs:
            out += ["".join(f"([{_md_text(text)}]({md_url(href)}))" if href else _md_text(text)
                            for text, href in _segments(p, m)), ""]
    continued = [t for t in m.threads if t.continued]
    single = [t for t in m.threads if not t.continued]
    out += ["## Threads that continued", ""]
    if not continued:
        out += ["No story ran on more than one day this week.", ""]
    for t in continued:
        head = t.stories[-1].headline
        out += [f"### {_md_text(head.removeprefix('Update: '))}", ""]
        if t.began:
            out.append(f"- began before this week, {t.began[0]}: {_md_text(t.began[1])}")
        for n in t.stories:
            srcs = ", ".join(f"[{_md_text(name)}]({md_url(url)})" for name, url in n.sources)
            out.append(f"- [{n.date}]({md_url(links[n.daily].link)}): {_md_text(n.headline)}"
                       + (f" — sources: {srcs}" if srcs else ""))
        out.append("")
    out += ["## One-day stories", ""]
    out += [f"- [{t.stories[0].date}]({md_url(links[t.stories[0].daily].link)}): {_md_text(t.stories[0].headline)}"
            for t in single] or ["None."]
    out.append("")
    out += ["## What changed", ""] + [f"- {line}" for line in changes(m)] + [""]
    out += ["## Heuristics", ""]
    confirmed = [h for h in m.heuristics if h["supports"] and not (h["challenges"] or h["breaks"])]
    challenged = [h for h in m.heuristics if h["challenges"] or h["breaks"]]
    out += [f"- confirmed: `{h['id']}` ({h['supports']} supporting)" for h in confirmed]
    out += [f"- challenged: `{h['id']}` ({h['challenges']} challenging, {h['breaks']} breaking, "
            f"{h['supports']} supporting)" for h in challenged]
    if not m.heuristics:
        out.append("No evidence this week bore on the knowledge base's heuristics.")
    return "\n".join(out).rstrip() + "\n"


def changes(m: WeekMaterial) -> list[str]:
    """What changed over the week, computed from the dailies (never written by a model)."""
    stories = sum(d.stories for d in m.dailies)
    quiet = [d.date for d in m.dailies if d.quiet]
    continued = [t for t in m.threads if t.continued]
    lines = [f"{stories} stories in {len(m.dailies)} daily report{'s' if len(m.dailies) != 1 else ''}",
             f"{len(continued)} thread{'s' if len(continued) != 1 else ''} continued, "
             f"{len(m.threads) - len(continued)} one-day stor{'ies' if len(m.threads) - len(continued) != 1 else 'y'}"]
    if quiet:
        lines.append("quiet days: " + ", ".join(quiet))
    missing = [(m.monday + dt.timedelta(days=i)).isoformat() for i in range(7)
               if (m.monday + dt.timedelta(days=i)).isoformat() not in {d.date for d in m.dailies}]
    if missing:
        lines.append("no daily report: " + ", ".join(missing))
    corrected = [f"{d.date} (v{d.version})" for d in m.dailies if d.version > 1]
    if corrected:
        lines.append("corrected: " + ", ".join(corrected))
    return lines


_HTML = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string("""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title></head>
<body><main>
<h1>{{ title }}</h1>
<p>{{ span }}</p>
<p>Dailies: {% for d in dailies %}<a href="{{ d.link }}">{{ d.date }}</a>{% if not loop.last %}, {% endif %}{% else %}none this week{% endfor %}</p>
{% if paragraphs %}<h2>The week</h2>{% for p in paragraphs %}<p>{% for part in p %}{% if part.href %}(<a href="{{ part.href }}">{{ part.text }}</a>){% else %}{{ part.text }}{% endif %}{% endfor %}</p>{% endfor %}{% endif %}
<h2>Threads that continued</h2>
{% for t in continued %}<h3>{{ t.stories[-1].headline.removeprefix('Update: ') }}</h3><ul>
{% if t.began %}<li>began before this week, {{ t.began[0] }}: {{ t.began[1] }}</li>{% endif %}
{% for n in t.stories %}<li><a href="{{ links[n.daily].link }}">{{ n.date }}</a>: {{ n.headline }}{% if n.sources %} — sources: {% for name, url in n.sources %}<a href="{{ url }}" rel="noopener">{{ name }}</a>{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}</li>
{% endfor %}</ul>
{% else %}<p>No story ran on more than one day this week.</p>{% endfor %}
<h2>One-day stories</h2><ul>
{% for t in single %}<li><a href="{{ links[t.stories[0].daily].link }}">{{ t.stories[0].date }}</a>: {{ t.stories[0].headline }}</li>
{% else %}<li>None.</li>{% endfor %}</ul>
<h2>What changed</h2><ul>{% for line in changes %}<li>{{ line }}</li>{% endfor %}</ul>
<h2>Heuristics</h2><ul>{% for h in heuristics %}<li><code>{{ h.id }}</code>: {{ h.supports }} supporting, {{ h.challenges }} challenging, {{ h.breaks }} breaking</li>{% else %}<li>No evidence this week bore on the knowledge base's heuristics.</li>{% endfor %}</ul>
</main></body></html>
""")


def render_html(spec: WatcherSpec, m: WeekMaterial, paragraphs: list[str]) -> str:
    sunday = m.monday + dt.timedelta(days=6)
    links = {d.label: d for d in m.dailies}
    parts = [[{"text": text, "href": href} for text, href in _segments(p, m)] for p in paragraphs]
    return _HTML.render(
        title=f"{spec.emoji + ' ' if spec.emoji else ''}{spec.title} — week {m.week}",
        span=f"{m.monday:%A, %B} {m.monday.day} to {sunday:%A, %B} {sunday.day}, {sunday.year}",
        dailies=m.dailies, paragraphs=parts, continued=[t for t in m.threads if t.continued],
        single=[t for t in m.threads if not t.continued], links=links, changes=changes(m), heuristics=m.heuristics)


# --------------------------------------------------------------------------- the weekly run


class WeeklyResult(BaseModel):
    id: str
    watcher: str
    week: str
    version: int
    status: str
    writer: str
    model: str | None
    reused: bool
    paths: dict[str, str]
    dailies: list[str]
    threads: int
    continued: int
    findings: list[dict[str, Any]]


def _result(row: Any, reused: bool) -> WeeklyResult:
    data = json.loads(row["json"])
    return WeeklyResult(
        id=row["id"], watcher=row["watcher_id"], week=row["week"], version=int(row["version"]), status=row["status"],
        writer=row["writer"], model=row["model"], reused=reused,
        paths={k: row[f"{k}_path"] for k in ("md", "html", "json") if row[f"{k}_path"]},
        dailies=[d["date"] for d in data["dailies"]], threads=len(data["threads"]),
        continued=sum(1 for t in data["threads"] if t["continued"]), findings=json.loads(row["findings_json"]))


def weekly_briefing(workspace: Workspace, watcher: str, *, week: str | None = None, date: dt.date | None = None,
                    writer: Writer | None = None, model: str | None = None, new_version: bool = False,
                    today: dt.date | None = None, publish: bool = True) -> WeeklyResult:
    """Write (or return) the weekly synthesis of ``watcher`` for an ISO week: finalised when it passes the
    gates that apply to it, else held (its files go to the drafts folder, never to reports/). A finalised one
    then goes out on the watcher's channels like a daily (``publish``): once, through its own delivery ledger,
    also when it was written before (a worker that died between writing and sending sends it on its retry)."""
    result = _write_weekly(workspace, watcher, week=week, date=date, writer=writer, model=model,
                           new_version=new_version, today=today)
    if publish and result.status == "finalised":
        from guancha.publish.stage import publish_weekly

        publish_weekly(workspace, result.id)
    return result


def _write_weekly(workspace: Workspace, watcher: str, *, week: str | None, date: dt.date | None,
                  writer: Writer | None, model: str | None, new_version: bool, today: dt.date | None) -> WeeklyResult:
    import guancha.check  # noqa: F401  (importing the package registers every rule family)
    from guancha.check.rules import CheckContext, run_rules
    from guancha.check.view import load_view

    spec, spec_path = workspace.watcher(watcher)
    label, monday = iso_week(week, date=date, today=today)
    db = workspace.db()
    existing = db.one("SELECT * FROM weekly_reports WHERE watcher_id = ? AND week = ? ORDER BY version DESC LIMIT 1",
                      (spec.id, label))
    if existing is not None and not new_version:
        return _result(existing, reused=True)
    version = int(existing["version"]) + 1 if existing is not None else 1
    chosen_model = model or (spec.models.writer if writer in (None, "llm") else None)
    chosen: Writer = writer or ("llm" if chosen_model else "extractive")
    if chosen == "llm" and not chosen_model:
        raise UsageError("the llm writer needs a model", fix="pass --model provider:model or set models.writer")
    material = gather(workspace, spec, label, monday)
    if not material.dailies:
        raise UsageError(f"{spec.id} has no finalised daily report in {label}",
                         fix=f"run the dailies first ('guancha run {spec.id} --date {monday}'), or pick another week")
    paragraphs = synthesis(workspace, spec, spec_path, material, chosen_model) if chosen == "llm" and chosen_model \
        else []
    markdown = render_markdown(spec, material, paragraphs)
    html = render_html(spec, material, paragraphs)
    allowed = frozenset(workspace.settings.http.allow_private_hosts)
    # links to the watcher's own dailies are made here (relative when no site_url is set), not taken from text
    own_links = tuple(f"{d.link}:" for d in material.dailies)
    findings = []
    for text, name in ((markdown, "weekly.md"), (html, "weekly.html")):
        ctx = CheckContext(doc=load_view(text, filename=name), shape=spec.report, checks=spec.checks,
                           window_hours=spec.window_hours, watcher_title=spec.title, earlier_urls={}, run=None,
                           allowed_hosts=allowed)
        findings += [{"rule": f.rule, "severity": f.severity, "message": f.message, "in": name}
                     for f in run_rules(ctx, only=WEEKLY_RULES).findings
                     if not (f.rule == "link-placeholder" and f.message.startswith(own_links))]
    status = "held" if any(f["severity"] == "error" for f in findings) else "finalised"
    data = {"kind": "weekly", "watcher": spec.id, "week": label, "version": version, "writer": chosen,
            "model": chosen_model if chosen == "llm" else None, "monday": monday.isoformat(),
            "dailies": [d.__dict__ for d in material.dailies],
            "threads": [{"label": t.label, "continued": t.continued, "began": t.began,
                         "stories": [n.__dict__ for n in t.stories]} for t in material.threads],
            "synthesis": paragraphs, "changes": changes(material), "heuristics": material.heuristics}
    base = (workspace.report_folder(spec.id, "weekly") if status == "finalised"
            else draft_folder(workspace, spec.id, "weekly"))
    stem = label + ("" if version == 1 else f".v{version}")
    paths = {} if base is None else {ext: base / f"{stem}.{ext}" for ext in ("md", "html", "json")}
    report_id = content_key("weekly", spec.id, label, str(version))
    now = utcnow()
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO weekly_reports(id, watcher_id, week, version, status, writer, model, title, markdown, html,"
            " json, findings_json, md_path, html_path, json_path, created_at, finalised_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            (report_id, spec.id, label, version, status, chosen, data["model"], markdown.splitlines()[0][2:],
             markdown, html, json.dumps(data, ensure_ascii=False), json.dumps(findings),
             *(str(paths[ext]) if ext in paths else None for ext in ("md", "html", "json")),
             now, now if status == "finalised" else None))
    texts = {"md": markdown, "html": html, "json": json.dumps(data, ensure_ascii=False, indent=2)}
    for ext, path in paths.items():
        write_whole(path, texts[ext], mode=None if status == "finalised" else 0o600)
    row = db.one("SELECT * FROM weekly_reports WHERE id = ?", (report_id,))
    return _result(row, reused=False)


__all__ = ["WEEKLY_RULES", "WeeklyResult", "gather", "weekly_briefing"]
