"""The two sides of the room's benchmark (`benchmarks/room.py` starts them; each is a process of
its own, on 127.0.0.1 and nowhere else):

    python benchmarks/room_sides.py room FOLDER                     # the room
    python benchmarks/room_sides.py phones ADDRESS CODE FIRST COUNT PAGES  # some of the phones

Both take commands on standard input and answer on standard output, one line each.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from pathlib import Path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


# The room ------------------------------------------------------------------------------------
def room(folder: Path) -> None:
    """goodlooks' own state, web app, saver and uvicorn server, as `goodlooks room` runs them,
    with a real results file saved at every vote; driven as the facilitator's terminal would
    drive it: `open N`, `reveal`, `end`. The request budgets are raised: every phone here
    shares one address."""
    from goodlooks.bank.loader import load_bank
    from goodlooks.results import store
    from goodlooks.room import session
    from goodlooks.room.address import bind
    from goodlooks.room.guard import Budget, Door, JoinCodes, new_secret
    from goodlooks.room.state import Opened, Room
    from goodlooks.room.web import make_app

    loaded = load_bank(None)
    questions = loaded.bank.questions()
    results = store.new_results(loaded)
    results.kind = "voted"
    path = folder / "bench-room.json"
    the_room = Room()
    sock = bind("127.0.0.1", 0)
    door = Door("127.0.0.1", sock.getsockname()[1], new_secret())
    recorder = session.Recorder(the_room, results, path)

    def generous() -> Budget:
        return Budget(capacity=1_000_000, rate=1_000_000)

    timings = Timings(session)
    app = make_app(the_room, door, timings.timed(recorder.save_votes), budget=generous(),
                   member_budget=generous(), join_budget=generous(),
                   codes=JoinCodes(door.code, per_address=generous(), whole_room=generous()))
    server = session.Server(timings.around(app), sock)
    server.start()
    print(f"READY {door.join_address} {len(questions)} {door.code}", flush=True)
    started = time.process_time()  # the CPU of the session, not of starting Python
    for line in sys.stdin:
        command = line.split()
        if command[0] == "open":
            number = int(command[1])
            question = questions[number - 1]
            the_room.open(Opened(question, number, len(questions), loaded.bank.dimension_of(question.id).title))
            print("OPENED", flush=True)
        elif command[0] == "reveal":
            print(f"REVEAL {time.monotonic()!r}", flush=True)
            the_room.reveal()
            the_room.wait_saved()
        elif command[0] == "end":
            the_room.end()
            server.stop()
            votes = sum(len(b) for b in store.load_results(path).room.ballots.values())
            used = time.process_time() - started
            print(f"ENDED {votes} {used!r} {json.dumps(timings.summary(path))}", flush=True)
            return


class Timings:
    """Where a vote's time goes inside the room's process: from its request arriving to its
    answer going out, and of that the saves (the results file made, then written and synced)."""

    def __init__(self, session) -> None:
        self.requests: list[float] = []
        self.saves: list[float] = []
        self.writes: list[float] = []
        write_atomic = session.write_atomic

        def timed_write(*args, **kwargs):
            started = time.perf_counter()
            write_atomic(*args, **kwargs)
            self.writes.append(time.perf_counter() - started)

        session.write_atomic = timed_write  # in this benchmark's own process only

    def timed(self, save):
        def timed_save() -> None:
            started = time.perf_counter()
            save()
            self.saves.append(time.perf_counter() - started)
        return timed_save

    def around(self, app):
        async def timed_app(scope, receive, send):
            if scope["type"] != "http" or not scope["path"].endswith("/vote"):
                return await app(scope, receive, send)
            started = time.perf_counter()

            async def timed_send(message):
                if message["type"] == "http.response.start":
                    self.requests.append(time.perf_counter() - started)
                await send(message)

            await app(scope, receive, timed_send)
        return timed_app

    def summary(self, path: Path) -> dict[str, float]:
        def ms(values: list[float], share: float) -> float:
            return round(percentile(values, share) * 1000, 1) if values else 0.0

        return {"request_median": ms(self.requests, 0.5), "request_p95": ms(self.requests, 0.95),
                "save_median": ms(self.saves, 0.5), "save_p95": ms(self.saves, 0.95),
                "write_median": ms(self.writes, 0.5), "write_p95": ms(self.writes, 0.95),
                "saves": len(self.saves), "file_kb": round(path.stat().st_size / 1000)}


# The phones ---------------------------------------------------------------------------------
class Phone:
    """One phone, doing what the phone page's script does: it listens to the live stream, and
    when the stage or the question changes it fetches the page's panel again (that is when the
    person sees it); it votes once it shows the question, and fetches the panel after each vote.
    Without `pages` it only listens and votes."""

    def __init__(self, address: str, code: str, number: int, pages: bool = True) -> None:
        import httpx

        self.address, self.code, self.number, self.pages = address, code, number, pages
        self.client = httpx.AsyncClient(headers={"Origin": address.rsplit("/", 1)[0]}, timeout=60)
        self.heard: dict[tuple[str, str | None], float] = {}
        self.drawn: dict[tuple[str, str | None], float] = {}
        self.changed = asyncio.Event()
        self.tasks: set[asyncio.Task] = set()

    async def join(self) -> None:
        response = await self.client.post(self.address + "/join", data={"code": self.code, "show": "yes",
                                                                        "name": f"Phone {self.number}"})
        assert response.status_code == 303, response.text

    async def listen(self) -> None:
        shown = None
        async with self.client.stream("GET", self.address + "/events") as response:
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                state = json.loads(line[5:])
                where = (state["stage"], state["question"])
                if where != shown:
                    self.heard.setdefault(where, time.monotonic())
                    if shown is None or state["stage"] == "ended" or not self.pages:  # drawn already, or in place
                        self._drawn(where)
                    else:
                        self._later(self.draw(where))
                    shown = where
                if state["stage"] == "ended":
                    return

    async def draw(self, where: tuple[str, str | None] | None) -> None:
        response = await self.client.get(self.address + "/panel", headers={"Accept": "text/html"})
        assert response.status_code == 200 and 'id="panel"' in response.text, response.text
        if where is not None:
            self._drawn(where)

    async def until_drawn(self, where: tuple[str, str | None]) -> float:
        while where not in self.drawn:
            await self.changed.wait()
        return self.drawn[where]

    async def vote(self, question: str, answer: str, after: float) -> float:
        await self.until_drawn(("open", question))
        if after:
            await asyncio.sleep(after)  # a person reads the question first
        sent = time.monotonic()
        response = await self.client.post(self.address + "/vote", headers={"Accept": "application/json"},
                                          data={"question": question, "answer": answer, "note": ""})
        assert response.status_code == 200 and response.json()["saved"], response.text
        waited = time.monotonic() - sent
        if self.pages:
            self._later(self.draw(None))  # "Your vote is in", as the page says it
        return waited

    def _drawn(self, where: tuple[str, str | None]) -> None:
        self.drawn.setdefault(where, time.monotonic())
        self.changed.set()
        self.changed = asyncio.Event()

    def _later(self, work) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


async def phones(address: str, code: str, first: int, count: int, pages: bool) -> None:
    """`count` phones (numbered from `first`) join and listen; then, on `vote QUESTION SPREAD
    KEYS NUMBER` each votes once it shows the question (at its own moment within SPREAD
    seconds of that); on `heard QUESTION` they say when the last of them heard of its reveal and
    when the last drew it; on `end` they wait for the end."""
    moments = random.Random(16 + first)
    group = [Phone(address, code, first + n, pages) for n in range(count)]
    await asyncio.gather(*(phone.join() for phone in group))
    listening = [asyncio.create_task(phone.listen()) for phone in group]
    await asyncio.gather(*(phone.until_drawn(("lobby", None)) for phone in group))
    said = sys.stdout
    said.write("READY\n")
    said.flush()
    started = time.process_time()
    while line := await asyncio.to_thread(sys.stdin.readline):
        command = line.split()
        if command[0] == "vote":
            question, spread, keys = command[1], float(command[2]), command[3].split(",")
            number = int(command[4])
            waits = await asyncio.gather(*(phone.vote(question, keys[(phone.number + number) % len(keys)],
                                                      moments.uniform(0, spread)) for phone in group))
            said.write(f"VOTED {json.dumps(waits)}\n")
        elif command[0] == "heard":
            where = ("revealed", command[1])
            drawn = await asyncio.gather(*(phone.until_drawn(where) for phone in group))
            said.write(f"HEARD {max(phone.heard[where] for phone in group)!r} {max(drawn)!r}\n")
        elif command[0] == "end":
            await asyncio.gather(*listening)
            for phone in group:
                await asyncio.gather(*phone.tasks)
            used = time.process_time() - started
            for phone in group:
                await phone.client.aclose()
            said.write(f"DONE {used!r}\n")
        said.flush()
        if command[0] == "end":
            return


if __name__ == "__main__":
    if sys.argv[1] == "room":
        room(Path(sys.argv[2]))
    else:
        asyncio.run(phones(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6] == "pages"))
