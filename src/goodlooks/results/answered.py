"""When an answers file's answers were given: its `answered_on` (a date, or a date and time),
else the time the answers form saved it (`form.saved_at`), else now. The one rule for both, so
that `goodlooks assess --answers` dates last year's answers by last year, and combine, list,
compare, trend and the paper all see the same time.

- A date alone (`2025-11-20`) is taken as midday of that day in local time (today: now), so that
  it reads as the same day wherever the file is opened within eleven hours of here.
- A date and time without an offset (`2025-11-20T10:30`) is local time; with one
  (`...T10:30:00Z`, `...+01:00`) it is that moment.
- A hand-written `answered_on` in the future is refused (a typo, most likely): a date after
  today, or a time more than `CLOCK_SLACK` after now. A form's `saved_at` comes from the clock of
  the device it was filled in on, which may be wrong: one in the future is taken as now, with a
  notice saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from goodlooks.results.model import EARLIEST_YEAR, FormRecord, now

ANSWERED_ON_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
"""A date, or a date and time with or without an offset from UTC (the answers-file schema says the same)."""
CLOCK_SLACK = timedelta(minutes=10)
"""How far a time may be ahead of this computer's clock (clocks differ a little) and not be
called the future."""
MIDDAY = time(12, 0)
HOW = ("the date the answers were given, as 2025-11-20, or a date and time, as 2025-11-20T10:30 "
       "(local time) or 2025-11-20T10:30:00Z")


class AnsweredOnError(ValueError):
    """What is wrong with an `answered_on` value, in words for the facilitator."""


def parse_answered_on(value: object, today: datetime | None = None) -> datetime:
    """The moment an `answered_on` value says (with its offset from UTC); raise `AnsweredOnError`."""
    current = today or now()
    if not isinstance(value, str) or not value.strip():
        raise AnsweredOnError(f"'answered_on' must be {HOW}, or left out")
    text = value.strip()
    try:
        if not re.match(ANSWERED_ON_PATTERN, text):
            raise ValueError(text)
        moment = _moment(text)
    except ValueError:
        raise AnsweredOnError(f"'answered_on' is '{text[:40]}', which is not a date; give {HOW}") from None
    if moment.year < EARLIEST_YEAR:
        raise AnsweredOnError(f"'answered_on' is {text}, before {EARLIEST_YEAR}; give {HOW}")
    if len(text) == 10:  # a date alone
        if moment.date() > current.date():
            raise AnsweredOnError(f"'answered_on' is {text}, after today ({current:%Y-%m-%d}); give the date "
                                  "the answers were given")
        return min(moment, current)  # today: now, not a midday still to come
    if moment > current + CLOCK_SLACK:
        raise AnsweredOnError(f"'answered_on' is {text}, later than now ({current:%Y-%m-%d %H:%M}); give "
                              "the date the answers were given")
    return moment


def _moment(text: str) -> datetime:
    if len(text) == 10:  # a date alone: midday, local time
        return datetime.combine(date.fromisoformat(text), MIDDAY).astimezone().replace(microsecond=0)
    moment = datetime.fromisoformat(text)
    return moment.astimezone().replace(microsecond=0)  # local time when no offset is given


@dataclass(frozen=True)
class Answered:
    """When the answers were given (None: now, as the results file is made), and what to say."""

    at: datetime | None
    notice: str | None = None


def when_answered(answered_on: datetime | None, form: FormRecord | None, path: Path) -> Answered:
    """The time `assess --answers` records as the results' start and completion (see the module)."""
    if answered_on is not None:
        return Answered(answered_on)
    saved = form.saved_at if form is not None else None
    if saved is None:
        return Answered(None)
    saved = saved if saved.tzinfo is not None else saved.astimezone()
    current = now()
    if saved > current + CLOCK_SLACK:
        return Answered(None, f"{path}: the form says it was saved at {saved:%Y-%m-%d %H:%M}, which is later "
                              "than now (the clock of the device it was filled in on was wrong?); the results "
                              "say they were answered now. To give the date, add answered_on: YYYY-MM-DD "
                              "to the file.")
    return Answered(saved.astimezone().replace(microsecond=0))
