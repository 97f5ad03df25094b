"""The hand annotations an article is scored against, and where they live.

An article's annotations sit beside it (``<name>.events.jsonl``, ``<name>.infobox.json``)
or in the ``evaluation`` folder next to its folder (``data/articles`` and ``data/corpus``
share ``data/evaluation``). See ``docs/annotation.md`` for both formats.
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


def gold_path(article: Path, suffix: str) -> Path:
    """Where an article's annotation of one kind lives: beside it, else in ../evaluation/."""
    beside = article.with_name(article.stem + suffix)
    if beside.is_file():
        return beside
    return article.parents[1] / "evaluation" / f"{article.stem}{suffix}"


def default_gold(article: Path) -> Path:
    """Where an article's events annotation lives."""
    return gold_path(article, EVENTS)


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
    if events is None and not events_path.is_file() and not infobox_path.is_file():
        raise InputError(f"{article}: no annotation ({events_path.name} or {infobox_path.name})")
    return Gold(
        load_gold(events_path) if events or events_path.is_file() else None,
        load_infobox_gold(infobox_path) if infobox_path.is_file() else None,
    )
