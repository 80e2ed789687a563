"""Property tests of combining (issue 6, "Done when"): combining one file gives back its own
scores, and the order of the files does not change the result."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodlooks.results import store
from goodlooks.workshop.combine import combine
from test_workshop_support import OPTIONS, RESERVED, results_in_process

SETTINGS = settings(max_examples=60, deadline=None)


def answers_strategy(complete: bool = False):
    """Any answers to the workshop bank: an option, not applicable or don't know per question,
    some questions left out unless `complete`."""
    def one(qid: str):
        choice = st.sampled_from(OPTIONS[qid] + RESERVED)
        return choice if complete else st.one_of(st.none(), choice)

    return st.fixed_dictionaries({qid: one(qid) for qid in OPTIONS}).map(
        lambda picked: {qid: key for qid, key in picked.items() if key is not None})


def _save_all(folder: Path, people: list[dict]) -> list[Path]:
    paths = []
    for number, answers in enumerate(people):
        path = folder / f"p{number}.json"
        store.save(results_in_process(answers, f"Person {number}"), path)
        paths.append(path)
    return paths


def _scores(results) -> dict:
    scores = results.scores
    return {"overall": (scores.overall.score, scores.overall.level),
            **{f"group:{k}": (g.score, g.level) for k, g in scores.groups.items()},
            **{k: (d.score, d.level, d.answered, d.total, d.not_applicable, d.dont_know)
               for k, d in scores.dimensions.items()}}


@SETTINGS
@given(answers=answers_strategy())
def test_combining_one_file_gives_back_its_own_scores(answers):
    with tempfile.TemporaryDirectory() as folder:
        [path] = _save_all(Path(folder), [answers])
        own = store.load_results(path)
        combined = combine([path], include_incomplete=True).results
    assert _scores(combined) == _scores(own)
    assert combined.respondents == 1
    assert combined.status == own.status
    assert {qid: a.status for qid, a in combined.answers.items()} == {qid: a.status for qid, a in own.answers.items()}
    assert [r.dimension for r in combined.recommendations] == [r.dimension for r in own.recommendations]


def _approx_scores(results) -> dict:
    return {key: tuple(pytest.approx(v, abs=1e-9) if isinstance(v, float) else v for v in value)
            for key, value in _scores(results).items()}


@SETTINGS
@given(people=st.lists(answers_strategy(complete=True), min_size=2, max_size=4), data=st.data())
def test_the_order_of_the_files_does_not_change_the_result(people, data):
    with tempfile.TemporaryDirectory() as folder:
        paths = _save_all(Path(folder), people)
        shuffled = data.draw(st.permutations(paths))
        first = combine(paths).results
        second = combine(shuffled).results
    assert _scores(second) == _approx_scores(first)
    assert {qid: (d.counts, d.spread, d.discuss) for qid, d in second.distributions.items()} == \
        {qid: (d.counts, d.spread, d.discuss) for qid, d in first.distributions.items()}
    assert {qid: (a.status, a.label) for qid, a in second.answers.items()} == \
        {qid: (a.status, a.label) for qid, a in first.answers.items()}
    assert {qid: a.normalised for qid, a in second.answers.items()} == \
        {qid: pytest.approx(a.normalised, abs=1e-12) for qid, a in first.answers.items()}
    assert sorted(map(str, second.sources)) == sorted(map(str, first.sources))
    assert (second.respondents, second.status) == (first.respondents, first.status) == (len(people), "complete")


@SETTINGS
@given(people=st.lists(answers_strategy(), min_size=2, max_size=4), data=st.data())
def test_order_does_not_matter_with_files_in_progress_either(people, data):
    with tempfile.TemporaryDirectory() as folder:
        paths = _save_all(Path(folder), people)
        shuffled = data.draw(st.permutations(paths))
        first = combine(paths, include_incomplete=True).results
        second = combine(shuffled, include_incomplete=True).results
    assert _scores(second) == _approx_scores(first)
    assert {qid: d.counts for qid, d in second.distributions.items()} == \
        {qid: d.counts for qid, d in first.distributions.items()}
