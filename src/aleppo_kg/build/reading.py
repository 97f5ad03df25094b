"""The reading stages of articles, in order: parse, infobox, prose, into typed records.

No RDF here, nor rdflib: a build reads its articles in a process of its own
(:mod:`aleppo_kg.build.reading_process`), which imports this and the stages only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from aleppo_kg.build.infobox import read_infobox
from aleppo_kg.build.parse import parse_article
from aleppo_kg.build.prose import read_events
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Extraction

# Articles read, and why each one skipped could not be read.
Read = tuple[list[Extraction], tuple[str, ...]]


def read_article(path: Path, lexicon: Lexicon, strict: bool = False) -> Extraction:
    """The reading stages of one article, in order: parse, infobox, prose."""
    article = parse_article(path, lexicon, strict)
    infobox = read_infobox(article, lexicon, strict)
    warnings: list[str] = []
    events = read_events(article, infobox.conflict, lexicon, warnings)
    return replace(infobox, events=tuple(events), warnings=(*infobox.warnings, *warnings))


def read_all(paths: Sequence[Path], lexicon: Lexicon, strict: bool, keep_going: bool) -> Read:
    """Every article read; with ``keep_going`` an unreadable one is skipped, not fatal."""
    extractions, skipped = [], []
    for path in paths:
        try:
            extractions.append(read_article(path, lexicon, strict))
        except InputError as error:
            if not keep_going:
                raise
            skipped.append(str(error))
    return extractions, tuple(skipped)
