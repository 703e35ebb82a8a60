"""The `briefgen` commands. Expected problems print one line and exit 1 or 2; bugs show a traceback.

Heavy modules (the renderers, WeasyPrint, python-docx) are imported inside the
commands that need them, so `--help`, `extract` and `check` start fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from briefgen import __version__
from briefgen.cli.common import reports_errors
from briefgen.cli.speeches import speeches
from briefgen.cli.usage import Group
from briefgen.errors import BriefgenError, SpecError, os_reason
from briefgen.places import NO_PROJECT, Overrides, format_list, is_project, shown, tidy
from briefgen.targets import spec_files


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def cli() -> None:
    """Turn a folder of speeches into sourced, verbatim briefing notes (DOCX, PDF, ...)."""


cli.add_command(speeches)


@cli.command()
@click.argument("speech_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--section", "section_type", required=True, help="Section type, e.g. takeaways.")
@click.option("--actor", help="Whose positions (for --section positions).")
@click.option("--sentences", type=int, default=5, show_default=True, help="For summary.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text",
              show_default=True, help="json: the object of DESIGN.md; text: for people.")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@reports_errors
def extract(speech_file: Path, section_type: str, actor: str | None, sentences: int,
            fmt: str, as_json: bool) -> None:
    """Extract one section from one speech file, as text or JSON."""
    from briefgen.corpus import load_speech
    from briefgen.extract import params_for, run

    speech = load_speech(speech_file)
    options: dict[str, Any] = {"actor": actor} if actor else {}
    if section_type == "summary":
        options["sentences"] = sentences
    params = params_for(section_type, speech.id, options)
    section = run([speech], params)
    if fmt == "json" or as_json:
        click.echo(json.dumps(extract_json(speech, section), ensure_ascii=False, indent=2))
    else:
        click.echo(extract_text(speech, section))


def extract_json(speech: Any, section: Any) -> dict[str, Any]:
    """The JSON contract of `briefgen extract` (DESIGN.md); acceptance checks parse it."""
    meta = speech.metadata
    return {
        "speech": {"id": speech.id, "path": str(speech.path), "title": meta.title,
                   "speaker": meta.speaker or meta.organisation, "date": meta.date},
        "section": section.type,
        "announced_count": section.announced_count,
        "items": [
            {"number": i.number, "headline": i.headline, "text": i.text, "subitems": i.subitems,
             "topic": i.topic, "stance": i.stance,
             "source": {"paragraph": i.source.paragraph, "page": i.source.page}}
            for i in section.items
        ],
        "warnings": section.warnings,
    }


def extract_text(speech: Any, section: Any) -> str:
    """The same, for people: numbered headlines with their place in the speech."""
    lines = [f"{speech.label} ({speech.id}): {section.type}"]
    if section.announced_count is not None:
        lines.append(f"announced: {section.announced_count}, found: {len(section.items)}")
    topic = None
    for item in section.items:
        if item.topic != topic and item.topic:
            topic = item.topic
            lines.append(f"\n{topic}")
        where = f"para. {item.source.paragraph}" + (
            f", p. {item.source.page}" if item.source.page else ""
        )
        stance = f" [{item.stance}]" if item.stance else ""
        lines.append(f"{item.number:>3}. {item.headline}{stance} ({where})")
        lines.extend(f"       - {sub}" for sub in item.subitems)
    if not section.items:
        lines.append(section.empty_message or "nothing found")
    lines.extend(f"warning: {w}" for w in section.warnings)
    return "\n".join(lines)


def _run_each(targets: tuple[Path, ...], step: Callable[[Path], list[str]],
              as_json: bool = False) -> None:
    """Run `step` on every spec, printing its warnings and "ok" (or, `as_json`, one JSON
    summary of every spec's status, warnings and errors); exit with the worst code.
    A step here builds nothing, so its errors never say "not built"."""
    from briefgen.build import BuildFailed

    code = 0
    entries = []
    for path in spec_files(targets):
        errors: list[str] = []
        warnings: list[str] = []
        try:
            warnings = [tidy(note) for note in step(path)]
        except BuildFailed as exc:
            errors = [tidy(problem) for problem in exc.problems]
            code = max(code, exc.exit_code)
        except SpecError as exc:
            errors = [tidy(line) for line in exc.lines()]
            code = max(code, exc.exit_code)
        except BriefgenError as exc:
            errors = [tidy(str(exc))]
            code = max(code, exc.exit_code)
        entries.append({"spec": str(path), "status": "failed" if errors else "ok",
                        "warnings": warnings, "errors": errors})
        if not as_json:
            for line in errors:
                click.echo(f"error: {line}", err=True)
            for note in warnings:
                click.echo(f"{path}: warning: {note}")
            if not errors:
                click.echo(f"{path}: ok")
    if as_json:
        click.echo(json.dumps({"exit_code": code, "specs": entries}, ensure_ascii=False,
                              indent=1))
    sys.exit(code)


def given_or_config(targets: tuple[Path, ...]) -> tuple[Path, ...]:
    """The specs named, else the project's config/ folder; with neither, what to do."""
    if targets:
        return targets
    if Path("config").is_dir():
        return (Path("config"),)
    hint = NO_PROJECT if not is_project(Path.cwd()) else "name a spec file or a folder of specs"
    raise SpecError(f"no spec given and no config/ folder here; {hint}")


@cli.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Rebuild even when the inputs are unchanged.")
@click.option("--explain", is_flag=True, help="Say why each spec is rebuilt or skipped.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON summary (per spec: status, outputs, warnings, seconds).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True,
              help="Print every spec and why it was built or skipped, even to a file or pipe.")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Write the outputs (and their manifest) here instead of the spec's output_dir.")
@click.option("--format", "formats", multiple=True, metavar="FORMAT[,FORMAT]",
              help="Build these formats instead of the spec's (docx, pdf, html, md, json).")
@click.option("--wait", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Seconds to wait for another build of the same spec; then skip it (exit 1).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Specs built at once, in separate processes.  [default: number of CPUs]")
@reports_errors
def build(targets: tuple[Path, ...], force: bool, explain: bool, as_json: bool, quiet: bool,
          verbose: bool, output_dir: Path | None, formats: tuple[str, ...], wait: float,
          jobs: int | None) -> None:
    """Build the briefs whose inputs changed (default: config/).

    TARGETS are spec files or folders of *.yaml specs. Specs whose inputs (spec, speeches,
    metadata, template, briefgen) are unchanged since their last build are skipped. Exit 0
    when all built or were up to date, 1 when one failed (the others still build), 2 for a
    bad command line or spec.
    """
    from briefgen.report import run_builds

    if quiet and verbose:
        raise SpecError("--quiet and --verbose contradict each other; give one")
    overrides = Overrides(str(output_dir) if output_dir else None, _formats(formats))
    specs = spec_files(given_or_config(targets))
    verbosity = -1 if quiet else 1 if verbose else 0
    sys.exit(run_builds(specs, force, explain, as_json, wait, jobs, overrides, verbosity))


def _formats(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """The formats of `--format`, each one briefgen makes, or a command-line error."""
    from briefgen.render import FORMATS

    chosen = format_list(values)
    for fmt in chosen or ():
        if fmt not in FORMATS:
            raise SpecError(f"--format: unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
    return chosen


@cli.command()
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--debounce", type=click.IntRange(min=0), default=400, show_default=True,
              help="Milliseconds of quiet before a batch of changes is built.")
@reports_errors
def watch(targets: tuple[Path, ...], debounce: int) -> None:
    """Rebuild specs whenever their inputs change; Ctrl-C stops.

    TARGETS are spec files or folders of specs, as for `briefgen build`.
    """
    from briefgen.watch import watch as watch_specs

    watch_specs(targets, debounce)


@cli.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON summary: per spec, ok or failed, its warnings and errors.")
@reports_errors
def check(targets: tuple[Path, ...], as_json: bool) -> None:
    """Validate specs, speeches and templates; render nothing.

    TARGETS are spec files or folders of specs (default: config/).
    """
    from briefgen.build import check as check_spec

    _run_each(given_or_config(targets), check_spec, as_json)


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the schema to this file (e.g. briefgen.schema.json).")
@reports_errors
def schema(output: Path | None) -> None:
    """Print the JSON Schema of specs, for editors.

    Editors with the YAML language server complete and check every key of a spec
    whose first line is `# yaml-language-server: $schema=../briefgen.schema.json`.
    """
    from briefgen.spec import spec_schema

    text = json.dumps(spec_schema(), ensure_ascii=False, indent=2) + "\n"
    click.echo(text, nl=False)
    if output:
        output.write_text(text, encoding="utf-8")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
@reports_errors
def init(folder: Path) -> None:
    """Make a new project here or in FOLDER, ready to build.

    It has config/example.yaml (a spec to edit, with its schema line for editors),
    speeches/ (a README and an example speech), a .gitignore that leaves out out/, and
    briefgen.schema.json. It uses the templates that ship with briefgen until
    `briefgen templates new` copies them into templates/.
    """
    from briefgen.scaffold import init_project

    init_project(folder)
    where = shown(folder)
    step = "" if where == "." else f"cd {where} && "
    click.echo(f"made a briefgen project in {where}: config/example.yaml (a spec), speeches/ "
               "(an example speech and a README), .gitignore (out/, .venv/), briefgen.schema.json")
    click.echo(f"next: {step}briefgen build config/example.yaml")


@cli.group(invoke_without_command=True)
@click.pass_context
@reports_errors
def templates(ctx: click.Context) -> None:
    """List the templates: the project's own and briefgen's.

    A spec's `template:` is looked up in the project's templates/ first, then among the
    templates that ship with briefgen (packaged).
    """
    from briefgen.template import list_templates

    if ctx.invoked_subcommand:
        return
    found = list_templates(Path.cwd())
    own = {t.name for t in found if t.kind == "project"}
    kinds = [t.kind if t.kind == "project" or t.name not in own
             else "packaged (not used: the project has its own)" for t in found]
    width, kind_width = max(len(t.name) for t in found), max(map(len, kinds))
    for t, kind in zip(found, kinds, strict=True):
        description = " ".join(t.description.split())
        click.echo(f"{t.name.ljust(width)}  {kind.ljust(kind_width)}  [{', '.join(t.formats)}]  "
                   f"{description}")
    if not is_project(Path.cwd()):
        click.echo(f"note: {NO_PROJECT}", err=True)
    elif not own:
        click.echo("note: the project uses these as they ship; `briefgen templates new` copies "
                   "them into templates/ to edit", err=True)


@templates.command("new")
@click.argument("name", required=False)
@click.option("--from", "source", default="briefing-note", show_default=True,
              help="The template to copy (the project's, else a packaged one).")
@reports_errors
def templates_new(name: str | None, source: str) -> None:
    """Copy a template into templates/ to edit.

    With NAME, the template of --from is copied as templates/NAME; without, every
    packaged template is copied under its own name, and the project uses the copies.
    """
    from briefgen.template import PACKAGED, PROJECT_FOLDER, find_template, packaged_templates

    folder = Path(PROJECT_FOLDER)
    if name is None:
        copies = [(t, t.name) for t in packaged_templates()]
    elif not name or name in (".", "..") or any(c in name for c in "/\\:\0"):
        raise SpecError(f"a template name is a plain folder name, not {name!r}", "NAME")
    else:
        copies = [(find_template(source, Path.cwd()), name)]
    for _original, new_name in copies:
        target = folder / new_name
        if target.exists():
            raise BriefgenError("already exists; choose another name (`briefgen templates new "
                                "NAME --from TEMPLATE`)", str(target))
    readme = folder / "README.md"
    if not readme.exists() and (PACKAGED / "README.md").is_file():
        folder.mkdir(exist_ok=True)
        _copy(PACKAGED / "README.md", readme)
    for original, new_name in copies:
        target = folder / new_name
        _copy(original.path, target)
        click.echo(f"created {target} from {original.kind} template {original.name}; edit "
                   f"{target / 'template.yaml'} and its files (see {readme})")


def _copy(source: Path, target: Path) -> None:
    """A file or a template folder copied; links inside it stay links, never their targets."""
    import shutil

    if source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copyfile(source, target)


@cli.command()
@click.argument("spec_path", metavar="SPEC", type=click.Path(path_type=Path, dir_okay=False,
                                                            exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1; 0 picks a free one.")
@click.option("--no-browser", is_flag=True, help="Print the URL only; open no browser.")
@click.option("--by", "reviewer", help="Reviewer's name, filled in on the page "
              "[default: $BRIEFGEN_REVIEWER, else your login name]")
@reports_errors
def review(spec_path: Path, port: int, no_browser: bool, reviewer: str | None) -> None:
    """Review a brief in a browser page and sign it off.

    Decisions are written into the spec (its comments and layout kept) and the brief is
    rebuilt. The page is served on 127.0.0.1 only; Ctrl-C stops.
    """
    from briefgen.review.server import serve

    try:
        server = serve(spec_path, port, reviewer)
    except OSError as exc:
        raise BriefgenError(f"cannot listen on 127.0.0.1:{port}: {os_reason(exc)}",
                            "--port") from exc
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"briefgen review: {url}  (Ctrl-C stops)", err=False)
    sys.stdout.flush()
    if not no_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    finally:
        server.server_close()
