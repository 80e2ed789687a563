"""A vote's save makes the results file from kept pieces (`room.file_text`): the bytes must be
exactly those the results module writes for the same results, whatever the names, notes and
answers, across the interview's own saves, the end of the session and a resumed room."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodlooks.results import store
from goodlooks.room.session import Recorder
from goodlooks.room.state import Opened, Room, room_from_record
from goodlooks.scoring.scores import ANSWERED, Choice

HOSTILE = ['Ada "the chair" \\ Lovelace', "Çé ☃ \u2028 \u202e", "</script>", None, "  spaced  out  ", "😀" * 20]


@pytest.fixture(scope="module")
def loaded():
    from goodlooks.bank.loader import load_bank

    return load_bank(None)


def session(loaded, tmp_path, room: Room | None = None):
    results = store.new_results(loaded)
    results.kind = "voted"
    room = room or Room()
    return results, room, Recorder(room, results, tmp_path / "room.json")


def same(recorder: Recorder) -> None:
    assert recorder.path.read_bytes() == store.results_json(recorder.results).encode()


def test_every_save_of_a_session_writes_what_the_results_module_would(loaded, tmp_path):
    results, room, recorder = session(loaded, tmp_path)
    recorder.save_votes()
    same(recorder)                                                        # nobody yet
    members = [room.join(name, n % 2 == 0)[0] for n, name in enumerate(HOSTILE)]
    questions = loaded.bank.questions()[:4]
    for number, question in enumerate(questions, start=1):
        room.open(Opened(question, number, len(questions), "Part"))
        recorder.save(results, recorder.path)                             # the interview's save
        same(recorder)
        for n, member in enumerate(members):
            note = HOSTILE[(n + number) % len(HOSTILE)]
            room.vote(member, question.id, question.choices[(n + number) % len(question.choices)].key, note)
            recorder.save_votes()
            same(recorder)
        room.vote(members[0], question.id, "dont_know", "changed my mind")  # a change: that question anew
        recorder.save_votes()
        same(recorder)
        room.reveal()
        store.record_answer(results, loaded.bank, question.id, Choice(ANSWERED, question.choices[0].key))
        results.distributions[question.id] = room.revealed.record
        recorder.save(results, recorder.path)
        same(recorder)
    store.complete(results, loaded.bank)
    recorder.save(results, recorder.path)                                 # the end: no cookie keys kept
    same(recorder)
    saved = store.load_results(recorder.path)
    assert sum(len(b) for b in saved.room.ballots.values()) == len(members) * len(questions)
    assert not any(m.key for m in saved.room.members)


def test_a_resumed_room_and_an_anonymous_one_write_the_same_too(loaded, tmp_path):
    _, room, recorder = session(loaded, tmp_path)
    ada, token = room.join("Ada", True)
    question = loaded.bank.questions()[0]
    room.open(Opened(question, 1, 2, "Part"))
    room.vote(ada, question.id, question.choices[1].key, "kept")
    recorder.save_votes()
    again = room_from_record(store.load_results(recorder.path).room, anonymous=True)
    _, _, recorder2 = session(loaded, tmp_path / "again", again)
    recorder2.save_votes()
    same(recorder2)
    back, _ = again.join(None, False, token)
    again.open(Opened(question, 1, 2, "Part"))
    again.vote(back, question.id, question.choices[2].key, None)
    recorder2.save_votes()
    same(recorder2)
    assert json.loads(recorder2.path.read_text(encoding="utf-8"))["room"]["members"][0]["name"] is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2), st.one_of(st.none(), st.text(max_size=40))),
                min_size=1, max_size=25),
       st.lists(st.one_of(st.none(), st.text(min_size=1, max_size=20)), min_size=1, max_size=6))
def test_any_names_and_notes_write_the_same(loaded, tmp_path_factory, votes, names):
    folder = tmp_path_factory.mktemp("room")
    _, room, recorder = session(loaded, folder)
    members = [room.join(name.strip() or None if name else None, True)[0] for name in names]
    questions = loaded.bank.questions()[:3]
    for number, question in enumerate(questions, start=1):
        room.open(Opened(question, number, 3, "Part"))
        for who, answer, note in votes:
            room.vote(members[who % len(members)], question.id, question.choices[answer].key, note)
            recorder.save_votes()
            same(recorder)
        room.reveal()
