"""Stage 2b: the prose -> :class:`~aleppo_kg.model.Event` records.

Reads paragraphs in order, keeping what a reader keeps in mind: the last year
written, the last date, the city and town being talked about. Event types,
outcomes, sources and places all come from the lexicons.

- :mod:`.state`: the reader, its reading state and reading order; new and undated events.
- :mod:`.patterns`: the regular expressions, compiled once per process from the lexicon.
- :mod:`.clauses`: a sentence's clauses and the event cues they hold.
- :mod:`.dates`: the dates of a sentence, relative dates ("the next day").
- :mod:`.places`: place mentions, locators, the places a reader keeps in mind.
- :mod:`.figures`: numbers, the nouns they count, and what happened to them.
- :mod:`.sources`: reporters, and actors with their roles.
- :mod:`.events`: twice-told events merged, a killing's type resolved, event keys.
"""

from __future__ import annotations

from aleppo_kg.build.prose.state import Reader
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Article, Conflict, Event


def read_events(
    article: Article, conflict: Conflict, lexicon: Lexicon, warnings: list[str] | None = None
) -> list[Event]:
    """All events of the article's prose, merged, typed and keyed.

    What the reader could not place (a dated sentence with no known act, a date past the
    conflict's end) is added to ``warnings``: said, never dropped silently.
    """
    reader = Reader(article, conflict, lexicon)
    events = reader.run()
    if warnings is not None:
        warnings.extend(reader.warnings)
    return events
