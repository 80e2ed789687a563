"""Promise 8: fuzzing. Hypothesis feeds the bank loader, the answers-file reader, the results
reader, peers and trend mutations of valid files, random bytes and random unicode. Each either reads the file or
refuses it with a goodlooks error (exit 2, 3 or 4); nothing else (exit 1) and no hang."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from conftest import EXAMPLES, TINY_BANK
from figures import record
from goodlooks.assessment import report_bank
from goodlooks.bank.loader import parse_bank
from goodlooks.base.errors import GoodlooksError
from goodlooks.render.outline import render_outline
from goodlooks.render.profile import render_profile
from goodlooks.results import store
from goodlooks.results.answers_file import read_answers_file
from goodlooks.scoring.scores import ANSWERED, Choice

FUZZ = settings(max_examples=500, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
BANKS = [TINY_BANK.encode(), (EXAMPLES / "software-assurance.yaml").read_bytes()[:6000]]
ANSWERS = [b"respondent: Dana\nanswers:\n  users-met: b\n  users-heard: {option: y, note: why}\n",
           b'{"answers": {"users-met": "c", "users-heard": "not_applicable"}}']
BANK = parse_bank(TINY_BANK.encode(), "bank.yaml")


def _results_file(organisation: str | None = None) -> bytes:
    loaded = type("Loaded", (), {"bank": BANK, "path": Path("bank.yaml"), "sha256": "0" * 64, "builtin": False,
                                 "bases": []})
    results = store.new_results(loaded, "Dana")
    store.record_answer(results, BANK, "users-met", Choice(ANSWERED, "b"), "a note")
    if organisation is not None:  # a finished assessment of a named organisation, as peers and trend read
        results.organisation = organisation
        store.record_answer(results, BANK, "users-heard", Choice(ANSWERED, "y"), None)
        store.complete(results, BANK)
    return (results.model_dump_json(indent=2) + "\n").encode()


RESULTS = _results_file()
NAMED = [_results_file(f"Trust {number}") for number in range(3)]  # peers: three organisations
YEARS = [_results_file("Trust 0") for _ in range(2)]  # a trend: one organisation assessed twice
NASTY = [b"\x00", b"\xff", b"\xc3", b"\t", b"\r", b"\n", b" ", b":", b"- ", b"{", b"}", b"[", b"]", b'"',
         b"'", b",", b"&a", b"*a", b"!!python/object:os.system", b"---", b"1e308", b"-1e308", b"NaN",
         b"9" * 5000, b"[" * 3000, b"\x1b]0;x\x07", "\u202e".encode(), b"~", b"null", b"true", b"%YAML 1.2"]


@st.composite
def mutated(draw, seeds: list[bytes]) -> bytes:
    """A valid file with a few random edits: cut, insert, replace, repeat or truncate."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "replace", "repeat", "truncate"]))
        piece = draw(st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=8)))
        if kind == "cut":
            del data[at: at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = piece
        elif kind == "replace":
            data[at: at + len(piece)] = piece
        elif kind == "repeat":
            data[at:at] = data[at: at + draw(st.integers(1, 60))] * draw(st.integers(1, 3))
        else:
            del data[at:]
    return bytes(data)


def any_input(seeds: list[bytes]):
    return st.one_of(mutated(seeds), st.binary(max_size=400), st.text(max_size=400).map(str.encode))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _file(folder: Path, raw: bytes, name: str) -> Path:
    path = folder / name
    path.write_bytes(raw)
    return path


def _use(bank, picks: list[int]) -> None:
    """Answer every question of a bank that loaded, score it and render its outline and profile."""
    loaded = type("Loaded", (), {"bank": bank, "path": Path("b.yaml"), "sha256": "0" * 64, "builtin": False,
                                 "bases": []})
    results = store.new_results(loaded, None)
    for question, pick in zip(bank.questions(), picks * len(bank.questions())):
        option = question.choices[pick % len(question.choices)]
        store.set_answer(results, bank, question.id, Choice(ANSWERED, option.key))
    store.refresh(results, bank)
    console = Console(file=io.StringIO(), width=80)
    render_outline(bank, console)
    render_profile(bank, results, console)


@FUZZ
@given(any_input(BANKS), st.lists(st.integers(0, 9), min_size=1, max_size=5))
def test_the_bank_loader_reads_or_refuses_with_exit_3_and_what_it_reads_can_be_used(raw, picks):
    try:
        bank = parse_bank(raw, "bank.yaml")
    except GoodlooksError as error:
        assert error.exit_code == 3, error
    else:
        _use(bank, picks)
    record("fuzz examples: bank loader")


@FUZZ
@given(any_input(ANSWERS), st.sampled_from(["answers.yaml", "answers.json"]))
def test_the_answers_reader_reads_or_refuses_with_exit_4(folder, raw, name):
    try:
        read_answers_file(_file(folder, raw, name), BANK)
    except GoodlooksError as error:
        assert error.exit_code in (2, 4), error
    record("fuzz examples: answers-file reader")


# Values json.dumps cannot write (it refuses them, or recursion stops it), put in afterwards.
SPECIAL = {'"@@huge@@"': "9" * 5000, '"@@deep@@"': "[" * 3000 + "]" * 3000, '"@@nan@@"': "NaN",
           '"@@big@@"': "1e400", '"@@neg@@"': "-1e308"}
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
              st.text(max_size=20), st.sampled_from(["answered", "not_applicable", "a", "b", "users-met"]),
              st.sampled_from([key.strip('"') for key in SPECIAL])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


@st.composite
def edited_results(draw, seed: bytes = RESULTS) -> bytes:
    """The valid results file with values at random places replaced, removed or added."""
    data = json.loads(seed)
    for _ in range(draw(st.integers(1, 3))):
        node = data
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
            if not isinstance(node[key], (dict, list)) or not node[key]:
                break
            node = node[key]
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            if draw(st.booleans()):
                node[key] = draw(JSON_VALUES)
            else:
                del node[key]
        elif isinstance(node, list):
            node.append(draw(JSON_VALUES))
    text = json.dumps(data)
    for token, raw in SPECIAL.items():
        text = text.replace(token, raw)
    if draw(st.integers(0, 5)) == 0:  # a key written twice
        key = draw(st.sampled_from(["schema_version", "respondent", "status", "option", "score"]))
        text = text.replace(f'"{key}": ', f'"{key}": null, "{key}": ', 1)
    return text.encode()


def _profile(folder: Path, raw: bytes) -> None:
    path = _file(folder, raw, "r.json")
    results = store.load_results(path)
    bank = report_bank(results, path, None)
    render_profile(bank, results, Console(file=io.StringIO(), width=80))


@FUZZ
@given(st.one_of(edited_results(), any_input([RESULTS])))
def test_the_results_reader_and_profile_read_or_refuse_with_exit_4(folder, raw):
    try:
        _profile(folder, raw)
    except GoodlooksError as error:
        assert error.exit_code in (2, 4), error
    record("fuzz examples: results reader and profile")


@settings(max_examples=800, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(edited_results())
def test_structurally_edited_results_files_never_crash(folder, raw):
    try:
        _profile(folder, raw)
    except GoodlooksError as error:
        assert error.exit_code in (2, 4), error
    record("fuzz examples: results reader and profile")


def _peers(folder: Path, raw: bytes | None, at: int) -> None:
    from goodlooks.render.peers import render_peers
    from goodlooks.workshop.peer_files import read_peers

    paths = [_file(folder, seed, f"peer-{number}.json") for number, seed in enumerate(NAMED)]
    if raw is not None:
        paths[at].write_bytes(raw)
    render_peers(read_peers(paths[0], paths[1:], min_peers=2), Console(file=io.StringIO(), width=80))


def _trend(folder: Path, raw: bytes | None, at: int) -> None:
    from goodlooks.render.trend import render_trend
    from goodlooks.workshop.trend_files import read_trend

    paths = [_file(folder, seed, f"year-{number}.json") for number, seed in enumerate(YEARS)]
    if raw is not None:
        paths[at].write_bytes(raw)
    render_trend(read_trend(paths).trend, Console(file=io.StringIO(), width=80))


def test_the_unedited_peers_and_trend_files_are_read(folder):
    _peers(folder, None, 0)
    _trend(folder, None, 0)


@FUZZ
@given(st.one_of(edited_results(NAMED[0]), any_input([NAMED[0]])), st.integers(0, 2))
def test_peers_read_or_refuse_with_exit_2_or_4(folder, raw, at):
    try:
        _peers(folder, raw, at)
    except GoodlooksError as error:
        assert error.exit_code in (2, 4), error
    record("fuzz examples: peers")


@FUZZ
@given(st.one_of(edited_results(YEARS[0]), any_input([YEARS[0]])), st.integers(0, 1))
def test_trend_reads_or_refuses_with_exit_2_or_4(folder, raw, at):
    try:
        _trend(folder, raw, at)
    except GoodlooksError as error:
        assert error.exit_code in (2, 4), error
    record("fuzz examples: trend")
