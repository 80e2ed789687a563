"""Text measures for testing a bank's wording: shared word runs and Flesch-Kincaid grade.

Words are lowercased runs of letters, digits and apostrophes, so punctuation and case never
hide a repeat. Syllables are counted with pyphen's English hyphenation dictionary (a word has
one more syllable than it has hyphenation points), checked against a count of vowel groups.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import pyphen

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"[.?!;]+(?:\s|$)")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def runs(text: str, length: int) -> set[tuple[str, ...]]:
    """Every run of `length` consecutive words in `text`."""
    found = words(text)
    return {tuple(found[i:i + length]) for i in range(len(found) - length + 1)}


def shared_run(first: str, second: str, length: int) -> str | None:
    """A run of `length` words that both texts contain, or None."""
    common = runs(first, length) & runs(second, length)
    return " ".join(sorted(common)[0]) if common else None


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def _vowel_groups(word: str) -> int:
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1  # a silent final e: "service", "care"
    return max(1, count)


def syllables(word: str) -> int:
    """Syllables in one lowercase word: the larger of pyphen's count (hyphenation points + 1)
    and a count of vowel groups, since hyphenation leaves out breaks near a word's ends
    ("governance" would count 2)."""
    if word.isdigit():
        return max(1, len(word))  # "17" is read as "seventeen": near enough
    return max(len(_dictionary().positions(word)) + 1, _vowel_groups(word))


def sentence_count(text: str) -> int:
    return max(1, len(_SENTENCE_END.findall(text.strip() + " ")))


def flesch_kincaid_grade(text: str) -> float:
    """0.39 × words per sentence + 11.8 × syllables per word − 15.59 (Kincaid et al., 1975)."""
    found = words(text)
    if not found:
        return 0.0
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(word) for word in found) / len(found)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def run_digest(run: tuple[str, ...]) -> str:
    """A short fingerprint of a run of words, so a test can hold a text's runs without its text."""
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def run_digests(text: str, length: int) -> set[str]:
    return {run_digest(run) for run in runs(text, length)}
