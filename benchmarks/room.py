"""The room under load: 60 simulated phones (httpx, async) vote on the built-in bank's 32 questions.

    python benchmarks/room.py                      # after: pip install -e '.[test]'  (a minute or two)
    python benchmarks/room.py --phones 8
    python benchmarks/room.py --case burst --processes 1

Processes on 127.0.0.1 and nowhere else (`benchmarks/room_sides.py`): the room (goodlooks' own
state, web app, saver and uvicorn server, as `goodlooks room` runs them, with a real results file
saved and synced at every vote), driven by this script as the facilitator's terminal would drive
it; and the phones, in processes of their own (two by default: real phones do not share one
processor, and one process sending sixty requests at once would be timing itself). Each phone
joins, keeps a live stream open and votes once on every question; the room reveals each question
once every vote is acknowledged. Two cases, each in a room of its own: votes arriving over two
seconds, as people vote, and all sixty at the same moment.

Printed: the median and 95th percentile of the time from a vote sent to its acknowledgement (the
vote is on disk by then), and of the time from the reveal to the last phone hearing of it, beside
the targets (50 ms at the 95th percentile; 250 ms). Both clocks are the same monotonic clock of
this machine. Beside them: the same vote seen from inside the room (its request arriving to its
answer leaving), its saves, the CPU each side used, and the machine's load average.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from room_sides import percentile

VOTE_TARGET_P95 = 0.050
REVEAL_TARGET = 0.250
SIDES = Path(__file__).resolve().parent / "room_sides.py"


class Side:
    """One process of the benchmark, spoken to a line at a time."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen([sys.executable, str(SIDES), *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)

    async def ask(self, command: str | None, answer: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        if command is not None:
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        line = await asyncio.to_thread(self.process.stdout.readline)
        assert line.startswith(answer), f"{answer} expected, not {line!r}"
        return line.rstrip("\n")

    def wait(self) -> None:
        self.process.wait(timeout=60)


async def session(folder: str, count: int, processes: int, questions: int, spread: float, pages: bool) -> dict:
    from goodlooks.bank.loader import load_bank

    room = Side("room", folder)
    try:
        _, address, total, code = (await room.ask(None, "READY")).split()
        bank_questions = load_bank(None).bank.questions()[:min(questions, int(total))]
        shares = [count // processes + (n < count % processes) for n in range(processes)]
        groups = [Side("phones", address, code, str(sum(shares[:n])), str(share), "pages" if pages else "no")
                  for n, share in enumerate(shares) if share]
        await asyncio.gather(*(group.ask(None, "READY") for group in groups))
        acks: list[float] = []
        reveals: list[float] = []
        drawn: list[float] = []
        for number, question in enumerate(bank_questions, start=1):
            await room.ask(f"open {number}", "OPENED")
            keys = ",".join([o.key for o in question.choices] + ["dont_know"])
            said = await asyncio.gather(*(group.ask(f"vote {question.id} {spread} {keys} {number}", "VOTED")
                                          for group in groups))
            acks += [wait for line in said for wait in json.loads(line.split(" ", 1)[1])]
            revealed_at = float((await room.ask("reveal", "REVEAL")).split()[1])
            heard = await asyncio.gather(*(group.ask(f"heard {question.id}", "HEARD") for group in groups))
            reveals.append(max(float(line.split()[1]) for line in heard) - revealed_at)
            drawn.append(max(float(line.split()[2]) for line in heard) - revealed_at)
        ended = await room.ask("end", "ENDED")
        done = await asyncio.gather(*(group.ask("end", "DONE") for group in groups))
        for group in groups:
            group.wait()
    finally:
        room.wait()
    _, votes, cpu, inside = ended.split(" ", 3)
    assert int(votes) == count * len(bank_questions), f"{votes} votes in the file, {count * len(bank_questions)} cast"
    return {"acks": acks, "reveals": reveals, "drawn": drawn, "questions": len(bank_questions), "votes": int(votes),
            "room_cpu": float(cpu), "phones_cpu": sum(float(line.split()[1]) for line in done),
            "inside": json.loads(inside)}


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
    parser.add_argument("--case", choices=("spread", "burst", "both"), default="both",
                        help="votes spread over --spread seconds, all at the same moment, or both (the default), "
                             "each in a room of its own")
    parser.add_argument("--processes", type=int, default=2, help="processes the phones run in (default 2)")
    parser.add_argument("--no-pages", dest="pages", action="store_false",
                        help="phones only listen and vote, fetching no page (as figure 9 was first measured)")
    options = parser.parse_args()
    cases = {"spread": (options.spread, f"each at its own moment within {options.spread:g} s of the question"),
             "burst": (0.0, "all at the same moment")}
    met = True
    for case in ("spread", "burst") if options.case == "both" else (options.case,):
        spread, how = cases[case]
        load = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="goodlooks-bench-room-") as folder:
            run = asyncio.run(session(folder, options.phones, max(1, options.processes), options.questions, spread,
                                      options.pages))
        inside, votes = run["inside"], run["votes"]
        print(f"9. the room: {options.phones} phones in {options.processes} process"
              f"{'es' if options.processes > 1 else ''}{'' if options.pages else ' (no pages)'} vote on "
              f"{run['questions']} questions, {how} ({votes:,} votes, "
              f"each saved before it is acknowledged; load average {load:.2f} before, {os.getloadavg()[0]:.2f} after)")
        met &= show("9a. vote sent -> acknowledged", run["acks"], VOTE_TARGET_P95, "95th")
        met &= show("9b. reveal -> the last phone has it", run["reveals"], REVEAL_TARGET, "median")
        if options.pages:
            show("9c. reveal -> the last phone shows it (the page's panel fetched)", run["drawn"], REVEAL_TARGET,
                 "median")
        print(f"    inside the room, a vote's request to its answer: median {inside['request_median']} ms, 95th "
              f"percentile {inside['request_p95']} ms; {inside['saves']:,} saves (median {inside['save_median']} ms, "
              f"95th {inside['save_p95']} ms), of which writing and syncing the file (median "
              f"{inside['write_median']} ms, 95th {inside['write_p95']} ms; {inside['file_kb']} kB at the end)")
        print(f"    CPU: the room {run['room_cpu'] / votes * 1000:.2f} ms a vote (with its save and the live "
              f"streams), the phones {run['phones_cpu'] / votes * 1000:.2f} ms a vote")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
