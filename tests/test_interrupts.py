"""Ctrl-C: any command ends with exit 130 and one line, no traceback, no worker left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import CLI

from aleppo_kg.resources import default_article

LINE = "aleppo-kg: interrupted; files it was writing are left as they were\n"


def _start(*args: str, cwd: Path) -> subprocess.Popen:
    """The command in a session of its own, so that Ctrl-C reaches its whole process group."""
    return subprocess.Popen(
        [*CLI, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _ctrl_c(process: subprocess.Popen) -> tuple[str, str]:
    """SIGINT to the group, as a terminal sends it; the command's output once it has ended."""
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=30)
    return out, err


def _group_gone(pgid: int) -> bool:
    """Whether every process of the group has ended (its workers too), waiting up to 10 s."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    """Enough copies of the seed (each its own title) to keep two workers busy for a while."""
    folder = tmp_path_factory.mktemp("many")
    text = default_article().read_text(encoding="utf-8")
    title = text.splitlines()[0]
    for number in range(160):
        renamed = text.replace(title, f"= Copy {number} of the clashes =", 1)
        (folder / f"copy-{number:03}.txt").write_text(renamed, encoding="utf-8")
    return folder


def test_a_parallel_build_stops_with_one_line_and_its_workers(many_articles, tmp_path):
    out_file = tmp_path / "series.ttl"
    process = _start("build", str(many_articles), "--jobs", "2", "-o", str(out_file), cwd=tmp_path)
    time.sleep(3)  # the workers have started their batches
    assert process.poll() is None, "the build ended before it could be interrupted"
    _, err = _ctrl_c(process)
    assert process.returncode == 130
    assert err == LINE
    assert _group_gone(process.pid)
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary file left


def test_a_build_in_one_process_stops_with_one_line(many_articles, tmp_path):
    process = _start("build", str(many_articles), "-o", str(tmp_path / "g.ttl"), cwd=tmp_path)
    time.sleep(2)
    _, err = _ctrl_c(process)
    assert (process.returncode, err) == (130, LINE)
    assert list(tmp_path.iterdir()) == []


def test_serve_stops_quietly_with_its_query_workers(tmp_path):
    graph = tmp_path / "graph.ttl"
    built = subprocess.run(
        [*CLI, "build", "-o", str(graph)],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert built.returncode == 0
    process = _start("serve", "--data", str(graph), "--port", "0", cwd=tmp_path)
    assert process.stdout.readline().startswith("serving ")
    _, err = _ctrl_c(process)
    assert (process.returncode, err) == (130, LINE)
    assert _group_gone(process.pid)
