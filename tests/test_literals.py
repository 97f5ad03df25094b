"""The words a cue cannot match without: a clause without them is not searched for it."""

import re

import pytest
from conftest import LEXICON
from hypothesis import given, settings
from hypothesis import strategies as st

from aleppo_kg.build.prose.patterns import patterns_for
from aleppo_kg.text.literals import found_in, holds_one, needed_literals

CUES = patterns_for(LEXICON).cues
WORDS = patterns_for(LEXICON).cue_words


@pytest.mark.parametrize(
    "pattern, needed",
    [
        (r"\b(?:loots|looted|looting)\b", {"loots", "looted", "looting"}),
        (r"\bre-?(?:takes|took)\b", {"takes", "took"}),  # the longer of "re" and the verb
        (r"\bair ?strikes?\b", {"strike"}),  # what is optional is not needed
        (r"\bousting of|(?:ousts|ousted)", {"ousting of", "ousts", "ousted"}),  # either branch
        (r"\b(?:army |military )?Helicopters? (?:\w+ ){0,2}fired", {"helicopter"}),
        (r"(?:\w+ )+control", {"control"}),  # a repeated item, seen at least once
    ],
)
def test_the_longest_needed_strings_are_found(pattern, needed):
    assert needed_literals(pattern, re.IGNORECASE) == needed


@pytest.mark.parametrize("pattern", [r"\w+\d+", r"(?:a|b)?", r"\bcafé\b", r"(?:ab"])
def test_no_needed_string_is_none(pattern):
    """Nothing fixed, nothing certain, a letter that is not ASCII, or no expression at all."""
    assert needed_literals(pattern) is None


def test_a_text_holds_the_strings_it_holds_in_any_case():
    words = frozenset({"looted", "shops", "kill"})
    assert found_in("LOOTED the Shops’ doors – all", words) == {"looted", "shops"}
    assert found_in("they fled", words) == frozenset()
    assert not holds_one(found_in("they fled", words), frozenset({"kill"}))
    assert holds_one(found_in("they fled", words), None)  # nothing known to be needed


@pytest.mark.parametrize("text", ["moſt", "\u212aill"])  # a case-insensitive "s", "k"
def test_a_letter_read_as_ascii_makes_every_expression_tried(text):
    assert found_in(text, frozenset({"most", "kill"})) is None
    assert holds_one(None, frozenset({"kill"}))


# words of cues, and the same words with a letter a case-insensitive match reads as ASCII
_WORDS = [
    "looted",
    "LOOTING",
    "air",
    "strikes",
    "shelled",
    "the",
    "army",
    "clashes",
    "rebels",
    "captured",
    "town",
    "-",
    ",",
    "protests",
    "fighting",
    "killed",
    "fire",
    "ſhelled",
    "\u212aILLED",
    "ſtrikes",
    "air-strikes",
    "Shelling",
]


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join))
def test_a_cue_that_matches_a_clause_is_never_skipped(text):
    found = found_in(text, WORDS)
    for cue in CUES:
        if cue.pattern.search(text):
            assert holds_one(found, cue.needs), (cue.pattern.pattern, text)


def test_every_cue_of_the_lexicon_needs_some_words():
    """A cue with none would be searched for in every clause: a reminder to write cues
    that name their act."""
    assert [c.pattern.pattern for c in CUES if not c.needs] == []
