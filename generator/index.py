"""Index stage: all Articles -> page paths and the actor/topic/date/outlet indexes.

Runs on the whole corpus at once (it is the only stage that needs every
article) but only sorts and groups: no text processing happens here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from generator.model import UNKNOWN_OUTLET, Article, Quote, TopicHit
from generator.quotes import run_fingerprints
from generator.slugs import assign_stems, name_key, slugify
from generator.stories import COMMON_QUOTE, MIN_SHARED_RUNS, Story, detect_stories
from generator.taxonomy import ActorEntry, Taxonomy, TopicEntry


CO_MENTIONED = 8  # people listed under "Often mentioned with"


@dataclass
class ActorIndex:
    id: str
    name: str
    role: str | None
    auto: bool
    entry: ActorEntry | None
    articles: list[Article] = field(default_factory=list)
    quotes: list[tuple[Quote, Article]] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)  # newest first

    @property
    def curated(self) -> bool:
        """Neither in the taxonomy nor found in a text: added by an article's front matter."""
        return not self.auto and self.entry is None

    @property
    def aliases(self) -> tuple[str, ...]:
        if self.entry:
            return (*self.entry.aliases, *self.entry.surnames)
        return tuple(dict.fromkeys(alias for article in self.articles for mention in article.actors
                                   if mention.id == self.id for alias in mention.aliases))

    @cached_property
    def co_mentioned(self) -> list[tuple[str, str, int]]:
        """(id, name, shared articles) of the people most often named with this one.
        Computed only for actor pages that are rendered."""
        shared: Counter[str] = Counter()  # other actor id -> articles naming both
        names: dict[str, str] = {}
        for article in self.articles:
            for mention in article.actors:
                if mention.id != self.id:
                    shared[mention.id] += 1
                    names.setdefault(mention.id, mention.name)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], names[item[0]]))
        return [(other, names[other], n) for other, n in ranked[:CO_MENTIONED]]


@dataclass
class TopicIndex:
    entry: TopicEntry
    # Both levels as (level, article, hit), newest first: what the topic's pages list. One
    # date order (not primary then mentioned) so a new article changes only the newest page.
    listed: list[tuple[str, Article, TopicHit]] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)  # stories mainly about the topic, newest first

    @cached_property
    def counts(self) -> Counter[str]:
        """Articles per level ("primary", "mentioned")."""
        return Counter(level for level, _, _ in self.listed)


@dataclass
class OutletIndex:
    name: str
    slug: str
    articles: list[Article] = field(default_factory=list)


@dataclass
class Indexes:
    articles: list[Article]  # newest first, undated last
    actors: list[ActorIndex]  # most covered first
    topics: list[TopicIndex]
    by_month: dict[str, list[Article]]  # "YYYY-MM" -> articles, newest first
    undated: list[Article]
    outlets: list[OutletIndex]  # most articles first
    inferred: dict[str, tuple[str, list[Article]]]  # undated source -> (likely date, dated coverage)
    stories: list[Story] = field(default_factory=list)  # the same event across articles, newest first

    @cached_property
    def story_of(self) -> dict[str, Story]:
        """Article source -> its story."""
        return {a.source: story for story in self.stories for a in story.articles}

    @property
    def span(self) -> tuple[str, str] | None:
        """(oldest, newest) publication date; None when no article is dated."""
        dated = len(self.articles) - len(self.undated)
        return (self.articles[dated - 1].date, self.articles[0].date) if dated else None  # type: ignore[return-value]


def newest_first(articles: list[Article]) -> list[Article]:
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.date, a.title, a.source), reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title, a.source))
    return dated + undated


def base_path(article: Article) -> str:
    """articles/YYYY/MM/slug (no suffix): the page path unless another title slugifies alike."""
    folder = f"{article.date[:4]}/{article.date[5:7]}" if article.date else "undated"
    article.slug = article.slug or slugify(article.title)  # cached records keep theirs
    return f"articles/{folder}/{article.slug}"


def assign_paths(articles: list[Article]) -> None:
    """Stable, readable page paths: articles/YYYY/MM/slug.md or articles/undated/slug.md.
    Two titles that slugify alike both keep a page: every one but the first (by source
    path) gets a short suffix derived from its source path."""
    stems = assign_stems(((article.source, base_path(article)) for article in articles), reserved=())
    for article in articles:
        article.page_path = stems[article.source] + ".md"


def outlet_indexes(articles: list[Article], taxonomy: Taxonomy) -> list[OutletIndex]:
    """One index per outlet however an article writes it ("SPUTNIK", " sputnik "), named as
    outlets.yml names it or else in its most common spelling, most articles first. Outlets
    whose names slugify alike, or like an overview page, still get a page each."""
    canonical: dict[str, str] = {}
    for outlet in taxonomy.outlets:
        canonical.setdefault(name_key(outlet.name), outlet.name)
    for outlet in taxonomy.outlets:
        for alias in outlet.aliases:
            canonical.setdefault(name_key(alias), outlet.name)
    grouped: dict[str, list[Article]] = defaultdict(list)  # name key ("" without an outlet) -> articles
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        spelling = " ".join((article.outlet or "").split())
        grouped[name_key(spelling)].append(article)
        spellings[name_key(spelling)][spelling] += 1
    names = {key: canonical.get(key) or (_most_common(spellings[key]) if key else UNKNOWN_OUTLET) for key in grouped}
    stems = assign_stems((key, slugify(name)) for key, name in names.items())
    outlets = [OutletIndex(names[key], stems[key], members) for key, members in grouped.items()]
    return sorted(outlets, key=lambda o: (-len(o.articles), o.name, o.slug))


def _most_common(spellings: Counter[str]) -> str:
    """The spelling most articles use; of equally common ones, the newest article's (counted first)."""
    return spellings.most_common(1)[0][0]


def build_indexes(articles: list[Article], taxonomy: Taxonomy) -> Indexes:
    ordered = newest_first(articles)
    entries = {a.id: a for a in taxonomy.actors}
    actors: dict[str, ActorIndex] = {}
    by_month: dict[str, list[Article]] = defaultdict(list)
    topics = {t.id: TopicIndex(t) for t in taxonomy.topics}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)  # id -> names of a person the taxonomy does not list
    for article in ordered:
        for mention in article.actors:
            if mention.id not in entries:
                spellings[mention.id][mention.name] += 1
            actor = actors.get(mention.id)
            if actor is None:
                entry = entries.get(mention.id)
                actor = actors[mention.id] = ActorIndex(
                    mention.id, entry.name if entry else mention.name, mention.role, mention.auto, entry
                )
            elif mention.auto and actor.curated:  # found in a text as well: its role says more
                actor.auto, actor.role = True, mention.role
            actor.articles.append(article)
        for quote in article.quotes:
            if quote.speaker_id in actors:
                actors[quote.speaker_id].quotes.append((quote, article))
        for level in ("primary", "mentioned"):
            for hit in article.topics.get(level, []):
                if hit.id in topics:
                    topics[hit.id].listed.append((level, article, hit))
        if article.date:
            by_month[article.date[:7]].append(article)
    for actor_id, names in spellings.items():
        actors[actor_id].name = _most_common(names)
    stories = detect_stories(ordered)
    for story in stories:
        for actor_id, _, _ in story.people:
            actors[actor_id].stories.append(story)
        for topic_id in story.topics:
            if topic_id in topics:
                topics[topic_id].stories.append(story)
    return Indexes(
        articles=ordered,
        actors=sorted(actors.values(), key=lambda a: (-len(a.articles), a.name)),
        topics=list(topics.values()),
        by_month=dict(sorted(by_month.items(), reverse=True)),
        undated=[a for a in ordered if not a.date],
        outlets=outlet_indexes(ordered, taxonomy),
        inferred=infer_dates(ordered),
        stories=stories,
    )


def infer_dates(articles: list[Article]) -> dict[str, tuple[str, list[Article]]]:
    """A likely date for undated articles, from dated coverage of the same event: articles
    quoting the same words, dated on the weekday the undated text names ("said Thursday").
    Shown as a suggestion on the Undated page, never used as the article's date."""
    undated = {a.source: run_fingerprints(a.quote_runs) for a in articles if not a.date and a.quote_runs}
    wanted = set().union(*undated.values()) if undated else set()
    if not wanted:
        return {}
    quoting: dict[int, list[Article]] = defaultdict(list)
    for article in articles:
        if article.date and article.quote_runs:
            for run in wanted.intersection(run_fingerprints(article.quote_runs)):
                quoting[run].append(article)
    by_source = {a.source: a for a in articles}
    result: dict[str, tuple[str, list[Article]]] = {}
    for source, runs in undated.items():
        weekday = by_source[source].weekday
        shared: Counter[str] = Counter()  # date -> shared runs
        coverage: dict[str, set[str]] = defaultdict(set)
        for run in runs:
            quoted_by = quoting.get(run, ())
            if len(quoted_by) > COMMON_QUOTE:
                continue  # a famous line quoted everywhere says nothing about which event this is
            for other in quoted_by:
                if weekday is None or dt.date.fromisoformat(other.date).weekday() == weekday:
                    shared[other.date] += 1
                    coverage[other.date].add(other.source)
        if shared and (best := max(shared.items(), key=lambda item: (item[1], item[0])))[1] >= MIN_SHARED_RUNS:
            result[source] = (best[0], [by_source[s] for s in sorted(coverage[best[0]])])
    return result
