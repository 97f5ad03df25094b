"""A sentence cut into clauses, each with the event cues it holds.

A clause of another kind of act ("..., after which rebels looted the shops") is
an event of its own; a background opening ("As the army advanced, ...") says
nothing about the sentence's event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aleppo_kg.build.prose.events import family
from aleppo_kg.build.prose.patterns import KILLING, Cue, Patterns
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.text.literals import found_in, holds_one

_QUOTED = re.compile(r'"[^"]*"')
_NAME_BEFORE = re.compile(r"\bthe (?:[A-Z][\w'’-]* )+$")  # "the Idlib Governorate "


@dataclass
class Clause:
    """A piece of a sentence: its text, where it starts, and what it says."""

    text: str
    start: int
    cues: list[tuple[Cue, int]] = field(default_factory=list)
    background: bool = False
    told: list[Cue] = field(default_factory=list)  # cues referring back ("those attacks")

    @property
    def best(self) -> Cue | None:
        """The strongest cue of the clause, if any."""
        return max((c for c, _ in self.cues), key=lambda c: c.priority, default=None)

    @property
    def standalone(self) -> bool:
        """A cue of the clause is an act of its own ("retaliated"), whatever else it says."""
        return any(c.standalone for c, _ in self.cues)

    @property
    def new_act(self) -> Cue | None:
        """The strongest cue of the clause that tells a new act, not one told before."""
        fresh = [c for c, _ in self.cues if c not in self.told]
        return max(fresh, key=lambda c: c.priority, default=None)


def split_clauses(
    text: str, offset: int, patterns: Patterns, names: tuple[tuple[int, int], ...] = ()
) -> list[Clause]:
    """The clauses of a sentence starting at ``offset``, with their cues.

    No cue counts in quotes, in ``names`` (spans of the sentence naming the conflict) or
    in the name of a conflict.
    """
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
        skipped = [m.span() for m in _QUOTED.finditer(clause.text)]
        skipped.extend((a - clause.start + offset, b - clause.start + offset) for a, b in names)
        found = found_in(clause.text, patterns.cue_words)
        clause.cues = [
            (cue, m.start())
            for cue in patterns.cues
            if holds_one(found, cue.needs)
            for m in cue.pattern.finditer(clause.text)
            if not any(a <= m.start() < b for a, b in skipped)
            and not in_a_name(clause.text, m.start(), m.end(), patterns)
        ]
        clause.told = [
            cue for cue, at in clause.cues if told_before(clause.text, cue, at, patterns)
        ]
    return clauses


def told_before(text: str, cue: Cue, at: int, patterns: Patterns) -> bool:
    """ "those attacks", "with fighting continuing", "not an offensive": no new act.

    A noun with what it acts on ("the ousting of the rebels") tells something new.
    """
    match = cue.pattern.match(text, at)
    end = match.end() if match else at
    if patterns.negation.search(text[:at]) or patterns.goes_on.match(text, end):
        return True
    of_what = match is not None and (match.group(0).endswith(" of") or text.startswith(" of ", end))
    # a verb's -ing and -s forms are also nouns ("the shelling", "those attacks"), not its past
    verb = cue.verbal and match is not None and not match.group(0).endswith(("ing", "s"))
    return not (of_what or verb) and patterns.refers_back.search(text[:at]) is not None


def in_a_name(text: str, start: int, end: int, patterns: Patterns) -> bool:
    """ "the Idlib Governorate clashes", "the Battle of Aleppo": a conflict's name, no act."""
    word = text[start:end]
    if word.casefold() not in patterns.conflict_nouns:
        return False
    return (start > 0 and word[0].isupper()) or _NAME_BEFORE.search(text[:start]) is not None


def splits(clause: Clause, first: Clause, lexicon: Lexicon) -> bool:
    """A later clause of another kind of act ("..., after which rebels looted") is an event."""
    if clause is first or not clause.cues or clause.background:
        return False
    if clause.standalone:
        return True
    best = clause.best
    lead = first.best
    if best.event_type == KILLING:
        return False
    return lead.event_type == KILLING or (
        family(best.event_type, lexicon) != family(lead.event_type, lexicon)
    )
