"""Promise 1 (defect 1): no raw control character reaches a terminal from any file, option or
name. Every C0 and C1 control, DEL, escape sequences (CSI, OSC, DCS, hyperlinks) and the bidi
overrides are fed through every command's output; the files keep the text as typed."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figures import record
from goodlooks.base.safe_text import has_unsafe, safe_json, terminal_text

C0 = [chr(code) for code in range(0x20)]
C1 = [chr(code) for code in range(0x80, 0xA0)]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"]
SEQUENCES = ["\x1b]0;PWNED\x07", "\x1b[2J\x1b[H", "\x1b[31;1m", "\x9b6n", "\x1bP+q544e\x1b\\",
             "\x1b]8;;https://evil.invalid\x1b\\click\x1b]8;;\x1b\\", "\x1b[8m", "\x1bc"]
EVERYTHING = "".join(C0 + ["\x7f"] + C1 + BIDI + SEQUENCES)


def _yaml(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every character that is not a letter escaped."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\u{ord(c):04x}" for c in text) + '"'


def hostile_bank(payload: str) -> str:
    t = _yaml("T" + payload + "x")
    return f"""\
id: hostile
title: {t}
version: {t}
description: {t}
source: {t}
levels:
  - {{name: {_yaml("Low" + payload + "x")}, min: 1, description: {t}}}
  - {{name: High, min: 2}}
groups:
  - {{id: g, title: {t}}}
tag_families:
  fam: {{title: {t}, description: {t}, tags: {{x: {t}}}}}
dimensions:
  - id: d
    title: {t}
    description: {t}
    group: g
    recommendations:
      {_yaml("Low" + payload + "x")}: {t}
    questions:
      - id: q
        text: {t}
        help: {t}
        tags: [{_yaml("T" + payload.replace(":", "") + "x")}, "fam:x"]
        options:
          - {{key: a, label: {t}, score: 1, recommendation: {t}}}
          - {{key: b, label: {_yaml("B" + payload + "x")}, score: 3}}
"""


def _outputs(run, workdir, payload: str) -> list:
    """Run every command on files, options and names that carry `payload`; their results."""
    (workdir / "bank.yaml").write_text(hostile_bank(payload), encoding="utf-8")
    (workdir / "answers.yaml").write_text(
        f"respondent: {_yaml('R' + payload + 'x')}\nanswers:\n  q: {{option: a, note: {_yaml('N' + payload)}}}\n",
        encoding="utf-8")
    (workdir / "r.json").unlink(missing_ok=True)
    (workdir / "wrong.yaml").write_text(f"answers:\n  {_yaml('q' + payload)}: a\n", encoding="utf-8")
    (workdir / "bad-bank.yaml").write_text(hostile_bank(payload).replace("id: q\n", f"id: {_yaml('q' + payload)}\n"),
                                           encoding="utf-8")
    name = "n" + payload.replace("\0", "").replace("/", "")
    results = [
        run("validate", "bank.yaml"),
        run("questions", "--bank", "bank.yaml"),
        run("questions", "--bank", "bank.yaml", "--format", "json"),
        run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json"),
        run("profile", "r.json", "--explain"),
        run("profile", "r.json", "--bank", "bank.yaml"),
        run("validate", "bad-bank.yaml"),
        run("assess", "--bank", "bank.yaml", "--answers", "wrong.yaml", "--output", "w.json"),
        run("profile", name + ".json"),
        run("assess", "--resume", name + ".json"),
        run("questions", "--format", payload or "x"),
        run("validate", name),
        run("init", name + ".yaml", "--force"),
        run("assess", "--respondent", "R" + payload, "--bank", "bank.yaml", "--answers", "answers.yaml",
            "--output", "r.json", "--force"),
    ]
    return results


def _check(results: list) -> None:
    for result in results:
        record("command outputs checked for raw control characters")
        assert result.exit_code in (0, 2, 3, 4), (result.exit_code, result.output)
        assert "Traceback" not in result.output
        assert not has_unsafe(result.stdout), repr(result.stdout)
        assert not has_unsafe(result.stderr), repr(result.stderr)


def test_every_control_and_sequence_at_once_through_every_command(run, workdir):
    results = _outputs(run, workdir, EVERYTHING)
    _check(results)
    assert [r.exit_code for r in results] == [0, 0, 0, 0, 0, 0, 3, 4, 2, 2, 2, 2, 0, 0]
    shown = results[1].stdout
    assert "PWNED" in shown and "\\x1b" in shown and "\\u202e" in shown and "\\x9b" in shown


def test_files_keep_the_text_as_typed(run, workdir):
    results = _outputs(run, workdir, EVERYTHING)
    saved = json.loads((workdir / "r.json").read_text(encoding="utf-8"))
    assert saved["respondent"] == "R" + EVERYTHING  # given with --respondent, kept as typed
    assert saved["bank"]["definition"]["title"] == ("T" + EVERYTHING + "x").strip()
    assert saved["answers"]["q"]["note"] == ("N" + EVERYTHING).strip()
    loaded = json.loads(results[2].stdout)  # questions --format json: escaped, the same text
    assert loaded["title"] == ("T" + EVERYTHING + "x").strip()


PIECES = st.sampled_from(C0 + ["\x7f"] + C1 + BIDI + SEQUENCES + ["a", "é", " ", "“", "Z"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_random_controls_through_every_command(run, workdir, payload):
    _check(_outputs(run, workdir, payload))
    record("hostile texts fed through every command")


@given(st.text())
def test_the_sanitiser_leaves_nothing_unsafe_and_changes_nothing_safe(text):
    shown = terminal_text(text)
    assert not has_unsafe(shown)
    if not has_unsafe(text):
        assert shown == text
    record("random texts through the sanitiser")


@given(st.text())
def test_safe_json_is_the_same_data_with_nothing_unsafe(text):
    out = safe_json({"t": text})
    assert json.loads(out) == {"t": text}
    assert not has_unsafe(out.replace("\n", ""))


def test_questions_json_keeps_readable_text_and_escapes_c1_and_bidi(run, write):
    write(hostile_bank("\u202e\x9b é “"))
    result = run("questions", "--bank", "bank.yaml", "--format", "json")
    assert result.exit_code == 0
    assert '"T\\u202e\\u009b é “x"' in result.stdout
    assert not has_unsafe(result.stdout)


def _interview_screen(run, monkeypatch, workdir, payload: str) -> str:
    """Everything an interview draws on a terminal (rich and questionary) for a hostile bank."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    (workdir / "bank.yaml").write_text(hostile_bank(payload), encoding="utf-8")
    monkeypatch.setattr("goodlooks.interview.prompts.terminal_available", lambda: True)
    monkeypatch.setenv("TERM", "xterm")  # TERM=dumb (conftest) would ask as plain lines
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=100), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text("1" + "\r" * 5)  # option 1, not how known, no note, finish the review, no targets
        result = run("assess", "--bank", "bank.yaml", "--output", "i.json")
    assert result.exit_code == 0, result.output
    return screen.getvalue() + result.stdout


PAYLOAD = "\u202e\u2066\x9b31m\x85"


def test_the_interview_shows_rich_text_safely(run, monkeypatch, workdir):
    shown = _interview_screen(run, monkeypatch, workdir, PAYLOAD)
    assert "Question 1 of 1" in shown
    assert "\\u202e" in shown  # the help text and titles, through the SafeConsole


def test_the_interview_prompts_show_no_bidi_or_c1_character(run, monkeypatch, workdir):
    shown = _interview_screen(run, monkeypatch, workdir, PAYLOAD)
    assert not any(character in shown for character in "\u202e\u2066\x9b\x85")
