"""What a build can be asked for: its output formats and its SHACL engines, by name.

Plain data, apart from the stages that use it, so that the command line can offer the
choices without importing rdflib, pyoxigraph or a SHACL engine.
"""

from __future__ import annotations

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
