"""The results file: one JSON schema for an interview, an answers-file run, a voted workshop,
several people's answers combined, and the answers a board agreed. It is a self-contained
record: it carries a copy of the bank it was answered against, so it can be read, scored and
reported without the bank file.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID, uuid4

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from goodlooks import __version__
from goodlooks.bank.model import MAX_MAGNITUDE, Bank
from goodlooks.results.evidence import EvidenceStatus
from goodlooks.scoring.recommendations import Recommendation
from goodlooks.scoring.scores import ANSWERED, Choice, ScoreSheet

SCHEMA_VERSION = 1
Status = Literal["answered", "not_applicable", "dont_know"]
Kind = Literal["single", "voted", "combined", "agreed"]
ORGANISATION_CHARS = 200
"""The longest organisation name a results file may hold."""


MAX_PEOPLE = 1_000_000
"""The most people one results file may count (a count of votes or answers, `respondents`): ten
times the largest combine measured (100,000 files), and a bound on what reading a count costs."""
NOTE_TEXT = 4_000
"""The longest note, in characters (the form's note box holds as many)."""
NAME_TEXT = 200
"""The longest respondent name or role, in characters (as the form's name box)."""
EARLIEST_YEAR, LATEST_YEAR = 1970, 9000


def now() -> datetime:
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def _moment(value: datetime) -> datetime:
    """A time as goodlooks writes it: with its offset from UTC (one written without is taken as
    local time, so times from any file compare), in years goodlooks can show and compute with."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"a time between the years {EARLIEST_YEAR} and {LATEST_YEAR} (goodlooks writes "
                         "the time it is saved)")
    return value if value.tzinfo is not None else value.astimezone()


Moment = Annotated[datetime, AfterValidator(_moment)]
Count = Annotated[int, Field(ge=0, le=MAX_PEOPLE)]
"""How many people gave an answer: never negative, never more than a results file may count."""
Score = Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
"""A score or target on a bank's range, which lies within ±1,000,000,000."""


class _Record(BaseModel):
    # The attribute docstrings below are for readers only: no JSON Schema of results is made, and
    # use_attribute_docstrings (pydantic reading them from the source) cost 12 ms at start-up.
    model_config = ConfigDict(extra="forbid")


class ToolRecord(_Record):
    name: Literal["goodlooks"] = "goodlooks"
    version: str = __version__


class BaseBankRecord(_Record):
    """A bank that an overlay bank extends, as it was when the interview began."""

    id: str
    version: str
    sha256: str
    """Hash of the base bank file's bytes."""
    path: str | None = None
    """The base bank file (None for a built-in bank)."""
    builtin: bool = False


class BankRecord(_Record):
    id: str
    version: str
    title: str
    sha256: str
    """Hash of the bank file's bytes when the interview began."""
    path: str | None = None
    """The bank file as it was given (None for a built-in bank)."""
    builtin: bool = False
    definition: dict[str, Any]
    """The whole bank, answer scales resolved into each question."""
    absolute_path: str | None = None
    """The bank file's absolute path, to find it again from another folder (None for a built-in bank)."""
    extends: list[BaseBankRecord] = []
    """For an overlay bank: the bank it extends, then the one that extends, and so on."""


class AnswerRecord(_Record):
    option: str | None
    status: Status
    score: Score | None = None
    """The chosen option's score in the bank (None unless answered)."""
    normalised: float | None = Field(default=None, ge=0, le=1)
    """A combined answer's q: the mean of the respondents' q (None for one person's answer)."""
    note: str | None = None
    """Why this answer was chosen, as the respondent wrote it."""
    evidence: EvidenceStatus | None = None
    """How it is known: seen (a paper or page was looked at), told or believed; None: not said.
    A combined answer's is the status most of its respondents gave (a tie: the weaker)."""
    question: str = ""
    """The question's text, so the file reads without the bank."""
    label: str = ""
    """The chosen option's label, or "Not applicable" / "Don't know"."""
    dimension: str = ""
    answered_at: Moment = Field(default_factory=now)

    @model_validator(mode="after")
    def _option_matches_status(self) -> AnswerRecord:
        answered = self.option is not None or self.normalised is not None
        if (self.status == ANSWERED) != answered:
            raise ValueError("an answered question needs an option; not_applicable and dont_know have none")
        if self.evidence is not None and self.status != ANSWERED:
            raise ValueError("only an answer with an option has an evidence status; not_applicable and "
                             "dont_know have none")
        return self

    def choice(self) -> Choice:
        return Choice(self.status, self.option, self.normalised)


class VoiceRecord(_Record):
    """One person's answer behind a combined answer: kept for everyone who gave their name (so
    the facilitator can start with the people at the ends of the spread) and for everyone who
    wrote a note (named or not)."""

    respondent: str | None = None
    """Their name or role; None where they answered anonymously (or `combine --anonymous`)."""
    answer: str
    """The option key they chose, or not_applicable / dont_know."""
    label: str = ""
    note: str | None = None


class FormRecord(_Record):
    """Where answers saved by the answers form (`goodlooks form`) came from: one person's sitting
    at the form is one session, however many times they press "Save my answers"."""

    session: str = Field(pattern=r"^[A-Za-z0-9-]{8,64}$")
    """The form session's id: the same for every save of one person's answers."""
    save: int = Field(ge=1, le=1_000_000)
    """Which save of that session this is (1 for the first)."""
    saved_at: datetime | None = None
    """When the form was saved, by the clock of the device it was filled in on."""


class DistributionRecord(_Record):
    """How a room or a set of respondents answered one question: the spread behind an answer.
    Votes typed in a workshop and combined results files are two sources of the same thing."""

    source: Literal["votes", "combined"]
    counts: dict[str, Count]
    """How many chose each option (in the question's order), then not_applicable and dont_know."""
    spread: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    """Option positions between the lowest and the highest answer (None with no answers)."""
    discuss: bool = False
    """A spread of 2 or more: the room disagrees, talk about it."""
    voices: list[VoiceRecord] = []
    """Each named respondent's answer, and every note (combined only); see `VoiceRecord`."""
    evidence: dict[str, int] = {}
    """How many gave each evidence status (seen, told, believed) with their answer; answers with
    none are not counted. Empty when nobody gave one (votes give none)."""


class MemberRecord(_Record):
    """A board member who joined a room (`goodlooks room`) on a phone."""

    id: str
    """A random id, the same on every question: not a name and not the order of joining."""
    name: str | None = None
    """Their name or role, only where they gave one and agreed to show it beside their vote."""
    key: str | None = None
    """The sha256 of their phone's member cookie while the session is in progress, so a phone
    that re-joins after `--resume` is known again (never the cookie itself); dropped once complete."""


class BallotRecord(_Record):
    """One member's vote on one question, saved the moment it was cast."""

    member: str
    answer: str
    """The option key they chose, or not_applicable / dont_know."""
    note: str | None = None


class RoomRecord(_Record):
    """The room behind a voted file made by `goodlooks room`: who joined and every vote cast,
    kept so that a killed session resumes with no vote lost. Ballots carry no times and are
    kept in member-id order, so a file does not tell who voted when."""

    anonymous: bool = False
    """Every vote anonymous (`--anonymous`): no names are kept."""
    members: list[MemberRecord] = []
    ballots: dict[str, list[BallotRecord]] = {}
    """Question id -> the votes cast on it."""
    open_question: str | None = None
    """The question open (or last revealed) when the file was saved: where --resume reopens."""


class SetAsideAnswer(AnswerRecord):
    """An answer the changed bank no longer fits, kept as it was given."""

    question_id: str
    reason: str
    """Why it was set aside, e.g. "question 'x' is not in bank 'y' version 2"."""


class ScoreRecord(_Record):
    score: Score | None
    level: str | None


class GroupRecord(ScoreRecord):
    title: str = ""
    """The group's title, so the file reads without the bank."""


class DimensionRecord(ScoreRecord):
    title: str = ""
    """The dimension's title, so the file reads without the bank."""
    answered: Count
    total: Count
    not_applicable: Count = 0
    dont_know: Count = 0


class ScoresRecord(_Record):
    overall: ScoreRecord
    dimensions: dict[str, DimensionRecord] = {}
    groups: dict[str, GroupRecord] = {}


class RecommendationRecord(_Record):
    dimension: str
    question: str | None
    text: str
    priority: int
    level: str | None = None
    owner: str | None = None
    """Who the bank says should take it forward (a role)."""
    within: str | None = None
    """How soon, from the day of the profile ("3 months")."""


class Results(_Record):
    schema_version: Literal[1] = 1  # SCHEMA_VERSION
    response_id: UUID = Field(default_factory=uuid4)
    kind: Kind = "single"
    """single: one person or one room's answers; voted: a room's answers with the votes behind
    them; combined: several results files merged; agreed: the answers a board agreed over a
    combined file."""
    status: Literal["in_progress", "complete"] = "in_progress"
    tool: ToolRecord = Field(default_factory=ToolRecord)
    bank: BankRecord
    respondent: str | None = None
    anonymous: bool = False
    """The respondent asked not to be named to the board: the name (if any) is kept here, so the
    facilitator can count each person once, and left out of combined files."""
    form: FormRecord | None = None
    """For answers saved by the answers form: its session and save number."""
    organisation: str | None = Field(default=None, min_length=1, max_length=ORGANISATION_CHARS)
    """The organisation whose results these are (`--organisation`), e.g. "North Trust". Peers
    (`goodlooks peers`) need it, to count each organisation once; it is never shown to peers."""
    started_at: Moment = Field(default_factory=now)
    updated_at: Moment = Field(default_factory=now)
    completed_at: Moment | None = None
    respondents: int | None = Field(default=None, ge=1, le=MAX_PEOPLE)
    """How many people's answers a combined or agreed file rests on."""
    sources: list[UUID] = []
    """The response ids a combined file was made from."""
    scope: list[str] = []
    """The dimension, group, question ids or tags asked (`--only`); empty means every question."""
    targets: dict[str, Score] = {}
    """Where the board wants each dimension to be in 12 months: dimension id -> score on the
    bank's range."""
    answers: dict[str, AnswerRecord] = {}
    set_aside: list[SetAsideAnswer] = []
    """Answers kept when the bank changed under them (their question or option is gone); not scored."""
    distributions: dict[str, DistributionRecord] = {}
    """Question id -> the votes or respondents' answers behind it."""
    scores: ScoresRecord | None = None
    recommendations: list[RecommendationRecord] = []
    room: RoomRecord | None = None
    """The members and their votes, for a voted file made on phones (`goodlooks room`)."""

    def choices(self) -> dict[str, Choice]:
        return {question_id: answer.choice() for question_id, answer in self.answers.items()}


def organisation_key(name: str) -> str:
    """What two spellings of one organisation's name have in common: "North  Trust" and
    "north trust" are the same organisation (case, spacing and Unicode forms ignored)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def clean_organisation(name: str | None) -> str | None:
    """An organisation name as given on the command line: spacing tidied, None for nothing."""
    if name is None:
        return None
    return " ".join(name.split()) or None


def scores_record(sheet: ScoreSheet, bank: Bank | None = None) -> ScoresRecord:
    titles = {**{d.id: d.title for d in bank.dimensions}, **{g.id: g.title for g in bank.groups}} if bank else {}
    return ScoresRecord(
        overall=ScoreRecord(score=sheet.overall.shown, level=sheet.overall.level),
        dimensions={key: DimensionRecord(score=d.shown, level=d.level, title=titles.get(key, ""),
                                         answered=d.answered, total=d.total,
                                         not_applicable=d.not_applicable, dont_know=d.dont_know)
                    for key, d in sheet.dimensions.items()},
        groups={key: GroupRecord(score=g.shown, level=g.level, title=titles.get(key, ""))
                for key, g in sheet.groups.items()})


def recommendation_records(found: list[Recommendation]) -> list[RecommendationRecord]:
    return [RecommendationRecord(dimension=r.dimension, question=r.question, text=r.text,
                                 priority=r.priority, level=r.level, owner=r.owner, within=r.within)
            for r in found]


def bank_definition(bank: Bank) -> dict[str, Any]:
    """The bank as carried in a results file: every question holds its own options."""
    definition = bank.model_dump(mode="json")
    definition["scales"] = {}
    for dimension in definition["dimensions"]:
        for question in dimension["questions"]:
            question["scale"] = None
    return definition
