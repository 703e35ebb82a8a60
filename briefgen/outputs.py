"""Writing outputs safely: a temporary file in the same folder renamed over the old one, a lock
per spec so two builds never interleave, and the temporary files of a killed build removed.

A build killed at any moment (SIGKILL included) leaves either the previous
output or the new one in place, never a mix: `os.replace` is atomic on one file
system, and the temporary file lives in the output folder for that reason.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefgen.errors import BriefgenError, OutputError, os_reason

SLOW_WRITE = "BRIEFGEN_TEST_SLOW_WRITE"  # seconds to pause mid-write; for the kill tests only


class Busy(BriefgenError):
    """Another build of the same spec held the lock for longer than we were willing to wait."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    os.replace(_stage(path, data), path)
    _sync_folder(path.parent)


def write_all(files: dict[Path, bytes]) -> None:
    """Write several outputs all or none: every temporary file first, then the renames.

    A full disk or a failed write stops before any rename, so the previous outputs all
    stay; only a kill between two renames can leave some old and some new (each whole).
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(path, data), path))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, path in staged:
        os.replace(temp, path)
    for folder in dict.fromkeys(path.parent for path in files):
        _sync_folder(folder)


def _stage(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `path`, on disk, with `path`'s permissions."""
    import tempfile  # not at the top: the no-op build imports this module and writes nothing

    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write: {os_reason(exc)}", str(path)) from exc
    pause = float(os.environ.get(SLOW_WRITE) or 0)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data[: len(data) // 2])
            if pause:
                stream.flush()
                time.sleep(pause)
            stream.write(data[len(data) // 2 :])
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode(path))
    except BaseException as exc:  # Ctrl-C included: the temporary file goes, the old output stays
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # disk full, no permission: one line naming the output
            raise OutputError(f"cannot write: {os_reason(exc)}; the previous "
                              "version is kept", str(path)) from exc
        raise
    return Path(temp)


def _mode(path: Path) -> int:
    """Keep an existing output's permissions; a new one gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power cut after a build keeps the new file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def leftover_temps(folder: Path, names: list[str]) -> list[Path]:
    """Temporary files that `write_atomic` left for `names` when its process was killed."""
    if not names:
        return []
    pattern = re.compile(
        r"\.(?:%s)\.[A-Za-z0-9_]{8}\.tmp" % "|".join(re.escape(n) for n in names)  # noqa: UP031
    )
    try:
        found = os.listdir(folder)
    except OSError:
        return []
    return [folder / name for name in sorted(found) if pattern.fullmatch(name)]


def remove_leftovers(folder: Path, names: list[str]) -> list[Path]:
    """Delete the leftovers of a killed build; call only while holding the spec's lock."""
    removed = leftover_temps(folder, names)
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


@contextmanager
def locked(lock_file: Path, wait: float) -> Iterator[None]:
    """Hold the spec's lock; wait up to `wait` seconds for another build to finish, then give up."""
    from filelock import FileLock, Timeout

    lock = FileLock(lock_file, timeout=max(wait, 0))
    try:
        lock.acquire()
    except Timeout:
        raise Busy(
            f"another briefgen build is writing these outputs (lock {lock_file.name} held for "
            f"{wait:g} s); skipped, run again later or raise --wait",
            str(lock_file.parent),
        ) from None
    try:
        yield
    finally:
        lock.release()
