"""The board paper in Markdown: reads well on a Git host, in a wiki or a blog post. Drawn from
`templates/report/board-paper.md`; every piece of text from a file is Markdown-escaped there."""

from __future__ import annotations

from goodlooks.report.content import Report
from goodlooks.report.templating import markdown_environment


class MarkdownFormat:
    many = False

    def render(self, reports: list[Report]) -> dict[str, str | bytes]:
        (report,) = reports
        text = markdown_environment().get_template("report/board-paper.md").render(r=report)
        return {"report.md": text}
