"""The board paper as a PDF on A4, for circulating: the HTML report laid out by WeasyPrint with its
print style (the front sheet on a page of its own, headings kept with what follows them, table
header rows repeated). WeasyPrint is the optional `pdf` extra (`pip install 'goodlooks[pdf]'`);
without it, or without the Pango library it draws text with, the command says so in one line.

WeasyPrint is told to fetch nothing: the page holds everything it shows, and a file name or
address in a bank or a note must not make goodlooks read a file or reach the network.
"""

from __future__ import annotations

import logging
from typing import Any

from goodlooks.base.errors import UsageError
from goodlooks.report.content import Report
from goodlooks.report.html_format import HtmlFormat

EXTRA = "pip install 'goodlooks[pdf]'"


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]
    except ImportError:
        raise UsageError(f"--format pdf needs WeasyPrint, the pdf extra: {EXTRA}") from None
    except OSError as error:  # WeasyPrint is there, the Pango library it loads is not
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UsageError(f"--format pdf needs the Pango library that WeasyPrint draws text with ({first}); on "
                         "Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0") from None
    return weasyprint


def pdf_from_html(html: str) -> bytes:
    weasyprint = _weasyprint()
    fetch_nothing = weasyprint.urls.URLFetcher(allowed_protocols=())
    quiet = logging.getLogger("weasyprint")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # it warns of CSS it does not know (screen-only rules); nothing to act on
    try:
        return weasyprint.HTML(string=html, url_fetcher=fetch_nothing, media_type="print").write_pdf()
    finally:
        quiet.setLevel(level)


class PdfFormat:
    many = False

    def render(self, reports: list[Report]) -> dict[str, str | bytes]:
        html = HtmlFormat().render(reports)["report.html"]
        assert isinstance(html, str)
        return {"board-paper.pdf": pdf_from_html(html)}
