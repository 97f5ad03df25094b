"""The wikitext tables: templates, tags and link namespaces by name, the infobox's parameters.

Read once with the rest of the lexicon. What the wikitext reader
(:mod:`aleppo_kg.build.wikitext`) does with a template or a parameter is a row of
``data/lexicon/wikitext.tsv`` or ``infobox_parameters.tsv``, so another infobox's name or
another list template is a new row, not new code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# What a template, tag or namespace can stand for (see wikitext.tsv's header).
_TEMPLATE_ROLES = "infobox fate flag link text items body break date convert drop"
ROLES = {
    "template": frozenset(_TEMPLATE_ROLES.split()),
    "tag": frozenset({"drop"}),
    "namespace": frozenset({"drop", "label"}),
}
JOINS = frozenset({"list", "outcomes", "faction"})
DROPPED = "-"  # the key of a parameter that is presentation only
_SIDE_NUMBER = re.compile(r"(?<=[a-z ])\d+")


@dataclass(frozen=True)
class Rule:
    """What the reader makes of one template, tag or namespace: its role and argument."""

    role: str
    argument: str = ""


@dataclass(frozen=True)
class Parameter:
    """An infobox parameter's line: the key it is written under and how its items join."""

    key: str  # DROPPED for a parameter that is presentation
    join: str = "list"


@dataclass(frozen=True)
class WikitextTables:
    """The rows of ``wikitext.tsv`` by kind and normalised name, and the infobox parameters."""

    templates: dict[str, Rule]
    tags: dict[str, Rule]
    namespaces: dict[str, Rule]
    parameters: dict[str, Parameter]  # by normalised name, a side's number written n

    def template(self, name: str) -> Rule | None:
        """The rule for a template, by its name as written (``Template:`` and spacing aside)."""
        return self.templates.get(template_key(name))

    def parameter(self, name: str) -> tuple[str, Parameter] | None:
        """The line of an infobox parameter: its key with the side's number put back in, and
        its rule; None for a parameter the table does not list."""
        written = parameter_key(name)
        number = _SIDE_NUMBER.search(written)
        found = self.parameters.get(_SIDE_NUMBER.sub("n", written, count=1))
        if found is None:
            return None
        if number and found.key.endswith("N"):
            return found.key[:-1] + number.group(0), found
        return found.key, found


def parameter_key(name: str) -> str:
    """How parameter names compare here: "_" a space, any case (``map_type``, ``Map type``)."""
    return " ".join(name.replace("_", " ").split()).casefold()


def template_key(name: str) -> str:
    """How template names compare: ``Template:`` and ``subst:`` dropped, "_" a space, any case."""
    key = " ".join(name.replace("_", " ").split()).casefold()
    for prefix in ("safesubst:", "subst:", "template:"):
        key = key.removeprefix(prefix).strip()
    return key


def load_wikitext(table: Callable[[str], list[dict[str, str]]]) -> WikitextTables:
    """The tables, checked: an unknown kind, role or join is a mistake in the table, said."""
    kinds: dict[str, dict[str, Rule]] = {kind: {} for kind in ROLES}
    for row in table("wikitext.tsv"):
        kind, role = row["kind"], row["role"]
        if role not in ROLES.get(kind, ()):
            raise ValueError(f"wikitext.tsv: {row['name']!r}: no role {role!r} for a {kind!r}")
        key = template_key(row["name"]) if kind == "template" else row["name"].casefold()
        kinds[kind][key] = Rule(role, row["argument"])
    parameters = {}
    for row in table("infobox_parameters.tsv"):
        join = row["items"] or "list"
        if row["key"] != DROPPED and join not in JOINS:
            raise ValueError(f"infobox_parameters.tsv: {row['parameter']!r}: no join {join!r}")
        parameters[parameter_key(row["parameter"])] = Parameter(row["key"], join)
    return WikitextTables(kinds["template"], kinds["tag"], kinds["namespace"], parameters)
