"""Dates, bylines, outlet and wire as whole copied pages print them (issue 17, items 3-5).

Every page here is synthetic: navigation, then the article's header and text, then
furniture with dates and bylines of other articles, the way a browser's "select all,
copy" gives a news page.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import write_article
from generator import bylines, dates

D = dt.date
NAV = ["Home", "World", "Business", "Sign in", "Subscribe"]
TITLE = "Harbour authority approves new ferry terminal"
P1 = ("The harbour authority on Thursday approved plans for a new ferry terminal on the eastern quay, "
      "ending a dispute that had lasted for almost four years.")
P2 = ("Construction is expected to begin next spring and will take about eighteen months to finish, "
      "the authority said in a statement after the vote.")
P3 = "Ferry operators welcomed the decision, saying the old terminal could no longer cope with the traffic."
RELATED = ["More stories", "Council approves new budget for the old town", "By Lena Park",
           "March 3, 2015", "Tram line extension opens to passengers", "Posted on Jan. 5, 2016"]


def page(*header: str, url: str | None = None, tail: tuple[str, ...] = ()) -> str:
    front = f"---\nurl: {url}\n---\n" if url else ""
    return front + "\n".join([*NAV, TITLE, *header, P1, P2, P3, *RELATED, *tail]) + "\n"


def extract(extractor, tmp_path, text):
    return extractor.process(write_article(tmp_path, "page.txt", text))


# --- dates in their written forms -------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("16 February 2017", D(2017, 2, 16)),
    ("February 16, 2017", D(2017, 2, 16)),
    ("Feb. 16, 2017", D(2017, 2, 16)),
    ("2017-02-16", D(2017, 2, 16)),
    ("16.02.2017", D(2017, 2, 16)),
    ("16.02.2017, 23:06", D(2017, 2, 16)),
    ("Nov. 19, 2019 8:03 am ET", D(2019, 11, 19)),
    ("Posted Sep 18, 2015 11:32 AM CDT", D(2015, 9, 18)),
    ("Published 11:11 PM EST Nov 19, 2019", D(2019, 11, 19)),
    ("PUBLISHED WED, NOV 20 20194:29 AM EST", D(2019, 11, 20)),  # year glued to the time
    ("Xinhua, December 16, 2016", D(2016, 12, 16)),
    ("date 2017-02-17", D(2017, 2, 17)),
    ("By Ann Roe - 2019-11-19T12:48:14Z", D(2019, 11, 19)),
    ("11/19/2019 by Ann Roe", D(2019, 11, 19)),  # slashes, month first: 19 is no month
    ("27/09/2018", D(2018, 9, 27)),  # slashes, day first: 27 is no month
    ("By Ann Roe - 11/19/19 06:56 AM EST", D(2019, 11, 19)),
    ("Mon 18 Nov 2019 18.54 GMT", D(2019, 11, 18)),
    ("Von Anna Roth publiziert am 25. September 2018", D(2018, 9, 25)),
    ("sexta-feira, 22 de outubro de 2010 às 20:13", D(2010, 10, 22)),
    ("Posted on Maret 30, 2015 by Admin", D(2015, 3, 30)),
    ("Updated 0339 GMT (1139 HKT) November 19, 2019", D(2019, 11, 19)),
])
def test_date_line_forms(line, expected):
    assert dates.is_date_line(line)
    assert dates.parse_date_line(line) == expected


@pytest.mark.parametrize("line", [
    "2 days ago", "Monday 5:30PM", "Published 22 hours ago", "Updated Nov 19, 6:55 AM",
    "05/06/2018",  # both orders possible: refused, not guessed
    "The ferry sailed on July 18, 2018 from the eastern quay.",
    "November 2019",  # an archive month, no day
])
def test_not_a_date_line(line):
    assert not dates.is_date_line(line)
    assert dates.parse_date_line(line) is None


def test_each_date_says_what_it_is():
    stated = dates.stated_dates("Updated: Nov 20, 2019 10:00; Posted: Nov 19, 2019 8:11 pm")
    assert [(s.date, s.kind) for s in stated] == [(D(2019, 11, 20), "updated"), (D(2019, 11, 19), "published")]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/news/2018/07/12/ferry", D(2018, 7, 12)),
    ("https://example.com/world/2016-12/16/c_1234.htm", D(2016, 12, 16)),
    ("https://example.com/ferry-terminal-approved-20191115.html", D(2019, 11, 15)),
])
def test_url_date_forms(extractor, tmp_path, url, expected):
    assert dates.url_date(url) == expected
    article = extract(extractor, tmp_path, page(url=url))
    assert (article.date, article.date_source) == (expected.isoformat(), "url")


# --- which date is the article's --------------------------------------------------------------

def test_header_date_beats_dates_of_related_articles(extractor, tmp_path):
    text = page("By Maria Jones", "Posted Sep 18, 2015 11:32 AM CDT").replace("Sign in", "March 3, 2015")
    article = extract(extractor, tmp_path, text)
    assert (article.date, article.date_source) == ("2015-09-18", "date line")


def test_publication_date_beats_update_date(extractor, tmp_path):
    article = extract(extractor, tmp_path, page("Updated: 20 Nov 2019 9:38 pm", "Posted: 18 Nov 2019 8:11 pm"))
    assert (article.date, article.date_source) == ("2019-11-18", "date line")


def test_update_date_only_when_it_is_the_only_one(extractor, tmp_path):
    article = extract(extractor, tmp_path, page("Updated 1:39 am EST, Wednesday, November 20, 2019"))
    assert (article.date, article.date_source) == ("2019-11-20", "date line (updated)")


def test_relative_header_date_gives_url_date_not_a_related_one(extractor, tmp_path):
    text = page("Published 22 hours ago", url="https://example.com/2019/11/19/harbour-ferry")
    article = extract(extractor, tmp_path, text)
    assert (article.date, article.date_source) == ("2019-11-19", "url")


def test_dates_only_far_from_the_article_are_not_its_date(extractor, tmp_path):
    article = extract(extractor, tmp_path, page("Monday 5:30PM", tail=tuple(f"Teaser {i}" for i in range(30))
                                                + ("Archive", "March 3, 2012")))
    assert article.date is None


# --- bylines ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "persons"), [
    ("By Maria Jones", ("Maria Jones",)),
    ("by Maria Jones", ("Maria Jones",)),
    ("BY MARIA JONES AND PETER OKAFOR", ("MARIA JONES", "PETER OKAFOR")),
    ("Maria Jones, Staff Writer", ("Maria Jones",)),
    ("Maria Jones, Coastal Wire Auto Writer", ("Maria Jones",)),
    ("By Maria Jones | Coastal Wire", ("Maria Jones",)),
    ("By Maria Jones and Peter Okafor", ("Maria Jones", "Peter Okafor")),
    ("By Maria Jones, Peter Okafor, Lena Park", ("Maria Jones", "Peter Okafor", "Lena Park")),
    ("By Maria Jones, MS, RDN", ("Maria Jones",)),
    ("Maria Jones - Nov 19, 2019, 10:31 pm CST", ("Maria Jones",)),
    ("Maria Jones @mariajones", ("Maria Jones",)),
    ("5:45 AM PST 11/19/2019 by Maria Jones", ("Maria Jones",)),
    ("By Maria JonesHARBOURNews", ("Maria Jones",)),  # a name glued to the site's label
    ("written by Regan", ("Regan",)),
])
def test_byline_shapes(line, persons):
    assert bylines.parse(line).persons == persons


@pytest.mark.parametrize("line", ["Associated Press", "Staff Reports", "Harbour Post Staff", "admin"])
def test_desk_bylines_are_no_persons(line):
    parsed = bylines.parse(f"By {line}")
    assert parsed.persons == () and parsed.organisation == line


@pytest.mark.parametrize("line", ["By Any Means Necessary", "Stand By Me", "Rumours by the dozen",
                                  "In June, the Joint Chiefs of Staff met the press officers"])
def test_headlines_and_sentences_are_no_bylines(line):
    assert bylines.parse(line) is None


def test_byline_under_the_date_is_the_author_not_a_related_byline(extractor, tmp_path):
    article = extract(extractor, tmp_path, page("November 19, 2019", "Maria Jones, Staff Writer"))
    assert article.author == "Maria Jones"
    assert "Maria Jones" not in {a.name for a in article.actors}


def test_name_above_a_handle_is_the_byline(extractor, tmp_path):
    article = extract(extractor, tmp_path, page("Maria Jones", "@MARIAJONES", "Nov 19, 2019"))
    assert article.author == "Maria Jones"


def test_several_authors_as_printed(extractor, tmp_path):
    article = extract(extractor, tmp_path, page("By MARIA JONES, PETER OKAFOR, LENA PARK", "Nov 19, 2019"))
    assert article.author == "MARIA JONES, PETER OKAFOR, LENA PARK"


@pytest.mark.parametrize("byline", ["By Staff Reports", "By Harbour Newsroom Admin", "By HARBOUR POST STAFF"])
def test_desk_byline_leaves_author_empty(extractor, tmp_path, byline):
    article = extract(extractor, tmp_path, page(byline, "Nov 19, 2019"))
    assert article.author is None


# --- outlet and wire --------------------------------------------------------------------------

def test_wire_in_dateline_is_wire_and_domain_is_outlet(extractor, tmp_path):
    text = page("By Maria Jones, Associated Press", "Nov 19, 2019", url="https://www.harbourpost.example/news/ferry")
    text = text.replace(P1, "HAVEN, Maine (AP) -- " + P1)
    article = extract(extractor, tmp_path, text)
    assert (article.outlet, article.outlet_source) == ("harbourpost.example", "URL domain (not in outlets.yml)")
    assert (article.wire, article.wire_source) == ("Associated Press", "dateline")


def test_wire_byline_is_wire_and_page_signal_is_outlet(extractor, tmp_path):
    text = page("By Maria Jones | Reuters", "Nov 19, 2019", tail=("© 2019 Harbour Post Media, LLC. All rights reserved.",))
    article = extract(extractor, tmp_path, text)
    assert article.author == "Maria Jones"
    assert (article.wire, article.wire_source) == ("Reuters", "byline")
    assert (article.outlet, article.outlet_source) == ("Harbour Post Media", "copyright line")


def test_byline_affiliation_names_the_publisher(extractor, tmp_path):
    article = extract(extractor, tmp_path, page("By Maria Jones | Harbour Post", "Nov 19, 2019"))
    assert (article.outlet, article.outlet_source) == ("Harbour Post", "byline")
    assert article.wire is None


def test_agency_desk_byline_sets_wire_not_author(extractor, tmp_path):
    article = extract(extractor, tmp_path, page("Associated Press November 19, 2019, 9:02 AM",
                                                url="https://harbourpost.example/ferry"))
    assert article.author is None
    assert article.wire == "Associated Press"
    assert article.outlet == "harbourpost.example"


def test_wire_is_the_outlet_only_when_no_publisher_is_known(extractor, tmp_path):
    text = page("Nov 19, 2019").replace(P1, "HAVEN, Maine (AP) -- " + P1)
    article = extract(extractor, tmp_path, text)
    assert (article.outlet, article.outlet_source) == ("Associated Press", "wire (no publisher found)")


def test_wire_in_extract_json(tmp_path):
    import json
    import subprocess
    import sys
    path = write_article(tmp_path, "page.txt", page("By Maria Jones | Reuters", "Nov 19, 2019"))
    out = subprocess.run([sys.executable, "-m", "generator.cli", "extract", str(path), "--json"],
                         capture_output=True, text=True, check=True)
    record = json.loads(out.stdout)[0]
    assert (record["wire"], record["wire_source"]) == ("Reuters", "byline")


def test_wire_shown_on_article_and_outlet_pages(tmp_path):
    from generator.build import Project, build
    from sitebuild import make_project

    text = page("By Maria Jones | Reuters", "Nov 19, 2019", url="https://harbourpost.example/ferry")
    project = Project.at(make_project(tmp_path / "project", {"ferry.txt": text.encode()}, with_samples=False))
    build(project)
    pages = {p.relative_to(project.content).as_posix(): p.read_text("utf-8") for p in project.content.rglob("*.md")}
    article_page = next(text for path, text in pages.items() if path.startswith("articles/"))
    assert "Agency copy: Reuters (named with the author)" in article_page
    outlet_page = next(text for path, text in pages.items() if path.startswith("outlets/") and "index" not in path)
    assert "Agency copy printed here: Reuters (1)" in outlet_page
