"""The evaluation's parts on plain values: names, pairing, counts, totals, annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aleppo_kg.curation.evaluate.events import same_place
from aleppo_kg.curation.evaluate.gold import find_gold, load_infobox_gold
from aleppo_kg.curation.evaluate.score import Score, attribute, bag, name_key, pair
from aleppo_kg.curation.evaluate.table import Row, as_json, format_table, total
from aleppo_kg.errors import InputError


def test_names_compare_by_slug_without_a_leading_the():
    assert name_key("The Free Syrian Army") == name_key("free syrian army") == "free-syrian-army"
    assert name_key("Kobanî") == "kobani"
    assert name_key(None) == ""


def test_a_gold_place_matches_a_spelling_variant_of_a_predicted_name():
    names = {"maarrat-an-numan-167611", "maarrat-an-numan", "~marat numan"}
    assert same_place(names, "maarat-al-numan")
    assert not same_place(names, "kafr-nabl")


def test_pairs_are_one_to_one_and_attributes_count_only_on_pairs():
    predicted = ["a", "a", "b"]
    pairs = pair(predicted, ["a", "c"], lambda p, g: p == g)
    assert pairs == [("a", "a")]
    assert attribute("x", pairs, 3, 2, lambda p, g: False) == Score("x", 0, 3, 2)
    assert bag("y", ["a", "a", "b"], ["a", "b", "b"]) == Score("y", 2, 3, 3)


def test_precision_recall_and_f1_and_nothing_either_way_is_perfect():
    score = Score("s", 3, 4, 6)
    assert (score.precision, score.recall) == (0.75, 0.5)
    assert score.f1 == pytest.approx(0.6)
    assert Score("s", 0, 0, 0).f1 == 1.0


def test_the_total_adds_the_counts_of_every_article():
    rows = [Row.of("a", [Score("events", 1, 2, 2)]), Row.of("b", [Score("events", 3, 3, 4)])]
    assert total(rows).scores["events"] == Score("events", 4, 5, 6)
    table = format_table(rows).splitlines()
    assert table[0].split() == ["article", "events"]
    assert table[-1].split() == ["TOTAL", f"{2 * 4 / 11:.2f}"]
    assert as_json(rows)["TOTAL"]["events"]["matched"] == 4


def test_an_annotation_needs_the_conflict_and_the_sides(tmp_path):
    bad = tmp_path / "a.infobox.json"
    bad.write_text(json.dumps({"sides": []}), encoding="utf-8")
    with pytest.raises(InputError, match="needs 'conflict' and 'sides'"):
        load_infobox_gold(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        load_infobox_gold(bad)


def test_an_article_with_no_annotation_is_an_error(tmp_path):
    article = tmp_path / "folder" / "x.txt"
    article.parent.mkdir()
    article.write_text("= X =\n", encoding="utf-8")
    with pytest.raises(InputError, match="no annotation"):
        find_gold(article)


def test_an_annotation_is_found_beside_the_article_and_a_missing_one_names_the_paths_tried(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "mine" / "x.txt"
    article.parent.mkdir()
    article.write_text("= X =\n", encoding="utf-8")
    with pytest.raises(InputError) as missing:
        find_gold(article)
    for tried in (article.with_name("x.events.jsonl"), tmp_path / "evaluation" / "x.infobox.json",
                  Path("data", "evaluation", "x.events.jsonl")):  # fmt: skip
        assert str(tried) in str(missing.value)
    article.with_name("x.events.jsonl").write_text('{"date": "2012"}\n', encoding="utf-8")
    assert find_gold(article).events == [{"date": "2012"}]
    assert find_gold(article).infobox is None
