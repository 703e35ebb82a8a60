"""A bad command line in one line of briefgen's words: `error: briefgen build: ...`, exit 2.

click's own report of a usage error is several lines of click's wording (usage, a hint,
"Error: ..."). The command classes here catch its errors where they are raised and say
what is wrong from what click knows (the parameter, its type, the option typed), never
from click's message.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import click

_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class Refused(click.ClickException):
    """A usage error already in briefgen's words: printed as one line, exit code 2."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.message}", err=True)


class _Extra(click.UsageError):
    def __init__(self, extra: Sequence[str], ctx: click.Context) -> None:
        super().__init__("", ctx)
        self.extra = list(extra)


class _NoCommand(click.UsageError):
    def __init__(self, name: str, ctx: click.Context) -> None:
        super().__init__("", ctx)
        self.name = name


class Command(click.Command):
    """A command that reports arguments left over as one of its own usage errors."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as exc:
            exc.ctx = exc.ctx or ctx  # the parser's own errors know no command
            raise
        finally:
            ctx.allow_extra_args = allowed
        if ctx.args and not allowed:
            raise _Extra(ctx.args, ctx)
        return rest


class Group(click.Group):
    """A group whose commands and subgroups are these classes; at the top, every usage error
    of the command line becomes one line in briefgen's words."""

    command_class = Command
    group_class = type  # subgroups: this class

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            exc.ctx = exc.ctx or ctx
            raise

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise _NoCommand(name, ctx)
        return super().resolve_command(ctx, args)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        argv = list(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            if parent is not None or isinstance(exc, _NO_ARGS_IS_HELP):
                raise
            raise Refused(words(exc, argv)) from None
        ctx.meta.setdefault("briefgen.argv", argv)
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if ctx.parent is not None or isinstance(exc, _NO_ARGS_IS_HELP):
                raise
            raise Refused(words(exc, ctx.meta.get("briefgen.argv", []))) from None


def words(exc: click.UsageError, argv: list[str]) -> str:
    """What is wrong with the command line `argv`, in briefgen's words."""
    ctx = exc.ctx
    path = ctx.command_path if ctx else "briefgen"
    hint = f" (see '{path} --help')"
    command = ctx.command if ctx else None
    if isinstance(exc, _NoCommand) and isinstance(command, click.Group) and ctx:
        names = command.list_commands(ctx)
        near = difflib.get_close_matches(exc.name, names, n=1)
        known = f" (did you mean '{near[0]}'?)" if near else f" (commands: {', '.join(names)})"
        return f"{path}: no command '{exc.name}'{known}"
    if isinstance(exc, _Extra):
        plural = "s" if len(exc.extra) > 1 else ""
        return f"{path}: unexpected argument{plural} {' '.join(map(repr, exc.extra))}{hint}"
    if isinstance(exc, click.NoSuchOption):
        near = f" (did you mean {exc.possibilities[0]}?)" if exc.possibilities else hint
        return f"{path} has no option {exc.option_name}{near}"
    if isinstance(exc, click.BadOptionUsage):
        option = _option(command, exc.option_name)
        takes = "takes no value" if option is not None and option.is_flag else "needs a value"
        return f"{path}: {exc.option_name} {takes}{hint}"
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        return f"{path} needs {_name(exc.param)}{hint}"
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        value = _given(argv, exc.param, command)
        shown = f", not {value!r}" if value is not None else ""
        return f"{path}: {_name(exc.param)} must be {_expected(exc.param.type)}{shown}"
    return f"{path}: not a valid command line{hint}"


def _name(param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def _option(command: click.Command | None, name: str) -> click.Option | None:
    for param in command.params if command else []:
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _expected(kind: click.ParamType) -> str:
    """What a parameter of this type takes, as a user would say it."""
    if isinstance(kind, click.Choice):
        return "one of " + ", ".join(map(str, kind.choices))
    if isinstance(kind, (click.IntRange, click.FloatRange)):
        noun = "a whole number" if isinstance(kind, click.IntRange) else "a number"
        bounds = []
        if kind.min is not None:
            bounds.append(f"{'above' if kind.min_open else 'at least'} {kind.min}")
        if kind.max is not None:
            bounds.append(f"{'below' if kind.max_open else 'at most'} {kind.max}")
        return f"{noun} of {' and '.join(bounds)}" if bounds else noun
    if isinstance(kind, click.Path):
        what = "a folder" if not kind.file_okay else "a file" if not kind.dir_okay else \
            "a file or folder"
        return f"{what} that exists" if kind.exists else what
    return {"integer": "a whole number", "float": "a number"}.get(kind.name, f"a {kind.name}")


def _given(argv: list[str], param: click.Parameter,
           command: click.Command | None) -> str | None:
    """The value typed for `param`: after its option, or, for an argument naming a path that
    must exist, the one word typed that names nothing."""
    words = iter(argv)
    if isinstance(param, click.Option):
        for word in words:
            for opt in param.opts:
                if word == opt:
                    return next(words, None)
                if word.startswith(opt + "="):
                    return word[len(opt) + 1 :]
        return None
    if isinstance(param.type, click.Path) and param.type.exists:
        missing = [word for word in _positional(argv, command) if not Path(word).exists()]
        return missing[0] if len(missing) == 1 else None
    return None


def _positional(argv: list[str], command: click.Command | None) -> list[str]:
    """The words of `argv` that are not options or option values (nor command names)."""
    found: list[str] = []
    words = iter(argv)
    for word in words:
        if word.startswith("-"):
            option = _option(command, word.split("=")[0])
            if "=" not in word and option is not None and not option.is_flag:
                next(words, None)
        elif not (isinstance(command, click.Command) and word == command.name):
            found.append(word)
    return found
