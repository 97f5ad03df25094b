"""English Wikipedia's articles by title: the current revision's wikitext, pinned to its revision.

``aleppo-kg fetch`` asks the MediaWiki Action API (``action=query&prop=revisions``) for
the current revision of a page, following title normalisation and redirects, and
writes the wikitext exactly as received with a sidecar naming the page, the
revision's permalink, its timestamp, the day it was retrieved and the licence. The
API answers in two JSON shapes (``formatversion`` 1: pages keyed by id, content under
``*``, flags as ``""``; 2: a list of pages, ``content``, flags as ``true``): both are
read, so a mirror running an older MediaWiki works too.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from aleppo_kg.build.write import write_atomic
from aleppo_kg.curation.web import MAXLAG, Http, ServiceError, api_error
from aleppo_kg.errors import InputError
from aleppo_kg.text.slugs import slugify
from aleppo_kg.vocab import wikipedia_title, wikipedia_url

API_URL = "https://en.wikipedia.org/w/api.php"
SITE = "https://en.wikipedia.org"
LICENSE = "https://creativecommons.org/licenses/by-sa/4.0/"
BATCH = 50  # the most titles the API takes in one request
_HOSTS = frozenset({"en.wikipedia.org", "en.m.wikipedia.org"})


@dataclass(frozen=True)
class Revision:
    """A page's current revision as the API gave it."""

    asked: str  # the title asked for
    title: str  # the page's title, after normalisation and redirects
    revision: int
    timestamp: str  # ISO 8601 in UTC, "2024-05-01T12:00:00Z"
    wikitext: str
    retrieved: date  # the day (UTC) the API gave it
    cached: bool  # given from the disk cache rather than asked now


def title_of(text: str) -> str:
    """The page title named by a title or by an English Wikipedia URL
    (``https://en.wikipedia.org/wiki/Battle_of_X``, or ``…/w/index.php?title=…``), with
    underscores as spaces; a link's ``#section`` names its page."""
    text = text.strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme in ("http", "https"):
        if parts.netloc.lower() not in _HOSTS:
            raise InputError(f"{text}: not an English Wikipedia URL (https://en.wikipedia.org/…)")
        if parts.path.startswith("/wiki/"):
            text = urllib.parse.unquote(parts.path.removeprefix("/wiki/"))
        else:
            text = urllib.parse.parse_qs(parts.query).get("title", [""])[0]
    title = " ".join(text.split("#", 1)[0].replace("_", " ").split())
    if not title:
        raise InputError(f"{text!r}: not a page title")
    return title


def page_url(title: str) -> str:
    """The page's address on English Wikipedia, escaped as MediaWiki escapes it."""
    return wikipedia_url(title)


def permalink(title: str, revision: int) -> str:
    """The address of one revision of the page: what the text was read from, for good."""
    return f"{SITE}/w/index.php?title={wikipedia_title(title)}&oldid={revision}"


class Client:
    """The Action API of English Wikipedia (or of a mirror or test server at ``api_url``)."""

    def __init__(self, http: Http, api_url: str = API_URL) -> None:
        self.http = http
        self.api_url = api_url

    def revision(self, title: str) -> Revision:
        """The current revision of the page ``title`` (normalised, redirects followed)."""
        query = {
            "action": "query",
            "prop": "revisions",
            "rvprop": "ids|timestamp|content",
            "rvslots": "main",
            "redirects": "1",
            "titles": title,
            **_FORMAT,
        }
        answer = self.http.get(self._url(query), partial(self._revision, asked=title))
        found = answer.value
        return Revision(title, *found, answer.retrieved, answer.cached)

    def _revision(self, data: object, asked: str) -> tuple[str, int, str, str]:
        """Title, revision id, timestamp and wikitext, or the one-line reason there are none."""
        query = self._query(data)
        title = final_title(query, asked)
        page = next((p for p in pages(query) if p.get("title") == title), None)
        if page is None:
            raise ServiceError(self.api_url, f"the answer names no page {title!r}")
        if "invalid" in page:
            reason = page.get("invalidreason") or "invalid"
            raise InputError(f"{title!r} is not a page title ({reason})")
        if "missing" in page:
            raise InputError(f"no page {title!r} on English Wikipedia ({self.api_url})")
        try:
            revision = page["revisions"][0]
            slot = revision.get("slots", {}).get("main", revision)  # MediaWiki < 1.32: no slots
            wikitext = slot["content"] if "content" in slot else slot["*"]
            found = (title, int(revision["revid"]), str(revision["timestamp"]), wikitext)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            raise ServiceError(self.api_url, f"no revision content for {title!r}") from None
        if not isinstance(wikitext, str):
            raise ServiceError(self.api_url, f"no revision content for {title!r}")
        return found

    def resolve(self, titles: list[str]) -> dict[str, str]:
        """Each title's page after normalisation and redirects; titles of no page left out."""
        resolved: dict[str, str] = {}
        for start in range(0, len(titles), BATCH):
            batch = titles[start : start + BATCH]
            query = {"action": "query", "redirects": "1", "titles": "|".join(batch), **_FORMAT}
            resolved.update(
                self.http.get(self._url(query), partial(self._pages, titles=batch)).value
            )
        return resolved

    def _pages(self, data: object, titles: list[str]) -> dict[str, str]:
        query = self._query(data)
        existing = {p["title"] for p in pages(query) if "missing" not in p and "invalid" not in p}
        finals = {title: final_title(query, title) for title in titles}
        return {title: final for title, final in finals.items() if final in existing}

    def _query(self, data: object) -> dict:
        """The answer's ``query`` object; an API error or another shape is a ServiceError."""
        query = data.get("query") if isinstance(data, dict) else None
        if not isinstance(query, dict):
            problem = api_error(data) or "the answer is not the API's query JSON"
            raise ServiceError(self.api_url, problem)
        return query

    def _url(self, query: dict[str, str]) -> str:
        return f"{self.api_url}?{urllib.parse.urlencode(query)}"


_FORMAT = {"format": "json", "formatversion": "2", "maxlag": MAXLAG}


def pages(query: dict) -> list[dict]:
    """The pages of a query answer: a list (formatversion 2) or an object keyed by page id (1)."""
    found = query.get("pages", [])
    found = list(found.values()) if isinstance(found, dict) else found
    return [page for page in found if isinstance(page, dict)] if isinstance(found, list) else []


def final_title(query: dict, asked: str) -> str:
    """The title ``asked`` becomes: normalised ("battle of X" -> "Battle of X"), then through
    every redirect (a chain is followed, a loop stops)."""
    title, seen = asked, set()
    for step in ("normalized", "converted", "redirects"):
        moves = {m.get("from"): m.get("to") for m in query.get(step, []) if isinstance(m, dict)}
        while title in moves and title not in seen and isinstance(moves[title], str):
            seen.add(title)
            title = moves[title]
    return title


def sidecar(page: Revision) -> dict[str, object]:
    """What ``<slug>.source.json`` says about the text beside it (the build reads it)."""
    link = permalink(page.title, page.revision)
    return {
        "title": page.title,
        "source": page_url(page.title),
        "permalink": link,
        "revision": page.revision,
        "revision_timestamp": page.timestamp,
        "retrieved": page.retrieved.isoformat(),
        "license": LICENSE,
        "attribution": f"Text of the Wikipedia article “{page.title}” by Wikipedia "
        f"contributors, revision {page.revision} of {page.timestamp} ({link}), licensed "
        "CC BY-SA 4.0; the wikitext is as Wikipedia served it. The graph derived from it is "
        "shared under the same licence.",
    }


def article_files(folder: Path, title: str) -> tuple[Path, Path]:
    """Where a page's wikitext and its sidecar go: the project's slug of its title
    ("2012 Aleppo Governorate clashes" -> ``2012-aleppo-governorate-clashes.wiki``)."""
    stem = slugify(title)
    return folder / f"{stem}.wiki", folder / f"{stem}.source.json"


def write_article(page: Revision, folder: Path) -> tuple[Path, Path]:
    """Write the wikitext exactly as received and its sidecar, each atomically."""
    wiki, source = article_files(folder, page.title)
    write_atomic(wiki, page.wikitext.encode("utf-8"))
    text = json.dumps(sidecar(page), indent=2, ensure_ascii=False) + "\n"
    write_atomic(source, text.encode("utf-8"))
    return wiki, source
