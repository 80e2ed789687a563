"""The built-in bank's own promises, checked mechanically (issue 11).

Every question has help and evidence and carries a principle and a WGLL tag; every option
below the top has advice; no two pieces of advice that can appear in one profile share five
words in a row; the bank shares no run of six words with the seed posts (titles aside); and
questions and option labels read at a Flesch-Kincaid grade of 8 or below (median).
"""

from __future__ import annotations

import itertools
import re
import statistics

import pytest

from conftest import REPO
from goodlooks.bank.loader import load_bank
from goodlooks.bank.model import Bank, split_tag
from text_measures import flesch_kincaid_grade, run_digests, shared_run, syllables

SEEDS = REPO.parent / "shared" / "seeds"  # /work/shared/seeds beside the worktrees
SEED_RUN, ADVICE_RUN = 6, 5


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank("what-good-looks-like").bank


def advice_that_can_meet(bank: Bank) -> list[tuple[str, str, str]]:
    """(where it can come from, its name, its text) for every piece of advice in the bank.

    A profile shows at most one level's advice per dimension and one option's advice per
    question, so two pieces from the same place never appear together."""
    found = []
    for dimension in bank.dimensions:
        found += [(f"dimension {dimension.id}", f"{dimension.id} at {level}", text)
                  for level, text in dimension.recommendations.items()]
        for question in dimension.questions:
            found += [(f"question {question.id}", f"{question.id} {option.key}", option.recommendation)
                      for option in question.choices if option.recommendation]
    return found


def repeats(bank: Bank, length: int = ADVICE_RUN) -> list[str]:
    return [f"{a[1]} / {b[1]}: '{run}'" for a, b in itertools.combinations(advice_that_can_meet(bank), 2)
            if a[0] != b[0] and (run := shared_run(a[2], b[2], length))]


def written_text(bank: Bank) -> list[tuple[str, str]]:
    """Everything the bank says in its own words: all but titles and the source's attribution."""
    texts = [("description", bank.description)] + [(f"level {lvl.name}", lvl.description) for lvl in bank.levels]
    texts += [(f"tag family {name}", family.description) for name, family in bank.tag_families.items()]
    for dimension in bank.dimensions:
        texts.append((dimension.id, dimension.description))
        texts += [(f"{dimension.id} at {level}", text) for level, text in dimension.recommendations.items()]
        for question in dimension.questions:
            texts += [(question.id, question.text), (f"{question.id} help", question.help),
                      (f"{question.id} evidence", question.evidence)]
            for option in question.choices:
                texts += [(f"{question.id} {option.key}", option.label),
                          (f"{question.id} {option.key} advice", option.recommendation)]
    return [(name, text) for name, text in texts if text]


def test_every_question_has_help_and_evidence(bank):
    assert [q.id for q in bank.questions() if not q.help or not q.evidence] == []


def test_every_option_below_the_top_has_advice_and_the_top_has_none(bank):
    for question in bank.questions():
        top = max(option.score for option in question.choices)
        assert [bool(o.recommendation) for o in question.choices] == [o.score < top for o in question.choices], \
            question.id


def test_no_two_pieces_of_advice_that_can_meet_share_five_words_in_a_row(bank):
    assert repeats(bank) == []


def test_the_repeat_check_finds_a_repeat(bank):
    copy = bank.model_copy(deep=True)
    mission, users = copy.dimensions[0], copy.dimensions[1]
    users.questions[0].choices[0].recommendation = mission.recommendations["Starting"]
    found = repeats(copy)
    assert len(found) == 1 and found[0].startswith("mission at Starting / users-research a: '")


def test_every_question_carries_a_principle_tag_and_a_wgll_tag(bank):
    for question in bank.questions():
        families = {parts[0] for tag in question.tags if (parts := split_tag(tag))}
        assert {"principle", "wgll"} <= families, question.id


def test_every_tag_family_used_is_declared_with_its_values(bank):
    for question in bank.questions():
        for tag in question.tags:
            family, value = split_tag(tag)
            assert value in bank.tag_families[family].tags, (question.id, tag)


def test_what_the_bank_leaves_out_is_declared_not_asked_and_said(bank):
    not_asked = {family: sorted(value for value, questions in bank.tagged(family).items() if not questions)
                 for family in bank.tag_families}
    assert not_asked == {"principle": [], "board-question": [],
                         "wgll": ["healthy-populations", "safe-practice"],
                         "service-standard": ["14", "15", "16", "3", "4", "9"]}
    assert "points 3, 4, 9, 14, 15 and 16" in bank.tag_families["service-standard"].description
    for words_said in ("clinical safety", "cyber security", "wider population", "DCB0129",
                       "Data Security and Protection Toolkit", "What Good Looks Like framework"):
        assert words_said in bank.description


def test_one_word_for_one_idea(bank):
    for name, text in written_text(bank):
        assert not re.search(r"\b(strateg\w*|ambition\w*)\b", text, re.I), name   # the idea is "mission"
        assert not re.search(r"\bproducts?\b(?!\s+manag|,\s+design)", text, re.I), name  # "service"


def test_answer_labels_give_amounts_not_most_some_or_few(bank):
    vague = [f"{q.id} {o.key}: {o.label}" for q in bank.questions() for o in q.choices
             if re.search(r"\b(most|some|few|many|several|often|regularly|rarely)\b", o.label, re.I)]
    assert vague == []


def _seed_digests() -> set[str]:
    lines = (REPO / "tests" / "fixtures" / "seed-runs-6.txt").read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_no_run_of_six_words_comes_from_the_seed_posts(bank):
    seeds = _seed_digests()
    copied = [name for name, text in written_text(bank) if run_digests(text, SEED_RUN) & seeds]
    assert copied == []


def test_the_seed_check_finds_a_copied_sentence(bank):
    copy = bank.model_copy(deep=True)
    copy.questions()[0].help = "Services start at go live, projects end at go live."
    assert [name for name, text in written_text(copy) if run_digests(text, SEED_RUN) & _seed_digests()] == [
        "mission-clear help"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed posts are not beside this checkout")
def test_the_seed_fingerprints_match_the_seed_posts():
    seeds = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    assert run_digests(seeds, SEED_RUN) == _seed_digests()


def test_question_texts_and_option_labels_read_at_grade_8_or_below(bank):
    questions = [flesch_kincaid_grade(q.text) for q in bank.questions()]
    labels = [flesch_kincaid_grade(o.label) for q in bank.questions() for o in q.choices]
    assert statistics.median(questions) <= 8
    assert statistics.median(labels) <= 8


def test_the_grade_measure_tells_plain_from_dense_text():
    assert [syllables(w) for w in ("cat", "care", "digital", "governance", "multidisciplinary")] == [1, 1, 3, 3, 7]
    assert flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(0.39 * 6 + 11.8 - 15.59)
    dense = ("Organisational transformation necessitates comprehensive multidisciplinary "
             "capability development, institutionalised through sustainable governance arrangements.")
    assert flesch_kincaid_grade(dense) > 16
    assert flesch_kincaid_grade("Two sentences here. Each is short.") < flesch_kincaid_grade(
        "Two sentences here and each is short.")


def test_shared_runs_ignore_case_and_punctuation():
    assert shared_run("Put it on the Board agenda.", "put it on the board, agenda now", 5) == "it on the board agenda"
    assert shared_run("one two three four", "one two three four", 5) is None
