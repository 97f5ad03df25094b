"""Wikitext in: an article's wikitext -> the plain-text article form, with its links.

Parsing (:mod:`aleppo_kg.build.parse`) reads the project's plain-text form. A
``.wiki`` file (the wikitext of a Wikipedia article, as ``aleppo-kg fetch`` saves
it) is first rendered into that form by mwparserfromhell and the tables of
``data/lexicon/wikitext.tsv`` and ``infobox_parameters.tsv``: the rendered text is
what the readers read, what every span slices and the article's ``nif:isString``,
and each wikilink's label keeps its span in it and its target's title, which the
name resolvers take as the mention's identity (:mod:`aleppo_kg.text.pages`).

- :mod:`.marked`: rendered text whose characters remember their link.
- :mod:`.render`: nodes -> text (links, tags, text); :mod:`.templates`: templates by role.
- :mod:`.layout`: the article's layout: title, infobox block, lead, sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import Template
from mwparserfromhell.parser import ParserError
from mwparserfromhell.wikicode import Wikicode

from aleppo_kg.build.wikitext.layout import infobox_lines, prose
from aleppo_kg.build.wikitext.marked import Marked
from aleppo_kg.build.wikitext.render import Renderer
from aleppo_kg.build.wikitext.templates import template_rule
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Span, WikiLink

_REDIRECT = re.compile(r"\s*#REDIRECT\s*:?\s*\[\[([^\]|]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Rendered:
    """An article rendered from wikitext: its text, its links in it, what was dropped."""

    text: str
    links: tuple[WikiLink, ...]
    warnings: tuple[str, ...]


def render_article(wikitext: str, title: str, lexicon: Lexicon, where: str) -> Rendered:
    """The plain-text form of the article ``title`` whose wikitext is ``wikitext``.

    No infobox, an infobox never closed or a redirect instead of an article is an
    :class:`InputError` naming ``where``; anything else that cannot be read is dropped
    with a warning.
    """
    redirect = _REDIRECT.match(wikitext)
    if redirect:
        raise InputError(where, f"a redirect to [[{redirect.group(1).strip()}]], not an article")
    try:
        code = mwparserfromhell.parse(wikitext)
    except (ParserError, RecursionError) as error:
        raise InputError(where, f"the wikitext cannot be parsed ({error})") from None
    months = {number: name for name, number in sorted(lexicon.months.items(), key=_by_length)}
    renderer = Renderer(lexicon.wikitext, {n: m.capitalize() for n, m in months.items()}, where)
    infobox = _infobox(code, renderer, wikitext)
    parts = [Marked.plain(f"= {' '.join(title.split())} =\n\nInfobox\n")]
    parts.extend(line + Marked.plain("\n") for line in infobox_lines(renderer, infobox))
    parts.append(Marked.plain("\n"))
    parts.extend(block + Marked.plain("\n\n") for block in prose(renderer, code, infobox))
    document = Marked.join(parts)
    links = tuple(
        WikiLink(Span(start, end), renderer.targets[tag]) for tag, start, end in document.runs()
    )
    return Rendered(document.text.rstrip("\n") + "\n", links, renderer.warnings())


def _by_length(item: tuple[str, int]) -> int:
    """Month names shortest first, so that each month keeps its full name ("September")."""
    return len(item[0])


def _infobox(code: Wikicode, renderer: Renderer, wikitext: str) -> Template:
    """The first template that is the infobox under one of its names."""
    for node in code.filter_templates(recursive=True):
        rule = template_rule(renderer, " ".join(str(node.name).split()))
        if rule is not None and rule.role == "infobox":
            return node
    names = [name for name, rule in renderer.tables.templates.items() if rule.role == "infobox"]
    opened = re.search(
        r"\{\{\s*(?:#invoke:\s*)?(?:" + "|".join(re.escape(n) for n in names) + r")\s*[|}\n]",
        wikitext.replace("_", " "),
        re.IGNORECASE,
    )
    if opened:
        raise InputError(renderer.where, "the infobox template is not closed ('}}' missing)")
    raise InputError(
        renderer.where,
        "no {{Infobox military conflict}} template (nor another of its names in "
        "data/lexicon/wikitext.tsv)",
    )
