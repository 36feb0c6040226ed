"""Atom feeds of the built site: the whole site, each topic, each actor, each outlet and each story.

    feed.xml  feed-topic-ID.xml  feed-actor-ID.xml  feed-outlet-SLUG.xml  feed-story-ID.xml
    (at the site root: see render.SITE_FEED)

Entries are newest first, undated articles last, at most MAX_ENTRIES a feed. Each
entry carries the article's title, link, outlet (as a category and in the summary)
and summary; feedgen escapes every value, so article text never becomes markup.

Dates: Atom requires `updated` on the feed and on every entry. A dated article's
`published` and `updated` are its publication date. An undated article gets no
`published` (no invented publication date); its `updated` is the feed's own,
which is the newest publication date in the corpus (the state of the corpus the
entry was last seen in), and its summary starts with "Undated" so a reader
sees it. A feed with no dated article at all is dated by the build day.

Links are absolute when the site has a site_url (so they stay right under a
project path on GitHub Pages, https://user.github.io/repo/); without one they
are relative to the feed file, which feed readers resolve against its address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from generator.index import Indexes, newest_first
from generator.model import UNKNOWN_OUTLET, Article
from generator.render import SITE_FEED, actor_feed, outlet_feed, page_url, relative, story_feed, story_path, topic_feed

MAX_ENTRIES = 50


@dataclass(frozen=True)
class Site:
    name: str
    url: str | None  # site_url with a trailing "/", or None: links relative to each feed
    directory_urls: bool
    today: dt.date  # the build day: dates a feed with no dated article

    def address(self, target: str, feed_path: str) -> str:
        """URL of `target` (a path relative to the site root) as written in the feed at `feed_path`."""
        return self.url + target if self.url else relative(target, feed_path) or "./"


def feeds(indexes: Indexes, site: Site) -> Iterator[tuple[str, bytes]]:
    """(path in the site, Atom document) for every feed."""
    newest = _instant(indexes.articles[0].date) if indexes.span else _instant(site.today.isoformat())
    yield SITE_FEED, _feed(SITE_FEED, site.name, "index.md", indexes.articles, site, newest)
    for topic in indexes.topics:
        listed = [a for _, a, _ in topic.listed]  # one date order over both levels
        yield topic_feed(topic.entry.id), _feed(topic_feed(topic.entry.id), f"{site.name}: {topic.entry.name}",
                                                f"topics/{topic.entry.id}.md", listed, site, newest)
    for actor in indexes.actors:
        yield actor_feed(actor.id), _feed(actor_feed(actor.id), f"{site.name}: {actor.name}",
                                          f"actors/{actor.id}.md", actor.articles, site, newest)
    for outlet in indexes.outlets:
        yield outlet_feed(outlet.slug), _feed(outlet_feed(outlet.slug), f"{site.name}: {outlet.name}",
                                              f"outlets/{outlet.slug}.md", outlet.articles, site, newest)
    for story in indexes.stories:
        yield story_feed(story.id), _feed(story_feed(story.id), f"{site.name}: {story.title}",
                                          story_path(story.id), newest_first(story.articles), site, newest)


def _feed(path: str, title: str, page: str, articles: list[Article], site: Site, newest: dt.datetime) -> bytes:
    """One feed; `articles` are newest first, undated last (index.newest_first)."""
    feed = FeedGenerator()
    feed.id(site.address(path, path) if site.url else f"urn:briefing:feed:{quote(path)}")
    feed.title(title)
    feed.author({"name": site.name})
    feed.link(href=site.address(path, path), rel="self", type="application/atom+xml")
    feed.link(href=site.address(page_url(page, site.directory_urls), path), rel="alternate", type="text/html")
    shown = articles[:MAX_ENTRIES]
    feed.updated(next((_instant(a.date) for a in shown if a.date), newest))
    for article in shown:
        _entry(feed, article, site, path, newest)
    return feed.atom_str(pretty=True)


def _entry(feed: FeedGenerator, article: Article, site: Site, path: str, newest: dt.datetime) -> None:
    entry = feed.add_entry(order="append")
    entry.id(f"urn:briefing:article:{quote(article.source)}")  # the source file: stable across edits and moves
    entry.title(article.title)
    entry.link(href=site.address(page_url(article.page_path, site.directory_urls), path), rel="alternate")
    if article.date:
        entry.published(_instant(article.date))
        entry.updated(_instant(article.date))
    else:
        entry.updated(newest)
    if article.author:
        entry.author({"name": article.author})
    if article.outlet:
        entry.category(term=article.outlet, label=f"Outlet: {article.outlet}")
    entry.summary(_summary(article))


def _summary(article: Article) -> str:
    """"2018-07-16 · Outlet — standfirst", or "Undated · Outlet": what a reader sees first."""
    told = f"{article.date or 'Undated'} · {article.outlet or UNKNOWN_OUTLET}"
    return f"{told} — {article.summary}" if article.summary else told


def _instant(date: str) -> dt.datetime:
    return dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc)
