"""Overlay banks: resolved onto their base exactly as a hand edit would be, on a base that moves on,
with every problem located in the file that caused it."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TINY_BANK
from goodlooks.bank.loader import load_bank
from goodlooks.results.model import bank_definition
from goodlooks.scoring.scores import ANSWERED, Choice, score

BASE_V1 = """\
id: small
title: Small bank
version: "1"
levels:
  - {name: Low, min: 1}
  - {name: High, min: 3}
scales:
  three:
    - {key: a, label: Rarely, score: 1}
    - {key: b, label: Sometimes, score: 2}
    - {key: c, label: Always, score: 3}
dimensions:
  - id: users
    title: Users
    recommendations:
      Low: Meet some users.
    questions:
      - id: users-met
        text: Do teams meet users?
        scale: three
      - id: users-heard
        text: Is feedback used?
        options:
          - {key: n, label: No, score: 1}
          - {key: y, label: Yes, score: 3}
  - id: open
    title: Working in the open
    questions:
      - id: open-blog
        text: Do teams write in public?
        scale: three
"""

# The next version of the base: a reworded question, a new one, a re-scored option, a new level.
BASE_V2 = (BASE_V1.replace('version: "1"', 'version: "2"')
           .replace("Do teams write in public?", "How often do teams write in public?")
           .replace("  - {name: High, min: 3}", "  - {name: Middle, min: 2}\n  - {name: High, min: 3}")
           .replace("          - {key: y, label: Yes, score: 3}",
                    "          - {key: y, label: Yes, score: 3}\n"
                    "      - id: users-board\n        text: Does the board meet users?\n        scale: three"))

OVERLAY = """\
extends: {bank: base.yaml, version: "1"}
id: trust
title: Our trust's bank
version: "1"
remove:
  dimensions: [open]
change:
  questions:
    users-met:
      text: How often do our teams watch patients use what they build?
  options:
    users-met:
      c: {score: 4}
add:
  questions:
    - after: users-met
      id: users-clinical
      text: Do clinicians take part?
      options:
        - {key: never, label: Never, score: 1}
        - {key: always, label: Always, score: 5}
"""

HAND_EDIT = """\
id: trust
title: Our trust's bank
version: "1"
levels:
  - {name: Low, min: 1}
  - {name: High, min: 3}
dimensions:
  - id: users
    title: Users
    recommendations:
      Low: Meet some users.
    questions:
      - id: users-met
        text: How often do our teams watch patients use what they build?
        options:
          - {key: a, label: Rarely, score: 1}
          - {key: b, label: Sometimes, score: 2}
          - {key: c, label: Always, score: 4}
      - id: users-clinical
        text: Do clinicians take part?
        options:
          - {key: never, label: Never, score: 1}
          - {key: always, label: Always, score: 5}
      - id: users-heard
        text: Is feedback used?
        options:
          - {key: n, label: No, score: 1}
          - {key: y, label: Yes, score: 3}
"""


@pytest.fixture
def banks(write):
    write(BASE_V1, "base.yaml")
    write(OVERLAY, "trust.yaml")
    write(HAND_EDIT, "hand.yaml")


def test_an_overlay_resolves_to_exactly_the_bank_a_hand_edit_gives(banks):
    assert bank_definition(load_bank("trust.yaml").bank) == bank_definition(load_bank("hand.yaml").bank)


def _choices(bank, picks):
    choices = {}
    for question, pick in zip(bank.questions(), picks):
        if pick == "skip":
            continue
        if pick in ("not_applicable", "dont_know"):
            choices[question.id] = Choice(pick)
        else:
            choices[question.id] = Choice(ANSWERED, question.choices[pick % len(question.choices)].key)
    return choices


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 9), st.sampled_from(["skip", "not_applicable", "dont_know"])),
                min_size=3, max_size=3))
def test_overlay_and_hand_edit_score_the_same_answers_the_same(tmp_path_factory, picks):
    folder = tmp_path_factory.mktemp("banks")
    (folder / "base.yaml").write_text(BASE_V1)
    (folder / "trust.yaml").write_text(OVERLAY)
    (folder / "hand.yaml").write_text(HAND_EDIT)
    overlay, hand = load_bank(str(folder / "trust.yaml")).bank, load_bank(str(folder / "hand.yaml")).bank
    choices = _choices(hand, picks)
    assert score(overlay, choices) == score(hand, choices)


def test_validate_says_what_came_from_where(run, banks):
    result = run("validate", "trust.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "trust.yaml: valid (1 dimension, 3 questions)\n"
        "  an overlay on 'small' version 1 (base.yaml)\n"
        "  added by it: question 'users-clinical'\n"
        "  changed by it: question 'users-met', option 'users-met/c'\n"
        "  removed by it: dimension 'open'\n"
        "  everything else as in the base\n")


def test_questions_marks_what_the_overlay_added_and_changed(run, banks):
    result = run("questions", "--bank", "trust.yaml")
    assert result.exit_code == 0, result.output
    assert "1.1 How often do our teams watch patients use what they build?\n       [users-met] (changed)\n" \
        in result.stdout
    assert "1.2 Do clinicians take part?  [users-clinical] (added)" in result.stdout
    assert "1.3 Is feedback used?  [users-heard]\n" in result.stdout


def test_an_overlay_written_for_the_base_version_1_loads_on_version_2(run, banks, write):
    write(BASE_V2, "base.yaml")
    result = run("validate", "trust.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "trust.yaml: valid (1 dimension, 4 questions)",
        "  an overlay on 'small' version 2 (base.yaml); written for version 1, and it still applies"]
    bank = load_bank("trust.yaml").bank
    assert [q.id for q in bank.questions()] == ["users-met", "users-clinical", "users-heard", "users-board"]
    assert [level.name for level in bank.levels] == ["Low", "Middle", "High"]
    assert bank.question("users-met").option("c").score == 4


def test_a_change_to_an_id_the_new_base_no_longer_has_is_located_and_names_the_base_version(run, banks, write):
    write(BASE_V2.replace("users-met", "users-watched"), "base.yaml")
    result = run("validate", "trust.yaml")
    assert result.exit_code == 3
    assert result.stderr == (
        "trust.yaml:9:5: question 'users-met' is not in base 'small' version 2 (this overlay was written for "
        "version 1); was it removed or renamed there?\n"
        "trust.yaml:12:5: question 'users-met' is not in base 'small' version 2 (this overlay was written for "
        "version 1); was it removed or renamed there?\n"
        "trust.yaml:16:14: question 'users-met' is not in base 'small' version 2 (this overlay was written for "
        "version 1); was it removed or renamed there?\n"
        "3 problems in 1 file; fix them and validate again.\n")


def test_problems_of_the_resolved_bank_point_at_the_file_that_wrote_them(run, write):
    write(BASE_V1, "base.yaml")
    write('extends: base.yaml\nid: trust\nversion: "1"\nchange:\n  questions:\n    users-met: {wieght: 2}\n'
          "  options:\n    users-heard:\n      n: {score: 3}\n", "trust.yaml")
    result = run("validate", "trust.yaml")
    assert result.exit_code == 3
    assert result.stderr == (
        "trust.yaml:6:17: unknown key 'wieght' in question 'users-met'; did you mean 'weight'?\n"
        "trust.yaml:9:7: every option of question 'users-heard' scores 3; give the options different scores "
        "so that answers can be told apart\n"
        "2 problems in 1 file; fix them and validate again.\n")


def test_a_broken_base_is_reported_in_the_base(run, write):
    write(BASE_V1.replace("score: 3}\ndimensions", "score: lots}\ndimensions"), "base.yaml")
    write('extends: base.yaml\nid: trust\nversion: "1"\n', "trust.yaml")
    result = run("validate", "trust.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        "base.yaml:11:38: 'score' of option 'c' of scale 'three' must be a number, not 'lots'")


def test_a_duplicate_id_added_by_the_overlay_names_the_base_line(run, write):
    write(BASE_V1, "base.yaml")
    write('extends: base.yaml\nid: trust\nversion: "1"\nadd:\n  dimensions:\n    - id: extra\n      title: X\n'
          "      questions:\n        - {id: open-blog, text: Again?, scale: three}\n", "trust.yaml")
    result = run("validate", "trust.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        "trust.yaml:9:16: duplicate question id 'open-blog' (first used at line 29 of base.yaml); "
        "each question id must be unique")


@pytest.mark.parametrize(("overlay", "expected"), [
    ('extends: nowhere\nid: trust\nversion: "1"\n',
     "trust.yaml:1:10: the base bank 'nowhere' is neither a file (looked for nowhere) nor a built-in bank; "
     "built-in banks: what-good-looks-like"),
    ('extends: trust.yaml\nid: trust\nversion: "1"\n',
     "trust.yaml:1:10: 'extends: trust.yaml' makes a cycle (trust.yaml extends trust.yaml); a bank cannot "
     "extend itself, directly or through other overlays"),
    ('extends: other.yaml\nid: trust\nversion: "1"\n',
     "other.yaml:1:10: 'extends: trust.yaml' makes a cycle (trust.yaml extends other.yaml extends "
     "trust.yaml); a bank cannot extend itself, directly or through other overlays"),
    ('extends: [base.yaml]\nid: trust\nversion: "1"\n',
     "trust.yaml:1:10: 'extends' must name the base bank, a built-in bank's id or a bank file's path: "
     "'extends: what-good-looks-like', or 'extends: {bank: what-good-looks-like, version: \"1.0\"}'"),
    ("extends: base.yaml\n",
     "trust.yaml:1:1: an overlay bank needs its own 'id' (results files record it); add it next to 'extends'"),
    ('extends: base.yaml\nid: trust\nversion: "1"\ndimensions: []\n',
     "trust.yaml:4:1: unknown key 'dimensions' in an overlay bank; an overlay adds them under 'add: dimensions'"),
    ('extends: base.yaml\nid: trust\nversion: "1"\nremove:\n  questoins: [users-met]\n',
     "trust.yaml:5:3: unknown kind 'questoins' under 'remove'; did you mean 'questions'?; it takes groups, "
     "levels, dimensions, questions, options, recommendations"),
    ('extends: base.yaml\nid: trust\nversion: "1"\nremove:\n  questions: users-met\n',
     "trust.yaml:5:14: 'remove: questions' must be a list of question ids"),
    ('extends: base.yaml\nid: trust\nversion: "1"\nchange:\n  questions:\n    users-met: {id: other}\n',
     "trust.yaml:6:17: the id of a question cannot be changed; remove it and add one with the new id"),
    ('extends: base.yaml\nid: trust\nversion: "1"\nadd:\n  questions:\n    - {id: x, text: X, scale: three}\n',
     "trust.yaml:6:7: an added question needs 'after' (the question id it follows) or 'dimension' (the "
     "dimension id it ends)"),
    ('extends: base.yaml\nid: trust\nversion: "1"\nremove:\n  options: {users-heard: [y]}\n',
     "trust.yaml:5:27: question 'users-heard' needs at least two options, with different scores"),
])
def test_overlay_mistakes_are_located_exit_3_errors(run, write, overlay, expected):
    write(BASE_V1, "base.yaml")
    write('extends: trust.yaml\nid: other\nversion: "1"\n', "other.yaml")
    write(overlay, "trust.yaml")
    result = run("validate", "trust.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == expected
    assert "Traceback" not in result.output


def test_overlays_on_overlays_are_resolved_in_order(run, banks, write):
    write('extends: trust.yaml\nid: ward\nversion: "1"\nchange:\n  questions:\n'
          '    users-clinical: {text: Do ward clinicians take part?}\n', "ward.yaml")
    result = run("validate", "ward.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "  an overlay on 'trust' version 1 (trust.yaml) on 'small' version 1 (base.yaml)")
    bank = load_bank("ward.yaml").bank
    assert bank.question("users-clinical").text == "Do ward clinicians take part?"
    assert bank.question("users-met").option("c").score == 4


def test_an_overlay_on_the_built_in_bank(run, write):
    write('extends: what-good-looks-like\nid: trust\nversion: "1"\nremove:\n  dimensions: [open]\n')
    result = run("validate", "bank.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "bank.yaml: valid (7 dimensions, 31 questions)"
    assert result.stdout.splitlines()[1] == "  an overlay on 'what-good-looks-like' version 3.0 (built in)"


def test_a_results_file_records_the_overlay_and_its_base(run, banks, workdir):
    (workdir / "answers.yaml").write_text("answers:\n  users-met: c\n")
    result = run("assess", "--bank", "trust.yaml", "--answers", "answers.yaml", "-o", "r.json")
    assert result.exit_code == 0, result.output
    record = json.loads((workdir / "r.json").read_text())["bank"]
    assert (record["id"], record["version"], record["path"]) == ("trust", "1", "trust.yaml")
    assert record["sha256"] == hashlib.sha256((workdir / "trust.yaml").read_bytes()).hexdigest()
    assert record["absolute_path"] == str(workdir / "trust.yaml")
    assert record["extends"] == [{
        "id": "small", "version": "1", "path": "base.yaml", "builtin": False,
        "sha256": hashlib.sha256((workdir / "base.yaml").read_bytes()).hexdigest()}]
    assert [q["id"] for q in record["definition"]["dimensions"][0]["questions"]] == [
        "users-met", "users-clinical", "users-heard"]


HOSTILE_OVERLAYS = [
    ("a python tag",
     'extends: base.yaml\nid: t\nversion: "1"\nchange: !!python/object/apply:os.system ["touch pwned"]\n',
     "bank.yaml:4:9: YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed; "
     "write plain values"),
    ("an alias", 'extends: base.yaml\nid: &x t\nversion: "1"\ntitle: *x\n',
     "bank.yaml:2:5: YAML anchors (&x) are not allowed; write the value out, or for answer options define a "
     "scale under 'scales' and name it with 'scale:'"),
    ("a tab", 'extends: base.yaml\nid: t\nversion: "1"\nchange:\n\tquestions: {}\n',
     "bank.yaml:5:1: a tab is used for indentation; YAML needs spaces (set your editor to insert spaces)"),
    ("two documents", 'extends: base.yaml\nid: t\nversion: "1"\n---\nextends: bank.yaml\n',
     "bank.yaml:4:1: a file holds one YAML document; remove this second one (or the '---' line before it)"),
    ("a NUL byte", b'extends: base.yaml\nid: t\x00\n',
     "bank.yaml:2:6: the file contains a NUL byte, so it is not a text file; save it as plain UTF-8 text"),
    ("deep nesting", 'extends: base.yaml\nid: t\nversion: "1"\nadd: ' + "[" * 5000 + "]" * 5000 + "\n",
     None),
    ("a huge file", b'extends: base.yaml\nid: t\nversion: "1"\n' + b"# padding\n" * 3_200_000,
     "bank.yaml:1:1: the file is 32.1 MB (32,000,038 bytes), over the 32 MB limit (32,000,000 bytes); "
     "is it the right file?"),
    ("a wrong shape everywhere",
     'extends: base.yaml\nid: t\nversion: "1"\nremove: [1]\nchange: 7\nadd: {questions: 3}\n',
     "bank.yaml:4:9: 'remove' must be a mapping of what to remove, by kind: groups, levels, dimensions, "
     "questions, options, recommendations"),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in HOSTILE_OVERLAYS],
                         ids=[c[0] for c in HOSTILE_OVERLAYS])
def test_hostile_overlays_end_as_hostile_banks_do(run, write, workdir, content, expected):
    write(BASE_V1, "base.yaml")
    write(content)
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    if expected is None:
        assert "nest" in result.stderr.splitlines()[0]
    else:
        assert result.stderr.splitlines()[0] == expected
    assert "Traceback" not in result.output
    assert not (workdir / "pwned").exists()


def test_every_hostile_bank_case_as_a_base_is_reported_in_the_base(run, write):
    from test_hostile_input import CASES

    for name, content, expected in CASES:
        write(content, "base.yaml")
        write('extends: base.yaml\nid: t\nversion: "1"\n', "trust.yaml")
        result = run("validate", "trust.yaml")
        assert result.exit_code == 3, name
        assert result.stderr.splitlines()[0] == expected.replace("bank.yaml", "base.yaml"), name


def test_a_change_that_empties_a_dimension_is_reported_in_the_overlay(run, write):
    write(TINY_BANK, "base.yaml")
    write('extends: base.yaml\nid: t\nversion: "1"\nremove:\n  questions: [users-met, users-heard]\n', "t.yaml")
    result = run("validate", "t.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == "t.yaml:5:26: dimension 'users' has no questions; add at least one"


def test_the_readme_worked_example_is_real(run, workdir):
    """The README's overlay validates, and its validate and diff output are what goodlooks prints."""
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adapting the questions", 1)[1].split("\n## ", 1)[0]
    overlay = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    (workdir / "north-trust.yaml").write_text(overlay)
    for command in ("goodlooks validate north-trust.yaml", "goodlooks diff what-good-looks-like north-trust.yaml"):
        shown = section.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
        result = run(*command.split()[1:])
        assert result.exit_code == 0, result.output
        assert result.stdout == shown, command


_WORDS = ["users", "users-met", "users-heard", "open", "open-blog", "a", "b", "c", "n", "y", "Low", "High",
          "three", "text", "score", "label", "key", "id", "name", "min", "after", "dimension", "options",
          "scale", "questions", "weight", "title", "recommendations", "levels", "groups", "dimensions",
          "scales", "help", "group"]
_SCALARS = st.one_of(st.sampled_from(_WORDS), st.integers(-3, 9), st.none(), st.booleans(),
                     st.text(max_size=8))
_TREES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(_WORDS), inner, max_size=4)), max_leaves=25)


NO_SCALES = """\
id: plain
title: No scales, levels or groups
version: "1"
dimensions:
  - id: users
    title: Users
    questions:
      - id: users-met
        text: Do teams meet users?
        options:
          - {key: a, label: A, score: 1}
          - {key: b, label: B, score: 2}
"""


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["remove", "change", "add", "title", "scoring", "extends"]), _TREES,
                       max_size=4), st.sampled_from([BASE_V1, NO_SCALES]))
def test_any_overlay_shape_loads_or_fails_with_located_problems(tmp_path_factory, body, base):
    import yaml

    from goodlooks.base.errors import BankError

    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "base.yaml").write_text(base)
    overlay = {"extends": "base.yaml", "id": "t", "version": "1", **body}
    (folder / "t.yaml").write_text(yaml.safe_dump(overlay, sort_keys=False))
    try:
        load_bank(str(folder / "t.yaml"))
    except BankError as error:
        assert error.problems
        assert all(problem.file.endswith((".yaml", "what-good-looks-like.yaml")) for problem in error.problems)
    except Exception as error:
        if "extends" in body:  # a base that is not a bank file is a usage mistake, not a crash
            from goodlooks.base.errors import GoodlooksError

            assert isinstance(error, GoodlooksError), error
        else:
            raise


def test_resuming_notices_when_an_overlays_base_moved_on_though_the_overlay_did_not(run, banks, write, workdir):
    (workdir / "answers.yaml").write_text("answers:\n  users-met: c\n")
    assert run("assess", "--bank", "trust.yaml", "--answers", "answers.yaml", "-o", "r.json").exit_code == 0
    write(BASE_V2, "base.yaml")
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[:4] == [
        "r.json: the bank 'trust' (trust.yaml) has changed since these answers were given:",
        "  - level 'Middle' added",
        "  - question 'users-board' added: 'Does the board meet users?'",
        "To go on with the bank as it is now: goodlooks assess --resume r.json --accept-bank-change"]


def test_overlays_stacked_more_than_five_deep_are_refused(run, write):
    write(BASE_V1, "o0.yaml")
    for level in range(1, 7):
        write(f'extends: o{level - 1}.yaml\nid: o{level}\nversion: "1"\n', f"o{level}.yaml")
    assert run("validate", "o5.yaml").exit_code == 0
    result = run("validate", "o6.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        "o1.yaml:1:10: overlays are stacked more than 5 deep here; extend a bank closer to the original")


def test_adding_options_to_an_added_question_on_a_base_without_scales(run, write):
    """Once a crash (AttributeError): the base has no 'scales' and the new question names one."""
    write(NO_SCALES, "base.yaml")
    write('extends: base.yaml\nid: o\nversion: "1"\nadd:\n  questions:\n'
          '    - {after: users-met, id: q2, text: Q2?, scale: nope}\n  options:\n'
          '    q2: [{key: z, label: Z, score: 3}]\n', "o.yaml")
    result = run("validate", "o.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == ("o.yaml:8:10: question 'q2' needs at least two options, with "
                                             "different scores")
