"""Load the graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

``PUT`` replaces the target graph as a whole, so loading twice leaves the same
triples. Credentials come from the environment, never from the command line
(where they would end up in shell history and process lists).
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from aleppo_kg.errors import InputError
from aleppo_kg.publish.settings import PASSWORD_VARIABLE, USER_VARIABLE

# An absolute IRI with nothing that would need escaping where it is written (N-Triples, SPARQL)
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x20]+")


class LoadError(InputError):
    """The store could not be loaded: unreachable, an error status, or too slow."""


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of the target graph (``?graph=`` or ``?default``)."""
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def load(turtle: Path, endpoint: str, graph: str | None, timeout: float = 60.0) -> int:
    """PUT the Turtle file as the graph's whole content; returns the HTTP status."""
    if graph is not None and not _IRI.fullmatch(graph):
        raise InputError(f"--graph {graph!r}: not an absolute IRI (scheme:..., no spaces)")
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise InputError(f"--endpoint {endpoint!r}: not an http(s) URL")
    if not turtle.is_file():
        raise InputError(f"{turtle}: no such file (build it first: aleppo-kg build)")
    request = urllib.request.Request(
        graph_store_url(endpoint, graph),
        data=turtle.read_bytes(),
        method="PUT",
        headers={"Content-Type": "text/turtle; charset=utf-8", **_credentials()},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as err:
        message = err.read().decode("utf-8", "replace").strip().splitlines()
        detail = f": {message[0][:200]}" if message else ""
        raise LoadError(f"{endpoint}: the store answered {err.code} {err.reason}{detail}") from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError):
            raise _late(endpoint, timeout) from None
        raise LoadError(f"{endpoint}: cannot reach the store ({err.reason})") from None
    except TimeoutError:
        raise _late(endpoint, timeout) from None
    except (ConnectionError, OSError) as err:
        raise LoadError(f"{endpoint}: the connection failed ({err})") from None
    except http.client.HTTPException as err:
        raise LoadError(f"{endpoint}: the answer is not HTTP ({str(err)[:80]!r})") from None


def _late(endpoint: str, timeout: float) -> LoadError:
    """A store that answers late may still replace the graph: the user must not assume either."""
    return LoadError(
        f"{endpoint}: no answer within {timeout:g} s (the store may still apply the upload; "
        "query it before loading again)"
    )


def _credentials() -> dict[str, str]:
    """HTTP Basic credentials from the environment, when both variables are set."""
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if not (user and password):
        return {}
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}
