"""Round three, defects 7 to 14 and 20: what a hostile or damaged file holds is bounded before it
can cost memory, time or an exit 1. Targets files and overlay bases are read as any file is
(size and kind checked first); counts are bounded to what a room can be and medians come from
counts; half characters, damaged bank copies, names over 255 bytes, times without a zone, a
vote of thousands of digits and nonsense numbers each get one clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY_BANK, subprocess_env
from figures import record

ANSWERS = "respondent: Dana\nanswers:\n  users-met: b\n  users-heard: {option: y, note: why}\n"
LINUX = pytest.mark.skipif(sys.platform != "linux", reason="/dev/zero, FIFOs, sparse files and RLIMIT_AS")


@pytest.fixture
def board(run, write, workdir) -> Path:
    write(TINY_BANK)
    write(ANSWERS, "answers.yaml")
    assert run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "r.json").exit_code == 0
    return workdir


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _limited(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """goodlooks in its own process with 1.5 GB of address space and a time limit."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)

    return subprocess.run([sys.executable, "-m", "goodlooks", *args], cwd=folder, env=subprocess_env(),
                          capture_output=True, text=True, timeout=180, preexec_fn=limit, stdin=subprocess.DEVNULL)


# Defect 7: unbounded reads ------------------------------------------------------------------

@LINUX
def test_targets_from_dev_zero_are_refused_not_read(board):
    done = _limited(board, "assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--targets", "/dev/zero",
                    "--output", "t.json")
    assert done.returncode == 4, done.stderr
    assert done.stderr == ("/dev/zero: this is a character device, not a targets file (dimension id: level or "
                           "score); goodlooks reads only regular files\n")
    record("unbounded reads refused (targets device, targets FIFO, huge overlay base)")


@LINUX
def test_targets_from_a_fifo_are_refused_not_waited_on(board):
    os.mkfifo(board / "targets.yaml")
    done = _limited(board, "assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--targets",
                    "targets.yaml", "--output", "t.json")
    assert done.returncode == 4, done.stderr
    assert "targets.yaml: this is a named pipe (FIFO), not a targets file" in done.stderr
    record("unbounded reads refused (targets device, targets FIFO, huge overlay base)")


@LINUX
def test_a_3_gb_overlay_base_is_refused_by_size_as_it_would_be_given_directly(board):
    with open(board / "base.yaml", "wb") as big:
        big.truncate(3 * 1024 ** 3)  # sparse: no disk used
    (board / "over.yaml").write_text('extends: base.yaml\nid: over\nversion: "1"\n', encoding="utf-8")
    done = _limited(board, "validate", "over.yaml")
    assert done.returncode == 3, done.stderr
    assert done.stderr.splitlines()[0] == (
        "over.yaml:1:10: cannot use the base bank base.yaml: the file is 3221.3 MB (3,221,225,472 bytes), over "
        "the 32 MB limit (32,000,000 bytes); is it the right file?")
    record("unbounded reads refused (targets device, targets FIFO, huge overlay base)")


# Defect 8 and 20: counts bounded to a room, medians from counts ----------------------------------

@pytest.fixture
def combined(run, board) -> Path:
    assert run("combine", "r.json", "--output", "c.json").exit_code == 0
    return board / "c.json"


@pytest.mark.parametrize("count", [10 ** 9, 10 ** 29, -35])
def test_counts_no_room_can_hold_are_refused(run, combined, count):
    _edit(combined, lambda d: d["distributions"]["users-met"]["counts"].__setitem__("b", count))
    for args in (("profile", "c.json"), ("report", "c.json"), ("list", ".")):
        result = run(*args)
        assert result.exit_code == (0 if args[0] == "list" else 4), (args, result.output)
        assert "-35 answers" not in result.stdout and "1,000,000,000 answers" not in result.stdout
        if args[0] != "list":
            assert "distributions.users-met.counts.b" in result.stderr
    record("nonsense numbers refused (counts, targets, times)")


@pytest.mark.skipif(sys.platform != "linux", reason="a pseudo-terminal and ulimit")
def test_consensus_on_counts_of_a_billion_is_refused_at_once(combined):
    """In a real terminal, with 1.5 GB of memory: expanding the counts would take 18 s, then fail."""
    pexpect = pytest.importorskip("pexpect")
    _edit(combined, lambda d: d["distributions"]["users-met"]["counts"].__setitem__("b", 10 ** 9))
    child = pexpect.spawn("/bin/sh", ["-c", f"ulimit -v {1536 * 1024}; exec {sys.executable} -m goodlooks assess "
                                            "--consensus c.json --output agreed.json"],
                          cwd=str(combined.parent), env=subprocess_env(TERM="xterm"), encoding="utf-8", timeout=180)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 4, child.before
    assert "distributions.users-met.counts.b" in child.before


def test_the_median_answer_comes_from_counts_not_a_list_of_them(tmp_path):
    """A record of a thousand billion answers is worked out in a process limited to 1.5 GB: a list
    of every answer could never be made there."""
    code = (f"import sys; sys.path[:0] = [{str(Path(__file__).parent)!r}]\n"
            "from conftest import TINY_BANK\n"
            "from goodlooks.bank.loader import parse_bank\n"
            "from goodlooks.results.model import DistributionRecord\n"
            "from goodlooks.workshop.distribution import suggested_answer\n"
            "q = parse_bank(TINY_BANK.encode(), 'b.yaml').question('users-met')\n"
            "r = DistributionRecord.model_construct(source='combined', counts={'a': 10**12, 'b': 1, 'c': 10**12},"
            " voices=[])\n"
            "print(suggested_answer(q, r))\n")
    import resource

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180,
                          env=subprocess_env(),
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2))
    assert (done.returncode, done.stdout) == (0, "b\n"), done.stderr[-500:]


def test_medians_from_counts_match_the_median_of_every_answer():
    from collections import Counter
    from statistics import median_low

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from goodlooks.bank.loader import parse_bank
    from goodlooks.workshop.distribution import distribution, suggested_answer

    question = parse_bank(TINY_BANK.encode(), "b.yaml").question("users-met")

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(["a", "b", "c", "not_applicable", "dont_know"]), min_size=1, max_size=30))
    def check(answers: list[str]) -> None:
        record_ = distribution(question, answers, "votes")
        places = sorted({"a": 1, "b": 2, "c": 3}[a] for a in answers if a in "abc")
        expected = "abc"[median_low(places) - 1] if places else None
        if expected is None:
            counted = Counter(answers)
            expected = ("not_applicable" if counted["not_applicable"] > counted["dont_know"] else "dont_know")
        assert suggested_answer(question, record_) == expected
        record("random vote sets whose median was worked out from counts")

    check()


def test_a_target_of_1e308_in_a_results_file_is_refused(run, board):
    _edit(board / "r.json", lambda d: d.__setitem__("targets", {"users": 1e308}))
    result = run("report", "r.json")
    assert result.exit_code == 4
    assert "targets.users" in result.stderr and "1e+308" not in result.stdout
    _edit(board / "r.json", lambda d: d.__setitem__("targets", {"users": 40}))  # bounded, but off the range
    result = run("report", "r.json")
    assert (result.exit_code, result.stderr) == (4, "r.json: its targets do not fit the bank: the target for "
                                                    "'users', 40, is outside the bank's range, 1 to 3\n")
    record("nonsense numbers refused (counts, targets, times)")


@pytest.mark.parametrize("field", ["respondents", "answers.users-met.score"])
def test_other_nonsense_numbers_are_refused(run, board, field):
    def change(data):
        if field == "respondents":
            data["respondents"] = -35
        else:
            data["answers"]["users-met"]["score"] = 1e308

    _edit(board / "r.json", change)
    result = run("profile", "r.json")
    assert result.exit_code == 4, result.output
    record("nonsense numbers refused (counts, targets, times)")


# Defect 9: half characters ----------------------------------------------------------------------

def test_a_lone_surrogate_is_refused_by_every_command_that_reads_it(run, board):
    text = (board / "r.json").read_text(encoding="utf-8").replace('"Dana"', '"Dana \\ud800"')
    (board / "r.json").write_text(text, encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "ud800" in row)
    for args in (("profile", "r.json"), ("report", "r.json"), ("combine", "r.json", "--output", "c.json"),
                 ("compare", "r.json", "r.json")):
        result = run(*args)
        assert result.exit_code == 4, (args, result.output)
        assert result.stderr.startswith(f"r.json:{line}:")
        assert "\\ud800 is half of a character (a lone surrogate)" in result.stderr
    (board / "folder").mkdir()
    (board / "folder" / "r.json").write_text(text, encoding="utf-8")
    result = run("list", "folder")
    assert result.exit_code == 0
    assert "cannot read" in result.stdout
    record("half characters (lone surrogates) refused")


def test_an_escaped_emoji_is_one_character_and_reads(run, board):
    text = (board / "r.json").read_text(encoding="utf-8").replace('"Dana"', '"Dana \\ud83d\\ude00"')
    (board / "r.json").write_text(text, encoding="utf-8")
    result = run("profile", "r.json")
    assert result.exit_code == 0, result.output
    assert "Dana \U0001f600" in result.stdout


def test_a_respondent_name_that_is_not_utf8_is_refused_before_a_file_is_made(run, board):
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "n.json",
                 "--respondent", "Dan\udce9")  # what Python makes of a Latin-1 'é' typed in a UTF-8 session
    assert result.exit_code == 2
    assert result.stderr == ("--respondent holds bytes that are not UTF-8 text; check your terminal's character "
                             "encoding, or type the name again\n")
    assert not (board / "n.json").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_bank_file_name_that_is_not_utf8_is_recorded_as_a_hint(run, board):
    name = os.fsdecode(b"b\xe9.yaml")
    (board / name).write_text(TINY_BANK, encoding="utf-8")
    result = run("assess", "--bank", name, "--answers", "answers.yaml", "--output", "n.json")
    assert result.exit_code == 0, result.output
    saved = json.loads((board / "n.json").read_text(encoding="utf-8"))
    assert saved["bank"]["path"] == "b\ufffd.yaml"


# Defect 10: list with a damaged bank copy -----------------------------------------------------

@pytest.mark.parametrize("damage", [None, "text", [1]])
def test_list_shows_a_file_with_a_damaged_bank_copy_as_damaged(run, board, damage):
    (board / "folder").mkdir()
    _edit(board / "r.json", lambda d: d["bank"]["definition"].__setitem__("dimensions", damage))
    (board / "folder" / "bad.json").write_bytes((board / "r.json").read_bytes())
    result = run("list", "folder")
    assert result.exit_code == 0, result.output
    assert "bad.json" in result.stdout and "cannot read" in result.stdout
    record("damaged bank copies listed as damaged")


# Defect 12: names over 255 bytes ---------------------------------------------------------------

LONG = "n" * 300


@pytest.mark.parametrize("args", [
    ("validate", LONG), ("questions", "--bank", LONG), ("profile", LONG), ("profile", "r.json", "--bank", LONG),
    ("assess", "--bank", LONG, "--answers", "answers.yaml"), ("assess", "--answers", LONG, "--bank", "bank.yaml"),
    ("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", LONG),
    ("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--output", "t.json", "--targets", LONG),
    ("assess", "--resume", LONG), ("assess", "--consensus", LONG), ("combine", LONG, "--output", "c.json"),
    ("combine", "r.json", "--output", LONG), ("list", LONG), ("form", "--output", LONG),
    ("form", "--bank", LONG, "--output", "f.html"), ("report", LONG), ("report", "r.json", "--output", LONG),
    ("report", "r.json", "--baseline", LONG), ("report", "r.json", "--format", "csv", "--output", LONG),
    ("init", LONG), ("init", "x.yaml", "--from", LONG), ("init", "x.yaml", "--extends", LONG),
    ("diff", LONG, "bank.yaml"),
    ("diff", "bank.yaml", LONG), ("compare", LONG, "r.json"), ("compare", "r.json", LONG),
    ("validate", f"folder/{LONG}/bank.yaml"), ("peers", LONG, "r.json"), ("trend", LONG),
    ("report", "r.json", "--history", LONG),
])
def test_a_name_over_255_bytes_is_one_clear_message_in_every_command(run, board, keys, args):
    result = run(*args)
    assert result.exit_code in (2, 3, 4), (result.exit_code, result.output)
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    assert "255 bytes" in result.stderr, result.stderr
    assert len(result.stderr) < 600
    record("commands given a name over 255 bytes, each with one clear message")


def test_a_recorded_bank_path_of_5000_characters_is_only_a_hint(run, board, keys):
    _edit(board / "r.json", lambda d: (d.__setitem__("status", "in_progress"),
                                       d["answers"].pop("users-heard"),
                                       d["bank"].__setitem__("path", "p" * 5000),
                                       d["bank"].__setitem__("absolute_path", "/" + "q/" * 3000)))
    keys.send_text("1\r\r\r\r\r")  # answer the question left, how known skipped, no note, finish, no targets
    result = run("assess", "--resume", "r.json")
    assert result.exit_code == 0, result.output
    assert "carrying on with the copy of the bank saved in r.json" in " ".join(result.stderr.split())


# Defect 13: times without a zone --------------------------------------------------------------

def test_resume_alone_compares_a_time_without_a_zone(run, board, keys):
    results = board / "goodlooks-results"
    results.mkdir()
    for name, updated, respondent in (("old.json", "2026-11-25T09:30:00", "Naive"),
                                      ("new.json", "2026-11-26T09:30:00+00:00", "Aware")):
        (results / name).write_bytes((board / "r.json").read_bytes())
        _edit(results / name, lambda d, updated=updated, respondent=respondent, name=name: (
            d.__setitem__("status", "in_progress"), d.__setitem__("updated_at", updated),
            d.__setitem__("respondent", respondent),
            d.__setitem__("response_id", f"00000000-0000-0000-0000-00000000000{len(name)}"),
            d["answers"].pop("users-heard")))
    keys.send_text("1\r\r\r\r\r")
    result = run("assess", "--resume")
    assert result.exit_code == 0, result.output
    assert json.loads((results / "new.json").read_text(encoding="utf-8"))["status"] == "complete"
    assert run("list", "goodlooks-results").exit_code == 0
    record("nonsense numbers refused (counts, targets, times)")


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_times_no_run_could_have_saved_are_refused(run, board, when):
    _edit(board / "r.json", lambda d: d.__setitem__("updated_at", when))
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert "updated_at" in result.stderr and "between the years 1970 and 9000" in result.stderr


# Defect 14: a vote of thousands of digits -------------------------------------------------------

def test_a_vote_of_4400_digits_is_refused_and_asked_again(run, board, keys):
    from goodlooks.bank.loader import parse_bank
    from goodlooks.workshop.distribution import VoteError, parse_votes

    with pytest.raises(VoteError, match="is not a vote"):
        parse_votes("9" * 4400, parse_bank(TINY_BANK.encode(), "b.yaml").question("users-met"))
    # each question: the votes, the agreed answer, how it is known (skipped), no note; then finish, no targets
    keys.send_text("9" * 4400 + "\r" + "\x15" + "2 2\r" + "\r\r\r" + "2\r\r\r\r" + "\r\r")
    result = run("assess", "--votes", "--bank", "bank.yaml", "--output", "v.json")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    saved = json.loads((board / "v.json").read_text(encoding="utf-8"))
    assert saved["distributions"]["users-met"]["counts"]["b"] == 2


# Found by the attack run on the finished build --------------------------------------------------

def test_a_target_of_1e308_in_a_targets_file_is_shown_short(run, board):
    (board / "targets.yaml").write_text("users: 1e308\n", encoding="utf-8")
    result = run("assess", "--bank", "bank.yaml", "--answers", "answers.yaml", "--targets", "targets.yaml",
                 "--output", "t.json")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[0] == ("targets.yaml:1:8: target for 'users': 1e+308 is outside the bank's "
                                             "range, 1 to 3")


def test_twenty_thousand_set_aside_answers_make_one_short_line(run, board):
    _edit(board / "r.json", lambda d: d.__setitem__("set_aside", [
        dict(d["answers"]["users-met"], question_id=f"gone-{n}", reason="gone") for n in range(20_000)]))
    result = run("profile", "r.json")
    assert result.exit_code == 0
    line = result.stderr.splitlines()[0]
    assert line.startswith("20,000 answers are set aside, not scored: the bank has no option 'gone-0/b'")
    assert line.endswith(" or 19,989 more") and len(line) < 400


def test_a_scope_of_two_hundred_thousand_tokens_is_said_in_one_short_line(run, board):
    _edit(board / "r.json", lambda d: d.__setitem__("scope", [f"t{n}" for n in range(200_000)]))
    result = run("profile", "r.json")
    assert result.exit_code == 4
    assert result.stderr == ("r.json: its 'scope' (the questions asked) names 't0', 't1', 't2', 't3', 't4' and "
                             "199,995 more, which bank 'tiny' does not have; the file was made from another bank, "
                             "or is damaged\n")
    _edit(board / "r.json", lambda d: d.__setitem__("scope", ["users"] * 200_000))  # one token, repeated
    assert run("profile", "r.json").exit_code == 0


def test_a_json_answers_file_with_escaped_emoji_is_read(run, board):
    (board / "emoji.json").write_text(json.dumps({"respondent": "Dana \U0001f600", "answers": {
        "users-met": {"option": "b", "note": "Two teams \U0001f44d, one \\\\ud83d"}}}), encoding="utf-8")
    assert "\\ud83d\\ude00" in (board / "emoji.json").read_text(encoding="utf-8")  # as json.dumps writes it
    result = run("assess", "--bank", "bank.yaml", "--answers", "emoji.json", "--output", "e.json")
    assert result.exit_code == 0, result.output
    saved = json.loads((board / "e.json").read_text(encoding="utf-8"))
    assert saved["respondent"] == "Dana \U0001f600"
    assert saved["answers"]["users-met"]["note"] == "Two teams \U0001f44d, one \\\\ud83d"
