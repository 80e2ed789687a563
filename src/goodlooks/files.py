"""Writing files so that a crash or Ctrl-C never leaves one half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from goodlooks.errors import UsageError


def write_atomic(path: Path, text: str, *, private: bool = True) -> None:
    """Replace `path` with `text` in one step: temporary file in the same folder, fsync, rename.

    `private` files (results) are readable by their owner only. A folder that cannot be written
    to is a `UsageError` naming the file.
    """
    path = Path(path)
    try:
        _replace(path, text, private)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}; choose a folder you can "
                         "write to") from None


def _replace(path: Path, text: str, private: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
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
