"""Stage 1: plain-text article -> :class:`~aleppo_kg.model.Article` with offsets.

The format: a ``= Title =`` line, an ``Infobox`` line followed by ``- Key: Value``
lines up to the first blank line, then prose under ``== Section ==`` headings,
one paragraph per line. Every piece keeps character offsets into the text as
read, so later stages can point at the exact span a fact came from. A ``.wiki``
file is wikitext: it is rendered into this form first (:mod:`aleppo_kg.build.wikitext`),
and the article keeps the rendered text and its links.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from aleppo_kg.build.options import WIKITEXT_SUFFIX
from aleppo_kg.errors import InputError
from aleppo_kg.lexicon import Lexicon
from aleppo_kg.model import Article, Field, Paragraph, Section, Sentence, Span
from aleppo_kg.vocab import wikipedia_url

CC_BY_SA_4 = "https://creativecommons.org/licenses/by-sa/4.0/"
_TITLE = re.compile(r"^=\s*([^=].*?)\s*=$")
_HEADING = re.compile(r"^(={2,6})\s*(.*?)\s*\1$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELD = re.compile(r"^-\s*([^:]+?)\s*:\s?(.*)$")
# A sentence ends at . ! or ? (with any closing quotes/brackets) before a capital,
# a digit or an opening quote; after a closing quote it may end with no space.
# An IRI as N-Triples and SPARQL write it unescaped: no spaces, quotes, angle brackets...
_WEB_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f]+")
_TERMINATOR = re.compile(r"[.!?][\"'”’)]*")
_NEXT_AFTER_SPACE = re.compile(r"\s+[\"“(]?[A-Z0-9]")
_NEXT_NO_SPACE = re.compile(r"[A-Z]")
TOKEN_REACH = 64  # longer than any abbreviation of the lexicon (tested)


def read_text(path: Path) -> str:
    """Read an article as UTF-8, turning every way it can fail into an :class:`InputError`."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not an article file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (bad byte at offset {err.start})") from None
    if not text.strip():
        raise InputError(f"{path}: empty file")
    return text


def parse_article(path: Path, lexicon: Lexicon, strict: bool = False) -> Article:
    """Parse the article at ``path`` (wikitext when it ends in ``.wiki``); the sidecar
    ``*.source.json`` may give its title, URL, licence, retrieval day and revision.

    A malformed infobox line is skipped with a warning (kept in ``Article.warnings``),
    so the rest of the article is still read; with ``strict`` it is an error.
    """
    text = read_text(path)
    if path.suffix.lower() == WIKITEXT_SUFFIX:
        return parse_wikitext(text, path, lexicon, strict)
    return parse_text(text, path, lexicon, strict)


def parse_wikitext(wikitext: str, path: Path, lexicon: Lexicon, strict: bool = False) -> Article:
    """Parse an article's wikitext: rendered into the plain-text form, which is its text.

    Its title is the sidecar's ``title``, else the file's name ("X_Y.wiki": "X Y"); what
    the rendering dropped or could not read comes first among its warnings.
    """
    meta = _sidecar(path)
    title = meta.get("title") if meta else None
    if title is not None and not (isinstance(title, str) and title.strip()):
        raise InputError(f"{_sidecar_path(path)}", f"'title' is not a title: {title!r}")
    title = title or path.stem.replace("_", " ")
    # imported here: a build of plain-text articles never loads mwparserfromhell (30 ms)
    from aleppo_kg.build.wikitext import render_article

    rendered = render_article(wikitext, title, lexicon, str(path))
    article = parse_text(rendered.text, path, lexicon, strict)
    warnings = (*rendered.warnings, *article.warnings)
    return replace(article, links=rendered.links, warnings=warnings, rendered=True)


def parse_text(text: str, path: Path, lexicon: Lexicon, strict: bool = False) -> Article:
    """Parse article text already read from ``path`` (used in messages)."""
    lines = _lines(text)
    title, title_span, rest = _title(lines, path)
    warnings: list[str] = []
    fields, rest = _infobox(rest, path, strict, warnings)
    source_url, license_url, retrieved, revision = _source(path, title)
    return Article(
        path=path,
        text=text,
        title=title,
        title_span=title_span,
        source_url=source_url,
        license_url=license_url,
        fields=fields,
        sections=_sections(rest, lexicon.abbreviations),
        warnings=tuple(warnings),
        retrieved=retrieved,
        revision_url=revision,
    )


def _lines(text: str) -> list[tuple[int, int, str]]:
    """``(line number, offset, line)`` triples, line endings removed, offsets into ``text``."""
    out = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        out.append((number, offset, raw.rstrip("\r\n")))
        offset += len(raw)
    return out


def _title(lines: list[tuple[int, int, str]], path: Path) -> tuple[str, Span, list]:
    for index, (number, offset, line) in enumerate(lines):
        if not line.strip():
            continue
        match = _TITLE.match(line.strip())
        if not match:
            raise InputError(f"{path}: line {number}: expected a '= Title =' line first")
        start = offset + line.index(match.group(1))
        return match.group(1), Span(start, start + len(match.group(1))), lines[index + 1 :]
    raise InputError(f"{path}: no title line")


def _infobox(
    lines: list[tuple[int, int, str]], path: Path, strict: bool, warnings: list[str]
) -> tuple[tuple[Field, ...], list]:
    """The ``- Key: Value`` lines after ``Infobox``, up to the first blank line.

    A malformed line is skipped with a message in ``warnings``; when ``strict``, it is an error.
    """
    start = next((i for i, (_, _, line) in enumerate(lines) if line.strip() == "Infobox"), None)
    if start is None:
        raise InputError(f"{path}: no 'Infobox' block")
    fields: list[Field] = []
    index = start + 1
    while index < len(lines) and lines[index][2].strip():
        try:
            fields.append(_field(lines[index], path))
        except InputError as error:
            if strict:
                raise error.unreadable(lines[index][2].strip()) from None
            warnings.append(error.skipped(lines[index][2].strip()))
        index += 1
    if not fields:
        raise InputError(f"{path}: the 'Infobox' block has no '- Key: Value' lines")
    return tuple(fields), lines[:start] + lines[index:]


def _field(entry: tuple[int, int, str], path: Path) -> Field:
    line_number, offset, line = entry
    match = _FIELD.match(line)
    if not line.startswith("-") or ":" not in line or not match:
        raise InputError(f"{path}: line {line_number}", "infobox line is not '- Key: Value'")
    value = match.group(2).strip()
    value_start = offset + match.start(2) + (len(match.group(2)) - len(match.group(2).lstrip()))
    return Field(
        key=match.group(1).strip(),
        value=value,
        line_number=line_number,
        line_span=Span(offset, offset + len(line)),
        value_span=Span(value_start, value_start + len(value)),
    )


def _sections(
    lines: list[tuple[int, int, str]], abbreviations: frozenset[str]
) -> tuple[Section, ...]:
    """Group prose lines under their headings; text before the first heading is the lead."""
    sections: list[Section] = []
    title, level, start, paragraphs = "", 1, None, []
    for _, offset, line in lines:
        heading = _HEADING.match(line.strip())
        if heading:
            if paragraphs or title:
                sections.append(_section(title, level, start, paragraphs))
            title, level, start, paragraphs = heading.group(2), len(heading.group(1)), offset, []
            continue
        if not line.strip() or _TITLE.match(line.strip()):
            continue
        start = offset if start is None else start
        paragraphs.append(_paragraph(offset, line, abbreviations))
    if paragraphs or title:
        sections.append(_section(title, level, start, paragraphs))
    return tuple(sections)


def _section(title: str, level: int, start: int | None, paragraphs: list) -> Section:
    begin = start if start is not None else 0
    end = paragraphs[-1].span.end if paragraphs else begin
    return Section(title=title, level=level, span=Span(begin, end), paragraphs=tuple(paragraphs))


def _paragraph(offset: int, line: str, abbreviations: frozenset[str]) -> Paragraph:
    lead = len(line) - len(line.lstrip())
    body = line.strip()
    start = offset + lead
    sentences = split_sentences(body, abbreviations, start)
    return Paragraph(span=Span(start, start + len(body)), sentences=sentences)


def split_sentences(
    body: str, abbreviations: frozenset[str], offset: int = 0
) -> tuple[Sentence, ...]:
    """Split a paragraph into sentences, keeping offsets (``offset`` is where ``body`` starts).

    A full stop after a known abbreviation (``abbreviations``: "Gen.", "Lt.") ends no sentence.
    """
    sentences = []
    begin = 0
    quotes = counted = 0  # the straight quotes before `counted`: counted on, not again each time
    for match in _TERMINATOR.finditer(body):
        end = match.end()
        spaced = _NEXT_AFTER_SPACE.match(body, end)
        glued = _NEXT_NO_SPACE.match(body, end) and _after_quote(body, match.start())
        if not (spaced or glued) or _is_abbreviation(body, match.start(), abbreviations):
            continue
        quotes, counted = quotes + body.count('"', counted, match.start()), match.start()
        if quotes % 2 == 1:  # inside an open straight-quoted passage
            continue
        sentences.append(_sentence(body, begin, end, offset))
        begin = end
    if body[begin:].strip():
        sentences.append(_sentence(body, begin, len(body), offset))
    return tuple(sentences)


def _after_quote(body: str, dot: int) -> bool:
    """True when a terminator with no space after it closes a quotation (``"...".Next``)."""
    return dot > 0 and body[dot - 1] in '"”’'


def _is_abbreviation(body: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial, not a sentence.

    The token before it (word characters and dots) is read backwards, at most
    :data:`TOKEN_REACH` characters: no abbreviation is that long, and a line of
    "Gen.Maj. Gen.Maj. ..." would otherwise be searched whole at every period.
    """
    if body[dot] != ".":
        return False
    start = dot
    while start > 0 and dot - start < TOKEN_REACH and _in_token(body[start - 1]):
        start -= 1
    token = body[start:dot]
    if not token:
        return False
    last = token.rsplit(".", 1)[-1]
    return (len(last) == 1 and last.isupper()) or f"{token}." in abbreviations


def _in_token(character: str) -> bool:
    """A character of an abbreviation's token: what ``[\\w.]`` matches."""
    return character.isalnum() or character in "._"


def _sentence(body: str, begin: int, end: int, offset: int) -> Sentence:
    chunk = body[begin:end]
    lead = len(chunk) - len(chunk.lstrip())
    text = chunk.strip()
    start = offset + begin + lead
    return Sentence(text=text, span=Span(start, start + len(text)))


def _source(path: Path, title: str) -> tuple[str, str, date | None, str | None]:
    """Source URL, licence, retrieval date and the revision's permalink: from
    ``<name>.source.json`` beside the article.

    Articles in this format are Wikipedia text, so without a sidecar the URL is
    the English Wikipedia page of the title and the licence is CC BY-SA 4.0; the
    date the text was taken into the project, and the revision it is, are known only
    if the sidecar says them (``retrieved``, ``permalink``).
    """
    derived = wikipedia_url(title)
    meta = _sidecar(path)
    if meta is None:
        return derived, CC_BY_SA_4, None, None
    sidecar = _sidecar_path(path)
    source = _url(meta, "source", derived, sidecar)
    revision = _url(meta, "permalink", "", sidecar) if meta.get("permalink") is not None else None
    return source, _url(meta, "license", CC_BY_SA_4, sidecar), _retrieved(meta, sidecar), revision


def _sidecar_path(path: Path) -> Path:
    return path.with_suffix(".source.json")


def _sidecar(path: Path) -> dict | None:
    """The sidecar beside the article, a JSON object; None when there is none."""
    sidecar = _sidecar_path(path)
    if not sidecar.is_file():
        return None
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(f"{sidecar}: not valid JSON ({err})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{sidecar}", "not a JSON object")
    return meta


def _url(meta: dict, key: str, default: str, sidecar: Path) -> str:
    """A URL from the sidecar, which becomes an IRI in the graph: http(s), nothing to escape."""
    value = meta.get(key, default)
    if isinstance(value, str) and _WEB_IRI.fullmatch(value):
        return value
    raise InputError(f"{sidecar}", f"{key!r} is not an http(s) URL without spaces: {value!r}")


def _retrieved(meta: dict, sidecar: Path) -> date | None:
    """The sidecar's optional ``retrieved``: a day written ``YYYY-MM-DD``, never guessed."""
    value = meta.get("retrieved")
    if value is None:
        return None
    try:
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:  # the right shape, but no such day
        pass
    raise InputError(f"{sidecar}", f"'retrieved' is not a date written YYYY-MM-DD: {value!r}")
