"""The CSV formula guard (round three's unconfirmed question): a cell gets a leading apostrophe when
its first visible character is `= + - @`, a tab or a line break, or a fullwidth or small form of
them (`＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫`), also after invisible characters (a byte-order mark, zero-width
spaces and joiners, a soft hyphen). Text starting with a visible space or other letters is left
as it is.

Evidence: LibreOffice Calc 7.4, opening a CSV as a person would, starts a formula only at an
ASCII `=` (the last test, when Calc is installed, checks what goodlooks writes). Excel's and
Google Sheets' rules are not published and could not be run here; an input method turns the
fullwidth forms into ASCII as they are typed, so goodlooks treats them as formula starts too."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import TINY_BANK
from figures import record
from goodlooks.report.escaping import csv_cell, looks_like_formula

GUARDED = ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", "\t=1", "\r=1", "\n=1",
           "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(1,1)", "\ufe661+1", "\ufe621", "\ufe631", "\ufe6bSUM(1,1)",
           "\ufeff=1+1", "\u200b=1+1", "\u200c=1+1", "\u200d=1+1", "\u2060=1+1", "\u00ad=1+1", "\ufeff\u200b\uff1d1"]
LEFT = ["1+1", " =1+1", "\u00a0=1+1", "\u3000=1+1", "a=1", "\u22121+1", "\u20101", "%1", "'=1", "", "Two teams"]


@pytest.mark.parametrize("text", GUARDED)
def test_a_cell_that_could_start_a_formula_gets_an_apostrophe(text):
    assert looks_like_formula(text)
    assert str(csv_cell(text)).startswith("'")
    record("CSV cells checked by the formula guard")


@pytest.mark.parametrize("text", LEFT)
def test_other_text_is_left_as_it_is(text):
    assert not looks_like_formula(text)
    assert csv_cell(text) == text
    record("CSV cells checked by the formula guard")


def test_a_note_in_fullwidth_reaches_answers_csv_guarded(run, write, workdir):
    write(TINY_BANK)
    write(json.dumps({"respondent": "\ufeff=HYPERLINK(\"http://x\")",
                      "answers": {"users-met": {"option": "b", "note": "\uff1dHYPERLINK(\"http://x\",\"y\")"}}}),
          "answers.json")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.json", "--output", "r.json").exit_code == 0
    assert run("report", "r.json", "--format", "csv", "--output", "csv").exit_code == 0
    rows = list(csv.DictReader(io.StringIO((workdir / "csv" / "answers.csv").read_text(encoding="utf-8-sig"))))
    note = next(row["note"] for row in rows if row["question_id"] == "users-met")
    assert note == "'\uff1dHYPERLINK(\"http://x\",\"y\")"
    assert rows[0]["respondent"] == "'\ufeff=HYPERLINK(\"http://x\")"


def _calc() -> str | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    program = Path(soffice).resolve().parent
    return soffice if any(program.glob("libsc*lo.so")) or (program / "scalc").exists() else None


@pytest.mark.skipif(_calc() is None, reason="LibreOffice Calc is not installed (apt install libreoffice-calc-nogui)")
def test_libreoffice_opens_what_goodlooks_writes_as_text(tmp_path):
    """Every guarded and unguarded text, through goodlooks' cell escaping, opened by LibreOffice
    Calc as a CSV file: no cell becomes a formula. (Unescaped, the ASCII `=` cells do.)"""
    texts = GUARDED + LEFT + ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0"]
    for name, escape in (("escaped", csv_cell), ("raw", lambda text: text)):
        with open(tmp_path / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerows([[escape(text)] for text in texts])
        subprocess.run([_calc(), "--headless", "--norestore", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx",
                        "--outdir", str(tmp_path), str(tmp_path / f"{name}.csv")], check=True, timeout=180,
                       capture_output=True, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    formula = re.compile(r"<f[ >]")  # a cell's formula, in the sheet's XML
    with zipfile.ZipFile(tmp_path / "escaped.xlsx") as book:
        assert not formula.search(book.read("xl/worksheets/sheet1.xml").decode("utf-8"))
    with zipfile.ZipFile(tmp_path / "raw.xlsx") as book:
        assert len(formula.findall(book.read("xl/worksheets/sheet1.xml").decode("utf-8"))) == 3  # the test can tell
    record("CSV cells opened in LibreOffice Calc, none a formula")
