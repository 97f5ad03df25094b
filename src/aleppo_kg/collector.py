"""How the tool's processes meet Python's garbage collector: what they import is set aside.

Importing rdflib and the stages makes objects that live as long as the process and no
garbage, yet the collector scans them again and again while they are made and in every
full collection after. A command's process and the reading process import with the
collector off and then freeze what was made (``gc.freeze``): left out of all later
collections, while what the work itself leaves behind is collected as always.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def uncollected() -> Iterator[None]:
    """Run the block with the collector off, then freeze what exists and turn it back on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
