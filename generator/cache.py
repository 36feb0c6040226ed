"""Content-hash cache of extracted Articles, for incremental builds.

An article is re-read and re-extracted only when its bytes, its path, the
taxonomy or the generator's code change. The cache keeps:
  * slim records: everything the index pages need, without the body (`slim=True`);
    an unchanged article's page is not re-rendered, so its body is not needed, and
    a slim record that must be rendered again is simply re-extracted;
  * each source's (mtime, size) -> sha256, so unchanged files are not re-hashed;
  * each index page's inputs fingerprint, so a page whose inputs did not change is not re-rendered.
One pickle next to the project (git-ignored); a missing or unreadable cache is rebuilt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from pathlib import Path

from generator.model import Article
from generator.write import atomic_write

FORMAT = 4  # bump when the cache's layout changes


def code_version() -> str:
    """Hash of the generator's code and templates, so changing either invalidates the cache."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("templates/*.j2")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def slim(article: Article) -> Article:
    return dataclasses.replace(
        article, blocks=[], dropped=[], slim=True,
        quotes=[dataclasses.replace(q, paragraph="") for q in article.quotes],
    )


class ArticleCache:
    def __init__(self, directory: Path, taxonomy_digests: dict[str, str]):
        self.path = directory / "articles.pickle"
        self.stamp = (FORMAT, code_version(), tuple(sorted(taxonomy_digests.items())))
        self.entries: dict[tuple[str, str], Article] = {}
        self.stats: dict[str, tuple[int, int, str]] = {}  # source -> (mtime_ns, size, sha256)
        self.page_inputs: dict[str, str] = {}  # index page -> fingerprint of what it showed (render.Renderer.site)
        self.valid = False  # False: no usable cache, so the last build's pages cannot be trusted either
        try:
            stamp, self.stats, entries, page_inputs = pickle.loads(self.path.read_bytes())
            if stamp == self.stamp:
                self.entries, self.page_inputs, self.valid = entries, page_inputs, True
        except (FileNotFoundError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            self.stats = {}
        self.fresh: dict[tuple[str, str], Article] = {}
        self.fresh_stats: dict[str, tuple[int, int, str]] = {}
        self.fresh_page_inputs: dict[str, str] = {}

    def digest(self, path: Path, source: str) -> str:
        """sha256 of the file, re-hashed only when its size or modification time changed."""
        info = os.stat(path)
        known = self.stats.get(source)
        if known and known[:2] == (info.st_mtime_ns, info.st_size):
            digest = known[2]
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.fresh_stats[source] = (info.st_mtime_ns, info.st_size, digest)
        return digest

    def get(self, source: str, digest: str) -> Article | None:
        article = self.entries.get((source, digest))
        if article is not None:
            self.fresh[(source, digest)] = article
        return article

    def put(self, article: Article) -> None:
        self.fresh[(article.source, article.digest)] = article

    def save(self) -> None:
        """Keep only what this build used: deleted sources leave the cache too."""
        if (self.valid and self.fresh.keys() == self.entries.keys() and self.fresh_stats == self.stats
                and self.fresh_page_inputs == self.page_inputs and all(a.slim for a in self.fresh.values())):
            return  # nothing changed: skip rewriting the whole cache
        records = {key: a if a.slim else slim(a) for key, a in self.fresh.items()}
        state = (self.stamp, self.fresh_stats, records, self.fresh_page_inputs)
        atomic_write(self.path, pickle.dumps(state, pickle.HIGHEST_PROTOCOL))
