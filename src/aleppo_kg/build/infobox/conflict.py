"""The fields about the conflict as a whole: dates, part-of, place, result, territory, sequel.

Each reader takes the lexicon (or a text reader built from it) and plain values and
returns records; the phrases it looks for ("phase of", "takes control of",
"culminating in") are cues of the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from aleppo_kg.build.infobox.items import OUTCOME_SEPARATOR, items
from aleppo_kg.build.infobox.notes import Notes, where
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon, either_case
from aleppo_kg.model import (
    Article,
    ControlChange,
    DateValue,
    Entity,
    Field,
    Organization,
    ParentConflict,
    Place,
    Span,
)
from aleppo_kg.text.dates import DateReader, years_in
from aleppo_kg.text.names import Names
from aleppo_kg.text.slugs import slugify

# --- dates -------------------------------------------------------------------


def conflict_dates(
    field: Field | None, article: Article, reader: DateReader, notes: Notes
) -> tuple[DateValue, DateValue, Span]:
    """The Date line's bounds; if it is missing or unreadable, the year in the title.

    An open end ("ongoing", "present") runs to the end of the latest year the
    article mentions: that is as far as the text can speak for.
    """
    if field is None:
        missing = InputError(str(article.path), "the infobox has no Date line")
        return _title_year_or(missing, str(missing), article, notes)
    years = [year for year, _ in years_in(article.text)]
    horizon = date(max(years), 12, 31) if years else None
    try:
        begin, end = reader.read_range(field.value, where(article, field), horizon)
    except InputError as error:
        notes.skip(field.value, error)
        return _title_year_or(error.unreadable(field.value), where(article, field), article, notes)
    return begin, end, field.value_span


def title_year(title: str, title_span: Span) -> tuple[DateValue, Span] | None:
    """ "2013 Foo offensive" -> the year 2013 and where it is written; None with no year."""
    found = years_in(title)
    if not found:
        return None
    year, offset = found[0]
    start = title_span.start + offset
    value = DateValue(date(year, 1, 1), date(year, 12, 31), "year", str(year))
    return value, Span(start, start + len(str(year)))


def _title_year_or(
    problem: InputError, where: str, article: Article, notes: Notes
) -> tuple[DateValue, DateValue, Span]:
    """The year in the title, with a warning; without one the article has no date: ``problem``."""
    found = title_year(article.title, article.title_span)
    if found is None:
        raise problem
    value, span = found
    notes.warn(f"{where}: the conflict's dates are the year in the title, {value.written}")
    return value, value, span


# --- part of, followed by ----------------------------------------------------


def parent_conflict(text: str, span: Span, lexicon: Lexicon) -> ParentConflict:
    """ "the early insurgency phase of the Syrian civil war" -> phase, part of the war."""
    name = _strip_article(text, lexicon)
    parent = None
    for cue in lexicon.cue_phrases("part-of"):
        found = re.search(rf"\b{re.escape(cue)}\s+", name)
        if found:
            outer = name[found.end() :]
            outer_start = span.end - len(outer)
            parent = parent_conflict(outer, Span(outer_start, span.end), lexicon)
            break
    label = _capitalised(name)
    return ParentConflict(Entity("conflict/" + slugify(label), label, text, span), parent)


def sequel(text: str, span: Span, lexicon: Lexicon) -> Entity | None:
    """ "Culmination in the battle of Aleppo city": the conflict this one led to."""
    for cue in lexicon.cue_phrases("followed-by"):
        found = re.match(rf"{re.escape(cue)}\s+", text, re.IGNORECASE)
        if found:
            name = _strip_article(text[found.end() :], lexicon)
            label = _capitalised(name)
            start = span.end - len(name)
            return Entity("conflict/" + slugify(label), label, name, Span(start, span.end))
    return None


def _capitalised(name: str) -> str:
    """A conflict's label from running text: "battle of Aleppo city" -> "Battle of Aleppo city"."""
    return name[:1].upper() + name[1:]


def _strip_article(text: str, lexicon: Lexicon) -> str:
    return _leading_article(lexicon).sub("", text.strip())


@cache
def _leading_article(lexicon: Lexicon) -> re.Pattern[str]:
    """The article before a conflict's name ("the Syrian civil war"), lower or capitalised."""
    return re.compile(rf"^(?:{either_case(lexicon.cue_phrases('article'))})\s+")


# --- place, result -----------------------------------------------------------


def place_chain(text: str, offset: int, names: Names) -> list[Place]:
    """ "Aleppo Governorate, Syria": each place lies in the one after it."""
    places: list[Place] = []
    parent: Place | None = None
    for written, span in reversed(list(items(text, offset))):
        place = names.place(written, span, parent)
        places.insert(0, place)
        parent = place
    return places


def outcomes(text: str, offset: int) -> list[str]:
    """Each outcome a result names ("Government victory; ceasefire")."""
    return [outcome for outcome, _ in items(text, offset, OUTCOME_SEPARATOR)]


# --- territory ---------------------------------------------------------------


@dataclass
class Territory:
    """What a Territory line says: the places that changed hands, and what else it says."""

    changes: list[ControlChange] = field(default_factory=list)
    remarks: list[tuple[str, Span]] = field(default_factory=list)


def territory(text: str, offset: int, lexicon: Lexicon, names: Names) -> Territory | None:
    """ "Rebels take control of A, B and C, YPG takes control of D, ...": one change a place.

    None when the line has no "<actor> takes control of <places>" clause at all.
    """
    matches = list(_control_clause(lexicon).finditer(text))
    if not matches:
        return None
    found = Territory()
    if matches[0].start() > 0:
        found.remarks.append(_piece(text, 0, matches[0].start(), offset))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        actor_span = Span(offset + match.start("actor"), offset + match.end("actor"))
        actor = names.organization(match.group("actor"), actor_span)
        places = text[match.end() : end]
        _control_list(found, actor, places, offset + match.end(), lexicon, names)
    return found


def _control_list(
    found: Territory, actor: Organization, text: str, offset: int, lexicon: Lexicon, names: Names
) -> None:
    """The places of one clause; the first piece that is not a place ends the list."""
    for piece, span in items(text, offset, _place_separator(lexicon)):
        if lexicon.place(piece) is None and not _name(lexicon).match(piece):
            found.remarks.append(_piece(text, span.start - offset, len(text), offset))
            return
        found.changes.append(ControlChange(actor, names.place(piece, span), span))


def _piece(text: str, start: int, end: int, offset: int) -> tuple[str, Span]:
    chunk = text[start:end]
    core = chunk.strip(" ,.")
    begin = offset + start + chunk.index(core)
    return core, Span(begin, begin + len(core))


@cache
def _control_clause(lexicon: Lexicon) -> re.Pattern[str]:
    cues = lexicon.alternation("control")
    return re.compile(rf"(?:^|,)\s*(?P<actor>[^,]+?)\s+(?:{cues})\s+", re.IGNORECASE)


@cache
def _place_separator(lexicon: Lexicon) -> re.Pattern[str]:
    """Places of a clause are split by commas and conjunctions ("A, B and C")."""
    words = lexicon.alternation("conjunction")
    return re.compile(rf",|\s+(?:{words})\s+")


@cache
def _name(lexicon: Lexicon) -> re.Pattern[str]:
    """A whole item that is a name: capitalised words, any of them after an Arabic article."""
    word = rf"(?:{lexicon.particle})?[A-Z][\w'’-]*"
    return re.compile(rf"^{word}(?:\s+{word})*$")
