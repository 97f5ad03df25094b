"""Links by sitelinks: a resource's Wikipedia page names its Wikidata item exactly.

An entity whose mention was a wikilink carries ``foaf:isPrimaryTopicOf`` its English
Wikipedia page. Wikidata keeps, for each item, the title of its enwiki page (its
sitelink), so the title gives the item with no guessing by label. A link to a redirect
is followed through Wikipedia's API to the page it leads to. The item is proposed only
when what it is an instance of (P31, or a superclass of that) fits the resource's kind
(``data/lexicon/wikidata_classes.tsv``): a town's link to a disambiguation page, or an
army's link to its country, is reported instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from aleppo_kg.build.link import WIKIDATA_PAGE
from aleppo_kg.curation import mediawiki, wikidata

PAGES = """
SELECT ?r ?label ?page ?permalink WHERE {
    ?r foaf:isPrimaryTopicOf ?page ; rdfs:label ?label .
    FILTER(STRSTARTS(STR(?r), STR(akr:)) && STRSTARTS(STR(?page), "https://en.wikipedia.org/wiki/"))
    FILTER NOT EXISTS { ?r owl:sameAs ?item FILTER(STRSTARTS(STR(?item), STR(wd:))) }
    OPTIONAL { ?r prov:wasDerivedFrom/nif:referenceContext/prov:wasDerivedFrom ?permalink }
}
"""
_OLDID = re.compile(r"[?&]oldid=([0-9]+)")


@dataclass(frozen=True)
class PageRef:
    """An unlinked resource, its English Wikipedia page and the article revisions naming it."""

    resource: str  # its key, "place/azaz"
    label: str
    title: str  # the page's title, as the article links it
    revisions: tuple[int, ...]  # of the articles it was read from, where the graph says

    @property
    def kind(self) -> str:
        return self.resource.split("/", 1)[0]


@dataclass(frozen=True)
class Finding:
    """What Wikidata says of one page: its item and whether the item fits the resource."""

    page: PageRef
    title: str  # the page the item's sitelink names (the link's target, redirects followed)
    item: wikidata.Item | None
    retrieved: date | None  # the day Wikidata gave the item
    problem: str | None  # why nothing is proposed; None when the item is proposed

    @property
    def evidence(self) -> str:
        """The row's evidence: "enwiki sitelink of '<title>' (revision R), <date>", with the
        redirect the article's link went through and the item's page to check it on."""
        notes = []
        if self.page.revisions:
            notes.append("revision " + ", ".join(map(str, self.page.revisions)))
        if self.title != self.page.title:
            notes.append(f"the article links {self.page.title!r}, which leads there")
        said = f" ({'; '.join(notes)})" if notes else ""
        qid = self.item.qid if self.item else ""
        return f"enwiki sitelink of {self.title!r}{said}, {self.retrieved}: {WIKIDATA_PAGE}{qid}"


def pages_to_link(graph, kinds: set[str]) -> list[PageRef]:
    """The graph's resources of ``kinds`` that have an English Wikipedia page and no Wikidata
    item, in key order (a resource with two pages is listed once per page)."""
    from aleppo_kg.vocab import AKR, PREFIXES

    found: dict[tuple[str, str], tuple[str, set[int]]] = {}
    for resource, label, page, link in graph.query(PAGES, initNs=PREFIXES):
        key = str(resource).removeprefix(str(AKR))
        if key.split("/", 1)[0] not in kinds:
            continue
        _, revisions = found.setdefault((key, mediawiki.title_of(str(page))), (str(label), set()))
        oldid = _OLDID.search(str(link)) if link is not None else None
        if oldid:
            revisions.add(int(oldid.group(1)))
    return [
        PageRef(key, label, title, tuple(sorted(revisions)))
        for (key, title), (label, revisions) in sorted(found.items())
    ]


def by_sitelinks(
    pages: list[PageRef],
    items: wikidata.Client,
    wikipedia: mediawiki.Client,
    classes: dict[str, frozenset[str]],
) -> list[Finding]:
    """Each page's item, from its sitelink (after the page's redirect, if it is one), checked
    against ``classes``, the Wikidata classes each kind of resource may be an instance of."""
    titles = sorted({page.title for page in pages})
    direct = items.items_by_titles(titles)
    pending = [title for title in titles if title not in direct]
    moved = wikipedia.resolve(pending) if pending else {}
    targets = sorted({final for title, final in moved.items() if final != title})
    via = items.items_by_titles(targets) if targets else {}
    findings = []
    for page in pages:
        title = moved.get(page.title, page.title)
        item, day = direct.get(page.title) or via.get(title) or (None, None)
        if item is None:
            problem = (
                f"no Wikidata item has the enwiki page {title!r}"
                if page.title in moved
                else f"{page.title!r} is no page on English Wikipedia"
            )
        else:
            problem = _misfit(item, page.kind, items, classes)
            title = item.title or title
        findings.append(Finding(page, title, item, day, problem))
    return findings


def _misfit(
    item: wikidata.Item, kind: str, items: wikidata.Client, classes: dict[str, frozenset[str]]
) -> str | None:
    """Why ``item`` cannot be the resource of ``kind``; None when its class fits."""
    fitting = classes.get(kind, frozenset())
    if items.reaches(item.instance_of, fitting):
        return None
    what = ", ".join(item.instance_of) or "nothing (no P31)"
    return (
        f"{item.qid} is an instance of {what}: not a {kind} class of "
        "data/lexicon/wikidata_classes.tsv"
    )
