"""Property-based tests: whatever the article, a conforming graph or one clear error line.

The strategies and the property live in ``fuzz/articles.py``, shared with the
time-budgeted fuzzer ``fuzz/run.py``; every input that ever failed is kept in
``fuzz/regressions/`` and replayed here.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fuzz.articles import (  # noqa: E402
    check_article,
    mutated_articles,
    shaped_articles,
)

REGRESSIONS = sorted((ROOT / "fuzz" / "regressions").glob("*.txt"))
SETTINGS = settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _check(text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_article(text, Path(folder))


@SETTINGS
@given(text=shaped_articles())
def test_shaped_articles_build_or_fail_cleanly(text):
    _check(text)


@SETTINGS
@given(text=mutated_articles())
def test_damaged_real_articles_build_or_fail_cleanly(text):
    _check(text)


@settings(SETTINGS, max_examples=30)
@given(text=st.one_of(st.binary(), st.text()))
def test_any_text_or_bytes_builds_or_fails_cleanly(text):
    _check(text)


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_inputs_that_once_failed(path):
    _check(path.read_bytes())
