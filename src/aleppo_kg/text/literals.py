"""What text a regular expression cannot match without: a test by substring before a search.

The prose reader tries about a hundred event cues on every clause, and a regular
expression scans the whole clause even where none of its words is there: that
scanning was a third of reading an article. Nearly every cue has words it cannot
match without ("loots", "looted" or "looting"); :func:`needed_literals` finds them
in the parsed expression, and a cue is searched for only in a clause that holds one
of them (:func:`found_in`, :func:`holds_one`). The test only ever skips a search that
would have found nothing: where the parse is not understood, nothing is needed.

The parse is ``re``'s own (``re._parser``, ``sre_parse`` before Python 3.11), a
module of the standard library's that tools generating text from regular expressions
read too; what is read of it here is checked against every cue of the lexicon
(``tests/test_literals.py``).
"""

from __future__ import annotations

import re
from functools import cache

try:
    from re import _parser as sre_parse  # Python 3.11 and later
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]

Literals = frozenset[str]

_MOST = 64  # more strings than this in one test is no cheaper than the search itself
_TEXT = object()  # a run of literal characters, merged (:func:`_words`)
_REPEATS = {
    sre_parse.MAX_REPEAT,
    sre_parse.MIN_REPEAT,
    getattr(sre_parse, "POSSESSIVE_REPEAT", sre_parse.MAX_REPEAT),
}


def needed_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Lower-case strings one of which every match of ``pattern`` contains; None if there
    are none to be sure of. Of the sets the pattern offers, the one of the longest strings.

    ``(?:loots|looted|looting)(?: the)? shops?`` needs "looted", "looting" or "loots".
    Only ASCII strings are kept: :func:`found_in` is sure of their case-insensitive
    match only.
    """
    try:
        tree = sre_parse.parse(pattern, flags)
    except re.error:  # not an expression: whatever uses it will say so
        return None
    found = _needed(list(tree))
    if found is None or not all(s.isascii() for s in found):
        return None
    return frozenset(s.lower() for s in found)


def found_in(text: str, literals: Literals) -> Literals | None:
    """Which of ``literals`` (from :func:`needed_literals`) ``text`` holds, asked once for
    every expression that needs some of them; None where a case-insensitive match could
    read a letter that is not ASCII as one that is ("ſ" as "s", the Kelvin sign as "k"):
    then every expression has to be tried."""
    if not text.isascii() and any(_ascii_lookalike(c) for c in set(text) if not c.isascii()):
        return None
    lowered = text.lower()
    return frozenset(s for s in literals if s in lowered)


def holds_one(found: Literals | None, literals: Literals | None) -> bool:
    """Whether a text that holds ``found`` (:func:`found_in`) may be matched by an expression
    needing ``literals``: it holds one of them, or nothing is known to be needed."""
    return found is None or not literals or not literals.isdisjoint(found)


@cache
def _ascii_lookalike(char: str) -> bool:
    """A character whose case forms include an ASCII letter."""
    return any(c.isascii() and c.isalpha() for c in char.lower() + char.upper() + char.casefold())


def _needed(items: list) -> set[str] | None:
    """The strings one of which a sequence of parsed items needs, the longest offered."""
    best: set[str] | None = None
    run: set[str] = {""}  # the strings the items just read spell, one after another

    def offer(strings: set[str] | None) -> None:
        nonlocal best
        if strings and all(strings) and (best is None or _shortest(strings) > _shortest(best)):
            best = strings

    for op, value in _words(items):
        spelled = _options(op, value)
        joined = None if spelled is None else _joined(run, spelled)
        if joined is not None:
            run = joined
            continue
        offer(run)  # the run ends here: a new one starts, or none
        run = spelled or {""}
        if spelled is None:
            offer(_needed_inside(op, value))
    offer(run)
    return best


def _needed_inside(op, value) -> set[str] | None:
    """What one item that spells no fixed strings still needs: a group's, every branch's, or
    a repeated item's, repeated at least once."""
    if op is sre_parse.SUBPATTERN:
        return _needed(value[-1])
    if op is sre_parse.BRANCH:
        branches = [_needed(branch) for branch in value[1]]
        return set().union(*branches) if all(branches) else None
    if op in _REPEATS and value[0] >= 1:
        return _needed(value[2])
    return None


def _spelled(items: list) -> set[str] | None:
    """Every string a sequence of items can match, if they are only letters, groups and
    branches of them (and not too many); else None."""
    strings: set[str] | None = {""}
    for op, value in _words(items):
        options = _options(op, value)
        if options is None:
            return None
        strings = _joined(strings, options)
        if strings is None:
            return None
    return strings


def _options(op, value) -> set[str] | None:
    """The strings one item (a :func:`_words` item) can match, if it is letters, or a group
    or branches of letters."""
    if op is _TEXT:
        return {value}
    if op is sre_parse.SUBPATTERN:
        return _spelled(value[-1])
    if op is sre_parse.BRANCH:
        branches = [_spelled(branch) for branch in value[1]]
        return set().union(*branches) if all(b is not None for b in branches) else None
    return None


def _words(items) -> list:
    """The items with each run of literal characters as one item of text, and without the
    ones that match no character (``\\b``, ``^``, ``$``)."""
    merged: list = []
    for op, value in items:
        if op is sre_parse.AT:
            continue
        if op is sre_parse.LITERAL:
            if merged and merged[-1][0] is _TEXT:
                merged[-1] = (_TEXT, merged[-1][1] + chr(value))
                continue
            op, value = _TEXT, chr(value)
        merged.append((op, value))
    return merged


def _joined(heads: set[str], tails: set[str]) -> set[str] | None:
    """Each of ``heads`` followed by each of ``tails``; None when there would be too many."""
    if len(heads) * len(tails) > _MOST:
        return None
    return {head + tail for head in heads for tail in tails}


def _shortest(strings: set[str]) -> int:
    return min(map(len, strings))
