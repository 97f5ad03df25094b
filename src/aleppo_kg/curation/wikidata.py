"""Candidate Wikidata items for unlinked resources: proposals for a person, never applied.

Asks ``wbsearchentities`` for items whose label matches, then the SPARQL
endpoint for their types and countries, and ranks them by label match, type and
location. Every request carries a descriptive User-Agent, is rate-limited and
retried with backoff; responses are cached on disk (written atomically, and
only when they parse), so a rerun asks nothing twice and a failure corrupts
nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from aleppo_kg import __version__
from aleppo_kg.build.write import write_atomic
from aleppo_kg.errors import InputError

API_URL = "https://www.wikidata.org/w/api.php"
SPARQL_URL = "https://query.wikidata.org/sparql"
USER_AGENT = (
    f"aleppo-kg/{__version__} (knowledge graph of Wikipedia conflict articles; "
    "https://w3id.org/aleppo-kg) python-urllib"
)
_QID = re.compile(r"^Q[1-9][0-9]*$")


class ServiceError(InputError):
    """Wikidata could not be asked: unreachable, an error status, a timeout, bad JSON."""


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item that might be the resource, with why it ranks where it does."""

    resource: str
    qid: str
    label: str
    description: str
    score: float


class Client:
    """HTTP to Wikidata with a disk cache, a minimum interval between requests and retries."""

    def __init__(
        self,
        cache: Path,
        api_url: str = API_URL,
        sparql_url: str = SPARQL_URL,
        interval: float = 1.0,
        timeout: float = 10.0,
        retries: int = 3,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cache = cache
        self.api_url = api_url
        self.sparql_url = sparql_url
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.sleep = sleep
        self._last = 0.0

    def search(self, label: str) -> list[dict]:
        """``wbsearchentities`` hits for an English label."""
        query = {
            "action": "wbsearchentities",
            "search": label,
            "language": "en",
            "type": "item",
            "limit": "7",
            "format": "json",
        }
        data = self._get(f"{self.api_url}?{urllib.parse.urlencode(query)}")
        hits = data.get("search") if isinstance(data, dict) else None
        if not isinstance(hits, list):
            raise ServiceError(f"{self.api_url}: answer has no 'search' list")
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
        data = self._get(
            f"{self.sparql_url}?{urllib.parse.urlencode({'query': query})}",
            accept="application/sparql-results+json",
        )
        try:
            bindings = data["results"]["bindings"]
        except (KeyError, TypeError):
            raise ServiceError(f"{self.sparql_url}: answer is not SPARQL JSON results") from None
        facts: dict[str, list[str]] = {}
        for row in bindings:
            qid = row.get("item", {}).get("value", "").rsplit("/", 1)[-1]
            label = row.get("factLabel", {}).get("value")
            if _QID.match(qid) and label:
                facts.setdefault(qid, []).append(label)
        return facts

    # --- transport ---------------------------------------------------------------------

    def _get(self, url: str, accept: str = "application/json"):
        cached = self.cache / (hashlib.sha256(url.encode()).hexdigest() + ".json")
        if cached.is_file():
            return json.loads(cached.read_text(encoding="utf-8"))
        body = self._fetch(url, accept)
        try:
            data = json.loads(body)
        except ValueError:
            raise ServiceError(f"{_host(url)}: the answer is not JSON") from None
        write_atomic(cached, body)
        return data

    def _fetch(self, url: str, accept: str) -> bytes:
        """The body, after up to ``retries`` tries with exponential backoff on transient errors."""
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
        problem = "no answer"
        for attempt in range(self.retries):
            if attempt:
                self.sleep(2 ** (attempt - 1) * self.interval)
            self._wait()
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as err:
                problem = f"HTTP {err.code} {err.reason}"
                if err.code not in (429, 500, 502, 503, 504):
                    break
            except TimeoutError:
                problem = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as err:
                problem = f"unreachable ({err.reason})"
                if isinstance(err.reason, TimeoutError):
                    problem = f"no answer within {self.timeout:g} s"
        raise ServiceError(f"{_host(url)}: {problem}")

    def _wait(self) -> None:
        """Keep at least ``interval`` seconds between requests (Wikidata's etiquette)."""
        pause = self._last + self.interval - time.monotonic()
        if pause > 0:
            self.sleep(pause)
        self._last = time.monotonic()


def _host(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def rank(
    resource: str,
    label: str,
    hits: list[dict],
    facts: dict[str, list[str]],
    country: str | None,
    kind_words: dict[str, tuple[str, ...]],
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
        candidates.append(Candidate(resource, hit["id"], name, description, round(score, 3)))
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
        facts = client.facts([h["id"] for h in hits])
        ranked = rank(resource, label, hits, facts, country, kind_words)
        proposals.extend(ranked[:per_resource])
    return proposals


def proposals_tsv(proposals: list[Candidate]) -> bytes:
    """Proposals as a table a person reviews before copying a row into data/links.tsv."""
    lines = ["resource\tcandidate\tlabel\tdescription\tscore"]
    lines += [
        "\t".join([p.resource, p.qid, p.label, p.description.replace("\t", " "), f"{p.score:.3f}"])
        for p in proposals
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
