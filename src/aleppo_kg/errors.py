"""The one exception the command line turns into a one-line message and exit code 2."""

from __future__ import annotations


class InputError(Exception):
    """Input the tool cannot read: the message names the file (and line) and the problem.

    ``where`` and ``problem`` are kept apart so that a problem with one infobox item
    can become a warning naming the item skipped, while the rest of the article is read.
    """

    def __init__(self, where: str, problem: str | None = None) -> None:
        super().__init__(f"{where}: {problem}" if problem else where)
        self.where = where
        self.problem = problem or where

    def skipped(self, item: str) -> str:
        """The warning when ``item`` is left out so that the rest can still be read."""
        return f"{self.where}: skipped {item!r}: {self.problem}"

    def unreadable(self, item: str) -> InputError:
        """The error when ``item`` may not be left out (strict mode, or nothing to fall back on)."""
        return InputError(self.where, f"cannot read {item!r}: {self.problem}")
