"""Finding the day's files (issue 17): `assess --resume` alone looks here and one folder down
(the README's recipe keeps files in answers/ and next to it, not only in goodlooks-results/) and
always says which file it resumes; `goodlooks list` looks in the same places and marks the files
combine would count once; names are never broken inside a word at 80 columns."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from goodlooks.assessment import newest_unfinished
from test_workshop_duplicates import SESSION, form_file
from test_workshop_support import ANN, BOB, copy_banks, make_results, plain, read_json

ENTER = "\r"


def _stamp(path: str | Path, when: str) -> None:
    data = read_json(path)
    data["updated_at"] = when
    Path(path).write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def day(run, workdir):
    """An older anonymous interview in goodlooks-results/ and a newer one, the medical director's,
    in answers/ (3 of 5 answered, saved at 14:02 today)."""
    copy_banks(workdir)
    for folder in ("goodlooks-results", "answers"):
        (workdir / folder).mkdir()
    make_results(run, workdir, "old", {"users-met": "never"})
    shutil.move("old.json", "goodlooks-results/old.json")
    _stamp("goodlooks-results/old.json", "2026-11-20T09:00:00+00:00")
    make_results(run, workdir, "md", {"users-met": "often", "users-heard": "often", "data-safe": "yes"},
                 "Medical director")
    shutil.move("md.json", "answers/md.json")
    from goodlooks.results.model import now

    today = now().replace(hour=14, minute=2, second=0)
    _stamp("answers/md.json", today.isoformat())
    return workdir


def test_resume_alone_finds_the_newest_unfinished_file_in_a_folder_here(day):
    assert newest_unfinished() == Path("answers/md.json")


def test_resume_alone_says_which_file_it_resumes(run, keys, day):
    # each question: its first option, how it is known skipped, no note; then finish, no targets
    keys.send_text("1" + ENTER + ENTER + ENTER + "1" + ENTER + ENTER + ENTER + ENTER + ENTER)
    result = run("assess", "--resume")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == ("Resuming answers/md.json: Medical director, 3 of 5 answered, "
                                             "saved 14:02")
    assert read_json("answers/md.json")["status"] == "complete"
    assert read_json("goodlooks-results/old.json")["status"] == "in_progress"


def test_resume_of_a_named_file_says_so_too(run, keys, day):
    keys.send_text("\x03")
    result = run("assess", "--resume", "goodlooks-results/old.json")
    assert result.exit_code == 130
    assert re.fullmatch(r"Resuming goodlooks-results/old\.json: Anonymous, 1 of 5 answered, saved 2[01] Nov "
                        r"(2026 )?\d\d:\d\d", result.stderr.splitlines()[0]), result.stderr


def test_nothing_to_resume_says_where_it_looked(run, workdir):
    result = run("assess", "--resume")
    assert (result.exit_code, result.stderr) == (2, "no unfinished results here or in the folders here to carry "
                                                    "on with; start one with: goodlooks assess, or name the "
                                                    "file: goodlooks assess --resume FILE\n")


def test_list_marks_the_files_combine_would_count_once(run, workdir):
    copy_banks(workdir)
    (workdir / "answers").mkdir()
    for save, minute in ((1, "02"), (2, "09")):
        form_file(workdir, f"cdo-{save}.json", ANN, "Chief digital officer", save=save,
                  saved_at=f"2026-12-01T14:{minute}:00Z")
        assert run("assess", "--bank", "ws.yaml", "--answers", f"cdo-{save}.json", "-o",
                   f"answers/cdo-{save}.json").exit_code == 0
    make_results(run, workdir, "bob", BOB, "Bob")
    shutil.move("bob.json", "answers/bob.json")
    lines = plain(run("list", "answers").stdout)
    row = next(line for line in lines if line.startswith("cdo-1.json"))
    assert " replaced 5/5 " in row
    assert next(line for line in lines if line.startswith("cdo-2.json")).split()[4] == "complete"
    at = lines.index("Replaced: combine counts one response per person, the later save.")
    assert lines[at + 1] == "cdo-1.json by cdo-2.json (saved twice from one answers form)"
    assert SESSION in read_json("answers/cdo-1.json")["form"]["session"]


def test_at_80_columns_no_name_is_broken_inside_a_word(run, workdir):
    copy_banks(workdir)
    (workdir / "answers").mkdir()
    names = ["Interim Director of Transformation", "Non-executive director (audit)",
             "Chief Nurse and Director of Safeguarding"]
    for number, name in enumerate(names):
        make_results(run, workdir, f"p{number}", ANN if number != 1 else {"users-met": "never"}, name,
                     bank="ws.yaml" if number != 1 else "ws-2.yaml")
        shutil.move(f"p{number}.json", f"answers/answers-{re.sub('[^a-z]+', '-', name.lower())}-2026-12-01.json")
    lines = run("list", "answers").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    start, end = lines[0].index("Who"), lines[0].index("Status")
    words = {word for line in lines[1:] for word in line[start:end].split()}
    assert words == {word for name in names for word in name.split()}
