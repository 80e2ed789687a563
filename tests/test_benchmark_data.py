"""The benchmark suite's generated banks are valid and written in the built-in bank's style."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO
from goodlooks.bank.documents import builtin_banks
from goodlooks.bank.loader import DEFAULT_BANK, parse_bank

sys.path.insert(0, str(REPO / "benchmarks"))
data = pytest.importorskip("data")


@pytest.mark.parametrize("size", [1, 7, 50])
def test_a_generated_bank_is_valid_and_has_the_questions_asked_for(size):
    text = data.bank_yaml(data.bank_data(size)).encode()
    bank = parse_bank(text, "generated.yaml")
    questions = bank.questions()
    assert len(questions) == size
    assert len({q.id for q in questions}) == size
    assert all(len(q.choices) == 5 for q in questions)


def test_a_generated_bank_is_as_large_per_question_as_the_built_in_one():
    builtin = builtin_banks()[DEFAULT_BANK].stat().st_size / 32
    generated = len(data.bank_yaml(data.bank_data(320)).encode()) / 320
    assert 0.9 < generated / builtin < 1.1
