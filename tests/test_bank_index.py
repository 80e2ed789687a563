"""Bank.question() and dimension_of() go through an index built once, and never trust a stale one."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from goodlooks.bank import model
from goodlooks.bank.loader import load_bank
from goodlooks.bank.model import Bank, Dimension, Question


def _scan(bank: Bank, question_id: str) -> tuple[Question | None, Dimension | None]:
    """What the lookups must answer: the first question with the id, by a plain scan."""
    for dimension in bank.dimensions:
        for question in dimension.questions:
            if question.id == question_id:
                return question, dimension
    return None, None


def _bank_of(dimensions: int, per_dimension: int) -> Bank:
    return Bank.model_validate({
        "id": "many", "title": "Many", "version": "1",
        "dimensions": [{"id": f"d{d}", "title": f"D{d}", "questions": [
            {"id": f"q{d}-{q}", "text": "?", "options": [{"key": "a", "label": "A", "score": 0},
                                                        {"key": "b", "label": "B", "score": 1}]}
            for q in range(per_dimension)]} for d in range(dimensions)]})


def test_every_lookup_of_a_large_bank_uses_one_index(monkeypatch):
    built = []
    original = model._QuestionIndex.__init__

    def counting(self, *args):
        built.append(args)
        original(self, *args)

    bank = _bank_of(500, 4)
    monkeypatch.setattr(model._QuestionIndex, "__init__", counting)
    for question in bank.questions():
        assert bank.question(question.id) is question
        assert bank.dimension_of(question.id).questions[0].id.split("-")[0] == question.id.split("-")[0]
    assert len(built) == 1


def test_a_bank_that_was_looked_into_still_equals_its_copy():
    bank = load_bank(None).bank
    untouched = copy.deepcopy(bank)
    assert bank.question("mission-clear") is not None
    assert bank == untouched and untouched == bank
    assert bank.model_copy(deep=True) == bank


_CHANGES = st.lists(st.tuples(st.sampled_from(["rename", "append", "remove", "move", "new-list", "drop-dimension"]),
                              st.integers(0, 50), st.integers(0, 50)), max_size=8)


@settings(max_examples=150, deadline=None)
@given(changes=_CHANGES, probes=st.lists(st.integers(0, 60), min_size=1, max_size=10))
def test_lookups_agree_with_a_scan_however_the_bank_is_changed(changes, probes):
    """Any change that keeps ids unique (validation guarantees they are)."""
    bank = _bank_of(4, 3)
    ids = [q.id for q in bank.questions()] + [f"new-{n}" for n in range(len(changes))] + ["nope"]
    for number, (kind, a, b) in enumerate(changes):
        for probe in probes:  # look things up between changes, so the index is built and goes stale
            question_id = ids[probe % len(ids)]
            expected = _scan(bank, question_id)
            assert bank.question(question_id) is expected[0]
            assert bank.dimension_of(question_id) is expected[1]
        dimension = bank.dimensions[a % len(bank.dimensions)]
        if kind == "rename" and dimension.questions:
            dimension.questions[b % len(dimension.questions)].id = f"new-{number}"
        elif kind == "append":
            dimension.questions.append(Question(id=f"new-{number}", text="?", options=None))
        elif kind == "remove" and dimension.questions:
            dimension.questions.pop(b % len(dimension.questions))
        elif kind == "move" and dimension.questions:
            other = bank.dimensions[b % len(bank.dimensions)]
            other.questions.insert(0, dimension.questions.pop())
        elif kind == "new-list":
            dimension.questions = list(reversed(dimension.questions))
        elif kind == "drop-dimension" and len(bank.dimensions) > 1:
            bank.dimensions.pop(a % len(bank.dimensions))
    for question_id in ids:
        found = (bank.question(question_id), bank.dimension_of(question_id))
        expected = _scan(bank, question_id)
        assert found[0] is expected[0] and found[1] is expected[1]
