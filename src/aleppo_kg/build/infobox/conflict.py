"""The fields about the conflict as a whole: dates, part-of, place, result, territory, sequel.

Each reader takes the lexicon (or a text reader built from it) and plain values and
returns records; the phrases it looks for ("phase of", "takes control of",
"culminating in") are cues of the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from aleppo_kg.build.infobox.items import OUTCOME_SEPARATOR, items
from aleppo_kg.build.infobox.notes import Notes, where
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon, either_case, fold
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
    return _whole_year(year), Span(start, start + len(str(year)))


def _whole_year(year: int) -> DateValue:
    return DateValue(date(year, 1, 1), date(year, 12, 31), "year", str(year))


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
    notes.warn(
        f"{where}: the conflict's dates are the years the article writes, {first[0]}–{last[0]}"
    )
    return _whole_year(first[0]), _whole_year(last[0]), Span(first[1], first[1] + 4)


# --- part of, followed by ----------------------------------------------------


def parent_conflicts(text: str, span: Span, lexicon: Lexicon) -> list[ParentConflict]:
    """Each wider conflict a Partof line names, with the conflicts it names them part of.

    "the Battle of Aleppo and the Syrian Civil War" -> two parents; "the X clashes (Early
    insurgency phase of the Y war)" -> X, part of the phase, part of the war; "the X
    offensive of the Y war" -> X, part of Y. "and" and "of the" split only where both
    sides name a conflict (a conflict noun of the lexicon), so "Siege of Nubl and
    al-Zahraa" stays whole. Years in parentheses ("War in Afghanistan (2001-2021)") stay in
    the name, as in the title of that conflict's own article: one resource for both.
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
    label = _capitalised(" ".join(name.split()))  # years kept: the key of its own article
    return ParentConflict(Entity("conflict/" + slugify(label), label, written, span), parent)


# "(2001-2021)", "(2014–present)", "(June 2012–April 2013)": a name's years, not a name.
_YEARS_IN_PARENTHESES = re.compile(r"\s*\([^()]*(?:\b\d{4}\b|present)[^()]*\)")


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
    """What a Territory or Result line says: the places that changed hands, and the rest."""

    changes: list[ControlChange] = field(default_factory=list)
    remarks: list[tuple[str, Span]] = field(default_factory=list)


@dataclass(frozen=True)
class Sides:
    """What a control clause needs to know of the conflict: its own place ("the town") and,
    for a withdrawal, who is on the other side of an actor."""

    home: Place | None
    opponent: Callable[[Organization], Organization | None]


def territory(text: str, offset: int, lexicon: Lexicon, names: Names, sides: Sides) -> Territory:
    """ "Rebels take control of A, B and C, YPG takes control of D", "Saraqib fell to X",
    "Houthis withdrew from Sirwah": one change per actor and place.

    A piece with no control verb continues the places of the clause before it; a piece
    that is not a place ends them, and what is left is a remark.
    """
    found = Territory()
    clauses = _clauses(text, lexicon)
    if clauses and clauses[0][0] > 0:
        found.remarks.append(_piece(text, 0, clauses[0][0], offset))
    for start, end in clauses:
        _clause(found, text[start:end], offset + start, lexicon, names, sides)
    return found


def _clauses(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where each clause with a control verb starts and ends (the next one's start)."""
    starts = [
        m.start(1)
        for m in re.finditer(r"(?:^|[,;])\s*([^,;]+)", text)
        if _control_verb(lexicon).search(m.group(1))
    ]
    return list(zip(starts, [*starts[1:], len(text)][: len(starts)], strict=True))


def _clause(
    found: Territory, text: str, offset: int, lexicon: Lexicon, names: Names, sides: Sides
) -> None:
    verb = _control_verb(lexicon).search(text)
    kind = lexicon.cue_meaning(fold(verb.group(0)), "control", "control-passive", "withdrawal")
    before, after = (0, verb.start()), (verb.end(), len(text))
    actors_at, places_at = (after, before) if kind == "control-passive" else (before, after)
    actors = [
        names.organization(name, Span(offset + a, offset + b))
        for name, (a, b) in _actor_names(text, *actors_at, lexicon)
    ]
    if kind == "withdrawal":
        actors = [o for o in (sides.opponent(a) for a in actors) if o is not None]
    for place in _control_places(found, text, *places_at, offset, lexicon, names, sides):
        found.changes.extend(ControlChange(actor, place, place.entity.span) for actor in actors)


def _actor_names(text: str, start: int, end: int, lexicon: Lexicon) -> list[tuple[str, tuple]]:
    """ "Syrian Army and Hezbollah" -> both, each with where it is written."""
    names = []
    for piece, span in items(text[start:end], start, _place_separator(lexicon)):
        name = _strip_article(piece, lexicon).strip()
        if name:
            names.append((name, (span.end - len(name), span.end)))
    return names


def _control_places(
    found: Territory,
    text: str,
    start: int,
    end: int,
    offset: int,
    lexicon: Lexicon,
    names: Names,
    sides: Sides,
) -> list[Place]:
    """The places of one clause; the first piece that is not a place ends the list."""
    places: list[Place] = []
    for piece, span in items(text[start:end], offset + start, _place_separator(lexicon)):
        name = _place_name(piece, lexicon)
        if lexicon.cue_meaning(fold(name), "home-place") and sides.home is not None:
            places.append(sides.home)  # "capture the town": the conflict's own place
            continue
        sequel = re.match(rf"(?:{lexicon.alternation('followed-by')})\b", piece, re.IGNORECASE)
        if sequel or not name or (lexicon.place(name) is None and not _name(lexicon).match(name)):
            rest = span.start - offset
            found.remarks.append(_piece(text, rest, len(text), offset))
            break
        at = span.start + piece.find(name)
        places.append(names.place(name, Span(at, at + len(name))))
    return places


def _place_name(piece: str, lexicon: Lexicon) -> str:
    """ "the Lebanese town of Arsal from rebel forces" -> "Arsal"; "Tal Afar city on 28
    August" -> "Tal Afar"."""
    name = _place_end(lexicon).split(piece, maxsplit=1)[0]
    kind = _place_kind(lexicon).search(name)
    if kind:
        return name[kind.end() :].strip()
    if lexicon.cue_meaning(fold(name), "home-place"):
        return name
    return re.sub(r"\s+city$", "", _strip_article(name, lexicon).strip())


def _piece(text: str, start: int, end: int, offset: int) -> tuple[str, Span]:
    chunk = text[start:end]
    core = chunk.strip(" ,.;")
    begin = offset + start + chunk.index(core)
    return core, Span(begin, begin + len(core))


@cache
def _place_separator(lexicon: Lexicon) -> re.Pattern[str]:
    """Places (and actors) of a clause are split by commas and conjunctions ("A, B and C",
    "A & B")."""
    words = lexicon.alternation("conjunction")
    return re.compile(rf",|\s*&\s*|\s+(?:{words})\s+")


@cache
def _name(lexicon: Lexicon) -> re.Pattern[str]:
    """A whole item that is a name: capitalised words, any of them after an Arabic article,
    numbers after the first ("Base 80"), and a common noun of a place at the end
    ("Lebanon–Syria border")."""
    word = rf"(?:{lexicon.particle})?[A-Z][\w'’–-]*"
    noun = lexicon.alternation("place-name-noun")
    return re.compile(rf"^{word}(?:\s+(?:{word}|\d+))*(?:\s+(?:{noun}))?$")


@cache
def _cues(lexicon: Lexicon, template: str, *meanings: str) -> re.Pattern[str]:
    """``template`` with the cue phrases of ``meanings`` for CUES, compiled once a lexicon:
    "phase of the" (part-of), "war" (conflict-noun), "fell to" (control-passive)..."""
    flags = re.IGNORECASE if template.startswith("(?i)") else 0
    return re.compile(
        template.removeprefix("(?i)").replace("CUES", lexicon.alternation(*meanings)), flags
    )


def _part_of_cue(lexicon: Lexicon) -> re.Pattern[str]:
    """ "phase of the": the name before it stays whole, the conflict after it is its parent."""
    return _cues(lexicon, r"\b(?:CUES)\s+(?:the\s+)?", "part-of")


def _conflict_nouns(lexicon: Lexicon) -> re.Pattern[str]:
    return _cues(lexicon, r"(?i)\b(?:CUES)\b", "conflict-noun")


def _control_verb(lexicon: Lexicon) -> re.Pattern[str]:
    return _cues(lexicon, r"(?i)(?<!\w)(?:CUES)(?!\w)", "control-passive", "withdrawal", "control")


def _place_end(lexicon: Lexicon) -> re.Pattern[str]:
    return _cues(lexicon, r"\s+(?:CUES)\s+", "place-end")


def _place_kind(lexicon: Lexicon) -> re.Pattern[str]:
    return _cues(lexicon, r"(?i)\b(?:CUES)\s+", "place-kind")
