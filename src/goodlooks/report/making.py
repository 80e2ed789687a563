"""Making a report from results files: read them, score them, compare with a baseline, render
in the chosen format and write the files. No terminal here; the command line only wires it."""

from __future__ import annotations

from pathlib import Path

from goodlooks.base.errors import ResultsError, UsageError
from goodlooks.report.interface import ReportFormat, formatter
from goodlooks.report.standing import Standing
from goodlooks.results.model import Results

_FILE_FORMATS = {ReportFormat.markdown: "report.md", ReportFormat.html: "report.html"}


def _baseline_name(path: Path, old: Results, new: Results) -> str:
    """The baseline's month ("March 2025"), or its file name when both are from the same month."""
    before, after = old.completed_at or old.updated_at, new.completed_at or new.updated_at
    return path.name if f"{before:%Y%m}" == f"{after:%Y%m}" else f"{before:%B %Y}"


def make_report(files: list[Path], chosen: ReportFormat, baseline: Path | None = None,
                standing: Standing | None = None) -> dict[str, str]:
    """File name -> text of the report on `files` in format `chosen` (with `standing`: where the
    organisation stands among its peers and over the years)."""
    from goodlooks.assessment import report_bank
    from goodlooks.report.content import build_report
    from goodlooks.results.store import load_results

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
    reports = []
    for path in files:
        results = load_results(path)
        bank = report_bank(results, path, None)
        comparison = name = None
        if baseline is not None:
            from goodlooks.workshop.compare import compare

            old = load_results(baseline)
            if old.bank.id != results.bank.id:
                raise ResultsError(f"{baseline} answers bank '{old.bank.id}' and {path} answers "
                                   f"'{results.bank.id}'; a baseline must answer the same bank")
            comparison = compare(report_bank(old, baseline, None), old, bank, results)
            name = _baseline_name(baseline, old, results)
        reports.append(build_report(bank, results, comparison, name))
    if standing is not None:
        standing.add_to(reports, files, chosen)
    return render.render(reports)


def write_report(made: dict[str, str], chosen: ReportFormat, output: Path, force: bool) -> list[Path]:
    """Write the report to `output` (a file, or for csv a folder made if missing); the paths written.
    Nothing is overwritten without `force`, and each file is written atomically."""
    from goodlooks.base.files import write_atomic

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
    existing = [str(path) for path in targets if path.exists()]
    if existing and not force:
        raise UsageError(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
                         "choose another --output, or add --force to overwrite")
    if chosen is ReportFormat.csv:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot make the folder {output}: {error.strerror}") from None
    for path, text in zip(targets, made.values()):
        write_atomic(path, text, private=False)
    return targets
