"""A build killed at any moment (SIGKILL, no chance to clean up) leaves the previous output whole.

Outputs are written to a temporary file beside the target and renamed over it
(``aleppo_kg.write.atomic_file``), so the target is always either the previous
file or the new one, complete. Kill points are drawn at random, from a seeded
generator so that a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CLI

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "us_dates.txt"
KILLS = 8


def _build(*args: str, temporary: Path | None = None) -> subprocess.Popen:
    """A build; ``temporary`` holds its temporary files (a killed build cannot remove them)."""
    return subprocess.Popen(
        [*CLI, "build", *args, "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TMPDIR": str(temporary)} if temporary else None,
    )


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, tuple[bytes, bytes]]:
    """The bytes of the previous (a fixture's) and the new (the seed's) graph and description."""
    folder = tmp_path_factory.mktemp("outputs")
    found = {}
    for name, args in (("previous", [str(FIXTURE)]), ("new", [])):
        out = folder / name / "graph.ttl"
        assert _build(*args, "-o", str(out)).wait(timeout=120) == 0
        found[name] = (out.read_bytes(), (out.parent / "graph.void.ttl").read_bytes())
    return found


def _whole(path: Path, allowed: set[bytes]) -> bool:
    return path.read_bytes() in allowed


def test_build_killed_at_random_moments_leaves_previous_or_new_whole(outputs, tmp_path):
    previous, new = outputs["previous"], outputs["new"]
    target = tmp_path / "out" / "graph.ttl"
    started = time.monotonic()
    assert _build("-o", str(target)).wait(timeout=120) == 0
    duration = time.monotonic() - started
    draw = random.Random(20261124)
    outcomes = set()
    for _ in range(KILLS):
        target.write_bytes(previous[0])
        (target.parent / "graph.void.ttl").write_bytes(previous[1])
        process = _build("-o", str(target), temporary=tmp_path)
        time.sleep(draw.uniform(0.3, 1.1) * duration)  # before, during and after the writing
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert _whole(target, {previous[0], new[0]})
        assert _whole(target.parent / "graph.void.ttl", {previous[1], new[1]})
        outcomes.add(target.read_bytes() == new[0])
    assert outcomes  # every kill was checked


WRITER = """
import sys, time
from pathlib import Path
from aleppo_kg.build.write import atomic_file
with atomic_file(Path(sys.argv[1])) as out:
    print("writing", flush=True)
    for number in range(400):
        out.write(f"<urn:x:{number}> <urn:x:p> <urn:x:o> .\\n".encode())
        out.flush()
        time.sleep(0.002)
"""


@pytest.mark.parametrize("seed", range(6))
def test_writer_killed_mid_write_never_leaves_a_partial_file(tmp_path, seed):
    """The write itself, slowed down so that the kill lands inside it."""
    target = tmp_path / "graph.nt"
    target.write_text("previous\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline() == "writing\n"  # the temporary file is open
    time.sleep(random.Random(seed).uniform(0.0, 0.5))  # 400 lines take at least 0.8 s
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert list(tmp_path.glob(".graph.nt.*.tmp"))  # killed mid-write: its temporary file is left
