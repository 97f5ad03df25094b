"""The driver of one infobox reading: dispatches each field to its reader by key.

It holds the reading's state (the article, the sides met so far, the warnings) and
nothing about words: the field readers in :mod:`.conflict`, :mod:`.sides` and
:mod:`.figures` do the reading and return records, which it puts in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from aleppo_kg.build.infobox.conflict import (
    Sides,
    conflict_dates,
    outcomes,
    parent_conflicts,
    place_chain,
    sequel,
    territory,
)
from aleppo_kg.build.infobox.figures import FigureReader
from aleppo_kg.build.infobox.notes import Notes, where
from aleppo_kg.build.infobox.sides import CommanderReader, factions, units
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import (
    Article,
    Conflict,
    ControlChange,
    Entity,
    Extraction,
    ExtraField,
    Field,
    Figure,
    Organization,
    ParentConflict,
    Side,
)
from aleppo_kg.text.dates import DateReader
from aleppo_kg.text.names import Names
from aleppo_kg.text.pages import Pages
from aleppo_kg.text.quantities import QuantityReader
from aleppo_kg.text.slugs import slugify

# The fields that make a side: its losses alone do not (a third Casualties line is civilians').
_SIDE_FIELDS = ("combatant", "commander", "units", "strength")
_NUMBERED_KEY = re.compile(r"(.*?)\s*(\d+)")


def field_name(key: str, lexicon: Lexicon) -> tuple[str | None, int | None]:
    """The field a key stands for and its side number: Combatant2 -> (combatant, 2).

    A numbered field written without its number (Combatant) is side 1's; a key the
    lexicon does not know is (None, None), and so is side 0 (Combatant0): sides are
    counted from 1, as the infobox template counts them.
    """
    keys = lexicon.infobox_keys
    numbered = _NUMBERED_KEY.fullmatch(key)
    if numbered and f"{numbered.group(1)}N" in keys:
        side = int(numbered.group(2))
        return (keys[f"{numbered.group(1)}N"], side) if side >= 1 else (None, None)
    if key in keys:
        return keys[key], None
    if f"{key}N" in keys:
        return keys[f"{key}N"], 1
    return None, None


def article_country(article: Article, lexicon: Lexicon) -> str | None:
    """The country the Place line ends with ("Tal Afar, Nineveh Governorate, Iraq"), if any."""
    place = next((f for f in article.fields if field_name(f.key, lexicon)[0] == "place"), None)
    if place is None:
        return None
    last = place.value.rsplit(",", 1)[-1]
    return re.split(r"\s+and\s+", last.strip())[0].strip() or None


def _add_changes(conflict: Conflict, changes: list[ControlChange]) -> None:
    """Changes a Territory and a Result line both state are one."""
    known = {(c.actor.entity.key, c.place.entity.key) for c in conflict.control_changes}
    for change in changes:
        if (change.actor.entity.key, change.place.entity.key) not in known:
            known.add((change.actor.entity.key, change.place.entity.key))
            conflict.control_changes.append(change)


class InfoboxReader:
    """One article's infobox reading: the article, the sides met so far and the warnings."""

    def __init__(self, article: Article, lexicon: Lexicon, strict: bool = False) -> None:
        self.article = article
        self.lexicon = lexicon
        pages = Pages(article.text, article.links, lexicon)
        self.names = Names(lexicon, country=article_country(article, lexicon), pages=pages)
        self.dates = DateReader(lexicon)
        self.commanders = CommanderReader(lexicon, self.names)
        self.figures = FigureReader(lexicon, self.names, QuantityReader(lexicon))
        self.notes = Notes(strict, list(article.warnings))
        self.sides: dict[int, Side] = {}

    def run(self) -> Extraction:
        """Read every field, combatants first; a field whose reader fails is skipped whole."""
        conflict = self._conflict()
        handlers: dict[str, Callable[[Conflict, Field, int | None], None]] = {
            "conflict": lambda c, f, n: c.spans.append(f.value_span),
            "date": lambda c, f, n: None,
            "partof": self._part_of,
            "place": self._place,
            "territory": self._territory,
            "result": self._result,
            "combatant": self._combatants,
            "commander": self._commanders,
            "units": self._units,
            "strength": self._strengths,
            "casualties": self._casualties,
        }
        for field in self._ordered_fields():
            name, number = field_name(field.key, self.lexicon)
            try:
                if name is None:
                    self._extra(conflict, field)
                else:
                    handlers[name](conflict, field, number)
            except InputError as error:  # a fallback: the figure lists skip single items
                if self.notes.strict:
                    raise
                self.notes.warn(error.skipped(field.value))
        conflict.sides = [self.sides[n] for n in sorted(self.sides)]
        conflict.followed_by = [
            self.names.conflict(c)
            for text, span in conflict.remarks
            if (c := sequel(text, span, self.lexicon))
        ]
        return Extraction(self.article, conflict, tuple(self.notes.warnings))

    # --- bookkeeping -----------------------------------------------------------

    def _where(self, field: Field) -> str:
        return where(self.article, field)

    def _warn(self, field: Field, message: str) -> None:
        self.notes.warn(f"{self._where(field)}: {message}")

    def _ordered_fields(self) -> list[Field]:
        """Combatants first, so commanders, units and figures find their side's groups."""

        def rank(field: Field) -> int:
            return 0 if field_name(field.key, self.lexicon)[0] == "combatant" else 1

        return sorted(self.article.fields, key=rank)

    def _single(self, name: str) -> Field | None:
        found = [f for f in self.article.fields if field_name(f.key, self.lexicon)[0] == name]
        for extra in found[1:]:
            self._warn(extra, f"repeated {name} field ignored")
        return found[0] if found else None

    def _side(self, number: int, field: Field) -> Side:
        side = self.sides.setdefault(number, Side(number))
        side.spans.append(field.value_span)
        return side

    def _side_numbers(self) -> set[int | None]:
        """The sides the infobox has: every number a side's field (not its losses) carries."""
        names = (field_name(f.key, self.lexicon) for f in self.article.fields)
        return {number for name, number in names if name in _SIDE_FIELDS}

    # --- the conflict ----------------------------------------------------------

    def _conflict(self) -> Conflict:
        label_field = self._single("conflict")
        label = label_field.value if label_field else self.article.title
        span = label_field.value_span if label_field else self.article.title_span
        begin, end, date_span = conflict_dates(
            self._single("date"), self.article, self.dates, self.notes
        )
        entity = Entity("conflict/" + slugify(label), label, label, span)
        return Conflict(entity=entity, begin=begin, end=end, date_span=date_span)

    def _extra(self, conflict: Conflict, field: Field) -> None:
        """An unknown key is kept; a second line with it (or its spelling) is not."""
        if any(slugify(e.key) == slugify(field.key) for e in conflict.extra_fields):
            self._warn(field, f"repeated infobox key {field.key!r} ignored")
            return
        self._warn(field, f"unknown infobox key {field.key!r}: kept as an unmapped value")
        conflict.extra_fields.append(ExtraField(field.key, field.value, field.value_span))

    def _part_of(self, conflict: Conflict, field: Field, _: int | None) -> None:
        parents = parent_conflicts(field.value, field.value_span, self.lexicon)
        conflict.parents = [self._named_parent(parent) for parent in parents]

    def _named_parent(self, parent: ParentConflict) -> ParentConflict:
        """A wider conflict, and the one it is part of, as their links name them."""
        outer = self._named_parent(parent.parent) if parent.parent else None
        return ParentConflict(self.names.conflict(parent.entity), outer)

    def _place(self, conflict: Conflict, field: Field, _: int | None) -> None:
        places = place_chain(field.value, field.value_span.start, self.names)
        conflict.places.extend(places[:1])
        conflict.named_places.extend(places)
        conflict.spans.append(field.value_span)

    def _result(self, conflict: Conflict, field: Field, _: int | None) -> None:
        """The result as written, each outcome it names, and the control changes it states."""
        conflict.result = field.value
        conflict.result_span = field.value_span
        conflict.result_items.extend(outcomes(field.value, field.value_span.start))
        found = territory(
            field.value, field.value_span.start, self.lexicon, self.names, self._sides_of(conflict)
        )
        _add_changes(conflict, found.changes)

    def _territory(self, conflict: Conflict, field: Field, _: int | None) -> None:
        found = territory(
            field.value, field.value_span.start, self.lexicon, self.names, self._sides_of(conflict)
        )
        if not found.changes:
            self._warn(field, "no '<actor> takes control of <places>' clause found")
            conflict.remarks.append((field.value, field.value_span))
            return
        conflict.remarks.extend(found.remarks)
        _add_changes(conflict, found.changes)

    def _sides_of(self, conflict: Conflict) -> Sides:
        """The conflict's own place, and each actor's opponent: the other side's first
        combatant when there are two sides and the actor is on one of them."""

        def opponent(actor: Organization) -> Organization | None:
            sides = [s for s in self.sides.values() if s.combatants]
            mine = [s for s in sides if actor.entity.key in {o.entity.key for o in s.combatants}]
            if len(sides) != 2 or len(mine) != 1:
                return None
            other = sides[1] if mine[0] is sides[0] else sides[0]
            return other.combatants[0]

        return Sides(conflict.places[0] if conflict.places else None, opponent)

    # --- the sides -------------------------------------------------------------

    def _combatants(self, conflict: Conflict, field: Field, number: int | None) -> None:
        side = self._side(number or 1, field)
        found, supporters = factions(field.value, field.value_span.start, self.names, self.lexicon)
        side.factions.extend(found)
        side.supporters.extend(supporters)

    def _commanders(self, conflict: Conflict, field: Field, number: int | None) -> None:
        side = self._side(number or 1, field)
        commanders, unknown = self.commanders.read_list(
            field.value, field.value_span.start, self.article.text, self._where(field), self.notes
        )
        side.commanders.extend(commanders)
        if unknown:
            side.commanders_unknown = True

    def _units(self, conflict: Conflict, field: Field, number: int | None) -> None:
        side = self._side(number or 1, field)
        offset = field.value_span.start
        side.units.extend(units(field.value, offset, self.names, self.lexicon))

    def _strengths(self, conflict: Conflict, field: Field, number: int | None) -> None:
        side = self._side(number or 1, field)
        side.figures.extend(self._figures(field, "strength"))

    def _casualties(self, conflict: Conflict, field: Field, number: int | None) -> None:
        """CasualtiesN of a side that exists is that side's (a side may have no Combatant line,
        only commanders or units); a further one is the conflict's (civilians)."""
        if number in self._side_numbers():
            side = self._side(number, field)
            side.figures.extend(self._figures(field, "loss"))
        else:
            conflict.figures.extend(self._figures(field, "loss"))
            conflict.spans.append(field.value_span)

    def _figures(self, field: Field, kind: str) -> list[Figure]:
        return self.figures.read_list(
            field.value,
            field.value_span.start,
            kind,
            self.article.text,
            self._where(field),
            self.notes,
        )
