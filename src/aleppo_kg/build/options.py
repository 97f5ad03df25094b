"""What a build can be asked for: its output formats and its SHACL engines, by name.

Plain data, apart from the stages that use it, so that the command line can offer the
choices without importing rdflib, pyoxigraph or a SHACL engine.
"""

from __future__ import annotations

from typing import NamedTuple


class Format(NamedTuple):
    """An output format: file suffix, one named graph per article or not, media type.

    The media type is what the dataset description says the graph's file is.
    """

    suffix: str
    named: bool
    media_type: str


# --format name -> its Format
FORMATS = {
    "turtle": Format(".ttl", False, "text/turtle"),
    "nt": Format(".nt", False, "application/n-triples"),
    "trig": Format(".trig", True, "application/trig"),
    "nquads": Format(".nq", True, "application/n-quads"),
    "jsonld": Format(".jsonld", False, "application/ld+json"),
}

# The SHACL engines (build/validate.py's ENGINES): pySHACL the reference, pyshacl-turbo compiled.
ENGINE_NAMES = ("pyshacl", "turbo")
BUILD_ENGINE = "turbo"  # what `aleppo-kg build` validates with; `validate` defaults to pySHACL
