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
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and a POSIX pty")

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


def _spawn(folder: Path, pause: float, *args: str):
    child = pexpect.spawn(sys.executable, [str(HARNESS), "assess", *args], cwd=str(folder), encoding="utf-8",
                          timeout=30, dimensions=(40, 120),
                          env=subprocess_env(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1",
                                             KILL_HARNESS_PAUSE=str(pause)))
    child.delaybeforesend = None
    return child


def test_killed_at_random_moments_nothing_saved_is_lost(tmp_path):
    rng = random.Random(8)
    (tmp_path / "bank.yaml").write_text(_bank(), encoding="utf-8")
    results = tmp_path / "r.json"
    confirmed: dict[str, str] = {}  # answers whose save finished before the kill
    kills = inside_saves = 0
    started = time.perf_counter()
    for round_ in range(ROUNDS):
        inside = round_ % 3 == 1  # every third round: killed inside a save
        args = ("--resume", "r.json") if round_ else ("--bank", "bank.yaml", "--output", "r.json")
        child = _spawn(tmp_path, 0.5 if inside else 0.0, *args)
        try:
            if round_:
                child.expect_exact(f"Carrying on: {len(confirmed)} answer")
            child.expect(r"Question (\d+) of")
            number = int(child.match.group(1))
            child.expect_exact("Don't know")
            assert not list(tmp_path.glob(".goodlooks-*.tmp")), "a killed run's temporary file was left"
            for _ in range(rng.randint(0, 2)):
                key = rng.choice("abc")
                child.send("abc".index(key) * "\x1b[B" + "\r")
                child.expect_exact("<<SAVED>>")
                confirmed[f"q{(number - 1) // (QUESTIONS // 4)}-{(number - 1) % (QUESTIONS // 4)}"] = key
                child.expect_exact("Note: why this answer?")
                child.send("\r")
                child.expect(r"Question (\d+) of")
                number = int(child.match.group(1))
                child.expect_exact("Don't know")
            if inside:
                child.send("\r")
                child.expect_exact("<<SAVING>>")  # the temporary file is written; not yet renamed
                inside_saves += 1
            else:
                if rng.random() < 0.5:
                    child.send(rng.choice(["\r", "\x1b[B\r", "\x1b[B"]))
                time.sleep(rng.uniform(0, 0.3))
            child.kill(signal.SIGKILL)
            child.close(force=True)
            assert child.signalstatus == signal.SIGKILL
            kills += 1
            if inside:  # killed between write and rename: the temporary file is there, complete
                assert len(list(tmp_path.glob(".goodlooks-*.tmp"))) == 1
        finally:
            if child.isalive():
                child.terminate(force=True)
        saved = load_results(results)  # valid: parses and validates as a results file
        kept = {qid: answer.option for qid, answer in saved.answers.items()}
        assert {qid: kept.get(qid) for qid in confirmed} == confirmed
        confirmed = kept  # an answer sent at the moment of the kill may or may not have landed
        json.loads(results.read_text(encoding="utf-8"))
    record("SIGKILLs survived with every saved answer kept", kills)
    record("SIGKILLs inside a save (between write and rename)", inside_saves)
    record("answers saved across the killed runs", len(confirmed))
    note("time for the kill-at-random test", f"{time.perf_counter() - started:.0f} s")
    assert kills >= 25 and inside_saves >= 8
