"""`goodlooks trend FILE...` (issue 20): the overall score and each part over the years in date
order, the change each time, the targets set, and assessments on different bank versions
compared on the questions they share (each rescored by goodlooks.scoring), the rest named."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import pytest

from goodlooks.results import store
from goodlooks.workshop.trend import labels
from standing_data import OLD_BANK, OWN, PEER_BANK, loaded, results_of, years_folder
from test_workshop_support import plain


@pytest.fixture
def years(workdir):
    return years_folder(workdir)


def _trend(run, *args: str):
    return run("trend", *args)


def test_four_years_one_on_an_older_version_give_the_trend_on_the_shared_questions(run, years):
    scrambled = [str(years[i]) for i in (2, 0, 3, 1)]
    result = _trend(run, *scrambled, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [o["label"] for o in data["occasions"]] == ["2023", "2024", "2025", "2026"]
    assert [o["bank_version"] for o in data["occasions"]] == ["1", "2", "2", "2"]
    assert data["versions"] == ["1", "2"] and data["organisation"] == OWN
    assert data["shared"] == 2
    parts = {p["part"]["id"]: p["points"] for p in data["parts"]}
    assert list(parts) == ["overall", "users", "teams"]
    assert [(p["score"], p["change"], p["level"]) for p in parts["overall"]] == [
        (0.5, None, "Starting"), (1.5, 1.0, "Starting"), (2.5, 1.0, "Growing"), (3.0, 0.5, "Leading")]
    assert [(p["score"], p["change"], p["target"]) for p in parts["users"]] == [
        (1, None, None), (2, 1, None), (2, 0, 3.0), (3, 1, 3.5)]
    assert [(p["score"], p["change"], p["target"]) for p in parts["teams"]] == [
        (0, None, None), (1, 1, None), (3, 2, 3.0), (3, 0, None)]
    assert data["left_out"] == [{"question": "teams-kept", "text": "Are teams kept together?",
                                 "missing": [{"assessment": "2023", "why": "not in version 1"}]}]
    assert [p["first_to_last"] for p in data["parts"]] == [2.5, 2, 3]


def test_the_text_gives_scores_changes_targets_and_the_questions_left_out(run, years):
    result = _trend(run, *(str(path) for path in years))
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout)
    assert lines[:3] == ["Northam Trust over the years ─" + lines[0].split("─", 1)[1],
                         "4 assessments of Peer check (versions 1 and 2), 2023 to 2026",
                         "Overall 0.50 Starting (2023) → 3.00 Leading (2026): ↑ +2.50"]
    at = lines.index("Scores")
    assert lines[at + 1:at + 5] == ["Part 2023 2024 2025 2026", "Overall 0.50 1.50 2.50 3.00",
                                    "Users 1.00 2.00 2.00 3.00", "Teams 0.00 1.00 3.00 3.00"]
    at = lines.index("Change since the assessment before")
    assert lines[at + 1:at + 5] == ["Part →2024 →2025 →2026", "Overall +1.00 +1.00 +0.50",
                                    "Users +1.00 +0.00 +1.00", "Teams +1.00 +2.00 +0.00"]
    at = lines.index("Targets set at each assessment (for the year after)")
    assert lines[at + 1:at + 4] == ["Part 2023 2024 2025 2026", "Users – – 3.00 3.50", "Teams – – 3.00 –"]
    at = lines.index("The assessments")
    assert lines[at + 1] == "2023: years/northam-2023.json, completed 2 Mar 2023, agreed, version 1"
    text = " ".join(lines)
    assert "Compared on the 2 questions every assessment asked, so these scores can differ from each " \
           "assessment's own profile; 1 question left out:" in text
    assert "- teams-kept “Are teams kept together?”: not in version 1 (2023)" in text


def test_the_newest_file_is_rescored_on_the_shared_questions_not_its_profile(run, years):
    own_profile = store.load_results(years[-1]).scores
    assert (own_profile.overall.score, own_profile.dimensions["teams"].score) == (2.75, 2.5)
    data = json.loads(_trend(run, *(str(p) for p in years), "--format", "json").stdout)
    assert data["parts"][0]["points"][-1]["score"] == 3.0  # teams-kept (2) left out: teams 3


def test_one_bank_version_gives_each_profile_s_own_scores(run, years):
    data = json.loads(_trend(run, *(str(p) for p in years[1:]), "--format", "json").stdout)
    assert data["left_out"] == [] and data["shared"] == 3
    for path, overall in zip(years[1:], data["parts"][0]["points"]):
        assert overall["score"] == store.load_results(path).scores.overall.score
    text = " ".join(plain(_trend(run, *(str(p) for p in years[1:])).stdout))
    assert "Every assessment asked the same 3 questions, so these are the scores each profile shows." in text


def test_a_folder_is_read_in_date_order_whatever_the_names(run, workdir, years):
    shutil.move(years[0], years[0].with_name("z-oldest.json"))
    data = json.loads(_trend(run, "years", "--format", "json").stdout)
    assert [o["file"] for o in data["occasions"]] == ["years/z-oldest.json", "years/northam-2024.json",
                                                      "years/northam-2025.json", "years/northam-2026.json"]


def test_rescoring_follows_the_bank_s_own_rules(run, workdir):
    """The trend scores with goodlooks.scoring: a bank that scores a part by its weakest answer
    gives the weakest answer, not a mean worked out here."""
    weakest = PEER_BANK.replace('version: "2"', 'version: "2"\nscoring: weakest')
    paths = []
    for year, answers in ((2024, {"users-met": "1", "teams-mixed": "4", "teams-kept": "1"}),
                          (2025, {"users-met": "2", "teams-mixed": "3", "teams-kept": "2"})):
        paths.append(workdir / f"w-{year}.json")
        store.save(results_of(loaded(weakest), answers, year, OWN, datetime(year, 3, 2, tzinfo=UTC)),
                   paths[-1])
    data = json.loads(_trend(run, *(str(p) for p in paths), "--format", "json").stdout)
    assert [p["score"] for p in data["parts"][2]["points"]] == [1, 2]


def test_the_same_assessment_twice_counts_once_and_is_said(run, years):
    copy = years[0].with_name("copy-of-2023.json")
    shutil.copy(years[0], copy)
    result = _trend(run, "years", str(years[1]), "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["occasions"]) == 4
    assert result.stderr.strip() == "Counted once: years/northam-2023.json is the same assessment as " \
                                    "years/copy-of-2023.json"


def test_one_file_is_not_a_trend(run, years):
    result = _trend(run, str(years[0]))
    assert result.exit_code == 2
    assert result.stderr.strip() == ("a trend needs two or more assessments of one organisation (three or more "
                                     "show a line), and only one was given; to see one: goodlooks profile FILE")


def test_another_bank_is_refused_by_name(run, years, workdir):
    other = workdir / "other.json"
    store.save(results_of(loaded(OLD_BANK.replace("id: peer-check", "id: other")), {"users-met": "1"}, 5, OWN),
               other)
    result = _trend(run, *(str(p) for p in years), "other.json")
    assert result.exit_code == 4
    assert result.stderr.strip() == ("years/northam-2026.json answers bank 'peer-check', and these another: "
                                     "other.json ('other'). A trend follows one bank (any of its versions)")


def test_another_organisation_is_refused_by_name(run, years, workdir):
    store.save(results_of(loaded(), {"users-met": "1"}, 6, "Southam Trust",
                          datetime(2022, 1, 1, tzinfo=UTC)), workdir / "southam.json")
    result = _trend(run, *(str(p) for p in years), "southam.json")
    assert result.exit_code == 4
    assert result.stderr.strip() == ("these files are of different organisations: years/northam-2026.json "
                                     "('Northam Trust'); southam.json ('Southam Trust'). A trend follows one "
                                     "organisation; to set one beside others: goodlooks peers")


def test_unfinished_files_are_refused_by_name(run, years, workdir):
    store.save(results_of(loaded(), {"users-met": "1"}, 7, OWN, complete=False), workdir / "draft.json")
    result = _trend(run, *(str(p) for p in years), "draft.json")
    assert result.exit_code == 4
    assert result.stderr.startswith("draft.json is still in progress; a trend follows finished results")


def test_labels_say_as_little_as_tells_the_assessments_apart():
    day = lambda y, m, d, h=9: datetime(y, m, d, h, tzinfo=UTC)  # noqa: E731
    assert labels([day(2024, 3, 1), day(2025, 3, 1)]) == ["2024", "2025"]
    assert labels([day(2025, 3, 1), day(2025, 9, 1)]) == ["Mar 2025", "Sep 2025"]
    assert labels([day(2025, 3, 1), day(2025, 3, 9)]) == ["1 Mar 2025", "9 Mar 2025"]
    assert labels([day(2025, 3, 1, 9), day(2025, 3, 1, 14)]) == ["1 Mar 2025 09:00", "1 Mar 2025 14:00"]


def test_a_shorter_assessment_is_compared_on_what_it_asked_and_the_rest_named(run, years):
    short = store.load_results(years[2])
    short.scope = ["users"]
    store.save(short, years[2])
    data = json.loads(_trend(run, "years", "--format", "json").stdout)
    assert data["shared"] == 1  # users-met: no teams question was asked every time, so Teams is left out too
    assert [p["part"]["id"] for p in data["parts"]] == ["overall", "users"]
    assert [p["score"] for p in data["parts"][0]["points"]] == [1, 2, 2, 3]  # users alone
    left_out = [(item["question"], [(m["assessment"], m["why"]) for m in item["missing"]]) for item in data["left_out"]]
    assert left_out == [
        ("teams-mixed", [("2025", "not asked")]),
        ("teams-kept", [("2023", "not in version 1"), ("2025", "not asked")])]
    text = " ".join(plain(_trend(run, "years").stdout))
    assert "- teams-kept “Are teams kept together?”: not in version 1 (2023); not asked (2025)" in text


def test_peers_and_a_baseline_go_together_in_one_report(run, years, workdir):
    from standing_data import peer_folder

    _own, peers = peer_folder(workdir)
    result = run("report", str(years[-1]), "--baseline", str(years[-2]), "--peers", str(peers), "--history", "years")
    assert result.exit_code == 0, result.stderr
    assert "## Change since" in result.stdout and "## Among its peers" in result.stdout
    assert "## Over the years" in result.stdout


ROUNDING_BANK = PEER_BANK.replace(
    'version: "2"', 'version: "2"\nscore_range: [0, 4]').replace(
    "    - {key: \"4\", label: All, score: 4}\n",
    "    - {key: \"4\", label: All, score: 4}\n    - {key: hi, label: Near 3, score: 2.976}\n"
    "    - {key: lo, label: Near 2, score: 2.214}\n")


def test_the_text_shows_the_change_of_the_scores_as_shown_and_json_keeps_full_precision(run, workdir):
    """2.976 → 2.214 is shown 2.98 → 2.21, so the change shown is -0.77 (not -0.76, the unrounded
    difference, which would not agree with the figures beside it)."""
    bank = loaded(ROUNDING_BANK)
    for year, key in ((2022, "hi"), (2026, "lo")):
        answers = {"users-met": key, "teams-mixed": key, "teams-kept": key}
        store.save(results_of(bank, answers, year, OWN, datetime(year, 3, 2, tzinfo=UTC)),
                   workdir / f"north-{year}.json")
    result = _trend(run, "north-2022.json", "north-2026.json")
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout)
    assert "Overall 2.98 Growing (2022) → 2.21 Growing (2026): ↓ -0.77" in lines
    at = lines.index("Change since the assessment before")
    assert lines[at + 2] == "Overall -0.77"
    data = json.loads(_trend(run, "north-2022.json", "north-2026.json", "--format", "json").stdout)
    assert data["parts"][0]["points"][1]["change"] == pytest.approx(2.214 - 2.976)
