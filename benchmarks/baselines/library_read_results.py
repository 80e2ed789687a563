"""Not a baseline: goodlooks' own library reading results files the way a combine would
(each file read and validated, its bank copy validated unless seen before), one at a time."""

import sys
from pathlib import Path

from goodlooks.results.store import carried_bank, load_results

for name in sys.argv[1:]:
    path = Path(name)
    carried_bank(load_results(path), path)
