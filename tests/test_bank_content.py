"""The built-in bank's own promises, checked mechanically (issues 11 and 19).

Every question has help and evidence and carries a principle and a WGLL tag; every option
below the top has advice with an owner and a time; no two pieces of advice that can appear in
one profile share five words in a row; the bank shares no run of six words with the seed posts
(titles aside); and questions and option labels read at a Flesch-Kincaid grade of 8 or below
(median). Bank 3.0 adds: the double counts of 2.0 are gone (one test per pair), the parts weigh
what the description says, the NHS's own terms are where they apply, WGLL tags are spread, and
no two questions share their top answer's wording.
"""

from __future__ import annotations

import itertools
import json
import re
import statistics

import pytest

from conftest import REPO
from goodlooks.bank.loader import load_bank
from goodlooks.bank.model import Bank, Question, split_tag
from text_measures import (
    flesch_kincaid_grade,
    run_digests,
    runs,
    shared_run,
    syllables,
    words,
)

SEEDS = REPO.parent / "shared" / "seeds"  # /work/shared/seeds beside the worktrees
SEED_RUN, ADVICE_RUN, TOP_RUN = 6, 5, 4
BANK_2 = REPO / "tests" / "fixtures" / "results-bank-2.0.json"
OWNERS = {"The board", "Chair", "Chief executive", "Executive lead for digital", "Director of finance",
          "Director of people", "Director of strategy", "Chief nurse", "Medical director",
          "Chief operating officer"}
"""Who the built-in bank's advice goes to: the chair, the chief executive, the board, or an
executive role a trust board has (the executive lead for digital is the one board-owner asks for)."""
TIMES = {"1 month", "3 months", "6 months", "12 months"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank("what-good-looks-like").bank


@pytest.fixture(scope="module")
def bank_2() -> Bank:
    """Version 2.0, as a results file made with it carries it."""
    return Bank.model_validate(json.loads(BANK_2.read_text(encoding="utf-8"))["bank"]["definition"])


def advice_that_can_meet(bank: Bank) -> list[tuple[str, str, str]]:
    """(where it can come from, its name, its text) for every piece of advice in the bank.

    A profile shows at most one level's advice per dimension and one option's advice per
    question, so two pieces from the same place never appear together."""
    found = []
    for dimension in bank.dimensions:
        found += [(f"dimension {dimension.id}", f"{dimension.id} at {level}", advice.text)
                  for level, advice in dimension.recommendations.items()]
        for question in dimension.questions:
            found += [(f"question {question.id}", f"{question.id} {option.key}", option.recommendation)
                      for option in question.choices if option.recommendation]
    return found


def repeats(bank: Bank, length: int = ADVICE_RUN) -> list[str]:
    return [f"{a[1]} / {b[1]}: '{run}'" for a, b in itertools.combinations(advice_that_can_meet(bank), 2)
            if a[0] != b[0] and (run := shared_run(a[2], b[2], length))]


def written_text(bank: Bank) -> list[tuple[str, str]]:
    """Everything the bank says in its own words: all but titles and the source's attribution."""
    texts = [("description", bank.description)] + [(f"level {lvl.name}", lvl.description) for lvl in bank.levels]
    texts += [(f"tag family {name}", family.description) for name, family in bank.tag_families.items()]
    for dimension in bank.dimensions:
        texts.append((dimension.id, dimension.description))
        texts += [(f"{dimension.id} at {level}", advice.text) for level, advice in dimension.recommendations.items()]
        for question in dimension.questions:
            texts += [(question.id, question.text), (f"{question.id} help", question.help),
                      (f"{question.id} evidence", question.evidence)]
            for option in question.choices:
                texts += [(f"{question.id} {option.key}", option.label),
                          (f"{question.id} {option.key} advice", option.recommendation)]
    return [(name, text) for name, text in texts if text]


def test_every_question_has_help_and_evidence(bank):
    assert [q.id for q in bank.questions() if not q.help or not q.evidence] == []


def test_every_option_below_the_top_has_advice_and_the_top_has_none(bank):
    for question in bank.questions():
        top = max(option.score for option in question.choices)
        assert [bool(o.recommendation) for o in question.choices] == [o.score < top for o in question.choices], \
            question.id


def test_every_piece_of_advice_has_an_owner_and_a_time(bank):
    missing = [f"{q.id} {o.key}" for q in bank.questions() for o in q.choices
               if o.recommendation and (o.owner not in OWNERS or o.within not in TIMES)]
    missing += [f"{d.id} at {level}" for d in bank.dimensions for level, advice in d.recommendations.items()
                if advice.owner not in OWNERS or advice.within not in TIMES]
    assert missing == []
    owners = {o.owner for q in bank.questions() for o in q.choices if o.owner}
    assert {"The board", "Chair", "Chief executive"} <= owners and len(owners) >= 8  # not all to one desk


def test_no_two_pieces_of_advice_that_can_meet_share_five_words_in_a_row(bank):
    assert repeats(bank) == []


def test_the_repeat_check_finds_a_repeat(bank):
    copy = bank.model_copy(deep=True)
    mission, users = copy.dimensions[0], copy.dimensions[1]
    users.questions[0].choices[0].recommendation = mission.recommendations["Starting"].text
    found = repeats(copy)
    assert len(found) == 1 and found[0].startswith("mission at Starting / users-research a: '")


def _top(question: Question) -> str:
    return max(question.choices, key=lambda option: option.score).label


def top_repeats(bank: Bank) -> list[str]:
    return [f"{a.id} / {b.id}: '{run}'" for a, b in itertools.combinations(bank.questions(), 2)
            if (run := shared_run(_top(a), _top(b), TOP_RUN))]


def test_no_two_questions_share_their_top_answers_wording(bank):
    assert top_repeats(bank) == []
    copy = bank.model_copy(deep=True)  # the check itself finds a top said twice
    copy.question("open-hiring").choices[-1].label = _top(copy.question("teams-recruiting"))
    found = top_repeats(copy)
    assert len(found) == 1 and found[0].startswith("teams-recruiting / open-hiring: '")


def test_every_top_answer_is_a_lasting_practice_not_a_one_off_event(bank):
    lasting = re.compile(r"\b(every|each|all|always|yearly|year after year|running|rule|standard|course|"
                         r"stays)\b", re.I)
    one_off = re.compile(r"\b(has|have) (been|had)\b|\bonce\b|\blast (year|month)\b", re.I)
    assert [q.id for q in bank.questions() if not lasting.search(_top(q)) or one_off.search(_top(q))] == []


def test_every_question_carries_a_principle_tag_and_a_wgll_tag(bank):
    for question in bank.questions():
        families = {parts[0] for tag in question.tags if (parts := split_tag(tag))}
        assert {"principle", "wgll"} <= families, question.id


def test_wgll_tags_cover_five_measures_and_none_is_on_more_than_a_third(bank, bank_2):
    def spread(of: Bank) -> dict[str, int]:
        return {value: len(questions) for value, questions in of.tagged("wgll").items() if questions}

    counts, total = spread(bank), len(bank.questions())
    assert len(counts) >= 5
    assert max(counts.values()) * 3 <= total, counts
    assert spread(bank_2)["well-led"] * 3 > len(bank_2.questions())  # 2.0: 16 of 32 on "well led"


def test_every_tag_family_used_is_declared_with_its_values(bank):
    for question in bank.questions():
        for tag in question.tags:
            family, value = split_tag(tag)
            assert value in bank.tag_families[family].tags, (question.id, tag)


def test_what_the_bank_leaves_out_is_declared_not_asked_and_said(bank):
    not_asked = {family: sorted(value for value, questions in bank.tagged(family).items() if not questions)
                 for family in bank.tag_families}
    assert not_asked == {"principle": [], "board-question": [], "wgll": ["healthy-populations"],
                         "service-standard": ["15", "9"]}
    assert "points 9 and 15" in bank.tag_families["service-standard"].description
    assert "nothing under healthy populations" in bank.tag_families["wgll"].description
    for words_said in ("clinical safety", "cyber security", "wider population", "DCB0129",
                       "Data Security and Protection Toolkit", "What Good Looks Like framework"):
        assert words_said in bank.description


# ---- the part weights ------------------------------------------------------------------------

def test_the_part_weights_are_the_ones_the_description_states(bank):
    total = sum(d.weight for d in bank.dimensions)
    shares = {d.id: d.weight / total for d in bank.dimensions}
    main = [d for d in shares if d != "open"]
    assert len(main) == 7 and len({shares[d] for d in main}) == 1  # "the seven main parts count equally"
    assert shares["open"] == pytest.approx(shares["mission"] / 2)  # "working in the open counts half as much"
    stated = {int(p) for p in re.findall(r"about (\d+)%", bank.description)}
    assert stated == {round(shares["mission"] * 100), round(shares["open"] * 100)} == {13, 7}
    assert "half as much" in next(d for d in bank.dimensions if d.id == "open").description


def test_working_in_the_open_now_counts_in_proportion_where_2_0_gave_it_a_whole_part(bank, bank_2):
    def open_share(of: Bank) -> float:
        return next(d.weight for d in of.dimensions if d.id == "open") / sum(d.weight for d in of.dimensions)

    assert open_share(bank_2) == 1 / 8
    assert open_share(bank) == 1 / 15


def test_the_overall_score_weighs_the_parts_as_stated(bank):
    from goodlooks.scoring.scores import ANSWERED, Choice, score

    lowest_open = {q.id: Choice(ANSWERED, q.choices[-1].key if d.id != "open" else q.choices[0].key)
                   for d in bank.dimensions for q in d.questions}
    overall = score(bank, lowest_open).overall.normalised  # every part at the top but open at the bottom
    assert overall == pytest.approx(14 / 15)


# ---- the double counts of 2.0, one test per pair ----------------------------------------------

_STOP = set("a an the and or of to in on for with by at is are be it its we our us they their them this that "
            "these those not no as from but all each every one two three four five six half more than less any "
            "who what how when which do does did has have had can could would will there here up out only also "
            "so your you just into about after before over under per year years month months week weeks"
            .split())


def content_words(question: Question) -> set[str]:
    """The words a question and its answers are about: stop words and numbers left out, plurals
    and simple endings folded."""
    found = (w for text in [question.text, *(o.label for o in question.choices)] for w in words(text))
    return {re.sub(r"(ing|ed|es|s)$", "", w) for w in found if w not in _STOP and not w.isdigit() and len(w) > 2}


def overlap(bank: Bank, first: str, second: str) -> float:
    a, b = content_words(bank.question(first)), content_words(bank.question(second))
    return len(a & b) / len(a | b)


_NO_MISSION = re.compile(r"\b(no|none)\b[^.]{0,40}\b(mission|strategy)\b|\bnot written down\b", re.I)


def scoring_no_mission(bank: Bank) -> list[str]:
    """The questions with an answer that says there is no mission (or that it is not written)."""
    found = [q for q in bank.questions() if any(re.search(r"\bmission\b", o.label, re.I) for o in q.choices)]
    found += next(d for d in bank.dimensions if d.id == "mission").questions
    return [q.id for q in bank.questions() if q in found and any(_NO_MISSION.search(o.label) for o in q.choices)]


def test_having_no_mission_is_scored_on_one_question_only(bank, bank_2):
    assert scoring_no_mission(bank) == ["mission-summary"]
    assert scoring_no_mission(bank_2) == ["mission-clear", "mission-written", "mission-shared"]
    mission = next(d for d in bank.dimensions if d.id == "mission")
    for question in mission.questions[1:]:  # the others say to answer "not applicable" instead
        assert 'choose "Not applicable"' in question.help, question.id


def test_board_authority_and_the_check_on_changes_no_longer_ask_the_same_thing(bank, bank_2):
    assert bank.question("delivery-governance") is None
    assessed = bank.question("delivery-assurance")
    deciding = re.compile(r"\b(decid\w*|approv\w*|sign[- ]off|delegat\w*|limits?)\b", re.I)
    assert [o.key for o in assessed.choices if deciding.search(o.label)] == []
    assert all(re.search(r"\bchecks?\b|\broutes?\b", o.label) for o in assessed.choices)
    assert overlap(bank, "board-authority", "delivery-assurance") < 0.1 < overlap(
        bank_2, "board-authority", "delivery-governance")


def test_users_at_the_board_demonstrations_and_work_in_progress_are_no_longer_three_ways_of_asking_one_thing(
        bank, bank_2):
    assert bank.question("users-board") is None and bank.question("open-progress") is None
    first_hand, shown = bank.question("users-first-hand"), bank.question("delivery-show")
    assert not any(re.search(r"demonstrat|show-and-tell|report|paper", o.label, re.I) for o in first_hand.choices)
    assert not any(re.search(r"\buser|stor(y|ies)|patient", o.label, re.I) for o in shown.choices)
    assert overlap(bank, "users-first-hand", "delivery-show") < 0.1 < overlap(bank_2, "users-board", "delivery-show")
    assert overlap(bank_2, "delivery-show", "open-progress") > 0.2  # the third of the pair, gone


# ---- what the seed posts said that 2.0 missed ------------------------------------------------

def test_benefits_the_operating_model_and_the_agenda_each_have_a_question(bank):
    for question_id, said in (("users-benefits", "benefit"), ("services-operating-model", "operating model"),
                              ("board-agenda", "agenda")):
        question = bank.question(question_id)
        assert question is not None, question_id
        assert said in f"{question.text} {question.help}".lower(), question_id


def test_board_ownership_is_a_named_executive_then_the_whole_board(bank):
    labels = [o.label for o in bank.question("board-owner").choices]
    assert re.search(r"\bno board member\b.*\baccountable\b", labels[0], re.I)
    assert re.search(r"\bexecutive director on the board\b.*\baccountable\b", labels[1], re.I)
    assert all(re.search(r"\bwhole board\b|\bevery executive director\b|\bappraisal\b", label, re.I)
               for label in labels[2:])
    assert not any(re.search(r"\bagenda\b", label, re.I) for label in labels)  # the agenda is its own question


# ---- the NHS's own terms ---------------------------------------------------------------------

def _question_text(question: Question) -> str:
    return " ".join([question.text, question.help or "", question.evidence or "",
                     *(o.label for o in question.choices), *(o.recommendation or "" for o in question.choices)])


def test_digital_strategy_is_accepted_wherever_the_mission_is_asked(bank):
    for question in bank.questions():
        if re.search(r"\bmission\b", f"{question.text} {question.help}", re.I):
            assert re.search(r"\bstrategy\b", f"{question.text} {question.help}", re.I), question.id
    assert "digital strategy" in bank.description
    assert "digital strategy" in next(d for d in bank.dimensions if d.id == "mission").description


@pytest.mark.parametrize("question_id, terms", [
    ("technology-cloud", ["Cloud means", "Main systems are", "a supplier hosts",
                          "Data Security and Protection Toolkit"]),
    ("services-budget", ["Capital", "Revenue"]),
    ("teams-recruiting", ["Agenda for Change", "NHS Jobs"]),
    ("users-reflect", ["Equality Act", "positive action", "WRES", "WDES", "not quotas"]),
    ("services-standard", ["DTAC", "you buy", "NHS Service Standard"]),
    ("delivery-assurance", ["DCB0160", "DTAC", "inside the team"]),
    ("services-ownership", ["you buy"]),
    ("technology-exit", ["systems you buy"]),
])
def test_the_nhs_terms_are_used_where_they_apply(bank, question_id, terms):
    text = _question_text(bank.question(question_id))
    assert [term for term in terms if term not in text] == []


def test_main_systems_are_defined_for_the_whole_technology_part(bank):
    technology = next(d for d in bank.dimensions if d.id == "technology")
    assert "main systems are those that clinical work stops without" in technology.description.lower()
    assert "bought" in technology.description


# ---- words ---------------------------------------------------------------------------------

def test_one_word_for_one_idea(bank):
    for name, text in written_text(bank):
        # the idea is "mission"; a trust's own "digital strategy" is the same thing and may be named
        assert not re.search(r"\bambition\w*\b|(?<!digital )(?<!mission or )\bstrateg\w*\b", text, re.I), name
        assert not re.search(r"\bproducts?\b(?!\s+manag|,\s+design)", text, re.I), name  # "service"


def test_answer_labels_give_amounts_not_most_some_or_few(bank):
    vague = [f"{q.id} {o.key}: {o.label}" for q in bank.questions() for o in q.choices
             if re.search(r"\b(most|some|few|many|several|often|regularly|rarely)\b", o.label, re.I)]
    assert vague == []


def _seed_digests() -> set[str]:
    lines = (REPO / "tests" / "fixtures" / "seed-runs-6.txt").read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_no_run_of_six_words_comes_from_the_seed_posts(bank):
    seeds = _seed_digests()
    copied = [name for name, text in written_text(bank) if run_digests(text, SEED_RUN) & seeds]
    assert copied == []


def test_the_seed_check_finds_a_copied_sentence(bank):
    copy = bank.model_copy(deep=True)
    copy.questions()[0].help = "Services start at go live, projects end at go live."
    assert [name for name, text in written_text(copy) if run_digests(text, SEED_RUN) & _seed_digests()] == [
        "mission-summary help"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed posts are not beside this checkout")
def test_the_seed_fingerprints_match_the_seed_posts():
    seeds = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    assert run_digests(seeds, SEED_RUN) == _seed_digests()


def test_question_texts_and_option_labels_read_at_grade_8_or_below(bank):
    questions = [flesch_kincaid_grade(q.text) for q in bank.questions()]
    labels = [flesch_kincaid_grade(o.label) for q in bank.questions() for o in q.choices]
    assert statistics.median(questions) <= 8
    assert statistics.median(labels) <= 8


def test_the_grade_measure_tells_plain_from_dense_text():
    assert [syllables(w) for w in ("cat", "care", "digital", "governance", "multidisciplinary")] == [1, 1, 3, 3, 7]
    assert flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(0.39 * 6 + 11.8 - 15.59)
    dense = ("Organisational transformation necessitates comprehensive multidisciplinary "
             "capability development, institutionalised through sustainable governance arrangements.")
    assert flesch_kincaid_grade(dense) > 16
    assert flesch_kincaid_grade("Two sentences here. Each is short.") < flesch_kincaid_grade(
        "Two sentences here and each is short.")


def test_shared_runs_ignore_case_and_punctuation():
    assert shared_run("Put it on the Board agenda.", "put it on the board, agenda now", 5) == "it on the board agenda"
    assert shared_run("one two three four", "one two three four", 5) is None
    assert runs("a b c", 2) == {("a", "b"), ("b", "c")}
