"""`goodlooks peers OWN PEERS...` (issue 20): for the overall score and each part, the own score,
the peers' median and quartiles (statistics.quantiles, inclusive method), the rank with ties,
the number of peers; no figure from fewer than five; one file per organisation; peers never named."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from goodlooks.results import store
from goodlooks.workshop.peers import Part, figures_of, rank_among, stand_in_part
from standing_data import OWN, PEER_BANK, PEER_SCORES, PEERS, loaded, peer_folder, results_of, slug
from test_workshop_support import plain


@pytest.fixture
def eleven(workdir):
    return peer_folder(workdir)


def _peers(run, *args: str):
    return run("peers", *args)


def test_eleven_peers_give_the_median_quartiles_and_rank_worked_out_by_hand(run, eleven):
    own, peers = eleven
    result = _peers(run, str(own), str(peers), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["organisation"], data["peers"], data["min_peers"], data["withheld"]) == (OWN, 11, 5, None)
    assert data["quartiles"] == 'statistics.quantiles(n=4, method="inclusive")'
    got = {p["part"]["id"]: p for p in data["parts"]}
    assert list(got) == ["overall", "users", "teams"]
    # users sorted: 0 1 1 2 2 2 3 3 4 4 4; inclusive quartiles at positions 2.5, 5, 7.5 of 0..10
    assert got["users"]["figures"] == {"median": 2, "lower_quartile": 1.5, "upper_quartile": 3.5,
                                       "lowest": 0, "highest": 4}
    assert (got["users"]["own"], got["users"]["rank"]) == (2, {"place": 6, "of": 12, "tied": 3})
    assert got["users"]["rank_text"] == "joint 6th of 12 (level with 3 peers)"
    # teams sorted: 0 .5 1 1.5 2 2.5 2.5 3 3 4 4; own 3.5 is below only the two 4s
    assert got["teams"]["figures"] == {"median": 2.5, "lower_quartile": 1.25, "upper_quartile": 3,
                                       "lowest": 0, "highest": 4}
    assert (got["teams"]["own"], got["teams"]["rank_text"]) == (3.5, "3rd of 12")
    # overall sorted: 0 .75 1 1.75 2 2.25 2.75 3 3.5 4 4; own 2.75 is level with one peer
    assert got["overall"]["figures"] == {"median": 2.25, "lower_quartile": 1.375, "upper_quartile": 3.25,
                                         "lowest": 0, "highest": 4}
    assert got["overall"]["rank_text"] == "joint 5th of 12 (level with 1 peer)"
    assert all(p["peers"] == 11 and p["withheld"] is None for p in data["parts"])


@pytest.mark.parametrize("part", ["overall", "users", "teams"])
def test_the_figures_are_statistics_quantiles_with_the_inclusive_method(run, eleven, part):
    own, peers = eleven
    data = json.loads(_peers(run, str(own), str(peers), "--format", "json").stdout)
    figures = next(p["figures"] for p in data["parts"] if p["part"]["id"] == part)
    lower, median, upper = statistics.quantiles(PEER_SCORES[part], n=4, method="inclusive")
    assert (figures["lower_quartile"], figures["median"], figures["upper_quartile"]) == pytest.approx(
        (lower, median, upper))
    assert figures["median"] == pytest.approx(statistics.median(PEER_SCORES[part]))
    assert statistics.quantiles(PEER_SCORES[part], n=4) != [lower, median, upper]  # the method matters here


def test_the_text_shows_each_part_with_its_rank_and_says_how_the_figures_are_made(run, eleven):
    own, peers = eleven
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout)
    assert lines[0].startswith("Where Northam Trust stands among its peers ─")
    assert lines[1] == "Peer check, version 2 · 11 peers"
    at = lines.index("Part Score Median Middle half Rank")
    assert lines[at + 1:at + 4] == ["Overall 2.75 2.25 1.38–3.25 joint 5th of 12",
                                    "Users 2.00 2.00 1.50–3.50 joint 6th of 12",
                                    "Teams 3.50 2.50 1.25–3.00 3rd of 12"]
    text = " ".join(lines)
    assert 'statistics.quantiles(n=4, method="inclusive")' in text
    assert "equal scores share a place (joint)" in text
    assert "Peers are never named, and no figure is shown from fewer than 5 of them." in text


def test_four_peers_give_no_peer_figure_and_say_why(run, workdir):
    own, peers = peer_folder(workdir, count=4)
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 0, result.stderr
    lines = plain(result.stdout)
    assert "4 peers: no peer figures are shown from fewer than 5, because in a small group the figures would " \
           "let a board work out a peer's own scores (--min-peers N sets the threshold)." in " ".join(lines)
    at = lines.index("Part Score")
    assert lines[at + 1:at + 4] == ["Overall 2.75", "Users 2.00", "Teams 3.50"]
    assert "Median" not in result.stdout and "of 5" not in result.stdout
    data = json.loads(_peers(run, str(own), str(peers), "--format", "json").stdout)
    assert data["withheld"].startswith("4 peers: no peer figures are shown from fewer than 5")
    assert all(p["figures"] is None and p["rank"] is None for p in data["parts"])
    assert [p["own"] for p in data["parts"]] == [2.75, 2, 3.5]


def test_min_peers_sets_the_threshold_and_is_at_least_two(run, workdir):
    own, peers = peer_folder(workdir, count=4)
    data = json.loads(_peers(run, str(own), str(peers), "--min-peers", "4", "--format", "json").stdout)
    assert data["withheld"] is None
    users = data["parts"][1]  # users of the first four peers: 0 1 1 2
    assert users["figures"]["median"] == 1 and users["rank_text"] == "joint 1st of 5 (level with 1 peer)"
    refused = _peers(run, str(own), str(peers), "--min-peers", "1")
    assert refused.exit_code == 2
    assert "--min-peers must be 2 or more (quartiles need two scores), not 1" in refused.stderr


def test_a_part_with_too_few_peers_scored_is_withheld_alone(run, workdir):
    own, peers = peer_folder(workdir, count=6)
    bank = loaded()
    for name in PEERS[:2]:  # two peers answer the teams questions "not applicable"
        path = peers / f"{slug(name)}-agreed.json"
        results = store.load_results(path)
        store.save(results_of(bank, {"users-met": "1", "teams-mixed": "not_applicable",
                                     "teams-kept": "not_applicable"}, results.response_id.int, name), path)
    data = json.loads(_peers(run, str(own), str(peers), "--format", "json").stdout)
    teams = data["parts"][2]
    assert (teams["peers"], teams["figures"], teams["withheld"]) == (4, None, "4 peers scored here, fewer than 5")
    assert data["parts"][1]["figures"] is not None and data["parts"][1]["peers"] == 6
    lines = plain(_peers(run, str(own), str(peers)).stdout)
    assert "Teams 3.50 * – 4 *" in lines
    assert "* Withheld: fewer than 5 peers have a score in Teams (4) (in a small group the figures would give " \
           "a peer's score away)." in " ".join(lines)


def test_the_own_file_among_the_peers_is_not_counted_twice(run, eleven):
    own, peers = eleven
    (peers / "northam.json").write_bytes(own.read_bytes())  # a copy, as an ICS folder holds every trust
    data = json.loads(_peers(run, str(peers / "northam.json"), str(peers), "--format", "json").stdout)
    assert data["peers"] == 11
    again = json.loads(_peers(run, str(own), str(peers), str(peers / PEERS_FILE), "--format", "json").stdout)
    assert again["peers"] == 11  # a peer named and in its folder counts once


PEERS_FILE = "ashdown-agreed.json"


def test_a_second_file_of_one_organisation_is_refused_by_name(run, eleven):
    own, peers = eleven
    bank = loaded()
    store.save(results_of(bank, {"users-met": "4", "teams-mixed": "4", "teams-kept": "4"}, 99, "  brackley   TRUST"),
               peers / "brackley-2025.json")  # another spelling of Brackley Trust
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 4
    assert result.stderr.strip() == (f"{peers / 'brackley-2025.json'} and {peers / 'brackley-agreed.json'} are both "
                                     "'Brackley Trust'; give each organisation's results once (its agreed "
                                     "answers, or its single results file)")


def test_another_file_of_the_own_organisation_is_refused_by_name(run, eleven):
    own, peers = eleven
    store.save(results_of(loaded(), {"users-met": "1", "teams-mixed": "1", "teams-kept": "1"}, 98, OWN),
               peers / "northam-2025.json")
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 4
    assert f"{peers / 'northam-2025.json'} is 'Northam Trust' too, the organisation of {own}" in result.stderr


def test_files_without_an_organisation_are_refused_saying_how_to_set_it(run, eleven):
    own, peers = eleven
    store.save(results_of(loaded(), {"users-met": "1"}, 97, None), peers / "unnamed.json")
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 4
    assert result.stderr.startswith(f"{peers / 'unnamed.json'} does not say which organisation's results it holds")
    assert "goodlooks assess --organisation NAME" in result.stderr
    assert 'write the name in, as "organisation": "NAME", where it says "organisation": null' in result.stderr
    # the hand edits the message describes are enough: in a file of today, and in one made before
    path = peers / "unnamed.json"
    text = path.read_text(encoding="utf-8")
    assert '"organisation": null' in text
    path.write_text(text.replace('"organisation": null', '"organisation": "Lastly Trust"'), encoding="utf-8")
    older = peers / "older.json"
    text = store.results_json(results_of(loaded(), {"users-met": "2"}, 90, None))
    text = text.replace('  "organisation": null,\n', "")
    assert '"organisation"' not in text
    older.write_text(text.replace("{\n", '{\n  "organisation": "Earlier Trust",\n', 1), encoding="utf-8")
    data = json.loads(_peers(run, str(own), str(peers), "--format", "json").stdout)
    assert data["peers"] == 13


def test_the_own_file_without_an_organisation_is_refused(run, eleven):
    _own, peers = eleven
    store.save(results_of(loaded(), {"users-met": "1"}, 96, None), Path("mine.json"))
    result = _peers(run, "mine.json", str(peers))
    assert result.exit_code == 4
    assert result.stderr.startswith("mine.json does not say which organisation's results it holds")


def test_another_bank_version_or_id_is_refused_by_name(run, eleven):
    own, peers = eleven
    old = loaded(PEER_BANK.replace('version: "2"', 'version: "1"'))
    store.save(results_of(old, {"users-met": "1"}, 95, "Old Trust"), peers / "old.json")
    other = loaded(PEER_BANK.replace("id: peer-check", "id: other-check"))
    store.save(results_of(other, {"users-met": "1"}, 94, "Other Trust"), peers / "other.json")
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 4
    assert result.stderr.strip() == (
        f"{own} answers 'peer-check' version 2, and peers must answer the same bank and version; these answer "
        f"another: 'peer-check' version 1: {peers / 'old.json'}; 'other-check' version 2: {peers / 'other.json'}. "
        "To follow one organisation across versions: goodlooks trend")


def test_combined_and_unfinished_files_are_refused_by_name(run, eleven):
    own, peers = eleven
    store.save(results_of(loaded(), {"users-met": "1"}, 93, "Mixed Trust", kind="combined"), peers / "mixed.json")
    store.save(results_of(loaded(), {"users-met": "1"}, 92, "Slow Trust", complete=False), peers / "slow.json")
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert lines == [f"{peers / 'mixed.json'} is several people's answers combined, not an organisation's own: "
                     "agree them first (goodlooks assess --consensus FILE) and give the agreed file",
                     f"{peers / 'slow.json'} is still in progress; peers are compared on finished results: "
                     "finish them first (goodlooks assess --resume FILE)"]


def test_a_file_that_asked_other_questions_is_refused(run, eleven):
    own, peers = eleven
    results = results_of(loaded(), {"users-met": "1"}, 91, "Short Trust")
    results.scope = ["users"]
    store.save(results, peers / "short.json")
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 4
    assert f"{own} asked every question, and peers must have asked the same questions; these did not: " \
           f"{peers / 'short.json'} (only users)" in result.stderr


def test_no_peers_at_all_is_a_usage_error(run, workdir):
    own, peers = peer_folder(workdir, count=0)
    result = _peers(run, str(own), str(peers))
    assert result.exit_code == 2
    assert "no results files (*.json) in" in result.stderr


def test_rank_and_figures_by_hand():
    assert rank_among(3, [1, 2, 4, 5]).text() == "3rd of 5"
    assert rank_among(2, [2, 2, 3]).text() == "joint 2nd of 4 (level with 2 peers)"
    assert rank_among(5, [1, 2]).text() == "1st of 3"
    assert rank_among(0.1 + 0.2, [0.3]).tied == 1  # equal to six decimals is equal
    figures = figures_of([1, 2, 3, 4, 5])
    assert (figures.lower_quartile, figures.median, figures.upper_quartile) == (2, 3, 4)
    standing = stand_in_part(Part("users", "Users"), None, None, [1, 2, 3, 4, 5])
    assert standing.figures is not None and standing.rank is None  # not scored itself: no rank
    assert stand_in_part(Part("users", "Users"), 2, None, [1, None, 3, 4, 5]).withheld == \
        "4 peers scored here, fewer than 5"
