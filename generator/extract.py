"""Extract stage: CleanArticle -> Article (metadata, actors, topics, quotes).

`Extractor` is built once per taxonomy (it compiles the patterns) and then
turns any number of sources into Articles; `process` runs read -> clean ->
extract for one file, which is the unit of work the build parallelises and caches.
"""

from __future__ import annotations

from pathlib import Path

from generator import dates, metadata, quotes, topics
from generator.actors import ActorScanner
from generator.clean import clean
from generator.model import ActorMention, Article, CleanArticle, RawArticle
from generator.read import read_article
from generator.slugs import slugify
from generator.taxonomy import Taxonomy

SUMMARY_CHARS = 320
SHORT_TITLE_WORDS = 2  # a title this short is likely a label, not a headline: a notice


class Extractor:
    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.actors = ActorScanner(taxonomy)
        self.topics = topics.Classifier(taxonomy.topics)
        self.outlets = metadata.OutletFinder(taxonomy.outlets)

    def process(self, path: Path, display: Path | None = None) -> Article:
        """Read, clean and extract one source file. Raises InputError for unusable files."""
        return self.extract(read_article(path, display))

    def extract(self, raw: RawArticle) -> Article:
        cleaned = clean(raw, self.taxonomy)
        over = raw.overrides
        paragraphs = cleaned.paragraphs
        title, title_source, notices = _title(raw, cleaned)
        url = over.get("url") or next(iter(cleaned.urls), None)
        full_text = "\n".join([title, *(b.text for b in cleaned.blocks)])
        warnings = list(raw.problems)

        if "date" in over:
            date, date_source = over["date"], "front matter"
        else:
            date, date_source, date_warnings = metadata.decide_date(cleaned, url, full_text)
            warnings += date_warnings
        if date is None:
            notices.append("undated: the text states no publication date (add `date:` in front matter)")
        if "outlet" in over:
            outlet, outlet_source = over["outlet"], "front matter"
        else:
            outlet, outlet_source = self.outlets.decide(cleaned, url)
        author = over.get("author") or (", ".join(cleaned.bylines) if cleaned.bylines else None)
        summary = over.get("summary") or cleaned.summary or _lead(paragraphs)
        if not paragraphs:
            warnings.append("no article text survived cleaning; check `briefing explain` for this file")

        # Actors are found in everything a reader sees about the article, captions included
        # (a caption may be the only place someone is named); quotes only in the body.
        lead = [title, cleaned.summary or ""]
        year = int(date[:4]) if date else None
        scan = self.actors.scan([*lead, *paragraphs, *cleaned.captions], cleaned.credits, year)
        names = {a.id: a.name for a in scan.actors}
        found_quotes = quotes.find_quotes(paragraphs, len(lead), scan.mentions, names)
        words = metadata.word_count(paragraphs)
        return Article(
            source=raw.source.as_posix(),
            digest=raw.digest,
            title=title,
            title_source=title_source,
            date=date,
            date_source=date_source,
            outlet=outlet,
            outlet_source=outlet_source,
            author=author,
            url=url,
            language=over.get("language") or metadata.detect_language(full_text),
            summary=summary,
            blocks=cleaned.blocks,
            dropped=cleaned.dropped,
            word_count=words,
            reading_minutes=metadata.reading_minutes(words),
            actors=self._with_curated(scan.actors, over.get("actors")),
            topics=self.topics.classify(title, paragraphs),
            quotes=found_quotes,
            quote_runs=quotes.quoted_runs(paragraphs),
            weekday=dates.weekday_named(full_text),
            warnings=warnings,
            notices=notices,
        )

    def _with_curated(self, found: list[ActorMention], curated: list | None) -> list[ActorMention]:
        """Front matter `actors: [Name, ...]` adds people the text names in ways no rule catches."""
        present = {a.id for a in found}
        extra = []
        for name in map(str, curated or ()):
            entry = self.actors.entry_for(name)
            actor_id = entry.id if entry else slugify(name)
            if actor_id not in present:
                present.add(actor_id)
                extra.append(ActorMention(actor_id, entry.name if entry else name, 0, auto=False,
                                          role=entry.role if entry else None))
        return found + extra


def _title(raw: RawArticle, cleaned: CleanArticle) -> tuple[str, str, list[str]]:
    """(title, where it came from, notices). A guess is a notice, never a failure."""
    if raw.overrides.get("title"):
        return raw.overrides["title"], "front matter", []
    if not cleaned.title:
        return raw.source.stem, "file name", ["no headline found: the file name is the title (add `title:` in front matter)"]
    title, source, notices = cleaned.title, cleaned.title_source or "first line", []
    if source == "best guess above article":
        notices.append(f"title '{title}' is a guess ({cleaned.title_reason}); add `title:` in front matter if it is wrong")
    words = len(title.split())
    if words <= SHORT_TITLE_WORDS:
        notices.append(f"title '{title}' is only {words} word{'s' if words > 1 else ''}; "
                       "check it is the headline (`briefing explain`)")
    return title, source, notices


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

