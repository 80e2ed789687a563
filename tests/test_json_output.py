"""`--format json` on every command that reads or reports: one JSON document on standard output,
valid for any input. Every C0 and C1 control, DEL, the bidi overrides, escape sequences and lone
surrogates go through each command in hostile banks and results files; the JSON parses, carries
the text as it was written, and holds no raw control character."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, TINY_BANK
from goodlooks.base.safe_text import has_unsafe
from test_terminal_safety import EVERYTHING, hostile_bank

ODD = "odd-\udcff\udcfe.json"
"""A file name that is not UTF-8, as Python sees it: with lone surrogates."""


def _json_string(text: str) -> str:
    return json.dumps(text)  # ASCII only: every control and surrogate as a \\u escape


@pytest.fixture
def hostile(run, workdir: Path) -> Path:
    """A hostile bank, two results files answering it (a respondent and notes with every
    control and lone surrogates), a folder of them, and a bank with problems."""
    (workdir / "bank.yaml").write_text(hostile_bank(EVERYTHING), encoding="utf-8")
    (workdir / "bad-bank.yaml").write_text(hostile_bank(EVERYTHING).replace("id: q\n", 'id: "q\\e[2J"\n'),
                                           encoding="utf-8")
    for name, option in (("a", "a"), ("b", "b")):
        (workdir / f"{name}.json.answers").write_text(json.dumps({
            "respondent": "R" + EVERYTHING, "answers": {"q": {"option": option, "note": "N" + EVERYTHING}}}),
            encoding="utf-8")
        result = run("assess", "--bank", "bank.yaml", "--answers", f"{name}.json.answers", "--output",
                     f"people/{name}.json")
        assert result.exit_code == 0, result.output
    # Lone surrogates: a results file holding one is refused (issue 22), but a file name that is
    # not UTF-8 reaches Python as one, and file names go into the JSON of list and validate.
    odd = os.fsdecode(b"people/odd-\xff\xfe.json")
    shutil.copy(workdir / "people" / "a.json", workdir / "copy.json")
    os.rename(workdir / "copy.json", os.fsencode(workdir) + b"/" + os.fsencode(odd))
    os.link(workdir / "bank.yaml", os.fsencode(workdir) + b"/bank-\xff.yaml")
    return workdir


def _parsed(result) -> object:
    assert result.exit_code in (0, 3), result.output
    assert not has_unsafe(result.stdout.replace("\n", "")), repr(result.stdout[:400])
    return json.loads(result.stdout)


def _texts(data: object) -> list[str]:
    if isinstance(data, dict):
        return [text for key, value in data.items() for text in [key, *_texts(value)]]
    if isinstance(data, list):
        return [text for value in data for text in _texts(value)]
    return [data] if isinstance(data, str) else []


def test_profile(run, hostile):
    data = _parsed(run("profile", "people/a.json", "--format", "json"))
    assert data["respondent"] == ("R" + EVERYTHING).strip()
    assert data["bank"]["title"] == ("T" + EVERYTHING + "x").strip()
    assert data["overall"]["score"] == 1.0 and data["dimensions"][0]["answered"] == 1
    assert any(text.startswith("T") and "\x9b" in text for text in _texts(data["recommendations"]))


def test_profile_by_a_tag_family(run, hostile):
    data = _parsed(run("profile", "people/a.json", "--by", "fam", "--format", "json"))
    assert data["family"] == "fam" and data["tags"][0]["question_ids"] == ["q"]


def test_list(run, hostile):
    (hostile / "people" / "damaged\x1b[2J.json").write_text("{" + _json_string(EVERYTHING + "\ud800"), encoding="utf-8")
    data = _parsed(run("list", "people", "--format", "json"))
    assert {row["file"] for row in data} == {"people/a.json", "people/b.json", "people/damaged\x1b[2J.json",
                                             f"people/{ODD}"}
    assert {row.get("respondent") for row in data} == {("R" + EVERYTHING).strip(), None}
    assert next(row for row in data if "problem" in row)["file"] == "people/damaged\x1b[2J.json"


def test_validate(run, hostile):
    data = _parsed(run("validate", "bank.yaml", "bad-bank.yaml", os.fsdecode(b"bank-\xff.yaml"), "--format", "json"))
    assert data["valid"] is False
    good, bad, odd = data["banks"]
    assert (good["valid"], good["questions"], bad["valid"]) == (True, 1, False)
    assert odd["file"] == "bank-\udcff.yaml" and odd["valid"]
    assert any("q\x1b[2J" in problem["message"] for problem in bad["problems"])


def test_combine(run, hostile):
    # --keep-duplicates: both files name the same respondent (one person counts once, issue 17)
    data = _parsed(run("combine", "people", "--output", "c.json", "--format", "json", "--keep-duplicates"))
    assert data["used"][:2] == ["people/a.json", "people/b.json"] and data["to_discuss"] == []  # one option apart
    assert data["profile"]["kind"] == "combined"
    assert json.loads(Path("c.json").read_text(encoding="utf-8"))["respondents"] == 2


def test_compare(run, hostile):
    data = _parsed(run("compare", "people/a.json", "people/b.json", "--format", "json"))
    assert isinstance(data, dict) and data


def test_diff(run, hostile):
    changed = hostile_bank(EVERYTHING).replace("score: 3}", "score: 2}")
    (hostile / "new.yaml").write_text(changed, encoding="utf-8")
    data = _parsed(run("diff", "bank.yaml", "new.yaml", "--format", "json"))
    assert data["old_file"] == "bank.yaml"
    assert any("\x1b" in text for text in _texts(data))  # the bank's text, as written (it held C1 raw before)


def test_questions(run, hostile):
    data = _parsed(run("questions", "--bank", "bank.yaml", "--format", "json"))
    assert data["title"] == ("T" + EVERYTHING + "x").strip()


def test_results_written_to_standard_output_are_safe_json_too(run, hostile):
    data = _parsed(run("assess", "--bank", "bank.yaml", "--answers", "a.json.answers", "--output", "-"))
    assert data["respondent"] == ("R" + EVERYTHING).strip()
    assert not Path("-").exists()


# --- the schemas --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["bank", "results", "answers"])
def test_each_schema_is_a_valid_json_schema(run, kind):
    schema = _parsed(run("schema", kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == f"goodlooks {'question bank' if kind == 'bank' else kind + ' file'}"


def test_schema_with_no_kind_is_the_bank_schema(run):
    assert run("schema").stdout == run("schema", "bank").stdout


def test_results_files_goodlooks_writes_fit_the_results_schema(run, write, workdir):
    write(TINY_BANK)
    write("answers:\n  users-met: b\n", "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    assert run("combine", "r.json", "--output", "c.json", "--include-incomplete").exit_code == 0
    schema = json.loads(run("schema", "results").stdout)
    for name in ("r.json", "c.json"):
        jsonschema.validate(json.loads((workdir / name).read_text(encoding="utf-8")), schema)


def test_answers_files_fit_the_answers_schema(run, workdir):
    import yaml

    def as_written(path):  # as goodlooks reads it: a date stays the text it is written as
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {key: f"{value}" if key == "answered_on" else value for key, value in data.items()}

    schema = json.loads(run("schema", "answers").stdout)
    files = [EXAMPLES / "board-answers.yaml", EXAMPLES / "board-2025-answers.yaml",
             *sorted((EXAMPLES / "workshop").glob("*.yaml"))]
    answers = [path for path in files if "answers" in yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert len(answers) >= 3
    assert sum("answered_on" in as_written(path) for path in answers) == 2  # last year's, both
    for path in answers:
        jsonschema.validate(as_written(path), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"answers": {"q": 3}, "extra": 1}, schema)
    for when in ("2025-11-20", "2025-11-20T10:30", "2025-11-20T10:30:00.512Z", "2025-11-20 10:30+01:00"):
        jsonschema.validate({"answered_on": when, "answers": {}}, schema)
    for when in ("20 November 2025", "20251120", "2025-11-20T10"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"answered_on": when, "answers": {}}, schema)


def test_a_form_saved_answers_file_fits_the_answers_schema(run, workdir):
    """What the form's script saves: the same keys as the form's own test saves."""
    schema = json.loads(run("schema", "answers").stdout)
    saved = {"respondent": "Chair", "answers": {"mission-clear": {"option": "c", "note": "Yes", "evidence": "told"},
                                                "users-research": "dont_know"},
             "bank": {"id": "what-good-looks-like", "version": "2.0", "sha256": "0" * 64}, "only": ["board"]}
    jsonschema.validate(saved, schema)
    with pytest.raises(jsonschema.ValidationError):  # how it is known is seen, told or believed, or nothing
        jsonschema.validate({"answers": {"mission-clear": {"option": "c", "evidence": "heard"}}}, schema)

