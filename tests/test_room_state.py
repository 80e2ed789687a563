"""The room's state and rules, with no server and no terminal: joining, who may vote, changing a
vote, the reveal, the ends of the spread, what the file keeps, and resuming."""

from __future__ import annotations

import pytest

from conftest import TINY_BANK
from goodlooks.room.guard import Budget, Door, new_secret, normalise_secret
from goodlooks.room.state import MAX_NAME, MAX_NOTE, Opened, Refused, Room, room_from_record
from goodlooks.room.views import ends as views_ends
from goodlooks.room.views import phone_context, progress, public_state, who


@pytest.fixture
def bank(tmp_path):
    from goodlooks.bank.loader import load_bank

    (tmp_path / "tiny.yaml").write_text(TINY_BANK, encoding="utf-8")
    return load_bank(str(tmp_path / "tiny.yaml")).bank


def opened(bank, number: int = 1) -> Opened:
    question = bank.questions()[number - 1]
    return Opened(question, number, 2, "Users")


def test_a_member_votes_changes_the_vote_and_the_reveal_counts_it_once(bank):
    room = Room()
    ada, _ = room.join("Ada", True)
    ben, _ = room.join(None, False)
    room.open(opened(bank))
    room.vote(ada, "users-met", "a", "first thought")
    assert not room.everyone_voted()
    room.vote(ada, "users-met", "c", "  on reflection \n always ")
    room.vote(ben, "users-met", "a", None)
    assert room.everyone_voted()
    record = room.reveal()
    assert record.counts == {"a": 1, "b": 0, "c": 1, "not_applicable": 0, "dont_know": 0}
    assert (record.source, record.spread, record.discuss) == ("votes", 2, True)
    assert [(v.respondent, v.answer, v.note) for v in record.voices] == [("Ada", "c", "on reflection always")]
    ends = views_ends(room)
    assert (ends.low, ends.low_names, ends.low_unnamed, ends.high, ends.high_names) == (
        "Rarely", [], 1, "Always", ["Ada"])
    with pytest.raises(Refused) as refused:
        room.vote(ben, "users-met", "c", None)
    assert refused.value.status == 409


def test_a_late_joiner_votes_from_the_next_question(bank):
    room = Room()
    early, _ = room.join("Early", False)
    room.open(opened(bank))
    late, _ = room.join("Late", False)
    assert room.may_vote(early) and not room.may_vote(late)
    with pytest.raises(Refused) as refused:
        room.vote(late, "users-met", "a", None)
    assert refused.value.status == 403
    room.vote(early, "users-met", "a", None)
    assert room.everyone_voted()  # the late joiner is not waited for
    room.reveal()
    room.open(opened(bank, 2))
    room.vote(late, "users-heard", "y", None)


def test_only_the_open_question_takes_votes_and_only_its_answers(bank):
    room = Room()
    ada, _ = room.join("Ada", False)
    with pytest.raises(Refused):
        room.vote(ada, "users-met", "a", None)  # the lobby: nothing open
    room.open(opened(bank))
    for question, answer, status in (("users-heard", "y", 409), ("users-met", "z", 422), ("users-met", "", 422)):
        with pytest.raises(Refused) as refused:
            room.vote(ada, question, answer, None)
        assert refused.value.status == status
    room.vote(ada, "users-met", "not_applicable", None)
    room.pause("skipped")
    with pytest.raises(Refused):
        room.vote(ada, "users-met", "a", None)


def test_names_and_notes_are_bounded(bank):
    room = Room()
    with pytest.raises(Refused) as refused:
        room.join("x" * (MAX_NAME + 1), True)
    assert refused.value.status == 413
    ada, _ = room.join("  Ada \n Lovelace ", True)
    assert ada.name == "Ada Lovelace"
    room.open(opened(bank))
    with pytest.raises(Refused):
        room.vote(ada, "users-met", "a", "n" * (MAX_NOTE + 1))


def test_a_phone_that_rejoins_with_its_cookie_is_the_same_member(bank):
    room = Room()
    ada, token = room.join("Ada", True)
    again, same = room.join("Someone else", False, token)
    assert again is ada and same == token and len(room.members) == 1
    other, other_token = room.join("Ada", True, "not-a-real-token")
    assert other is not ada and other_token != "not-a-real-token"


def test_before_the_reveal_no_view_tells_a_vote_or_a_count_by_option(bank):
    room = Room()
    ada, _ = room.join("Ada", True)
    ben, _ = room.join("Ben", True)
    room.open(opened(bank))
    room.vote(ada, "users-met", "c", "a secret reason")
    for context in (phone_context(room, ben), phone_context(room, None)):
        assert context["reveal"] is None and context["mine"] is None
        assert "a secret reason" not in repr(context) and "'c'" not in repr(context["state"])
    assert public_state(room) == {"stage": "open", "question": "users-met", "voted": 1, "eligible": 2, "members": 2}
    assert phone_context(room, ada)["mine"]["label"] == "Always"  # one's own vote only
    room.reveal()
    assert phone_context(room, ben)["reveal"]["rows"][2]["count"] == 1


def test_anonymous_rooms_name_nobody_beside_a_vote_or_in_the_file(bank):
    room = Room(anonymous=True)
    ada, _ = room.join("Ada", True)
    room.open(opened(bank))
    room.vote(ada, "users-met", "a", "why")
    record = room.reveal()
    assert record.voices[0].respondent is None
    assert room.record().members[0].name is None
    assert progress(room).voted_names == ["Ada"]  # the facilitator's screen still says who has voted


def test_the_file_keeps_names_only_where_agreed_and_no_order_of_voting(bank):
    room = Room()
    shy, _ = room.join("Shy", False)
    bold, _ = room.join("Bold", True)
    room.open(opened(bank))
    room.vote(shy, "users-met", "a", None)
    room.vote(bold, "users-met", "b", None)
    record = room.record()
    assert {m.id: m.name for m in record.members} == {shy.id: None, bold.id: "Bold"}
    assert [b.member for b in record.ballots["users-met"]] == sorted([shy.id, bold.id])
    assert record.open_question == "users-met"
    assert all(m.key for m in record.members) and not any(m.key for m in room.record(keep_keys=False).members)


def test_a_resumed_room_knows_its_members_again_and_keeps_their_votes(bank):
    room = Room()
    ada, token = room.join("Ada", True)
    _ben, _ = room.join("Ben", False)
    room.open(opened(bank))
    room.vote(ada, "users-met", "b", "kept")
    again = room_from_record(room.record(), anonymous=False)
    assert again.joined() == [] and again.member(token) is None  # known, but not in the room yet
    assert again.returning(token).id == ada.id
    back, _ = again.join(None, False, token)
    assert back.id == ada.id and back.name == "Ada" and again.member(token) is back
    assert again.returning(token) is None
    newcomer, _ = again.join("Ben", False)  # Ben had not voted: he joins again as a new member
    again.open(opened(bank))
    assert again.may_vote(back) and again.may_vote(newcomer)
    assert phone_context(again, back)["mine"]["note"] == "kept"
    assert progress(again).voted == 1 and progress(again).eligible == 2


def test_a_member_of_a_resumed_file_who_is_not_back_is_not_waited_for(bank):
    room = Room()
    ada, _ = room.join("Ada", True)
    ben, ben_token = room.join("Ben", True)
    room.open(opened(bank))
    room.vote(ada, "users-met", "a", None)
    room.vote(ben, "users-met", "b", None)
    room.reveal()
    room.open(opened(bank, 2))
    room.vote(ada, "users-heard", "y", None)
    again = room_from_record(room.record(), anonymous=False)
    ben_again, _ = again.join(None, False, ben_token)
    again.open(opened(bank, 2))
    assert progress(again).voted == 1 and progress(again).waiting_names == ["Ben"]
    assert not again.everyone_voted()
    again.vote(ben_again, "users-heard", "n", None)
    assert again.everyone_voted()  # Ada is not back, but her vote is in; nobody else is waited for
    assert public_state(again)["members"] == 1


def test_saved_waits_for_every_cast_vote(bank):
    room = Room()
    ada, _ = room.join("Ada", False)
    room.open(opened(bank))
    cast = room.vote(ada, "users-met", "a", None)
    assert not room.wait_saved(timeout=0)
    room.mark_saved(cast)
    assert room.wait_saved(timeout=0)


def test_listeners_hear_every_change(bank):
    room, heard = Room(), []
    room.subscribe(lambda: heard.append(room.where()))
    ada, _ = room.join("Ada", False)
    room.code_refused()
    room.open(opened(bank))
    room.vote(ada, "users-met", "a", None)
    room.reveal()
    room.end()
    assert heard == [("lobby", None), ("lobby", None), ("open", "users-met"), ("open", "users-met"),
                     ("revealed", "users-met"), ("ended", "users-met")]
    assert room.wrong_codes == 1 and room.votes_cast() == 1


def test_who_says_names_then_how_many_others():
    assert who([], 0) == ""
    assert who([], 1) == "1 person"
    assert who([], 3) == "3 people"
    assert who(["Ada"], 0) == "Ada"
    assert who(["Ada", "Ben"], 1) == "Ada, Ben and 1 other"
    assert who(["Ada"], 2) == "Ada and 2 others"


def test_the_secret_has_130_random_bits_and_reads_as_typed():
    secret = new_secret()
    assert len(secret) == 26 and secret != new_secret()
    assert normalise_secret("-".join(secret[i:i + 4] for i in range(0, 26, 4)).lower()) == secret
    assert normalise_secret("o1l-i") == "0111"
    door = Door("127.0.0.1", 8123, secret)
    assert door.join_address == f"http://127.0.0.1:8123/{secret}"
    assert Door("::1", 80, secret).origin == "http://[::1]:80"


def test_a_budget_refills_with_time():
    now = [0.0]
    budget = Budget(capacity=2, rate=1, clock=lambda: now[0])
    assert budget.spend("a") and budget.spend("a") and not budget.spend("a")
    assert budget.spend("b")
    now[0] = 1.0
    assert budget.spend("a") and not budget.spend("a")
