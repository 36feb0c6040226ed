"""Pictures: counts from the indexes -> static SVG markup, inline in the page.

    timeline(ix)        articles per week, month or year, stacked by primary topic (home, timeline)
    topic_trend(topic)  one topic's articles over time, primary and mentioned (topic page)
    actor_trend(actor)  one actor's articles over time (actor page)
    network(ix)         who appears with whom: the most covered actors, lines by shared articles

Each picture is one <figure>: an <svg> (role="img", aria-label, <title>, <desc>), a
legend, and a <details> table of the numbers it shows. Drawn in currentColor and the
colour classes of content/stylesheets/briefing.css, so it follows Material's light and
dark schemes; sized by its viewBox, so it fits any width. Nothing is fetched when the
page is viewed: no script, no font, no file. ElementTree writes the markup, so every
name (actor and topic names come from article text) is escaped. The output depends
only on the counts: the same corpus gives the same bytes. docs/pictures.md says why
the SVG is written here rather than by a plotting library.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from markupsafe import Markup

from generator.index import ActorIndex, Indexes, TopicIndex

WEEKLY_SPAN_DAYS = 92  # a corpus spanning at most about a quarter is counted by week
MAX_MONTHS = 240  # beyond twenty years of months, bars would be hairlines: counted by year
MAX_TICKS = 6  # period labels under the bars
TOPIC_SERIES = 6  # topics stacked in the timeline; the rest are "Other topics"
NETWORK_ACTORS = 20  # actors in the network
LABEL_CHARS = 22  # a longer name is shortened in the picture (in full in its tooltip and table)

# Bar charts: user units of the viewBox.
WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 34
# Network.
NET_WIDTH, NET_HEIGHT, RING = 720, 500, 200


@dataclass(frozen=True)
class Links:
    """URLs, relative to the page showing the picture, of the pages it links to."""

    month: Callable[[str], str]  # "YYYY-MM" -> the month page
    actor: Callable[[str], str]  # actor id -> the actor page


@dataclass(frozen=True)
class Series:
    name: str
    css: str  # colour class suffix: briefing-series-CSS in briefing.css


@dataclass(frozen=True)
class Period:
    label: str  # "March 2018", "Week of 5 March 2018", "2018"
    tick: str  # the shorter label under the axis
    counts: tuple[int, ...]  # articles per series
    month: str | None  # "YYYY-MM" of the period's newest article: the page its bar links to

    @property
    def total(self) -> int:
        return sum(self.counts)


# --- counting -----------------------------------------------------------------------------


def periods(dated: list[tuple[str, int]], series: int) -> list[Period]:
    """(ISO date, series index) pairs -> every period from the oldest to the newest, empty
    ones included (a gap in coverage shows as one): weeks for a short span, else months,
    or years when months would be too many."""
    days = [dt.date.fromisoformat(date) for date, _ in dated]
    oldest, newest = min(days), max(days)
    months = (newest.year - oldest.year) * 12 + newest.month - oldest.month + 1
    if (newest - oldest).days <= WEEKLY_SPAN_DAYS:
        key, step, label, tick = _week, lambda d: d + dt.timedelta(days=7), _week_label, lambda d: f"{d.day} {d:%b}"
    elif months <= MAX_MONTHS:
        key, step, label, tick = _month, _next_month, lambda d: f"{d:%B %Y}", lambda d: f"{d:%b %Y}"
    else:
        key, step, label, tick = _year, lambda d: d.replace(year=d.year + 1), lambda d: str(d.year), lambda d: str(d.year)
    counts: dict[dt.date, list[int]] = {}
    newest_in: dict[dt.date, str] = {}
    for day, (date, index) in zip(days, dated):
        start = key(day)
        counts.setdefault(start, [0] * series)[index] += 1
        newest_in[start] = max(newest_in.get(start, ""), date[:7])
    result, start, last = [], key(oldest), key(newest)
    while True:  # not `start <= last`: the period after one in year 9999 cannot be made
        result.append(Period(label(start), tick(start), tuple(counts.get(start, [0] * series)), newest_in.get(start)))
        if start == last:
            return result
        start = step(start)


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())  # its Monday


def _week_label(monday: dt.date) -> str:
    return f"Week of {monday.day} {monday:%B %Y}"


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(first: dt.date) -> dt.date:
    return first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)


def _year(day: dt.date) -> dt.date:
    return day.replace(month=1, day=1)


def _count(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else word + 's'}"


# --- the pictures -------------------------------------------------------------------------


def timeline(ix: Indexes, links: Links) -> Markup:
    """Every dated article, counted by its strongest primary topic."""
    names = {t.entry.id: t.entry.name for t in ix.topics}
    firsts = [(a.date, a.topics["primary"][0].id if a.topics.get("primary") else None) for a in ix.articles if a.date]
    ranked = Counter(topic for _, topic in firsts if topic)
    shown = [topic for topic, _ in sorted(ranked.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))]
    shown, other = shown[:TOPIC_SERIES], shown[TOPIC_SERIES:]
    series = [Series(names.get(topic, topic), str(i)) for i, topic in enumerate(shown)]
    if other:
        series.append(Series("Other topics", "other"))
    index = {topic: i for i, topic in enumerate(shown)}
    index.update({topic: len(shown) for topic in other})
    if any(topic is None for _, topic in firsts):
        index[None] = len(series)
        series.append(Series("No primary topic", "none"))
    dated = [(date, index[topic]) for date, topic in firsts]
    return _bars("briefing-timeline", "Articles over time, by topic",
                 "Each bar counts the articles published in one period, coloured by each article's strongest "
                 "primary topic.", dated, series, len(ix.undated), links, "By topic")


def topic_trend(topic: TopicIndex, links: Links) -> Markup:
    levels = {"primary": 0, "mentioned": 1}
    dated = [(a.date, levels[level]) for level, a, _ in topic.listed if a.date]
    undated = sum(1 for _, a, _ in topic.listed if not a.date)
    return _bars("briefing-trend", f"Articles on {topic.entry.name} over time",
                 "Each bar counts the articles about the topic (primary) or mentioning it in passing, in one period.",
                 dated, [Series("Primary", "0"), Series("Mentioned", "1")], undated, links, "Primary or mentioned")


def actor_trend(actor: ActorIndex, links: Links) -> Markup:
    dated = [(a.date, 0) for a in actor.articles if a.date]
    return _bars("briefing-trend", f"Articles naming {actor.name} over time",
                 "Each bar counts the articles naming this person in one period.",
                 dated, [Series("Articles", "0")], len(actor.articles) - len(dated), links)


def network(ix: Indexes, links: Links) -> Markup:
    """The NETWORK_ACTORS most covered actors on a ring, most covered at the top and on
    clockwise; a line joins two who are named in the same articles, thicker the more."""
    top = ix.actors[:NETWORK_ACTORS]
    if len(top) < 2:
        return Markup("")
    place = {actor.id: i for i, actor in enumerate(top)}
    shared: Counter[tuple[int, int]] = Counter()
    for article in ix.articles:
        present = sorted({place[m.id] for m in article.actors if m.id in place})
        shared.update(combinations(present, 2))
    pairs = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
    title = f"Who appears with whom: the {len(top)} most covered actors"
    desc = (f"Each circle is an actor, larger the more articles name them; a line joins two actors named in the "
            f"same articles, thicker the more articles they share. {_count(len(pairs), 'pair')} of actors are "
            f"named together.")
    svg = _svg("briefing-network", title, desc, NET_WIDTH, NET_HEIGHT)
    strongest = pairs[0][1] if pairs else 1
    spots = [_ring_spot(i, len(top)) for i in range(len(top))]
    for (i, j), n in reversed(pairs):  # the strongest drawn last, on top
        edge = SubElement(svg, "g", {"class": "briefing-edge"})
        SubElement(edge, "title").text = f"{top[i].name} and {top[j].name}: {_count(n, 'article')}"
        SubElement(edge, "line", {
            "x1": _num(spots[i][0]), "y1": _num(spots[i][1]), "x2": _num(spots[j][0]), "y2": _num(spots[j][1]),
            "stroke": "currentColor", "stroke-opacity": _num(0.15 + 0.55 * n / strongest),
            "stroke-width": _num(1 + 5 * n / strongest)})
    most = len(top[0].articles)
    for actor, (x, y) in zip(top, spots):
        node = SubElement(SubElement(svg, "a", {"href": links.actor(actor.id)}), "g", {"class": "briefing-node"})
        SubElement(node, "title").text = f"{actor.name}: {_count(len(actor.articles), 'article')}"
        radius = 5 + 9 * math.sqrt(len(actor.articles) / most)
        SubElement(node, "circle", {"class": "briefing-series-0", "cx": _num(x), "cy": _num(y), "r": _num(radius),
                                    "fill": _FALLBACK["0"]})
        _ring_label(node, actor.name, x, y, radius)
    rows = [(_cell(top[i].name, links.actor(top[i].id)), _cell(top[j].name, links.actor(top[j].id)), _cell(str(n)))
            for (i, j), n in pairs]
    return _figure("briefing-chart--network", svg, [], ("Actor", "Named with", "Shared articles"), rows)


# --- drawing ------------------------------------------------------------------------------

# Fill colours for a page without the site's stylesheet; briefing.css sets both schemes' colours.
_FALLBACK = {"0": "#1f77b4", "1": "#e08a2c", "2": "#2ca02c", "3": "#c44e9a", "4": "#8c6d31", "5": "#17becf",
             "other": "#7f7f7f", "none": "#b0b0b0"}


def _bars(chart_id: str, title: str, desc: str, dated: list[tuple[str, int]], series: list[Series],
          undated: int, links: Links, breakdown: str = "") -> Markup:
    """A bar chart of `dated` by period, each bar stacked by series; nothing without a dated article."""
    if not dated:
        return Markup("")
    bars = periods(dated, len(series))
    desc += f" {_count(len(dated), 'dated article')} from {bars[0].label} to {bars[-1].label}"
    desc += f"; {_count(undated, 'undated article')} not shown." if undated else "."
    svg = _svg(chart_id, title, desc, WIDTH, HEIGHT)
    top, step = _scale(max(p.total for p in bars))
    plot_height, slot = HEIGHT - TOP - BOTTOM, (WIDTH - LEFT - RIGHT) / len(bars)
    unit = plot_height / top
    axis = SubElement(svg, "g", {"class": "briefing-axis", "fill": "currentColor", "stroke": "currentColor"})
    for value in range(0, top + 1, step):
        y = HEIGHT - BOTTOM - value * unit
        SubElement(axis, "line", {"x1": str(LEFT), "x2": str(WIDTH - RIGHT), "y1": _num(y), "y2": _num(y),
                                  "stroke-opacity": "0.15"})
        SubElement(axis, "text", {"x": str(LEFT - 6), "y": _num(y), "text-anchor": "end",
                                  "dominant-baseline": "middle", "stroke": "none"}).text = str(value)
    every = math.ceil(len(bars) / MAX_TICKS)
    for i in range(0, len(bars), every):
        x = min(max(LEFT + (i + 0.5) * slot, LEFT), WIDTH - LEFT)  # a label centred on an end bar stays inside
        SubElement(axis, "text", {"x": _num(x), "y": str(HEIGHT - 6), "text-anchor": "middle",
                                  "stroke": "none"}).text = bars[i].tick
    for i, period in enumerate(bars):
        if period.total:
            _bar(svg, period, series, LEFT + i * slot + slot * 0.1, slot * 0.8, unit, links)
    legend = [one for i, one in enumerate(series) if any(p.counts[i] for p in bars)] if len(series) > 1 else []
    rows = [(_cell(p.label, links.month(p.month) if p.month else None), _cell(str(p.total)),
             *([_cell(_breakdown(p, series))] if legend else [])) for p in bars if p.total]
    heads = ("Period", "Articles", *((breakdown,) if legend else ()))
    return _figure("briefing-chart--bars", svg, legend, heads, rows)


def _bar(svg: Element, period: Period, series: list[Series], x: float, width: float, unit: float,
         links: Links) -> None:
    """One period's stacked bar, linked to the month page of its newest article."""
    parent = SubElement(svg, "a", {"href": links.month(period.month)}) if period.month else svg
    bar = SubElement(parent, "g", {"class": "briefing-bar"})
    detail = f". {_breakdown(period, series)}" if len(series) > 1 else ""
    SubElement(bar, "title").text = f"{period.label}: {_count(period.total, 'article')}{detail}"
    y = HEIGHT - BOTTOM
    for count, one in zip(period.counts, series):
        if count:
            y -= count * unit
            SubElement(bar, "rect", {"class": f"briefing-series-{one.css}", "x": _num(x), "y": _num(y),
                                     "width": _num(width), "height": _num(count * unit), "fill": _FALLBACK[one.css],
                                     "data-count": str(count)})


def _breakdown(period: Period, series: list[Series]) -> str:
    return ", ".join(f"{one.name} {count}" for count, one in zip(period.counts, series) if count)


def _scale(largest: int) -> tuple[int, int]:
    """(axis top, gridline step): the step is 1, 2 or 5 times a power of ten, at most 4 gridlines."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if largest <= 4 * step:
                return step * math.ceil(largest / step), step
        magnitude *= 10


def _ring_spot(i: int, n: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    return NET_WIDTH / 2 + RING * math.cos(angle), NET_HEIGHT / 2 + RING * math.sin(angle)


def _ring_label(node: Element, name: str, x: float, y: float, radius: float) -> None:
    """The name outside the ring, beside its circle, reading away from the centre."""
    dx, dy = (x - NET_WIDTH / 2) / RING, (y - NET_HEIGHT / 2) / RING
    anchor = "start" if dx > 0.1 else "end" if dx < -0.1 else "middle"  # centred only at the very top and bottom
    short = name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"
    SubElement(node, "text", {"x": _num(x + dx * (radius + 6)), "y": _num(y + dy * (radius + 6)),
                              "text-anchor": anchor, "dominant-baseline": "middle", "fill": "currentColor"}).text = short


def _num(value: float) -> str:
    """A coordinate with two decimals at most: short, and the same bytes on every machine."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg(chart_id: str, title: str, desc: str, width: int, height: int) -> Element:
    svg = Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}", "role": "img",
                          "aria-label": title, "aria-describedby": f"{chart_id}-desc", "class": "briefing-chart__svg"})
    SubElement(svg, "title").text = title
    SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = desc
    return svg


Cell = tuple[str, str | None]  # text, link


def _cell(text: str, link: str | None = None) -> Cell:
    return text, link


def _figure(kind: str, svg: Element, legend: list[Series], heads: Iterable[str], rows: list[tuple[Cell, ...]]) -> Markup:
    """The picture, its legend and its numbers as one HTML block (blank lines around: Markdown
    passes it through untouched)."""
    # Out of the search index: its labels and numbers would match searches for any month or name.
    figure = Element("figure", {"class": f"briefing-chart {kind}", "data-search-exclude": ""})
    figure.append(svg)
    if legend:
        items = SubElement(figure, "ul", {"class": "briefing-chart__legend"})
        for one in legend:
            item = SubElement(items, "li")
            SubElement(item, "span", {"class": f"briefing-swatch briefing-series-{one.css}"})
            SubElement(item, "span").text = one.name
    details = SubElement(figure, "details", {"class": "briefing-chart__numbers"})
    SubElement(details, "summary").text = "The numbers in this picture"
    table = SubElement(details, "table")
    head = SubElement(SubElement(table, "thead"), "tr")
    for text in heads:
        SubElement(head, "th").text = text
    body = SubElement(table, "tbody")
    for row in rows:
        tr = SubElement(body, "tr")
        for text, link in row:
            td = SubElement(tr, "td")
            if link:
                SubElement(td, "a", {"href": link}).text = text
            else:
                td.text = text
    return Markup("\n" + tostring(figure, encoding="unicode", short_empty_elements=False) + "\n\n")


PICTURES: dict[str, Callable[[Any, Links], Markup]] = {
    "timeline": timeline, "topic_trend": topic_trend, "actor_trend": actor_trend, "network": network,
}
