"""The profile and --explain as text: 80 columns, no colour, numbers and level names always shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from conftest import TINY_BANK
from goodlooks.bank.loader import LoadedBank, parse_bank
from goodlooks.render.console import SafeConsole
from goodlooks.render.explain import render_explanation
from goodlooks.render.profile import bar, render_profile
from goodlooks.results import store
from goodlooks.scoring.scores import ANSWERED, Choice

BANK = TINY_BANK.replace("  - {id: people, title: People}", "  - {id: people, title: People}\n"
                         "  - {id: work, title: Ways of working}") + """\
  - id: delivery
    title: Delivering in small steps that people can see and use every few weeks
    group: work
    recommendations:
      Low: Ship something small.
    questions:
      - {id: delivery-small, text: Do teams ship small changes?, scale: three}
"""


def _render(choices: dict[str, str], *, explain: bool = False, width: int = 80, plain: bool = False) -> str:
    bank = parse_bank(BANK.encode(), "bank.yaml")
    results = store.new_results(LoadedBank(bank, Path("bank.yaml"), "0" * 64, False), "Board")
    for question_id, key in choices.items():
        choice = Choice(key) if key in ("not_applicable", "dont_know") else Choice(ANSWERED, key)
        store.record_answer(results, bank, question_id, choice)
    console = (SafeConsole(file=io.StringIO(), width=width, color_system=None, highlight=False, plain=True) if plain
               else Console(file=io.StringIO(), width=width, color_system=None, highlight=False))
    sheet = render_profile(bank, results, console)
    if explain:
        render_explanation(bank, results, sheet, console)
    return console.file.getvalue()


def test_the_profile_reads_at_80_columns_without_colour():
    text = _render({"users-met": "b", "users-heard": "y", "delivery-small": "a"})
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "\x1b[" not in text
    assert "Board · in progress · 3 of 3 questions answered" in text
    assert "Overall  1.8 on 1 to 3  Low  ████████░░░░░░░░░░░░" in text  # D 0.375 of 20 cells
    assert [line.rstrip() for line in lines if line.startswith(("People", "  Users", "Ways", "  Deliv", "  see"))] == [
        "People                                          2.5  Low    ████████░░",
        "  Users                                         2.5  Low    ████████░░       2/2",
        "Ways of working                                 1.0  Low    ░░░░░░░░░░",
        "  Delivering in small steps that people can     1.0  Low    ░░░░░░░░░░       1/1",
        "  see and use every few weeks",
    ]
    assert "Strongest: Users (2.5, Low)" in text
    assert "Weakest: Delivering in small steps that people can see and use every few weeks\n  (1.0, Low)" in text


def test_a_plain_profile_has_no_bars_or_rules_for_a_screen_reader_to_read_out():
    text = _render({"users-met": "b", "users-heard": "y", "delivery-small": "a"}, plain=True)
    assert not set("█░─") & set(text), text
    lines = text.splitlines()
    assert "Maturity profile: Tiny" in lines[1] and lines[1].rstrip().endswith(("Tiny", "bank"))
    assert "Overall  1.8 on 1 to 3  Low" in text
    assert [" ".join(line.split()) for line in lines if line.startswith(("People", "  Users", "Ways"))] == [
        "People 2.5 Low", "Users 2.5 Low 2/2", "Ways of working 1.0 Low"]


def test_what_to_do_next_lists_the_weakest_dimension_first():
    text = _render({"users-met": "b", "users-heard": "y", "delivery-small": "a"})
    block = text.split("What to do next\n")[1].split("\n\n")[0]
    assert block.splitlines() == [
        " 1. Delivering in small steps that people can see and use every few weeks:",
        "    Ship something small.",
        " 2. Users: Meet some users.",
    ]


def test_not_applicable_and_unanswered_are_counted_and_said():
    text = _render({"users-met": "not_applicable", "users-heard": "dont_know"})
    assert "Board · in progress · 0 of 3 questions answered (1 not applicable, 1 don't know,\n1 unanswered)" in text
    assert "Overall  –" in text and "no level yet" in text
    assert "What to do next" not in text


def test_strongest_and_weakest_are_left_out_when_everything_ties():
    text = _render({"users-met": "a", "users-heard": "n", "delivery-small": "a"})
    assert "Strongest" not in text and "Weakest" not in text


@pytest.mark.parametrize(("normalised", "expected"), [(None, ""), (0, "░" * 10), (0.5, "█████░░░░░"),
                                                      (1, "█" * 10), (0.04, "░" * 10), (0.06, "█" + "░" * 9)])
def test_bars(normalised, expected):
    assert bar(normalised) == expected


def test_explain_shows_the_arithmetic_behind_every_number():
    text = _render({"users-met": "b", "users-heard": "not_applicable", "delivery-small": "c"}, explain=True)
    assert "users-met: chose b scoring 2; q = (2 − 1) / (3 − 1) = 0.5, weight 1" in text
    assert "users-heard: not applicable, left out" in text
    assert "D = (1×0.5) / 1 = 0.5" in text
    assert "shown 1 + 0.5 × (3 − 1) = 2.00 → Low (from 1)" in text
    assert "D = weighted mean of its dimensions' D = (1×0.5 + 1×1) / 2 = 0.75" in text
    assert "shown 1 + 0.75 × (3 − 1) = 2.50 → Low (from 1)" in text
    assert "shown 1 + 1 × (3 − 1) = 3.00 → High (from 3)" in text


def test_explain_says_where_to_look_for_each_question_with_evidence(run, workdir):
    (workdir / "bank.yaml").write_text(BANK.replace(
        "        text: Is feedback used?\n", "        text: Is feedback used?\n"
        "        evidence: The feedback log and what changed because of it.\n"))
    (workdir / "answers.yaml").write_text("answers: {users-met: b, users-heard: y, delivery-small: c}\n")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    result = run("profile", "r.json", "--explain")
    lines = result.stdout.splitlines()
    at = lines.index("  users-heard: chose y scoring 3; q = (3 − 1) / (3 − 1) = 1, weight 1")
    assert lines[at + 1] == "    where to look: The feedback log and what changed because of it."
    assert sum("where to look" in line for line in lines) == 1
