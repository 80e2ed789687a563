"""Round three, defect 2: whatever goodlooks writes, it reads back. A results file is read up to
64 MB; a bank whose results file could not hold every answer within that is refused before the
first question; notes and names have the limits the form has; a save that would go over is
refused and the file keeps its last version. The README's table of sizes says the same."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, TINY_BANK
from figures import record

ANSWERS = "answers:\n  users-met: b\n  users-heard: y\n"


def shared_scale_bank(questions: int) -> str:
    """A short bank file whose results file is large: every question shares one scale of 30
    options with 500-character labels, and a results file carries each question's own copy."""
    options = "\n".join(f"    - {{key: o{n}, label: {'L' * 490}{n:010d}, score: {n}}}" for n in range(30))
    asked = "\n".join(f"      - {{id: q{n}, text: Question {n}?, scale: long}}" for n in range(questions))
    return (f'id: big\ntitle: Big\nversion: "1"\nscales:\n  long:\n{options}\ndimensions:\n  - id: d\n    title: D\n'
            f"    questions:\n{asked}\n")


def test_a_results_file_over_the_old_16_mb_limit_reads_back(run, write, workdir):
    write(shared_scale_bank(1_100))  # a 0.1 MB bank, a 17 MB results file
    write("answers:\n  q0: o1\n", "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    assert (workdir / "r.json").stat().st_size > 16 * 1024 * 1024
    result = run("profile", "r.json")
    assert result.exit_code == 0, result.stderr
    record("files goodlooks wrote and read back")


def test_a_bank_too_large_to_answer_is_refused_before_the_first_question(run, write, workdir, keys):
    write(shared_scale_bank(4_000))  # its results file would be 62 MB before a single note
    write("answers:\n  q0: o1\n", "answers.yaml")
    for args in (("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json"),
                 ("assess", "--bank", "bank.yaml", "--output", "r.json")):
        result = run(*args)
        assert result.exit_code == 3, result.output
        assert result.stderr.startswith("bank.yaml:1:1: this bank is too large to answer: its results file would be ")
        assert "goodlooks reads back no results file over 64 MB" in result.stderr
        assert not (workdir / "r.json").exists()
        assert "Question 1 of" not in result.stdout
    record("writes refused because goodlooks could not read them back")


def test_a_17_mb_note_is_refused_where_it_is_written(run, write, workdir):
    write(TINY_BANK)
    write("answers:\n  users-met: {option: b, note: " + "n" * 17_000_000 + "}\n", "answers.yaml")
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[0] == ("answers.yaml:2:32: the note is 17,000,000 characters; a note is at "
                                             "most 4,000 (as in the form)")
    assert not (workdir / "r.json").exists()
    write("respondent: " + "r" * 201 + "\nanswers:\n  users-met: {option: b, note: " + "n" * 4_000 + "}\n",
          "answers.yaml")
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json")
    assert result.exit_code == 4
    assert "'respondent' is 201 characters; a name or role is at most 200" in result.stderr
    write("answers:\n  users-met: {option: b, note: " + "n" * 4_000 + "}\n", "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    assert run("profile", "r.json").exit_code == 0
    record("writes refused because goodlooks could not read them back")


def test_a_respondent_over_200_characters_is_refused(run, write):
    write(TINY_BANK)
    write(ANSWERS, "answers.yaml")
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--respondent", "r" * 201)
    assert (result.exit_code, result.stderr) == (2, "--respondent is 201 characters; a name or role is at most 200\n")


def test_the_interview_asks_again_for_a_note_over_4000_characters(run, write, workdir, keys):
    write(TINY_BANK)
    keys.send_text("1\r\r" + "x" * 4_001 + "\r" + "\x7f" + "\r" + "1\r\r\r" + "\r\r")  # how known skipped
    result = run("assess", "--bank", "bank.yaml", "--output", "r.json")
    assert result.exit_code == 0, result.output
    saved = json.loads((workdir / "r.json").read_text(encoding="utf-8"))
    assert saved["answers"]["users-met"]["note"] == "x" * 4_000


@pytest.fixture
def small_limit(monkeypatch) -> int:
    """Results files read and written up to 100 KB: the same rule, where a test can reach it."""
    limit = 100_000
    monkeypatch.setattr("goodlooks.results.reading.MAX_RESULTS_BYTES", limit)
    monkeypatch.setattr("goodlooks.results.size.MAX_RESULTS_BYTES", limit)
    return limit


def test_notes_that_would_take_a_file_over_are_refused_and_nothing_is_left(run, write, workdir, small_limit):
    questions = "\n".join(f"      - {{id: q{n}, text: Q{n}?, options: [{{key: a, label: A, score: 1}}, "
                          f"{{key: b, label: B, score: 2}}]}}" for n in range(30))
    write(f'id: many\ntitle: Many\nversion: "1"\ndimensions:\n  - id: d\n    title: D\n    questions:\n{questions}\n')
    notes = "".join(f"  q{n}: {{option: a, note: {'w' * 4_000}}}\n" for n in range(30))
    write("answers:\n" + notes, "answers.yaml")
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json")
    assert result.exit_code == 4
    assert result.stderr.startswith("r.json: not saved: it would be ")
    assert "that goodlooks reads back, so the file keeps its last saved version" in result.stderr
    assert not (workdir / "r.json").exists()
    record("writes refused because goodlooks could not read them back")


def test_a_combined_file_that_would_be_over_is_refused(run, write, workdir, small_limit):
    write(TINY_BANK)
    for n in range(30):
        # each note its own: thirty people, not one person's answers thirty times (counted once)
        write(f"answers:\n  users-met: {{option: b, note: {n:02d}{'v' * 3_998}}}\n  users-heard: y\n", "a.yaml")
        assert run("assess", "--bank", "bank.yaml", "--answers", "a.yaml", "--output", f"m/{n}.json").exit_code == 0
    result = run("combine", "m", "--output", "c.json")
    assert result.exit_code == 4
    assert result.stderr.startswith("c.json: not saved: it would be ")
    assert not (workdir / "c.json").exists()


# Whatever goodlooks writes, it reads: random banks, answers and notes, near the limit --------------

# Characters of the Basic Multilingual Plane: json.dumps writes the others as surrogate pairs,
# which YAML (the reader of answers files, JSON ones too) refuses as escapes.
CHARACTERS = st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.text(CHARACTERS, min_size=1, max_size=60)


@st.composite
def workshop(draw) -> tuple[dict, dict]:
    questions = draw(st.integers(1, 30))
    options = draw(st.integers(2, 6))
    label = draw(st.integers(1, 300))
    bank = {"id": "drawn", "title": "T" + draw(TEXT), "version": "1", "dimensions": [{
        "id": "d", "title": "D" + draw(TEXT), "questions": [
            {"id": f"q{n}", "text": f"Q{n} " + draw(TEXT),
             "options": [{"key": f"o{k}", "label": f"{k} " + "L" * label, "score": k} for k in range(options)]}
            for n in range(questions)]}]}
    note = st.one_of(st.none(), st.text(CHARACTERS, max_size=4_000), st.just("n" * 4_000))
    answers = {"respondent": draw(st.one_of(st.none(), TEXT)), "answers": {
        f"q{n}": {"option": f"o{draw(st.integers(0, options - 1))}", "note": draw(note)}
        for n in range(questions) if draw(st.booleans())}}
    return bank, answers


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drawn=st.lists(workshop(), min_size=1, max_size=3), limit=st.integers(8_000, 120_000))
def test_whatever_goodlooks_writes_it_reads_back(run, workdir, monkeypatch, drawn, limit):
    """At a limit drawn near the files' sizes, so both sides of it are met: each file is either
    refused before anything is written, or read back by every reader."""
    monkeypatch.setattr("goodlooks.results.reading.MAX_RESULTS_BYTES", limit)
    monkeypatch.setattr("goodlooks.results.size.MAX_RESULTS_BYTES", limit)
    for old in workdir.glob("*.json"):
        old.unlink()
    written = []
    for number, (bank, answers) in enumerate(drawn):
        (workdir / "bank.json").write_text(json.dumps(bank), encoding="utf-8")
        (workdir / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
        result = run("assess", "--bank", "bank.json", "--answers", "answers.json", "--output", f"r{number}.json")
        assert result.exit_code in (0, 3, 4), result.output
        if result.exit_code:
            assert not (workdir / f"r{number}.json").exists()  # refused: nothing left half-made
            record("writes refused because goodlooks could not read them back")
            continue
        written.append(f"r{number}.json")
        for args in (("profile", f"r{number}.json", "--notes"), ("report", f"r{number}.json")):
            assert run(*args).exit_code == 0, args
        record("files goodlooks wrote and read back")
    if written:
        result = run("combine", *written, "--output", "c.json", "--include-incomplete")
        assert result.exit_code in (0, 4), result.output
        if result.exit_code == 0:
            assert run("profile", "c.json").exit_code == 0
            record("files goodlooks wrote and read back")
        else:
            assert not (workdir / "c.json").exists()
    result = run("init", "copy.yaml", "--from", "bank.json", "--force")
    assert result.exit_code in (0, 3)
    if result.exit_code == 0:
        assert run("validate", "copy.yaml").exit_code == 0


# The README's table of sizes ----------------------------------------------------------------------

def test_the_readme_table_of_sizes_agrees_with_the_limits():
    from goodlooks.base.yaml_source import MAX_BYTES
    from goodlooks.results.model import MAX_PEOPLE, NAME_TEXT, NOTE_TEXT
    from goodlooks.results.reading import MAX_RESULTS_BYTES
    from goodlooks.workshop.targets import MAX_TARGETS_BYTES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", readme, re.MULTILINE))
    assert rows["a bank file (YAML), an answers file"] == f"{MAX_BYTES // 1_000_000} MB"
    assert rows["a results file"] == f"{MAX_RESULTS_BYTES // 1_000_000} MB"
    assert rows["a targets file"] == f"{MAX_TARGETS_BYTES // 1_000_000} MB"
    assert rows["a note"] == f"{NOTE_TEXT:,} characters"
    assert rows["a respondent's name or role"] == f"{NAME_TEXT} characters"
    assert rows["people counted in one results file"] == f"{MAX_PEOPLE:,}"
    assert not re.search(r"(?<![\d.])16(\.\d)? MB", readme)  # the old results limit, gone everywhere
