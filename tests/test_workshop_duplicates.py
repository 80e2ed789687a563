"""One person, one response (issue 17): a form saved twice, two files of one name or the same
answers under two ids count once (the later save, saying which file it replaced and why);
`--keep-duplicates` keeps both; combine takes members' own answers only, naming any other kind;
a file answered more than 30 days from the rest is named; names stay with their answers in the
distribution unless the person chose anonymity, and `--anonymous` drops them all."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from goodlooks.workshop.combine import combine
from test_workshop_support import ANN, BOB, copy_banks, make_results, read_json

CAROL = {"users-met": "often", "users-heard": "often", "skills-train": "always", "data-shared": "never",
         "data-safe": "yes"}
SESSION = "3f1c2a9e-5b7d-4e21-9a0b-6c8d7e5f4a31"


def form_file(workdir: Path, name: str, answers: dict, respondent: str | None = None, *, session: str = SESSION,
              save: int = 1, saved_at: str = "2026-12-01T14:02:00.000Z", **extra) -> str:
    """An answers file as the form saves it (JSON, with its session and save number)."""
    data = {"answers": answers, "form": {"session": session, "save": save, "saved_at": saved_at}, **extra}
    if respondent:
        data["respondent"] = respondent
    (workdir / name).write_text(json.dumps(data), encoding="utf-8")
    return name


def member(run, workdir: Path, name: str, answers: dict, respondent: str | None = None, *extra: str) -> Path:
    """`make_results` into answers/NAME.json."""
    made = make_results(run, workdir, name, answers, respondent, *extra)
    return Path(shutil.move(made, Path("answers") / made.name))


def scored(run, answers_name: str, output: str) -> Path:
    result = run("assess", "--bank", "ws.yaml", "--answers", answers_name, "--output", output)
    assert result.exit_code == 0, result.stderr + result.stdout
    return Path(output)


@pytest.fixture
def folder(run, workdir):
    copy_banks(workdir)
    (workdir / "answers").mkdir()
    return workdir / "answers"


def counts(data: dict, question: str) -> dict:
    return {key: n for key, n in data["distributions"][question]["counts"].items() if n}


# --- a form saved twice ---------------------------------------------------------------------------

def test_a_form_saved_twice_counts_once_as_its_later_save(run, workdir, folder):
    first = {**ANN, "users-met": "rarely"}
    form_file(workdir, "cdo.json", first, "Chief digital officer", save=1)
    form_file(workdir, "cdo (1).json", ANN, "Chief digital officer", save=2, saved_at="2026-12-01T14:09:00.000Z")
    scored(run, "cdo.json", "answers/answers-cdo.json")
    scored(run, "cdo (1).json", "answers/answers-cdo (1).json")
    member(run, workdir, "bob", BOB, "Bob")
    assert read_json("answers/answers-cdo.json")["form"] == {"session": SESSION, "save": 1,
                                                              "saved_at": "2026-12-01T14:02:00Z"}
    result = run("combine", "answers", "--output", "c.json")
    assert result.exit_code == 0, result.stderr
    first = result.stderr.splitlines()[0]
    assert first == ("Counted once: answers/answers-cdo (1).json replaces answers/answers-cdo.json (saved "
                             "twice from one answers form; answers/answers-cdo (1).json was saved later)")
    data = read_json("c.json")
    assert data["respondents"] == 2
    assert counts(data, "users-met") == {"never": 1, "always": 1}  # the second save's answer, and Bob's
    assert "Combined answers of 2 people" in result.stdout


def test_the_higher_save_wins_whatever_the_order_or_clock(run, workdir, folder):
    form_file(workdir, "late.json", ANN, "Ann", save=2, saved_at="2026-12-01T09:00:00Z")
    form_file(workdir, "early.json", {**ANN, "users-met": "often"}, "Ann", save=1, saved_at="2026-12-01T10:00:00Z")
    scored(run, "late.json", "answers/a-late.json")
    scored(run, "early.json", "answers/b-early.json")
    report = combine([Path("answers")])
    assert report.used == [Path("answers/a-late.json")]
    assert [(d.replaced, d.kept) for d in report.repeated] == [(Path("answers/b-early.json"),
                                                                Path("answers/a-late.json"))]
    assert counts(report.results.model_dump(), "users-met") == {"never": 1}


def test_a_replaced_file_is_taken_out_of_every_count(run, workdir, folder):
    """Combining with a replaced file gives exactly what combining without it gives."""
    data = {"answers": {**CAROL, "users-met": {"option": "never", "note": "First thoughts"}},
            "respondent": "Carol", "form": {"session": SESSION, "save": 1, "saved_at": "2026-12-01T09:00:00Z"}}
    (workdir / "one.json").write_text(json.dumps(data))
    form_file(workdir, "two.json", CAROL, "Carol", save=2, saved_at="2026-12-01T09:30:00Z")
    (workdir / "t.yaml").write_text("users: 3\n")
    assert run("assess", "--bank", "ws.yaml", "--answers", "one.json", "--targets", "t.yaml",
               "--output", "answers/1.json").exit_code == 0
    scored(run, "two.json", "answers/3.json")
    member(run, workdir, "2", BOB, "Bob")
    with_duplicate = combine([Path("answers")]).results
    Path("answers/1.json").unlink()
    without = combine([Path("answers")]).results
    for field in ("answers", "distributions", "scores", "targets", "scope", "respondents", "sources"):
        left, right = with_duplicate.model_dump(mode="json")[field], without.model_dump(mode="json")[field]
        if field == "answers":
            for answers in (left, right):
                for answer in answers.values():
                    answer.pop("answered_at")
        assert left == right, field


# --- one name, the same answers -------------------------------------------------------------------

def test_two_files_of_one_name_count_once_unless_keep_duplicates(run, workdir, folder):
    form_file(workdir, "n1.json", ANN, "Chief nurse", session="aaaaaaaa-1111", saved_at="2026-12-01T09:00:00Z")
    form_file(workdir, "n2.json", BOB, "chief  Nurse", session="bbbbbbbb-2222", saved_at="2026-12-01T11:00:00Z")
    scored(run, "n1.json", "answers/n1.json")
    scored(run, "n2.json", "answers/n2.json")
    result = run("combine", "answers", "--output", "c.json")
    assert result.exit_code == 0
    first = result.stderr.splitlines()[0]
    assert first == ("Counted once: answers/n2.json replaces answers/n1.json (both are 'Chief nurse'; "
                             "answers/n2.json was saved later); if they are two people who share that name, add "
                             "--keep-duplicates")
    assert read_json("c.json")["respondents"] == 1
    kept = run("combine", "answers", "--output", "k.json", "--keep-duplicates")
    assert kept.exit_code == 0 and "Counted once" not in kept.stderr
    assert read_json("k.json")["respondents"] == 2


def completed(path: str, when: str) -> None:
    data = read_json(path)
    data["completed_at"] = when
    Path(path).write_text(json.dumps(data))


def test_the_same_answers_under_two_ids_count_once(run, workdir, folder):
    member(run, workdir, "x", ANN)
    member(run, workdir, "y", ANN)
    member(run, workdir, "z", ANN, "Zoe")  # a named person who answered alike: another person?
    for name, hour in (("x", 12), ("y", 10), ("z", 11)):
        completed(f"answers/{name}.json", f"2026-12-01T{hour}:00:00+00:00")
    result = run("combine", "answers", "--output", "c.json")
    assert result.exit_code == 0
    assert result.stderr.startswith("Counted once: answers/x.json replaces answers/y.json (the same answers, note "
                                    "for note;")
    assert result.stderr.splitlines()[1].endswith("if two people answered alike, add --keep-duplicates")
    assert result.stderr.count("Counted once") == 2  # Zoe's file too: one of them gave no name
    assert read_json("c.json")["respondents"] == 1
    assert run("combine", "answers", "--output", "k.json", "--keep-duplicates").exit_code == 0
    assert read_json("k.json")["respondents"] == 3


def test_a_copy_of_a_file_counts_once_even_with_keep_duplicates(run, workdir, folder):
    member(run, workdir, "a", ANN, "Ann")
    shutil.copy("answers/a.json", "answers/a-copy.json")
    result = run("combine", "answers", "--output", "c.json", "--keep-duplicates")
    assert result.stderr.splitlines()[0] == "Counted once: answers/a.json is the same response as answers/a-copy.json"
    assert read_json("c.json")["respondents"] == 1


# --- only members' own answers ---------------------------------------------------------------------

def test_a_folder_holding_votes_an_agreed_file_and_a_combined_file_is_refused_naming_each(run, workdir, folder):
    member(run, workdir, "a", ANN, "Ann")
    member(run, workdir, "b", BOB, "Bob")
    assert run("combine", "answers", "--output", "answers/c.json").exit_code == 0
    for kind in ("voted", "agreed"):
        data = read_json("answers/a.json")
        data.update(kind=kind, response_id=f"00000000-0000-4000-8000-00000000000{len(kind)}")
        Path(f"answers/{kind}.json").write_text(json.dumps(data))
    result = run("combine", "answers", "--output", "new.json")
    assert result.exit_code == 4
    assert result.stderr == ("combine takes each member's own answers only, and these are not: answers/agreed.json "
                             "(the answers a board agreed); answers/c.json (a combined file); answers/voted.json (a "
                             "room's votes). Leave them out (move them to another folder, or name the files to "
                             "combine), so nobody is counted twice.\n")
    assert not Path("new.json").exists()


def test_last_years_file_in_this_years_folder_is_named(run, workdir, folder):
    member(run, workdir, "a", ANN, "Ann")
    member(run, workdir, "b", BOB, "Bob")
    member(run, workdir, "old", CAROL, "Carol")
    completed("answers/old.json", "2025-11-20T10:00:00+00:00")
    result = run("combine", "answers", "--output", "c.json")
    assert result.exit_code == 0
    line = result.stderr.splitlines()[0]
    assert line.startswith("Check answers/old.json: answered on 20 Nov 2025, more than 30 days from the rest "
                           "(around ")
    assert line.endswith("last year's answers? It is counted: take it out and combine again if it should not be.")
    assert read_json("c.json")["respondents"] == 3


# --- names at the ends of the spread ---------------------------------------------------------------

def test_names_stay_with_answers_unless_the_person_chose_anonymity(run, workdir, folder):
    member(run, workdir, "a", ANN, "Ann")
    member(run, workdir, "b", BOB)  # no --respondent: anonymous, and no note: no voice
    form_file(workdir, "c.json", CAROL, "Carol", anonymous=True)
    scored(run, "c.json", "answers/c.json")
    assert read_json("answers/c.json")["anonymous"] is True
    assert run("combine", "answers", "--output", "all.json").exit_code == 0
    voices = read_json("all.json")["distributions"]["users-met"]["voices"]
    assert voices == [{"respondent": "Ann", "answer": "never", "label": "Never", "note": None}]
    assert run("combine", "answers", "--output", "anon.json", "--anonymous").exit_code == 0
    assert read_json("anon.json")["distributions"]["users-met"]["voices"] == []


def test_anonymous_keeps_notes_without_names(run, workdir, folder):
    (workdir / "n.yaml").write_text("respondent: Chief nurse\nanswers:\n  users-met: {option: often, note: Two "
                                    "teams do}\n  users-heard: rarely\n  skills-train: often\n  data-shared: often\n"
                                    "  data-safe: 'no'\n")
    assert run("assess", "--bank", "ws.yaml", "--answers", "n.yaml", "-o", "answers/n.json").exit_code == 0
    assert run("combine", "answers", "--output", "c.json", "--anonymous").exit_code == 0
    assert read_json("c.json")["distributions"]["users-met"]["voices"] == [
        {"respondent": None, "answer": "often", "label": "Often", "note": "Two teams do"}]


def test_names_without_notes_are_bounded_per_answer(run, workdir, folder):
    from goodlooks.workshop.combine import MAX_NAMES_PER_ANSWER

    template = read_json(member(run, workdir, "p", ANN, "Person"))
    for number in range(MAX_NAMES_PER_ANSWER + 3):
        template.update(respondent=f"Person {number}", response_id=f"00000000-0000-4000-8000-{number:012d}")
        template["answers"]["users-heard"]["note"] = "why" if number == 14 else None
        Path(f"answers/p{number:02d}.json").write_text(json.dumps(template))
    report = combine([Path("answers")], options=None)
    voices = report.results.distributions["users-met"].voices
    assert len(voices) == MAX_NAMES_PER_ANSWER
    heard = report.results.distributions["users-heard"].voices
    assert len(heard) == MAX_NAMES_PER_ANSWER + 1 and heard[-1].note == "why"
