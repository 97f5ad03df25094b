"""Stage 2: :class:`~aleppo_kg.model.Article` -> records (plain Python, no RDF).

Reads every infobox field into typed records. The rules are general: what they
need to know about words comes from :mod:`aleppo_kg.lexicon`, and every record
keeps the span of text it was read from.

- :mod:`.reader`: the driver; dispatches each field by its key, keeps the warnings
  and the sides, and refuses an unreadable item when strict.
- :mod:`.notes`: the warnings of one reading and the strict policy.
- :mod:`.items`: the tolerant list-item reader (separators, junk, nesting, spans).
- :mod:`.conflict`: dates, part-of, place, result, territory, followed-by.
- :mod:`.sides`: combatants, commanders, units.
- :mod:`.figures`: strength and casualty figures.
"""

from __future__ import annotations

from aleppo_kg.build.infobox.reader import InfoboxReader
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Article, Extraction


def read_infobox(article: Article, lexicon: Lexicon, strict: bool = False) -> Extraction:
    """Read the article's infobox into a :class:`Conflict` record (no events yet).

    An infobox item that cannot be read is skipped with a warning naming its line, so
    an article the rules cannot fully read still yields what it can; with ``strict``,
    such an item is an error.
    """
    return InfoboxReader(article, lexicon, strict).run()
