"""The HTML report's four faults seen in a workshop (issue 17), each checked as a reader meets it:
printed to PDF by Chromium, no heading is left at the foot of a page; on a phone, nothing scrolls
sideways; on the radar, no series line crosses a ring's name; and no heading names a file, nor
does the appendix tell the board to run a command. On the README's example files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import browser
from form_browser import LOCAL_ONLY, axe_violations, missing_browser, start_chromium
from paper_data import example_results, goodlooks, headings_ending_pages, headings_of, pdf_pages, visible_text

NO_CHROMIUM = missing_browser()
needs_chromium = pytest.mark.skipif(NO_CHROMIUM is not None, reason=NO_CHROMIUM or "")
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
"""A phone's screen, in CSS pixels (an iPhone 12 to 15)."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("faults")
    files = example_results(folder)
    made = {}
    for name, now, before in (("board", "board", "board-2025"), ("workshop", "combined", "last-year")):
        made[name] = folder / f"{name}.html"
        goodlooks("report", str(files[now]), "--baseline", str(files[before]), "--format", "html",
                  "--output", str(made[name]))
    return made


@needs_chromium
@pytest.mark.parametrize("name", ["board", "workshop"])
def test_printed_no_heading_is_left_at_the_foot_of_a_page(pages, name, tmp_path):
    pdf = tmp_path / "report.pdf"
    browser.print_pdf(pages[name], pdf)
    text = pdf_pages(pdf)
    assert len(text) >= 3
    assert headings_ending_pages(text, headings_of(pages[name].read_text(encoding="utf-8"))) == []


@needs_chromium
@LOCAL_ONLY
@pytest.mark.parametrize("name", ["board", "workshop"])
def test_on_a_phone_nothing_scrolls_sideways(pages, name, tmp_path):
    driver = start_chromium(tmp_path)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        driver.get(pages[name].as_uri())
        width = driver.execute_script("return window.innerWidth")
        assert width == PHONE["width"]
        assert driver.execute_script("return document.documentElement.scrollWidth") <= width
        wider = driver.execute_script(
            "return Array.from(document.querySelectorAll('table, figure, svg, ol, ul, p, h1, h2, h3, dl'))"
            ".filter(function (e) { return e.getBoundingClientRect().right > window.innerWidth + 0.5"
            " || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'; })"
            ".map(function (e) { return e.tagName + '#' + e.id + '.' + e.className; })")
        assert wider == []
        cells = driver.execute_script(  # each score is still under its column's name
            "return Array.from(document.querySelectorAll('#scores-table tbody tr:first-child td[data-label]'))"
            ".map(function (td) { return getComputedStyle(td, '::before').content; })")
        assert cells[:2] == ['"Score: "', '"Level: "']
        serious = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        driver.quit()


def _ring_names(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each ring's name and the box its letters take (11px text: at most 0.6em a letter)."""
    found = []
    for attributes, name in re.findall(r'<text class="ring-label" ([^>]*)>([^<]*)</text>', svg):
        x = float(re.search(r'\bx="([\d.]+)"', attributes).group(1))
        y = float(re.search(r'\by="([\d.]+)"', attributes).group(1))
        anchor = (re.search(r'text-anchor="(\w+)"', attributes) or [None, "start"])[1]
        width = len(name) * 11 * 0.55
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        found.append((name, (left, y - 8.5, left + width, y + 1)))  # cap height to baseline
    return found


def _crosses(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> bool:
    left, top, right, bottom = box
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) * 4))
        for i in range(steps + 1):
            x, y = x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps
            if left <= x <= right and top <= y <= bottom:
                return True
    return False


@pytest.mark.parametrize("name", ["board", "workshop"])
def test_on_the_radar_no_line_crosses_the_name_of_a_ring(pages, name):
    page = pages[name].read_text(encoding="utf-8")
    svg = page.split('<svg class="radar"')[1].split("</svg>")[0]
    names = _ring_names(svg)
    assert len(names) >= 2, names  # most rings are named
    for series in ("now", "target", "baseline"):
        points = re.search(rf'<polygon class="{series}" points="([^"]+)"', svg).group(1)
        corners = [tuple(map(float, pair.split(","))) for pair in points.split()]
        for ring, box in names:
            assert not _crosses(corners, box), (series, ring)


def test_no_heading_names_a_file_and_no_part_tells_the_board_to_run_a_command(pages):
    for path in pages.values():
        page = path.read_text(encoding="utf-8")
        for heading in headings_of(page):
            assert not re.search(r"\.json\b|\.ya?ml\b", heading), heading
        assert not re.search(r"\bgoodlooks\s+[a-z]+\b.*?(FILE|--)", visible_text(page)), path.name
    board = pages["board"].read_text(encoding="utf-8")
    assert '<h2 id="change">Change since the November 2025 assessment' in board  # last year's: by the month
