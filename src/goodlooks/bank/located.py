"""Data read from several YAML files, every part remembering the file, line and column it came from.

An overlay bank is resolved by editing a copy of its base's data. The containers here carry each
value's origin through those edits, and `flatten` turns the result back into plain data and a
`ResolvedDocument`, so a problem in the resolved bank is reported where its text was written: in
the overlay for what the overlay wrote, in the base for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from goodlooks.base.yaml_source import Path_, Position, YamlDocument

Origin = tuple[str, int, int]
"""A file name, line and column."""


class LocatedDict(dict):
    """A mapping whose keys and values each remember where they were written."""

    def __init__(self, origin: Origin) -> None:
        super().__init__()
        self.origin = origin
        self.value_origins: dict[str, Origin] = {}
        self.key_origins: dict[str, Origin] = {}

    def put(self, key: str, value: Any, origin: Origin, key_origin: Origin | None = None) -> None:
        self[key] = value
        self.value_origins[key] = origin
        self.key_origins[key] = key_origin or origin

    def drop(self, key: str) -> None:
        self.pop(key, None)
        self.value_origins.pop(key, None)
        self.key_origins.pop(key, None)


class LocatedList(list):
    """A list whose items each remember where they were written."""

    def __init__(self, origin: Origin) -> None:
        super().__init__()
        self.origin = origin
        self.item_origins: list[Origin] = []

    def place(self, value: Any, origin: Origin, index: int | None = None) -> None:
        index = len(self) if index is None else index
        self.insert(index, value)
        self.item_origins.insert(index, origin)

    def drop(self, index: int) -> None:
        del self[index]
        del self.item_origins[index]


def located(doc: YamlDocument, path: Path_ = ()) -> Any:
    """A located copy of the part of `doc` at `path` (the whole document by default)."""
    value: Any = doc.data
    for step in path:
        value = value[step]
    return _build(doc, value, path)


def _build(doc: YamlDocument, value: Any, path: Path_) -> Any:
    if isinstance(value, dict):
        node = LocatedDict(doc.locate(path))
        for key, item in value.items():
            sub = (*path, key)
            node.put(key, _build(doc, item, sub), doc.locate(sub), doc.locate(sub, prefer_key=True))
        return node
    if isinstance(value, list):
        items = LocatedList(doc.locate(path))
        for index, item in enumerate(value):
            items.place(_build(doc, item, (*path, index)), doc.locate((*path, index)))
        return items
    return value


def copy_located(value: Any) -> Any:
    """A deep copy that keeps every origin (for options copied from a scale into a question)."""
    if isinstance(value, LocatedDict):
        node = LocatedDict(value.origin)
        for key, item in value.items():
            node.put(key, copy_located(item), value.value_origins[key], value.key_origins[key])
        return node
    if isinstance(value, LocatedList):
        items = LocatedList(value.origin)
        for item, origin in zip(value, value.item_origins):
            items.place(copy_located(item), origin)
        return items
    return value


@dataclass
class ResolvedDocument(YamlDocument):
    """A document put together from several files: each position also names its file."""

    value_files: dict[Path_, str] = field(default_factory=dict)
    key_files: dict[Path_, str] = field(default_factory=dict)

    def locate(self, path: Path_, *, prefer_key: bool = False) -> tuple[str, int, int]:
        if prefer_key and path in self.key_positions:
            return (self.key_files[path], *self.key_positions[path])
        for end in range(len(path), -1, -1):
            sub = tuple(path[:end])
            if sub in self.value_positions:
                return (self.value_files[sub], *self.value_positions[sub])
        return (self.name, 1, 1)


def flatten(root: LocatedDict, name: str) -> ResolvedDocument:
    """Plain data and every position, from a located tree."""
    doc = ResolvedDocument(name, None, {}, {})

    def record(path: Path_, origin: Origin, values: dict[Path_, Position], files: dict[Path_, str]) -> None:
        files[path], values[path] = origin[0], (origin[1], origin[2])

    def walk(value: Any, path: Path_) -> Any:
        if isinstance(value, LocatedDict):
            plain = {}
            for key, item in value.items():
                sub = (*path, key)
                record(sub, value.value_origins[key], doc.value_positions, doc.value_files)
                record(sub, value.key_origins[key], doc.key_positions, doc.key_files)
                plain[key] = walk(item, sub)
            return plain
        if isinstance(value, LocatedList):
            plain_items = []
            for index, (item, origin) in enumerate(zip(value, value.item_origins)):
                record((*path, index), origin, doc.value_positions, doc.value_files)
                plain_items.append(walk(item, (*path, index)))
            return plain_items
        return value

    record((), root.origin, doc.value_positions, doc.value_files)
    doc.data = walk(root, ())
    return doc
