"""The HTML report with its peers and history sections (issue 20) in a real browser: Debian's
chromium, headless, shows it, prints it and reads back its DOM. Skipped, saying which program is
missing, on a machine without chromium and poppler-utils (.ci/run installs them)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import browser
from standing_data import PEERS, peer_folder, slug, years_folder

MISSING = [name for name, found in (("chromium", browser.chromium()), ("pdftotext", shutil.which("pdftotext")))
           if not found]
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(MISSING)} "
                                "(.ci/run installs Debian's chromium and poppler-utils)")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    import os

    from typer.testing import CliRunner

    from goodlooks.cli.commands import app

    folder = tmp_path_factory.mktemp("standing")
    before = Path.cwd()
    os.chdir(folder)
    try:
        _own, peers = peer_folder(folder)
        years = years_folder(folder)
        result = CliRunner().invoke(app, ["report", str(years[-1]), "--peers", str(peers), "--history", "years",
                                          "--format", "html", "--output", "report.html"])
    finally:
        os.chdir(before)
    assert result.exit_code == 0, result.output
    return folder / "report.html"


def test_the_sections_render_and_are_not_blank(page, tmp_path):
    html = page.read_text(encoding="utf-8")
    sections = html[html.index('<h2 id="peers">'):html.index('<section class="appendix">')]
    alone = tmp_path / "sections.html"
    alone.write_text(re.sub(r"<main>.*</main>", lambda _: f"<main>{sections}</main>", html, flags=re.S),
                     encoding="utf-8")
    png = tmp_path / "sections.png"
    browser.screenshot(alone, png, 1000, 1400)
    assert browser.png_size(png) == (1000, 1400)
    assert browser.png_ink(png) > 0.02


def test_the_browser_builds_the_box_plot_and_a_line_chart_per_part(page):
    dom = browser.dump_dom(page)
    assert "<script" not in dom.lower()
    plot = dom.split('<svg class="peers"', 1)[1].split("</svg>", 1)[0]
    assert len(re.findall(r'<rect class="box"', plot)) == 3 and len(re.findall(r'<path class="own"', plot)) == 3
    assert len(re.findall(r'<svg class="history"', dom)) == 3
    assert len(re.findall(r'<polyline class="trend-line" points="[0-9., ]+"', dom)) == 3
    for name in PEERS:
        assert slug(name) not in dom.casefold()


def test_it_prints_with_both_sections(page, tmp_path):
    pdf = tmp_path / "report.pdf"
    browser.print_pdf(page, pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Among its peers" in text and "Over the years" in text
    assert "joint 5th of 12" in text and "Are teams kept together?" in text
