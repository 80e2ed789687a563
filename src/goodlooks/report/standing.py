"""What `report --peers` and `report --history` add to a report: read the peers' files or the
organisation's earlier ones (`goodlooks.workshop`), and hang the sections on the report. The
formats draw them (`templates/report/standing.*`, `csv_format`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from goodlooks.base.errors import UsageError
from goodlooks.report.interface import ReportFormat
from goodlooks.workshop.peers import MIN_PEERS

if TYPE_CHECKING:  # making a report imports the content only once it is making one
    from goodlooks.report.content import Report


@dataclass(frozen=True)
class Standing:
    peers: Sequence[Path] = ()
    """Peers' results files, or folders of them."""
    history: Sequence[Path] = ()
    """The organisation's earlier results files, or folders of them."""
    min_peers: int = MIN_PEERS
    repeated: list[tuple[Path, Path]] = field(default_factory=list)
    """Filled in: (file, the earlier file of the same assessment) pairs of the history counted once."""

    def __bool__(self) -> bool:
        return bool(self.peers or self.history)

    def add_to(self, reports: list[Report], files: Sequence[Path], chosen: ReportFormat) -> None:
        if not self:
            return
        if len(reports) != 1:
            options = " and ".join(name for name, given in (("--peers", self.peers), ("--history", self.history))
                                   if given)
            raise UsageError(f"{options} report on one organisation's results file, not {len(reports)}; "
                             f"give one FILE, e.g. goodlooks report board.json {options.split(' and ')[0]} ... "
                             f"--format {chosen.value}")
        (report,), (path,) = reports, files
        if self.peers:
            from goodlooks.report.peers_section import PeersSection
            from goodlooks.workshop.peer_files import read_peers

            report.peers = PeersSection(read_peers(path, self.peers, self.min_peers))
        if self.history:
            from goodlooks.report.history_section import HistorySection
            from goodlooks.workshop.trend_files import read_trend

            reading = read_trend([path, *self.history])
            self.repeated.extend(reading.repeated)
            report.history = HistorySection(reading.trend)
