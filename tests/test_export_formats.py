"""aleppo-kg export: ACLED, GED, GeoJSON and QuickStatements, on the seed and on a hand-made graph.

Expected values are worked out by hand from tests/fixtures/exports.ttl (its comments say
what each event is) and from the seed article's sentences, never copied from the output.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from aleppo_kg import cli
from aleppo_kg.vocab import IRIS

GRAPH = FIXTURES / "exports.ttl"
BARE = FIXTURES / "exports_bare.ttl"
EVENT = IRIS["akr"] + "event/"
ACLED_COLUMNS = [  # ACLED's export columns, in ACLED's order
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
PERMALINK = '"https://en.wikipedia.org/w/index.php?title=Battle_of_Alpha&oldid=123"'
REFERENCES = ["S854", PERMALINK, "S813", "+2026-01-02T00:00:00Z/11", "S143", "Q328"]


def export(tmp_path: Path, fmt: str, data: Path = GRAPH, *extra: str) -> Path:
    out = tmp_path / f"out.{fmt}"
    assert cli.main(["export", "--format", fmt, "--data", str(data), "-o", str(out), *extra]) == 0
    return out


def table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_event(rows: list[dict[str, str]], column: str) -> dict[str, dict[str, str]]:
    """Rows keyed by the event they are about, told by its hashed id."""
    ids = {_acled_id(row_iri): row_iri for row_iri in _fixture_events()}
    return {ids[row[column]]: row for row in rows}


def _fixture_events() -> list[str]:
    names = [
        "2012-03-05-armed-clash-alpha",
        "2012-04-02-2012-04-04-air-drone-strike-beta",
        "2012-05-armed-clash-north-province",
        "2012-06-21-2012-06-30-peaceful-protest-north-province",
    ]
    return [EVENT + name for name in names]


def _acled_id(iri: str, country: str = "SYR") -> str:
    return f"{country}-AKG-{hashlib.sha1(iri.encode()).hexdigest()[:8].upper()}"


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "aleppo.ttl"
    assert cli.main(["build", "-o", str(out)]) == 0
    return out


# --- ACLED


def test_acled_has_acleds_columns_in_acleds_order(tmp_path):
    with export(tmp_path, "acled").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ACLED_COLUMNS


def test_acled_one_day_event_in_a_town_with_conflicting_reports(tmp_path):
    row = by_event(table(export(tmp_path, "acled")), "event_id_cnty")[_fixture_events()[0]]
    expected = {
        "event_date": "2012-03-05", "year": "2012", "time_precision": "1",
        "disorder_type": "Political violence", "event_type": "Battles",
        "sub_event_type": "Armed clash",
        # the attacker is actor 1; the other organisation, of another type, actor 2
        "actor1": "Test Army", "inter1": "1", "actor2": "Rebels X", "inter2": "2",
        "interaction": "12", "civilian_targeting": "",
        "iso": "760", "region": "Middle East", "country": "Syria", "admin1": "North Province",
        "location": "Alpha", "latitude": "36.5", "longitude": "37.25", "geo_precision": "1",
        "source": "SOHR; state media; Wikipedia", "source_scale": "Other",
        "notes": "On 5 March, fighting broke out in Alpha. At least 20 people died; "
        "another report said 31.",
        # people: at least 20 and 31 (conflicting: 20); soldiers 5 including officers 2 (5);
        # the people may include the soldiers: max(20, 5)
        "fatalities": "20",
        "timestamp": "1767312000",  # 2026-01-02T00:00:00Z, the article's retrieval day
    }  # fmt: skip
    assert {k: row[k] for k in expected} == expected


def test_acled_multi_day_event_in_a_village_without_coordinates(tmp_path):
    row = by_event(table(export(tmp_path, "acled")), "event_id_cnty")[_fixture_events()[1]]
    # 2-4 April: three days, precision 2, the middle day; Beta has no point: the province's,
    # so the coordinates are a region's (3); civilians are actor 2, named as ACLED does
    assert (row["time_precision"], row["event_date"]) == ("2", "2012-04-03")
    assert (row["location"], row["latitude"], row["longitude"]) == ("Beta", "36", "37")
    assert row["geo_precision"] == "3"
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Civilians (Syria)", "7", "17")
    assert row["civilian_targeting"] == "Civilians targeted"
    assert row["fatalities"] == "3"


def test_acled_governorate_level_events(tmp_path):
    rows = by_event(table(export(tmp_path, "acled")), "event_id_cnty")
    month, protest = rows[_fixture_events()[2]], rows[_fixture_events()[3]]
    # the whole province: geo_precision 3; May: precision 3 and the middle of the month
    assert (month["geo_precision"], month["time_precision"]) == ("3", "3")
    assert month["event_date"] == "2012-05-16"
    assert (month["actor1"], month["interaction"], month["fatalities"]) == ("", "", "0")
    # a described part of the province: 2; "late June": the month's last day
    assert (protest["geo_precision"], protest["event_date"]) == ("2", "2012-06-30")
    # the government the protest addressed is no participant; the crowd is ACLED's generic one
    assert (protest["actor1"], protest["inter1"], protest["actor2"]) == (
        "Protesters (Syria)",
        "6",
        "",
    )
    assert (protest["interaction"], protest["disorder_type"]) == ("60", "Demonstrations")
    assert protest["tags"] == "crowd size=no report"


def test_acled_ids_are_the_event_iris_hashed(tmp_path):
    ids = [row["event_id_cnty"] for row in table(export(tmp_path, "acled"))]
    assert sorted(ids) == sorted(_acled_id(iri) for iri in _fixture_events())


def test_acled_on_the_seed_article(tmp_path, seed):
    rows = table(export(tmp_path, "acled", seed))
    assert list(rows[0]) == ACLED_COLUMNS
    on = {(r["event_date"], r["location"], r["sub_event_type"]): r for r in rows}
    # "On 14 February, five army soldiers, including two officers, were killed"
    assert on["2012-02-14", "Aleppo", "Armed clash"]["fatalities"] == "5"
    # Azaz, 15 August: "at least 20 people" and "Another report put the death toll at 31"
    azaz = on["2012-08-15", "Azaz", "Air/drone strike"]
    assert (azaz["fatalities"], azaz["actor1"], azaz["inter1"]) == ("20", "Syrian Air Force", "1")
    assert all(r["event_id_cnty"].startswith("SYR-AKG-") for r in rows)
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


# --- GED


def test_ged_keeps_conflicting_reports_as_low_and_high(tmp_path):
    rows = by_event(table(export(tmp_path, "ged")), "id")
    clash, strike = rows[_fixture_events()[0]], rows[_fixture_events()[1]]
    expected = {
        "low": "20", "best": "20", "high": "31", "deaths_a": "5", "deaths_b": "0",
        "deaths_civilians": "0", "deaths_unknown": "15", "side_a": "Test Army",
        "side_b": "Rebels X", "type_of_violence": "1", "date_prec": "1", "where_prec": "1",
        "date_start": "2012-03-05", "date_end": "2012-03-05",
    }  # fmt: skip
    assert {k: clash[k] for k in expected} == expected
    assert clash["source_article"] == (
        f"Battle of Alpha ({PERMALINK.strip(chr(34))}): On 5 March, fighting broke out in "
        "Alpha. At least 20 people died; another report said 31."
    )
    # three civilians killed from the air: one-sided violence; 2-4 April is 2-6 days (2);
    # a village placed at its province's point: first-level division (4)
    assert (strike["type_of_violence"], strike["side_b"], strike["deaths_civilians"]) == (
        "3",
        "Civilians",
        "3",
    )
    assert (strike["date_prec"], strike["where_prec"]) == ("2", "4")


def test_ged_on_the_seed_article(tmp_path, seed):
    rows = table(export(tmp_path, "ged", seed))
    azaz = next(r for r in rows if r["date_start"] == "2012-08-15")
    assert (azaz["low"], azaz["best"], azaz["high"]) == ("20", "20", "31")
    # "Four Lebanese hostages were reportedly killed": civilians among the 20
    assert (azaz["deaths_civilians"], azaz["deaths_unknown"]) == ("4", "16")
    for row in rows:
        parts = sum(
            int(row[c]) for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
        )
        assert parts == int(row["best"]) and int(row["low"]) <= int(row["high"])


# --- GeoJSON


def check_rfc7946(collection: dict) -> None:
    """The structure RFC 7946 requires of a FeatureCollection of points."""
    assert collection["type"] == "FeatureCollection"
    assert isinstance(collection["features"], list)
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert isinstance(feature.get("id", ""), str | int)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        longitude, latitude = geometry["coordinates"]
        assert all(isinstance(c, int | float) and math.isfinite(c) for c in (longitude, latitude))
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_geojson_is_rfc7946_with_longitude_first(tmp_path, capsys):
    collection = json.loads(export(tmp_path, "geojson").read_text(encoding="utf-8"))
    check_rfc7946(collection)
    features = {f["id"]: f for f in collection["features"]}
    clash = features[_fixture_events()[0]]
    assert clash["geometry"]["coordinates"] == [37.25, 36.5]  # Alpha: lat 36.5, long 37.25
    expected = {"begin": "2012-03-05", "end": "2012-03-05", "time_precision": 1,
                "event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": 20,
                "actors": ["Test Army", "Rebels X"], "iri": _fixture_events()[0]}  # fmt: skip
    assert {k: clash["properties"][k] for k in expected} == expected
    places = {
        f["properties"]["label"] for f in features.values() if f["properties"]["kind"] == "place"
    }
    assert places == {"Alpha", "North Province"}
    # Beta and Syria have no coordinates: named, not dropped silently
    assert (
        "2 place(s) have no coordinates and are not on the map: Beta, Syria"
        in capsys.readouterr().err
    )


def test_geojson_on_the_seed_article(tmp_path, seed):
    collection = json.loads(export(tmp_path, "geojson", seed).read_text(encoding="utf-8"))
    check_rfc7946(collection)
    azaz = next(f for f in collection["features"] if f["properties"].get("label") == "Azaz")
    assert azaz["geometry"]["coordinates"] == [37.0463, 36.5866]  # GeoNames 172082


def test_a_graph_without_coordinates_or_figures(tmp_path, capsys):
    collection = json.loads(export(tmp_path, "geojson", BARE).read_text(encoding="utf-8"))
    assert collection == {"type": "FeatureCollection", "features": []}
    err = capsys.readouterr().err
    assert "1 place(s) have no coordinates and are not on the map: Gamma" in err
    assert "1 event(s) have no place with coordinates" in err
    (row,) = table(export(tmp_path, "acled", BARE))
    assert (row["fatalities"], row["latitude"], row["geo_precision"]) == ("0", "", "1")
    (ged,) = table(export(tmp_path, "ged", BARE))
    assert (ged["best"], ged["low"], ged["high"]) == ("0", "0", "0")


# --- QuickStatements

QS_LINE = re.compile(
    r"^(Q\d+|LAST)\tP\d+\t"
    r"(Q\d+|\"[^\"\t]*\"|\+\d{4}-\d\d-\d\dT00:00:00Z/(9|10|11)|[+-]?\d+(\.\d+)?(~\d+(\.\d+)?)?)"
    r"(\tP\d+\t(Q\d+|\"[^\"\t]*\"))*"
    r"(\tS\d+\t(Q\d+|\"[^\"\t]*\"|\+\d{4}-\d\d-\d\dT00:00:00Z/(9|10|11)))*$"
)


def test_quickstatements_for_linked_items(tmp_path):
    lines = export(tmp_path, "quickstatements").read_text(encoding="utf-8").splitlines()
    statements = [line.split("\t") for line in lines if not line.startswith("#")]
    assert statements == [
        ["Q4115189", "P580", "+2012-03-05T00:00:00Z/11", *REFERENCES],
        ["Q4115189", "P582", "+2012-06-30T00:00:00Z/11", *REFERENCES],
        ["Q4115189", "P276", "Q13406268", *REFERENCES],  # Alpha; Beta is not linked
        ["Q4115189", "P361", "Q15397819", *REFERENCES],
        ["Q4115189", "P710", "Q900002", *REFERENCES],  # Rebels X
        ["Q4115189", "P710", "Q900001", *REFERENCES],  # Test Army
        ["Q4115189", "P1120", "1659", "P518", "Q900001", *REFERENCES],
        # 2,500-3,000: the middle and the tolerance reaching both ends
        ["Q4115189", "P1120", "2750~250", "P518", "Q900002", *REFERENCES],
    ]
    comments = "\n".join(line for line in lines if line.startswith("#"))
    assert "Beta <https://w3id.org/aleppo-kg/resource/place/beta> (P276)" in comments
    assert "'at least 50 civilians killed'" in comments  # a lower bound only
    assert "'12 civilians killed': no verified Wikidata item for 'civilian'" in comments


def test_quickstatements_syntax(tmp_path, seed):
    for data in (GRAPH, seed):
        for line in (
            export(tmp_path, "quickstatements", data).read_text(encoding="utf-8").splitlines()
        ):
            assert line.startswith("#") or QS_LINE.match(line), line


def test_quickstatements_never_creates_an_unlinked_conflict(tmp_path, seed):
    text = export(tmp_path, "quickstatements", seed).read_text(encoding="utf-8")
    assert "CREATE" not in text
    assert "# 2012 Aleppo Governorate clashes <" in text
    assert "# not linked to Wikidata: no statements" in text


# --- the command


def test_default_file_is_beside_the_graph(tmp_path):
    data = tmp_path / "aleppo.ttl"
    data.write_bytes(GRAPH.read_bytes())
    assert cli.main(["export", "--format", "acled", "--data", str(data)]) == 0
    assert (tmp_path / "aleppo.acled.csv").is_file()


def test_every_graph_format_is_read(tmp_path):
    from rdflib import Graph

    nt = tmp_path / "graph.nt"
    Graph().parse(GRAPH).serialize(nt, format="nt", encoding="utf-8")
    assert export(tmp_path, "acled", nt).read_text() == export(tmp_path, "acled").read_text()
    odd = tmp_path / "graph.data"
    odd.write_bytes(nt.read_bytes())
    assert export(tmp_path, "acled", odd, "--input-format", "nt").read_text() == (
        export(tmp_path, "acled").read_text()
    )


def test_a_missing_graph_is_one_line_and_no_file(tmp_path, capsys):
    out = tmp_path / "x.csv"
    args = ["export", "--format", "ged", "--data", str(tmp_path / "none.ttl"), "-o", str(out)]
    assert cli.main(args) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not out.exists()
