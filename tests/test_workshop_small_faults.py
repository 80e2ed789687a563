"""The smaller faults of the workshop day (issue 17), each as it was seen: agreement among few of
the votes called close agreement (test_workshop_distribution.py), progress to targets on
normalised scores, "Anonymous" for a board's agreed answers read by tag, tags outside --only said
to be missing from the bank, and no "did you mean" for a mistyped --only tag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES
from goodlooks.workshop.compare import Comparison, ScoreChange, TargetProgress
from test_workshop_support import plain

WORKSHOP = EXAMPLES / "workshop"


def test_progress_to_targets_is_worked_out_on_the_scores_shown():
    """On a 1 to 5 bank, now 2.00 and 3.00 against targets 2.60 and 3.40: 1 - 1.00 / 6.00 = 83%, where
    normalised scores (0.25, 0.5 against 0.4, 0.6) gave 1 - 0.25 / 1.0 = 75%."""
    overall = ScoreChange("overall", "Overall", None, None, None, None)
    targets = [TargetProgress("a", "A", None, 0.25, 0.4), TargetProgress("b", "B", None, 0.5, 0.6)]
    comparison = Comparison(overall, [], [], [], [], [], targets=targets, score_range=(1.0, 5.0))
    assert comparison.percent_to_target == pytest.approx(1 - 1.0 / 6.0)
    assert comparison.as_dict()["percent_to_target"] == pytest.approx(1 - 1.0 / 6.0)


@pytest.fixture
def board(run, workdir) -> Path:
    result = run("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--output", "board.json")
    assert result.exit_code == 0, result.stderr
    return workdir / "board.json"


def test_the_boards_agreed_answers_read_by_tag_say_whose_they_are(run, board):
    data = json.loads(board.read_text())
    data.update(kind="agreed", respondents=3, respondent=None)
    board.write_text(json.dumps(data))
    joined = " ".join(plain(run("profile", "board.json", "--by", "wgll").stdout))
    assert "· Agreed by the board over 3 people's answers ·" in joined
    assert "Anonymous" not in joined


def test_tags_outside_only_are_said_to_be_outside_it_not_missing_from_the_bank(run, workdir):
    result = run("assess", "--only", "board-question", "--answers", str(WORKSHOP / "chair.yaml"), "-o", "c.json")
    assert result.exit_code == 0, result.stderr
    text = run("profile", "c.json", "--by", "wgll").stdout
    lines = plain(text)
    assert any(line.endswith("outside --only") for line in lines), text
    joined = " ".join(lines)
    assert "'Outside --only': the bank asks about it, but not in this session (only board-question)." in joined
    outside = [line.rsplit(" – outside --only", 1)[0] for line in lines if line.endswith("outside --only")]
    assert "Safe practice" in outside  # asked in the whole bank (bank 3.0), only not by the board questions


def test_a_mistyped_only_tag_gets_a_did_you_mean(run, workdir):
    result = run("assess", "--only", "wgll:empower", "--answers", str(WORKSHOP / "chair.yaml"), "-o", "c.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("--only: nothing in bank 'what-good-looks-like' is called 'wgll:empower' "
                                    "(did you mean 'wgll:empower-citizens'?); give dimension, group or question "
                                    "ids or tags")
