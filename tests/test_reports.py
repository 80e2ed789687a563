"""`goodlooks report`: each format pinned by a snapshot of fixed results files, CSV read back to
the same numbers, hostile text escaped in every format, and the command's messages and exit codes.

Set GOODLOOKS_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a deliberate change, then read
the diff before committing it."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from goodlooks.results.store import load_results
from report_data import BANK, workshop_files

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return workshop_files(tmp_path)


def _matches_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("GOODLOOKS_UPDATE_SNAPSHOTS"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"{name} changed; see the module docstring"


def _report(run, *args: str) -> str:
    result = run("report", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_board_paper_matches_its_snapshot(run, files):
    text = _report(run, str(files["combined"]), "--baseline", str(files["baseline"]), "--format", "markdown")
    _matches_snapshot("report.md", text)


def test_the_html_report_matches_its_snapshot(run, files):
    text = _report(run, str(files["combined"]), "--baseline", str(files["baseline"]), "--format", "html")
    _matches_snapshot("report.html", text.replace(str(files["combined"].parent), "TMP"))


def test_the_csv_files_match_their_snapshots(run, files, tmp_path):
    out = tmp_path / "csv"
    result = run("report", *(str(files[n]) for n in ("people-1", "people-2", "people-3", "combined")),
                 "--format", "csv", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["answers.csv", "codebook.csv", "responses.csv"]
    for name in ("answers.csv", "responses.csv", "codebook.csv"):
        raw = (out / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name} has no byte-order mark"
        _matches_snapshot(name, raw.decode("utf-8"))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _number(cell: str) -> float | None:
    return None if cell == "" else float(cell)


def test_csv_reads_back_to_the_same_numbers(run, files, tmp_path):
    from goodlooks.results.store import carried_bank
    from goodlooks.scoring.scores import score

    names = ("people-1", "people-2", "people-3", "combined")
    out = tmp_path / "csv"
    assert run("report", *(str(files[n]) for n in names), "--format", "csv", "--output", str(out)).exit_code == 0
    answers, responses = _rows(out / "answers.csv"), _rows(out / "responses.csv")
    assert len(responses) == 4 and len(answers) == 4 * 5  # one row set: every answer of every file
    for name, row in zip(names, responses):
        results = load_results(files[name])
        sheet = score(carried_bank(results, files[name]), results.choices())
        assert row["response_id"] == str(results.response_id)
        assert _number(row["overall_score"]) == sheet.overall.shown
        for dimension_id, dimension in sheet.dimensions.items():
            assert _number(row[f"{dimension_id}_score"]) == dimension.shown
            assert row[f"{dimension_id}_level"] == (dimension.level or "")
        q = {part.question_id: part.normalised for d in sheet.dimensions.values() for part in d.parts}
        mine = [a for a in answers if a["response_id"] == str(results.response_id)]
        for line in mine:
            answer = results.answers.get(line["question_id"])
            assert line["status"] == (answer.status if answer else "unanswered")
            assert _number(line["score"]) == (answer.score if answer else None)
            assert _number(line["normalised"]) == q.get(line["question_id"])
            assert line["note"] == ((answer.note or "") if answer else "")
    codebook = _rows(out / "codebook.csv")
    assert len(codebook) == 5 * (3 + 2)  # once per bank version: three options, n/a and don't know
    assert {(r["option"], _number(r["score"]), _number(r["normalised"])) for r in codebook
            if r["question_id"] == "users-met"} == {("a", 1.0, 0.0), ("b", 2.0, 0.5), ("c", 3.0, 1.0),
                                                    ("not_applicable", None, None), ("dont_know", None, None)}


HOSTILE = '<script>alert("x")</script> \'q\' \x1b]0;owned\x07\x1b[31m ![i](http://e.invalid/i.png) =SUM(A1) a|b'
HOSTILE_YAML = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e").replace("\x07", "\\a")


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    text = (BANK.replace("title: Users\n", f'title: "Users {HOSTILE_YAML}"\n')
            .replace("label: Rarely,", f'label: "{HOSTILE_YAML}",')
            .replace("title: Board check", f'title: "Board {HOSTILE_YAML}"'))
    paths = workshop_files(tmp_path, text)
    for name in ("combined", "people-1"):
        data = paths[name].read_text(encoding="utf-8")
        data = data.replace("Two teams did research this year", HOSTILE.replace("\\", "\\\\").replace(
            '"', '\\"').replace("\x1b", "\\u001b").replace("\x07", "\\u0007"))
        paths[name].write_text(data, encoding="utf-8")
    return paths


def test_html_escapes_text_from_files(run, hostile):
    text = _report(run, str(hostile["combined"]), "--format", "html")
    assert "\x1b" not in text and "\x07" not in text
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &#39;q&#39; \\x1b]0;owned\\x07\\x1b[31m" in text
    assert text.count("&lt;script&gt;") >= 4  # bank title, dimension title, option label, a note
    assert '<img' not in text and "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'" in text


def test_markdown_escapes_text_from_files(run, hostile):
    text = _report(run, str(hostile["combined"]), "--format", "markdown")
    assert "\x1b" not in text and "\x07" not in text
    assert "<script>" not in text and "![i](" not in text
    assert r'\<script\>alert("x")\</script\> ' in text and r"!\[i\](http://e.invalid/i.png)" in text
    assert r"\\x1b\]0;owned\\x07\\x1b\[31m" in text
    tables = re.findall(r"(?:^\|.*\n)+", text, re.M)  # no cell breaks out of its table
    assert len(tables) >= 8
    for table in tables:
        cells = {len(re.findall(r"(?<!\\)\|", line)) for line in table.splitlines()}
        assert len(cells) == 1, table


def test_csv_neutralises_formulas_and_control_characters(run, hostile, tmp_path):
    out = tmp_path / "csv"
    assert run("report", str(hostile["people-1"]), "--format", "csv", "--output", str(out)).exit_code == 0
    raw = "".join((out / name).read_text(encoding="utf-8-sig") for name in ("answers.csv", "codebook.csv"))
    assert "\x1b" not in raw and "\x07" not in raw
    cells = [cell for name in ("answers.csv", "responses.csv", "codebook.csv")
             for row in csv.reader(io.StringIO((out / name).read_text(encoding="utf-8-sig"))) for cell in row]
    assert any("<script>" in cell for cell in cells)  # CSV is data: kept as typed, but made harmless
    for cell in cells:
        if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell.startswith("-") and not re.fullmatch(r"-[0-9.e+-]+", cell)):
            pytest.fail(f"a cell starts like a formula: {cell!r}")


def test_csv_cells_that_start_like_formulas_get_an_apostrophe():
    from goodlooks.report.escaping import csv_cell

    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", -1.5, 2, None)] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\\x0dx", "plain", -1.5, 2, None]


def test_markdown_text_cannot_start_a_block_or_open_markup():
    from goodlooks.report.escaping import markdown_text

    assert markdown_text("# Heading") == r"\# Heading"
    assert markdown_text("1. one") == r"1\. one"
    assert markdown_text("- item") == r"\- item"
    assert markdown_text("2.5 and -3") == "2.5 and -3"
    assert markdown_text("a | b\nc") == r"a \| b c"
    assert markdown_text("<b>*x*</b> [l](u) `c` $m$ &amp;") == r"\<b\>\*x\*\</b\> \[l\](u) \`c\` \$m\$ \&amp;"


def test_one_results_file_per_board_paper(run, files):
    result = run("report", str(files["people-1"]), str(files["people-2"]), "--format", "html")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "--format html makes one report from one results file, not 2; to report several people's answers "
        "together, combine them first: goodlooks combine FILES --output combined.json")


def test_csv_needs_a_folder(run, files):
    result = run("report", str(files["people-1"]), "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("--format csv writes three files (answers.csv, responses.csv, codebook.csv); "
                                     "name a folder for them with --output FOLDER")


def test_a_report_is_not_overwritten_without_force(run, files, tmp_path):
    target = tmp_path / "board.html"
    target.write_text("keep me")
    result = run("report", str(files["combined"]), "--format", "html", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{target} already exists; choose another --output, or add --force to overwrite"
    assert target.read_text() == "keep me"
    result = run("report", str(files["combined"]), "--format", "html", "--output", str(target), "--force")
    assert result.exit_code == 0 and result.stderr.strip() == f"Wrote {target}"
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_a_baseline_of_another_bank_is_refused(run, files, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(files["baseline"].read_text().replace('"id": "board-check"', '"id": "other-bank"'))
    result = run("report", str(files["combined"]), "--baseline", str(other))
    assert result.exit_code == 4
    assert result.stderr.strip() == (f"{other} answers bank 'other-bank' and {files['combined']} answers "
                                     "'board-check'; a baseline must answer the same bank")


def test_an_unknown_format_is_a_usage_error(run, files):
    result = run("report", str(files["combined"]), "--format", "odt")
    assert result.exit_code == 2
    assert "'odt' is not one of" in result.output


def test_every_kind_of_results_file_makes_every_report(run, files, tmp_path):
    for name in ("people-1", "combined", "baseline"):
        for chosen in ("markdown", "html"):
            text = _report(run, str(files[name]), "--format", chosen)
            assert "Board check" in text
    paper = _report(run, str(files["combined"]), "--format", "markdown")
    assert "## Where the board disagreed" in paper
    # every named member is named (issue 17: names stay with answers unless a member chose anonymity)
    assert "Three people (Chair, Chief nurse and Finance director) answered the questions on their own." in paper
    assert "Chief nurse (Rarely): “Only one ward was visited”" in paper


def test_the_results_file_names_dimensions_and_groups_by_title(files):
    results = load_results(files["people-1"])
    assert results.scores.dimensions["users"].title == "Users"
    assert results.scores.groups["work"].title == "Ways of working"


def test_a_bank_with_fewer_than_three_dimensions_has_a_table_but_no_radar(run, tmp_path):
    from goodlooks.results import store
    from report_data import answered, bank_source

    two = BANK.split("  - id: delivery\n")[0]
    loaded = bank_source(two)
    path = tmp_path / "two.json"
    store.save(answered(loaded, "Board", {"users-met": ("b", None), "teams-mixed": ("c", None)}, 5), path)
    page = _report(run, str(path), "--format", "html")
    assert '<svg class="radar"' not in page and '<table id="scores-table" class="stack">' in page
    assert "Partial result: these scores rest on 2 answers to 3 questions; 1 not answered yet." in page
