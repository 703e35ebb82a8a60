"""`briefgen speeches`: list the corpus with what is missing or guessed; add, rename and
remove speeches, keeping the specs in config/ in step."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefgen.cli.common import reports_errors
from briefgen.cli.usage import Group
from briefgen.errors import BriefgenError, SpecError
from briefgen.places import SPEECH_SUFFIXES, shown

FOLDER_OPTION = click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False),
                             default="speeches", show_default=True, help="The speeches folder.")


class _ListByDefault(Group):
    """`briefgen speeches [DIR]` lists; `briefgen speeches add FILE...` adds."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ListByDefault)
def speeches() -> None:
    """List the speeches (default); add, rename or remove them.

    The specs in config/ beside the speeches folder are kept in step: a renamed
    speech is renamed in them, a removed one taken out of them.
    """


@speeches.command("add")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--id", "pattern", metavar="ID|PATTERN",
              help="The new speech's id; for several files a pattern of {stem}, {date}, "
              "{year}, {speaker}, {organisation}, {title}, {n}, e.g. '{date}-{stem}'.")
@FOLDER_OPTION
@reports_errors
def speeches_add(files: tuple[Path, ...], pattern: str | None, folder: Path) -> None:
    """Copy speech files in, each with metadata to check.

    Each file gets a NAME.yaml beside it with what its header says (title, speaker, role,
    organisation, event, date, place, language) and a proposed short_title, every value
    marked "please check". A file already in the folder (same content) is not added twice.
    """
    from briefgen.corpus.add import add_speech, corpus_digests

    if pattern and len(files) > 1 and "{" not in pattern:
        raise SpecError("--id: several files need a pattern such as '{date}-{stem}' or "
                        "'{stem}' (one id names one speech)", "--id")
    known = corpus_digests(folder)
    failed = False
    for n, source in enumerate(files, 1):
        try:
            target, sidecar = add_speech(source, folder, pattern, n, known)
        except BriefgenError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        click.echo(f"added {shown(target)}; check the metadata marked 'please check' in "
                   f"{shown(sidecar)}")
    if failed:
        sys.exit(1)


@speeches.command("list")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default="speeches")
@reports_errors
def speeches_list(folder: Path) -> None:
    """List the speeches with what is missing or guessed.

    MISSING: fields a brief needs that nobody gave (title, short_title, speaker or
    organisation, event, date). GUESSED: fields read from the text and not yet
    checked (no sidecar gives them, or its comment still says "please check").
    """
    from briefgen.corpus import find_speeches, load_speech

    if not folder.is_dir():
        raise BriefgenError("no such folder", str(folder))
    rows = [("ID", "DATE", "SPEAKER", "TITLE", "WORDS", "MISSING", "GUESSED")]
    failed = False
    for path in find_speeches(folder):
        try:
            speech = load_speech(path)
        except BriefgenError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        meta = speech.metadata
        rows.append((speech.id, meta.date or "-", _cut(meta.speaker or meta.organisation, 28),
                     _cut(meta.title, 40), str(speech.words), ", ".join(meta.missing()) or "-",
                     ", ".join(sorted(meta.detected)) or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    if failed:
        sys.exit(1)


def _cut(text: str | None, width: int) -> str:
    if not text:
        return "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def _speech_file(folder: Path, speech_id: str) -> Path:
    """The speech file of `speech_id` in `folder`, or an error naming the ids there are."""
    from briefgen.corpus import find_speeches

    found = [p for p in find_speeches(folder) if p.stem == speech_id] if folder.is_dir() else []
    if not found:
        raise SpecError(f"no speech {speech_id!r} in {shown(folder)} (`briefgen speeches` "
                        "lists them)", "ID")
    if len(found) > 1:
        raise SpecError(f"several files are speech {speech_id!r}: "
                        f"{', '.join(p.name for p in found)}; rename one by hand", "ID")
    return found[0]


def _apply(specs: list, files: list[tuple[Path, Path | None]]) -> None:
    """Write the specs' edits, then move (or, to None, delete) the files; or change nothing
    and exit 1 when an edit would break a spec."""
    problems = [line for spec in specs for line in spec.problems]
    if problems:
        for line in problems:
            click.echo(f"error: {line}", err=True)
        click.echo("error: nothing changed", err=True)
        sys.exit(1)
    for spec in specs:
        if spec.edits:
            spec.path.write_text(spec.edited(), encoding="utf-8")
            for line in spec.done:
                click.echo(f"{shown(spec.path)}: {line}")
    for source, target in files:
        if target is None:
            source.unlink()
            click.echo(f"removed {shown(source)}")
        else:
            source.rename(target)
            click.echo(f"renamed {shown(source)} to {shown(target)}")


@speeches.command("rename")
@click.argument("old")
@click.argument("new")
@FOLDER_OPTION
@reports_errors
def speeches_rename(old: str, new: str, folder: Path) -> None:
    """Rename a speech, in its files and in every spec.

    OLD is the speech's id (its file name without suffix). In config/*.yaml the speech's
    entry and every section's `from:` are edited in place, comments kept.
    """
    from briefgen.corpus.add import speech_id
    from briefgen.model import Metadata
    from briefgen.speechrefs import project_specs, rename_in_specs

    source = _speech_file(folder, old)
    if speech_id(new, source, Metadata(), 1) != new:
        raise SpecError(f"{new!r} is not a plain id: use letters, digits, '.', '_', '-'", "NEW")
    target = source.with_name(new + source.suffix)
    sidecar = source.with_suffix(".yaml")
    moves: list[tuple[Path, Path | None]] = [(source, target)]
    if sidecar.is_file():
        moves.append((sidecar, target.with_suffix(".yaml")))
    clash = [t for _s, t in moves if t is not None and t.exists()] + [
        p for p in (folder.glob(f"{new}.*")) if p.suffix.lower() in SPEECH_SUFFIXES]
    if clash:
        raise BriefgenError("already exists; choose another id", shown(clash[0]))
    _apply(rename_in_specs(project_specs(folder), source, target), moves)


@speeches.command("remove")
@click.argument("speech_id", metavar="ID")
@FOLDER_OPTION
@reports_errors
def speeches_remove(speech_id: str, folder: Path) -> None:
    """Remove a speech, its files and its place in every spec.

    Its entry under `speeches:` and its place in sections' `from:` lists are deleted from
    config/*.yaml, comments kept; a spec that would be left broken (a section drawing on
    this speech alone) is named and nothing is changed.
    """
    from briefgen.speechrefs import project_specs, remove_from_specs

    source = _speech_file(folder, speech_id)
    sidecar = source.with_suffix(".yaml")
    files: list[tuple[Path, Path | None]] = [(source, None)]
    if sidecar.is_file():
        files.append((sidecar, None))
    _apply(remove_from_specs(project_specs(folder), source), files)
