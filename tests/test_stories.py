"""Stories: articles reporting one event across outlets, grouped by evidence (generator/stories.py),
and what the site shows of them: story pages, "Also covered by", the home page, actor quotes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import Project, build, collect
from generator.export import export_files
from generator.feeds import Site, feeds
from generator.index import assign_paths, build_indexes
from generator.stories import detect_stories
from sitebuild import REPO, make_project

VIENNA = [("Jim Mattis", "We will keep the military hotline open and meet again before the spring"),
          ("Sergei Shoigu", "Russia is prepared to discuss every incident over the Baltic Sea with our partners")]
GENEVA = [("Jim Mattis", "The treaty on intermediate range missiles cannot survive another violation"),
          ("Sergei Shoigu", "Moscow has kept every clause of the missile agreement for thirty years")]


def article(title: str, outlet: str, date: str | None, lead: str, quotes: list[tuple[str, str]],
            extra: str = "", story: str | None = None) -> bytes:
    """A copied page with front matter naming its outlet (and date, and story if given)."""
    fields = [f"outlet: {outlet}", *([f"date: {date}"] if date else []), *([f"story: {story}"] if story else [])]
    quoted = [f'"{text}," {speaker} told reporters.' for speaker, text in quotes]
    body = [lead, *quoted, extra or "Officials from both sides said further contacts were likely in the coming months."]
    return ("---\n" + "\n".join(fields) + "\n---\n" + f"{title}\n\n" + "\n\n".join(body) + "\n").encode()


def vienna(outlet: str, title: str, date: str | None = "2019-03-05", **kw) -> bytes:
    lead = f"Defense chiefs met in Vienna on Tuesday, {outlet} reported, and agreed on steps to avoid incidents."
    return article(title, outlet, date, lead, VIENNA, **kw)


def geneva(outlet: str, title: str, date: str = "2019-03-05", **kw) -> bytes:
    lead = "Arms control envoys clashed in Geneva over the future of the missile treaty and its inspections."
    return article(title, outlet, date, lead, GENEVA, **kw)


THREE_OUTLETS = {
    "hp.txt": vienna("Harbor Post", "Mattis and Shoigu Agree to Keep Military Hotline Open"),
    "bl.txt": vienna("Baltic Ledger", "Pentagon, Moscow Pledge to Talk After Vienna Meeting", date="2019-03-06"),
    "nw.txt": vienna("Northern Wire", "Defense Chiefs Meet in Vienna to Avoid Air Incidents"),
}


def extracted(extractor, tmp_path: Path, files: dict[str, bytes]):
    articles = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        articles.append(extractor.process(tmp_path / name, Path(name)))
    return articles


def story_sources(stories) -> list[list[str]]:
    return sorted(sorted(a.source for a in s.articles) for s in stories)


def test_one_event_across_three_outlets_is_one_story(extractor, tmp_path):
    articles = extracted(extractor, tmp_path, THREE_OUTLETS)
    stories = detect_stories(articles)
    assert story_sources(stories) == [["bl.txt", "hp.txt", "nw.txt"]]
    story = stories[0]
    assert story.date == "2019-03-05" and story.id.startswith("2019-03-05-") and story.place == "Vienna"
    assert sorted(story.outlets) == ["Baltic Ledger", "Harbor Post", "Northern Wire"]
    assert {a.story for a in articles} == {story.id}


def test_different_events_on_the_same_day_with_the_same_people_stay_apart(extractor, tmp_path):
    articles = extracted(extractor, tmp_path, {
        **THREE_OUTLETS,
        "g1.txt": geneva("Harbor Post", "Missile Treaty Talks Stall in Geneva"),
        "g2.txt": geneva("Capital Dispatch", "Envoys Trade Blame Over Missile Pact"),
    })
    assert story_sources(detect_stories(articles)) == [["bl.txt", "hp.txt", "nw.txt"], ["g1.txt", "g2.txt"]]


def test_the_same_quotes_weeks_apart_are_two_stories(extractor, tmp_path):
    articles = extracted(extractor, tmp_path, {
        "a.txt": vienna("Harbor Post", "Hotline Stays Open"),
        "b.txt": vienna("Baltic Ledger", "Hotline Stays Open, Again", date="2019-04-20"),
    })
    assert detect_stories(articles) == [] and [a.story for a in articles] == [None, None]


def test_an_undated_article_joins_by_its_quotations(extractor, tmp_path):
    articles = extracted(extractor, tmp_path, {
        **THREE_OUTLETS, "undated.txt": vienna("Capital Dispatch", "Moscow Ready to Discuss Baltic Incidents", date=None)})
    undated = next(a for a in articles if a.source == "undated.txt")
    assert undated.date is None
    [story] = detect_stories(articles)
    assert undated in story.articles and story.date == "2019-03-05"


def test_front_matter_merges_and_splits_stories(extractor, tmp_path):
    articles = extracted(extractor, tmp_path, THREE_OUTLETS)
    story_id = detect_stories(articles)[0].id
    merged = extracted(extractor, tmp_path, {
        **THREE_OUTLETS,
        "nw.txt": vienna("Northern Wire", "Defense Chiefs Meet in Vienna to Avoid Air Incidents", story="none"),
        "g1.txt": geneva("Harbor Post", "Missile Treaty Talks Stall in Geneva", story=story_id),
    })
    [story] = detect_stories(merged)
    assert story.id == story_id
    assert sorted(a.source for a in story.articles) == ["bl.txt", "g1.txt", "hp.txt"]
    assert next(a for a in merged if a.source == "nw.txt").story is None


def test_articles_given_one_new_story_id_form_that_story(extractor, tmp_path):
    articles = extracted(extractor, tmp_path, {
        "a.txt": geneva("Harbor Post", "Missile Treaty Talks Stall", story="Treaty talks"),
        "b.txt": vienna("Baltic Ledger", "Hotline Stays Open", date="2019-06-01", story="treaty-talks"),
    })
    [story] = detect_stories(articles)
    assert story.id == "treaty-talks" and len(story.articles) == 2


def test_stories_are_deterministic_and_ids_survive_an_unrelated_article(extractor, tmp_path):
    first = detect_stories(extracted(extractor, tmp_path, THREE_OUTLETS))
    again = detect_stories(list(reversed(extracted(extractor, tmp_path, THREE_OUTLETS))))
    assert [(s.id, story_sources([s])) for s in first] == [(s.id, story_sources([s])) for s in again]
    grown = detect_stories(extracted(extractor, tmp_path, {
        **THREE_OUTLETS, "older.txt": geneva("Capital Dispatch", "An Older Treaty Dispute", date="2019-03-04")}))
    assert [s.id for s in grown] == [s.id for s in first]


def test_briefing_extract_json_carries_the_story_among_the_files_given(tmp_path):
    for name, data in {**THREE_OUTLETS, "g1.txt": geneva("Harbor Post", "Missile Treaty Talks Stall")}.items():
        (tmp_path / name).write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(REPO), "extract",
                           "hp.txt", "bl.txt", "nw.txt", "g1.txt", "--json"], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    stories = {r["source"]: r["story"] for r in json.loads(done.stdout)}
    assert stories["hp.txt"] == stories["bl.txt"] == stories["nw.txt"] is not None
    assert stories["g1.txt"] is None


@pytest.fixture
def built(tmp_path):
    """A built project: the three outlets of the Vienna story, an undated fourth, and a single article."""
    files = {**THREE_OUTLETS,
             "undated.txt": vienna("Capital Dispatch", "Moscow Ready to Discuss Baltic Incidents", date=None),
             "single.txt": geneva("Harbor Post", "Missile Treaty Talks Stall in Geneva", date="2019-03-09")}
    project = Project.at(make_project(tmp_path / "project", files, with_samples=False))
    build(project)
    return project


def story_page(project: Project) -> str:
    [page] = [p for p in (project.content / "stories").glob("*.md") if p.name != "index.md"]
    return page.read_text("utf-8")


def test_story_page_sets_the_headlines_side_by_side_and_each_shared_quote_once(built):
    page = story_page(built)
    rows = [line for line in page.splitlines() if line.startswith("| ") and ".md)" in line]
    assert len(rows) == 4
    assert any("Harbor Post" in r and "Mattis and Shoigu Agree to Keep Military Hotline Open" in r for r in rows)
    assert any("2019-03-06" in r and "Baltic Ledger" in r for r in rows)
    for _, text in VIENNA:
        assert page.count(text) == 1
    assert "carried by Harbor Post, Northern Wire, Baltic Ledger, Capital Dispatch"  # by date, then outlet in page
    assert "2019-03-05 · Vienna · [Jim Mattis]" in page  # the event in one line: date, place, people
    undated = next(r for r in rows if "Capital Dispatch" in r)
    assert "*date not stated; story date 2019-03-05*" in undated


def test_article_pages_name_the_other_articles_of_their_story(built):
    page = (built.content / "articles/2019/03/mattis-and-shoigu-agree-to-keep-military-hotline-open.md").read_text("utf-8")
    also = page.split("## Also covered by", 1)[1]
    for title in ("Pentagon, Moscow Pledge to Talk After Vienna Meeting", "Defense Chiefs Meet in Vienna to Avoid Air Incidents",
                  "Moscow Ready to Discuss Baltic Incidents"):
        assert title in also
    assert "date not stated; story date 2019-03-05" in also
    single = (built.content / "articles/2019/03/missile-treaty-talks-stall-in-geneva.md").read_text("utf-8")
    assert "Also covered by" not in single


def test_a_story_found_later_reaches_the_cached_article_pages(tmp_path):
    root = make_project(tmp_path / "project", {"hp.txt": THREE_OUTLETS["hp.txt"]}, with_samples=False)
    project = Project.at(root)
    build(project)
    page = root / "content/articles/2019/03/mattis-and-shoigu-agree-to-keep-military-hotline-open.md"
    assert "Also covered by" not in page.read_text("utf-8")
    (root / "articles/bl.txt").write_bytes(THREE_OUTLETS["bl.txt"])
    report = build(project)
    assert report.cached == 1
    assert "Pentagon, Moscow Pledge to Talk After Vienna Meeting" in page.read_text("utf-8").split("## Also covered by")[1]


def test_home_page_leads_with_stories_then_single_articles(built):
    home = (built.content / "index.md").read_text("utf-8")
    stories, singles = home.index("## Latest stories"), home.index("## Latest single articles")
    assert stories < singles
    story_part = home[stories:singles]
    assert "Mattis and Shoigu Agree to Keep Military Hotline Open" in story_part and "4 outlets" in story_part
    assert VIENNA[0][1] in story_part and VIENNA[1][1] in story_part  # a key quotation from each side
    assert "Missile Treaty Talks Stall in Geneva" in home[singles:]
    assert "Missile Treaty Talks Stall in Geneva" not in story_part


def test_home_ranks_the_week_s_stories_by_outlets(tmp_path):
    small = {"s1.txt": geneva("Harbor Post", "Missile Treaty Talks Stall", date="2019-03-07"),
             "s2.txt": geneva("Capital Dispatch", "Envoys Trade Blame Over Missile Pact", date="2019-03-07")}
    project = Project.at(make_project(tmp_path / "project", {**THREE_OUTLETS, **small}, with_samples=False))
    build(project)
    home = (project.content / "index.md").read_text("utf-8")
    assert home.index("Mattis and Shoigu Agree") < home.index("Missile Treaty Talks Stall")  # 3 outlets before 2, though older


def test_actor_page_lists_each_quotation_once_with_all_its_sources(built):
    page = (built.content / "actors/jim-mattis.md").read_text("utf-8")
    quotes = page.split("## Quotes", 1)[1]
    assert quotes.count(VIENNA[0][1]) == 1
    sources = quotes.split(VIENNA[0][1], 1)[1].split("<!-- quote -->")[0]
    for outlet in ("Harbor Post", "Baltic Ledger", "Northern Wire", "Capital Dispatch"):
        assert outlet in sources
    assert "## Stories" in page and "Mattis and Shoigu Agree to Keep Military Hotline Open" in page.split("## Stories")[1]


def test_the_bundled_samples_of_16_february_2017_are_one_story(extractor):
    articles = [extractor.process(p, Path(p.name)) for p in sorted((REPO / "articles").glob("*.txt"))]
    [story] = detect_stories(articles)
    assert sorted(story.outlets) == ["Sputnik", "United Press International", "Voice of America"]
    assert story.date == "2017-02-16"
    alone = [a for a in articles if a.story is None]
    assert sorted(a.date for a in alone) == ["2018-06-07", "2018-07-18"]


@pytest.mark.browser
def test_a_reader_sees_stories_first_and_also_covered_by(tmp_path, browser):
    from browser import DESKTOP, PHONE, watch_context
    from sitebuild import mkdocs_build, serve

    root = make_project(tmp_path / "project")  # the bundled samples
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    with serve(root / "site") as base:
        for viewport in (DESKTOP, PHONE):
            context = browser.new_context(viewport=viewport, service_workers="block")
            watch = watch_context(context)
            page = context.new_page()
            page.goto(base, wait_until="load")
            sections = page.locator("article h2").all_inner_texts()
            assert sections[0].rstrip("¶").strip() == "Latest stories", sections
            page.locator("article h3 a").first.click()
            page.wait_for_load_state("load")
            assert "/stories/" in page.url
            assert page.get_by_text("date not stated; story date 2017-02-16").is_visible()
            assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
            page.goto(base + "articles/2017/02/mattis-rules-out-military-collaboration-with-russia/", wait_until="load")
            also = page.locator("h2", has_text="Also covered by")
            assert also.is_visible()
            assert page.get_by_role("link", name="No U.S.-Russia military collaboration, Mattis tells NATO").is_visible()
            watch.assert_clean("story pages")
            context.close()


def test_an_undated_article_s_page_marks_the_story_date_as_a_suggestion(built):
    page = (built.content / "articles/undated/moscow-ready-to-discuss-baltic-incidents.md").read_text("utf-8")
    assert "This article states no date; the other articles of its story suggest 2019-03-05" in page
    assert '\ndate: null\n' in page  # never silently its date


def test_exports_and_feeds_carry_the_story(built):
    report, taxonomy, _ = collect(built)
    assign_paths(report.articles)
    indexes = build_indexes(report.articles, taxonomy)
    [story] = indexes.stories
    records = json.loads(export_files(indexes, True, ("json",))["articles.json"])
    assert sorted(r["source"] for r in records if r["story"] == story.id) == ["bl.txt", "hp.txt", "nw.txt", "undated.txt"]
    assert f",{story.id}\r\n" in export_files(indexes, True, ("csv",))["articles.csv"].decode()
    made = dict(feeds(indexes, Site("Briefing", None, True, dt.date(2019, 3, 10))))
    assert made[f"feed-story-{story.id}.xml"].count(b"<entry>") == 4


def test_story_false_keeps_an_article_alone_and_true_is_a_problem(extractor, tmp_path):
    alone, wrong = extracted(extractor, tmp_path, {
        "a.txt": vienna("Harbor Post", "Hotline Stays Open", story="false"),
        "b.txt": vienna("Baltic Ledger", "Hotline Stays Open Again", story="true"),
    })
    assert alone.story_pin == "none" and wrong.story_pin is None
    assert any("field 'story' must be a story id or false" in w for w in wrong.warnings)
