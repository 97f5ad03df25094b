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
    """The Date line's bounds, read as leniently as the text allows.

    A line of several periods gives the first begin and the last end. A line that
    cannot be read falls back, with a warning, to the dates it still gives (two run
    together), then to the year in the title, then to the years the article writes.
    An open end ("ongoing", "present") runs to the end of the latest year the article
    mentions: that is as far as the text can speak for.
    """
    if field is None:
        missing = InputError(str(article.path), "the infobox has no Date line")
        return _title_year_or(missing, str(missing), article, notes)
    years = [year for year, _ in years_in(article.text)]
    horizon = date(max(years), 12, 31) if years else None
    place = where(article, field)
    try:
        begin, end = reader.read_range(field.value, place, horizon)
    except InputError as error:
        try:
            begin, end = reader.read_periods(field.value, place, horizon)
        except InputError:
            notes.skip(field.value, error)
            return _title_year_or(error.unreadable(field.value), place, article, notes)
        notes.warn(f"{place}: read {field.value!r} as {begin.written} – {end.written}")
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
    """The year in the title, else the years the article writes, with a warning.

    An article that writes no year at all has no date: ``problem`` is raised.
    """
    found = title_year(article.title, article.title_span)
    if found is not None:
        value, span = found
        notes.warn(f"{where}: the conflict's dates are the year in the title, {value.written}")
        return value, value, span
    years = years_in(article.text)
    if not years:
        raise problem
    first, last = min(years), max(years)
    begin = DateValue(date(first[0], 1, 1), date(first[0], 12, 31), "year", str(first[0]))
    end = DateValue(date(last[0], 1, 1), date(last[0], 12, 31), "year", str(last[0]))
    notes.warn(
        f"{where}: the conflict's dates are the years the article writes, {first[0]}–{last[0]}"
    )
    return begin, end, Span(first[1], first[1] + 4)


# --- part of, followed by ----------------------------------------------------


def parent_conflicts(text: str, span: Span, lexicon: Lexicon) -> list[ParentConflict]:
    """Each wider conflict a Partof line names, with the conflicts it names them part of.

    "the Battle of Aleppo and the Syrian Civil War" -> two parents; "the X clashes (Early
    insurgency phase of the Y war)" -> X, part of the phase, part of the war; "the X
    offensive of the Y war" -> X, part of Y. "and" and "of the" split only where both
    sides name a conflict (a conflict noun of the lexicon), so "Siege of Nubl and
    al-Zahraa" stays whole. A year range in parentheses ("(2001-2021)") names nothing.
    """
    parents = []
    for start, end in _top_level_splits(text, r"\s+and\s+", lexicon):
        parents.append(_parent(text[start:end], span.start + start, lexicon))
    return parents


def _top_level_splits(text: str, joint: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where ``text`` splits at ``joint`` outside parentheses between two conflicts' names."""
    parts, start = [], 0
    for found in re.finditer(joint, text):
        left, right = text[start : found.start()], text[found.end() :]
        outside = text[: found.start()].count("(") == text[: found.start()].count(")")
        if outside and _names_conflict(left, lexicon) and _names_conflict(right, lexicon):
            parts.append((start, found.start()))
            start = found.end()
    parts.append((start, len(text)))
    return parts


def _names_conflict(name: str, lexicon: Lexicon) -> bool:
    """True when ``name``, without its year ranges, has a conflict noun ("war", "offensive")."""
    return _conflict_nouns(lexicon).search(_YEARS_IN_PARENTHESES.sub("", name)) is not None


def _parent(text: str, start: int, lexicon: Lexicon) -> ParentConflict:
    """One name with what it is part of: in parentheses after it, or after "phase of"/"of the"."""
    name = _strip_article(text, lexicon)
    start += text.find(name) if name else 0
    written = Span(start, start + len(name))
    inner = re.search(r"\(([^()]*)\)\s*$", name)
    if inner and _names_conflict(inner.group(1), lexicon):
        outer = _parent(inner.group(1), start + inner.start(1), lexicon)
        return _parent_named(name[: inner.start()], written, name, outer)
    cue = _part_of_cue(lexicon).search(name)
    if cue and _names_conflict(name[cue.end() :], lexicon):
        outer = _parent(name[cue.end() :], start + cue.end(), lexicon)
        return _parent_named(name, written, name, outer)
    splits = _top_level_splits(name, r"\s+of\s+(?=the\s)", lexicon)
    if len(splits) > 1:
        outer = _parent(name[splits[1][0] :], start + splits[1][0], lexicon)
        return _parent_named(name[: splits[0][1]], written, name, outer)
    return _parent_named(name, written, name, None)


def _parent_named(
    name: str, span: Span, written: str, parent: ParentConflict | None
) -> ParentConflict:
    label = _capitalised(" ".join(_YEARS_IN_PARENTHESES.sub("", name).split()))
    return ParentConflict(Entity("conflict/" + slugify(label), label, written, span), parent)


# "(2001-2021)", "(2014–present)", "(June 2012–April 2013)": a name's years, not a name.
_YEARS_IN_PARENTHESES = re.compile(r"\s*\([^()]*(?:\b\d{4}\b|present)[^()]*\)")


@cache
def _part_of_cue(lexicon: Lexicon) -> re.Pattern[str]:
    """ "phase of the": the name before it stays whole, the conflict after it is its parent."""
    return re.compile(rf"\b(?:{lexicon.alternation('part-of')})\s+(?:the\s+)?")


@cache
def _conflict_nouns(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lexicon.alternation('conflict-noun')})\b", re.IGNORECASE)


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
