"""The parsed article: title, infobox fields, sections, paragraphs and sentences, with offsets.

What :mod:`aleppo_kg.build.parse` returns. Every piece keeps its character span
into the text, so every fact read from it can point back to what it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into the article text (code points)."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        """The exact text this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True)
class Field:
    """One ``- Key: Value`` line of the infobox."""

    key: str
    value: str
    line_number: int
    line_span: Span
    value_span: Span


@dataclass(frozen=True)
class Sentence:
    """A sentence of prose with its place in the text."""

    text: str
    span: Span


@dataclass(frozen=True)
class Paragraph:
    """A line of prose: the article format puts one paragraph on a line."""

    span: Span
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Section:
    """A ``== Heading ==`` and the paragraphs under it; the lead has an empty title."""

    title: str
    level: int
    span: Span
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class WikiLink:
    """A wikilink of an article read from wikitext: where its label stands in the rendered text
    and the title of the article it links to (as MediaWiki normalises it: spaces, the first
    letter upper-case; a redirect's title stays the redirect's)."""

    span: Span
    target: str


@dataclass(frozen=True)
class Article:
    """A parsed article: every piece keeps its offsets into ``text``."""

    path: Path
    text: str
    title: str
    title_span: Span
    source_url: str
    license_url: str
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()  # infobox lines skipped because they could not be read
    retrieved: date | None = None  # when the text was taken into the project (sidecar)
    revision_url: str | None = None  # the permalink of the revision the text is (sidecar)
    links: tuple[WikiLink, ...] = ()  # a wikitext article's links, in the rendered text
    rendered: bool = False  # read from wikitext: ``text`` is its rendering, not the file

    @property
    def name(self) -> str:
        """The text as messages name it: the file, or the file's rendered text, whose lines a
        message counts (a wikitext file's lines are not those of the text read)."""
        return f"{self.path} (rendered)" if self.rendered else str(self.path)
