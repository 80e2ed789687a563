"""Property tests: a valid bank mutated at random is either valid or rejected with located
problems; nothing else ever escapes (no traceback, no other exception)."""

from __future__ import annotations

import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, TINY_BANK
from goodlooks.bank.loader import parse_bank
from goodlooks.bank.model import Bank
from goodlooks.base.errors import BankError

BUILTIN = (REPO / "questions" / "what-good-looks-like.yaml").read_text(encoding="utf-8")
SPECIALS = ":-[]{}&*!|>'\"#%@,?~\t\n \\" + "aZ09é€\x00\x07"


def _check(text: str | bytes) -> None:
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    try:
        bank = parse_bank(raw, "bank.yaml")
    except BankError as error:
        assert error.problems, "a rejected bank names at least one problem"
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message and "\n" not in problem.message
            assert str(problem).startswith(f"bank.yaml:{problem.line}:{problem.column}: ")
    else:
        assert isinstance(bank, Bank)
        for question in bank.questions():
            assert len({o.score for o in question.choices}) >= 2
            assert all(math.isfinite(o.score) for o in question.choices)


@st.composite
def text_mutations(draw, source: str) -> str:
    lines = source.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "splice", "indent", "insert"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "indent":
            lines[index] = " " * draw(st.integers(0, 6)) + lines[index].lstrip(" ")
        else:
            line = lines[index]
            start = draw(st.integers(0, len(line)))
            end = start if action == "insert" else draw(st.integers(start, len(line)))
            lines[index] = line[:start] + draw(st.text(alphabet=SPECIALS, max_size=8)) + line[end:]
    return "".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_mutations(TINY_BANK))
def test_text_mutations_of_the_tiny_bank_never_escape(text):
    _check(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_mutations(BUILTIN))
def test_text_mutations_of_the_built_in_bank_never_escape(text):
    _check(text)


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.sampled_from(["id", "key", "score", "text", "x"]), st.text(max_size=5), max_size=3),
)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_structural_mutations_never_escape(data):
    tree = yaml.safe_load(TINY_BANK)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(tree) if p]
        path = data.draw(st.sampled_from(paths))
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add-key"]))
        if action == "replace":
            parent[path[-1]] = data.draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["wieght", "scale", "options", "group", "help"]))] = data.draw(VALUES)
    _check(yaml.safe_dump(tree, allow_unicode=True))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=text_mutations(TINY_BANK))
def test_the_cli_never_shows_a_traceback(run, tmp_path, text):
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run("validate", str(path))
    assert result.exit_code in (0, 3)
    assert "Traceback" not in result.output
