"""SPARQL answers of different engines made comparable, and the parameters a query documents.

Engines agree on what a row means but not on how they write it: Virtuoso returns a boolean as
the integer 1 or 0 and may type a number differently ("36.2000"^^xsd:decimal here, 36.2 as a
double there), and GROUP_CONCAT joins its values in whatever order the engine met them. So a
value is compared by what it means: IRIs by their text, numbers and booleans by their numeric
value (true = 1), other literals by their text (no language tag or datatype), and a
GROUP_CONCAT column as the sorted list of its parts. Rows are compared as a multiset, and in
order as far as the query's ORDER BY says: the sequence of ORDER BY keys must be the same, so
rows that tie on them may come in any order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
import rdflib

from aleppo_kg.publish.sparql import parse_binding, run

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {
    f"{XSD}{name}"
    for name in (
        "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
        "negativeInteger", "int", "long", "short", "byte", "unsignedInt", "unsignedLong",
        "decimal", "double", "float",
    )
}  # fmt: skip
BOOLEAN = f"{XSD}boolean"
_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)',
    re.IGNORECASE | re.DOTALL,
)


def value(lexical: str, datatype: str | None) -> str | Decimal:
    """A literal's meaning: a Decimal for numbers and booleans, else its text."""
    if datatype == BOOLEAN:
        return Decimal(1 if lexical in ("true", "1") else 0)
    if datatype in NUMBERS:
        try:
            return Decimal(lexical).normalize()
        except InvalidOperation:  # "INF", "NaN": no Decimal, keep the text
            return lexical
    return lexical


def from_oxigraph(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | Decimal | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return value(term.value, term.datatype.value)
    return term.value


def from_rdflib(term: rdflib.term.Node | None) -> str | Decimal | None:
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return value(str(term), str(term.datatype) if term.datatype else None)
    return str(term)


def from_json(binding: dict | None) -> str | Decimal | None:
    """A value of a SPARQL 1.1 JSON result (``{"type": ..., "value": ..., "datatype": ...}``)."""
    if binding is None:
        return None
    if binding["type"] in ("literal", "typed-literal"):
        return value(binding["value"], binding.get("datatype"))
    return binding["value"]


@dataclass(frozen=True)
class Answer:
    """An engine's rows, by value: the variables, the multiset of rows and the sequence of
    ORDER BY keys."""

    variables: tuple[str, ...]
    rows: tuple[tuple, ...]
    keys: tuple[tuple, ...]

    def __len__(self) -> int:
        return len(self.rows)


def answer(query: str, variables: Sequence[str], rows: Iterable[Sequence]) -> Answer:
    """Rows of already converted values (``from_*``) as an ``Answer`` of ``query``."""
    concatenated = {name: sep for sep, name in _GROUP_CONCAT.findall(query)}
    ordered = _order_keys(query, [v if v not in concatenated else None for v in variables])
    table = []
    for row in rows:
        cells = []
        for name, cell in zip(variables, row, strict=True):
            if name in concatenated and cell is not None:
                cell = tuple(sorted(str(cell).split(concatenated[name])))
            cells.append(cell)
        table.append(tuple(cells))
    keys = tuple(tuple(row[i] for i in ordered) for row in table)
    return Answer(tuple(variables), tuple(sorted(table, key=repr)), keys)


def _order_keys(query: str, variables: Sequence[str | None]) -> list[int]:
    """Columns of the outermost ORDER BY's variables, up to the first one not comparable in
    order: not projected, or a GROUP_CONCAT (``None`` in ``variables``), whose text depends on
    the engine's order of its parts."""
    clauses = re.findall(r"\bORDER\s+BY\b(.*?)(?=\bLIMIT\b|\bOFFSET\b|\bVALUES\b|$)", query, re.S)
    columns = []
    for name in re.findall(r"\?(\w+)", clauses[-1] if clauses else ""):
        if name not in variables:
            break
        columns.append(list(variables).index(name))
    return columns


def on_oxigraph(store: ox.Store, query: str, bindings: dict[str, str] | None = None) -> Answer:
    """The rows of the project's own ``run``, ``bindings`` written as on the command line."""
    fixed = dict(parse_binding(f"{k}={v}") for k, v in (bindings or {}).items())
    results = run(store, query, fixed)
    return answer(query, results.variables, ([from_oxigraph(t) for t in r] for r in results.rows))
