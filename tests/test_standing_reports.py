"""`goodlooks report FILE --peers FOLDER --history FILE...` (issue 20): the peers and the years in
the board paper (tables), the HTML report (a box plot and line charts, inline SVG, no scripts)
and CSV (peers.csv and history.csv, long); and nowhere, in any output, a peer's name or file."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from goodlooks.results import store
from standing_data import OWN, PEERS, loaded, peer_folder, results_of, slug, years_folder


@pytest.fixture
def ics(workdir):
    """peers/ (eleven organisations), northam.json, and years/northam-2023..2026.json."""
    own, peers = peer_folder(workdir)
    years = years_folder(workdir)
    return own, peers, years


def _report(run, *args: str) -> str:
    result = run("report", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_the_paper_gives_the_peers_and_the_years_as_tables(run, ics):
    _own, peers, years = ics
    text = _report(run, str(years[-1]), "--peers", str(peers), "--history", "years")
    assert "| Organisation | Northam Trust |" in text  # on the front sheet
    section = text.split("## Among its peers", 1)[1].split("## Over the years", 1)[0]
    assert "Northam Trust beside 11 other organisations answering Peer check version 2. The peers are never " \
           "named." in section
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    # northam-2026 answers users 3, teams (3 + 2) / 2 = 2.5, overall 2.75
    assert rows == [
        "| Part | Score | Level | Median | Middle half | Range | Rank | Peers |",
        "| **Overall** | 2.8 | Growing | 2.3 | 1.4–3.3 | 0.0–4.0 | joint 5th of 12 (level with 1 peer) | 11 |",
        "| Users | 3.0 | Leading | 2.0 | 1.5–3.5 | 0.0–4.0 | joint 4th of 12 (level with 2 peers) | 11 |",
        "| Teams | 2.5 | Growing | 2.5 | 1.3–3.0 | 0.0–4.0 | joint 5th of 12 (level with 2 peers) | 11 |"]
    assert 'statistics.quantiles(n=4, method="inclusive")' in section
    years_part = text.split("## Over the years", 1)[1].split("## Appendix A", 1)[0]
    rows = [line for line in years_part.splitlines() if line.startswith("| ")]
    assert rows[:4] == ["| Part | 2023 | 2024 | 2025 | 2026 |",
                        "| **Overall** | 0.5 | 1.5 (+1.0) | 2.5 (+1.0) | 3.0 (+0.5) |",
                        "| Users | 1.0 | 2.0 (+1.0) | 2.0 (0.0) | 3.0 (+1.0) |",
                        "| Teams | 0.0 | 1.0 (+1.0) | 3.0 (+2.0) | 3.0 (0.0) |"]
    assert rows[4:] == ["| Part | 2023 | 2024 | 2025 | 2026 |", "| Users | – | – | 3.0 | 3.5 |",
                        "| Teams | – | – | 3.0 | – |"]
    assert "- `teams-kept` “Are teams kept together?”: not in version 1 (2023)" in years_part


def test_the_html_report_draws_a_box_plot_and_a_line_chart_per_part(run, ics):
    _own, peers, years = ics
    html = _report(run, str(years[-1]), "--peers", str(peers), "--history", str(years[0]), "--history",
                   str(years[1]), "--history", str(years[2]), "--format", "html")
    assert "<script" not in html.lower()
    plot = html.split('<svg class="peers"', 1)[1].split("</svg>", 1)[0]
    assert len(re.findall(r'<rect class="box" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="14"/>', plot)) == 3
    assert len(re.findall(r'<line class="median"', plot)) == 3
    own_marks = r'<path class="own" d="M[\d.]+,[\d.]+ l8,8 l-8,8 l-8,-8 z"><title>Northam Trust: '
    assert len(re.findall(own_marks, plot)) == 3
    assert list(re.findall(r'<text class="band-label"[^>]*>([^<]+)</text>', plot)) == [
        "Starting", "Growing", "Leading"]
    charts = re.findall(r'<svg class="history" role="img" aria-label="([^"]+)"', html)
    assert charts == ["Overall over the years: 2023 0.5, 2024 1.5, 2025 2.5, 2026 3.0. The table below holds "
                      "the same numbers.",
                      "Users over the years: 2023 1.0, 2024 2.0, 2025 2.0, 2026 3.0. The table below holds the "
                      "same numbers.",
                      "Teams over the years: 2023 0.0, 2024 1.0, 2025 3.0, 2026 3.0. The table below holds the "
                      "same numbers."]
    assert html.count('<polyline class="trend-line"') == 3
    assert html.count('<line class="target-step"') == 3  # users 2025 and 2026, teams 2025
    table = html.split('<table id="peers-table">', 1)[1].split("</table>", 1)[0]
    assert '<td class="rank">joint 5th of 12<br><span class="change">level with 1 peer</span></td>' in table


def test_csv_gets_the_peer_summary_and_the_history_as_long_tables(run, ics, tmp_path):
    _own, peers, years = ics
    out = tmp_path / "csv"
    result = run("report", str(years[-1]), "--peers", str(peers), "--history", "years", "--format", "csv",
                 "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["answers.csv", "codebook.csv", "history.csv", "peers.csv",
                                                     "responses.csv"]
    rows = _csv(out / "peers.csv")
    assert [(r["part_id"], r["score"], r["median"], r["lower_quartile"], r["upper_quartile"], r["rank"], r["of"],
             r["level_with"], r["peers"]) for r in rows] == [
        ("overall", "2.75", "2.25", "1.375", "3.25", "5", "12", "1", "11"),
        ("users", "3.0", "2.0", "1.5", "3.5", "4", "12", "2", "11"),
        ("teams", "2.5", "2.5", "1.25", "3.0", "5", "12", "2", "11")]
    assert {r["organisation"] for r in rows} == {OWN}
    history = _csv(out / "history.csv")
    assert len(history) == 4 * 3
    assert [(r["assessment"], r["score"], r["change"], r["target"]) for r in history if r["part_id"] == "users"] == [
        ("2023", "1.0", "", ""), ("2024", "2.0", "1.0", ""), ("2025", "2.0", "0.0", "3.0"),
        ("2026", "3.0", "1.0", "3.5")]
    assert {r["questions_compared"] for r in history} == {"2"}
    assert _csv(out / "answers.csv")[0]["organisation"] == OWN


def test_fewer_than_five_peers_show_no_figure_in_any_report(run, workdir, tmp_path):
    own, peers = peer_folder(workdir, count=4)
    html = _report(run, str(own), "--peers", str(peers), "--format", "html")
    assert '<svg class="peers"' not in html
    assert "4 peers: no peer figures are shown from fewer than 5, because in a small group the figures would let " \
           "a board work out a peer&#39;s own scores." in html
    paper = _report(run, str(own), "--peers", str(peers))
    assert "> **4 peers: no peer figures are shown from fewer than 5" in paper
    assert "Median" not in paper.split("## Among its peers")[1].split("## Appendix A")[0]
    out = tmp_path / "few"
    assert run("report", str(own), "--peers", str(peers), "--format", "csv", "--output", str(out)).exit_code == 0
    rows = _csv(out / "peers.csv")
    assert {r["median"] for r in rows} == {""} and {r["rank"] for r in rows} == {""}
    assert rows[0]["withheld"].startswith("4 peers: no peer figures are shown")


def test_peers_are_never_named_in_any_output(run, ics, tmp_path):
    own, peers, _years = ics
    outputs = {
        "peers text": run("peers", str(own), str(peers)).stdout,
        "peers json": run("peers", str(own), str(peers), "--format", "json").stdout,
        "paper": _report(run, str(own), "--peers", str(peers)),
        "html": _report(run, str(own), "--peers", str(peers), "--format", "html"),
    }
    assert run("report", str(own), "--peers", str(peers), "--format", "csv", "--output", str(tmp_path / "c")
               ).exit_code == 0
    outputs.update({f"csv {p.name}": p.read_text(encoding="utf-8-sig") for p in (tmp_path / "c").iterdir()})
    few = peer_folder(tmp_path, count=4)
    outputs["four peers"] = run("peers", str(few[0]), str(few[1]), "--format", "json").stdout
    for name in PEERS:
        for needle in (name, slug(name), f"{slug(name)}-agreed", str(peers)):
            for what, text in outputs.items():
                assert needle.casefold() not in text.casefold(), (needle, what)
    assert all(OWN in text for what, text in outputs.items() if what != "csv codebook.csv"), \
        [what for what, text in outputs.items() if OWN not in text]


def test_the_organisation_s_name_is_escaped_in_every_format(run, workdir, tmp_path):
    own, peers = peer_folder(workdir, count=5)
    hostile = '=HYPERLINK("x") <b>Bold</b> [link](http://x) \x1b[31m'
    results = store.load_results(own)
    results.organisation = hostile
    store.save(results, own)
    html = _report(run, str(own), "--peers", str(peers), "--format", "html")
    assert "<b>Bold" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html and "\x1b" not in html
    paper = _report(run, str(own), "--peers", str(peers))
    assert "\\<b\\>Bold" in paper and "\\[link\\]" in paper and "<b>" not in paper
    assert run("report", str(own), "--peers", str(peers), "--format", "csv", "--output", str(tmp_path / "c")
               ).exit_code == 0
    assert _csv(tmp_path / "c" / "peers.csv")[0]["organisation"].startswith("'=HYPERLINK")
    text = run("peers", str(own), str(peers)).stdout
    assert "\x1b" not in text and "\\x1b[31m" in text


def test_peers_and_history_take_one_results_file(run, ics):
    own, peers, years = ics
    result = run("report", str(years[0]), str(years[1]), "--history", "years", "--format", "csv", "--output", "x")
    assert result.exit_code == 2
    assert result.stderr.startswith("--history report on one organisation's results file, not 2")
    result = run("report", str(own), "--format", "csv", "--peers", str(peers))
    assert result.exit_code == 2
    assert "writes four files (answers.csv, responses.csv, codebook.csv, peers.csv)" in result.stderr


def test_the_history_counts_the_report_s_own_file_once(run, ics):
    _own, _peers, years = ics
    text = _report(run, str(years[-1]), "--history", "years")  # years/ holds the file itself
    assert "4 assessments of Peer check by Northam Trust, 2023 to 2026" in text


def test_report_refuses_peers_of_another_bank_version(run, ics):
    _own, peers, years = ics
    result = run("report", str(years[0]), "--peers", str(peers))
    assert result.exit_code == 4
    assert result.stderr.startswith(f"{years[0]} answers 'peer-check' version 1, and peers must answer the same bank")


def test_peers_json_holds_no_file_names(run, ics):
    own, peers, _years = ics
    data = json.loads(run("peers", str(own), str(peers), "--format", "json").stdout)
    assert set(data) == {"organisation", "bank_id", "bank_version", "bank_title", "peers", "min_peers",
                         "score_range", "levels", "parts", "withheld", "quartiles"}
    assert store.load_results(own).organisation == OWN and results_of(loaded(), {}, 1, None).organisation is None
