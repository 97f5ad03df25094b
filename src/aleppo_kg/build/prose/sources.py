"""Who reports a sentence's figures, and who takes part in its event, in what role.

A source is a known reporter next to a reporting verb ("according to the SOHR",
"the SOHR said"), a known group a video was posted by, or the sentence's subject
("Activists said"); an actor is a known group, an attacker before an attack verb
or after "by", a target after "against".
"""

from __future__ import annotations

import re

from aleppo_kg.build.prose.clauses import Clause
from aleppo_kg.build.prose.figures import Reporters
from aleppo_kg.build.prose.patterns import Patterns
from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.model import ActorRole, Entity, Event, Organization, Span
from aleppo_kg.text.names import Names
from aleppo_kg.text.pages import Pages
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import local_name

_POSTED_BY = re.compile(r"posted (?:online )?by\s+(?:the\s+)?([^,.]+)", re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:the\s+)?(?:\w+\s+)?$")


class SourceReader:
    """Finds reporters and actors by the lexicon's sources, groups and verbs."""

    def __init__(self, lexicon: Lexicon, patterns: Patterns, pages: Pages | None = None) -> None:
        self.lexicon = lexicon
        self.patterns = patterns
        self.names = Names(lexicon, pages=pages)

    def reporters(self, text: str, offset: int, event: Event) -> Reporters:
        """Who reports what in a sentence starting at ``offset``, by position."""
        out = self._named(text, offset)
        for match in _POSTED_BY.finditer(text):
            org = self._known_org(match.group(1))
            if org:
                start = offset + match.start(1)
                key = "source/" + local_name(org.entity.key)
                out.append((start, _source(key, org.entity.label, org.entity.written, start)))
        subject = self.patterns.reporting_subject.match(text)
        if subject and not self.patterns.source_names.match(text):
            said = self._subject(subject.group(1), offset, event)
            if said:
                out.append((offset, said))
        return sorted(((at, self.names.source(said)) for at, said in out), key=lambda i: i[0])

    def _named(self, text: str, offset: int) -> Reporters:
        """Known sources before or after a reporting verb."""
        out: Reporters = []
        for match in self.patterns.source_names.finditer(text):
            before = text[: match.start()]
            after = text[match.end() :]
            if self.patterns.attribution.search(before) or self.patterns.reported_by.match(after):
                start = offset + match.start()
                slug = self.lexicon.source_phrases[fold(match.group(0))]
                label = self.lexicon.sources[slug].label
                out.append((start, _source("source/" + slug, label, match.group(0), start)))
        return out

    def _subject(self, name: str, offset: int, event: Event) -> Entity | None:
        """ "They said": the event's first actor; "Activists said": those people."""
        head = name.split()[-1]
        if fold(name) == "they" and event.actors:
            actor = event.actors[0].actor.entity
            return Entity(
                "source/" + local_name(actor.key),
                actor.label,
                actor.label,
                Span(offset, offset + 4),
            )
        if self.lexicon.category_forms.get(fold(head)):
            return _source("source/" + slugify(name), name.lower(), name, offset)
        return None

    def _known_org(self, phrase: str) -> Organization | None:
        """The known group a phrase ends with ("a video posted by the Free Syrian Army")."""
        words = phrase.split()
        for index in range(len(words)):
            name = " ".join(words[index:])
            if self.lexicon.organization(name):
                return self.names.organization(name, None)
        return None

    def actors(self, clauses: list[Clause], event: Event) -> list[ActorRole]:
        """The known groups of ``clauses`` and their roles in ``event`` (not the words of a
        linked name they cut: "the Army" of [[Army of Conquest]])."""
        roles = []
        victims = {f.category for f in event.figures if f.outcome in ("killed", "injured")}
        for clause in clauses:
            if clause.background:
                continue
            for match in self.patterns.actor_names.finditer(clause.text):
                span = Span(clause.start + match.start(), clause.start + match.end())
                if not self.names.pages.cuts(span):  # "the Army" of [[Army of Conquest]]
                    roles.append(self._role(clause, match, victims))
        return roles

    def _role(self, clause: Clause, match: re.Match[str], victims: set[str]) -> ActorRole:
        """A group of people is a victim or participant; an organisation by its place."""
        written = match.group(0)
        span = Span(clause.start + match.start(), clause.start + match.end())
        group = self.lexicon.group(written)
        if group:
            actor = Organization(
                Entity("group/" + slugify(group.label), group.label, written, span)
            )
            role = "victim" if group.category in victims else "participant"
            return ActorRole(actor, role, group=True)
        actor = self.names.organization(written, span)
        before = clause.text[: match.start()]
        if _BY.search(before) or self.patterns.attack_verbs.match(clause.text[match.end() :]):
            role = "attacker"
        elif self.patterns.target.search(before):
            role = "target"
        else:
            role = "participant"
        return ActorRole(actor, role)


def _source(key: str, label: str, written: str, start: int) -> Entity:
    """A source as written at ``start``."""
    return Entity(key, label, written, Span(start, start + len(written)))
