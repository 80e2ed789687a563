"""Help that reads as a person wrote it: each option shows its METAVAR (or nothing, for a flag) and
each argument its name, never one of Typer's type labels such as <bool>, <path> or <list[str]>.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperOption


class _PlainOption(TyperOption):
    """Shows its METAVAR in help, or nothing (a flag): never a type label such as <bool>."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return self.metavar


class _PlainArgument(TyperArgument):
    """Shows its METAVAR as its name, and no type label such as <path> beside it; in the usage line,
    FILE when required and [FILE] when not (not {FILE})."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


def plain_labels(params: list[Any]) -> list[Any]:
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = _PlainOption
        elif type(param) is TyperArgument:
            param.__class__ = _PlainArgument
    return params
