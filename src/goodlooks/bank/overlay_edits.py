"""The three kinds of change an overlay makes to its base: remove, change and add, by id.

`OverlayEditor` works on a located copy of the base (see `located.py`), so every value it puts in
keeps the overlay's file, line and column, and every part it leaves keeps the base's.
"""

from __future__ import annotations

import difflib
from typing import Any

from goodlooks.bank.located import LocatedDict, LocatedList, copy_located, located
from goodlooks.bank.model import parse_number
from goodlooks.base.yaml_source import Path_, Problem, YamlDocument

REPLACED = ("id", "title", "version", "description", "source", "score_range", "scoring")
KINDS = {"remove": ("groups", "levels", "dimensions", "questions", "options", "recommendations"),
         "change": ("groups", "levels", "dimensions", "questions", "options", "recommendations"),
         "add": ("groups", "levels", "scales", "dimensions", "questions", "options")}
NAME_KEY = {"dimensions": "id", "questions": "id", "groups": "id", "levels": "name", "options": "key"}
NOUN = {"dimensions": "dimension", "questions": "question", "groups": "group", "levels": "level",
        "options": "option", "recommendations": "recommendation", "scales": "scale"}


def text_of(value: Any) -> str | None:
    return str(value).strip() if isinstance(value, str) and value.strip() else None


def close_match(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.8)
    return f"; did you mean '{close[0]}'?" if close else ""


class OverlayEditor:
    """Applies an overlay's remove, change and add to a located copy of its base."""

    def __init__(self, doc: YamlDocument, tree: LocatedDict, base_id: str, base_version: str,
                 written_for: str | None, problems: list[Problem]) -> None:
        self.doc, self.tree, self.problems = doc, tree, problems
        self.base_label = f"base '{base_id}' version {base_version}"
        if written_for and written_for != base_version:
            self.base_label += f" (this overlay was written for version {written_for})"
        self.marks: dict[tuple[str, str], str] = {}
        self.removed: list[tuple[str, str]] = []

    # ---- helpers
    def problem(self, path: Path_, message: str, prefer_key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, prefer_key=prefer_key))

    def put(self, node: LocatedDict, key: str, path: Path_) -> None:
        """Set `node[key]` to what the overlay wrote at `path`."""
        node.put(key, located(self.doc, path), self.doc.locate(path), self.doc.locate(path, prefer_key=True))

    def touch(self, parent: LocatedDict, key: str, path: Path_) -> None:
        """Say the list or mapping at `parent[key]` is now the overlay's doing (problems about it point there)."""
        parent.value_origins[key] = self.doc.locate(path, prefer_key=True)

    def missing(self, kind: str, name: str, path: Path_, choices: list[str], prefer_key: bool = True) -> None:
        hint = close_match(name, choices) or "; was it removed or renamed there?"
        self.problem(path, f"{NOUN[kind]} '{name}' is not in {self.base_label}{hint}", prefer_key=prefer_key)

    def containers(self, kind: str) -> list[tuple[LocatedDict, str]]:
        """The (owner, key) of every list that holds items of `kind`."""
        if kind == "questions":
            return [(d, "questions") for d in self.tree.get("dimensions", []) if isinstance(d, LocatedDict)]
        if kind not in self.tree:
            self.tree.put(kind, LocatedList(self.tree.origin), self.tree.origin)
        return [(self.tree, kind)]

    def find(self, kind: str, name: str) -> tuple[LocatedDict, str, int] | None:
        for owner, key in self.containers(kind):
            for index, item in enumerate(owner.get(key) or []):
                if isinstance(item, dict) and text_of(item.get(NAME_KEY[kind])) == name:
                    return owner, key, index
        return None

    def names(self, kind: str) -> list[str]:
        return [n for owner, key in self.containers(kind) for item in owner.get(key) or []
                if isinstance(item, dict) and (n := text_of(item.get(NAME_KEY[kind])))]

    def options_of(self, question: LocatedDict) -> LocatedList:
        """The question's own options, copied from its scale first if it names one."""
        if not isinstance(question.get("options"), list):
            scales = self.tree.get("scales")
            scale = text_of(question.get("scale")) or ""
            if isinstance(scales, LocatedDict) and scale in scales and isinstance(scales[scale], list):
                copied, origin = copy_located(scales[scale]), scales.value_origins[scale]
            else:
                copied, origin = LocatedList(question.origin), question.origin
            question.put("options", copied, origin)
            question.drop("scale")
        return question["options"]

    def entries(self, value: Any, path: Path_, shape: str, mapping: bool) -> list:
        if mapping and isinstance(value, dict):
            return list(value.items())
        if not mapping and isinstance(value, list):
            return list(enumerate(value))
        self.problem(path, f"'{path[0]}: {path[1]}' must be {shape}")
        return []

    # ---- the three kinds of change
    def apply(self) -> None:
        for key in REPLACED:
            if key in self.doc.data:
                self.put(self.tree, key, (key,))
        for action in ("remove", "change", "add"):
            section = self.doc.data.get(action)
            if section is None:
                continue
            if not isinstance(section, dict):
                self.problem((action,), f"'{action}' must be a mapping of what to {action}, by kind: "
                                        f"{', '.join(KINDS[action])}")
                continue
            for kind in section:
                if kind not in KINDS[action]:
                    self.problem((action, kind), f"unknown kind '{kind}' under '{action}'"
                                                 f"{close_match(str(kind), list(KINDS[action]))}; it takes "
                                                 f"{', '.join(KINDS[action])}", prefer_key=True)
            for kind in KINDS[action]:
                if section.get(kind) is not None:
                    getattr(self, action)(kind, section[kind], (action, kind))

    def remove(self, kind: str, value: Any, path: Path_) -> None:
        if kind in ("options", "recommendations"):
            return self.remove_within(kind, value, path)
        for index, name in self.entries(value, path, f"a list of {NOUN[kind]} {NAME_KEY[kind]}s", False):
            where = (*path, index)
            text = text_of(name)
            if text is None:
                self.problem(where, f"each item of '{path[0]}: {path[1]}' must be a {NOUN[kind]} {NAME_KEY[kind]}")
            elif (found := self.find(kind, text)) is None:
                self.missing(kind, text, where, self.names(kind))
            else:
                owner, key, position = found
                owner[key].drop(position)
                self.touch(owner, key, where)
                self.removed.append((NOUN[kind], text))

    def remove_within(self, kind: str, value: Any, path: Path_) -> None:
        owner_kind = "questions" if kind == "options" else "dimensions"
        for owner_name, names in self.entries(value, path, f"a mapping of {NOUN[owner_kind]} id: "
                                              f"[{NOUN[kind]}s to remove]", True):
            where = (*path, owner_name)
            owner = self.owner(owner_kind, owner_name, where)
            if owner is None:
                continue
            if not isinstance(names, list):
                self.problem(where, f"'{owner_name}' under '{path[0]}: {path[1]}' must be a list")
                continue
            for index, name in enumerate(names):
                self.remove_one(kind, owner, owner_name, text_of(name), (*where, index))

    def remove_one(self, kind: str, owner: LocatedDict, owner_name: str, name: str | None, where: Path_) -> None:
        if kind == "options":
            options = self.options_of(owner)
            keys = [text_of(o.get("key")) for o in options if isinstance(o, dict)]
            if name not in keys:
                self.problem(where, f"question '{owner_name}' has no option '{name}' in {self.base_label}")
                return
            options.drop(keys.index(name))
            self.touch(owner, "options", where)
        else:
            recommendations = owner.get("recommendations")
            if not isinstance(recommendations, LocatedDict) or name is None or name not in recommendations:
                self.problem(where, f"dimension '{owner_name}' has no recommendation for level '{name}' in "
                                    f"{self.base_label}")
                return
            recommendations.drop(name)
        self.removed.append((NOUN[kind], f"{owner_name}/{name}"))

    def owner(self, kind: str, name: Any, where: Path_) -> LocatedDict | None:
        found = self.find(kind, text_of(name) or "")
        if found is None:
            self.missing(kind, str(name), where, self.names(kind))
            return None
        owner, key, index = found
        self.marks.setdefault((NOUN[kind], text_of(name) or ""), "changed")
        return owner[key][index]

    def change(self, kind: str, value: Any, path: Path_) -> None:
        for name, fields in self.entries(value, path, f"a mapping of {NOUN[kind]} "
                                         f"{NAME_KEY.get(kind, 'id')}: what to change", True):
            where = (*path, name)
            if kind in ("options", "recommendations"):
                owner = self.owner("questions" if kind == "options" else "dimensions", name, where)
                if owner is not None and isinstance(fields, dict):
                    self.change_within(kind, owner, name, fields, where)
                elif owner is not None:
                    self.problem(where, f"'{name}' under '{path[0]}: {path[1]}' must be a mapping")
                continue
            node = self.owner(kind, name, where)
            if node is None:
                continue
            if not isinstance(fields, dict):
                self.problem(where, f"'{name}' under 'change: {kind}' must be a mapping of fields to change, "
                                    "like 'text: ...'")
                continue
            self.change_fields(kind, node, fields, where)

    def change_fields(self, kind: str, node: LocatedDict, fields: dict, where: Path_) -> None:
        for key in fields:
            if key == NAME_KEY[kind]:
                self.problem((*where, key), f"the {key} of a {NOUN[kind]} cannot be changed; remove it and add "
                                            f"one with the new {key}", prefer_key=True)
            elif kind == "dimensions" and key == "questions":
                self.problem((*where, key), "change a dimension's questions one by one under 'change: "
                                            "questions', or add and remove them", prefer_key=True)
            else:
                self.put(node, key, (*where, key))
                if kind == "questions" and key in ("options", "scale"):
                    node.drop("scale" if key == "options" else "options")

    def change_within(self, kind: str, owner: LocatedDict, owner_name: str, fields: dict, where: Path_) -> None:
        if kind == "recommendations":
            if not isinstance(owner.get("recommendations"), dict):
                owner.put("recommendations", LocatedDict(self.doc.locate(where)), self.doc.locate(where))
            for level in fields:
                self.put(owner["recommendations"], level, (*where, level))
            return
        options = self.options_of(owner)
        keys = [text_of(o.get("key")) for o in options if isinstance(o, dict)]
        for key, changes in fields.items():
            if key not in keys:
                self.problem((*where, key), f"question '{owner_name}' has no option '{key}' in {self.base_label}"
                                            f"{close_match(str(key), [k for k in keys if k])}", prefer_key=True)
            elif not isinstance(changes, dict):
                self.problem((*where, key), f"option '{key}' under 'change: options: {owner_name}' must be a "
                                            "mapping of fields to change, like 'score: 2'")
            else:
                self.change_fields("options", options[keys.index(key)], changes, (*where, key))
                self.touch(owner, "options", (*where, key))
                self.marks.setdefault(("option", f"{owner_name}/{key}"), "changed")

    def add(self, kind: str, value: Any, path: Path_) -> None:
        if kind == "scales":
            scales = self.tree.get("scales")
            if not isinstance(scales, dict):
                self.tree.put("scales", LocatedDict(self.doc.locate(path)), self.doc.locate(path))
            for name, _ in self.entries(value, path, "a mapping of scale name: [options]", True):
                if name in self.tree["scales"]:
                    self.problem((*path, name), f"scale '{name}' is already in {self.base_label}; give the new "
                                                "one another name", prefer_key=True)
                else:
                    self.put(self.tree["scales"], name, (*path, name))
            return
        if kind == "options":
            for name, items in self.entries(value, path, "a mapping of question id: [options to add]", True):
                owner = self.owner("questions", name, (*path, name))
                if owner is not None and isinstance(items, list):
                    options = self.options_of(owner)
                    for index in range(len(items)):
                        self.add_one(kind, options, (*path, name, index), owner)
                elif owner is not None:
                    self.problem((*path, name), f"'{name}' under 'add: options' must be a list of options")
            return
        for index, _ in self.entries(value, path, f"a list of {kind}, each written as in a bank", False):
            self.add_one(kind, None, (*path, index), None)

    def add_one(self, kind: str, options: LocatedList | None, where: Path_, question: LocatedDict | None) -> None:
        item = self.doc.data
        for step in where:
            item = item[step]
        if not isinstance(item, dict):
            self.problem(where, f"each item under 'add: {where[1]}' must be a mapping, written as in a bank")
            return
        name = text_of(item.get(NAME_KEY[kind]))
        existing = [text_of(o.get("key")) for o in options if isinstance(o, dict)] if options is not None \
            else self.names(kind)
        if name is not None and name in existing:
            owner_note = f" of question '{where[2]}'" if kind == "options" else ""
            self.problem((*where, NAME_KEY[kind]), f"{NOUN[kind]} '{name}'{owner_note} is already in "
                                                   f"{self.base_label}; change it under 'change: {kind}', or give "
                                                   f"the new one another {NAME_KEY[kind]}")
            return
        target = self.placement(kind, item, where, options, existing, question)
        if target is None:
            return
        (owner, key), index = target
        node = located(self.doc, where)
        for extra in ("after", "dimension") if kind == "questions" else ("after",):
            node.drop(extra)
        owner[key].place(node, self.doc.locate(where), index)
        self.touch(owner, key, where)
        if name is not None:
            self.marks[(NOUN[kind], name if kind != "options" else f"{where[2]}/{name}")] = "added"

    def placement(self, kind: str, item: dict, where: Path_, options: LocatedList | None,
                  existing: list, question: LocatedDict | None) -> tuple[tuple[LocatedDict, str], int | None] | None:
        after = item.get("after")
        if kind == "options":
            assert question is not None and options is not None
            if after is None:
                return (question, "options"), None
            if text_of(after) not in existing:
                self.problem((*where, "after"), f"question '{where[2]}' has no option '{after}' in "
                                                f"{self.base_label} to add this one after")
                return None
            return (question, "options"), existing.index(text_of(after)) + 1
        if kind == "levels":
            return self.containers("levels")[0], self.level_index(item)
        if kind == "questions" and after is None:
            dimension = item.get("dimension")
            if dimension is None:
                self.problem(where, "an added question needs 'after' (the question id it follows) or "
                                    "'dimension' (the dimension id it ends)")
                return None
            owner = self.owner("dimensions", dimension, (*where, "dimension"))
            return ((owner, "questions"), None) if owner is not None else None
        if after is None:
            return self.containers(kind)[0], None
        found = self.find(kind, text_of(after) or "")
        if found is None:
            self.missing(kind, str(after), (*where, "after"), self.names(kind), prefer_key=False)
            return None
        owner, key, index = found
        return (owner, key), index + 1

    def level_index(self, item: dict) -> int | None:
        """Levels go up: a new level goes before the first with a higher min."""
        try:
            minimum = parse_number(item.get("min"))
        except ValueError:
            return None
        for index, level in enumerate(self.tree.get("levels") or []):
            try:
                if parse_number(level.get("min")) > minimum:
                    return index
            except ValueError:
                continue
        return None
