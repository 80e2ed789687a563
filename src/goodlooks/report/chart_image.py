"""The radar chart as a PNG picture, for the Word paper: drawn with Pillow from the same geometry
(`goodlooks.report.radar`) the HTML report draws as SVG, so the two charts agree line for line.

Pillow, not an SVG renderer: it installs from PyPI as a wheel with nothing else to install
(CairoSVG needs the system's cairo library, and a browser is not a library), and the chart is
a few polygons, lines and words. It is drawn at four times the size and scaled down, which
smooths its edges; the text uses the font that ships inside Pillow, so the picture is the same
on every machine.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from goodlooks.base.safe_text import terminal_text
from goodlooks.report.radar import RING_FONT, Radar

DRAW = 3
"""Drawn at this many times the SVG's size..."""
KEEP = 2
"""...and kept at this many times: 1440 pixels wide, sharp at 15 cm in Word."""
LEGEND = 40
"""px (SVG units) below the chart for the legend."""
INK, MUTED, LINE = (29, 35, 38), (90, 101, 107), (213, 218, 221)
COLOURS = {"now": (0, 94, 184), "target": (122, 79, 1), "baseline": (138, 143, 148)}
NOW_FILL = (0, 94, 184, 56)
DASHES = {"target": (6, 4), "baseline": (2, 3)}


def _font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size * DRAW)


def _scaled(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(x * DRAW, y * DRAW) for x, y in points]


def _dashed(draw: ImageDraw.ImageDraw, points: Sequence[tuple[float, float]], colour: tuple[int, int, int],
            width: float, dash: tuple[float, float]) -> None:
    """A closed dashed line through `points` (Pillow draws only solid lines)."""
    on, off = dash[0] * DRAW, dash[1] * DRAW
    corners = _scaled(points)
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]):
        length = math.hypot(x2 - x1, y2 - y1)
        at = 0.0
        while at < length:
            end = min(at + on, length)
            start_f, end_f = at / length, end / length
            draw.line([(x1 + (x2 - x1) * start_f, y1 + (y2 - y1) * start_f),
                       (x1 + (x2 - x1) * end_f, y1 + (y2 - y1) * end_f)], fill=colour, width=round(width * DRAW))
            at = end + off


def _axis_labels(draw: ImageDraw.ImageDraw, chart: Radar) -> None:
    font = _font(14)
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for label in chart.labels:
        for n, line in enumerate(label.lines):
            draw.text((label.x * DRAW, (label.y + 16 * n) * DRAW), terminal_text(line), fill=INK, font=font,
                      anchor=anchors[label.anchor])


def _legend(draw: ImageDraw.ImageDraw, chart: Radar) -> None:
    font = _font(13)
    entries = list(reversed(chart.series))
    widths = [30 + draw.textlength(terminal_text(s.name), font=font) / DRAW + 24 for s in entries]
    x = (chart.width - sum(widths)) / 2
    y = chart.height + LEGEND / 2
    for series, width in zip(entries, widths):
        line = [(x, y), (x + 24, y)]
        if series.css in DASHES:
            _open_dashed(draw, line, COLOURS[series.css], DASHES[series.css])
        else:
            draw.line(_scaled(line), fill=COLOURS[series.css], width=3 * DRAW)
        draw.text(((x + 30) * DRAW, y * DRAW), terminal_text(series.name), fill=INK, font=font, anchor="lm")
        x += width


def _open_dashed(draw: ImageDraw.ImageDraw, line: list[tuple[float, float]], colour: tuple[int, int, int],
                 dash: tuple[float, float]) -> None:
    (x1, y), (x2, _) = line
    at = x1
    while at < x2:
        draw.line(_scaled([(at, y), (min(at + dash[0], x2), y)]), fill=colour, width=2 * DRAW)
        at += dash[0] + dash[1]


def radar_png(chart: Radar) -> bytes:
    """The chart, with its legend under it, as PNG bytes."""
    size = (chart.width * DRAW, (chart.height + LEGEND) * DRAW)
    image = Image.new("RGBA", size, (255, 255, 255, 255))
    draw = ImageDraw.Draw(image)
    for ring in chart.rings:
        draw.polygon(_scaled(ring.corners), outline=LINE, width=DRAW)
    for x1, y1, x2, y2 in chart.spokes:
        draw.line(_scaled([(x1, y1), (x2, y2)]), fill=LINE, width=DRAW)
    ring_font = _font(RING_FONT)
    for ring in chart.rings:
        if ring.label is not None:
            left, top, right, bottom = ring.label.box
            draw.rectangle([left * DRAW, top * DRAW, right * DRAW, bottom * DRAW], fill=(255, 255, 255))
            draw.text(((left + right) / 2 * DRAW, (top + bottom) / 2 * DRAW), terminal_text(ring.name),
                      fill=MUTED, font=ring_font, anchor="mm")
    for series in chart.series:
        if series.css == "now":
            layer = Image.new("RGBA", size, (0, 0, 0, 0))
            ImageDraw.Draw(layer).polygon(_scaled(series.corners), fill=NOW_FILL)
            image.alpha_composite(layer)
            draw = ImageDraw.Draw(image)
            corners = _scaled(series.corners)
            draw.line(corners + corners[:1], fill=COLOURS["now"], width=round(2.5 * DRAW), joint="curve")
            for x, y in series.dots:
                r = 3.5 * DRAW
                draw.ellipse([x * DRAW - r, y * DRAW - r, x * DRAW + r, y * DRAW + r], fill=COLOURS["now"])
        else:
            _dashed(draw, series.corners, COLOURS[series.css], 2, DASHES[series.css])
    _axis_labels(draw, chart)
    _legend(draw, chart)
    kept = image.convert("RGB").resize((chart.width * KEEP, (chart.height + LEGEND) * KEEP), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    kept.save(out, format="PNG", dpi=(96 * KEEP, 96 * KEEP), optimize=True)
    return out.getvalue()
