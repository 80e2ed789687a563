"""The picture of the peers and history sections in the README (docs/peers-and-history.png):

    python tests/standing_picture.py FOLDER docs/peers-and-history.png

writes, in FOLDER, an integrated care system's results on the built-in bank (eleven trusts'
agreed answers in ics/, and North Trust's five years in north/, the first two on an older
version of the bank without two of its questions), then North Trust's HTML report with
`--peers ics --history north`, and a screenshot of its two sections by headless chromium (the
command the browser tests run). The answers are made up, from a fixed seed.
"""

from __future__ import annotations

import random
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

from goodlooks.bank.documents import builtin_banks
from goodlooks.bank.loader import DEFAULT_BANK, LoadedBank, load_bank, parse_bank
from goodlooks.results import store
from goodlooks.scoring.scores import ANSWERED, Choice

TRUSTS = ("North Trust", "South Trust", "East Trust", "West Trust", "Central Trust", "Coastal Trust",
          "Hill Trust", "Valley Trust", "River Trust", "Moor Trust", "Forest Trust")


def _older_bank() -> LoadedBank:
    data = yaml.safe_load(builtin_banks()[DEFAULT_BANK].read_bytes())
    data["version"] = "1.0"
    for dimension in data["dimensions"][-2:]:
        dimension["questions"] = dimension["questions"][:-1]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()
    return LoadedBank(parse_bank(text, "older.yaml"), Path("older.yaml"), "1" * 64, False)


def _assessment(loaded: LoadedBank, organisation: str, level: float, seed: int, when: datetime,
                targets: dict[str, float] | None = None):
    chance = random.Random(seed)
    results = store.new_results(loaded, None)
    results.kind, results.organisation, results.respondents = "agreed", organisation, 9
    results.targets = targets or {}
    for question in loaded.bank.questions():
        step = min(len(question.choices) - 1, max(0, round(chance.gauss(level, 0.8))))
        store.set_answer(results, loaded.bank, question.id, Choice(ANSWERED, question.choices[step].key))
    results = store.complete(results, loaded.bank)
    results.started_at = results.updated_at = results.completed_at = when
    return results


def write_system(folder: Path) -> Path:
    """ics/ and north/ in `folder`; the path of North Trust's newest file."""
    builtin, older = load_bank(None), _older_bank()
    (folder / "ics").mkdir(parents=True, exist_ok=True)
    (folder / "north").mkdir(parents=True, exist_ok=True)
    for number, name in enumerate(TRUSTS[1:], start=1):
        store.save(_assessment(builtin, name, 0.6 + number % 5 * 0.55, number, datetime(2026, 3, 2, tzinfo=UTC)),
                   folder / "ics" / f"{name.split()[0].lower()}.json")
    targets = {"users": 3.4, "teams": 3.0, "board": 3.4}
    newest = folder / "north" / "north-2026.json"
    for year in range(2022, 2027):
        loaded = older if year < 2024 else builtin
        store.save(_assessment(loaded, TRUSTS[0], 0.3 + (year - 2022) * 0.55, year,
                               datetime(year, 3, 2, tzinfo=UTC), targets if year >= 2024 else None),
                   folder / "north" / f"north-{year}.json")
    return newest


def main() -> None:
    from typer.testing import CliRunner

    import browser
    from goodlooks.cli.commands import app

    folder, picture = Path(sys.argv[1]), Path(sys.argv[2])
    newest = write_system(folder)
    report = folder / "north-report.html"
    made = CliRunner().invoke(app, ["report", str(newest), "--peers", str(folder / "ics"), "--history",
                                    str(folder / "north"), "--format", "html", "--output", str(report), "--force"])
    assert made.exit_code == 0, made.output
    html = report.read_text(encoding="utf-8")  # the two sections alone, in the report's own page and style
    sections = html[html.index('<h2 id="peers">'):html.index('<section class="appendix">')]
    page = folder / "sections.html"
    page.write_text(re.sub(r"<main>.*</main>", lambda _: f"<main>{sections}</main>", html, flags=re.S),
                    encoding="utf-8")
    browser.screenshot(page, picture, 1100, 2150)
    print(f"{picture}: {browser.png_size(picture)[0]}x{browser.png_size(picture)[1]} from {report}")


if __name__ == "__main__":
    main()
