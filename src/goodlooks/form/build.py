"""Building the answers form: a bank (or the part of it `--only` names) as one HTML page with its
style and script inline, a Content-Security-Policy that lets nothing load, and every bank text
escaped by the template."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from goodlooks import __version__
from goodlooks.bank.loader import LoadedBank
from goodlooks.bank.model import RESERVED_KEYS, RESERVED_LABELS, Bank, Dimension
from goodlooks.results.evidence import EVIDENCE_LABELS
from goodlooks.workshop.scope import scoped


@dataclass(frozen=True)
class Part:
    """One section of the form: a dimension, its group's title, and its questions' numbers."""

    dimension: Dimension
    group_title: str | None
    first_number: int


def build_form(loaded: LoadedBank, scope: Sequence[str] = ()) -> str:
    """The form's HTML for `loaded` (cut down to `scope`, as with --only)."""
    from goodlooks.bank.fingerprint import structure_sha256, wording
    from goodlooks.report.templating import environment

    bank = scoped(loaded.bank, scope)
    style, script = _asset("form.css"), _asset("form.js")
    for text, tag in ((style, "</style"), (script, "</script")):
        if tag in text.lower():  # it would end the element early
            raise RuntimeError(f"the form's inline style or script contains {tag}")
    data = {
        # The fingerprints of the whole bank, so that answers saved from this form are still
        # scored, with a notice, after the bank is reworded (but not after its scores change).
        "bank": {"id": bank.id, "version": bank.version, "sha256": loaded.sha256,
                 "structure": structure_sha256(loaded.bank), "wording": wording(loaded.bank)},
        "only": list(scope),
        "questions": [question.id for question in bank.questions()],
        "reserved": list(RESERVED_KEYS),
        "parts": {dimension.id: [q.id for q in dimension.questions] for dimension in bank.dimensions},
        "storage_key": f"goodlooks-form/{bank.id}/{loaded.sha256}/{','.join(scope)}",
    }
    return environment().get_template("form/form.html.j2").render(
        bank=bank, parts=_parts(bank), data=data, style=style, script=script,
        policy=content_security_policy(style, script), reserved=[(k, RESERVED_LABELS[k]) for k in RESERVED_KEYS],
        evidence=[*EVIDENCE_LABELS.items(), ("", "Say nothing")],
        total=len(data["questions"]), version=__version__,
    )


def content_security_policy(style: str, script: str) -> str:
    """Nothing may load from anywhere; only this page's own style and script (by hash) may run."""
    return (f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
            "base-uri 'none'; form-action 'none'")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _asset(name: str) -> str:
    return resources.files("goodlooks").joinpath("templates", "form", name).read_text(encoding="utf-8")


def _parts(bank: Bank) -> list[Part]:
    groups = {group.id: group.title for group in bank.groups}
    parts, number = [], 1
    for dimension in bank.dimensions:
        parts.append(Part(dimension, groups.get(dimension.group) if dimension.group else None, number))
        number += len(dimension.questions)
    return parts
