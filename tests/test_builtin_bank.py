"""The built-in "What good looks like" bank, the example banks, and the JSON Schema."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from conftest import EXAMPLES, REPO
from goodlooks.bank.documents import builtin_banks
from goodlooks.bank.loader import load_bank, parse_bank
from goodlooks.bank.model import bank_json_schema
from goodlooks.templates import starter_bank

BOARD_QUESTIONS = {f"board-question:{n}" for n in range(1, 9)}


@pytest.fixture(scope="module")
def bank():
    return load_bank("what-good-looks-like").bank


def test_the_built_in_bank_is_found_by_id_and_is_the_default():
    assert set(builtin_banks()) == {"what-good-looks-like"}
    default = load_bank(None)
    assert default.builtin and default.bank.id == "what-good-looks-like"
    assert len(default.sha256) == 64


def test_it_names_both_posts_as_its_source(bank):
    assert "What good looks like for digital transformation in health" in bank.source
    assert "Building digital organisations" in bank.source


def test_six_principles_the_boards_role_and_working_in_the_open(bank):
    assert [d.id for d in bank.dimensions] == [
        "mission", "users", "services", "teams", "technology", "delivery", "board", "open"]


def test_enough_questions_each_with_five_observable_options_and_help(bank):
    assert len(bank.questions()) >= 24
    for dimension in bank.dimensions:
        assert len(dimension.questions) >= 3, dimension.id
    for question in bank.questions():
        assert question.text.endswith("?"), question.id
        assert question.help, question.id
        assert [o.score for o in question.choices] == [1, 2, 3, 4, 5], question.id
        for option in question.choices:
            assert not re.search(r"\b(agree|disagree)\b", option.label, re.I), option.label
            assert len(option.label) <= 100, option.label


def test_each_of_the_eight_board_questions_is_asked_once(bank):
    tags = [tag for question in bank.questions() for tag in question.tags]
    assert sorted(t for t in tags if t.startswith("board-question")) == sorted(BOARD_QUESTIONS)
    assert set(bank.tagged("board-question")) == {str(n) for n in range(1, 9)}


def test_five_levels_and_a_recommendation_up_from_each_but_the_top(bank):
    names = [level.name for level in bank.levels]
    assert len(names) == 5
    for dimension in bank.dimensions:
        assert set(dimension.recommendations) == set(names[:-1]), dimension.id


def test_plain_english_short_sentences(bank):
    texts = [bank.description] + [d.description for d in bank.dimensions]
    texts += [q.text for q in bank.questions()] + [q.help for q in bank.questions()]
    for text in texts:
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            assert len(sentence.split()) <= 25, sentence


def _shipped_banks():
    banks = {path.name: path.read_text(encoding="utf-8") for path in (REPO / "questions").glob("*.yaml")}
    banks |= {path.name: path.read_text(encoding="utf-8") for path in EXAMPLES.glob("*.yaml")
              if not path.name.endswith(("answers.yaml", "targets.yaml", "paper.yaml"))}
    banks["starter-bank.yaml"] = starter_bank()
    return banks


class _Yaml12Loader(yaml.SafeLoader):
    """What an editor's YAML language server sees: YAML 1.2 types (No is text, 1.0 a number)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.mark.parametrize("name", sorted(_shipped_banks()))
def test_every_shipped_bank_is_valid_and_matches_the_json_schema(name):
    text = _shipped_banks()[name]
    parse_bank(text.encode(), name)
    jsonschema.Draft202012Validator(bank_json_schema()).validate(yaml.load(text, Loader=_Yaml12Loader))


def test_the_schema_is_a_valid_json_schema_and_rejects_a_typo():
    schema = bank_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.load(starter_bank(), Loader=_Yaml12Loader)
    data["dimensions"][0]["wieght"] = 1
    with pytest.raises(jsonschema.ValidationError, match="wieght"):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_the_schema_describes_evidence_and_tag_families():
    schema = bank_json_schema()
    question, family = schema["$defs"]["Question"], schema["$defs"]["TagFamily"]
    assert question["properties"]["evidence"]["description"].startswith("Where to look")
    assert set(family["properties"]) == {"title", "description", "tags"} and family["required"] == ["title"]
    assert schema["properties"]["tag_families"]["additionalProperties"] == {"$ref": "#/$defs/TagFamily"}


def test_the_schema_command_prints_it(run):
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == bank_json_schema()


def test_a_bank_converted_from_another_model_with_fractional_scores_validates(run):
    result = run("validate", str(EXAMPLES / "software-assurance.yaml"))
    assert result.exit_code == 0, result.stderr
    bank = load_bank(str(EXAMPLES / "software-assurance.yaml")).bank
    assert bank.shown_range() == (0, 3)
    assert {o.score for q in bank.questions() for o in q.choices} == {0, 0.25, 0.5, 1}
    assert bank.questions()[0].choices[0].label == "No"


def test_init_writes_a_starter_bank_that_validates(run, workdir):
    result = run("init", "mine.yaml")
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", "Wrote mine.yaml. Edit it, then check it with: goodlooks validate "
                                              "mine.yaml\n")
    assert run("validate", "mine.yaml").exit_code == 0
    assert (workdir / "mine.yaml").read_text().startswith("# A goodlooks question bank")


def test_init_never_overwrites_without_force(run, workdir):
    (workdir / "mine.yaml").write_text("keep me")
    result = run("init", "mine.yaml")
    assert result.exit_code == 2
    assert result.stderr == "mine.yaml already exists; choose another path, or add --force to overwrite it\n"
    assert (workdir / "mine.yaml").read_text() == "keep me"
    assert run("init", "mine.yaml", "--force").exit_code == 0
    assert parse_bank((workdir / "mine.yaml").read_bytes(), "mine.yaml").id == "my-maturity-model"


def test_questions_as_json_has_the_documented_fields_with_scales_resolved(run):
    result = run("questions", "--bank", str(EXAMPLES / "software-assurance.yaml"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["id"], data["title"], data["version"]) == (
        "software-assurance-lite", "Software assurance (SAMM-style example)", "2.0")
    question = data["dimensions"][0]["questions"][0]
    assert (question["id"], question["text"]) == (
        "sm-a1", "Have you agreed what the organisation's risk appetite for software is?")
    assert question["options"][1] == {"key": "some", "label": "Yes, for some of our applications",
                                      "score": 0.25, "recommendation": None, "owner": None, "within": None}


def test_questions_as_text_is_a_readable_outline(run):
    result = run("questions")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "What good looks like for digital transformation"
    assert "1. A clear mission that everyone shares  [mission]" in lines
    assert lines[lines.index("   1.1 How is your digital mission, or digital strategy, written down?") + 1] == (
        "       [mission-summary]")
    assert "       a (1) There is no written digital mission or strategy" in lines
    assert "       Tags: principle:mission, wgll:well-led, service-standard:10" in lines
    assert "       Where to look: The current digital mission or strategy itself. Count" in lines
    assert all(len(line) <= 80 and line == line.rstrip() for line in lines)


def test_questions_rejects_an_unknown_format(run):
    result = run("questions", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'text', 'json'" in " ".join(result.stderr.replace("│", " ").split())


def test_the_example_answers_file_fits_the_built_in_bank(run, workdir):
    result = run("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--output", "r.json")
    assert result.exit_code == 0, result.stderr
    assert "Overall  2.2 on 1 to 5  Emerging" in result.stdout
    saved = json.loads((workdir / "r.json").read_text())
    dimensions = saved["scores"]["dimensions"].values()
    assert [sum(d[k] for d in dimensions) for k in ("answered", "not_applicable", "dont_know")] == [32, 1, 1]
    known = [a["evidence"] for a in saved["answers"].values()]
    assert [known.count(status) for status in ("seen", "told", "believed")] == [5, 2, 3]


def test_every_example_answers_file_fits_the_built_in_bank(run, workdir):
    for path in [EXAMPLES / "board-2025-answers.yaml", *sorted((EXAMPLES / "workshop").glob("*.yaml"))]:
        if path.name == "targets.yaml":
            continue
        result = run("assess", "--answers", str(path), "--output", f"{path.stem}.json")
        assert result.exit_code == 0, (path.name, result.stderr)
