"""Render the slow formats in worker processes that load their libraries while the brief is made.

Importing WeasyPrint takes about 0.6 s, longer than importing briefgen's pipeline, reading
the speeches and extracting the sections. So the PDF renders in a worker process, forked
before any of that (`briefgen build` guesses the formats from the spec's text), which
imports WeasyPrint meanwhile and then lays out the HTML it is sent (the build makes the HTML
with Jinja while the worker is still importing); the DOCX renders in the build's own
process at the same time.

Every format renders from the brief as assembled: the warnings a renderer adds (a
missing glyph in the PDF) are collected afterwards in the order of the formats, so an
output never depends on which format was rendered first, or where. Where forking is not
possible or not safe (not Linux, other threads running, one core), the formats render in
this process, one after the other, to the same bytes.
"""

from __future__ import annotations

import dataclasses
import importlib
import multiprocessing
import os
import sys
import threading
import traceback
from contextlib import suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType

from briefgen.errors import BriefgenError, RenderError
from briefgen.model import Brief
from briefgen.render import FORMATS, make_source, render
from briefgen.template import Template


class Renderers:
    """Renders a brief in each format; slow formats in processes started at construction.

    `formats`: those to start workers for (none: everything renders in this process). A
    format rendered without a worker renders here, so a wrong guess costs only time.
    """

    def __init__(self, formats: list[str]) -> None:
        self.workers: dict[str, tuple[BaseProcess, Connection]] = {}
        if can_fork():
            for fmt in dict.fromkeys(formats):
                if fmt in FORMATS and FORMATS[fmt].worker:
                    ours = [connection for _process, connection in self.workers.values()]
                    self.workers[fmt] = _start(fmt, ours)

    def render(self, brief: Brief, template: Template, formats: list[str]) -> dict[str, bytes]:
        """Every format's bytes, in the order given; the renderers' warnings go to `brief`.

        A format that reads another's output (Format.after: the DOCX, the PDF's page
        numbers) renders once that output is here; an error is raised in the formats' order.
        """
        assembled = list(brief.warnings)
        failed: dict[str, BriefgenError] = {}
        for fmt in formats:
            if fmt in self.workers:
                try:
                    message = (brief, template, make_source(brief, template, fmt))
                except BriefgenError as exc:  # a template error in the PDF's HTML
                    failed[fmt] = exc
                    continue
                with suppress(OSError):  # a worker that died is reported when it is read
                    self.workers[fmt][1].send(message)
        results: dict[str, bytes] = {}
        added: dict[str, list[str]] = {}
        for fmt in sorted(formats, key=lambda f: FORMATS[f].after in formats):
            after = FORMATS[fmt].after
            if after in failed and fmt not in failed:  # its input failed: so does it
                failed[fmt] = failed[after]
            if fmt in failed:
                continue
            try:
                if fmt in self.workers:
                    results[fmt], warnings = self._receive(fmt)
                else:
                    copy = dataclasses.replace(brief, warnings=list(assembled))
                    results[fmt] = render(copy, template, fmt, results.get(after or ""))
                    warnings = copy.warnings
            except BriefgenError as exc:
                failed[fmt] = exc
                continue
            added[fmt] = warnings[len(assembled):]
        for fmt in formats:
            if fmt in failed:
                raise failed[fmt]
        brief.warnings[:] = assembled + [w for fmt in formats for w in added[fmt]]
        return {fmt: results[fmt] for fmt in formats}

    def _receive(self, fmt: str) -> tuple[bytes, list[str]]:
        """A worker's output and warnings, or its error raised here."""
        process, connection = self.workers.pop(fmt)
        try:
            status, *reply = connection.recv()
        except EOFError:
            process.join()
            raise RenderError(f"the {fmt} renderer stopped unexpectedly "
                              f"(exit code {process.exitcode})") from None
        finally:
            connection.close()
        process.join()
        if status == "error":
            raise reply[0]
        if status == "bug":
            raise RuntimeError(f"the {fmt} renderer failed: {reply[0]}")
        return reply[0], reply[1]

    def close(self) -> None:
        """Stop the workers whose output is not wanted (up to date, a failure elsewhere).

        A worker holds no lock and writes no file, so stopping it at once loses nothing.
        """
        for process, connection in self.workers.values():
            process.terminate()
            process.join()
            connection.close()
        self.workers.clear()

    def __enter__(self) -> Renderers:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def can_fork() -> bool:
    """Whether a worker may be forked: Linux, this thread alone, a second core to run it on."""
    if sys.platform != "linux" or threading.active_count() > 1:
        return False
    if multiprocessing.parent_process() is not None:
        return False  # a worker of `build --jobs`: the other cores build the other specs
    return len(os.sched_getaffinity(0)) > 1


def _start(fmt: str, ours: list[Connection]) -> tuple[BaseProcess, Connection]:
    """Fork a worker for `fmt`; it imports the renderer at once, then waits for the brief.

    `ours`: this process's ends of the pipes to earlier workers, which the new one closes.
    """
    mine, theirs = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_serve, args=(fmt, theirs, [mine, *ours]), name=f"briefgen-{fmt}", daemon=True
    )
    process.start()
    theirs.close()
    return process, mine


def _serve(fmt: str, connection: Connection, builds_ends: list[Connection]) -> None:
    """The worker: load the renderer, render the brief sent, send back bytes and warnings."""
    for end in builds_ends:
        end.close()  # so that the end of the build (or a killed build) ends every wait
    try:
        with suppress(Exception):  # an import error is reported by render(), below
            importlib.import_module(FORMATS[fmt].module)
        brief, template, source = connection.recv()
    except (EOFError, KeyboardInterrupt):
        return
    try:
        reply: tuple[object, ...] = ("ok", render(brief, template, fmt, source), brief.warnings)
    except BriefgenError as exc:
        reply = ("error", exc)
    except KeyboardInterrupt:
        return
    except Exception as exc:  # a bug: the traceback goes to stderr, the build reports it
        traceback.print_exc()
        first_line = (str(exc).strip().splitlines() or [""])[0][:200]
        reply = ("bug", f"{type(exc).__name__}: {first_line}")
    with suppress(OSError):  # the build stopped waiting: another format failed, or a kill
        connection.send(reply)
