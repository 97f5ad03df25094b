"""Faults on the way to a real triple store, and what `aleppo-kg load` and the store make of them.

    python benchmarks/faults.py

Starts ``oxigraph serve`` (the PyPI package ``oxigraph``, installed by the test
extras) on a free loopback port, loads a small graph (the previous one), then
tries to replace it with the seed's graph through each fault, and prints a table:
the fault, what the user saw (exit code and the one line on stderr), and what the
store held afterwards (the previous graph whole, the new graph whole, or a mix).
``tests/test_faults.py`` asserts the same with these helpers.

Faults: the store not started; the store killed in the middle of the upload; the
store answering 500; the store slower than ``--timeout``; the upload cut off half
way; and a port that answers, but not in HTTP.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GRAPH = "https://w3id.org/aleppo-kg/resource/graph/under-test"
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port} after {seconds} s")


class Oxigraph:
    """``oxigraph serve`` on one store folder; it can be killed and started again on it."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Oxigraph:
        binary = Path(sys.executable).parent / "oxigraph"
        self.process = subprocess.Popen(
            [str(binary), "serve", "--location", str(self.location), "--bind",
             f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.port)
        return self

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def put(self, data: bytes) -> None:
        """Load ``data`` as the graph under test, directly (no fault)."""
        request = urllib.request.Request(
            f"{self.base}/store?{urllib.parse.urlencode({'graph': GRAPH})}",
            data=data,
            method="PUT",
            headers={"Content-Type": "text/turtle"},
        )
        with urllib.request.urlopen(request, timeout=60):
            pass

    def triples(self) -> set[str]:
        """The graph under test as a set of N-Triples lines."""
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
        request = urllib.request.Request(
            f"{self.base}/query?{urllib.parse.urlencode({'query': query})}",
            headers={"Accept": "application/n-triples"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return {line for line in response.read().decode().splitlines() if line.strip()}


def count(store: Oxigraph) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    with urllib.request.urlopen(
        f"{store.base}/query?{urllib.parse.urlencode({'query': query})}", timeout=60
    ) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


class Relay:
    """A TCP relay in front of the store that does one thing wrong to every request.

    ``mode``: ``"500"`` answers an error itself; ``"stall"`` waits ``delay`` seconds
    before passing the request on; ``"cut"`` passes on half the body, then hangs up
    on both sides; ``"pause"`` passes on half the body and waits for :meth:`resume`
    (the test kills the store meanwhile).
    """

    def __init__(self, upstream: int, mode: str, delay: float = 0.0) -> None:
        self.upstream, self.mode, self.delay = upstream, mode, delay
        self.paused = threading.Event()
        self._resume = threading.Event()
        self.finished = threading.Event()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def resume(self) -> None:
        self._resume.set()

    def close(self) -> None:
        self._resume.set()
        self.server.close()

    def _serve(self) -> None:
        try:
            client, _ = self.server.accept()
        except OSError:
            return
        with client:
            try:
                self._handle(client)
            except OSError:
                pass
            finally:
                self.finished.set()

    def _handle(self, client: socket.socket) -> None:
        head, body = _read_request(client)
        if self.mode == "500":
            message = b"injected fault: the store failed"
            client.sendall(
                b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
                + f"Content-Length: {len(message)}\r\nConnection: close\r\n\r\n".encode()
                + message
            )
            return
        if self.mode == "stall":
            time.sleep(self.delay)
        with socket.create_connection(("127.0.0.1", self.upstream)) as upstream:
            if self.mode in ("cut", "pause"):
                upstream.sendall(head + body[: len(body) // 2])
                if self.mode == "cut":
                    return
                self.paused.set()
                self._resume.wait(60)
                upstream.sendall(body[len(body) // 2 :])
            else:
                upstream.sendall(head + body)
            _relay_response(upstream, client)


def _read_request(client: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = client.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n", body


def _relay_response(upstream: socket.socket, client: socket.socket) -> None:
    while chunk := upstream.recv(65536):
        client.sendall(chunk)


class NotHttp:
    """A port that answers with an SSH banner instead of HTTP."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            with client:
                client.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
                time.sleep(0.2)

    def close(self) -> None:
        self.server.close()


def load(data: Path, endpoint: str, timeout: float = 2.0) -> subprocess.CompletedProcess:
    """``aleppo-kg load`` as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "aleppo_kg.cli", "load", "--data", str(data), "--endpoint",
         f"{endpoint}/store", "--graph", GRAPH, "--timeout", str(timeout)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


@dataclass(frozen=True)
class Observed:
    """One fault: what the user saw and what the store held."""

    fault: str
    code: int
    stderr: str
    held: str


def held(store: Oxigraph, previous: set[str], new: set[str]) -> str:
    found = store.triples()
    if found == previous:
        return f"the previous graph, whole ({len(found)} triples)"
    if found == new:
        return f"the new graph, whole ({len(found)} triples)"
    return f"A MIX ({len(found)} triples)"


def not_started(store: Oxigraph, data: Path) -> subprocess.CompletedProcess:
    return load(data, f"http://127.0.0.1:{free_port()}")


def killed_mid_upload(store: Oxigraph, data: Path) -> subprocess.CompletedProcess:
    relay = Relay(store.port, "pause")
    done: list[subprocess.CompletedProcess] = []
    worker = threading.Thread(target=lambda: done.append(load(data, _url(relay), 30)))
    worker.start()
    relay.paused.wait(30)
    store.kill()
    relay.resume()
    worker.join(60)
    relay.close()
    store.start()  # the same store folder: what did it keep?
    return done[0]


def _through_relay(
    store: Oxigraph, data: Path, mode: str, timeout: float = 2.0, delay: float = 0.0
) -> subprocess.CompletedProcess:
    relay = Relay(store.port, mode, delay)
    try:
        return load(data, _url(relay), timeout)
    finally:
        relay.finished.wait(30)  # a late request reaches the store after the user gave up
        relay.close()


def answering_500(store: Oxigraph, data: Path) -> subprocess.CompletedProcess:
    return _through_relay(store, data, "500")


def slower_than_timeout(store: Oxigraph, data: Path) -> subprocess.CompletedProcess:
    return _through_relay(store, data, "stall", timeout=1.0, delay=3.0)


def cut_mid_upload(store: Oxigraph, data: Path) -> subprocess.CompletedProcess:
    return _through_relay(store, data, "cut")


def not_http(store: Oxigraph, data: Path) -> subprocess.CompletedProcess:
    server = NotHttp()
    try:
        return load(data, f"http://127.0.0.1:{server.port}")
    finally:
        server.close()


def _url(relay: Relay) -> str:
    return f"http://127.0.0.1:{relay.port}"


FAULTS: dict[str, Callable[[Oxigraph, Path], subprocess.CompletedProcess]] = {
    "store not started": not_started,
    "store killed mid-upload": killed_mid_upload,
    "store answers 500": answering_500,
    "store slower than --timeout": slower_than_timeout,
    "upload cut off half way": cut_mid_upload,
    "a port that is not HTTP": not_http,
}


def observe(fault: str, folder: Path, previous: Path, new: Path) -> Observed:
    """Load ``previous``, try to replace it with ``new`` through ``fault``, look at the store."""
    store = Oxigraph(folder / "store").start()
    try:
        store.put(previous.read_bytes())
        before = store.triples()
        store.put(new.read_bytes())
        after = store.triples()
        store.put(previous.read_bytes())
        done = FAULTS[fault](store, new)
        return Observed(fault, done.returncode, done.stderr.strip(), held(store, before, after))
    finally:
        store.stop()


def build(article: Path, output: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "aleppo_kg.cli", "build", str(article), "-o", str(output),
         "--no-progress"],
        check=True, capture_output=True,
    )  # fmt: skip
    return output


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        previous = build(ROOT / "tests" / "fixtures" / "us_dates.txt", folder / "previous.ttl")
        new = build(ROOT / "data" / "articles" / "2012_Aleppo_Governorate_clashes.txt",
                    folder / "new.ttl")  # fmt: skip
        print("| fault | exit | what the user saw | what the store held after |")
        print("| --- | ---: | --- | --- |")
        for number, fault in enumerate(FAULTS):
            run = folder / str(number)
            run.mkdir()
            seen = observe(fault, run, previous, new)
            message = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", seen.stderr)
            message = message.replace(str(new), "FILE").replace("|", "\\|")
            print(f"| {fault} | {seen.code} | `{message}` | {seen.held} |")


if __name__ == "__main__":
    main()
