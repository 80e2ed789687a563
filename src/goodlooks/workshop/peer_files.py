"""Reading an organisation's results and its peers' for `goodlooks peers` and `report --peers`.

Each peer file must be an organisation's own finished answers (single, voted or agreed, not
several people's combined) to the same bank id and version, asking the same questions, and
name its organisation; each organisation counts once. Every file that breaks a rule is named,
all at once, with what to do. Files are read one at a time and only their scores are kept, so
250 organisations hold no more than 25. Nothing here keeps or returns a peer's name or file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from goodlooks.bank.model import Bank
from goodlooks.base.errors import ResultsError, UsageError
from goodlooks.results.model import Results, organisation_key
from goodlooks.scoring.scores import ScoreSheet, score
from goodlooks.workshop.assessments import Assessed, listed, read_assessed
from goodlooks.workshop.combine import results_files
from goodlooks.workshop.peers import (
    MIN_PEERS,
    Part,
    PeerStanding,
    check_min_peers,
    stand_in_part,
)

PEER_KINDS = ("single", "voted", "agreed")
HOW_TO_NAME = ("name it when the file is made (goodlooks assess --organisation NAME; goodlooks combine and "
               "goodlooks assess --consensus take --organisation too), or open the file in a text editor and "
               "write the name in, as \"organisation\": \"NAME\", where it says \"organisation\": null (a file "
               "made before goodlooks recorded organisations has no such line: add it straight after the "
               "opening '{')")


@dataclass
class _Problems:
    unnamed: list[str] = field(default_factory=list)
    other_bank: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    other_scope: list[str] = field(default_factory=list)
    combined: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    twice: list[str] = field(default_factory=list)

    def check(self, path: Path, results: Results, own: Results | None) -> None:
        """Note what is wrong with one file (`own`: the organisation's file, None for itself)."""
        if results.organisation is None:
            self.unnamed.append(str(path))
        if own is not None and (results.bank.id, results.bank.version) != (own.bank.id, own.bank.version):
            self.other_bank.setdefault((results.bank.id, results.bank.version), []).append(str(path))
        elif own is not None and set(results.scope) != set(own.scope):
            self.other_scope.append(f"{path} ({_asked(results)})")
        if results.kind not in PEER_KINDS:
            self.combined.append(str(path))
        elif results.status != "complete":
            self.unfinished.append(str(path))

    def raise_any(self, own_path: Path, own: Results) -> None:
        lines = []
        if self.unnamed:
            lines.append(f"{_these(self.unnamed)} not say which organisation's results {_it(self.unnamed)}; "
                         f"each organisation counts once among its peers, so each file must name one: "
                         f"{HOW_TO_NAME}")
        if self.other_bank:
            others = "; ".join(f"'{bank_id}' version {version}: {listed(paths)}"
                               for (bank_id, version), paths in self.other_bank.items())
            lines.append(f"{own_path} answers '{own.bank.id}' version {own.bank.version}, and peers must answer "
                         f"the same bank and version; these answer another: {others}. To follow one "
                         "organisation across versions: goodlooks trend")
        if self.other_scope:
            lines.append(f"{own_path} asked {_asked(own)}, and peers must have asked the same questions; these "
                         f"did not: {listed(self.other_scope)}")
        if self.combined:
            lines.append(f"{_these(self.combined, 'is', 'are')} several people's answers combined, not an "
                         "organisation's own: agree them first (goodlooks assess --consensus FILE) and give the "
                         "agreed file")
        if self.unfinished:
            lines.append(f"{_these(self.unfinished, 'is', 'are')} still in progress; peers are compared on "
                         "finished results: finish them first (goodlooks assess --resume FILE)")
        lines += self.twice
        if lines:
            raise ResultsError("\n".join(lines))


def _these(paths: list[str], one: str = "does", many: str = "do") -> str:
    return f"{listed(paths)} {one if len(paths) == 1 else many}"


def _it(paths: list[str]) -> str:
    return "it holds" if len(paths) == 1 else "they hold"


def _asked(results: Results) -> str:
    return f"only {', '.join(results.scope)}" if results.scope else "every question"


def parts_of(bank: Bank) -> list[Part]:
    return [Part("overall", "Overall", True), *(Part(d.id, d.title) for d in bank.dimensions)]


def part_scores(parts: Sequence[Part], sheet: ScoreSheet) -> tuple[float | None, ...]:
    """Each part's score as shown, in the order of `parts` (None where a part is not scored)."""
    found = []
    for part in parts:
        result = sheet.overall if part.overall else sheet.dimensions.get(part.id)
        found.append(result.shown if result is not None else None)
    return tuple(found)


def _identity(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_dev, found.st_ino


def read_peers(own_path: Path, peer_paths: Sequence[Path], min_peers: int = MIN_PEERS) -> PeerStanding:
    """Where the organisation of `own_path` stands among the organisations of `peer_paths` (files,
    or folders of *.json). The organisation's own file may be among them; it is not counted twice."""
    check_min_peers(min_peers)
    own = read_assessed(own_path)
    problems = _Problems()
    problems.check(own_path, own.results, None)
    problems.raise_any(own_path, own.results)  # nothing else can be said about peers of an unnamed file
    assert own.results.organisation is not None
    parts = parts_of(own.bank)
    seen: dict[str, Path] = {organisation_key(own.results.organisation): own_path}
    scores: list[tuple[float | None, ...]] = []
    files = results_files(peer_paths)
    read = {_identity(own_path)}  # the organisation's own file among its peers is itself, not a peer
    for path in files:
        identity = _identity(path)
        if identity in read:  # one file given twice (a folder and a name in it)
            continue
        read.add(identity)
        peer = read_assessed(path)
        if peer.results.response_id == own.results.response_id:
            continue  # a copy of the organisation's own file
        problems.check(path, peer.results, own.results)
        if peer.results.organisation is not None:
            key = organisation_key(peer.results.organisation)
            if key in seen:
                problems.twice.append(_twice(seen[key], path, own_path, peer.results.organisation))
            else:
                seen[key] = path
        scores.append(_scores(parts, peer))
    problems.raise_any(own_path, own.results)
    if len(read) == 1:
        raise UsageError(f"no peers' results files besides {own_path} in "
                         f"{', '.join(str(p) for p in peer_paths)}")
    return standing(own, parts, scores, min_peers)


def _twice(first: Path, second: Path, own_path: Path, name: str) -> str:
    if first == own_path:
        return (f"{second} is '{name}' too, the organisation of {own_path}; each organisation counts once, "
                f"and {own_path} is its file: leave out its others (such as earlier years)")
    return (f"{first} and {second} are both '{name}'; give each organisation's results once (its agreed "
            "answers, or its single results file)")


def _scores(parts: Sequence[Part], peer: Assessed) -> tuple[float | None, ...]:
    return part_scores(parts, score(peer.bank, peer.results.choices()))


def standing(own: Assessed, parts: Sequence[Part], peers: Sequence[tuple[float | None, ...]],
             min_peers: int = MIN_PEERS) -> PeerStanding:
    """The organisation's standing among `peers` (each peer's part scores, in the order of `parts`)."""
    sheet = score(own.bank, own.results.choices())
    mine = part_scores(parts, sheet)
    levels = [sheet.overall.level if part.overall else sheet.dimensions[part.id].level for part in parts]
    bank = own.bank
    assert own.results.organisation is not None
    return PeerStanding(
        organisation=own.results.organisation, bank_id=bank.id, bank_version=bank.version, bank_title=bank.title,
        peers=len(peers), min_peers=min_peers, score_range=sheet.score_range,
        levels=tuple((level.name, level.min) for level in bank.levels),
        parts=tuple(stand_in_part(part, mine[at], levels[at], [peer[at] for peer in peers], min_peers)
                    for at, part in enumerate(parts)))
