"""Issue 21, items 2-4: Atom feeds, data files (site and `briefing export`) and the citation
on every article page, checked on the real site built with mkdocs under a project path."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from generator.export import defused
from generator.feeds import MAX_ENTRIES
from sitebuild import REPO, make_project, mkdocs_build

SITE_URL = "https://example.org/briefing/"
HOSTILE = "<script>alert(1)</script> Envoys meet"
EXTRA = {
    "hostile.md": (f"---\ntitle: '{HOSTILE}'\ndate: 2019-03-04\noutlet: '=HYPERLINK(\"x\")'\n---\n"
                   "Jim Mattis met envoys in Brussels on Monday to discuss NATO dialogue with Russia.\n").encode(),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("feeds"), EXTRA)
    done = mkdocs_build(root, site_url=SITE_URL)
    assert done.returncode == 0, done.stderr
    return root / "site"


def _feed(site: Path, path: str):
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def _articles(site: Path) -> list[dict]:
    return json.loads((site / "data/articles.json").read_text())


def test_site_feed_lists_every_article_newest_first_with_absolute_links(site):
    feed = _feed(site, "feed.xml")
    records = _articles(site)
    assert [e.link for e in feed.entries] == [SITE_URL + r["page"] for r in records][:MAX_ENTRIES]
    dated = [e for e in feed.entries if "published" in e]
    assert [e.published for e in dated] == sorted((e.published for e in dated), reverse=True)
    assert all(e.link.startswith(SITE_URL + "articles/") for e in feed.entries)


def test_undated_article_gets_no_invented_publication_date(site):
    feed = _feed(site, "feed.xml")
    undated = [r for r in _articles(site) if not r["date"]]
    assert undated, "the sample corpus has an undated article"
    entries = {e.link: e for e in feed.entries}
    for record in undated:
        entry = entries[SITE_URL + record["page"]]
        assert "published" not in entry
        assert entry.summary.startswith("Undated")
        assert entry.updated == feed.feed.updated  # the feed's date: the newest article's


def test_article_text_is_escaped_in_feeds(site):
    raw = (site / "feed.xml").read_text()
    assert "<script>" not in raw
    entry = next(e for e in _feed(site, "feed.xml").entries if e.title == HOSTILE)
    assert entry.published.startswith("2019-03-04")
    assert '=HYPERLINK("x")' in entry.summary


def test_topic_actor_and_outlet_feeds_list_their_articles(site):
    records = _articles(site)
    for record in records:
        for actor in record["actors"]:
            assert SITE_URL + record["page"] in {e.link for e in _feed(site, f"feed-actor-{actor['id']}.xml").entries}
        for hit in record["topics"]["primary"]:
            assert SITE_URL + record["page"] in {e.link for e in _feed(site, f"feed-topic-{hit['id']}.xml").entries}
    mattis = _feed(site, "feed-actor-jim-mattis.xml")
    assert len(mattis.entries) == sum(any(a["id"] == "jim-mattis" for a in r["actors"]) for r in records)
    outlets = list(site.glob("feed-outlet-*.xml"))
    assert sum(len(_feed(site, p.name).entries) for p in outlets) == len(records)


def test_feeds_are_announced_and_linked_on_their_pages(site):
    topic = (site / "topics/dialogue/index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" title="US/NATO–Russia dialogue" ' \
           'href="../../feed-topic-dialogue.xml">' in topic
    assert 'class="briefing-feed" href="../../feed-topic-dialogue.xml"' in topic
    assert 'href="../../feed-actor-jim-mattis.xml"' in (site / "actors/jim-mattis/index.html").read_text()
    home = (site / "index.html").read_text()
    assert 'rel="alternate" type="application/atom+xml"' in home and 'class="briefing-feed" href="feed.xml"' in home


def test_data_files_have_the_sites_counts(site):
    records = _articles(site)
    pages = list((site / "articles").rglob("index.html"))
    assert len(records) == len(pages) == 6
    rows = lambda name: list(csv.DictReader(io.StringIO((site / "data" / name).read_text())))  # noqa: E731
    assert [r["page"] for r in rows("articles.csv")] == [r["page"] for r in records]
    assert len(rows("quotes.csv")) == sum(len(r["quotes"]) for r in records)
    actor_pages = {p.parent.name for p in (site / "actors").glob("*/index.html")}
    assert {r["id"] for r in rows("actors.csv")} == actor_pages
    assert all((site / r["page"] / "index.html").is_file() for r in records)
    assert {"date_source", "outlet_source", "title_source", "story", "topics"} <= set(records[0])


def test_csv_defuses_formulas(site):
    row = next(r for r in csv.DictReader(io.StringIO((site / "data/articles.csv").read_text()))
               if r["title"] == HOSTILE)
    assert row["outlet"] == "'=HYPERLINK(\"x\")"
    assert [defused(v) for v in ("+1", "-x", "@a", "ok", 3, None)] == ["'+1", "'-x", "'@a", "ok", 3, ""]


def test_citation_on_every_article_page(site):
    records = {r["page"]: r for r in _articles(site)}
    for page, record in records.items():
        html = (site / page / "index.html").read_text()
        assert 'aria-label="Cite this article"' in html, page
        line = html.split('id="cite"', 1)[1].split("<code>", 1)[1].split("</code>", 1)[0]
        assert (record["date"] or "undated") in line and "Accessed " in line
        assert (record["url"] or SITE_URL + page) in line
    hostile = next(p for p, r in records.items() if r["title"] == HOSTILE)
    cite = (site / hostile / "index.html").read_text().split('id="cite"')[1].split("</code>")[0]
    assert "<script>" not in cite and "&lt;script&gt;" in cite


def test_export_command_writes_the_sites_files(site, tmp_path):
    root = site.parent
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for fmt, names in (("json", ["articles.json"]), ("csv", ["actors.csv", "articles.csv", "quotes.csv"])):
        out = tmp_path / fmt
        done = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "export", "--format", fmt,
                               "--out", str(out)], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in out.iterdir()) == names
        for name in names:
            assert (out / name).read_bytes() == (site / "data" / name).read_bytes()
