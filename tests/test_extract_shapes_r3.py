"""Issue 17, round 3: shapes of copied pages the headline, date, author and outlet rules read.

Every page is invented here (a riverside town and its footbridge); the shapes are those copied
pages have (share bars, teaser lists, kickers, split bylines, signatures under the text, result
tables), not text taken from any site.
"""

from __future__ import annotations

import pytest

from conftest import page_lines, write_article
from generator import article_block, bylines, dates
from test_article_block import BODY as ARTICLE_BODY, HEADLINE  # the same invented article

BODY = ARTICLE_BODY[:3]
MENU = ["Home", "News", "Local", "Sport", "Weather", "Business", "Culture"]
SHARE_BAR = ["Send to a friend on Facebook", "Send to a friend on Twitter", "Send to a friend by mail",
             "Share", "Facebook", "Twitter", "Pinterest", "WhatsApp", "LinkedIn", "Reddit",
             "Copy the address", "Each of these opens a site of its own", "Close sharing"]
TEASERS = ["Harbour master warns of winter storms along the whole coast",
           "School choir wins the regional singing contest for a third year",
           "New bakery opens on the high street with a queue round the block",
           "Council approves the budget for road repairs in the old town",
           "Lifeboat crew rescues two kayakers caught by the evening tide"]


@pytest.fixture
def extracted(extractor, tmp_path):
    def run(*parts: str | list[str]):
        return extractor.process(write_article(tmp_path, "page.txt", page_lines(*parts)))
    return run


def verdict(article, line: str) -> str:
    return next(t.verdict for t in article.trace if t.line == line)


# Headline

def test_headline_and_date_above_a_long_share_bar(extracted):
    article = extracted(MENU, HEADLINE, "5 March 2021", SHARE_BAR, BODY)
    assert article.title == HEADLINE
    assert article.date == "2021-03-05"


def test_short_headline_above_its_byline_beats_a_list_of_teasers(cleaned):
    """Long teaser headlines in a row, two labels, then a short headline over its byline."""
    teasers = [f"{teaser} as the town counts the cost of a long and wet winter" for teaser in TEASERS + ["Library extends opening hours"]]
    article = cleaned(MENU, teasers, "More stories", "Earlier stories", "The Bridge Question",
                      "By Alma Reyes", "March 5, 2021", BODY)
    assert article.title == "The Bridge Question"


def test_a_month_name_without_a_day_is_no_date_stamp():
    assert not article_block.stamped("Choir Set 40th Season of Concerts in the Park")
    assert article_block.stamped("Posted Mar 5, 9:41 AM")


def test_video_durations_are_no_header_stamps(cleaned):
    videos = ["Mayor explains the plans for the footbridge in a short clip", "3:12",
              "Engineers test the new bridge deck with heavy lorries", "1:48"]
    article = cleaned(MENU, videos, HEADLINE, BODY)  # no byline or date: a duration must not stand in for one
    assert article.title == HEADLINE


def test_teasers_with_comment_counts_are_related_links(cleaned):
    counted = [f"{teaser} ({n})" for teaser, n in zip(TEASERS, (130, 98, 41, 12, 7))]
    article = cleaned(MENU, counted, HEADLINE, "Posted by Alma Reyes on March 5, 2021, 7:05 AM", BODY)
    assert article.title == HEADLINE
    assert all(verdict(article, line) == "dropped: related" for line in counted)


def test_photo_credit_shapes(taxonomy):
    rule = taxonomy.furniture.rule_for
    assert rule("Jane Roe | Example Images") == "photo-credit"
    assert rule("Jane Roe / Flickr") == "photo-credit"
    assert rule("Spring pack 3 / October edition") is None  # a headline with a slash


def test_a_lone_by_joins_the_name_below(extracted):
    article = extracted(MENU, HEADLINE, "By", "Alma Reyes", "March 5, 2021", BODY)
    assert article.author == "Alma Reyes"


def test_a_deck_of_two_sentences_under_the_headline_and_a_label(cleaned):
    deck = "The crossing came years late. It is up to the council to finish the lighting"
    article = cleaned(MENU, HEADLINE, "Editorial", deck, "Tue 9 Mar 2021 17.20 GMT", BODY)
    assert article.title == HEADLINE


def test_headline_printed_below_its_byline(cleaned):
    headline = "Footbridge opens - a new link for the market"
    article = cleaned("Back to the list", "By Alma Reyes, March 5, 2021", headline, BODY)
    assert article.title == headline
    assert "right below the byline or date" in verdict(article, headline)


def test_a_page_without_sentences_takes_the_headline_over_its_table(cleaned):
    rows = [f"{crew} {a} {b} {c}" for crew, a, b, c in
            (("Blue Fleet", 3, 2, 1), ("Red Fleet", 2, 2, 0), ("Green Fleet", 1, 0, 4), ("Gold Fleet", 0, 1, 2))]
    headline = "Harbour Regatta Results: Blue Fleet wins again"
    article = cleaned("Welcome to our regional network", "Find out more", headline,
                      "Published 3:40 AM Mar 6, 2021", "RESULTS", rows)
    assert article.title == headline


def test_a_rubric_glued_to_the_headline_is_left_out(cleaned):
    article = cleaned(MENU, f"Analysis: {HEADLINE}", "By Alma Reyes", BODY)
    assert article.title == HEADLINE
    assert "rubric 'Analysis' left out" in verdict(article, f"Analysis: {HEADLINE}")


def test_a_rubric_alone_on_its_line_is_furniture(taxonomy):
    assert taxonomy.furniture.rule_for("Analysis") == "kicker"
    assert taxonomy.furniture.rule_for("Analysis of the budget") is None


# Dates and bylines

def test_date_in_the_byline_when_prompts_above_read_as_prose(extracted):
    prompts = ["We use cookies to improve your experience on our site and to show you relevant advertising.",
               "Sign up for our newsletter to get the best of the local news every morning in your inbox."]
    article = extracted(prompts, MENU * 4, HEADLINE, "Posted by Alma Reyes on March 5, 2021, 7:05 AM", BODY)
    assert article.date == "2021-03-05"
    assert article.author == "Alma Reyes"


def test_signature_under_the_text(extracted):
    long_text = BODY + [f"On the {day} day, {paragraph[0].lower()}{paragraph[1:]}" for day in ("second", "third")
                        for paragraph in BODY]
    article = extracted(MENU, HEADLINE, long_text, "Written by Alma Reyes, MS, on March 5, 2021",
                        TEASERS, "Written by Bo Li, PhD")
    assert article.author == "Alma Reyes"
    assert article.date == "2021-03-05"


def test_short_and_long_month_copied_together():
    assert dates.stated_dates("Mar.March 5, 2021 12:02 PM")[0].date.isoformat() == "2021-03-05"


@pytest.mark.parametrize("stamp", ["- Mar. 5th 2021 9:10 am PT", "Tuesday 4:15PM"])
def test_a_bare_name_between_headline_and_date_or_time(extracted, stamp):
    article = extracted(MENU, HEADLINE, "Alma Reyes", stamp, BODY)
    assert article.author == "Alma Reyes"


def test_a_job_title_alone_names_no_one():
    byline = bylines.parse("Contributing Reporter", bare=True)
    assert byline is None or not byline.persons


def test_a_one_word_byline_that_is_the_copyright_holder_is_the_site(extracted):
    article = extracted(MENU, HEADLINE, "March 5, 2021 | BY: Brightpath", BODY,
                        "© 2021 Brightpath, LLC. All rights reserved. Brightpath is the owner of its trademarks.")
    assert article.author is None


@pytest.mark.parametrize("line, persons", [
    ("By Ann Roe , Bo Li on Monday, March 5, 2021 at 11:08 a.m.", ("Ann Roe", "Bo Li")),
    ("By Ann Roe, Bo Li and Cy Dee", ("Ann Roe", "Bo Li", "Cy Dee")),
])
def test_byline_lists(line, persons):
    assert bylines.parse(line).persons == persons


# Outlet

def test_outlet_from_the_domain_in_the_copyright_line(extracted):
    article = extracted(MENU, HEADLINE, "By Alma Reyes", BODY,
                        "Copyright © 2002-2021 - Built by Example Studio - riversidegazette.com")
    assert article.outlet == "riversidegazette.com"
    assert article.outlet_source == "domain printed in the page"


# Saved pages

def test_an_h1_that_is_the_sites_name_is_its_logo_not_the_headline():
    from generator.read_html import read_page
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in BODY)
    html = (f"<html lang='en'><head><title>{HEADLINE} | The Riverside Gazette Online</title>"
            f"<meta property='og:title' content='{HEADLINE} | The Riverside Gazette Online'>"
            "<meta property='og:site_name' content='The Riverside Gazette Online'></head><body>"
            f"<header><h1>The Riverside Gazette Online</h1></header><article>{paragraphs}</article></body></html>")
    _, meta = read_page(html.encode())
    assert meta.title == HEADLINE


@pytest.mark.parametrize("host, author", [("brightpathgames.org", "Brightpath"), ("brightpath.org", None)])
def test_a_one_word_byline_is_the_site_only_when_it_is_the_sites_name(extractor, tmp_path, host, author):
    text = f"---\nurl: https://{host}/footbridge-opens/\n---\n" + page_lines(HEADLINE, "Posted by Brightpath", "March 5, 2021", BODY)
    assert extractor.process(write_article(tmp_path, "page.txt", text)).author == author
