"""Templates by their role in ``data/lexicon/wikitext.tsv``: what each one shows as text.

A fate ({{KIA}}) is written as the marker the commander reader knows (fates.tsv);
a flag that names its country ({{flag|Syria}}) as the country's name, linked; a
list template ({{plainlist}}, {{ubl}}, {{hlist}}) as lines, one item each; a date
({{start date|2012|05|28}}) as "28 May 2012"; a measure ({{convert|5|km}}) as "5 km".
A template the table does not list is dropped and counted for a warning; one whose
parameters make no sense ({{start date|2012|13|40}}) is dropped with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from aleppo_kg.build.wikitext.marked import Marked
from aleppo_kg.build.wikitext.titles import page_title
from aleppo_kg.lexicon.wikitext import Rule

if TYPE_CHECKING:
    from aleppo_kg.build.wikitext.render import Renderer

_INVOKE = "#invoke:"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_RANGE_WORDS = frozenset({"-", "–", "to", "and", "or", "to(-)", "+/-", "±", "x", "by"})
_DASHES = frozenset({"-", "–"})


def render_template(renderer: Renderer, node: Template) -> Marked:
    """A template as text, by its role; one not understood is dropped and counted."""
    name = " ".join(str(node.name).split())
    rule = template_rule(renderer, name)
    if rule is None:
        renderer.unknown[name] += 1
        return Marked()
    return _HANDLERS[rule.role](renderer, node, rule)


def template_rule(renderer: Renderer, name: str) -> Rule | None:
    """The table's rule for a template name; {{#invoke:Module|...}} is its module's template
    (an infobox invoked through its module); {{#tag:ref|...}} is the tag."""
    if name.casefold().startswith(_INVOKE):
        return renderer.tables.template(name[len(_INVOKE) :].strip())
    if name.casefold().startswith("#tag:"):
        return renderer.tables.tags.get(name[len("#tag:") :].strip().casefold())
    return renderer.tables.template(name)


def positional(node: Template) -> list[Wikicode]:
    """The positional parameters' values, in order (named ones such as ``df=y`` left out)."""
    return [param.value for param in node.params if not param.showkey]


def _nth(renderer: Renderer, node: Template, number: int) -> str:
    """The text of positional parameter ``number`` (1-based), "" when missing."""
    values = positional(node)
    if number > len(values):
        return ""
    return " ".join(renderer.code(values[number - 1]).text.split())


def _named(renderer: Renderer, node: Template, name: str) -> Marked | None:
    """A named parameter's value as text, None when absent or empty."""
    if not node.has(name):
        return None
    value = renderer.code(node.get(name).value).strip()
    return value or None


def _written(node: Template) -> str:
    """The template as written, shortened, to name it in a warning."""
    text = " ".join(str(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _drop(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    return Marked()


def _fate(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    """{{KIA}} -> " KIA ": the marker, apart from the name it follows."""
    return Marked.plain(f" {rule.argument} ")


def _flag(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    """{{flag|Syria}} -> "Syria", linked to the country's article ({{flagu}}: not linked);
    ``name=`` is the text shown instead."""
    country = _nth(renderer, node, 1)
    if not country:
        renderer.problem(f"{_written(node)} names no country: dropped")
        return Marked()
    shown = _named(renderer, node, "name") or Marked.plain(country)
    target = page_title(country) if rule.argument == "link" else None
    return renderer.linked(shown, target) if target else shown


def _link(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    """{{ill|Title|ar|...}}: a link to the English article Title (``lt=`` the text shown)."""
    title = _nth(renderer, node, 1)
    target = page_title(title)
    if target is None:
        renderer.problem(f"{_written(node)} names no article: dropped")
        return Marked()
    return renderer.linked(_named(renderer, node, "lt") or Marked.plain(title), target)


def _text(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    """The positional parameter that holds the text ({{nowrap|X}}: 1; {{lang|ar|X}}: 2)."""
    values = positional(node)
    number = int(rule.argument or "1")
    return renderer.code(values[number - 1]) if number <= len(values) else Marked()


def _items(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    """{{ubl|A|B}}, {{hlist|A|B}}: each positional parameter a line of its own."""
    lines = (renderer.code(value).strip() for value in positional(node))
    newline = Marked.plain("\n")
    return Marked.join(newline + line + newline for line in lines)


def _body(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    """{{plainlist|* A ** B}}: parameter 1 is a bulleted list, rendered as one."""
    values = positional(node)
    body = renderer.code(values[0]) if values else Marked()
    return Marked.plain("\n") + body + Marked.plain("\n")


def _break(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    return Marked.plain("\n")


def _date(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    """{{start date|2012|05|28}} -> "28 May 2012"; a year and month -> "May 2012"; a
    year -> "2012". A date written out ({{dts|28 May 2012}}) is kept as written."""
    parts: list[str] = []
    for number in (1, 2, 3):
        part = _nth(renderer, node, number)
        if not part:
            break
        parts.append(part)
    if len(parts) == 1 and not parts[0].isdigit():
        return Marked.plain(parts[0])
    shown = _day_month_year(parts, renderer.months)
    return Marked.plain(shown) if shown else _bad(renderer, node)


def _day_month_year(parts: list[str], months: dict[int, str]) -> str | None:
    """Year, month and day numbers as the plain text writes a date; None for no such day."""
    if not parts or not all(part.isdigit() for part in parts):
        return None
    year, month, day = ([int(part) for part in parts] + [0, 0])[:3]
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if not month:
        return str(year)
    return f"{months[month]} {year}" if not day else f"{day} {months[month]} {year}"


def _convert(renderer: Renderer, node: Template, rule: Rule) -> Marked:
    """{{convert|5|km}} -> "5 km"; {{convert|5|-|7|km}} -> "5–7 km"; "to" and the other
    range words stay words: "5 to 7 km". The converted value is left out."""
    values = [_nth(renderer, node, n) for n in range(1, len(positional(node)) + 1)]
    if not values or not _NUMBER.fullmatch(values[0]):
        return _bad(renderer, node)
    amount, rest = values[0], values[1:]
    if len(rest) >= 2 and rest[0] in _RANGE_WORDS and _NUMBER.fullmatch(rest[1]):
        between = "–" if rest[0] in _DASHES else f" {rest[0]} "
        amount, rest = f"{amount}{between}{rest[1]}", rest[2:]
    unit = rest[0] if rest else ""
    return Marked.plain(f"{amount} {unit}".strip())


def _bad(renderer: Renderer, node: Template) -> Marked:
    renderer.problem(f"{_written(node)} cannot be read: dropped")
    return Marked()


_HANDLERS: dict[str, Callable[[Renderer, Template, Rule], Marked]] = {
    "infobox": _drop,  # the infobox is read as the infobox block, not as text
    "drop": _drop,
    "fate": _fate,
    "flag": _flag,
    "link": _link,
    "text": _text,
    "items": _items,
    "body": _body,
    "break": _break,
    "date": _date,
    "convert": _convert,
}
