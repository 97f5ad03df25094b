"""Dates as the text writes them -> :class:`~aleppo_kg.model.DateValue` with bounds.

"10 February 2012", "March 5, 2012", "July 2012", "late March", "2011" and ranges
such as "10 February – 19 July 2012" (the year written once, at the end) or
"15 March 2011 – ongoing" (an open end). A date keeps its precision: "late March
2012" means 2012-03-21 .. 2012-03-31.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.model import DateValue

_RANGE_SEPARATOR = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+to\s+|(?<=\d)-(?=\d)")
_PARENTHESES = re.compile(r"\([^)]*\)")
# A year written in running text: four digits, not part of a longer number ("2,015", "12013").
_YEAR = re.compile(r"(?<!\d)(?<!\d[,.])(?:1[89]|20)\d\d(?!\d|[,.]\d)")
# Which days of a month "early", "mid" and "late" cover.
_PART_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}


@dataclass(frozen=True)
class _Partial:
    """A date with any of its parts missing, before the parts are inherited."""

    day: int | None
    month: int | None
    year: int | None
    part: str | None  # early / mid / late, when the text says so


def clean_date_text(text: str) -> str:
    """Drop parenthesised remarks and stray punctuation left by infobox templates."""
    return _PARENTHESES.sub("", text).strip().strip(",;").strip()


class DateReader:
    """Reads written dates with the lexicon's month names and cue words ("late", "ongoing")."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def read_range(
        self, text: str, where: str, horizon: date | None = None
    ) -> tuple[DateValue, DateValue]:
        """Begin and end of a written range; one date alone is both begin and end.

        An end written as a cue word of meaning *ongoing* ("ongoing", "present") is open:
        it has no day, and its latest bound is ``horizon``, the last day the text can
        speak for (without a horizon, such an end is not a date). ``where`` names the
        file and line for the error message.
        """
        cleaned = clean_date_text(text)
        parts = [p for p in _RANGE_SEPARATOR.split(cleaned) if p.strip()]
        if not 1 <= len(parts) <= 2:
            raise InputError(where, f"cannot read the date {text!r}")
        if horizon is not None and len(parts) == 2 and self._is_open(parts[1]):
            begin = _value(self._partial(parts[0], where), parts[0], where)
            return begin, DateValue(begin.earliest, horizon, "open", parts[1].strip())
        partials = [self._partial(p, where) for p in parts]
        end = partials[-1]
        begin = _inherit(partials[0], end)
        return _value(begin, parts[0], where), _value(end, parts[-1], where)

    def read_periods(
        self, text: str, where: str, horizon: date | None = None
    ) -> tuple[DateValue, DateValue]:
        """The first begin and last end of a value giving several periods, or dates run together.

        "8–30 September 2011, () (First phase), 9–17 October 2011, () (Second phase)" has two
        periods; "6 May 20118 June 2013" lost the separator between two dates. Each comma
        piece that reads as a range counts; failing that, every "day month year" written.
        """
        read = []
        for piece in clean_date_text(text).split(","):
            try:
                read.append(self.read_range(piece, where, horizon))
            except InputError:
                continue
        if len(read) < 2:
            read = [(d, d) for d in self._days_run_together(text, where)]
        if len(read) < 2:
            raise InputError(where, f"cannot read the date {text!r}")
        begin = min((b for b, _ in read), key=lambda b: b.earliest)
        return begin, max((e for _, e in read), key=lambda e: e.latest)

    def _days_run_together(self, text: str, where: str) -> list[DateValue]:
        """Every "6 May 2011" in ``text``, even glued to the next ("20118 June": year 2011).

        One of them that is no date ("30 February 2014") makes them all unreliable: none.
        """
        months = "|".join(re.escape(m) for m in sorted(self.lexicon.months, key=len, reverse=True))
        pattern = rf"(\d{{1,2}})\s+({months})\s+(\d{{4}})"
        try:
            return [
                self.read_date(found.group(0), where)
                for found in re.finditer(pattern, text, re.IGNORECASE)
            ]
        except InputError:
            return []

    def read_date(self, text: str, where: str, year: int | None = None) -> DateValue:
        """One written date; ``year`` fills in a date written without one."""
        partial = self._partial(clean_date_text(text), where)
        if partial.year is None:
            partial = _Partial(partial.day, partial.month, year, partial.part)
        return _value(partial, text, where)

    def _is_open(self, text: str) -> bool:
        """ "ongoing", "present": the end of something not ended when the text was written."""
        return self.lexicon.cue_meaning(fold(text), "ongoing") is not None

    def _partial(self, text: str, where: str) -> _Partial:
        words = re.findall(r"[A-Za-z]+-?|\d+", text)
        lexicon = self.lexicon
        day = month = year = part = None
        for word in words:
            folded = fold(word)
            if word.isdigit():
                day, year = _number(int(word), day, year, text, where)
            elif folded.rstrip(".") in lexicon.months:
                month = lexicon.months[folded.rstrip(".")]
            elif lexicon.cue_meaning(folded, *_PART_OF_MONTH):
                part = lexicon.cue_meaning(folded, *_PART_OF_MONTH)
            elif not lexicon.cue_meaning(folded, "date-filler"):
                raise InputError(where, f"cannot read the date {text!r} (unknown word {word!r})")
        if day is None and month is None and year is None:
            raise InputError(where, f"cannot read the date {text!r}")
        return _Partial(day, month, year, part)


def years_in(text: str) -> list[tuple[int, int]]:
    """Every year written in ``text``, with its offset: the year a title names, say."""
    return [(int(found.group(0)), found.start()) for found in _YEAR.finditer(text)]


def _inherit(begin: _Partial, end: _Partial) -> _Partial:
    """Fill the begin's missing month and year from the end ("10–19 July 2012"); a begin in a
    later month than the end's crosses New Year ("15 December – 28 January 2013": 2012)."""
    month = begin.month if begin.month is not None else end.month
    year = begin.year
    if year is None and end.year is not None:
        later = month is not None and end.month is not None and month > end.month
        year = end.year - 1 if later else end.year
    return _Partial(begin.day, month, year, begin.part)


def _number(value: int, day: int | None, year: int | None, text: str, where: str):
    if 1000 <= value <= date.max.year and year is None:  # datetime stops at 9999
        return day, value
    if 1 <= value <= 31 and day is None:
        return value, year
    raise InputError(where, f"cannot read the date {text!r} (number {value})")


def _value(partial: _Partial, written: str, where: str) -> DateValue:
    if partial.year is None:
        raise InputError(where, f"the date {written.strip()!r} has no year")
    if partial.month is None:
        if partial.day is not None:
            raise InputError(where, f"the date {written.strip()!r} has a day but no month")
        return DateValue(
            date(partial.year, 1, 1), date(partial.year, 12, 31), "year", written.strip()
        )
    last = calendar.monthrange(partial.year, partial.month)[1]
    if partial.day is not None:
        if partial.day > last:
            raise InputError(where, f"no such day: {written.strip()!r}")
        day = date(partial.year, partial.month, partial.day)
        return DateValue(day, day, "day", written.strip())
    if partial.part is not None:
        first, final = _PART_OF_MONTH[partial.part]
        return DateValue(
            date(partial.year, partial.month, first),
            date(partial.year, partial.month, final or last),
            "part-of-month",
            written.strip(),
        )
    return DateValue(
        date(partial.year, partial.month, 1),
        date(partial.year, partial.month, last),
        "month",
        written.strip(),
    )
