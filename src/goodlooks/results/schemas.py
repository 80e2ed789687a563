"""The JSON Schemas of the files goodlooks reads and writes, as `goodlooks schema` prints them:
banks (from the bank model), results files (from the results model) and answers files
(written out here: an answers file is read by hand, to locate every problem in it)."""

from __future__ import annotations

from typing import Any

from goodlooks.results.answered import ANSWERED_ON_PATTERN
from goodlooks.results.evidence import EVIDENCE_STATUSES

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def bank_schema() -> dict[str, Any]:
    from goodlooks.bank.model import bank_json_schema

    return bank_json_schema()


def results_schema() -> dict[str, Any]:
    """What goodlooks accepts as a results file (it writes the same)."""
    from goodlooks.results.model import Results

    return {"$schema": SCHEMA_DIALECT, "$id": "https://goodlooks.invalid/results.schema.json",
            **Results.model_json_schema(), "title": "goodlooks results file"}


_OPTION = {"type": "string", "description": "An option's key, or not_applicable, or dont_know."}


def answers_schema() -> dict[str, Any]:
    """An answers file (YAML or JSON), as `goodlooks assess --answers` reads it and the form saves it."""
    answer = {"oneOf": [
        {**_OPTION},
        {"type": "null", "description": "Not answered."},
        {"type": "object", "additionalProperties": False,
         "properties": {"option": {"oneOf": [_OPTION, {"type": "null"}]}, "note": {"type": ["string", "null"]},
                        "evidence": {"enum": [*EVIDENCE_STATUSES, None],
                                     "description": "How the answer is known: seen (a paper or page was "
                                     "looked at), told or believed; only with an option."}}},
    ]}
    return {
        "$schema": SCHEMA_DIALECT, "$id": "https://goodlooks.invalid/answers.schema.json",
        "title": "goodlooks answers file", "type": "object", "additionalProperties": False,
        "properties": {
            "respondent": {"type": ["string", "null"], "description": "Who answered (optional)."},
            "answers": {"type": ["object", "null"], "description": "Question id: the answer.",
                        "additionalProperties": answer},
            "bank": {"type": ["object", "null"], "description": "The bank the answers were given on, as "
                     "goodlooks form records it.", "additionalProperties": False,
                     "required": ["id", "version", "sha256"],
                     "properties": {**{key: {"type": "string"} for key in ("id", "version", "sha256")},
                                    "structure": {"type": "string", "description": "The sha256 of the "
                                                  "bank's structure: ids, option keys, scores, weights, "
                                                  "levels and tags."},
                                    "wording": {"type": "object", "additionalProperties": {"type": "string"},
                                                "description": "Each part's wording digest, to name "
                                                "what was reworded."}}},
            "answered_on": {"type": ["string", "null"], "pattern": ANSWERED_ON_PATTERN,
                            "description": "When the answers were given: a date (2025-11-20, taken as midday "
                            "local time), or a date and time (2025-11-20T10:30, local time, or with an offset: "
                            "2025-11-20T10:30:00Z); not in the future. assess --answers records it as the "
                            "results' start and completion time (else the form's saved_at, else now)."},
            "only": {"type": ["array", "null"], "items": {"type": "string"},
                     "description": "The dimension, group or question ids or tags asked (as --only)."},
            "anonymous": {"type": ["boolean", "null"], "description": "Do not name the respondent to the "
                          "board (the name is kept for the facilitator, to count each person once)."},
            "form": {"type": ["object", "null"], "description": "Which save of which answers form session "
                     "these answers are, as goodlooks form records it: a form saved twice counts once.",
                     "additionalProperties": False, "required": ["session", "save"],
                     "properties": {"session": {"type": "string", "pattern": "^[A-Za-z0-9-]{8,64}$"},
                                    "save": {"type": "integer", "minimum": 1, "maximum": 1000000},
                                    "saved_at": {"type": ["string", "null"], "format": "date-time"}}},
        },
    }
