"""Every endpoint of the room with Starlette's test client (no socket): what each shows, and each
refusal the issue asks for: the secret, Host (DNS rebinding), Origin (cross-site), sizes, rates,
voting twice, for another, on a question that is not open, and hostile text escaped. The join
code's refusals are in test_room_join_code.py."""

from __future__ import annotations

import base64
import hashlib
import json
import queue
import re
import threading

import pytest
from starlette.testclient import TestClient

from conftest import TINY_BANK
from goodlooks.room.guard import MAX_BODY, Budget, Door
from goodlooks.room.state import MAX_MEMBERS, Opened, Room
from goodlooks.room.web import COOKIE, asset, make_app

SECRET = "K7MQ2XPD9FZTH4WNC8RB6Y3A1E"
CODE = "482913"
SCREEN = "SCRN4KEY7Q2M"
ORIGIN = "http://127.0.0.1:8123"
HOSTILE = "<script>alert(1)</script>\x1b]0;owned\x07 \u202e"


@pytest.fixture
def bank(tmp_path):
    from goodlooks.bank.loader import load_bank

    text = TINY_BANK.replace("Do teams meet users?", "Do teams meet <b>users</b>? </script>")
    (tmp_path / "tiny.yaml").write_text(text, encoding="utf-8")
    return load_bank(str(tmp_path / "tiny.yaml")).bank


class Phones:
    def __init__(self, bank, **budgets) -> None:
        self.bank, self.room, self.saves = bank, Room(), []
        self.door = Door("127.0.0.1", 8123, SECRET, CODE, SCREEN)
        self.app = make_app(self.room, self.door, self.saved, title="Tiny <bank>", **budgets)

    def saved(self) -> None:
        self.saves.append(sum(len(b) for b in self.room.ballots.values()))
        self.room.mark_saved(self.room.cast)

    def phone(self, **headers) -> TestClient:
        return TestClient(self.app, base_url=ORIGIN, headers={"Origin": ORIGIN, **headers})

    def joined(self, name: str = "Ada", show: str = "yes") -> TestClient:
        client = self.phone()
        response = client.post(f"/{SECRET}/join", data={"code": CODE, "name": name, "show": show},
                               follow_redirects=False)
        assert response.status_code == 303, response.text
        return client

    def open(self, number: int = 1) -> None:
        question = self.bank.questions()[number - 1]
        self.room.open(Opened(question, number, 2, "Users"))


def vote(client: TestClient, question: str, answer: str, note: str = "", **extra) -> object:
    return client.post(f"/{SECRET}/vote", data={"question": question, "answer": answer, "note": note, **extra},
                       headers={"Accept": "application/json"})


@pytest.fixture
def phones(bank):
    return Phones(bank)


def test_joining_sets_a_strict_http_only_cookie_and_shows_the_room(phones):
    client = phones.phone()
    page = client.get(f"/{SECRET}")
    assert page.status_code == 200 and "Join the room" in page.text
    response = client.post(f"/{SECRET}/join", data={"code": "482 913", "name": "Ada", "show": "yes"},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/{SECRET}"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Path=/" in cookie and "Max-Age=43200" in cookie
    assert len(cookie.split(";")[0].split("=", 1)[1]) >= 32  # at least 128 random bits
    assert "You joined as <strong>Ada</strong>" in client.get(f"/{SECRET}").text


def test_the_address_may_be_typed_in_any_case_with_dashes(phones):
    typed = "k7mq-2xpd-9fzt-h4wn-c8rb-6y3a-1e"
    assert phones.phone().get(f"/{typed}").status_code == 200


@pytest.mark.parametrize("path", ["/", "/favicon.ico", "/K7MQ2XPD9FZTH4WNC8RB6Y3A1F", f"/{SECRET[:-1]}",
                                  f"/{SECRET}X/events", "/screen", f"/screen/{SCREEN}", f"/{CODE}"])
def test_without_the_secret_every_request_is_refused(phones, path):
    response = phones.phone().get(path)
    assert response.status_code == 404
    assert "Ada" not in response.text and "users" not in response.text.lower()


@pytest.mark.parametrize("host", ["evil.example:8123", "127.0.0.1", "127.0.0.1:9999", "localhost:8123", ""])
def test_another_host_name_is_refused_so_dns_rebinding_reads_nothing(phones, host):
    client = TestClient(phones.app, base_url=ORIGIN)
    response = client.get(f"/{SECRET}", headers={"Host": host})
    assert response.status_code == 421
    assert "Join the room" not in response.text


def test_cross_site_requests_are_refused(phones):
    member = phones.joined()
    phones.open()
    evil = {"Origin": "http://evil.example"}
    assert member.get(f"/{SECRET}", headers=evil).status_code == 403
    assert member.get(f"/{SECRET}/events", headers=evil).status_code == 403
    assert vote(member, "users-met", "a", Origin="x").status_code == 200  # a form field, not a header
    response = member.post(f"/{SECRET}/vote", data={"question": "users-met", "answer": "b"}, headers=evil)
    assert response.status_code == 403
    assert member.get(f"/{SECRET}", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    no_origin = TestClient(phones.app, base_url=ORIGIN, cookies=dict(member.cookies))
    assert no_origin.post(f"/{SECRET}/vote", data={"question": "users-met", "answer": "c"}).status_code == 403
    assert no_origin.post(f"/{SECRET}/join", data={"name": "x"}).status_code == 403
    assert [b.answer for b in phones.room.ballots["users-met"].values()] == ["a"]


def test_a_vote_needs_a_member_and_the_open_question(phones):
    stranger = phones.phone()
    phones.open()
    assert vote(stranger, "users-met", "a").status_code == 401
    forged = phones.phone()
    forged.cookies.set(COOKIE, "made-up")
    assert vote(forged, "users-met", "a").status_code == 401
    late = phones.joined("Late")
    response = vote(late, "users-met", "a")
    assert response.status_code == 403 and "next one" in response.json()["message"]
    assert "You vote from the next question" in late.get(f"/{SECRET}").text


def test_a_member_cannot_vote_twice_for_another_or_after_the_reveal(phones):
    ada, ben = phones.joined("Ada"), phones.joined("Ben")
    phones.open()
    assert vote(ben, "users-heard", "y").status_code == 409  # not the open question
    assert vote(ben, "users-met", "zz").status_code == 422
    assert vote(ada, "users-met", "a").json() == {"ok": True, "saved": True}
    ada_id = next(iter(phones.room.ballots["users-met"]))
    assert vote(ben, "users-met", "c", member=ada_id).status_code == 200  # no field names a member
    assert vote(ada, "users-met", "b").status_code == 200  # a change, not a second vote
    ballots = phones.room.ballots["users-met"]
    assert len(ballots) == 2 and ballots[ada_id].answer == "b"
    phones.room.reveal()
    assert vote(ada, "users-met", "c").status_code == 409
    assert ballots[ada_id].answer == "b"
    assert phones.saves == [1, 2, 2]  # every accepted vote saved before it was acknowledged


def test_a_vote_without_script_posts_and_comes_back(phones):
    ada = phones.joined()
    phones.open()
    response = ada.post(f"/{SECRET}/vote", data={"question": "users-met", "answer": "c"}, follow_redirects=False)
    assert response.status_code == 303
    assert "Your vote is in: <strong>Always</strong>" in ada.get(f"/{SECRET}").text


def test_before_the_reveal_nobody_sees_another_vote_or_a_count_by_option(phones):
    ada, ben = phones.joined("Ada"), phones.joined("Ben")
    phones.open()
    vote(ada, "users-met", "c", "my secret reason")
    for client, path in ((ben, ""), (ben, "/panel"), (ben, f"/screen/{SCREEN}"), (ben, f"/screen/{SCREEN}/panel"),
                         (phones.phone(), f"/screen/{SCREEN}")):
        text = client.get(f"/{SECRET}{path}").text
        body = text.split("</style>")[-1].split("<script>")[0]
        assert "my secret reason" not in body and 'id="mine"' not in body and "Always" not in body.split(
            "<legend>Your vote</legend>")[0].split("<ol")[0]
        assert 'class="chart"' not in body and "checked" not in body
        assert "1 of 2 voted" in body
    phones.room.reveal()
    text = ben.get(f"/{SECRET}/panel").text
    assert "my secret reason" in text and "The votes: 1 vote" in text


def test_the_live_stream_tells_counts_and_stages_only(phones):
    ada = phones.joined("Ada")
    phones.open()
    vote(ada, "users-met", "c", "hidden")
    events: queue.Queue[str] = queue.Queue()
    listener = phones.phone()

    def listen() -> None:
        with listener.stream("GET", f"/{SECRET}/events") as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            for line in response.iter_lines():
                if line.startswith("data:"):
                    events.put(line[5:].strip())

    thread = threading.Thread(target=listen)
    thread.start()
    seen = [events.get(timeout=60)]
    phones.room.reveal()
    seen.append(events.get(timeout=60))
    phones.room.end()
    seen.append(events.get(timeout=60))
    thread.join(60)
    events = seen
    states = [json.loads(event) for event in events]
    assert [s["stage"] for s in states] == ["open", "revealed", "ended"]
    assert states[0] == {"stage": "open", "question": "users-met", "voted": 1, "eligible": 1, "members": 1}
    assert "hidden" not in "".join(events) and '"c"' not in "".join(events)


def test_sizes_are_bounded(phones):
    ada = phones.joined()
    phones.open()
    assert vote(ada, "users-met", "a", "n" * 501).status_code == 413
    big = "x" * (MAX_BODY + 1)
    assert ada.post(f"/{SECRET}/vote", content=big, headers={"Content-Type": "application/x-www-form-urlencoded"}
                    ).status_code == 413

    def chunks():
        for _ in range(MAX_BODY // 1000 + 2):
            yield b"note=" + b"y" * 1000

    assert ada.post(f"/{SECRET}/vote", content=chunks(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 413
    assert phones.phone().post(f"/{SECRET}/join", data={"name": "n" * 61, "code": CODE}).status_code == 413
    assert ada.post(f"/{SECRET}/vote", content="&".join(f"f{i}=1" for i in range(50)),
                    headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 400
    assert phones.room.ballots["users-met"] == {}


def test_request_rates_are_bounded(bank):
    phones = Phones(bank, budget=Budget(capacity=7, rate=0.0001), member_budget=Budget(capacity=2, rate=0.0001),
                    join_budget=Budget(capacity=2, rate=0.0001))
    ada = phones.joined()                                                                  # 1 request
    phones.open()
    assert [vote(ada, "users-met", "a").status_code for _ in range(3)] == [200, 200, 429]  # 4: a member's votes
    join = {"data": {"name": "b", "code": CODE}, "follow_redirects": False}
    assert phones.phone().post(f"/{SECRET}/join", **join).status_code == 303               # 5
    assert phones.phone().post(f"/{SECRET}/join", **join).status_code == 429               # 6: joins
    assert phones.phone().get(f"/{SECRET}").status_code == 200                             # 7
    assert phones.phone().get(f"/{SECRET}").status_code == 429  # the address's budget is spent


def test_a_full_room_takes_no_more_members(phones):
    for _ in range(MAX_MEMBERS):
        phones.room.join(None, False)
    assert phones.phone().post(f"/{SECRET}/join", data={"name": "one more", "code": CODE}).status_code == 429


def test_hostile_text_in_names_notes_and_the_bank_reaches_no_page_raw(phones):
    ada = phones.joined(HOSTILE)
    phones.open()
    assert vote(ada, "users-met", "a", HOSTILE).status_code == 200
    phones.room.reveal()
    for path in ("", "/panel", f"/screen/{SCREEN}"):
        text = ada.get(f"/{SECRET}{path}").text
        assert "<script>alert" not in text and "<b>users</b>" not in text and "\x1b" not in text
        assert "\u202e" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\x1b]0;owned\\x07" in ada.get(f"/{SECRET}").text
    assert "Do teams meet &lt;b&gt;users&lt;/b&gt;? &lt;/script&gt;" in ada.get(f"/{SECRET}").text
    assert "<title>Tiny &lt;bank&gt;: vote</title>" in ada.get(f"/{SECRET}").text


def test_the_page_lets_only_its_own_style_and_script_run(phones):
    response = phones.phone().get(f"/{SECRET}")
    policy = response.headers["content-security-policy"]

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert policy == (f"default-src 'none'; script-src 'sha256-{digest(asset('room.js'))}'; "
                      f"style-src 'sha256-{digest(asset('room.css'))}'; connect-src 'self'; form-action 'self'; "
                      "base-uri 'none'; frame-ancestors 'none'")
    scripts = re.findall(r"<script>(.*?)</script>", response.text, re.S)
    assert scripts == [asset("room.js")]
    assert re.findall(r"<style>(.*?)</style>", response.text, re.S) == [asset("room.css")]
    assert " style=" not in response.text and "http" not in response.text.split("<script>")[0].lower().replace(
        'http-equiv', '')
    assert response.headers["referrer-policy"] == "same-origin" and response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"


def test_the_projector_page_shows_the_question_the_count_and_the_join_code(phones):
    ada = phones.joined()
    screen = phones.phone().get(f"/{SECRET}/screen/{SCREEN}").text
    assert "1 joined" in screen and "<svg" in screen and f"http://127.0.0.1:8123/{SECRET}" in screen
    assert "Join code <strong>482 913</strong>" in screen
    assert f'data-panel="/{SECRET}/screen/{SCREEN}/panel"' in screen
    phones.open()
    vote(ada, "users-met", "b", "why")
    screen = phones.phone().get(f"/{SECRET}/screen/{SCREEN}").text
    assert "1 of 1 voted" in screen and "Question 1 of 2" in screen and "482 913" in screen
    phones.room.reveal()
    panel = phones.phone().get(f"/{SECRET}/screen/{SCREEN}/panel").text
    assert "The votes: 1 vote" in panel and "why" in panel and "482 913" in panel


@pytest.mark.parametrize("path", ["/screen", "/screen/SCRN4KEY7Q2N", "/screen/SCRN4KEY7Q2", "/panel?for=screen",
                                  "/screen/SCRN4KEY7Q2N/panel"])
def test_the_projector_page_needs_its_own_key_since_it_shows_the_join_code(phones, path):
    response = phones.joined().get(f"/{SECRET}{path}")
    assert "482 913" not in response.text and "482913" not in response.text
    assert response.status_code == (200 if path == "/panel?for=screen" else 404)
