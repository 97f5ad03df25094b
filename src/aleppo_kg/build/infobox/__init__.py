"""Stage 2: :class:`~aleppo_kg.model.Article` -> records (plain Python, no RDF).

Reads every infobox field into typed records. The rules are general: what they
need to know about words comes from :mod:`aleppo_kg.lexicon`, and every record
keeps the span of text it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache

from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon, fold
from aleppo_kg.model import (
    Article,
    Commander,
    Conflict,
    ControlChange,
    DateValue,
    Entity,
    Extraction,
    ExtraField,
    Field,
    Figure,
    Organization,
    ParentConflict,
    Place,
    Side,
    Span,
    Unit,
)
from aleppo_kg.text.dates import DateReader, years_in
from aleppo_kg.text.names import Names, is_numbered
from aleppo_kg.text.quantities import QuantityReader
from aleppo_kg.text.slugs import slugify

# Items of a list value are separated by commas or <br>; a comma glued between a digit and
# a letter or digit ("1,659", or a typo like "4,0x0") is part of a number, not a separator.
_ITEM_SEPARATOR = re.compile(r"(?<!\d),|(?<=\d),(?![0-9A-Za-z])|<br\s*/?>", re.IGNORECASE)
_FACTION_SEPARATOR = re.compile(r"<hr\s*/?>", re.IGNORECASE)
# A result names its outcomes one after another, split by semicolons or line breaks.
_OUTCOME_SEPARATOR = re.compile(r";|<br\s*/?>|\n", re.IGNORECASE)
_ITEM_JUNK = " \t'\"*•;."
_NESTING = re.compile(r"^[\s*]*")
_PARENTHESIS = re.compile(r"\(([^)]*)\)")
_EQUIPMENT = re.compile(r"^[A-Z][A-Za-z]*-?\d+[A-Za-z]*$")


def read_infobox(article: Article, lexicon: Lexicon, strict: bool = False) -> Extraction:
    """Read the article's infobox into a :class:`Conflict` record (no events yet).

    An infobox item that cannot be read is skipped with a warning naming its line, so
    an article the rules cannot fully read still yields what it can; with ``strict``,
    such an item is an error.
    """
    return _Extractor(article, lexicon, strict).run()


def items(text: str, offset: int, separator: re.Pattern[str] = _ITEM_SEPARATOR):
    """Non-empty pieces of ``text`` between separators, as ``(piece, Span)``.

    ``offset`` is where ``text`` starts in the article; each piece is stripped
    of list junk (quotes, bullets, spaces) and its span covers what remains.
    """
    start = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        core = piece.strip(_ITEM_JUNK)
        if core:
            begin = offset + start + piece.index(core)
            yield core, Span(begin, begin + len(core))
        start = match.end() if match else len(text)


class _Extractor:
    """One article's extraction: the article, the lexicon and the warnings raised."""

    def __init__(self, article: Article, lexicon: Lexicon, strict: bool = False) -> None:
        self.article = article
        self.strict = strict
        self.lexicon = lexicon
        self.names = Names(lexicon)
        self.dates = DateReader(lexicon)
        self.quantities = QuantityReader(lexicon)
        self.warnings: list[str] = list(article.warnings)
        self.sides: dict[int, Side] = {}

    def run(self) -> Extraction:
        conflict = self._conflict()
        handlers: dict[str, Callable[[Conflict, Field, int | None], None]] = {
            "conflict": lambda c, f, n: c.spans.append(f.value_span),
            "date": lambda c, f, n: None,
            "partof": self._part_of,
            "place": self._place_field,
            "territory": self._territory,
            "result": self._result,
            "combatant": self._combatants,
            "commander": self._commanders,
            "units": self._units,
            "strength": self._strengths,
            "casualties": self._casualties,
        }
        for field in self._ordered_fields():
            name, number = self._field_name(field)
            try:
                if name is None:
                    self._extra(conflict, field)
                else:
                    handlers[name](conflict, field, number)
            except InputError as error:  # a fallback: the figure lists skip single items
                if self.strict:
                    raise
                self.warnings.append(error.skipped(field.value))
        conflict.sides = [self.sides[n] for n in sorted(self.sides)]
        conflict.followed_by = [
            c for text, span in conflict.remarks if (c := self._sequel(text, span))
        ]
        return Extraction(self.article, conflict, tuple(self.warnings))

    # --- fields ----------------------------------------------------------------

    def _where(self, field: Field) -> str:
        return f"{self.article.path}: line {field.line_number} ({field.key})"

    def _warn(self, field: Field, message: str) -> None:
        self.warnings.append(f"{self._where(field)}: {message}")

    def _skip(self, item: str, error: InputError) -> None:
        """Leave out an item that cannot be read, with a warning; when strict, stop instead."""
        if self.strict:
            raise error.unreadable(item) from None
        self.warnings.append(error.skipped(item))

    def _field_name(self, field: Field) -> tuple[str | None, int | None]:
        """The field a key stands for and its side number: Combatant2 -> (combatant, 2)."""
        keys = self.lexicon.infobox_keys
        numbered = re.fullmatch(r"(.*?)\s*(\d+)", field.key)
        if numbered and f"{numbered.group(1)}N" in keys:
            return keys[f"{numbered.group(1)}N"], int(numbered.group(2))
        if field.key in keys:
            return keys[field.key], None
        if f"{field.key}N" in keys:
            return keys[f"{field.key}N"], 1
        return None, None

    def _ordered_fields(self) -> list[Field]:
        """Combatants first, so commanders, units and figures find their side's groups."""

        def rank(field: Field) -> int:
            return 0 if self._field_name(field)[0] == "combatant" else 1

        return sorted(self.article.fields, key=rank)

    def _single(self, name: str) -> Field | None:
        found = [f for f in self.article.fields if self._field_name(f)[0] == name]
        for extra in found[1:]:
            self._warn(extra, f"repeated {name} field ignored")
        return found[0] if found else None

    def _conflict(self) -> Conflict:
        label_field = self._single("conflict")
        label = label_field.value if label_field else self.article.title
        span = label_field.value_span if label_field else self.article.title_span
        begin, end, date_span = self._dates()
        entity = Entity("conflict/" + slugify(label), label, label, span)
        return Conflict(entity=entity, begin=begin, end=end, date_span=date_span)

    def _dates(self) -> tuple[DateValue, DateValue, Span]:
        """The Date line's bounds; if it is missing or unreadable, the year in the title.

        An open end ("ongoing", "present") runs to the end of the latest year the
        article mentions: that is as far as the text can speak for.
        """
        field = self._single("date")
        if field is None:
            missing = InputError(str(self.article.path), "the infobox has no Date line")
            return self._title_year(missing, str(missing))
        years = [year for year, _ in years_in(self.article.text)]
        horizon = date(max(years), 12, 31) if years else None
        try:
            begin, end = self.dates.read_range(field.value, self._where(field), horizon)
        except InputError as error:
            self._skip(field.value, error)
            return self._title_year(error.unreadable(field.value), self._where(field))
        return begin, end, field.value_span

    def _title_year(self, problem: InputError, where: str) -> tuple[DateValue, DateValue, Span]:
        """ "2013 Foo offensive" with no readable Date line: the year 2013, with a warning.

        Without a year in the title either, the article has no date at all: ``problem``.
        """
        found = years_in(self.article.title)
        if not found:
            raise problem
        year, offset = found[0]
        start = self.article.title_span.start + offset
        value = DateValue(date(year, 1, 1), date(year, 12, 31), "year", str(year))
        self.warnings.append(f"{where}: the conflict's dates are the year in the title, {year}")
        return value, value, Span(start, start + len(str(year)))

    def _extra(self, conflict: Conflict, field: Field) -> None:
        """An unknown key is kept; a second line with it (or its spelling) is not."""
        if any(slugify(e.key) == slugify(field.key) for e in conflict.extra_fields):
            self._warn(field, f"repeated infobox key {field.key!r} ignored")
            return
        self._warn(field, f"unknown infobox key {field.key!r}: kept as an unmapped value")
        conflict.extra_fields.append(ExtraField(field.key, field.value, field.value_span))

    def _part_of(self, conflict: Conflict, field: Field, _: int | None) -> None:
        conflict.parent = self._parent_conflict(field.value, field.value_span)

    def _parent_conflict(self, text: str, span: Span) -> ParentConflict:
        """ "the early insurgency phase of the Syrian civil war" -> phase, part of the war."""
        name = _strip_article(text)
        parent = None
        for cue in self.lexicon.cue_phrases("part-of"):
            found = re.search(rf"\b{re.escape(cue)}\s+", name)
            if found:
                outer = name[found.end() :]
                outer_start = span.end - len(outer)
                parent = self._parent_conflict(outer, Span(outer_start, span.end))
                break
        label = _capitalised(name)
        return ParentConflict(Entity("conflict/" + slugify(label), label, text, span), parent)

    def _place_field(self, conflict: Conflict, field: Field, _: int | None) -> None:
        """ "Aleppo Governorate, Syria": each place lies in the one after it."""
        named = list(items(field.value, field.value_span.start))
        places: list[Place] = []
        parent: Place | None = None
        for text, span in reversed(named):
            place = self.place(text, span, parent)
            places.insert(0, place)
            parent = place
        conflict.places.extend(places[:1])
        conflict.named_places.extend(places)
        conflict.spans.append(field.value_span)

    def place(self, written: str, span: Span, parent: Place | None = None) -> Place:
        return self.names.place(written, span, parent)

    def _result(self, conflict: Conflict, field: Field, _: int | None) -> None:
        """The result as written, and each outcome it names ("Government victory; ceasefire")."""
        conflict.result = field.value
        conflict.result_span = field.value_span
        outcomes = items(field.value, field.value_span.start, _OUTCOME_SEPARATOR)
        conflict.result_items.extend(text for text, _ in outcomes)

    def _territory(self, conflict: Conflict, field: Field, _: int | None) -> None:
        """ "Rebels take control of A, B and C, YPG takes control of D, ...": one change a place."""
        value, offset = field.value, field.value_span.start
        cues = "|".join(re.escape(c) for c in self.lexicon.cue_phrases("control"))
        clause = re.compile(rf"(?:^|,)\s*(?P<actor>[^,]+?)\s+(?:{cues})\s+", re.IGNORECASE)
        matches = list(clause.finditer(value))
        if not matches:
            self._warn(field, "no '<actor> takes control of <places>' clause found")
            conflict.remarks.append((value, field.value_span))
            return
        if matches[0].start() > 0:
            conflict.remarks.append(self._piece(value, 0, matches[0].start(), offset))
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(value)
            actor_span = Span(offset + match.start("actor"), offset + match.end("actor"))
            actor = self.organization(match.group("actor"), actor_span)
            self._control_list(conflict, actor, value[match.end() : end], offset + match.end())

    def _control_list(self, conflict: Conflict, actor: Organization, text: str, offset: int):
        """The places of one clause; the first piece that is not a place ends the list."""
        separator = re.compile(r",|\s+and\s+")
        for piece, span in items(text, offset, separator):
            if self.lexicon.place(piece) is None and not _name(self.lexicon).match(piece):
                conflict.remarks.append(self._piece(text, span.start - offset, len(text), offset))
                return
            conflict.control_changes.append(ControlChange(actor, self.place(piece, span), span))

    def _sequel(self, text: str, span: Span) -> Entity | None:
        """ "Culmination in the battle of Aleppo city": the conflict this one led to."""
        for cue in self.lexicon.cue_phrases("followed-by"):
            found = re.match(rf"{re.escape(cue)}\s+", text, re.IGNORECASE)
            if found:
                name = _strip_article(text[found.end() :])
                label = _capitalised(name)
                start = span.end - len(name)
                return Entity("conflict/" + slugify(label), label, name, Span(start, span.end))
        return None

    @staticmethod
    def _piece(text: str, start: int, end: int, offset: int) -> tuple[str, Span]:
        chunk = text[start:end]
        core = chunk.strip(" ,.")
        begin = offset + start + chunk.index(core)
        return core, Span(begin, begin + len(core))

    # --- sides -----------------------------------------------------------------

    def side(self, number: int, field: Field) -> Side:
        side = self.sides.setdefault(number, Side(number))
        side.spans.append(field.value_span)
        return side

    def organization(self, written: str, span: Span, qualifier: str | None = None) -> Organization:
        return self.names.organization(written, span, qualifier)

    def _combatants(self, conflict: Conflict, field: Field, number: int | None) -> None:
        side = self.side(number or 1, field)
        offset = field.value_span.start
        for part, part_span in items(field.value, offset, _FACTION_SEPARATOR):
            faction = tuple(self.organization(t, s) for t, s in items(part, part_span.start))
            if faction:
                side.factions.append(faction)

    def _commanders(self, conflict: Conflict, field: Field, number: int | None) -> None:
        side = self.side(number or 1, field)
        for text, span in items(field.value, field.value_span.start):
            if self.lexicon.cue_meaning(text, "unknown"):
                side.commanders_unknown = True
                continue
            try:
                side.commanders.append(self._commander(text, span, field))
            except InputError as error:
                self._skip(text, error)

    def _commander(self, text: str, span: Span, field: Field) -> Commander:
        """ "1st Lt. Rifaat Khalil KIA (Free North Brigade)" -> rank, name, fate, unit."""
        fate = None
        for marker in sorted(self.lexicon.fates, key=len, reverse=True):
            pattern = rf"(?<!\w){re.escape(marker)}(?!\w)"
            if re.search(pattern, text):
                fate = self.lexicon.fates[marker].slug
                text = re.sub(pattern, " ", text)
                break
        unit = None
        paren = _PARENTHESIS.search(text)
        if paren:
            unit_text = paren.group(1).strip()
            unit = self.organization(unit_text, self._within(unit_text, span))
            text = text[: paren.start()] + text[paren.end() :]
        rank_written, name = self._rank(" ".join(text.split()))
        if not name:
            raise InputError(self._where(field), "a commander with no name")
        rank = slugify(self.lexicon.ranks[rank_written]) if rank_written else None
        person = Entity("person/" + slugify(name), name, name, self._within(name, span))
        return Commander(person, rank, rank_written, fate, unit, span)

    def _within(self, name: str, item: Span) -> Span:
        """Where ``name`` is written inside ``item``, whatever the spacing between its words.

        A name cleaned of a rank or fate marker ("Hassan KIA Darwish") may not be written
        in one piece; its span is then the whole item, so the provenance still holds it.
        """
        words = r"\s+".join(map(re.escape, name.split()))
        found = re.search(words, item.slice(self.article.text)) if words else None
        if found is None:
            return item
        return Span(item.start + found.start(), item.start + found.end())

    def _rank(self, text: str) -> tuple[str | None, str]:
        for written in sorted(self.lexicon.ranks, key=len, reverse=True):
            if text.startswith(written + " "):
                return written, text[len(written) :].strip()
        return None, text

    def _units(self, conflict: Conflict, field: Field, number: int | None) -> None:
        """Asterisk nesting -> a tree: ``*`` is depth 1, ``**`` (or ``* *``) depth 2..."""
        side = self.side(number or 1, field)
        stack: list[Unit] = []
        for raw, span in self._unit_items(field):
            depth = _NESTING.match(raw).group(0).count("*")
            while stack and stack[-1].depth >= depth:
                stack.pop()
            qualifier = next(
                (
                    u.organization.entity.key
                    for u in reversed(stack)
                    if not is_numbered(u.organization.entity.label)
                ),
                None,
            )
            org = self.organization(raw.lstrip(" *"), span, qualifier)
            parent = stack[-1].organization if stack else self._top_parent(side, org)
            unit = Unit(org, parent, depth)
            side.units.append(unit)
            stack.append(unit)

    def _unit_items(self, field: Field) -> Iterator[tuple[str, Span]]:
        """Unit list items with their leading asterisks kept (they carry the nesting)."""
        value, offset = field.value, field.value_span.start
        for match in re.finditer(r"[^,]+", value):
            raw = match.group(0).strip()
            name = raw.lstrip(" *").strip(_ITEM_JUNK)
            if name:
                start = offset + match.start() + match.group(0).index(name)
                yield raw.rstrip(_ITEM_JUNK), Span(start, start + len(name))

    @staticmethod
    def _top_parent(side: Side, org: Organization) -> Organization | None:
        """A top-level unit belongs to its side's combatant when the side has just one."""
        combatants = side.combatants
        if any(c.entity.key == org.entity.key for c in combatants) or len(combatants) != 1:
            return None
        return combatants[0]

    def _strengths(self, conflict: Conflict, field: Field, number: int | None) -> None:
        side = self.side(number or 1, field)
        side.figures.extend(self._figures(field, "strength"))

    def _casualties(self, conflict: Conflict, field: Field, number: int | None) -> None:
        """CasualtiesN of a side that exists is that side's; a further one is the conflict's."""
        if number in self._combatant_numbers():
            side = self.side(number, field)
            side.figures.extend(self._figures(field, "loss"))
        else:
            conflict.figures.extend(self._figures(field, "loss"))
            conflict.spans.append(field.value_span)

    def _combatant_numbers(self) -> set[int | None]:
        names = (self._field_name(f) for f in self.article.fields)
        return {number for name, number in names if name == "combatant"}

    def _figures(self, field: Field, kind: str) -> list[Figure]:
        """The figures of a list; an asterisked item ("25,000 fighters, * 2,500 Al-Nusra
        fighters") is part of the last figure above it with fewer asterisks."""
        figures: list[Figure] = []
        stack: list[tuple[int, Figure]] = []
        for text, span in items(field.value, field.value_span.start):
            if self.lexicon.cue_meaning(text, "unknown"):
                continue
            previous = figures[-1].category if figures else "people"
            try:
                figure = self._figure(text, span, kind, field, previous)
            except InputError as error:
                self._skip(text, error)
                continue
            depth = _depth(field.value[: span.start - field.value_span.start])
            while stack and stack[-1][0] >= depth:
                stack.pop()
            figure = replace(figure, part_of=stack[-1][1] if stack else None)
            figures.append(figure)
            stack.append((depth, figure))
        return figures

    def _figure(self, text: str, span: Span, kind: str, field: Field, previous: str) -> Figure:
        """ "1 Su-22 jet bomber shot down (opposition claims)" -> a typed figure.

        With no noun ("35 rebels killed, 80 wounded") the previous item's noun is meant.
        """
        source = None
        paren = _PARENTHESIS.search(text)
        body = text
        if paren:
            phrase = self.lexicon.source_phrases.get(fold(paren.group(1)))
            if phrase:
                concept = self.lexicon.sources[phrase]
                source = Entity("source/" + phrase, concept.label, paren.group(1), span)
            body = (text[: paren.start()] + text[paren.end() :]).strip()
        read = self.quantities.read(body, self._where(field))
        if read is None:
            raise InputError(self._where(field), "no number in it")
        quantity, rest = read
        outcome, rest = self._outcome(rest) if kind == "loss" else (None, rest)
        if kind == "loss" and outcome is None:
            raise InputError(self._where(field), "a loss with no outcome (killed, wounded...)")
        equipment, category, organization = (
            self._noun_phrase(rest, span, field) if rest else (None, previous, None)
        )
        return Figure(
            kind, quantity, category, outcome, text, span, equipment, organization, source
        )

    def _outcome(self, text: str) -> tuple[str | None, str]:
        phrases = self.lexicon.outcome_phrases
        for phrase in sorted(phrases, key=len, reverse=True):
            found = re.search(rf"\s*\b{re.escape(phrase)}$", text, re.IGNORECASE)
            if found:
                return phrases[phrase], text[: found.start()].strip()
        return None, text

    def _noun_phrase(self, text: str, span: Span, field: Field):
        """ "Su-22 jet bomber" -> (Su-22, jet-bomber, None); "Al-Nusra fighters" -> org."""
        words = text.split()
        equipment = words.pop(0) if words and _EQUIPMENT.match(words[0]) else None
        for start in range(len(words)):
            category = self.lexicon.category_forms.get(fold(" ".join(words[start:])))
            if category:
                organization = self._qualifier(words[:start], span)
                return equipment, category, organization
        self._warn(field, f"unknown counted noun {text!r}: kept under its own name")
        return equipment, slugify(text) or "unknown", None

    def _qualifier(self, words: list[str], span: Span) -> Organization | None:
        """Words before the counted noun that name a known group ("Al-Nusra fighters")."""
        if not words:
            return None
        name = " ".join(words)
        if self.lexicon.organization(name) is None:
            return None
        return self.organization(name, self._within(name, span))


@cache
def _name(lexicon: Lexicon) -> re.Pattern[str]:
    """A whole item that is a name: capitalised words, any of them after an Arabic article."""
    word = rf"(?:{lexicon.particle})?[A-Z][\w'’-]*"
    return re.compile(rf"^{word}(?:\s+{word})*$")


def _depth(before: str) -> int:
    """Nesting depth of the list item that follows ``before``: the asterisks right before it."""
    return re.search(r"[\s*]*$", before).group(0).count("*")


def _capitalised(name: str) -> str:
    """A conflict's label from running text: "battle of Aleppo city" -> "Battle of Aleppo city"."""
    return name[:1].upper() + name[1:]


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip())
