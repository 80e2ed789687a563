"""Files `goodlooks init` writes from an existing bank: a full copy to edit, or a short overlay.

The copy is the bank file's own text (comments and layout kept) under a header comment. The
overlay names the bank it extends and holds a commented example of each kind of change, using
the base's real ids, so that every example validates as soon as its '# ' is removed.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from goodlooks.bank.loader import LoadedBank, find_bank, load_bank, read_bank_file
from goodlooks.bank.model import Bank
from goodlooks.base.errors import UsageError


def bank_to_edit(path: Path, from_bank: str | None, extends: str | None) -> tuple[str, str]:
    """The text `goodlooks init` writes to `path`, and what it is ("a copy of 'x' version 1 to ")."""
    if from_bank is None and extends is None:
        from goodlooks.templates import starter_bank

        return starter_bank(), ""
    loaded = load_bank(from_bank or extends)
    what = f" of '{loaded.bank.id}' version {loaded.bank.version} to "
    if from_bank is not None and loaded.resolution is not None:
        raise UsageError(f"{from_bank} is an overlay bank: its text holds only its changes, so a copy of it "
                         f"is not a whole bank. Extend it instead: goodlooks init {path} --extends {from_bank}")
    if from_bank is not None:
        return copy_of(loaded, read_bank_file(find_bank(from_bank)[0]), path), "a copy" + what
    return overlay_on(loaded, path), "an overlay" + what


def _quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar (JSON's string form is one)."""
    return json.dumps(text, ensure_ascii=False)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "my-bank"


def _where(loaded: LoadedBank) -> str:
    return f"the built-in bank '{loaded.bank.id}'" if loaded.builtin else str(loaded.path)


def copy_of(loaded: LoadedBank, raw: bytes, target: Path) -> str:
    """A full copy of a bank file to edit: its own text under a header comment."""
    bank = loaded.bank
    header = [
        f"# A copy of '{bank.id}' version {bank.version}, from {_where(loaded)},",
        "# written by goodlooks init --from. Everything below is the original file, comments and",
        "# all: edit it freely, and give it its own id so results files tell the two apart.",
        f"# Check it with: goodlooks validate {target}",
        "# A copy does not follow the original as it improves. To keep those improvements, write an",
        f"# overlay instead (goodlooks init FILE --extends {_base_ref(loaded, target)}), and see what",
        f"# changed between versions with: goodlooks diff {_base_ref(loaded, target)} {target}",
        "",
    ]
    return "\n".join(header) + "\n" + raw.decode("utf-8").removeprefix("\ufeff")


def _base_ref(loaded: LoadedBank, target: Path) -> str:
    if loaded.builtin:
        return loaded.bank.id
    return os.path.relpath(loaded.path.resolve(), target.resolve().parent)


def overlay_on(loaded: LoadedBank, target: Path) -> str:
    """A short overlay on a bank, with a commented example of every kind of change."""
    bank = loaded.bank
    ref = _base_ref(loaded, target)
    lines = [
        f"# An overlay on {_where(loaded)}: only what differs from it.",
        "# goodlooks reads the base and applies the changes below, so when the base improves,",
        "# this bank gets the improvements.",
        "#",
        f"# Check it:           goodlooks validate {target}",
        f"# See the result:     goodlooks questions --bank {target}",
        f"# See what differs:   goodlooks diff {ref} {target}",
        "#",
        "# Each commented line below is an example written with the base's own ids: remove the",
        "# '# ' in front of the lines you want and edit them. Ids are the ones `goodlooks questions",
        f"# --bank {ref}` shows in [brackets].",
        "",
        f"extends: {{bank: {_quoted(ref)}, version: {_quoted(bank.version)}}}   # the base, and the "
        "version this was written for",
        f"id: {_slug(target.stem)}",
        f"title: {_quoted(bank.title + ' (adapted)')}",
        'version: "0.1"',
        "",
        *_examples(bank),
    ]
    return "\n".join(lines) + "\n"


def _examples(bank: Bank) -> list[str]:
    first_dimension = bank.dimensions[0]
    question = first_dimension.questions[0]
    option = question.choices[0]
    dropped_dimension = bank.dimensions[-1] if len(bank.dimensions) > 1 else None
    dropped_question = next((q for d in bank.dimensions if d is not dropped_dimension and len(d.questions) > 1
                             for q in d.questions[1:]), None)
    low, high = min(o.score for o in question.choices), max(o.score for o in question.choices)
    lines = ["# remove:                         # drop parts of the base, by id"]
    if dropped_dimension is not None:
        lines.append(f"#   dimensions: [{dropped_dimension.id}]")
    if dropped_question is not None:
        lines.append(f"#   questions: [{dropped_question.id}]")
    if len(question.choices) > 2:
        lines.append(f"#   options: {{{question.id}: [{question.choices[-1].key}]}}   # question id: [option keys]")
    lines += [
        "# change:                         # change any field of a part, by id; the rest stays as it is",
        "#   questions:",
        f"#     {question.id}:",
        f"#       text: {_quoted(question.text)}",
        "#   options:                      # question id, then option key",
        f"#     {question.id}:",
        f"#       {option.key}: {{label: {_quoted(option.label)}, score: {_number(option.score)}}}",
        "#   dimensions:",
        f"#     {first_dimension.id}: {{weight: {_number(first_dimension.weight * 2 or 1)}}}",
    ]
    if bank.levels:
        level = bank.levels[0]
        lines += ["#   recommendations:              # dimension id, then level name",
                  f"#     {first_dimension.id}:",
                  (f"#       {_quoted(level.name)}: {{text: \"What to do next from this level, in your own words.\", "
                   "owner: \"The board\", within: 6 months}"),
                  "#   levels:",
                  f"#     {_quoted(level.name)}: {{description: \"What this level means here.\"}}"]
    middle = (question.choices[0].score + question.choices[1].score) / 2  # between the first two
    lines += [
        "# add:                            # new parts, written as in a bank, placed 'after' an id",
        "#   options:",
        f"#     {question.id}:",
        f"#       - {{after: {option.key}, key: local, label: \"A step of our own\", score: {_number(middle)}}}",
        "#   questions:",
        f"#     - after: {question.id}",
        f"#       id: {question.id}-local",
        "#       text: \"A question of our own?\"",
        "#       options:",
        f"#         - {{key: no, label: \"No\", score: {_number(low)}}}",
        f"#         - {{key: yes, label: \"Yes\", score: {_number(high)}}}",
        "#   dimensions:",
        f"#     - after: {first_dimension.id}",
        "#       id: local-priorities",
        "#       title: \"Our own priorities\"",
        "#       questions:",
        "#         - id: local-priorities-known",
        "#           text: \"Does everyone know this year's three priorities?\"",
        "#           options:",
        f"#             - {{key: no, label: \"No\", score: {_number(low)}}}",
        f"#             - {{key: yes, label: \"Yes\", score: {_number(high)}}}",
    ]
    return lines


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
