"""The links table for people: what is linked and why not, proposals to review, reviewed rows in.

``data/links.tsv`` is the only way an identifier reaches the graph, and only a person
adds to it: ``aleppo-kg link --online`` writes proposals in the table's own columns,
the person deletes what they do not confirm, and ``aleppo-kg link --accept`` takes
the rest in, checked by the build's own loader of the table
(:func:`aleppo_kg.build.link.load_links`), so a row the build would refuse is
refused here, before the table changes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_kg.build.link import COLUMNS, WIKIDATA_PAGE, Link, links_file, load_links
from aleppo_kg.build.write import write_atomic
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import read_table

if TYPE_CHECKING:
    from rdflib import Graph

    from aleppo_kg.curation.sitelinks import Finding
    from aleppo_kg.curation.wikidata import Candidate

# Resources a Wikidata item can stand for: places, groups, people, conflicts, sources, models.
LINKABLE = """
SELECT ?r ?label ?qid ?page WHERE {
    ?r rdfs:label ?label .
    FILTER(STRSTARTS(STR(?r), STR(akr:))
           && REGEX(STRAFTER(STR(?r), STR(akr:)), "^(place|org|person|conflict|source|equipment)/"))
    OPTIONAL { ?r owl:sameAs ?qid FILTER(STRSTARTS(STR(?qid), STR(wd:))) }
    OPTIONAL { ?r foaf:isPrimaryTopicOf ?page }
} ORDER BY ?r
"""
ONLINE = "run `aleppo-kg link --online` to get proposals"


@dataclass(frozen=True)
class Status:
    """One resource of the graph: its Wikidata item, or why it has none."""

    resource: str
    label: str
    item: str | None  # the item's IRI
    reason: str  # for an unlinked resource, in the user's words


def statuses(graph: Graph, table: dict[str, Link]) -> list[Status]:
    """Every linkable resource of ``graph``, in key order, with its item or the reason."""
    from aleppo_kg.vocab import AKR, PREFIXES

    found: dict[str, Status] = {}
    for resource, label, qid, page in graph.query(LINKABLE, initNs=PREFIXES):
        key = str(resource).removeprefix(str(AKR))
        if key in found and (found[key].item or qid is None):
            continue
        item = str(qid) if qid is not None else None
        found[key] = Status(key, str(label), item, "" if item else _reason(table.get(key), page))
    return list(found.values())


def _reason(row: Link | None, page: object) -> str:
    """Why a resource has no item, and what to do about it."""
    named = f"its Wikipedia page {page} names one" if page is not None else ""
    if row is not None and row.evidence:
        also = f"; {named}: {ONLINE}" if named else ""
        return f"no Wikidata item in data/links.tsv; its row notes: {row.evidence}{also}"
    if named:
        return f"no verified Wikidata item in data/links.tsv; {named}: {ONLINE}"
    return f"no verified Wikidata item in data/links.tsv; {ONLINE}"


def proposals_table(findings: Iterable[Finding], candidates: Iterable[Candidate]) -> bytes:
    """Proposals in the columns of ``data/links.tsv``, for a person to review: the items of the
    resources' Wikipedia pages, then label-search candidates for resources without a page."""
    lines = [
        "# Proposals for data/links.tsv from `aleppo-kg link --online`: nothing here is applied.",
        "# Check each row (open its Wikidata page), delete the rows you do not confirm (keep at",
        "# most one per resource), then run `aleppo-kg link --accept` with this file.",
        "\t".join(COLUMNS),
    ]
    lines += [
        _line(found.page.resource, found.item.qid, found.evidence)
        for found in findings
        if found.problem is None and found.item is not None
    ]
    ranks: dict[str, int] = {}
    for candidate in candidates:
        ranks[candidate.resource] = ranks.get(candidate.resource, 0) + 1
        evidence = (
            f"label search, candidate {ranks[candidate.resource]}: "
            f"{candidate.label!r} ({candidate.description or 'no description'}), "
            f"score {candidate.score:.2f}, {candidate.retrieved}: "
            f"{WIKIDATA_PAGE}{candidate.qid}"
        )
        lines.append(_line(candidate.resource, candidate.qid, evidence))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _line(resource: str, qid: str, evidence: str) -> str:
    return "\t".join([resource, qid, "", "", "", "", " ".join(evidence.split())])


@dataclass(frozen=True)
class Accepted:
    """What ``accept`` did with one reviewed row."""

    resource: str
    wikidata: str | None
    action: str  # "added", "completed" (an existing row without an item) or "already there"
    evidence: str


def accept(reviewed: Path, table: Path | None = None) -> list[Accepted]:
    """Take the reviewed rows of ``reviewed`` into ``table`` (default ``data/links.tsv``).

    Every row is checked as the build checks the table, and so is the table with the
    rows in; a resource already linked to another item is refused. Nothing is written
    unless every row is accepted. A row for a resource the table lists without an item
    completes that row (its GeoNames id and coordinates stay). New rows go after the
    last row of their kind that sorts before them, so a sorted table stays sorted.
    """
    table = table or links_file()
    _check_shape(reviewed)
    load_links(reviewed)  # every row as the build reads it: one line naming the problem
    rows = read_table(table)
    done: list[Accepted] = []
    for row in read_table(reviewed):
        done.append(_merge(rows, row, f"{reviewed}: {row['resource']}"))
    text = _table_text(table, rows)
    _check_table(text, table)
    if any(a.action != "already there" for a in done):
        write_atomic(table, text.encode("utf-8"))
    return done


def _check_shape(path: Path) -> None:
    """Each row has the table's columns exactly (a stray tab would shift every value)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.startswith("#") and line.count("\t") != len(COLUMNS) - 1:
            raise InputError(
                f"{path}: line {number}: expected {len(COLUMNS)} tab-separated columns"
            )


def _merge(rows: list[dict[str, str]], new: dict[str, str], where: str) -> Accepted:
    """Put ``new`` into ``rows``: a new row, or the completion of its resource's row."""
    resource = new["resource"]
    old = next((row for row in rows if row["resource"] == resource), None)
    if old is None:
        rows.insert(_position(rows, resource), dict(new))
        return Accepted(resource, new["wikidata"] or None, "added", new["evidence"])
    if old["wikidata"] and new["wikidata"] and old["wikidata"] != new["wikidata"]:
        raise InputError(
            f"{where}: already linked to {old['wikidata']} in data/links.tsv, not "
            f"{new['wikidata']}; if that item is wrong, correct its row by hand"
        )
    merged = dict(old)
    for column in COLUMNS[1:-1]:
        if new[column] and old[column] and new[column] != old[column]:
            raise InputError(f"{where}: {column} {new[column]!r} differs from {old[column]!r}")
        merged[column] = old[column] or new[column]
    if merged == old:
        return Accepted(resource, old["wikidata"] or None, "already there", old["evidence"])
    kept = any(old[column] for column in COLUMNS[1:-1])  # the old note justified identifiers
    merged["evidence"] = f"{new['evidence']}; {old['evidence']}" if kept else new["evidence"]
    old.update(merged)
    return Accepted(resource, merged["wikidata"] or None, "completed", merged["evidence"])


def _position(rows: list[dict[str, str]], resource: str) -> int:
    """After the last row of the same kind that sorts before ``resource``; before the first of
    its kind if none does; at the end for a new kind."""
    kind = resource.split("/", 1)[0] + "/"
    same = [i for i, row in enumerate(rows) if row["resource"].startswith(kind)]
    before = [i for i in same if rows[i]["resource"] < resource]
    if before:
        return before[-1] + 1
    return same[0] if same else len(rows)


def _table_text(table: Path, rows: list[dict[str, str]]) -> str:
    """The table with ``rows``: its comment lines and header kept as they are."""
    head = []
    for line in table.read_text(encoding="utf-8").splitlines():
        head.append(line)
        if line.strip() and not line.startswith("#"):  # the header ends the head
            break
    body = ["\t".join(row[column] for column in COLUMNS) for row in rows]
    return "\n".join(head + body) + "\n"


def _check_table(text: str, table: Path) -> None:
    """The table with the new rows, read as the build reads it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / table.name
        path.write_text(text, encoding="utf-8")
        try:
            load_links(path)
        except InputError as err:
            message = str(err).replace(str(path), f"{table} with the reviewed rows")
            raise InputError(message) from None
        finally:
            load_links.cache_clear()  # the next table at this path is another one
