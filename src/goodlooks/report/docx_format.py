"""The board paper in Word, with python-docx: what a board secretary restyles and pastes into the
pack. Built from Word's own styles only (Title, Heading 1 and 2, List Number, Table Grid,
Caption), so the pack's template restyles every part of it; every table's header row repeats
on each page it runs onto; the radar chart is a picture (`chart_image`), its numbers a table.
The front sheet is the first page; blanks are empty cells to type into.

Text from files goes in as text (Word has no markup to inject), with control characters made
visible as in every other format.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from goodlooks.base.numbers import board_change, board_score, number
from goodlooks.report.content import Report
from goodlooks.report.docx_parts import Cell, plain, table, write
from goodlooks.report.docx_sections import add_sections
from goodlooks.report.front_sheet import Fact
from goodlooks.report.priorities import Step
from goodlooks.report.radar import radar
from goodlooks.report.story import count_words


def _page(doc: WordDocument, report: Report) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    footer = section.footer.paragraphs[0]
    footer.text = plain(" · ".join(filter(None, [report.front.title, report.facts.organisation])))
    footer.style = doc.styles["Footer"]


def _facts(doc: WordDocument, facts: Sequence[Fact], prefix: str = "") -> None:
    grid = table(doc, None, [[f"{prefix}{fact.label.lower() if prefix else fact.label}", fact.value]
                             for fact in facts], widths=(5, 12))
    for row in grid.rows:
        for run in row.cells[0].paragraphs[0].runs:
            run.bold = True


def _front_sheet(doc: WordDocument, report: Report) -> None:
    front, plan = report.front, report.plan
    doc.add_paragraph(plain(front.title), style="Title")
    _facts(doc, front.facts)
    doc.add_heading("The board is asked to", level=1)
    for ask in front.asks:
        doc.add_paragraph(plain(ask), style="List Number")
    doc.add_heading("Summary", level=1)
    write(doc.add_paragraph(), front.result, bold=True)
    if front.meaning:
        doc.add_paragraph(plain(front.meaning))
    if report.partial:
        write(doc.add_paragraph(), report.partial.sentence(), bold=True)
    if plan.priorities:
        doc.add_heading(f"{count_words(len(plan.priorities), 'priority', 'priorities').capitalize()} proposed",
                        level=2)
        for step in plan.priorities:
            doc.add_paragraph(plain(f"{step.number}. {step.text} ({step.part})"), style="List Paragraph")
    doc.add_heading("Where this paper fits", level=1)
    _facts(doc, [*front.fits, *(Fact(f"Impact on {f.label.lower()}", f.value) for f in front.impacts)])


def _why(step: Step) -> str:
    lines = [step.text]
    for n, question in enumerate(step.questions):
        today = step.today[n] if n < len(step.today) else ""
        lines.append(f"From “{question}”" + (f": today “{today}”" if today else ""))
    lines += [f"Where to look: {place}" for place in step.where_to_look]
    return "\n".join(lines)


def _priorities(doc: WordDocument, report: Report) -> None:
    plan = report.plan
    doc.add_heading("The priorities", level=1)
    doc.add_paragraph(plain(report.priorities_intro))
    if not plan.priorities:
        doc.add_paragraph("No priorities: no part is below its target, and no part is without an answer.")
    else:
        rows = {row.id: row for row in report.rows}
        table(doc, ["#", "Priority", "Part", "Where the part stands", "Owner", "By (quarter)"],
              [[str(step.number), _why(step), step.part,
                rows[step.part_id].status or rows[step.part_id].level or "no answer yet", step.owner, step.quarter]
               for step in plan.priorities], numeric=(0,), widths=(0.8, 7, 3, 2.4, 2.2, 1.8))
    if plan.find_out:
        doc.add_heading("To find out", level=1)
        doc.add_paragraph("Not knowing is a finding too. Each answer the board did not know is a question to find "
                          "out the answer to, and the bank says where to look.")
        table(doc, ["#", "Find out", "Part", "Where to look", "Owner", "By (quarter)"],
              [[str(n), step.questions[0], step.part, " ".join(step.where_to_look), step.owner, step.quarter]
               for n, step in enumerate(plan.find_out, start=1)], numeric=(0,), widths=(0.8, 5, 3, 5, 2, 1.4))


def _scores(doc: WordDocument, report: Report) -> None:
    doc.add_heading("Scores by part", level=1)
    chart = radar(report)
    if chart is not None:
        from goodlooks.report.chart_image import radar_png

        doc.add_picture(io.BytesIO(radar_png(chart)), width=Cm(15))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.paragraphs[-1].paragraph_format.keep_with_next = True  # with its caption
        low, high = report.score_range
        doc.add_paragraph(plain(f"Each spoke is a part, {number(low)} at the centre to {number(high)} at the rim; "
                             "the rings are where each level begins. The table holds the same numbers."),
                          style="Caption")
    header = ["Part", "Score", "Level", "Answered"]
    header += ["Target", "Against target"] if report.has_targets else []
    header += ["Before", "Change"] if report.comparison else []
    rows: list[list[Cell]] = []
    for row in [*report.rows, report.overall]:
        cells: list[Cell] = [("    " if row.group else "") + row.title, board_score(row.score), row.level or "–",
                             "" if row.is_group and row.id != "overall" else f"{row.answered}/{row.total}"]
        if report.has_targets:
            cells += ["", ""] if row.is_group else [board_score(row.target), row.status or "–"]
        if report.comparison:
            cells += ["", ""] if row.is_group and row.id != "overall" else [board_score(row.baseline),
                                                                           board_change(row.change)]
        rows.append(cells)
    numeric = [1, 3] + ([4] if report.has_targets else []) + ([len(header) - 2, len(header) - 1]
                                                             if report.comparison else [])
    rest = [1.2, 2.3, 1.6] + ([1.3, 2.6] if report.has_targets else []) + ([1.3, 1.4] if report.comparison else [])
    grid = table(doc, header, rows, numeric=numeric, widths=[17 - sum(rest), *rest])
    for row, line in zip([*report.rows, report.overall], grid.rows[1:]):
        if row.is_group:
            for cell in line.cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    note = (f"Scores are on a scale of {number(report.score_range[0])} to {number(report.score_range[1])}, to one "
            "decimal; “not applicable” and “don't know” answers are left out of them.")
    if report.has_targets:
        note += f" A part is close to its target within half a level ({board_score(report.half_level)})."
    doc.add_paragraph(note)


def _alt_text(doc: WordDocument, text: str) -> None:
    for drawing in doc.element.body.iter(qn("wp:docPr")):
        drawing.set("descr", plain(text))


def paper_docx(report: Report) -> bytes:
    doc = Document()
    _page(doc, report)
    _front_sheet(doc, report)
    doc.add_page_break()
    _priorities(doc, report)
    doc.add_heading("The story of the session", level=1)
    for paragraph in report.story:
        doc.add_paragraph(plain(paragraph))
    _scores(doc, report)
    add_sections(doc, report)
    _alt_text(doc, "Radar chart of the scores of each part; the table after it holds the same numbers.")
    doc.core_properties.title = plain(report.front.title)
    doc.core_properties.author = plain(report.facts.author or "")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class DocxFormat:
    many = False

    def render(self, reports: list[Report]) -> dict[str, str | bytes]:
        (report,) = reports
        return {"board-paper.docx": paper_docx(report)}
