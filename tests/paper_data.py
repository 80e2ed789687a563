"""The board paper's test data: the README's example results, made from the files in
`examples/` exactly as the README says (the board's answers with targets, last year's answers,
the paper file), and the workshop's three members combined; and ways to read what a board
reads out of every format (Markdown, the HTML page's visible text, Word, PDF)."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from goodlooks.cli.commands import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PAPER = EXAMPLES / "paper.yaml"


def goodlooks(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def example_results(folder: Path) -> dict[str, Path]:
    """board.json (the example board, with targets), board-2025.json (last year) and the
    workshop's combined.json over three members' answers, with last-year.json beside it."""
    paths = {name: folder / f"{name}.json" for name in ("board", "board-2025", "combined", "last-year")}
    goodlooks("assess", "--answers", str(EXAMPLES / "board-2025-answers.yaml"), "--output", str(paths["board-2025"]))
    goodlooks("assess", "--answers", str(EXAMPLES / "board-answers.yaml"), "--targets",
              str(EXAMPLES / "board-targets.yaml"), "--output", str(paths["board"]))
    members = folder / "answers"
    members.mkdir()
    for person in ("chair", "chief-executive", "chief-nurse"):
        goodlooks("assess", "--only", "board-question", "--targets", str(EXAMPLES / "workshop" / "targets.yaml"),
                  "--answers", str(EXAMPLES / "workshop" / f"{person}.yaml"),
                  "--output", str(members / f"{person}.json"))
    goodlooks("assess", "--only", "board-question", "--answers", str(EXAMPLES / "workshop" / "last-year.yaml"),
              "--output", str(paths["last-year"]))
    goodlooks("combine", str(members), "--output", str(paths["combined"]))
    return paths


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page: no head, style, tags or attributes."""
    body = page.split("<body>", 1)[1]
    body = re.sub(r"<(style|script|title)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a Word file, in order, plus its headers and footers."""
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.footer.paragraphs] + [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def headings_of(page: str) -> list[str]:
    """The text of every h1, h2 and h3 of an HTML page."""
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())
            for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", page, re.S)]


def headings_ending_pages(pages: list[str], headings: list[str]) -> list[tuple[int, str]]:
    """(page number, heading) for each page whose last line of text is a heading (on one line, or
    wrapped onto two): a heading stranded at the foot of a page, away from what it heads."""
    found = []
    wanted = set(headings)
    for number, text in enumerate(pages[:-1], start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        for tail in (lines[-1:], lines[-2:]):
            if tail and " ".join(tail) in wanted:
                found.append((number, " ".join(tail)))
    return found
