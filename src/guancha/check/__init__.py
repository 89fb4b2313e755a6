"""Checks: deterministic gates on a rendered briefing, grounding against a run's sources, the rubric, and
the check/revise loop that holds what fails.

Importing the package registers every rule family; ``check_view`` and ``run_rules`` run them.
"""

from guancha.check import gates, grounding
from guancha.check.rules import RULES, CheckContext, check_view, run_rules

__all__ = ["RULES", "CheckContext", "check_view", "gates", "grounding", "run_rules"]
