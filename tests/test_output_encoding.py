"""Output in any encoding: every command run with standard output in cp1252 (what Windows uses
when output is redirected) and in ASCII exits 0 or with a clear error, never 1; what the
encoding cannot show is replaced by the nearest character it has."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY_BANK, subprocess_env
from goodlooks.base.output_encoding import nearest

ANSWERS = "respondent: Zoë “Chair”\nanswers:\n  users-met: b\n  users-heard: y\n"
BANK = TINY_BANK.replace("Do teams meet users?", "Do teams → meet users — at 中文 · daily?")

COMMANDS = [
    ("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "new.json"),
    ("assess", "--bank", "bank.yaml"),  # no terminal: a clear error (2)
    ("profile", "r.json", "--explain", "--notes"),
    ("profile", "r.json", "--format", "json"),
    ("validate", "bank.yaml", "what-good-looks-like"),
    ("validate", "nope.yaml"),
    ("questions", "--bank", "bank.yaml"),
    ("questions", "--format", "json"),
    ("schema", "results"),
    ("init", "-", "--from", "what-good-looks-like"),
    ("diff", "bank.yaml", "what-good-looks-like"),
    ("combine", "r.json", "r2.json", "--output", "-"),
    ("combine", "r.json", "r2.json", "--output", "c.json", "--force"),  # the profile: text
    ("compare", "r2.json", "r.json"),
    ("list", "."),
    ("form", "--bank", "bank.yaml", "--output", "-"),
    ("report", "r.json"),
    ("report", "r.json", "--format", "html"),
    ("peers", "o1.json", "o2.json", "o3.json", "--min-peers", "2"),
    ("peers", "o1.json", "o2.json", "o3.json", "--min-peers", "2", "--format", "json"),
    ("trend", "t1.json", "t2.json"),
    ("trend", "t1.json", "t2.json", "--format", "json"),
    ("trend", "o1.json", "o2.json"),  # different organisations: a clear error (4) naming them
    ("room", "--bank", "bank.yaml", "--host", "127.0.0.1", "--output", "room.json"),  # no terminal (2)
    ("--help",),
    ("assess", "--help"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("encodings")
    (folder / "bank.yaml").write_text(BANK, encoding="utf-8")
    (folder / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    for name in ("r.json", "r2.json"):
        _goodlooks(folder, "utf-8", "assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", name)
    for name, organisation in (("o1", "Trüst 1 → 中"), ("o2", "Trüst 2 → 中"), ("o3", "Trüst 3 → 中"),
                               ("t1", "Trüst → 中"), ("t2", "Trüst → 中")):
        _goodlooks(folder, "utf-8", "assess", "--bank", "bank.yaml", "--answers", "answers.yaml",
                   "--output", f"{name}.json", "--organisation", organisation)
    return folder


def _goodlooks(folder: Path, encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "goodlooks", *args], cwd=folder, capture_output=True,
                          env=subprocess_env(PYTHONIOENCODING=encoding, COLUMNS="100"), stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_every_command_in_a_narrow_encoding_exits_0_or_with_a_clear_error(folder, encoding):
    for args in COMMANDS:
        done = _goodlooks(folder, encoding, *args)
        said = done.stderr.decode(encoding)
        assert done.returncode != 1, (args, said)
        assert "unexpected error" not in said and "Traceback" not in said, (args, said)
        # A file's content (JSON, YAML, HTML, Markdown) is UTF-8, the encoding such a file has,
        # whatever the terminal's; text for people is in the terminal's encoding.
        is_file = args[0] in ("schema", "report") or "json" in args or "-" in args
        done.stdout.decode("utf-8" if is_file else encoding)


def test_the_profile_in_ascii_draws_with_the_nearest_characters(folder):
    shown = _goodlooks(folder, "ascii", "profile", "r.json").stdout.decode("ascii")
    assert "Zoe \"Chair\"" in shown  # the accent dropped, typographic quotes made plain
    assert "##" in shown and "?" not in shown.replace("??", "")  # bars drawn with #


def test_peers_and_trend_name_the_organisation_in_the_nearest_characters(folder):
    peers = _goodlooks(folder, "ascii", "peers", "o1.json", "o2.json", "o3.json", "--min-peers", "2")
    assert "Where Trust 1 -> ? stands among its peers" in peers.stdout.decode("ascii")
    trend = _goodlooks(folder, "cp1252", "trend", "t1.json", "t2.json").stdout.decode("cp1252")
    assert "Trüst -> ? over the years" in trend


def test_cp1252_keeps_what_it_has(folder):
    shown = _goodlooks(folder, "cp1252", "questions", "--bank", "bank.yaml").stdout.decode("cp1252")
    assert "Do teams -> meet users — at ?? · daily?" in shown  # → has no cp1252 form; — and · do; 中文 none


@pytest.mark.parametrize(("character", "encoding", "shown"), [
    ("█", "ascii", "#"), ("→", "cp1252", "->"), ("é", "ascii", "e"), ("—", "cp1252", "—"), ("—", "ascii", "-"),
    ("中", "ascii", "?"), ("ﬁ", "ascii", "fi"), ("·", "ascii", ".")])
def test_the_nearest_character(character, encoding, shown):
    assert nearest(character, encoding) == shown


def test_a_file_written_to_standard_output_is_utf_8_whatever_the_terminal(folder):
    html = _goodlooks(folder, "cp1252", "report", "r.json", "--format", "html").stdout
    assert "Zoë “Chair”" in html.decode("utf-8") and 'charset="utf-8"' in html.decode("utf-8").lower()


def test_importing_goodlooks_leaves_the_streams_alone():
    code = ("import sys; before = (sys.stdout.errors, sys.stderr.errors)\n"
            "import goodlooks.cli.commands, goodlooks.base.output_encoding\n"
            "print(before == (sys.stdout.errors, sys.stderr.errors))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
