"""Which Wikipedia article a mention names: the wikilinks of an article read from wikitext.

A link names the article its mention is the topic of, so the resolvers of names
(:class:`~aleppo_kg.text.names.Names`) take a linked mention's identity from the
link's target rather than from its words. A mention is the link's when it is
written inside the link's label and is the whole of it (an article word such as
"the" aside): "Aleppo" inside [[Battle of Aleppo|battle for Aleppo]] is not the
battle. Wikipedia links a name once, the first time; the same words elsewhere in
the article name the same article, when the article links those words to one
article only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from aleppo_kg.lexicon import Lexicon, either_case, fold
from aleppo_kg.model import Span, WikiLink

_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)\s*$")  # "6th Armored Division (Syria)"
_NO_WORD = re.compile(r"[\W_]*")
_CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w'-]*[\s-]+$")  # "Kafr " before "Hamra"
_CAPITAL_AFTER = re.compile(r"[\s-]+[A-Z]")  # " Front" after "Nusra"


class Pages:
    """An article's links by where they stand and by the words they link."""

    def __init__(
        self, text: str = "", links: Sequence[WikiLink] = (), lexicon: Lexicon | None = None
    ) -> None:
        self.text = text
        self.links = sorted(links, key=lambda link: link.span.start)
        self.starts = [link.span.start for link in self.links]
        targets: dict[str, set[str]] = {}
        for link in self.links:
            targets.setdefault(fold(link.span.slice(text)), set()).add(link.target)
        self.by_words = {words: found.pop() for words, found in targets.items() if len(found) == 1}
        articles = either_case(lexicon.cue_phrases("article")) if lexicon else "[Tt]he"
        self.leading = re.compile(rf"[\W_]*(?:(?:{articles})\s+)?[\W_]*")

    def page(self, written: str, span: Span | None) -> str | None:
        """The title of the article the mention ``written`` at ``span`` names, if any."""
        if not self.links:
            return None
        link = self._around(span) if span is not None else None
        if link is not None and self._whole(link, span):
            return link.target
        return self.by_words.get(fold(written))

    def cuts(self, span: Span) -> bool:
        """True when a mention at ``span`` cuts a linked name: it crosses the edge of a link's
        label ("the Army" of [[Army of Conquest]]), or is a part of the label that a
        capitalised word of it continues ("Hamra" of [[Kafr Hamra]]): the link names
        something else, of which these words are only a part."""
        for link in self.links[max(0, bisect_right(self.starts, span.start) - 1) :]:
            if link.span.start >= span.end:
                return False
            if link.span.end <= span.start:
                continue
            if not (link.span.start <= span.start and span.end <= link.span.end):
                return span.start < link.span.start or span.end > link.span.end
            before = self.text[link.span.start : span.start]
            after = self.text[span.end : link.span.end]
            return bool(_CAPITAL_BEFORE.search(before) or _CAPITAL_AFTER.match(after))
        return False

    def _around(self, span: Span) -> WikiLink | None:
        """The link whose label holds ``span``."""
        index = bisect_right(self.starts, span.start) - 1
        if index < 0:
            return None
        link = self.links[index]
        return link if link.span.end >= span.end else None

    def _whole(self, link: WikiLink, span: Span) -> bool:
        """True when the mention is the whole label but for punctuation and a leading "the"."""
        before = self.text[link.span.start : span.start]
        after = self.text[span.end : link.span.end]
        return bool(self.leading.fullmatch(before) and _NO_WORD.fullmatch(after))


def plain_name(title: str, comma: bool = False) -> str:
    """The name an article's title gives its topic: "6th Armored Division (Syria)" -> "6th
    Armored Division"; with ``comma``, a place's "Anadan, Syria" -> "Anadan" too."""
    name = _DISAMBIGUATION.sub("", title) or title
    return (name.split(",")[0].strip() or name) if comma else name
