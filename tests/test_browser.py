"""The HTML report in a real browser: Debian's chromium, headless, prints it to PDF and to PNG
and reads back its DOM. `.ci/run` installs chromium and poppler-utils; on a machine without them
these tests are skipped, saying which program is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import browser
from report_data import workshop_files

MISSING = [name for name, found in (("chromium", browser.chromium()), ("pdftoppm", shutil.which("pdftoppm")),
                                    ("pdfinfo", shutil.which("pdfinfo"))) if not found]
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(MISSING)} "
                                "(.ci/run installs Debian's chromium and poppler-utils)")
BLANK = 0.002
"""A page with less ink than this (share of pixels not near white) counts as blank: two lines of
text and the footer, at 30 dpi, are 0.0036."""


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from goodlooks.cli.commands import app

    folder = tmp_path_factory.mktemp("browser")
    files = workshop_files(folder)
    html = folder / "report.html"
    result = CliRunner().invoke(app, ["report", str(files["combined"]), "--baseline", str(files["baseline"]),
                                      "--format", "html", "--output", str(html)])
    assert result.exit_code == 0, result.output
    return html


def test_the_screenshot_is_not_blank(page, tmp_path):
    png = tmp_path / "report.png"
    browser.screenshot(page, png, 1000, 1300)
    assert browser.png_size(png) == (1000, 1300)
    assert browser.png_ink(png) > 0.02


def test_it_prints_on_a4_with_nothing_blank(page, tmp_path):
    pdf = tmp_path / "report.pdf"
    browser.print_pdf(page, pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "pts (A4)" in info, info  # @page size: A4
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2
    subprocess.run(["pdftoppm", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    inks = [browser.ink(ppm) for ppm in sorted(tmp_path.glob("page-*.ppm"))]
    assert len(inks) == pages and min(inks) > BLANK, inks
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Board check" in text and "1.9 on a scale of 1 to 3" in text  # the overall result is on the first page


def test_the_dom_holds_the_chart_and_the_same_data_as_a_table(page):
    dom = browser.dump_dom(page)
    assert '<svg class="radar"' in dom and "<script" not in dom.lower()
    for series in ("now", "target", "baseline"):
        assert re.search(rf'<polygon class="{series}" points="[0-9., ]+"', dom), series
    table = dom.split('<table id="scores-table" class="stack">')[1].split("</table>")[0]
    rows = re.findall(r"<tr[ >].*?</tr>", table, re.S)
    assert len(rows) == 1 + 2 + 3 + 1  # header, two groups, three dimensions, overall
    for title, score in (("Users", "1.7"), ("Teams", "2.0"), ("Delivery", "2.0"), ("Overall", "1.9")):
        assert any(f">{title}</th>" in row and f">{score}</td>" in row for row in rows), title
    assert "Content-Security-Policy" in dom and "default-src 'none'" in dom
