"""Counts as the text writes them -> :class:`~aleppo_kg.model.Quantity`.

"6,000", "300+", "at least 50", "over 10,000", "2,500 - 3,000", "20,000–40,000",
"Sixteen", "twenty-five", "dozens": the number keeps what the text says about
it (exact, a bound, a range or a vague amount), never rounded into one value.
"""

from __future__ import annotations

import re

from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.model import Quantity

# "1,659", "2 000" (a space, thin or not, between thousands), "6000"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d,])|\d+"
_NUMBER_START = re.compile(r"\d")
_RANGE = re.compile(rf"^({_DIGITS})\s*(?:[-–—]|to)\s*({_DIGITS})(\+?)(?![\d,])")
_SINGLE = re.compile(rf"^({_DIGITS})(\+?)(?![\w,.]*\d)")
_TOKEN = re.compile(r"[A-Za-z]+|[-\s]+|\S+")  # a word, a run of spaces and hyphens, the rest
LARGEST_COUNT = 2**63 - 1  # xsd:long's largest value
# "≈2,500", "~300", "c. 400": about that many
_ABOUT = re.compile(r"^(?:≈|~|c\.\s*|ca\.\s*)\s*")
_ABOUT_WORDS = ("c", "ca")  # the words _ABOUT starts with
_LEADING_WORD = re.compile(r"[A-Za-z]*")  # what a number word, or a phrase's first word, is


def parse_int(digits: str) -> int:
    """ "1,659" -> 1659; "2 000" -> 2000."""
    return int(re.sub(r"[,\s\u2009\u202f]", "", digits))


class QuantityReader:
    """Reads counts with the lexicon's quantifiers, number words and vague amounts."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        phrases = sorted(lexicon.quantifier_phrases, key=len, reverse=True)
        self._quantifier = re.compile(
            rf"({'|'.join(re.escape(p) for p in phrases)})\s", re.IGNORECASE
        )
        self._quantifiers = {p.casefold(): q for p, q in lexicon.quantifier_phrases.items()}
        vague = sorted(lexicon.vague_quantities, key=len, reverse=True)
        self._vague = re.compile(rf"^({'|'.join(map(re.escape, vague))})\b", re.IGNORECASE)
        phrases = (*lexicon.quantifier_phrases, *vague, *lexicon.number_words, *_ABOUT_WORDS)
        self._openers = frozenset(_LEADING_WORD.match(p).group(0).lower() for p in phrases)

    def may_start(self, text: str, start: int) -> bool:
        """Whether a quantity may be written at ``start``, a digit or an ASCII letter.

        A word opens one only as a number word or the first word of a quantifier, a vague
        amount or "c.": a test by set before :meth:`read`, which a reader of figures would
        otherwise try at every word of a clause. A word that runs on in other letters
        ("moſt", which a case-insensitive match reads as "most") is left to :meth:`read`.
        """
        if text[start].isdigit():
            return True
        end = _LEADING_WORD.match(text, start).end()
        return text[start:end].lower() in self._openers or not text[end : end + 1].isascii()

    def read(self, text: str, where: str) -> tuple[Quantity, str] | None:
        """The quantity at the start of ``text`` and the rest of the text after it.

        Returns None when ``text`` starts with no number at all; raises
        :class:`InputError` naming the bad token when it starts like a number but is
        not one ("6,0x0").
        """
        quantifier, rest = self._quantifier_prefix(text)
        about = _ABOUT.match(rest)
        if about:
            quantifier, rest = "approximately", rest[about.end() :]
        vague = self._vague.match(rest)
        if vague:
            return self._vague_amount(vague.group(1)), rest[vague.end() :].strip()
        found = _digits(rest, quantifier, where) or self._words(rest, quantifier)
        if found is None and _NUMBER_START.match(rest):
            raise InputError(where, f"{rest.split()[0]!r} is not a number")
        if found is not None and _too_large(found[0]):
            raise InputError(where, f"{rest.split()[0]!r} is too large to be a count")
        return found

    def _vague_amount(self, words: str) -> Quantity:
        """ "dozens" -> vague, at least 24; "a dozen" -> about 12 (the lexicon's table)."""
        quantifier, value = self.lexicon.vague_quantities[fold(words)]
        if quantifier == "vague":
            return Quantity("vague", minimum=value)
        return _bounded(quantifier, value or 0)

    def _quantifier_prefix(self, text: str) -> tuple[str | None, str]:
        """A leading "at least", "over", "about"... and the text after it."""
        stripped = text.strip()
        found = self._quantifier.match(stripped)
        if not found:
            return None, stripped
        return self._quantifiers[found.group(1).casefold()], stripped[found.end() :].strip()

    def _words(self, text: str, quantifier: str | None) -> tuple[Quantity, str] | None:
        """Number words: "Sixteen", "two", "twenty-five", "one hundred"."""
        words = self.lexicon.number_words
        total = current = 0
        end = 0  # where the last number word ends
        seen = False
        for match in _TOKEN.finditer(text):  # lazily: a number is a few words of a long text
            token = match.group(0)
            value = words.get(token.casefold())
            if value is None:
                if token.strip(" -") == "" or (token.casefold() == "and" and seen):
                    continue
                break
            seen = True
            end = match.end()
            if value == 100:
                current = max(current, 1) * 100
            elif value == 1000:
                total, current = total + max(current, 1) * 1000, 0
            else:
                current += value
        if not seen:
            return None
        return _bounded(quantifier, total + current), text[end:].strip()


def _digits(text: str, quantifier: str | None, where: str) -> tuple[Quantity, str] | None:
    ranged = _RANGE.match(text)
    if ranged:
        low, high = parse_int(ranged.group(1)), parse_int(ranged.group(2))
        if low > high:
            raise InputError(where, f"range {ranged.group(0)!r} runs backwards")
        rest = text[ranged.end() :].strip()
        if ranged.group(3):  # "1,800–2,000+": the top is no bound
            return Quantity("at-least", minimum=low), rest
        return Quantity("range", minimum=low, maximum=high), rest
    single = _SINGLE.match(text)
    if not single:
        return None
    value = parse_int(single.group(1))
    rest = text[single.end() :].strip()
    if single.group(2):
        return Quantity("at-least", minimum=value), rest
    return _bounded(quantifier, value), rest


def _too_large(quantity: Quantity) -> bool:
    """More than an ``xsd:long`` holds: no count of people or materiel, and more than SPARQL
    engines compare (Oxigraph's integers are 64-bit), so a range of it fails the shapes."""
    values = (quantity.exact, quantity.minimum, quantity.maximum)
    return any(value is not None and value > LARGEST_COUNT for value in values)


def _bounded(quantifier: str | None, value: int) -> Quantity:
    """Put ``value`` where its quantifier says it belongs."""
    if quantifier in (None, "exact", "approximately"):
        return Quantity(quantifier or "exact", exact=value)
    if quantifier in ("at-least", "more-than"):
        return Quantity(quantifier, minimum=value)
    return Quantity(quantifier, maximum=value)
