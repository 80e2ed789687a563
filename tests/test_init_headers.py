"""Round three, defect 5: `init --from` and `init --extends` never put text from a file into a YAML
comment (or value) raw. A version, title or path holding a line break cannot end the header's
comment and add YAML of its own: the copy loads as exactly the bank it copies, the overlay as
exactly its base."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY_BANK
from figures import record
from goodlooks.bank.changes import compare_banks
from goodlooks.bank.loader import load_bank

INJECTED = 'version: "0.1\\nscoring: weakest\\n#"'


def test_a_version_holding_yaml_cannot_change_how_the_copy_scores(run, write, workdir):
    write(TINY_BANK.replace('version: "1"', INJECTED))
    original = load_bank("bank.yaml").bank
    assert original.scoring == "mean"
    result = run("init", "copy.yaml", "--from", "bank.yaml")
    assert result.exit_code == 0, result.output
    copy = load_bank("copy.yaml").bank
    assert copy.scoring == "mean"
    assert compare_banks(original, copy).changes == ()
    header = (workdir / "copy.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert header == "# A copy of 'tiny' version 0.1\\u000ascoring: weakest\\u000a#, from bank.yaml,"


def test_the_overlay_on_such_a_bank_is_still_that_bank(run, write):
    write(TINY_BANK.replace('version: "1"', INJECTED).replace("title: Tiny bank", 'title: "T\\u2028id: x\\u0085"'))
    assert run("init", "over.yaml", "--extends", "bank.yaml").exit_code == 0
    over = load_bank("over.yaml")
    assert over.bank.scoring == "mean" and over.bank.id == "over"
    assert [change.field for change in compare_banks(load_bank("bank.yaml").bank, over.bank).changes] == [
        "id", "version", "title"]  # only what an overlay says of itself
    assert over.bank.title == load_bank("bank.yaml").bank.title + " (adapted)"  # exactly, line breaks kept
    assert "\u2028" in over.bank.title


def test_a_path_with_a_line_break_stays_in_its_comment(run, write, workdir):
    (workdir / "odd\nscoring: weakest").mkdir()
    write(TINY_BANK, "odd\nscoring: weakest/bank.yaml")
    assert run("init", "copy.yaml", "--from", "odd\nscoring: weakest/bank.yaml").exit_code == 0
    assert load_bank("copy.yaml").bank.scoring == "mean"
    assert run("init", "odd\nscoring: weakest/over.yaml", "--extends", "odd\nscoring: weakest/bank.yaml").exit_code == 0
    assert load_bank("odd\nscoring: weakest/over.yaml").bank.scoring == "mean"


# Every character a text can hold, line breaks YAML knows (\x85, \u2028, \u2029) most of all.
HOSTILE = st.text(alphabet=st.one_of(st.sampled_from(list("\n\r\x85\u2028\u2029\t#:'\"{}[]&*!|>%@`\\ -")),
                                     st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(version=HOSTILE, title=HOSTILE)
def test_any_version_and_title_give_a_copy_and_an_overlay_of_the_same_bank(run, workdir, version, title):
    import json

    bank_text = TINY_BANK.replace('version: "1"', f"version: {json.dumps('v' + version)}").replace(
        "title: Tiny bank", f"title: {json.dumps('T' + title)}")
    (workdir / "bank.yaml").write_text(bank_text, encoding="utf-8")
    try:
        original = load_bank("bank.yaml").bank
    except Exception:  # noqa: BLE001 - a text the bank format refuses (blank, too long): nothing to copy
        return
    assert run("init", "copy.yaml", "--from", "bank.yaml", "--force").exit_code == 0
    assert compare_banks(original, load_bank("copy.yaml").bank).changes == ()
    assert run("init", "over.yaml", "--extends", "bank.yaml", "--force").exit_code == 0
    over = load_bank("over.yaml").bank
    assert {change.field for change in compare_banks(original, over).changes} <= {"id", "version", "title"}
    assert over.title == f"{original.title} (adapted)"
    record("hostile versions and titles through init --from and --extends")
