"""Read stage: source bytes -> RawArticle.

One reader per input format, chosen by file suffix. Both accept an optional
YAML front-matter block whose fields override what extraction finds, so
corrections live beside the source. Decoding is strict: UTF-8 (with or
without BOM), UTF-16 with BOM, or an encoding charset-normalizer is confident
about; anything else is refused with the cause.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from generator.display import not_a_file
from generator.model import InputError, RawArticle
from generator.yamldata import load_data

MAX_BYTES = 5 * 1024 * 1024  # a news article is a few KB; 5 MB is a mis-saved file
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}

# Front-matter fields a user may set, with the type each must have.
_FRONT_MATTER = frontmatter.default_handlers.YAMLHandler()  # splits '---' blocks; we load and check the YAML

OVERRIDE_TYPES: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "date": (str, dt.date),
    "outlet": str,
    "author": str,
    "url": str,
    "summary": str,
    "language": str,
    "actors": list,
    "topics": list,
}


def read_article(path: Path, display: Path | None = None) -> RawArticle:
    """Read one source file. Raises InputError with the cause for unusable files."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported file type {path.suffix or '(none)'}; use .txt or .md")
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the read below
        raise InputError(not_a_file(info.st_mode))
    size = info.st_size
    if size > MAX_BYTES:
        raise InputError(f"file is {size / 2**20:.1f} MB; articles over {MAX_BYTES // 2**20} MB are refused")
    data = path.read_bytes()
    text, encoding = decode(data)
    if not text.strip():
        raise InputError("file is empty")
    overrides, body, problems = split_front_matter(text, fmt)
    if not body.strip() and "title" not in overrides:
        raise InputError("file has front matter but no article text")
    return RawArticle(
        source=display or path,
        text=body,
        format=fmt,
        overrides=overrides,
        encoding=encoding,
        digest=hashlib.sha256(data).hexdigest(),
        problems=tuple(problems),
    )


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Line endings are normalised to \\n."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _newlines(data[3:].decode("utf-8", errors="strict")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _newlines(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as err:
            raise InputError(f"invalid UTF-16 text ({err.reason})") from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not article text")
    try:
        return _newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported only when needed: most files are UTF-8, and it is slow to load

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("not UTF-8 and no text encoding could be detected")
    return _newlines(str(best)), best.encoding


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, fmt: str = "markdown") -> tuple[dict[str, Any], str, list[str]]:
    """Return (valid overrides, body, problems). Front matter opens with a line that is exactly
    '---'. In a raw .txt page, a block that is not a mapping is page text (rules around a
    headline), not front matter; in a curated .md it is an error."""
    if text.split("\n", 1)[0].rstrip() != "---":
        return {}, text, []
    try:
        block, body = _FRONT_MATTER.split(text)
        meta = load_data(block.removeprefix("\n"))  # the block starts on the line after the opening ---
    except ValueError:  # an opening '---' with no closing one: not front matter, just text
        return {}, text, []
    except yaml.YAMLError as err:
        raise InputError(f"malformed front matter{_where(err)}") from None
    if meta is None:
        return {}, body, []
    if not isinstance(meta, dict):
        if fmt == "text":
            return {}, text, []
        raise InputError("front matter must be a mapping of field: value")
    overrides: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in meta.items():
        expected = OVERRIDE_TYPES.get(str(key))
        if expected is None:
            problems.append(f"front matter field '{key}' is not known and was ignored")
        elif value is None:
            continue
        elif not isinstance(value, expected):
            problems.append(f"front matter field '{key}' has the wrong type ({type(value).__name__}); ignored")
        elif key == "date" and (iso := _iso_date(value)) is None:
            problems.append(f"front matter date {value!r} is not a date (write YYYY-MM-DD); ignored")
        else:
            overrides[str(key)] = _iso_date(value) if key == "date" else value
    return overrides, body, problems


def _where(err: yaml.YAMLError) -> str:
    """' at line N: cause (context at line M)', counted in the file (the opening '---' is line 1)."""
    mark = getattr(err, "problem_mark", None)
    where = f" at line {mark.line + 2}" if mark is not None else ""
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context, context_mark = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context and context_mark is not None:
        problem += f" ({context} that starts at line {context_mark.line + 2})"
    return f"{where}: {problem}"


def _iso_date(value: str | dt.date) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None
