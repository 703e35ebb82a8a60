#!/usr/bin/env python3
"""Run the test suite against the newest releases that pyproject.toml allows (not the lock).

A non-blocking early warning: CI installs constraints/test.txt, so a new upstream release
cannot fail a submission; this check, run on a schedule (contrib/ci/briefgen-newest.yml),
sees it first. When the suite fails, it names the package: starting from the locked
versions, it upgrades the packages that differ one at a time and reruns the failing tests
after each, so the first upgrade that makes them fail is the one to look at.

    python scripts/check-newest.py            # exit 0: the newest releases pass
    python scripts/check-newest.py --keep     # keep the virtual environments (in .newest/)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "constraints" / "test.txt"
PINNED = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;]+)")
TOOLS = {"pip", "setuptools", "wheel"}  # the virtual environment's own, not the project's


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions() -> dict[str, str]:
    """Package -> version, from the lock (lines 'name==version', markers ignored)."""
    found = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if match := PINNED.match(line):
            found[canonical(match.group(1))] = match.group(2)
    return found


def make_venv(folder: Path) -> Path:
    """A fresh virtual environment; returns its python."""
    shutil.rmtree(folder, ignore_errors=True)
    venv.create(folder, with_pip=True)
    return folder / "bin" / "python"


def pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "install", "-q", *args], cwd=ROOT, check=True)


def installed(python: Path) -> dict[str, str]:
    done = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze",
                           "--exclude-editable"], capture_output=True, text=True, check=True)
    return {canonical(m.group(1)): m.group(2)
            for line in done.stdout.splitlines() if (m := PINNED.match(line))}


def run_tests(python: Path, tests: list[str]) -> tuple[bool, list[str]]:
    """(passed, ids of the failed tests)."""
    done = subprocess.run([str(python), "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider",
                           *tests], cwd=ROOT, capture_output=True, text=True, check=False)
    failed = re.findall(r"^FAILED (\S+)", done.stdout, re.M)
    if done.returncode and not failed:  # errors at collection, say
        failed = tests or ["tests"]
        print(done.stdout[-3000:], done.stderr[-2000:], sep="\n")
    return done.returncode == 0, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep .newest/ afterwards")
    opts = parser.parse_args()
    work = ROOT / ".newest"
    try:
        newest = make_venv(work / "newest")
        pip(newest, "--upgrade", "pip")
        pip(newest, "--upgrade", "-e", ".[test]")
        locked, now = locked_versions(), installed(newest)
        changed = {name: (locked.get(name), version) for name, version in sorted(now.items())
                   if locked.get(name) != version and name not in TOOLS}
        for name, (before, after) in changed.items():
            print(f"newer than the lock: {name} {before or '(not locked)'} -> {after}")
        if not changed:
            print("the lock has the newest releases")
        passed, failed = run_tests(newest, [])
        if passed:
            print("the test suite passes with the newest releases")
            return 0
        print(f"the test suite fails with the newest releases: {len(failed)} failed")
        return blame(work, changed, failed)
    finally:
        if not opts.keep:
            shutil.rmtree(work, ignore_errors=True)


def blame(work: Path, changed: dict[str, tuple[str | None, str]], failed: list[str]) -> int:
    """Upgrade the changed packages one by one from the lock; name the first that fails."""
    python = make_venv(work / "bisect")
    pip(python, "--upgrade", "pip")
    pip(python, "-c", str(LOCK), "-e", ".[test]")
    passed_locked, _ = run_tests(python, failed)
    if not passed_locked:
        print(f"these fail with the LOCKED versions too (not an upstream change): {failed}")
        return 1
    for name, (before, after) in changed.items():
        pip(python, "--no-deps", f"{name}=={after}")
        passed, now_failing = run_tests(python, failed)
        if not passed:
            print(f"failing since {name} {before} -> {after}: {', '.join(now_failing)}")
            return 1
    print("each upgrade alone passes; together they fail: " + ", ".join(failed))
    return 1


if __name__ == "__main__":
    sys.exit(main())
