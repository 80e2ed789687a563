"""Reading a results file whose bank copy has been read before, without parsing the copy again.

The bank copy is most of a results file, and a workshop's files (or a national body's
thousands) carry the same few copies. goodlooks writes the copy compactly on one line after
`"definition": ` (see `store.results_chunks`), so that line's text (up to a comma ending it),
once parsed strictly, is remembered with its value. A later file holding the same text there is parsed with a stand-in
in its place, and the remembered value is put back where the stand-in lands.

Why this reads exactly what a full parse would: a parser reading left to right is in the same
state at the same offset of two texts that agree up to it. The text before the line ends in
`": `, so at that offset the parser either expects a value or is inside a string. Inside a
string, the stand-in's quote would end the string and its backslash would then be a syntax
error; expecting a value, the remembered text is one complete JSON value (an object ends at its
own closing brace) and the stand-in is another, so both leave the parser in the same state. The
stand-in is then checked to have landed at `bank.definition`, where the copy belongs. Anything
else (another layout, a damaged file, a limit passed) returns None, and the caller parses the
whole text strictly, which finds and locates whatever is wrong.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

KEY = '"definition": '
KEPT = 8
"""Bank copies remembered at once (a combine of several banks' files is refused anyway)."""
_STAND_IN_JSON = '"\\u0000goodlooks: a bank copy read before"'
_STAND_IN = "\x00goodlooks: a bank copy read before"
_known: OrderedDict[str, tuple[dict[str, Any], int]] = OrderedDict()
"""The copy's text -> (its value, how deeply it nests). Values are shared between files: never
edit one in place (goodlooks never edits a bank definition; a new bank is a new definition)."""


def parse_quickly(text: str, loads: Callable[[str], Any], depth_of: Callable[[Any], int],
                  max_depth: int) -> Any | None:
    """`text` parsed by `loads`, with its bank copy taken from (or added to) those read before;
    None when the file is not laid out as goodlooks writes it or anything in it is refused."""
    start = text.find(KEY)
    end = text.find("\n", start) if start >= 0 else -1
    if end < 0:
        return None
    start += len(KEY)
    if text[end - 1] == ",":  # more of the bank record follows on the next lines
        end -= 1
    piece = next((piece for piece in reversed(_known)  # compared in place: no copy, no hash
                  if len(piece) == end - start and text.startswith(piece, start)), None)
    try:
        if piece is None:
            piece = text[start:end]
            value = loads(piece)
            if not isinstance(value, dict):
                return None
            known = (value, depth_of(value))
        else:
            known = _known[piece]
        shell = loads(text[:start] + _STAND_IN_JSON + text[end:])
    except (ValueError, RecursionError):  # the whole parse says what and where
        return None
    bank = shell.get("bank") if isinstance(shell, dict) else None
    if not isinstance(bank, dict) or bank.get("definition") != _STAND_IN:
        return None
    if max(depth_of(shell), 2 + known[1]) > max_depth:
        return None
    bank["definition"] = known[0]
    _known[piece] = known
    _known.move_to_end(piece)
    if len(_known) > KEPT:
        _known.popitem(last=False)
    return shell


def is_known(definition: object) -> bool:
    """Whether `definition` is a remembered bank copy's value (the same object)."""
    return any(value is definition for value, _ in _known.values())
