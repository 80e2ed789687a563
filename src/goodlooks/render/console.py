"""The rich console every command prints with: text made safe for a terminal at the very end.

A module of its own so that sanitising text (`goodlooks.base.safe_text`) does not import rich.
"""

from __future__ import annotations

import errno
from typing import Any

from rich.console import Console
from rich.segment import Segment

from goodlooks.base.safe_text import terminal_text


class SafeConsole(Console):
    """A rich Console that never writes a control character it was not asked to write itself.

    Rich's own styling and cursor codes are added after this step, so they still work; text
    given to the console (from any renderable) has its control characters made visible.
    """

    def _render_buffer(self, buffer: Any) -> str:
        safe = (segment if segment.control else Segment(terminal_text(segment.text), segment.style)
                for segment in buffer)
        return super()._render_buffer(safe)

    def on_broken_pipe(self) -> None:
        """Rich exits 1 itself when the reader has gone; hand it to the command line instead,
        which ends quietly (see `goodlooks.base.output_errors`)."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader of standard output has gone")
