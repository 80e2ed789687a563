"""Timing whole processes: paired, alternated runs, peak memory, and a real pseudo-terminal.

Absolute times on a shared machine are noise; a ratio of two processes run one right after the
other is not. So every figure is the median of paired ratios: each pair runs A and B back to
back, in alternating order (A then B, then B then A), after one unmeasured warm-up run of each.
Each run is measured twice: wall time (what a person waits; the figure) and the CPU time the
process itself used (steadier when other work shares the machine; shown beside it).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Both sides of every terminal figure run with the same terminal settings. prompt_toolkit's
# cursor-position request would wait for a reply that a pseudo-terminal never sends.
TERMINAL_ENV = {"PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "200",
                "LINES": "50"}


def child_env() -> dict[str, str]:
    """The environment of every measured process. Python may write its bytecode caches, as on
    any installed copy: with PYTHONDONTWRITEBYTECODE set, every run of an editable install
    would compile goodlooks' modules afresh (a cost no user of an installed goodlooks pays),
    while the baselines' libraries come precompiled."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **TERMINAL_ENV}


def goodlooks_command() -> str:
    """The installed `goodlooks` console script (beside this Python, else on PATH)."""
    beside = Path(sys.executable).parent / "goodlooks"
    found = str(beside) if beside.is_file() else shutil.which("goodlooks")
    if not found:
        sys.exit("benchmarks: the `goodlooks` command is not installed; run pip install -e '.[test]' first")
    return found


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    peak_bytes: int
    returncode: int


Sample = tuple[float, float]
"""(wall seconds, CPU seconds) of one measured run."""


# Linux counts a process's peak memory from the moment it was forked, so a child of this
# (large) process would report at least this process's size. Memory is therefore measured
# through a small launcher, whose own children start from its few megabytes.
_LAUNCHER = """
import os, sys
report, command = int(sys.argv[1]), sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.close(report)
    os.execvp(command[0], command)
_, status, usage = os.wait4(pid, 0)
os.write(report, str(usage.ru_maxrss).encode())
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _room_for_arguments() -> None:
    """Linux allows arguments up to a quarter of the stack limit (2 MB of an 8 MB stack): too
    little for 100,000 file names. Raise the limit for the child so its exec has room."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    wanted = 64 * 1024 * 1024
    if soft != resource.RLIM_INFINITY and soft < wanted:
        allowed = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_STACK, (allowed, hard))


def run_process(argv: Sequence[str], cwd: Path | None = None, check: bool = True,
                memory: bool = False) -> Run:
    """Run one whole process: its wall time and CPU time (from wait4). With `memory`, its peak
    resident memory too, through the launcher (whose start-up then counts in the times)."""
    env = child_env()
    reader, writer = os.pipe() if memory else (None, None)
    command = [sys.executable, "-S", "-c", _LAUNCHER, str(writer), *argv] if memory else list(argv)
    started = time.perf_counter()
    long = sum(len(arg) + 9 for arg in command) > 1_000_000
    process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               pass_fds=(writer,) if memory else (),
                               preexec_fn=_room_for_arguments if long else None)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    peak = 0
    if memory:
        os.close(writer)
        with os.fdopen(reader, "rb") as stream:
            peak = int(stream.read() or 0) * 1024
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr:
        process.stderr.close()
    if check and process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}: {error.strip()[-400:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, process.returncode)


@dataclass(frozen=True)
class Paired:
    ratio: float
    """The median of the pairs' A/B wall-time ratios: the figure."""
    cpu_ratio: float
    """The median of the pairs' A/B CPU-time ratios."""
    a: float
    b: float
    """Median wall times of A and of B, for context."""
    pairs: int
    spread: tuple[float, float]
    """The lowest and highest pair ratio (wall)."""


def paired(a: Callable[[], Sample], b: Callable[[], Sample], pairs: int) -> Paired:
    """Run `a` and `b` in alternated pairs after one warm-up each."""
    a(), b()
    ratios, cpu_ratios, a_values, b_values = [], [], [], []
    for number in range(pairs):
        if number % 2 == 0:
            first, second = a(), b()
        else:
            second, first = b(), a()
        ratios.append(first[0] / second[0])
        cpu_ratios.append(first[1] / second[1])
        a_values.append(first[0])
        b_values.append(second[0])
    return Paired(statistics.median(ratios), statistics.median(cpu_ratios), statistics.median(a_values),
                  statistics.median(b_values), pairs, (min(ratios), max(ratios)))


def process_time(argv_of: Callable[[], Sequence[str]], cwd: Path | None = None) -> Callable[[], Sample]:
    """A measure of one whole process (`argv_of` is called afresh for each run)."""
    def measure() -> Sample:
        run = run_process(argv_of(), cwd)
        return run.seconds, run.cpu
    return measure


def reported_time(argv: Sequence[str], cwd: Path | None = None) -> Callable[[], Sample]:
    """A measure that a process takes of itself: it prints "WALL CPU" (seconds) as its last line,
    timing only its work, after its start-up and imports (see baselines/library_standing.py)."""
    def measure() -> Sample:
        done = subprocess.run(list(argv), cwd=cwd, env=child_env(), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:3])} exited {done.returncode}: {done.stderr.strip()[-400:]}")
        wall, cpu = done.stdout.split()[-2:]
        return float(wall), float(cpu)
    return measure


def cpu_of(pid: int) -> float:
    """CPU seconds the process's main thread has used so far (Linux: /proc/PID/schedstat, in ns)."""
    with open(f"/proc/{pid}/schedstat") as stream:
        return int(stream.read().split()[0]) / 1e9


def spawn(argv: Sequence[str], cwd: Path | None = None):
    import pexpect

    child = pexpect.spawn(argv[0], list(argv[1:]), cwd=str(cwd) if cwd else None,
                         env=child_env(), dimensions=(50, 200),
                         encoding="utf-8", codec_errors="replace", maxread=65536, timeout=30)
    child.delaybeforesend = None  # pexpect sleeps 50 ms before each send unless told not to
    return child


def _end(child) -> None:
    """Stop a measured process for good. pexpect's own close tries gentle signals with short
    waits and gives up ("Could not terminate the child") when a loaded machine is slow to
    deliver them; SIGKILL, then waiting for it, always ends it."""
    import signal

    if child.isalive():
        child.kill(signal.SIGKILL)
        child.wait()
    child.close(force=True)


def first_question_time(argv: Sequence[str], question: str, cwd: Path | None = None) -> Sample:
    """From starting the process in a pseudo-terminal until `question` is on screen."""
    started = time.perf_counter()
    child = spawn(argv, cwd)
    try:
        child.expect_exact(question)
        return time.perf_counter() - started, cpu_of(child.pid)
    finally:
        _end(child)


def peak_memory_of(pid: int) -> int:
    """The process's peak resident memory so far, in bytes (Linux: VmHWM in /proc/PID/status)."""
    with open(f"/proc/{pid}/status") as stream:
        for line in stream:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def step_time(argv: Sequence[str], questions: Sequence[str], note_prompt: str,
              cwd: Path | None = None, peak: list[int] | None = None, known_prompt: str | None = None) -> Sample:
    """The median of one interview step in a pseudo-terminal: the first option's shortcut key
    (1) and Enter, Enter on "how do you know?" (`known_prompt`, when it is asked), Enter on the
    note prompt, until the next question is on screen (Enter alone would skip a question in
    goodlooks: its pointer starts on "Skip for now"). `peak`, if given, gets the process's peak
    memory appended."""
    child = spawn(argv, cwd)
    steps, cpus = [], []
    try:
        child.expect_exact(questions[0])
        for following in questions[1:]:
            started, cpu = time.perf_counter(), cpu_of(child.pid)
            child.send("1")
            child.send("\r")
            if known_prompt is not None:
                child.expect_exact(known_prompt)
                child.send("\r")
            child.expect_exact(note_prompt)
            child.send("\r")
            child.expect_exact(following)
            steps.append(time.perf_counter() - started)
            cpus.append(cpu_of(child.pid) - cpu)
        if peak is not None:
            peak.append(peak_memory_of(child.pid))
    finally:
        _end(child)
    return statistics.median(steps), statistics.median(cpus)
