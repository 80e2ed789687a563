"""The board paper in Word and as a PDF, opened as the board secretary's tools open them:
python-docx reads the Word file's styles and table flags, LibreOffice turns it into a PDF (where
LibreOffice is installed), and poppler reads the PDF's pages. WeasyPrint is in the test extra,
so CI makes PDFs; without it the command says which extra to install."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paper_data import PAPER, example_results, goodlooks, headings_ending_pages, headings_of, pdf_pages

POPPLER = [name for name in ("pdftotext", "pdfinfo") if not shutil.which(name)]
needs_poppler = pytest.mark.skipif(bool(POPPLER), reason=f"not installed: {', '.join(POPPLER)} "
                                   "(.ci/run installs poppler-utils)")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict[str, Path]:
    return example_results(tmp_path_factory.mktemp("examples"))


def _made(examples: dict[str, Path], folder: Path, chosen: str) -> Path:
    out = folder / f"paper.{chosen}"
    goodlooks("report", str(examples["board"]), "--baseline", str(examples["board-2025"]), "--paper", str(PAPER),
              "--format", chosen, "--output", str(out))
    return out


@pytest.fixture(scope="module")
def word(examples, tmp_path_factory) -> Path:
    return _made(examples, tmp_path_factory.mktemp("word"), "docx")


@pytest.fixture(scope="module")
def pdf(examples, tmp_path_factory) -> Path:
    pytest.importorskip("weasyprint", reason="the pdf extra is not installed (it is in the test extra)")
    return _made(examples, tmp_path_factory.mktemp("pdf"), "pdf")


def test_the_word_file_uses_words_own_heading_styles(word):
    import docx

    document = docx.Document(str(word))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert styles[0] == ("Title", "Digital maturity: the board's self-assessment")
    ones = [text for style, text in styles if style == "Heading 1"]
    assert ones[:6] == ["The board is asked to", "Summary", "Where this paper fits", "The priorities", "To find out",
                        "The story of the session"]
    assert {"Scores by part", "Change since the November 2025 assessment", "Appendix A: the other steps, by part",
            "Appendix B: method and levels", "Appendix C: every answer"} <= set(ones)
    twos = [text for style, text in styles if style == "Heading 2"]
    assert "Five priorities proposed" in twos and "A board that enables its teams" in twos
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_every_table_with_a_header_row_marks_it_to_repeat_on_each_page(word):
    import docx

    document = docx.Document(str(word))
    assert len(document.tables) >= 12
    grids = list(document.element.body.iter(f"{W}tbl"))  # the flag python-docx has no call for, in its XML
    assert len(grids) == len(document.tables)
    for table, grid in zip(document.tables, grids):
        first = grid.find(f"{W}tr").find(f"{W}trPr")
        headed = first is not None and first.find(f"{W}tblHeader") is not None
        facts = table.cell(0, 0).text in ("Organisation", "Board assurance framework")
        assert headed != facts, table.cell(0, 0).text  # the front sheet's facts have no header row
    priorities = next(t for t in document.tables if t.cell(0, 1).text == "Priority")
    assert [c.text for c in priorities.rows[0].cells] == ["#", "Priority", "Part", "Where the part stands", "Owner",
                                                          "By (quarter)"]
    assert priorities.cell(1, 4).text == "Chair" and priorities.cell(2, 5).text == "Q4 2026/27"
    assert priorities.cell(1, 3).text == "Far: 0.8 to go"
    run = priorities.cell(1, 3).paragraphs[0].runs[0]
    assert run.bold and str(run.font.color.rgb) == "B3261E"  # a word and a colour


def test_the_word_file_holds_the_radar_as_a_picture_with_words_for_it(word):
    import docx

    document = docx.Document(str(word))
    assert len(document.inline_shapes) == 1
    picture = document.inline_shapes[0]
    assert round(picture.width.cm) == 15
    described = [d.get("descr") for d in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert described == ["Radar chart of the scores of each part; the table after it holds the same numbers."]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed, so the Word file is not "
                    "converted; python-docx's checks above still ran")
@needs_poppler
def test_libreoffice_opens_the_word_file_with_the_front_sheet_on_page_one(word, tmp_path):
    profile = tmp_path / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(word)], capture_output=True, text=True, timeout=240, check=True)
    pages = pdf_pages(tmp_path / "paper.pdf")
    info = subprocess.run(["pdfinfo", str(tmp_path / "paper.pdf")], capture_output=True, text=True).stdout
    assert "595.3" in info and "841.8" in info  # A4
    first = " ".join(pages[0].split())
    for words in ("Digital maturity: the board's self-assessment", "Example NHS Foundation Trust", "Chief executive",
                  "The board is asked to", "The overall result is Emerging, 2.2 on a scale of 1 to 5",
                  "Where this paper fits", "Impact on people"):
        assert words in first, words
    assert " ".join(pages[1].split()).startswith("The priorities")


@needs_poppler
def test_the_pdf_is_a4_with_the_front_sheet_alone_on_its_first_page(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    assert "Title:           Digital maturity: the board's self-assessment" in info
    pages = pdf_pages(pdf)
    first, second = (" ".join(page.split()) for page in pages[:2])
    for words in ("BOARD PAPER", "Digital maturity: the board's self-assessment", "Executive sponsor Chief executive",
                  "The board is asked to", "agree the five priorities, their owners and quarters",
                  "The overall result is Emerging, 2.2 on a scale of 1 to 5, up from 1.6 (Starting) at the November "
                  "2025 assessment.", "Five priorities proposed", "Where this paper fits", "Impact on people"):
        assert words in first, words
    assert second.startswith("The priorities Chosen by gap to target times weight")


@needs_poppler
def test_no_heading_of_the_pdf_is_the_last_line_of_a_page(pdf, examples):
    page = goodlooks("report", str(examples["board"]), "--baseline", str(examples["board-2025"]), "--paper", str(PAPER),
                     "--format", "html")
    headings = headings_of(page)
    assert len(headings) > 20
    pages = pdf_pages(pdf)
    assert len(pages) >= 8
    assert headings_ending_pages(pages, headings) == []


def test_pdf_without_the_extra_says_which_extra_to_install(run, examples, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    out = tmp_path / "paper.pdf"
    result = run("report", str(examples["board"]), "--format", "pdf", "--output", str(out))
    assert result.exit_code == 2
    assert result.stderr == "--format pdf needs WeasyPrint, the pdf extra: pip install 'goodlooks[pdf]'\n"
    assert not out.exists()


@pytest.mark.parametrize("chosen", ["docx", "pdf"])
def test_word_and_pdf_need_a_file_to_write(run, examples, chosen):
    result = run("report", str(examples["board"]), "--format", chosen)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"--format {chosen} writes a file, not text; name it with --output, e.g. "
                                     f"--output board-paper.{chosen}")


def test_word_is_not_overwritten_without_force(run, examples, word):
    before = word.read_bytes()
    result = run("report", str(examples["board"]), "--format", "docx", "--output", str(word))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert word.read_bytes() == before


def test_the_word_paper_gives_the_peers_and_the_years_as_tables(run, workdir):
    import docx

    from standing_data import peer_folder, years_folder

    _, peers = peer_folder(workdir)
    years = years_folder(workdir)
    result = run("report", str(years[-1]), "--peers", str(peers), "--history", "years", "--format", "docx",
                 "--output", "paper.docx")
    assert result.exit_code == 0, result.output
    document = docx.Document("paper.docx")
    ones = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert ones.index("Among its peers") < ones.index("Over the years") < ones.index(
        "Appendix A: the other steps, by part")
    tables = {t.cell(0, 3).text if len(t.columns) > 3 else "": t for t in document.tables}
    peer_table = tables["Median"]
    assert [c.text for c in peer_table.rows[1].cells] == ["Overall", "2.8", "Growing", "2.3", "1.4–3.3", "0.0–4.0",
                                                         "joint 5th of 12 (level with 1 peer)", "11"]
    years_table = next(t for t in document.tables if t.cell(0, 1).text == "2023")
    assert [c.text for c in years_table.rows[1].cells] == ["Overall", "0.5", "1.5 (+1.0)", "2.5 (+1.0)", "3.0 (+0.5)"]
    from paper_data import docx_text
    from standing_data import PEERS

    text = docx_text(Path("paper.docx"))
    assert "Northam Trust" in text and not [name for name in PEERS if name in text]  # peers never named


@needs_poppler
def test_the_pdf_draws_the_radar_in_its_colours(pdf, tmp_path):
    """WeasyPrint draws inline SVG without the page's CSS: painted only by CSS, the chart came out
    as a black polygon."""
    number = next(n for n, text in enumerate(pdf_pages(pdf), start=1) if "Scores by part" in text)
    subprocess.run(["pdftoppm", "-r", "50", "-f", str(number), "-l", str(number), str(pdf), str(tmp_path / "p")],
                   check=True)
    (ppm,) = tmp_path.glob("p*.ppm")
    data = ppm.read_bytes()
    width, height = map(int, data.split(b"\n")[1].split())
    pixels = data[-width * height * 3:]
    black = sum(1 for i in range(0, len(pixels), 3) if max(pixels[i], pixels[i + 1], pixels[i + 2]) < 60)
    blue = sum(1 for i in range(0, len(pixels), 3) if pixels[i + 2] > 150 and pixels[i] < 120)
    assert black / (width * height) < 0.015 and blue > 50, (black, blue)  # painted: 0.004; black: 0.043
