"""The room's front door, with no web framework in it: which requests are refused before any
page or vote is looked at, and how often one phone may ask.

- Host must be the room's own address and port, exactly (a DNS-rebinding page sends its own name).
- Origin, where a browser sends it, must be the room's own; a POST must carry it (no cross-site
  form or script can vote, join or read).
- The path must start with the session's secret (at least 128 random bits, compared in constant
  time); without it everything is "not found".
- A body is at most `MAX_BODY` bytes; each client address has a budget of requests.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from goodlooks.room.state import Refused

MAX_BODY = 8 * 1024
"""The largest request body (a vote with a long note in any script), in bytes."""
SECRET_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O or U, so the code reads aloud and types on a phone."""
SECRET_LENGTH = 26
"""26 characters of 5 bits: 130 random bits."""


def new_secret() -> str:
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


def normalise_secret(text: str) -> str:
    """As typed: any case, with or without dashes or spaces; O read as 0, I and L as 1."""
    return text.upper().replace("-", "").replace(" ", "").replace("%20", "").translate(
        str.maketrans("OIL", "011"))


def grouped(secret: str) -> str:
    """`K7MQ-2XPD-...` for reading aloud and typing."""
    return "-".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@dataclass(frozen=True)
class Door:
    host: str
    port: int
    secret: str

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

    def spend(self, key: str) -> bool:
        now = self.clock()
        tokens, then = self._buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - then) * self.rate)
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
