"""An actor page's quotations: each once, with the articles that carry it, the first ten named."""

from __future__ import annotations

import re

from generator.index import assign_paths, build_indexes
from generator.model import ActorMention, Article, Quote
from generator.render import Renderer

WORDS = "We will keep the channel open whatever happens at sea"


def carrying(n: int, text: str = WORDS) -> Article:
    article = Article(
        source=f"w{n:03}.txt", digest=f"d{n}", title=f"Wire copy {n}", title_source="first line",
        date=f"2021-03-{n + 1:02}", date_source="date line", outlet=f"Outlet {n}", outlet_source="text",
        author=None, url=None, language="en", summary=None, blocks=[], dropped=[], word_count=100,
        reading_minutes=1, actors=[ActorMention("vera-okafor", "Vera Okafor", 1, auto=True)],
        topics={"primary": [], "mentioned": []},
    )
    article.quotes = [Quote("Vera Okafor", "vera-okafor", text, f"“{text},” Vera Okafor said.")]
    return article


def actor_page(articles: list[Article], taxonomy) -> str:
    assign_paths(articles)
    pages = {path: render() for path, _, render in Renderer("Site", {}, directory_urls=True).site(
        build_indexes(articles, taxonomy))}
    return pages["actors/vera-okafor.md"]


def quoted_in(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("> — quoted in")]


def test_a_quotation_in_many_articles_names_ten_and_counts_the_rest(taxonomy):
    [line] = quoted_in(actor_page([carrying(n) for n in range(14)], taxonomy))
    assert len(re.findall(r"\]\([^)]+\.md\)", line)) == 10
    assert line.endswith("; and 4 other articles")


def test_a_quotation_in_a_few_articles_names_them_all(taxonomy):
    [line] = quoted_in(actor_page([carrying(n) for n in range(3)], taxonomy))
    assert len(re.findall(r"\]\([^)]+\.md\)", line)) == 3
    assert "other article" not in line
