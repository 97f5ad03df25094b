"""The README's example queries give the output the README shows, on a fresh build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
PREFIXES = re.search(r"```sparql\n(PREFIX.*?)```", README, re.DOTALL).group(1)
# A query whose output the README shows right after it (the federation example has none).
EXAMPLES = re.findall(r"```sparql\n(SELECT.*?)```\s*```text\n(.*?)```", README, re.DOTALL)


def test_readme_has_three_examples():
    assert PREFIXES.startswith("PREFIX")
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("query, expected", EXAMPLES)
def test_readme_query_output(seed_graph, query, expected):
    result = seed_graph.query(PREFIXES + query)
    lines = [" | ".join("" if v is None else str(v) for v in row) for row in result]
    assert lines == expected.rstrip("\n").split("\n")
