"""The warnings of one infobox reading, and what strict mode does with an unreadable item."""

from __future__ import annotations

from dataclasses import dataclass, field

from aleppo_kg.errors import InputError
from aleppo_kg.model import Article, Field


@dataclass
class Notes:
    """Warnings in the order they were raised; ``strict`` turns a skipped item into an error.

    The readers of the fields share one, so an article the rules cannot fully read
    still yields what it can, with a warning naming each line or item left out.
    """

    strict: bool = False
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def skip(self, item: str, error: InputError) -> None:
        """Leave out an item that cannot be read, with a warning; when strict, stop instead."""
        if self.strict:
            raise error.unreadable(item) from None
        self.warnings.append(error.skipped(item))


def where(article: Article, field: Field) -> str:
    """Where a field is written, as its warnings and errors name it: path, line and key."""
    return f"{article.name}: line {field.line_number} ({field.key})"
