"""When answers were given: an answers file's `answered_on`, else the form's `saved_at`, dates the
results `assess --answers` makes (their start, completion and each answer), so last year's
answers are last year's in compare, the paper, combine and list. A future, unreadable or
impossible date is refused, located (exit 4); a form saved by a device whose clock was ahead is
taken as now, with a notice."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from conftest import EXAMPLES, TINY_BANK
from goodlooks.results.answered import parse_answered_on


@pytest.fixture
def bank(write):
    return write(TINY_BANK)


def _assess(run, name: str, output: str = "r.json"):
    return run("assess", "--bank", "bank.yaml", "--answers", name, "--output", output)


def _times(workdir, output: str = "r.json") -> tuple[datetime, datetime | None, list[datetime]]:
    data = json.loads((workdir / output).read_text())
    completed = data["completed_at"] and datetime.fromisoformat(data["completed_at"])
    return (datetime.fromisoformat(data["started_at"]), completed,
            [datetime.fromisoformat(a["answered_at"]) for a in data["answers"].values()])


def test_a_date_dates_the_results_by_that_day(run, write, bank, workdir):
    write("respondent: Board\nanswered_on: 2025-11-20\nanswers: {users-met: a, users-heard: n}\n", "a.yaml")
    result = _assess(run, "a.yaml")
    assert result.exit_code == 0, result.output
    started, completed, answered = _times(workdir)
    assert started == completed and {started} == set(answered)
    assert f"{started:%Y-%m-%d %H:%M}" == "2025-11-20 12:00"  # midday local time: the same day anywhere near
    assert started.utcoffset() is not None
    assert "Board · completed 20 Nov 2025 12:00" in result.stdout
    data = json.loads((workdir / "r.json").read_text())
    assert datetime.fromisoformat(data["updated_at"]) > started  # when the file was made stays true


def test_a_date_and_time_with_an_offset_is_that_moment_and_without_one_local_time(run, write, bank, workdir):
    write('{"answered_on": "2025-11-20T09:30:00+05:30", "answers": {"users-met": "a"}}', "a.json")
    assert _assess(run, "a.json").exit_code == 0
    started, completed, _ = _times(workdir)
    assert started == datetime(2025, 11, 20, 4, 0, tzinfo=UTC) and completed is None  # one unanswered
    write("answered_on: 2025-11-20T09:30\nanswers: {users-met: a}\n", "b.yaml")
    assert _assess(run, "b.yaml", "b.json").exit_code == 0
    assert _times(workdir, "b.json")[0] == datetime(2025, 11, 20, 9, 30).astimezone()


def test_today_is_not_the_future(run, write, bank, workdir):
    today = datetime.now().astimezone()
    write(f"answered_on: {today:%Y-%m-%d}\nanswers: {{users-met: a, users-heard: n}}\n", "a.yaml")
    assert _assess(run, "a.yaml").exit_code == 0
    started, _, _ = _times(workdir)
    assert started.date() == today.date() and started <= datetime.now().astimezone()


@pytest.mark.parametrize(("value", "expected"), [
    ("2999-01-01", "'answered_on' is 2999-01-01, after today ("),
    ("2999-01-01T10:00Z", "'answered_on' is 2999-01-01T10:00Z, later than now ("),
    ("2025-02-30", "'answered_on' is '2025-02-30', which is not a date; give the date the answers were given, "
                   "as 2025-11-20, or a date and time"),
    ("20 November 2025", "'answered_on' is '20 November 2025', which is not a date;"),
    ("1969-12-31", "'answered_on' is 1969-12-31, before 1970;"),
    ("[2025-11-20]", "'answered_on' must be the date the answers were given, as 2025-11-20"),
])
def test_a_wrong_date_is_refused_where_it_is_written(run, write, bank, workdir, value, expected):
    write(f"respondent: Sam\nanswered_on: {value}\nanswers: {{users-met: a}}\n", "a.yaml")
    result = _assess(run, "a.yaml")
    assert result.exit_code == 4
    first, last = result.stderr.splitlines()
    assert first.startswith(f"a.yaml:2:14: {expected}"), first
    assert last == "1 problem in a.yaml; fix them and run again."
    assert "Traceback" not in result.output and not (workdir / "r.json").exists()


def test_a_time_a_little_ahead_of_this_clock_is_not_the_future():
    now = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    assert parse_answered_on("2026-12-03T15:05:00Z", now) == datetime(2026, 12, 3, 15, 5, tzinfo=UTC)
    with pytest.raises(ValueError, match="later than now"):
        parse_answered_on("2026-12-03T16:00:00Z", now)


def _form_file(write, saved_at: str, extra: str = "") -> None:
    write('{"respondent": "Finance director", "answers": {"users-met": "a", "users-heard": "n"}, '
          f'"form": {{"session": "abcdefgh-1234", "save": 1, "saved_at": "{saved_at}"}}{extra}}}', "f.json")


def test_a_form_file_is_dated_by_when_it_was_saved(run, write, bank, workdir):
    _form_file(write, "2026-11-30T09:12:40.512Z")
    assert _assess(run, "f.json").exit_code == 0
    started, completed, answered = _times(workdir)
    assert started == completed == datetime(2026, 11, 30, 9, 12, 40, tzinfo=UTC) and {started} == set(answered)


def test_answered_on_wins_over_the_form_s_save_time(run, write, bank, workdir):
    _form_file(write, "2026-11-30T09:12:40Z", ', "answered_on": "2026-11-02"')
    assert _assess(run, "f.json").exit_code == 0
    assert f"{_times(workdir)[0]:%Y-%m-%d %H:%M}" == "2026-11-02 12:00"


def test_a_form_saved_by_a_clock_that_was_ahead_is_taken_as_now_and_said(run, write, bank, workdir):
    ahead = datetime.now(UTC) + timedelta(days=2)
    _form_file(write, f"{ahead:%Y-%m-%dT%H:%M:%S}Z")
    before = datetime.now(UTC).replace(microsecond=0)
    result = _assess(run, "f.json")
    assert result.exit_code == 0, result.output
    started, completed, _ = _times(workdir)
    assert before <= started == completed <= datetime.now(UTC)
    assert (f"f.json: the form says it was saved at {ahead.astimezone():%Y-%m-%d %H:%M}, which is later than "
            "now (the clock of the device it was filled in on was wrong?); the results say they were answered "
            "now. To give the date, add answered_on: YYYY-MM-DD to the file.") in result.stderr


def test_the_example_baselines_are_last_year_s_in_the_paper_and_in_list(run, workdir):
    """The README's flows: last year's answers give "the November 2025 assessment", and `list`
    keeps this year's board file, not last year's, when both are made in the same second."""
    assert run("assess", "--answers", str(EXAMPLES / "board-2025-answers.yaml"), "--output",
               "board-2025.json").exit_code == 0
    assert run("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--targets",
               str(EXAMPLES / "board-targets.yaml"), "--output", "board.json").exit_code == 0
    paper = run("report", "board.json", "--baseline", "board-2025.json")
    assert paper.exit_code == 0, paper.stderr
    assert "at the November 2025 assessment." in paper.stdout
    listed = run("list")
    assert listed.exit_code == 0, listed.stderr
    assert "board-2025.json by board.json (both are 'Example trust board'" in listed.stdout
    assert run("assess", "--only", "board-question", "--answers", str(EXAMPLES / "workshop" / "last-year.yaml"),
               "--output", "last-year.json").exit_code == 0
    last_year = json.loads((workdir / "last-year.json").read_text())
    assert last_year["completed_at"].startswith("2025-11-26T12:00:00")
