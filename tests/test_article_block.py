"""Finding the article in a whole copied page: synthetic pages, one per shape.

Each page is made up here (a town opens a new footbridge); menus, prompts, labels, related
links and footers are written in the shapes copied pages have, not taken from any site.
"""

from __future__ import annotations

import pytest

from conftest import write_article
from generator import article_block
from generator.clean import clean
from generator.read import read_article

HEADLINE = "Riverside town opens its long-awaited footbridge to walkers and cyclists"
STANDFIRST = "The crossing links the old market to the station for the first time in a century"
BYLINE = "By Alma Reyes"
DATE = "March 5, 2021"
BODY = [
    "The new footbridge over the river opened on Saturday morning, and hundreds of residents "
    "walked across it before the ribbon was even cut by the mayor.",
    "The council said the crossing had been planned for more than twenty years, but money for it "
    "was only found after the old ferry stopped running in the spring of the last year.",
    "Shop owners in the market said they expected more visitors now that people coming from the "
    "station no longer have to walk the long way round by the road bridge.",
    "Work on the lighting will go on until the summer, and the path will be closed at night for "
    "a few weeks while the last lamps are fitted along the river bank.",
]
MENU = ["Home", "News", "Local", "Sport", "Weather", "Business", "Culture", "Opinion"]
COOKIES = "We use cookies to improve your experience on our site and to show you relevant advertising."
RELATED = ["Read more", "Harbour master warns of winter storms along the coast",
           "School choir wins the regional singing contest", "New bakery opens on the high street",
           "Council approves budget for road repairs"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Copyright 2021 Riverside Gazette"]


def page(*parts: str | list[str]) -> str:
    lines = [line for part in parts for line in ([part] if isinstance(part, str) else part)]
    return "\n\n".join(lines) + "\n"


@pytest.fixture
def cleaned(tmp_path, taxonomy):
    def run(text: str):
        return clean(read_article(write_article(tmp_path, "page.txt", text)), taxonomy)
    return run


def verdict(article, line: str) -> str:
    """The verdict on the last copy of this line."""
    return [t.verdict for t in article.trace if t.line == line][-1]


def test_menu_cookie_banner_related_links_and_footer_around_the_article(cleaned):
    article = cleaned(page(MENU, COOKIES, HEADLINE, BYLINE, DATE, BODY, RELATED, FOOTER))
    assert article.title == HEADLINE
    assert article.title_source == "headline above article"
    assert article.paragraphs == BODY
    assert article.bylines == ["Alma Reyes"]
    for line in ("Local", "Weather", COOKIES):  # lines no furniture phrase names: dropped for their place
        assert verdict(article, line).startswith("dropped: before-title (above the headline")
    assert all(verdict(article, line).startswith("dropped") for line in MENU)
    for line in RELATED[1:] + FOOTER:
        assert verdict(article, line).startswith("dropped: after-article (below the article text")


def test_section_label_above_the_headline_is_not_the_title(cleaned):
    article = cleaned(page(MENU, "LOCAL NEWS", HEADLINE, BYLINE, BODY))
    assert article.title == HEADLINE
    assert verdict(article, "LOCAL NEWS").startswith("dropped: before-title")


def test_headline_repeated_as_page_title(cleaned):
    """The page's own title on top, the menu, then the headline again over the text."""
    article = cleaned(page(HEADLINE, MENU, HEADLINE, BODY, FOOTER))
    assert article.title == HEADLINE
    assert article.title_source == "headline above article"
    assert "repeated in the page" in verdict(article, HEADLINE)
    assert article.paragraphs == BODY


def test_standfirst_between_headline_and_byline_is_the_summary(cleaned):
    article = cleaned(page(MENU, HEADLINE, STANDFIRST, BYLINE, DATE, BODY))
    assert article.title == HEADLINE
    assert article.summary == STANDFIRST


def test_related_teasers_with_dates_do_not_become_the_title(cleaned):
    teasers = ["School choir wins the regional singing contest", "By Staff Writer", "March 4, 2021",
               "New bakery opens on the high street", "By Staff Writer", "March 3, 2021"]
    article = cleaned(page(MENU, HEADLINE, BYLINE, DATE, BODY, teasers, FOOTER))
    assert article.title == HEADLINE
    assert article.paragraphs == BODY


def test_explain_names_the_article_block_and_each_lines_shape(cleaned):
    article = cleaned(page(MENU, HEADLINE, BYLINE, BODY, FOOTER))
    title_verdict = verdict(article, HEADLINE)
    assert "article text: lines" in title_verdict and "above a byline or date" in title_verdict
    assert verdict(article, BODY[0]).startswith("kept: paragraph (in the article; prose:")
    assert "short line" in verdict(article, "Weather")


def test_a_short_article_that_starts_with_its_headline_is_unchanged(cleaned):
    article = cleaned(page(HEADLINE, BODY[0], BODY[1]))
    assert article.title == HEADLINE
    assert article.paragraphs == BODY[:2]


def test_a_page_without_prose_keeps_the_first_line_as_title(cleaned):
    article = cleaned(page("Results", "Riverside 3 Harbour 1", "Market 0 Station 2"))
    assert article.title == "Results"
    assert article.title_source == "first line"


def test_a_guessed_or_short_title_is_a_notice_not_a_failure(extractor, tmp_path):
    text = page(MENU, "Footbridge", BODY)
    article = extractor.process(write_article(tmp_path, "a.txt", text))
    assert article.blocks
    assert any("only 1 word" in n for n in article.notices)
    assert article.warnings == []


def test_front_matter_title_wins(extractor, tmp_path):
    text = "---\ntitle: A footbridge at last\n---\n" + page(MENU, HEADLINE, BODY)
    article = extractor.process(write_article(tmp_path, "a.txt", text))
    assert (article.title, article.title_source) == ("A footbridge at last", "front matter")


def test_stop_words_follow_the_pages_language():
    german = ["Die neue Brücke über den Fluss wurde am Samstag eröffnet, und viele Menschen sind "
              "schon vor der Eröffnung über die Brücke gegangen, als der Bürgermeister noch sprach."]
    assert {"und", "der", "die"} <= article_block.stop_words(german)
    assert article_block.stop_words(["テキストだけのページです。" * 10]) == frozenset()


def test_shapes():
    stops = article_block.stop_words(BODY)
    assert article_block.shape(BODY[0], stops).kind == "prose"
    assert article_block.shape(HEADLINE, stops).kind == "short"  # no final stop: headline-shaped
    assert article_block.shape("Sport", stops).kind == "short"
    assert article_block.title_shaped(HEADLINE)
    assert not article_block.title_shaped("The path will be closed at night.")
    assert not article_block.title_shaped("Copyright © 2021 Riverside Gazette")


def test_a_short_last_sentence_stays_in_the_article(cleaned):
    article = cleaned(page(MENU, HEADLINE, BYLINE, BODY, "The mayor declined to say what it cost.", FOOTER))
    assert article.paragraphs == [*BODY, "The mayor declined to say what it cost."]


@pytest.mark.parametrize("byline", ["BY: Alma Reyes", "by Alma Reyes and Tom Ode | Staff", "Von Alma Reyes"])
def test_a_byline_in_any_of_its_shapes_is_not_the_headline(cleaned, byline):
    article = cleaned(page(MENU, HEADLINE, byline, BODY))
    assert article.title == HEADLINE
