"""Extract stage: CleanArticle -> Article (metadata, actors, topics, quotes).

`Extractor` is built once per taxonomy (it compiles the patterns) and then
turns any number of sources into Articles; `process` runs read -> clean ->
extract for one file, which is the unit of work the build parallelises and caches.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import bylines, dates, metadata, quotes, topics
from generator.actors import ActorScanner
from generator.clean import clean
from generator.model import ActorMention, Article, CleanArticle, PageMetadata, RawArticle, TopicHit
from generator.patterns import Budget
from generator.read import read_article
from generator.stories import ALONE, places_named
from generator.taxonomy import Taxonomy

SUMMARY_CHARS = 320
TITLE_CHARS = 200  # a headline is rarely over 120; a longer "title" is a whole text saved on one line
_TITLE_CUT = re.compile(rf"(.{{1,{TITLE_CHARS}}})\s", re.DOTALL)  # the longest head that ends before a space
SHORT_TITLE_WORDS = 2  # a title this short is likely a label, not a headline: a notice


_WARM_UP = """Talks Resume Between the Two Delegations

March 3, 2019

Officials from both delegations met on Tuesday, a spokeswoman said. "The channel stays open,"
said Maria Jensen, who led one of them.
"""


class Extractor:
    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.actors = ActorScanner(taxonomy)
        self.topics = topics.Classifier(taxonomy.topics)
        self.outlets = metadata.OutletFinder(taxonomy.outlets)

    def process(self, path: Path, display: Path | None = None) -> Article:
        """Read, clean and extract one source file. Raises InputError for unusable files."""
        return self.extract(read_article(path, display))

    def warm_up(self) -> None:
        """Extracts a small made-up article, so the data extraction loads on first use (the language
        model, the first-name dictionary: over a second) is loaded: a server calls this while idle,
        and the first article dropped in does not wait for it."""
        self.extract(RawArticle(Path("warm-up.txt"), _WARM_UP, "text"))

    def extract(self, raw: RawArticle) -> Article:
        budget = Budget(len(raw.text))  # the time each user pattern may take on this article
        cleaned = clean(raw, self.taxonomy, budget)
        over = raw.overrides
        paragraphs = cleaned.paragraphs
        warnings = list(raw.problems)
        page = raw.page or PageMetadata()
        title, title_source, notices = _title(raw, cleaned)
        url, url_warnings = metadata.decide_url(over.get("url"), [*filter(None, [page.url]), *cleaned.urls])
        warnings += url_warnings
        full_text = "\n".join([title, *(b.text for b in cleaned.blocks)])

        if "date" in over:
            date, date_source = over["date"], "front matter"
        elif page.date:
            date, date_source = page.date, "html metadata"
        else:
            date, date_source, date_warnings = metadata.decide_date(cleaned, url, full_text)
            warnings += date_warnings
        if date is None:
            notices.append("undated: the text states no publication date (add `date:` in front matter)")
        signers = self.outlets.signers(cleaned, url)
        if "outlet" in over:
            outlet, outlet_source = over["outlet"], "front matter"
        else:
            outlet, outlet_source = self.outlets.decide(cleaned, url, signers)
            if page.site_name and outlet_source != metadata.KNOWN_DOMAIN:  # outlets.yml's name for a known site
                outlet, outlet_source = page.site_name, "site name"
        author = over.get("author") or _page_author(page.author) or signers.author
        summary = over.get("summary") or cleaned.summary or _lead(paragraphs)
        if not paragraphs:
            warnings.append("no article text survived cleaning; check `briefing explain` for this file")

        # Actors are found in everything a reader sees about the article, captions included
        # (a caption may be the only place someone is named); quotes only in the body.
        lead = [title, cleaned.summary or ""]
        year = int(date[:4]) if date else None
        language = over.get("language") or page.language or metadata.detect_language(full_text)
        credits = [*cleaned.credits, author] if author else cleaned.credits  # the byline names no actor
        scan = self.actors.scan([*lead, *paragraphs, *cleaned.captions], credits, year, language)
        names = {a.id: a.name for a in scan.actors}
        found_quotes = quotes.find_quotes(paragraphs, len(lead), scan.mentions, names, self.taxonomy.speech,
                                         language, [*lead, *cleaned.captions], self.taxonomy.roles.titles,
                                         self.taxonomy.roles.role_nouns)
        words = metadata.word_count(paragraphs)
        found_topics = self.topics.classify(title, paragraphs, budget)
        warnings += budget.problems
        return Article(
            source=raw.source.as_posix(),
            digest=raw.digest,
            title=title,
            title_source=title_source,
            date=date,
            date_source=date_source,
            outlet=outlet,
            outlet_source=outlet_source,
            wire=signers.wire,
            wire_source=signers.wire_source,
            author=author,
            url=url,
            language=language,
            summary=summary,
            blocks=cleaned.blocks,
            dropped=cleaned.dropped,
            word_count=words,
            reading_minutes=metadata.reading_minutes(words),
            actors=self._with_curated(scan.actors, over.get("actors")),
            topics=self._with_curated_topics(found_topics, over.get("topics"), warnings),
            quotes=found_quotes,
            quote_runs=quotes.quoted_runs(paragraphs, self.taxonomy.speech.quote_marks),
            weekday=dates.weekday_named(full_text),
            places=places_named(paragraphs, names.values()),
            story_pin=_story_pin(over.get("story")),
            warnings=warnings,
            notices=notices,
        )

    def _with_curated(self, found: list[ActorMention], curated: list | None) -> list[ActorMention]:
        """Front matter `actors: [Name, ...]` adds people the text names in ways no rule catches,
        or does not name at all; a name the taxonomy does not list gets an id as a discovered one would."""
        present = {a.id for a in found}
        extra = []
        for name in filter(None, (" ".join(str(n).split()) for n in curated or ())):
            entry = self.actors.entry_for(name)
            actor_id = entry.id if entry else self.actors.new_id(name)
            if actor_id not in present:
                present.add(actor_id)
                extra.append(ActorMention(actor_id, entry.name if entry else name, 0, auto=False,
                                          role=entry.role if entry else None))
        return found + extra

    def _with_curated_topics(self, found: dict[str, list[TopicHit]], curated: list | None,
                             warnings: list[str]) -> dict[str, list[TopicHit]]:
        """Front matter `topics: [id, ...]` makes each listed topic primary, with 'front matter' as
        its evidence and first in the list; an id topics.yml does not define is a warning."""
        known = {t.id for t in self.taxonomy.topics}
        chosen = []
        for topic_id in dict.fromkeys(map(str, curated or ())):
            if topic_id in known:
                chosen.append(topic_id)
            else:
                warnings.append(f"front matter topic '{topic_id}' is not in topics.yml "
                                f"(its ids: {', '.join(sorted(known))}); ignored")
        if not chosen:
            return found
        scores = {hit.id: hit.score for hits in found.values() for hit in hits}
        curated_hits = [TopicHit(t, scores.get(t, 0.0), ["front matter"]) for t in chosen]
        return {"primary": curated_hits + [h for h in found["primary"] if h.id not in chosen],
                "mentioned": [h for h in found["mentioned"] if h.id not in chosen]}


def _capped(title: str, notices: list[str]) -> str:
    """At most about TITLE_CHARS characters, ending at a word boundary, with an ellipsis and a notice."""
    if len(title) <= TITLE_CHARS:
        return title
    notices.append(f"the title is {len(title):,} characters long; it was cut to about {TITLE_CHARS}")
    head = _TITLE_CUT.match(title[:TITLE_CHARS + 1])
    return (head[1] if head else title[:TITLE_CHARS]).rstrip(" ,;:-–—") + "…"


def _title(raw: RawArticle, cleaned: CleanArticle) -> tuple[str, str, list[str]]:
    """(title, where it came from, notices). A guess is a notice, never a failure."""
    notices: list[str] = []
    if raw.overrides.get("title"):
        return _capped(raw.overrides["title"], notices), "front matter", notices
    if raw.page and raw.page.title:
        return _capped(raw.page.title, notices), "html metadata", notices
    if not cleaned.title:
        return raw.source.stem, "file name", ["no headline found: the file name is the title (add `title:` in front matter)"]
    title, source = _capped(cleaned.title, notices), cleaned.title_source or "first line"
    if source == "best guess above article":
        notices.append(f"title '{title}' is a guess ({cleaned.title_reason}); add `title:` in front matter if it is wrong")
    words = len(title.split())
    if words <= SHORT_TITLE_WORDS:
        notices.append(f"title '{title}' is only {words} word{'s' if words > 1 else ''}; "
                       "check it is the headline (`briefing explain`)")
    return title, source, notices


def _page_author(author: str | None) -> str | None:
    """The persons a page's author metadata names, read as a byline ("Ann Roe, AP Writer" -> "Ann
    Roe"); None for a desk, a site or a user name ("Staff Reports", "admin"). A name in capitals
    is written as a name."""
    byline = bylines.parse(author, bare=True) if author else None
    if byline is None or not byline.persons:
        return None
    return bylines.joined(tuple(p.title() if p.isupper() else p for p in byline.persons))


def _story_pin(value: str | None) -> str | None:
    """Front matter `story:` as stories.detect_stories reads it: an id, or ALONE."""
    return ALONE if value and value.casefold() in (ALONE, "false") else value


def _lead(paragraphs: list[str]) -> str | None:
    """Without a standfirst, the opening sentences stand in as the summary."""
    if not paragraphs:
        return None
    picked = ""
    for sentence in topics.sentences(paragraphs[0]):
        if picked and len(picked) + len(sentence) > SUMMARY_CHARS:
            break
        picked = f"{picked} {sentence}".strip()
    return picked

