"""Article titles as MediaWiki reads them from a link: the target and the label it shows."""

from __future__ import annotations

import html
from urllib.parse import unquote

from aleppo_kg.text.pages import plain_name


def page_title(written: str) -> str | None:
    """The title of the article a link names, as MediaWiki normalises it: entities and
    percent-escapes decoded, "_" a space, spaces squeezed, the first letter upper-case;
    None for a link to a section ([[Syrian civil war#Early insurgency]]): a section is no
    article's topic."""
    title = html.unescape(unquote(written)).replace("_", " ").lstrip(":")
    title = " ".join(title.split())
    if not title or "#" in title:
        return None
    return title[0].upper() + title[1:]


def pipe_trick(title: str) -> str:
    """What MediaWiki shows for [[Title|]]: the title without "(...)" or ", ..." after it."""
    return plain_name(" ".join(title.lstrip(":").replace("_", " ").split()), comma=True)
