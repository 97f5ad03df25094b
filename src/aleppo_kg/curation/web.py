"""HTTP for the web services curation asks (Wikipedia's and Wikidata's APIs): polite and cached.

Wikimedia's API etiquette asks for a descriptive User-Agent, requests one at a time,
``maxlag`` on every Action API request and patience when the servers are busy. So
every request here carries the project's User-Agent, keeps ``interval`` seconds
after the previous one, and is tried again with exponential backoff on 429 and 5xx
answers and on a ``maxlag`` error, waiting at least what the server's ``Retry-After``
asks. An answer is cached on disk (one file per request URL, written atomically) only
once its reader accepted it, so a rerun asks nothing twice and a failure, a missing
page or a malformed answer is never remembered.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Generic, TypeVar

from aleppo_kg import __version__
from aleppo_kg.build.write import write_atomic
from aleppo_kg.errors import InputError

PROJECT_URL = "https://w3id.org/aleppo-kg"
USER_AGENT = (
    f"aleppo-kg/{__version__} ({PROJECT_URL}; knowledge graph of Wikipedia conflict articles) "
    f"python-urllib/{platform.python_version()}"
)
MAXLAG = "5"  # seconds of database lag beyond which Wikimedia asks bots to wait
MAX_WAIT = 60.0  # the longest pause before a retry, whatever Retry-After says
_TRANSIENT = frozenset({429, 500, 502, 503, 504})
T = TypeVar("T")


class ServiceError(InputError):
    """A web service could not be asked: unreachable, an error status, a timeout, bad JSON."""


@dataclass(frozen=True)
class Answer(Generic[T]):
    """What a reader made of a JSON answer, and the day (UTC) the answer was received."""

    value: T
    retrieved: date
    cached: bool


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/aleppo-kg``, else ``~/.cache/aleppo-kg``: the XDG convention."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aleppo-kg"


def today() -> date:
    """Today in UTC: the date a retrieval is recorded with, the same in every time zone."""
    return datetime.now(timezone.utc).date()


class Http:
    """GET requests for JSON, with a disk cache, a minimum interval between requests and retries.

    ``cache`` None turns the cache off (nothing read, nothing written).
    """

    def __init__(
        self,
        cache: Path | None,
        interval: float = 1.0,
        timeout: float = 10.0,
        retries: int = 4,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cache = cache
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.sleep = sleep
        self._last = -float("inf")

    def get(
        self, url: str, read: Callable[[object], T], accept: str = "application/json"
    ) -> Answer[T]:
        """``read`` applied to the JSON answer of ``url``; it raises on an answer it cannot use,
        which is then not cached."""
        path = self._cache_file(url)
        stored = _stored(path) if path is not None else None
        if stored is not None:
            return Answer(read(stored[0]), stored[1], True)
        data = self._fetch(url, accept)
        value, received = read(data), today()
        if path is not None:
            record = {"url": url, "retrieved": received.isoformat(), "answer": data}
            write_atomic(path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        return Answer(value, received, False)

    def _cache_file(self, url: str) -> Path | None:
        if self.cache is None:
            return None
        return self.cache / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def _fetch(self, url: str, accept: str) -> object:
        """The parsed answer, after up to ``retries`` tries with backoff on transient failures."""
        problem, wait = "no answer", 0.0
        for attempt in range(self.retries):
            if attempt:
                self.sleep(min(max(wait, self.interval * 2 ** (attempt - 1)), MAX_WAIT))
            self._wait()
            try:
                status, body, headers = self._open(url, accept)
            except ServiceError as err:  # unreachable or silent: may pass, try again
                problem, wait = err.problem, 0.0
                continue
            finally:
                self._last = time.monotonic()
            data = _json(body)
            lag = _maxlag(data)
            if lag is not None or status in _TRANSIENT:
                problem = lag or f"HTTP {status}"
                wait = _retry_after(headers)
                continue
            if status >= 400:
                raise ServiceError(host(url), f"HTTP {status}")
            if data is None:
                raise ServiceError(host(url), "the answer is not JSON")
            return data
        raise ServiceError(host(url), f"{problem} (tried {self.retries} times)")

    def _open(self, url: str, accept: str) -> tuple[int, bytes, Message]:
        """Status, body and headers of one request; an error status is an answer too."""
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as err:
            with err:
                return err.code, err.read(), err.headers
        except TimeoutError:
            raise ServiceError(host(url), f"no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise ServiceError(host(url), f"no answer within {self.timeout:g} s") from None
            raise ServiceError(host(url), f"unreachable ({err.reason})") from None
        except OSError as err:  # a connection reset or a broken answer
            raise ServiceError(host(url), f"unreachable ({err})") from None

    def _wait(self) -> None:
        """Keep at least ``interval`` seconds from the end of one request to the start of the
        next (Wikimedia's etiquette: one request at a time, unhurried)."""
        pause = self._last + self.interval - time.monotonic()
        if pause > 0:
            self.sleep(pause)


def _stored(path: Path) -> tuple[object, date] | None:
    """A cached answer and the day it was received; None when there is none or it is unreadable
    (then the request is made again and the file replaced)."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return stored["answer"], date.fromisoformat(stored["retrieved"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def host(url: str) -> str:
    """The URL without its query: what an error message names."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _json(body: bytes) -> object | None:
    try:
        return json.loads(body)
    except ValueError:  # also bytes that are not UTF-8
        return None


def api_error(data: object) -> str | None:
    """The MediaWiki Action API's error (Wikipedia's and Wikidata's), ``code: info``; else None."""
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        return f"{error.get('code', 'error')}: {error.get('info', '')}".strip()
    return None


def _maxlag(data: object) -> str | None:
    """The MediaWiki API's "too busy" error (HTTP 200 or 503), described; else None."""
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict) and error.get("code") == "maxlag":
        return f"the servers are busy ({error.get('info') or 'maxlag'})"
    return None


def _retry_after(headers: Message) -> float:
    """Seconds the server asks to wait: ``Retry-After`` as seconds or as an HTTP date."""
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return 0.0
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if moment.tzinfo is None:  # an HTTP date is GMT
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, (moment - datetime.now(timezone.utc)).total_seconds())
