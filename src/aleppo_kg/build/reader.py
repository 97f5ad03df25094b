"""The reading process itself (:mod:`aleppo_kg.build.reading_process` starts it and asks it).

It reads each request's articles with the reading stages (:mod:`aleppo_kg.build.reading`)
and answers, in the order asked. A request and an answer are pickled, each after its
length in eight bytes. The process imports little before the stages: it is started
first, and its first answer is what the build waits for.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from pathlib import Path
from typing import IO

from aleppo_kg.collector import uncollected

# What the process is asked: the folder relative paths start from, the paths, the files'
# times and sizes (a file changed since it was asked for is read again), strict, keep going.
Request = tuple[str, tuple[str, ...], tuple[tuple[int, int] | None, ...], bool, bool]
_LENGTH = struct.Struct("<Q")


def serve() -> None:
    """Read each request's articles and answer, until the build hangs up.

    The stages and the lexicon are imported and loaded as the command imports its stages,
    set aside from the garbage collector (:mod:`aleppo_kg.collector`).
    """
    with uncollected():
        import traceback

        from aleppo_kg.build.reading import read_all
        from aleppo_kg.errors import InputError
        from aleppo_kg.interrupts import ignore_interrupts
        from aleppo_kg.lexicon import load_lexicon

        lexicon = load_lexicon()
    ignore_interrupts()  # Ctrl-C is the build's to act on
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print cannot garble an answer
    while (request := received(sys.stdin.buffer)) is not None:
        folder, paths, _, strict, keep_going = request
        os.chdir(folder)
        try:
            answer: tuple = ("read", *read_all(list(map(Path, paths)), lexicon, strict, keep_going))
        except InputError as error:
            answer = ("unreadable", str(error))
        except Exception:  # a fault of the reader: the build reports it, with its traceback
            answer = ("failed", traceback.format_exc())
        try:
            send(answers, answer)
        except OSError:  # the build has gone (killed, say): nobody to answer, nothing to say
            break
    os._exit(0)  # nothing to tear down


def send(stream: IO[bytes], message: object) -> None:
    """``message`` pickled, after its length."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def received(stream: IO[bytes]) -> object | None:
    """The next message, or None when the other side has hung up."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    return pickle.loads(stream.read(_LENGTH.unpack(head)[0]))
