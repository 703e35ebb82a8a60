"""Expected failures: printed as one line naming the place, never as a traceback."""

from __future__ import annotations

import errno


class BriefgenError(Exception):
    """A problem with the user's input or environment; `exit_code` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.others: list[BriefgenError] = []  # further problems found in the same pass

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def lines(self) -> list[str]:
        """One line per problem, this one first: users fix them all in one go."""
        return [str(self), *(str(other) for other in self.others)]


class SpecError(BriefgenError):
    """A bad spec or command line: exit code 2."""

    exit_code = 2


class SpeechError(BriefgenError):
    """A speech that cannot be read."""


class TemplateError(BriefgenError):
    """A template that cannot be loaded or rendered."""


class RenderError(BriefgenError):
    """An output that could not be produced."""


class OutputError(BriefgenError):
    """An output that could not be written: no permission, disk full, a file in the way."""


_OS_REASONS = {
    errno.EACCES: "no permission",
    errno.EPERM: "not permitted (the file or folder is locked)",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENOENT: "no such file or folder",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.EEXIST: "something of that name is in the way",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ELOOP: "too many symbolic links",
    errno.EMFILE: "too many files open",
    errno.EIO: "the disk reported an input/output error",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in briefgen's words (the same on every system and locale)."""
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    code = errno.errorcode.get(exc.errno or 0)
    return f"the system refused ({code})" if code else f"the system refused ({type(exc).__name__})"
