"""Checks: deterministic gates on a rendered briefing, grounding against a run's sources, the rubric, and
the check/revise loop that holds what fails. Importing the package registers every rule."""

from guancha.check import gates, grounding

RULES = gates.RULES

__all__ = ["RULES", "gates", "grounding"]
