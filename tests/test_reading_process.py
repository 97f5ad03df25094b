"""The reading process reads articles as the build's own process would, and says so when not."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from conftest import FIXTURES, LEXICON

from aleppo_kg.build import pipeline, reading_process
from aleppo_kg.build.reading import read_all
from aleppo_kg.build.reading_process import read_ahead, taken
from aleppo_kg.errors import InputError
from aleppo_kg.resources import default_article

ARTICLES = [
    default_article(),
    FIXTURES / "three_sides.txt",
    FIXTURES / "wikitext" / "Siege_of_Kafr_Hamra.wiki",
]


def test_articles_read_in_the_process_are_those_read_here():
    assert read_ahead(ARTICLES, False, False).result() == read_all(ARTICLES, LEXICON, False, False)


def test_an_unreadable_article_is_the_same_input_error():
    damaged = FIXTURES / "damaged.txt"
    with pytest.raises(InputError) as here:
        read_all([damaged], LEXICON, True, False)
    with pytest.raises(InputError) as there:
        read_ahead([damaged], True, False).result()
    assert str(there.value) == str(here.value)
    assert read_ahead([damaged, ARTICLES[1]], True, True).result() == read_all(
        [damaged, ARTICLES[1]], LEXICON, True, True
    )


def test_an_article_asked_for_ahead_is_taken_once_unless_it_changed(tmp_path):
    article = tmp_path / "three_sides.txt"
    article.write_text(ARTICLES[1].read_text(encoding="utf-8"), encoding="utf-8")
    asked = read_ahead([article], False, False)
    assert taken([article], False, False) is asked and taken([article], False, False) is None
    read_ahead([article], False, False)
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    assert taken([article], False, False) is None  # the build reads it itself


def test_a_relative_path_is_read_from_the_folder_it_was_given_in(tmp_path, monkeypatch):
    (tmp_path / "article.txt").write_text(ARTICLES[1].read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (extraction,), _ = read_ahead([Path("article.txt")], False, False).result()
    (here,), _ = read_all([ARTICLES[1]], LEXICON, False, False)
    assert extraction.article.path == Path("article.txt")
    assert extraction.conflict == here.conflict


def test_the_process_leaves_ctrl_c_to_the_build():
    read_ahead(ARTICLES[:1], False, False).result()  # the process is running
    os.kill(reading_process._PROCESS[0].process.pid, signal.SIGINT)
    assert read_ahead(ARTICLES[1:2], False, False).result()[0]


def test_a_process_that_ended_fails_its_readings_and_a_new_one_reads_on():
    process = reading_process._process()
    pending = process.ask(reading_process._request(ARTICLES * 5, False, False))
    process.close()
    with pytest.raises(RuntimeError, match="the reading process has ended"):
        pending.result(timeout=30)
    assert read_ahead(ARTICLES[1:2], False, False).result()[0]


def test_the_build_takes_the_articles_read_ahead(monkeypatch):
    """The command asks for its first batch before importing the stages; the pipeline takes
    that reading instead of reading the articles again."""
    read_ahead(ARTICLES[:2], False, False)
    monkeypatch.setattr(pipeline, "read_all", lambda *args: pytest.fail("read a second time"))
    result = pipeline.build_graph(ARTICLES[:2])
    assert result.articles == 2 and result.violations == ()


def test_a_build_reads_itself_what_a_failed_reading_process_owed():
    read_ahead(ARTICLES[:2], False, False)
    reading_process._PROCESS[0].close()
    result = pipeline.build_graph(ARTICLES[:2])
    assert result.articles == 2 and result.violations == ()
