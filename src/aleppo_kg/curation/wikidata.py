"""Wikidata for the links table: items by their English Wikipedia page, candidates by label.

``items_by_titles`` asks ``wbgetentities`` for the items whose enwiki sitelink is a
title, with their classes (P31) and, for the classes, their superclasses (P279):
an exact link from a page to its item. For resources without a page,
``wbsearchentities`` finds items whose label matches and the SPARQL endpoint their
types and countries, ranked by label match, type and location. Both are proposals
for a person, never applied. The transport (User-Agent, rate limit, retries, disk
cache) is :class:`aleppo_kg.curation.web.Http`.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from aleppo_kg.curation.web import MAXLAG, Answer, Http, ServiceError, api_error

API_URL = "https://www.wikidata.org/w/api.php"
SPARQL_URL = "https://query.wikidata.org/sparql"
BATCH = 50  # the most titles or ids wbgetentities takes in one request
_QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Item:
    """A Wikidata item: its enwiki page, what it is an instance of and a subclass of."""

    qid: str
    title: str | None
    instance_of: tuple[str, ...]
    subclass_of: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item that might be the resource, with why it ranks where it does."""

    resource: str
    qid: str
    label: str
    description: str
    score: float
    retrieved: date  # the day Wikidata was searched


class Client:
    """Wikidata's Action API and SPARQL endpoint, through one polite HTTP client."""

    def __init__(self, http: Http, api_url: str = API_URL, sparql_url: str = SPARQL_URL) -> None:
        self.http = http
        self.api_url = api_url
        self.sparql_url = sparql_url
        self._items: dict[str, Item] = {}  # by id, asked once per run

    def search(self, label: str) -> Answer[list[dict]]:
        """``wbsearchentities`` hits for an English label, and the day they were found."""
        query = {
            "action": "wbsearchentities",
            "search": label,
            "language": "en",
            "type": "item",
            "limit": "7",
            "format": "json",
            "maxlag": MAXLAG,
        }
        return self.http.get(self._api(query), self._hits)

    def _hits(self, data: object) -> list[dict]:
        hits = data.get("search") if isinstance(data, dict) else None
        if not isinstance(hits, list):
            raise ServiceError(self.api_url, "answer has no 'search' list")
        return [h for h in hits if isinstance(h, dict) and _QID.match(str(h.get("id", "")))]

    def facts(self, qids: list[str]) -> dict[str, list[str]]:
        """English labels of each item's types (P31) and countries (P17), from SPARQL."""
        if not qids:
            return {}
        values = " ".join(f"wd:{q}" for q in qids if _QID.match(q))  # validated ids only
        query = (
            "SELECT ?item ?factLabel WHERE { VALUES ?item { " + values + " } "
            "{ ?item wdt:P31 ?fact } UNION { ?item wdt:P17 ?fact } "
            'SERVICE wikibase:label { bd:serviceParam wikibase:language "en". } }'
        )
        url = f"{self.sparql_url}?{urllib.parse.urlencode({'query': query})}"
        return self.http.get(url, self._facts, "application/sparql-results+json").value

    def _facts(self, data: object) -> dict[str, list[str]]:
        try:
            bindings = data["results"]["bindings"]  # type: ignore[index]
        except (KeyError, TypeError):
            raise ServiceError(self.sparql_url, "answer is not SPARQL JSON results") from None
        facts: dict[str, list[str]] = {}
        for row in bindings:
            qid = row.get("item", {}).get("value", "").rsplit("/", 1)[-1]
            label = row.get("factLabel", {}).get("value")
            if _QID.match(qid) and label:
                facts.setdefault(qid, []).append(label)
        return facts

    def items_by_titles(self, titles: list[str]) -> dict[str, tuple[Item, date]]:
        """The item whose enwiki sitelink is each of ``titles`` (exactly: no redirect is
        followed), with the day Wikidata said so; a title no item links is left out."""
        found: dict[str, tuple[Item, date]] = {}
        for start in range(0, len(titles), BATCH):
            batch = titles[start : start + BATCH]
            query = {"sites": "enwiki", "titles": "|".join(batch), "sitefilter": "enwiki"}
            answer = self.http.get(self._api(_entities_query(query)), self._entities)
            for item in answer.value:
                self._items[item.qid] = item
                if item.title in batch:
                    found[item.title] = (item, answer.retrieved)
        return found

    def reaches(self, classes: Iterable[str], targets: frozenset[str], depth: int = 3) -> bool:
        """Whether ``classes`` or their superclasses (P279), up to ``depth`` steps up, include
        one of ``targets``."""
        frontier, seen = set(classes), set()
        for step in range(depth + 1):
            if frontier & targets:
                return True
            seen |= frontier
            if step == depth or not frontier:
                return False
            parents = self._by_ids(sorted(frontier))
            frontier = {p for item in parents for p in item.subclass_of} - seen
        return False

    def _by_ids(self, qids: list[str]) -> list[Item]:
        """The items (classes) ``qids``, asked in batches unless already known."""
        unknown = [q for q in qids if q not in self._items and _QID.match(q)]
        for start in range(0, len(unknown), BATCH):
            query = {"ids": "|".join(unknown[start : start + BATCH])}
            for item in self.http.get(self._api(_entities_query(query)), self._entities).value:
                self._items[item.qid] = item
        return [self._items[q] for q in qids if q in self._items]

    def _entities(self, data: object) -> list[Item]:
        """The items of a ``wbgetentities`` answer; titles or ids it does not know are left out."""
        entities = data.get("entities") if isinstance(data, dict) else None
        if not isinstance(entities, dict):
            raise ServiceError(self.api_url, api_error(data) or "answer has no 'entities'")
        return [
            _item(entity)
            for entity in entities.values()
            if isinstance(entity, dict) and _QID.match(str(entity.get("id", "")))
        ]

    def _api(self, query: dict[str, str]) -> str:
        return f"{self.api_url}?{urllib.parse.urlencode(query)}"


def _entities_query(selection: dict[str, str]) -> dict[str, str]:
    """A ``wbgetentities`` request for sitelinks and statements (entity redirects followed)."""
    return {
        "action": "wbgetentities",
        **selection,
        "props": "sitelinks|claims",
        "redirects": "yes",
        "format": "json",
        "maxlag": MAXLAG,
    }


def _item(entity: dict) -> Item:
    sitelinks = entity.get("sitelinks")
    enwiki = sitelinks.get("enwiki") if isinstance(sitelinks, dict) else None
    title = enwiki.get("title") if isinstance(enwiki, dict) else None
    claims = entity.get("claims") if isinstance(entity.get("claims"), dict) else {}
    return Item(
        entity["id"],
        title if isinstance(title, str) else None,
        _values(claims.get("P31")),
        _values(claims.get("P279")),
    )


def _values(statements: object) -> tuple[str, ...]:
    """The item ids a property's statements give, leaving out deprecated ones and no-values."""
    found = []
    for statement in statements if isinstance(statements, list) else ():
        if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
            continue
        value = (statement.get("mainsnak") or {}).get("datavalue", {}).get("value")
        qid = value.get("id") if isinstance(value, dict) else None
        if isinstance(qid, str) and _QID.match(qid):
            found.append(qid)
    return tuple(dict.fromkeys(found))


def rank(
    resource: str,
    label: str,
    hits: list[dict],
    facts: dict[str, list[str]],
    country: str | None,
    kind_words: dict[str, tuple[str, ...]],
    retrieved: date,
) -> list[Candidate]:
    """Best first: label similarity, plus type words fitting the kind, plus the right country.

    ``kind_words`` are the words of a description or type that fit each kind of resource
    (the lexicon's ``wikidata_kinds.tsv``).
    """
    kind = resource.split("/", 1)[0]
    candidates = []
    for hit in hits:
        name = str(hit.get("label", ""))
        description = str(hit.get("description", ""))
        known = " ".join([description, *facts.get(hit["id"], [])]).casefold()
        score = SequenceMatcher(None, label.casefold(), name.casefold()).ratio()
        if any(word in known for word in kind_words.get(kind, ())):
            score += 0.5
        if country and country.casefold() in known:
            score += 0.3
        candidates.append(
            Candidate(resource, hit["id"], name, description, round(score, 3), retrieved)
        )
    return sorted(candidates, key=lambda c: (-c.score, c.qid))


def propose(
    unlinked: list[tuple[str, str]],
    client: Client,
    country: str | None,
    kind_words: dict[str, tuple[str, ...]],
    per_resource: int = 3,
) -> list[Candidate]:
    """The top candidates for each ``(resource, label)``."""
    proposals = []
    for resource, label in unlinked:
        hits = client.search(label)
        facts = client.facts([h["id"] for h in hits.value])
        ranked = rank(resource, label, hits.value, facts, country, kind_words, hits.retrieved)
        proposals.extend(ranked[:per_resource])
    return proposals
