"""Links by Wikipedia pages, the link report's words, and reviewed rows taken into the table.

``link --online`` runs against the stub of Wikipedia and Wikidata
(tests/wikimedia_stub.py) on a small graph whose entities carry their Wikipedia pages
(tests/fixtures/links/sitelinks.ttl); ``link --accept`` adds to a copy of a table in a
temporary folder, never to data/links.tsv. Expected rows are written out by hand from
the fixture and the stub's pages and items.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import CLI

from aleppo_kg.build.link import COLUMNS
from aleppo_kg.cli.common import load_graph
from aleppo_kg.curation import sitelinks

FIXTURE = Path(__file__).parent / "fixtures" / "links" / "sitelinks.ttl"
HEADER = "\t".join(COLUMNS)
WIKIDATA = "https://www.wikidata.org/wiki/"  # the loader wants each item's own page cited
AZAZ_GEONAMES = "GeoNames 172082 is Azaz: https://www.geonames.org/172082"


def _link(tmp_path, *args: str):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    return subprocess.run(
        [*CLI, "link", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
    )


def _online(stub, tmp_path, *args: str):
    return _link(
        tmp_path,
        "--online",
        "--data",
        str(FIXTURE),
        "--links",
        str(_table(tmp_path)),
        "--interval",
        "0",
        *stub.link_options(),
        "--proposals",
        str(tmp_path / "proposals.tsv"),
        *args,
    )


def _table(tmp_path, *rows: str) -> Path:
    """A links table of our own: a comment, the header, ``rows``."""
    path = tmp_path / "links.tsv"
    if rows or not path.exists():
        path.write_text("\n".join(["# a test table", HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")][1:]


def test_pages_to_link_are_the_unlinked_resources_with_a_page_and_their_revisions():
    pages = sitelinks.pages_to_link(load_graph(FIXTURE), {"place", "org", "person", "conflict"})
    assert [(p.resource, p.title, p.revisions) for p in pages] == [
        ("org/ghost", "Ghost Page", ()),
        ("org/orphan", "Orphan Page", ()),
        ("org/test-brigade", "TB", ()),
        ("person/jane-doe", "Jane Doe", ()),
        ("place/nowhere", "Nowhere", ()),
        ("place/testville", "Testville", (555001,)),  # its span lies in revision 555001
    ]  # conflict/battle-of-testville is linked already: not asked about


def test_link_online_proposes_the_items_of_the_pages_whose_class_fits(stub, tmp_path):
    done = _online(stub, tmp_path)
    assert done.returncode == 0, done.stderr
    day = datetime.now(timezone.utc).date().isoformat()
    item = "https://www.wikidata.org/wiki/"
    assert _rows(tmp_path / "proposals.tsv") == [
        ["org/test-brigade", "Q1002", "", "", "", "",
         f"enwiki sitelink of 'Test Brigade' (the article links 'TB', which leads there), "
         f"{day}: {item}Q1002"],
        ["person/jane-doe", "Q1003", "", "", "", "",
         f"enwiki sitelink of 'Jane Doe', {day}: {item}Q1003"],
        ["place/testville", "Q1001", "", "", "", "",
         f"enwiki sitelink of 'Testville' (revision 555001), {day}: {item}Q1001"],
        # no page: candidates by label; the city (a place word) first
        ["place/azaz", "Q2001", "", "", "", "",
         f"label search, candidate 1: 'Azaz' (city in Aleppo Governorate, Syria), score 1.50, "
         f"{day}: {item}Q2001"],
        ["place/azaz", "Q2002", "", "", "", "",
         f"label search, candidate 2: 'Azaz' (family name), score 1.00, {day}: {item}Q2002"],
    ]  # fmt: skip
    not_proposed = [line.split("\t") for line in done.stdout.splitlines()]
    not_proposed = {row[1]: row[3] for row in not_proposed if row[0] == "not proposed"}
    assert not_proposed == {
        "org/ghost": "'Ghost Page' is no page on English Wikipedia",
        "org/orphan": "no Wikidata item has the enwiki page 'Orphan Page'",
        "place/nowhere": "Q1004 is an instance of Q4167410: not a place class of "
        "data/lexicon/wikidata_classes.tsv",
    }
    titles = stub.requests_to("/wikidata/api.php")[0].query
    assert titles["titles"] == "Ghost Page|Jane Doe|Nowhere|Orphan Page|TB|Testville"


def test_the_report_says_what_is_linked_what_is_not_why_and_what_to_do(tmp_path):
    table = _table(tmp_path, "person/jane-doe\t\t\t\t\t\tthe name is shared by several people")
    done = _link(tmp_path, "--data", str(FIXTURE), "--links", str(table))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    rows = {row[1]: row for row in (line.split("\t") for line in lines) if len(row) == 4}
    linked = rows["conflict/battle-of-testville"]
    assert linked[0] == "linked" and linked[3] == "http://www.wikidata.org/entity/Q1005"
    assert rows["place/azaz"][3] == (
        "no verified Wikidata item in data/links.tsv; run `aleppo-kg link --online` to get "
        "proposals"
    )
    assert rows["place/testville"][3] == (
        "no verified Wikidata item in data/links.tsv; its Wikipedia page "
        "https://en.wikipedia.org/wiki/Testville names one: run `aleppo-kg link --online` to "
        "get proposals"
    )
    assert rows["person/jane-doe"][3].startswith(
        "no Wikidata item in data/links.tsv; its row notes: the name is shared by several people"
    )
    assert "place: 0 linked, 3 unlinked" in lines and "conflict: 1 linked, 0 unlinked" in lines
    assert "aleppo-kg link --accept" in lines[-1]


def test_accept_adds_reviewed_rows_in_order_and_completes_a_row_without_an_item(tmp_path):
    table = _table(
        tmp_path,
        "place/aleppo\tQ41183\t\t\t\t\thttps://www.wikidata.org/wiki/Q41183",
        f"place/azaz\t\t172082\t\t\t\t{AZAZ_GEONAMES}",
        "place/manbij\t\t\t\t\t\tno item yet",
        "org/free-syrian-army\t\t\t\t\t\t",
    )
    reviewed = tmp_path / "reviewed.tsv"
    reviewed.write_text(
        "\n".join([
            "# reviewed",
            HEADER,
            "place/azaz\tQ2001\t\t\t\t\tenwiki sitelink of 'Azaz', 2025-01-01: https://www.wikidata.org/wiki/Q2001",
            "place/al-bab\tQ3001\t\t\t\t\tenwiki sitelink of 'Al-Bab', 2025-01-01: https://www.wikidata.org/wiki/Q3001",
            "place/manbij\tQ3002\t\t\t\t\tenwiki sitelink of 'Manbij', 2025-01-01: https://www.wikidata.org/wiki/Q3002",
            "org/test-brigade\tQ1002\t\t\t\t\tenwiki sitelink of 'Test Brigade', 2025-01-01: https://www.wikidata.org/wiki/Q1002",
            "place/aleppo\tQ41183\t\t\t\t\tenwiki sitelink of 'Aleppo', 2025-01-01: https://www.wikidata.org/wiki/Q41183",
        ]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    done = _link(tmp_path, "--accept", str(reviewed), "--links", str(table))
    assert done.returncode == 0, done.stderr
    assert _rows(table) == [
        ["place/al-bab", "Q3001", "", "", "", "",
         f"enwiki sitelink of 'Al-Bab', 2025-01-01: {WIKIDATA}Q3001"],
        ["place/aleppo", "Q41183", "", "", "", "", "https://www.wikidata.org/wiki/Q41183"],
        # completed: the GeoNames id stays, with its evidence after the new one
        ["place/azaz", "Q2001", "172082", "", "", "",
         f"enwiki sitelink of 'Azaz', 2025-01-01: {WIKIDATA}Q2001; {AZAZ_GEONAMES}"],
        # completed: the note on why it had no item goes
        ["place/manbij", "Q3002", "", "", "", "",
         f"enwiki sitelink of 'Manbij', 2025-01-01: {WIKIDATA}Q3002"],
        ["org/free-syrian-army", "", "", "", "", "", ""],
        ["org/test-brigade", "Q1002", "", "", "", "",
         f"enwiki sitelink of 'Test Brigade', 2025-01-01: {WIKIDATA}Q1002"],
    ]  # fmt: skip
    assert table.read_text(encoding="utf-8").startswith(f"# a test table\n{HEADER}\n")
    actions = [line.split("\t")[:2] for line in done.stdout.splitlines()[:-1]]
    assert actions == [
        ["completed", "place/azaz"],
        ["added", "place/al-bab"],
        ["completed", "place/manbij"],
        ["added", "org/test-brigade"],
        ["already there", "place/aleppo"],
    ]
    assert "4 row(s) added or completed" in done.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    "row, message",
    [
        (
            "place/aleppo\tQ999\t\t\t\t\thttps://www.wikidata.org/wiki/Q999",
            "already linked to Q41183",
        ),
        ("place/azaz\tQ1x\t\t\t\t\tsome evidence", "is not a Wikidata item id"),
        ("place/azaz\tQ5\t\t\t\t\t", "an identifier without evidence"),
        ("place/azaz\tQ5\t\t\t\t\ta\tb", "expected 7 tab-separated columns"),
        (
            "place/azaz\tQ5\t1\t\t\t\thttps://www.wikidata.org/wiki/Q5 https://www.geonames.org/1",
            "geonames '1' differs from '172082'",
        ),
        # another resource already has Q41183, with other coordinates: the build would refuse
        (
            "place/haleb\tQ41183\t\t1\t2\thttps://en.wikipedia.org/wiki/Haleb\thttps://www.wikidata.org/wiki/Q41183",
            "share Q41183",
        ),
    ],
)
def test_accept_refuses_a_bad_row_and_leaves_the_table_as_it_was(tmp_path, row, message):
    table = _table(
        tmp_path,
        f"place/aleppo\tQ41183\t\t36.2\t37.16\thttps://en.wikipedia.org/wiki/Aleppo\t{WIKIDATA}Q41183",
        f"place/azaz\t\t172082\t\t\t\t{AZAZ_GEONAMES}",
    )
    before = table.read_bytes()
    reviewed = tmp_path / "reviewed.tsv"
    reviewed.write_text(
        f"{HEADER}\nplace/good\tQ7\t\t\t\t\t{WIKIDATA}Q7\n{row}\n", encoding="utf-8"
    )
    done = _link(tmp_path, "--accept", str(reviewed), "--links", str(table))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert table.read_bytes() == before


def test_accept_refuses_two_candidates_for_one_resource(tmp_path):
    table = _table(tmp_path)
    reviewed = tmp_path / "reviewed.tsv"
    reviewed.write_text(
        f"{HEADER}\nplace/azaz\tQ2001\t\t\t\t\t{WIKIDATA}Q2001\n"
        f"place/azaz\tQ2002\t\t\t\t\t{WIKIDATA}Q2002\n",
        encoding="utf-8",
    )
    done = _link(tmp_path, "--accept", str(reviewed), "--links", str(table))
    assert done.returncode == 2 and "listed twice" in done.stderr
