"""The pieces the Word paper is built of: text as Word shows it, a run in bold or a status in its
colour, and a table in Word's Table Grid style whose header row repeats on each page."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.table import Table

from goodlooks.base.safe_text import terminal_text
from goodlooks.report.status import Status

STATUS_COLOURS = {"met": RGBColor(0x1B, 0x5E, 0x20), "close": RGBColor(0x8A, 0x4B, 0x00),
                  "far": RGBColor(0xB3, 0x26, 0x1E)}
Cell = str | Status | None


def plain(value: object) -> str:
    """Text as Word shows it: control characters made visible."""
    return "" if value is None else terminal_text(str(value))


def write(cell_or_paragraph, value: Cell, bold: bool = False) -> None:
    paragraph = cell_or_paragraph.paragraphs[0] if hasattr(cell_or_paragraph, "paragraphs") else cell_or_paragraph
    if isinstance(value, Status):
        run = paragraph.add_run(value.words())
        run.bold = True
        run.font.color.rgb = STATUS_COLOURS[value.key]
        return
    run = paragraph.add_run(plain(value))
    run.bold = bold


def table(doc: WordDocument, header: Sequence[str] | None, rows: Sequence[Sequence[Cell]],
          numeric: Sequence[int] = (), widths: Sequence[float] = ()) -> Table:
    """A Table Grid table: a bold header row, marked to repeat on every page the table runs onto
    (unless `header` is None), then `rows`, each kept whole on one page; columns in `numeric`
    right-aligned; `widths` in cm."""
    if doc.paragraphs:  # what introduces a table stays on its page
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    grid = doc.add_table(rows=0, cols=len(header) if header is not None else len(rows[0]))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for values, bold in ([(header, True)] if header is not None else []) + [(row, False) for row in rows]:
        cells = grid.add_row().cells
        for index, value in enumerate(values):
            write(cells[index], value, bold=bold)
            if index in numeric:
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths:
        grid.autofit = False
        for index, width in enumerate(widths):
            grid.columns[index].width = Cm(width)
            for cell in grid.columns[index].cells:
                cell.width = Cm(width)
    _mark_rows(list(doc.element.body.iter(qn("w:tbl")))[-1], header is not None)  # the table just added
    return grid


def _mark_rows(grid, headed: bool) -> None:
    """python-docx has no call for a repeating header row or a row kept whole: `w:tblHeader` and
    `w:cantSplit` in each row's properties, through the document's public XML element."""
    for number_, row in enumerate(grid.iterchildren(qn("w:tr"))):
        properties = row.find(qn("w:trPr"))
        if properties is None:
            properties = OxmlElement("w:trPr")
            row.insert(1 if row.find(qn("w:tblPrEx")) is not None else 0, properties)
        for name in ("w:cantSplit", "w:tblHeader") if number_ == 0 and headed else ("w:cantSplit",):
            mark = OxmlElement(name)
            mark.set(qn("w:val"), "true")
            properties.append(mark)
