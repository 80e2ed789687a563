"""The paper a chair would table: its front sheet, priorities, things to find out and story, on
the README's example files and on small made-up results, checked for exact content; the paper
file's checks; and the rules every board-facing output keeps (no file names, no commands, one
decimal) while JSON and CSV keep every digit."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodlooks.bank.loader import load_bank
from paper_data import PAPER, docx_text, example_results, goodlooks, visible_text
from report_data import BANK, answered, bank_source, workshop_files


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict[str, Path]:
    return example_results(tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="module")
def paper(examples) -> str:
    return goodlooks("report", str(examples["board"]), "--baseline", str(examples["board-2025"]),
                     "--paper", str(PAPER))


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _advice(question_id: str) -> str:
    """The bank's advice for the answer the example board gave to `question_id` (or, for `part:ID`,
    the part's own advice for the level it is at)."""
    import yaml

    bank = load_bank(None).bank
    if question_id.startswith("part:"):
        part = next(d for d in bank.dimensions if d.id == question_id[5:])
        return part.recommendations["Emerging"].text  # the board part stands at 1.8, Emerging
    key = yaml.safe_load((PAPER.parent / "board-answers.yaml").read_text())["answers"][question_id]
    key = key["option"] if isinstance(key, dict) else key
    return bank.question(question_id).option(key).recommendation


EXPECTED = ["board-expertise", "users-first-hand", "services-budget", "part:board", "open-writing"]
"""The five priorities for the example board, by gap to target times weight: three answers a whole
level below their part's target (no digital expertise advises the board; no board member has seen
people use the services; one-off bids with no running costs), gap 0.4 in parts of weight 2 (0.43);
then the board part's own advice (gap 0.2, weight 2: 0.21); then the first answer of working in
the open, 0.375 below its target in the part that weighs half as much (0.2); in that order."""


def test_the_front_sheet_holds_the_facts_the_asks_the_sponsor_and_the_result_in_one_sentence(paper):
    front = paper.split("\n## The priorities\n")[0]
    assert front.startswith("# Digital maturity: the board's self-assessment\n\n")
    for label, value in (("Organisation", "Example NHS Foundation Trust"),
                         ("Meeting", "Board of directors, meeting in public"), ("Date of meeting", "14 January 2027"),
                         ("Agenda item", "7.2"), ("Executive sponsor", "Chief executive"),
                         ("Author", "Chief digital information officer"), ("Purpose", "For approval"),
                         ("Board assurance framework",
                          "BAF risk 6: the trust cannot make the digital changes its strategy depends on"),
                         ("Well-led", "Key line of enquiry 1: capacity and capability to lead")):
        assert f"| {label} | {value} |" in front
    assert ("**The board is asked to:**\n\n1. note the result of the board's self-assessment and how it was reached\n"
            "2. agree the five priorities, their owners and quarters\n"
            "3. agree the targets for twelve months' time\n") in front
    assert ("**The overall result is Emerging, 2.2 on a scale of 1 to 5, up from 1.6 (Starting) at the November "
            "2025 assessment.**\n\nEmerging means: Good practice exists in one or two teams") in front
    proposed = re.findall(r"^(\d)\. (.*) \((.*)\)$", front.split("**Five priorities proposed:**")[1], re.M)
    assert [text for _, text, _ in proposed] == [_advice(q) for q in EXPECTED]
    assert "| Risk register |  |" in front and "| Impact on finance |  |" in front  # blanks to fill in
    assert "TBC" not in paper and "TBD" not in paper


def test_the_priorities_are_the_expected_five_in_order_with_their_owners(paper):
    table = [line for line in _section(paper, "The priorities").splitlines() if re.match(r"\| \d ", line)]
    assert len(table) == 5
    owners = {"board-expertise": ("Chair", "Q4 2026/27"), "users-first-hand": ("Chief nurse", "Q4 2026/27"),
              "services-budget": ("Chief finance officer", "Q1 2027/28"),
              "part:board": ("Chair", "within 6 months"),  # no paper file entry: the bank's owner and time
              "open-writing": ("Director of communications", "within 1 month")}  # the part's owner, the bank's time
    for number, (line, question) in enumerate(zip(table, EXPECTED), start=1):
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        assert cells[0] == str(number) and cells[1].startswith(_advice(question))
        assert (cells[4], cells[5]) == owners[question]
    assert "Far: 0.8 to go" in table[0]
    assert "today “No one in the room has led digital services”" in table[0]
    steps = re.findall(r"^\| (\d+) \|", _section(paper, "Appendix A: the other steps, by part"), re.M)
    assert [int(n) for n in steps] == list(range(6, 6 + len(steps))) and len(steps) == 35  # 40 in all


def test_a_dont_know_answer_is_something_to_find_out_with_where_to_look(paper):
    find_out = _section(paper, "To find out")
    bank = load_bank(None).bank
    question = bank.question("users-reflect")
    assert f"| 1 | {question.text} | Built around what users need | {question.evidence} |  |  |" in find_out
    assert "agree who will find out" not in paper  # the paper file's own asks replace the usual ones


def test_the_story_says_who_how_when_which_questions_and_what_changed(paper):
    story = _section(paper, "The story of the session")
    assert "The answers are those of Example trust board, given in one sitting." in story
    assert ("The questions are those of “What good looks like for digital transformation”, version "
            f"{load_bank(None).bank.version} (the questions that come with goodlooks).") in story
    assert ("32 questions were answered; one was not applicable, and left out of the scores; one was answered "
            "“don't know”, and finding out is an action in itself.") in story
    assert "Three of the 34 answers carry a note of what they rest on, set out in Appendix C" in story
    assert ("Since the November 2025 assessment, the overall result has gone from 1.6 (Starting) to 2.2 "
            "(Emerging): eight parts rose.") in story
    assert ("The board set targets for five parts, for twelve months' time: none met, one close (within half a "
            "level) and four far.") in story


def test_the_story_of_a_combined_file_names_those_who_gave_a_name(run, tmp_path):
    files = workshop_files(tmp_path)
    paper = goodlooks("report", str(files["combined"]), "--baseline", str(files["baseline"]))
    story = _section(paper, "The story of the session")
    assert story.strip().startswith("Three people (Chair, Chief nurse and Finance director) answered the questions on "
                                    "their own. Each answer here is the average of theirs: the board has not yet "
                                    "agreed its answers together. They were recorded on 2 March 2026.")
    assert "Since the March 2025 assessment, the overall result has gone from 1.2 (Starting) to 1.9" in story
    assert "## Change since the March 2025 assessment" in paper  # named by its date, never its file


FILE_NAME = re.compile(r"[\w.-]+\.(json|ya?ml|csv|html?|md|docx|pdf)\b", re.I)
COMMAND = re.compile(r"\bgoodlooks\s+(assess|report|profile|combine|compare|form|list|validate|questions|init|"
                     r"diff|banks)\b|(?<![\w-])--[a-z]")


def _board_outputs(files: dict[str, Path], folder: Path, *extra: str) -> dict[str, str]:
    args = [str(files["board"]), "--baseline", str(files["board-2025"]), *extra]
    outputs = {"markdown": goodlooks("report", *args),
               "html": visible_text(goodlooks("report", *args, "--format", "html"))}
    goodlooks("report", *args, "--format", "docx", "--output", str(folder / "paper.docx"), "--force")
    outputs["docx"] = docx_text(folder / "paper.docx")
    goodlooks("profile", str(files["board"]))
    outputs["profile"] = goodlooks("profile", str(files["board"]))
    return outputs


@pytest.mark.parametrize("extra", [(), ("--paper", str(PAPER))], ids=["no paper file", "paper file"])
def test_no_output_a_board_reads_names_a_file_or_a_command(examples, tmp_path, extra):
    files = dict(examples, board=examples["combined"], **{"board-2025": examples["last-year"]})
    for name, text in {**_board_outputs(examples, tmp_path, *extra),
                       **{f"workshop {k}": v for k, v in _board_outputs(files, tmp_path, *extra).items()}}.items():
        if name.endswith("profile"):  # the terminal profile is the facilitator's: its hints may name commands
            text = text.split("What to do next")[0]
        assert not FILE_NAME.search(text), (name, FILE_NAME.search(text).group(0))
        assert not COMMAND.search(text), (name, COMMAND.search(text).group(0))
        assert "what-good-looks-like" not in text, name  # the bank by its title, not its id
        if not name.endswith("profile"):  # the profile's table keeps its column names for now
            assert not re.search(r"\bdimensions?\b", text, re.I), name  # "part", as a board says it


def test_scores_have_one_decimal_for_the_board_and_every_digit_in_json_and_csv(examples, tmp_path):
    from goodlooks.results.store import load_results

    results = load_results(examples["board"])
    overall, mission = results.scores.overall.score, results.scores.dimensions["mission"].score
    assert (overall, mission) == (pytest.approx(2.20666667), 2.25)
    outputs = _board_outputs(examples, tmp_path)
    for name, text in outputs.items():
        assert "2.2" in text, name
        assert not re.search(r"(?<![\d.])\d\.\d{2}(?!\d)", text.replace("2.0 (", "")), (
            name, re.search(r"(?<![\d.])\d\.\d{2}(?!\d)", text))
    assert json.loads(examples["board"].read_text())["scores"]["overall"]["score"] == overall
    goodlooks("report", str(examples["board"]), "--format", "csv", "--output", str(tmp_path / "csv"))
    with (tmp_path / "csv" / "responses.csv").open(encoding="utf-8-sig") as stream:
        row = next(csv.DictReader(stream))
    assert row["overall_score"] == repr(overall) == "2.206666666666667" and row["mission_score"] == "2.25"


def _results(tmp_path: Path, answers: dict[str, tuple[str, str | None]], targets: dict[str, float] | None = None,
             text: str = BANK) -> Path:
    from goodlooks.results import store

    results = answered(bank_source(text), "Board", answers, 7)
    results.targets = targets or {}
    path = tmp_path / "r.json"
    store.save(results, path)
    return path


def _plan(path: Path, count: int = 5):
    from goodlooks.report.priorities import plan
    from goodlooks.results.store import carried_bank, load_results
    from goodlooks.scoring.scores import score

    results = load_results(path)
    bank = carried_bank(results, path)
    return plan(bank, score(bank, results.choices()), results, count)


def test_a_part_nobody_could_answer_comes_before_every_step(tmp_path):
    path = _results(tmp_path, {"users-met": ("a", None), "users-heard": ("a", None), "teams-mixed": ("dont_know", None),
                               "delivery-small": ("c", None)})
    chosen = _plan(path)
    assert chosen.priorities[0].find_out and chosen.priorities[0].part == "Teams"
    assert chosen.priorities[0].text == "Find out how things stand on “Teams”: none of its question could be answered."
    # Delivery is at the top of the scale: nothing to close there
    assert [step.text for step in chosen.priorities[1:]] == ["Meet some users.", "Start small."]
    assert [step.text for step in chosen.find_out] == ["Find out: Are teams mixed?"]
    assert chosen.find_out[0].where_to_look == ("The team lists.",)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "dont_know", "not_applicable", None]), min_size=5, max_size=5))
def test_no_question_level_step_ever_outranks_a_part_with_no_answer(tmp_path_factory, keys):
    ids = ["users-met", "users-heard", "teams-mixed", "delivery-small", "delivery-often"]
    path = _results(tmp_path_factory.mktemp("rule"), {q: (k, None) for q, k in zip(ids, keys) if k})
    chosen = _plan(path, 5)
    kinds = [step.find_out for step in chosen.priorities]
    assert kinds == sorted(kinds, reverse=True)  # every find-out first
    from goodlooks.report.priorities import Plan

    assert isinstance(chosen, Plan)
    values = [step.value for step in chosen.priorities if not step.find_out]
    assert values == sorted(values, reverse=True) and all(v > 0 for v in values)


def test_gap_times_weight_orders_the_steps(tmp_path):
    heavy = BANK.replace("{id: users-heard, text: Is feedback used?, scale: three}",
                         "{id: users-heard, text: Is feedback used?, scale: three, weight: 3}").replace(
        "    - {key: b, label: Sometimes, score: 2}",
        "    - {key: b, label: Sometimes, score: 2, recommendation: Ask more.}")
    path = _results(tmp_path, {"users-met": ("a", None), "users-heard": ("b", None), "teams-mixed": ("c", None),
                               "delivery-small": ("c", None), "delivery-often": ("c", None)}, text=heavy)
    chosen = _plan(path)
    # users-heard: gap 0.5 x weight 3/2 = 0.75; Users itself: D = (0 x 1 + 0.5 x 3) / 4, gap 0.625 x weight 1;
    # users-met: gap 1 x weight 1/2 = 0.5
    assert [step.text for step in chosen.priorities] == ["Ask more.", "Meet some users.", "Start small."]


def test_status_against_target_is_met_close_within_half_a_level_or_far():
    from goodlooks.report.status import half_level, target_status

    bank = bank_source().bank  # levels at 1, 2 and 3: half a level is 0.5
    assert half_level(bank) == 0.5
    assert [target_status(bank, 2.0, t).words() for t in (1.5, 2.0, 2.5, 2.51)] == [
        "Met", "Met", "Close: 0.5 to go", "Far: 0.5 to go"]
    assert target_status(bank, 2.0, None) is None
    assert target_status(bank, None, 2.0).key == "far"


def test_status_shows_in_words_and_colour_in_html(examples):
    page = goodlooks("report", str(examples["board"]), "--format", "html")
    assert '<span class="status st-far">Far: 0.8 to go</span>' in page
    assert '<span class="status st-close">Close: 0.4 to go</span>' in page
    assert ".st-far { color: #8c1d18;" in page


def test_options_give_the_main_facts_and_win_over_the_paper_file(examples):
    paper = goodlooks("report", str(examples["board"]), "--baseline", str(examples["board-2025"]),
                      "--paper", str(PAPER), "--organisation", "North Trust", "--sponsor", "Medical director",
                      "--meeting-date", "3 February 2027", "--baseline-label", "last year's assessment",
                      "--priorities", "3")
    assert "| Organisation | North Trust |" in paper and "| Executive sponsor | Medical director |" in paper
    assert "| Date of meeting | 3 February 2027 |" in paper
    assert "up from 1.6 (Starting) at last year's assessment." in paper
    assert "## Change since last year's assessment" in paper
    assert len(re.findall(r"^\| \d ", _section(paper, "The priorities"), re.M)) == 3


def test_without_a_paper_file_every_fact_is_a_blank_and_the_asks_follow_the_paper(examples):
    paper = goodlooks("report", str(examples["board"]))
    labels = ("Organisation", "Meeting", "Date of meeting", "Agenda item", "Executive sponsor", "Author", "Purpose")
    for label in labels:
        assert f"| {label} |  |" in paper
    assert ("1. note the result of the self-assessment and how it was reached\n2. agree the five priorities and name "
            "an owner and a quarter for each\n3. agree the targets for twelve months' time\n4. agree who will find out "
            "the one answer the board did not know\n") in paper


@pytest.mark.parametrize("value", ["2", "6", "five"])
def test_priorities_are_three_to_five(run, examples, value):
    result = run("report", str(examples["board"]), "--priorities", value)
    assert result.exit_code == 2
    assert "--priorities" in result.output


def test_a_paper_file_is_checked_like_every_goodlooks_file(run, tmp_path):
    files = workshop_files(tmp_path)
    paper = tmp_path / "paper.yaml"
    paper.write_text("organisation: North Trust\nsponser: Chief executive\ndate: 14/01/2027\npriorities: 7\n"
                     "owners:\n  user: Chair\n  teams: {owner: Chair, by: Q1}\nasks: note it\n", encoding="utf-8")
    result = run("report", str(files["combined"]), "--paper", str(paper))
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [
        f"{paper}:2:1: unknown key 'sponser' in the paper file; did you mean 'sponsor'?",
        f"{paper}:3:7: 'date' must be a date like 2027-01-14 or 14 January 2027, not '14/01/2027'",
        f"{paper}:4:13: 'priorities' must be a whole number from 3 to 5 (a board agrees a handful), not '7'",
        f"{paper}:6:3: 'user' is not the id of a part or a question of bank 'board-check'; did you mean 'users'?",
        f"{paper}:7:25: unknown key 'by' for 'teams'; expected one of: owner, quarter",
        f"5 problems in {paper}; fix them and run again."]


def test_an_empty_paper_file_is_fine_and_text_from_it_is_escaped(run, tmp_path):
    files = workshop_files(tmp_path)
    paper = tmp_path / "paper.yaml"
    paper.write_text("", encoding="utf-8")
    assert run("report", str(files["combined"]), "--paper", str(paper)).exit_code == 0
    paper.write_text('organisation: "<script>x</script> [l](http://e.invalid) | a"\nasks: ["# not a heading"]\n',
                     encoding="utf-8")
    markdown = goodlooks("report", str(files["combined"]), "--paper", str(paper))
    assert r"| Organisation | \<script\>x\</script\> \[l\](http://e.invalid) \| a |" in markdown
    assert "1. \\# not a heading" in markdown
    page = goodlooks("report", str(files["combined"]), "--paper", str(paper), "--format", "html")
    assert "<script" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    paper.write_text("- organisation\n", encoding="utf-8")
    result = run("report", str(files["combined"]), "--paper", str(paper))
    assert result.exit_code == 4 and result.stderr.startswith(f"{paper}:1:1: a paper file is a mapping of keys")


def test_a_file_that_is_not_there_is_a_usage_error(run, tmp_path):
    files = workshop_files(tmp_path)
    result = run("report", str(files["combined"]), "--paper", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'} does not exist; give the path of a paper file (YAML)"
