"""What to do when standard output cannot be written.

A reader that goes away (`goodlooks profile F | head`) is normal: the run ends quietly with
exit 0. A full disk or a broken device under a redirect (`goodlooks schema > /dev/full`) is
said plainly, exit 2, instead of being reported as a bug.
"""

from __future__ import annotations

import errno
import os
import sys

from goodlooks.base.errors import ExitCode

_WRITE_FAILURES = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EROFS}


def stdout_failed(error: OSError) -> int | None:
    """The exit code for a failed write to standard output (after saying so, when it matters),
    or None when `error` is not such a failure."""
    if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
        _silence(sys.stdout)
        return ExitCode.OK
    if error.errno not in _WRITE_FAILURES:
        return None
    _silence(sys.stdout)
    try:
        print(f"goodlooks could not write its output: {error.strerror or error}. "
              "Free some space, or send the output somewhere else.", file=sys.stderr, flush=True)
    except OSError:
        pass
    return ExitCode.USAGE


def _silence(stream: object) -> None:
    """Point the stream's descriptor at /dev/null, so Python's own flush at exit does not fail
    a second time with "Exception ignored"."""
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # e.g. a test's in-memory stream
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def flush_stdout() -> int | None:
    """Flush what is still buffered; the exit code if that fails (see `stdout_failed`)."""
    try:
        sys.stdout.flush()
    except OSError as error:
        return stdout_failed(error)
    return None
