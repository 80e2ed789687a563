"""Results made with earlier versions of the built-in bank (1.0 and 2.0) still profile, report and
compare through the copy of the bank they carry; and between 2.0 and 3.0, `diff` and the
changed-bank check say which questions were replaced (a question whose meaning changed got a new
id) while the ids that kept their meaning stay."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, REPO
from goodlooks.bank.loader import load_bank

FIXTURES = REPO / "tests" / "fixtures"
OLD = {"1.0": FIXTURES / "results-bank-1.0.json", "2.0": FIXTURES / "results-bank-2.0.json"}
REPLACED = {  # 2.0 id -> the 3.0 question that asks the same thing in a ladder that means something new
    "mission-written": "mission-summary", "users-board": "users-first-hand", "services-funding": "services-budget",
    "teams-hiring": "teams-recruiting", "technology-hosting": "technology-cloud",
    "technology-contracts": "technology-exit", "technology-data": "technology-standards",
    "delivery-governance": "delivery-assurance", "board-ownership": "board-owner", "open-blog": "open-writing",
    "open-talent": "open-hiring"}
DROPPED = ["open-progress"]  # it asked what users-first-hand and delivery-show ask
NEW = ["users-benefits", "services-operating-model", "board-agenda"]


@pytest.fixture(scope="module")
def bank():
    return load_bank("what-good-looks-like").bank


def test_the_built_in_bank_is_version_3_0(bank):
    assert bank.version == "3.0"
    assert {version: json.loads(path.read_text())["bank"]["version"] for version, path in OLD.items()} == {
        "1.0": "1.0", "2.0": "2.0"}


@pytest.mark.parametrize("version", sorted(OLD))
def test_older_results_profile_from_their_own_copy_as_they_did(run, version):
    result = run("profile", str(OLD[version]))
    assert result.exit_code == 0, result.stderr
    assert "Overall  2.2 on 1 to 5  Emerging" in result.stdout
    assert "How the answers are known" not in result.stdout  # they said nothing of it


@pytest.mark.parametrize("version", sorted(OLD))
def test_older_results_report_in_every_format_from_their_own_copy(run, workdir, version):
    paper = run("report", str(OLD[version]), "--format", "markdown")
    assert paper.exit_code == 0, paper.stderr
    assert f"“What good looks like for digital transformation”, version {version}" in paper.stdout
    assert "**The overall result is Emerging, 2.2 on a scale of 1 to 5.**" in paper.stdout
    first = next(line for line in paper.stdout.splitlines() if line.startswith("| 1 | "))
    assert first.endswith("|  |  |")  # their advice names no owner or time: blanks to fill in
    assert "How the answers are known" not in paper.stdout
    page = run("report", str(OLD[version]), "--format", "html")
    assert page.exit_code == 0 and "version " + version in page.stdout
    assert run("report", str(OLD[version]), "--format", "csv", "--output", f"csv-{version}").exit_code == 0
    assert (workdir / f"csv-{version}" / "answers.csv").read_text(encoding="utf-8-sig").count("\n") == 33


@pytest.mark.parametrize("version", sorted(OLD))
def test_older_results_compare_with_results_on_3_0(run, workdir, version):
    assert run("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--output", "now.json").exit_code == 0
    result = run("compare", str(OLD[version]), "now.json", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["overall"]["before"] == pytest.approx(2.18, abs=0.005)
    assert data["overall"]["after"] == pytest.approx(2.2067, abs=0.0001)
    assert sorted(data["added"]) == sorted([*REPLACED.values(), *NEW])
    assert sorted(data["removed"]) == sorted([*REPLACED, *DROPPED])


def test_diff_from_2_0_names_each_replaced_question_and_keeps_the_others(run, bank):
    result = run("diff", str(OLD["2.0"]), "what-good-looks-like", "--format", "json")
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    removed = sorted(c["id"] for c in changes if c["kind"] == "question" and c["change"] == "removed")
    added = sorted(c["id"] for c in changes if c["kind"] == "question" and c["change"] == "added")
    assert removed == sorted([*REPLACED, *DROPPED])
    assert added == sorted([*REPLACED.values(), *NEW])
    two = json.loads(OLD["2.0"].read_text())["bank"]["definition"]
    gone = REPLACED | {"open-progress": 0}
    kept = [q["id"] for d in two["dimensions"] for q in d["questions"] if q["id"] not in gone]
    assert len(kept) == 20 and all(bank.question(qid) is not None for qid in kept)
    text = run("diff", str(OLD["2.0"]), "what-good-looks-like").stdout
    assert "questions 14 added, 12 removed" in text
    assert "  - question 'board-ownership' removed:" in text and "  + question 'board-owner' added:" in text


def test_the_changed_bank_check_sets_aside_the_answers_to_replaced_questions(run, workdir):
    refused = run("profile", str(OLD["2.0"]), "--bank", "what-good-looks-like")
    assert refused.exit_code == 4
    assert "has changed since these answers were given" in refused.stderr
    assert "--accept-bank-change" in refused.stderr
    accepted = run("profile", str(OLD["2.0"]), "--bank", "what-good-looks-like", "--accept-bank-change")
    assert accepted.exit_code == 0, accepted.stderr
    assert accepted.stderr.startswith("12 answers are set aside, not scored: the bank has no question ")
    assert all(f"question '{qid}'" in accepted.stderr for qid in [*REPLACED, *DROPPED])
    assert "19 of 34 questions answered (1 don't know, 14 unanswered)" in " ".join(accepted.stdout.split())


def test_combining_refuses_to_mix_2_0_and_3_0_answers(run, workdir):
    assert run("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--output", "now.json").exit_code == 0
    result = run("combine", str(OLD["2.0"]), "now.json", "--output", "mixed.json")
    assert result.exit_code == 4
    assert "answer a different bank from the rest" in result.stderr and "version 2.0" in result.stderr
