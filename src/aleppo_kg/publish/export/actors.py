"""Who an event's two sides are, in ACLED's terms: actor types and the two main actors.

ACLED names two main actors per event, each with its associated actors, and codes their
types (``inter1``, ``inter2``: 1 State forces ... 8 External/Other forces). The graph gives
an event's actors, whether each is a state's force, and, where the text says so, who
attacked, who was targeted and who fell victim. So:

- an actor's type: a named exception (``acled_actors.tsv``), else State forces for a state
  actor, a rebel group for any other organisation, and for a group of people the type of
  the category it counts (``actor_types.tsv``: students are civilians) — a crowd in a
  demonstration is protesters (rioters in a riot); people of no known kind are civilians;
- actor 1 is an attacker, else an actor the text gives no role, else a target or victim
  (then the lowest type code, then the name); actor 2 is, among the actors of another type
  than actor 1, a victim or target first; the others are associated with actor 1 when they
  share its type, else with actor 2;
- what a peaceful demonstration addresses ("against the government") is not a participant;
- a demonstration whose text names no crowd still had one: ACLED's generic "Protesters
  (country)" (or "Rioters") stands for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.lexicon.codebooks import Codebooks
from aleppo_kg.publish.export.read import Actor, Event

PROTESTS, RIOTS = "Protests", "Riots"
DEMONSTRATIONS = "Demonstrations"
CIVILIANS, PROTESTERS, RIOTERS, OTHER = 7, 6, 5, 8
STATE = 1
_CROWD = {PROTESTS: PROTESTERS, RIOTS: RIOTERS}


@dataclass(frozen=True)
class Coded:
    """An actor as ACLED would name it, with its type code."""

    name: str
    inter: int
    actor: Actor | None  # None for the generic crowd of a demonstration
    detail: str | None = None  # a group's own name when ACLED names it generically


@dataclass(frozen=True)
class Sides:
    """An event's two main actors and their associates (either main actor may be missing)."""

    actor1: Coded | None
    assoc1: tuple[Coded, ...]
    actor2: Coded | None
    assoc2: tuple[Coded, ...]

    @property
    def interaction(self) -> str:
        """ACLED's interaction code: the two types, lowest first; a sole actor's type then 0."""
        if self.actor1 is None:
            return ""
        if self.actor2 is None:
            return f"{self.actor1.inter}0"
        low, high = sorted((self.actor1.inter, self.actor2.inter))
        return f"{low}{high}"

    def all(self) -> tuple[Coded, ...]:
        main = tuple(c for c in (self.actor1, self.actor2) if c is not None)
        return main + self.assoc1 + self.assoc2


class Coder:
    """Codes the actors of events with the lexicon's and the codebooks' tables."""

    def __init__(self, lexicon: Lexicon, codebooks: Codebooks) -> None:
        self.lexicon = lexicon
        self.codebooks = codebooks

    def inter(self, actor: Actor, event_type: str | None) -> int:
        """The actor's ACLED type code in an event of ``event_type``."""
        named = self.codebooks.actor_override(actor.label)
        if named is not None:
            return named
        if actor.organization:
            return STATE if actor.state else 2
        if not actor.group:
            return OTHER
        group = self.lexicon.groups.get(fold(actor.label))
        category = group.category if group else ""
        if category in self.lexicon.crowd_categories and event_type in _CROWD:
            return _CROWD[event_type]
        label = self.lexicon.actor_types.get(category)
        return self.codebooks.actor_type_codes.get(label or "", CIVILIANS)

    def sides(self, event: Event, country: str | None, disorder: str | None) -> Sides:
        """The event's two main actors and their associates."""
        coded = [
            self._code(actor, self.inter(actor, event.event_type), country)
            for actor in event.actors
            if not (disorder == DEMONSTRATIONS and actor.roles == {"target"})
        ]
        crowd = _CROWD.get(event.event_type or "")
        if crowd is not None and all(c.inter != crowd for c in coded):
            coded.append(self._generic(crowd, country))
        if not coded:
            return Sides(None, (), None, ())
        actor1 = min(coded, key=_rank({"attacker": 0}, default=1, passive=2))
        others = [c for c in coded if c is not actor1 and c.inter != actor1.inter]
        actor2 = min(others, key=_rank({"victim": 0, "target": 0}, 1, 2)) if others else None
        rest = [c for c in coded if c is not actor1 and c is not actor2]
        return Sides(
            actor1,
            tuple(c for c in rest if c.inter == actor1.inter),
            actor2,
            tuple(c for c in rest if c.inter != actor1.inter),
        )

    def _code(self, actor: Actor, inter: int, country: str | None) -> Coded:
        collective = self.codebooks.actor_types[inter].collective if actor.group else None
        if collective is None:
            return Coded(actor.label, inter, actor)
        detail = None if fold(actor.label) == fold(collective) else actor.label
        return Coded(_with_country(collective, country), inter, actor, detail)

    def _generic(self, inter: int, country: str | None) -> Coded:
        return Coded(
            _with_country(self.codebooks.actor_types[inter].collective or "", country), inter, None
        )


def _with_country(name: str, country: str | None) -> str:
    return f"{name} ({country})" if country else name


def _rank(preferred: dict[str, int], default: int, passive: int) -> Callable[[Coded], tuple]:
    """A sort key: the role's rank (``preferred`` roles first), then the type code, the name."""

    def key(coded: Coded) -> tuple:
        roles = coded.actor.roles if coded.actor else frozenset()
        ranks = [preferred.get(role, passive) for role in roles] or [default]
        return (min(ranks), coded.inter, coded.name, coded.actor.iri if coded.actor else "")

    return key
