"""Stage 2b: the prose -> :class:`~aleppo_kg.model.Event` records.

Reads paragraphs in order, keeping what a reader keeps in mind: the last year
written, the last date, the city and town being talked about. A sentence with a
date of its own starts an event (or returns to one of that day); a sentence
without one adds to the paragraph's current event, unless it opens a new one
("Also, ...", a different place, a standalone act such as looting). Event types,
outcomes, sources and places all come from the lexicons.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import EventCue, Lexicon, fold
from aleppo_kg.model import (
    ActorRole,
    Article,
    Conflict,
    DateValue,
    Entity,
    Event,
    Figure,
    Organization,
    Place,
    PlaceMention,
    Span,
)
from aleppo_kg.text.dates import DateReader
from aleppo_kg.text.names import Names, ancestors
from aleppo_kg.text.quantities import QuantityReader
from aleppo_kg.text.slugs import slugify

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NUMBER_START = re.compile(r"\d[\d,]*\+?|[A-Za-z]+")


def _place_name(lexicon: Lexicon) -> str:
    """A place name: capitalised words, with Arabic articles ("Maarat al-Sidr", "Al-Bab")."""
    article = lexicon.particle
    word = r"[\w'’-]+"
    return rf"(?:{article})?[A-Z]{word}(?: (?:{article})?[A-Z]{word}| (?:{article}){word}){{0,2}}"


@dataclass(frozen=True)
class Cue:
    """A phrase that says what kind of event a clause reports."""

    pattern: re.Pattern[str]
    event_type: str
    priority: int
    standalone: bool


@dataclass
class _Clause:
    """A piece of a sentence: its text, where it starts, and what it says."""

    text: str
    start: int
    cues: list[tuple[Cue, int]] = field(default_factory=list)
    background: bool = False

    @property
    def best(self) -> Cue | None:
        return max((c for c, _ in self.cues), key=lambda c: c.priority, default=None)


@dataclass
class _State:
    """What a reader remembers while reading on."""

    year: int
    last_date: DateValue | None = None
    city: Place | None = None
    region: Place | None = None
    town: Place | None = None


def read_events(article: Article, conflict: Conflict, lexicon: Lexicon) -> list[Event]:
    """All events of the article's prose, merged, typed and keyed."""
    return _Reader(article, conflict, lexicon).run()


def _cues(cues: tuple[EventCue, ...]) -> list[Cue]:
    return [
        Cue(re.compile(rf"\b{c.phrase}\b", re.IGNORECASE), c.event_type, c.priority, c.standalone)
        for c in cues
    ]


def _family(event_type: str, lexicon: Lexicon) -> str | None:
    """The ACLED event type above a sub-event type; None for an unresolved killing."""
    if event_type == "killing":
        return None
    concept = lexicon.event_types.get(event_type)
    return concept.broader if concept and concept.broader else event_type


def _names_pattern(names: list[str]) -> re.Pattern[str]:
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w'’-])", re.IGNORECASE
    )


class _Reader:
    def __init__(self, article: Article, conflict: Conflict, lexicon: Lexicon) -> None:
        self.article = article
        self.conflict = conflict
        self.lexicon = lexicon
        self.names = Names(lexicon)
        self.dates = DateReader(lexicon)
        self.quantities = QuantityReader(lexicon)
        self.cues = _cues(lexicon.event_cues)
        self.function_words = frozenset(lexicon.cue_phrases("function-word"))
        self.place_name = _place_name(lexicon)
        self.state = _State(year=conflict.begin.earliest.year)
        self.state.region = conflict.places[0] if conflict.places else None
        self.events: list[Event] = []
        self.undated: list[tuple[Event, DateValue | None]] = []
        self.place_names = _names_pattern(list(self.lexicon.place_names))
        self.actor_names = _names_pattern(
            list(self.lexicon.organizations) + list(self.lexicon.groups)
        )
        self.source_names = _names_pattern(list(self.lexicon.source_phrases))
        self.reporting = "|".join(re.escape(c) for c in self.lexicon.cue_phrases("reporting"))
        self.paragraph_dated = False
        self.about_conflict = False
        self.date_pattern = _date_pattern(self.lexicon)
        self.sites = "|".join(re.escape(c) for c in self.lexicon.cue_phrases("site"))
        self.unknown_place = _unknown_place_pattern(self.lexicon)
        # Outcome phrases ("killed", "shot down"...), longest first, as one regex alternation.
        phrases = sorted(self.lexicon.outcome_phrases, key=len, reverse=True)
        self.outcomes = "|".join(re.escape(p) for p in phrases)
        attack = "|".join(re.escape(c) for c in self.lexicon.cue_phrases("attack-verb"))
        self.attack_verbs = re.compile(rf"^\s*(?:\w+\s+){{0,3}}?(?:{attack})\b", re.IGNORECASE)

    # --- reading order ---------------------------------------------------------------

    def run(self) -> list[Event]:
        for section in self.article.sections:
            if self.lexicon.cue_meaning(section.title, "non-narrative"):
                continue
            for paragraph in section.paragraphs:
                self._paragraph(paragraph.sentences)
        self._close_undated()
        for event in self.events:
            event.event_type = self._resolve_type(event)
        events = self._merge(self.events)
        for event in events:
            event.event_type = self._resolve_type(event)
        return self._keyed(events)

    def _paragraph(self, sentences) -> None:
        self.state.town = None
        self.paragraph_dated = False
        self.about_conflict = False
        events: list[Event] = []
        current: Event | None = None
        for sentence in sentences:
            current = self._sentence(sentence.text, sentence.span, events, current)

    def _sentence(self, text: str, span: Span, events: list[Event], current: Event | None):
        """Put the sentence's acts into events; return the paragraph's current event.

        A sentence that names the conflict itself describes the whole, not an event.
        """
        if self.conflict.entity.label.casefold() in text.casefold():
            self.about_conflict = True
            return current
        clauses = self._clauses(text, span.start)
        dates = self._dates(text)
        if self.about_conflict and not dates:
            return current
        self.about_conflict = False
        cued = [c for c in clauses if c.cues and not c.background]
        if not cued:
            if current is not None and not dates:
                self._fill(current, clauses, span)
            self._remember_places(clauses)
            return current
        first = cued[0]
        main = [c for c in clauses if not self._splits(c, first)]
        split = [c for c in clauses if self._splits(c, first)]
        if dates:
            targets = [self._dated_event(value, events, main) for value in dates]
        elif current is None or self._starts_new(text, main, first, current):
            targets = [self._new_event(self._inherited_date(), events)]
        else:
            targets = [current]
        for event in targets:
            self._fill(event, main, span)
        for clause in split:
            event = self._new_event(self._date_of(targets[0]), events)
            self._fill(event, [clause], span)
        self._remember_places(clauses)
        return targets[0]

    def _starts_new(self, text: str, clauses, first: _Clause, current: Event) -> bool:
        """An undated sentence opens a new event: "Also, ...", a standalone act, a new place."""
        opener = any(text.startswith(o) for o in self.lexicon.cue_phrases("new-event"))
        return opener or first.best.standalone or self._new_place(clauses, current)

    def _splits(self, clause: _Clause, first: _Clause) -> bool:
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
            _family(best.event_type, self.lexicon) != _family(lead.event_type, self.lexicon)
        )

    def _dated_event(self, value: DateValue, events: list[Event], clauses) -> Event:
        """Return to the paragraph's event of that day and place, or start a new one."""
        places = {m.place.entity.key for c in clauses for m in self._places(c)}
        for event in events:
            same_place = not places or places & self._place_keys(event)
            if _same_day(event.date, value) and same_place:
                return event
        return self._new_event(value, events)

    def _new_event(self, value: DateValue | None, events: list[Event]) -> Event:
        """A new event; one with no date yet is bounded once the next date is known."""
        event = Event(date=value or self.conflict.begin, event_type="killing")
        if value is None:
            self.undated.append((event, self.state.last_date))
        events.append(event)
        self.events.append(event)
        return event

    def _date_of(self, event: Event) -> DateValue | None:
        return None if any(event is u for u, _ in self.undated) else event.date

    def _inherited_date(self) -> DateValue | None:
        """The date of the sentence before in the paragraph; None if the paragraph has none."""
        return self.state.last_date if self.paragraph_dated else None

    def _new_place(self, clauses, current: Event) -> bool:
        """A place unrelated to the current event's places means a different incident."""
        keys = self._place_keys(current)
        for clause in clauses:
            for mention in self._places(clause):
                place = mention.place
                related = {place.entity.key, *ancestors(place)}
                if (
                    keys
                    and not (related & keys)
                    and not any(place.entity.key in self._ancestor_keys(k, current) for k in keys)
                ):
                    return True
        return False

    def _ancestor_keys(self, key: str, event: Event) -> set[str]:
        for mention in event.places:
            if mention.place.entity.key == key:
                return set(ancestors(mention.place))
        return set()

    @staticmethod
    def _place_keys(event: Event) -> set[str]:
        return {m.place.entity.key for m in event.places}

    # --- clauses and cues ------------------------------------------------------------

    def _clauses(self, text: str, offset: int) -> list[_Clause]:
        splitters = self.lexicon.cue_phrases("clause")
        pattern = "|".join(re.escape(s) for s in splitters)
        clauses = []
        start = 0
        for match in re.finditer(pattern, text):
            clauses.append(_Clause(text[start : match.start()], offset + start))
            start = match.start()
        clauses.append(_Clause(text[start:], offset + start))
        lead = re.match(r"As [^,]+,", text)
        if lead:
            head = _Clause(lead.group(0), offset, background=True)
            rest = clauses[0]
            clauses[0] = _Clause(rest.text[lead.end() :], rest.start + lead.end())
            clauses.insert(0, head)
        for clause in clauses:
            quoted = [m.span() for m in re.finditer(r'"[^"]*"', clause.text)]
            clause.cues = [
                (cue, m.start())
                for cue in self.cues
                for m in cue.pattern.finditer(clause.text)
                if not any(a <= m.start() < b for a, b in quoted)
            ]
        return clauses

    # --- dates -------------------------------------------------------------------------

    def _dates(self, text: str) -> list[DateValue]:
        """The event dates a sentence gives: the first, and any coordinated with it."""
        found = self._date_mentions(text)
        if not found:
            return []
        chosen = [found[0]]
        for previous, current in itertools.pairwise(found):
            between = text[previous[1] : current[0]]
            if not re.fullmatch(r"\s*(?:and|or|,)\s*(?:in|on|during)?\s*", between):
                break
            chosen.append(current)
        values = [value for _, _, value in chosen]
        self.state.last_date = values[-1]
        self.paragraph_dated = True
        return values

    def _date_mentions(self, text: str) -> list[tuple[int, int, DateValue]]:
        mentions: list[tuple[int, int, DateValue]] = []
        for match in self.date_pattern.finditer(text):
            if self._background_date(text, match.start()):
                continue
            try:
                value = self.dates.read_date(match.group(0), "prose", year=self.state.year)
            except InputError:
                continue
            if re.search(r"\d{4}", match.group(0)):
                self.state.year = value.earliest.year
            mentions.append((match.start(), match.end(), self._relative(text, match, value)))
        mentions.extend(self._relative_mentions(text))
        return sorted(mentions, key=lambda m: m[0])

    def _background_date(self, text: str, start: int) -> bool:
        """ "since the truce took effect on April 12": a date that only dates the background."""
        since = text.rfind("since", 0, start)
        return since >= 0 and len(text[since + 5 : start].split()) > 1

    def _relative(self, text: str, match, value: DateValue) -> DateValue:
        """ "On 3 May, days after ...": the week before the date, without it."""
        after = text[match.end() : match.end() + 20].lower()
        if re.match(r",?\s*days after", after):
            return DateValue(
                value.earliest - timedelta(days=7),
                value.earliest - timedelta(days=1),
                "within",
                f"days before {value.written}",
            )
        return value

    def _relative_mentions(self, text: str) -> list[tuple[int, int, DateValue]]:
        last = self.state.last_date
        if last is None:
            return []
        out = []
        for phrase, meaning in self.lexicon.cues:
            if meaning not in ("same-day", "next-day"):
                continue
            for match in re.finditer(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE):
                shift = 1 if meaning == "next-day" else 0
                out.append((match.start(), match.end(), _shifted(last, shift, match.group(0))))
        number_words = "|".join(self.lexicon.number_words)
        over = re.search(rf"\b[Oo]ver the next ({number_words}|\d+) (days|weeks|months)\b", text)
        if over:
            count = self.lexicon.number_words.get(over.group(1).lower()) or int(over.group(1))
            out.append(
                (over.start(), over.end(), _span_after(last, count, over.group(2), over.group(0)))
            )
        later = re.search(rf"\b({number_words}|\d+) days later\b", text, re.IGNORECASE)
        if later:
            count = self.lexicon.number_words.get(later.group(1).lower()) or int(later.group(1))
            out.append((later.start(), later.end(), _shifted(last, count, later.group(0))))
        return out

    def _close_undated(self) -> None:
        """Bound events with no date by the dated events before and after them."""
        for event, before in self.undated:
            after = self._next_date_after(event)
            bounds = [d for d in (before, after) if d is not None] or [self.conflict.begin]
            earliest = min(d.earliest for d in bounds)
            latest = max(d.latest for d in bounds)
            if len(bounds) == 1 and before is None:  # from the conflict's start, unless later
                earliest = min(self.conflict.begin.earliest, earliest)
            event.date = DateValue(earliest, latest, "within", "")

    def _next_date_after(self, event: Event) -> DateValue | None:
        index = self.events.index(event)
        for later in self.events[index + 1 :]:
            if all(later is not u for u, _ in self.undated):
                return later.date
        return None

    # --- places ------------------------------------------------------------------------

    def _places(self, clause: _Clause) -> list[PlaceMention]:
        if clause.background:
            return []
        found: list[tuple[int, int, PlaceMention]] = []
        text = clause.text
        for match in self.place_names.finditer(text):
            found.append(self._mention(text, match, clause.start))
        for match in re.finditer(r"\bthe (?:rural )?(?:countryside|province)\b", text):
            if self.conflict.places and not self.place_names.search(
                text[max(0, match.start() - 30) : match.start()]
            ):
                found.append((match.start(), match.end(), PlaceMention(self.conflict.places[0])))
        for match in re.finditer(rf"\bthe (?:{self.sites})\b", text):
            settlement = self.state.town or self.state.city
            if settlement is not None and not found:  # a site of the place just named
                found.append((match.start(), match.end(), PlaceMention(settlement)))
        for match in re.finditer(r"\bthe (city|town)\b", text):
            place = self.state.city if match.group(1) == "city" else self.state.town
            if place is not None:
                found.append((match.start(), match.end(), PlaceMention(place)))
        for match in re.finditer(
            rf"\b(?:town|city|village|district|area|neighbou?rhood) of ({self.place_name})",
            text,
        ):
            name = match.group(1)
            if self.lexicon.place(name) is None:
                span = Span(clause.start + match.start(1), clause.start + match.end(1))
                found.append(
                    (
                        match.start(1),
                        match.end(1),
                        PlaceMention(replace(self.names.place(name, span), place_type=None)),
                    )
                )
        found.extend(self._unknown_places(text, clause.start, found))
        found = self._without_locators(text, sorted(found, key=lambda f: f[0]))
        mentions = [m for _, _, m in found]
        finer = [m for m in mentions if m.place.place_type != "country"]
        return finer or mentions

    def _unknown_places(self, text: str, offset: int, known):
        """Names the gazetteer lacks, where English puts a place: "near Maarat al-Sidr"."""
        out = []
        for match in self.unknown_place.finditer(text):
            group = 1 if match.group(1) else 2
            name = match.group(group)
            start, end = match.start(group), match.end(group)
            possessive = re.search(r"['’]s$", name)  # "Syria's largest city" is no location
            if possessive or any(a < end and start < b for a, b, _ in known):
                continue
            if self._not_a_place(name):
                continue
            span = Span(offset + start, offset + end)
            out.append((start, end, PlaceMention(self.names.place(name, span))))
        return out

    def _not_a_place(self, name: str) -> bool:
        """Months, groups, sources and demonyms ("Syrian", "Lebanese") are not places."""
        first = fold(name.split()[0])
        return (
            (" " not in name and re.search(r"(?:ian|ese|ish)$", name) is not None)
            or first in self.lexicon.months
            or self.lexicon.organization(name) is not None
            or fold(name) in self.lexicon.source_phrases
            or self.lexicon.group(name) is not None
        )

    def _mention(self, text: str, match, offset: int) -> tuple[int, int, PlaceMention]:
        """A gazetteer name; a city named as a region ("northern Aleppo") means its governorate."""
        span = Span(offset + match.start(), offset + match.end())
        place = self.names.place(match.group(0), span)
        before = text[: match.start()]
        lead = re.search(
            r"\b(?:(?:northern|southern|eastern|western|rural)\s+|"
            r"(?:north|south|east|west) of\s+|outside\s+|(?:region|province) of\s+)$",
            before,
            re.IGNORECASE,
        )
        tail = re.match(
            r"\s+(?:province|countryside|region|governorate)\b", text[match.end() :], re.IGNORECASE
        )
        description = None
        if lead or tail:
            start = lead.start() if lead else match.start()
            end = match.end() + (tail.end() if tail else 0)
            description = text[start:end]
        if description and place.place_type == "city" and place.parent:
            place = replace(place.parent, entity=replace(place.parent.entity, span=span))
        return match.start(), match.end(), PlaceMention(place, description)

    @staticmethod
    def _without_locators(text: str, found):
        """Drop a place named only to locate another ("Atareb town in Aleppo province")."""
        kept = []
        for index, item in enumerate(found):
            start, _, mention = item
            previous = found[index - 1] if index else None
            if previous is not None:
                between = text[previous[1] : start]
                inner = previous[2].place
                linked = re.fullmatch(
                    r"\)?\s*(?:town|village|city|district|neighbou?rhood)?\s*,?\s*"
                    r"(?:in|of|outside|near)\s+(?:the\s+)?(?:region of\s+)?",
                    between,
                )
                contains = mention.place.entity.key in {inner.entity.key, *ancestors(inner)}
                if linked and (contains or "outside" in between or "near" in between):
                    continue
            kept.append(item)
        return kept

    def _remember_places(self, clauses: list[_Clause]) -> None:
        for clause in clauses:
            for mention in self._places(clause):
                kind = mention.place.place_type
                scale = self.lexicon.place_scales.get(kind or "")
                if scale == "city":
                    self.state.city = mention.place
                if scale in ("city", "region"):
                    self.state.region = mention.place
                if scale == "settlement" or kind is None:
                    self.state.town = mention.place

    def _context_place(self) -> PlaceMention | None:
        place = self.state.town or self.state.region
        return PlaceMention(place, inherited=True) if place else None

    # --- filling an event -------------------------------------------------------------

    def _fill(self, event: Event, clauses: list[_Clause], span: Span) -> None:
        if span not in event.spans:
            event.spans.append(span)
        for clause in clauses:
            for mention in self._places(clause):
                if mention.place.entity.key not in self._place_keys(event):
                    event.places.append(mention)
            best = clause.best
            if (
                best
                and not clause.background
                and (event.event_type == "killing" or best.priority > self._priority(event))
            ):
                event.event_type = best.event_type
        if not event.places:
            context = self._context_place()
            if context:
                event.places.append(context)
        text = self.article.text[span.start : span.end]
        reporters = self._reporters(text, span.start, event)
        previous: str | None = None
        for clause in clauses:
            if clause.background:
                continue
            for figure in self._figures(clause, previous, reporters):
                event.figures.append(figure)
                previous = figure.category
        for _, source in reporters:
            if source.key not in {s.key for s in event.sources}:
                event.sources.append(source)
        for role in self._actors(clauses, event):
            if (role.actor.entity.key, role.role) not in {
                (r.actor.entity.key, r.role) for r in event.actors
            }:
                event.actors.append(role)

    def _priority(self, event: Event) -> int:
        return max((c.priority for c in self.cues if c.event_type == event.event_type), default=0)

    # --- figures -----------------------------------------------------------------------

    def _figures(self, clause: _Clause, previous: str | None, reporters):
        text = clause.text
        figures = []
        cursor = 0
        for match in _NUMBER_START.finditer(text):
            if match.start() < cursor:
                continue
            read = self._quantity(text, match.start())
            if read is None:
                continue
            quantity, rest_start = read
            found = self._counted(text, match.start(), rest_start, previous)
            if found is None:
                continue
            category, noun_end, outcome = found
            outcome = outcome or self._outcome(text, match.start(), noun_end, category)
            if (
                outcome is None
                and figures
                and re.fullmatch(r"\s*(?:,|and|, and)\s*", text[cursor : match.start()])
            ):
                outcome = figures[-1].outcome  # "destroyed a helicopter and two tanks"
            if outcome is None:
                continue
            end = noun_end
            while end > match.start() and text[end - 1] in " )\"'”":  # "one ", "40,000) "
                end -= 1
            span = Span(clause.start + match.start(), clause.start + end)
            kind = "participation" if outcome == "participated" else "loss"
            written = self.article.text[span.start : span.end]
            source = _nearest(reporters, span.start)
            figures.append(Figure(kind, quantity, category, outcome, written, span, source=source))
            previous = category
            cursor = noun_end
        return figures

    def _quantity(self, text: str, start: int):
        rest = text[start:]
        rest_stripped = rest.lstrip("\"'“")
        try:
            read = self.quantities.read(rest_stripped, "prose")
        except InputError:
            return None
        if read is None:
            return None
        quantity, remainder = read
        return quantity, start + len(rest) - len(remainder)

    def _counted(self, text: str, start: int, rest_start: int, previous: str | None):
        """The counted noun after a quantity: category, where the noun ends, outcome said there."""
        rest = text[rest_start:]
        paren = re.match(r"[\"'”]?\)\s*", rest)
        if text[:start].endswith("(") and paren:
            noun = re.search(r"(\w+)\s*\($", text[:start])
            category = noun and self.lexicon.category_forms.get(fold(noun.group(1)))
            return (category, rest_start + paren.end(), None) if category else None
        stripped = re.match(r"[\"'”]?\s*(?:of (?:the |their )?)?(?:members? of (?:the )?)?", rest)
        offset = rest_start + stripped.end()
        glued = re.match(r"[^\s\"'”A-Za-z]", rest) is not None  # "On April 29, security forces"
        words = list(_WORD.finditer(text, offset))
        outcome_words = self.lexicon.outcome_phrases
        outcome = None
        for skip in range(0, 0 if glued else min(4, len(words))):
            modifier = words[skip - 1].group(0).lower() if skip else ""
            if skip and (
                modifier in self.function_words
                or modifier in self.lexicon.number_words
                or modifier.endswith("ing")
            ):
                break
            if skip and not self._adjacent(text, words, skip - 1):
                break
            for length in range(4, 0, -1):
                chunk = words[skip : skip + length]
                if len(chunk) < length or not self._adjacent(text, chunk, None):
                    continue
                phrase = " ".join(w.group(0) for w in chunk)
                category = self.lexicon.category_forms.get(fold(phrase))
                if category:
                    for word in words[:skip]:
                        outcome = outcome_words.get(word.group(0).lower(), outcome)
                    end = chunk[-1].end()
                    return self._or_other(text, end, category, phrase, previous), end, outcome
        said = self._bare_outcome(text, start, rest_start)
        if said and fold(text[start:rest_start].strip()) not in ("a", "an", "another"):
            category = previous or self.lexicon.default_categories.get(
                said
            )  # "destroyed two": of what?
            return (category, rest_start, said) if category else None
        return None

    def _bare_outcome(self, text: str, start: int, rest_start: int) -> str | None:
        """A number with no noun but a verb: "and five injured", "wounding 20", "the toll at 19"."""
        pattern = self.outcomes
        aux = r"(?:(?:were|was|are|is|been|had|have|has|also|reportedly|being)\s+)*"
        after = re.match(rf"[\"'”]?\s*{aux}({pattern})\b", text[rest_start:], re.IGNORECASE)
        before = re.search(rf"\b({pattern})\s+(?:at\s+)?$", text[:start], re.IGNORECASE)
        found = after or before
        return self._outcome_of(found.group(1)) if found else None

    def _or_other(self, text: str, end: int, category: str, phrase: str, previous):
        """ "a rebel or civilian": two categories, so just people; "others" repeats the last."""
        if fold(phrase) in ("others", "other people") and previous:
            return previous
        other = re.match(r"\s+or\s+(\w+)", text[end:])
        if other and self.lexicon.category_forms.get(fold(other.group(1))) not in (None, category):
            return "people"
        return category

    @staticmethod
    def _adjacent(text: str, words, index) -> bool:
        """Words of one noun phrase: separated by spaces only, no punctuation."""
        chunk = words if index is None else words[index : index + 2]
        return all(
            re.fullmatch(r"\s+", text[a.end() : b.start()]) for a, b in itertools.pairwise(chunk)
        )

    def _outcome(self, text: str, start: int, noun_end: int, category: str) -> str | None:
        """What happened to the counted, in order of closeness.

        A verb right after the noun ("were also injured"), right before the number
        ("killing four", "killed more than 30", "the toll at 19"), later in the
        clause, or before an "including" list; a crowd with no verb is a crowd size.
        """
        pattern = self.outcomes
        aux = r"(?:(?:were|was|are|is|been|had|have|has|also|reportedly|being|said|to)\s+)*"
        after = re.match(rf"\s*{aux}({pattern})\b", text[noun_end:], re.IGNORECASE)
        if after:
            return self._outcome_of(after.group(1))
        before = re.search(rf"\b({pattern})\s+(?:at\s+)?$", text[:start], re.IGNORECASE)
        if before:
            return self._outcome_of(before.group(1))
        later = re.search(rf"\b({pattern})\b", text[noun_end:], re.IGNORECASE)
        if later:
            return self._outcome_of(later.group(1))
        if re.search(r"\bincluding\s+(?:\S+\s+)?$", text[:start]):
            earlier = re.findall(rf"\b({pattern})\b", text[:start], re.IGNORECASE)
            if earlier:
                return self._outcome_of(earlier[-1])
        return "participated" if category in self.lexicon.crowd_categories else None

    def _outcome_of(self, word: str) -> str:
        phrases = self.lexicon.outcome_phrases
        return phrases[next(p for p in phrases if p.lower() == word.lower())]

    # --- sources and actors ---------------------------------------------------------------

    def _reporters(self, text: str, offset: int, event: Event) -> list[tuple[int, Entity]]:
        """Who reports what, by position in the sentence."""
        verbs = self.reporting
        out: list[tuple[int, Entity]] = []
        for match in self.source_names.finditer(text):
            before = text[: match.start()]
            after = text[match.end() :]
            if re.search(
                r"(?:according to|said)\s+(?:the\s+)?$", before, re.IGNORECASE
            ) or re.match(
                rf",?\s*(?:[^,]{{1,40}},\s*){{0,2}}(?:(?:in|at|from|on|near) (?:the )?\w+\s+)?"
                rf"(?:{verbs})\b",
                after,
            ):
                out.append(
                    (offset + match.start(), self._source(match.group(0), offset + match.start()))
                )
        for match in re.finditer(
            r"posted (?:online )?by\s+(?:the\s+)?([^,.]+)", text, re.IGNORECASE
        ):
            org = self._known_org(match.group(1))
            if org:
                out.append(
                    (offset + match.start(1), self._org_source(org, offset + match.start(1)))
                )
        subject = re.match(rf"([A-Z][a-z]+(?: [a-z]+)?) (?:{verbs})\b", text)
        if subject and not self.source_names.match(text):
            head = subject.group(1).split()[-1]
            if fold(subject.group(1)) == "they" and event.actors:
                actor = event.actors[0].actor
                out.append(
                    (
                        offset,
                        Entity(
                            "source/" + actor.entity.key.split("/", 1)[1],
                            actor.entity.label,
                            actor.entity.label,
                            Span(offset, offset + 4),
                        ),
                    )
                )
            elif self.lexicon.category_forms.get(fold(head)):
                name = subject.group(1)
                out.append(
                    (
                        offset,
                        Entity(
                            "source/" + slugify(name),
                            name.lower(),
                            name,
                            Span(offset, offset + len(name)),
                        ),
                    )
                )
        return sorted(out, key=lambda item: item[0])

    def _source(self, written: str, start: int) -> Entity:
        slug = self.lexicon.source_phrases[fold(written)]
        return Entity(
            "source/" + slug,
            self.lexicon.sources[slug].label,
            written,
            Span(start, start + len(written)),
        )

    def _known_org(self, phrase: str) -> Organization | None:
        words = phrase.split()
        for index in range(len(words)):
            name = " ".join(words[index:])
            if self.lexicon.organization(name):
                return self.names.organization(name, None)
        return None

    def _org_source(self, org: Organization, start: int) -> Entity:
        slug = org.entity.key.split("/", 1)[1]
        return Entity(
            "source/" + slug,
            org.entity.label,
            org.entity.written,
            Span(start, start + len(org.entity.written)),
        )

    def _actors(self, clauses: list[_Clause], event: Event) -> list[ActorRole]:
        roles = []
        victims = {f.category for f in event.figures if f.outcome in ("killed", "injured")}
        for clause in clauses:
            if clause.background:
                continue
            for match in self.actor_names.finditer(clause.text):
                written = match.group(0)
                span = Span(clause.start + match.start(), clause.start + match.end())
                group = self.lexicon.group(written)
                if group:
                    actor = Organization(
                        Entity("group/" + slugify(group.label), group.label, written, span)
                    )
                    role = "victim" if group.category in victims else "participant"
                    roles.append(ActorRole(actor, role, group=True))
                    continue
                actor = self.names.organization(written, span)
                before = clause.text[: match.start()]
                if re.search(r"\bby\s+(?:the\s+)?(?:\w+\s+)?$", before) or self.attack_verbs.match(
                    clause.text[match.end() :]
                ):
                    role = "attacker"
                elif re.search(r"\b(?:at|against|on)\s+(?:the\s+)?$", before):
                    role = "target"
                else:
                    role = "participant"
                roles.append(ActorRole(actor, role))
        return roles

    # --- after reading ---------------------------------------------------------------

    def _merge(self, events: list[Event]) -> list[Event]:
        """One event told twice (lead and body): same day, same kind, same or nested place."""
        kept: list[Event] = []
        for event in events:
            twin = next((k for k in kept if self._same(k, event)), None)
            if twin is None:
                kept.append(event)
                continue
            twin.spans.extend(s for s in event.spans if s not in twin.spans)
            for mention in event.places:
                if mention.place.entity.key not in self._place_keys(twin):
                    twin.places.append(mention)
            twin.figures.extend(event.figures)
            twin.sources.extend(s for s in event.sources if s not in twin.sources)
            twin.actors.extend(a for a in event.actors if a not in twin.actors)
            if self._priority(event) > self._priority(twin):
                twin.event_type = event.event_type
        return kept

    def _same(self, first: Event, second: Event) -> bool:
        if not _same_day(first.date, second.date):
            return False
        families = {_family(e.event_type, self.lexicon) for e in (first, second)}
        if len(families - {None}) > 1:
            return False
        if all(m.inherited for m in first.places) or all(m.inherited for m in second.places):
            return True
        keys = self._place_keys(second)
        for mention in first.places:
            related = {mention.place.entity.key, *ancestors(mention.place)}
            if related & keys or any(
                mention.place.entity.key in set(ancestors(m.place)) for m in second.places
            ):
                return True
        return False

    def _resolve_type(self, event: Event) -> str:
        """A killing is a clash, an attack on civilians, or force against protesters."""
        killed = {f.category for f in event.figures if f.outcome == "killed"}
        if event.event_type == "peaceful-protest" and killed & self.lexicon.crowd_categories:
            return "excessive-force-against-protesters"
        state_attack = any(r.actor.state_actor for r in event.actors if r.role == "attacker")
        if event.event_type == "non-state-actor-overtakes-territory" and state_attack:
            return "government-regains-territory"
        if event.event_type != "killing":
            return event.event_type
        if killed and killed <= self.lexicon.civilian_categories:
            return "attack"
        return "armed-clash"

    def _keyed(self, events: list[Event]) -> list[Event]:
        used: dict[str, int] = {}
        for event in events:
            place = event.places[0].place.entity.key.split("/", 1)[1] if event.places else "unknown"
            # The date as written ("2012-03" for March): same text, same date, same key.
            base = f"event/{slugify(event.date.edtf)}-{event.event_type}-{place}"
            used[base] = used.get(base, 0) + 1
            event.key = base if used[base] == 1 else f"{base}-{used[base]}"
        return events


def _unknown_place_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """Where English puts a place name the gazetteer may lack.

    After a locative preposition ("near Maarat al-Sidr"), a part of a place ("the
    centre of Kafr Dalaba"), a verb that takes a place ("shelled Khirbet Nasma"),
    or before a site noun ("the Tell Hazuna airbase").
    """
    parts = "|".join(re.escape(c) for c in lexicon.cue_phrases("place-part"))
    verbs = "|".join(re.escape(c) for c in lexicon.cue_phrases("place-verb"))
    sites = "|".join(re.escape(c) for c in lexicon.cue_phrases("site"))
    before = (
        rf"\b(?:in|near|outside|around|into|toward|towards|at|from|on|out of|control of|"
        rf"(?:{parts}) of|{verbs}) "
    )
    name = _place_name(lexicon)
    return re.compile(rf"{before}({name})|\bthe ({name}) (?:{sites})\b")


def _date_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """Written dates: "6 April", "April 28", "17 may 2012", "During March", "late July", "2011"."""
    months = "|".join(sorted(lexicon.months, key=len, reverse=True))
    year = r"(?:,? \d{4})?"
    lead = r"(?:in|during|since|of|early|mid|late|in early|in mid|in late)[- ]"
    return re.compile(
        rf"\b(?:\d{{1,2}} (?:{months})\b{year}|(?:{months}) \d{{1,2}}(?!\d){year}"
        rf"|{lead}(?:{months})\b{year}|(?:{months}) \d{{4}}|(?<=\bin )\d{{4}})",
        re.IGNORECASE,
    )


def _same_day(first: DateValue, second: DateValue) -> bool:
    """Both dates name the same single day (however it was written)."""
    return first.precision == second.precision == "day" and first.earliest == second.earliest


def _nearest(reporters: list[tuple[int, Entity]], position: int) -> Entity | None:
    """The reporter named before a figure in its sentence, else the one after it."""
    before = [source for start, source in reporters if start <= position]
    if before:
        return before[-1]
    return reporters[0][1] if reporters else None


def _shifted(value: DateValue, days: int, written: str) -> DateValue:
    return DateValue(
        value.earliest + timedelta(days=days),
        value.latest + timedelta(days=days),
        value.precision,
        written,
    )


def _span_after(value: DateValue, count: int, unit: str, written: str) -> DateValue:
    start = value.earliest
    if unit == "months":
        month = start.month - 1 + count
        end = date(start.year + month // 12, month % 12 + 1, min(start.day, 28))
    else:
        end = start + timedelta(days=count * (7 if unit == "weeks" else 1))
    return DateValue(start, end, "within", written)
