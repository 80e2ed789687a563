"""How the answers are known, in the terminal profile: how many were seen, told and believed,
and which answers rest on belief alone (those are the ones to check first)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from goodlooks.bank.model import Bank
from goodlooks.render.outline import print_indented
from goodlooks.results.evidence import BELIEVED, evidence_summary
from goodlooks.results.model import Results

MAX_LISTED = 8
"""Questions resting on belief named in a terminal without --all."""


def render_evidence(bank: Bank, results: Results, console: Console, *, show_all: bool = False) -> None:
    """The summary sentence and the questions resting on belief; nothing when no answer says
    how it is known (older results, or every status skipped)."""
    asked = {q.id: q for q in bank.questions()}
    answers = [(qid, answer) for qid, answer in results.answers.items() if qid in asked]
    summary = evidence_summary((answer.status, answer.evidence) for _, answer in answers)
    if summary is None:
        return
    console.print()
    print_indented(console, Text(summary.sentence(), style="bold" if summary.believed else ""), 0, 2)
    believed = [asked[qid].text for qid, answer in answers if answer.evidence == BELIEVED]
    limit = len(believed) if show_all else MAX_LISTED
    for text in believed[:limit]:
        print_indented(console, Text(f"  · {text}"), 0, 4)
    if len(believed) > limit:
        print_indented(console, Text(f"  …and {len(believed) - limit} more: add --all to see them.", style="dim"))
