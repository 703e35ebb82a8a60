"""The wheel a user installs carries the two templates, and a project made by `briefgen init`
in an empty folder builds with it (issue 16 item 2), without the repository around it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.test_build import ROOT


def source_tree(target: Path) -> Path:
    """The repository's files (tracked and new, not ignored) copied, links kept as links."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source, copy = ROOT / name, target / name
        if not os.path.lexists(source):
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, copy)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("needs briefgen's git checkout")
    base = tmp_path_factory.mktemp("wheel")
    source = source_tree(base / "src")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                            "-w", str(base / "dist"), "-q"],
                           capture_output=True, text=True, check=False, timeout=600)
    if built.returncode != 0 and "setuptools" in built.stderr and "find" in built.stderr.lower():
        pytest.skip("pip cannot fetch setuptools to build the wheel (offline)")
    assert built.returncode == 0, built.stderr
    (path,) = (base / "dist").glob("briefgen-*.whl")
    return path


def test_the_wheel_carries_both_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*")
                     if p.is_file())
    assert len(shipped) >= 11
    assert {f"briefgen/{name}" for name in shipped} <= names


def test_init_and_build_with_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), str(wheel)], check=True, capture_output=True, timeout=300)
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}  # the wheel's briefgen, not the checkout's

    def briefgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, check=False, timeout=300)

    where = subprocess.run([sys.executable, "-c", "import briefgen; print(briefgen.__file__)"],
                           env=env, capture_output=True, text=True, check=True, cwd=empty)
    assert Path(where.stdout.strip()).is_relative_to(site)
    assert briefgen("init", "brief", cwd=empty).returncode == 0
    project = empty / "brief"
    specs = [p.relative_to(project).as_posix() for p in sorted((project / "config").glob("*.yaml"))]
    done = briefgen("build", *specs, cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "config/example.yaml: wrote out/example.docx, out/example.pdf\n"
    assert (project / "out" / "example.docx").stat().st_size > 10_000
    assert (project / "out" / "example.pdf").read_bytes().startswith(b"%PDF")
