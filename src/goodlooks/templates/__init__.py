"""Text templates shipped with the package."""

from __future__ import annotations

from importlib.resources import files


def starter_bank() -> str:
    return files(__name__).joinpath("starter-bank.yaml").read_text(encoding="utf-8")
