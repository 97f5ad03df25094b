"""Counts as the text writes them -> :class:`~aleppo_kg.model.Quantity`.

"6,000", "300+", "at least 50", "over 10,000", "2,500 - 3,000", "20,000–40,000",
"Sixteen", "twenty-five", "dozens": the number keeps what the text says about
it (exact, a bound, a range or a vague amount), never rounded into one value.
"""

from __future__ import annotations

import re
from functools import cache

from .errors import InputError
from .lexicon import fold, load_lexicon
from .model import Quantity

_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_NUMBER_START = re.compile(r"\d")
_RANGE = re.compile(rf"^({_DIGITS})\s*(?:[-–—]|to)\s*({_DIGITS})(?![\d,])")
_SINGLE = re.compile(rf"^({_DIGITS})(\+?)(?![\w,.]*\d)")
_VAGUE = ("dozens", "scores", "hundreds", "thousands", "tens of thousands", "several", "many")


def parse_int(digits: str) -> int:
    """ "1,659" -> 1659."""
    return int(digits.replace(",", ""))


def read_quantity(text: str, where: str) -> tuple[Quantity, str] | None:
    """The quantity at the start of ``text`` and the rest of the text after it.

    Returns None when ``text`` starts with no number at all; raises
    :class:`InputError` naming the bad token when it starts like a number but is
    not one ("6,0x0").
    """
    quantifier, rest = _quantifier_prefix(text)
    if rest.casefold().startswith(_VAGUE):
        word = next(v for v in sorted(_VAGUE, key=len, reverse=True) if fold(rest).startswith(v))
        return Quantity("vague"), rest[len(word) :].strip()
    found = _digits(rest, quantifier, where) or _words(rest, quantifier)
    if found is None and _NUMBER_START.match(rest):
        raise InputError(where, f"{rest.split()[0]!r} is not a number")
    return found


@cache
def _quantifier_pattern() -> re.Pattern[str]:
    phrases = sorted(load_lexicon().quantifier_phrases, key=len, reverse=True)
    return re.compile(rf"({'|'.join(re.escape(p) for p in phrases)})\s", re.IGNORECASE)


def _quantifier_prefix(text: str) -> tuple[str | None, str]:
    """A leading "at least", "over", "about"... and the text after it."""
    stripped = text.strip()
    found = _quantifier_pattern().match(stripped)
    if not found:
        return None, stripped
    phrases = {p.casefold(): q for p, q in load_lexicon().quantifier_phrases.items()}
    return phrases[found.group(1).casefold()], stripped[found.end() :].strip()


def _digits(text: str, quantifier: str | None, where: str) -> tuple[Quantity, str] | None:
    ranged = _RANGE.match(text)
    if ranged:
        low, high = parse_int(ranged.group(1)), parse_int(ranged.group(2))
        if low > high:
            raise InputError(where, f"range {ranged.group(0)!r} runs backwards")
        return Quantity("range", minimum=low, maximum=high), text[ranged.end() :].strip()
    single = _SINGLE.match(text)
    if not single:
        return None
    value = parse_int(single.group(1))
    rest = text[single.end() :].strip()
    if single.group(2):
        return Quantity("at-least", minimum=value), rest
    return _bounded(quantifier, value), rest


def _bounded(quantifier: str | None, value: int) -> Quantity:
    """Put ``value`` where its quantifier says it belongs."""
    if quantifier in (None, "exact", "approximately"):
        return Quantity(quantifier or "exact", exact=value)
    if quantifier in ("at-least", "more-than"):
        return Quantity(quantifier, minimum=value)
    return Quantity(quantifier, maximum=value)


def _words(text: str, quantifier: str | None) -> tuple[Quantity, str] | None:
    """Number words: "Sixteen", "two", "twenty-five", "one hundred"."""
    words = load_lexicon().number_words
    tokens = re.findall(r"[A-Za-z]+|[-\s]+|\S+", text)
    total = current = 0
    used = 0
    seen = False
    for index, token in enumerate(tokens):
        value = words.get(token.casefold())
        if value is None:
            if token.strip(" -") == "" or (token.casefold() == "and" and seen):
                continue
            break
        seen = True
        used = index + 1
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total, current = total + max(current, 1) * 1000, 0
        else:
            current += value
    if not seen:
        return None
    rest = "".join(tokens[used:]).strip()
    return _bounded(quantifier, total + current), rest
