"""The figures of a clause: a number, the noun it counts, and what happened to them.

"killing at least 12 soldiers" is a loss of 12 soldiers, killed; "some 5,000
protesters" with no verb is a crowd's size; "destroyed a helicopter and two
tanks" lends the first figure's verb to the second.
"""

from __future__ import annotations

import itertools
import re

from aleppo_kg.build.prose.clauses import Clause
from aleppo_kg.build.prose.patterns import Patterns
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.model import Entity, Figure, Quantity, Span
from aleppo_kg.text.quantities import QuantityReader

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NUMBER_START = re.compile(r"\d[\d,]*\+?|[A-Za-z]+")
_LISTED = re.compile(r"\s*(?:,|and|, and)\s*")  # "a helicopter and two tanks"
_PAREN_CLOSE = re.compile(r"[\"'”]?\)\s*")
_PAREN_NOUN = re.compile(r"(\w+)\s*\($")  # "soldiers (12)"
_NOUN_LEAD = re.compile(r"[\"'”]?\s*(?:of (?:the |their )?)?(?:members? of (?:the )?)?")
_GLUED = re.compile(r"[^\s\"'”A-Za-z]")  # "On April 29, security forces": no noun
_OR_OTHER = re.compile(r"\s+or\s+(\w+)")
_INCLUDING = re.compile(r"\bincluding\s+(?:\S+\s+)?$")
_SPACES = re.compile(r"\s+")

Reporters = list[tuple[int, Entity]]  # who reports, by where in the sentence
Counted = tuple[str, int, str | None]  # category, where its noun ends, outcome said there


class FigureReader:
    """Reads the figures of clauses by the lexicon's categories, outcomes and numbers."""

    def __init__(self, lexicon: Lexicon, patterns: Patterns) -> None:
        self.lexicon = lexicon
        self.patterns = patterns
        self.quantities = QuantityReader(lexicon)

    def figures(
        self, clause: Clause, previous: str | None, reporters: Reporters, article: str
    ) -> list[Figure]:
        """The figures of ``clause``; ``previous`` is the category counted before it."""
        text = clause.text
        figures: list[Figure] = []
        cursor = 0
        for match in _NUMBER_START.finditer(text):
            if match.start() < cursor or not self.quantities.may_start(text, match.start()):
                continue
            read = self.quantity(text, match.start())
            if read is None:
                continue
            quantity, rest_start = read
            found = self.counted(text, match.start(), rest_start, previous)
            if found is None:
                continue
            category, noun_end, outcome = found
            outcome = outcome or self.outcome(text, match.start(), noun_end, category)
            if outcome is None and figures and _LISTED.fullmatch(text[cursor : match.start()]):
                outcome = figures[-1].outcome  # "destroyed a helicopter and two tanks"
            if outcome is None:
                continue
            end = noun_end
            while end > match.start() and text[end - 1] in " )\"'”":  # "one ", "40,000) "
                end -= 1
            span = Span(clause.start + match.start(), clause.start + end)
            kind = "participation" if outcome == "participated" else "loss"
            written = article[span.start : span.end]
            source = nearest(reporters, span.start)
            figures.append(Figure(kind, quantity, category, outcome, written, span, source=source))
            previous = category
            cursor = noun_end
        return figures

    def quantity(self, text: str, start: int) -> tuple[Quantity, int] | None:
        """The quantity written at ``start`` and where the text after it starts."""
        rest = text[start:]
        rest_stripped = rest.lstrip("\"'“")
        try:
            read = self.quantities.read(rest_stripped, "prose")
        except InputError:
            return None
        if read is None:
            return None
        quantity, remainder = read
        return quantity, start + len(rest) - len(remainder)

    def counted(
        self, text: str, start: int, rest_start: int, previous: str | None
    ) -> Counted | None:
        """The counted noun after a quantity: category, where the noun ends, outcome said there."""
        rest = text[rest_start:]
        paren = _PAREN_CLOSE.match(rest)
        if text[:start].endswith("(") and paren:
            noun = _PAREN_NOUN.search(text[:start])
            category = noun and self.lexicon.category_forms.get(fold(noun.group(1)))
            return (category, rest_start + paren.end(), None) if category else None
        offset = rest_start + _NOUN_LEAD.match(rest).end()
        glued = _GLUED.match(rest) is not None
        words = list(_WORD.finditer(text, offset))
        for skip in range(0, 0 if glued else min(4, len(words))):
            if skip and not self._modifies(text, words, skip - 1):
                break
            found = self._noun(text, words, skip, previous)
            if found:
                return found
        said = self.bare_outcome(text, start, rest_start)
        if said and fold(text[start:rest_start].strip()) not in self.patterns.indefinite:
            category = previous or self.lexicon.default_categories.get(said)  # "destroyed two"
            return (category, rest_start, said) if category else None
        return None

    def _modifies(self, text: str, words: list[re.Match[str]], index: int) -> bool:
        """The word at ``index`` may stand between a number and its noun ("12 Syrian soldiers")."""
        modifier = words[index].group(0).lower()
        if (
            modifier in self.patterns.function_words
            or modifier in self.lexicon.number_words
            or modifier.endswith("ing")
        ):
            return False
        return adjacent(text, words[index : index + 2])

    def _noun(
        self, text: str, words: list[re.Match[str]], skip: int, previous: str | None
    ) -> Counted | None:
        """The longest counted noun starting ``skip`` words on; the outcome among those words."""
        for length in range(4, 0, -1):
            chunk = words[skip : skip + length]
            if len(chunk) < length or not adjacent(text, chunk):
                continue
            phrase = " ".join(w.group(0) for w in chunk)
            category = self.lexicon.category_forms.get(fold(phrase))
            if category:
                outcome = None
                for word in words[:skip]:
                    outcome = self.lexicon.outcome_phrases.get(word.group(0).lower(), outcome)
                end = chunk[-1].end()
                return self._or_other(text, end, category, phrase, previous), end, outcome
        return None

    def bare_outcome(self, text: str, start: int, rest_start: int) -> str | None:
        """A number with no noun but a verb: "and five injured", "wounding 20", "the toll at 19"."""
        after = self.patterns.outcome_after.match(text[rest_start:])
        before = self.patterns.outcome_before.search(text[:start])
        found = after or before
        return self.outcome_of(found.group(1)) if found else None

    def _or_other(
        self, text: str, end: int, category: str, phrase: str, previous: str | None
    ) -> str:
        """ "a rebel or civilian": two categories, so just people; "others" repeats the last."""
        if fold(phrase) in self.patterns.others and previous:
            return previous
        other = _OR_OTHER.match(text[end:])
        if other and self.lexicon.category_forms.get(fold(other.group(1))) not in (None, category):
            return "people"
        return category

    def outcome(self, text: str, start: int, noun_end: int, category: str) -> str | None:
        """What happened to the counted, in order of closeness.

        A verb right after the noun ("were also injured"), right before the number
        ("killing four", "killed more than 30", "the toll at 19"), later in the
        clause, or before an "including" list; a crowd with no verb is a crowd size.
        """
        patterns = self.patterns
        found = (
            patterns.outcome_after_noun.match(text[noun_end:])
            or patterns.outcome_before.search(text[:start])
            or patterns.outcome_anywhere.search(text[noun_end:])
        )
        if found:
            return self.outcome_of(found.group(1))
        if _INCLUDING.search(text[:start]):
            earlier = patterns.outcome_anywhere.findall(text[:start])
            if earlier:
                return self.outcome_of(earlier[-1])
        return "participated" if category in self.lexicon.crowd_categories else None

    def outcome_of(self, word: str) -> str:
        """The outcome a written verb says, whatever its case."""
        phrases = self.lexicon.outcome_phrases
        return phrases[next(p for p in phrases if p.lower() == word.lower())]


def adjacent(text: str, words: list[re.Match[str]]) -> bool:
    """Words of one noun phrase: separated by spaces only, no punctuation."""
    return all(_SPACES.fullmatch(text[a.end() : b.start()]) for a, b in itertools.pairwise(words))


def nearest(reporters: Reporters, position: int) -> Entity | None:
    """The reporter named before a figure in its sentence, else the one after it."""
    before = [source for start, source in reporters if start <= position]
    if before:
        return before[-1]
    return reporters[0][1] if reporters else None
