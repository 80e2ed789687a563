"""The Word paper after its scores: where people differed, the change since the last assessment,
and the appendices (the other steps by part, the method and levels, every answer)."""

from __future__ import annotations

from docx.document import Document as WordDocument

from goodlooks.base.numbers import board_change, board_score, number, plural
from goodlooks.report.content import Report
from goodlooks.report.docx_parts import plain, table, write


def _disagreements(doc: WordDocument, report: Report) -> None:
    if not report.disagreements:
        return
    doc.add_heading("Where the room disagreed" if report.kind == "voted" else "Where the board disagreed", level=1)
    doc.add_paragraph("Questions whose answers were two or more options apart, widest first.")
    for d in report.disagreements:
        doc.add_heading(plain(d.text), level=2)
        doc.add_paragraph(plain(f"{d.dimension} · {plural(d.total, 'vote' if d.source == 'votes' else 'answer')} · "
                             f"spread {d.spread}"))
        table(doc, ["Answer", "Count"], [[bar.label, str(bar.count)] for bar in d.bars], numeric=(1,),
              widths=(12, 2))
        if d.agreed:
            paragraph = doc.add_paragraph()
            write(paragraph, "Agreed: ", bold=True)
            write(paragraph, d.agreed + (f". Why: {d.agreed_note}" if d.agreed_note else ""))
        for voice in d.voices:
            doc.add_paragraph(plain(f"{voice.who} ({voice.label}): “{voice.note}”"), style="List Bullet")


def _change(doc: WordDocument, report: Report) -> None:
    c = report.comparison
    if c is None:
        return
    doc.add_heading(plain(f"Change since {report.baseline_name or 'the last assessment'}"), level=1)
    levels = (f", {c.overall.before_level or '–'} → {c.overall.after_level or '–'}"
              if c.overall.before_level != c.overall.after_level else "")
    doc.add_paragraph(f"Overall {board_score(c.overall.before)} → {board_score(c.overall.after)} "
                      f"({board_change(c.overall.change)}){plain(levels)}.")
    if c.moves:
        doc.add_heading("Answers that moved most", level=2)
        for move in c.moves[:10]:
            doc.add_paragraph(plain(f"{move.text} — {move.before} → {report.answer_label(move.question, move.after)}"),
                              style="List Bullet")
    if c.added or c.removed:
        doc.add_paragraph(f"Questions added since: {len(c.added)}; no longer asked: {len(c.removed)}.")


def _peers(doc: WordDocument, report: Report) -> None:
    """Among its peers, as the Markdown paper gives it: a table, the peers never named."""
    if report.peers is None:
        return
    s = report.peers.standing
    doc.add_heading("Among its peers", level=1)
    doc.add_paragraph(plain(f"{s.organisation} beside {plural(s.peers, 'other organisation')} answering "
                            f"{s.bank_title} version {s.bank_version}. The peers are never named."))
    if s.withheld:
        write(doc.add_paragraph(), f"{s.withheld}.", bold=True)
        table(doc, ["Part", "Score", "Level"], [[p.part.title, board_score(p.own), p.own_level or "–"]
                                                for p in s.parts], numeric=(1,))
    else:
        rows = []
        for p in s.parts:
            f = p.figures
            figures = ([board_score(f.median), f"{board_score(f.lower_quartile)}–{board_score(f.upper_quartile)}",
                        f"{board_score(f.lowest)}–{board_score(f.highest)}", p.rank.text() if p.rank else "not scored"]
                       if f else ["withheld", "", "", f"fewer than {s.min_peers} peers scored here"])
            rows.append([p.part.title, board_score(p.own), p.own_level or "–", *figures, str(p.peers)])
        table(doc, ["Part", "Score", "Level", "Median", "Middle half", "Range", "Rank", "Peers"], rows,
              numeric=(1, 3, 4, 5, 7))
        doc.add_paragraph(plain(f"Median, middle half (lower to upper quartile) and range are of the "
                                f"{plural(s.peers, 'peer')} only. Rank 1st is the highest score among "
                                f"{s.organisation} and its peers; equal scores share a place."))
    doc.add_paragraph(f"No figure is shown from fewer than {s.min_peers} peers: in a small group the figures "
                      "would give a peer's own scores away.")


def _history(doc: WordDocument, report: Report) -> None:
    """Over the years, as the Markdown paper gives it: each score with the change since the one before."""
    if report.history is None:
        return
    t = report.history.trend
    doc.add_heading("Over the years", level=1)
    doc.add_paragraph(plain(f"{plural(len(t.occasions), 'assessment')} of {t.bank_title}"
                            f"{f' by {t.organisation}' if t.organisation else ''}, {t.occasions[0].label} to "
                            f"{t.occasions[-1].label}. Each score is followed by the change since the assessment "
                            "before."))
    header = ["Part", *(o.label for o in t.occasions)]
    rows = [[part.part.title, *(board_score(p.score) + (f" ({board_change(p.change)})" if p.change is not None else "")
                                for p in part.points)] for part in t.parts]
    table(doc, header, rows, numeric=tuple(range(1, len(header))))
    if report.history.targeted:
        doc.add_paragraph("Targets set at each assessment (for the year after):")
        table(doc, header, [[part.part.title, *(board_score(p.target) for p in part.points)]
                            for part in report.history.targeted], numeric=tuple(range(1, len(header))))
    if t.left_out:
        doc.add_paragraph(plain(f"Compared on the {plural(t.shared, 'question')} every assessment asked. Left out: "
                                + "; ".join(f"“{item.text}”: {item.why()}" for item in t.left_out) + "."))


def _other_steps(doc: WordDocument, report: Report) -> None:
    doc.add_heading("Appendix A: the other steps, by part", level=1)
    if not report.plan.appendix:
        doc.add_paragraph("No other steps: the bank has no more advice for these answers.")
        return
    doc.add_paragraph("Each part's steps in order of gap times weight. Fill in an owner and a quarter for those "
                      "the board takes on.")
    for group in report.plan.appendix:
        doc.add_heading(plain(group.part), level=2)
        rows = [[str(step.number),
                 step.text + ("\nFrom: " + "; ".join(f"“{q}”" for q in step.questions) if step.questions else ""),
                 step.owner, step.quarter] for step in group.steps]
        table(doc, ["#", "Step", "Owner", "By (quarter)"], rows, numeric=(0,), widths=(1, 11, 3, 2))


def _method(doc: WordDocument, report: Report) -> None:
    doc.add_heading("Appendix B: method and levels", level=1)
    for paragraph in report.method:
        doc.add_paragraph(plain(paragraph))
    if report.levels:
        table(doc, ["Level", "From", "What it means"],
              [[level.name, number(level.min), level.description or ""] for level in report.levels],
              numeric=(1,), widths=(3, 1.5, 12.5))
    if report.bank.source:
        doc.add_paragraph(plain(f"Where the questions come from: {report.bank.source}"))


def _answers(doc: WordDocument, report: Report) -> None:
    doc.add_heading("Appendix C: every answer", level=1)
    for part in report.answers:
        doc.add_heading(plain(part.title), level=2)
        for n, answer in enumerate(part.answers, start=1):
            write(doc.add_paragraph(), f"{n}. {answer.text}", bold=True)
            score = f" ({number(answer.score)})" if answer.score is not None else ""
            lines = [f"Answer: {answer.label}{score}"]
            lines += [f"Note: {answer.note}"] if answer.note else []
            lines += [f"{voice.who} ({voice.label}): “{voice.note}”" for voice in answer.voices]
            lines += [f"Where to look: {answer.evidence}"] if answer.evidence else []
            for line in lines:
                doc.add_paragraph(plain(line), style="List Continue")


def add_sections(doc: WordDocument, report: Report) -> None:
    _disagreements(doc, report)
    _change(doc, report)
    _peers(doc, report)
    _history(doc, report)
    _other_steps(doc, report)
    _method(doc, report)
    _answers(doc, report)
