"""The dates a sentence gives its events, read against what the reader remembers.

A date without a year takes the last year written; "the next day" and "two days
later" count from the last date; a date after "since" only dates the background;
"On 3 May, days after ..." is the week before that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from aleppo_kg.build.prose.patterns import Patterns
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import DateValue
from aleppo_kg.text.dates import DateReader

_COORDINATED = re.compile(r"\s*(?:and|or|,)\s*(?:in|on|during)?\s*")
_YEAR = re.compile(r"\d{4}")
_ASIDE = re.compile(r"\([^)]*\)")  # "(June 2012–April 2013)": an aside, no event date
# How far before a date a phrase bound to it is looked for ("between 3 and ", "in the weeks
# leading up to "): not the whole sentence before it, which a sentence of thousands of dates
# would make quadratic.
LEAD_WINDOW = 120

# How far back "the days/weeks/months leading up to" a date reach.
_STRETCH_BEFORE = {
    "days": timedelta(days=7),
    "weeks": timedelta(days=31),
    "months": timedelta(days=92),
}

Mention = tuple[int, int, DateValue]  # where a date is written, and what it means


def _in_name(text: str, mention: Mention, names: tuple[tuple[int, int], ...]) -> bool:
    start, end, _ = mention
    return any(a <= start < b or (end <= a and not text[end:a].strip()) for a, b in names)


@dataclass(frozen=True)
class SentenceDates:
    """The event dates of a sentence, and the year last written once it is read."""

    values: list[DateValue]
    year: int


class DateFinder:
    """Finds the event dates of sentences, by the lexicon's months and relative phrases."""

    def __init__(self, lexicon: Lexicon, patterns: Patterns) -> None:
        self.lexicon = lexicon
        self.patterns = patterns
        self.reader = DateReader(lexicon)

    def dates(
        self,
        text: str,
        year: int,
        last: DateValue | None,
        names: tuple[tuple[int, int], ...] = (),
    ) -> SentenceDates:
        """The event dates of ``text``: the first, and any coordinated with it.

        ``year`` is the last year written before it, ``last`` the last date; a date in or
        right before a name of the conflict (``names``: "the October–December 2013 Aleppo
        offensive") is part of the name, no event date.
        """
        found, year = self.mentions(text, year, last)
        found = [m for m in found if not _in_name(text, m, names)]
        if not found:
            return SentenceDates([], year)
        chosen = [found[0]]
        for current in found[1:]:
            previous = chosen[-1]
            between = text[previous[1] : current[0]]
            if self._range_between(text, previous, between):
                chosen[-1] = (previous[0], current[1], spanning(previous[2], current[2]))
            elif _COORDINATED.fullmatch(between):
                chosen.append(current)
            else:
                break
        return SentenceDates([value for _, _, value in chosen], year)

    def _range_between(self, text: str, first: Mention, between: str) -> bool:
        """ "from 2 August until 9 August", "began on 11 October, ending on 20 October",
        "between 3 and 5 April": the two dates bound one stretch of time."""
        if self.patterns.range_end.fullmatch(between):
            return True
        opened = _ending_at(self.patterns.range_start, text, first[0])
        return opened is not None and between.strip() == "and"

    def mentions(self, text: str, year: int, last: DateValue | None) -> tuple[list[Mention], int]:
        """Every date written in ``text`` in order, and the year last written after it."""
        mentions: list[Mention] = []
        asides = [m.span() for m in _ASIDE.finditer(text)]
        for match in self.patterns.date.finditer(text):
            if self._background(text, match.start()) or any(
                a <= match.start() < b for a, b in asides
            ):
                continue
            try:
                value = self.reader.read_date(match.group(0), "prose", year=year)
            except InputError:
                continue
            if _YEAR.search(match.group(0)):
                year = value.earliest.year
            start = match.start()
            day = _ending_at(self.patterns.range_day, text, start)
            if day and value.precision == "day":  # "between 3 and 5 April": from the 3rd
                first = value.earliest.replace(day=int(day.group(1)))
                value = DateValue(first, value.latest, "within", text[day.start(1) : match.end()])
                start = day.start(1)
            value = self._leading_up(text, start, value)
            mentions.append((start, match.end(), self._days_after(text, match, value)))
        mentions.extend(self.relative(text, last))
        return sorted(mentions, key=lambda m: m[0]), year

    def _background(self, text: str, start: int) -> bool:
        """ "since the truce took effect on April 12": a date that only dates the background."""
        for phrase in self.patterns.background_date:
            since = text.rfind(phrase, 0, start)
            if since >= 0 and len(text[since + len(phrase) : start].split()) > 1:
                return True
        return False

    def _leading_up(self, text: str, start: int, value: DateValue) -> DateValue:
        """ "in the weeks leading up to early June": from a week, a month or three months
        before the date to its end."""
        found = _ending_at(self.patterns.leading_up, text, start)
        if not found:
            return value
        back = _STRETCH_BEFORE[found.group(1).casefold()]
        return DateValue(value.earliest - back, value.latest, "within", value.written)

    def _days_after(self, text: str, match: re.Match[str], value: DateValue) -> DateValue:
        """ "On 3 May, days after ...": the week before the date, without it."""
        after = text[match.end() : match.end() + 20].lower()
        if self.patterns.days_after.match(after):
            return DateValue(
                value.earliest - timedelta(days=7),
                value.earliest - timedelta(days=1),
                "within",
                f"days before {value.written}",
            )
        return value

    def relative(self, text: str, last: DateValue | None) -> list[Mention]:
        """ "the next day", "two days later", "over the next three weeks": from ``last``."""
        if last is None:
            return []
        out = []
        for pattern, shift in self.patterns.relative_days:
            for match in pattern.finditer(text):
                out.append((match.start(), match.end(), shifted(last, shift, match.group(0))))
        over = self.patterns.over_the_next.search(text)
        if over:
            count = self._count(over.group(1))
            out.append(
                (over.start(), over.end(), span_after(last, count, over.group(2), over.group(0)))
            )
        later = self.patterns.days_later.search(text)
        if later:
            count = self._count(later.group(1))
            out.append((later.start(), later.end(), shifted(last, count, later.group(0))))
        return out

    def _count(self, written: str) -> int:
        return self.lexicon.number_words.get(written.lower()) or int(written)


def spanning(first: DateValue, last: DateValue) -> DateValue:
    """The stretch of time from ``first`` to ``last``; a year written once, at the end, is both's
    ("from 2 August until 9 August 2016")."""
    written = f"{first.written} – {last.written}"
    earliest = first.earliest
    if not _YEAR.search(first.written) and _YEAR.search(last.written):
        earliest = _year_of(earliest, last.earliest)
    return DateValue(earliest, max(first.latest, last.latest), "within", written)


def _year_of(day: date, end: date) -> date:
    """``day`` in the year of ``end``, or the year before where it would come after ``end``
    ("early December – January 28, 2013": December 2012); as it was where that year has no
    such day (29 February)."""
    try:
        moved = day.replace(year=end.year)
        return moved if moved <= end else day.replace(year=end.year - 1)
    except ValueError:
        return day


def shifted(value: DateValue, days: int, written: str) -> DateValue:
    """``value`` moved by ``days``, as ``written``."""
    return DateValue(
        value.earliest + timedelta(days=days),
        value.latest + timedelta(days=days),
        value.precision,
        written,
    )


def span_after(value: DateValue, count: int, unit: str, written: str) -> DateValue:
    """The ``count`` days, weeks or months from the start of ``value``."""
    start = value.earliest
    if unit == "months":
        month = start.month - 1 + count
        end = date(start.year + month // 12, month % 12 + 1, min(start.day, 28))
    else:
        end = start + timedelta(days=count * (7 if unit == "weeks" else 1))
    return DateValue(start, end, "within", written)


def _ending_at(pattern: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """``pattern`` (anchored by ``$``) ending at ``end``, looked for in the window before it;
    word boundaries still see the text before the window."""
    return pattern.search(text, max(0, end - LEAD_WINDOW), end)
