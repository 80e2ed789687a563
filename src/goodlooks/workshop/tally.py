"""The counts behind a combined file: how many gave each answer to each question, the targets,
the scopes asked, and the voices (names and notes). Counts, not the answers themselves, so that
combining a hundred thousand files holds no more than combining ten; a file counted can be
taken out again (`sign` -1) when a later save of the same response replaces it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import fmean
from uuid import UUID

from goodlooks.results.model import Results, VoiceRecord, organisation_key
from goodlooks.scoring.scores import ANSWERED

MAX_NAMES_PER_ANSWER = 12
"""Names kept per answer of a question for people who wrote no note: enough to start the talk
with the people at the ends of the spread, bounded however many files are combined."""


@dataclass
class Tally:
    """One question's answers so far."""

    chosen: Counter[str] = field(default_factory=Counter)
    """Option key, not_applicable or dont_know -> how many gave it."""
    unlisted: Counter[float] = field(default_factory=Counter)
    """q of answers scored without an option the bank lists -> how many."""
    voices: list[tuple[str, VoiceRecord]] = field(default_factory=list)
    """(response id, voice): every note, and names up to MAX_NAMES_PER_ANSWER an answer."""
    named: Counter[str] = field(default_factory=Counter)
    """Answer -> how many voices without a note are kept for it."""
    evidence: Counter[str] = field(default_factory=Counter)
    """Evidence status (seen, told, believed) -> how many gave it with their answer."""

    @property
    def given(self) -> int:
        return self.chosen.total() + self.unlisted.total()


@dataclass
class Counts:
    anonymous: bool = False
    """Keep no names (`combine --anonymous`)."""
    sources: list[UUID] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    wanted: dict[str, Counter[float]] = field(default_factory=dict)
    """Dimension id -> the targets given for it -> how many gave each."""
    scopes: Counter[tuple[str, ...]] = field(default_factory=Counter)
    """How many files asked each scope (their --only tokens; () for the whole bank)."""
    incomplete: int = 0
    organisations: Counter[str] = field(default_factory=Counter)
    """The organisations the files name (`organisation_key`) -> how many name each."""
    spellings: dict[str, str] = field(default_factory=dict)
    """`organisation_key` -> the first spelling seen."""

    def count(self, results: Results, sign: int) -> None:
        """Add one file's answers to the counts (`sign` 1), or take them out again (-1)."""
        if sign > 0:
            self.sources.append(results.response_id)
        else:
            self.sources.remove(results.response_id)
        self.incomplete += sign * (results.status != "complete")
        self.scopes[tuple(results.scope)] += sign
        if results.organisation:
            key = organisation_key(results.organisation)
            self.spellings.setdefault(key, results.organisation)
            self.organisations[key] += sign
        for dimension, target in results.targets.items():
            self.wanted.setdefault(dimension, Counter())[target] += sign
        name = None if results.anonymous or self.anonymous else results.respondent
        response = str(results.response_id)
        for question_id, answer in results.answers.items():
            tally = self.tallies.get(question_id)
            if tally is None:
                tally = self.tallies[question_id] = Tally()
            given = answer.option or answer.status
            if answer.option is not None:
                tally.chosen[answer.option] += sign
            elif answer.status == ANSWERED and answer.normalised is not None:
                tally.unlisted[answer.normalised] += sign
            else:
                tally.chosen[answer.status] += sign
            if answer.evidence is not None:
                tally.evidence[answer.evidence] += sign
            if sign < 0:
                for source, voice in tally.voices:
                    if source == response and voice.note is None:
                        tally.named[voice.answer] -= 1
                tally.voices = [(source, voice) for source, voice in tally.voices if source != response]
            elif answer.note or (name and tally.named[given] < MAX_NAMES_PER_ANSWER):
                tally.named[given] += answer.note is None
                tally.voices.append((response, VoiceRecord(respondent=name, answer=given, label=answer.label,
                                                           note=answer.note)))

    def scope(self) -> list[str]:
        """Every file's --only tokens in order; none once a file covers the whole bank."""
        asked = [scope for scope, count in self.scopes.items() if count > 0]
        if not asked or () in asked:
            return []
        return list(dict.fromkeys(token for scope in asked for token in scope))

    def targets(self) -> dict[str, float]:
        """The mean of the targets given for each dimension."""
        return {dimension: fmean(values.elements()) for dimension, values in self.wanted.items()
                if values.total() > 0}

    def organisation(self) -> str | None:
        """The one organisation the files counted name, if they name only one."""
        named = [key for key, count in self.organisations.items() if count > 0]
        return self.spellings[named[0]] if len(named) == 1 else None
