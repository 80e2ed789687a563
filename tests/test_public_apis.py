"""goodlooks uses only the public APIs of its dependencies, so a minor release of one cannot break
it while its pins say it is fine: no private module or attribute of rich, click, Typer or
prompt_toolkit, no override of their private methods, and no upper cap on a pin without the
known break written beside it. And what replaced the private APIs does what they did."""

from __future__ import annotations

import ast
import io
import random
import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from conftest import REPO
from goodlooks.render.console import SafeConsole
from goodlooks.render.wrapping import line_breaks, wrap_pieces

LIBRARIES = ("rich", "click", "typer", "prompt_toolkit")
SOURCES = sorted((REPO / "src" / "goodlooks").rglob("*.py"))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_source_names_a_private_part_of_a_dependency():
    pattern = re.compile(rf"\b({'|'.join(LIBRARIES)})(\.[A-Za-z_][A-Za-z0-9_]*)*\._[A-Za-z]")
    found = [f"{path.relative_to(REPO)}:{number}: {line.strip()}"
             for path in SOURCES for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []


def test_no_import_of_a_private_module_or_name_and_no_click():
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LIBRARIES:
                parts = node.module.split(".") + [alias.name for alias in node.names]
                if any(_private(part) for part in parts) or parts[0] == "click":
                    found.append(f"{path.relative_to(REPO)}: from {node.module} import ...")
            elif isinstance(node, ast.Import):
                found += [f"{path.relative_to(REPO)}: import {alias.name}" for alias in node.names
                          if alias.name.split(".")[0] in LIBRARIES
                          and (any(_private(part) for part in alias.name.split(".")) or alias.name == "click")]
    assert found == []  # Typer vendors click as typer._click: goodlooks uses Typer's own API


def test_no_class_overrides_a_private_method_of_a_dependency():
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and (node.module or "").split(".")[0] in LIBRARIES for alias in node.names}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(isinstance(base, ast.Name) and base.id in imported
                                                      for base in node.bases):
                found += [f"{path.relative_to(REPO)}: {node.name}.{item.name}" for item in node.body
                          if isinstance(item, ast.FunctionDef) and _private(item.name)]
    assert found == []


def test_no_object_has_its_class_swapped():
    found = [str(path.relative_to(REPO)) for path in SOURCES if ".__class__ =" in path.read_text(encoding="utf-8")]
    assert found == []


def test_the_finder_finds_what_it_looks_for():
    pattern = re.compile(rf"\b({'|'.join(LIBRARIES)})(\.[A-Za-z_][A-Za-z0-9_]*)*\._[A-Za-z]")
    assert pattern.search("from rich._wrap import divide_line") and pattern.search("typer._click.core")
    assert not pattern.search("from rich.cells import cell_len")


def test_no_pin_has_an_upper_cap_without_its_reason():
    """A cap (`<`, `<=`, `~=`, `==`) is allowed only with the known break written beside it."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    project = tomllib.loads(text)["project"]
    pins = [*project["dependencies"], *(pin for extra in project["optional-dependencies"].values() for pin in extra)]
    for pin in pins:
        if re.search(r"(<|~=|==)", pin):
            line = next(line for line in text.splitlines() if pin in line)
            assert "#" in line and "break" in line.split("#", 1)[1], line
    assert not any("<" in pin for pin in project["dependencies"])


# --- what replaced the private APIs ----------------------------------------------------------------

WORDS = ["digital", "mission", "a", "users", "é", "中文字", "(12)", "—", "x" * 30, "Supercalifragilistic",
         "  ", "trailing   ", "\u200b", "ｗｉｄｅ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + [" ", " ", "-"]), min_size=1, max_size=40).map("".join),
       st.integers(min_value=1, max_value=60))
def test_lines_break_where_rich_breaks_them(text, width):
    """`line_breaks` (rich's rule written with rich's public cell measures) against rich's own
    `Text.wrap`, the public API it stands in for."""
    console = Console(width=width, file=io.StringIO())
    expected = [line.plain.rstrip() for line in Text(text).wrap(console, width, overflow="fold")]
    ours = wrap_pieces([(text, "")], width)
    if ours is None:  # declined (rich crops a line here): rich wraps it then, so nothing differs
        return
    assert ["".join(piece for piece, _ in line) for line in ours] == expected
    assert len(line_breaks(text, width)) == len(expected) - 1


@pytest.mark.parametrize("width", [20, 30, 80])
def test_escapes_that_lengthen_a_line_are_folded_not_cropped(width):
    """rich crops a line at the width; the console's escapes are wider than what they show, so
    the line they lengthen is folded onto the next one instead, and every character is kept."""
    rng = random.Random(width)
    for _ in range(40):
        pieces = ["word ", "\x1b[2J", "\u202e", "\x9b", "é", "  "]
        hostile = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        stream = io.StringIO()
        console = SafeConsole(file=stream, width=width, color_system=None)
        console.print(Text(hostile))
        table = Table("a", "b")
        table.add_row(hostile, "z")
        console.print(table)
        console.rule(hostile)
        written = stream.getvalue()
        assert all(len(line) <= width for line in written.splitlines())
        from goodlooks.base.safe_text import terminal_text

        joined = "".join(written.split())
        assert "".join(terminal_text(hostile).split()) in joined


def test_ordinary_text_prints_exactly_as_rich_prints_it():
    for width in (40, 80):
        ours, theirs = io.StringIO(), io.StringIO()
        for console in (SafeConsole(file=ours, width=width, force_terminal=True),
                        Console(file=theirs, width=width, force_terminal=True)):
            console.print(Text("Question 1 of 2 " * 8, style="bold cyan"))
            table = Table("Dimension", "Score")
            table.add_row(Text("Users", style="bold"), "1.50")
            console.print(table)
            console.rule(Text("Part 1", style="bold"), align="left")
        assert ours.getvalue() == theirs.getvalue()
