"""What the commands show, as plain data for `--format json`: the profile, a regrouped profile,
a listing of results files, a bank's check and a combine's outcome. Numbers are as computed
(not rounded for show); texts are as written in the files (the JSON writer escapes what a
terminal must not see). No rich, no terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from goodlooks.bank.model import Bank
from goodlooks.report.advice import distinct_advice
from goodlooks.results.model import Results
from goodlooks.scoring.recommendations import recommend
from goodlooks.scoring.scores import DimensionScore, Score, score

JSON_VERSION = 1
"""Goes up when a field's meaning changes; new fields may be added without it."""


def _score(result: Score) -> dict[str, Any]:
    return {"score": result.shown, "level": result.level, "normalised": result.normalised}


def _counts(result: DimensionScore) -> dict[str, int]:
    return {"answered": result.answered, "questions": result.total, "not_applicable": result.not_applicable,
            "dont_know": result.dont_know, "unanswered": result.unanswered}


def _about(bank: Bank, results: Results, file: str) -> dict[str, Any]:
    return {"goodlooks_json": JSON_VERSION, "file": file,
            "bank": {"id": bank.id, "version": bank.version, "title": bank.title},
            "kind": results.kind, "status": results.status, "respondent": results.respondent,
            "respondents": results.respondents,
            "scope": list(results.scope), "updated_at": results.updated_at.isoformat()}


def profile_data(bank: Bank, results: Results, file: str) -> dict[str, Any]:
    """The profile as data: who answered, the overall score and level, each group and dimension
    with its counts (and target and gap, where the board set one), what to do next in order,
    and the questions the board disagrees on."""
    choices = results.choices()
    sheet = score(bank, choices)
    low, high = sheet.score_range
    targets = {d: t for d, t in results.targets.items() if d in sheet.dimensions}
    dimensions = []
    for dimension in bank.dimensions:
        result = sheet.dimensions[dimension.id]
        entry = {"id": dimension.id, "title": dimension.title, "group": dimension.group, **_score(result),
                 **_counts(result)}
        if dimension.id in targets:
            target = targets[dimension.id]
            entry |= {"target": target, "gap": None if result.shown is None else max(0.0, target - result.shown)}
        dimensions.append(entry)
    groups = [{"id": group.id, "title": group.title, **_score(sheet.groups[group.id])}
              for group in bank.groups if group.id in sheet.groups]
    advice = distinct_advice(bank, recommend(bank, choices, sheet, targets))
    return {**_about(bank, results, file), "range": [low, high], "overall": _score(sheet.overall),
            "groups": groups, "dimensions": dimensions,
            "recommendations": [{"number": item.number, "dimension": item.dimension, "questions": list(item.questions),
                                 "text": item.text, "level": item.level} for item in advice],
            "disagreements": _disagreements(bank, results)}


def _disagreements(bank: Bank, results: Results) -> list[dict[str, Any]]:
    asked = {q.id for q in bank.questions()}
    flagged = [(qid, record) for qid, record in results.distributions.items() if record.discuss and qid in asked]
    flagged.sort(key=lambda item: -(item[1].spread or 0))
    return [{"question": qid, "spread": record.spread, "counts": dict(record.counts), "source": record.source}
            for qid, record in flagged]


def by_tag_data(bank: Bank, results: Results, family: str, file: str) -> dict[str, Any]:
    """The scores regrouped by a tag family (`profile --by FAMILY`), as data."""
    from goodlooks.scoring.by_tag import score_by_tag

    tags = score_by_tag(bank, results.choices(), family)
    return {**_about(bank, results, file), "family": tags.family, "title": tags.title,
            "overall": _score(tags.sheet.overall),
            "tags": [{"tag": tag.value, "title": tag.title, "question_ids": list(tag.question_ids),
                      **_score(tag.result), **_counts(tag.result)} for tag in tags.tags],
            "untagged": list(tags.untagged)}


def listing_data(entries: Sequence[Any], repeated: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """`goodlooks list` as data: each results file, what it holds or what is wrong with it, and
    for a file combine would count once, the file counted instead and why."""
    replaced = {duplicate.replaced: duplicate for duplicate in repeated}
    rows = []
    for entry in entries:
        results: Results | None = entry.results
        row: dict[str, Any] = {"file": str(entry.path)}
        if results is None:
            row["problem"] = entry.problem
        else:
            answered, asked = entry.progress
            row |= {"bank": results.bank.id, "bank_version": results.bank.version, "kind": results.kind,
                    "status": results.status, "respondent": results.respondent, "respondents": results.respondents,
                    "answered": answered, "questions": asked, "updated_at": results.updated_at.isoformat()}
            if entry.path in replaced:
                row["replaced_by"] = {"file": str(replaced[entry.path].kept), "reason": replaced[entry.path].reason}
        rows.append(row)
    return rows


def checked_bank_data(path: Path, bank: Bank, warnings: Sequence[Any], overlay: Sequence[str]) -> dict[str, Any]:
    """A bank that `goodlooks validate` found valid."""
    return {"file": str(path), "valid": True, "id": bank.id, "version": bank.version,
            "dimensions": len(bank.dimensions), "questions": len(bank.questions()),
            "overlay": list(overlay), "warnings": [problem_data(w) for w in warnings], "problems": []}


def problem_data(problem: Any) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "column": problem.column, "message": problem.message}


def invalid_bank_data(ref: str, problems: Sequence[Any]) -> dict[str, Any]:
    return {"file": ref, "valid": False, "problems": [problem_data(p) for p in problems]}


def combined_data(combined: Any, output: str, sheet_bank: Bank) -> dict[str, Any]:
    """What `goodlooks combine` did, and the combined profile."""
    return {"output": output, "used": [str(path) for path in combined.used],
            "left_out": [str(path) for path in combined.left_out],
            "counted_once": [{"file": str(d.replaced), "same_as": str(d.kept), "reason": d.reason}
                             for d in combined.repeated],
            "far_apart": [{"file": str(path), "answered_at": when.isoformat()} for path, when in combined.far_apart],
            "to_discuss": [qid for qid, record in combined.results.distributions.items() if record.discuss],
            "profile": profile_data(sheet_bank, combined.results, output)}

