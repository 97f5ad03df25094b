"""The report as one self-contained HTML page: inline CSS, inline SVG, a few lines of script.

Nothing is fetched when the page is opened (no map tiles, no fonts, no chart
library), so it can be mailed, archived or opened offline. The map is an SVG of
the places' coordinates in an equirectangular projection, over the borders of the
countries around them (Natural Earth's, bundled); the timeline is an SVG
with one mark per dated event and one bar per event and kind of actor killed.
Every value from the graph is escaped before it is written into the page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from aleppo_kg.lexicon.gazetteer import country_outlines
from aleppo_kg.publish.report.views import (
    UNSPECIFIED,
    ConflictView,
    EventView,
    Killed,
    PlaceView,
    Report,
    SideView,
    UnitView,
)

# Okabe and Ito's colour-blind-safe palette, one colour per top-level event type
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
TIMELINE_WIDTH = 1000
LANE_LABEL = 150
ROW = 14
KILL_LANE = 64
MAP_WIDTH = 760  # the largest map: the longer side of the places' extent fills it
MAP_HEIGHT = 760
MAP_PAD = 48
MAP_LABEL_ROOM = 140  # to the right of the easternmost place, for its label

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ccc}
svg text{font:11px system-ui,sans-serif;fill:#333}
.axis line,.grid line{stroke:#bbb}.lane{fill:#f6f6f6}
.borders path{fill:#fbfaf4;stroke:#8a8a8a;stroke-width:1.2;stroke-linejoin:round}
.legend span{display:inline-block;margin-right:1em}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
table{border-collapse:collapse;width:100%}th,td{border-top:1px solid #ddd;padding:.35em;
vertical-align:top;text-align:left}th{background:#f0f0f0;position:sticky;top:0}
blockquote{margin:0 0 .4em;padding-left:.6em;border-left:3px solid #ccc}
.where{color:#666;font-size:.85em}.tree{display:flex;gap:2em;align-items:flex-start}
.tree .side{flex:1}.tree ul{margin:.1em 0 .1em 1.2em;padding:0}
.tree li{list-style:square}tr:target{background:#fff3c4}
.place-mark circle{fill:#B2182B;fill-opacity:.75;stroke:#fff}.place-mark.quiet circle{fill:#999}
.place-mark.area circle{fill:none;stroke:#B2182B;stroke-dasharray:3 2}
.place-mark.area text{font-style:italic}
#filter{margin:.5em 0;padding:.3em;width:20em}
"""

# Filters the events table as the user types; the page works without it.
SCRIPT = """
document.getElementById("filter").addEventListener("input", function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll("#events tbody tr").forEach(function (row) {
    row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
  });
});
"""


def render(report: Report, title: str) -> str:
    """The whole page for ``report``."""
    colours = type_colours(report.events)
    body = [
        f"<h1>{escape(title)}</h1>",
        *(_conflict_header(conflict) for conflict in report.conflicts),
        "<h2 id='timeline-section'>Timeline</h2>",
        _legend(colours),
        timeline_svg(report.timeline, colours),
        _timeline_note(report),
        "<h2 id='map-section'>Map</h2>",
        map_svg(report.places),
        _place_list(report),
        "<h2 id='order-of-battle'>Order of battle</h2>",
        *(_order_of_battle(conflict) for conflict in report.conflicts),
        "<h2 id='events-section'>Events and their sources</h2>",
        _events_table(report.events),
        _attribution(report.conflicts),
    ]
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + f"\n<script>{SCRIPT}</script></body></html>\n"
    )


def type_colours(events: Iterable[EventView]) -> dict[str, tuple[str, str]]:
    """Top-level event type IRI -> (label, colour); sorted by label so colours are stable."""
    types = sorted({(event.top_label, event.top_type) for event in events})
    return {iri: (label, PALETTE[i % len(PALETTE)]) for i, (label, iri) in enumerate(types)}


def _legend(colours: dict[str, tuple[str, str]]) -> str:
    items = "".join(
        f"<span><i style='background:{colour}'></i>{escape(label)}</span>"
        for label, colour in colours.values()
    )
    return f"<p class='legend'>{items}</p>"


def _conflict_header(conflict: ConflictView) -> str:
    facts = [f"<b>{escape(conflict.label)}</b>"]
    if conflict.date:
        facts.append(f"dates (EDTF): {escape(conflict.date)}")
    if conflict.results:
        facts.append("result: " + escape("; ".join(conflict.results)))
    if conflict.article:
        facts.append(f"source: {_link(conflict.article, conflict.article)}")
    return "<p>" + " · ".join(facts) + "</p>"


def _link(href: str, text: str) -> str:
    return f"<a href='{escape(href, quote=True)}'>{escape(text)}</a>"


# ----------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class Scale:
    """Days to x pixels over the span the events cover."""

    first: date
    last: date
    left: float
    right: float

    def x(self, day: date) -> float:
        span = max((self.last - self.first).days, 1)
        return self.left + (self.right - self.left) * (day - self.first).days / span


def timeline_svg(events: Sequence[EventView], colours: dict[str, tuple[str, str]]) -> str:
    """Events on a time axis, stacked where they overlap, and a lane of bars per actor type."""
    if not events:
        return "<p>No dated events.</p>"
    scale = Scale(
        min(e.begin for e in events) - timedelta(days=7),
        max(e.end for e in events) + timedelta(days=7),
        LANE_LABEL,
        TIMELINE_WIDTH - 10,
    )
    rows = _stack(events, scale)
    event_height = (max(rows.values()) + 1) * ROW + 10
    kinds = sorted({k.actor_type for e in events for k in e.killed}, key=_actor_order)
    most = max((k.count for e in events for k in e.killed), default=1)
    parts = [_axis(scale, 0), _lane(0, event_height, "events")]
    parts += [_event_mark(e, scale, 20 + rows[e.iri] * ROW, colours) for e in events]
    for number, kind in enumerate(kinds):
        top = 20 + event_height + number * KILL_LANE
        parts.append(_lane(top, KILL_LANE - 4, f"killed: {kind}"))
        marks = [
            _KillMark(e, k, scale, top + KILL_LANE - 6, most)
            for e in events
            for k in e.killed
            if k.actor_type == kind
        ]
        written = _readable(marks)
        parts += [mark.svg(colours, id(mark) in written) for mark in marks]
    height = 20 + event_height + len(kinds) * KILL_LANE + 4
    return (
        f"<svg id='timeline' role='img' aria-label='timeline of events' "
        f"viewBox='0 0 {TIMELINE_WIDTH} {height}' width='{TIMELINE_WIDTH}' height='{height}'>"
        + "".join(parts)
        + "</svg>"
    )


def _actor_order(kind: str) -> tuple[bool, str]:
    return kind == UNSPECIFIED, kind


def _stack(events: Sequence[EventView], scale: Scale) -> dict[str, int]:
    """A row for each event so that marks on the same days do not hide each other."""
    ends: list[float] = []
    rows: dict[str, int] = {}
    for event in sorted(events, key=lambda e: (e.begin, e.end, e.iri)):
        start, stop = scale.x(event.begin) - 4, scale.x(event.end) + 4
        row = next((i for i, end in enumerate(ends) if end < start), len(ends))
        if row == len(ends):
            ends.append(stop)
        ends[row] = stop
        rows[event.iri] = row
    return rows


def _axis(scale: Scale, top: float) -> str:
    """Month ticks (every month, labelled every few months when the span is long)."""
    months = _months(scale.first, scale.last)
    step = max(1, math.ceil(len(months) / 12))
    ticks = []
    for i, month in enumerate(months):
        x = scale.x(month)
        ticks.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='{top + 12}' y2='{top + 18}'/>")
        if i % step == 0:
            ticks.append(f"<text x='{x + 2:.1f}' y='{top + 10}'>{month:%b %Y}</text>")
    return f"<g class='axis'>{''.join(ticks)}</g>"


def _months(first: date, last: date) -> list[date]:
    month = date(first.year, first.month, 1)
    found = []
    while month <= last:
        if month >= first:
            found.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return found


def _lane(top: float, height: float, label: str) -> str:
    return (
        f"<rect class='lane' x='{LANE_LABEL}' y='{top + 18}' width='{TIMELINE_WIDTH - LANE_LABEL}' "
        f"height='{height}'/><text x='4' y='{top + 32}'>{escape(label)}</text>"
    )


def _event_mark(event: EventView, scale: Scale, y: float, colours: dict) -> str:
    colour = colours[event.top_type][1]
    begin, end = scale.x(event.begin), scale.x(event.end)
    span = ""
    if end - begin > 2:  # a date range: a bar from the earliest to the latest possible day
        span = (
            f"<line x1='{begin:.1f}' x2='{end:.1f}' y1='{y + 8}' y2='{y + 8}' "
            f"stroke='{colour}' stroke-width='3' stroke-opacity='.5'/>"
        )
    tip = f"{event.label} ({event.type_label}; {event.date})"
    return (
        f"<a class='event-mark' href='#{event.anchor}'><title>{escape(tip)}</title>{span}"
        f"<circle cx='{(begin + end) / 2:.1f}' cy='{y + 8}' r='4' fill='{colour}'/></a>"
    )


@dataclass(frozen=True)
class _KillMark:
    """A bar of people killed in one event, with its number beside it when there is room."""

    event: EventView
    killed: Killed
    scale: Scale
    base: float
    most: int

    @property
    def height(self) -> float:
        return max(2.0, (KILL_LANE - 14) * self.killed.count / self.most)

    @property
    def x(self) -> float:
        return (self.scale.x(self.event.begin) + self.scale.x(self.event.end)) / 2 - 3

    def label_box(self) -> tuple[float, float, float, float]:
        left, bottom = self.x + 8, self.base - self.height + 8
        return left, bottom - 9, left + 6.2 * len(str(self.killed.count)), bottom

    def svg(self, colours: dict, labelled: bool) -> str:
        bound = "at least " if self.killed.at_least else ""
        tip = f"{bound}{self.killed.count} killed ({self.killed.actor_type}): {self.event.label}"
        left, _, _, bottom = self.label_box()
        number = f"<text x='{left:.1f}' y='{bottom:.1f}'>{self.killed.count}</text>"
        return (
            f"<a class='kill-mark' href='#{self.event.anchor}'><title>{escape(tip)}</title>"
            f"<rect x='{self.x:.1f}' y='{self.base - self.height:.1f}' width='6' "
            f"height='{self.height:.1f}' fill='{colours[self.event.top_type][1]}'/>"
            f"{number if labelled else ''}</a>"
        )


def _readable(marks: Sequence[_KillMark]) -> set[int]:
    """The marks whose number is written: the largest first, and none over another number or
    a bar (in a busy week the smaller numbers are left to the bars' tooltips)."""
    kept = [(m.x, m.base - m.height, m.x + 6, m.base) for m in marks]
    written: set[int] = set()
    for mark in sorted(marks, key=lambda m: (-m.killed.count, m.event.begin, m.event.iri)):
        box = mark.label_box()
        if not any(_overlaps(box, other) for other in kept):
            kept.append(box)
            written.add(id(mark))
    return written


def _timeline_note(report: Report) -> str:
    undated = len(report.events) - len(report.timeline)
    note = (
        "One dot per dated event, coloured by its ACLED event type, at the middle of the days "
        "the text allows (a line shows a date range). Below, the people reported killed in each "
        'event, per kind of actor: the text\'s figures name who died ("four soldiers"), not an '
        "infobox side, so they are grouped by ACLED's actor types; per event and kind the "
        "largest figure is shown, not a sum."
    )
    if undated:
        note += f" {undated} territorial change(s) from the infobox carry no date of their own "
        note += "and are only in the table."
    return f"<p class='where'>{escape(note)}</p>"


# ----------------------------------------------------------------------------- map


@dataclass(frozen=True)
class Projection:
    """Equirectangular: longitude scaled by the cosine of the middle latitude."""

    west: float
    north: float
    scale: float
    squeeze: float

    def xy(self, lat: float, long: float) -> tuple[float, float]:
        return (
            MAP_PAD + (long - self.west) * self.scale * self.squeeze,
            MAP_PAD + (self.north - lat) * self.scale,
        )

    def extent(self, width: int, height: int) -> tuple[float, float, float, float]:
        """West, south, east, north of what a map of this size shows."""
        east = self.west + (width - MAP_PAD) / (self.scale * self.squeeze)
        south = self.north - (height - MAP_PAD) / self.scale
        return (
            self.west - MAP_PAD / (self.scale * self.squeeze),
            south,
            east,
            self.north + MAP_PAD / self.scale,
        )


def map_svg(places: Sequence[PlaceView]) -> str:
    """The places with coordinates, sized by their events, over the borders of the countries
    around them and a grid of degrees."""
    located = [p for p in places if p.lat is not None and p.long is not None]
    if not located:
        return "<p>No place has coordinates.</p>"
    projection, width, height = _projection(located)
    located = sorted(located, key=lambda p: (-len(p.events), p.label))
    spots = [projection.xy(p.lat, p.long) for p in located]
    radii = [_radius(p) for p in located]
    # labels avoid every mark and every label placed before them
    taken = [(x - r, y - r, x + r, y + r) for (x, y), r in zip(spots, radii, strict=True)]
    parts = [_borders(projection, width, height), _graticule(projection, located, width, height)]
    parts += [
        _place_mark(place, spot, radius, taken)
        for place, spot, radius in zip(located, spots, radii, strict=True)
    ]
    return (
        f"<svg id='map' role='img' aria-label='map of places' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}'><rect width='100%' height='100%' fill='#eef3f7'/>"
        + "".join(parts)
        + "</svg>"
    )


def _radius(place: PlaceView) -> float:
    return 3 + 2.5 * math.sqrt(len(place.events))


def _projection(located: Sequence[PlaceView]) -> tuple[Projection, int, int]:
    lats = [p.lat for p in located]
    longs = [p.long for p in located]
    squeeze = math.cos(math.radians((max(lats) + min(lats)) / 2))
    span_x = max((max(longs) - min(longs)) * squeeze, 0.05)
    span_y = max(max(lats) - min(lats), 0.05)
    scale = min((MAP_WIDTH - 2 * MAP_PAD) / span_x, (MAP_HEIGHT - 2 * MAP_PAD) / span_y)
    width = math.ceil(span_x * scale + 2 * MAP_PAD + MAP_LABEL_ROOM)
    height = math.ceil(span_y * scale + 2 * MAP_PAD)
    return Projection(min(longs), max(lats), scale, squeeze), width, height


def _borders(projection: Projection, width: int, height: int) -> str:
    """The countries the map shows part of, as filled outlines (the SVG clips the rest)."""
    west, south, east, north = projection.extent(width, height)
    paths = []
    for outline in country_outlines():
        left, bottom, right, top = outline.bounds()
        if left > east or right < west or bottom > north or top < south:
            continue
        rings = " ".join(
            "M"
            + " L".join("{:.1f},{:.1f}".format(*projection.xy(lat, long)) for long, lat in ring)
            + " Z"
            for ring in outline.rings
        )
        paths.append(f"<path d='{rings}'><title>{escape(outline.name)}</title></path>")
    return f"<g class='borders'>{''.join(paths)}</g>"


def _graticule(
    projection: Projection, located: Sequence[PlaceView], width: int, height: int
) -> str:
    lats = [p.lat for p in located]
    longs = [p.long for p in located]
    span = max(max(lats) - min(lats), max(longs) - min(longs))
    step = next((s for s in (0.1, 0.2, 0.5, 1, 2, 5, 10) if span / s <= 8), 20)
    lines = []
    for value in _steps(min(lats) - step, max(lats) + step, step):
        _, y = projection.xy(value, projection.west)
        if 0 < y < height:
            lines.append(f"<line x1='0' x2='{width}' y1='{y:.1f}' y2='{y:.1f}'/>")
            lines.append(f"<text x='2' y='{y - 2:.1f}'>{value:g}°N</text>")
    for value in _steps(min(longs) - step, max(longs) + step, step):
        x, _ = projection.xy(projection.north, value)
        if 0 < x < width:
            lines.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1='0' y2='{height}'/>")
            lines.append(f"<text x='{x + 2:.1f}' y='{height - 4}'>{value:g}°E</text>")
    return f"<g class='grid'>{''.join(lines)}</g>"


def _steps(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step)
    return [round(i * step, 6) for i in range(first, math.floor(high / step) + 1)]


def _place_mark(place: PlaceView, spot: tuple[float, float], radius: float, taken: list) -> str:
    """A dot for a town; a dashed ring for an area, drawn at its representative point."""
    x, y = spot
    own = (x - radius, y - radius, x + radius, y + radius)
    label_x, label_y = _label_spot(place.label, x, y, radius, [b for b in taken if b != own])
    taken.append(_label_box(place.label, label_x, label_y))
    classes = "place-mark" + ("" if place.events else " quiet") + (" area" if place.area else "")
    kind = " (an area; the ring marks its representative point)" if place.area else ""
    tip = f"{place.label}{kind}: {len(place.events)} event(s)"
    return (
        f"<a class='{classes}' href='#{_place_anchor(place)}'><title>{escape(tip)}</title>"
        f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{radius:.1f}'/>"
        f"<text x='{label_x:.1f}' y='{label_y:.1f}'>{escape(place.label)}</text></a>"
    )


def _label_box(label: str, x: float, y: float) -> tuple[float, float, float, float]:
    return x, y - 11.0, x + 6.2 * len(label), y


def _label_spot(label: str, x: float, y: float, radius: float, taken: list) -> tuple[float, float]:
    """Right of the mark, else left, above or below: the first spot nothing else covers."""
    width = _label_box(label, 0, 0)[2]
    spots = [
        spot
        for dy in (0, -13, 13, -26, 26, -39, 39)
        for spot in ((x + radius + 2, y + 4 + dy), (x - radius - 2 - width, y + 4 + dy))
    ]
    free = (s for s in spots if not any(_overlaps(_label_box(label, *s), b) for b in taken))
    return next(free, spots[0])


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_anchor(place: PlaceView) -> str:
    return "pl-" + place.iri.rsplit("/", 1)[-1]


def _place_list(report: Report) -> str:
    by_iri = {event.iri: event for event in report.events}
    items = []
    for place in sorted(report.places, key=lambda p: p.label.casefold()):
        links = ", ".join(_link(f"#{by_iri[e].anchor}", by_iri[e].date) for e in place.events)
        where = "" if place.lat is not None else " <span class='where'>(no coordinates)</span>"
        items.append(
            f"<li id='{_place_anchor(place)}'>{escape(place.label)}{where}: "
            f"{len(place.events)} event(s){': ' + links if links else ''}</li>"
        )
    return f"<details><summary>Places and their events</summary><ul>{''.join(items)}</ul></details>"


# ----------------------------------------------------------------------------- order of battle


def _order_of_battle(conflict: ConflictView) -> str:
    sides = "".join(_side(side) for side in conflict.sides)
    return f"<h3>{escape(conflict.label)}</h3><div class='tree'>{sides}</div>"


def _side(side: SideView) -> str:
    factions = "".join(
        f"<li>faction {number}<ul>{''.join(_unit(u) for u in units)}</ul></li>"
        for number, units in enumerate(side.factions, 1)
    )
    if side.other_units:
        factions += f"<li>other units<ul>{''.join(_unit(u) for u in side.other_units)}</ul></li>"
    commanders = (
        "".join(
            "<li>"
            + escape(" ".join(filter(None, (c.rank, c.name))))
            + (f" ({escape(c.unit)})" if c.unit else "")
            + (f" — {escape(c.fate)}" if c.fate else "")
            + "</li>"
            for c in side.commanders
        )
        or "<li>unknown</li>"
    )
    figures = "".join(
        f"<li>{name}: {escape('; '.join(values))}</li>"
        for name, values in (("strength", side.strength), ("losses", side.losses))
        if values
    )
    return (
        f"<details open class='side'><summary>Side {side.number}</summary><ul>{factions}"
        f"<li>commanders<ul>{commanders}</ul></li>{figures}</ul></details>"
    )


def _unit(unit: UnitView) -> str:
    below = f"<ul>{''.join(_unit(child) for child in unit.children)}</ul>" if unit.children else ""
    return f"<li>{escape(unit.label)}{below}</li>"


# ----------------------------------------------------------------------------- events table


def _events_table(events: Sequence[EventView]) -> str:
    rows = "".join(_event_row(event) for event in events)
    return (
        "<input id='filter' type='search' placeholder='filter events…' aria-label='filter events'>"
        "<table id='events'><thead><tr><th>date</th><th>event</th><th>place</th><th>killed</th>"
        f"<th>source text</th><th>reported by</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _event_row(event: EventView) -> str:
    killed = "<br>".join(
        f"{'≥' if k.at_least else ''}{k.count} {escape(k.actor_type)}" for k in event.killed
    )
    return (
        f"<tr id='{event.anchor}'><td>{escape(event.date)}</td>"
        f"<td>{escape(event.label)}<br><span class='where'>{escape(event.type_label)}</span></td>"
        f"<td>{escape(', '.join(event.places))}</td><td>{killed}</td>"
        f"<td>{''.join(_sentence(s) for s in event.sentences)}</td>"
        f"<td>{escape(', '.join(event.reported_by))}</td></tr>"
    )


def _sentence(span) -> str:
    where = f"characters {span.begin}–{span.end}"
    if span.article:
        where = f"{where} of {_link(span.article, 'the article')}"
    return f"<blockquote>{escape(span.text)}<br><span class='where'>{where}</span></blockquote>"


def _attribution(conflicts: Sequence[ConflictView]) -> str:
    sources = "; ".join(
        _link(c.article, c.label)
        + (f", licensed {_link(c.license, c.license)}" if c.license else "")
        for c in conflicts
        if c.article
    )
    return (
        "<p class='where'>Quoted text is from the Wikipedia article(s) "
        f"{sources or '(no source recorded)'}, by Wikipedia contributors; this page is derived "
        "from it under the same licence. Made with aleppo-kg.</p>"
    )
