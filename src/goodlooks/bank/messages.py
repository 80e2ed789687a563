"""Plain-English problems from pydantic validation errors, located in the YAML file."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from goodlooks.base.yaml_source import Problem, YamlDocument

_SINGULAR = {"dimensions": "dimension", "questions": "question", "options": "option",
             "levels": "level", "groups": "group"}
_KIND_OF = {dict: "a mapping (key: value lines)", list: "a list ('- ' items)", str: "text",
            type(None): "nothing"}


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """`; did you mean 'x'?` when a close match exists, else the list of choices."""
    choices = sorted(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; expected one of: {', '.join(choices)}" if choices else ""


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and step < len(node):
        return node[step]
    return None


def describe(data: Any, path: tuple) -> str:
    """What the part of the file at `path` is, for people: "option 'b' of question 'x'"."""
    node, entities, named = data, [], True
    for index, step in enumerate(path):
        node = _child(node, step)
        if index == 1 and path[0] == "tag_families":
            entities.append(f"tag family '{step}'")
            continue
        if index >= 1 and path[index - 1] == "recommendations" and isinstance(step, str):
            entities.append(f"the advice for level '{step}'")
            continue
        if not isinstance(step, int) or index == 0:
            continue
        in_scale = index >= 2 and path[index - 2] == "scales"
        noun = "option" if in_scale else _SINGULAR.get(path[index - 1])
        if noun is None:
            continue
        name_key = {"option": "key", "level": "name"}.get(noun, "id")
        name = node.get(name_key) if isinstance(node, dict) else None
        name = name.strip() if isinstance(name, str) else None
        named = bool(name) and "\n" not in (name or "")
        if in_scale:
            entities.append(f"scale '{path[index - 1]}'")
        entities.append(f"{noun} '{name}'" if named else f"{noun} {step + 1}")
    if not entities:
        return "the bank"
    if len(entities) > 1 and (entities[-1].startswith(("option", "the advice")) or not named):
        return f"{entities[-1]} of {entities[-2]}"
    return entities[-1]


def _field_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, through Optional, list and dict."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _field_model(arg)
        if found:
            return found
    return None


def model_at(root: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` (None if not a model)."""
    model: type[BaseModel] | None = root
    expects_key = False
    for step in path:
        if model is None:
            return None
        if expects_key or isinstance(step, int):
            expects_key = False
            continue
        field = model.model_fields.get(step)
        if field is None:
            return None
        annotation = field.annotation
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        expects_key = typing.get_origin(annotation) is dict
        model = _field_model(annotation)
    return model


def _kind(value: Any) -> str:
    return next((name for kind, name in _KIND_OF.items() if isinstance(value, kind)), "a value")  # type: ignore[arg-type]


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-id"


def problems_from(error: ValidationError, doc: YamlDocument, root: type[BaseModel]) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        problems.append(_problem(dict(item), loc, doc, root))
    return problems


def _value_at(data: Any, path: tuple) -> Any:
    for step in path:
        data = _child(data, step)
    return data


def _problem(item: dict, loc: tuple, doc: YamlDocument, root: type[BaseModel]) -> Problem:
    kind, value = item["type"], item.get("input")
    if len(loc) > 2 and loc[-1] == "text" and loc[-3] == "recommendations" \
            and not isinstance(_value_at(doc.data, loc[:-1]), dict):
        loc = loc[:-1]  # advice written as plain text: its problem is the text's, where it was written
    field = loc[-1] if loc and isinstance(loc[-1], str) else ""
    where = describe(doc.data, loc[:-1] if loc and not isinstance(loc[-1], int) else loc)
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        limit = item.get("ctx", {}).get("max_length")
        if field in ("id", "key", "group", "scale"):
            return doc.problem(loc, f"'{field}' of {where} is {len(str(value)):,} characters long; "
                                    f"an id is at most {limit:,}")
        return doc.problem(loc, f"'{field}' of {where} is {len(str(value)):,} characters long, over the "
                                f"limit of {limit:,}; shorten it (a long explanation belongs in a document "
                                "the bank's source or help can name)")
    if (kind == "missing" and len(loc) == 2 and loc[0] == "score_range") or kind == "too_long":
        return doc.problem(loc, "'score_range' must be two numbers, lowest first, like [1, 5]")
    if kind == "missing":
        return doc.problem(loc, f"{where} is missing '{field}'")
    if kind == "extra_forbidden":
        model = model_at(root, loc[:-1])
        allowed = list(model.model_fields) if model else []
        hint = did_you_mean(str(loc[-1]), allowed)
        if " " in str(loc[-1]):
            hint += " (if this is text that holds a comma inside { }, put the text in quotes)"
        return doc.problem(loc, f"unknown key '{loc[-1]}' in {where}{hint}", prefer_key=True)
    if kind == "string_pattern_mismatch" and field in ("id", "group", "scale"):
        return doc.problem(loc, f"{'id' if field == 'id' else field + ' id'} '{value}' may use only "
                                "lowercase letters, digits and '-' between words, like "
                                f"'{_slug(str(value))}'")
    if kind == "string_pattern_mismatch" and field == "key":
        return doc.problem(loc, f"option key '{value}' of {where} may use only letters, digits, "
                                "'_' and '-'")
    if kind in ("string_too_short", "string_type", "too_short") and (value is None or (isinstance(value, str)
                                                                     and not value.strip())):
        return doc.problem(loc, f"'{field}' of {where} is empty; write some text")
    if kind == "string_type":
        return doc.problem(loc, f"'{field}' of {where} must be text, not {_kind(value)}")
    if kind in ("number", "finite_number", "timescale"):
        if len(loc) > 1 and isinstance(loc[-1], int) and isinstance(loc[-2], str):  # one of a list's numbers
            which = ({0: "the lowest number", 1: "the highest number"}.get(loc[-1], f"number {loc[-1] + 1}")
                     if loc[-2] == "score_range" else f"number {loc[-1] + 1}")
            return doc.problem(loc, f"{which} in '{loc[-2]}' of {describe(doc.data, loc[:-2])} {item['msg']}")
        return doc.problem(loc, f"'{field}' of {where} {item['msg']}")
    if kind == "greater_than_equal":
        return doc.problem(loc, f"'{field}' of {where} must be 0 or more, not {value}")
    if kind == "literal_error":
        return doc.problem(loc, f"'{field}' must be {item['ctx']['expected']}, not '{value}'")
    if kind in ("list_type", "tuple_type", "dict_type", "model_type"):
        wanted = "a list" if kind in ("list_type", "tuple_type") else "a mapping (key: value lines)"
        return doc.problem(loc, f"'{field}' of {where} must be {wanted}, not {_kind(value)}"
                           if field else f"{where} must be {wanted}, not {_kind(value)}")
    if kind == "too_short":
        return doc.problem(loc, f"{where} has no {field}; add at least one")
    return doc.problem(loc, f"'{field}' of {where}: {item['msg']}")
