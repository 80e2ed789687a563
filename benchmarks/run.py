"""Speed benchmarks, each printed as a ratio against a baseline measured in the same run.

    python benchmarks/run.py            # after: pip install -e '.[test]'

1. `goodlooks --help` against a bare Typer app with one command (target: ratio near 1).
2. Loading and validating the built-in bank against PyYAML's plain `safe_load` of it (C loader).
3. Validating a large generated bank (about 1.9 MB, under the 2 MB limit) against `safe_load`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from goodlooks.bank.loader import builtin_banks, parse_bank

BARE_APP = """\
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world") -> None:
    print(name)
@app.command()
def other() -> None:
    pass
app()
"""


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def median_of(runs: int, command: list[str]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(name: str, ours: float, baseline: float, baseline_name: str) -> None:
    print(f"{name:<38} {ours * 1000:8.1f} ms   {baseline_name:<26} {baseline * 1000:8.1f} ms   "
          f"ratio {ours / baseline:5.2f}")


def large_bank(questions: int) -> str:
    lines = ['id: large', 'title: Large', 'version: "1"', 'dimensions:']
    per_dimension = 50
    for d in range(questions // per_dimension):
        lines += [f"  - id: d{d}", f"    title: Dimension {d}", "    questions:"]
        for q in range(per_dimension):
            lines += [f"      - id: d{d}-q{q}", f"        text: Question {q} of dimension {d}, asked plainly?",
                      "        options:"]
            lines += [f"          - {{key: k{k}, label: Option {k} says something observable, score: {k}}}"
                      for k in range(5)]
    return "\n".join(lines) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE_APP)
        ours = median_of(15, [sys.executable, "-m", "goodlooks", "--help"])
        baseline = median_of(15, [sys.executable, str(bare), "--help"])
    report("goodlooks --help", ours, baseline, "bare Typer app --help")

    raw = builtin_banks()["what-good-looks-like"].read_bytes()
    ours = best_of(20, lambda: parse_bank(raw, "bank.yaml"))
    baseline = best_of(20, lambda: yaml.load(raw, Loader=yaml.CSafeLoader))
    report("load + validate built-in bank", ours, baseline, "yaml C safe_load")

    text = large_bank(3800).encode()
    ours = best_of(3, lambda: parse_bank(text, "large.yaml"))
    baseline = best_of(3, lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    report(f"validate a {len(text) / 1e6:.1f} MB bank", ours, baseline, "yaml C safe_load")


if __name__ == "__main__":
    main()
