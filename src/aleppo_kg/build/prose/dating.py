"""A sentence's event dates as the reader reads them: what it remembers, and the conflict.

The date finder (:mod:`.dates`) reads what a sentence writes; here the reader's memory is
kept up to date (the last year written, the last date), a date read past the conflict's
end is flagged, and a sentence with no date of its own may still be dated by the conflict
("The offensive began when ...", "On the second day of the battle").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from aleppo_kg.build.prose.dates import DateFinder
from aleppo_kg.build.prose.summary import ConflictMentions
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Conflict, DateValue, Span

if TYPE_CHECKING:
    from aleppo_kg.build.prose.state import ReadingState

_WRITTEN_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Dater:
    """Dates sentences against the reading state and the conflict; ``warn`` says what it flags."""

    finder: DateFinder
    mentions: ConflictMentions
    conflict: Conflict
    lexicon: Lexicon
    warn: Callable[[Span, str], None]

    def sentence(
        self, text: str, span: Span, state: ReadingState, names: tuple[tuple[int, int], ...]
    ) -> list[DateValue]:
        """The dates of a sentence, or the conflict's day it names without a date."""
        dates = self.written(text, span, state, names)
        if not dates and self.mentions.begins(text):  # "The offensive began when ..."
            dates = [self.begin_day()]
        if not dates and self.mentions.nth_day(text):  # "On the second day of the battle"
            dates = [self.begin_day(self.mentions.nth_day(text) - 1)]
        return dates

    def written(
        self,
        text: str,
        span: Span,
        state: ReadingState,
        names: tuple[tuple[int, int], ...] = (),
    ) -> list[DateValue]:
        """The dates ``text`` writes; the year and last date remembered for the next.

        A date past the conflict's end is kept as written, with a warning.
        """
        found = self.finder.dates(text, state.year, state.last_date, names)
        end = self.conflict.end.latest
        for value in found.values:
            inferred = not _WRITTEN_YEAR.search(value.written)
            if inferred and value.earliest > end and self._flags_past_end(state.section):
                self.warn(
                    span,
                    f"{value.written!r} has no year: read as {value.earliest}, "
                    "after the conflict's end",
                )
        state.year = found.year
        if found.values:
            state.last_date = found.values[-1]
            state.paragraph_dated = True
        return found.values

    def begin_day(self, after: int = 0) -> DateValue:
        """The conflict's first day, or ``after`` days later."""
        day = self.conflict.begin.earliest + timedelta(days=after)
        return DateValue(day, day, "day", self.conflict.begin.written)

    def _flags_past_end(self, section: str) -> bool:
        """A date read past the conflict's end is flagged, except where the article tells
        what came after it (an "Aftermath" section) or the conflict has not ended."""
        aftermath = self.lexicon.cue_meaning(section, "after-the-conflict")
        return not aftermath and self.conflict.end.precision != "open"
