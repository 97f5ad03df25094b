"""Load the graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

``PUT`` replaces the target graph as a whole, so loading twice leaves the same
triples. Credentials come from the environment, never from the command line
(where they would end up in shell history and process lists), and are sent only
when the store asks for them: a request without them gets a 401 answer that says
which scheme the store wants (HTTP Digest, RFC 7616, preferred over Basic when
both are offered, so that the password never crosses the wire). When credentials
are set, that first request is a HEAD, without the file: a store may answer 401
before reading a large body and close the connection under it (Virtuoso does),
and the file need not cross the wire twice.
"""

from __future__ import annotations

import base64
import hashlib
import html
import http.client
import os
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from aleppo_kg.build.options import FORMATS, format_of
from aleppo_kg.errors import InputError
from aleppo_kg.publish.settings import PASSWORD_VARIABLE, USER_VARIABLE

# An absolute IRI with nothing that would need escaping where it is written (N-Triples, SPARQL)
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x20]+")
# Digest algorithms, strongest first (RFC 7616 section 3.3); "-sess" variants hash the
# client's nonce into the key.
_DIGESTS = {"SHA-256": hashlib.sha256, "MD5": hashlib.md5}
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_SCHEME = re.compile(rf"[\s,]*({_TOKEN})(?=\s|,|$)")
_PARAM = re.compile(rf'[\s,]*({_TOKEN})\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)')


class LoadError(InputError):
    """The store could not be loaded: unreachable, an error status, or too slow."""


@dataclass(frozen=True)
class Target:
    """Where a file goes: the request URL, its media type, and what the user is told."""

    url: str
    media_type: str
    description: str


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of the target graph (``?graph=`` or ``?default``)."""
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def target(data: Path, endpoint: str, graph: str | None, fmt: str | None = None) -> Target:
    """Check the arguments before any connection. The file's format is ``fmt``
    (``--input-format``), else its suffix's; a file of named graphs (N-Quads, TriG) goes to the
    endpoint as given, as the store's whole dataset, and never into one graph."""
    if graph is not None and not _IRI.fullmatch(graph):
        raise InputError(f"--graph {graph!r}: not an absolute IRI (scheme:..., no spaces)")
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise InputError(f"--endpoint {endpoint!r}: not an http(s) URL")
    found = FORMATS[format_of(data, fmt)]
    if not data.is_file():
        raise InputError(f"{data}: no such file (build it first: aleppo-kg build)")
    if found.named and graph:
        raise InputError(
            f"{data}: {found.label} names its own graphs, and --graph loads a single graph: "
            "load the Turtle or N-Triples build into it, or leave --graph out to replace the "
            "store's whole dataset (Oxigraph's /store)"
        )
    if found.named:
        return Target(endpoint, found.media_type, "the store's dataset")
    where = f"graph <{graph}>" if graph else "the default graph"
    return Target(graph_store_url(endpoint, graph), found.media_type, where)


def load(
    data: Path, endpoint: str, graph: str | None, timeout: float = 60.0, fmt: str | None = None
) -> tuple[int, Target]:
    """PUT the file as the target's whole content; the HTTP status and where it went."""
    goal = target(data, endpoint, graph, fmt)
    body = data.read_bytes()
    offered = _challenge(goal, endpoint, timeout) if _credentials() else None
    if offered is None:
        try:
            return _put(goal, body, {}, endpoint, timeout), goal
        except urllib.error.HTTPError as err:
            if err.code != 401:
                raise _refused(endpoint, err, graph) from None
            offered = err.headers.get_all("WWW-Authenticate") or []
    authorization = answer_challenge(offered, goal.url, endpoint)
    try:
        return _put(goal, body, {"Authorization": authorization}, endpoint, timeout), goal
    except urllib.error.HTTPError as err:
        refused = err.code in (401, 403)
        note = (
            f"with the credentials of ${USER_VARIABLE} and ${PASSWORD_VARIABLE}" if refused else ""
        )
        raise _refused(endpoint, err, graph, note) from None


def _credentials() -> bool:
    return bool(os.environ.get(USER_VARIABLE) and os.environ.get(PASSWORD_VARIABLE))


def _challenge(goal: Target, endpoint: str, timeout: float) -> list[str] | None:
    """The store's authentication challenges, asked by a HEAD without credentials; None when
    it asks for none there (or does not answer HEAD), and the PUT will tell."""
    try:
        _send(urllib.request.Request(goal.url, method="HEAD"), endpoint, timeout)
    except urllib.error.HTTPError as err:
        return err.headers.get_all("WWW-Authenticate") if err.code == 401 else None
    return None


def _put(goal: Target, body: bytes, headers: dict, endpoint: str, timeout: float) -> int:
    """One PUT; an error status is left to the caller, any other failure is a LoadError."""
    request = urllib.request.Request(
        goal.url,
        data=body,
        method="PUT",
        headers={"Content-Type": f"{goal.media_type}; charset=utf-8", **headers},
    )
    status, page = _send(request, endpoint, timeout)
    if status == 200 and page.strip():
        # A Graph Store answers a PUT with 201 or 204, or 200 and a short status; a web page
        # is a URL that took no graph: Virtuoso shows its upload form for a PUT with no ?graph=
        text = reason_text(page.decode("utf-8", "replace"))[:80]
        raise LoadError(
            f"{endpoint}: the store answered 200 with a web page ({text!r}), not a Graph Store "
            "answer: the file was probably not loaded (a store that takes one graph per "
            "request needs --graph and a .ttl, .nt or .jsonld file)"
        )
    return status


def _send(request: urllib.request.Request, endpoint: str, timeout: float) -> tuple[int, bytes]:
    """The answer's status and, if it is a web page, its body; an error status is raised as
    HTTPError for the caller, any other failure is a LoadError."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            page = response.read() if "html" in response.headers.get_content_type() else b""
            return response.status, page
    except urllib.error.HTTPError:
        raise
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


def _refused(
    endpoint: str, err: urllib.error.HTTPError, graph: str | None, note: str = ""
) -> LoadError:
    """An error status with the store's reason as text; a store that keeps no default graph is
    told apart, since the fix is on this side (--graph)."""
    reason = reason_text(err.read().decode("utf-8", "replace"))
    message = f"{endpoint}: the store answered {err.code} {err.reason}"
    message += f": {reason}" if reason else ""
    if graph is None and "default" in reason.lower():
        note = "no --graph: this store keeps no default graph; name one with --graph IRI"
    return LoadError(f"{message} ({note})" if note else message)


def reason_text(body: str) -> str:
    """An error page as one line of text: the head, scripts and tags dropped, entities
    decoded, whitespace collapsed, at most 200 characters."""
    body = re.sub(r"(?is)<(head|script|style)\b.*?</\1\s*>|<!--.*?-->", " ", body)
    text = html.unescape(re.sub(r"<[^>]*>", " ", body))
    return " ".join(text.split())[:200].rstrip()


def _late(endpoint: str, timeout: float) -> LoadError:
    """A store that answers late may still replace the graph: the user must not assume either."""
    return LoadError(
        f"{endpoint}: no answer within {timeout:g} s (the store may still apply the upload; "
        "query it before loading again)"
    )


def challenges(headers: list[str]) -> list[tuple[str, dict[str, str]]]:
    """The challenges of WWW-Authenticate headers: (scheme in lower case, parameters)."""
    found: list[tuple[str, dict[str, str]]] = []
    for header in headers:
        position = 0
        while position < len(header.rstrip(", \t")):
            param = _PARAM.match(header, position)
            if param and found:
                name, raw = param.groups()
                found[-1][1][name.lower()] = _unquote(raw)
                position = param.end()
                continue
            scheme = _SCHEME.match(header, position)
            if not scheme:
                break
            found.append((scheme.group(1).lower(), {}))
            position = scheme.end()
    return found


def _unquote(raw: str) -> str:
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        return re.sub(r"\\(.)", r"\1", raw[1:-1])
    return raw


def answer_challenge(headers: list[str], url: str, endpoint: str) -> str:
    """The Authorization header for a 401's challenges: Digest when offered with an algorithm
    and protection we speak, else Basic."""
    offered = challenges(headers)
    digest = [params for scheme, params in offered if scheme == "digest" and _usable(params)]
    basic = any(scheme == "basic" for scheme, _ in offered)
    if not digest and not basic:
        schemes = ", ".join(f"{s} {p.get('algorithm', '')}".strip() for s, p in offered)
        raise LoadError(
            f"{endpoint}: the store asks for authentication aleppo-kg does not speak "
            f"({schemes or 'no WWW-Authenticate challenge'}; it speaks Digest MD5 and "
            "SHA-256 with qop=auth, and Basic)"
        )
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if not (user and password):
        scheme = "Digest" if digest else "Basic"
        raise LoadError(
            f"{endpoint}: the store asks for credentials (HTTP {scheme}): set ${USER_VARIABLE} and "
            f"${PASSWORD_VARIABLE}"
        )
    if digest:
        best = min(digest, key=lambda p: list(_DIGESTS).index(_algorithm(p)[0]))
        return digest_authorization(best, user, password, "PUT", url)
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


def _algorithm(params: dict[str, str]) -> tuple[str, bool]:
    """A challenge's hash name and whether it is a "-sess" variant (MD5 when it names none)."""
    name = params.get("algorithm", "MD5").upper()
    session = name.endswith("-SESS")
    return name.removesuffix("-SESS"), session


def _usable(params: dict[str, str]) -> bool:
    qops = {q.strip().lower() for q in params.get("qop", "").split(",")}
    return _algorithm(params)[0] in _DIGESTS and "auth" in qops and "nonce" in params


def digest_authorization(
    params: dict[str, str], user: str, password: str, method: str, url: str
) -> str:
    """RFC 7616 section 3.4: the response to one Digest challenge with qop=auth, nonce count 1
    and a fresh client nonce; the server's opaque is echoed back."""
    name, session = _algorithm(params)
    digest = _DIGESTS[name]

    def hashed(*parts: str) -> str:
        return digest(":".join(parts).encode("utf-8")).hexdigest()

    parsed = urllib.parse.urlsplit(url)
    uri = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    realm, nonce, count = params.get("realm", ""), params["nonce"], "00000001"
    cnonce = secrets.token_hex(16)
    key = hashed(user, realm, password)
    if session:
        key = hashed(key, nonce, cnonce)
    response = hashed(key, nonce, count, cnonce, "auth", hashed(method, uri))
    fields = {
        "username": user,
        "realm": realm,
        "nonce": nonce,
        "uri": uri,
        "algorithm": params.get("algorithm", "MD5"),
        "response": response,
        "qop": "auth",
        "nc": count,
        "cnonce": cnonce,
    }
    if "opaque" in params:
        fields["opaque"] = params["opaque"]
    unquoted = {"algorithm", "qop", "nc"}
    return "Digest " + ", ".join(
        f"{k}={v}" if k in unquoted else f'{k}="{_quote(v)}"' for k, v in fields.items()
    )


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
