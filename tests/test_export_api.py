"""The Python API: ``from aleppo_kg import build, export``, in memory, for notebooks."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from aleppo_kg import build, export
from aleppo_kg.publish.export.acled import COLUMNS


def records(rows) -> list[dict]:
    """Rows as dicts, whether pandas is installed (a DataFrame) or not (a list)."""
    return rows.to_dict("records") if hasattr(rows, "to_dict") else rows


def test_build_writes_nothing_and_export_gives_rows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = build()
    assert list(tmp_path.iterdir()) == []
    assert not result.violations and len(result.graph) > 0
    rows = records(export(result, "acled"))
    assert all(list(row) == list(COLUMNS) for row in rows)
    # "On 14 February, five army soldiers, including two officers, were killed"
    (row,) = [r for r in rows if r["event_date"] == "2012-02-14"]
    assert int(row["fatalities"]) == 5


def test_export_takes_a_graph_a_file_or_a_build(tmp_path):
    from rdflib import Graph

    from_file = records(export(FIXTURES / "exports.ttl", "ged"))
    from_graph = records(export(Graph().parse(FIXTURES / "exports.ttl"), "ged"))
    assert from_file == from_graph
    assert sorted(int(r["high"]) for r in from_file) == [0, 0, 3, 31]
    (statement, *_) = records(export(FIXTURES / "exports.ttl", "quickstatements"))
    assert (statement["item"], statement["property"]) == ("Q4115189", "P580")
    features = records(export(FIXTURES / "exports.ttl", "geojson"))
    alpha = next(f for f in features if f["label"] == "Alpha")
    assert (alpha["longitude"], alpha["latitude"]) == (37.25, 36.5)


def test_an_unknown_format_is_named():
    with pytest.raises(ValueError, match="unknown format 'xlsx'"):
        export(FIXTURES / "exports.ttl", "xlsx")


def test_the_build_package_still_holds_the_stages():
    import aleppo_kg.build.pipeline

    assert callable(build) and build.pipeline is aleppo_kg.build.pipeline
