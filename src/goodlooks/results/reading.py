"""Reading a results file's JSON strictly: every kind of damage is a located `ResultsError`.

`json.loads` alone lets through, or crashes on, what a damaged or hostile file can hold:
duplicate keys (the last one silently wins), nesting thousands deep (RecursionError), integers
of thousands of digits (ValueError), NaN and Infinity, and lone surrogate escapes (`"\\ud800"`:
half a character, which no terminal or file can show). Here each is refused with the file, a
line and column where one can be known, and what to do.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from itertools import chain
from pathlib import Path
from typing import Any

from goodlooks.base.errors import ResultsError
from goodlooks.base.files import read_limited
from goodlooks.results import known_copies

MAX_RESULTS_BYTES = 64_000_000
"""64 MB, twice the 32 MB a bank file may be: a results file carries a copy of its bank and the
answers. goodlooks never writes a results file over it (`store.save` checks), so whatever it
writes, it reads back."""
MAX_DEPTH = 64
MAX_DIGITS = 30
WHAT = "a goodlooks results file"


class _Refused(ValueError):
    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message, self.offset = message, offset


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    made = dict(pairs)  # at C speed; only an object that lost a key to a duplicate is looked into
    if len(made) == len(pairs):
        return made
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _Refused(f"duplicate key '{key}' in the object that starts here; a results file "
                           "has each key once, so it is damaged or was edited by hand")
        seen.add(key)
    return made  # pragma: no cover - a shorter dict means a key was repeated


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"a number {len(text.lstrip('-'))} digits long; no number in a results file "
                       f"needs more than {MAX_DIGITS}")
    return int(text)


def _decimal(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise _Refused(f"the number {text[:20]} is too large")
    return number


def _constant(name: str) -> Any:
    raise _Refused(f"'{name}' is not a number JSON allows")


def strict_loads(text: str) -> Any:
    """`json.loads`, refusing (with `_Refused`) duplicate keys, overlong integers, NaN and infinities."""
    return json.loads(text, object_pairs_hook=_pairs, parse_int=_integer, parse_float=_decimal,
                      parse_constant=_constant)


_JSON_REASONS = {  # json's own messages, in plain words (some of them end "... at", cut off)
    "Expecting value": "a value was expected here",
    "Expecting ',' delimiter": "a comma was expected here",
    "Expecting ':' delimiter": "a colon was expected here",
    "Expecting property name enclosed in double quotes": "a key in double quotes was expected here",
    "Extra data": "more follows the end of the data here",
    "Invalid \\uXXXX escape": "a \\u escape here is not four hex digits",
}


def json_problem(error: json.JSONDecodeError) -> str:
    """A whole sentence, in plain words, for what `json.loads` found wrong, and what to do."""
    if error.msg == "Unterminated string starting at" or not error.doc[error.pos:].strip():
        return ("the file ends in the middle of its data, so it was cut short or damaged in copying "
                "(a partial download or a full disk does this); get the file again from whoever sent it, "
                "or from your backup")
    reason = _JSON_REASONS.get(error.msg)
    if reason is None:
        reason = ("a tab or line break inside text" if error.msg.startswith("Invalid control")
                  else "a backslash escape JSON does not allow" if error.msg.startswith("Invalid \\escape")
                  else error.msg.removesuffix(" at"))
    return (f"this is not valid JSON ({reason}), so it is damaged, was edited by hand, or is not {WHAT}; "
            "check it is the right file, or get it again from whoever sent it, or from your backup")


def read_results_bytes(path: Path) -> bytes:
    """The bytes of a results file, size and kind checked before reading (see `read_limited`)."""
    return read_limited(path, MAX_RESULTS_BYTES, lambda problem: ResultsError(f"{path}: {problem}"), WHAT)


def parse_results_json(raw: bytes, path: Path) -> Any:
    """The JSON value in `raw`, or a `ResultsError` saying where and what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(raw[: error.start].decode("utf-8", "replace"), None)
        raise ResultsError(f"{path}:{line}:{column}: this is not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                           f"is it {WHAT}?") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ResultsError(f"{path}: the file is empty; the run that created it stopped before saving "
                           "anything. Delete it, or start again with: goodlooks assess")
    data = known_copies.parse_quickly(text, strict_loads, _depth, MAX_DEPTH)
    if data is not None:
        _refuse_lone_surrogates(text, data, path)
        return data
    try:
        data = strict_loads(text)
    except json.JSONDecodeError as error:
        raise ResultsError(f"{path}:{error.lineno}:{error.colno}: {json_problem(error)}") from None
    except RecursionError:
        raise ResultsError(f"{path}: the JSON is nested thousands of levels deep; a results file never "
                           f"is, so it is damaged or not {WHAT}") from None
    except _Refused as refused:
        line, column = _position(text, _locate(text, refused))
        raise ResultsError(f"{path}:{line}:{column}: {refused.message}") from None
    except ValueError as error:  # pragma: no cover - a limit of the json module not caught above
        raise ResultsError(f"{path}: this is not valid JSON: {error}") from None
    depth = _depth(data)
    if depth > MAX_DEPTH:
        raise ResultsError(f"{path}: the JSON is nested more than {MAX_DEPTH} levels deep; a results file "
                           f"never is, so it is damaged or not {WHAT}")
    _refuse_lone_surrogates(text, data, path)
    return data


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_PAIR = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _refuse_lone_surrogates(text: str, data: Any, path: Path) -> None:
    """Refuse a string holding half of a character (a surrogate escape without its pair): it
    cannot be printed or written again. Pairs (an emoji written as two escapes) are one character."""
    if "\\u" not in text or _SURROGATE_ESCAPE.search(text) is None or not _holds_lone_surrogate(data):
        return
    offset = next((m.start() for m in _SURROGATE_ESCAPE.finditer(text)
                   if not _PAIR.match(text, m.start()) and not _PAIR.match(text, max(0, m.start() - 6))), None)
    line, column = _position(text, offset)
    escape = text[offset: offset + 6] if offset is not None else "\\ud800"
    raise ResultsError(f"{path}:{line}:{column}: {escape} is half of a character (a lone surrogate), which "
                       "no screen or file can show; the file is damaged or was not written by goodlooks")


def _holds_lone_surrogate(data: Any) -> bool:
    """Whether any string (key or value) in `data` holds a lone surrogate; found without recursion."""
    waiting = [data]
    while waiting:
        value = waiting.pop()
        if isinstance(value, dict):
            waiting.extend(value.keys())
            waiting.extend(value.values())
        elif isinstance(value, list):
            waiting.extend(value)
        elif isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False


def _position(text: str, offset: int | None) -> tuple[int, int]:
    if offset is None:
        offset = len(text)
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _locate(text: str, refused: _Refused) -> int | None:
    """Where in `text` the refused value is: parse again with the pure-Python scanner, which
    tells where each object starts (only done once something is wrong)."""
    if refused.message.startswith("duplicate key"):
        return _duplicate_offset(text)
    if refused.message.startswith("a number"):
        match = re.search(rf"(?<=[:\[,])\s*-?\d{{{MAX_DIGITS + 1},}}", text)
        return match.start() + len(match.group()) - len(match.group().lstrip()) if match else None
    match = re.search(r"NaN|-?Infinity|-?\d[\d.]*[eE]\+?\d{3,}", text)
    return match.start() if match else None


def _duplicate_offset(text: str) -> int | None:
    decoder = json.JSONDecoder(object_pairs_hook=_pairs)

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> Any:
        try:
            return json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]  # the stdlib's own
        except _Refused as refused:
            if refused.offset is None:
                refused.offset = s_and_end[1] - 1  # the object's opening brace
            raise

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _Refused as refused:
        return refused.offset
    except (ValueError, RecursionError):
        return None
    return None


_CONTAINERS = {dict, list}


def _depth(data: Any) -> int:
    """How deeply `data` nests, found without recursion: level by level, containers only (a file
    is mostly text and numbers, and looking at each of them was most of the time to read it)."""
    level: list[Any] = [data] if data.__class__ in _CONTAINERS else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return depth
        values = chain.from_iterable(value.values() if value.__class__ is dict else value for value in level)
        level = [child for child in values if child.__class__ in _CONTAINERS]
    return depth
