"""Render stage: Articles + Indexes -> {page path: Markdown text}.

Templates live in generator/templates. Every `{{ value }}` passes through
safety.md_text (the environment's finalize hook); links and the article body
are built here from escaped parts and handed to templates as Markup.
Large listings are split into pages of PAGE_SIZE entries so no page grows
without bound as the corpus does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from generator import charts
from generator.index import ActorIndex, Indexes, TopicIndex
from generator.model import UNKNOWN_OUTLET, Article, Block
from generator.safety import md_text, safe_url
from generator.search import PERSON_BOOST, SEARCH_NAMES
from generator.slugs import name_key
from generator.stories import Story, group_quotes
from generator.taxonomy import OutletEntry

_PAGE_DIGEST = attrgetter("page_digest")
LISTING_OPEN = '<ul class="briefing-list" data-search-exclude>'  # the first line of every article listing

PAGE_SIZE = 200  # entries per listing page
HOME_LATEST = 8
HOME_STORIES = 6
HOME_PERIOD_DAYS = 7  # the home page ranks the stories of the corpus's last week by outlets
QUOTES_PER_ACTOR = 30
STORIES_PER_LISTING = 10  # stories on an actor or topic page


# Where a value came from, in a reader's words (the article panel, the About page's legend).
# The records keep the internal codes (date_source, outlet_source, wire_source), which tools score.
DATE_SOURCES = {
    "date line": "printed with the article",
    "date line (updated)": "the “updated” date printed with the article (no first date is shown)",
    "url": "from the web address",
    "dateline": "from the place and date that open the story",
    "dateline + weekday": "from the place and date that open the story, the year from the weekday the text names",
    "caption": "from a photo caption",
    "html metadata": "from the publication date the web page records",
    "front matter": "set by a correction",
}
OUTLET_SOURCES = {
    "URL domain": "from the web address",
    "URL domain (not in outlets.yml)": "the site's web address (not an outlet we know yet)",
    "site name": "the site's name, as the web page records it",
    "dateline": "named where the story opens, beside its place and date",
    "dateline (not in outlets.yml)": "named where the story opens (not an outlet we know yet)",
    "signature": "from the line signing the article",
    "self-description": "the site describes itself in the page",
    "self-reference": "the site names itself in the page",
    "byline": "named with the author",
    "date-line": "named beside the date",
    "promo": "named in the site's invitation to follow or subscribe",
    "copyright line": "from the copyright notice",
    "masthead": "the site's name at the top of the page, as its web address spells it",
    "footer address": "the company whose addresses the page's footer gives",
    "before-title": "named above the headline",
    "navigation": "named in the site's menus",
    "caption": "named in a photo caption",
    "photo-credit": "named in a photo credit",
    "after-article": "named below the article",
    "wire (no publisher found)": "the news agency whose copy this is (no publisher is named)",
    "front matter": "set by a correction",
}
WIRE_SOURCES = {"dateline": "named where the story opens", "byline": "named with the author"}


def in_words(code: str | None, labels: dict[str, str]) -> str | None:
    """A provenance code in a reader's words; a code without words yet is shown as it is."""
    return labels.get(code, code) if code else None


def body_markdown(blocks: list[Block]) -> str:
    """The cleaned body as Markdown: subheadings as level-2 headings, text escaped."""
    parts = [("## " if b.kind == "heading" else "") + md_text(b.text) for b in blocks]
    return "\n\n".join(parts)


# Characters YAML refuses in a document (C1 controls, lone surrogates, U+FFFE/F): written as \\u escapes.
_NOT_YAML_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_to_json = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps with options builds one a call


def _yaml_printable(json_text: str) -> str:
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json_text)


def front_matter(meta: dict[str, Any]) -> Markup:
    """YAML front matter, one `key: value` line per field with the value written as
    JSON (a subset of YAML: safe to load, and ten times faster to write than PyYAML).
    `title` and `tags` are HTML-escaped because Material inserts page.meta.title into the
    page header and <title>, and tags into search results, without escaping."""
    meta = {**meta, "title": html.escape(str(meta["title"]), quote=False)}
    for key in ("tags", SEARCH_NAMES):  # Material's search results show tags as HTML too
        if key in meta:
            meta[key] = [html.escape(str(tag), quote=False) for tag in meta[key]]
    lines = "\n".join(f"{key}: {_to_json(value)}" for key, value in meta.items())
    return Markup(f"---\n{_yaml_printable(lines)}\n---\n")


@dataclass
class Listing:
    """One page of a paginated list (newest first)."""

    items: list[Any]
    number: int  # 1 = the newest page
    pages: list[str]  # path of every page, newest first

    @property
    def path(self) -> str:
        return self.pages[self.number - 1]


def paginate(items: list[Any], first_path: str) -> Iterator[Listing]:
    """Split a newest-first list into pages: `first_path` holds the newest entries, and
    archive pages hold PAGE_SIZE entries each, counted from the oldest end
    (stem/page-1.md is the oldest). Adding a new article then changes only the first
    page, not every page after it. Always at least one page."""
    archive = max(0, (len(items) - 1) // PAGE_SIZE)  # number of full archive pages
    stem = first_path.removesuffix(".md")
    pages = [first_path] + [f"{stem}/page-{n}.md" for n in range(archive, 0, -1)]
    newest = len(items) - archive * PAGE_SIZE
    yield Listing(items[:newest], 1, pages)
    for position, n in enumerate(range(archive, 0, -1), start=2):
        end = len(items) - (n - 1) * PAGE_SIZE
        yield Listing(items[end - PAGE_SIZE:end], position, pages)


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def month_path(month: str) -> str:
    return f"dates/{month}.md"


def outlet_path(slug: str) -> str:
    return f"outlets/{slug}.md"


def story_path(story_id: str) -> str:
    return f"stories/{story_id}.md"


# The Atom feeds generator.feeds writes, at the site root: Material's theme fetches sitemap.xml
# next to every <link rel="alternate"> (it expects language versions), and the root has one.
SITE_FEED = "feed.xml"


def topic_feed(topic_id: str) -> str:
    return f"feed-topic-{topic_id}.xml"


def actor_feed(actor_id: str) -> str:
    return f"feed-actor-{actor_id}.xml"


def outlet_feed(slug: str) -> str:
    return f"feed-outlet-{slug}.xml"


def story_feed(story_id: str) -> str:
    return f"feed-story-{story_id}.xml"


@pass_context
def _feed_link(context: Any, feed: str) -> Markup:
    """A visible link to a page's feed, as HTML: MkDocs would check a Markdown link against
    docs_dir, where feeds are not (the plugin writes them into the built site)."""
    target = relative(feed, page_url(context["here"], context["directory_urls"]))
    return Markup(f'<a class="briefing-feed" href="{target}" type="application/atom+xml">Atom feed</a>')


@pass_context
def _chart(context: Any, name: str, data: Any) -> Markup:
    """A picture (generator/charts.py) whose bars and circles link from this page to month and actor pages."""
    here, directory_urls = context["here"], context["directory_urls"]
    return charts.PICTURES[name](data, charts.Links(month=lambda month: href(month_path(month), here, directory_urls),
                                                    actor=lambda actor: href(actor_path(actor), here, directory_urls)))


def raw_path(article: Article) -> str:
    return "raw/" + article.page_path.removeprefix("articles/").removesuffix(".md") + ".txt"


def month_label(month: str) -> str:
    """'2018-07' -> 'July 2018'."""
    return dt.date(int(month[:4]), int(month[5:7]), 1).strftime("%B %Y")


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def relative(target: str, here: str) -> str:
    """Path from page `here` to page `target`, both relative to docs_dir (no '..' in either).
    posixpath.relpath does the same but resolves absolute paths: too slow for 100,000 links."""
    return _relative(target, here.split("/")[:-1])


def _relative(target: str, from_parts: list[str]) -> str:
    to_parts = target.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    return "../" * (len(from_parts) - common) + "/".join(to_parts[common:])


def link_markdown(text: str, target: str, here: str) -> Markup:
    return Markup(f"[{md_text(text)}]({relative(target, here)})")


@pass_context
def _link(context: Any, text: str, target: str) -> Markup:
    return link_markdown(text, target, context["here"])


@lru_cache(maxsize=1 << 16)  # an article is linked from a dozen listings
def page_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives the page at docs_dir/`path`, relative to the site root."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/" if directory_urls else stem + ".html"


def href(target: str, here: str, directory_urls: bool) -> str:
    """Relative URL from page `here` to page `target` (both docs_dir paths) in the built site."""
    return relative(page_url(target, directory_urls), page_url(here, directory_urls)) or "./"


@dataclass(frozen=True)
class ListEntry:
    """One line of an article listing, with an optional note under it (evidence, suggested date)."""

    article: Article
    note: Markup | None = None


@pass_context
def _article_list(context: Any, entries: list[ListEntry] | list[Article]) -> Markup:
    """An article listing as one HTML block. Listings hold most of a site's links, and HTML
    (unlike Markdown links) costs MkDocs next to nothing: the plugin passes these blocks
    through untouched. Every value is HTML-escaped; link targets are generated paths. Search
    skips listings: each article is found by its own page, not by every page listing it."""
    directory_urls = context["directory_urls"]
    here_parts = page_url(context["here"], directory_urls).split("/")[:-1]  # the same for every entry
    lines = [LISTING_OPEN]
    for entry in entries:
        a, note = (entry.article, entry.note) if isinstance(entry, ListEntry) else (entry, None)
        link = _relative(page_url(a.page_path, directory_urls), here_parts) or "./"
        outlet = f" · {_escape(a.outlet)}" if a.outlet else ""
        note_html = f"<div class=\"briefing-note\">{note}</div>" if note else ""
        lang, language = _language_note(a.language)
        lines.append(f'<li><a href="{link}"{lang}>{_escape(a.title)}</a> · '
                     f'<span class="briefing-date">{a.date or "undated"}</span>{outlet}{language}{note_html}</li>')
    lines.append("</ul>")
    return Markup("\n".join(lines))


_escape = lru_cache(maxsize=1 << 16)(html.escape)  # titles and outlets recur across listings


SITE_LANGUAGE = "en"  # the language of the site's own words (the templates): listings name the others


@lru_cache(maxsize=256)
def language_name(code: str) -> str | None:
    """The English name of a language code ("ru": "Russian", "pt-BR": "Portuguese (Brazil)"),
    the code itself if CLDR does not know it, None when the language is undetermined ("und")."""
    if code == "und":
        return None
    try:
        return Locale.parse(code, sep="-" if "-" in code else "_").get_display_name("en") or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code


def _language_note(code: str) -> tuple[str, str]:
    """(lang attribute, " · Language") for a listing entry in another language than the site's."""
    name = language_name(code)
    if not name or code.split("-")[0] == SITE_LANGUAGE:
        return "", ""
    return f' lang="{_escape(code)}"', f' · <span class="briefing-language">{_escape(name)}</span>'


def _quote_note(text: str) -> Markup:
    return Markup(f"<blockquote>{html.escape(text)}</blockquote>")


def count(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else word + 's'}"


def _environment(bytecode_dir: Path | None) -> Environment:
    if bytecode_dir is not None:
        bytecode_dir.mkdir(parents=True, exist_ok=True)
    env = Environment(
        bytecode_cache=FileSystemBytecodeCache(str(bytecode_dir)) if bytecode_dir else None,  # compiled once, not per run
        loader=PackageLoader("generator", "templates"),
        auto_reload=False,  # a renderer serves one build: no need to stat each template at every page
        finalize=md_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # escaping is md_text's job (Markdown, not HTML)
    )
    env.filters["month_label"] = month_label
    env.filters["wire_source_words"] = partial(in_words, labels=WIRE_SOURCES)
    env.globals.update(
        link=_link, article_list=_article_list, count=count, actor_path=actor_path, topic_path=topic_path, month_path=month_path,
        outlet_path=outlet_path, safe_url=safe_url, feed_link=_feed_link, site_feed=SITE_FEED, topic_feed=topic_feed,
        actor_feed=actor_feed, outlet_feed=outlet_feed, front_matter=front_matter, Markup=Markup, chart=_chart, unknown_outlet=UNKNOWN_OUTLET,
        search_names_field=SEARCH_NAMES, person_boost=PERSON_BOOST,
        story_path=story_path, story_feed=story_feed,
    )
    return env


class Renderer:
    def __init__(self, site_name: str, topic_names: dict[str, str], directory_urls: bool = True,
                 bytecode_dir: Path | None = None, outlets: Iterable[OutletEntry] = ()):
        self.env = _environment(bytecode_dir)
        self.site_name = site_name
        self.topic_names = topic_names
        self.directory_urls = directory_urls  # MkDocs' use_directory_urls: how HTML listings link
        # What each outlet is ("State media · Russia"), by any of its names as written.
        self.outlet_profiles = {name_key(name): o.profile for o in outlets if o.profile for name in (o.name, *o.aliases)}
        self.env.globals["outlet_profile"] = self.outlet_profile

    def outlet_profile(self, name: str | None) -> str | None:
        return self.outlet_profiles.get(name_key(name)) if name else None

    def _render(self, template: str, here: str, **context: Any) -> str:
        return self.env.get_template(template).render(here=here, directory_urls=self.directory_urls, **context)

    def article(self, article: Article, actor_aliases: dict[str, tuple[str, ...]]) -> str:
        meta = {
            "title": article.title,
            "briefing": "article",
            "hide": ["navigation"],
            "date": article.date,
            "date_source": article.date_source,
            "outlet": article.outlet,
            "outlet_source": article.outlet_source,
            "outlet_profile": self.outlet_profile(article.outlet),
            "provenance": {"date": in_words(article.date_source, DATE_SOURCES),
                           "outlet": in_words(article.outlet_source, OUTLET_SOURCES)},
            "author": article.author,
            "url": article.url,
            "language": article.language,
            "language_name": language_name(article.language),
            "summary": article.summary,
            "word_count": article.word_count,
            "reading_minutes": article.reading_minutes,
            "source": article.source,
            "raw": raw_path(article),  # relative to the site root; the panel prefixes base_url
            "actors": [
                {"name": a.name, "id": a.id, "auto": a.auto, "role": a.role, "mentions": a.mentions}
                for a in article.actors
            ],
            "topics": {
                level: [{"id": h.id, "name": self.topic_names.get(h.id, h.id), "score": h.score} for h in hits]
                for level, hits in article.topics.items()
            },
            "quotes": [{"speaker": q.speaker, "text": q.text} for q in article.quotes],
            # Material's search indexes `tags` (no tags plugin needed) and shows each as a chip:
            # readers find the article by outlet, author and topic, which live in the panel, not the
            # body, and by every spelling of every person it names, searched but not shown (search.py).
            "tags": _unique([
                article.outlet, article.author,
                *(self.topic_names.get(h.id, h.id) for hits in article.topics.values() for h in hits),
            ]),
            SEARCH_NAMES: _unique([name for a in article.actors for name in (a.name, *actor_aliases.get(a.id, ()))]),
        }
        return self._render(
            "article.md.j2", article.page_path, article=article, meta=meta,
            body=Markup(body_markdown(article.blocks)), aliases=actor_aliases,
        )

    def _inferred_note(self, inferred: tuple[str, list[Article]] | None, here: str) -> Markup | None:
        """Under an undated article: the date other coverage of the same event suggests."""
        if not inferred:
            return None
        date, coverage = inferred
        links = ", ".join(f'<a href="{href(o.page_path, here, self.directory_urls)}">{html.escape(o.title)}</a>'
                          for o in coverage)
        return Markup(f"Probably <strong>{date}</strong>: the same quotations appear in {links}.")

    def site(self, indexes: Indexes) -> Iterator[tuple[str, str | None, Callable[[], str]]]:
        """Every index page as (path, inputs, render). `inputs` fingerprints everything the
        page shows (None: the page is always rendered); when it matches the last build's,
        the page on disk is still right and `render` need not be called."""
        yield "index.md", None, partial(self._render, "home.md.j2", "index.md", ix=indexes, site_name=self.site_name,
                                        stories=home_stories(indexes.stories), topic_names=self.topic_names,
                                        latest=[a for a in indexes.articles if a.story is None][:HOME_LATEST])
        yield "actors/index.md", None, partial(self._render, "actors.md.j2", "actors/index.md", ix=indexes)
        for actor in indexes.actors:
            for page in paginate(actor.articles, actor_path(actor.id)):
                # The first page shows counts, quotes and co-mentions: it depends on all the actor's articles.
                members = actor.articles if page.number == 1 else page.items
                heading = (actor.name, actor.role, actor.auto, _story_keys(actor.stories))
                yield page.path, self._inputs(page, members, heading), partial(self._actor_page, actor, page)
        yield "topics/index.md", None, partial(self._render, "topics.md.j2", "topics/index.md", ix=indexes)
        for topic in indexes.topics:
            for page in paginate(topic.listed, topic_path(topic.entry.id)):
                members = [a for _, a, _ in (topic.listed if page.number == 1 else page.items)]
                yield page.path, self._inputs(page, members, _story_keys(topic.stories)), partial(self._topic_page, topic, page)
        yield "dates/index.md", None, partial(self._render, "timeline.md.j2", "dates/index.md", ix=indexes)
        for month, articles in indexes.by_month.items():
            for page in paginate(articles, month_path(month)):
                yield page.path, self._inputs(page, articles if page.number == 1 else page.items), partial(
                    self._month_page, month, page, {})
        for page in paginate(indexes.undated, "dates/undated.md"):
            # Suggested dates come from other articles' quotations: always rendered.
            yield page.path, None, partial(self._month_page, None, page, indexes.inferred)
        yield "outlets/index.md", None, partial(self._render, "outlets.md.j2", "outlets/index.md", ix=indexes)
        for outlet in indexes.outlets:
            for page in paginate(outlet.articles, outlet_path(outlet.slug)):
                # The name is the most common spelling: a new article elsewhere in the list may change it.
                yield page.path, self._inputs(page, outlet.articles if page.number == 1 else page.items, (outlet.name,)), partial(
                    self._render, "outlet.md.j2", page.path, outlet=outlet, page=page)
        for page in paginate(indexes.stories, "stories/index.md"):
            yield page.path, None, partial(self._render, "stories.md.j2", page.path, page=page)
        for story in indexes.stories:
            digest = hashlib.sha256(repr((self.site_name, self.directory_urls, story.id, story.title)).encode())
            digest.update("".join(map(_PAGE_DIGEST, story.articles)).encode())
            yield story_path(story.id), digest.hexdigest(), partial(
                self._render, "story.md.j2", story_path(story.id), story=story, topic_names=self.topic_names)

    def also_covered(self, article: Article, story: Story | None) -> str:
        """The "Also covered by" section of an article's page ("" for an article alone): added
        to the page build.article_pages has, so a story that changes costs no new extraction."""
        if story is None:
            return ""
        return self._render("article_story.md.j2", article.page_path, article=article, story=story,
                            others=story.others(article))

    def _inputs(self, page: Listing, members: list[Article], heading: tuple[Any, ...] = ()) -> str:
        """Fingerprint of a listing page: its place among its pages, the site settings, what
        its heading shows, and the page digest of every article it depends on (which changes
        with the article's content and its path). The taxonomy and the code are not in it:
        changing them empties the cache, and every page is rendered again."""
        digest = hashlib.sha256(repr((self.site_name, self.directory_urls, page.number, page.pages, heading)).encode())
        digest.update("".join(map(_PAGE_DIGEST, members)).encode())  # the page digest covers content and path
        return digest.hexdigest()

    def _actor_page(self, actor: ActorIndex, page: Listing) -> str:
        quotes = group_quotes(actor.quotes) if page.number == 1 else []
        return self._render("actor.md.j2", page.path, actor=actor, page=page, quotes=quotes[:QUOTES_PER_ACTOR],
                            quote_count=len(quotes), stories=actor.stories[:STORIES_PER_LISTING])

    def _topic_page(self, topic: TopicIndex, page: Listing) -> str:
        by_level = sorted(page.items, key=lambda item: item[0] != "primary")  # stable: newest first within a level
        groups = _runs((TOPIC_LEVELS[level], ListEntry(a, _quote_note(hit.evidence[0]) if hit.evidence else None))
                       for level, a, hit in by_level)
        return self._render("topic.md.j2", page.path, topic=topic, page=page, groups=groups,
                            stories=topic.stories[:STORIES_PER_LISTING] if page.number == 1 else [])

    def _month_page(self, month: str | None, page: Listing, inferred: dict[str, tuple[str, list[Article]]]) -> str:
        groups = _runs((a.date if month else None, ListEntry(a, self._inferred_note(inferred.get(a.source), page.path)))
                       for a in page.items)
        return self._render("month.md.j2", page.path, month=month, page=page, groups=groups)


def home_stories(stories: list[Story]) -> list[Story]:
    """The stories the home page leads with: those of the corpus's last HOME_PERIOD_DAYS, most
    outlets first (then newest), then older ones, newest first."""
    newest = max((s.newest for s in stories if s.newest), default=None)
    if newest is None:
        return stories[:HOME_STORIES]
    start = (dt.date.fromisoformat(newest) - dt.timedelta(days=HOME_PERIOD_DAYS)).isoformat()
    recent = [s for s in stories if s.newest and s.newest >= start]  # stories are newest first
    ranked = sorted(recent, key=lambda s: -len(s.outlets)) + stories[len(recent):]
    return ranked[:HOME_STORIES]


def _story_keys(stories: list[Story]) -> tuple[tuple[str, int], ...]:
    """What a listing shows of its stories: ids and sizes (a story may grow by articles not listed)."""
    return tuple((s.id, len(s.articles)) for s in stories[:STORIES_PER_LISTING])


TOPIC_LEVELS = {"primary": "Primary: what these articles are about", "mentioned": "Mentioned in passing"}


def _runs(keyed: Iterable[tuple[str | None, ListEntry]]) -> list[tuple[str | None, list[ListEntry]]]:
    """Consecutive entries with the same heading, as (heading, entries) groups in order."""
    groups: list[tuple[str | None, list[ListEntry]]] = []
    for heading, entry in keyed:
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(entry)
    return groups
