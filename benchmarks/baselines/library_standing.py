"""Not a baseline: goodlooks' library doing what `goodlooks peers OWN FOLDER` or `goodlooks trend
FOLDER` does once the command line has started (every file read, validated and scored), timed
alone, with the garbage collector set as the command sets it. Prints "WALL CPU".

    python library_standing.py peers OWN FOLDER
    python library_standing.py trend FOLDER
"""

import gc
import sys
import time
from pathlib import Path

from goodlooks.workshop.peer_files import read_peers
from goodlooks.workshop.trend_files import read_trend

gc.freeze()  # as goodlooks.cli.start_up.collect_from_here does when a command runs
gc.set_threshold(10_000, 10, 10)
what, *paths = sys.argv[1:]
started, cpu = time.perf_counter(), time.process_time()
if what == "peers":
    read_peers(Path(paths[0]), [Path(p) for p in paths[1:]])
else:
    read_trend([Path(p) for p in paths])
print(time.perf_counter() - started, time.process_time() - cpu)
