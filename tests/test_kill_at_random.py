"""Promise 7: killed at any moment, nothing saved is lost. `goodlooks assess` runs in a real
pseudo-terminal and is killed with SIGKILL again and again: at random moments, and inside saves
(between writing the temporary file and renaming it). After every kill the results file is
valid, holds every answer whose save had finished, and the next run resumes from it (which
also proves a killed run's lock does not block and its temporary files are cleaned)."""

from __future__ import annotations

import json
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from conftest import subprocess_env
from figures import note, record
from goodlooks.results.store import load_results

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.posix_terminal  # skipped on Windows (tests/conftest.py)

HARNESS = Path(__file__).resolve().parent / "kill_harness.py"
ROUNDS = 30
QUESTIONS = 80


def _bank() -> str:
    lines = ['id: kills', 'title: Kill test', 'version: "1"', "scales:", "  three:",
             "    - {key: a, label: Rarely, score: 1}", "    - {key: b, label: Sometimes, score: 2}",
             "    - {key: c, label: Always, score: 3}", "dimensions:"]
    for d in range(4):
        lines += [f"  - id: d{d}", f"    title: Part {d}", "    questions:"]
        lines += [f"      - {{id: q{d}-{q}, text: Question {d}-{q}?, scale: three}}" for q in range(QUESTIONS // 4)]
    return "\n".join(lines) + "\n"


def _spawn(folder: Path, *args: str):
    child = pexpect.spawn(sys.executable, [str(HARNESS), "assess", *args], cwd=str(folder), encoding="utf-8",
                          timeout=120, dimensions=(40, 120),  # only a hang waits this long
                          env=subprocess_env(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1",
                                             KILL_HARNESS_PAUSE_FILE=str(folder / "pause-saves")))
    child.delaybeforesend = None
    return child


def _check(results: Path, confirmed: dict[str, str]) -> None:
    """The file is valid and holds every answer whose save had finished. (An answer sent at the
    moment of the kill may or may not have landed; the next round counts what is there.)"""
    saved = load_results(results)  # parses and validates as a results file
    json.loads(results.read_text(encoding="utf-8"))
    kept = {qid: answer.option for qid, answer in saved.answers.items()}
    assert {qid: kept.get(qid) for qid in confirmed} == confirmed


def _answer_then_stop(child, folder: Path, rng: random.Random, confirmed: dict[str, str], inside: bool,
                      first: bool) -> None:
    """Answer 0 to 2 questions (recording each whose save finished), then reach the moment of
    the kill: inside a save, or a random moment, maybe just after a key. Every question put is
    one not answered before, so the pointer starts on "Skip for now": DOWN once is option a.

    The welcome says "Carrying on: N answers" only when the file holds some (a run killed
    before its first save finished left none): wait for it only then, or the test would hang
    until its timeout whenever a kill came early."""
    if not first and confirmed:
        child.expect_exact(f"Carrying on: {len(confirmed)} answer")
    child.expect(r"Question (\d+) of")
    number = int(child.match.group(1))
    child.expect_exact("Don't know")
    assert not list(folder.glob(".goodlooks-*.tmp")), "a killed run's temporary file was left"
    for _ in range(rng.randint(0, 2)):
        key = rng.choice("abc")
        child.send(("abc".index(key) + 1) * "\x1b[B" + "\r")
        child.expect_exact("<<SAVED>>")
        confirmed[f"q{(number - 1) // (QUESTIONS // 4)}-{(number - 1) % (QUESTIONS // 4)}"] = key
        child.expect_exact("How do you know? (Enter to skip)")
        child.send("\r")  # say nothing: nothing more to save
        child.expect_exact("Note: why this answer?")
        child.send("\r")
        child.expect(r"Question (\d+) of")
        number = int(child.match.group(1))
        child.expect_exact("Don't know")
    if inside:
        (folder / "pause-saves").touch()  # the harness now waits inside each save
        child.send("\x1b[B\r")  # answer a (Enter alone would skip, saving nothing)
        child.expect_exact("<<SAVING>>")  # the temporary file is written; not yet renamed
        return
    if rng.random() < 0.5:
        child.send(rng.choice(["\x1b[B\r", "\x1b[B\x1b[B\r", "\x1b[B"]))  # answer a, answer b, or only move
    time.sleep(rng.uniform(0, 0.3))


@pytest.mark.timeout(900)  # 30 runs of goodlooks: on a loaded machine each start can take seconds
def test_killed_at_random_moments_nothing_saved_is_lost(tmp_path):
    rng = random.Random(8)
    (tmp_path / "bank.yaml").write_text(_bank(), encoding="utf-8")
    results = tmp_path / "r.json"
    confirmed: dict[str, str] = {}  # answers whose save finished before the kill
    kills = inside_saves = starting_kills = 0
    started = time.perf_counter()
    for round_ in range(ROUNDS):
        inside = round_ % 3 == 1  # every third round: killed inside a save
        at_start = not inside and round_ % 4 == 2  # some while starting, resuming, saving the first time
        args = ("--resume", "r.json") if round_ else ("--bank", "bank.yaml", "--output", "r.json")
        child = _spawn(tmp_path, *args)
        try:
            if at_start:
                time.sleep(rng.uniform(0.1, 1.0))
                starting_kills += 1
            else:
                _answer_then_stop(child, tmp_path, rng, confirmed, inside, first=round_ == 0)
                inside_saves += inside
            child.kill(signal.SIGKILL)
            child.close(force=True)
            assert child.signalstatus == signal.SIGKILL
            kills += 1
            if inside:  # killed between write and rename: the temporary file is there, complete
                assert len(list(tmp_path.glob(".goodlooks-*.tmp"))) == 1
                (tmp_path / "pause-saves").unlink()
        finally:
            if child.isalive():
                child.terminate(force=True)
        _check(results, confirmed)
        confirmed = {qid: answer.option for qid, answer in load_results(results).answers.items()}
    record("SIGKILLs survived with every saved answer kept", kills)
    record("SIGKILLs inside a save (between write and rename)", inside_saves)
    record("SIGKILLs while starting or resuming", starting_kills)
    record("answers saved across the killed runs", len(confirmed))
    note("time for the kill-at-random test", f"{time.perf_counter() - started:.0f} s")
    assert kills >= 25 and inside_saves >= 8
