"""goodlooks' benchmark suite: every figure against a baseline measured in the same run.

    python benchmarks/run.py              # after: pip install -e '.[test]'  (a few minutes)
    python benchmarks/run.py --large      # also combine 100,000 results files (much longer)
    python benchmarks/run.py --only 1,4   # some figures only (1 to 10, growth)
    python benchmarks/room.py             # the room alone: 60 phones on 32 questions

Each figure is the median of paired ratios of whole processes of the installed `goodlooks`
command against a baseline, run alternately (see measure.py), printed beside its target.
The suite writes its own data (banks in the built-in bank's style, answers and results files)
to a temporary folder, or to --data DIR to keep it between runs.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402
from measure import (  # noqa: E402
    Paired,
    first_question_time,
    goodlooks_command,
    paired,
    process_time,
    reported_time,
    run_process,
    step_time,
)

BASELINES = HERE / "baselines"
NOTE_PROMPT = "Note: why this answer? (Enter to skip)"
KNOWN_PROMPT = "How do you know? (Enter to skip)"
STEPS = 12
MIB = 1024 * 1024


class Suite:
    def __init__(self, folder: Path, pairs: int) -> None:
        self.folder = folder
        self.pairs = pairs
        self.goodlooks = goodlooks_command()
        self.python = sys.executable
        self.counter = itertools.count()
        self.missed: list[str] = []

    def fresh(self, stem: str) -> str:
        """A path no run has used yet (goodlooks never overwrites a results file)."""
        out = self.folder / "out"
        out.mkdir(exist_ok=True)
        return str(out / f"{stem}-{next(self.counter)}.json")

    def show(self, name: str, figure: Paired, target: float, a_name: str, b_name: str,
             unit: str = "ms") -> None:
        met = figure.ratio <= target
        if not met:
            self.missed.append(name)
        scale = 1000 if unit == "ms" else 1
        print(f"{name:<58} {figure.ratio:5.2f}x  target <= {target:.2f}x  {'met ' if met else 'MISSED'}")
        print(f"    {a_name} {figure.a * scale:.1f} {unit}, {b_name} {figure.b * scale:.1f} {unit} "
              f"(medians; {figure.pairs} pairs, ratios {figure.spread[0]:.2f} to {figure.spread[1]:.2f}); "
              f"CPU time ratio {figure.cpu_ratio:.2f}x")

    def questions_of(self, size: int) -> list[str]:
        bank = data.bank_data(size)
        return [q["text"] for d in bank["dimensions"] for q in d["questions"]]

    # 1 ------------------------------------------------------------------------------------
    def help(self) -> None:
        ours = process_time(lambda: [self.goodlooks, "--help"])
        bare = process_time(lambda: [self.python, str(BASELINES / "bare_typer.py"), "--help"])
        self.show("1. goodlooks --help / bare Typer app --help", paired(ours, bare, self.pairs * 2),
                  1.15, "goodlooks", "bare Typer")

    # 2 ------------------------------------------------------------------------------------
    def first_question(self) -> None:
        bank = data.write_bank(self.folder, 32)
        bank_json = data.write_bank_json(self.folder, 32)
        first = self.questions_of(32)[0]
        ours = lambda: first_question_time(  # noqa: E731
            [self.goodlooks, "assess", "--bank", str(bank), "--output", self.fresh("first")], first)
        bare = lambda: first_question_time(  # noqa: E731
            [self.python, str(BASELINES / "first_question.py"), "ask", str(bank_json)], first)
        self.show("2. first question in a terminal / bare Typer + questionary", paired(ours, bare, self.pairs),
                  1.2, "goodlooks", "bare")

    # 3 ------------------------------------------------------------------------------------
    def steps(self) -> None:
        texts = self.questions_of(32)[: STEPS + 1]
        small = data.write_bank(self.folder, 32)
        bank_json = data.write_bank_json(self.folder, 32)
        ours = lambda: step_time(  # noqa: E731
            [self.goodlooks, "assess", "--bank", str(small), "--output", self.fresh("steps")], texts, NOTE_PROMPT,
            known_prompt=KNOWN_PROMPT)
        bare = lambda: step_time(  # noqa: E731
            [self.python, str(BASELINES / "interview_steps.py"), str(bank_json), self.fresh("bare")],
            texts, NOTE_PROMPT, known_prompt=KNOWN_PROMPT)
        self.show("3a. interview step (answer, save, next) / bare questionary", paired(ours, bare, self.pairs),
                  1.2, "goodlooks", "bare")
        big = data.write_bank(self.folder, 2000)
        big_texts = self.questions_of(2000)[: STEPS + 1]
        at_2000 = lambda: step_time(  # noqa: E731
            [self.goodlooks, "assess", "--bank", str(big), "--output", self.fresh("big")], big_texts, NOTE_PROMPT,
            known_prompt=KNOWN_PROMPT)
        at_32 = lambda: step_time(  # noqa: E731
            [self.goodlooks, "assess", "--bank", str(small), "--output", self.fresh("small")], texts, NOTE_PROMPT,
            known_prompt=KNOWN_PROMPT)
        self.show("3b. interview step at 2,000 questions / at 32", paired(at_2000, at_32, self.pairs),
                  1.2, "2,000", "32")

    # 4, 5 ---------------------------------------------------------------------------------
    def validate_and_answers(self) -> None:
        bank = str(data.write_bank(self.folder, 2000))
        answers = str(data.write_answers(self.folder, 2000))
        validate = process_time(lambda: [self.goodlooks, "validate", bank])
        parse = process_time(lambda: [self.python, str(BASELINES / "yaml_parse.py"), bank])
        self.show("4. goodlooks validate / PyYAML C loader (2,000 questions)", paired(validate, parse, self.pairs),
                  2.0, "validate", "yaml")
        assess = process_time(lambda: [self.goodlooks, "assess", "--bank", bank, "--answers", answers,
                                       "--output", self.fresh("answers")])
        self.show("5. assess --answers / validate (2,000 questions)", paired(assess, validate, self.pairs),
                  1.6, "assess --answers", "validate")

    # 6 ------------------------------------------------------------------------------------
    def combine(self, large: bool) -> None:
        names = data.write_results(self.folder, 100_000 if large else 10_000)
        self.read_results(names, large)
        probe = subprocess.run([self.goodlooks, "combine", "--help"], capture_output=True)
        if probe.returncode != 0:
            print("6. goodlooks combine: SKIPPED, this goodlooks has no `combine` command yet "
                  "(issue 6); run the suite again once it has")
            return

        def combine(count: int):
            return lambda: [self.goodlooks, "combine", *names[:count], "--output", self.fresh("combined")]

        ours = process_time(combine(10_000), self.folder)
        bare = process_time(lambda: [self.python, str(BASELINES / "json_load_loop.py"), *names[:10_000]],
                            self.folder)
        self.show("6a. combine 10,000 results files / json.load loop", paired(ours, bare, max(3, self.pairs // 2)),
                  2.0, "combine", "json.load", unit="s")
        for count in (100, 1_000, 10_000, *((100_000,) if large else ())):
            run = run_process(combine(count)(), self.folder, memory=True)
            line = f"    combine {count:>7,} files: {run.seconds:6.2f} s, peak memory {run.peak_bytes / MIB:6.1f} MiB"
            if count == 100_000:
                met = run.peak_bytes < 200 * MIB
                if not met:
                    self.missed.append("6b. combine 100,000 peak memory")
                line += f"   target < 200 MiB  {'met' if met else 'MISSED'}"
            print(line)
        if not large:
            print("    (100,000 files and the 200 MiB memory target: python benchmarks/run.py --large --only 6)")

    def read_results(self, names: list[str], large: bool) -> None:
        """What combine stands on: goodlooks' library reading results files (no target)."""
        script = str(BASELINES / "library_read_results.py")
        ours = process_time(lambda: [self.python, script, *names[:10_000]], self.folder)
        bare = process_time(lambda: [self.python, str(BASELINES / "json_load_loop.py"), *names[:10_000]],
                            self.folder)
        figure = paired(ours, bare, 3)
        print(f"6r. reading 10,000 results files with goodlooks' library / json.load loop: {figure.ratio:.2f}x "
              f"(no target; CPU time ratio {figure.cpu_ratio:.2f}x; {figure.a:.1f} s against {figure.b:.1f} s)")
        for count in (100, 1_000, 10_000, *((100_000,) if large else ())):
            run = run_process([self.python, script, *names[:count]], self.folder, memory=True)
            print(f"    read {count:>7,} files: {run.seconds:6.2f} s, peak memory {run.peak_bytes / MIB:6.1f} MiB")

    # 7 ------------------------------------------------------------------------------------
    def large_banks(self) -> None:
        from goodlooks.base.yaml_source import MAX_BYTES

        bank = data.write_bank(self.folder, 10_000)
        run = run_process([self.goodlooks, "validate", str(bank)], check=False, memory=True)
        met = run.returncode == 0
        if not met:
            self.missed.append("7. a 10,000-question bank loads")
        print(f"7. a 10,000-question bank ({bank.stat().st_size / 1e6:.1f} MB) loads: "
              f"{'yes' if met else 'NO'} (exit {run.returncode}, {run.seconds:.2f} s, "
              f"peak {run.peak_bytes / MIB:.0f} MiB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
        too_big = self.folder / "too-big.yaml"
        with too_big.open("wb") as stream:
            stream.write(bank.read_bytes() * (MAX_BYTES // bank.stat().st_size + 1))
        refused = subprocess.run([self.goodlooks, "validate", str(too_big)], capture_output=True, text=True)
        print(f"    over the limit (exit {refused.returncode}): {refused.stderr.splitlines()[0]}")
        too_big.unlink()

    # 8 ------------------------------------------------------------------------------------
    def standing(self) -> None:
        """peers over 250 organisations (the NHS in England has about that many trusts) and trend
        over ten years, each beside a json.load loop over the same files: the library's work
        once the command has started (the target), and the whole command (for context)."""
        peers = data.write_peer_results(self.folder, 251)
        own = peers[0]
        years = data.write_years(self.folder, 10)
        library = str(BASELINES / "library_standing.py")
        timed_loop = str(BASELINES / "json_load_timed.py")
        for key, name, ours, files in (
                ("8a", "peers, 250 organisations", [self.python, library, "peers", own, "peers"], peers),
                ("8b", "trend, ten years on two bank versions", [self.python, library, "trend", "years"], years)):
            figure = paired(reported_time(ours, self.folder), reported_time([self.python, timed_loop, *files],
                                                                            self.folder), self.pairs)
            self.show(f"{key}. {name}: goodlooks' library / json.load loop", figure, 2.0, "library", "json.load")
        for key, name, ours, files in (
                ("8c", "goodlooks peers (250) / json.load loop process", [self.goodlooks, "peers", own, "peers"],
                 peers),
                ("8d", "goodlooks trend (10) / json.load loop process", [self.goodlooks, "trend", "years"], years)):
            figure = paired(process_time(lambda ours=ours: ours, self.folder),
                            process_time(lambda files=files: [self.python, str(BASELINES / "json_load_loop.py"),
                                                              *files], self.folder), self.pairs)
            print(f"{key}. {name}: {figure.ratio:.2f}x (no target: the command's start-up, figure 1, is "
                  f"in it too; CPU time ratio {figure.cpu_ratio:.2f}x; {figure.a * 1000:.0f} ms against "
                  f"{figure.b * 1000:.0f} ms)")

    def room(self) -> None:
        """The room with 60 phones (benchmarks/room.py): its own two processes on 127.0.0.1."""
        done = subprocess.run([self.python, str(HERE / "room.py")], text=True, capture_output=True)
        print(done.stdout.rstrip())
        if done.returncode != 0:
            self.missed.append("9. the room")
            if done.stderr.strip():
                print(done.stderr.strip()[-600:])

    # 10 -----------------------------------------------------------------------------------
    def text_limits(self) -> None:
        """A bank with every text at its limit (30 options) against a one-question bank in the built-in style."""
        sys.path.insert(0, str(HERE.parent / "tests"))
        from limit_banks import bank_at_every_limit

        full = self.folder / "limits.yaml"
        full.write_text(bank_at_every_limit(), encoding="utf-8")
        full_answers = self.folder / "limits-answers.yaml"
        full_answers.write_text("answers:\n  q: o0\n", encoding="utf-8")
        small, small_answers = data.write_bank(self.folder, 1), data.write_answers(self.folder, 1)
        results = {full: self.fresh("limits"), small: self.fresh("short")}
        for bank, answers in ((full, full_answers), (small, small_answers)):
            run_process([self.goodlooks, "assess", "--bank", str(bank), "--answers", str(answers),
                         "--output", results[bank]])
        ours = process_time(lambda: [self.goodlooks, "profile", results[full], "--explain"])
        base = process_time(lambda: [self.goodlooks, "profile", results[small], "--explain"])
        self.show("10. profile --explain, every text at its limit / short texts", paired(ours, base, self.pairs),
                  1.5, "at the limits", "short")

    # growth -------------------------------------------------------------------------------
    def growth(self) -> None:
        print("Growth with the bank (one run each; wall time and peak memory of the whole process;")
        print(f"an interview step is the median of {STEPS} in a terminal):")
        print(f"    {'questions':>9}  {'bank':>7}  {'validate':>15}  {'assess --answers':>16}  "
              f"{'results':>8}  {'interview step':>18}")
        for size in (50, 500, 2_000, 10_000):
            bank = str(data.write_bank(self.folder, size))
            answers = str(data.write_answers(self.folder, size))
            validate = run_process([self.goodlooks, "validate", bank])
            validate_peak = run_process([self.goodlooks, "validate", bank], memory=True).peak_bytes
            output = self.fresh(f"growth-{size}")
            assess = run_process([self.goodlooks, "assess", "--bank", bank, "--answers", answers,
                                  "--output", output])
            assess_peak = run_process([self.goodlooks, "assess", "--bank", bank, "--answers", answers,
                                       "--output", self.fresh("peak")], memory=True).peak_bytes
            peak: list[int] = []
            step, _ = step_time([self.goodlooks, "assess", "--bank", bank, "--output", self.fresh("step")],
                                self.questions_of(size)[: STEPS + 1], NOTE_PROMPT, peak=peak,
                                known_prompt=KNOWN_PROMPT)
            print(f"    {size:>9,}  {Path(bank).stat().st_size / 1e6:5.2f}MB  "
                  f"{validate.seconds:5.2f} s {validate_peak / MIB:4.0f} MiB  "
                  f"{assess.seconds:5.2f} s {assess_peak / MIB:4.0f} MiB  "
                  f"{Path(output).stat().st_size / 1e6:6.2f}MB  "
                  f"{step * 1000:6.1f} ms {peak[0] / MIB:4.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=9, help="pairs of runs per figure (default 9)")
    parser.add_argument("--only", default="", help="comma-separated figure numbers, e.g. 1,4,growth")
    parser.add_argument("--large", action="store_true", help="also combine 100,000 results files")
    parser.add_argument("--data", type=Path, help="keep the generated data in this folder")
    options = parser.parse_args()
    chosen = {part.strip() for part in options.only.split(",") if part.strip()}
    folder = options.data or Path(tempfile.mkdtemp(prefix="goodlooks-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    suite = Suite(folder, options.pairs)
    version = subprocess.run([suite.goodlooks, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version} at {suite.goodlooks}; data in {folder}\n")
    sections = [("1", suite.help), ("2", suite.first_question), ("3", suite.steps),
                ("4", suite.validate_and_answers), ("5", suite.validate_and_answers),
                ("6", lambda: suite.combine(options.large)), ("7", suite.large_banks), ("8", suite.standing),
                ("9", suite.room), ("10", suite.text_limits), ("growth", suite.growth)]
    done = set()
    try:
        for key, section in sections:
            if (not chosen or key in chosen) and section not in done:
                done.add(section)
                try:
                    section()
                except Exception as error:  # noqa: BLE001 - report it and go on to the next figure
                    suite.missed.append(f"figure {key} failed")
                    print(f"{key}. FAILED: {type(error).__name__}: {str(error)[:600]}")
                print()
    finally:
        shutil.rmtree(folder / "out", ignore_errors=True)
        if options.data is None:
            shutil.rmtree(folder, ignore_errors=True)
    print("Every target met." if not suite.missed else f"Missed: {'; '.join(suite.missed)}")
    sys.exit(1 if suite.missed else 0)


if __name__ == "__main__":
    main()
