"""Evaluation figures on every sample web in the repository, worst sample first.

    python benchmarks/bench_eval.py [SAMPLE_DIR ...]

Runs ``guancha.evaluate.evaluate_sample`` on each sample (the bundled one and every directory under
tests/samples/) and prints one line of figures per sample, sorted by the sample's worst figure.
Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.evaluate import evaluate_sample, figures_line

logging.getLogger("httpx").setLevel(logging.WARNING)

ROOT = Path(__file__).resolve().parents[1]


def samples() -> list[Path]:
    found = [ROOT / "src/guancha/samples/china-ai-2026-05-02"]
    found += sorted(p for p in (ROOT / "tests/samples").iterdir() if (p / "expected.yaml").is_file())
    return found


def main(argv: list[str]) -> None:
    chosen = [Path(a) for a in argv] or samples()
    scores = [evaluate_sample(s) for s in chosen]
    for score in sorted(scores, key=lambda s: (s.worst, s.pairwise_f1, s.sample)):
        print(figures_line(score))


if __name__ == "__main__":
    main(sys.argv[1:])
