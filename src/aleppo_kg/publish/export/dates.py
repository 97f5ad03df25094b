"""How precisely an event is dated, in ACLED's and UCDP GED's codes, and the day ACLED records.

Both datasets record one date (ACLED) or a date range (GED) per event with a code for how
precise it is. The graph gives every event the first and last day the text allows
(``sem:hasEarliestBeginTimeStamp`` .. ``sem:hasLatestEndTimeStamp``), so the codes follow
from the length of that range.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from aleppo_kg.publish.export.read import Event

WEEK = 7


def days(event: Event) -> int:
    """How many days the event's date range spans."""
    return (event.end - event.begin).days + 1


def acled_precision(event: Event) -> int:
    """ACLED's ``time_precision``: 1 the day, 2 a week or a few days, 3 a month or wider."""
    span = days(event)
    return 1 if span == 1 else 2 if span <= WEEK else 3


def acled_date(event: Event) -> date:
    """ACLED's ``event_date`` for the event's range, by ACLED's rules for imprecise dates.

    A known day is that day; a week or a few days is the middle of the range; within a
    month, the month's first day when the text says its beginning ("early July") and its
    last when it says its end ("late March"), else the middle of the range.
    """
    precision = acled_precision(event)
    if precision == 1:
        return event.begin
    if precision == 3 and (event.begin.year, event.begin.month) == (
        event.end.year,
        event.end.month,
    ):
        last = calendar.monthrange(event.end.year, event.end.month)[1]
        starts, ends = event.begin.day == 1, event.end.day == last
        if starts and not ends:
            return event.begin
        if ends and not starts:
            return event.end
    return event.begin + timedelta(days=(days(event) - 1) // 2)


def ged_precision(event: Event) -> int:
    """UCDP GED's ``date_prec``: 1 the day, 2 two to six days, 3 a week, 4 up to a month,
    5 longer (GED's own events span at most a calendar year)."""
    span = days(event)
    if span == 1:
        return 1
    if span < WEEK:
        return 2
    if span == WEEK:
        return 3
    return 4 if span <= 31 else 5
