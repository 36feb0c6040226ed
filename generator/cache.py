"""Content-hash cache of extracted Articles.

An article is re-read and re-extracted only when its bytes, its path, the
taxonomy or the generator version change. Stored as one pickle next to the
project (git-ignored); a missing or unreadable cache is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from generator.model import Article
from generator.write import atomic_write

FORMAT = 1  # bump when Article or extraction rules change shape


def code_version() -> str:
    """Hash of the generator's own source, so a code change invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ArticleCache:
    def __init__(self, directory: Path, taxonomy_digests: dict[str, str]):
        self.path = directory / "articles.pickle"
        self.stamp = (FORMAT, code_version(), tuple(sorted(taxonomy_digests.items())))
        self.entries: dict[tuple[str, str], Article] = {}
        try:
            stamp, entries = pickle.loads(self.path.read_bytes())
            if stamp == self.stamp:
                self.entries = entries
        except (FileNotFoundError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            pass
        self.fresh: dict[tuple[str, str], Article] = {}

    def get(self, source: str, digest: str) -> Article | None:
        article = self.entries.get((source, digest))
        if article is not None:
            self.fresh[(source, digest)] = article
        return article

    def put(self, article: Article) -> None:
        self.fresh[(article.source, article.digest)] = article

    def save(self) -> None:
        """Keep only what this build used: deleted sources leave the cache too."""
        atomic_write(self.path, pickle.dumps((self.stamp, self.fresh), protocol=pickle.HIGHEST_PROTOCOL))
