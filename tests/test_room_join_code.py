"""The room's short join code, with Starlette's test client: a phone becomes a member only by
typing the six digits on the room's screen (not in the address or its QR code, so a forwarded or
photographed link alone lets nobody vote); a member who joined is never asked again, and a member
of a resumed file types the new session's code; wrong codes are bounded per address, per cookie
and for the whole room, with a wait, and compared in constant time."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from conftest import TINY_BANK
from goodlooks.room import guard
from goodlooks.room.guard import (
    Budget,
    Door,
    JoinCodes,
    new_code,
    normalise_code,
    spaced,
)
from goodlooks.room.state import Opened, Room, room_from_record
from goodlooks.room.web import COOKIE, make_app

SECRET = "K7MQ2XPD9FZTH4WNC8RB6Y3A1E"
CODE = "482913"
ORIGIN = "http://127.0.0.1:8123"


@pytest.fixture
def bank(tmp_path):
    from goodlooks.bank.loader import load_bank

    (tmp_path / "tiny.yaml").write_text(TINY_BANK, encoding="utf-8")
    return load_bank(str(tmp_path / "tiny.yaml")).bank


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def room_app(room: Room | None = None, code: str = CODE, **budgets: Budget):
    room = room or Room()
    door = Door("127.0.0.1", 8123, SECRET, code, "SCRN4KEY7Q2M")
    codes = JoinCodes(door.code, wrong=room.code_refused, **budgets)
    return room, make_app(room, door, lambda: room.mark_saved(room.cast), codes=codes)


def phone(app, **cookies: str) -> TestClient:
    return TestClient(app, base_url=ORIGIN, headers={"Origin": ORIGIN}, cookies=cookies)


def join(client: TestClient, code: str | None, name: str = "Ada", **headers: str):
    data = {"name": name, "show": "yes"} | ({} if code is None else {"code": code})
    return client.post(f"/{SECRET}/join", data=data, headers=headers, follow_redirects=False)


def test_the_join_page_asks_for_the_code_with_a_labelled_number_field():
    _, app = room_app()
    page = phone(app).get(f"/{SECRET}").text
    assert '<label for="code">Join code</label>' in page
    assert '<span class="hint" id="code-hint">The six digits on the room\'s screen.</span>' in page
    field = page.split('<input id="code"')[1].split(">")[0]
    assert 'inputmode="numeric"' in field and "required" in field and 'aria-describedby="code-hint"' in field
    assert 'name="code"' in field and "aria-invalid" not in field


@pytest.mark.parametrize("typed", ["482913", "482 913", " 482-913 ", "482.913"])
def test_the_right_code_makes_a_member_however_it_is_spaced(typed):
    room, app = room_app()
    client = phone(app)
    response = join(client, typed)
    assert response.status_code == 303 and COOKIE in response.headers["set-cookie"]
    assert [m.name for m in room.joined()] == ["Ada"]
    assert "You joined as <strong>Ada</strong>" in client.get(f"/{SECRET}").text


@pytest.mark.parametrize("typed", [None, "", "48291", "4829134", "48291x", "٤٨٢٩١٣", "482913" * 10])
def test_without_six_digits_nobody_joins_and_no_guess_is_counted(typed):
    room, app = room_app()
    response = join(phone(app), typed)
    assert response.status_code == 422 and "set-cookie" not in response.headers
    assert "Type the join code: the six digits on the room&#39;s screen." in response.text
    assert room.joined() == [] and room.wrong_codes == 0


def test_a_wrong_code_is_refused_with_the_form_again_and_the_name_kept():
    room, app = room_app()
    client = phone(app)
    response = join(client, "482914", name="Chief <nurse>")
    assert response.status_code == 403 and "set-cookie" not in response.headers
    text = response.text
    assert '<p class="notice" id="code-error" role="alert">That is not this room&#39;s join code.' in text
    field = text.split('<input id="code"')[1].split(">")[0]
    assert 'aria-invalid="true"' in field and 'aria-describedby="code-hint code-error"' in field
    assert 'value="Chief &lt;nurse&gt;"' in text and 'name="show" value="yes" checked>' in text
    assert "482913" not in text and "482 913" not in text
    assert room.joined() == [] and room.wrong_codes == 1
    assert client.post(f"/{SECRET}/vote", data={"question": "x", "answer": "a"}).status_code == 401
    assert join(client, CODE).status_code == 303  # typed again, right: in


def test_a_script_hears_the_refusal_as_json():
    _, app = room_app()
    response = join(phone(app), "000000", Accept="application/json")
    assert response.status_code == 403 and response.json()["ok"] is False
    assert response.json()["message"].startswith("That is not this room's join code.")


def test_wrong_codes_from_one_address_wait_and_then_even_the_right_code_waits():
    clock = Clock()
    room, app = room_app(per_address=Budget(capacity=3, rate=1 / 30, clock=clock))
    client = phone(app)
    assert [join(client, f"00000{n}").status_code for n in range(3)] == [403, 403, 429]
    refused = join(client, CODE)  # no code is compared while the wait lasts
    assert refused.status_code == 429 and "set-cookie" not in refused.headers
    assert "Too many wrong join codes have been typed: wait 30 seconds, then type the code" in refused.text
    assert room.joined() == [] and room.wrong_codes == 3
    clock.now = 12
    assert "wait 18 seconds" in join(client, CODE).text
    clock.now = 30
    assert join(client, CODE).status_code == 303 and len(room.joined()) == 1


def test_wrong_codes_with_one_cookie_wait_whatever_the_address():
    clock = Clock()
    room, app = room_app(per_address=Budget(capacity=100, rate=1, clock=clock),
                         per_cookie=Budget(capacity=2, rate=1 / 30, clock=clock))
    guesser = phone(app, **{COOKIE: "a-cookie-of-its-own"})
    assert [join(guesser, "111111").status_code for _ in range(2)] == [403, 429]
    assert "wait 30 seconds" in join(guesser, CODE).text
    assert join(phone(app), CODE).status_code == 303  # another phone at the same address: not held up
    clock.now = 30
    assert join(guesser, CODE).status_code == 303
    assert len(room.joined()) == 2


def test_the_whole_room_has_a_ceiling_on_wrong_codes():
    clock = Clock()
    room, app = room_app(per_address=Budget(capacity=100, rate=1, clock=clock),
                         whole_room=Budget(capacity=4, rate=1 / 15, clock=clock))
    statuses = [join(phone(app, **{COOKIE: f"made-up-{n}"}), "999999").status_code for n in range(4)]
    assert statuses == [403, 403, 403, 429] and room.wrong_codes == 4
    assert join(phone(app), CODE).status_code == 429 and room.joined() == []
    clock.now = 15
    assert join(phone(app), CODE).status_code == 303


def test_a_member_who_joined_is_never_asked_again():
    room, app = room_app()
    client = phone(app)
    assert join(client, CODE).status_code == 303
    cookie = client.cookies[COOKIE]
    again = phone(app, **{COOKIE: cookie})  # the phone died and came back: same cookie
    assert "Join the room" not in again.get(f"/{SECRET}").text
    response = join(again, None, name="Someone else")
    assert response.status_code == 303 and len(room.joined()) == 1 and room.joined()[0].name == "Ada"


def test_a_member_of_a_resumed_file_types_the_new_code_and_keeps_their_votes(bank):
    first = Room()
    ada, token = first.join("Ada", True)
    first.open(Opened(bank.questions()[0], 1, 2, "Users"))
    first.vote(ada, "users-met", "b", "kept")
    resumed, app = room_app(room_from_record(first.record(), anonymous=False), code="170235")
    client = phone(app, **{COOKIE: token})
    page = client.get(f"/{SECRET}").text
    assert "Join the room again" in page and "your votes so far" in page and 'id="name"' not in page
    assert resumed.joined() == [] and resumed.member(token) is None
    resumed.open(Opened(bank.questions()[0], 1, 2, "Users"))
    vote = {"question": "users-met", "answer": "c"}
    assert client.post(f"/{SECRET}/vote", data=vote).status_code == 401  # not in the room yet
    assert join(client, None).status_code == 422
    assert join(client, CODE).status_code == 403  # the last session's code
    assert join(client, "170 235").status_code == 303
    assert [m.id for m in resumed.joined()] == [ada.id] and resumed.joined()[0].name == "Ada"
    assert "Your vote is in: <strong>Sometimes</strong>" in client.get(f"/{SECRET}").text
    assert client.post(f"/{SECRET}/vote", data=vote, headers={"Accept": "application/json"}).json()["ok"]


def test_the_code_is_on_no_phone_page_no_live_update_and_no_refusal():
    room, app = room_app()
    member = phone(app)
    join(member, CODE)
    room.end()  # the live stream ends at once
    texts = [phone(app).get(f"/{SECRET}").text, phone(app).get(f"/{SECRET}/panel").text,
             member.get(f"/{SECRET}").text, member.get(f"/{SECRET}/panel").text,
             member.get(f"/{SECRET}/events").text, phone(app).get("/nothing").text,
             phone(app).get(f"/{SECRET}/screen").text]
    for text in texts:
        assert CODE not in text and spaced(CODE) not in text
    assert json.loads(texts[4].split("data:", 1)[1].split("\n")[0])["stage"] == "ended"


def test_codes_are_compared_in_constant_time(monkeypatch):
    compared = []

    def compare_digest(a, b):
        compared.append((a, b))
        return a == b

    monkeypatch.setattr(guard.secrets, "compare_digest", compare_digest)
    codes = JoinCodes(CODE)
    codes.check("482 913", "phone", None)
    with pytest.raises(guard.Refused):
        codes.check("482914", "phone", None)
    assert compared == [(b"482913", b"482913"), (b"482914", b"482913")]


def test_each_session_has_its_own_six_digit_code():
    codes = {new_code() for _ in range(50)}
    assert len(codes) > 1 and all(len(c) == 6 and c.isdigit() for c in codes)
    door = Door("127.0.0.1", 1, SECRET)
    assert len(door.code) == 6 and door.code.isdigit() and len(door.screen) == 12
    assert normalise_code(" 012-345 ") == "012345" and normalise_code("12345") is None
    assert spaced("012345") == "012 345"
