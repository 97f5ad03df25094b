"""After reading: one event told twice merged, a killing's type resolved, events keyed.

A killing is only typed once its figures are known (who died says whether it was
a clash or an attack on civilians), and the same event told in the lead and in
the body is one event, so these run over the finished list.
"""

from __future__ import annotations

from collections.abc import Callable

from aleppo_kg.build.prose.patterns import KILLING, Patterns
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import DateValue, Event
from aleppo_kg.text.names import ancestors
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import local_name


def family(event_type: str, lexicon: Lexicon) -> str | None:
    """The ACLED event type above a sub-event type; None for an unresolved killing."""
    if event_type == KILLING:
        return None
    concept = lexicon.event_types.get(event_type)
    return concept.broader if concept and concept.broader else event_type


def same_day(first: DateValue, second: DateValue) -> bool:
    """Both dates name the same single day (however it was written)."""
    return first.precision == second.precision == "day" and first.earliest == second.earliest


def place_keys(event: Event) -> set[str]:
    """The keys of the places an event names."""
    return {m.place.entity.key for m in event.places}


def merge(
    events: list[Event],
    patterns: Patterns,
    lexicon: Lexicon,
    paragraph_of: Callable[[Event], int] = id,
) -> list[Event]:
    """One event told twice (lead and body): same day, same kind, same or nested place.

    Events of one paragraph stay apart: the reader split them as different acts.
    """
    kept: list[Event] = []
    for event in events:
        twin = next(
            (
                k
                for k in kept
                if paragraph_of(k) != paragraph_of(event) and same_event(k, event, lexicon)
            ),
            None,
        )
        if twin is None:
            kept.append(event)
            continue
        twin.spans.extend(s for s in event.spans if s not in twin.spans)
        for mention in event.places:
            if mention.place.entity.key not in place_keys(twin):
                twin.places.append(mention)
        twin.figures.extend(event.figures)
        twin.sources.extend(s for s in event.sources if s not in twin.sources)
        twin.actors.extend(a for a in event.actors if a not in twin.actors)
        if patterns.priority(event.event_type) > patterns.priority(twin.event_type):
            twin.event_type = event.event_type
    return kept


def same_event(first: Event, second: Event, lexicon: Lexicon) -> bool:
    """Two tellings of one event: same day, same family, places that are one or nested."""
    if not same_day(first.date, second.date):
        return False
    families = {family(e.event_type, lexicon) for e in (first, second)}
    if len(families - {None}) > 1:
        return False
    if all(m.inherited for m in first.places) or all(m.inherited for m in second.places):
        return True
    keys = place_keys(second)
    for mention in first.places:
        related = {mention.place.entity.key, *ancestors(mention.place)}
        if related & keys or any(
            mention.place.entity.key in set(ancestors(m.place)) for m in second.places
        ):
            return True
    return False


def resolve_type(event: Event, lexicon: Lexicon) -> str:
    """A killing is a clash, an attack on civilians, or force against protesters."""
    killed = {f.category for f in event.figures if f.outcome == "killed"}
    if event.event_type == "peaceful-protest" and killed & lexicon.crowd_categories:
        return "excessive-force-against-protesters"
    state_attack = any(r.actor.state_actor for r in event.actors if r.role == "attacker")
    if event.event_type == "non-state-actor-overtakes-territory" and state_attack:
        return "government-regains-territory"
    if event.event_type != KILLING:
        return event.event_type
    if killed and killed <= lexicon.civilian_categories:
        return "attack"
    return "armed-clash"


def keyed(events: list[Event]) -> list[Event]:
    """Give each event its key: date as written, type, first place; a counter for repeats."""
    used: dict[str, int] = {}
    for event in events:
        place = local_name(event.places[0].place.entity.key) if event.places else "unknown"
        # The date as written ("2012-03" for March): same text, same date, same key.
        base = f"event/{slugify(event.date.edtf)}-{event.event_type}-{place}"
        used[base] = used.get(base, 0) + 1
        event.key = base if used[base] == 1 else f"{base}-{used[base]}"
    return events
