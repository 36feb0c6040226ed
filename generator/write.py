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
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


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


def write_pages(docs_dir: Path, pages: dict[str, bytes | str]) -> WriteResult:
    """pages: path -> new bytes, or -> digest (str) of content the last build already wrote."""
    result = WriteResult()
    old = read_manifest(docs_dir)
    new = {path: data if isinstance(data, str) else _digest(data) for path, data in pages.items()}
    owned = {path for path in new if path in old or not (docs_dir / path).exists()}
    result.protected = sorted(set(new) - owned)
    claimed = {p: "" for p in owned if p not in old}
    if claimed:  # see the module docstring: owned before they appear, trusted only once written
        _save_manifest(docs_dir, {**old, **claimed})
    for path in sorted(owned):
        data = pages[path]
        if isinstance(data, str) or (old.get(path) == new[path] and os.path.exists(docs_dir / path)):
            result.unchanged += 1
            continue
        if path not in claimed:
            atomic_write(docs_dir / path, data)
        else:
            try:
                _write(os.path.join(docs_dir, path), data, _NEW_FILE)
            except FileExistsError:  # someone put a file there while this build ran: theirs
                owned.discard(path)
                result.protected.append(path)
                continue
        result.written.append(path)
    for path in sorted(set(old) - set(new)):
        (docs_dir / path).unlink(missing_ok=True)
        result.removed.append(path)
        _prune_empty_dirs((docs_dir / path).parent, docs_dir)
    _save_manifest(docs_dir, {p: new[p] for p in owned})
    return result


def _prune_empty_dirs(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
