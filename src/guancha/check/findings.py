"""What a check produces: findings with a rule, a severity, a location and a message saying what to fix.

Errors block publishing (the report is held); warnings are shown but do not block.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Location:
    """Where a finding is: a section ("title", "toc", "story", "papers", ...), the story number, a line."""

    section: str = "report"
    story: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = f"story {self.story}" if self.story is not None else self.section
        return f"{where}, line {self.line}" if self.line is not None else where


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    location: Location
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "location": str(self.location),
            "message": self.message,
            "section": self.location.section,
            "story": self.location.story,
            "line": self.location.line,
        }


@dataclass
class CheckResult:
    """All findings for one briefing, errors first, plus counts."""

    findings: list[Finding] = field(default_factory=list)
    source: str = ""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def passed(self) -> bool:
        """True when nothing blocks publishing."""
        return not self.errors

    def by_rule(self) -> Counter[str]:
        return Counter(f.rule for f in self.findings)

    def failing_stories(self) -> list[int]:
        """Story numbers with at least one error: what a revision must rewrite."""
        return sorted({f.location.story for f in self.errors if f.location.story is not None})

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "passed": self.passed,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "by_rule": dict(sorted(self.by_rule().items())),
            "findings": [f.as_dict() for f in self.findings],
        }
