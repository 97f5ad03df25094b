"""The reading process: the command's first articles read (parse, infobox, prose) beside it.

``aleppo-kg build`` of one article spends as long reading it as importing and preparing
the stages after the reading (rdflib, the mapper, the SHACL engine and its compiled
shapes), and Python runs one of the two at a time. In a process of its own the reading
runs on the second core while the command imports. Only the first batch: after it, a
build with ``--jobs 1`` reads in its own process, keeping to the one core it was given
besides the validating thread, and worker processes (``--jobs 2`` and more) read their
own batches.

The command asks for the first batch of articles by path before it imports the stages
(:func:`read_ahead`), the pipeline takes the answer (:func:`taken`), and the process
(:mod:`aleppo_kg.build.reader`) answers each request, in the order asked, with the
articles' extractions or the error that stopped the reading. This module imports nothing
heavy, so that the reading starts first.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import aleppo_kg
from aleppo_kg.build.reader import Request, received, send
from aleppo_kg.errors import InputError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from aleppo_kg.build.reading import Read


class ReadingProcess:
    """The process, and the answers it still owes, oldest first."""

    def __init__(self) -> None:
        package_root = str(Path(aleppo_kg.__file__).resolve().parents[1])
        path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from aleppo_kg.build.reader import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )
        self.owed: deque[Future[Read]] = deque()
        self.lock = threading.Lock()  # a request and its place among the answers go together
        threading.Thread(target=self._receive, name="aleppo-kg-reading", daemon=True).start()
        atexit.register(self.close)

    def ask(self, request: Request) -> Future[Read]:
        """The reading of one request, answered by the process in its turn."""
        from concurrent.futures import Future  # once the process has started: 4 ms, logging

        answer: Future[Read] = Future()
        with self.lock:
            if self.process.stdin is None or self.process.poll() is not None:
                raise RuntimeError("the reading process has ended")
            self.owed.append(answer)
            send(self.process.stdin, request)
        return answer

    def close(self) -> None:
        """End the process at once: it holds nothing that needs saving."""
        self.process.kill()
        self.process.wait()

    def _receive(self) -> None:
        """Settle each answer owed with the next one sent; all of them if the process ends
        (or sends what cannot be read)."""
        assert self.process.stdout is not None
        try:
            while (sent := received(self.process.stdout)) is not None:
                kind, *found = sent
                with self.lock:
                    answer = self.owed.popleft()
                if kind == "read":
                    answer.set_result((found[0], found[1]))
                elif kind == "unreadable":
                    answer.set_exception(InputError(found[0]))
                else:
                    answer.set_exception(RuntimeError(f"the reading process failed:\n{found[0]}"))
        finally:
            with self.lock:
                while self.owed:
                    ended = RuntimeError("the reading process has ended")
                    self.owed.popleft().set_exception(ended)


_PROCESS: list[ReadingProcess] = []  # the build's reading process, once started
_ASKED: dict[Request, Future[Read]] = {}  # asked ahead, not yet taken


def read_ahead(paths: Sequence[Path], strict: bool, keep_going: bool) -> Future[Read]:
    """Start reading ``paths`` in the reading process; :func:`taken` takes the answer."""
    request = _request(paths, strict, keep_going)
    if request not in _ASKED:
        _ASKED[request] = _process().ask(request)
    return _ASKED[request]


def taken(paths: Sequence[Path], strict: bool, keep_going: bool) -> Future[Read] | None:
    """The reading of ``paths`` asked for ahead, if it was (and the files have not changed
    since): the build reads the articles itself otherwise."""
    return _ASKED.pop(_request(paths, strict, keep_going), None)


def _process() -> ReadingProcess:
    if not _PROCESS or _PROCESS[0].process.poll() is not None:
        _PROCESS[:] = [ReadingProcess()]
    return _PROCESS[0]


def _request(paths: Sequence[Path], strict: bool, keep_going: bool) -> Request:
    return os.getcwd(), tuple(map(str, paths)), tuple(map(_stamp, paths)), strict, keep_going


def _stamp(path: Path) -> tuple[int, int] | None:
    """When a file was last changed, and its size: another file at the same path is read anew."""
    try:
        found = path.stat()
    except OSError:  # the reading says what is wrong with it
        return None
    return found.st_mtime_ns, found.st_size
