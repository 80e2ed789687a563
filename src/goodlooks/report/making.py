"""Making a report from results files: read them, score them, compare with a baseline, render
in the chosen format and write the files. No terminal here; the command line only wires it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from goodlooks.base.errors import ResultsError, UsageError
from goodlooks.report.interface import ReportFormat, formatter
from goodlooks.report.standing import Standing

if TYPE_CHECKING:
    from goodlooks.bank.model import Bank
    from goodlooks.report.paper_file import PaperFacts

_FILE_FORMATS = {ReportFormat.markdown: "report.md", ReportFormat.html: "report.html",
                 ReportFormat.docx: "board-paper.docx", ReportFormat.pdf: "board-paper.pdf"}
BINARY = (ReportFormat.docx, ReportFormat.pdf)


@dataclass(frozen=True)
class PaperChoices:
    """The board paper's facts as the command line gives them: a paper file, and options that
    win over what it says."""

    paper: Path | None = None
    organisation: str | None = None
    meeting: str | None = None
    meeting_date: date | None = None
    sponsor: str | None = None
    baseline_label: str | None = None
    priorities: int | None = None


def _facts(choices: PaperChoices, whole: Bank) -> PaperFacts:
    from goodlooks.report.paper_file import PaperFacts, read_paper_file

    facts = read_paper_file(choices.paper, whole) if choices.paper is not None else PaperFacts()
    given: dict[str, object] = {"organisation": choices.organisation, "meeting": choices.meeting,
                                "date": choices.meeting_date, "sponsor": choices.sponsor,
                                "baseline_label": choices.baseline_label, "priorities": choices.priorities}
    return replace(facts, **{key: value for key, value in given.items() if value is not None})  # type: ignore[arg-type]


def make_report(files: list[Path], chosen: ReportFormat, baseline: Path | None = None,
                choices: PaperChoices | None = None, standing: Standing | None = None) -> dict[str, str | bytes]:
    """File name -> text (or bytes, for Word and PDF) of the report on `files` in format `chosen`
    (with `standing`: where the organisation stands among its peers and over the years)."""
    from goodlooks.assessment import report_bank
    from goodlooks.report.content import build_report
    from goodlooks.report.story import baseline_label
    from goodlooks.results.store import carried_bank, load_results

    render = formatter(chosen)
    if not files:
        raise UsageError("give at least one results file")
    if len(files) > 1 and not render.many:
        raise UsageError(f"--format {chosen.value} makes one report from one results file, not {len(files)}; "
                         "to report several people's answers together, combine them first: "
                         "goodlooks combine FILES --output combined.json")
    if baseline is not None and chosen is ReportFormat.csv:
        raise UsageError("--baseline goes with --format markdown or html; for csv, give both files: "
                         "goodlooks report OLD.json NEW.json --format csv --output FOLDER")
    choices = choices or PaperChoices()
    reports = []
    for path in files:
        results = load_results(path)
        bank = report_bank(results, path, None)
        whole = carried_bank(results, path)
        facts = _facts(choices, whole)
        comparison = name = None
        if baseline is not None:
            from goodlooks.workshop.compare import compare

            old = load_results(baseline)
            if old.bank.id != results.bank.id:
                raise ResultsError(f"{baseline} answers bank '{old.bank.id}' and {path} answers "
                                   f"'{results.bank.id}'; a baseline must answer the same bank")
            comparison = compare(report_bank(old, baseline, None), old, bank, results)
            name = baseline_label(old, results, facts.baseline_label)
        reports.append(build_report(bank, results, comparison, name, facts=facts, whole=whole))
    if standing is not None:
        standing.add_to(reports, files, chosen)
    return render.render(reports)


def write_report(made: dict[str, str | bytes], chosen: ReportFormat, output: Path, force: bool,
                 inputs: list[Path] | None = None) -> list[Path]:
    """Write the report to `output` (a file, or for csv a folder made if missing); the paths written.
    Nothing is overwritten without `force`, and never one of the `inputs` (the results files the
    report was made from), not even with it. Each file is written atomically."""
    from goodlooks.base.files import write_atomic
    from goodlooks.base.paths import refuse_own_input

    if chosen is ReportFormat.csv:
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output} is a file; for --format csv, --output names a folder for "
                             f"{', '.join(made)}")
        targets = [output / name for name in made]
    else:
        if output.is_dir():
            raise UsageError(f"{output} is a folder; give a file name, e.g. --output "
                             f"{output / _FILE_FORMATS[chosen]}")
        targets = [output]
    refuse_own_input(targets, inputs or [])
    existing = [str(path) for path in targets if path.exists()]
    if existing and not force:
        raise UsageError(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
                         "choose another --output, or add --force to overwrite")
    if chosen is ReportFormat.csv:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot make the folder {output}: {error.strerror}") from None
    for path, content in zip(targets, made.values()):
        write_atomic(path, [content] if isinstance(content, bytes) else content, private=False, tidy=True)
    return targets
