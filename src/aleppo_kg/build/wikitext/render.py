"""Wikitext nodes -> marked text: what a reader of the page sees, each link's label marked.

mwparserfromhell gives the nodes (text, links, templates, tags, comments); this
renders them as plain text: a link as its label, bold and italic marks gone,
references, comments, files and categories dropped, templates by their role in
``data/lexicon/wikitext.tsv`` (:mod:`.templates`). Structure the later stages need
stays in the text as line breaks and two marker characters: :data:`BULLET` (one
per level of a list item) and :data:`RULE` (a horizontal rule, ``<hr>``/``----``).
What cannot be rendered is dropped with a warning, never an exception.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from mwparserfromhell.nodes import (
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from aleppo_kg.build.wikitext.marked import NO_LINK, Marked
from aleppo_kg.build.wikitext.templates import render_template
from aleppo_kg.build.wikitext.titles import page_title, pipe_trick
from aleppo_kg.lexicon.wikitext import WikitextTables

BULLET = "\x02"  # one per level of a list item, at the start of its line
RULE = "\x03"  # a horizontal rule, on a line of its own
# Markup left as text: a template or link that was never closed, or closed twice.
_STRAY = re.compile(r"\{\{|\}\}|\[\[|\]\]")
_QUOTE_MARKS = re.compile(r"'{2,}")  # bold or italic marks that were never closed
_MARKERS = re.compile(f"[{BULLET}{RULE}]")
_TRAIL = re.compile(r"[a-z]+")  # letters glued after a link belong to its label ([[rebel]]s)
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z]+)*")  # [[ar:...]]: the article in another language
_BLOCK_TAGS = frozenset({"p", "div", "blockquote", "center", "poem", "ul", "ol", "dl"})


class Renderer:
    """Renders nodes; keeps the links' targets (a label's tag is its index) and the warnings."""

    def __init__(self, tables: WikitextTables, months: dict[int, str], where: str) -> None:
        self.tables = tables
        self.months = months  # 5 -> "May"
        self.where = where
        self.targets: list[str] = []
        self.unknown: Counter[str] = Counter()  # templates not understood, by name as written
        self.problems: dict[str, None] = {}  # in the order met, each once

    def code(self, code: Wikicode | None) -> Marked:
        """A run of nodes; letters glued after a link join its label, as MediaWiki shows it."""
        if code is None:
            return Marked()
        parts: list[Marked] = []
        after = NO_LINK
        for node in code.nodes:
            if isinstance(node, Text) and after != NO_LINK:
                trail = _TRAIL.match(node.value)
                if trail:
                    parts.append(Marked.plain(trail.group(0)).linked(after))
                    parts.append(self.text(node.value[trail.end() :]))
                    after = NO_LINK
                    continue
            rendered = self.node(node)
            parts.append(rendered)
            linked = isinstance(node, Wikilink) and rendered.tags
            after = rendered.tags[-1] if linked else NO_LINK
        return Marked.join(parts)

    def node(self, node: Node) -> Marked:
        """One node as text."""
        if isinstance(node, Text):
            return self.text(node.value)
        if isinstance(node, Wikilink):
            return self.link(node)
        if isinstance(node, Template):
            return render_template(self, node)
        if isinstance(node, Tag):
            return self.tag(node)
        if isinstance(node, HTMLEntity):
            return Marked.plain(node.normalize())
        if isinstance(node, ExternalLink):  # [https://... label]: its label; a bare URL: nothing
            return self.code(node.title) if node.brackets and node.title else Marked()
        if isinstance(node, Heading):
            return self.code(node.title)
        return Marked()  # comments, a template's own parameters ({{{1}}})

    def text(self, value: str) -> Marked:
        """Plain text; markup left unclosed is dropped with a warning."""
        for stray in _STRAY.findall(value):
            self.problem(f"stray {stray!r} (a template or link not closed?): dropped")
        value = _QUOTE_MARKS.sub("", _STRAY.sub("", _MARKERS.sub("", value)))
        return Marked.plain(value)

    def link(self, node: Wikilink) -> Marked:
        """A link as its label; a link to an article of the main namespace keeps its target."""
        title = str(node.title).strip()
        role = self._namespace(title)
        if role == "drop":  # files, categories, the article in other languages
            return Marked()
        if node.text is None:
            label = Marked.plain(html.unescape(title.lstrip(":").replace("_", " ")).strip())
        elif not str(node.text).strip():  # the pipe trick: [[Anadan, Syria|]] shows "Anadan"
            label = Marked.plain(pipe_trick(title))
        else:
            label = self.code(node.text)
        target = page_title(title) if role is None else None
        return self.linked(label, target) if target else label

    def linked(self, label: Marked, target: str) -> Marked:
        """``label`` as the label of a link to the article ``target``."""
        self.targets.append(target)
        return label.linked(len(self.targets) - 1)

    def tag(self, node: Tag) -> Marked:
        """A tag: dropped by the table, a line break, a rule, a list item, or what it holds."""
        name = str(node.tag).strip().casefold()
        if name in self.tables.tags:
            return Marked()
        if name == "br":
            return Marked.plain("\n")
        if name == "hr":
            return Marked.plain(f"\n{RULE}\n")
        if name == "li" and node.wiki_markup:  # "*" or "#" at the start of a line
            return Marked.plain(BULLET)
        if name == "li":
            return Marked.plain("\n" + BULLET) + self.code(node.contents) + Marked.plain("\n")
        if node.wiki_markup and name in ("dd", "dt"):  # ":" and ";" at the start of a line
            return Marked()
        if name in _BLOCK_TAGS:
            return Marked.plain("\n\n") + self.code(node.contents) + Marked.plain("\n\n")
        return self.code(node.contents)

    def problem(self, message: str) -> None:
        """Something rendered as well as it could be, said once."""
        self.problems.setdefault(f"{self.where}: {message}")

    def warnings(self) -> tuple[str, ...]:
        """What was dropped or could not be read, templates not understood last."""
        unknown = (
            f"{self.where}: template {{{{{name}}}}} not understood: dropped"
            + (f" ({count} times)" if count > 1 else "")
            for name, count in self.unknown.items()
        )
        return (*self.problems, *unknown)

    def _namespace(self, title: str) -> str | None:
        """The role of a link's namespace ("drop" or "label"); None for an article's link."""
        colon = title.startswith(":")
        prefix, found, _ = title.lstrip(":").partition(":")
        if not found:
            return None
        rule = self.tables.namespaces.get(prefix.strip().casefold())
        if rule is None and not _LANGUAGE.fullmatch(prefix.strip()):
            return None  # a colon in an article's title: [[Syria: A History]]
        role = rule.role if rule else "drop"
        return "label" if colon else role  # [[:Category:X]] shows its name
