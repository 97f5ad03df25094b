"""The reader: reads the prose in order, keeping in mind what a reader keeps in mind.

Sections in order (not the bibliography), paragraphs, sentences. A sentence with
a date of its own starts an event (or returns to one of that day and place); a
sentence without one adds to the paragraph's current event, unless it opens a new
one ("Also, ...", a new place, a standalone act such as looting). An event with
no date is bounded once the dates around it are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from aleppo_kg.build.prose.clauses import Clause, split_clauses, splits
from aleppo_kg.build.prose.dates import DateFinder
from aleppo_kg.build.prose.dating import Dater
from aleppo_kg.build.prose.events import family, keyed, merge, place_keys, resolve_type, same_day
from aleppo_kg.build.prose.figures import FigureReader
from aleppo_kg.build.prose.patterns import KILLING, patterns_for
from aleppo_kg.build.prose.places import PlaceFinder, Whereabouts, is_new_place
from aleppo_kg.build.prose.sources import SourceReader
from aleppo_kg.build.prose.summary import ConflictMentions
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Article, Conflict, DateValue, Event, PlaceMention, Sentence, Span
from aleppo_kg.text.pages import Pages

_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*\s*$")  # how a whole sentence ends


def another_act(clause: Clause, current: Event, lexicon: Lexicon) -> bool:
    """An undated sentence of another kind of act than the event before ("Three soldiers
    were killed in clashes. Activists posted a video of a helicopter firing ...").

    Kinds one occurrence shows together (a protest and the force used on it) are one act.
    """
    act = clause.new_act
    if act is None or KILLING in (act.event_type, current.event_type):
        return False
    kinds = {family(act.event_type, lexicon), family(current.event_type, lexicon)}
    if len(kinds) == 1 and kinds <= set(lexicon.cue_phrases("one-occurrence")):
        return False
    return act.event_type != current.event_type


@dataclass
class ReadingState:
    """What a reader remembers while reading on."""

    year: int  # the last year written
    where: Whereabouts  # the city, region and town last named
    last_date: DateValue | None = None
    paragraph_dated: bool = False  # the paragraph has given a date
    paragraph: int = 0  # how many paragraphs were read before this one
    date_heading: bool = False  # a paragraph that is only a date ("3 September") dates the next
    section: str = ""  # the title of the section being read


class Reader:
    """Reads one article's prose into events; the one holder of reading state."""

    def __init__(self, article: Article, conflict: Conflict, lexicon: Lexicon) -> None:
        self.article = article
        self.conflict = conflict
        self.lexicon = lexicon
        self.patterns = patterns_for(lexicon)
        region = conflict.places[0] if conflict.places else None
        pages = Pages(article.text, article.links, lexicon)  # what the article's links name
        self.places = PlaceFinder(lexicon, self.patterns, region, conflict.places, pages)
        self.figures = FigureReader(lexicon, self.patterns)
        self.sources = SourceReader(lexicon, self.patterns, pages)
        self.mentions = ConflictMentions(
            conflict.entity.label, article.title, lexicon, self.patterns
        )
        self.state = ReadingState(conflict.begin.earliest.year, Whereabouts(region=region))
        dates = DateFinder(lexicon, self.patterns)
        self.dater = Dater(dates, self.mentions, conflict, lexicon, self._warn)
        self.events: list[Event] = []
        self.undated: list[tuple[Event, DateValue | None]] = []  # and the date before it
        self.paragraphs: dict[int, int] = {}  # id of an event -> the paragraph it began in
        self.warnings: list[str] = []  # what the reader read but could not place

    def run(self) -> list[Event]:
        """All events of the article's prose, merged, typed and keyed."""
        cut_off = self._cut_off()
        for section in self.article.sections:
            if self.lexicon.cue_meaning(section.title, "non-narrative"):
                continue
            self.state.date_heading = False
            self.state.section = section.title
            for paragraph in section.paragraphs:
                self._paragraph(tuple(s for s in paragraph.sentences if s is not cut_off))
        self._close_undated()
        for event in self.events:
            event.event_type = resolve_type(event, self.lexicon)
        events = merge(self.events, self.patterns, self.lexicon, self.paragraph_of)
        for event in events:
            event.event_type = resolve_type(event, self.lexicon)
        return keyed(events)

    def _paragraph(self, sentences: tuple[Sentence, ...]) -> None:
        self.state.where = replace(self.state.where, town=None)  # a town is a paragraph's
        self.state.paragraph_dated = self.state.date_heading
        self.state.paragraph += 1
        if len(sentences) == 1 and self.patterns.date.fullmatch(sentences[0].text.strip(" .")):
            heading = sentences[0]
            self.state.date_heading = bool(
                self.dater.written(heading.text, heading.span, self.state)
            )
            return
        events: list[Event] = []
        current: Event | None = None
        for sentence in sentences:
            current = self._sentence(sentence.text, sentence.span, events, current)

    def _sentence(
        self, text: str, span: Span, events: list[Event], current: Event | None
    ) -> Event | None:
        """Put the sentence's acts into events; return the paragraph's current event.

        A sentence that names the conflict restates the article, unless it dates an act
        besides the name; one about the whole conflict, or that only describes, is no event.
        """
        names = tuple(self.mentions.named(text))
        clauses = split_clauses(text, span.start, self.patterns, names)
        dates = self.dater.sentence(text, span, self.state, names)
        cued = [c for c in clauses if c.cues and not c.background]
        if (names and not (dates and cued)) or (not dates and self.mentions.over_the_whole(text)):
            return current
        if not dates:  # an undated description, or acts told before, start nothing
            cued = [c for c in cued if c.new_act and not self.mentions.describes(text)]
        if dates and all(c.best.event_type == KILLING for c in cued):
            told = self._told_on(dates[0], clauses)
            if told is not None:  # the count of a day whose act was told before
                self._fill(told, clauses, span)
                return current
        if dates and not cued:
            self._warn(span, f"a dated sentence with no known act, not an event: {text[:60]!r}")
        if not cued:
            if current is not None and not dates:
                self._fill(current, clauses, span)
            self._remember_places(clauses)
            return current
        first = cued[0]
        main = [c for c in clauses if not splits(c, first, self.lexicon)]
        split = [c for c in clauses if splits(c, first, self.lexicon)]
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

    def paragraph_of(self, event: Event) -> int:
        """The paragraph an event began in: the reader split what one paragraph tells."""
        return self.paragraphs[id(event)]

    def _cut_off(self) -> Sentence | None:
        """The last sentence of a text cut short (no full stop at its end): not read."""
        last = [p.sentences[-1] for s in self.article.sections for p in s.paragraphs if p.sentences]
        if last and not _TERMINAL.search(last[-1].text):
            return last[-1]
        return None

    def _warn(self, span: Span, message: str) -> None:
        line = self.article.text.count("\n", 0, span.start) + 1
        self.warnings.append(f"{self.article.name}: line {line} (prose): {message}")

    def _mentions(self, clauses: list[Clause]) -> list[PlaceMention]:
        """The places ``clauses`` name, with the places in mind now."""
        return [m for c in clauses for m in self.places.places(c, self.state.where)]

    def _remember_places(self, clauses: list[Clause]) -> None:
        for clause in clauses:
            mentions = self.places.places(clause, self.state.where)
            self.state.where = self.state.where.remember(mentions, self.lexicon.place_scales)

    def _starts_new(self, text: str, clauses: list[Clause], first: Clause, current: Event) -> bool:
        """An undated sentence opens a new event: "Also, ...", a standalone act, a new place."""
        opener = any(text.startswith(o) for o in self.patterns.new_event)
        return (
            opener
            or first.standalone
            or another_act(first, current, self.lexicon)
            or is_new_place(self._mentions(clauses), current)
        )

    def _dated_event(self, value: DateValue, events: list[Event], clauses: list[Clause]) -> Event:
        """Return to the paragraph's event of that day and place, or start a new one."""
        places = {m.place.entity.key for m in self._mentions(clauses)}
        if any(c.standalone for c in clauses):  # "retaliated ... the same day": its own act
            return self._new_event(value, events)
        for event in events:
            same_place = not places or places & place_keys(event)
            if same_day(event.date, value) and same_place:
                return event
        return self._new_event(value, events)

    def _told_on(self, value: DateValue, clauses: list[Clause]) -> Event | None:
        """The first event told of that day (and place, if the clauses name one): a count of
        the day's dead goes with the act that opened the day."""
        places = {m.place.entity.key for m in self._mentions(clauses)}
        for event in self.events:
            if same_day(event.date, value) and (not places or places & place_keys(event)):
                return event
        return None

    def _new_event(self, value: DateValue | None, events: list[Event]) -> Event:
        """A new event; one with no date yet is bounded once the next date is known."""
        event = Event(date=value or self.conflict.begin, event_type=KILLING)
        self.paragraphs[id(event)] = self.state.paragraph
        if value is None:
            self.undated.append((event, self.state.last_date))
        events.append(event)
        self.events.append(event)
        return event

    def _date_of(self, event: Event) -> DateValue | None:
        return None if any(event is u for u, _ in self.undated) else event.date

    def _inherited_date(self) -> DateValue | None:
        """The date of the sentence before in the paragraph; None if the paragraph has none."""
        return self.state.last_date if self.state.paragraph_dated else None

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

    def _fill(self, event: Event, clauses: list[Clause], span: Span) -> None:
        """Add what ``clauses`` say to ``event``: places, type, figures, sources, actors."""
        if span not in event.spans:
            event.spans.append(span)
        for clause in clauses:
            for mention in self.places.places(clause, self.state.where):
                if mention.place.entity.key not in place_keys(event):
                    event.places.append(mention)
            best = clause.best
            if (
                best
                and not clause.background
                and (
                    event.event_type == KILLING
                    or best.priority > self.patterns.priority(event.event_type)
                )
            ):
                event.event_type = best.event_type
        if not event.places:
            context = self.state.where.context()
            if context:
                event.places.append(context)
        text = self.article.text[span.start : span.end]
        reporters = self.sources.reporters(text, span.start, event)
        previous: str | None = None
        for clause in clauses:
            if clause.background:
                continue
            for figure in self.figures.figures(clause, previous, reporters, self.article.text):
                event.figures.append(figure)
                previous = figure.category
        for _, source in reporters:
            if source.key not in {s.key for s in event.sources}:
                event.sources.append(source)
        for role in self.sources.actors(clauses, event):
            if (role.actor.entity.key, role.role) not in {
                (r.actor.entity.key, r.role) for r in event.actors
            }:
                event.actors.append(role)
