"""Each validation rule: the exact message, at the exact line and column, exit code 3."""

from __future__ import annotations

import pytest

from conftest import TINY_BANK

FAMILY = "tag_families:\n  wgll:\n    title: WGLL\n    tags: {well-led: Well led}\n"
TO_FIRST_TEXT = TINY_BANK[TINY_BANK.index("dimensions:\n"):
                          TINY_BANK.index("        scale: three\n      - id: users-heard")]

# (what the rule is, text to replace in TINY_BANK, replacement, the one expected problem line)
CASES = [
    ("missing required key", "title: Tiny bank\n", "",
     "bank.yaml:1:1: the bank is missing 'title'"),
    ("unknown key with a hint", "        text: Is feedback used?\n",
     "        text: Is feedback used?\n        wieght: 2\n",
     "bank.yaml:26:9: unknown key 'wieght' in question 'users-heard'; did you mean 'weight'?"),
    ("unknown key without a close match", "dimensions:\n", "colour: blue\ndimensions:\n",
     "bank.yaml:14:1: unknown key 'colour' in the bank; expected one of: description, dimensions, "
     "groups, id, levels, scales, score_range, scoring, source, tag_families, title, version"),
    ("unknown key from an unquoted comma", "  - {id: people, title: People}",
     "  - {id: people, title: People, like us}",
     "bank.yaml:8:33: unknown key 'like us' in group 'people'; expected one of: description, id, "
     "title (if this is text that holds a comma inside { }, put the text in quotes)"),
    ("duplicate key in one mapping", "title: Tiny bank\n", "title: Tiny bank\ntitle: Again\n",
     "bank.yaml:3:1: duplicate key 'title' (first written at line 2); keep one of them"),
    ("id of the wrong form", "  - id: users\n", "  - id: Users!\n",
     "bank.yaml:15:9: id 'Users!' may use only lowercase letters, digits and '-' between words, "
     "like 'users'"),
    ("duplicate dimension id", "  - id: users\n    title: Users\n",
     "  - id: users\n    title: Users\n    questions: [{id: other, text: Hi, scale: three}]\n"
     "  - id: users\n    title: Users\n",
     "bank.yaml:18:9: duplicate dimension id 'users' (first used at line 15); each dimension id "
     "must be unique"),
    ("duplicate question id", "      - id: users-heard", "      - id: users-met",
     "bank.yaml:24:13: duplicate question id 'users-met' (first used at line 21); each question id "
     "must be unique"),
    ("duplicate option key", "    - {key: b, label: Sometimes, score: 2}",
     "    - {key: a, label: Sometimes, score: 2}",
     "bank.yaml:12:13: duplicate option key 'a' (first used at line 11); each option key must be unique"),
    ("neither scale nor options", "        scale: three\n      - id: users-heard", "      - id: users-heard",
     "bank.yaml:21:9: question 'users-met' needs either 'options' or 'scale' (the name of a scale "
     "defined under 'scales')"),
    ("both scale and options", "        text: Is feedback used?\n",
     "        text: Is feedback used?\n        scale: three\n",
     "bank.yaml:26:9: question 'users-heard' has both 'scale' and 'options'; keep one"),
    ("unknown scale", "        scale: three\n", "        scale: thre\n",
     "bank.yaml:23:16: question 'users-met' names an unknown scale 'thre'; did you mean 'three'?"),
    ("unknown group", "    group: people\n", "    group: peple\n",
     "bank.yaml:17:12: dimension 'users' names an unknown group 'peple'; did you mean 'people'?"),
    ("reserved option key", "          - {key: y, label: Yes, score: 3}",
     "          - {key: dont_know, label: Yes, score: 3}",
     "bank.yaml:28:19: option key 'dont_know' is reserved: every question already offers 'not "
     "applicable' and 'don't know'; remove this option or give it another key"),
    ("score that is not finite", "          - {key: y, label: Yes, score: 3}",
     "          - {key: y, label: Yes, score: .inf}",
     "bank.yaml:28:41: 'score' of option 'y' of question 'users-heard' must be a finite number, "
     "not '.inf'"),
    ("score that is not a number", "          - {key: y, label: Yes, score: 3}",
     "          - {key: y, label: Yes, score: lots}",
     "bank.yaml:28:41: 'score' of option 'y' of question 'users-heard' must be a number, not 'lots'"),
    ("all options score the same", "          - {key: y, label: Yes, score: 3}",
     "          - {key: y, label: Yes, score: 1}",
     "bank.yaml:27:11: every option of question 'users-heard' scores 1; give the options different "
     "scores so that answers can be told apart"),
    ("a single option", "          - {key: y, label: Yes, score: 3}\n", "",
     "bank.yaml:27:11: question 'users-heard' needs at least two options, with different scores"),
    ("negative weight", "    group: people\n", "    group: people\n    weight: -0.5\n",
     "bank.yaml:18:13: 'weight' of dimension 'users' must be 0 or more, not -0.5"),
    ("inverted score_range", 'version: "1"\n', 'version: "1"\nscore_range: [5, 1]\n',
     "bank.yaml:4:14: score_range [5, 1] must go from lower to higher, like [1, 5]"),
    ("score_range of one number", 'version: "1"\n', 'version: "1"\nscore_range: [5]\n',
     "bank.yaml:4:14: 'score_range' must be two numbers, lowest first, like [1, 5]"),
    ("levels not strictly ascending", "  - {name: High, min: 3}", "  - {name: High, min: 1}",
     "bank.yaml:6:23: level 'High' has min 1, but levels must go up strictly: the level before it, "
     "'Low', has min 1"),
    ("recommendation for a level that does not exist", "      Low: Meet some users.",
     "      Lo: Meet some users.",
     "bank.yaml:19:7: recommendation for an unknown level 'Lo' in dimension 'users'; did you mean 'Low'?"),
    ("unknown scoring strategy", 'version: "1"\n', 'version: "1"\nscoring: average\n',
     "bank.yaml:4:10: 'scoring' must be 'mean' or 'weakest', not 'average'"),
    ("empty text", "    title: Users\n", "    title:\n",
     "bank.yaml:16:11: 'title' of dimension 'users' is empty; write some text"),
    ("no dimensions", "dimensions:\n", "dimensions: []\nleftover:\n",
     "bank.yaml:14:13: the bank has no dimensions; add at least one"),
    ("tag in an undeclared family", "        text: Do teams meet users?\n",
     "        text: Do teams meet users?\n        tags: [wgll:well-led]\n",
     "bank.yaml:23:16: tag 'wgll:well-led' of question 'users-met' is in tag family 'wgll', which "
     "'tag_families' does not declare; declare it there"),
    ("tag in a misspelt family", TO_FIRST_TEXT, FAMILY + TO_FIRST_TEXT + "        tags: [wgl:well-led]\n",
     "bank.yaml:27:16: tag 'wgl:well-led' of question 'users-met' is in tag family 'wgl', which "
     "'tag_families' does not declare; did you mean 'wgll'?"),
    ("tag value the family does not declare", TO_FIRST_TEXT,
     FAMILY + TO_FIRST_TEXT + "        tags: [board-question-1, wgll:well-lead]\n",
     "bank.yaml:27:34: tag 'wgll:well-lead' of question 'users-met': 'well-lead' is not one of the tags "
     "declared for tag family 'wgll'; did you mean 'well-led'?"),
    ("tag with no value", TO_FIRST_TEXT, FAMILY + TO_FIRST_TEXT + "        tags: ['wgll:']\n",
     "bank.yaml:27:16: tag 'wgll:' of question 'users-met' has nothing after ':'; write 'wgll:' and a value"),
    ("declared tag of the wrong form", "dimensions:\n", FAMILY.replace("well-led:", "Well Led:") + "dimensions:\n",
     "bank.yaml:17:12: tag 'Well Led' of tag family 'wgll' may use only lowercase letters, digits and "
     "'-' between words"),
    ("tag family of the wrong form", "dimensions:\n", "tag_families:\n  WGLL: {title: W}\ndimensions:\n",
     "bank.yaml:15:3: tag family 'WGLL' may use only lowercase letters, digits and '-' between words"),
    ("tag family without a title", "dimensions:\n", "tag_families:\n  wgll: {tags: {a: A}}\ndimensions:\n",
     "bank.yaml:15:9: tag family 'wgll' is missing 'title'"),
    ("a list where a mapping belongs", "  - {id: people, title: People}", "  - [people, People]",
     "bank.yaml:8:5: group 1 must be a mapping (key: value lines), not a list ('- ' items)"),
]


@pytest.mark.parametrize(("old", "new", "expected"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_each_rule_reports_its_message_at_its_line(run, write, old, new, expected):
    assert old in TINY_BANK
    text = TINY_BANK.replace(old, new, 1)
    write(text)
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    if "leftover" in text:  # the case adds a second, separate problem on purpose
        lines = [line for line in lines if "leftover" not in line]
    assert lines[0] == expected
    assert lines[-1].endswith("fix them and validate again.")
    assert result.stdout == ""


def test_the_tiny_bank_is_valid(run, write):
    write(TINY_BANK)
    result = run("validate", "bank.yaml")
    assert result.exit_code == 0
    assert result.stdout == "bank.yaml: valid (1 dimension, 2 questions)\n"


def test_questions_without_evidence_are_warned_about_but_valid(run, write):
    write(TINY_BANK.replace("        text: Is feedback used?\n",
                            "        text: Is feedback used?\n        evidence: The feedback log.\n"))
    result = run("validate", "bank.yaml")
    assert result.exit_code == 0
    assert result.stdout == "bank.yaml: valid (1 dimension, 2 questions)\n"
    assert result.stderr == ("bank.yaml:21:9: warning: question 'users-met' has no 'evidence'; add where to "
                             "look to check its answer\n")


def test_every_problem_is_reported_at_once_in_line_order(run, write):
    text = (TINY_BANK.replace("    group: people\n", "    group: peple\n    wieght: 1\n")
            .replace("          - {key: y, label: Yes, score: 3}", "          - {key: y, label: Yes, score: x}")
            .replace('version: "1"\n', 'version: "1"\nscore_range: [3, 1]\n'))
    write(text)
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "bank.yaml:4:14: score_range [3, 1] must go from lower to higher, like [1, 5]",
        "bank.yaml:18:12: dimension 'users' names an unknown group 'peple'; did you mean 'people'?",
        "bank.yaml:19:5: unknown key 'wieght' in dimension 'users'; did you mean 'weight'?",
        "bank.yaml:30:41: 'score' of option 'y' of question 'users-heard' must be a number, not 'x'",
        "4 problems in 1 file; fix them and validate again.",
    ]


def test_several_files_are_validated_together(run, write):
    write(TINY_BANK, "good.yaml")
    write(TINY_BANK.replace("title: Tiny bank\n", ""), "bad.yaml")
    result = run("validate", "good.yaml", "bad.yaml")
    assert result.exit_code == 3
    assert result.stdout == "good.yaml: valid (1 dimension, 2 questions)\n"
    assert result.stderr == (
        "good.yaml:21:9: warning: question 'users-met' has no 'evidence'; add where to look to check its answer\n"
        "good.yaml:24:9: warning: question 'users-heard' has no 'evidence'; add where to look to check its answer\n"
        "bad.yaml:1:1: the bank is missing 'title'\n"
                             "1 problem in 1 file; fix them and validate again.\n")


def test_text_is_kept_exactly_as_written(write):
    from goodlooks.bank.loader import parse_bank

    text = (TINY_BANK.replace('version: "1"', "version: 1.10")
            .replace("label: Rarely", "label: No").replace("label: Sometimes", "label: on")
            .replace("label: Always", "label: '12:30'").replace("title: Users", "title: 0777")
            .replace("text: Do teams meet users?", "text: yes"))
    bank = parse_bank(text.encode(), "bank.yaml")
    assert bank.version == "1.10"
    assert [o.label for o in bank.questions()[0].choices] == ["No", "on", "12:30"]
    assert bank.dimensions[0].title == "0777"
    assert bank.questions()[0].text == "yes"
    assert bank.questions()[1].choices[0].label == "No"


def test_scales_are_resolved_into_each_question(write):
    from goodlooks.bank.loader import parse_bank

    bank = parse_bank(TINY_BANK.encode(), "bank.yaml")
    assert [(o.key, o.score) for o in bank.questions()[0].choices] == [("a", 1), ("b", 2), ("c", 3)]
    assert bank.shown_range() == (1, 3)
