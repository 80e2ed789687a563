"""Broken and hostile files fail fast and cleanly: exit 3, one located message, no traceback."""

from __future__ import annotations

import re

import pytest

from conftest import TINY_BANK
from goodlooks.base.files import too_large
from goodlooks.base.yaml_source import MAX_DEPTH, read_yaml

CASES = [
    ("YAML that does not parse", "id: tiny\ntitle: a: b\n",
     "bank.yaml:2:9: this is not valid YAML: mapping values are not allowed in this context; "
     "text containing ': ' must be in quotes"),
    ("a tab used for indentation", "id: tiny\ndimensions:\n\t- id: x\n",
     "bank.yaml:3:1: a tab is used for indentation; YAML needs spaces (set your editor to insert spaces)"),
    ("an empty file", "",
     "bank.yaml:1:1: the file is empty; a bank needs at least id, title, version and dimensions "
     "(`goodlooks init FILE` writes a starter bank)"),
    ("a file of comments only", "# nothing yet\n\n",
     "bank.yaml:1:1: the file is empty; a bank needs at least id, title, version and dimensions "
     "(`goodlooks init FILE` writes a starter bank)"),
    ("a list at the top level", "- id: tiny\n",
     "bank.yaml:1:1: the top level must be a mapping of keys (id, title, version, dimensions ...), "
     "not a list or a single value"),
    ("text at the top level", "just some words\n",
     "bank.yaml:1:1: the top level must be a mapping of keys (id, title, version, dimensions ...), "
     "not a list or a single value"),
    ("bytes that are not UTF-8", b"id: tiny\ntitle: caf\xe9\n",
     "bank.yaml:2:11: the file is not UTF-8 text (byte 0xe9 here); save it with UTF-8 encoding"),
    ("a NUL byte", b"id: tiny\ntitle: a\x00b\n",
     "bank.yaml:2:9: the file contains a NUL byte, so it is not a text file; save it as plain UTF-8 text"),
    ("a control character", "id: tiny\ntitle: a\x07b\n",
     "bank.yaml:2:9: this is not valid YAML: control characters are not allowed"),
    ("a python tag", "id: !!python/object/apply:os.system ['touch pwned']\n",
     "bank.yaml:1:5: YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not "
     "allowed; write plain values"),
    ("an anchor", "id: &name tiny\n",
     "bank.yaml:1:5: YAML anchors (&name) are not allowed; write the value out, or for answer options "
     "define a scale under 'scales' and name it with 'scale:'"),
    ("two documents", "id: tiny\n---\nid: other\n",
     "bank.yaml:2:1: a file holds one YAML document; remove this second one (or the '---' line before it)"),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_files_give_one_located_message(run, write, workdir, content, expected):
    write(content)
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == expected
    assert "Traceback" not in result.output
    assert not (workdir / "pwned").exists()


def test_aliases_are_refused_with_a_hint_to_use_scales(run, write):
    write("a: &x [1]\nb: *x\n")
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[:2] == [
        "bank.yaml:1:4: YAML anchors (&x) are not allowed; write the value out, or for answer "
        "options define a scale under 'scales' and name it with 'scale:'",
        "bank.yaml:2:4: YAML aliases (*x) are not allowed; write the value out, or for answer "
        "options define a scale under 'scales' and name it with 'scale:'",
    ]


def test_billion_laughs_is_refused_before_it_grows(run, write):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    write("\n".join(lines) + "\n")
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert "aliases" in result.stderr


def test_a_file_over_32_mb_is_refused_without_parsing(run, write):
    write(b"id: x\n" + b"# padding\n" * 3_200_000)
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        "bank.yaml:1:1: the file is 32.1 MB (32,000,006 bytes), over the 32 MB limit "
        "(32,000,000 bytes); is it the right file?")


@pytest.mark.parametrize("size", [2_000_001, 2_050_000, 2_099_999, 16_777_217, 16_799_999, 20_000_001,
                                  20_099_999, 32_000_001, 123_456_789])
@pytest.mark.parametrize("limit", [2_000_000, 16_777_216, 20_000_000, 32_000_000])
def test_a_refusal_never_shows_a_size_at_or_under_the_limit_it_shows(size, limit):
    if size <= limit:
        return
    message = too_large(size, limit)
    shown_size, shown_limit = re.fullmatch(
        r"the file is ([\d.]+) MB \([\d,]+ bytes\), over the ([\d.]+) MB limit \([\d,]+ bytes\)", message).groups()
    assert float(shown_size) > float(shown_limit), message
    assert f"({size:,} bytes)" in message and f"({limit:,} bytes)" in message


@pytest.mark.parametrize("brackets", [50_000, 1_000, MAX_DEPTH + 1])
def test_deep_flow_nesting_is_refused(run, write, brackets):
    write("id: " + "[" * brackets + "]" * brackets + "\n")
    result = run("validate", "bank.yaml")
    assert result.exit_code == 3
    assert "nest" in result.stderr.splitlines()[0]
    assert "Traceback" not in result.output


def test_deep_block_nesting_is_refused():
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(MAX_DEPTH + 5))
    doc, problems = read_yaml(text.encode(), "bank.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        f"bank.yaml:{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}: the data is nested more than {MAX_DEPTH} levels "
        "deep; a bank never needs that many"]


def test_nesting_up_to_the_limit_is_read():
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(MAX_DEPTH - 1)) + "  " * (MAX_DEPTH - 1) + "v\n"
    doc, problems = read_yaml(text.encode(), "bank.yaml")
    assert problems == []
    assert doc is not None


def test_positions_are_one_based_lines_and_columns():
    doc, problems = read_yaml(b"a: 1\nlist:\n  - x\n  - {y: 2}\n", "f.yaml")
    assert problems == []
    assert doc.data == {"a": "1", "list": ["x", {"y": "2"}]}
    assert doc.position(("a",)) == (1, 4)
    assert doc.position(("list", 1, "y")) == (4, 9)
    assert doc.position(("list", 1, "y"), prefer_key=True) == (4, 6)
    assert doc.position(("list", 1, "missing")) == (4, 5)


def test_a_utf8_byte_order_mark_is_accepted(run, write):
    write(b"\xef\xbb\xbf" + TINY_BANK.encode())
    assert run("validate", "bank.yaml").exit_code == 0


def test_a_bank_that_is_not_there_is_a_usage_error(run, workdir):
    result = run("validate", "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("no bank file or built-in bank named 'nope.yaml'; built-in banks: "
                             "what-good-looks-like\n")


def test_a_folder_is_not_a_bank(run, workdir):
    (workdir / "folder").mkdir()
    result = run("validate", "folder")
    assert result.exit_code == 2
    assert result.stderr == "folder is not a file; give a bank's YAML file or a built-in bank's id\n"
