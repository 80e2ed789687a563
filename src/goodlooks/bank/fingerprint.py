"""Two fingerprints of a bank, so that answers made from one copy can be checked against another
without either copy's file: its structure (what answers and scores rest on: ids, option keys,
scores, weights, levels, tags) and the wording of each of its parts.

The answers form records both; answers saved from a form whose bank has since been reworded
only (the same structure, other words) are scored on the bank as it is now, naming what was
reworded, while a bank whose structure changed needs `--accept-bank-change`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from goodlooks.bank.model import Bank

DIGEST_CHARS = 16
"""Hex digits kept of each part's wording digest: enough to tell rewordings apart, short in a file."""


def _digest(value: Any, chars: int | None = None) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return digest[:chars] if chars else digest


def structure(bank: Bank) -> dict[str, Any]:
    """What answers and scores rest on, and nothing else (no text a person reads)."""
    return {
        "id": bank.id, "score_range": list(bank.score_range) if bank.score_range else None,
        "scoring": bank.scoring, "levels": [[level.name, level.min] for level in bank.levels],
        "groups": [group.id for group in bank.groups],
        "dimensions": [{"id": d.id, "group": d.group, "weight": d.weight,
                        "questions": [{"id": q.id, "weight": q.weight, "tags": list(q.tags),
                                       "options": [[o.key, o.score] for o in q.choices]}
                                      for q in d.questions]}
                       for d in bank.dimensions],
    }


def structure_sha256(bank: Bank) -> str:
    return _digest(structure(bank))


def _words(model: Any, leave_out: set[str]) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude=leave_out)


def wording(bank: Bank) -> dict[str, str]:
    """Each part's wording digest: `question:ID`, `dimension:ID`, `group:ID`, `level:NAME`,
    `tags:FAMILY` and `bank`. Everything that is not structure counts as wording, so a field
    added to the bank format later is covered without being named here."""
    found = {"bank": _digest(_words(bank, {"id", "version", "score_range", "scoring", "levels", "groups",
                                           "scales", "tag_families", "dimensions"}), DIGEST_CHARS)}
    for level in bank.levels:
        found[f"level:{level.name}"] = _digest(_words(level, {"name", "min"}), DIGEST_CHARS)
    for group in bank.groups:
        found[f"group:{group.id}"] = _digest(_words(group, {"id"}), DIGEST_CHARS)
    for name, family in bank.tag_families.items():
        found[f"tags:{name}"] = _digest(_words(family, set()), DIGEST_CHARS)
    for dimension in bank.dimensions:
        found[f"dimension:{dimension.id}"] = _digest(_words(dimension, {"id", "group", "weight", "questions"}),
                                                     DIGEST_CHARS)
        for question in dimension.questions:
            words = _words(question, {"id", "weight", "tags", "scale", "options"})
            words["options"] = [_words(option, {"key", "score"}) for option in question.choices]
            found[f"question:{question.id}"] = _digest(words, DIGEST_CHARS)
    return found


def reworded(before: dict[str, str], bank: Bank) -> list[str]:
    """The parts of `bank` whose wording differs from the digests `before` (as `wording` made
    them), in bank order, as "question 'x'", "dimension 'y'", "the bank's title or description"."""
    now = wording(bank)
    changed = [key for key in now if key in before and before[key] != now[key]]
    return [_name(key) for key in changed]


def _name(key: str) -> str:
    if key == "bank":
        return "the bank's title, description or source"
    kind, _, name = key.partition(":")
    return f"{'tag family' if kind == 'tags' else kind} '{name}'"
