"""Data out: every article record as JSON and as CSV tables (schema in docs/data.md).

    data/articles.json  data/articles.csv  data/quotes.csv  data/actors.csv

The built site carries all four (the MkDocs plugin writes them); `briefing export
--format json|csv --out DIR` writes the same files locally. Records are newest
first, undated last, as the site lists them. A CSV cell whose text starts with
= + - @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it
as text instead of running it as a formula (OWASP's CSV injection advice).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.index import Indexes
from generator.model import Article
from generator.render import page_url

FORMATS = {"json": ("articles.json",), "csv": ("articles.csv", "quotes.csv", "actors.csv")}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "  # several values in one CSV cell (actor ids, topic ids)

ARTICLE_COLUMNS = ("page", "source", "title", "title_source", "date", "date_source", "outlet", "outlet_source",
                   "author", "url", "language", "summary", "word_count", "reading_minutes", "wire", "wire_source",
                   "actors", "primary_topics", "mentioned_topics", "quotes", "story")
QUOTE_COLUMNS = ("page", "source", "speaker", "speaker_id", "text")
ACTOR_COLUMNS = ("id", "name", "role", "auto", "articles", "quotes", "page")


def article_record(article: Article, directory_urls: bool) -> dict[str, Any]:
    """Everything the site knows of one article, with where each metadata value was read."""
    return {
        "page": page_url(article.page_path, directory_urls),
        "source": article.source,
        "title": article.title, "title_source": article.title_source,
        "date": article.date, "date_source": article.date_source,
        "outlet": article.outlet, "outlet_source": article.outlet_source,
        "author": article.author, "url": article.url, "language": article.language, "summary": article.summary,
        "word_count": article.word_count, "reading_minutes": article.reading_minutes,
        "wire": article.wire, "wire_source": article.wire_source,
        "actors": [{"id": a.id, "name": a.name, "role": a.role, "auto": a.auto, "mentions": a.mentions}
                   for a in article.actors],
        "topics": {level: [{"id": h.id, "score": h.score, "evidence": h.evidence} for h in hits]
                   for level, hits in article.topics.items()},
        "quotes": [{"speaker": q.speaker, "speaker_id": q.speaker_id, "text": q.text} for q in article.quotes],
        "story": article.story,  # the id of the story the article is part of (generator.stories); None alone
    }


def export_files(indexes: Indexes, directory_urls: bool, formats: tuple[str, ...] = ("json", "csv")) -> dict[str, bytes]:
    """File name -> contents for the requested formats."""
    records = [article_record(a, directory_urls) for a in indexes.articles]
    made = {
        "articles.json": lambda: json.dumps(records, ensure_ascii=False, indent=1).encode(),
        "articles.csv": lambda: _csv(ARTICLE_COLUMNS, map(_article_row, records)),
        "quotes.csv": lambda: _csv(QUOTE_COLUMNS, ({"page": r["page"], "source": r["source"], **q}
                                                   for r in records for q in r["quotes"])),
        "actors.csv": lambda: _csv(ACTOR_COLUMNS, (
            {"id": a.id, "name": a.name, "role": a.role, "auto": a.auto, "articles": len(a.articles),
             "quotes": len(a.quotes), "page": page_url(f"actors/{a.id}.md", directory_urls)} for a in indexes.actors)),
    }
    return {name: made[name]() for fmt in formats for name in FORMATS[fmt]}


def _article_row(record: dict[str, Any]) -> dict[str, Any]:
    topics = record["topics"]
    return {
        **{k: v for k, v in record.items() if k in ARTICLE_COLUMNS},
        "actors": LIST_SEPARATOR.join(a["id"] for a in record["actors"]),
        "primary_topics": LIST_SEPARATOR.join(h["id"] for h in topics.get("primary", [])),
        "mentioned_topics": LIST_SEPARATOR.join(h["id"] for h in topics.get("mentioned", [])),
        "quotes": len(record["quotes"]),
    }


def _csv(columns: tuple[str, ...], rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: defused(v) for k, v in row.items()} for row in rows)
    return out.getvalue().encode()


def defused(value: Any) -> Any:
    """A cell a spreadsheet shows as written: text starting like a formula gets a leading '."""
    if value is None:
        return ""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
