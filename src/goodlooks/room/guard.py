"""The room's front door, with no web framework in it: which requests are refused before any
page or vote is looked at, and how often one phone may ask.

- Host must be the room's own address and port, exactly (a DNS-rebinding page sends its own name).
- Origin, where a browser sends it, must be the room's own; a POST must carry it (no cross-site
  form or script can vote, join or read).
- The path must start with the session's secret (at least 128 random bits, compared in constant
  time); without it everything is "not found". The projector's page needs a second key after it
  (`Door.screen`), since it shows the join code.
- A body is at most `MAX_BODY` bytes; each client address has a budget of requests.

Joining also takes the session's short join code (`JoinCodes`): six digits shown on the
facilitator's screen and the projector's, never in the address or its QR code, so a forwarded
or photographed link alone does not make anyone a member. Six digits rather than letters: a
phone opens its number pad for them, they read aloud with no I-or-1 doubt, and people know them
from one-time codes. A million codes is few for a secret, so wrong codes are bounded: a few per
address and per cookie, then a wait, and a ceiling for the whole room: over a three-hour
session a guesser has about one chance in 2,700 from one address, and one in 1,300 from any
number of them.
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from goodlooks.room.parts import Refused, key_of

MAX_BODY = 8 * 1024
"""The largest request body (a vote with a long note in any script), in bytes."""
SECRET_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O or U, so the code reads aloud and types on a phone."""
SECRET_LENGTH = 26
"""26 characters of 5 bits: 130 random bits."""
SCREEN_KEY_LENGTH = 12
"""The projector page's key: 60 more random bits behind the secret (and the request budget)."""
CODE_DIGITS = 6


def new_secret(length: int = SECRET_LENGTH) -> str:
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(length))


def new_code() -> str:
    """A join code: six random digits, new for every session (and every --resume)."""
    return f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"


def spaced(code: str) -> str:
    """`482 913`: easier to read off a screen and to type."""
    return f"{code[:3]} {code[3:]}"


def normalise_code(text: str | None) -> str | None:
    """The code as typed (spaces, dashes and dots ignored), or None unless it is six digits."""
    typed = (text or "")[:40].replace(" ", "").replace("-", "").replace(".", "")
    return typed if len(typed) == CODE_DIGITS and typed.isascii() and typed.isdigit() else None


def normalise_secret(text: str) -> str:
    """As typed: any case, with or without dashes or spaces; O read as 0, I and L as 1."""
    return text.upper().replace("-", "").replace(" ", "").replace("%20", "").translate(
        str.maketrans("OIL", "011"))


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@dataclass(frozen=True)
class Door:
    host: str
    port: int
    secret: str
    code: str = field(default_factory=new_code)
    """The short join code, typed on the join page (see `JoinCodes`)."""
    screen: str = field(default_factory=lambda: new_secret(SCREEN_KEY_LENGTH))

    @property
    def origin(self) -> str:
        return f"http://{url_host(self.host)}:{self.port}"

    @property
    def base(self) -> str:
        """The path every page of this session lives under."""
        return "/" + self.secret

    @property
    def join_address(self) -> str:
        return self.origin + self.base

    @property
    def screen_path(self) -> str:
        return f"{self.base}/screen/{self.screen}"

    @property
    def screen_address(self) -> str:
        """The projector's page: it shows the join code, so it has a key of its own."""
        return self.origin + self.screen_path

    def is_screen(self, key: str) -> bool:
        return secrets.compare_digest(normalise_secret(key).encode(), self.screen.encode())

    def check(self, method: str, path: str, headers: Mapping[str, str]) -> None:
        """Raise `Refused` for a request that may not go any further."""
        host = headers.get("host", "").lower()
        if host != f"{url_host(self.host)}:{self.port}".lower():
            raise Refused(421, "This address is not the room's.")
        origin = headers.get("origin")
        if origin is not None and origin != self.origin:
            raise Refused(403, "Requests from other sites are refused.")
        if method not in ("GET", "HEAD") and origin is None:
            raise Refused(403, "A request that changes something must say where it comes from.")
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            raise Refused(403, "Requests from other sites are refused.")
        first = path.lstrip("/").split("/", 1)[0]
        if not secrets.compare_digest(normalise_secret(first).encode(), self.secret.encode()):
            raise Refused(404, "There is no room at this address. Scan the code on the facilitator's screen again.")
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            raise Refused(413, "That is too much to send.")


@dataclass
class Budget:
    """A token bucket per key: `capacity` requests at once, refilled at `rate` a second."""

    capacity: float
    rate: float
    clock: Callable[[], float] = time.monotonic
    max_keys: int = 10_000
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def _tokens(self, key: str, now: float) -> float:
        tokens, then = self._buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - then) * self.rate)

    def wait(self, key: str) -> float:
        """Seconds until `key` may spend again (0: now), spending nothing."""
        return max(0.0, (1 - self._tokens(key, self.clock())) / self.rate)

    def spend(self, key: str) -> bool:
        now = self.clock()
        tokens = self._tokens(key, now)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        if key not in self._buckets and len(self._buckets) >= self.max_keys:
            self._forget_full(now)
        self._buckets[key] = (tokens - 1, now)
        return True

    def _forget_full(self, now: float) -> None:
        """Keys whose buckets have refilled carry nothing worth keeping."""
        for key, (tokens, then) in list(self._buckets.items()):
            if tokens + (now - then) * self.rate >= self.capacity:
                del self._buckets[key]
        while len(self._buckets) >= self.max_keys:
            del self._buckets[next(iter(self._buckets))]


class JoinCodes:
    """Checks the join code a phone typed. Wrong codes spend budgets kept per client address,
    per member cookie (a returning member's, or any the phone sends) and for the whole room;
    while any is spent, no code is even compared, the right one included, and the phone is told
    how long to wait. Codes that are not six digits are no guess and spend nothing. The
    comparison takes the same time whichever digit is wrong."""

    def __init__(self, code: str, *, per_address: Budget | None = None, per_cookie: Budget | None = None,
                 whole_room: Budget | None = None, wrong: Callable[[], None] = lambda: None) -> None:
        self.code, self.wrong = code, wrong
        self.per_address = per_address or Budget(capacity=5, rate=1 / 30)
        self.per_cookie = per_cookie or Budget(capacity=5, rate=1 / 30)
        self.whole_room = whole_room or Budget(capacity=40, rate=1 / 15)

    def check(self, typed: str | None, address: str, cookie: str | None) -> None:
        """Return if `typed` is the room's code; raise `Refused` (422, 403 or 429) saying why not."""
        buckets = [(self.per_address, "a:" + address), (self.whole_room, "room")]
        if cookie:
            buckets.append((self.per_cookie, "c:" + key_of(cookie[:200])))
        wait = max(budget.wait(key) for budget, key in buckets)
        if wait > 0:
            raise Refused(429, _wait_message("Too many wrong join codes have been typed", wait))
        code = normalise_code(typed)
        if code is None:
            raise Refused(422, "Type the join code: the six digits on the room's screen.")
        if secrets.compare_digest(code.encode(), self.code.encode()):
            return
        for budget, key in buckets:
            budget.spend(key)
        self.wrong()
        wait = max(budget.wait(key) for budget, key in buckets)
        said = "That is not this room's join code."
        if wait > 0:
            raise Refused(429, _wait_message(said + " Too many wrong codes", wait))
        raise Refused(403, said + " Check the six digits on the room's screen and type them again.")


def _wait_message(said: str, wait: float) -> str:
    seconds = max(1, math.ceil(wait))
    return f"{said}: wait {seconds} second{'s' if seconds != 1 else ''}, then type the code on the room's screen."
