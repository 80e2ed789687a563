"""Advice that says who should act and how soon: `owner:` and `within:` on an option's advice and
on a dimension's advice for a level, in the bank format and its JSON Schema, validated with located
messages, changed by overlays, compared by `diff`, kept in results files and shown in the profile
and the reports."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import TINY_BANK
from goodlooks.bank.loader import load_bank, parse_bank
from goodlooks.bank.model import bank_json_schema

OWNED = (TINY_BANK
         .replace("    - {key: a, label: Rarely, score: 1}",
                  "    - {key: a, label: Rarely, score: 1, recommendation: Visit a ward., owner: Chief nurse,\n"
                  "       within: 6 weeks}")
         .replace("      Low: Meet some users.",
                  "      Low:\n        text: Meet some users.\n        owner: The board\n        within: 3 months"))


def test_an_option_and_a_level_can_say_who_acts_and_how_soon():
    bank = parse_bank(OWNED.encode(), "bank.yaml")
    option = bank.question("users-met").choices[0]
    assert (option.recommendation, option.owner, option.within) == ("Visit a ward.", "Chief nurse", "6 weeks")
    advice = bank.dimensions[0].recommendations["Low"]
    assert (advice.text, advice.owner, advice.within) == ("Meet some users.", "The board", "3 months")


def test_advice_written_as_plain_text_still_reads_as_before():
    advice = parse_bank(TINY_BANK.encode(), "bank.yaml").dimensions[0].recommendations["Low"]
    assert (advice.text, advice.owner, advice.within) == ("Meet some users.", None, None)


@pytest.mark.parametrize("old, new, expected", [
    ("within: 6 weeks", "within: soon",
     "bank.yaml:12:16: 'within' of option 'a' of scale 'three' must be a time from now: a number from 1 to 99 "
     "and weeks, months or years, such as '6 weeks', '3 months' or '1 year', not 'soon'"),
    ("within: 6 weeks", "within: 1 weeks",
     "bank.yaml:12:16: 'within' of option 'a' of scale 'three' must be a time from now: a number from 1 to 99 "
     "and weeks, months or years, such as '6 weeks', '3 months' or '1 year', not '1 weeks'"),
    ("        within: 3 months", "        within: 3 month",
     "bank.yaml:23:17: 'within' of the advice for level 'Low' of dimension 'users' must be a time from now: a "
     "number from 1 to 99 and weeks, months or years, such as '6 weeks', '3 months' or '1 year', not '3 month'"),
    ("        text: Meet some users.\n", "",
     "bank.yaml:21:9: the advice for level 'Low' of dimension 'users' is missing 'text'"),
    ("        owner: The board", "        owner: ''",
     "bank.yaml:22:16: 'owner' of the advice for level 'Low' of dimension 'users' is empty; write some text"),
    ("        owner: The board", "        owner: The board\n        by: June",
     "bank.yaml:23:9: unknown key 'by' in the advice for level 'Low' of dimension 'users'; expected one of: "
     "owner, text, within"),
    ("recommendation: Visit a ward., ", "",
     "bank.yaml:11:41: option 'a' of scale 'three' has 'owner' but no 'recommendation'; add the advice it "
     "belongs to, or remove 'owner'"),
])
def test_a_wrong_owner_or_time_is_reported_where_it_was_written(run, write, old, new, expected):
    assert old in OWNED
    write(OWNED.replace(old, new, 1))
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == expected


def test_the_json_schema_describes_owner_and_within_and_checks_the_time():
    schema = bank_json_schema()
    option, advice = schema["$defs"]["Option"]["properties"], schema["$defs"]["LevelAdvice"]
    assert option["owner"]["description"].startswith("Who should take the advice forward: a role")
    assert option["within"]["description"].startswith("How soon the advice should be done")
    assert set(advice["properties"]) == {"text", "owner", "within"} and advice["required"] == ["text"]
    validator = jsonschema.Draft202012Validator(schema)
    data = json.loads(json.dumps(load_bank("what-good-looks-like").bank.model_dump(mode="json")))
    validator.validate(data)
    data["dimensions"][0]["questions"][0]["options"][0]["within"] = "soon"
    with pytest.raises(jsonschema.ValidationError, match="soon"):
        validator.validate(data)
    data["dimensions"][0]["questions"][0]["options"][0]["within"] = "2 years"
    data["dimensions"][0]["recommendations"]["Starting"] = "Plain text is fine too."
    validator.validate(data)


OVERLAY = """\
extends: base.yaml
id: trust
version: "1"
change:
  options:
    users-met:
      a: {owner: Director of people, within: 2 months}
  recommendations:
    users:
      Low: {text: Meet ten users., owner: Chair, within: 1 year}
"""


def test_an_overlay_changes_who_acts_and_how_soon_and_diff_says_so(run, write):
    write(OWNED, "base.yaml")
    write(OVERLAY, "trust.yaml")
    assert run("validate", "trust.yaml").exit_code == 0
    bank = load_bank("trust.yaml").bank
    option = bank.question("users-met").choices[0]
    assert (option.recommendation, option.owner, option.within) == ("Visit a ward.", "Director of people", "2 months")
    assert bank.dimensions[0].recommendations["Low"].owner == "Chair"
    diff = run("diff", "base.yaml", "trust.yaml", "--format", "json")
    changes = {(c["kind"], c["id"], c["field"]): (c["old"], c["new"]) for c in json.loads(diff.stdout)["changes"]}
    assert changes[("option", "users-met/a", "owner")] == ("Chief nurse", "Director of people")
    assert changes[("option", "users-met/a", "within")] == ("6 weeks", "2 months")
    assert changes[("recommendation", "users/Low", "text")] == ("Meet some users.", "Meet ten users.")
    assert changes[("recommendation", "users/Low", "within")] == ("3 months", "1 year")
    assert "recommendation 'users/Low' owner changed: 'The board' -> 'Chair'" in run("diff", "base.yaml",
                                                                                         "trust.yaml").stdout


def test_a_bad_time_in_an_overlay_is_reported_in_the_overlay(run, write):
    write(OWNED, "base.yaml")
    write(OVERLAY.replace("within: 2 months", "within: later"), "trust.yaml")
    result = run("validate", "trust.yaml")
    assert result.exit_code == 3
    assert result.stderr.startswith("trust.yaml:7:46: 'within' of option 'a' of question 'users-met' must be a "
                                    "time from now")


def test_results_the_profile_and_the_reports_carry_who_and_how_soon(run, write, workdir):
    write(OWNED)
    (workdir / "a.yaml").write_text("answers: {users-met: a, users-heard: n}\n")
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "Users: Meet some users. (The board, within 3 months)" in flat
    assert "Users, on “Do teams meet users?”: Visit a ward. (Chief nurse, within 6 weeks)" in flat
    saved = json.loads((workdir / "r.json").read_text())
    assert [(r["text"], r["owner"], r["within"]) for r in saved["recommendations"]] == [
        ("Meet some users.", "The board", "3 months"), ("Visit a ward.", "Chief nurse", "6 weeks")]
    paper = run("report", "r.json", "--format", "markdown").stdout
    assert "| 1 | Meet some users. | Users | Low | The board | within 3 months |" in paper
    assert ("| 2 | Visit a ward. (from “Do teams meet users?”: today “Rarely”) | Users | Low | Chief nurse "
            "| within 6 weeks |") in paper
    assert "the bank's suggestion (who, and within how long) is shown if it gives one" in paper
    (workdir / "paper.yaml").write_text("owners:\n  users-met: {owner: Medical director, quarter: Q1 2027/28}\n")
    agreed = run("report", "r.json", "--paper", "paper.yaml").stdout  # the board's own word comes first
    assert "| Medical director | Q1 2027/28 |" in agreed and "Chief nurse" not in agreed.split("## Scores")[0]
    page = run("report", "r.json", "--format", "html").stdout
    assert '<td data-label="Owner">Chief nurse</td><td data-label="By (quarter)">within 6 weeks</td>' in page
