"""Baseline for the library figures: a plain loop of json.load over the same files, timing the
loop alone (started, Python and json imported, before the clock starts). Prints "WALL CPU"."""

import json
import sys
import time

names = sys.argv[1:]
started, cpu = time.perf_counter(), time.process_time()
for name in names:
    with open(name, encoding="utf-8") as stream:
        json.load(stream)
print(time.perf_counter() - started, time.process_time() - cpu)
