"""The reading process reads articles as the build's own process would, and says so when not."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from conftest import FIXTURES, LEXICON

from aleppo_kg.build import reading_process
from aleppo_kg.build.reading import read_all
from aleppo_kg.build.reading_process import read_ahead, read_beside
from aleppo_kg.errors import InputError
from aleppo_kg.resources import default_article

ARTICLES = [
    default_article(),
    FIXTURES / "three_sides.txt",
    FIXTURES / "wikitext" / "Siege_of_Kafr_Hamra.wiki",
]


def test_articles_read_in_the_process_are_those_read_here():
    assert read_beside(ARTICLES, False, False).result() == read_all(ARTICLES, LEXICON, False, False)


def test_an_unreadable_article_is_the_same_input_error():
    damaged = FIXTURES / "damaged.txt"
    with pytest.raises(InputError) as here:
        read_all([damaged], LEXICON, True, False)
    with pytest.raises(InputError) as there:
        read_beside([damaged], True, False).result()
    assert str(there.value) == str(here.value)
    assert read_beside([damaged, ARTICLES[1]], True, True).result() == read_all(
        [damaged, ARTICLES[1]], LEXICON, True, True
    )


def test_an_article_asked_for_ahead_is_taken_once_unless_it_changed(tmp_path):
    article = tmp_path / "three_sides.txt"
    article.write_text(ARTICLES[1].read_text(encoding="utf-8"), encoding="utf-8")
    read_ahead([article], False, False)
    (asked,) = reading_process._ASKED.values()
    assert read_beside([article], False, False) is asked and reading_process._ASKED == {}
    read_ahead([article], False, False)
    (stale,) = reading_process._ASKED.values()
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    fresh = read_beside([article], False, False)
    assert fresh is not stale
    assert fresh.result()[0][0].article.text.endswith("One more line.\n")


def test_a_relative_path_is_read_from_the_folder_it_was_given_in(tmp_path, monkeypatch):
    (tmp_path / "article.txt").write_text(ARTICLES[1].read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (extraction,), _ = read_beside([Path("article.txt")], False, False).result()
    (here,), _ = read_all([ARTICLES[1]], LEXICON, False, False)
    assert extraction.article.path == Path("article.txt")
    assert extraction.conflict == here.conflict


def test_the_process_leaves_ctrl_c_to_the_build():
    read_beside(ARTICLES[:1], False, False).result()  # the process is running
    os.kill(reading_process._PROCESS[0].process.pid, signal.SIGINT)
    assert read_beside(ARTICLES[1:2], False, False).result()[0]


def test_a_process_that_ended_fails_its_readings_and_a_new_one_reads_on():
    process = reading_process._process()
    pending = process.ask(reading_process._request(ARTICLES * 5, False, False))
    process.close()
    with pytest.raises(RuntimeError, match="the reading process has ended"):
        pending.result(timeout=30)
    assert read_beside(ARTICLES[1:2], False, False).result()[0]
