"""Bad and hostile templates from the command line (issue 6).

`briefgen build` and `briefgen check` both run the templates (check in memory, writing
nothing), so both report a template fault as one `error:` line naming the template file and
line, exit 1, and leave the outputs as they were. Resources outside the template folder are
never fetched: the PDF builds, with a warning naming each refused URL.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import jinja2
import pytest

from briefgen.render import jinja
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


MEMORY = 4 * 2**30  # address space a refused template may cost; a safety net, see bombs below


def assert_template_refused(project: Path, where: str, fragment: str,
                            commands: tuple[str, ...] = ("check", "build")) -> None:
    before = snapshot(project)
    (project / "spec.yaml").write_text((project / "spec.yaml").read_text().replace(
        "Template test", "Template test, changed"))  # so build must render, not skip
    for command in commands:
        started = time.monotonic()
        result = briefgen(project, command, "spec.yaml", memory=MEMORY)
        assert time.monotonic() - started < 60, command
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
    assert_template_refused(project, f"{HTML}:{line}:",
                            "template syntax error: '{% if %}' needs a condition")


def test_jinja_syntax_error_in_the_markdown_template(project: Path) -> None:
    line = insert_line(project, MD, "set info = brief.info", "{{ info.title + }}")
    assert_template_refused(project, f"{MD}:{line}:", "template syntax error: the expression in "
                                                      "'{{ info.title + }}' is incomplete")


def test_undefined_variable_names_it_and_the_line(project: Path) -> None:
    line = insert_line(project, HTML, "<body", "<p>{{ titel }}</p>")
    assert_template_refused(project, f"{HTML}:{line}:", "undefined variable 'titel'")


def test_undefined_attribute_names_the_dotted_variable(project: Path) -> None:
    line = insert_line(project, HTML, "<body", "<p>{{ brief.info.titel }}</p>")
    assert_template_refused(project, f"{HTML}:{line}:", "undefined variable 'brief.info.titel' "
                                                        "(did you mean 'brief.info.title'?)")


@pytest.mark.parametrize("expression", [
    "''.__class__.__mro__",
    "''.__class__.__mro__[1].__subclasses__()",
    "brief.__init__.__globals__",
])
def test_python_internals_are_refused_by_the_sandbox(project: Path, expression: str) -> None:
    line = insert_line(project, HTML, "<body", "<p>{{ " + expression + " }}</p>")
    assert_template_refused(project, f"{HTML}:{line}:", "a template may not use '__")


def test_a_macro_that_calls_itself(project: Path) -> None:
    """RecursionError was a 1,800-line traceback; now the template's line."""
    line = insert_line(project, HTML, "<main",
                       "{% macro m() %}{{ m() }}{% endmacro %}<p>{{ m() }}</p>")
    assert_template_refused(project, f"{HTML}:{line}:", "recurses too deeply")


def test_a_template_not_in_utf8(project: Path) -> None:
    """A template with Windows-1252 in it was a UnicodeDecodeError traceback."""
    path = project / HTML
    line = insert_line(project, HTML, "<main", "<p>Délégation</p>")
    word = "Délégation"
    path.write_bytes(path.read_bytes().replace(word.encode(), word.encode("cp1252")))
    assert_template_refused(project, f"{HTML}:{line}:", "not UTF-8 (invalid byte 0xe9)")


def test_an_include_from_outside_the_template_folder(project: Path) -> None:
    line = insert_line(project, HTML, "<main", "{% include '../../spec.yaml' %}")
    assert_template_refused(project, f"{HTML}:{line}:",
                            "no template file '../../spec.yaml' in templates/custom")


@pytest.mark.parametrize(("expression", "fragment"), [
    ("'x' * 10**10", "a template may not repeat text of length 1 10000000000 times (more "
                     "than 10,000,000 items)"),
    ("[1] * 10**9", "a template may not repeat a list of length 1 1000000000 times"),
    ("9 ** 99999999", "a template may not compute 9 ** 99999999, too large a number"),
    # a literal Jinja folds while compiling: the memory ceiling stops it there
    ("'x'|center(10000000000)", "needs more than 1 GB of memory"),
    ("'%10000000000d' % 1", "needs more than 1 GB of memory"),
])
def test_a_template_cannot_fill_memory_or_spin(project: Path, expression: str,
                                               fragment: str) -> None:
    """`{{ 'x' * 10**10 }}` took 23 GB and 2.5 minutes before the kernel killed it, in check
    and again in build. Refused now in a second, naming the line."""
    line = insert_line(project, HTML, "<main", "<p>{{ " + expression + " }}</p>")
    assert_template_refused(project, f"{HTML}:{line}:", fragment)


def word_template_with(project: Path, text: str) -> None:
    """Put a paragraph holding `text` (Jinja tags) first in the Word template's body."""
    path = project / DOCX
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode()
                at = xml.index("<w:body>") + len("<w:body>")
                xml = f"{xml[:at]}<w:p><w:r><w:t>{xml_escape(text)}</w:t></w:r></w:p>{xml[at:]}"
                data = xml.encode()
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize(("tags", "fragment"), [
    ("{{ brief.info.titel }}", "undefined variable 'brief.info.titel' (did you mean "
                               "'brief.info.title'?)"),
    ("{% for s in brief.sections %}{{ s.title }}", "template syntax error: '{% for s in "
                                                   "brief.sections %}' is never closed; add "
                                                   "'{% endfor %}' where it ends"),
    ("{{ 1 / 0 }}", "template error: a division by zero"),
    ("{{ brief.info.title + 1 }}", "template error: '+' cannot combine text and a number (join "
                                   "text with '~')"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "recurses too deeply"),
    ("{{ 'x' * 10**10 }}", "a template may not repeat text of length 1"),
    ("{{ ''.__class__.__mro__ }}", "a template may not use '__class__'"),
])
def test_faults_in_the_word_template(project: Path, tags: str, fragment: str) -> None:
    """The Word template renders through docxtpl: its faults were tracebacks (all but the
    sandbox's); now one line naming brief.docx and the text near the tag. `check` runs the
    tags alone, without docxtpl, and names the same fault."""
    word_template_with(project, tags)
    assert_template_refused(project, DOCX, fragment)


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


# --- the bounded sandbox, in process ------------------------------------------------------------

@pytest.mark.parametrize(("source", "fault"), [
    ("{{ 'x' * 10**10 }}", r"\(more than 10,000,000 items\)"),
    ("{{ 9 ** 99999999 }}", "too large a number"),
    ("{{ ''.__class__ }}", "a template may not use '__class__'"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "recurses too deeply"),
    ("{{ 1 / 0 }}", "a division by zero"),
    ("{{ 'a' + 1 }}", "'\\+' cannot combine text and a number"),
    # a value that doubles each turn of a loop: only the memory ceiling can stop it
    ("{% set ns = namespace(v='x') %}{% for i in range(40) %}{% set ns.v = ns.v ~ ns.v %}"
     "{% endfor %}{{ ns.v|length }}", "GB of memory"),
])
def test_the_sandbox_turns_every_fault_into_a_template_error(
        source: str, fault: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """docxtpl catches only jinja2.TemplateError: every fault a template can cause must be one."""
    monkeypatch.setattr(jinja, "MEMORY_HEADROOM", 256 * 2**20)
    with pytest.raises(jinja2.TemplateError, match=fault):
        jinja.sandbox().from_string(source).render()


def test_nesting_too_deep_for_the_parser_is_a_syntax_error() -> None:
    with pytest.raises(jinja2.TemplateSyntaxError, match="too deeply"):
        jinja.sandbox().from_string("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}")


def test_ordinary_arithmetic_still_works() -> None:
    source = "{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 3 * 4 }} {{ [0] * 2 }} {{ 9**9**9 }}"
    assert jinja.sandbox().from_string(source).render() == (
        f"ababab 1024 12 [0, 0] {(9**9)**9}")


def test_the_memory_ceiling_is_lifted_afterwards() -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with jinja.memory_ceiling(), jinja.memory_ceiling():
        inside = resource.getrlimit(resource.RLIMIT_AS)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert inside[0] != resource.RLIM_INFINITY and inside[1] == before[1]
