"""Writing generated pages into docs_dir safely.

* Only files whose bytes changed are written (mkdocs serve does not loop, and
  an incremental build touches only what it must).
* A changed file is written to a temporary name and renamed: a reader never sees
  half a page. A new file is created in place (half the file-system work on a first
  build of thousands of pages); it has no earlier version a crash could spoil.
* Generated files are listed in a manifest with their digests. A file at a generated
  path that the manifest does not list was written by a person: it is reported,
  never overwritten. New paths are claimed (listed with no digest) before they
  appear, and every digest is updated at the end: an interrupted build still owns
  what it began, and the next build rewrites every page it did not finish.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".briefing-manifest.json"
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL  # a file that appeared meanwhile is not overwritten


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)  # hand-written files left alone


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader (mkdocs serve) never sees half a file.
    The temporary name starts with a dot (MkDocs skips dotfiles) and carries the process id,
    so two builds never share one."""
    tmp = os.path.join(path.parent, f".tmp-{os.getpid()}-{path.name}")
    try:
        _write(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write(path: str, data: bytes, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> None:
    """The folder is made only when the first open fails: one system call per file, not two."""
    try:
        fd = os.open(path, flags, 0o644)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, flags, 0o644)
    try:  # os.write rather than a file object: this runs for every page of a first build
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def read_manifest(docs_dir: Path) -> dict[str, str]:
    try:
        return json.loads((docs_dir / MANIFEST).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _save_manifest(docs_dir: Path, manifest: dict[str, str]) -> None:
    """Written only when it changes: mkdocs serve watches docs_dir, and any write would rebuild."""
    # One entry a line, by json's C encoder (any `indent` would select its ten times slower Python one).
    data = json.dumps(dict(sorted(manifest.items())), separators=(",\n", ": ")).encode()
    path = docs_dir / MANIFEST
    if not path.exists() or path.read_bytes() != data:
        atomic_write(path, data)


class PageWriter:
    """Writes one build's pages. Making it claims every new path (see the module docstring);
    pages are then written in any order, and `finish` removes the files the build no longer
    makes and records every digest."""

    def __init__(self, docs_dir: Path, paths: Iterable[str]):
        self.docs_dir = docs_dir
        self.paths = set(paths)
        self.old = read_manifest(docs_dir)
        self.owned = {path for path in self.paths if path in self.old or not self._present(path)}
        self.claimed = self.owned - self.old.keys()
        self.digests: dict[str, str] = {}
        self.result = WriteResult(protected=sorted(self.paths - self.owned))
        if self.claimed:  # owned before they appear, trusted only once written
            _save_manifest(docs_dir, {**self.old, **dict.fromkeys(self.claimed, "")})

    def write(self, path: str, data: bytes | str) -> None:
        """data: the page, or the digest (str) of what the last build already wrote there."""
        if path not in self.owned:
            return
        digest = data if isinstance(data, str) else _digest(data)
        self.digests[path] = digest
        if isinstance(data, str) or (self.old.get(path) == digest and self._present(path)):
            self.result.unchanged += 1
        elif path not in self.claimed:
            atomic_write(self.docs_dir / path, data)
            self.result.written.append(path)
        else:
            try:
                _write(os.path.join(self.docs_dir, path), data, _NEW_FILE)
                self.result.written.append(path)
            except FileExistsError:  # someone put a file there while this build ran: theirs
                self.owned.discard(path)
                self.result.protected.append(path)

    def _present(self, path: str) -> bool:
        return os.path.exists(os.path.join(self.docs_dir, path))

    def finish(self) -> WriteResult:
        for path in sorted(self.old.keys() - self.paths):
            (self.docs_dir / path).unlink(missing_ok=True)
            self.result.removed.append(path)
            _prune_empty_dirs((self.docs_dir / path).parent, self.docs_dir)
        _save_manifest(self.docs_dir, {path: self.digests[path] for path in self.owned})
        self.result.written.sort()
        self.result.protected.sort()
        return self.result


def _prune_empty_dirs(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
