"""Strength and casualty figures: how many of what, what happened to them, by whose count.

"1 Su-22 jet bomber shot down (opposition claims)" is a quantity (by the quantity
reader), an equipment designation, a counted noun (a category of the lexicon), an
outcome phrase and a claim source in parentheses; "2,500 Al-Nusra fighters" names
the group counted before its noun. An asterisked item breaks down the figure above it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from aleppo_kg.build.infobox.items import Item, items, list_items, within
from aleppo_kg.build.infobox.notes import Notes
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.model import Entity, Figure, Organization, Span
from aleppo_kg.text.names import Names
from aleppo_kg.text.quantities import QuantityReader
from aleppo_kg.text.slugs import slugify

_EQUIPMENT = re.compile(r"^[A-Z][A-Za-z]*-?\d+[A-Za-z]*$")


@dataclass(frozen=True)
class Reading:
    """What reading one figure needs besides its text: the kind of list, the noun of the
    item before, the article text the spans point into, where it is, and the warnings."""

    kind: str
    previous: str
    text: str
    where: str
    notes: Notes


# Where a second figure starts inside an item: "85 wounded and 24 captured", or another
# claimant's label ("... 7 Confirmed Dead DPR Reports: 5 Confirmed Dead").
_JOINT = re.compile(r"\s+and\s+(?=\d)|\s+(?=[A-Z][\w.]*(?:\s+[a-z]+)?\s+(?:Reports?|Claims?):)")


def _joined(item: Item) -> Iterator[tuple[str, Span]]:
    """The figures an item runs together: joined by "and" before a number, or one claimant's
    label after another's."""
    start = 0
    for joint in _JOINT.finditer(item.text):
        yield item.text[start : joint.start()], item.span
        start = joint.end()
    yield item.text[start:], item.span


def _joins(words: list[str]) -> bool:
    """What may follow the counted noun: another one joined by "and"/"or", or a place."""
    return words[0].casefold() in {"and", "or", "in", "at", "from"}


def _label(body: str) -> tuple[str, str]:
    """ "Civilian casualties: 104+ killed" -> ("Civilian casualties", "104+ killed")."""
    found = re.match(r"^([^:\d]+):\s*(?=\S)", body)
    return (found.group(1).strip(), body[found.end() :]) if found else ("", body)


class FigureReader:
    """Reads Strength and Casualties values by the lexicon's categories, outcomes and sources."""

    def __init__(self, lexicon: Lexicon, names: Names, quantities: QuantityReader) -> None:
        self.lexicon = lexicon
        self.names = names
        self.quantities = quantities
        filler = lexicon.alternation("count-filler")
        self._filler = re.compile(rf"^(?:(?:{filler})\s+)+", re.IGNORECASE)
        self._outcomes = sorted(lexicon.outcome_phrases, key=len, reverse=True)
        self._ending = _ending_with(self._outcomes, "")  # "... shot down"
        self._joined = _ending_with(self._outcomes, r"\s+(?:or|and|and/or)")  # "destroyed or"

    def read_list(
        self, value: str, offset: int, kind: str, text: str, where: str, notes: Notes
    ) -> list[Figure]:
        """The figures of a list; an asterisked item ("25,000 fighters, * 2,500 Al-Nusra
        fighters") or a count in parentheses ("330 killed (140 Hezbollah)") is part of the
        figure above it. Figures joined by "and" ("85 wounded and 24 captured") are two.

        ``kind`` is "strength" or "loss"; ``text`` is the article the spans point into.
        """
        figures: list[Figure] = []
        stack: list[tuple[int, Figure]] = []
        for item in list_items(value, offset, self.lexicon):
            if not item.text or self.lexicon.cue_meaning(item.text, "unknown"):
                continue
            pieces = list(_joined(item))
            for number, (piece, span) in enumerate(pieces, start=1):
                last = number == len(pieces)
                previous = figures[-1].category if figures else "people"
                reading = Reading(kind, previous, text, where, notes)
                try:
                    figure = self.read(piece, span, reading, item.notes if last else ())
                except InputError as error:
                    notes.skip(piece, error)
                    continue
                while stack and stack[-1][0] >= item.depth:
                    stack.pop()
                written = item.written if len(pieces) == 1 else figure.written  # with its notes
                figure = replace(figure, written=written, part_of=stack[-1][1] if stack else None)
                figures.append(figure)
                stack.append((item.depth, figure))
                if last:
                    figures.extend(self._breakdown(figure, item.notes, reading))
        return figures

    def read(
        self, body: str, span: Span, reading: Reading, notes: tuple[tuple[str, Span], ...] = ()
    ) -> Figure:
        """ "1 Su-22 jet bomber shot down" with its notes ("(opposition claims)") -> a figure.

        With no noun ("35 rebels killed, 80 wounded") the previous item's noun is meant; a
        label before the value ("Civilian casualties: 104+ killed") may name the noun; an
        unknown noun is kept under its own name, with a warning.
        """
        label, body = _label(body)
        source = self._source(((label, span), *notes) if label else notes, span)
        source = self.names.source(source) if source else None
        read = self.quantities.read(body, reading.where)
        if read is None:
            raise InputError(reading.where, "no number in it")
        quantity, rest = read
        rest = self._filler.sub("", rest)  # "Dozens of civilians", "7 confirmed dead"
        outcome, rest = self._outcome(rest) if reading.kind == "loss" else (None, rest)
        if reading.kind == "loss" and outcome is None:
            raise InputError(reading.where, "a loss with no outcome (killed, wounded...)")
        equipment, category, organization = self._noun_phrase(rest, span, reading.text)
        if rest and category is None:
            reading.notes.warn(
                f"{reading.where}: unknown counted noun {rest!r}: kept under its own name"
            )
            category = slugify(rest) or "unknown"
        category = category or self._label_category(label) or reading.previous
        return Figure(
            reading.kind, quantity, category, outcome, body, span, equipment, organization, source
        )

    def _breakdown(
        self, whole: Figure, notes: tuple[tuple[str, Span], ...], reading: Reading
    ) -> list[Figure]:
        """Counts in a note that break the figure down: "(140 Hezbollah)", "(14 released)"."""
        parts = []
        for note, span in notes:
            if not re.match(r"\d", note):
                continue
            for piece, _ in items(note, span.start):
                read = self.quantities.read(piece, reading.where)
                if read is None:
                    continue
                quantity, rest = read
                outcome, rest = self._outcome(rest) if whole.outcome else (None, rest)
                equipment, category, organization = self._noun_phrase(rest, span, reading.text)
                if organization is None and rest and self.lexicon.organization(rest):
                    organization = self.names.organization(rest, span)
                parts.append(
                    Figure(
                        whole.kind,
                        quantity,
                        category or whole.category,
                        outcome or whole.outcome,
                        piece,
                        span,
                        equipment,
                        organization,
                        whole.source,
                        whole,
                    )
                )
        return parts

    def _source(self, notes: tuple[tuple[str, Span], ...], span: Span) -> Entity | None:
        """Who a note says claims the figure: "(SOHR claim)", "(per Iraq and US)"."""
        for note, note_span in notes:
            phrase = self.lexicon.source_phrases.get(fold(note))
            if phrase:
                return self._known_source(phrase, note, note_span)
            claimant = self._claimant(note)
            if claimant:
                # "Syrian and Lebanese government": the claimants share the last word
                phrase = self.lexicon.source_phrases.get(fold(claimant)) or (
                    self.lexicon.source_phrases.get(fold(claimant.split()[-1]))
                    if " and " in claimant
                    else None
                )
                if phrase:
                    return self._known_source(phrase, claimant, note_span)
                first = re.split(r"\s+and\s+", claimant)[0]  # "per Iraq and US": Iraq's
                label = self.lexicon.demonyms.get(fold(first), first)
                return Entity("source/" + slugify(label), label, claimant, note_span)
        return None

    def _known_source(self, phrase: str, written: str, span: Span) -> Entity:
        """A reporting source of sources.tsv, as this note writes it."""
        return Entity("source/" + phrase, self.lexicon.sources[phrase].label, written, span)

    def _claimant(self, note: str) -> str | None:
        """ "Iraqi claim, denied by X" -> "Iraqi"; "per Iraq and US" -> "Iraq and US"."""
        first = note.split(",")[0].strip()
        claim = self.lexicon.alternation("claim")
        before = self.lexicon.alternation("claimant-before")
        found = re.fullmatch(rf"(.+?)\s+(?:{claim})", first, re.IGNORECASE)
        found = found or re.fullmatch(rf"(?:{before})\s+(?:the\s+)?(.+)", first, re.IGNORECASE)
        return found.group(1).strip() if found else None

    def _label_category(self, label: str) -> str | None:
        """The counted noun a label names: "Civilian casualties" -> civilian."""
        for word in label.split():
            category = self.lexicon.category_forms.get(
                fold(word)
            ) or self.lexicon.category_forms.get(fold(word) + "s")
            if category:
                return category
        return None

    def _outcome(self, rest: str) -> tuple[str | None, str]:
        """The outcome phrase ending the item ("shot down"), longest first, and what precedes it;
        outcomes joined by "or"/"and" ("destroyed or damaged") are one figure of the first."""
        found = self._ending.search(rest)
        if found is None:
            return None, rest
        before = rest[: found.start()].strip()
        joined = self._joined.search(before)
        if joined:
            return self._outcome_of(joined), before[: joined.start()].strip()
        return self._outcome_of(found), before

    def _outcome_of(self, found: re.Match[str]) -> str:
        """The outcome of the phrase :func:`_ending_with` found."""
        return self.lexicon.outcome_phrases[self._outcomes[int(found.lastgroup[1:])]]

    def _noun_phrase(
        self, words_text: str, span: Span, text: str
    ) -> tuple[str | None, str | None, Organization | None]:
        """ "Su-22 jet bomber" -> (Su-22, jet-bomber, None); "Al-Nusra fighters" -> org.

        The category is None when no ending of the phrase is a counted noun the lexicon knows.
        """
        words = words_text.split()
        equipment = words.pop(0) if words and _EQUIPMENT.match(words[0]) else None
        for start in range(len(words)):  # the first noun counts: "soldiers and militia"
            for end in range(len(words), start, -1):
                category = self.lexicon.category_forms.get(fold(" ".join(words[start:end])))
                if category and (end == len(words) or _joins(words[end:])):
                    return equipment, category, self._qualifier(words[:start], span, text)
        return equipment, None, None

    def _qualifier(self, words: list[str], span: Span, text: str) -> Organization | None:
        """Words before the counted noun that name a known group ("Al-Nusra fighters")."""
        if not words:
            return None
        name = " ".join(words)
        if self.lexicon.organization(name) is None:
            return None
        return self.names.organization(name, within(name, text, span))


def _ending_with(phrases: list[str], after: str) -> re.Pattern[str]:
    """One of ``phrases`` (each a group, named by its index) as whole words, then ``after``,
    ending the text. The longest phrase that ends it is the one found: a longer one starts
    further left, and a search finds the match that starts first."""
    either = "|".join(f"(?P<p{index}>{re.escape(phrase)})" for index, phrase in enumerate(phrases))
    return re.compile(rf"\s*\b(?:{either}){after}$", re.IGNORECASE)
