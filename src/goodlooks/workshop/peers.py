"""Where an organisation stands among its peers: for the overall score and each part (dimension),
its own score, the peers' median and quartiles, its rank ("4th of 11") and how many peers
there are. Pure: scores in, figures out; reading the files is `goodlooks.workshop.peer_files`.

- The peers are the other organisations. The median, quartiles, lowest and highest are of the
  peers' scores only; the rank is among everyone, the organisation itself included, so "4th of
  11" is among it and ten peers.
- Quartiles are `statistics.quantiles(scores, n=4, method="inclusive")`: the peers are the
  whole group being compared (every trust in the system), not a sample of a larger one, and the
  inclusive method treats them so (the lowest score is the 0th percentile and the highest the
  100th, as Excel's QUARTILE.INC and NumPy's default do); the middle cut point is the median.
- Rank 1st is the highest score. Organisations whose scores are equal (to 6 decimals, so that
  floating-point noise makes no difference) share a rank, and the next rank skips: two joint
  2nd, then 4th. A shared rank says how many peers share it.
- Anonymity: no figure is given from fewer than `min_peers` peers (default 5), for the group as a
  whole or for one part: in a small group, the figures would let a board work out a peer's own
  scores. The figures never carry a peer's name or file.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from goodlooks.base.numbers import ordinal, plural

QUANTILE_METHOD: Literal["inclusive"] = "inclusive"
MIN_PEERS = 5
"""The fewest peers a figure is shown for, unless `--min-peers` says otherwise."""
LOWEST_MIN_PEERS = 2
"""Quartiles need at least two scores."""
PLACES = 6
"""Scores equal to this many decimals are a tie."""


@dataclass(frozen=True)
class Part:
    """The overall score, or one dimension."""

    id: str
    title: str
    overall: bool = False


@dataclass(frozen=True)
class PeerFigures:
    """The peers' scores in one part, summarised (shown on the bank's range)."""

    median: float
    lower_quartile: float
    upper_quartile: float
    lowest: float
    highest: float


@dataclass(frozen=True)
class Rank:
    place: int
    """1 for the highest score."""
    of: int
    """The organisation itself and the peers with a score in this part."""
    tied: int
    """Peers with the same score as the organisation, sharing its place."""

    def short(self) -> str:
        """`4th of 11`, or `joint 4th of 11`."""
        return f"{'joint ' if self.tied else ''}{ordinal(self.place)} of {self.of}"

    def level_with(self) -> str:
        """`level with 2 peers`, or nothing."""
        return f"level with {plural(self.tied, 'peer')}" if self.tied else ""

    def text(self) -> str:
        """`4th of 11`, or `joint 4th of 11 (level with 2 peers)`."""
        return f"{self.short()} ({self.level_with()})" if self.tied else self.short()


@dataclass(frozen=True)
class PartStanding:
    part: Part
    own: float | None
    """The organisation's own score (None when nothing in the part was scored)."""
    own_level: str | None
    peers: int
    """Peers with a score in this part."""
    figures: PeerFigures | None
    """None when withheld (see `withheld`)."""
    rank: Rank | None
    withheld: str | None = None
    """Why no peer figure is shown for this part, if none is."""


@dataclass(frozen=True)
class PeerStanding:
    organisation: str
    bank_id: str
    bank_version: str
    bank_title: str
    peers: int
    """How many other organisations' files were compared."""
    min_peers: int
    score_range: tuple[float, float]
    levels: tuple[tuple[str, float], ...]
    """The bank's levels (name, where it starts), for the charts."""
    parts: tuple[PartStanding, ...]
    """The overall score first, then each dimension in the bank's order."""

    @property
    def withheld(self) -> str | None:
        """Why no peer figure is shown at all, if none is."""
        if self.peers >= self.min_peers:
            return None
        return (f"{plural(self.peers, 'peer')}: no peer figures are shown from fewer than {self.min_peers}, "
                "because in a small group the figures would let a board work out a peer's own scores")

    @property
    def method(self) -> str:
        return f'statistics.quantiles(n=4, method="{QUANTILE_METHOD}")'

    def as_dict(self) -> dict:
        data = asdict(self)
        data["withheld"], data["quartiles"] = self.withheld, self.method
        data["levels"] = [{"name": name, "min": start} for name, start in self.levels]
        for standing, record in zip(self.parts, data["parts"]):
            record["rank_text"] = standing.rank.text() if standing.rank else None
        return data


def figures_of(scores: Sequence[float]) -> PeerFigures:
    """The median, quartiles, lowest and highest of two or more scores."""
    lower, median, upper = statistics.quantiles(scores, n=4, method=QUANTILE_METHOD)
    return PeerFigures(median, lower, upper, min(scores), max(scores))


def rank_among(own: float, peers: Sequence[float]) -> Rank:
    """The place of `own` among itself and `peers`, highest first, ties sharing a place."""
    mine = round(own, PLACES)
    rounded = [round(score, PLACES) for score in peers]
    return Rank(1 + sum(1 for score in rounded if score > mine), len(peers) + 1,
                sum(1 for score in rounded if score == mine))


def stand_in_part(part: Part, own: float | None, own_level: str | None, peers: Sequence[float | None],
                  min_peers: int = MIN_PEERS) -> PartStanding:
    """One part's standing: figures and rank from the peers scored in it, if there are enough."""
    scored = [score for score in peers if score is not None]
    if len(scored) < min_peers:
        why = f"{plural(len(scored), 'peer')} scored here, fewer than {min_peers}"
        return PartStanding(part, own, own_level, len(scored), None, None, why)
    rank = rank_among(own, scored) if own is not None else None
    return PartStanding(part, own, own_level, len(scored), figures_of(scored), rank)


def check_min_peers(min_peers: int) -> None:
    if min_peers < LOWEST_MIN_PEERS:
        from goodlooks.base.errors import UsageError

        raise UsageError(f"--min-peers must be {LOWEST_MIN_PEERS} or more (quartiles need two scores), "
                         f"not {min_peers}; the default, {MIN_PEERS}, keeps small groups anonymous")
