"""Render stage: Articles + Indexes -> {page path: Markdown text}.

Templates live in generator/templates. Every `{{ value }}` passes through
safety.md_text (the environment's finalize hook); links and the article body
are built here from escaped parts and handed to templates as Markup.
Large listings are split into pages of PAGE_SIZE entries so no page grows
without bound as the corpus does.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from generator.index import Indexes
from generator.model import Article, Block
from generator.safety import md_text, safe_url

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available: 10x faster
PAGE_SIZE = 200  # entries per listing page
HOME_LATEST = 8
QUOTES_PER_ACTOR = 30


def body_markdown(blocks: list[Block]) -> str:
    """The cleaned body as Markdown: subheadings as level-2 headings, text escaped."""
    parts = [("## " if b.kind == "heading" else "") + md_text(b.text) for b in blocks]
    return "\n\n".join(parts)


def front_matter(meta: dict[str, Any]) -> Markup:
    """YAML front matter. `title` is HTML-escaped because Material inserts
    page.meta.title into the page header and <title> without escaping."""
    meta = {**meta, "title": html.escape(str(meta["title"]), quote=False)}
    dumped = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    return Markup(f"---\n{dumped}---\n")


@dataclass
class Listing:
    """One page of a paginated list."""

    items: list[Any]
    number: int
    pages: list[str]  # path of every page, in order

    @property
    def path(self) -> str:
        return self.pages[self.number - 1]


def paginate(items: list[Any], first_path: str) -> Iterator[Listing]:
    """actors/x.md, actors/x/page-2.md, ... (always at least one page)."""
    count = max(1, -(-len(items) // PAGE_SIZE))
    stem = first_path.removesuffix(".md")
    pages = [first_path] + [f"{stem}/page-{n}.md" for n in range(2, count + 1)]
    for n in range(1, count + 1):
        yield Listing(items[(n - 1) * PAGE_SIZE : n * PAGE_SIZE], n, pages)


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def month_path(month: str) -> str:
    return f"dates/{month}.md"


def outlet_path(slug: str) -> str:
    return f"outlets/{slug}.md"


def raw_path(article: Article) -> str:
    return "raw/" + article.page_path.removeprefix("articles/").removesuffix(".md") + ".txt"


def month_label(month: str) -> str:
    """'2018-07' -> 'July 2018'."""
    return dt.date(int(month[:4]), int(month[5:7]), 1).strftime("%B %Y")


@pass_context
def _link(context: Any, text: str, target: str) -> Markup:
    here = context["here"]
    relative = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return Markup(f"[{md_text(text)}]({relative})")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        finalize=md_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # escaping is md_text's job (Markdown, not HTML)
    )
    env.filters["month_label"] = month_label
    env.globals.update(
        link=_link, actor_path=actor_path, topic_path=topic_path, month_path=month_path,
        outlet_path=outlet_path, safe_url=safe_url, front_matter=front_matter, Markup=Markup,
    )
    return env


class Renderer:
    def __init__(self, site_name: str):
        self.env = _environment()
        self.site_name = site_name

    def _render(self, template: str, here: str, **context: Any) -> str:
        return self.env.get_template(template).render(here=here, **context)

    def article(self, article: Article, actor_aliases: dict[str, tuple[str, ...]]) -> str:
        meta = {
            "title": article.title,
            "briefing": "article",
            "date": article.date,
            "date_source": article.date_source,
            "outlet": article.outlet,
            "outlet_source": article.outlet_source,
            "author": article.author,
            "url": article.url,
            "language": article.language,
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
                level: [{"id": h.id, "score": h.score} for h in hits] for level, hits in article.topics.items()
            },
            "quotes": [{"speaker": q.speaker, "text": q.text} for q in article.quotes],
        }
        return self._render(
            "article.md.j2", article.page_path, article=article, meta=meta,
            body=Markup(body_markdown(article.blocks)), aliases=actor_aliases,
        )

    def site(self, indexes: Indexes) -> Iterator[tuple[str, str]]:
        """Every index page: (path, Markdown)."""
        yield "index.md", self._render("home.md.j2", "index.md", ix=indexes, site_name=self.site_name,
                                        latest=indexes.articles[:HOME_LATEST],
                                        topic_names={t.entry.id: t.entry.name for t in indexes.topics})
        yield "actors/index.md", self._render("actors.md.j2", "actors/index.md", ix=indexes)
        for actor in indexes.actors:
            for page in paginate(actor.articles, actor_path(actor.id)):
                yield page.path, self._render("actor.md.j2", page.path, actor=actor, page=page,
                                              quotes=actor.quotes[:QUOTES_PER_ACTOR])
        yield "topics/index.md", self._render("topics.md.j2", "topics/index.md", ix=indexes)
        for topic in indexes.topics:
            listed = [("primary", a, h) for a, h in topic.primary] + [("mentioned", a, h) for a, h in topic.mentioned]
            for page in paginate(listed, topic_path(topic.entry.id)):
                yield page.path, self._render("topic.md.j2", page.path, topic=topic, page=page)
        yield "dates/index.md", self._render("timeline.md.j2", "dates/index.md", ix=indexes)
        for month, articles in indexes.by_month.items():
            for page in paginate(articles, month_path(month)):
                yield page.path, self._render("month.md.j2", page.path, month=month, page=page)
        for page in paginate(indexes.undated, "dates/undated.md"):
            yield page.path, self._render("month.md.j2", page.path, month=None, page=page)
        yield "outlets/index.md", self._render("outlets.md.j2", "outlets/index.md", ix=indexes)
        for outlet in indexes.outlets:
            for page in paginate(outlet.articles, outlet_path(outlet.slug)):
                yield page.path, self._render("outlet.md.j2", page.path, outlet=outlet, page=page)
