"""The question bank: typed, validated models of what a bank YAML file says.

Field-level rules (types, id forms, finite numbers, non-negative weights, unknown keys)
live here; rules that relate one part of a bank to another live in `rules.py`.
"""

from __future__ import annotations

import math
import re
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
OPTION_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
NOT_APPLICABLE = "not_applicable"
DONT_KNOW = "dont_know"
RESERVED_KEYS = (NOT_APPLICABLE, DONT_KNOW)
RESERVED_LABELS = {NOT_APPLICABLE: "Not applicable", DONT_KNOW: "Don't know"}

MAX_MAGNITUDE = 1_000_000_000
"""Scores, level minimums and score ranges lie within ±this, so no arithmetic can overflow."""
MAX_WEIGHT = 1_000_000
MIN_WEIGHT = 0.000001
"""A weight is 0 or within [MIN_WEIGHT, MAX_WEIGHT], so weighted sums neither overflow nor vanish."""
SHORT_TEXT = 200
"""The longest title, name, version or tag, in characters."""
LABEL_TEXT = 500
QUESTION_TEXT = 1_000
LONG_TEXT = 4_000
"""The longest help text, description, recommendation or source."""
ID_LENGTH = 64

_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_TIMESCALE = re.compile(r"([1-9][0-9]?) (week|month|year)(s?)")
TIMESCALE_UNITS = ("week", "month", "year")


def parse_number(value: Any) -> float:
    """A finite number from YAML text as written (YAML 1.2 decimal forms) or from JSON."""
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError("number", "must be a number, not {value}",
                                  {"value": "empty" if value is None else repr(value)})
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        number = float(value)
    elif isinstance(value, str) and value.strip().lower().lstrip("+-") in {".inf", ".nan", "inf", "nan"}:
        raise PydanticCustomError("finite_number", "must be a finite number, not '{value}'",
                                  {"value": value})
    else:
        raise PydanticCustomError("number", "must be a number, not '{value}'", {"value": value})
    if not math.isfinite(number):
        raise PydanticCustomError("finite_number", "must be a finite number, not '{value}'",
                                  {"value": value})
    return number


def bounded_number(value: Any) -> float:
    """A finite number within ±MAX_MAGNITUDE."""
    number = parse_number(value)
    if abs(number) > MAX_MAGNITUDE:
        raise PydanticCustomError("number", "must be between -{limit} and {limit}, not {value}",
                                  {"limit": f"{MAX_MAGNITUDE:,}", "value": value})
    return number


def weight_number(value: Any) -> float:
    """0, or a number from MIN_WEIGHT to MAX_WEIGHT (a negative one is reported by `ge=0`)."""
    number = parse_number(value)
    if number > MAX_WEIGHT or 0 < number < MIN_WEIGHT:
        raise PydanticCustomError("number", "must be 0, or from {low} to {high}, not {value}",
                                  {"low": f"{MIN_WEIGHT:f}".rstrip("0"), "high": f"{MAX_WEIGHT:,}",
                                   "value": value})
    return number


def timescale(value: Any) -> str:
    """How soon advice should be done, from the day of the profile: "6 weeks", "3 months", "1 year"."""
    text = _text(value)
    if not isinstance(text, str):
        raise PydanticCustomError("string_type", "must be text")
    found = _TIMESCALE.fullmatch(text)
    if found is None or (found.group(1) == "1") == bool(found.group(3)):
        raise PydanticCustomError(
            "timescale", "must be a time from now: a number from 1 to 99 and weeks, months or years, "
                         "such as '6 weeks', '3 months' or '1 year', not '{value}'", {"value": text})
    return text


def _compact(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


Number = Annotated[float, BeforeValidator(bounded_number), PlainSerializer(_compact)]
Weight = Annotated[float, BeforeValidator(weight_number), PlainSerializer(_compact), Field(ge=0)]
Text = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1, max_length=LONG_TEXT)]
ShortText = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1, max_length=SHORT_TEXT)]
Label = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1, max_length=LABEL_TEXT)]
QuestionText = Annotated[str, BeforeValidator(_text),
                         StringConstraints(min_length=1, max_length=QUESTION_TEXT)]
Id = Annotated[str, BeforeValidator(_text), StringConstraints(pattern=ID_PATTERN, max_length=ID_LENGTH)]
OptionKey = Annotated[str, BeforeValidator(_text),
                      StringConstraints(pattern=OPTION_KEY_PATTERN, max_length=ID_LENGTH)]
TIMESCALE_JSON_PATTERN = r"^(1 (week|month|year)|([2-9]|[1-9][0-9]) (weeks|months|years))$"
Timescale = Annotated[str, BeforeValidator(timescale),
                      WithJsonSchema({"type": "string", "pattern": TIMESCALE_JSON_PATTERN})]

_OWNER = ("Who should take the advice forward: a role, not a person's name, such as 'The board', "
          "'Chair', 'Chief executive' or 'Director of finance'.")
_WITHIN = ("How soon the advice should be done, counted from the day of the profile: a number from "
           "1 to 99 and weeks, months or years, such as '6 weeks', '3 months' or '1 year'.")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Field descriptions are given with Field(description=...), not attribute docstrings:
    # reading docstrings from the source (use_attribute_docstrings) cost about 10 ms at start-up.


class Option(_Model):
    """One answer a question offers."""

    key: OptionKey = Field(description="Unique within the question; what answers files and results record.")
    label: Label = Field(description="What the option says, shown in the interview.")
    score: Number = Field(
        description="Any finite number; only its place between the question's lowest and highest counts.")
    recommendation: Text | None = Field(
        None,
        description="Advice shown in the profile when this option is chosen.")
    owner: ShortText | None = Field(None, description=_OWNER + " Only with a recommendation.")
    within: Timescale | None = Field(None, description=_WITHIN + " Only with a recommendation.")


class Level(_Model):
    """A named maturity level; a score at or above `min` reaches it."""

    name: ShortText
    min: Number
    description: Text | None = None


class Group(_Model):
    """A display grouping of dimensions."""

    id: Id
    title: ShortText
    description: Text | None = None


class Question(_Model):
    """One question; its options come from `options` or from the scale it names."""

    id: Id = Field(description="Unique across the bank: lowercase letters, digits and '-'.")
    text: QuestionText
    help: Text | None = Field(None, description="What good looks like, shown with the question.")
    evidence: Text | None = Field(
        None,
        description="Where to look: the papers, lists, adverts or pages that would show the answer is true.")
    weight: Weight = 1
    tags: list[ShortText] = Field(
        [],
        description=(
            "Labels such as the framework points a question bears on; `family:value` tags "
            "(e.g.\n`wgll:well-led`) must name a family declared under the bank's `tag_families`."))
    scale: Id | None = Field(None, description="The name of a scale under the bank's `scales`.")
    options: list[Option] | None = Field(
        None,
        description="The question's own options (filled from `scale` once loaded).")

    @property
    def choices(self) -> list[Option]:
        return self.options or []

    @property
    def lowest(self) -> float:
        return min(self._kept[1])

    @property
    def highest(self) -> float:
        return max(self._kept[1])

    def option(self, key: str) -> Option | None:
        return self._kept[2].get(key)

    @property
    def _kept(self) -> tuple[list[Option], tuple[float, ...], dict[str, Option]]:
        """The options' lowest and highest score and the options by key, worked out once for the
        options the question has (scoring thousands of results files of one bank asks them of
        every answer). Kept outside the model's fields, so equality and dumps never see it."""
        kept = self._worked_out
        if kept[0] is not self.options:  # options given again (a scale filled in): work them out again
            del self.__dict__["_worked_out"]
            kept = self._worked_out
        return kept

    @cached_property
    def _worked_out(self) -> tuple[list[Option], tuple[float, ...], dict[str, Option]]:
        options = self.choices
        scores = [option.score for option in options]
        ends = (min(scores), max(scores)) if scores else ()  # no options: lowest and highest raise
        by_key: dict[str, Option] = {}
        for option in options:
            by_key.setdefault(option.key, option)  # the first of a key, as a search would find
        return self.options, ends, by_key  # type: ignore[return-value]


class TagFamily(_Model):
    """A family of `family:value` tags, such as the success measures of a national framework."""

    title: Text = Field(description="What the family is, e.g. \"NHS What Good Looks Like success measure\".")
    description: Text | None = None
    tags: dict[str, Text] = Field(
        {},
        description=(
            "Value -> title, e.g. `well-led: Well led`. When given, only these values may be used,\nand "
            "`profile --by` shows them in this order (a value no question carries is shown as not "
            "asked)."))


def split_tag(tag: str) -> tuple[str, str] | None:
    """`("wgll", "well-led")` for the tag `wgll:well-led`; None for a tag with no family."""
    family, colon, value = tag.partition(":")
    return (family.strip(), value.strip()) if colon else None


class LevelAdvice(_Model):
    """What to do next from one level of a dimension: its text, and who should do it by when."""

    text: Text
    owner: ShortText | None = Field(None, description=_OWNER)
    within: Timescale | None = Field(None, description=_WITHIN)


def _level_advice(value: Any) -> Any:
    """Advice written as plain text is advice with no owner or timescale."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return {"text": value}
    return value


Advice = Annotated[LevelAdvice, BeforeValidator(_level_advice, json_schema_input_type=str | LevelAdvice)]


class Dimension(_Model):
    """An area of maturity, scored from its questions."""

    id: Id
    title: ShortText
    description: Text | None = None
    group: Id | None = None
    weight: Weight = 1
    recommendations: dict[str, Advice] = Field(
        {},
        description=("Level name -> what to do next from that level: the advice as text, or "
                     "`{text, owner, within}` to say who should do it and how soon."))
    questions: list[Question] = Field(min_length=1)


class _QuestionIndex:
    """Where each question id sits: (dimension position, question position), built in one pass.

    Every index compares equal to every other, so a bank that has been looked into still equals
    one that has not (pydantic compares private attributes in `==`).
    """

    __slots__ = ("places",)

    def __init__(self, dimensions: list[Dimension] = ()) -> None:  # type: ignore[assignment]
        self.places: dict[str, tuple[int, int]] = {}
        for d, dimension in enumerate(dimensions):
            for q, question in enumerate(dimension.questions):
                self.places.setdefault(question.id, (d, q))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _QuestionIndex)

    __hash__ = None  # type: ignore[assignment]


class Bank(_Model):
    """A whole question bank."""

    id: Id
    title: ShortText
    version: ShortText
    description: Text | None = None
    source: Text | None = Field(None, description="Attribution: where the questions come from.")
    score_range: tuple[Number, Number] | None = Field(
        None,
        description="The range scores are shown on; default: the lowest and highest option scores.")
    scoring: Literal["mean", "weakest"] = "mean"
    levels: list[Level] = []
    groups: list[Group] = []
    scales: dict[str, list[Option]] = Field({}, description="Reusable answer scales, by name.")
    tag_families: dict[str, TagFamily] = Field(
        {},
        description="Tag families by prefix: `wgll` declares the tags `wgll:...`.")
    dimensions: list[Dimension] = Field(min_length=1)

    _index: _QuestionIndex = PrivateAttr(default_factory=_QuestionIndex)

    def questions(self) -> list[Question]:
        return [question for dimension in self.dimensions for question in dimension.questions]

    def question(self, question_id: str) -> Question | None:
        found = self._find(question_id)
        return found[0] if found else None

    def dimension_of(self, question_id: str) -> Dimension | None:
        found = self._find(question_id)
        return found[1] if found else None

    def _find(self, question_id: str) -> tuple[Question, Dimension] | None:
        """The question with this id and its dimension, through an index built once.

        A hit is checked against the bank as it is now (the same id at the same place), so an
        index made stale by changing the bank is rebuilt, never trusted; so is a miss, as the
        question may have been added since. A miss (an id the bank lacks, an error path)
        therefore costs one pass over the questions, as every lookup used to.
        """
        found = self._look(question_id)
        if found is None:
            self._index = _QuestionIndex(self.dimensions)
            found = self._look(question_id)
        return found

    def _look(self, question_id: str) -> tuple[Question, Dimension] | None:
        # pydantic serves private attributes through __getattr__, which cost more than the rest
        # of a lookup; read the private values' dict directly.
        place = self.__pydantic_private__["_index"].places.get(question_id)  # type: ignore[index]
        if place is None:
            return None
        d, q = place
        if d < len(self.dimensions) and q < len(self.dimensions[d].questions):
            dimension = self.dimensions[d]
            question = dimension.questions[q]
            if question.id == question_id:
                return question, dimension
        return None

    def tagged(self, family: str) -> dict[str, list[Question]]:
        """The questions carrying each tag of `family`, by value: declared values first (in
        declared order, even when no question carries them), then any others as first used."""
        found: dict[str, list[Question]] = {value: [] for value in self.tag_families[family].tags} \
            if family in self.tag_families else {}
        for question in self.questions():
            for tag in question.tags:
                parts = split_tag(tag)
                if parts and parts[0] == family and all(q is not question for q in found.setdefault(parts[1], [])):
                    found[parts[1]].append(question)
        return found

    def shown_range(self) -> tuple[float, float]:
        if self.score_range is not None:
            return self.score_range
        scores = [option.score for question in self.questions() for option in question.choices]
        return (min(scores), max(scores))


def bank_json_schema() -> dict[str, Any]:
    """The JSON Schema of a bank file, for editors with a YAML language server."""
    schema = Bank.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://goodlooks.invalid/bank.schema.json",
            **schema, "title": "goodlooks question bank"}
