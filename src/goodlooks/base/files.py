"""Reading and writing files safely.

Reading: a file is opened without blocking and checked before a byte is read: it must be a
regular file (a FIFO would hang, a device would never end) and within a size limit, so a 3 GB
file is refused at once instead of filling memory. The read itself is bounded too.

Writing: a crash or Ctrl-C never leaves a file half-written (temporary file in the same
folder, fsync, rename). A symbolic link is written through to its target, so the link stays a
link; a device, FIFO or folder is never replaced, and a file replaced keeps permissions no wider
than it had. Temporary names are short, so long file names work. A writer holds a lock on its
temporary file until it is renamed, so a temporary file nobody holds was left by a killed run
and is removed when that file is next written (`remove_leftovers`), by any writer.
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
from goodlooks.base.paths import check_name

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: leftovers are removed without asking who holds them
    fcntl = None  # type: ignore[assignment]

TEMPORARY_SUFFIX = ".tmp"
STANDARD_INPUT = "-"
"""The file name that means standard input, wherever a file is read."""
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


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


def write_atomic(path: Path, text: str | Sequence[bytes], *, private: bool = True,
                 tidy: bool = False) -> None:
    """Replace `path` with `text` in one step: temporary file in the same folder, fsync, rename.

    `text` is a string, or UTF-8 chunks written one after another (so a large file made of
    parts need not be joined in memory first). A symbolic link is written through to its
    target. `private` files (results) are readable by their owner only; others are readable by
    all, unless the file they replace was narrower (a 0600 file stays 0600). `tidy` first
    removes temporary files a killed run left beside it. A folder that cannot be written to is
    a `UsageError` naming the file.
    """
    target = write_target(path)
    if tidy:
        remove_leftovers(target)
    try:
        _replace(target, text, _mode(target, private))
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
    """Remove temporary files that a killed run left beside `path`; how many. A temporary file
    a live writer holds (its lock is taken until it is renamed) is left alone, so this is safe
    at any time, from any command."""
    target = write_target(path)
    removed = 0
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f"{temporary_prefix(target)}*{TEMPORARY_SUFFIX}"):
            with contextlib.suppress(OSError):
                removed += _remove_if_abandoned(leftover)
    return removed


def _remove_if_abandoned(leftover: Path) -> int:
    """Unlink `leftover` if no writer holds it (checked under its lock, so a writer starting
    at that moment finds its file gone and makes another); 1 if it was removed."""
    if fcntl is None:  # pragma: no cover - no advisory locks to ask
        leftover.unlink()
        return 1
    descriptor = os.open(leftover, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return 0
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live writer holds it
            return 0
        if not names_open_file(descriptor, leftover):
            return 0
        leftover.unlink()
        return 1
    finally:
        os.close(descriptor)


def names_open_file(descriptor: int, path: Path) -> bool:
    """Whether `path` is still the file open as `descriptor` (not removed or replaced since)."""
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _mode(target: Path, private: bool) -> int:
    """0600 for private files; else 0644, but never wider than the file being replaced had."""
    if private:
        return 0o600
    try:
        before = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o644
    return (before & 0o644) | 0o600


def _temporary(folder: Path, prefix: str) -> tuple[int, str]:
    """A new temporary file in `folder`, open and locked by this process until it is closed."""
    for _ in range(10):
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=TEMPORARY_SUFFIX)
        if fcntl is None:  # pragma: no cover
            return handle, temporary
        fcntl.flock(handle, fcntl.LOCK_EX)
        if names_open_file(handle, Path(temporary)):  # not taken for a leftover before it was locked
            return handle, temporary
        os.close(handle)
    raise OSError(f"could not make a temporary file in {folder}")  # pragma: no cover


def _replace(path: Path, text: str | Sequence[bytes], mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _temporary(path.parent, temporary_prefix(path))
    try:
        with os.fdopen(handle, "wb", closefd=False) as stream:
            for chunk in [text.encode("utf-8")] if isinstance(text, str) else text:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if fcntl is None:  # pragma: no cover - Windows cannot rename a file that is open
            os.close(handle)
            handle = -1
        os.replace(temporary, path)  # still locked: nobody takes it for a leftover
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    finally:
        if handle >= 0:
            os.close(handle)
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
