"""The full profile in a terminal: every recommendation reachable and said once, what levels
mean, notes, ties said as ties, partial results said prominently, and the overall score on the
first screen at 80x24."""

from __future__ import annotations

import io

from rich.console import Console

from goodlooks.render.explain import render_explanation
from goodlooks.render.profile import render_profile
from goodlooks.results import store
from goodlooks.scoring.scores import ANSWERED, Choice
from report_data import BANK, answered, bank_source, workshop_files

# Six dimensions, each with its own advice, so there are more than five recommendations; every
# question's lowest option carries the same advice, which must be said once.
MANY = BANK + "".join(f"""\
  - id: extra-{n}
    title: Extra {n}
    recommendations: {{Starting: Extra advice {n}.}}
    questions:
      - {{id: extra-{n}-q, text: Extra question {n}?, scale: three}}
""" for n in range(1, 4))


def _console(terminal: bool, width: int = 80, height: int = 24) -> Console:
    return Console(file=io.StringIO(), width=width, height=height, color_system=None, highlight=False,
                   force_terminal=terminal, legacy_windows=False)


def _all_rarely(text: str = MANY):
    loaded = bank_source(text)
    answers = {q.id: ("a", None) for q in loaded.bank.questions()}
    return loaded.bank, answered(loaded, "Board", answers, 1)


def _advice_lines(output: str) -> list[str]:
    block = output.split("What to do next\n")[1].split("\n\n")[0]
    return block.splitlines()


def test_a_terminal_shows_five_recommendations_and_how_to_see_the_rest():
    bank, results = _all_rarely()
    console = _console(terminal=True)
    render_profile(bank, results, console)
    lines = _advice_lines(console.file.getvalue())
    assert [line for line in lines if line[:3].strip().rstrip(".").isdigit()][-1].startswith(" 5.")
    assert lines[-1] == "    …and 2 more: add --all to see them."


def test_all_and_output_that_is_not_a_terminal_show_every_recommendation_once():
    bank, results = _all_rarely()
    shown = []
    for terminal, show_all in ((True, True), (False, None)):
        console = _console(terminal=terminal)
        render_profile(bank, results, console, show_all=show_all)
        shown.append(_advice_lines(console.file.getvalue()))
    assert shown[0] == shown[1]
    text = " ".join(line.strip() for line in shown[0])
    assert "more" not in text
    # "Start small." is the advice of option a on every question: said once, naming each question
    assert text.count("Start small.") == 1
    assert ("Users, on “Do teams meet users?” and “Is feedback used?” and “Are teams mixed?”" in text)
    for advice in ("Meet some users.", "Form one team.", "Ship something small.", "Extra advice 1.",
                   "Extra advice 3."):
        assert text.count(advice) == 1, advice


def test_the_overall_level_says_what_it_means_and_explain_lists_every_level():
    bank, results = _all_rarely(BANK)
    console = _console(terminal=False)
    sheet = render_profile(bank, results, console)
    render_explanation(bank, results, sheet, console)
    lines = console.file.getvalue().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Overall  1.0 on 1 to 3  Starting"))
    assert lines[at + 1] == "Starting: Little of this happens yet."
    explained = "\n".join(lines)
    assert ("What each level means\n  Starting (from 1): Little of this happens yet.\n"
            "  Developing (from 2): Some teams do this; it is not yet how we work.\n"
            "  Leading (from 3): This is how we work everywhere.") in explained


def test_ties_are_said_as_ties():
    loaded = bank_source(BANK)
    results = answered(loaded, "Board", {"users-met": ("c", None), "users-heard": ("c", None),
                                         "teams-mixed": ("a", None), "delivery-small": ("a", None),
                                         "delivery-often": ("a", None)}, 1)
    console = _console(terminal=False)
    render_profile(loaded.bank, results, console)
    text = console.file.getvalue()
    assert "Strongest: Users (3.0, Leading)" in text
    assert "Weakest, 2 tied at 1.0, Starting: Teams; Delivery" in text


def test_a_partial_result_says_how_many_answers_its_scores_rest_on_on_the_first_screen():
    loaded = bank_source(BANK)
    results = store.new_results(loaded, "Board")
    store.record_answer(results, loaded.bank, "users-met", Choice(ANSWERED, "c"))
    console = _console(terminal=True)
    render_profile(loaded.bank, results, console)
    lines = console.file.getvalue().splitlines()
    overall = next(i for i, line in enumerate(lines) if line.startswith("Overall  3.0"))
    assert lines[overall + 2: overall + 4] == ["Partial result: these scores rest on 1 answer to 5 questions; 4 "
                                               "not answered", "yet."]
    assert overall < 24


def test_the_overall_score_and_level_are_on_the_first_screen_of_the_built_in_bank(run, workdir):
    from conftest import EXAMPLES

    assert run("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--output", "b.json").exit_code == 0
    result = run("profile", "b.json")
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Overall  2.2 on 1 to 5  Emerging"))
    assert at < 24 - 3  # with the level's meaning under it, inside the first 24 lines
    assert lines[at + 1].startswith("Emerging: Good practice exists in one or two teams")


def test_notes_appear_with_their_questions(run, tmp_path):
    files = workshop_files(tmp_path)
    result = run("profile", str(files["combined"]), "--notes")
    assert result.exit_code == 0, result.output
    notes = result.stdout.split("\nNotes\n")[1]
    assert notes.startswith("Users\n  Do teams meet users?\n"
                            "    Chair chose “Sometimes”: Two teams did research this year\n"
                            "    Chief nurse chose “Rarely”: Only one ward was visited\n"
                            "Delivery\n  Do teams ship small changes?\n"
                            "    Chief nurse chose “Rarely”: Releases wait for the quarter\n")
    single = run("profile", str(files["people-1"]), "--notes").stdout.split("\nNotes\n")[1]
    assert single.startswith("Users\n  Do teams meet users?\n    Chose “Sometimes” (seen): Two teams did research")
    assert "\nNotes\n" not in run("profile", str(files["people-1"])).stdout


def test_a_profile_without_notes_says_so(run, tmp_path):
    files = workshop_files(tmp_path)
    assert "No notes were written with these answers." in run("profile", str(files["baseline"]), "--notes").stdout

