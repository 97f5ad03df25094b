"""Sentences about the conflict as a whole, and descriptions: what the lead restates is no event.

"The X offensive was an operation by ..." names the conflict and restates the article;
"More than 500 people were detained during the offensive" counts over all of it; "The
region was an important supply route for rebels fighting ..." describes, it reports no
occurrence. A sentence naming the conflict still reports an event when it gives a date of
its own and an act besides the name ("The Battle of X began when ... on 21 July").
"""

from __future__ import annotations

import re

from aleppo_kg.build.prose.patterns import Patterns
from aleppo_kg.lexicon import Lexicon

_PARENTHESES = re.compile(r"\s*\([^)]*\)")


class ConflictMentions:
    """Where a sentence names the conflict, refers to it as a whole, or only describes."""

    def __init__(self, label: str, title: str, lexicon: Lexicon, patterns: Patterns) -> None:
        names = {label, title, _PARENTHESES.sub("", label), _PARENTHESES.sub("", title)}
        self.names = names_pattern_of(n.strip() for n in names if n.strip())
        nouns = set(lexicon.cue_phrases("conflict-noun"))
        words = re.findall(r"[\w-]+", f"{label} {title}".casefold())
        heads = sorted({w for w in words if w in nouns})
        lead = lexicon.alternation("whole-conflict-lead")
        self.whole = (
            re.compile(rf"\b(?:{lead}) the (?:[\w-]+ )?(?:{'|'.join(heads)})\b", re.IGNORECASE)
            if heads
            else None
        )
        self.patterns = patterns
        self.ordinals = lexicon.ordinals
        ordinal = "|".join(lexicon.ordinals)
        self.day = (
            re.compile(
                rf"^On the ({ordinal}) day(?: of the (?:[\w-]+ )?(?:{'|'.join(heads)})\b)?",
                re.IGNORECASE,
            )
            if heads
            else None
        )
        start = lexicon.alternation("conflict-start")
        self.start = (
            re.compile(rf"^The (?:[\w-]+ )?(?:{'|'.join(heads)}) (?:{start})\b", re.IGNORECASE)
            if heads
            else None
        )

    def named(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` names the conflict itself, or counts its days ("the first day of
        the battle": no battle of its own)."""
        days = self.day.finditer(text) if self.day is not None else ()
        return [m.span() for m in (*self.names.finditer(text), *days)]

    def over_the_whole(self, text: str) -> bool:
        """ "during the offensive": a count or act over the whole conflict, not one event."""
        return self.whole is not None and self.whole.search(text) is not None

    def nth_day(self, text: str) -> int | None:
        """ "On the second day (of the battle)" -> 2: a day counted from the conflict's first."""
        found = self.day.search(text) if self.day is not None else None
        return self.ordinals[found.group(1).casefold()] if found else None

    def begins(self, text: str) -> bool:
        """ "The offensive began when ...": the conflict's start, on its first day."""
        return self.start is not None and self.start.match(text) is not None

    def describes(self, text: str) -> bool:
        """ "The region was an important route ...": a description, no occurrence."""
        return self.patterns.description.match(text) is not None


def names_pattern_of(names: object) -> re.Pattern[str]:
    """Any of ``names``, case-insensitive, longest first."""
    ordered = sorted(set(names), key=len, reverse=True)  # type: ignore[call-overload]
    return re.compile("|".join(re.escape(n) for n in ordered), re.IGNORECASE)
