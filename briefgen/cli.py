"""The `briefgen` command. Expected problems print one line and exit 1 or 2; bugs show a traceback.

Heavy modules (the renderers, WeasyPrint, python-docx) are imported inside the
commands that need them, so `--help`, `extract` and `check` start fast.
"""

from __future__ import annotations

import json
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
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)

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
@reports_errors
def extract(speech_file: Path, section_type: str, actor: str | None, sentences: int,
            fmt: str) -> None:
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


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default="speeches")
@reports_errors
def speeches(folder: Path) -> None:
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
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
    if failed:
        sys.exit(1)


def _cut(text: str | None, width: int) -> str:
    if not text:
        return "-"
    return text if len(text) <= width else text[: width - 1] + "…"
