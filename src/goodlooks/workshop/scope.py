"""Shorter sessions: asking a subset of a bank (`--only ID_OR_TAG ...`). Scores then cover what
was asked: the subset is a bank of its own, and every other step works on it unchanged."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from goodlooks.bank.model import Bank
from goodlooks.base.errors import ResultsError, UsageError


def scope_tokens(values: Sequence[str] | None) -> list[str]:
    """`--only a,b --only c` -> [a, b, c], in order, without repeats."""
    tokens: list[str] = []
    for value in values or []:
        for token in value.split(","):
            if token.strip() and token.strip() not in tokens:
                tokens.append(token.strip())
    return tokens


def in_scope(bank: Bank, tokens: Sequence[str]) -> set[str]:
    """The question ids that a dimension id, group id, question id, tag or tag family (`wgll`
    means every `wgll:...` tag) in `tokens` names."""
    chosen: set[str] = set()
    unknown = []
    for token in tokens:
        found = _named(bank, token)
        if not found:
            unknown.append(token)
        chosen |= found
    if unknown:
        from goodlooks.bank.messages import did_you_mean

        tags = sorted({tag.split(":")[0] for q in bank.questions() for tag in q.tags})
        names = {*(d.id for d in bank.dimensions), *(g.id for g in bank.groups),
                 *(q.id for q in bank.questions()), *(tag for q in bank.questions() for tag in q.tags)}
        hints = [did_you_mean(token, names) for token in unknown]
        called = ", ".join(repr(token) + (f" ({hint[2:]})" if "?" in hint else "")
                           for token, hint in zip(unknown, hints))
        raise UsageError(f"--only: nothing in bank '{bank.id}' is called {called}; "
                         "give dimension, group or question ids or tags (see: goodlooks questions)"
                         + (f"; its tags: {', '.join(tags)}" if tags else ""))
    return chosen


def _named(bank: Bank, token: str) -> set[str]:
    found = {q.id for d in bank.dimensions if token in (d.id, d.group) for q in d.questions}
    return found | {q.id for q in bank.questions()
                    if token == q.id or any(tag == token or tag.startswith(token + ":") for tag in q.tags)}


def recorded_scope(bank: Bank, tokens: Sequence[str], where: str) -> Bank:
    """`scoped`, for the scope a file records (a results file's `scope`, an answers file's `only`),
    not one given with --only: what names nothing in the bank is the file's fault (exit 4), and
    the message says which file and field, not --only."""
    tokens = list(dict.fromkeys(tokens))  # a damaged file may repeat one a million times
    unknown = [token for token in tokens if not _named(bank, token)]
    if unknown:
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        named = ", ".join(repr(t) for t in unknown[:5]) + more
        raise ResultsError(f"{where} names {named}, which bank '{bank.id}' does not have; the file was made from "
                           "another bank, or is damaged")
    return scoped(bank, tokens)


def scoped(bank: Bank, tokens: Sequence[str]) -> Bank:
    """The bank cut down to the questions `tokens` name (the whole bank when there are none)."""
    if not tokens:
        return bank
    return keep_questions(bank, in_scope(bank, tokens))


def keep_questions(bank: Bank, chosen: Collection[str], **update: Any) -> Bank:
    """A copy of `bank` with only the questions whose ids are in `chosen` (dimensions left
    with none are dropped), and `update` applied to the bank's own fields."""
    dimensions = []
    for dimension in bank.dimensions:
        questions = [q for q in dimension.questions if q.id in chosen]
        if questions:
            dimensions.append(dimension.model_copy(update={"questions": questions}))
    return bank.model_copy(update={"dimensions": dimensions, **update})
