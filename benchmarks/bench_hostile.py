"""Seconds per MB for `guancha check` and `guancha import` parsing on adversarial inputs.

    python benchmarks/bench_hostile.py [--sizes 0.05,0.1,0.2] [--cli]

Builds NUL runs, long symbol lines, long '[' / whitespace / dash runs, deep HTML and Markdown nesting and
"[\\n" paragraphs at each size (MB), then times, in process, the check path (parse + every gate) for each
format and the import path (parse_document, as the importer calls it). Linear code shows a flat s/MB column
as the size grows; a super-linear pattern shows s/MB growing with size. With --cli it also times one
`guancha check FILE --json` and one `guancha import` of a tar.gz of the NUL run at the largest size.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from guancha.briefing import parse_document  # noqa: E402
from guancha.check import check_view  # noqa: E402
from guancha.check.view import load_view  # noqa: E402

MB = 1_000_000

INPUTS: dict[str, Callable[[int], bytes]] = {
    "nul run": lambda n: b"\x00" * n,
    "symbol line": lambda n: (b"#$%^&*!" * (n // 7 + 1))[:n],
    "title of '!'": lambda n: b"# " + b"!" * n + b"\n",
    "dash line": lambda n: b"# a" + b"-" * n + b"x\n",
    "space run": lambda n: b"a" + b" " * n + "\u2014 b\n".encode(),
    "open brackets": lambda n: b"[" * n,
    "bracket lines": lambda n: b"[\n" * (n // 2),
    "deep html": lambda n: b"<div>" * (n // 5),
    "deep quotes": lambda n: b">" * n + b" x\n",
    "deep lists": lambda n: b"".join(b"  " * (i % 200) + b"- x\n" for i in range(n // 200)),
    # red team 10: limits.max_input_lines / max_input_blocks refuse these from files; timed here unrefused
    "short lines": lambda n: b"x\n" * (n // 2),
    "headings": lambda n: b"".join(b"## H%d\n\np.\n" % i for i in range(n // 14)),
    "one-line html": lambda n: b"<h2>S</h2><p>x.</p>" * (n // 19),
    # a run of one delimiter is cut to 64 before markdown-it, which made a token (~500 B) of every star
    "star run": lambda n: b"*" * n + b" x\n",
}


def _time(work: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.05,0.1,0.2", help="input sizes in MB, comma-separated")
    parser.add_argument("--cli", action="store_true", help="also time one guancha check and one guancha import")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'input':<15} {'path':<12}" + "".join(f"{f'{s:g} MB s/MB':>14}" for s in sizes))
    for name, make in INPUTS.items():
        for path in ("check .md", "check .html", "check .txt", "import"):
            cells = []
            for size in sizes:
                data = make(int(size * MB))
                if path == "import":
                    seconds = _time(lambda: parse_document(data, filename="x.md"))  # noqa: B023
                else:
                    ext = path.split(".")[1]
                    seconds = _time(lambda: check_view(load_view(data, filename=f"x.{ext}")))  # noqa: B023
                cells.append(f"{seconds / (len(data) / MB):>14.3f}")
            print(f"{name:<15} {path:<12}" + "".join(cells), flush=True)
    if args.cli:
        size = int(max(sizes) * MB)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "nul.md"
            target.write_bytes(b"\x00" * size)
            archive = Path(folder) / "nul.tar.gz"
            with tarfile.open(archive, "w:gz") as tf:
                info = tarfile.TarInfo("nul.md")
                info.size = size
                tf.addfile(info, io.BytesIO(target.read_bytes()))
            env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
            workspace = Path(folder) / "ws"
            subprocess.run([sys.executable, "-m", "guancha", "init", str(workspace)], env=env, capture_output=True,
                           check=True)
            for label, command in (("check", ["check", str(target), "--json"]),
                                   ("import", ["import", str(archive), "--workspace", str(workspace), "--json"])):
                t0 = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "guancha", *command], env=env, capture_output=True)
                seconds = time.perf_counter() - t0
                print(f"cli guancha {label} of a {size / MB:g} MB NUL run: {seconds:.2f} s (exit {done.returncode}, "
                      f"{seconds / (size / MB):.2f} s/MB including start-up)")


if __name__ == "__main__":
    main()
