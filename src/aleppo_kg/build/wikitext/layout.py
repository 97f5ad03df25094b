"""The rendered article's layout: the project's plain-text form, written from wikitext.

``= Title =``, an ``Infobox`` block of ``- Key: Value`` lines (one per parameter of
the infobox, by ``data/lexicon/infobox_parameters.tsv``; a value's lines and list
items joined by ", " with their nesting as asterisks, its horizontal rules as
``<hr>``), then the lead's paragraphs and each section's ``== Heading ==`` and
paragraphs, one paragraph a line (a list item is a paragraph of its own, "- item").
The plain-text readers read this text unchanged.
"""

from __future__ import annotations

import re

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Node, Template
from mwparserfromhell.wikicode import Wikicode

from aleppo_kg.build.wikitext.marked import Marked
from aleppo_kg.build.wikitext.render import BULLET, RULE, Renderer
from aleppo_kg.lexicon.wikitext import DROPPED, Parameter

_LINE = re.compile(r"\n")
_BLANK = re.compile(rf"\n[^\S\n]*\n\s*|{RULE}")  # a blank line, or a rule, ends a paragraph
_SPACES = re.compile(r"\s+")
_EMPTY_PARENTHESES = re.compile(r"\(\s*\)|\[\s*\]")  # what held only a dropped template
# How a parameter's lines join: ", " with their nesting, or a result's outcomes by "; ".
_JOINERS = {"list": (", ", True), "faction": (", ", True), "outcomes": ("; ", False)}
_PARAMETER_LINE = re.compile(r"\n\s*\|\s*([^=|{}\[\]\n]+?)\s*=")  # "\n| combatant1 ="


def infobox_lines(renderer: Renderer, infobox: Template) -> list[Marked]:
    """The ``- Key: Value`` lines of the infobox's parameters, in the order written (a
    parameter given twice: the last value, as MediaWiki takes it); an empty or
    presentation parameter gives none; a further faction (``combatant1a``) joins its side's
    line after ``<hr>``."""
    values: dict[str, list[Marked | None]] = {}  # key -> [its own value, further factions...]
    invoked = str(infobox.name).strip().casefold().startswith("#invoke:")
    for index, param in enumerate(infobox.params):
        if not param.showkey:  # {{#invoke:...|main|...}}: the first is the function's name
            if not (invoked and index == 0) and str(param.value).strip():
                unnamed = " ".join(str(param.value).split())[:60]
                why = "(a '|' of a link or template not closed?): dropped"
                renderer.problem(f"infobox: unnamed parameter {unnamed!r} {why}")
            continue
        name = " ".join(str(param.name).split())
        if not name:
            renderer.problem("infobox: a parameter with no name ('| = ...'): dropped")
            continue
        _swallowed(renderer, name, param.value)
        key, rule = renderer.tables.parameter(name) or (name, Parameter(name))
        if rule.key == DROPPED:
            continue
        value = value_text(renderer, param.value, *_JOINERS[rule.join])
        line = values.setdefault(key, [None])
        if rule.join == "faction":
            line.append(value or None)
        else:
            line[0] = value or None
    lines = []
    for key, parts in values.items():
        present = [part for part in parts if part]
        if present:
            lines.append(Marked.plain(f"- {key}: ") + Marked.join(present, "<hr> "))
    return lines


def _swallowed(renderer: Renderer, name: str, value: Wikicode) -> None:
    """Warn when a parameter's value holds the lines of the infobox's next parameters: a
    template or link in it was not closed, and took them in (MediaWiki shows them as its).
    A citation's own lines ("| date = ...") inside a reference are no such lines."""
    shown = mwparserfromhell.parse(str(value))
    for tag in shown.filter_tags(recursive=False):
        if str(tag.tag).strip().casefold() in renderer.tables.tags:
            shown.remove(tag)
    held = [
        found.group(1)
        for found in _PARAMETER_LINE.finditer(str(shown))
        if renderer.tables.parameter(found.group(1)) is not None
    ]
    if held:
        renderer.problem(
            f"infobox parameter {name!r}: a template or link in it is not closed and holds "
            f"the lines of {', '.join(held)}: they are not read"
        )


def value_text(renderer: Renderer, code: Wikicode, joiner: str, nesting: bool = True) -> Marked:
    """A parameter's value on one line: its lines (list items, ``<br>``, a list template's
    items) joined by ``joiner``, a horizontal rule as ``<hr>``; with ``nesting``, a nested
    item after as many asterisks as it is deeper than the value's shallowest item
    ({{plainlist|* A ** B}}: "A, * B")."""
    items: list[tuple[int, Marked] | None] = []  # None: a rule
    for line in renderer.code(code).split(_LINE):
        line = line.strip()
        depth = len(line.text) - len(line.text.lstrip(BULLET))
        body = clean(line[depth:]).strip(" ,;")
        if line.text == RULE or body:
            items.append(None if line.text == RULE else (depth, body))
    top = min((item[0] for item in items if item), default=0)
    parts: list[Marked] = []
    rule = False
    for item in items:
        if item is None:
            rule = bool(parts)
            continue
        if parts:
            parts.append(Marked.plain("<hr> " if rule else joiner))
        depth = item[0] - top if nesting else 0
        parts.append(Marked.plain("*" * depth + " ") + item[1] if depth else item[1])
        rule = False
    return Marked.join(parts)


def clean(text: Marked) -> Marked:
    """One line of text: spaces squeezed, parentheses left empty by dropped templates gone.
    A space a dropped reference or template leaves before punctuation stays, as MediaWiki
    shows it ("Aleppo [1]." without its footnote mark) and as the plain-text articles have it."""
    return text.sub(_SPACES, " ").sub(_EMPTY_PARENTHESES, "").sub(_SPACES, " ").strip()


def prose(renderer: Renderer, code: Wikicode, infobox: Template) -> list[Marked]:
    """The lead's paragraphs, then each section's heading and paragraphs, in order."""
    blocks: list[Marked] = []
    section: list[Node] = []
    for node in code.nodes:
        if node is infobox:
            continue
        if not isinstance(node, Heading):
            section.append(node)
            continue
        blocks.extend(paragraphs(renderer, section))
        section = []
        title = clean(renderer.code(node.title))
        if title:
            marks = "=" * max(2, node.level)  # "= X =" is the article's title line
            blocks.append(Marked.plain(f"{marks} ") + title + Marked.plain(f" {marks}"))
    blocks.extend(paragraphs(renderer, section))
    return blocks


def paragraphs(renderer: Renderer, nodes: list[Node]) -> list[Marked]:
    """Paragraphs (split at blank lines and rules) of a run of nodes, each on one line; each
    item of a bulleted list is a paragraph of its own, written "- item"."""
    found: list[Marked] = []
    for chunk in renderer.code(Wikicode(nodes)).split(_BLANK):
        lines: list[Marked] = []
        for line in chunk.split(_LINE):
            line = line.strip()
            if not line.text.startswith(BULLET):
                lines.append(line)
                continue
            found.append(clean(Marked.join(lines, " ")))
            lines = []
            item = clean(line.strip(BULLET + " "))
            found.append(Marked.plain("- ") + item if item else Marked())
        found.append(clean(Marked.join(lines, " ")))
    return [paragraph for paragraph in found if paragraph]
