"""Rules that relate one part of a bank to another.

They run over the raw data read from YAML (not the validated model), so they report their
problems in the same pass as the field-level ones, even when other parts of the file are
broken: every problem is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from goodlooks.bank.messages import describe, did_you_mean
from goodlooks.bank.model import ID_PATTERN, RESERVED_KEYS, parse_number, split_tag
from goodlooks.base.yaml_source import Problem, YamlDocument


def _items(value: Any) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] \
        if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return str(value).strip() if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    try:
        return parse_number(value)
    except ValueError:
        return None


def relational_problems(doc: YamlDocument) -> list[Problem]:
    data = doc.data
    if not isinstance(data, dict):
        return []
    return [*_duplicate_ids(doc), *_question_options(doc), *_groups(doc),
            *_score_range(doc), *_levels(doc), *_recommendations(doc), *_scales(doc),
            *_tag_families(doc), *_tags(doc), *_advice_owners(doc)]


def _questions(data: dict) -> Iterator[tuple[tuple, dict]]:
    for d, dimension in _items(data.get("dimensions")):
        for q, question in _items(dimension.get("questions")):
            yield ("dimensions", d, "questions", q), question


def _first_use(doc: YamlDocument, kind: str, entries: Iterator[tuple[tuple, Any]]) -> Iterator[Problem]:
    seen: dict[str, tuple] = {}
    for path, value in entries:
        name = _text(value)
        if name is None:
            continue
        if name in seen:
            line = doc.line_reference(seen[name], path)
            yield doc.problem(path, f"duplicate {kind} '{name}' (first used at {line}); "
                                    f"each {kind} must be unique")
        else:
            seen[name] = path


def _duplicate_ids(doc: YamlDocument) -> Iterator[Problem]:
    data = doc.data
    yield from _first_use(doc, "dimension id", (
        (("dimensions", d, "id"), dim.get("id")) for d, dim in _items(data.get("dimensions"))))
    yield from _first_use(doc, "question id", (
        ((*path, "id"), question.get("id")) for path, question in _questions(data)))
    yield from _first_use(doc, "group id", (
        (("groups", g, "id"), group.get("id")) for g, group in _items(data.get("groups"))))
    yield from _first_use(doc, "level name", (
        (("levels", i, "name"), level.get("name")) for i, level in _items(data.get("levels"))))


def _option_problems(doc: YamlDocument, path: tuple, options: Any, owner: str) -> Iterator[Problem]:
    """Duplicate and reserved keys, and options that cannot be told apart by score."""
    entries = _items(options)
    yield from _first_use(doc, "option key", (((*path, i, "key"), o.get("key")) for i, o in entries))
    for i, option in entries:
        key = _text(option.get("key"))
        if key in RESERVED_KEYS:
            yield doc.problem((*path, i, "key"), f"option key '{key}' is reserved: every question "
                                                 "already offers 'not applicable' and 'don't know'; "
                                                 "remove this option or give it another key")
    scores = [_number(option.get("score")) for _, option in entries]
    if not isinstance(options, list) or None in scores:
        return
    if len(scores) < 2:
        yield doc.problem(path, f"{owner} needs at least two options, with different scores")
    elif len(set(scores)) == 1:
        yield doc.problem(path, f"every option of {owner} scores {options[0].get('score')}; give "
                                "the options different scores so that answers can be told apart")


def _question_options(doc: YamlDocument) -> Iterator[Problem]:
    scales = doc.data.get("scales")
    scale_names = list(scales) if isinstance(scales, dict) else []
    for path, question in _questions(doc.data):
        owner = describe(doc.data, path)
        has_scale, has_options = question.get("scale") is not None, question.get("options") is not None
        if has_scale and has_options:
            yield doc.problem((*path, "scale"), f"{owner} has both 'scale' and 'options'; keep one",
                              prefer_key=True)
        elif not has_scale and not has_options:
            yield doc.problem(path, f"{owner} needs either 'options' or 'scale' (the name of a "
                                    "scale defined under 'scales')")
        elif has_options:
            yield from _option_problems(doc, (*path, "options"), question["options"], owner)
        else:
            name = _text(question["scale"])
            if name is not None and name not in scale_names:
                hint = did_you_mean(name, scale_names) if scale_names else "; the bank defines no 'scales'"
                yield doc.problem((*path, "scale"), f"{owner} names an unknown scale '{name}'{hint}")


def _scales(doc: YamlDocument) -> Iterator[Problem]:
    scales = doc.data.get("scales")
    if isinstance(scales, dict):
        for name, options in scales.items():
            yield from _option_problems(doc, ("scales", name), options, f"scale '{name}'")


def _groups(doc: YamlDocument) -> Iterator[Problem]:
    groups = [_text(group.get("id")) for _, group in _items(doc.data.get("groups"))]
    for d, dimension in _items(doc.data.get("dimensions")):
        name = _text(dimension.get("group"))
        if name is not None and name not in groups:
            hint = did_you_mean(name, [g for g in groups if g]) if any(groups) \
                else "; the bank defines no 'groups'"
            yield doc.problem(("dimensions", d, "group"),
                              f"{describe(doc.data, ('dimensions', d))} names an unknown group '{name}'{hint}")


def _score_range(doc: YamlDocument) -> Iterator[Problem]:
    value = doc.data.get("score_range")
    if isinstance(value, list) and len(value) == 2:
        low, high = (_number(v) for v in value)
        if low is not None and high is not None and low >= high:
            yield doc.problem(("score_range",), f"score_range [{value[0]}, {value[1]}] must go from "
                                                "lower to higher, like [1, 5]")


def _levels(doc: YamlDocument) -> Iterator[Problem]:
    previous: tuple[str, float] | None = None
    for i, level in _items(doc.data.get("levels")):
        minimum = _number(level.get("min"))
        name = _text(level.get("name")) or f"level {i + 1}"
        if minimum is None:
            continue
        if previous is not None and minimum <= previous[1]:
            yield doc.problem(("levels", i, "min"), f"level '{name}' has min {level.get('min')}, but "
                                                    "levels must go up strictly: the level before it, "
                                                    f"'{previous[0]}', has min {previous[1]:g}")
        previous = (name, minimum)


def _recommendations(doc: YamlDocument) -> Iterator[Problem]:
    levels = [n for _, level in _items(doc.data.get("levels")) if (n := _text(level.get("name")))]
    for d, dimension in _items(doc.data.get("dimensions")):
        recommendations = dimension.get("recommendations")
        if not isinstance(recommendations, dict):
            continue
        for name in recommendations:
            if name not in levels:
                hint = did_you_mean(name, levels) if levels else "; the bank defines no 'levels'"
                yield doc.problem(("dimensions", d, "recommendations", name),
                                  f"recommendation for an unknown level '{name}' in "
                                  f"{describe(doc.data, ('dimensions', d))}{hint}", prefer_key=True)


def _tag_families(doc: YamlDocument) -> Iterator[Problem]:
    families = doc.data.get("tag_families")
    if not isinstance(families, dict):
        return
    for name, family in families.items():
        if not re.fullmatch(ID_PATTERN, str(name)):
            yield doc.problem(("tag_families", name), f"tag family '{name}' may use only lowercase "
                                                      "letters, digits and '-' between words", prefer_key=True)
        values = family.get("tags") if isinstance(family, dict) else None
        for value in values if isinstance(values, dict) else {}:
            if not re.fullmatch(ID_PATTERN, str(value)):
                yield doc.problem(("tag_families", name, "tags", value),
                                  f"tag '{value}' of tag family '{name}' may use only lowercase letters, "
                                  "digits and '-' between words", prefer_key=True)


def _declared_tags(data: dict) -> dict[str, list[str] | None]:
    """Family -> its declared values (None when any value may be used)."""
    families = data.get("tag_families")
    declared: dict[str, list[str] | None] = {}
    for name, family in families.items() if isinstance(families, dict) else ():
        values = family.get("tags") if isinstance(family, dict) else None
        declared[str(name)] = [str(v) for v in values] if isinstance(values, dict) and values else None
    return declared


def _tags(doc: YamlDocument) -> Iterator[Problem]:
    """Every `family:value` tag names a declared family, and one of its values if it lists them."""
    declared = _declared_tags(doc.data)
    for path, question in _questions(doc.data):
        tags = question.get("tags")
        for i, tag in enumerate(tags if isinstance(tags, list) else []):
            parts = split_tag(tag) if isinstance(tag, str) else None
            if parts is None:
                continue
            family, value = parts
            where, at = describe(doc.data, path), (*path, "tags", i)
            if family not in declared:
                hint = did_you_mean(family, declared) if declared else "; declare it there"
                yield doc.problem(at, f"tag '{tag}' of {where} is in tag family '{family}', which "
                                      f"'tag_families' does not declare{hint}")
            elif not value:
                yield doc.problem(at, f"tag '{tag}' of {where} has nothing after ':'; write "
                                      f"'{family}:' and a value")
            elif (tags := declared[family]) is not None and value not in tags:
                yield doc.problem(at, f"tag '{tag}' of {where}: '{value}' is not one of the tags "
                                      f"declared for tag family '{family}'{did_you_mean(value, tags)}")


def _advice_owners(doc: YamlDocument) -> Iterator[Problem]:
    """An option's `owner` and `within` say who should act on its advice and how soon: an option
    with no advice has nothing for them to belong to."""
    data = doc.data
    places = [((*path, "options", i), option) for path, question in _questions(data)
              for i, option in _items(question.get("options"))]
    scales = data.get("scales")
    places += [(("scales", name, i), option) for name, options in (scales.items() if isinstance(scales, dict) else ())
               for i, option in _items(options)]
    for path, option in places:
        if option.get("recommendation") is not None:
            continue
        for key in ("owner", "within"):
            if option.get(key) is not None:
                yield doc.problem((*path, key), f"{describe(data, path)} has '{key}' but no "
                                                "'recommendation'; add the advice it belongs to, or "
                                                f"remove '{key}'", prefer_key=True)


def evidence_warnings(doc: YamlDocument) -> list[Problem]:
    """Questions without `evidence`: allowed, but a board then has nothing to check its answer against."""
    if not isinstance(doc.data, dict):
        return []
    return [doc.problem(path, f"warning: {describe(doc.data, path)} has no 'evidence'; add where to "
                              "look to check its answer")
            for path, question in _questions(doc.data) if not _text(question.get("evidence"))]
