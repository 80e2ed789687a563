"""Runs `goodlooks` with every save made visible, for the kill-at-random test.

Each atomic save prints <<SAVING>> to standard error once its temporary file is written and
synced, waits KILL_HARNESS_PAUSE seconds (so a test can kill it inside the save, between the
write and the rename), renames, and prints <<SAVED>>. Nothing else about goodlooks changes.
"""

import os
import sys
import time

_replace = os.replace
PAUSE = float(os.environ.get("KILL_HARNESS_PAUSE", "0"))


def _visible_replace(source, target, *args, **kwargs):
    if not str(source).endswith(".tmp"):
        return _replace(source, target, *args, **kwargs)
    sys.stderr.write("<<SAVING>>\n")
    sys.stderr.flush()
    time.sleep(PAUSE)
    _replace(source, target, *args, **kwargs)
    sys.stderr.write("<<SAVED>>\n")
    sys.stderr.flush()
    return None


os.replace = _visible_replace

from goodlooks.cli import main  # noqa: E402 - after the patch, as goodlooks would be started

sys.argv[0] = "goodlooks"
main()
