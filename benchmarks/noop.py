"""Whole-process time of a no-op `briefgen build config/gcm-prep.yaml` against a cold build.

The nightly job's usual case is "nothing changed": it must cost at most 0.15 s
and at most 10% of a cold build, and import neither WeasyPrint nor docx. The
project's inputs are copied to a temporary folder (the working tree's out/ is
left alone) and dated back a minute, as files edited long ago are. Python's own
start-up (`python -c pass`) is shown for scale: no command can cost less.

Run from the project root: python benchmarks/noop.py   (exit 1 when a target is missed)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = "config/gcm-prep.yaml"
COLD_RUNS, NOOP_RUNS = 3, 21
HEAVY = ("weasyprint", "docx", "docxtpl", "pydantic", "yaml", "jinja2", "click", "rich")
LIMIT_SECONDS, LIMIT_RATIO = 0.15, 0.10


def median_time(args: list[str], cwd: Path, runs: int) -> float:
    """Median wall-clock seconds of `runs` runs of a command, each its own process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=cwd)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def copy_project(target: Path) -> None:
    """The project's inputs, dated back a minute."""
    for name in ("config", "speeches", "templates"):
        shutil.copytree(ROOT / name, target / name)
    past = time.time() - 60
    for path in target.rglob("*"):
        os.utime(path, (past, past))


def heavy_imports(cwd: Path) -> list[str]:
    """Top-level packages of HEAVY that a no-op build imports."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "briefgen", "build", SPEC],
                          check=True, capture_output=True, text=True, cwd=cwd)
    names = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    return sorted(names & set(HEAVY))


def main() -> None:
    briefgen = [sys.executable, "-m", "briefgen", "build", SPEC]
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp)
        copy_project(project)
        cold = median_time([*briefgen, "--force"], project, COLD_RUNS)
        subprocess.run(briefgen, check=True, capture_output=True, cwd=project)  # settle stats
        noop = median_time(briefgen, project, NOOP_RUNS)
        python = median_time([sys.executable, "-c", "pass"], project, NOOP_RUNS)
        heavy = heavy_imports(project)
    ratio = noop / cold
    ok = noop <= LIMIT_SECONDS and ratio <= LIMIT_RATIO and not heavy
    print("whole process, median:")
    print(f"  cold build ({SPEC} --force, {COLD_RUNS} runs): {cold:6.3f} s")
    print(f"  no-op build ({NOOP_RUNS} runs):                    {noop:6.3f} s"
          f"   (target <= {LIMIT_SECONDS} s)")
    print(f"  python -c pass ({NOOP_RUNS} runs):                 {python:6.3f} s")
    print(f"  no-op / cold: {ratio:.1%}   (target <= {LIMIT_RATIO:.0%})")
    print(f"  heavy modules imported by the no-op: {', '.join(heavy) or 'none'}")
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
