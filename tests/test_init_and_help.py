"""`goodlooks init --from` (a full copy) and `--extends` (an overlay whose examples validate), and
help that reads as a person wrote it."""

from __future__ import annotations

import re

import pytest

from conftest import TINY_BANK
from goodlooks.bank.documents import builtin_banks
from goodlooks.bank.loader import load_bank
from goodlooks.cli.commands import app


def test_init_from_copies_the_bank_file_byte_for_byte_under_a_header(run, workdir):
    result = run("init", "mine.yaml", "--from", "what-good-looks-like")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == ("Wrote a copy of 'what-good-looks-like' version 3.0 to mine.yaml. Edit it, then "
                             "check it with: goodlooks validate mine.yaml\n")
    written = (workdir / "mine.yaml").read_bytes()
    original = builtin_banks()["what-good-looks-like"].read_bytes()
    header, copy = written.split(b"\n\n", 1)
    assert copy == original
    assert all(line.startswith(b"# ") for line in header.splitlines())
    assert b"goodlooks init FILE --extends what-good-looks-like" in header
    assert run("validate", "mine.yaml").exit_code == 0


def _uncommented(text: str) -> str:
    """The overlay with every example line's '# ' removed (the lines after `version:`)."""
    head, examples = text.split('version: "0.1"\n', 1)
    return head + 'version: "0.1"\n' + re.sub(r"(?m)^# ", "", examples)


@pytest.mark.parametrize("base", ["what-good-looks-like", "tiny.yaml"])
def test_init_extends_writes_an_overlay_whose_every_example_validates(run, write, workdir, base):
    write(TINY_BANK, "tiny.yaml")
    (workdir / "trusts").mkdir()
    result = run("init", "trusts/north.yaml", "--extends", base)
    assert result.exit_code == 0, result.output
    text = (workdir / "trusts" / "north.yaml").read_text()
    assert run("validate", "trusts/north.yaml").exit_code == 0
    write(_uncommented(text), "trusts/all.yaml")
    result = run("validate", "trusts/all.yaml")
    assert result.exit_code == 0, result.output
    loaded = load_bank("trusts/all.yaml")
    assert loaded.bank.id == "north"
    kinds = {kind for kind, _ in loaded.resolution.marks} | {kind for kind, _ in loaded.resolution.removed}
    assert {"question", "option", "dimension"} <= kinds


def test_init_extends_names_a_base_file_relative_to_the_overlay(run, write, workdir):
    write(TINY_BANK, "tiny.yaml")
    (workdir / "trusts").mkdir()
    assert run("init", "trusts/north.yaml", "--extends", "tiny.yaml").exit_code == 0
    assert 'extends: {bank: "../tiny.yaml", version: "1"}' in (workdir / "trusts" / "north.yaml").read_text()


def test_init_takes_one_of_from_and_extends(run, workdir):
    result = run("init", "x.yaml", "--from", "what-good-looks-like", "--extends", "what-good-looks-like")
    assert result.exit_code == 2
    assert result.stderr == "choose one of --from (a full copy) and --extends (an overlay)\n"


def test_init_from_a_broken_bank_exits_3(run, write):
    write("id: [\n", "broken.yaml")
    assert run("init", "x.yaml", "--from", "broken.yaml").exit_code == 3


def _every_help(run) -> dict[str, str]:
    helps = {"goodlooks": run("--help").stdout}
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        result = run(name, "--help")
        assert result.exit_code == 0
        helps[name] = result.stdout
    return helps


def test_help_shows_no_type_labels_anywhere(run):
    helps = _every_help(run)
    assert len(helps) == len(app.registered_commands) + 1
    for name, text in helps.items():
        assert not re.search(r"<[a-z_\[\], ]+>", text), (name, re.findall(r"<[^>]*>", text))
        assert not re.search(r"\{[A-Za-z_]+\}", text), name  # Typer's {FILE} for a required argument
        assert "BOOLEAN" not in text and "TEXT" not in text, name
        for line in text.splitlines():  # every option that takes a value names it
            if re.match(r"│ --(output|bank|respondent|answers|resume|format|from|extends)\b", line):
                assert re.search(r"[A-Z]{3,}|text\|json", line), (name, line)


def test_init_from_an_overlay_is_refused_with_the_extends_command(run, write):
    write(TINY_BANK, "tiny.yaml")
    write('extends: tiny.yaml\nid: mine\nversion: "1"\n', "mine.yaml")
    result = run("init", "copy.yaml", "--from", "mine.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("mine.yaml is an overlay bank: its text holds only its changes, so a copy of it is "
                             "not a whole bank. Extend it instead: goodlooks init copy.yaml --extends mine.yaml\n")
