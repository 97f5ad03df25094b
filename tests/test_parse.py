"""Parser units: title, infobox fields, sections, paragraphs and sentences keep exact offsets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import LEXICON

from aleppo_kg.build.parse import TOKEN_REACH, parse_article, parse_text, split_sentences
from aleppo_kg.errors import InputError
from aleppo_kg.resources import default_article

ARTICLE = """= Example clashes =

Infobox
- Conflict: Example clashes
- Date: 2012
-   Place:   Homs, Syria

Lead sentence one. Lead sentence two!

== First ==
On 3 May, Col. Ali Saleh met U.N observers in St. George square. They left.
Second paragraph, "a quote. still quoted" said nobody.Then this.

==Second==
They said "stop the protests".Rural towns were shelled.
"""


@pytest.fixture(scope="module")
def article():
    return parse_text(ARTICLE, Path("example.txt"), LEXICON)


def test_title_and_its_span(article):
    assert article.title == "Example clashes"
    assert article.title_span.slice(article.text) == "Example clashes"


def test_infobox_fields_with_value_offsets(article):
    assert [(f.key, f.value, f.line_number) for f in article.fields] == [
        ("Conflict", "Example clashes", 4),
        ("Date", "2012", 5),
        ("Place", "Homs, Syria", 6),
    ]
    for field in article.fields:
        assert field.value_span.slice(article.text) == field.value
        assert field.line_span.slice(article.text).startswith("- ")


def test_sections_headings_with_and_without_spaces(article):
    assert [(s.title, s.level, len(s.paragraphs)) for s in article.sections] == [
        ("", 1, 1),
        ("First", 2, 2),
        ("Second", 2, 1),
    ]


def test_sentences_split_at_ends_not_at_abbreviations_or_initials(article):
    first = article.sections[1].paragraphs[0].sentences
    assert [s.text for s in first] == [
        "On 3 May, Col. Ali Saleh met U.N observers in St. George square.",
        "They left.",
    ]


def test_no_split_inside_a_quotation_and_split_after_a_glued_quote(article):
    second = article.sections[1].paragraphs[1].sentences
    assert [s.text for s in second] == [
        'Second paragraph, "a quote. still quoted" said nobody.Then this.'
    ]
    glued = article.sections[2].paragraphs[0].sentences
    assert [s.text for s in glued] == [
        'They said "stop the protests".',
        "Rural towns were shelled.",
    ]


def test_every_sentence_span_slices_the_text(article):
    for section in article.sections:
        for paragraph in section.paragraphs:
            assert (
                paragraph.span.slice(article.text)
                == ARTICLE[paragraph.span.start : paragraph.span.end]
            )
            for sentence in paragraph.sentences:
                assert sentence.span.slice(article.text) == sentence.text


def test_split_sentences_with_offset():
    sentences = split_sentences("One. Two.", LEXICON.abbreviations, 100)
    assert [(s.text, s.span.start, s.span.end) for s in sentences] == [
        ("One.", 100, 104),
        ("Two.", 105, 109),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Maj. Gen. Ali led it. Then it ended.", ["Maj. Gen. Ali led it.", "Then it ended."]),
        (
            "Troops of the U.S.A. Army came. They left.",
            ["Troops of the U.S.A. Army came.", "They left."],
        ),
    ],
)
def test_abbreviations_and_initials_end_no_sentence(body, expected):
    assert [s.text for s in split_sentences(body, LEXICON.abbreviations)] == expected


def test_the_splitter_reads_back_further_than_any_abbreviation_is_long():
    """A token before a period is read back at most TOKEN_REACH characters (a line of
    thousands of glued "Maj. Gen." took a minute): no abbreviation may be that long."""
    assert max(map(len, LEXICON.abbreviations)) < TOKEN_REACH
    glued = "Maj. Gen." * 2000 + " Ali came. He left."
    assert [s.text for s in split_sentences(glued, LEXICON.abbreviations)][-1] == "He left."


def test_source_url_from_sidecar_or_derived_from_title(tmp_path, article):
    seed = parse_article(default_article(), LEXICON)
    assert seed.source_url == "https://en.wikipedia.org/wiki/2012_Aleppo_Governorate_clashes"
    assert article.source_url == "https://en.wikipedia.org/wiki/Example_clashes"
    assert article.license_url == "https://creativecommons.org/licenses/by-sa/4.0/"


def _with_sidecar(tmp_path: Path, meta: dict) -> Path:
    path = tmp_path / "example.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.with_suffix(".source.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_retrieval_date_from_sidecar_and_none_without_one(tmp_path, article):
    assert parse_article(default_article(), LEXICON).retrieved == date(2026, 11, 24)
    assert article.retrieved is None
    assert parse_article(_with_sidecar(tmp_path, {}), LEXICON).retrieved is None
    assert parse_article(
        _with_sidecar(tmp_path, {"retrieved": "2025-02-28"}), LEXICON
    ).retrieved == date(2025, 2, 28)


@pytest.mark.parametrize("value", ["2025-02-30", "28 February 2025", "2025-2-28", 20250228, ""])
def test_a_retrieval_date_that_is_not_an_iso_day_is_an_error_naming_the_sidecar(tmp_path, value):
    path = _with_sidecar(tmp_path, {"retrieved": value})
    with pytest.raises(InputError, match="'retrieved' is not a date written YYYY-MM-DD") as caught:
        parse_article(path, LEXICON)
    assert str(caught.value).startswith(f"{path.with_suffix('.source.json')}: ")


def test_crlf_line_endings_keep_offsets(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    parsed = parse_article(path, LEXICON)
    for field in parsed.fields:
        assert field.value_span.slice(parsed.text) == field.value


@pytest.mark.parametrize("line", ["- Date 2012", "Date: 2012"])
def test_malformed_infobox_line_is_skipped_with_a_warning(line):
    parsed = parse_text(ARTICLE.replace("- Date: 2012", line), Path("x.txt"), LEXICON)
    assert parsed.warnings == (
        f"x.txt: line 5: skipped {line!r}: infobox line is not '- Key: Value'",
    )
    assert "Date" not in [f.key for f in parsed.fields]
    assert [f.key for f in parsed.fields] == [
        f.key for f in parse_text(ARTICLE, Path("x.txt"), LEXICON).fields if f.key != "Date"
    ]


@pytest.mark.parametrize("line", ["- Date 2012", "Date: 2012"])
def test_malformed_infobox_line_is_an_error_when_strict(line):
    with pytest.raises(InputError, match=f"line 5: cannot read {line!r}: infobox line is not"):
        parse_text(ARTICLE.replace("- Date: 2012", line), Path("x.txt"), LEXICON, strict=True)
