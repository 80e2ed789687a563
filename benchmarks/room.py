"""The room under load: 60 simulated phones (httpx, async) vote on the built-in bank's 32 questions.

    python benchmarks/room.py            # after: pip install -e '.[test]'  (about a minute)
    python benchmarks/room.py --phones 8

Two processes on 127.0.0.1 and nowhere else: the room (goodlooks' own state, web app, saver and
uvicorn server, as `goodlooks room` runs them, with a real results file saved at every vote),
driven by this script on its standard input as the facilitator's terminal would drive it; and the
phones, here. Each phone joins, keeps a live stream open and votes once on every question; the
room reveals each question once every vote is acknowledged.

Printed: the median and 95th percentile of the time from a vote sent to its acknowledgement (the
vote is on disk by then), and of the time from the reveal to the last phone hearing of it, beside
the targets (50 ms at the 95th percentile; 250 ms). Both clocks are the same monotonic clock of
this machine. The room's request budgets are raised here: every phone shares one address.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VOTE_TARGET_P95 = 0.050
REVEAL_TARGET = 0.250


def serve(folder: Path) -> None:
    """The room's side: commands on stdin (open N, reveal, end), answers on stdout."""
    from goodlooks.bank.loader import load_bank
    from goodlooks.results import store
    from goodlooks.room.address import bind
    from goodlooks.room.guard import Budget, Door, new_secret
    from goodlooks.room.session import Recorder, Server
    from goodlooks.room.state import Opened, Room
    from goodlooks.room.web import make_app

    loaded = load_bank(None)
    questions = loaded.bank.questions()
    results = store.new_results(loaded)
    results.kind = "voted"
    path = folder / "bench-room.json"
    room = Room()
    sock = bind("127.0.0.1", 0)
    door = Door("127.0.0.1", sock.getsockname()[1], new_secret())
    recorder = Recorder(room, results, path)
    generous = Budget(capacity=1_000_000, rate=1_000_000)
    server = Server(make_app(room, door, recorder.save_votes, budget=generous, member_budget=generous,
                             join_budget=generous), sock)
    server.start()
    print(f"READY {door.join_address} {len(questions)}", flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[0] == "open":
            number = int(command[1])
            question = questions[number - 1]
            room.open(Opened(question, number, len(questions), loaded.bank.dimension_of(question.id).title))
            print("OPENED", flush=True)
        elif command[0] == "reveal":
            print(f"REVEAL {time.monotonic()!r}", flush=True)
            room.reveal()
            room.wait_saved()
        elif command[0] == "end":
            room.end()
            server.stop()
            votes = sum(len(b) for b in store.load_results(path).room.ballots.values())
            print(f"ENDED {votes} {time.process_time()!r}", flush=True)
            return


class Phone:
    def __init__(self, address: str) -> None:
        import httpx

        self.address = address
        origin = address.rsplit("/", 1)[0]
        self.client = httpx.AsyncClient(headers={"Origin": origin}, timeout=60)
        self.revealed: dict[str, float] = {}
        self.events = 0

    async def join(self, name: str) -> None:
        response = await self.client.post(self.address + "/join", data={"name": name, "show": "yes"})
        assert response.status_code == 303, response.text

    async def listen(self, ready: asyncio.Event) -> None:
        async with self.client.stream("GET", self.address + "/events") as response:
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                self.events += 1
                ready.set()
                state = json.loads(line[5:])
                if state["stage"] == "revealed":
                    self.revealed.setdefault(state["question"], time.monotonic())
                if state["stage"] == "ended":
                    return

    async def vote(self, question: str, answer: str, after: float = 0.0) -> float:
        if after:
            await asyncio.sleep(after)  # a person reads the question first
        sent = time.monotonic()
        response = await self.client.post(self.address + "/vote", headers={"Accept": "application/json"},
                                          data={"question": question, "answer": answer, "note": ""})
        assert response.status_code == 200 and response.json()["saved"], response.text
        return time.monotonic() - sent


async def phones_vote(room: subprocess.Popen, address: str, count: int, total: int,
                      spread: float) -> tuple[list[float], list[float]]:
    """Every phone votes on every question, `spread` seconds apart at most (each at its own
    moment, as people do; 0: all at the same moment)."""
    from goodlooks.bank.loader import load_bank

    moments = random.Random(16)
    questions = load_bank(None).bank.questions()[:total]
    phones = [Phone(address) for _ in range(count)]
    await asyncio.gather(*(phone.join(f"Phone {n}") for n, phone in enumerate(phones)))
    ready = [asyncio.Event() for _ in phones]
    listening = [asyncio.create_task(phone.listen(event)) for phone, event in zip(phones, ready)]
    await asyncio.gather(*(event.wait() for event in ready))
    acknowledgements: list[float] = []
    reveals: list[float] = []
    for number, question in enumerate(questions, start=1):
        await _command(room, f"open {number}", "OPENED")
        keys = [o.key for o in question.choices] + ["dont_know"]
        acknowledgements += await asyncio.gather(*(phone.vote(question.id, keys[(n + number) % len(keys)],
                                                              moments.uniform(0, spread))
                                                   for n, phone in enumerate(phones)))
        said = await _command(room, "reveal", "REVEAL")
        revealed_at = float(said.split()[1])
        while not all(question.id in phone.revealed for phone in phones):
            await asyncio.sleep(0.005)  # waiting for the phones to hear; what is measured is their clocks
        reveals.append(max(phone.revealed[question.id] for phone in phones) - revealed_at)
    ended = await _command(room, "end", "ENDED")
    await asyncio.gather(*listening)
    for phone in phones:
        await phone.client.aclose()
    votes = int(ended.split()[1])
    assert votes == count * total, f"{votes} votes in the file, {count * total} cast"
    print(f"    the room's process used {float(ended.split()[2]):.1f} s of CPU in all "
          f"({float(ended.split()[2]) / votes * 1000:.2f} ms a vote, with its save and the phones' updates)")
    return acknowledgements, reveals


async def _command(room: subprocess.Popen, command: str, answer: str) -> str:
    assert room.stdin is not None and room.stdout is not None
    room.stdin.write(command + "\n")
    room.stdin.flush()
    line = await asyncio.to_thread(room.stdout.readline)
    assert line.startswith(answer), line
    return line


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run_room(phones: int, questions: int, spread: float) -> tuple[list[float], list[float], int]:
    with tempfile.TemporaryDirectory(prefix="goodlooks-bench-room-") as folder:
        room = subprocess.Popen([sys.executable, __file__, "--serve", folder], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        try:
            assert room.stdout is not None
            ready = room.stdout.readline().split()
            address, total = ready[1], min(questions, int(ready[2]))
            acks, reveals = asyncio.run(phones_vote(room, address, phones, total, spread))
        finally:
            room.wait(timeout=60)
    return acks, reveals, total


def show(name: str, values: list[float], target: float, at: str) -> bool:
    median, p95 = statistics.median(values), percentile(values, 0.95)
    met = (p95 if at == "95th" else median) <= target
    print(f"    {name}: median {median * 1000:.1f} ms, 95th percentile {p95 * 1000:.1f} ms   "
          f"target <= {target * 1000:.0f} ms ({at})  {'met' if met else 'MISSED'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=60)
    parser.add_argument("--questions", type=int, default=32)
    parser.add_argument("--spread", type=float, default=2.0,
                        help="seconds over which the phones' votes on a question arrive (default 2)")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve(options.serve)
        return
    met = True
    for spread, how in ((options.spread, f"each at its own moment within {options.spread:g} s of the question"),
                        (0.0, "all at the same moment")):
        acks, reveals, total = run_room(options.phones, options.questions, spread)
        print(f"9. the room: {options.phones} phones vote on {total} questions, {how} ({len(acks):,} votes, "
              "each saved before it is acknowledged)")
        met &= show("9a. vote sent -> acknowledged", acks, VOTE_TARGET_P95, "95th")
        met &= show("9b. reveal -> the last phone has it", reveals, REVEAL_TARGET, "median")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
