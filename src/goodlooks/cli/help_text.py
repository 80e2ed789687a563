"""Help that reads as a person wrote it, drawn by goodlooks itself with rich.

Each option shows its METAVAR (a flag shows nothing), each argument its name, the usage line
`FILE` when an argument is required and `[FILE]` when not, and never a type label such as
<bool>, <path> or <list[str]>, which Typer's own help prints beside every parameter. Only the
parameters' public attributes are read (their names, metavar, help, default, whether required),
and the page is written to click's help formatter, which the help option prints.
"""

from __future__ import annotations

import inspect
import io
import shutil
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any

USAGE_STYLE, COMMAND_STYLE = "yellow", "bold"
OPTION_STYLE, SWITCH_STYLE, METAVAR_STYLE = "bold cyan", "bold green", "bold yellow"
REQUIRED_STYLE, BORDER_STYLE = "red", "dim"


def usage_pieces(params: Sequence[Any]) -> list[str]:
    """The usage line after the command's name: `[OPTIONS] FILE [FOLDER] FILE...`."""
    pieces = ["[OPTIONS]"]
    for param in params:
        if param.param_type_name != "argument" or param.hidden:
            continue
        name = param.metavar or param.name.upper()
        if param.nargs != 1 and not name.endswith("..."):
            name += "..."
        if not param.required and not name.startswith("["):
            name = f"[{name}]"
        pieces.append(name)
    return pieces


def write_help(command: Any, ctx: Any, formatter: Any, commands: Sequence[tuple[str, Any]] = ()) -> None:
    """The help page of `command` (with `commands` listed, for the app itself) into `formatter`."""
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.text import Text

    stream = io.StringIO()
    shown_on = Console(file=stream, width=shutil.get_terminal_size().columns, highlight=False,
                       force_terminal=_is_terminal(), emoji=False)
    parts: list[Any] = [Text(""), Text.assemble(" ", ("Usage:", USAGE_STYLE), " ",
                                                (" ".join([ctx.command_path, *command.collect_usage_pieces(ctx)]),
                                                 COMMAND_STYLE)), Text("")]
    for paragraph in inspect.cleandoc(command.help or "").split("\n\n"):
        if paragraph.strip():
            parts += [Padding(Text(" ".join(paragraph.split())), (0, 1)), Text("")]
    params = [param for param in command.get_params(ctx) if not param.hidden]
    arguments = [_argument_row(param) for param in params if param.param_type_name == "argument"]
    options = [_option_row(param) for param in params if param.param_type_name == "option"]
    if arguments:
        parts.append(_panel("Arguments", arguments))
    if options:
        parts.append(_panel("Options", options))
    if commands:
        parts.append(_panel("Commands", [[Text(name + " ", style=OPTION_STYLE),
                                          Text(each.get_short_help_str(limit=shown_on.width * 3))]
                                         for name, each in commands]))
    shown_on.print(Group(*parts))
    formatter.write(_shown_in(stream.getvalue(), getattr(sys.stdout, "encoding", None) or "utf-8"))


def _shown_in(text: str, encoding: str) -> str:
    """The help with what the output's encoding cannot show replaced by the nearest it has: the
    help option writes it as UTF-8 whatever the encoding."""
    from goodlooks.base.output_encoding import nearest

    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return "".join(nearest(character, encoding) for character in text)
    except LookupError:
        pass
    return text


def _is_terminal() -> bool:
    try:
        return bool(sys.stdout.isatty())
    except (AttributeError, ValueError):
        return False


def _panel(title: str, rows: list[list[Any]]) -> Any:
    from rich import box
    from rich.panel import Panel
    from rich.table import Table

    table = Table.grid(padding=(0, 1), expand=False)
    for _ in rows[0][:-1]:
        table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for row in rows:
        table.add_row(*row)
    return Panel(table, title=title, title_align="left", border_style=BORDER_STYLE, box=box.ROUNDED)


def _required(param: Any) -> Any:
    from rich.text import Text

    return Text("*" if param.required else "", style=REQUIRED_STYLE)


def _argument_row(param: Any) -> list[Any]:
    from rich.text import Text

    name = param.metavar or param.name.upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return [_required(param), Text(name, style=METAVAR_STYLE), Text(""), Text(""), _help(param)]


def _option_row(param: Any) -> list[Any]:
    from rich.text import Text

    long = [name for name in [*param.opts, *param.secondary_opts] if name.startswith("--")]
    short = [name for name in [*param.opts, *param.secondary_opts] if not name.startswith("--")]
    shown = "" if param.is_flag or param.count else param.metavar or param.name.upper()
    return [_required(param), Text(",".join(long), style=OPTION_STYLE), Text(",".join(short), style=SWITCH_STYLE),
            Text(shown, style=METAVAR_STYLE), _help(param)]


def _help(param: Any) -> Any:
    from rich.text import Text

    text = Text(" ".join((param.help or "").split()))
    default = _default(param)
    if default:
        text.append(f" [default: {default}]", style="dim")
    if param.required:
        text.append(" [required]", style=f"dim {REQUIRED_STYLE}")
    return text


def _default(param: Any) -> str:
    """The default worth showing: not for flags, nothing, or a default the help words itself."""
    value = param.default
    if param.show_default is False or getattr(param, "is_flag", False) or value is None or value == [] \
            or callable(value) or (param.param_type_name == "argument" and param.required):
        return ""
    if isinstance(value, Enum):
        value = value.value
    return str(value)
