"""The table matcher of gazetteer names finds what a whole-word alternation would."""

import re

import pytest

from aleppo_kg.text.matcher import NameMatcher

NAMES = ["Tall Hamra", "Tall Hamra al-Kabir", "Kafr Sallum", "Hamra", "Sallum"]


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in NameMatcher(NAMES, 4).finditer(text)]


def _alternation(text: str) -> list[tuple[int, int]]:
    ordered = sorted(NAMES, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w'’-])")
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled Tall Hamra al-Kabir and Kafr Sallum.",  # the longest name wins
        "Tall Hamra's market; Kafr-Sallum; Hamra-based; x-Hamra",  # apostrophe and hyphens
        "Tall Hamras Hamra_ _Hamra Hamra2 Hamra’ Hamra",  # word characters around the name
        "Tall Hamra al-Kabirs, then Tall Hamra",  # a longer name cut short falls back
        "",
    ],
)
def test_the_matches_are_those_of_a_whole_word_alternation(text):
    assert _spans(text) == _alternation(text)


def test_a_match_reads_like_a_regex_match():
    match = next(NameMatcher(NAMES, 4).finditer("near Kafr Sallum."))
    assert (match.start(), match.end(), match.group(0)) == (5, 16, "Kafr Sallum")


def test_a_name_shorter_than_the_prefix_is_refused():
    with pytest.raises(ValueError, match="prefix"):
        NameMatcher(["Bab"], 4)
