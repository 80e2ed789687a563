"""What keeps results files quick (not timed): a save splices the bank copy serialised once, and a
bank copy read before is not validated again. Both must give exactly what the slow way gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TINY_BANK
from goodlooks.bank.loader import LoadedBank, load_bank, parse_bank
from goodlooks.base.errors import ResultsError
from goodlooks.results import known_copies, reading, store
from goodlooks.scoring.scores import ANSWERED, Choice

_TEXT = st.text(st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
    [store._PLACEHOLDER_KEY, store._MARKER, '"definition": {}', "\n    }", "\\u0000", "é\u2028\x7f"])


TWO_PARTS = TINY_BANK + """\
  - id: teams
    title: Teams
    questions:
      - id: teams-mixed
        text: Are teams mixed?
        scale: three
"""


def _tiny(title: str = "Tiny bank") -> LoadedBank:
    bank = parse_bank(TWO_PARTS.encode(), "bank.yaml")
    bank.title = title
    return LoadedBank(bank, Path("bank.yaml"), "0" * 64, False)


def _same_as_pydantic(results) -> None:
    """What a save writes is pydantic's indented JSON, but for the bank copy, on one line."""
    text = store.results_json(results)
    assert json.loads(text) == json.loads(results.model_dump_json())
    lines, expected = text.split("\n"), (results.model_dump_json(indent=2) + "\n").split("\n")
    copy = next(i for i, line in enumerate(lines) if line.startswith('    "definition": {'))
    assert lines[:copy] == expected[:copy]
    assert lines[copy + 1:] == expected[len(expected) - (len(lines) - copy - 1):]
    assert json.loads(lines[copy].removeprefix('    "definition": ').rstrip(",")) == results.bank.definition


@settings(max_examples=80, deadline=None)
@given(respondent=_TEXT, note=_TEXT, title=_TEXT.filter(lambda t: t.strip()))
def test_a_saved_file_is_what_pydantic_writes_with_the_bank_copy_on_one_line(respondent, note, title):
    loaded = _tiny(title)
    results = store.new_results(loaded, respondent)
    store.record_answer(results, loaded.bank, "users-met", Choice(ANSWERED, "b"), note)
    _same_as_pydantic(results)
    store.record_answer(results, loaded.bank, "users-heard", Choice("dont_know"))
    _same_as_pydantic(results)


def test_a_new_bank_copy_is_serialised_afresh():
    first, second = store.new_results(_tiny("First")), store.new_results(_tiny("Second"))
    for results in (first, second, first):
        assert json.loads(store.results_json(results))["bank"]["definition"]["title"] == \
            results.bank.definition["title"]


def test_the_saved_bank_copy_is_not_revalidated(monkeypatch, tmp_path):
    results = store.new_results(load_bank(None))

    def refuse(*args, **kwargs):
        raise AssertionError("validated while saving")

    monkeypatch.setattr("goodlooks.results.model.Results.model_validate", refuse)
    store.save(results, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["bank"]["id"] == "what-good-looks-like"


@pytest.fixture
def validations(monkeypatch):
    store._carried.clear()
    store._carried_objects.clear()
    seen = []
    original = store.bank_from_document

    def counting(doc, *args):
        seen.append(doc.name)
        return original(doc, *args)

    monkeypatch.setattr(store, "bank_from_document", counting)
    return seen


def test_a_bank_copy_seen_before_is_not_validated_again(validations, tmp_path):
    loaded = _tiny()
    paths = []
    for number in range(5):
        path = tmp_path / f"r{number}.json"
        store.save(store.new_results(loaded, f"Person {number}"), path)
        paths.append(path)
    banks = [store.carried_bank(store.load_results(path), path) for path in paths]
    assert validations == [str(paths[0])]
    assert all(bank is banks[0] for bank in banks) and banks[0].id == "tiny"


def test_a_changed_bank_copy_is_validated_and_a_broken_one_always_refused(validations, tmp_path):
    path = tmp_path / "r.json"
    store.save(store.new_results(_tiny()), path)
    store.carried_bank(store.load_results(path), path)
    data = json.loads(path.read_text())
    data["bank"]["definition"]["title"] = "Changed"
    path.write_text(json.dumps(data))
    assert store.carried_bank(store.load_results(path), path).title == "Changed"
    data["bank"]["definition"]["dimensions"][0]["questions"][0]["options"][0]["score"] = "lots"
    path.write_text(json.dumps(data))
    for _ in range(2):
        with pytest.raises(ResultsError, match="the copy of the bank inside it is not valid"):
            store.carried_bank(store.load_results(path), path)
    assert len(validations) == 4


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(["users-met", "users-heard", "teams-mixed"]),
                                st.sampled_from(["a", "b", "c", "n", "y", "not_applicable", "dont_know"]),
                                st.booleans()), max_size=8))
def test_scores_kept_up_after_each_answer_equal_scores_worked_out_afresh(steps):
    """record_answer re-scores one dimension when it safely can; answers set behind its back
    (set_answer without a refresh, or edited in place) make it score the whole bank again."""
    loaded = _tiny()
    results = store.new_results(loaded)
    for question_id, key, behind_its_back in steps:
        question = loaded.bank.question(question_id)
        if key in ("not_applicable", "dont_know"):
            choice = Choice(key)
        elif question.option(key) is None:
            continue
        else:
            choice = Choice(ANSWERED, key)
        if behind_its_back:
            store.set_answer(results, loaded.bank, question_id, choice)
            continue
        store.record_answer(results, loaded.bank, question_id, choice)
        fresh = store.refresh(results.model_copy(deep=True), loaded.bank)
        assert results.scores == fresh.scores
        assert results.recommendations == fresh.recommendations


@pytest.mark.parametrize("value", [True, None])
def test_a_copy_equal_to_a_valid_one_only_in_python_is_still_validated(validations, tmp_path, value):
    """1 == True in Python; the cache compares the copies' JSON, where they differ. (NaN never gets
    this far: the results reader refuses it.)"""
    path = tmp_path / "r.json"
    store.save(store.new_results(_tiny()), path)
    store.carried_bank(store.load_results(path), path)
    data = json.loads(path.read_text())
    data["bank"]["definition"]["dimensions"][0]["questions"][0]["options"][0]["score"] = value
    path.write_text(json.dumps(data))
    with pytest.raises(ResultsError, match="not valid"):
        store.carried_bank(store.load_results(path), path)


# A bank copy read before is not parsed again ----------------------------------------------

@pytest.fixture
def no_known_copies():
    known_copies._known.clear()
    yield
    known_copies._known.clear()


def _whole_parse(text: str) -> str:
    """What the strict reader makes of `text` parsing all of it: the JSON written back (where
    1, 1.0 and true differ, unlike in Python), or "refused"."""
    try:
        data = reading.strict_loads(text)
    except (ValueError, RecursionError):
        return "refused"
    return "refused" if reading._depth(data) > reading.MAX_DEPTH else json.dumps(data)


def _read(text: str) -> str:
    try:
        return json.dumps(reading.parse_results_json(text.encode(), Path("r.json")))
    except ResultsError:
        return "refused"


def _saved_text(tmp_path: Path, respondent: str = "Ann") -> str:
    path = tmp_path / f"{respondent}.json"
    loaded = _tiny()
    results = store.new_results(loaded, respondent)
    store.record_answer(results, loaded.bank, "users-met", Choice(ANSWERED, "b"), "a note")
    store.save(results, path)
    return path.read_text()


def test_a_second_file_with_the_same_bank_copy_reuses_it_and_reads_the_same(no_known_copies, tmp_path):
    first, second = _saved_text(tmp_path, "Ann"), _saved_text(tmp_path, "Bob")
    one, two = (reading.parse_results_json(text.encode(), Path("r.json")) for text in (first, second))
    assert two["bank"]["definition"] is one["bank"]["definition"]
    assert known_copies.is_known(two["bank"]["definition"])
    assert json.dumps(two) == _whole_parse(second) and two["respondent"] == "Bob"
    results = store.load_results(tmp_path / "Bob.json")
    assert results.bank.definition is one["bank"]["definition"]
    assert store.carried_bank(results, tmp_path / "Bob.json").id == "tiny"


def test_a_definition_key_elsewhere_holding_the_known_copy_is_read_in_full(no_known_copies, tmp_path):
    text = _saved_text(tmp_path)
    _read(text)
    line = next(row for row in text.splitlines() if row.startswith('    "definition": '))
    decoy = text.replace('  "tool": {', '  "tool": {\n' + line.rstrip(",") + ",", 1)
    data = reading.parse_results_json(decoy.encode(), Path("r.json"))
    assert "definition" in data["tool"] and json.dumps(data) == _whole_parse(decoy)
    moved = text.replace(line, '    "definition": {},', 1).replace('  "tool": {', '  "tool": {\n' + line, 1)
    assert _read(moved) == _whole_parse(moved)
    assert json.loads(_read(moved))["bank"]["definition"] == {}


def test_damage_in_the_rest_of_a_file_with_a_known_copy_is_still_found(no_known_copies, tmp_path):
    text = _saved_text(tmp_path)
    _read(text)
    damaged = text.replace('  "respondent": "Ann",', '  "respondent": "Ann",\n  "respondent": "Eve",', 1)
    with pytest.raises(ResultsError, match=r"r\.json:1:1: duplicate key 'respondent'"):
        reading.parse_results_json(damaged.encode(), Path("r.json"))


_PIECES = st.sampled_from(['"', "\\", "{", "}", "[", "]", ",", ":", " ", "\n", "0", "1e999", "NaN", "x",
                           '"definition": ', '"definition": {}', '"bank": {', '"a": 1, "a": 2', "[" * 70])


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_edit_of_a_file_with_a_known_copy_reads_as_the_whole_parse_does(tmp_path_factory, data):
    known_copies._known.clear()
    text = _saved_text(tmp_path_factory.getbasetemp())
    _read(text)
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 3))
    edited = text[:at] + data.draw(_PIECES) + text[at + cut:]
    for _ in range(2):  # the second time, the edited copy may be the known one
        assert _read(edited) == _whole_parse(edited)
    known_copies._known.clear()


@pytest.mark.parametrize("deep", [60, 62])
def test_nesting_inside_a_bank_copy_counts_towards_the_depth_limit(no_known_copies, tmp_path, deep):
    """The copy sits two levels down (file, bank): a copy 61 levels deep makes a file 63 deep, and
    one 63 deep makes 65, over the limit of 64, whether the copy is new or a known one."""
    text = _saved_text(tmp_path).replace('"definition": {', '"definition": {"x":' + "[" * deep + "]" * deep + ",", 1)
    expected = "refused" if deep + 1 + 2 > reading.MAX_DEPTH else _whole_parse(text)
    assert _whole_parse(text) == expected
    for _ in range(2):
        assert _read(text) == expected
