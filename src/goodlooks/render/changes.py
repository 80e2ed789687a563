"""What changed between two banks, as text for people (`goodlooks diff`)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from goodlooks.bank.changes import SECTIONS, BankComparison, Change, shown
from goodlooks.base.numbers import plural

if TYPE_CHECKING:
    from goodlooks.bank.documents import Resolution

_HEADINGS = {"bank": "The bank", "level": "Levels", "group": "Groups", "dimension": "Dimensions",
             "recommendation": "Recommendations", "question": "Questions", "option": "Options"}
_MARKS = {"added": "+", "removed": "-"}
WIDTH = 80
_COUNTED = (("question", "added"), ("question", "removed"), ("question", "reworded"),
            ("option", "added"), ("option", "removed"), ("option", "re-scored"))


def summary(comparison: BankComparison) -> str:
    """"6 changes: questions 1 added, 1 reworded; options 1 re-scored; 3 other changes"."""
    changes = comparison.changes
    if not changes:
        return "No changes (comments and layout aside): the two banks are the same."
    parts, counted = [], 0
    for kind in ("question", "option"):
        counts = [(comparison.count(kind, change), change) for k, change in _COUNTED if k == kind]
        counted += sum(n for n, _ in counts)
        if any(n for n, _ in counts):
            parts.append(f"{kind}s " + ", ".join(f"{n} {change}" for n, change in counts if n))
    if len(changes) > counted:
        parts.append(plural(len(changes) - counted, "other change"))
    return f"{plural(len(changes), 'change')}: {'; '.join(parts)}"


def changes_text(comparison: BankComparison, old_name: str, new_name: str) -> str:
    lines = [f"Old: {old_name} ('{comparison.old_id}' version {comparison.old_version})",
             f"New: {new_name} ('{comparison.new_id}' version {comparison.new_version})",
             *textwrap.wrap(summary(comparison), WIDTH, subsequent_indent="  ")]
    for section in SECTIONS:
        members = [change for change in comparison.changes if change.kind == section]
        if members:
            lines += ["", _HEADINGS[section]]
            for change in members:
                lines += _change_lines(change)
    return "\n".join(lines)


def _change_lines(change: Change) -> list[str]:
    """One change, its text in full: on one line when it fits, else the old and new values below it."""
    mark = _MARKS.get(change.change, "~")
    line = f"  {mark} {change.describe(limit=None)}"
    if len(line) <= WIDTH:
        return [line]
    if change.change in ("added", "removed"):
        value = change.new if change.new is not None else change.old
        return [f"  {mark} {change.headline}:", *_wrapped(shown(value, None), "      ")]
    return [f"  {mark} {change.headline}:", *_wrapped(shown(change.old, None), "      was "),
            *_wrapped(shown(change.new, None), "      now ")]


def _wrapped(text: str, lead: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=lead, subsequent_indent=" " * len(lead),
                         break_long_words=False, break_on_hyphens=False)


def overlay_lines(resolution: Resolution) -> list[str]:
    """Where an overlay bank's parts came from: its bases, and what it added, changed and removed."""
    bases = " on ".join(f"'{base.id}' version {base.version} ({'built in' if base.builtin else base.path})"
                        for base in resolution.bases)
    lines = [f"an overlay on {bases}"]
    if resolution.written_for and resolution.written_for != resolution.bases[0].version:
        lines[0] += f"; written for version {resolution.written_for}, and it still applies"
    for label in ("added", "changed"):
        names = [f"{kind} '{name}'" for (kind, name), mark in resolution.marks.items() if mark == label]
        if names:
            lines.append(f"{label} by it: {', '.join(names)}")
    if resolution.removed:
        lines.append(f"removed by it: {', '.join(f'{kind} {name!r}' for kind, name in resolution.removed)}")
    lines.append("everything else as in the base")
    return lines
