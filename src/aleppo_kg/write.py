"""Stage 5: serialise the graph, deterministically and atomically.

The file is written to a temporary file beside the target and renamed over it,
so a failed or killed build never leaves a partial or truncated output.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph


def serialize(graph: Graph) -> bytes:
    """The graph as Turtle; rdflib sorts subjects and predicates, so builds are byte-identical."""
    return graph.serialize(format="turtle", encoding="utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
