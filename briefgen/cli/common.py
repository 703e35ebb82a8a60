"""What every `briefgen` command shares: expected problems as one line and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

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
