"""Content-hash cache of extracted Articles, for incremental builds.

An article is re-read and re-extracted only when its bytes, its path, the
taxonomy or the generator's code change. The cache keeps:
  * slim records: everything the index pages need, without the body (`slim=True`);
    an unchanged article's page is not re-rendered, so its body is not needed, and
    a slim record that must be rendered again is simply re-extracted;
  * each source's (mtime, size) -> sha256, so unchanged files are not re-hashed;
  * each generated page's (mtime, size) -> sha256 as written, so a page is trusted only
    while the file on disk is still the one the build wrote (generator.write);
  * each index page's inputs fingerprint, so a page whose inputs did not change is not re-rendered.

One file next to the project (git-ignored, restored by the Pages workflow): data, never code.
It is a series of frames, each its length, a CRC-32 of its bytes and the bytes, MessagePack
decoded by msgspec straight into the model's dataclasses with every field's type checked. The
first frame stamps the format, the code and the taxonomy; each later frame is a change to the
tables above. The first build writes one change holding everything, later builds append what
changed, so adding today's article does not rewrite the records of ten thousand others. After
COMPACT_AFTER appended changes the file is rewritten whole. A missing cache is simply rebuilt;
a damaged one (cut short, a flipped byte, a wrong type, an impossible value) is rebuilt with
one notice.

The same folder holds the build lock: two builds of one project (mkdocs serve and
`briefing build`, say) take turns instead of racing on the generated pages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import fcntl
import hashlib
import os
import stat
import struct
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Generic, TypeVar

import msgspec

from generator.display import not_a_file
from generator.model import Article
from generator.write import atomic_write, is_segment, read_regular, remove_leftovers

FORMAT = 8  # bump when the cache's layout changes
COMPACT_AFTER = 32  # appended changes before the file is rewritten whole
FILE = "articles.msgpack"
LOCK = "build.lock"
_FRAME = struct.Struct(">II")  # payload length, CRC-32 of the payload
_LEVELS = frozenset({"primary", "mentioned"})  # the keys of Article.topics

V = TypeVar("V")
Stat = tuple[int, int, str]  # (mtime_ns, size, sha256) of a file


class Table(msgspec.Struct, Generic[V], array_like=True):
    """A change to one table of the cache: entries set, keys removed."""

    set: dict[str, V] = {}
    removed: list[str] = []


class Change(msgspec.Struct, array_like=True):
    records: msgspec.Raw  # a Table[Article], decoded only when the stamp says the records are still good
    stats: Table[Stat]
    page_stats: Table[Stat]
    page_inputs: Table[str]


_STAMP = msgspec.msgpack.Decoder(tuple[int, str, tuple[tuple[str, str], ...]])
_CHANGE = msgspec.msgpack.Decoder(Change)
_RECORDS = msgspec.msgpack.Decoder(Table[Article])
_encode = msgspec.msgpack.Encoder().encode


class Damaged(ValueError):
    """The cache file is not what a build wrote."""


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


def _frame(value: object) -> bytes:
    payload = _encode(value)
    return _FRAME.pack(len(payload), zlib.crc32(payload)) + payload


def _frames(data: bytes) -> Iterator[memoryview]:
    view, offset = memoryview(data), 0
    while offset < len(view):
        if offset + _FRAME.size > len(view):
            raise Damaged("cut short")
        length, crc = _FRAME.unpack_from(view, offset)
        payload = view[offset + _FRAME.size:offset + _FRAME.size + length]
        if len(payload) != length or zlib.crc32(payload) != crc:
            raise Damaged("cut short or altered")
        yield payload
        offset += _FRAME.size + length


def _changes(old: dict[str, V], new: dict[str, V]) -> Table[V]:
    """What turns `old` into `new`."""
    return Table({k: v for k, v in new.items() if k not in old or old[k] != v}, [k for k in old if k not in new])


def _apply(target: dict[str, V], change: Table[V]) -> None:
    target.update(change.set)
    for key in change.removed:
        target.pop(key, None)


def _plausible(source: str, article: Article) -> bool:
    """What later stages build paths from or parse is what extraction makes: a crafted file
    with well-typed nonsense in it is damaged, not a page outside content/ or a crash."""
    try:
        date_ok = article.date is None or dt.date.fromisoformat(article.date).isoformat() == article.date
    except ValueError:
        return False
    return (date_ok and article.source == source and article.slim and set(article.topics) == _LEVELS
            and (article.weekday is None or 0 <= article.weekday <= 6)
            and (not article.slug or is_segment(article.slug))
            and all(is_segment(mention.id) for mention in article.actors))


class ArticleCache:
    def __init__(self, directory: Path, taxonomy_digests: dict[str, str]):
        self.path = directory / FILE
        self.stamp = (FORMAT, code_version(), tuple(sorted(taxonomy_digests.items())))
        self.entries: dict[str, Article] = {}  # source -> its record
        self.stats: dict[str, Stat] = {}  # source -> (mtime_ns, size, sha256)
        self.page_stats: dict[str, Stat] = {}  # generated page -> (mtime_ns, size, sha256) as written
        self.page_inputs: dict[str, str] = {}  # index page -> fingerprint of what it showed (render.Renderer.site)
        self.valid = False  # False: no usable records, so the last build's pages cannot be trusted either
        self.appended = 0  # changes appended since the last whole snapshot
        self.notices: list[str] = []
        self.saving = True  # False: the folder cannot be written (build_lock), so `store` does not try
        try:
            self._load(read_regular(self.path))
        except (FileNotFoundError, NotADirectoryError):  # no cache yet, or no folder for one (build_lock says so)
            pass
        except OSError as err:
            self.notices.append(f"{self.path}: cannot be read ({err.strerror or err}); built from the articles")
        except (msgspec.DecodeError, Damaged) as err:  # ValidationError is a DecodeError
            self.entries, self.stats, self.page_stats, self.page_inputs, self.valid = {}, {}, {}, {}, False
            self.notices.append(f"{self.path}: damaged ({err}); rebuilt from the articles")
        self.loaded_pages = {source: (a.page_path, a.page_digest) for source, a in self.entries.items()}
        self.fresh: dict[str, Article] = {}
        self.fresh_stats: dict[str, Stat] = {}
        self.fresh_page_stats: dict[str, Stat] = {}
        self.fresh_page_inputs: dict[str, str] = {}
        self.unhashed: dict[str, tuple[int, int]] = {}  # source -> (mtime_ns, size), until `put` brings its digest

    def _load(self, data: bytes) -> None:
        frames = _frames(data)
        stamp = _STAMP.decode(next(frames, b""))
        if stamp[0] != FORMAT:
            return  # another version's layout: nothing in it can be read
        records_good = stamp == self.stamp
        entries: dict[str, Article] = {}
        for payload in frames:
            change = _CHANGE.decode(payload)
            if records_good:
                _apply(entries, _RECORDS.decode(change.records))
                _apply(self.page_inputs, change.page_inputs)
            _apply(self.stats, change.stats)  # facts about files: still good after a code change
            _apply(self.page_stats, change.page_stats)
            self.appended += 1
        if not self.appended:
            raise Damaged("cut short")
        if not all(_plausible(source, article) for source, article in entries.items()):
            raise Damaged("a record no build makes")
        self.appended -= 1  # the first change is the snapshot
        self.entries, self.valid = entries, records_good

    def lookup(self, path: str, source: str) -> Article | None:
        """The record of this file if its bytes are unchanged. A file without a record is not
        hashed here (a cold build would read every file twice): the worker that extracts it
        hashes the bytes it reads, and `put` files the digest."""
        info = os.stat(path)
        record = self.entries.get(source)
        if record is None:
            self.unhashed[source] = (info.st_mtime_ns, info.st_size)
            return None
        if record.digest != self._digest(path, source, info):
            return None
        self.fresh[source] = record
        return record

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
        self.fresh[article.source] = article
        if (stat := self.unhashed.pop(article.source, None)) is not None:
            self.fresh_stats[article.source] = (*stat, article.digest)

    def serialised(self) -> tuple[bool, bytes] | None:
        """What `store` writes, as (whole, data): the whole cache, or the change to append to
        it; None when nothing changed. Only what this build used is kept: deleted sources
        leave the cache too."""
        records = {source: a if a.slim else slim(a) for source, a in self.fresh.items()}
        if not self.valid or self.appended >= COMPACT_AFTER:
            snapshot = Change(msgspec.Raw(_encode(Table(records))), Table(self.fresh_stats),
                              Table(self.fresh_page_stats), Table(self.fresh_page_inputs))
            return True, _frame(self.stamp) + _frame(snapshot)
        moved = _changes(self.loaded_pages, {source: (a.page_path, a.page_digest) for source, a in records.items()})
        change = Change(msgspec.Raw(_encode(Table({source: records[source] for source in moved.set}, moved.removed))),
                        _changes(self.stats, self.fresh_stats), _changes(self.page_stats, self.fresh_page_stats),
                        _changes(self.page_inputs, self.fresh_page_inputs))
        if moved.set or moved.removed or any(t.set or t.removed for t in (change.stats, change.page_stats,
                                                                          change.page_inputs)):
            return False, _frame(change)
        return None

    def store(self, serialised: tuple[bool, bytes] | None) -> str | None:
        """Writes what `serialised` made; called once the pages the records describe are written.
        A cache that cannot be written costs the next build its speed, not this build: the
        problem comes back as a notice line."""
        if serialised is None or not self.saving:
            return None
        whole, data = serialised
        try:
            remove_leftovers(self.path.parent)
            if whole:
                atomic_write(self.path, data)
            else:
                with open(self.path, "ab") as handle:  # a crash mid-append leaves a cut-short frame: rebuilt next time
                    handle.write(data)
        except OSError as err:
            return f"{self.path}: cache not saved ({err.strerror or err}); the next build starts from scratch"
        return None


@contextlib.contextmanager
def build_lock(directory: Path) -> Iterator[str | None]:
    """Held for a whole build: a second build of the same project waits for the first, saying so
    in one line. Yields None, or the notice that the folder cannot be written (read-only, or a
    file in its place): that does not stop the build, which then runs unguarded and saves no cache."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle = _lock_file(directory / LOCK)
    except OSError as err:
        yield (f"{directory}: the cache folder cannot be written ({err.strerror or err}); the cache is not "
               "saved, and builds running at once may clash")
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"briefing: another build of this project is running; waiting for it ({directory / LOCK})",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield None  # the lock goes with the file's closing


def _lock_file(path: Path):
    """The lock file opened for appending, refused unless it is a regular file (opening a named
    pipe for writing waits for a reader)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o644)
    handle = open(fd, "a")  # noqa: SIM115 (held until the build ends)
    if not stat.S_ISREG(mode := os.fstat(fd).st_mode):
        handle.close()
        raise OSError(errno.EINVAL, not_a_file(mode), os.fspath(path))
    return handle
