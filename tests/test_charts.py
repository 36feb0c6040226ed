"""Issue 21, item 1: the pictures (generator/charts.py) carry the corpus's counts, link to the
right pages, escape hostile names, and come out byte-identical for the same corpus.

Each test builds the indexes of a small synthetic corpus of Article records and reads the
picture back with xml.etree, as the markup it is.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest

from generator import charts
from generator.index import build_indexes
from generator.model import ActorMention, Article, TopicHit
from generator.render import Renderer

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '</text></svg><script>alert(1)</script> & "Ivan" <b>'


def article(n: int, date: str | None, primary: list[str] = (), mentioned: list[str] = (),
            actors: list[tuple[str, str]] = ()) -> Article:
    return Article(
        source=f"a{n:03}.txt", digest=f"d{n}", title=f"Article {n}", title_source="first line",
        date=date, date_source="date line" if date else None, outlet="Outlet", outlet_source="text",
        author=None, url=None, language="en", summary=None, blocks=[], dropped=[], word_count=100,
        reading_minutes=1,
        actors=[ActorMention(actor_id, name, 1, auto=True) for actor_id, name in actors],
        topics={"primary": [TopicHit(t, 5.0, []) for t in primary], "mentioned": [TopicHit(t, 1.0, []) for t in mentioned]},
    )


MATTIS, PUTIN, SHOIGU, IVAN = ("m", "Mattis"), ("p", "Putin"), ("s", "Shoigu"), ("ivan", HOSTILE)

# Months: 2020-01 three on dialogue and one on crimea; 2020-02 none; 2020-03 two on spending
# and one without a primary topic; 2020-06 one on dialogue. Two undated.
CORPUS = [
    article(1, "2020-01-03", ["dialogue"], actors=[MATTIS, PUTIN]),
    article(2, "2020-01-10", ["dialogue", "crimea"], actors=[MATTIS, PUTIN, SHOIGU]),
    article(3, "2020-01-20", ["dialogue"], actors=[MATTIS]),
    article(4, "2020-01-28", ["crimea"], ["dialogue"], actors=[PUTIN, IVAN]),
    article(5, "2020-03-02", ["nato-spending"], actors=[MATTIS, PUTIN]),
    article(6, "2020-03-15", ["nato-spending"], ["crimea"], actors=[SHOIGU]),
    article(7, "2020-03-31", [], ["dialogue"], actors=[IVAN, MATTIS]),
    article(8, "2020-06-05", ["dialogue"], actors=[MATTIS]),
    article(9, None, ["dialogue"], actors=[MATTIS]),
    article(10, None, [], actors=[PUTIN]),
]
LINKS = charts.Links(month=lambda month: f"dates/{month}/", actor=lambda actor_id: f"actors/{actor_id}/")


@pytest.fixture
def ix(taxonomy):
    return build_indexes(list(CORPUS), taxonomy)


def figure(markup) -> ET.Element:
    """The picture's markup parsed as XML: it must be well formed, whatever the names."""
    return ET.fromstring(str(markup).strip())


def bars(fig: ET.Element) -> list[tuple[str, str | None, list[int], list[float]]]:
    """(tooltip, link, counts, heights) of every bar, left to right."""
    svg = fig.find(f"{SVG}svg")
    found = []
    for link in svg.iter(f"{SVG}a"):
        group = link.find(f"{SVG}g")
        rects = group.findall(f"{SVG}rect")
        found.append((group.find(f"{SVG}title").text, link.get("href"),
                      [int(r.get("data-count")) for r in rects], [float(r.get("height")) for r in rects]))
    return found


def table(fig: ET.Element) -> list[list[str]]:
    return [["".join(td.itertext()) for td in tr] for tr in fig.iter("tr")][1:]


def test_timeline_bars_carry_the_monthly_counts_by_topic(ix):
    fig = figure(charts.timeline(ix, LINKS))
    found = bars(fig)
    assert [(title.split(":")[0], link, sum(counts)) for title, link, counts, _ in found] == [
        ("January 2020", "dates/2020-01/", 4), ("March 2020", "dates/2020-03/", 3), ("June 2020", "dates/2020-06/", 1)]
    # Each article counts once, under its strongest primary topic; heights are proportional to counts.
    assert found[0][0] == "January 2020: 4 articles. US/NATO–Russia dialogue 3, Crimea 1"
    assert found[1][0] == "March 2020: 3 articles. NATO defense spending 2, No primary topic 1"
    heights_per_article = {round(h / c, 6) for _, _, counts, heights in found for c, h in zip(counts, heights)}
    assert len(heights_per_article) == 1
    # Every month from the oldest to the newest has a slot (February, April, May: empty).
    ticks = [t.text for t in fig.iter(f"{SVG}text") if t.get("y") == str(charts.HEIGHT - 6)]
    assert ticks == ["Jan 2020", "Feb 2020", "Mar 2020", "Apr 2020", "May 2020", "Jun 2020"]
    assert table(fig) == [["January 2020", "4", "US/NATO–Russia dialogue 3, Crimea 1"],
                          ["March 2020", "3", "NATO defense spending 2, No primary topic 1"],
                          ["June 2020", "1", "US/NATO–Russia dialogue 1"]]
    legend = ["".join(li.itertext()) for li in fig.iter("li")]
    assert legend == ["US/NATO–Russia dialogue", "NATO defense spending", "Crimea", "No primary topic"]


def test_timeline_has_a_text_alternative(ix):
    svg = figure(charts.timeline(ix, LINKS)).find(f"{SVG}svg")
    assert svg.get("role") == "img" and svg.get("aria-label") == svg.find(f"{SVG}title").text
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-describedby") == desc.get("id")
    assert "8 dated articles from January 2020 to June 2020; 2 undated articles not shown." in desc.text
    assert svg.get("viewBox") and not svg.get("width") and not svg.get("height")  # sized by the page


def test_a_short_span_is_counted_by_week(taxonomy):
    corpus = [article(1, "2021-05-03", ["dialogue"]), article(2, "2021-05-09", ["dialogue"]),
              article(3, "2021-05-31", ["crimea"]), article(4, "2021-06-02", ["crimea"])]
    found = bars(figure(charts.timeline(build_indexes(corpus, taxonomy), LINKS)))
    # The week of 31 May holds a May and a June article: its bar leads to June, its newest.
    assert [(title.split(":")[0], link, sum(counts)) for title, link, counts, _ in found] == [
        ("Week of 3 May 2021", "dates/2021-05/", 2), ("Week of 31 May 2021", "dates/2021-06/", 2)]


def test_centuries_apart_are_counted_by_year(taxonomy):
    corpus = [article(1, "1999-05-03", ["dialogue"]), article(2, "9999-12-31", ["crimea"])]  # front matter allows both
    found = bars(figure(charts.timeline(build_indexes(corpus, taxonomy), LINKS)))
    assert [(title.split(":")[0], link) for title, link, _, _ in found] == [("1999", "dates/1999-05/"),
                                                                            ("9999", "dates/9999-12/")]


def test_topic_and_actor_trends_count_their_own_articles(ix):
    dialogue = next(t for t in ix.topics if t.entry.id == "dialogue")
    found = bars(figure(charts.topic_trend(dialogue, LINKS)))
    assert [(title, counts) for title, _, counts, _ in found] == [
        ("January 2020: 4 articles. Primary 3, Mentioned 1", [3, 1]), ("March 2020: 1 article. Mentioned 1", [1]),
        ("June 2020: 1 article. Primary 1", [1])]
    mattis = next(a for a in ix.actors if a.id == "m")
    fig = figure(charts.actor_trend(mattis, LINKS))
    assert [(title, counts) for title, _, counts, _ in bars(fig)] == [
        ("January 2020: 3 articles", [3]), ("March 2020: 2 articles", [2]), ("June 2020: 1 article", [1])]
    assert "1 undated article not shown" in fig.find(f"{SVG}svg/{SVG}desc").text
    assert table(fig) == [["January 2020", "3"], ["March 2020", "2"], ["June 2020", "1"]]


def test_no_picture_without_dated_articles(taxonomy):
    ix = build_indexes([article(1, None, ["dialogue"], actors=[MATTIS])], taxonomy)
    assert charts.timeline(ix, LINKS) == "" and charts.actor_trend(ix.actors[0], LINKS) == ""


def test_network_joins_actors_named_in_the_same_articles(ix):
    fig = figure(charts.network(ix, LINKS))
    svg = fig.find(f"{SVG}svg")
    nodes = {a.get("href"): a.find(f"{SVG}g/{SVG}title").text for a in svg.iter(f"{SVG}a")}
    assert nodes == {"actors/m/": "Mattis: 7 articles", "actors/p/": "Putin: 5 articles",
                     "actors/s/": "Shoigu: 2 articles", "actors/ivan/": f"{HOSTILE}: 2 articles"}
    edges = sorted(g.find(f"{SVG}title").text for g in svg.iter(f"{SVG}g") if g.get("class") == "briefing-edge")
    assert edges == sorted(["Mattis and Putin: 3 articles", "Mattis and Shoigu: 1 article",
                            "Putin and Shoigu: 1 article", f"Putin and {HOSTILE}: 1 article",
                            f"Mattis and {HOSTILE}: 1 article"])
    assert table(fig)[0] == ["Mattis", "Putin", "3"]
    widths = {g.find(f"{SVG}title").text: float(g.find(f"{SVG}line").get("stroke-width"))
              for g in svg.iter(f"{SVG}g") if g.get("class") == "briefing-edge"}
    assert widths["Mattis and Putin: 3 articles"] > widths["Mattis and Shoigu: 1 article"]


MARKUP = {"figure", "ul", "li", "span", "details", "summary", "table", "thead", "tbody", "tr", "th", "td", "a",
          *(SVG + tag for tag in ("svg", "title", "desc", "g", "a", "line", "circle", "rect", "text"))}


def test_hostile_names_stay_text(ix):
    for picture in (charts.network(ix, LINKS), charts.actor_trend(next(a for a in ix.actors if a.id == "ivan"), LINKS)):
        fig = figure(picture)  # well formed: the name closed no element
        assert {el.tag for el in fig.iter()} <= MARKUP  # and opened none
        assert any(HOSTILE in (el.text or "") for el in fig.iter())  # shown as written
    labels = [t.text for t in figure(charts.network(ix, LINKS)).iter(f"{SVG}text")]
    assert HOSTILE[:charts.LABEL_CHARS - 1].rstrip() + "…" in labels  # shortened in the picture only


def test_same_corpus_same_bytes(taxonomy):
    shuffled = list(CORPUS)
    random.Random(7).shuffle(shuffled)
    first, second = build_indexes(list(CORPUS), taxonomy), build_indexes(shuffled, taxonomy)
    for name, data in (("timeline", lambda ix: ix), ("network", lambda ix: ix),
                       ("actor_trend", lambda ix: ix.actors[0]), ("topic_trend", lambda ix: ix.topics[0])):
        assert charts.PICTURES[name](data(first), LINKS) == charts.PICTURES[name](data(second), LINKS), name


def test_pages_embed_their_pictures_with_links_relative_to_the_page(ix):
    renderer = Renderer("Site", {}, directory_urls=True)
    pages = {path: render() for path, _, render in renderer.site(ix)}
    for path in ("index.md", "dates/index.md", "topics/dialogue.md", "actors/m.md"):
        assert pages[path].count('<figure class="briefing-chart briefing-chart--bars" data-search-exclude="">') == 1, path
    assert '<figure class="briefing-chart briefing-chart--network" data-search-exclude="">' in pages["actors/index.md"]
    assert 'href="dates/2020-01/"' in pages["index.md"]
    assert 'href="../../dates/2020-01/"' in pages["actors/m.md"]  # actors/m/ -> dates/2020-01/
    assert 'href="m/"' in pages["actors/index.md"]  # actors/ -> actors/m/
    # The picture is an HTML block of its own: blank lines around it, none inside.
    block = re.search(r"\n\n(<figure.*?</figure>)\n\n", pages["actors/m.md"], re.S)
    assert block and "\n" not in block[1]
