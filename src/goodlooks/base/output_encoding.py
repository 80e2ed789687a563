"""Output in any encoding: characters the output cannot show are replaced, never a crash.

Windows writes redirected output in its ANSI code page (cp1252 in Britain), and some systems
still run in ASCII. goodlooks draws with `█`, `░`, `→`, `·`, `─` and quotes typographic marks
from the banks; with a strict encoder the first of them ended the command with "unexpected
error". The console entry point (`goodlooks.cli.main`, and only it: importing goodlooks
changes nothing) sets standard output and error to replace instead, with the nearest
characters the encoding has: `#` for a full block, `->` for an arrow, a letter without its
accent, `?` when there is nothing near.
"""

from __future__ import annotations

import codecs
import sys

HANDLER = "goodlooks-nearest"
NEAREST = {
    "█": "#", "▓": "#", "▒": "+", "░": ".", "→": "->", "←": "<-", "↑": "^", "↓": "v", "·": ".", "•": "*",
    "…": "...", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "×": "x",
    "─": "-", "━": "-", "│": "|", "┃": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+", "┌": "+", "┐": "+",
    "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+", "═": "=", "║": "|", "✓": "v",
    "✗": "x", "\u00a0": " ",
}


def nearest(character: str, encoding: str) -> str:
    """What to write for `character` in `encoding`: itself if it can, else the nearest it can,
    else `?`."""
    import unicodedata  # only when something must be replaced: not at every start

    for candidate in (character, NEAREST.get(character), unicodedata.normalize("NFKD", character)):
        if not candidate:
            continue
        shown = "".join(part for part in candidate if not unicodedata.combining(part))
        try:
            shown.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        if shown:
            return shown
    return "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    encoding = error.encoding or "ascii"
    return "".join(nearest(character, encoding) for character in error.object[error.start:error.end]), error.end


def replace_what_cannot_be_shown() -> None:
    """In the console entry point only: standard output and error replace what their encoding
    cannot write (see the module's description)."""
    codecs.register_error(HANDLER, _replace)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=HANDLER)
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass
