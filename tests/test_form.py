"""`goodlooks form` without a browser: one self-contained file, every bank text escaped, --only;
and the answers files it gives back: refused (exit 4) for another bank or a changed one."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from conftest import TINY_BANK
from goodlooks.report.templating import script_json

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _inline(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="form-data">(.*?)</script>', html, re.S)[1])


def test_the_form_is_one_file_that_loads_nothing(run, workdir):
    result = run("form", "--output", "form.html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr.startswith("Wrote form.html. Send it to each person;")
    html = (workdir / "form.html").read_text(encoding="utf-8")
    policy = POLICY.search(html)[1].replace("&#39;", "'")
    [style], [script] = _inline(html, "style"), _inline(html, "script")
    assert policy == (f"default-src 'none'; script-src '{_sha(script)}'; style-src '{_sha(style)}'; "
                      "base-uri 'none'; form-action 'none'")
    assert not re.search(r"(https?|ftp|wss?|data|blob):|\burl\(|@import|<link|<iframe|<img|\bsrc=", html, re.I)
    parts = ["mission", "users", "services", "teams", "technology", "delivery", "board", "open"]
    assert re.findall(r'href="([^"]*)"', html) == [f"#part-{part}" for part in parts]
    assert len(re.findall(r'<input type="radio"\s+id="answer-', html)) == 34 * 7
    assert len(re.findall(r'<input type="radio"\s+id="evidence-', html)) == 34 * 4  # seen, told, believed, nothing
    assert len(re.findall(r'<input type="radio"', html)) == 34 * 11
    assert html.count("<textarea") == 34 and html.count('class="question"') == 34


def test_an_existing_file_is_kept_unless_forced(run, write):
    write("mine", "form.html")
    result = run("form", "-o", "form.html")
    assert (result.exit_code, result.stderr) == (
        2, "form.html already exists; choose another path, or add --force to overwrite it\n")
    assert run("form", "-o", "form.html", "--force").exit_code == 0


def test_only_asks_the_questions_named(run, workdir):
    assert run("form", "--only", "board-question:3,users-research", "-o", "form.html").exit_code == 0
    data = _data((workdir / "form.html").read_text(encoding="utf-8"))
    assert data["only"] == ["board-question:3", "users-research"]
    assert "users-research" in data["questions"] and len(data["questions"]) < 34
    result = run("form", "--only", "nothing-here", "-o", "other.html")
    assert result.exit_code == 2
    assert result.stderr.startswith("--only: nothing in bank 'what-good-looks-like' is called 'nothing-here';")
    assert not (workdir / "other.html").exists()


HOSTILE = (TINY_BANK
           .replace("title: Tiny bank", 'title: "</script><script>alert(1)</script>"')
           .replace('version: "1"', 'version: "1</script>\\u2028<!--"')
           .replace("text: Do teams meet users?", 'text: "<img src=x onerror=alert(1)> & \\u2028 users?"\n'
                    '        help: "</textarea><b>bold</b>"\n        tags: ["</script>"]')
           .replace("label: Rarely", 'label: "<label>Rarely\\u2029"'))


def test_every_bank_text_is_escaped(run, write, workdir):
    write(HOSTILE)
    result = run("form", "--bank", "bank.yaml", "--only", "</script>", "-o", "form.html")
    assert result.exit_code == 0, result.output
    html = (workdir / "form.html").read_text(encoding="utf-8")
    assert html.count("<script") == 2 and html.count("</script>") == 2
    for raw in ("<img", "<b>", "</textarea><", "<label>Rarely", "alert(1)</script>", "<!--"):
        assert raw not in html, raw
    assert "&lt;img src=x onerror=alert(1)&gt; &amp;" in html and "&lt;/textarea&gt;&lt;b&gt;bold" in html
    script_block = re.search(r'id="form-data">(.*?)</script>', html, re.S)[1]
    assert not re.search("[<>&\u2028\u2029]", script_block)
    data = _data(html)
    assert data["bank"]["version"] == "1</script>\u2028<!--" and data["only"] == ["</script>"]
    assert data["questions"] == ["users-met"]


@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20))
def test_json_in_a_script_element_reads_back_and_cannot_end_it(value):
    text = str(script_json(value))
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def _record(workdir, **changes) -> dict:
    raw = (workdir / "bank.yaml").read_bytes()
    return {"id": "tiny", "version": "1", "sha256": hashlib.sha256(raw).hexdigest(), **changes}


def _answers(write, record, **extra) -> None:
    write(json.dumps({"respondent": "Sam", "bank": record, "answers": {"users-met": "c"}, **extra}), "a.json")


def test_answers_from_the_same_bank_are_read(run, write, workdir):
    write(TINY_BANK)
    _answers(write, _record(workdir), only=["users-met"])
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.json", "-o", "r.json")
    assert result.exit_code == 0, result.output
    data = json.loads((workdir / "r.json").read_text())
    assert (data["status"], data["scope"], data["respondent"]) == ("complete", ["users-met"], "Sam")


def test_answers_from_another_bank_are_refused(run, write, workdir):
    write(TINY_BANK)
    _answers(write, _record(workdir, id="other-bank"))
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.json", "-o", "r.json")
    assert (result.exit_code, result.stderr) == (4, "a.json: these answers were given on bank 'other-bank', not "
                                                    "'tiny'; score them with that bank: goodlooks assess --bank "
                                                    "BANK --answers a.json\n")
    assert not (workdir / "r.json").exists()


def test_answers_from_a_changed_bank_are_refused_saying_why(run, write, workdir):
    write(TINY_BANK)
    record = _record(workdir)
    write(TINY_BANK.replace('version: "1"', 'version: "2"'))
    _answers(write, record)
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.json", "-o", "r.json")
    assert result.exit_code == 4
    assert result.stderr.startswith("a.json: these answers were given on a different copy of bank 'tiny' "
                                    f"(version 1, now 2; the file's sha256 was {record['sha256'][:12]}...")
    assert result.stderr.endswith("Score them with the bank file the form was made from, or go on with the "
                                  "bank as it is now: goodlooks assess --answers a.json --accept-bank-change "
                                  "(answers it cannot take are set aside, not scored); or send out a new "
                                  "form: goodlooks form --output FORM.html\n")
    write(TINY_BANK.replace("Rarely", "Hardly ever"))  # the same version number, other content
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.json", "-o", "r.json")
    assert result.exit_code == 4 and "(still called version 1; " in result.stderr


def test_a_damaged_bank_record_is_reported_where_it_is(run, write, workdir):
    write(TINY_BANK)
    write('{"bank": {"id": "tiny"}, "only": "users", "answers": {"users-met": "c"}}', "a.json")
    result = run("assess", "--bank", "bank.yaml", "--answers", "a.json", "-o", "r.json")
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [
        "a.json:1:10: 'bank' must be the bank the answers were given on: {id: ..., version: ..., sha256: ...} "
        "(as goodlooks form writes it), or left out",
        "a.json:1:34: 'only' must be a list of the dimension, group or question ids or tags asked (as with "
        "--only), or left out",
        "2 problems in a.json; fix them and run again."]


def test_a_saved_answers_file_given_to_profile_is_named_for_what_it_is(run, write, workdir):
    write(TINY_BANK)
    _answers(write, _record(workdir), only=["users-met"])
    result = run("profile", "a.json")
    assert result.exit_code == 4
    assert "a.json: this is an answers file, not " in result.stderr
    assert "To score it: goodlooks assess --answers a.json" in result.stderr
