"""The answers form in a real headless Chromium: a person answers every question through the page
(clicking the words of options, the keyboard for some), reloads and finds everything kept, saves,
and the downloaded file scores exactly as the same answers typed into an answers file; three people's
forms combine into one file with the spread of their answers. Skipped only without the browser."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from form_browser import (
    LOCAL_ONLY,
    axe_violations,
    choose_with_keyboard,
    click_evidence,
    click_label,
    missing_browser,
    page_answers,
    page_evidence,
    start_chromium,
    type_note,
    wait_for_download,
)
from goodlooks.bank.loader import load_bank
from goodlooks.bank.model import RESERVED_KEYS

pytestmark = [pytest.mark.skipif(missing_browser() is not None, reason=missing_browser() or ""), LOCAL_ONLY]

NAME = "Dr Ada O'Brien, Chair"
NOTES = {0: "We asked ten staff </script><b>& got six answers</b>", 5: "Ask the CIO \u2028 next week",
         31: "Not sure: 'open' means what?"}
KNOWN = {0: "seen", 1: "told", 2: "believed", 32: "seen"}
"""Question number -> how the person says they know their answer (each of these has an option)."""


@pytest.fixture
def chromium(tmp_path: Path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = start_chromium(downloads)
    try:
        yield driver, downloads
    finally:
        driver.quit()


def _plan(questions, pattern: int) -> dict[str, str]:
    """Each person's answers: option keys, not applicable and don't know, different per `pattern`."""
    plan = {}
    for number, question in enumerate(questions):
        keys = [option.key for option in question.choices] + list(RESERVED_KEYS)
        at = (number * (pattern + 2) + pattern) if pattern else number
        plan[question.id] = keys[at % len(keys)]
    return plan


def _fill(driver, questions, plan: dict[str, str], keyboard_every: int = 4) -> None:
    for number, question in enumerate(questions):
        keys = [option.key for option in question.choices] + list(RESERVED_KEYS)
        if number % keyboard_every == 1:
            choose_with_keyboard(driver, question.id, keys.index(plan[question.id]))
        else:
            click_label(driver, question.id, plan[question.id])


def _save(driver, downloads: Path, keyboard: bool = False) -> Path:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = set(downloads.iterdir())
    if keyboard:  # Tab from the last note to the button, then Enter
        driver.find_elements(By.TAG_NAME, "textarea")[-1].click()
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.get_attribute("id") == "save"
        driver.switch_to.active_element.send_keys(Keys.ENTER)
    else:
        driver.find_element(By.ID, "save").click()
    return wait_for_download(downloads, before)


def test_a_person_answers_every_question_and_the_saved_file_scores_as_typed_answers(run, workdir, chromium):
    from selenium.webdriver.common.by import By

    driver, downloads = chromium
    assert run("form", "--output", "form.html").exit_code == 0
    questions = load_bank(None).bank.questions()
    plan = _plan(questions, 0)
    driver.get((workdir / "form.html").as_uri())
    assert driver.find_element(By.ID, "progress-text").text == f"0 of {len(questions)}"

    name = driver.find_element(By.ID, "respondent")
    name.click()
    name.send_keys(NAME)
    _fill(driver, list(reversed(questions)), dict(reversed(plan.items())))  # any order: last question first
    for number, text in NOTES.items():
        type_note(driver, questions[number].id, text.replace("\u2028", " "))
    known = {questions[number].id: status for number, status in KNOWN.items()}
    for question_id, status in known.items():
        click_evidence(driver, question_id, status)
    click_evidence(driver, questions[3].id, "seen")
    click_evidence(driver, questions[3].id, "")  # changed their mind: say nothing after all
    reserved = next(q.id for q in questions if plan[q.id] in RESERVED_KEYS)
    click_evidence(driver, reserved, "told")  # "don't know" or "not applicable": no evidence is saved
    assert page_answers(driver) == plan
    assert page_evidence(driver) == known | {reserved: "told"}
    assert driver.find_element(By.ID, "progress-text").text == f"{len(questions)} of {len(questions)}"
    assert driver.find_element(By.CSS_SELECTOR, '[data-part-count="mission"]').text == "4 of 4"

    driver.refresh()  # closing and reopening loses nothing
    assert page_answers(driver) == plan
    assert page_evidence(driver) == known  # kept only with a real answer
    assert driver.find_element(By.ID, "respondent").get_attribute("value") == NAME
    assert driver.find_element(By.ID, f"note-{questions[0].id}").get_attribute("value") == NOTES[0]
    assert driver.find_element(By.ID, "progress-text").text == f"{len(questions)} of {len(questions)}"

    saved = _save(driver, downloads)
    assert saved.name == f"answers-dr-ada-o-brien-chair-{date.today().isoformat()}.json"
    assert "Every question is answered" in driver.find_element(By.ID, "status").text
    data = json.loads(saved.read_text(encoding="utf-8"))
    loaded = load_bank(None)
    from goodlooks.bank.fingerprint import structure_sha256, wording

    assert data["bank"] == {"id": loaded.bank.id, "version": loaded.bank.version, "sha256": loaded.sha256,
                            "structure": structure_sha256(loaded.bank), "wording": wording(loaded.bank)}
    assert data["respondent"] == NAME
    assert {qid: a["evidence"] for qid, a in data["answers"].items() if isinstance(a, dict) and "evidence" in a} \
        == known

    result = run("assess", "--answers", str(saved), "--output", "from-form.json")
    assert result.exit_code == 0, result.output
    typed = {"respondent": NAME, "answers": {
        question.id: {"option": plan[question.id],
                      **({"note": NOTES[number].replace("\u2028", " ")} if number in NOTES else {}),
                      **({"evidence": known[question.id]} if question.id in known else {})}
        for number, question in enumerate(questions)}}
    (workdir / "typed.json").write_text(json.dumps(typed), encoding="utf-8")
    assert run("assess", "--answers", "typed.json", "--output", "from-typing.json").exit_code == 0
    from_form = json.loads((workdir / "from-form.json").read_text())
    from_typing = json.loads((workdir / "from-typing.json").read_text())
    assert from_form["status"] == "complete"
    assert from_form["scores"] == from_typing["scores"]
    assert {k: (a["option"], a["status"], a["note"], a["evidence"]) for k, a in from_form["answers"].items()} == \
           {k: (a["option"], a["status"], a["note"], a["evidence"]) for k, a in from_typing["answers"].items()}
    assert {k: a["evidence"] for k, a in from_form["answers"].items() if a["evidence"]} == known
    assert from_form["respondent"] == NAME


def test_the_form_passes_axe_and_lets_nothing_load(run, workdir, chromium):
    driver, _ = chromium
    assert run("form", "--output", "form.html").exit_code == 0
    driver.get((workdir / "form.html").as_uri())
    first = load_bank(None).bank.questions()[0]
    click_label(driver, first.id, first.choices[1].key)
    click_evidence(driver, first.id, "seen")
    violations = axe_violations(driver)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(violations, indent=2)
    blocked = driver.execute_async_script(
        "var done = arguments[arguments.length - 1], seen = [];"
        "document.addEventListener('securitypolicyviolation', function (e) { seen.push(e.violatedDirective); });"
        "var img = document.createElement('img'); img.src = 'https://example.invalid/x.png'; img.alt = '';"
        "document.body.appendChild(img); setTimeout(function () { done(seen); }, 500);")
    assert (blocked and blocked[0].startswith("img-src")) or blocked == ["default-src"], blocked
    if os.environ.get("GOODLOOKS_FORM_SCREENSHOT"):  # how docs/form.png is made: a phone-sized window
        driver.set_window_size(430, 1250)
        driver.execute_script("document.getElementById('respondent').value = 'Chief nurse';"
                              "document.querySelector('#question-mission-summary details').open = true;"
                              "document.getElementById('note-mission-summary').value = "
                              "'40 pages, mostly systems to buy';"
                              "var top = document.getElementById('question-mission-summary')"
                              ".getBoundingClientRect().top;"
                              "window.scrollTo(0, window.scrollY + top - 50)")
        driver.save_screenshot(os.environ["GOODLOOKS_FORM_SCREENSHOT"])


def test_three_people_fill_in_forms_differently_and_combine_shows_the_spread(run, workdir, chromium):
    from selenium.webdriver.common.by import By

    driver, downloads = chromium
    assert run("form", "--only", "board", "--output", "board-form.html").exit_code == 0
    bank = load_bank(None).bank
    questions = [q for q in bank.questions() if bank.dimension_of(q.id).id == "board"]
    driver.get((workdir / "board-form.html").as_uri())
    plans = {"Chair": _plan(questions, 0), "Finance director": _plan(questions, 1),
             "Chief nurse": _plan(questions, 2)}
    for number, (person, plan) in enumerate(plans.items(), start=1):
        name = driver.find_element(By.ID, "respondent")
        name.click()
        name.send_keys(person)
        _fill(driver, questions, plan, keyboard_every=2)
        saved = _save(driver, downloads, keyboard=number == 2)
        assert json.loads(saved.read_text())["only"] == ["board"]
        result = run("assess", "--answers", str(saved), "--output", f"r{number}.json")
        assert result.exit_code == 0, result.output
        assert json.loads((workdir / f"r{number}.json").read_text())["status"] == "complete"
        driver.find_element(By.ID, "clear").click()
        driver.switch_to.alert.accept()
        assert page_answers(driver) == {}
        assert driver.find_element(By.ID, "progress-text").text == f"0 of {len(questions)}"
        assert driver.find_element(By.ID, "respondent").get_attribute("value") == ""

    result = run("combine", "r1.json", "r2.json", "r3.json", "--output", "combined.json")
    assert result.exit_code == 0, result.output
    combined = json.loads((workdir / "combined.json").read_text())
    assert combined["respondents"] == 3 and combined["scope"] == ["board"]
    for question in questions:
        given = [plan[question.id] for plan in plans.values()]
        places = [n for n, option in enumerate(question.choices) if option.key in given]
        record = combined["distributions"][question.id]
        assert {key: count for key, count in record["counts"].items() if count} == \
               {key: given.count(key) for key in set(given)}
        assert record["spread"] == (max(places) - min(places) if places else None)
    assert any(record["discuss"] for record in combined["distributions"].values())
