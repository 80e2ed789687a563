"""Reading and writing files safely.

Reading: a file is opened without blocking and checked before a byte is read: it must be a
regular file (a FIFO would hang, a device would never end) and within a size limit, so a 3 GB
file is refused at once instead of filling memory. The read itself is bounded too.

Writing: a crash or Ctrl-C never leaves a file half-written (temporary file in the same
folder, fsync, rename). A symbolic link is written through to its target, so the link stays a
link; a device, FIFO or folder is never replaced. Temporary names are short, so long file
names work, and a temporary file left by a killed run is removed when that file is next
opened for writing (`remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from goodlooks.base.errors import GoodlooksError, UsageError

TEMPORARY_SUFFIX = ".tmp"
STANDARD_INPUT = "-"
"""The file name that means standard input, wherever a file is read."""
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_name(path: Path) -> None:
    """Refuse a file name no file can have (the operating system cannot take a NUL in one)."""
    if "\0" in str(path):
        raise UsageError(f"{str(path)!r} is not a possible file name: it holds a NUL character")


def read_limited(path: Path, max_bytes: int, fail: Callable[[str], GoodlooksError], what: str) -> bytes:
    """The bytes of `path`, refusing what is not a regular file or is over `max_bytes` before
    reading it: `fail(problem)` makes the error (the problem does not name the file). A missing
    file is a `UsageError` naming `what`. `-` is standard input, read up to the same limit."""
    if str(path) == STANDARD_INPUT:
        return _read_standard_input(max_bytes, fail, what)
    check_name(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist; give the path of {what}") from None
    except IsADirectoryError:
        raise fail(f"this is a folder, not {what}") from None
    except OSError as error:
        raise fail(f"cannot read it: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise fail(f"this is {kind_of(info.st_mode)}, not {what}; goodlooks reads only "
                       "regular files")
        if info.st_size > max_bytes:
            raise fail(f"{too_large(info.st_size, max_bytes)}; is it the right file?")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as error:
        raise fail(f"cannot read it: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(raw) > max_bytes:  # it grew while being read
        raise fail(f"the file is over the {_limit(max_bytes)} for {what}")
    return raw


_standard_input_read: list[object] = []
"""The standard input streams read so far (one, in a run): a second `-` would find it empty."""


def _read_standard_input(max_bytes: int, fail: Callable[[str], GoodlooksError], what: str) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UsageError(f"there is no standard input to read {what} from")
    if sys.stdin in _standard_input_read:
        raise UsageError("standard input (-) can be read only once; give the other files by name")
    _standard_input_read[:] = [sys.stdin]
    try:
        raw = stream.read(max_bytes + 1)
    except OSError as error:
        raise fail(f"cannot read standard input: {error.strerror or error}") from None
    if len(raw) > max_bytes:
        raise fail(f"standard input is over the {_limit(max_bytes)} for {what}")
    return bytes(raw)


def too_large(size: int, limit: int) -> str:
    """Says a file of `size` bytes is over `limit`, in numbers that never contradict each other:
    the size is rounded up and the limit down, and both are given in bytes as well."""
    return f"the file is {_amount(size, up=True)}, over the {_limit(limit)}"


def _amount(count: int, *, up: bool) -> str:
    if count < 1_000_000:
        return f"{count:,} bytes"
    tenths = math.ceil(count / 100_000) if up else math.floor(count / 100_000)
    return f"{tenths / 10:g} MB ({count:,} bytes)"


def _limit(limit: int) -> str:
    if limit < 1_000_000:
        return f"{limit:,}-byte limit"
    return f"{math.floor(limit / 100_000) / 10:g} MB limit ({limit:,} bytes)"


def write_target(path: Path) -> Path:
    """Where writing `path` really writes: the final target of a symbolic link (so the link
    stays a link), else `path`. Raises `UsageError` for a device, FIFO, socket or folder."""
    path = Path(path)
    check_name(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        raise UsageError(f"{path} is {kind_of(mode)}, not a file; goodlooks never replaces one "
                         "(not even with --force); choose a file name")
    return target


def write_atomic(path: Path, text: str | Sequence[bytes], *, private: bool = True) -> None:
    """Replace `path` with `text` in one step: temporary file in the same folder, fsync, rename.

    `text` is a string, or UTF-8 chunks written one after another (so a large file made of
    parts need not be joined in memory first). A symbolic link is written through to its
    target. `private` files (results) are readable by their owner only. A folder that cannot be
    written to is a `UsageError` naming the file.
    """
    target = write_target(path)
    try:
        _replace(target, text, private)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}; choose a folder you can "
                         "write to") from None


def temporary_prefix(path: Path) -> str:
    """The start of the temporary names used while writing `path`: short whatever the name's
    length (a file name may be 255 bytes, and the temporary one must fit too), and the same
    every time, so leftovers of a killed run can be found."""
    digest = hashlib.sha256(path.name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f".goodlooks-{digest}-"


def remove_leftovers(path: Path) -> int:
    """Remove temporary files that a killed run left beside `path`; how many. Call it only
    while holding the file's lock (`goodlooks.results.lock`), so no live save is disturbed."""
    target = write_target(path)
    removed = 0
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f"{temporary_prefix(target)}*{TEMPORARY_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed


def _replace(path: Path, text: str | Sequence[bytes], private: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path),
                                         suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in [text.encode("utf-8")] if isinstance(text, str) else text:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600 if private else 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(descriptor)
