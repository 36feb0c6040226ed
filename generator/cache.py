"""Content-hash cache of extracted Articles, for incremental builds.

An article is re-read and re-extracted only when its bytes, its path, the
taxonomy or the generator's code change. The cache keeps:
  * slim records: everything the index pages need, without the body (`slim=True`);
    an unchanged article's page is not re-rendered, so its body is not needed, and
    a slim record that must be rendered again is simply re-extracted;
  * each source's (mtime, size) -> sha256, so unchanged files are not re-hashed;
  * each index page's inputs fingerprint, so a page whose inputs did not change is not re-rendered.
One file next to the project (git-ignored): a pickled snapshot, followed by pickled
changes appended by later builds, so adding today's article does not rewrite the
records of ten thousand others. After COMPACT_AFTER appended changes the file is
rewritten whole. A missing, unreadable or truncated cache is simply rebuilt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

from generator.model import Article
from generator.write import atomic_write

FORMAT = 7  # bump when the cache's layout changes
COMPACT_AFTER = 32  # appended changes before the file is rewritten whole


def code_version() -> str:
    """Hash of the generator's code and templates, so changing either invalidates the cache."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("templates/*.j2")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def slim(article: Article) -> Article:
    """What the index pages need: no body, no quote paragraphs, one evidence sentence per topic
    (a topic listing shows the strongest). Kept small because a daily build loads every record."""
    return dataclasses.replace(
        article, blocks=[], dropped=[], slim=True,
        quotes=[dataclasses.replace(q, paragraph="") for q in article.quotes],
        topics={level: [dataclasses.replace(h, evidence=h.evidence[:1]) for h in hits]
                for level, hits in article.topics.items()},
    )


def _changes(old: dict, new: dict) -> tuple[dict, list]:
    """What turns `old` into `new`: (entries to set, keys to remove)."""
    return {k: v for k, v in new.items() if k not in old or old[k] != v}, [k for k in old if k not in new]


def _apply(target: dict, changes: tuple[dict, list]) -> None:
    updated, removed = changes
    target.update(updated)
    for key in removed:
        del target[key]


class ArticleCache:
    def __init__(self, directory: Path, taxonomy_digests: dict[str, str]):
        self.path = directory / "articles.pickle"
        self.stamp = (FORMAT, code_version(), tuple(sorted(taxonomy_digests.items())))
        self.entries: dict[tuple[str, str], Article] = {}
        self.stats: dict[str, tuple[int, int, str]] = {}  # source -> (mtime_ns, size, sha256)
        self.page_inputs: dict[str, str] = {}  # index page -> fingerprint of what it showed (render.Renderer.site)
        self.valid = False  # False: no usable cache, so the last build's pages cannot be trusted either
        self.appended = 0  # changes appended since the last whole snapshot
        self.loaded_pages: dict[tuple[str, str], tuple[str, str]] = {}
        self.recorded: set[str] = set()  # sources with a record: only their files need hashing here
        try:
            self._load(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, KeyError):
            self.entries, self.stats, self.page_inputs, self.valid = {}, {}, {}, False
        self.fresh: dict[tuple[str, str], Article] = {}
        self.fresh_stats: dict[str, tuple[int, int, str]] = {}
        self.fresh_page_inputs: dict[str, str] = {}
        self.unhashed: dict[str, tuple[int, int]] = {}  # source -> (mtime_ns, size), until `put` brings its digest

    def _load(self, data: bytes) -> None:
        stream = io.BytesIO(data)
        stamp, stats, entries, page_inputs = pickle.load(stream)
        if stamp != self.stamp:
            self.stats = stats  # still good for skipping the hashing of unchanged files
            return
        while stream.tell() < len(data):
            change_entries, change_stats, change_inputs = pickle.load(stream)
            _apply(entries, change_entries)
            _apply(stats, change_stats)
            _apply(page_inputs, change_inputs)
            self.appended += 1
        self.entries, self.stats, self.page_inputs, self.valid = entries, stats, page_inputs, True
        self.loaded_pages = self._pages(entries)
        self.recorded = {source for source, _ in entries}

    def lookup(self, path: str, source: str) -> Article | None:
        """The record of this file if its bytes are unchanged. A file without a record is not
        hashed here (a cold build would read every file twice): the worker that extracts it
        hashes the bytes it reads, and `put` files the digest."""
        info = os.stat(path)
        if source not in self.recorded:
            self.unhashed[source] = (info.st_mtime_ns, info.st_size)
            return None
        article = self.entries.get((source, self._digest(path, source, info)))
        if article is not None:
            self.fresh[(article.source, article.digest)] = article
        return article

    def _digest(self, path: str, source: str, info: os.stat_result) -> str:
        """sha256 of the file, re-hashed only when its size or modification time changed."""
        known = self.stats.get(source)
        if known and known[:2] == (info.st_mtime_ns, info.st_size):
            digest = known[2]
        else:
            with open(path, "rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
        self.fresh_stats[source] = (info.st_mtime_ns, info.st_size, digest)
        return digest

    def put(self, article: Article) -> None:
        self.fresh[(article.source, article.digest)] = article
        if (stat := self.unhashed.pop(article.source, None)) is not None:
            self.fresh_stats[article.source] = (*stat, article.digest)

    def serialised(self) -> tuple[bool, bytes] | None:
        """What `store` writes, as (whole, data): the whole cache, or the changes to append to
        it; None when nothing changed. Only what this build used is kept: deleted sources
        leave the cache too."""
        records = {key: a if a.slim else slim(a) for key, a in self.fresh.items()}
        if not self.valid or self.appended >= COMPACT_AFTER:
            return True, pickle.dumps((self.stamp, self.fresh_stats, records, self.fresh_page_inputs),
                                      pickle.HIGHEST_PROTOCOL)
        updated, removed = _changes(self.loaded_pages, self._pages(records))
        change: tuple[Any, ...] = (
            ({key: records[key] for key in updated}, removed),
            _changes(self.stats, self.fresh_stats),
            _changes(self.page_inputs, self.fresh_page_inputs),
        )
        if any(updated or removed for updated, removed in change):
            return False, pickle.dumps(change, pickle.HIGHEST_PROTOCOL)
        return None

    def store(self, serialised: tuple[bool, bytes] | None) -> None:
        """Writes what `serialised` made; called once the pages the records describe are written."""
        if serialised is None:
            return
        whole, data = serialised
        if whole:
            atomic_write(self.path, data)
        else:
            with open(self.path, "ab") as handle:  # a crash mid-append leaves a truncated cache: rebuilt next time
                handle.write(data)

    @staticmethod
    def _pages(records: dict[tuple[str, str], Article]) -> dict[tuple[str, str], tuple[str, str]]:
        """The part of a record a build may change after extraction: where its page is, and its digest."""
        return {key: (a.page_path, a.page_digest) for key, a in records.items()}
