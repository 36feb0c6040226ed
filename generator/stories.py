"""Stories: the articles of a corpus that report the same event, grouped by evidence a
reader would accept.

Two articles are linked when their dates are close (WINDOW_DAYS) and either
  * they quote the same words (MIN_SHARED_RUNS five-word runs of quoted text, a run
    quoted by more than COMMON_QUOTE articles not counting), or
  * they name the same people and their headlines and standfirsts say the same thing in
    other words: MIN_SHARED_WORDS distinctive words in common (words few articles of the
    corpus use) and rapidfuzz's token-set ratio, the people's names left out, at least
    SIMILAR_WORDING.
An undated article is linked only by shared quotations (on the weekday its text names, if
any). Linked articles form a
story, strongest links first, as long as its dated articles stay within MAX_SPAN_DAYS: a
chain of follow-ups never grows into one endless story.

Near-linear: candidates come from an index of quoted runs and from people named within the
date window (a person named by more than MAX_BLOCK articles of one window is no evidence of
one event, and is not used to find candidates); no two articles are compared otherwise.

Deterministic: the same corpus gives the same stories and ids. A story's id is its earliest
article's date and the slug of its headline, so adding an unrelated article changes no id.

A user decides where the rules do not: front matter `story: ID` puts an article into story ID
(articles given the same ID form it, joined by the automatic story of that id if there is
one), and `story: none` (or `false`) keeps it alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz import fuzz

from generator.dates import MONTHS, WEEKDAYS
from generator.model import UNKNOWN_OUTLET, Article, Quote
from generator.quotes import run_fingerprints, word_runs
from generator.slugs import RESERVED, assign_stems, slugify

WINDOW_DAYS = 3  # articles on one event are published within a few days of each other
MAX_SPAN_DAYS = 4  # the dated articles of one story lie within this many days
MIN_SHARED_RUNS = 2  # shared five-word runs of quoted text: one quotation of six words or more
COMMON_QUOTE = 50  # a run quoted by more articles than this is a famous line, not evidence of one event
MAX_BLOCK = 200  # a person named by more articles of one window finds no candidates
SIMILAR_WORDING = 70  # token-set ratio (0-100) of headline and standfirst, names left out
MIN_SHARED_WORDS = 4  # and at least this many distinctive words in common (a short headline is no proof)
COMMON_WORD, COMMON_WORD_SHARE = 200, 0.02  # a word in more articles than both is not distinctive
ID_SLUG_CHARS = 60  # a story id: its date and the first words of its headline
ALONE = "none"  # front matter `story: none` / `story: false`
LEAD_PARAGRAPHS = 3  # where a report says where the event took place
_WORD = re.compile(r"\w+")
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)  # "in January", "on Monday": no place
# "in Brussels", "at The Hague": a capitalised name of one to three words after "in" or "at".
_PLACE = re.compile(r"\b(?:in|at) ((?:The )?[A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){0,2})")


def outlets_of(articles: Iterable[Article]) -> list[str]:
    """The outlets of some articles, each once, in the articles' order."""
    return list(dict.fromkeys(a.outlet or UNKNOWN_OUTLET for a in articles))


@dataclass
class QuoteGroup:
    """One quotation as every article of the story carries it (the longest wording shown)."""

    quote: Quote
    articles: list[Article] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return outlets_of(self.articles)


@dataclass
class Story:
    id: str
    articles: list[Article]  # by date (undated last), then outlet

    @property
    def title(self) -> str:
        """The first report's headline."""
        return self.articles[0].title

    @property
    def date(self) -> str | None:
        """The earliest date an article states."""
        return next((a.date for a in self.articles if a.date), None)

    @property
    def newest(self) -> str | None:
        return max((a.date for a in self.articles if a.date), default=None)

    @property
    def outlets(self) -> list[str]:
        return outlets_of(self.articles)

    @cached_property
    def place(self) -> str | None:
        """The place most of its articles name in their opening paragraphs (two at least)."""
        named = Counter(place for a in self.articles for place in a.places)
        best = min(named, key=lambda p: (-named[p], p), default=None)
        return best if best and named[best] > 1 else None

    @cached_property
    def people(self) -> list[tuple[str, str, int]]:
        """(actor id, name, articles naming them), most named first: the story's people."""
        named: Counter[str] = Counter()
        mentions: Counter[str] = Counter()
        names: dict[str, str] = {}
        for article in self.articles:
            for actor in article.actors:
                named[actor.id] += 1
                mentions[actor.id] += actor.mentions
                names.setdefault(actor.id, actor.name)
        ranked = sorted(named, key=lambda i: (-named[i], -mentions[i], names[i]))
        return [(i, names[i], named[i]) for i in ranked]

    @property
    def main_people(self) -> list[tuple[str, str]]:
        """(actor id, name) of up to three people: those quoted most widely, then the most named."""
        quoted = [(g.quote.speaker_id, g.quote.speaker or "") for g in self.key_quotes if g.quote.speaker_id]
        named = [(actor_id, name) for actor_id, name, _ in self.people]
        return list(dict.fromkeys([*quoted, *named]))[:3]

    @cached_property
    def topics(self) -> list[str]:
        """Topic ids the story's articles are about (primary), most articles first."""
        counts = Counter(hit.id for a in self.articles for hit in a.topics.get("primary", []))
        return sorted(counts, key=lambda t: (-counts[t], t))

    @cached_property
    def quotes(self) -> list[QuoteGroup]:
        return group_quotes((q, a) for a in self.articles for q in a.quotes)

    @property
    def shared_quotes(self) -> list[QuoteGroup]:
        """Quotations several outlets carry, most outlets first."""
        shared = [g for g in self.quotes if len(g.outlets) > 1]
        return sorted(shared, key=lambda g: -len(g.outlets))

    @property
    def single_quotes(self) -> list[QuoteGroup]:
        return [g for g in self.quotes if len(g.outlets) == 1]

    @property
    def key_quotes(self) -> list[QuoteGroup]:
        """One quotation for each side: the most carried quotation of each speaker."""
        seen: set[str | None] = set()
        picked = []
        for group in sorted(self.quotes, key=lambda g: -len(g.outlets)):
            speaker = group.quote.speaker_id or group.quote.speaker
            if speaker and speaker not in seen:
                seen.add(speaker)
                picked.append(group)
        return picked[:3]

    def others(self, article: Article) -> list[Article]:
        return [a for a in self.articles if a is not article]


@lru_cache(maxsize=1 << 14)  # a name recurs in thousands of articles
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(normalized(name).split())


def normalized(text: str) -> str:
    """Quotation text as compared: its words, lower case, punctuation and quotation marks ignored."""
    return " ".join(_WORD.findall(text.casefold()))


def group_quotes(items: Iterable[tuple[Quote, Article]]) -> list[QuoteGroup]:
    """Each quotation once, with every article that carries it: the same normalized words, or
    one quoting part of the other (MIN_SHARED_RUNS five-word runs in common, or all of a
    shorter one's). `items` come article by article; groups are in order of first appearance.
    Near-linear: an index of runs, never all pairs."""
    groups: list[QuoteGroup] = []
    by_key: dict[str, int] = {}  # normalized text or five-word run -> group
    for quote, article in items:
        words = normalized(quote.text).split()
        text = " ".join(words)
        runs = word_runs(words)
        match = by_key.get(text)
        if match is None and runs:
            found = Counter(by_key[run] for run in runs if run in by_key)
            best = min(found, key=lambda g: (-found[g], g), default=None)
            if best is not None and found[best] >= min(MIN_SHARED_RUNS, len(runs)):
                match = best
        if match is None:
            match = len(groups)
            groups.append(QuoteGroup(quote))
        group = groups[match]
        if not group.articles or group.articles[-1] is not article:  # an article quoting it twice counts once
            group.articles.append(article)
        if len(quote.text) > len(group.quote.text):
            group.quote = quote
        for key in (text, *runs):
            by_key.setdefault(key, match)
    return groups


def places_named(paragraphs: list[str], people: Iterable[str]) -> list[str]:
    """Places the opening paragraphs say something happened in or at ("in Brussels"), each once:
    never a month, a weekday or a person the article names."""
    names = {word for person in people for word in person.split()}
    found = (m[1] for paragraph in paragraphs[:LEAD_PARAGRAPHS] for m in _PLACE.finditer(paragraph))
    return list(dict.fromkeys(place for place in found
                              if place.casefold() not in _DATE_WORDS and names.isdisjoint(place.split())))


def detect_stories(articles: list[Article]) -> list[Story]:
    """The stories of a corpus (two articles or more each), newest first; sets each article's
    `story` (None when it stands alone)."""
    ordered = sorted(articles, key=lambda a: a.source)
    free = [a for a in ordered if a.story_pin is None]
    clusters = _clusters(free)
    pinned: dict[str, list[Article]] = defaultdict(list)
    for article in ordered:
        if article.story_pin not in (None, ALONE):
            pinned[_pinned_id(article.story_pin)].append(article)
    stories = _named(clusters, pinned)
    for article in articles:
        article.story = None
    for story in stories:
        for article in story.articles:
            article.story = story.id
    return sorted(stories, key=lambda s: (s.newest or "", s.date or "", s.id), reverse=True)


def _named(clusters: list[list[Article]], pinned: dict[str, list[Article]]) -> list[Story]:
    """Stories with their ids: pinned articles join the automatic story of their id, or form it."""
    auto = [c for c in clusters if len(c) > 1]
    stems = assign_stems((min(a.source for a in c), _auto_id(c)) for c in auto)
    members = {stems[min(a.source for a in c)]: c for c in auto}
    for story_id, group in pinned.items():
        members[story_id] = members.get(story_id, []) + group
    return [Story(story_id, _by_date(group)) for story_id, group in members.items() if len(group) > 1]


def _pinned_id(pin: str) -> str:
    """The id a user wrote, as a page name: never a folder's overview page."""
    story_id = slugify(pin)
    return f"story-{story_id}" if story_id in RESERVED else story_id


def _by_date(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date is None, a.date or "", a.outlet or "", a.source))


def _auto_id(cluster: list[Article]) -> str:
    first = _by_date(cluster)[0]
    words = slugify(first.title)[:ID_SLUG_CHARS].rstrip("-")
    return f"{first.date or 'undated'}-{words}"


def _clusters(articles: list[Article]) -> list[list[Article]]:
    """Linked articles, strongest links first, each story within MAX_SPAN_DAYS."""
    days = [dt.date.fromisoformat(a.date).toordinal() if a.date else None for a in articles]
    parent = list(range(len(articles)))
    span = {i: (d, d) for i, d in enumerate(days) if d is not None}  # root -> (first, last) dated day

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in sorted(_links(articles, days)):
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        spans = [s for s in (span.get(ri), span.get(rj)) if s]
        joined = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None
        if joined and joined[1] - joined[0] > MAX_SPAN_DAYS:
            continue
        parent[rj] = ri
        if joined:
            span[ri] = joined
    groups: dict[int, list[Article]] = defaultdict(list)
    for i, article in enumerate(articles):
        groups[root(i)].append(article)
    return list(groups.values())


def _links(articles: list[Article], days: list[int | None]) -> list[tuple[tuple[int, int], int, int]]:
    """(strength as a sort key, i, j) for every pair of articles the evidence links."""
    runs = [run_fingerprints(a.quote_runs) for a in articles]
    links = []
    for (i, j), shared in _quote_candidates(runs, days).items():
        if shared >= MIN_SHARED_RUNS and _weekday_fits(articles[i], days[j]) and _weekday_fits(articles[j], days[i]):
            links.append(((-shared, 0), i, j))
    quoted = {(i, j) for _, i, j in links}
    wording = [_wording(a) for a in articles]
    words = _distinctive(wording)
    for i, j in sorted(_people_candidates(articles, days) - quoted):
        if len(words[i] & words[j]) < MIN_SHARED_WORDS:  # cheaper than the ratio, and needed as well
            continue
        if ratio := fuzz.token_set_ratio(" ".join(wording[i]), " ".join(wording[j]), score_cutoff=SIMILAR_WORDING):
            links.append(((0, -round(ratio)), i, j))
    return links


def _distinctive(wording: list[tuple[str, ...]]) -> list[frozenset[str]]:
    """Each article's words that few articles of the corpus use: "treaty", "Vienna" and "hotline"
    tell events apart, "defense" and "talks" do not."""
    words = [frozenset(article) for article in wording]
    used = Counter(word for article in words for word in article)
    limit = max(COMMON_WORD, len(words) * COMMON_WORD_SHARE)
    return [frozenset(word for word in article if used[word] <= limit) for article in words]


def _close(a: int | None, b: int | None) -> bool:
    return a is None or b is None or abs(a - b) <= WINDOW_DAYS


def _weekday_fits(undated: Article, day: int | None) -> bool:
    """An undated article that names a weekday ("said Thursday") fits coverage of that weekday only."""
    if undated.date or undated.weekday is None or day is None:
        return True
    return dt.date.fromordinal(day).weekday() == undated.weekday


def _quote_candidates(runs: list[set[int]], days: list[int | None]) -> Counter[tuple[int, int]]:
    """Pairs of articles within the window -> five-word runs both quote."""
    quoting: dict[int, list[int]] = defaultdict(list)
    for i, fingerprints in enumerate(runs):
        for run in fingerprints:
            quoting[run].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in quoting.values():
        if len(members) > COMMON_QUOTE:
            continue
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                if _close(days[i], days[j]):
                    shared[i, j] += 1
    return shared


def _people_candidates(articles: list[Article], days: list[int | None]) -> set[tuple[int, int]]:
    """Pairs of dated articles within the window that name a person in common: the only pairs
    whose wording is compared."""
    by_person: dict[str, list[tuple[int, int]]] = defaultdict(list)  # actor id -> (day, article)
    for i, article in enumerate(articles):
        if days[i] is not None:
            for actor in article.actors:
                by_person[actor.id].append((days[i], i))
    pairs: set[tuple[int, int]] = set()
    for members in by_person.values():
        members.sort()
        start = 0
        for n, (day, i) in enumerate(members):
            while members[start][0] < day - WINDOW_DAYS:
                start += 1
            if n - start <= MAX_BLOCK:
                pairs.update((min(i, j), max(i, j)) for _, j in members[start:n])
    return pairs


def _wording(article: Article) -> tuple[str, ...]:
    """The words of the headline and standfirst without the people's names: what the articles
    say happened."""
    return _wording_of(article.title, article.summary or "", tuple(actor.name for actor in article.actors))


@lru_cache(maxsize=1 << 15)  # a server (mkdocs serve) detects stories at every change: most articles did not change
def _wording_of(title: str, summary: str, names: tuple[str, ...]) -> tuple[str, ...]:
    name_words = {word for name in names for word in _name_words(name)}
    return tuple(w for w in _WORD.findall(f"{title} {summary}".casefold()) if len(w) > 3 and w not in name_words)
