"""The distribution behind an answer (issue 6, parts 1 and 2): reading typed votes, counting them,
the spread in option positions, "discuss" at a spread of 2 or more, and where the pointer starts
(the median vote, the lower of two middles)."""

from __future__ import annotations

import pytest

from goodlooks.render.distribution import chart, summary
from goodlooks.workshop.distribution import (
    DISCUSS_SPREAD,
    VoteError,
    distribution,
    parse_votes,
    positions,
    spread_of,
    suggested_answer,
    total,
)
from test_workshop_support import bank_v1

FOUR_OPTIONS = "type option numbers 1 to 4, n for not applicable and d for don't know, separated by spaces"


@pytest.fixture(scope="module")
def four():
    return bank_v1().question("users-met")  # never, rarely, often, always


@pytest.fixture(scope="module")
def two():
    return bank_v1().question("data-safe")  # no, yes


# --- parse_votes -------------------------------------------------------------------------------

def test_votes_are_option_numbers_counted_from_one(four):
    assert parse_votes("2 3 3 4 1", four) == ["rarely", "often", "often", "always", "never"]


def test_letters_n_and_d_in_either_case_are_not_applicable_and_dont_know(four):
    assert parse_votes("n D N d 1", four) == ["not_applicable", "dont_know", "not_applicable", "dont_know",
                                               "never"]


def test_commas_semicolons_tabs_and_repeated_spaces_all_separate_votes(four):
    assert parse_votes("  1,2;3\t4 ,, ;  n  ", four) == ["never", "rarely", "often", "always",
                                                         "not_applicable"]


def test_no_votes_at_all_is_an_empty_list(four):
    assert parse_votes("", four) == []
    assert parse_votes("  , ; ", four) == []


def test_the_number_of_options_is_the_questions_own(two):
    assert parse_votes("1 2 2", two) == ["no", "yes", "yes"]
    with pytest.raises(VoteError) as error:
        parse_votes("1 3", two)
    assert str(error.value) == ("'3' is not a vote: type option numbers 1 to 2, n for not applicable and "
                                "d for don't know, separated by spaces")


@pytest.mark.parametrize("typed, token", [
    ("2 5 1", "5"), ("0", "0"), ("-1", "-1"), ("2.5", "2.5"), ("x", "x"), ("1 yes", "yes"),
    ("na", "na"), ("3+", "3+"),
])
def test_a_token_that_is_not_a_vote_is_named_with_what_to_type(four, typed, token):
    with pytest.raises(VoteError) as error:
        parse_votes(typed, four)
    assert str(error.value) == f"'{token}' is not a vote: {FOUR_OPTIONS}"


def test_a_long_bad_token_is_cut_to_20_characters_in_the_message(four):
    with pytest.raises(VoteError) as error:
        parse_votes("abcdefghijklmnopqrstuvwxyz", four)
    assert str(error.value) == f"'abcdefghijklmnopqrst' is not a vote: {FOUR_OPTIONS}"


@pytest.mark.parametrize("typed", ["²", "1 ³", "①"])
def test_unicode_digits_that_int_cannot_read_are_a_vote_error_too(four, typed):
    """str.isdigit() is true for '²', '³' and '①' but int() refuses them: the facilitator's typo
    must get the same message as any other, not a crash."""
    token = typed.split()[-1]
    with pytest.raises(VoteError) as error:
        parse_votes(typed, four)
    assert str(error.value) == f"'{token}' is not a vote: {FOUR_OPTIONS}"


# --- counts, spread, discuss -------------------------------------------------------------------

def test_positions_number_the_options_from_one(four, two):
    assert positions(four) == {"never": 1, "rarely": 2, "often": 3, "always": 4}
    assert positions(two) == {"no": 1, "yes": 2}


def test_counts_cover_every_option_in_order_then_not_applicable_and_dont_know(four):
    record = distribution(four, ["rarely", "often", "often", "always", "never", "dont_know"], "votes")
    assert list(record.counts.items()) == [("never", 1), ("rarely", 1), ("often", 2), ("always", 1),
                                           ("not_applicable", 0), ("dont_know", 1)]
    assert (record.source, record.spread, record.discuss, record.voices) == ("votes", 3, True, [])
    assert total(record) == 6
    assert summary(record) == ("6 votes · 1 not applicable or don't know · spread 3 among the other 5 · the room "
                               "disagrees: talk about it")


@pytest.mark.parametrize("answers, spread, discuss", [
    (["often"], 0, False),
    (["often", "often", "often"], 0, False),
    (["rarely", "often"], 1, False),
    (["rarely", "often", "not_applicable", "dont_know"], 1, False),  # reserved answers have no position
    (["never", "often"], 2, True),
    (["rarely", "always", "rarely"], 2, True),
    (["never", "always"], 3, True),
    (["not_applicable", "dont_know"], None, False),
    ([], None, False),
])
def test_spread_is_option_positions_between_lowest_and_highest(four, answers, spread, discuss):
    record = distribution(four, answers, "combined")
    assert spread_of(four, answers) == spread
    assert (record.spread, record.discuss) == (spread, discuss)
    assert DISCUSS_SPREAD == 2


def test_answers_that_are_no_key_of_the_question_are_not_counted(four):
    record = distribution(four, ["often", "sometimes", "yes"], "combined")
    assert sum(record.counts.values()) == 1
    assert record.spread == 0


def test_summary_words_for_combined_answers(four):
    assert summary(distribution(four, ["never", "often"], "combined")) == \
        "2 answers · spread 2 · the board disagrees: discuss"
    assert summary(distribution(four, ["often", "always"], "combined")) == \
        "2 answers · spread 1 · close agreement"
    assert summary(distribution(four, ["dont_know"], "combined")) == \
        "1 answer · 1 not applicable or don't know · mostly unsure: ask why"


def test_agreement_among_few_of_the_votes_is_not_called_close_agreement(four):
    """Issue 17: 6 votes, 4 of them not applicable or don't know, said "spread 1 · close agreement"."""
    record = distribution(four, ["often", "always", "not_applicable", "dont_know", "dont_know", "dont_know"], "votes")
    assert summary(record) == ("6 votes · 4 not applicable or don't know · spread 1 among the other 2 · mostly "
                               "unsure: ask why")
    record = distribution(four, ["often", "often", "always", "dont_know"], "votes")
    assert summary(record) == "4 votes · 1 not applicable or don't know · spread 1 among the other 3 · close agreement"


def test_the_chart_has_a_line_per_option_and_lines_only_for_reserved_answers_given(four):
    record = distribution(four, ["never", "never", "always", "dont_know"], "votes")
    lines = [" ".join(line.plain.split()) for line in chart(four, record, 80)]
    assert [" ".join(line.replace("█", "").split()) for line in lines] == [
        "1 Never 2", "2 Rarely ·", "3 Often ·", "4 Always 1", "d Don't know 1"]
    cells = [line.count("█") for line in lines]
    assert cells[1:3] == [0, 0]
    assert cells[0] == 2 * cells[3] == 2 * cells[4] > 0  # bars in proportion to the counts


# --- where the pointer starts --------------------------------------------------------------------

@pytest.mark.parametrize("answers, expected", [
    (["rarely", "often", "often", "always", "never"], "often"),  # 1 2 3 3 4 -> 3
    (["never", "always"], "never"),  # 1 4 -> the lower middle
    (["never", "rarely", "often", "always"], "rarely"),  # 1 2 3 4 -> 2
    (["always", "always", "never"], "always"),
    (["often", "not_applicable", "dont_know", "dont_know"], "often"),  # options outweigh n and d
    (["dont_know", "dont_know", "not_applicable"], "dont_know"),
    (["not_applicable", "not_applicable", "dont_know"], "not_applicable"),
    ([], None),
])
def test_the_suggested_answer_is_the_median_low_vote(four, answers, expected):
    assert suggested_answer(four, distribution(four, answers, "votes")) == expected
