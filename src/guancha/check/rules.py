"""The rule registry: what a rule sees (``CheckContext``), how it registers, and how rules are run.

Rule families (``gates``: structure, links, sections, heuristics, hygiene, style; ``grounding``: what a
run's sources support) register with ``@rule`` and import only this module, so no family imports
another. ``guancha.check`` imports every family; use ``check_view`` and ``run_rules`` from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from guancha.check.evidence import RunEvidence
from guancha.check.findings import CheckResult, Finding, Location, Severity
from guancha.check.view import BriefingView
from guancha.spec import CheckSettings, ReportShape


@dataclass
class CheckContext:
    """What the rules need: the briefing, the thresholds, and (inside a run) the run's evidence."""

    doc: BriefingView
    shape: ReportShape = field(default_factory=ReportShape)
    checks: CheckSettings = field(default_factory=CheckSettings)
    window_hours: int = 36
    watcher_title: str | None = None
    earlier_urls: dict[str, str] = field(default_factory=dict)  # canonical URL -> "report id (date)"
    run: RunEvidence | None = None
    allowed_hosts: frozenset[str] = frozenset()  # the workspace's http.allow_private_hosts

    def loc(self, section: str, line: int | None = None, story: int | None = None) -> Location:
        if story is None and section not in {"title", "toc", "papers", "implications", "watch", "heuristics"}:
            story = self.doc.story_of_line(line)
            if story is not None:
                section = "story"
        return Location(section=section, story=story, line=line)


RuleFn = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    summary: str
    fn: RuleFn
    needs_run: bool = False


RULES: dict[str, Rule] = {}


def rule(name: str, severity: Severity, summary: str, *, needs_run: bool = False) -> Callable[[RuleFn], RuleFn]:
    """Register a rule under ``name``. Its findings use ``severity`` unless the spec overrides it."""

    def register(fn: RuleFn) -> RuleFn:
        if name in RULES:
            raise ValueError(f"rule {name} registered twice")
        RULES[name] = Rule(name, severity, summary, fn, needs_run)
        return fn

    return register


def _f(name: str, loc: Location, message: str, severity: Severity | None = None) -> Finding:
    return Finding(name, severity or RULES[name].severity, loc, message)


def run_rules(ctx: CheckContext, *, only: Iterable[str] | None = None) -> CheckResult:
    """Run every registered rule (or ``only`` those) and apply the spec's severity overrides.

    Rules register when their family module is imported; ``guancha.check`` imports every family, so call
    this (or ``check_view``) through that package."""
    wanted = set(only) if only is not None else None
    findings: list[Finding] = []
    for name, spec in RULES.items():
        if name in ctx.checks.disabled or (wanted is not None and name not in wanted):
            continue
        if spec.needs_run and ctx.run is None:
            continue
        for finding in spec.fn(ctx):
            if finding.rule in ctx.checks.errors:
                finding = replace(finding, severity="error")
            elif finding.rule in ctx.checks.warnings:
                finding = replace(finding, severity="warning")
            findings.append(finding)
    findings.sort(key=lambda f: (f.severity != "error", f.location.line or 0, f.rule))
    return CheckResult(findings=_dedupe(findings), source=ctx.doc.path)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, int | None, str]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.location.section, f.location.line, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_view(
    doc: BriefingView,
    *,
    shape: ReportShape | None = None,
    checks: CheckSettings | None = None,
    window_hours: int = 36,
    watcher_title: str | None = None,
    earlier_urls: dict[str, str] | None = None,
    run: RunEvidence | None = None,
    allowed_hosts: frozenset[str] = frozenset(),
) -> CheckResult:
    """Run every gate over one briefing view (``allowed_hosts``: private hosts the workspace collects from)."""
    ctx = CheckContext(
        doc=doc,
        shape=shape or ReportShape(),
        checks=checks or CheckSettings(),
        window_hours=window_hours,
        watcher_title=watcher_title,
        earlier_urls=earlier_urls or {},
        run=run,
        allowed_hosts=allowed_hosts,
    )
    return run_rules(ctx)


__all__ = ["RULES", "CheckContext", "Rule", "RuleFn", "check_view", "rule", "run_rules"]
