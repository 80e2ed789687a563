"""Files `goodlooks init` writes from an existing bank: a full copy to edit, or a short overlay.

The copy is the bank file's own text (comments and layout kept) under a header comment. The
overlay names the bank it extends and holds a commented example of each kind of change, using
the base's real ids, so that every example validates as soon as its '# ' is removed.

Text from a file (a version, a title, a path) never goes into a comment or a value raw: a line
break in it would end the comment and start YAML of its own (`version: "0.1\nscoring:
weakest"` would change how the copy scores). Comments get `comment_text`, values `_quoted`.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import unicodedata
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
    if not loaded.builtin:  # a copy or an overlay is never written over the bank it is made from
        from goodlooks.base.paths import refuse_own_input

        refuse_own_input([path], [loaded.path, *(base.path for base in loaded.bases if not base.builtin)], "PATH")
    what = f" of '{loaded.bank.id}' version {loaded.bank.version} to "
    if from_bank is not None and loaded.resolution is not None:
        raise UsageError(f"{from_bank} is an overlay bank: its text holds only its changes, so a copy of it "
                         f"is not a whole bank. Extend it instead: goodlooks init {path} --extends {from_bank}")
    if from_bank is not None:
        return copy_of(loaded, read_bank_file(find_bank(from_bank)[0]), path), "a copy" + what
    return overlay_on(loaded, path), "an overlay" + what


def _quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar: JSON's string form, with YAML's own line breaks
    (U+0085, U+2028, U+2029) and other hidden characters escaped too (see `comment_text`)."""
    return comment_text(json.dumps(text, ensure_ascii=False))


_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"}
"""Unicode categories never written into a comment as they are: controls and line breaks
(including YAML's U+0085, U+2028, U+2029), invisible formatting and bidi marks, surrogates,
private and unassigned characters."""


def comment_text(text: str) -> str:
    """`text` made safe to put inside a YAML comment: one line, whatever it holds (every control,
    line break and invisible character written as an escape such as \\u2028)."""
    return "".join(_escape(c) if unicodedata.category(c) in _HIDDEN else c for c in text)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _command_path(path: Path | str) -> str:
    """A path as a comment shows it in a command to copy: shell-quoted and comment-safe."""
    return comment_text(shlex.quote(str(path)))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "my-bank"


def _where(loaded: LoadedBank) -> str:
    return f"the built-in bank '{loaded.bank.id}'" if loaded.builtin else str(loaded.path)


def copy_of(loaded: LoadedBank, raw: bytes, target: Path) -> str:
    """A full copy of a bank file to edit: its own text under a header comment."""
    bank = loaded.bank
    ref = _command_path(_base_ref(loaded, target))
    header = [
        f"# A copy of '{bank.id}' version {comment_text(bank.version)}, from {comment_text(_where(loaded))},",
        "# written by goodlooks init --from. Everything below is the original file, comments and",
        "# all: edit it freely, and give it its own id so results files tell the two apart.",
        f"# Check it with: goodlooks validate {_command_path(target)}",
        "# A copy does not follow the original as it improves. To keep those improvements, write an",
        f"# overlay instead (goodlooks init FILE --extends {ref}), and see what",
        f"# changed between versions with: goodlooks diff {ref} {_command_path(target)}",
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
    shown_ref, shown_target = _command_path(ref), _command_path(target)
    lines = [
        f"# An overlay on {comment_text(_where(loaded))}: only what differs from it.",
        "# goodlooks reads the base and applies the changes below, so when the base improves,",
        "# this bank gets the improvements.",
        "#",
        f"# Check it:           goodlooks validate {shown_target}",
        f"# See the result:     goodlooks questions --bank {shown_target}",
        f"# See what differs:   goodlooks diff {shown_ref} {shown_target}",
        "#",
        "# Each commented line below is an example written with the base's own ids: remove the",
        "# '# ' in front of the lines you want and edit them. Ids are the ones `goodlooks questions",
        f"# --bank {shown_ref}` shows in [brackets].",
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
        f"#     {first_dimension.id}: {{weight: 2}}",
    ]
    if bank.levels:
        level = bank.levels[0]
        lines += ["#   recommendations:              # dimension id, then level name",
                  f"#     {first_dimension.id}:",
                  f"#       {_quoted(level.name)}: \"What to do next from this level, in your own words.\"",
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
