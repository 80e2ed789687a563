"""What changed between two versions of a bank, in words a facilitator can act on."""

from __future__ import annotations

from goodlooks.bank.model import Bank, Question

_TOP_LEVEL = {"id": "id", "score_range": "score range", "scoring": "scoring strategy", "levels": "levels",
              "groups": "groups"}


def _options(question: Question) -> list[tuple[str, str, float]]:
    return [(o.key, o.label, o.score) for o in question.choices]


def bank_changes(old: Bank, new: Bank) -> list[str]:
    """Every difference that matters to saved answers or their scores; [] when the content is equal."""
    changes = [f"its {label} changed" for name, label in _TOP_LEVEL.items()
               if getattr(old, name) != getattr(new, name)]
    old_questions = {q.id: (q, old.dimension_of(q.id)) for q in old.questions()}
    new_questions = {q.id: (q, new.dimension_of(q.id)) for q in new.questions()}
    changes += [f"question '{qid}' was removed" for qid in old_questions if qid not in new_questions]
    changes += [f"question '{qid}' was added" for qid in new_questions if qid not in old_questions]
    for qid, (before, before_dimension) in old_questions.items():
        if qid not in new_questions:
            continue
        after, after_dimension = new_questions[qid]
        if before.text != after.text:
            changes.append(f"the text of question '{qid}' changed")
        if _options(before) != _options(after):
            changes.append(f"the options of question '{qid}' changed")
        if before.weight != after.weight:
            changes.append(f"the weight of question '{qid}' changed")
        if before_dimension.id != after_dimension.id:
            changes.append(f"question '{qid}' moved from '{before_dimension.id}' to '{after_dimension.id}'")
    old_dimensions = {d.id: d for d in old.dimensions}
    for dimension in new.dimensions:
        before = old_dimensions.get(dimension.id)
        if before is not None and before.weight != dimension.weight:
            changes.append(f"the weight of dimension '{dimension.id}' changed")
    if not changes and _content(old) != _content(new):
        changes.append("its wording changed (titles, help texts, descriptions or recommendations)")
    return changes


def _content(bank: Bank) -> dict:
    data = bank.model_dump(mode="json", exclude={"scales"})
    for dimension in data["dimensions"]:
        for question in dimension["questions"]:
            question.pop("scale", None)
    return data
