"""What changed between two banks, as text for people (`goodlooks diff`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goodlooks.bank.changes import SECTIONS, BankComparison
from goodlooks.render.numbers import plural

if TYPE_CHECKING:
    from goodlooks.bank.overlay import Resolution

_HEADINGS = {"bank": "The bank", "level": "Levels", "group": "Groups", "dimension": "Dimensions",
             "recommendation": "Recommendations", "question": "Questions", "option": "Options"}
_MARKS = {"added": "+", "removed": "-"}
_COUNTED = (("question", "added"), ("question", "removed"), ("question", "reworded"),
            ("option", "added"), ("option", "removed"), ("option", "re-scored"))


def summary(comparison: BankComparison) -> str:
    """"5 changes: 1 question added, 1 question reworded, 1 option re-scored and 2 others"."""
    changes = comparison.changes
    if not changes:
        return "No changes: the two banks ask, score and advise the same (comments and layout aside)."
    counted = [(kind, change, comparison.count(kind, change)) for kind, change in _COUNTED]
    parts = [f"{plural(n, kind)} {change}" for kind, change, n in counted if n]
    others = len(changes) - sum(n for _, _, n in counted)
    if others:
        parts.append(plural(others, "other change"))
    return f"{plural(len(changes), 'change')}: {', '.join(parts)}"


def changes_text(comparison: BankComparison, old_name: str, new_name: str) -> str:
    lines = [f"Old: {old_name} ('{comparison.old_id}' version {comparison.old_version})",
             f"New: {new_name} ('{comparison.new_id}' version {comparison.new_version})",
             summary(comparison)]
    for section in SECTIONS:
        members = [change for change in comparison.changes if change.kind == section]
        if members:
            lines += ["", _HEADINGS[section]]
            lines += [f"  {_MARKS.get(change.change, '~')} {change.describe()}" for change in members]
    return "\n".join(lines)


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
