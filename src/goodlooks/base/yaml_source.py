"""Read YAML safely and remember where every value was written.

Hostile or careless input fails fast with located problems instead of crashing:
the size is bounded before parsing, nesting depth is bounded while parsing (the tree is
built from parser events by a loop, never by recursion), only safe parsing is used, and
tags, anchors and aliases are refused. Scalars keep the text exactly as written: YAML 1.1's
`No`, `on`, `1.10` or `12:30` stay text, and numeric fields parse their own numbers
(see `goodlooks.bank.model.Number`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from goodlooks.base.files import too_large

MAX_BYTES = 32_000_000
"""32 MB: room for 10,000 questions written in the built-in bank's style (21 MB), and a bound
on the time and memory a hostile file can cost."""
MAX_DEPTH = 20

Path_ = tuple[str | int, ...]
Position = tuple[int, int]
_NULLS = {"", "~", "null", "Null", "NULL"}

try:  # libyaml is ~20x faster; the wheels for every common platform include it
    _PARSER: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only on builds without libyaml
    _PARSER = yaml.SafeLoader


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, shown as `FILE:LINE:COLUMN: message`."""

    line: int
    column: int
    message: str
    file: str = field(default="", compare=False)

    def __post_init__(self) -> None:  # one problem, one line, even when it quotes odd text
        clean = self.message.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
        object.__setattr__(self, "message", clean)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class PlainText(str):
    """An unquoted scalar, exactly as written (numbers are parsed where numbers are due)."""


@dataclass
class YamlDocument:
    """Plain data (dicts, lists, text, None) plus the line and column of every part of it."""

    name: str
    data: Any
    value_positions: dict[Path_, Position]
    key_positions: dict[Path_, Position]

    def locate(self, path: Path_, *, prefer_key: bool = False) -> tuple[str, int, int]:
        """The file, line and column where `path` was written; for a path that is not there,
        where its nearest parent was. (A resolved overlay bank names several files.)"""
        if prefer_key and path in self.key_positions:
            return (self.name, *self.key_positions[path])
        for end in range(len(path), -1, -1):
            sub = tuple(path[:end])
            if sub in self.value_positions:
                return (self.name, *self.value_positions[sub])
        return (self.name, 1, 1)

    def position(self, path: Path_, *, prefer_key: bool = False) -> Position:
        """Where `path` was written (line, column)."""
        _, line, column = self.locate(path, prefer_key=prefer_key)
        return line, column

    def line_reference(self, path: Path_, seen_from: Path_) -> str:
        """"line N" of where `path` was written, naming its file when it is not the file of `seen_from`."""
        file, line, _ = self.locate(path)
        return f"line {line}" if file == self.locate(seen_from)[0] else f"line {line} of {file}"

    def problem(self, path: Path_, message: str, *, prefer_key: bool = False) -> Problem:
        file, line, column = self.locate(path, prefer_key=prefer_key)
        return Problem(line, column, message, file)


def read_yaml(raw: bytes, name: str, *, max_bytes: int = MAX_BYTES, tabs_allowed: bool = False,
              kind: str = "a bank") -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one YAML document; return it (None when it cannot be used) and its problems.

    `tabs_allowed` is for JSON, where tabs may indent; in YAML they never may. `kind` is what the
    file is meant to be ("an answers file"), for the messages that say what such a file never needs.
    """
    if len(raw) > max_bytes:
        return None, [Problem(1, 1, f"{too_large(len(raw), max_bytes)}; is it the right file?", name)]
    text, problem = _decode(raw, name)
    if problem:
        return None, [problem]
    tabs = [] if tabs_allowed else _tab_problems(text, name)
    if tabs:
        return None, tabs
    if name.lower().endswith(".json") and "\\u" in text:
        text = _astral_escapes(text)
    return _Builder(name, kind).build(text)


# A character beyond U+FFFF escaped as JSON writes it: two escapes of a surrogate pair (after an
# even number of backslashes, so the first backslash is an escape's own).
_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def _astral_escapes(text: str) -> str:
    """JSON text with each escaped surrogate pair (`\\ud83d\\ude00`, as `json.dumps` writes an
    emoji) turned into the one escape YAML reads for that character (`\\U0001f600`); YAML refuses
    surrogate escapes, even in pairs. Columns after one on its line move two to the left."""
    def joined(match: re.Match[str]) -> str:
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        return f"{match.group(1)}\\U{0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00):08x}"

    return _PAIR.sub(joined, text)


def _position_of_offset(text: str, offset: int) -> Position:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _decode(raw: bytes, name: str) -> tuple[str, Problem | None]:
    nul = raw.find(b"\0")
    if nul >= 0:
        line, column = _position_of_offset(raw[:nul].decode("utf-8", "replace"), nul)
        return "", Problem(line, column, "the file contains a NUL byte, so it is not a text "
                           "file; save it as plain UTF-8 text", name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8", "replace")
        line, column = _position_of_offset(prefix, len(prefix))
        return "", Problem(line, column, f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} "
                           "here); save it with UTF-8 encoding", name)
    return text.removeprefix("\ufeff"), None


def _tab_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(number, indent.index("\t") + 1, "a tab is used for "
                                    "indentation; YAML needs spaces (set your editor to "
                                    "insert spaces)", name))
    return problems


_SYNTAX_HINTS = {
    "mapping values are not allowed here": "text containing ': ' must be in quotes",
    "mapping values are not allowed in this context": "text containing ': ' must be in quotes",
    "exceeded maximum nesting depth": f"{{kind}} is never nested more than {MAX_DEPTH} levels deep",
    "found character '\\t' that cannot start any token": "replace the tab with spaces",
    "did not find expected key": "check the indentation of this line and the one above",
    "found undefined alias": "aliases (*name) are not allowed",
}


def _syntax_problem(error: yaml.YAMLError, text: str, name: str, kind: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif getattr(error, "position", None) is not None:  # ReaderError: a position, no mark
        line, column = _position_of_offset(text, error.position)  # type: ignore[attr-defined]
    else:
        line, column = 1, 1
    what = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
    end = _position_of_offset(text, len(text.rstrip()))
    if mark is not None and (line, column) >= end:  # cut short: a partial download, a full disk
        opened = getattr(error, "context_mark", None)
        begun = (f" (at line {opened.line + 1})" if opened is not None
                 and (opened.line + 1, opened.column + 1) < end else "")
        return Problem(line, column, f"the file ends before a quote or bracket begun earlier{begun} is "
                       "closed: it was cut short in copying, or the closing quote or bracket is missing; "
                       "get the file again from whoever sent it, or close it", name)
    hint = _SYNTAX_HINTS.get(what)
    message = f"this is not valid YAML: {what}"
    context = getattr(error, "context", None)
    if context and getattr(error, "context_mark", None) is not None:
        message += f" ({context} at line {error.context_mark.line + 1})"  # type: ignore[attr-defined]
    if hint:
        message += f"; {hint.replace('{kind}', kind)}"
    return Problem(line, column, message, name)


@dataclass
class _Frame:
    container: dict | list
    path: Path_
    key: Any = None
    awaiting_value: bool = False
    detached: bool = False  # True under a key that could not be used


class _Builder:
    """Turns parser events into plain data and positions, refusing what a bank (or `kind`) never needs."""

    def __init__(self, name: str, kind: str = "a bank") -> None:
        self.name, self.kind = name, kind
        self.values: dict[Path_, Position] = {}
        self.keys: dict[Path_, Position] = {}
        self.problems: list[Problem] = []
        self.refused = False
        self.root: Any = None

    def build(self, text: str) -> tuple[YamlDocument | None, list[Problem]]:
        stack: list[_Frame] = []
        documents = 0
        try:
            for event in yaml.parse(text, Loader=_PARSER):
                mark: Any = event.start_mark  # every event the parser makes has its mark
                position = (mark.line + 1, mark.column + 1)
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self._refuse(position, "a file holds one YAML document; remove "
                                     "this second one (or the '---' line before it)")
                        break
                elif isinstance(event, yaml.AliasEvent):
                    self._refuse(position, f"YAML aliases (*{event.anchor}) are not allowed; "
                                 "write the value out, or for answer options define a scale "
                                 "under 'scales' and name it with 'scale:'")
                    self._place(stack, None, position)
                elif isinstance(event, yaml.ScalarEvent):
                    self._check_node(event, position, explicit=event.tag is not None
                                     and not any(event.implicit))
                    self._place(stack, self._scalar(event), position)
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    self._check_node(event, position, explicit=event.tag is not None
                                     and not event.implicit)
                    container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
                    path = self._place(stack, container, position)
                    stack.append(_Frame(container, path or (), detached=path is None))
                    if len(stack) > MAX_DEPTH:
                        self._refuse(position, f"the data is nested more than {MAX_DEPTH} "
                                     f"levels deep; {self.kind} never needs that many")
                        break
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    stack.pop()
        except yaml.YAMLError as error:
            return None, [*self.problems, _syntax_problem(error, text, self.name, self.kind)]
        if self.refused:
            return None, self.problems
        return YamlDocument(self.name, self.root, self.values, self.keys), self.problems

    def _refuse(self, position: Position, message: str) -> None:
        self.refused = True
        self.problems.append(Problem(*position, message, self.name))

    def _check_node(self, event: Any, position: Position, *, explicit: bool) -> None:
        if event.anchor is not None:
            self._refuse(position, f"YAML anchors (&{event.anchor}) are not allowed; write the "
                         "value out, or for answer options define a scale under 'scales' and "
                         "name it with 'scale:'")
        if explicit:
            self._refuse(position, f"YAML tags such as '{event.tag}' are not allowed; write "
                         "plain values")

    @staticmethod
    def _scalar(event: yaml.ScalarEvent) -> str | None:
        if not event.style:  # plain: libyaml says '', the pure-Python parser None
            return None if event.value in _NULLS else PlainText(event.value)
        return event.value

    def _place(self, stack: list[_Frame], value: Any, position: Position) -> Path_ | None:
        """Put `value` where the parser is; return its path (None for an unusable key)."""
        if not stack:
            self.root = value
            self.values[()] = position
            return ()
        frame = stack[-1]
        if frame.detached:  # inside a value whose key was unusable: parsed, then dropped
            return None
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.values[path] = position
            return path
        if not frame.awaiting_value:  # this node is a key
            frame.awaiting_value = True
            frame.key = self._key(frame, value, position)
            return None
        frame.awaiting_value = False
        if frame.key is None:
            return None
        path = (*frame.path, frame.key)
        frame.container[frame.key] = value
        self.values[path] = position
        return path

    def _key(self, frame: _Frame, value: Any, position: Position) -> str | None:
        if not isinstance(value, str):
            self.problems.append(Problem(*position, "a key must be plain text", self.name))
            return None
        key = str(value)
        path = (*frame.path, key)
        if path in self.keys:
            first = self.keys[path][0]
            self.problems.append(Problem(*position, f"duplicate key '{key}' (first written at "
                                         f"line {first}); keep one of them", self.name))
            return None
        self.keys[path] = position
        return key
