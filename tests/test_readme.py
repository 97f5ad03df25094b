"""The README's example queries give the output the README shows, on a fresh build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(sparql|text)\n(.*?)```", README, re.DOTALL)
PREFIXES = BLOCKS[0][1]
EXAMPLES = [
    (query, BLOCKS[i + 1][1])
    for i, (kind, query) in enumerate(BLOCKS[1:], start=1)
    if kind == "sparql" and i + 1 < len(BLOCKS) and BLOCKS[i + 1][0] == "text"
]


def test_readme_has_three_examples():
    assert PREFIXES.startswith("PREFIX")
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("query, expected", EXAMPLES)
def test_readme_query_output(seed_graph, query, expected):
    result = seed_graph.query(PREFIXES + query)
    lines = [" | ".join("" if v is None else str(v) for v in row) for row in result]
    assert lines == expected.rstrip("\n").split("\n")
