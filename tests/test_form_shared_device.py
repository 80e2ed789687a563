"""The answers form on a shared device, in a real headless Chromium (issue 17): every save carries
the form session's id and a save counter, so a form saved twice counts once; once saved, the
answers are no longer kept in the browser (reopening the file starts empty, the answers are in
the downloaded file); "Clear for the next person" starts a new session; changes after a save are
kept until saved again; "Don't show my name" is carried into the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from form_browser import (
    LOCAL_ONLY,
    click_label,
    missing_browser,
    page_answers,
    start_chromium,
    type_note,
    wait_for_download,
    wait_until_kept,
)
from goodlooks.bank.loader import load_bank

pytestmark = [pytest.mark.skipif(missing_browser() is not None, reason=missing_browser() or ""), LOCAL_ONLY]


@pytest.fixture
def chromium(tmp_path: Path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = start_chromium(downloads)
    try:
        yield driver, downloads
    finally:
        driver.quit()


def _save(driver, downloads: Path) -> dict:
    """Press "Save my answers"; the file it downloads, moved out of the way (headless Chromium
    writes a second download of one name over the first; a person's browser adds " (1)")."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "save").click()
    saved = wait_for_download(downloads, set())
    kept = downloads.parent / "saved" / f"{len(list(downloads.parent.glob('saved/*'))) + 1}-{saved.name}"
    kept.parent.mkdir(exist_ok=True)
    saved.rename(kept)
    return {"path": kept, **json.loads(kept.read_text(encoding="utf-8"))}


def _name(driver, text: str) -> None:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "respondent")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    box.send_keys(text)


def test_a_board_ipad_passed_round_the_room(run, workdir, chromium):
    from selenium.webdriver.common.by import By

    driver, downloads = chromium
    assert run("form", "--only", "board", "--output", "board-form.html").exit_code == 0
    bank = load_bank(None).bank
    questions = [q for q in bank.questions() if bank.dimension_of(q.id).id == "board"]
    first, second = questions[0], questions[1]
    driver.get((workdir / "board-form.html").as_uri())
    next_person = driver.find_element(By.ID, "next-person")
    assert not next_person.is_displayed()

    # The chief digital officer answers, saves, changes an answer and saves again.
    _name(driver, "Chief digital officer")
    click_label(driver, first.id, first.choices[0].key)
    click_label(driver, second.id, second.choices[1].key)
    type_note(driver, first.id, "Only one team so far")
    one = _save(driver, downloads)
    assert one["form"]["save"] == 1 and len(one["form"]["session"]) == 36
    assert "Clear for the next person" in driver.find_element(By.ID, "status").text
    assert next_person.is_displayed()
    click_label(driver, first.id, first.choices[2].key)  # changed after saving: kept until saved again
    wait_until_kept(driver, first.id, first.choices[2].key)
    driver.refresh()
    assert page_answers(driver)[first.id] == first.choices[2].key
    two = _save(driver, downloads)
    assert (two["form"]["session"], two["form"]["save"]) == (one["form"]["session"], 2)
    assert two["answers"][first.id] == {"option": first.choices[2].key, "note": "Only one team so far"}

    # Reopened after the save: empty, for whoever holds the device next.
    driver.refresh()
    assert page_answers(driver) == {}
    assert driver.find_element(By.ID, "respondent").get_attribute("value") == ""
    assert driver.find_element(By.ID, f"note-{first.id}").get_attribute("value") == ""

    # The chief nurse answers anonymously to the board, saves, and clears for the next person.
    _name(driver, "Chief nurse")
    label = driver.find_element(By.CSS_SELECTOR, 'label[for="anonymous"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()
    click_label(driver, first.id, first.choices[4].key)
    nurse = _save(driver, downloads)
    assert nurse["anonymous"] is True and nurse["respondent"] == "Chief nurse"
    assert nurse["form"]["session"] != one["form"]["session"] and nurse["form"]["save"] == 1
    next_person = driver.find_element(By.ID, "next-person")  # the page was reloaded since
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", next_person)
    next_person.click()  # saved, nothing changed since: no question asked
    assert page_answers(driver) == {}
    assert not driver.find_element(By.ID, "anonymous").is_selected()
    assert not driver.find_element(By.ID, "next-person").is_displayed()
    assert "Ready for the next person" in driver.find_element(By.ID, "status").text
    assert driver.switch_to.active_element.get_attribute("id") == "respondent"

    # Scored as the README says, the two saves of one form count once, the later one.
    for number, saved in enumerate((one, two, nurse), start=1):
        result = run("assess", "--answers", str(saved["path"]), "--output", f"answers/{number}.json")
        assert result.exit_code == 0, result.output
    result = run("combine", "answers", "--include-incomplete", "--output", "combined.json")
    assert result.exit_code == 0, result.output
    assert ("Counted once: answers/2.json replaces answers/1.json (saved twice from one answers form; "
            "answers/2.json was saved later)") in result.stderr
    combined = json.loads((workdir / "combined.json").read_text())
    assert combined["respondents"] == 2
    assert combined["distributions"][first.id]["counts"][first.choices[2].key] == 1
    assert combined["distributions"][first.id]["counts"][first.choices[0].key] == 0
    names = {voice["respondent"] for voice in combined["distributions"][first.id]["voices"]}
    assert names == {"Chief digital officer"}  # the chief nurse asked not to be named
