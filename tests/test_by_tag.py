"""Scores regrouped by a tag family (`profile FILE --by FAMILY`): same rules, exact numbers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from conftest import EXAMPLES, REPO
from goodlooks.bank.loader import load_bank, parse_bank
from goodlooks.bank.model import TagFamily
from goodlooks.base.errors import UsageError
from goodlooks.scoring.by_tag import score_by_tag
from goodlooks.scoring.scores import ANSWERED, Choice, score

OLD_RESULTS = REPO / "tests" / "fixtures" / "results-bank-1.0.json"

WEIGHTED = """\
id: weighted
title: Weighted
version: "1"
score_range: [0, 10]
levels:
  - {name: Low, min: 0}
  - {name: High, min: 5}
tag_families:
  area:
    title: Area
    tags: {people: People, things: Things, unasked: Never asked}
scales:
  three:
    - {key: a, label: A, score: 0}
    - {key: b, label: B, score: 1}
    - {key: c, label: C, score: 2}
dimensions:
  - id: one
    title: One
    questions:
      - {id: q1, text: Q1?, scale: three, weight: 2, tags: [area:people]}
      - {id: q2, text: Q2?, scale: three, tags: [area:people, area:things, free-label]}
      - {id: q3, text: Q3?, scale: three, weight: 0, tags: [area:things]}
      - {id: q4, text: Q4?, scale: three}
"""


def _choices(**keys: str) -> dict[str, Choice]:
    return {q: Choice(k) if k in ("not_applicable", "dont_know") else Choice(ANSWERED, k) for q, k in keys.items()}


def test_each_tag_is_a_weighted_mean_a_question_can_count_twice_and_untagged_ones_are_named():
    bank = parse_bank(WEIGHTED.encode(), "bank.yaml")
    tags = score_by_tag(bank, _choices(q1="c", q2="a", q3="a", q4="b"), "area")
    by_value = {tag.value: tag for tag in tags.tags}
    assert [tag.value for tag in tags.tags] == ["people", "things", "unasked"]   # declared order
    people, things, unasked = by_value["people"], by_value["things"], by_value["unasked"]
    assert people.result.normalised == pytest.approx(2 / 3)     # (2×1 + 1×0) / 3
    assert people.result.shown == pytest.approx(20 / 3) and people.result.level == "High"
    assert things.result.normalised == 0                         # q3 has weight 0: left out
    assert (things.result.shown, things.result.level, things.result.answered) == (0, "Low", 2)
    assert not unasked.asked and unasked.result.shown is None and unasked.result.total == 0
    assert tags.untagged == ("q4",)
    assert tags.sheet.overall == score(bank, _choices(q1="c", q2="a", q3="a", q4="b")).overall


def test_with_scoring_weakest_each_tag_takes_its_weakest_answer():
    bank = parse_bank(WEIGHTED.replace('version: "1"\n', 'version: "1"\nscoring: weakest\n').encode(), "b.yaml")
    tags = score_by_tag(bank, _choices(q1="c", q2="b", q4="a"), "area")
    assert [tag.result.normalised for tag in tags.tags] == [0.5, 0.5, None]


def test_not_applicable_and_dont_know_are_counted_and_left_out():
    bank = parse_bank(WEIGHTED.encode(), "bank.yaml")
    people = score_by_tag(bank, _choices(q1="not_applicable", q2="c"), "area").tags[0]
    assert (people.result.normalised, people.result.answered, people.result.not_applicable) == (1, 1, 1)


def test_an_undeclared_family_is_a_usage_error_with_a_hint():
    bank = parse_bank(WEIGHTED.encode(), "bank.yaml")
    with pytest.raises(UsageError, match=r"^--by aera: the bank 'weighted' declares no tag family "
                                         r"'aera'; did you mean 'area'\?$"):
        score_by_tag(bank, {}, "aera")


BUILTIN = load_bank("what-good-looks-like").bank


def _by_dimension():
    """The built-in bank with every question tagged by its own dimension."""
    bank = BUILTIN.model_copy(deep=True)
    bank.tag_families = {"dim": TagFamily(title="Dimension")}
    for dimension in bank.dimensions:
        for question in dimension.questions:
            question.tags = [*question.tags, f"dim:{dimension.id}"]
    return bank


_BY_DIMENSION = _by_dimension()
_ANSWERS = st.sampled_from(["a", "b", "c", "d", "e", "not_applicable", "dont_know", None])


@settings(max_examples=60, deadline=None)
@given(st.lists(_ANSWERS, min_size=len(BUILTIN.questions()), max_size=len(BUILTIN.questions())))
def test_a_family_that_tags_each_question_by_its_dimension_gives_the_dimension_scores(answers):
    choices = _choices(**{q.id: key for q, key in zip(_BY_DIMENSION.questions(), answers) if key})
    tags = score_by_tag(_BY_DIMENSION, choices, "dim")
    assert {tag.value: tag.result for tag in tags.tags} == tags.sheet.dimensions


# The example answers file on the built-in bank, read by WGLL measure: every number worked out by hand.
# Well led: 11 questions, q summing to 2.75 -> D 0.25 -> 1 + 4D = 2.00. Improve care: 7 questions,
# q summing to 3 -> D 3/7 -> 2.71, shown 2.7. Support people: users-reflect is "don't know", so teams-clinical
# (q 0.5) alone -> 3.00.
WGLL_ROWS = [
    "Well led                        2.0  Emerging    ██░░░░░░░░     11/11",
    "Ensure smart foundations        2.0  Emerging    ██░░░░░░░░       8/9",
    "Safe practice                   2.0  Emerging    ██░░░░░░░░       1/1",
    "Support people                  3.0  Developing  █████░░░░░       1/2",
    "Empower citizens                2.0  Emerging    ██░░░░░░░░       4/4",
    "Improve care                    2.7  Developing  ████░░░░░░       7/7",
    "Healthy populations               –  not asked",
]


@pytest.fixture
def board(run, workdir) -> Path:
    assert run("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--output", "board.json").exit_code == 0
    return workdir / "board.json"


def test_profile_by_wgll_shows_each_measure_with_exact_numbers(run, board):
    result = run("profile", "board.json", "--by", "wgll")
    assert result.exit_code == 0, result.stderr
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[1].startswith("Maturity profile by What Good Looks Like measure ─")
    assert lines[2:4] == ["What good looks like for digital transformation · Example trust board · 32 of 34",
                          "questions answered"]
    assert "Overall  2.2 on 1 to 5  Emerging  ██████░░░░░░░░░░░░░░" in lines
    start = lines.index("What Good Looks Like measure  Score  Level                   Answered")
    assert lines[start + 1:start + 8] == WGLL_ROWS
    assert all(len(line) <= 80 for line in lines)


def test_the_wgll_scores_are_exact(board):
    from goodlooks.results.store import load_results

    tags = score_by_tag(BUILTIN, load_results(board).choices(), "wgll")
    shown = {tag.value: tag.result.shown for tag in tags.tags}
    assert shown == pytest.approx({"well-led": 2.0, "smart-foundations": 2.0, "support-people": 3.0,
                                   "empower-citizens": 2.0, "improve-care": 1 + 4 * 3 / 7, "safe-practice": 2.0,
                                   "healthy-populations": None})


def test_explain_by_wgll_shows_each_rows_arithmetic(run, board):
    result = run("profile", "board.json", "--by", "wgll", "--explain")
    assert result.exit_code == 0
    text = result.stdout
    block = text.split("Ensure smart foundations  [wgll:smart-foundations]\n")[1].split("\n\n")[0]
    assert block.splitlines() == [
        "  services-budget: q = 0, weight 1",
        "  teams-skills: q = 0.25, weight 1",
        "  teams-recruiting: q = 0, weight 1",
        "  technology-cloud: q = 0.5, weight 1",
        "  technology-exit: q = 0.25, weight 1",
        "  technology-suppliers: q = 0.5, weight 1",
        "  technology-standards: q = 0.25, weight 1",
        "  open-community: q = 0.25, weight 1",
        "  open-hiring: not applicable, left out",
        "  D = (1×0 + 1×0.25 + 1×0 + 1×0.5 + 1×0.25 + 1×0.5 + 1×0.25 + 1×0.25) / 8 =",
        "      0.25",
        "  shown 1 + 0.25 × (5 − 1) = 2.00 → Emerging (from 1.8)",
    ]


def test_by_service_standard_names_the_questions_it_leaves_out(run, board):
    result = run("profile", "board.json", "--by", "service-standard")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "6 Have a multidisciplinary team 2.7 Developing ████░░░░░░ 3/4" in flat  # users-reflect: don't know
    assert "9 Keep it secure and private – not asked" in flat
    assert "15 questions with no 'service-standard' tag are left out of the rows: mission-clear," in flat


def test_an_unknown_family_exits_2_naming_the_ones_there_are(run, board):
    result = run("profile", "board.json", "--by", "nhs")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("--by nhs: the bank 'what-good-looks-like' declares no tag family 'nhs'; "
                             "expected one of: board-question, principle, service-standard, wgll\n")


def test_results_made_with_bank_version_1_still_profile_from_their_own_copy(run, workdir):
    saved = json.loads(OLD_RESULTS.read_text())
    assert saved["bank"]["version"] == "1.0" and BUILTIN.version != "1.0"
    result = run("profile", str(OLD_RESULTS))
    assert result.exit_code == 0, result.stderr
    assert "Overall  2.2 on 1 to 5  Emerging" in result.stdout
    assert "Ask one team to write a short post about their current work" in " ".join(result.stdout.split())


def test_results_made_with_bank_version_1_read_by_wgll_after_re_scoring(run, workdir):
    old = run("profile", str(OLD_RESULTS), "--by", "wgll")
    assert old.exit_code == 2
    assert old.stderr == ("--by wgll: the bank 'what-good-looks-like' (version 1.0) declares no tag families "
                          "to group by; re-score the answers against a bank that does, with --bank BANK "
                          "--accept-bank-change\n")
    rescored = run("profile", str(OLD_RESULTS), "--bank", "what-good-looks-like", "--by", "wgll",
                   "--accept-bank-change")
    assert rescored.exit_code == 0, rescored.stderr
    # The questions whose meaning changed since 1.0 have new ids: their answers are set aside, named,
    # and the rest are scored against the current bank, exactly as the same answers given on it.
    saved = json.loads(OLD_RESULTS.read_text())
    kept = {qid: a["option"] or a["status"] for qid, a in saved["answers"].items() if BUILTIN.question(qid)}
    gone = sorted(set(saved["answers"]) - set(kept))
    assert gone == sorted(["mission-written", "users-board", "services-funding", "teams-hiring",
                           "technology-hosting", "technology-contracts", "technology-data", "delivery-governance",
                           "board-ownership", "open-blog", "open-progress", "open-talent"])
    assert rescored.stderr.startswith(f"{len(gone)} answers are set aside, not scored: the bank has no question ")
    assert all(f"question '{qid}'" in rescored.stderr for qid in gone)
    (workdir / "kept.yaml").write_text(yaml.safe_dump({"respondent": saved["respondent"], "answers": kept}))
    assert run("assess", "--answers", "kept.yaml", "--output", "kept.json").exit_code == 0
    assert rescored.stdout.split("\n", 4)[4] == run("profile", "kept.json", "--by", "wgll").stdout.split("\n", 4)[4]


def test_render_into_a_console_returns_the_scores_shown():
    from goodlooks.render.by_tag import render_by_tag
    from goodlooks.results.store import load_results

    console = Console(file=io.StringIO(), width=100, color_system=None, highlight=False)
    tags = render_by_tag(BUILTIN, load_results(OLD_RESULTS), "principle", console)
    assert [tag.title for tag in tags.tags][:2] == ["A clear mission", "Users' needs first"]
    assert "Skilled mixed teams" in console.file.getvalue()
