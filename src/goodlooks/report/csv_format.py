"""CSV for analysts: three files that hold every results file given as one row set.

- answers.csv: long, one row per answer (and per question left unanswered).
- responses.csv: wide, one row per results file, one column per question (the option key, or
  not_applicable / dont_know), then each dimension's score and level.
- codebook.csv: every question's options with their labels and scores, once per bank version.
- peers.csv (`--peers`): long, one row per part: the organisation's score, the peers' median,
  quartiles, lowest and highest, its rank; never a peer's name or file.
- history.csv (`--history`): long, one row per assessment and part: score, level, change, target.

UTF-8 with a byte-order mark, so Excel reads it as UTF-8. Numbers are written in full (Python's
shortest round-trip form), so reading them back gives the same values. Text cells that start
like a formula (`= + - @`, tab, carriage return) get a leading apostrophe, and control
characters are shown as visible escapes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS
from goodlooks.report.content import Report
from goodlooks.report.escaping import csv_cell

BOM = "\ufeff"
ANSWER_COLUMNS = ("response_id", "respondent", "organisation", "kind", "bank_id", "bank_version", "dimension_id",
                  "dimension", "question_id", "question", "status", "option", "label", "score", "normalised", "note",
                  "evidence")
CODEBOOK_COLUMNS = ("bank_id", "bank_version", "dimension_id", "dimension", "question_id", "question",
                    "weight", "option", "label", "score", "normalised")
RESPONSE_START = ("response_id", "respondent", "organisation", "kind", "respondents", "status", "completed_at",
                  "bank_id", "bank_version", "overall_score", "overall_level")


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else csv_cell(value) for value in row])
    return BOM + out.getvalue()


def _normalised(report: Report) -> dict[str, float]:
    return {part.question_id: part.normalised for d in report.sheet.dimensions.values() for part in d.parts}


def _answer_rows(report: Report) -> Iterable[list[object]]:
    results, bank = report.results, report.bank
    q = _normalised(report)
    for dimension in bank.dimensions:
        for question in dimension.questions:
            answer = results.answers.get(question.id)
            status = answer.status if answer else "unanswered"
            yield [str(results.response_id), results.respondent, results.organisation, results.kind, bank.id,
                   bank.version,
                   dimension.id, dimension.title, question.id, question.text, status,
                   answer.option if answer else None, answer.label if answer else None,
                   answer.score if answer else None, q.get(question.id), answer.note if answer else None,
                   answer.evidence if answer else None]


def _codebook_rows(reports: list[Report]) -> Iterable[list[object]]:
    seen = set()
    for report in reports:
        bank = report.bank
        if (bank.id, bank.version) in seen:
            continue
        seen.add((bank.id, bank.version))
        for dimension in bank.dimensions:
            for question in dimension.questions:
                start = [bank.id, bank.version, dimension.id, dimension.title, question.id, question.text,
                         question.weight]
                span = question.highest - question.lowest
                for option in question.choices:
                    yield [*start, option.key, option.label, option.score,
                           (option.score - question.lowest) / span if span else None]
                for key in RESERVED_KEYS:
                    yield [*start, key, RESERVED_LABELS[key], None, None]


def _responses(reports: list[Report]) -> str:
    questions: dict[str, None] = {}
    dimensions: dict[str, None] = {}
    for report in reports:
        questions.update(dict.fromkeys(q.id for q in report.bank.questions()))
        dimensions.update(dict.fromkeys(d.id for d in report.bank.dimensions))
    header = [*RESPONSE_START, *questions,
              *(f"{d}_{part}" for d in dimensions for part in ("score", "level"))]
    rows = []
    for report in reports:
        results, sheet = report.results, report.sheet
        answers = {qid: answer.option or answer.status for qid, answer in results.answers.items()}
        for qid, answer in results.answers.items():
            if answer.option is None and answer.normalised is not None:  # a combined answer: its q
                answers[qid] = f"q={answer.normalised!r}"
        row: list[object] = [str(results.response_id), results.respondent, results.organisation, results.kind,
                             results.respondents,
                             results.status, results.completed_at.isoformat() if results.completed_at else None,
                             report.bank.id, report.bank.version, sheet.overall.shown, sheet.overall.level]
        row += [answers.get(qid) for qid in questions]
        for dimension in dimensions:
            result = sheet.dimensions.get(dimension)
            row += [result.shown, result.level] if result else [None, None]
        rows.append(row)
    return _table(header, rows)


class CsvFormat:
    many = True

    def render(self, reports: list[Report]) -> dict[str, str | bytes]:
        made: dict[str, str | bytes] = {
            "answers.csv": _table(ANSWER_COLUMNS, (row for report in reports for row in _answer_rows(report))),
            "responses.csv": _responses(reports),
            "codebook.csv": _table(CODEBOOK_COLUMNS, _codebook_rows(reports)),
        }
        for report in reports:  # report --peers and --history take one results file
            if report.peers is not None:
                from goodlooks.report import peers_section

                made["peers.csv"] = _table(peers_section.CSV_COLUMNS, peers_section.peer_rows(report.peers.standing))
            if report.history is not None:
                from goodlooks.report import history_section

                made["history.csv"] = _table(history_section.CSV_COLUMNS,
                                             history_section.history_rows(report.history.trend))
        return made
