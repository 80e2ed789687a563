"""In a real pseudo-terminal: resuming on a bank that changed lists the changes and asks first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_terminal_e2e import ENTER, MIXED_BANK, _env, no_traceback, results, terminals  # noqa: F401 - fixtures


def test_a_changed_bank_is_listed_and_asked_about_then_the_gone_answer_is_asked_again(terminals, tmp_path: Path):  # noqa: F811 - a fixture
    (tmp_path / "mixed.yaml").write_text(MIXED_BANK, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text("answers:\n  a1: {option: c, note: The best}\n  a2: b\n")
    done = subprocess.run([sys.executable, "-m", "goodlooks", "assess", "--bank", "mixed.yaml", "--answers",
                           "answers.yaml", "--output", "r.json"], cwd=tmp_path, env=_env(),
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    (tmp_path / "mixed.yaml").write_text(
        MIXED_BANK.replace("          - {key: c, label: Alpha one top, score: 10}\n", "")
        .replace("How is the beta thing?", "How good is the beta thing?"), encoding="utf-8")

    term = terminals("assess", "--resume", "r.json")
    term.expect("  - option 'a1/c' removed: 'Alpha one top'")
    term.expect("  - question 'b1' reworded: 'How is the beta thing?' -> 'How good is the beta thing?'")
    term.expect("Go on with the bank as it is now?")
    term.child.send("y")
    term.expect("(y or N, then Enter)")
    term.child.send(ENTER)                # y alone does not go on: Enter does
    term.answer(1, 3, keys="1")   # a1 is asked again: its answer 'c' is gone from the bank
    term.answer(3, 3, keys="1")   # b1, never answered
    assert term.finish() == 0
    no_traceback(term)

    saved = results(tmp_path)
    assert {k: a["option"] for k, a in saved["answers"].items()} == {"a1": "a", "a2": "b", "b1": "a"}
    assert [(a["question_id"], a["option"], a["note"]) for a in saved["set_aside"]] == [("a1", "c", "The best")]
    assert saved["answers"]["b1"]["question"] == "How good is the beta thing?"
