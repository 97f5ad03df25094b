"""The hand annotations an article is scored against, and where they live.

An article's annotations (``<name>.events.jsonl``, ``<name>.infobox.json``) are looked for,
in this order: beside it; in the ``evaluation`` folder next to its folder (``data/articles``
and ``data/corpus`` share ``data/evaluation``); in ``data/evaluation`` of the folder the
command runs in. See ``docs/annotation.md`` for both formats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from aleppo_kg.errors import InputError

EVENTS = ".events.jsonl"
INFOBOX = ".infobox.json"


@dataclass(frozen=True)
class Gold:
    """An article's annotations; either may be missing, not both."""

    events: list[dict] | None
    infobox: dict | None


def gold_paths(article: Path, suffix: str) -> list[Path]:
    """Where an article's annotation of one kind may be, in the order they are tried."""
    name = article.stem + suffix
    beside = article.with_name(name)
    next_folder = article.resolve().parent.parent / "evaluation" / name
    return list(dict.fromkeys([beside, next_folder, Path("data", "evaluation", name)]))


def gold_path(article: Path, suffix: str) -> Path | None:
    """The first of :func:`gold_paths` that exists, if any."""
    return next((path for path in gold_paths(article, suffix) if path.is_file()), None)


def default_gold(article: Path) -> Path:
    """Where an article's events annotation is (the first place tried when there is none)."""
    return gold_path(article, EVENTS) or gold_paths(article, EVENTS)[0]


def load_gold(path: Path) -> list[dict]:
    """The annotated events; a missing or malformed file is an :class:`InputError`."""
    if not path.is_file():
        raise InputError(f"{path}: no such annotation file")
    events = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            events.append(json.loads(line))
        except ValueError as err:
            raise InputError(f"{path}: line {number}: not JSON ({err})") from None
    return events


def load_infobox_gold(path: Path) -> dict:
    """The annotated infobox; it must at least give the conflict and the sides."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise InputError(f"{path}: not JSON ({err})") from None
    if not isinstance(gold, dict) or not {"conflict", "sides"} <= gold.keys():
        raise InputError(f"{path}: an infobox annotation needs 'conflict' and 'sides'")
    return gold


def find_gold(article: Path, events: Path | None = None) -> Gold:
    """Every annotation of ``article``; ``events`` overrides where its events annotation is."""
    events_path = events or gold_path(article, EVENTS)
    infobox_path = gold_path(article, INFOBOX)
    if events_path is None and infobox_path is None:
        tried = [str(p) for suffix in (EVENTS, INFOBOX) for p in gold_paths(article, suffix)]
        raise InputError(f"{article}: no annotation; looked for {', '.join(tried)}")
    return Gold(
        load_gold(events_path) if events_path else None,
        load_infobox_gold(infobox_path) if infobox_path else None,
    )
