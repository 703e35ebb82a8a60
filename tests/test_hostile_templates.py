"""Bad and hostile templates from the command line (issue 6).

`briefgen build` and `briefgen check` both run the templates (check in memory, writing
nothing), so both report a template fault as one `error:` line naming the template file and
line, exit 1, and leave the outputs as they were. Resources outside the template folder are
never fetched: the PDF builds, with a warning naming each refused URL.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.test_hostile_speeches import _Spy, briefgen, pdf_text, spy_server  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
SPEECH = "2018-03-27-iom-idm-closing-remarks"
SPEC = f"""\
brief:
  title: Template test
  classification: UNCLASSIFIED
template: custom
formats: [{{formats}}]
output: brief
speeches:
  s: speeches/{SPEECH}.txt
sections:
  - {{{{title: Key takeaways, type: takeaways, from: s}}}}
"""
HTML = "templates/custom/brief.html.j2"
MD = "templates/custom/brief.md.j2"
DOCX = "templates/custom/brief.docx"


def make_project(root: Path, formats: str) -> Path:
    (root / "speeches").mkdir(parents=True)
    for suffix in (".txt", ".yaml"):
        shutil.copy(ROOT / "speeches" / f"{SPEECH}{suffix}", root / "speeches")
    shutil.copytree(ROOT / "templates" / "briefing-note", root / "templates" / "custom")
    (root / "spec.yaml").write_text(SPEC.format(formats=formats))
    result = briefgen(root, "build", "spec.yaml")
    assert result.returncode == 0, result.stderr
    return root


def snapshot(root: Path) -> dict[str, str]:
    """Every file but the templates (the test edits them), with the hash of its content."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "templates" not in p.parts}


def insert_line(project: Path, name: str, after: str, text: str) -> int:
    """Put `text` on a line of its own after the first line containing `after`; its number."""
    path = project / name
    lines = path.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if after in line) + 1
    lines.insert(at, text + "\n")
    path.write_text("".join(lines))
    return at + 1


def assert_template_refused(project: Path, where: str, fragment: str) -> None:
    before = snapshot(project)
    (project / "spec.yaml").write_text((project / "spec.yaml").read_text().replace(
        "Template test", "Template test, changed"))  # so build must render, not skip
    for command in ("check", "build"):
        result = briefgen(project, command, "spec.yaml")
        assert result.returncode == 1, (command, result)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {where}"), (command, lines)
        assert fragment in lines[0], lines
        assert "Traceback" not in result.stderr + result.stdout
    assert {k: v for k, v in snapshot(project).items() if k != "spec.yaml"} == {
        k: v for k, v in before.items() if k != "spec.yaml"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("built") / "project", "html, md, docx")


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of a project built once with the good template."""
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


def test_jinja_syntax_error_names_template_and_line(project: Path) -> None:
    line = insert_line(project, HTML, "<body", "{% if %}")
    assert_template_refused(project, f"{HTML}:{line}:", "Expected an expression")


def test_jinja_syntax_error_in_the_markdown_template(project: Path) -> None:
    line = insert_line(project, MD, "set info = brief.info", "{{ info.title + }}")
    assert_template_refused(project, f"{MD}:{line}:", "")


def test_undefined_variable_names_it_and_the_line(project: Path) -> None:
    line = insert_line(project, HTML, "<body", "<p>{{ titel }}</p>")
    assert_template_refused(project, f"{HTML}:{line}:", "'titel' is undefined")


def test_undefined_attribute_names_the_dotted_variable(project: Path) -> None:
    line = insert_line(project, HTML, "<body", "<p>{{ brief.info.titel }}</p>")
    assert_template_refused(project, f"{HTML}:{line}:", "'brief.info.titel' is undefined")


@pytest.mark.parametrize("expression", [
    "''.__class__.__mro__",
    "''.__class__.__mro__[1].__subclasses__()",
    "brief.__init__.__globals__",
])
def test_python_internals_are_refused_by_the_sandbox(project: Path, expression: str) -> None:
    line = insert_line(project, HTML, "<body", "<p>{{ " + expression + " }}</p>")
    assert_template_refused(project, f"{HTML}:{line}:", "unsafe")


def test_a_word_template_that_is_not_a_word_file(project: Path) -> None:
    (project / DOCX).write_text("{{ brief.info.title }} is not a Word file\n")
    assert_template_refused(project, DOCX, "not a Word")


def test_a_damaged_word_template(project: Path) -> None:
    data = (ROOT / "templates" / "briefing-note" / "brief.docx").read_bytes()
    (project / DOCX).write_bytes(data[: len(data) // 2])
    assert_template_refused(project, DOCX, "not a Word")


def test_resources_outside_the_template_folder_are_never_fetched(
        tmp_path: Path, spy_server: str) -> None:  # noqa: F811 (the fixture)
    """file:///etc/passwd, a file beside the template folder and http:// URLs in the HTML
    and CSS: the PDF builds without them, and a warning names each one."""
    project = make_project(tmp_path / "project", "pdf")
    secret = tmp_path / "project" / "templates" / "secret.css"
    secret.write_text(".x::after { content: 'SECRET-OUTSIDE' }")
    links = ('<link rel="stylesheet" href="file:///etc/passwd">'
             '<link rel="stylesheet" href="../secret.css">'
             f'<link rel="stylesheet" href="{spy_server}/style.css">'
             f'<img src="{spy_server}/logo.png" alt=""><img src="file:///etc/hostname" alt="">')
    insert_line(project, HTML, "<body", links)
    css = project / "templates" / "custom" / "style.css"
    css.write_text(f"@import url({spy_server}/import.css);\n@import url(file:///etc/passwd);\n"
                   + css.read_text()
                   + f"\nbody {{ background: url({spy_server}/bg.png) }}\n")
    result = briefgen(project, "build", "spec.yaml", "--force")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stderr == ""
    warnings = [line for line in result.stdout.splitlines() if "outside its folder" in line]
    for url in ("refers to /etc/passwd,", f"{spy_server}/style.css", f"{spy_server}/logo.png",
                f"{spy_server}/import.css", f"{spy_server}/bg.png", "refers to /etc/hostname,",
                "refers to templates/secret.css,"):
        assert any(url in line for line in warnings), (url, "\n".join(warnings))
    assert all(line.startswith("spec.yaml: warning: PDF: template 'custom' refers to ")
               for line in warnings)
    text = pdf_text(project / "out" / "brief.pdf")
    assert "root:" not in text and "SECRET-OUTSIDE" not in text
    assert "Key takeaways" in text
    assert _Spy.requests == []
