"""The HTML report: one self-contained file that opens offline. Inline CSS and inline SVG only:
no scripts, and a Content-Security-Policy that forbids loading anything. Drawn from
`templates/report/report.html`, with jinja2's autoescaping on every value."""

from __future__ import annotations

from goodlooks.report.content import Report
from goodlooks.report.radar import radar
from goodlooks.report.templating import environment


def _level_class(report: Report, name: str) -> int:
    """0 (red) to 4 (green): where the level sits among the bank's levels."""
    names = [level.name for level in report.levels]
    if name not in names or len(names) < 2:
        return 2
    return round(names.index(name) / (len(names) - 1) * 4)


class HtmlFormat:
    many = False

    def render(self, reports: list[Report]) -> dict[str, str | bytes]:
        (report,) = reports
        low, high = report.score_range
        text = environment().get_template("report/report.html").render(
            r=report, radar=radar(report), low=low, high=high,
            level_class=lambda name: _level_class(report, name))
        return {"report.html": text}
