"""Runs `goodlooks` with every save made visible, for the kill-at-random test.

Each atomic save prints <<SAVING>> to standard error once its temporary file is written and
synced, renames, and prints <<SAVED>>. While the file named by KILL_HARNESS_PAUSE_FILE exists,
a save waits 10 seconds between the write and the rename, so a test can kill it inside the
save; while the file named by KILL_HARNESS_HOLD_FILE exists, it waits there until the file is
gone (so a kill is certain to land inside the save, however loaded the machine). Nothing else
about goodlooks changes.
"""

import os
import sys
import time

_replace = os.replace
PAUSE_FILE = os.environ.get("KILL_HARNESS_PAUSE_FILE", "")
HOLD_FILE = os.environ.get("KILL_HARNESS_HOLD_FILE", "")


def _visible_replace(source, target, *args, **kwargs):
    if not str(source).endswith(".tmp"):
        return _replace(source, target, *args, **kwargs)
    sys.stderr.write("<<SAVING>>\n")
    sys.stderr.flush()
    if PAUSE_FILE and os.path.exists(PAUSE_FILE):
        time.sleep(10)
    while HOLD_FILE and os.path.exists(HOLD_FILE):
        time.sleep(0.05)
    _replace(source, target, *args, **kwargs)
    sys.stderr.write("<<SAVED>>\n")
    sys.stderr.flush()
    return None


os.replace = _visible_replace

from goodlooks.cli import main  # noqa: E402 - after the patch, as goodlooks would be started

sys.argv[0] = "goodlooks"
main()
