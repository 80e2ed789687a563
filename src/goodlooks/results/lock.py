"""One writer per results file.

An interview holds an exclusive lock on its results file from start to end, so a second
`goodlooks assess --resume` on the same file is refused (exit 2, naming the process that holds
it) instead of both writing and one silently losing its answers.

The lock is `fcntl.flock` on a small hidden file beside the results file
(`.NAME.goodlooks-lock`, holding the holder's process id); on Windows, which has no flock, it
is `msvcrt.locking` on one byte of that file, far past the process id so that another run can
still read who holds it. The operating system releases either when its process ends, however
it ends, so a lock left by a killed run never blocks: the stale file is simply locked again.
The results file itself cannot carry the lock, because every save replaces it with a new file.

Creating a new results file is a separate step (`claim_new`): `O_CREAT | O_EXCL` makes it
exist-or-fail in one system call, so of two runs started at the same moment with the same
`--output`, exactly one gets the file.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import os
import shlex
import stat
from pathlib import Path

from goodlooks.base.errors import UsageError
from goodlooks.base.files import kind_of, names_open_file, write_target

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # everywhere but Windows
    msvcrt = None  # type: ignore[assignment]

WINDOWS_LOCKED_BYTE = 1 << 30
"""Where msvcrt's lock sits in the lock file: Windows locks are mandatory, so a lock on the
first bytes would stop another run reading the process id written there."""
_HELD: dict[Path, int] = {}


def lock_path(path: Path) -> Path:
    """The lock file for results file `path` (for a link, its target's), short whatever the name."""
    target = Path(os.path.abspath(write_target(path)))
    stem = target.name if len(target.name) <= 200 else hashlib.sha256(target.name.encode()).hexdigest()[:16]
    return target.parent / f".{stem}.goodlooks-lock"


def hold(path: Path) -> None:
    """Take the exclusive lock on `path` for the rest of this process, or raise `UsageError`
    (exit 2) naming the process that holds it. Holding it twice is fine."""
    lock = lock_path(path)
    if lock in _HELD or (fcntl is None and msvcrt is None):
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(10):  # the file may be removed between opening and locking it; then again
        descriptor = _open_lock(lock, path)
        if not _lock(descriptor):
            holder = _holder(descriptor)
            os.close(descriptor)
            raise UsageError(f"{path} is being written by another goodlooks ({holder}); only one "
                             "interview at a time can write a results file. Finish or stop that one "
                             "first, or choose another file.") from None
        if names_open_file(descriptor, lock):  # not removed (released) between opening and locking
            break
        os.close(descriptor)
    else:  # pragma: no cover - only under a storm of releases
        raise UsageError(f"cannot lock {path}; try again")
    os.ftruncate(descriptor, 0)
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.write(descriptor, f"{os.getpid()}\n".encode())
    _HELD[lock] = descriptor


def _lock(descriptor: int) -> bool:
    """Take the exclusive lock on an open lock file without waiting: False if another process
    holds it. flock where the system has it, else (Windows) msvcrt's lock on one byte."""
    if fcntl is not None:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
    os.lseek(descriptor, WINDOWS_LOCKED_BYTE, os.SEEK_SET)
    try:
        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    finally:
        os.lseek(descriptor, 0, os.SEEK_SET)
    return True


def _unlock(descriptor: int) -> None:
    """Give up msvcrt's lock before closing (Windows asks for it); flock goes with the close."""
    if fcntl is None and msvcrt is not None:
        with contextlib.suppress(OSError):
            os.lseek(descriptor, WINDOWS_LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)


def _open_lock(lock: Path, path: Path) -> int:
    """The lock file, opened for writing: never through a symbolic link, and only if it is a
    regular file with no other name (a hard link would write the pid into another file), all
    checked before a byte of it is changed. Each refusal names the lock file and what to do."""
    flags = (os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        descriptor = os.open(lock, flags, 0o600)
    except OSError as error:
        raise UsageError(_lock_problem(lock, path, error)) from None
    info = os.fstat(descriptor)
    problem = None
    if not stat.S_ISREG(info.st_mode):
        problem = f"is {kind_of(info.st_mode)}, not the small file goodlooks keeps there"
    elif info.st_nlink != 1:
        problem = (f"has {info.st_nlink - 1} other name{'s' * (info.st_nlink > 2)} (a hard link to another "
                   "file), so writing it would change that file too")
    if problem is not None:
        os.close(descriptor)
        raise UsageError(f"cannot lock {path}: its lock file {lock} {problem}. goodlooks writes nothing "
                         "through it; remove it (rm " + shlex.quote(str(lock)) + ") and try again.")
    return descriptor


def _lock_problem(lock: Path, path: Path, error: OSError) -> str:
    """What is wrong when the lock file cannot be opened, naming it."""
    where = f"cannot lock {path}: its lock file {lock}"
    remove = f"remove it (rm {shlex.quote(str(lock))}) and try again"
    if error.errno == errno.ELOOP or os.path.islink(lock):
        return f"{where} is a symbolic link, and goodlooks never writes through one there; {remove}."
    if error.errno in (errno.EACCES, errno.EPERM) and os.path.lexists(lock):
        return (f"{where} cannot be opened ({error.strerror}): it belongs to someone else, perhaps left by "
                f"their run. If nobody is writing {path} now, {remove}.")
    if os.path.lexists(lock):  # a folder, say: not a lock file goodlooks made
        return f"{where} is there but cannot be opened ({error.strerror or error}); remove it and try again."
    return (f"{where} cannot be made ({error.strerror or error}); choose a folder you can write to, or "
            "check that this one is not full or read-only")


def _holder(descriptor: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        os.lseek(descriptor, 0, os.SEEK_SET)  # not os.pread: Windows has none
        pid = int(os.read(descriptor, 32).decode("ascii").strip())
        return f"process {pid}"
    return "a process that is just starting"


def create_exclusive(path: Path) -> bool:
    """Create `path` empty, owner-only, in one step that fails if it exists: True if this call
    created it, False if it was already there (even if another run created it a moment ago)."""
    target = write_target(path)  # refuses devices and folders
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}; choose a folder you can "
                         "write to") from None
    os.close(descriptor)
    return True


def claim_new(path: Path, force: bool) -> None:
    """Make `path` this run's new file, or, with `force`, accept an existing regular file.
    Without `force` an existing file is refused (`UsageError`), never overwritten."""
    if force and write_target(path).exists():
        return
    if not create_exclusive(path):
        raise UsageError(f"{path} already exists; choose another --output, add --force to overwrite "
                         f"it, or carry on with it: goodlooks assess --resume {shlex.quote(str(path))}")


def release_all() -> None:
    """Give up every lock this process holds (at the end of a command, and at exit). Each lock
    file is removed while still locked, so nobody is left holding a removed file (`hold`
    checks that the file it locked is still the one on disk). Windows removes no open file:
    there it is unlocked and closed first, then removed."""
    for lock, descriptor in list(_HELD.items()):
        _HELD.pop(lock, None)
        _unlock(descriptor)
        with contextlib.suppress(OSError):
            os.unlink(lock)
        with contextlib.suppress(OSError):
            os.close(descriptor)
        with contextlib.suppress(OSError):
            os.unlink(lock)  # Windows: now that it is closed


atexit.register(release_all)
