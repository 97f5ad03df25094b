"""A sentence cut into clauses, each with the event cues it holds.

A clause of another kind of act ("..., after which rebels looted the shops") is
an event of its own; a background opening ("As the army advanced, ...") says
nothing about the sentence's event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aleppo_kg.build.prose.events import family
from aleppo_kg.build.prose.patterns import Cue, Patterns
from aleppo_kg.lexicon import Lexicon

_QUOTED = re.compile(r'"[^"]*"')


@dataclass
class Clause:
    """A piece of a sentence: its text, where it starts, and what it says."""

    text: str
    start: int
    cues: list[tuple[Cue, int]] = field(default_factory=list)
    background: bool = False

    @property
    def best(self) -> Cue | None:
        """The strongest cue of the clause, if any."""
        return max((c for c, _ in self.cues), key=lambda c: c.priority, default=None)


def split_clauses(text: str, offset: int, patterns: Patterns) -> list[Clause]:
    """The clauses of a sentence starting at ``offset``, with their cues (none in quotes)."""
    clauses = []
    start = 0
    for match in patterns.clause_split.finditer(text):
        clauses.append(Clause(text[start : match.start()], offset + start))
        start = match.start()
    clauses.append(Clause(text[start:], offset + start))
    lead = patterns.background_lead.match(text)
    if lead:
        head = Clause(lead.group(0), offset, background=True)
        rest = clauses[0]
        clauses[0] = Clause(rest.text[lead.end() :], rest.start + lead.end())
        clauses.insert(0, head)
    for clause in clauses:
        quoted = [m.span() for m in _QUOTED.finditer(clause.text)]
        clause.cues = [
            (cue, m.start())
            for cue in patterns.cues
            for m in cue.pattern.finditer(clause.text)
            if not any(a <= m.start() < b for a, b in quoted)
        ]
    return clauses


def splits(clause: Clause, first: Clause, lexicon: Lexicon) -> bool:
    """A later clause of another kind of act ("..., after which rebels looted") is an event."""
    if clause is first or not clause.cues or clause.background:
        return False
    best = clause.best
    if best.standalone:
        return True
    lead = first.best
    if best.event_type == "killing":
        return False
    return lead.event_type == "killing" or (
        family(best.event_type, lexicon) != family(lead.event_type, lexicon)
    )
