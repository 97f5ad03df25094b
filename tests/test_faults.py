"""`aleppo-kg load` against a real Oxigraph server that fails: a clear error, nothing mixed.

The faults and the relay that injects them are in ``benchmarks/faults.py``, which
also prints the table the README shows. After each fault the store is queried:
it must hold the previous graph or the new one, each whole, never a mix.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
faults = importlib.import_module("faults")

SAID = {
    "store not started": "cannot reach the store",
    "store killed mid-upload": "the connection failed",
    "store answers 500": "the store answered 500 Internal Server Error: injected fault",
    "store slower than --timeout": "no answer within 1 s (the store may still apply the upload",
    "upload cut off half way": "the connection failed",
    "a port that is not HTTP": "the answer is not HTTP",
}


@pytest.fixture(scope="module")
def graphs(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("graphs")
    previous = faults.build(ROOT / "tests" / "fixtures" / "us_dates.txt", folder / "old.ttl")
    new = faults.build(
        ROOT / "data" / "articles" / "2012_Aleppo_Governorate_clashes.txt", folder / "new.ttl"
    )
    return previous, new


def test_every_fault_has_an_expected_message():
    assert set(SAID) == set(faults.FAULTS)


@pytest.mark.parametrize("fault", list(faults.FAULTS))
def test_a_fault_gives_one_clear_line_and_the_store_holds_one_graph_whole(fault, graphs, tmp_path):
    previous, new = graphs
    seen = faults.observe(fault, tmp_path, previous, new)
    assert seen.code == 2
    assert len(seen.stderr.splitlines()) == 1 and "Traceback" not in seen.stderr
    assert seen.stderr.startswith("aleppo-kg: error: ") and SAID[fault] in seen.stderr
    assert "MIX" not in seen.held
    # only a store that got the whole upload late may hold the new graph
    expected = "the new graph" if fault == "store slower than --timeout" else "the previous"
    assert seen.held.startswith(expected), seen.held
