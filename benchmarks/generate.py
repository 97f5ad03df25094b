"""Write synthetic conflict articles in the project's plain-text format, for the scale benchmark.

Usage: python benchmarks/generate.py COUNT FOLDER [--seed N]

The bundled corpus is one article; building 100, 1,000 or 10,000 needs articles that look like
it (an infobox, a lead, sections of dated event sentences) without copying it. Every name is
built from the syllables and word tables in ``benchmarks/data/generator.json``, and the
sentences come from templates there that the event reader recognises. The corpus is generated
in one pass with one ``random.Random(seed)``: the same seed gives the same files, and the first
N articles of a larger corpus are the N articles of a smaller one.

Some entities are shared on purpose, because a scale benchmark must exercise the merging of one
entity told by many articles: a fixed pool of towns, brigades, commanders and army divisions is
drawn first, and each article takes part of its cast from it; real entities the lexicon knows
(governorates and Aleppo towns of ``places.tsv``, the Free Syrian Army, the Syrian Army,
Al-Nusra Front...) recur too. A shared entity keeps what the shapes allow only once (a town's
governorate, a brigade's parent). Everything else is fresh and unique in the corpus.

Template slots: ``{When}`` the date phrase; ``{place}`` the event's place; ``{n}``, ``{n2}``
small counts, ``{m}`` a larger one, ``{k}``, ``{k2}`` materiel (2 or more), ``{c}`` children
(no more than ``{n}``), ``{crowd}`` a crowd (digits); ``{rebels}``, ``{army}`` actors as the
prose names them; ``{commander}`` a commander of the rebel side; ``{source}`` who reports it,
or nothing. Small counts are written in words or digits at random. A template marked
``region`` also reads well with a governorate's countryside as its place.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from aleppo_kg.lexicon import Lexicon, fold, load_lexicon, read_table
from aleppo_kg.resources import data_path
from aleppo_kg.text.slugs import slugify

TABLES = Path(__file__).resolve().parent / "data" / "generator.json"
FIRST_DAY = date(2011, 3, 15)
LAST_BEGIN = date(2016, 6, 30)
# Pool sizes are fixed, so that a larger corpus repeats shared entities more often, as a
# real corpus about one war does, and so that a smaller corpus is a prefix of a larger one.
POOL_TOWNS = 50  # per governorate
POOL_BRIGADES = 80
POOL_REBEL_COMMANDERS = 80
POOL_OFFICERS = 50
POOL_DIVISIONS = 14
_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_AIRCRAFT = [("Mi-8", "helicopter"), ("Mi-17", "helicopter"), ("Mi-25", "helicopter"),
             ("MiG-21", "jet"), ("MiG-23", "jet"), ("Su-22", "jet bomber"),
             ("L-39", "jet")]  # fmt: skip
_FATES = ["KIA", "KIA", "†", "WIA", "(POW)"]


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article, and the types of the events its prose tells, in order."""

    stem: str
    title: str
    text: str
    event_types: tuple[str, ...]  # what the reader should find: one ACLED type per event

    @property
    def events(self) -> int:
        return len(self.event_types)


@dataclass(frozen=True)
class Town:
    """A place an article names; ``key`` is the IRI path the extractor will give it."""

    name: str
    key: str
    spellings: tuple[str, ...] = ()  # a real town's aliases

    def written(self, rng: random.Random) -> str:
        """A real town is sometimes written under an alias, as real articles do."""
        return rng.choice(self.spellings) if self.spellings and rng.random() < 0.3 else self.name


@dataclass(frozen=True)
class Governorate:
    """A governorate of the gazetteer, its countryside as the prose names it, its real towns."""

    label: str
    short: str
    countryside: Town
    towns: tuple[Town, ...]


@dataclass(frozen=True)
class Person:
    rank: str  # "" for a nom de guerre
    name: str

    @property
    def written(self) -> str:
        return f"{self.rank} {self.name}".strip()


@dataclass(frozen=True)
class Brigade:
    """A rebel group; a shared one keeps one parent, so its place in the hierarchy is stable."""

    name: str
    parent: str | None


@dataclass(frozen=True)
class Division:
    """An army division and the brigades that always belong to it."""

    name: str
    brigades: tuple[str, ...]


@dataclass
class _Side:
    """One side of an article's infobox, as the text of its lines."""

    factions: list[list[str]]
    commanders: list[str] = field(default_factory=list)
    named: list[Person] = field(default_factory=list)
    units: str = ""
    strength: str = ""
    casualties: str = ""


@dataclass
class _Event:
    """A planned event: its day, how its date is written, where it happens, its template."""

    day: date
    relative: int = 0  # days after the event before it ("The following day"), or 0
    part: str = ""  # "early", "mid", "late" or "month": a date vaguer than a day
    place: Town | None = None
    template: dict | None = None

    @property
    def earliest(self) -> date:
        """The first day the written date can mean: the day the extractor keys the event by."""
        first = {"month": 1, "early": 1, "mid": 11, "late": 21}
        return self.day.replace(day=first[self.part]) if self.part else self.day

    @property
    def window_end(self) -> date:
        """The last day the written date can mean."""
        last = calendar.monthrange(self.day.year, self.day.month)[1]
        ends = {"early": 10, "mid": 20, "late": last, "month": last}
        return self.day.replace(day=ends[self.part]) if self.part else self.day


def generate(count: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``count`` articles as (file stem, article text); the same seed gives the same articles."""
    for article in articles(count, seed):
        yield article.stem, article.text


def articles(count: int, seed: int = 0) -> Iterator[SyntheticArticle]:
    """``count`` articles with the events each tells, for tests that check the reader."""
    corpus = _Corpus(seed)
    for _ in range(count):
        yield _Article(corpus).write()


def write_corpus(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``<stem>.txt`` files into ``folder`` (created if needed); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for stem, text in generate(count, seed):
        path = folder / f"{stem}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _governorates(lexicon: Lexicon) -> list[Governorate]:
    """The gazetteer's governorates, with their real towns and villages."""
    out = []
    for key, place in lexicon.places.items():
        if place.place_type != "governorate":
            continue
        short = place.label.removesuffix(" Governorate")
        countryside = f"{short} countryside"
        if lexicon.place(countryside) is None:
            countryside = place.label
        towns = tuple(
            Town(p.label, p.key, p.aliases)
            for p in lexicon.places.values()
            if p.parent == key and p.place_type in ("town", "village")
        )
        out.append(Governorate(place.label, short, Town(f"the {countryside}", key), towns))
    return out


class _Names:
    """Names that mean nothing to the extractor, never handed out twice."""

    def __init__(self, rng: random.Random, tables: dict, lexicon: Lexicon) -> None:
        self.rng = rng
        self.tables = tables["names"]
        self.lexicon = lexicon
        self.used: set[str] = set()
        cues = read_table(data_path("lexicon", "event_cues.tsv"))
        self.cues = [re.compile(rf"\b{row['cue']}\b", re.IGNORECASE) for row in cues]
        self.words = {
            *lexicon.months,
            *lexicon.number_words,
            *lexicon.category_forms,
            *lexicon.source_phrases,
            *(fold(p) for p in lexicon.outcome_phrases),
            *(fold(p) for p in lexicon.quantifier_phrases),
            *(fold(c) for c, _ in lexicon.cues),
        }

    def claim(self, name: str) -> bool:
        """Take ``name`` unless it is taken or means something to the reader.

        A generated town called "Mortar" would make every sentence about it a shelling, and
        one called "Mar" would be a month; a lone word in -ian/-ese/-ish reads as a demonym.
        """
        folded = fold(name)
        words = folded.split()
        if (
            folded in self.used
            or (len(words) == 1 and folded.endswith(("ian", "ese", "ish")))
            or any(w in self.words for w in words)
            or self.lexicon.place(name)
            or self.lexicon.organization(name)
            or any(c.search(name) for c in self.cues)
        ):
            return False
        self.used.add(folded)
        return True

    def claimed(self, make: Callable[[], str]) -> str:
        """The first name ``make()`` gives that is free."""
        while True:
            name = make()
            if self.claim(name):
                return name

    def root(self) -> str:
        """Two or three syllables and an ending: "Qarmit", "Hazuna", "Dibwawi"."""
        t, rng = self.tables, self.rng
        text = rng.choice(t["onsets"]) + rng.choice(t["first_vowels"])
        text += rng.choice(t["middle_codas"])
        for _ in range(rng.choice([1, 1, 1, 2])):
            text += rng.choice(t["inner_onsets"]) + rng.choice(t["inner_vowels"])
        return (text + rng.choice(t["endings"])).capitalize()

    def town(self) -> str:
        """ "Kafr Qarmit", "Tell al-Hazuna", "Dibwawi al-Jadida" or a bare root."""
        t, rng = self.tables, self.rng

        def make() -> str:
            shape, root = rng.random(), self.root()
            if shape < 0.45:
                return f"{rng.choice(t['place_prefixes'])} {root}"
            if shape < 0.6:
                return f"{rng.choice(t['place_prefixes'])} al-{root}"
            if shape < 0.75:
                return f"{root} {rng.choice(t['place_suffixes'])}"
            return root

        return self.claimed(make)

    def person(self, ranks: list[str], nickname: bool) -> Person:
        """A commander; a rebel may go by a nom de guerre and no rank ("Abu Rami al-Homsi")."""
        rng = self.rng
        while True:
            given = rng.choice(self.tables["given"])
            root = self.root()
            if nickname:
                nisba = root if root.endswith(("a", "i", "u")) else f"{root}i"
                person = Person("", f"Abu {given} al-{nisba}")
            else:
                family = f"al-{root}" if rng.random() < 0.25 else root
                person = Person(rng.choice(ranks), f"{given} {family}")
            if self.claim(person.name):
                return person


class _Corpus:
    """What lasts from one article to the next: the pools, the names and titles used."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.tables = json.loads(TABLES.read_text(encoding="utf-8"))
        lexicon = load_lexicon()
        self.names = _Names(self.rng, self.tables, lexicon)
        self.governorates = _governorates(lexicon)
        self.titles: set[str] = set()
        # The extractor keys an event by day, type and place, not by article: two articles
        # with events on one day in one place would make one event with two sets of figures.
        self.busy: set[tuple[date, str]] = set()
        self.pool_towns = {
            g.label: [self.fresh_town() for _ in range(POOL_TOWNS)] for g in self.governorates
        }
        self.pool_brigades = [self.brigade(None) for _ in range(POOL_BRIGADES)]
        ranks = self.tables["ranks"]
        self.pool_rebels = [
            self.names.person(ranks["rebel"], self.rng.random() < 0.2)
            for _ in range(POOL_REBEL_COMMANDERS)
        ]
        self.pool_officers = [
            self.names.person(ranks["government"], False) for _ in range(POOL_OFFICERS)
        ]
        self.shared_people = set(self.pool_rebels + self.pool_officers)
        self.divisions = self.army_divisions()

    def fresh_town(self) -> Town:
        name = self.names.town()
        return Town(name, slugify(name))

    def town(self, governorate: Governorate, shared: float) -> Town:
        """A town from the shared pool (with probability ``shared``), a real one, or a fresh one."""
        draw = self.rng.random()
        if draw < shared:
            return self.rng.choice(self.pool_towns[governorate.label])
        if draw < shared + 0.12 and governorate.towns:
            return self.rng.choice(governorate.towns)
        return self.fresh_town()

    def brigade(self, town: Town | None) -> Brigade:
        """ "Liwa Suqur al-Ghab", "Northern Storm Brigade" or "<Town> Military Council".

        The word lists alone give about a thousand names; a generated "al-<root>" keeps the
        supply endless, so a corpus of any size still gets fresh brigades.
        """
        b, rng = self.tables["brigades"], self.rng

        def make() -> str:
            shape = rng.random()
            if town is not None and shape < 0.25:
                return f"{town.name} {rng.choice(b['town_kinds'])}"
            if shape < 0.7:
                word = rng.choice(b["words"]) if rng.random() < 0.5 else f"al-{self.names.root()}"
                return " ".join(
                    w for w in (rng.choice(b["heads"]), rng.choice(b["epithets"]), word) if w
                )
            return " ".join(rng.choice(b[k]) for k in ("adjectives", "nouns", "kinds"))

        parent = "Free Syrian Army" if rng.random() < 0.6 else None
        return Brigade(self.names.claimed(make), parent)

    def army_divisions(self) -> list[Division]:
        """Numbered divisions, each with three brigades of its own (the same in every article)."""
        g, rng = self.tables["government"], self.rng
        brigade_numbers = iter(rng.sample(range(30, 160), POOL_DIVISIONS * 3))
        return [
            Division(
                f"{_ordinal(number)} {rng.choice(g['divisions'])}",
                tuple(
                    f"{_ordinal(next(brigade_numbers))} {rng.choice(g['brigades'])}"
                    for _ in range(3)
                ),
            )
            for number in sorted(rng.sample(range(1, 19), POOL_DIVISIONS))
        ]


class _Article:
    """One article: its conflict, its cast, its infobox and its prose."""

    def __init__(self, corpus: _Corpus) -> None:
        self.corpus = corpus
        self.rng = rng = corpus.rng
        self.tables = corpus.tables
        self.governorate = rng.choice(corpus.governorates)
        self.kind = rng.choice(self.tables["conflict"]["kinds"])
        self.us_dates = rng.random() < 0.2
        self.date_text, self.begin, self.end = self.dates()
        self.town = self.main_town()
        self.title = f"{self.begin.year} {self.town.name} {self.kind}"
        corpus.titles.add(slugify(self.title))
        others = [corpus.town(self.governorate, 0.4) for _ in range(rng.randint(3, 6))]
        self.places = [self.town, *{t.key: t for t in others if t.key != self.town.key}.values()]
        self.attacker = rng.choice(["rebel", "government"])
        defender = "government" if self.attacker == "rebel" else "rebel"
        self.winner = rng.choices([self.attacker, defender, "none"], [55, 30, 15])[0]
        self.rebel = self.rebel_side()
        self.government = self.government_side()
        self.third = self.third_side() if rng.random() < 0.15 else None

    def write(self) -> SyntheticArticle:
        events = self.plan()
        body = self.sections(events)  # before the infobox: it may add a town to the cast
        lines = [f"= {self.title} =", "", "Infobox", *self.infobox(), "", self.lead(), "", *body]
        return SyntheticArticle(
            self.title.replace(" ", "_"),
            self.title,
            "\n".join(lines) + "\n",
            tuple(e.template["type"] for e in events),
        )

    # --- the conflict ------------------------------------------------------------------

    def dates(self) -> tuple[str, date, date]:
        """The Date line in one of the styles real infoboxes use, and the range it means."""
        rng = self.rng
        begin = FIRST_DAY + timedelta(days=rng.randrange((LAST_BEGIN - FIRST_DAY).days))
        end = begin + timedelta(days=rng.randint(30, 420))
        same_year = begin.year == end.year
        if rng.random() < 0.2:  # "May – July 2013": whole months
            begin = begin.replace(day=1)
            end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
            first = _month(begin) if same_year else f"{_month(begin)} {begin.year}"
            text = f"{first} – {_month(end)} {end.year}"
        elif self.us_dates:  # "March 5 – June 2, 2012"
            first = f"{_month(begin)} {begin.day}" + ("" if same_year else f", {begin.year}")
            text = f"{first} – {_month(end)} {end.day}, {end.year}"
        else:  # "8 September 2011 – 27 March 2012", "14 March – 29 October 2012"
            first = f"{begin.day} {_month(begin)}" + ("" if same_year else f" {begin.year}")
            text = f"{first} – {end.day} {_month(end)} {end.year}"
        if rng.random() < 0.2:
            text += f" ({max(1, round((end - begin).days / 30))} months)"
        return text, begin, end

    def main_town(self) -> Town:
        """The town of the title; a shared town may name conflicts of other years or kinds."""
        while True:
            town = self.corpus.town(self.governorate, 0.25)
            if slugify(f"{self.begin.year} {town.name} {self.kind}") not in self.corpus.titles:
                return town

    def lead(self) -> str:
        """A lead that names the conflict, so the reader takes it as a summary, not an event."""
        conflict = self.tables["conflict"]
        side1, side2 = "rebels", "government forces"
        if self.attacker == "government":
            side1, side2 = side2, side1
        first = self.rng.choice(conflict["leads"][self.kind]).format(
            title=self.title,
            town=self.town.name,
            short=self.governorate.short,
            attacker=self.attacker,
            result=conflict["result_phrases"][self.winner],
            side1=side1,
            side2=side2,
        )
        return f"{first} {self.rng.choice(conflict['lead_closers'])}"

    # --- the sides ---------------------------------------------------------------------

    def person(self, pool: list[Person], ranks: str, nickname: float) -> Person:
        if self.rng.random() < 0.4:
            return self.rng.choice(pool)
        return self.corpus.names.person(self.tables["ranks"][ranks], self.rng.random() < nickname)

    def commanders(self, side: _Side, people: list[Person], units: list[str]) -> None:
        """Commander lines: rank and name, sometimes a fate marker or a unit in parentheses.

        A shared commander is never killed or captured: other articles still have him.
        """
        for person in dict.fromkeys(people):
            line = person.written
            if person not in self.corpus.shared_people and self.rng.random() < 0.15:
                line += f" {self.rng.choice(_FATES)}"
            if units and self.rng.random() < 0.3:
                line += f" ({self.rng.choice(units)})"
            side.commanders.append(line)
            side.named.append(person)

    def rebel_side(self) -> _Side:
        rng, corpus = self.rng, self.corpus
        brigades: list[Brigade] = []
        for _ in range(rng.randint(1, 3)):
            shared = rng.random() < 0.5
            brigade = (
                rng.choice(corpus.pool_brigades)
                if shared
                else corpus.brigade(rng.choice(self.places))
            )
            if brigade not in brigades:
                brigades.append(brigade)
        leader = rng.choice(self.tables["actors"]["rebel_combatants"])
        factions = [[leader, brigades[0].name] if rng.random() < 0.35 else [leader]]
        if leader != "Al-Nusra Front" and rng.random() < 0.25:
            factions.append(["Al-Nusra Front"])
        side = _Side(factions)
        people = [self.person(corpus.pool_rebels, "rebel", 0.2) for _ in range(rng.randint(1, 3))]
        self.commanders(side, people, [b.name for b in brigades])
        under = [f"*{b.name}" for b in brigades if b.parent == leader]
        alone = [b.name for b in brigades if b.parent != leader]
        side.units = ", ".join(([leader, *under] if under else []) + alone)
        side.strength = self.strength("fighters", ["technicals"])
        side.casualties = self.casualties(["fighters", "rebels"], ["technicals", "tanks"])
        return side

    def government_side(self) -> _Side:
        rng = self.rng
        actors = self.tables["actors"]
        factions = [[rng.choice(actors["government_combatants"])]]
        if rng.random() < 0.2:
            factions.append([rng.choice(actors["pro_government"])])
        side = _Side(factions)
        tree = [(0, actors["government_top"])]  # (depth, name)
        shown = []
        for division in rng.sample(self.corpus.divisions, rng.randint(1, 2)):
            tree.append((1, division.name))
            shown.append(division.name)
            for name in rng.sample(division.brigades, rng.randint(0, 2)):
                tree.append((2, name))
                shown.append(name)
        if rng.random() < 0.3:  # a town's militia: the same one in every article of its town
            kind = rng.choice(self.tables["brigades"]["militia_kinds"])
            tree.append((1, f"{rng.choice(self.places).name} {kind}"))
        if rng.random() < 0.35:  # the whole armed forces: the air force beside the army
            air_unit = rng.choice(self.tables["government"]["air_units"])
            air = f"{_ordinal(rng.randint(1, 30))} {air_unit}"
            tree = [(0, "Syrian Armed Forces"), *((d + 1, n) for d, n in tree)]
            tree += [(1, actors["air_force"]), (2, air)]
        side.units = ", ".join(_stars(depth, rng) + name for depth, name in tree)
        if rng.random() < 0.12:
            side.commanders.append("Unknown")
        else:
            count = rng.randint(1, 3)
            people = [self.person(self.corpus.pool_officers, "government", 0) for _ in range(count)]
            self.commanders(side, people, shown)
        side.strength = self.strength("soldiers", ["tanks", "armoured vehicles"])
        side.casualties = self.casualties(["soldiers"], ["tanks", "armoured vehicles"], air=True)
        return side

    def third_side(self) -> _Side | None:
        """A group fighting on its own: Al-Nusra Front, or the YPG where it fought."""
        taken = {name for faction in self.rebel.factions for name in faction}
        label = self.governorate.label
        parties = [
            p
            for p in self.tables["actors"]["third_parties"]
            if p["name"] not in taken and label in p.get("governorates", [label])
        ]
        if not parties:
            return None
        party = self.rng.choice(parties)
        side = _Side([[party["name"]]], commanders=["Unknown"])
        side.strength = f"{self.rng.randint(2, 9) * 100}+ {party['qualifier']} fighters"
        side.casualties = self.casualties(["fighters"], [])
        return side

    def strength(self, people: str, materiel: list[str]) -> str:
        """ "6,000 fighters", "3,000–5,000", "2,500 - 3,000", "400+", "about 1,200"."""
        rng = self.rng
        low = rng.randint(5, 120) * 100
        high = low + rng.randint(5, 40) * 100
        first = rng.choice(
            [f"{low:,}–{high:,}", f"{low:,} - {high:,}", f"{low:,}+", f"about {low:,}", f"{low:,}"]
        )
        text = f"{first} {people}"
        if materiel and rng.random() < 0.5:
            text += f", {rng.randint(2, 300)} {rng.choice(materiel)}"
        return text

    def casualties(self, people: list[str], materiel: list[str], air: bool = False) -> str:
        """Killed, wounded, captured, materiel lost, a source in parentheses; or "Unknown"."""
        rng = self.rng
        if rng.random() < 0.1:
            return "Unknown"
        noun = rng.choice(people)
        killed = f"{rng.randint(12, 900):,} {noun} killed"
        if rng.random() < 0.3:
            killed = f"{rng.choice(['over', 'at least', 'more than'])} {killed}"
        if rng.random() < 0.25:
            killed += f" ({rng.choice(['opposition claims', 'government claims', 'SOHR'])})"
        items = [killed]
        if rng.random() < 0.4:
            items.append(f"{rng.randint(10, 400)} wounded")
        if rng.random() < 0.35:
            items.append(f"{rng.randint(3, 200)} {noun} captured")
        if materiel and rng.random() < 0.5:
            items.append(f"{rng.randint(2, 60)} {rng.choice(materiel)} destroyed")
        if air and rng.random() < 0.25:
            model, kind = rng.choice(_AIRCRAFT)
            items.append(f"1 {model} {kind} shot down")
        return ", ".join(items)

    # --- the infobox -------------------------------------------------------------------

    def infobox(self) -> list[str]:
        rng = self.rng
        conflict = self.tables["conflict"]
        sides = [self.rebel, self.government]
        if self.attacker == "government":
            sides.reverse()
        if self.third:
            sides.append(self.third)
        part_of = rng.choice(conflict["part_of"]).format(short=self.governorate.short)
        place = f"{self.governorate.label}, Syria"
        if rng.random() < 0.6:
            place = f"{self.town.name}, {place}"
        lines = [
            f"- Conflict: {self.title}",
            f"- {rng.choice(['Partof', 'Partof', 'Part of'])}: {part_of}",
            f"- Date: {self.date_text}",
            f"- {rng.choice(['Place', 'Place', 'Location'])}: {place}",
        ]
        territory = self.territory()
        if territory:
            lines.append(f"- Territory: {territory}")
        lines.append(f"- Result: {rng.choice(conflict['results'][self.winner])}")
        for number, side in enumerate(sides, start=1):
            factions = side.factions
            bullet = "* " if rng.random() < 0.3 else ""
            value = "<hr>".join(", ".join(f"{bullet}{n}" for n in f) for f in factions)
            lines.append(f"- Combatant{number}: {value}")
        for number, side in enumerate(sides, start=1):
            lines.append(f"- Commander{number}: {', '.join(side.commanders)}")
        for key in ("units", "strength", "casualties"):
            for number, side in enumerate(sides, start=1):
                if getattr(side, key):
                    lines.append(f"- {key.capitalize()}{number}: {getattr(side, key)}")
        if rng.random() < 0.6:
            low = rng.randint(2, 30) * 10
            civilians = rng.choice(
                [f"at least {low}", f"{low}+", f"{low}–{low + rng.randint(1, 20) * 10}"]
            )
            lines.append(f"- Casualties{len(sides) + 1}: {civilians} civilians killed")
        return lines

    def territory(self) -> str | None:
        """ "<actor> takes control of A, B and C" for the winner, sometimes a second clause."""
        if self.winner == "none" or self.rng.random() < 0.3:
            return None
        side = self.rebel if self.winner == "rebel" else self.government
        actor = side.factions[0][0]
        if actor == "Syrian Government":
            actor = "Syrian Army"
        towns = self.rng.sample(self.places, min(len(self.places), self.rng.randint(1, 3)))
        clauses = [f"{actor} takes control of {_and([t.name for t in towns])}"]
        rest = [t for t in self.places if t not in towns]
        if self.third and rest and self.rng.random() < 0.5:
            clauses.append(f"{self.third.factions[0][0]} takes control of {rest[0].name}")
        return ", ".join(clauses)

    # --- the prose ---------------------------------------------------------------------

    def plan(self) -> list[_Event]:
        """6 to 15 events on distinct days of the conflict, each at a place free that day."""
        rng = self.rng
        span = (self.end - self.begin).days
        count = min(rng.randint(6, 15), span // 3)
        days = sorted(self.begin + timedelta(days=d) for d in rng.sample(range(span + 1), count))
        events = [_Event(day) for day in days]
        for index in range(1, len(events)):  # some events follow the one before by a day or two
            event, before = events[index], events[index - 1]
            later = events[index + 1].day if index + 1 < len(events) else self.end
            gap = rng.randint(1, 3)
            if rng.random() < 0.15 and before.day + timedelta(days=gap) < later:
                event.day, event.relative = before.day + timedelta(days=gap), gap
        for index, event in enumerate(events):
            counted_from = index + 1 < len(events) and events[index + 1].relative
            if not event.relative and not counted_from and rng.random() < 0.2:
                event.part = rng.choice(["early", "mid", "late", "month"])
                previous = events[index - 1].day if index else self.begin - timedelta(days=1)
                following = events[index + 1].day if index + 1 < len(events) else self.end
                if not previous < event.earliest <= event.window_end < following:
                    event.part = ""  # the vaguer date would overlap its neighbours
            event.template = self.template()
            event.place = self.free_place(event)
        return events

    def template(self) -> dict:
        """A template whose slots this article can fill (a commander needs a named rebel one)."""
        while True:
            template = self.rng.choice(self.tables["events"])
            if "{commander}" not in " ".join(template["text"]) or self.rebel.named:
                return template

    def free_place(self, event: _Event) -> Town:
        """A place with no event that day in the corpus, the title's town most often.

        Sometimes the governorate's countryside, where the template reads well with it; a
        fresh town joins the cast when every place is taken that day.
        """
        region = self.governorate.countryside
        candidates = [region] if event.template.get("region") and self.rng.random() < 0.2 else []
        weights = [3] + [1] * (len(self.places) - 1)
        candidates += self.rng.sample(self.places, len(self.places), counts=weights)
        day = event.earliest
        town = next((t for t in candidates if (day, t.key) not in self.corpus.busy), None)
        if town is None:
            town = self.corpus.fresh_town()
            self.places.append(town)
        self.corpus.busy.add((day, town.key))
        return town

    def sections(self, events: list[_Event]) -> list[str]:
        """2 to 4 sections in time order, paragraphs of 1 to 3 events, an occasional remark.

        An event dated from the one before ("The following day") stays in its paragraph.
        """
        rng = self.rng
        titles = self.tables["sections"]
        allowed = [i for i in range(1, len(events)) if not events[i].relative]
        count = min(rng.randint(2, 4), len(allowed) + 1)
        cuts = sorted(rng.sample(allowed, count - 1))
        middle = rng.sample(titles["middle"], max(0, count - 2))
        headings = [rng.choice(titles["opening"]), *middle, rng.choice(titles["closing"])][:count]
        names = {"town": self.town.name, "short": self.governorate.short,
                 "kind_title": self.kind.capitalize()}  # fmt: skip
        fillers = rng.sample(self.tables["fillers"], len(self.tables["fillers"]))
        lines: list[str] = []
        year = self.begin.year  # the year the reader has in mind
        bounds = [0, *cuts, len(events)]
        for heading, start, stop in zip(headings, bounds[:-1], bounds[1:], strict=True):
            lines += [f"== {heading.format(**names)} ==", ""]
            paragraph: list[str] = []
            for index in range(start, stop):
                event = events[index]
                if paragraph and not event.relative and (len(paragraph) >= 3 or rng.random() < 0.5):
                    lines += [" ".join(paragraph), ""]
                    paragraph = []
                if not paragraph and fillers and rng.random() < 0.15:
                    paragraph.append(fillers.pop())
                with_year = event.day.year != year or (index == start and rng.random() < 0.5)
                paragraph.append(self.sentences(event, with_year and not event.relative))
                if with_year and not event.relative:
                    year = event.day.year
            lines += [" ".join(paragraph), ""]
        return lines

    def sentences(self, event: _Event, with_year: bool) -> str:
        """The event's template with its slots filled, each sentence capitalised."""
        rng = self.rng
        actors = self.tables["actors"]
        groups = {name for faction in self.rebel.factions for name in faction}
        rebels = list(actors["rebel_subjects"])
        rebels += [f"{g} fighters" for g in ("Free Syrian Army", "Al-Nusra Front") if g in groups]
        killed = rng.randint(2, 30)
        slots = {
            "When": self.when(event, with_year),
            "place": event.place.written(rng),
            "n": self.count(killed),
            "n2": self.count(rng.randint(2, 12)),
            "m": self.count(rng.randint(10, 90)),
            "k": self.count(rng.randint(2, 9)),
            "k2": self.count(rng.randint(2, 6)),
            "c": self.count(rng.randint(2, max(2, killed // 2))),
            "crowd": f"{rng.randint(5, 200) * 100:,}",
            "rebels": rng.choice(rebels),
            "army": rng.choice(actors["government_subjects"]),
            "commander": rng.choice(self.rebel.named).written if self.rebel.named else "",
            "source": rng.choice(["", *self.tables["sources"]]),
        }
        out = [template.format(**slots) for template in event.template["text"]]
        return " ".join(text[0].upper() + text[1:] for text in out)

    def when(self, event: _Event, with_year: bool) -> str:
        """ "On 12 March", "On March 12, 2013", "In mid-May", "During June", "Two days later"."""
        if event.relative:
            return (
                "The following day"
                if event.relative == 1
                else f"{_words(event.relative)} days later".capitalize()
            )
        day, month = event.day, _month(event.day)
        year = f" {day.year}" if with_year else ""
        if event.part == "month":
            return f"During {month}{year}"
        if event.part == "mid":
            return f"In mid-{month}{year}"
        if event.part:
            return f"In {event.part} {month}{year}"
        if self.us_dates:
            return f"On {month} {day.day}{',' if year else ''}{year}"
        return f"On {day.day} {month}{year}"

    def count(self, value: int) -> str:
        return _words(value) if self.rng.random() < 0.5 else str(value)


def _stars(depth: int, rng: random.Random) -> str:
    """Nesting as the real infoboxes write it: "**", sometimes "* *", sometimes "* Name"."""
    if depth == 0:
        return ""
    stars = "* *" if depth == 2 and rng.random() < 0.2 else "*" * depth
    return stars + (" " if rng.random() < 0.3 else "")


def _month(day: date) -> str:
    return calendar.month_name[day.month]


def _ordinal(number: int) -> str:
    teen = 10 <= number % 100 <= 20
    return f"{number}{'th' if teen else {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def _words(number: int) -> str:
    """1 to 99 in words, as the lexicon's number words read them back ("twenty-two")."""
    if number < 10:
        return _UNITS[number]
    if number < 20:
        return _TEENS[number - 10]
    tens, units = divmod(number, 10)
    return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("folder", type=Path, help="where to write the <stem>.txt files")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.folder, args.count, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size:,} bytes, in {args.folder}")


if __name__ == "__main__":
    main()
