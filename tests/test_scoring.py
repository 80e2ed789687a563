"""Scoring rules, one test per rule with hand-worked numbers, then properties over random banks."""

from __future__ import annotations

import copy
from dataclasses import astuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TINY_BANK
from goodlooks.bank.loader import parse_bank
from goodlooks.bank.model import DONT_KNOW, NOT_APPLICABLE, Bank
from goodlooks.scoring.recommendations import recommend
from goodlooks.scoring.scores import ANSWERED, Choice, level_for, rescore, score

NA = Choice(NOT_APPLICABLE)
DK = Choice(DONT_KNOW)
FOUR = {"s0": 0, "s1": 1, "s2": 2, "s3": 3}
UNIT = [0, 1]


def question(qid: str, scores: dict[str, float] = FOUR, weight: float = 1,
             recommendations: dict[str, str] | None = None) -> dict:
    advice = recommendations or {}
    options = [{"key": key, "label": key, "score": value,
                **({"recommendation": advice[key]} if key in advice else {})}
               for key, value in scores.items()]
    return {"id": qid, "text": f"{qid}?", "weight": weight, "options": options}


def dimension(did: str, *questions: dict, **fields) -> dict:
    return {"id": did, "title": did.title(), "questions": list(questions), **fields}


def make_bank(*dimensions: dict, **fields) -> Bank:
    return Bank.model_validate({"id": "test", "title": "Test", "version": "1",
                                "dimensions": list(dimensions), **fields})


def answers(**chosen: str | Choice) -> dict[str, Choice]:
    return {qid: c if isinstance(c, Choice) else Choice(ANSWERED, c) for qid, c in chosen.items()}


def triple(result) -> tuple:
    return result.normalised, result.shown, result.level


def advised(qid: str) -> dict:
    return question(qid, recommendations={key: f"{qid} at {key}" for key in ("s0", "s1", "s2")})


def all_scores(sheet) -> list:
    return [*sheet.dimensions.values(), *sheet.groups.values(), sheet.overall]


def expected_combined(sheet, members: list[dict]) -> float | None:
    scored = [(d["weight"], sheet.dimensions[d["id"]].normalised) for d in members
              if sheet.dimensions[d["id"]].normalised is not None]
    total = sum(weight for weight, _ in scored)
    return sum(weight * value for weight, value in scored) / total if total else None


# --- questions -------------------------------------------------------------------------------

def test_question_score_is_its_place_between_lowest_and_highest_option():
    bank = make_bank(dimension("d", question("q1", {"a": 2, "b": 4, "c": 10})), score_range=UNIT)
    sheet = score(bank, answers(q1="b"))
    assert sheet.dimensions["d"].parts[0].normalised == pytest.approx(0.25)
    assert sheet.dimensions["d"].normalised == pytest.approx(0.25)


@pytest.mark.parametrize(("key", "expected"), [("a", 0.0), ("c", 0.5), ("b", 1.0)])
def test_options_in_any_order_with_negative_scores(key, expected):
    bank = make_bank(dimension("d", question("q1", {"b": 5, "a": -3, "c": 1})), score_range=UNIT)
    assert score(bank, answers(q1=key)).dimensions["d"].normalised == pytest.approx(expected)


# --- dimensions ------------------------------------------------------------------------------

def test_question_weights_weight_the_dimension_mean():
    bank = make_bank(dimension("d", question("q1", weight=3), question("q2", weight=1),
                               question("q3", weight=0.5)), score_range=[0, 3])
    sheet = score(bank, answers(q1="s3", q2="s0", q3="s1"))
    expected = (3 * 1 + 1 * 0 + 0.5 * (1 / 3)) / 4.5
    assert sheet.dimensions["d"].normalised == pytest.approx(expected)
    assert sheet.dimensions["d"].shown == pytest.approx(3 * expected)


def test_weakest_strategy_takes_the_lowest_answer_whatever_the_weights():
    bank = make_bank(dimension("d", question("q1", weight=3), question("q2", weight=0.5),
                               question("q3")), scoring="weakest", score_range=[0, 3])
    sheet = score(bank, answers(q1="s3", q2="s1", q3="s2"))
    assert sheet.dimensions["d"].normalised == pytest.approx(1 / 3)
    assert sheet.dimensions["d"].shown == pytest.approx(1.0)


@pytest.mark.parametrize(("strategy", "expected"), [("mean", 0.5), ("weakest", 1 / 3)])
def test_weight_zero_questions_are_left_out(strategy, expected):
    bank = make_bank(dimension("d", question("q1"), question("q2"), question("q3", weight=0)),
                     scoring=strategy, score_range=UNIT)
    sheet = score(bank, answers(q1="s1", q2="s2", q3="s0"))
    assert sheet.dimensions["d"].normalised == pytest.approx(expected)
    assert sheet.dimensions["d"].answered == 3


@pytest.mark.parametrize("strategy", ["mean", "weakest"])
def test_dimension_whose_answers_all_weigh_zero_has_no_score(strategy):
    bank = make_bank(dimension("d", question("q1", weight=0), question("q2", weight=0)),
                     dimension("e", question("q3")), scoring=strategy, score_range=UNIT,
                     levels=[{"name": "Any", "min": 0}])
    sheet = score(bank, answers(q1="s3", q2="s1", q3="s0"))
    assert triple(sheet.dimensions["d"]) == (None, None, None)
    assert sheet.overall.normalised == pytest.approx(0.0)


@pytest.mark.parametrize("strategy", ["mean", "weakest"])
def test_not_applicable_dont_know_and_unanswered_are_left_out(strategy):
    bank = make_bank(dimension("d", question("q1"), question("q2"), question("q3"), question("q4"),
                               question("q5")), scoring=strategy, score_range=UNIT)
    result = score(bank, answers(q1="s3", q2=NA, q3=DK, q5="s2")).dimensions["d"]
    expected = 5 / 6 if strategy == "mean" else 2 / 3
    assert result.normalised == pytest.approx(expected)
    assert (result.answered, result.not_applicable, result.dont_know, result.unanswered) == (2, 1, 1, 1)


def test_all_not_applicable_dimension_has_no_score_and_is_left_out_of_group_and_overall():
    bank = make_bank(
        dimension("a", question("qa1"), question("qa2"), group="g1", weight=5),
        dimension("b", question("qb1"), group="g1"),
        dimension("c", question("qc1"), group="g2"),
        groups=[{"id": "g1", "title": "G1"}, {"id": "g2", "title": "G2"}],
        levels=[{"name": "Zero", "min": 0}], score_range=[0, 3])
    sheet = score(bank, answers(qa1=NA, qa2=NA, qb1="s1", qc1=DK))
    assert triple(sheet.dimensions["a"]) == (None, None, None)
    assert triple(sheet.groups["g2"]) == (None, None, None)
    assert sheet.groups["g1"].shown == pytest.approx(1.0)
    assert sheet.overall.shown == pytest.approx(1.0)


def test_nothing_answered_gives_no_overall_score():
    bank = make_bank(dimension("d", question("q1")), levels=[{"name": "Zero", "min": 0}])
    assert triple(score(bank, {}).overall) == (None, None, None)


# --- groups and overall ----------------------------------------------------------------------

def test_dimension_weights_weight_the_overall_score():
    bank = make_bank(dimension("a", question("q1"), weight=2), dimension("b", question("q2"), weight=1),
                     dimension("c", question("q3"), weight=0), score_range=[0, 3])
    sheet = score(bank, answers(q1="s3", q2="s0", q3="s0"))
    assert sheet.overall.normalised == pytest.approx(2 / 3)
    assert sheet.overall.shown == pytest.approx(2.0)


def test_group_score_is_the_weighted_mean_of_its_dimensions():
    bank = make_bank(
        dimension("a", question("q1"), group="g1", weight=1),
        dimension("b", question("q2"), question("q3"), group="g1", weight=3),
        dimension("c", question("q4"), group="g2"),
        dimension("d", question("q5")),
        groups=[{"id": "g1", "title": "G1"}, {"id": "g2", "title": "G2"}], score_range=[1, 5])
    sheet = score(bank, answers(q1="s3", q2="s3", q3="s0", q4="s0", q5="s2"))
    assert sheet.groups["g1"].normalised == pytest.approx((1 + 3 * 0.5) / 4)
    assert sheet.groups["g1"].shown == pytest.approx(1 + 0.625 * 4)
    assert sheet.groups["g2"].shown == pytest.approx(1.0)
    assert sheet.overall.normalised == pytest.approx((1 + 1.5 + 0 + 2 / 3) / 6)


# --- ranges ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("score_range", "key", "shown"), [
    ([1, 5], "s0", 1.0), ([1, 5], "s1", 1 + 4 / 3), ([1, 5], "s3", 5.0),
    ([-1, 1], "s0", -1.0), ([-1, 1], "s1", -1 / 3), ([-1, 1], "s3", 1.0),
])
def test_scores_are_shown_on_the_bank_range(score_range, key, shown):
    bank = make_bank(dimension("d", question("q1")), score_range=score_range)
    sheet = score(bank, answers(q1=key))
    assert sheet.score_range == tuple(score_range)
    assert sheet.dimensions["d"].shown == pytest.approx(shown)
    assert sheet.overall.shown == pytest.approx(shown)


def test_default_range_runs_from_lowest_to_highest_option_in_the_bank():
    bank = make_bank(dimension("d", question("q1", {"a": 1, "b": 3}), question("q2", {"x": 7, "y": 2})))
    sheet = score(bank, answers(q1="b", q2="y"))
    assert sheet.score_range == (1, 7)
    assert sheet.dimensions["d"].shown == pytest.approx(1 + 0.5 * 6)


def test_default_range_with_negative_option_scores():
    bank = make_bank(dimension("d", question("q1", {"bad": -2, "ok": 0, "good": 2})))
    assert score(bank, answers(q1="ok")).dimensions["d"].shown == pytest.approx(0.0)
    assert score(bank, answers(q1="bad")).overall.shown == pytest.approx(-2.0)


def test_bank_read_from_yaml_resolves_scales_for_scoring():
    bank = parse_bank(TINY_BANK.encode(), "tiny.yaml")
    sheet = score(bank, answers(**{"users-met": "b", "users-heard": "y"}))
    assert sheet.score_range == (1, 3)
    assert triple(sheet.dimensions["users"]) == (pytest.approx(0.75), pytest.approx(2.5), "Low")
    assert triple(sheet.groups["people"]) == (pytest.approx(0.75), pytest.approx(2.5), "Low")


# --- levels ----------------------------------------------------------------------------------

LEVELS = [{"name": "Low", "min": 1}, {"name": "Mid", "min": 2.6}, {"name": "High", "min": 4}]


@pytest.mark.parametrize(("shown", "level"), [
    (2.6, "Mid"), (2.5999999999, "Mid"), (2.599999, "Low"), (2.5, "Low"),
    (4, "High"), (5, "High"), (1, "Low"), (0.9999999, "Low"), (0.999999, None), (-3, None), (None, None),
])
def test_level_is_the_last_level_reached_after_rounding_to_six_places(shown, level):
    bank = make_bank(dimension("d", question("q1")), levels=LEVELS, score_range=[1, 5])
    assert level_for(bank, shown) == level


def test_float_mean_just_below_a_level_min_reaches_it():
    five = {f"s{n}": n for n in range(6)}
    bank = make_bank(dimension("d", question("q1", five), question("q2", five), question("q3", five)),
                     levels=LEVELS, score_range=[1, 5])
    result = score(bank, answers(q1="s0", q2="s3", q3="s3")).dimensions["d"]
    assert result.shown == pytest.approx(2.6)
    assert result.level == "Mid"


def test_bank_without_levels_gives_no_level():
    bank = make_bank(dimension("d", question("q1")))
    assert score(bank, answers(q1="s3")).dimensions["d"].level is None


def test_top_answer_is_shown_at_most_at_the_top_of_the_range():
    bank = make_bank(dimension("d", question("q1", {"no": 0, "yes": 1})), score_range=[0.3, 0.9])
    assert score(bank, answers(q1="yes")).dimensions["d"].shown <= 0.9


# --- recommendations -------------------------------------------------------------------------

RECOMMENDING = {
    "levels": [{"name": f"L{n}", "min": n} for n in range(4)],
    "score_range": [0, 3],
}


def test_recommendations_weakest_dimension_first_level_advice_then_weakest_answers():
    bank = make_bank(
        dimension("alpha", advised("a1"), advised("a2"), advised("a3"),
                  recommendations={"L1": "alpha from L1", "L2": "alpha from L2"}),
        dimension("gamma", advised("g1"), recommendations={"L0": "gamma from L0"}),
        dimension("beta", advised("b1"), advised("b2"),
                  recommendations={"L0": {"text": "beta from L0", "owner": "Chair", "within": "3 months"}}),
        dimension("delta", advised("d1"), recommendations={"L0": "delta from L0"}),
        **RECOMMENDING)
    bank.question("b1").choices[0].owner, bank.question("b1").choices[0].within = "The board", "1 year"
    choices = answers(a1="s2", a2="s1", a3="s3", g1=NA, b1="s0", b2="s1", d1="s3")
    found = [astuple(r) for r in recommend(bank, choices, score(bank, choices))]
    assert found == [  # priority, dimension, question, text, level, owner, within
        (1, "beta", None, "beta from L0", "L0", "Chair", "3 months"),
        (2, "beta", "b1", "b1 at s0", None, "The board", "1 year"),
        (3, "beta", "b2", "b2 at s1", None, None, None),
        (4, "alpha", None, "alpha from L2", "L2", None, None),
        (5, "alpha", "a2", "a2 at s1", None, None, None),
        (6, "alpha", "a1", "a1 at s2", None, None, None),
    ]


def test_recommendation_ties_go_in_bank_order():
    bank = make_bank(dimension("second", advised("p1"), advised("p2")),
                     dimension("first", advised("f1")), **RECOMMENDING)
    choices = answers(p1="s2", p2="s0", f1="s1")
    found = [(r.priority, r.question) for r in recommend(bank, choices, score(bank, choices))]
    assert found == [(1, "p2"), (2, "p1"), (3, "f1")]

    choices = answers(p1="s1", p2="s1", f1="s1")
    found = [(r.priority, r.question) for r in recommend(bank, choices, score(bank, choices))]
    assert found == [(1, "p1"), (2, "p2"), (3, "f1")]


def test_no_scored_dimension_gives_no_recommendations():
    bank = make_bank(dimension("d", advised("q1"), recommendations={"L0": "start"}), **RECOMMENDING)
    choices = answers(q1=DK)
    assert recommend(bank, choices, score(bank, choices)) == []


def test_dimensions_with_equal_scores_keep_bank_order_despite_float_noise():
    ten = {f"v{n}": n for n in range(11)}
    bank = make_bank(
        dimension("first", question("f1", ten, recommendations={"v1": "f1"}), question("f2", ten)),
        dimension("second", question("s1", ten, recommendations={"v0": "s1"}), question("s2", ten)))
    choices = answers(f1="v1", f2="v2", s1="v0", s2="v3")
    sheet = score(bank, choices)
    assert sheet.dimensions["first"].shown == pytest.approx(sheet.dimensions["second"].shown)
    assert [r.dimension for r in recommend(bank, choices, sheet)] == ["first", "second"]


# --- properties ------------------------------------------------------------------------------

PROPERTY = settings(max_examples=30, deadline=None)
WEIGHTS = st.sampled_from([0, 0.5, 1, 2, 3])
SCORES = st.lists(st.integers(-12, 12).map(lambda n: n / 2), min_size=2, max_size=4, unique=True)
RANGES = st.one_of(st.none(), st.tuples(st.integers(-5, 5), st.integers(1, 10))
                   .map(lambda t: [t[0], t[0] + t[1]]))


@st.composite
def banks(draw) -> tuple[dict, dict[str, Choice]]:
    dimensions, choices = [], {}
    for d in range(draw(st.integers(1, 3))):
        questions = []
        for q in range(draw(st.integers(1, 3))):
            qid = f"d{d}-q{q}"
            scores = {f"o{i}": value for i, value in enumerate(draw(SCORES))}
            questions.append(question(qid, scores, weight=draw(WEIGHTS)))
            chosen = draw(st.sampled_from([*scores, NA, DK, None]))
            if chosen is not None:
                choices[qid] = chosen if isinstance(chosen, Choice) else Choice(ANSWERED, chosen)
        dimensions.append(dimension(f"d{d}", *questions, weight=draw(WEIGHTS),
                                    group=draw(st.sampled_from([None, "g1", "g2"]))))
    data = {"id": "random", "title": "Random", "version": "1", "dimensions": dimensions,
            "scoring": draw(st.sampled_from(["mean", "weakest"])), "score_range": draw(RANGES),
            "groups": [{"id": "g1", "title": "G1"}, {"id": "g2", "title": "G2"}],
            "levels": [{"name": "L0", "min": -6}, {"name": "L1", "min": 0}, {"name": "L2", "min": 3}]}
    return data, choices


@PROPERTY
@given(banks())
def test_every_score_lies_in_range_and_every_d_in_unit_interval(case):
    data, choices = case
    bank = Bank.model_validate(data)
    sheet = score(bank, choices)
    low, high = bank.shown_range()
    for result in all_scores(sheet):
        if result.normalised is None:
            assert result.shown is None and result.level is None
        else:
            assert 0 <= result.normalised <= 1
            assert low <= result.shown <= high
            assert result.level == level_for(bank, result.shown)


@PROPERTY
@given(banks())
def test_weakest_never_above_mean(case):
    data, choices = case
    mean = score(Bank.model_validate({**data, "scoring": "mean"}), choices)
    weakest = score(Bank.model_validate({**data, "scoring": "weakest"}), choices)
    for did, result in mean.dimensions.items():
        low = weakest.dimensions[did].normalised
        assert (low is None) == (result.normalised is None)
        if low is not None:
            assert low <= result.normalised + 1e-12


@PROPERTY
@given(banks(), st.data())
def test_raising_an_answer_never_lowers_the_mean(case, data):
    bank_data, choices = case
    bank = Bank.model_validate({**bank_data, "scoring": "mean"})
    target = data.draw(st.sampled_from(bank.questions()))
    low, high = sorted(data.draw(st.lists(st.sampled_from(target.choices), min_size=2, max_size=2,
                                          unique_by=lambda o: o.key)), key=lambda o: o.score)
    did = bank.dimension_of(target.id).id
    before = score(bank, {**choices, target.id: Choice(ANSWERED, low.key)}).dimensions[did]
    after = score(bank, {**choices, target.id: Choice(ANSWERED, high.key)}).dimensions[did]
    if before.normalised is None:
        assert after.normalised is None
    else:
        assert after.normalised >= before.normalised


@PROPERTY
@given(banks(), st.data())
def test_adding_not_applicable_changes_nothing(case, data):
    bank_data, choices = case
    bank = Bank.model_validate(bank_data)
    qid = data.draw(st.sampled_from([q.id for q in bank.questions()]))
    unanswered = {key: choice for key, choice in choices.items() if key != qid}
    before, after = score(bank, unanswered), score(bank, {**unanswered, qid: NA})
    assert [triple(r) for r in all_scores(after)] == [triple(r) for r in all_scores(before)]


AFFINE = st.tuples(st.sampled_from([0.1, 0.3, 1, 2.5, 7]), st.sampled_from([-9.7, -1, 0, 0.1, 4]))


@PROPERTY
@given(banks(), st.lists(AFFINE, min_size=9, max_size=9))
def test_affine_change_of_a_questions_option_scores_leaves_every_d_unchanged(case, maps):
    bank_data, choices = case
    changed = copy.deepcopy(bank_data)
    questions = [q for dim in changed["dimensions"] for q in dim["questions"]]
    for q, (a, b) in zip(questions, maps):
        for option in q["options"]:
            option["score"] = a * option["score"] + b
    before = score(Bank.model_validate(bank_data), choices)
    after = score(Bank.model_validate(changed), choices)
    for old, new in zip(all_scores(before), all_scores(after), strict=True):
        if old.normalised is None:
            assert new.normalised is None
        else:
            assert new.normalised == pytest.approx(old.normalised, abs=1e-9)


@PROPERTY
@given(banks())
def test_overall_and_group_d_are_weighted_means_of_dimension_d(case):
    data, choices = case
    sheet = score(Bank.model_validate(data), choices)
    expected = expected_combined(sheet, data["dimensions"])
    assert sheet.overall.normalised == (None if expected is None else pytest.approx(expected))
    for gid, result in sheet.groups.items():
        expected = expected_combined(sheet, [d for d in data["dimensions"] if d["group"] == gid])
        assert result.normalised == (None if expected is None else pytest.approx(expected))


@PROPERTY
@given(banks(), st.data())
def test_rescoring_one_changed_answer_gives_exactly_the_full_score(case, data):
    bank_data, choices = case
    bank = Bank.model_validate(bank_data)
    previous = score(bank, choices)
    target = data.draw(st.sampled_from(bank.questions()))
    new = data.draw(st.sampled_from([*(Choice(ANSWERED, o.key) for o in target.choices), NA, DK, None]))
    changed = {key: choice for key, choice in choices.items() if key != target.id}
    if new is not None:
        changed[target.id] = new
    assert rescore(bank, changed, previous, target.id) == score(bank, changed)


def test_a_bank_without_a_score_range_works_its_range_out_once_per_scoring(monkeypatch):
    bank = make_bank(*(dimension(f"d{d}", question(f"q{d}")) for d in range(20)))
    calls = []
    original = Bank.shown_range
    monkeypatch.setattr(Bank, "shown_range", lambda self: calls.append(1) or original(self))
    score(bank, {f"q{d}": Choice(ANSWERED, "s1") for d in range(20)})
    assert len(calls) == 1
