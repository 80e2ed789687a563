"""What is wrong in a results file whose JSON is sound but whose content is not, in plain words.

pydantic's own messages ("Field required", "Input should be a valid dictionary or instance of
AnswerRecord", "Value error, ...") name its types, not the facilitator's file. Here each problem
is said as the place in the file (`answers.users-met.status`) and what should be there, and an
answer to a question the file's bank does not have is named as that.
"""

from __future__ import annotations

from typing import Any

MAX_SHOWN = 5
MAX_QUOTED = 40

_WANTED = {
    "dict_type": "a mapping (key: value pairs)",
    "model_type": "a mapping (key: value pairs)",
    "model_attributes_type": "a mapping (key: value pairs)",
    "list_type": "a list",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "datetime_type": "a date and time, like 2026-01-14T10:30:00+00:00",
    "datetime_parsing": "a date and time, like 2026-01-14T10:30:00+00:00",
    "datetime_from_date_parsing": "a date and time, like 2026-01-14T10:30:00+00:00",
}
_PARTS = {"answers": "a mapping of question id: answer", "bank": "the bank the answers were given on"}


def _quoted(value: Any) -> str:
    text = str(value)
    return f"'{text[:MAX_QUOTED]}...'" if len(text) > MAX_QUOTED else f"'{text}'"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    for kind, name in ((dict, "a mapping"), (list, "a list"), (str, "text"), (int, "a number"),
                       (float, "a number")):
        if isinstance(value, kind):
            return name
    return "nothing (null)" if value is None else "a value"


def _question_ids(data: dict) -> set[str] | None:
    """The question ids of the bank copy in the file, or None when that copy cannot be read."""
    definition = data.get("bank", {}).get("definition") if isinstance(data.get("bank"), dict) else None
    if not isinstance(definition, dict) or not isinstance(definition.get("dimensions"), list):
        return None
    return {str(question.get("id")) for dimension in definition["dimensions"] if isinstance(dimension, dict)
            for question in dimension.get("questions") or () if isinstance(question, dict)}


def _said(error: dict) -> str:
    kind, value, loc = error["type"], error.get("input"), error["loc"]
    if kind == "missing":
        return f"'{loc[-1]}' is missing"
    if kind in _WANTED:
        wanted = _PARTS.get(str(loc[-1]), _WANTED[kind]) if len(loc) == 1 else _WANTED[kind]
        return f"should be {wanted}, not {_kind(value)}"
    if kind in ("literal_error", "enum"):
        return f"{_quoted(value)} is not allowed here; it must be {error.get('ctx', {}).get('expected', '')}"
    if kind == "extra_forbidden":
        return "is not a field of a results file"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"]).replace("Input should be", "should be")


def damage_details(errors: list[dict], data: dict) -> str:
    """The file's problems, each `place: what is wrong`, an answer to an unknown question said once."""
    questions = _question_ids(data)
    said: dict[str, str] = {}
    for error in errors:
        loc = tuple(str(step) for step in error["loc"])
        if len(loc) >= 2 and loc[0] == "answers" and questions is not None and loc[1] not in questions:
            said.setdefault(f"answers.{loc[1][:MAX_QUOTED]}", f"there is no question {_quoted(loc[1])} in the "
                            "bank the file carries, so this answer cannot be read")
            continue
        said.setdefault(".".join(step[:MAX_QUOTED] for step in loc) or "the file", _said(error))
    shown = [f"{at}: {what}" for at, what in list(said.items())[:MAX_SHOWN]]
    more = f"; and {len(said) - MAX_SHOWN} more" if len(said) > MAX_SHOWN else ""
    return "; ".join(shown) + more
