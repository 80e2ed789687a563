"""File names as goodlooks takes them: from options, and from inside files that may be hostile.

A name no file can have (a NUL, a part over 255 bytes) is refused with one clear message instead
of an operating-system error; a path read from a file is only looked at, never trusted
(`is_regular_file` answers False for anything odd); and no command writes over one of the files
it reads (`refuse_own_input`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from goodlooks.base.errors import UsageError

NAME_MAX = 255
"""The longest name of one file or folder, in bytes (Linux, macOS and Windows file systems)."""
PATH_MAX = 4096
"""The longest whole path the operating system takes, in bytes."""


def _bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogateescape"))


def name_problem(path: Path | str) -> str | None:
    """Why no file can have the name `path` (a NUL, a part over 255 bytes, too long in all), or None."""
    text = str(path)
    if "\0" in text:
        return "it holds a NUL character"
    parts = text.replace("\\", "/").split("/")
    longest = max(parts, key=_bytes, default="")
    if _bytes(longest) > NAME_MAX:
        which = "it is" if len([part for part in parts if part]) == 1 else f"its part {shorten(longest, 20)!r} is"
        return f"{which} {_bytes(longest):,} bytes long, and a file or folder name is at most {NAME_MAX} bytes"
    if _bytes(text) > PATH_MAX:
        return f"it is {_bytes(text):,} bytes long, and a whole path is at most {PATH_MAX:,} bytes"
    return None


def shorten(text: str, keep: int = 40) -> str:
    """A long name cut to its start and end, so a message stays one readable line."""
    return text if len(text) <= 2 * keep else f"{text[:keep]}…{text[-keep:]}"


def check_name(path: Path | str) -> None:
    """Refuse (`UsageError`, exit 2) a file name no file can have."""
    problem = name_problem(path)
    if problem is not None:
        raise UsageError(f"{shorten(str(path))!r} is not a possible file name: {problem}"
                         + ("; choose a shorter one" if "long" in problem else ""))


def is_regular_file(path: Path | str | None) -> bool:
    """Whether `path` names a regular file; False for None, a name no file can have, a missing
    file, a folder, a device, a FIFO or anything that cannot be looked at (a hint from a file
    is checked with this, and never raises)."""
    if not path or name_problem(path) is not None:
        return False
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths are the same existing file (links and other names for it included)."""
    first = _identity(one)
    return first is not None and first == _identity(other)


def refuse_own_input(outputs: Iterable[Path], inputs: Iterable[Path | None], option: str = "--output") -> None:
    """Refuse (`UsageError`) to write any of `outputs` over one of the `inputs` this command reads:
    with --force or without, a person's answers or a bank are never replaced by what was made
    from them."""
    sources = [Path(path) for path in inputs if path is not None]
    for output in outputs:
        for source in sources:
            if same_file(output, source):
                same = "" if str(output) == str(source) else f" (the same file as {source})"
                raise UsageError(f"{output}{same} is one of the files this command reads; choose another "
                                 f"{option}, so it is not overwritten (not even with --force)")
