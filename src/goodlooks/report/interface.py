"""The one small interface every report format has: `render(reports) -> {file name: content}`.

Markdown, HTML, Word and PDF give one file from one results file (Word and PDF as bytes); CSV
gives three files (answers.csv, responses.csv, codebook.csv) holding every results file it was
given as one row set.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the command line imports this module for its choices; keep it light
    from goodlooks.report.content import Report


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    docx = "docx"
    pdf = "pdf"
    csv = "csv"


class Formatter(Protocol):
    many: bool
    """Whether it takes several results files at once (else exactly one)."""

    def render(self, reports: list[Report]) -> dict[str, str | bytes]:
        """File name -> text, or bytes for a binary format."""
        ...


def formatter(chosen: ReportFormat) -> Formatter:
    """The formatter for `chosen`; jinja2, csv, python-docx and WeasyPrint are imported only
    here, when a report is made."""
    if chosen is ReportFormat.docx:
        from goodlooks.report.docx_format import DocxFormat

        return DocxFormat()
    if chosen is ReportFormat.pdf:
        from goodlooks.report.pdf_format import PdfFormat

        return PdfFormat()
    if chosen is ReportFormat.csv:
        from goodlooks.report.csv_format import CsvFormat

        return CsvFormat()
    if chosen is ReportFormat.html:
        from goodlooks.report.html_format import HtmlFormat

        return HtmlFormat()
    from goodlooks.report.markdown_format import MarkdownFormat

    return MarkdownFormat()
