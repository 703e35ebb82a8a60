"""The package's modules import each other one way: no circle, and each imports on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefgen"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(name: str) -> set[str]:
    """The briefgen modules `name` imports anywhere (lazily in functions too), not for typing."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    skipped = {id(n) for top in ast.walk(tree) if _type_checking_only(top)
               for n in ast.walk(top)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:  # `from briefgen.extract import positions`: a module
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return {target for target in found if target in MODULES and target != name}


def test_no_import_circle() -> None:
    graph = {name: imports_of(name) for name in MODULES}
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert not circles, "\n".join(" -> ".join(circle) for circle in circles)


def test_the_bottom_module_imports_no_other() -> None:
    assert imports_of("briefgen.places") == set()


# briefgen.__main__ runs the command line when imported: the CLI tests run it.
@pytest.mark.parametrize("name", sorted(set(MODULES) - {"briefgen.__main__"}))
def test_each_module_imports_on_its_own(name: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
