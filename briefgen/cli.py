"""The `briefgen` command. Expected problems print one line and exit 1 or 2; bugs show a traceback.

Heavy modules (the renderers, WeasyPrint, python-docx) are imported inside the
commands that need them, so `--help`, `extract` and `check` start fast.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from briefgen import __version__
from briefgen.errors import BriefgenError


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Print a BriefgenError as one line on stderr and exit with its code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BriefgenError as exc:
            for line in exc.lines():
                click.echo(f"error: {line}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("error: interrupted (Ctrl-C); every output is whole, the previous or the "
                       "new version; run the command again to finish", err=True)
            sys.exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Turn a folder of speeches into sourced, verbatim briefing notes (DOCX, PDF, ...)."""


@main.command()
@click.argument("speech_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--section", "section_type", required=True, help="Section type, e.g. takeaways.")
@click.option("--actor", help="Whose positions (for --section positions).")
@click.option("--sentences", type=int, default=5, show_default=True, help="For summary.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text",
              show_default=True)
@click.option("--explain", is_flag=True,
              help="Say why each sentence was taken or left (positions), or which words "
                   "announced the list (takeaways, priorities).")
@reports_errors
def extract(speech_file: Path, section_type: str, actor: str | None, sentences: int,
            fmt: str, explain: bool) -> None:
    """Extract one section from one speech file."""
    from briefgen.corpus import load_speech
    from briefgen.extract import params_for, run

    speech = load_speech(speech_file)
    options: dict[str, Any] = {"actor": actor} if actor else {}
    if section_type == "summary":
        options["sentences"] = sentences
    params = params_for(section_type, speech.id, options)
    section = run([speech], params)
    if fmt == "json":
        data = extract_json(speech, section)
        if explain:
            data["explanation"] = [
                {"paragraph": r.paragraph, "text": r.text, "taken": r.taken, "rule": r.rule}
                for r in section.explanation
            ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(extract_text(speech, section))
        if explain:
            click.echo(explanation_text(section))


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


def explanation_text(section: Any) -> str:
    """`--explain`: one line per sentence (or part, or speech): taken or left, and the rule."""
    lines = ["", "why:"]
    for reason in section.explanation:
        where = f"para. {reason.paragraph}" if reason.paragraph is not None else "speech"
        mark = "taken" if reason.taken else "left "
        text = " ".join(reason.text.split())
        text = text if len(text) <= 90 else text[:89] + "…"
        lines.append(f"  {where:>9}  {mark}  {text}\n{'':>20}{reason.rule}")
    if not section.explanation:
        lines.append("  (no reasons recorded for this section type)")
    return "\n".join(lines)


class _ListByDefault(click.Group):
    """`briefgen speeches [DIR]` lists; `briefgen speeches add FILE...` adds."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_ListByDefault)
def speeches() -> None:
    """List the speeches of a folder (default), or add speech files to it."""


@speeches.command("add")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--id", "speech_id", help="The new speech's id (one file only).")
@click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False),
              default="speeches", show_default=True, help="The speeches folder.")
@reports_errors
def speeches_add(files: tuple[Path, ...], speech_id: str | None, folder: Path) -> None:
    """Copy FILES into the speeches folder, each with a NAME.yaml of detected metadata."""
    from briefgen.corpus.add import add_speech

    if speech_id and len(files) > 1:
        raise BriefgenError("--id names one speech; give one file with it", "--id")
    failed = False
    for source in files:
        try:
            target, sidecar = add_speech(source, folder, speech_id)
        except BriefgenError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        click.echo(f"added {target}; check the detected metadata in {sidecar}")
    if failed:
        sys.exit(1)


@speeches.command("list")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default="speeches")
@reports_errors
def speeches_list(folder: Path) -> None:
    """List the speeches in FOLDER with their metadata and what is missing."""
    from briefgen.corpus import find_speeches, load_speech

    if not folder.is_dir():
        raise BriefgenError("no such folder", str(folder))
    rows = [("ID", "DATE", "SPEAKER", "TITLE", "WORDS", "MISSING")]
    failed = False
    for path in find_speeches(folder):
        try:
            speech = load_speech(path)
        except BriefgenError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        meta = speech.metadata
        detected = f" (detected: {', '.join(meta.detected)})" if meta.detected else ""
        rows.append((speech.id, meta.date or "-", _cut(meta.speaker or meta.organisation, 28),
                     _cut(meta.title, 40), str(speech.words),
                     (", ".join(meta.missing()) or "-") + detected))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5]))
        click.echo(f"{cells}  {row[5]}")
    if failed:
        sys.exit(1)


def _cut(text: str | None, width: int) -> str:
    if not text:
        return "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_speech_metadata(path: Path) -> bool:
    """`NAME.yaml` beside a speech `NAME.txt` (or .md, .docx, ...) is its metadata, not a spec
    (unless it has the `sections:` of a spec)."""
    from briefgen.spec import SPEECH_SUFFIXES

    if not any(path.with_suffix(suffix).is_file() for suffix in SPEECH_SUFFIXES):
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(65536)
    except OSError:
        return False
    return re.search(rb"^sections\s*:", head, re.MULTILINE) is None


def spec_files(targets: tuple[Path, ...]) -> list[Path]:
    """The spec files named on the command line; a folder gives every *.yaml spec in it.

    In a folder, the metadata files of speeches (`NAME.yaml` beside `NAME.txt`) are not
    specs: `briefgen build speeches/` says so in one line instead of failing on each.
    """
    from briefgen.errors import SpecError

    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            found = sorted(target.glob("*.yaml"))
            specs = [path for path in found if not _is_speech_metadata(path)]
            if found and not specs:
                raise SpecError("no specs in this folder: its *.yaml files are the metadata of "
                                "the speeches beside them (specs are usually in config/)",
                                str(target))
            if not specs:
                raise SpecError("no *.yaml specs in this folder", str(target))
            files += specs
        elif target.is_file():
            files.append(target)
        else:
            raise SpecError("no such spec file or folder", str(target))
    return files


def _tidy(message: str) -> str:
    """Show paths under the current folder relative to it, as the user typed them."""
    return message.replace(f"{Path.cwd()}/", "")


def _run_each(targets: tuple[Path, ...], step: Callable[[Path], list[str]]) -> None:
    """Run `step` on every spec, printing its lines; exit with the worst code (0, 1 or 2)."""
    from briefgen.build import BuildFailed
    from briefgen.errors import SpecError

    code = 0
    for path in spec_files(targets):
        try:
            lines = step(path)
        except BuildFailed as exc:
            for problem in exc.problems:
                click.echo(f"error: {_tidy(problem)} ({path} not built)", err=True)
            code = max(code, exc.exit_code)
        except SpecError as exc:
            for line in exc.lines():
                click.echo(f"error: {_tidy(line)}", err=True)
            code = max(code, exc.exit_code)
        except BriefgenError as exc:
            click.echo(f"error: {_tidy(str(exc))} ({path} not built)", err=True)
            code = max(code, exc.exit_code)
        else:
            for line in lines:
                click.echo(_tidy(line))
    sys.exit(code)


@main.command()
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Rebuild even when the inputs are unchanged.")
@click.option("--explain", is_flag=True, help="Say why each spec is rebuilt or skipped.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON summary (per spec: status, outputs, warnings, seconds).")
@click.option("--wait", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Seconds to wait for another build of the same spec; then skip it (exit 1).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Specs built at once, in separate processes.  [default: number of CPUs]")
@reports_errors
def build(targets: tuple[Path, ...], force: bool, explain: bool, as_json: bool,
          wait: float, jobs: int | None) -> None:
    """Build the briefs of SPEC files, or of every *.yaml spec in a folder.

    Specs whose inputs (spec, speeches, metadata, template, briefgen) are unchanged
    since their last build are skipped. Exit 0 when all built or were up to date,
    1 when one failed (the others still build), 2 for a bad command line or spec.
    """
    from briefgen.report import run_builds

    sys.exit(run_builds(spec_files(targets), force, explain, as_json, wait, jobs))


@main.command()
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--debounce", type=click.IntRange(min=0), default=400, show_default=True,
              help="Milliseconds of quiet before a batch of changes is built.")
@reports_errors
def watch(targets: tuple[Path, ...], debounce: int) -> None:
    """Rebuild SPEC files (or a folder of specs) whenever their inputs change; Ctrl-C stops."""
    from briefgen.watch import watch as watch_specs

    watch_specs(targets, debounce)


@main.command()
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@reports_errors
def check(targets: tuple[Path, ...]) -> None:
    """Validate specs, their speeches and templates; render nothing."""
    from briefgen.build import check as check_spec

    def step(path: Path) -> list[str]:
        notes = check_spec(path)
        return [*(f"{path}: warning: {n}" for n in notes), f"{path}: ok"]

    _run_each(targets, step)


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the schema to this file (e.g. briefgen.schema.json).")
@reports_errors
def schema(output: Path | None) -> None:
    """Print the JSON Schema of specs, for editors' completion and checking."""
    from briefgen.spec import spec_schema

    text = json.dumps(spec_schema(), ensure_ascii=False, indent=2) + "\n"
    click.echo(text, nl=False)
    if output:
        output.write_text(text, encoding="utf-8")


@main.group(invoke_without_command=True)
@click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False),
              default="templates", show_default=True, help="The templates folder.")
@click.pass_context
@reports_errors
def templates(ctx: click.Context, folder: Path) -> None:
    """List the templates: name, formats, description."""
    from briefgen.template import list_templates

    ctx.obj = folder
    if ctx.invoked_subcommand:
        return
    found = list_templates(folder)
    if not found:
        raise BriefgenError("no templates here", str(folder))
    width = max(len(t.name) for t in found)
    for t in found:
        description = " ".join(t.description.split())
        click.echo(f"{t.name.ljust(width)}  [{', '.join(t.formats)}]  {description}")


@templates.command("new")
@click.argument("name")
@click.option("--from", "source", default="briefing-note", show_default=True,
              help="The template to copy.")
@click.pass_obj
@reports_errors
def templates_new(folder: Path, name: str, source: str) -> None:
    """Make template NAME by copying another template's folder."""
    import shutil

    from briefgen.errors import SpecError
    from briefgen.template import find_template

    if not name or name in (".", "..") or any(c in name for c in "/\\:\0"):
        raise SpecError(f"a template name is a plain folder name, not {name!r}", "NAME")
    original = find_template(source, folder)
    target = folder / name
    if target.exists():
        raise BriefgenError("already exists; choose another name", str(target))
    shutil.copytree(original.path, target, symlinks=True)
    click.echo(f"created {target} from {original.name}; edit {target / 'template.yaml'} and its "
               "files (see templates/README.md)")
