"""Overlay banks: a bank that `extends` another and says only what differs.

    extends: what-good-looks-like          # a built-in id or a path; or {bank: ..., version: "1.0"}
    id: north-trust
    version: "1"
    remove: {dimensions: [open], questions: [...], options: {question-id: [key]}, ...}
    change: {questions: {question-id: {text: ...}}, options: {question-id: {key: {score: 2}}}, ...}
    add:    {questions: [{after: question-id, id: ..., text: ..., scale: five}], ...}

The loader resolves an overlay onto its base (itself possibly an overlay: chains are resolved,
up to `MAX_CHAIN` deep, and cycles refused), then validates the result like any bank. Every
value keeps the file, line and column it was written at, so each problem is reported in the file
that caused it: the overlay's line for a change that does not apply, the base's for the base.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from goodlooks.bank.documents import BaseBank, Resolution, bank_from_document, builtin_banks, empty_file_problem
from goodlooks.bank.located import flatten, located
from goodlooks.bank.overlay_edits import KINDS, REPLACED, OverlayEditor, close_match, text_of
from goodlooks.base.errors import BankError
from goodlooks.base.yaml_source import MAX_BYTES, Path_, Problem, YamlDocument, read_yaml

MAX_CHAIN = 5
FIELDS = ("extends", *REPLACED, "remove", "change", "add")
"""The keys an overlay bank may have."""


def is_overlay(doc: YamlDocument) -> bool:
    return isinstance(doc.data, dict) and "extends" in doc.data


def resolve(doc: YamlDocument, problems: list[Problem], seen: tuple[str, ...] = ()) -> Resolution:
    """The overlay `doc` resolved onto its base; raise `BankError` with every located problem."""
    problems = list(problems)
    data = doc.data
    for key in data:
        if key not in FIELDS:
            hint = (f"; an overlay adds them under 'add: {key}'" if key in KINDS["add"]
                    else close_match(key, list(FIELDS)))
            problems.append(doc.problem((key,), f"unknown key '{key}' in an overlay bank{hint}", prefer_key=True))
    for key in ("id", "version"):
        if data.get(key) is None:
            problems.append(doc.problem((), f"an overlay bank needs its own '{key}' (results files record "
                                            "it); add it next to 'extends'"))
    ref, written_for, where = _extends(doc, problems)
    if ref is None:
        raise BankError(_in_order(problems, doc.name))
    base_path, builtin = _find_base(doc, ref, where)
    chain = (*seen, doc.name)
    if os.path.realpath(base_path) in [os.path.realpath(name) for name in chain]:
        steps = " extends ".join([*chain, str(base_path)])
        raise BankError([doc.problem(where, f"'extends: {ref}' makes a cycle ({steps}); a bank cannot "
                                            "extend itself, directly or through other overlays")])
    if len(chain) > MAX_CHAIN:
        raise BankError([doc.problem(where, f"overlays are stacked more than {MAX_CHAIN} deep here; "
                                            "extend a bank closer to the original")])
    raw = _read_base(doc, base_path, where)
    base_doc, base_problems = read_yaml(raw, str(base_path))
    if base_doc is None or base_doc.data is None:
        raise BankError(base_problems or [empty_file_problem(str(base_path))])
    deeper: list[BaseBank] = []
    source: YamlDocument = base_doc
    if is_overlay(base_doc):
        inner = resolve(base_doc, base_problems, chain)
        source, deeper, base_problems = inner.document, inner.bases, []
    base_bank = bank_from_document(source, base_problems)
    base = BaseBank(base_bank.id, base_bank.version, hashlib.sha256(raw).hexdigest(), base_path, builtin)
    editor = OverlayEditor(doc, located(source), base.id, base.version, written_for, problems)
    editor.apply()
    document = flatten(editor.tree, doc.name)
    bank = None
    try:  # the resolved bank is validated like any bank; its problems point where each part was written
        bank = bank_from_document(document)
    except BankError as error:
        problems += error.problems
    if problems or bank is None:
        raise BankError(_in_order(problems, doc.name))
    return Resolution(bank, document, [base, *deeper], written_for, editor.marks, editor.removed)


def _read_base(doc: YamlDocument, base_path: Path, where: Path_) -> bytes:
    """The base bank's bytes, checked as any bank file is (a regular file within the size limit)
    before a byte is read; a problem is reported at the overlay's `extends`."""
    from goodlooks.base.errors import UsageError
    from goodlooks.base.files import read_limited

    def fail(problem: str) -> BankError:
        return BankError([doc.problem(where, f"cannot use the base bank {base_path}: {problem}")])

    try:
        return read_limited(base_path, MAX_BYTES, fail, "a question bank")
    except UsageError as error:  # gone since it was found
        raise fail(str(error)) from None


def _in_order(problems: list[Problem], overlay: str) -> list[Problem]:
    """Each problem once, the overlay's first, then by file, line and column (`Problem` equality
    ignores the file, so a set alone could merge problems of two files)."""
    unique = {(p.file, p.line, p.column, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.file != overlay, p.file, p.line, p.column, p.message))


def _extends(doc: YamlDocument, problems: list[Problem]) -> tuple[str | None, str | None, Path_]:
    value = doc.data.get("extends")
    if text_of(value):
        return text_of(value), None, ("extends",)
    if isinstance(value, dict):
        for key in value:
            if key not in ("bank", "version"):
                problems.append(doc.problem(("extends", key), f"unknown key '{key}' in 'extends'; it takes "
                                                              "'bank' and 'version'", prefer_key=True))
        version = value.get("version")
        if version is not None and not text_of(version):
            problems.append(doc.problem(("extends", "version"), "'version' of 'extends' must be text, the "
                                                                "base version this overlay was written for"))
        if text_of(value.get("bank")):
            return text_of(value.get("bank")), text_of(version), ("extends", "bank")
    problems.append(doc.problem(("extends",), "'extends' must name the base bank, a built-in bank's id or a "
                                              "bank file's path: 'extends: what-good-looks-like', or "
                                              "'extends: {bank: what-good-looks-like, version: \"1.0\"}'"))
    return None, None, ("extends",)


def _find_base(doc: YamlDocument, ref: str, where: Path_) -> tuple[Path, bool]:
    """A path (relative to the overlay's folder), else a built-in bank's id."""
    from goodlooks.base.paths import is_regular_file

    candidate = Path(ref) if Path(ref).is_absolute() else Path(doc.name).parent / ref
    if is_regular_file(candidate):
        return candidate, False
    builtins = builtin_banks()
    if ref in builtins:
        return builtins[ref], True
    raise BankError([doc.problem(where, f"the base bank '{ref}' is neither a file (looked for {candidate}) "
                                        f"nor a built-in bank; built-in banks: {', '.join(builtins) or 'none'}")])
