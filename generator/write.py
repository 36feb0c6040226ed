"""Writing generated pages into docs_dir safely.

* Only files whose bytes changed are written (mkdocs serve does not loop, and
  an incremental build touches only what it must). Whether a file changed is
  decided by the file on disk, never by a record alone: each page's (mtime, size)
  and digest as written are kept in the cache, and a page whose file no longer has
  that mtime and size is hashed again. So a page an interrupted build left behind,
  or one changed by hand, is rewritten, and a build that fails and is run again
  (mkdocs serve) rewrites nothing it already wrote.
* A changed file is written to a temporary name and renamed: a reader never sees
  half a page. A new file is created in place (half the file-system work on a first
  build of thousands of pages); it has no earlier version a crash could spoil.
  Temporary files a killed build left are removed by the next one.
* Generated files are listed in a manifest with their digests. A file at a generated
  path that the manifest does not list was written by a person: it is reported,
  never overwritten, unless it carries the generator's own mark (front matter with a
  `briefing:` kind, which every generated page has), so a lost manifest loses nothing.
  New paths are claimed (listed with no digest) before they appear, and every digest
  is updated at the end: an interrupted build still owns what it began.
* The manifest is input like any other: only relative paths inside the generated
  folders are honoured (never `..`, an absolute path, a backslash or a NUL), and a
  manifest that is not an object of path -> digest strings is treated as lost.
* A folder or disk that refuses a write ends the build with model.BuildError: one line
  naming the path and the cause.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.display import not_a_file
from generator.model import BuildError

MANIFEST = ".briefing-manifest.json"
GENERATED_FOLDERS = frozenset({"articles", "actors", "topics", "dates", "outlets", "stories"})
GENERATED_FILES = frozenset({"index.md"})
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL  # a file that appeared meanwhile is not overwritten
NAME_MAX, MAX_PATH_BYTES = 255, 1024  # bytes: Linux's limit for one name; generated paths are far shorter
_LEFTOVER = re.compile(r"\.tmp-\d+-")  # atomic_write's temporary names
_SEGMENT_PATTERN = r"(?!\.\.?(?:/|$))[^/\\\0]+"  # not empty, not . or .., no separator or NUL
_SEGMENT = re.compile(_SEGMENT_PATTERN)
_GENERATED = re.compile("|".join(map(re.escape, GENERATED_FILES)) + "|(?:" + "|".join(GENERATED_FOLDERS)
                        + f")(?:/{_SEGMENT_PATTERN})+(?<=\\.md)")
# A generated page's front matter (render.front_matter: one `key: JSON` line each) names its kind.
_MARK = re.compile(rb'---\n(?:(?!---\n)[^\n]*\n)*?briefing: "[a-z]+"\n')

Stat = tuple[int, int, str]  # (mtime_ns, size, sha256) of a file as written


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)  # hand-written files left alone
    notices: list[str] = field(default_factory=list)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_segment(name: str) -> bool:
    """One path component that stays where it is put."""
    return _SEGMENT.fullmatch(name) is not None


def is_generated(path: object) -> bool:
    """A path (relative to docs_dir) where the generator may write or delete a page, and that a
    file can have (a manifest entry may be any string)."""
    return isinstance(path, str) and _GENERATED.fullmatch(path) is not None and _fits(path)


def _fits(path: str) -> bool:
    """Short enough for the file system: no name over NAME_MAX bytes, the whole well under PATH_MAX."""
    parts = [part.encode(errors="surrogatepass") for part in path.split("/")]
    return all(len(part) <= NAME_MAX for part in parts) and sum(map(len, parts)) + len(parts) <= MAX_PATH_BYTES


def read_regular(path: str | Path) -> bytes:
    """The bytes of the regular file at `path`; OSError (EINVAL, saying what is there) for
    anything else: a named pipe in place of the cache, manifest or a page blocks a read for
    good, and a link to /dev/zero never ends one."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a named pipe does not wait for a writer
    with open(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, not_a_file(mode), os.fspath(path))
        return handle.read()


def atomic_write(path: Path, data: bytes) -> tuple[int, int]:
    """Write beside the target, then rename: a reader (mkdocs serve) never sees half a file.
    The temporary name starts with a dot (MkDocs skips dotfiles) and carries the process id,
    so two builds never share one. Returns the file's (mtime_ns, size)."""
    tmp = os.path.join(path.parent, f".tmp-{os.getpid()}-{path.name}")
    written = _write(tmp, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def _write(path: str, data: bytes, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> tuple[int, int]:
    """The folder is made only when the first open fails: one system call per file, not two.
    A file cut short (a full disk) is removed. Returns the file's (mtime_ns, size)."""
    try:
        fd = os.open(path, flags, 0o644)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, flags, 0o644)
    try:  # os.write rather than a file object: this runs for every page of a first build
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        info = os.fstat(fd)
    except BaseException:
        os.close(fd)
        os.unlink(path)
        raise
    os.close(fd)
    return info.st_mtime_ns, info.st_size


def remove_leftovers(directory: Path) -> None:
    """Removes the temporary files of writes a killed build did not finish."""
    try:
        with os.scandir(directory) as entries:
            leftovers = [entry.path for entry in entries if _LEFTOVER.match(entry.name)]
    except (FileNotFoundError, NotADirectoryError):
        return
    for leftover in leftovers:
        os.unlink(leftover)


def read_manifest(docs_dir: Path) -> dict[str, str]:
    """The last build's pages: path -> digest."""
    return _manifest_and_notices(docs_dir)[0]


def _manifest_and_notices(docs_dir: Path) -> tuple[dict[str, str], list[str]]:
    where = docs_dir / MANIFEST
    try:
        manifest = json.loads(read_regular(where))
    except FileNotFoundError:
        return {}, []
    except (OSError, ValueError, RecursionError) as err:  # RecursionError: [[[[... nested too deep
        return {}, [f"{where}: unreadable ({getattr(err, 'strerror', None) or err}); generated pages are "
                    "recognised by their front matter"]
    if not isinstance(manifest, dict) or not all(isinstance(d, str) for d in manifest.values()):
        return {}, [f"{where}: not an object of page paths and digests; generated pages are recognised "
                    "by their front matter"]
    foreign = sorted(path for path in manifest if not is_generated(path))
    notices = [f"{where}: {len(foreign)} entries outside the generated folders ignored (first: {foreign[0]!r})"
               ] if foreign else []
    return {path: digest for path, digest in manifest.items() if path not in foreign}, notices


def _save_manifest(docs_dir: Path, manifest: dict[str, str]) -> None:
    """Written only when it changes: mkdocs serve watches docs_dir, and any write would rebuild."""
    # One entry a line, by json's C encoder (any `indent` would select its ten times slower Python one).
    data = json.dumps(dict(sorted(manifest.items())), separators=(",\n", ": ")).encode()
    path = docs_dir / MANIFEST
    with _refused_as_build_error(path):
        if not path.is_file() or path.read_bytes() != data:
            atomic_write(path, data)


@contextlib.contextmanager
def _refused_as_build_error(target: Path) -> Iterator[None]:
    """An OSError while writing `target` becomes the one line a user can act on."""
    try:
        yield
    except NotADirectoryError:
        blocking = next((p for p in target.parents if p.is_file()), target)
        raise BuildError(f"{blocking}: a file where the generator writes a folder; move it away") from None
    except OSError as err:
        raise BuildError(f"{target}: cannot be written ({err.strerror or err})") from None


class PageWriter:
    """Writes one build's pages. `last` tells which pages on disk are still what the last build
    left; `start` claims every new path (see the module docstring); pages are then written
    in any order, and `finish` removes the files the build no longer makes and records every
    digest. `page_stats` is then what the cache keeps for the next build's `last`."""

    def __init__(self, docs_dir: Path, recorded: dict[str, Stat]):
        self.docs_dir = docs_dir
        self.recorded = recorded
        self.old, notices = _manifest_and_notices(docs_dir)
        self.result = WriteResult(notices=notices)
        self.page_stats: dict[str, Stat] = {}
        self.paths: set[str] = set()
        self.owned: set[str] = set()
        self.absent: set[str] = set()

    def last(self, path: str) -> str | None:
        """The digest of the page the last build left at `path`, if the file there still is that page."""
        recorded = self.recorded.get(path)
        return recorded[2] if recorded and self._on_disk(path) == recorded[2] else None

    def _on_disk(self, path: str) -> str | None:
        """Digest of the file at `path`: recorded, while its mtime and size are those recorded; else hashed."""
        full = os.path.join(self.docs_dir, path)
        try:
            info = os.stat(full)
            recorded = self.recorded.get(path)
            if recorded and recorded[:2] == (info.st_mtime_ns, info.st_size):
                digest = recorded[2]
            else:
                digest = _digest(read_regular(full))
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        except OSError as err:
            if err.errno != errno.EINVAL:
                raise
            return None  # a named pipe or a device where a page was: not the page written there
        self.page_stats[path] = (info.st_mtime_ns, info.st_size, digest)
        return digest

    def start(self, paths: Iterable[str]) -> None:
        self.paths = set(paths)
        refused = sorted(path for path in self.paths if not is_generated(path))
        if refused:  # a bug or a crafted name upstream: never write outside the generated folders
            raise BuildError(f"{self.docs_dir / refused[0]}: not a page path inside the generated folders; refused")
        self.absent = {path for path in self.paths - self.old.keys() if not self._present(path)}
        self.owned = {path for path in self.paths if path in self.old or path in self.absent or self._marked(path)}
        self.result.protected = sorted(self.paths - self.owned)
        with _refused_as_build_error(self.docs_dir):
            for directory in {os.path.dirname(path) for path in self.paths | self.old.keys()}:
                remove_leftovers(self.docs_dir / directory)
        if claimed := self.owned - self.old.keys():  # owned before they appear, trusted only once written
            _save_manifest(self.docs_dir, {**self.old, **dict.fromkeys(claimed, "")})

    def write(self, path: str, data: bytes | str) -> None:
        """data: the page, or the digest (str) `last` found on disk."""
        if path not in self.owned:
            return
        if isinstance(data, str):
            digest = data
        elif path in self.absent:
            digest = _digest(data)
            with _refused_as_build_error(self.docs_dir / path):
                try:
                    self._wrote(path, digest, _write(os.path.join(self.docs_dir, path), data, _NEW_FILE))
                except FileExistsError:  # someone put a file there while this build ran: theirs
                    self.owned.discard(path)
                    self.result.protected.append(path)
            return
        elif self._on_disk(path) == (digest := _digest(data)):
            pass
        else:
            with _refused_as_build_error(self.docs_dir / path):
                self._wrote(path, digest, atomic_write(self.docs_dir / path, data))
            return
        self.result.unchanged += 1

    def _wrote(self, path: str, digest: str, stat: tuple[int, int]) -> None:
        self.page_stats[path] = (*stat, digest)
        self.result.written.append(path)

    def _present(self, path: str) -> bool:
        return os.path.lexists(os.path.join(self.docs_dir, path))

    def _marked(self, path: str) -> bool:
        """Whether the file at `path` is a page the generator wrote (a manifest lost or damaged)."""
        try:
            return _MARK.match(read_regular(os.path.join(self.docs_dir, path))) is not None
        except OSError:
            return False

    def finish(self) -> WriteResult:
        for path in sorted(self.old.keys() - self.paths):
            target = self.docs_dir / path
            with _refused_as_build_error(target):
                if not _unlink(target):
                    continue
                _prune_empty_dirs(target.parent, self.docs_dir)
            self.result.removed.append(path)
        _save_manifest(self.docs_dir, {path: self.page_stats[path][2] for path in self.owned})
        self.page_stats = {path: self.page_stats[path] for path in self.owned}
        self.result.written.sort()
        self.result.protected.sort()
        return self.result


def _unlink(target: Path) -> bool:
    """Remove a page the last build listed; False when no file can be at that path (a manifest
    entry below a file, "actors/index.md/x.md"): there is nothing to remove."""
    try:
        target.unlink(missing_ok=True)
    except NotADirectoryError:
        return False
    return True


def _prune_empty_dirs(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
