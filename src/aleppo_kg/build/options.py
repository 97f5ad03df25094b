"""What a build can be asked for: its output formats and its SHACL engines, by name.

Plain data, apart from the stages that use it, so that the command line can offer the
choices without importing rdflib, pyoxigraph or a SHACL engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from aleppo_kg.errors import InputError


class Format(NamedTuple):
    """An output format: file suffix, one named graph per article or not, media type, what it
    is called, and rdflib's name of its parser.

    The media type is what the dataset description says the graph's file is, and
    what Oxigraph knows the format by.
    """

    suffix: str
    named: bool
    media_type: str
    label: str
    rdflib: str


# --format name -> its Format
FORMATS = {
    "turtle": Format(".ttl", False, "text/turtle", "Turtle", "turtle"),
    "nt": Format(".nt", False, "application/n-triples", "N-Triples", "nt"),
    "trig": Format(".trig", True, "application/trig", "TriG", "trig"),
    "nquads": Format(".nq", True, "application/n-quads", "N-Quads", "nquads"),
    "jsonld": Format(".jsonld", False, "application/ld+json", "JSON-LD", "json-ld"),
}


def format_of(path: Path, given: str | None = None) -> str:
    """The format a graph file is read in: ``given`` (``--input-format``), else its suffix's.

    Every command that reads a graph reads what ``build`` writes, so a TriG or
    JSON-LD export is not refused as "not valid Turtle".
    """
    if given is not None:
        return given
    for name, found in FORMATS.items():
        if path.suffix.lower() == found.suffix:
            return name
    suffixes = ", ".join(f.suffix for f in FORMATS.values())
    raise InputError(
        f"{path}: no graph format has the suffix {path.suffix!r} ({suffixes}): "
        f"name it with --input-format {{{','.join(FORMATS)}}}"
    )


# What an article file can be: the plain-text form, or wikitext (build/wikitext/), by suffix.
WIKITEXT_SUFFIX = ".wiki"
ARTICLE_SUFFIXES = (".txt", WIKITEXT_SUFFIX)

# The SHACL engines (build/validate.py's ENGINES): pySHACL the reference, pyshacl-turbo compiled.
ENGINE_NAMES = ("pyshacl", "turbo")
BUILD_ENGINE = "turbo"  # what `aleppo-kg build` validates with; `validate` defaults to pySHACL

# Articles read, mapped and validated together (a worker's task): the engine's cost per call
# is paid once a batch. The command's first batch is read beside its imports
# (build/reading_process.py).
BATCH_SIZE = 16


def article_files(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a folder stands for the articles in it, plain text (``*.txt``) and
    wikitext (``*.wiki``), sorted by path, recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for suffix in ARTICLE_SUFFIXES for p in path.rglob(f"*{suffix}"))
            if not inside:
                raise InputError(f"{path}: a folder with no .txt or .wiki articles")
            found.extend(inside)
        else:
            found.append(path)
    return found


def in_batches(paths: list[Path]) -> list[list[Path]]:
    """``paths`` in batches of :data:`BATCH_SIZE`, in order."""
    return [paths[i : i + BATCH_SIZE] for i in range(0, len(paths), BATCH_SIZE)]
